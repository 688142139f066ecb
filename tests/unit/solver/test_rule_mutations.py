"""The mutation check: taking any rule out of the solver's registry makes its own tests fail.

A rule whose tests still pass without it is either enforced somewhere else (so its module is not its
one place) or tested on an instance too easy to need it. For every rule id of the registry this runs
only that rule's tests, listed below, in a fresh pytest process with the rule removed, and asserts
that every one of them fails. (The FET solver has no rule registry to remove rules from.)
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dlplanner.solver import HARD_RULES, SOFT_RULES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
HARD = "tests/unit/solver/test_hard_rules.py"
SOFT = "tests/unit/solver/test_soft_rules.py"

# rule id -> the tests that must fail when the rule is taken out of the solver
RULE_TESTS: dict[str, list[str]] = {
    "teacher_clash": [f"{HARD}::test_teacher_clash"],
    "cohort_clash": [
        f"{HARD}::test_cohort_clash",
        f"{HARD}::test_cohort_clash_lets_advisories_of_one_cohort_sit_together",
    ],
    "room_clash": [f"{HARD}::test_room_clash"],
    "meeting_count": [f"{HARD}::test_meeting_count"],
    "meeting_length": [f"{HARD}::test_meeting_length_double_block_absorbs_passing_time"],
    "class_time": [f"{HARD}::test_class_time_double_block_never_spans_lunch_unless_allowed"],
    "teacher_available": [f"{HARD}::test_teacher_available"],
    "room_fit": [f"{HARD}::test_room_fit"],
    "campus_travel": [f"{HARD}::test_campus_travel", f"{HARD}::test_campus_travel_follows_each_advisory_of_a_cohort"],
    "teacher_assignment": [f"{HARD}::test_teacher_assignment_pool_load_and_team_teaching"],
    "advisory_time": [f"{HARD}::test_advisory_time"],
    "internship_window": [f"{HARD}::test_internship_window"],
    "team_planning": [f"{HARD}::test_team_planning_needs_members_free_at_once"],
    "looping_hard": [f"{HARD}::test_looping_hard_keeps_last_years_subject_teacher_and_team"],
    "pinned": [f"{HARD}::test_pinned_placement_comes_back_exactly"],
    "spread_days": [f"{SOFT}::test_spread_days", f"{SOFT}::test_spread_days_penalised_when_unavoidable"],
    "subject_twice_daily": [
        f"{SOFT}::test_subject_twice_daily",
        f"{SOFT}::test_subject_twice_daily_counts_each_term_apart",
    ],
    "teacher_gaps": [f"{SOFT}::test_teacher_gaps", f"{SOFT}::test_teacher_gaps_counts_each_term_apart"],
    "consecutive_teaching": [
        f"{SOFT}::test_consecutive_teaching",
        f"{SOFT}::test_consecutive_teaching_counts_each_term_apart",
    ],
    "teacher_preferences": [f"{SOFT}::test_teacher_preferences"],
    "long_blocks_pbl": [f"{SOFT}::test_long_blocks_pbl"],
    "daily_load_balance": [
        f"{SOFT}::test_daily_load_balance",
        f"{SOFT}::test_daily_load_balance_reports_the_unavoidable_spread",
        f"{SOFT}::test_daily_load_balance_counts_each_term_apart",
        f"{SOFT}::test_daily_load_balance_costs_the_worst_term",
    ],
    "room_changes": [f"{SOFT}::test_room_changes"],
    "looping_soft": [
        f"{SOFT}::test_looping_soft",
        f"{SOFT}::test_looping_soft_penalised_with_the_rules_weight_when_broken",
    ],
}

# runs pytest on the given node ids after deleting one rule from the registry the engine reads
_WITHOUT_RULE = """
import sys, pytest
from dlplanner.solver import rules
rule_id = sys.argv[1]
registry = rules.HARD_RULES if rule_id in rules.HARD_RULES else rules.SOFT_RULES
del registry[rule_id]
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[2:]]))
"""


def test_every_rule_of_the_registry_lists_its_tests():
    assert sorted(RULE_TESTS) == sorted([*HARD_RULES, *SOFT_RULES])
    for rule_id, node_ids in RULE_TESTS.items():
        assert node_ids, rule_id


def test_every_listed_test_exists():
    defined: dict[str, set[str]] = {}
    for node_ids in RULE_TESTS.values():
        for node_id in node_ids:
            path, name = node_id.split("::")
            if path not in defined:
                tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
                defined[path] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert name in defined[path], node_id


@pytest.mark.slow
@pytest.mark.parametrize("rule_id", list(RULE_TESTS))
def test_removing_the_rule_fails_its_tests(rule_id: str):
    node_ids = RULE_TESTS[rule_id]
    run = subprocess.run(
        [sys.executable, "-c", _WITHOUT_RULE, rule_id, *node_ids],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    # exit code 1: tests ran and some failed (not 4/5: a wrong node id or nothing collected)
    assert run.returncode == 1, f"without {rule_id}: {summary}"
    failed = re.search(r"(\d+) failed", summary)
    assert failed and int(failed.group(1)) == len(node_ids), f"without {rule_id}, some of its tests pass: {summary}"
