"""The mutation check: taking any rule out of the solver makes its own tests fail.

A rule whose tests still pass without it is either enforced somewhere else (so its module is not its
one place) or tested on an instance too easy to need it. For every rule id of the solver's registry,
only that rule's tests (listed below) run with the rule emptied: its id stays in the registry, so
results still report it, but nothing it does reaches the model (no constraints, no pruning, no
penalty). Every one of them must fail in its test body (the checker or the test's own asserts), not
in setup. All of them run in one fresh pytest process, each with its own rule emptied.

The FET wing's solver (dlplanner/fet/solver) has no registry of rules to take one out of: its model
builder dispatches some constraint types privately and handles the rest inline, and its heuristic
checks constraints on its own, so it is not covered here.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dlplanner.solver import HARD_RULES, SOFT_RULES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
HARD = "tests/unit/solver/test_hard_rules.py"
SOFT = "tests/unit/solver/test_soft_rules.py"
STUDENTS = "tests/unit/solver/test_student_rules.py"

# rule id -> the tests that must fail when the rule is taken out of the solver. Not listed: tests that a
# rule does not over-count (teacher_gaps_counts_each_term_apart, consecutive_teaching_counts_each_term_apart:
# pinned timetables that cost nothing), which an emptied rule, counting nothing, passes too; and
# test_room_changes, where the room pass (solver/rooms.py, not the model) keeps the lab in one room.
RULE_TESTS: dict[str, list[str]] = {
    "teacher_clash": [
        f"{HARD}::test_teacher_clash",
        f"{HARD}::test_teacher_clash_counts_the_sittings_of_a_chosen_advisor",
    ],
    "cohort_clash": [
        f"{HARD}::test_cohort_clash",
        f"{HARD}::test_cohort_clash_lets_advisories_of_one_cohort_sit_together",
    ],
    "room_clash": [f"{HARD}::test_room_clash"],
    "meeting_count": [f"{HARD}::test_meeting_count"],
    "meeting_length": [f"{HARD}::test_meeting_length_double_block_absorbs_passing_time"],
    "class_time": [f"{HARD}::test_class_time_double_block_never_spans_lunch_unless_allowed"],
    "teacher_available": [
        f"{HARD}::test_teacher_available",
        f"{HARD}::test_teacher_available_for_the_sittings_of_a_chosen_advisor",
    ],
    "room_fit": [f"{HARD}::test_room_fit"],
    "campus_travel": [f"{HARD}::test_campus_travel", f"{HARD}::test_campus_travel_follows_each_advisory_of_a_cohort"],
    "teacher_assignment": [f"{HARD}::test_teacher_assignment_pool_load_and_team_teaching"],
    "advisory_time": [f"{HARD}::test_advisory_time"],
    "advisor_choice": [f"{HARD}::test_advisor_choice_from_the_pool_on_the_campus_within_the_limit"],
    "internship_window": [f"{HARD}::test_internship_window"],
    "team_planning": [
        f"{HARD}::test_team_planning_needs_members_free_at_once",
        f"{HARD}::test_team_planning_counts_the_sittings_of_a_chosen_advisor",
    ],
    "team_choice": [f"{HARD}::test_team_choice_takes_its_cohorts_and_teaches_them"],
    "looping_hard": [
        f"{HARD}::test_looping_hard_keeps_last_years_subject_teacher_and_team",
        f"{HARD}::test_looping_hard_keeps_last_years_advisor_of_each_advisory_group",
        f"{HARD}::test_looping_hard_keeps_the_advisor_of_one_advisory",
        f"{HARD}::test_looping_hard_team_takes_back_its_cohort_from_the_pool",
    ],
    "pinned": [f"{HARD}::test_pinned_placement_comes_back_exactly"],
    "student_clash": [
        f"{STUDENTS}::test_student_clash_between_two_open_sections",
        f"{STUDENTS}::test_student_clash_with_the_cohorts_meetings_sittings_and_internship",
    ],
    "section_capacity": [
        f"{STUDENTS}::test_section_capacity",
        f"{STUDENTS}::test_section_capacity_counts_the_cohorts_seats_and_the_room",
    ],
    "spread_days": [f"{SOFT}::test_spread_days", f"{SOFT}::test_spread_days_penalised_when_unavoidable"],
    "subject_twice_daily": [
        f"{SOFT}::test_subject_twice_daily",
        f"{SOFT}::test_subject_twice_daily_counts_each_term_apart",
    ],
    "teacher_gaps": [f"{SOFT}::test_teacher_gaps"],
    "consecutive_teaching": [f"{SOFT}::test_consecutive_teaching"],
    "teacher_preferences": [f"{SOFT}::test_teacher_preferences"],
    "long_blocks_pbl": [f"{SOFT}::test_long_blocks_pbl"],
    "daily_load_balance": [
        f"{SOFT}::test_daily_load_balance",
        f"{SOFT}::test_daily_load_balance_reports_the_unavoidable_spread",
        f"{SOFT}::test_daily_load_balance_counts_each_term_apart",
        f"{SOFT}::test_daily_load_balance_costs_the_worst_term",
    ],
    "room_changes": [f"{SOFT}::test_room_changes_moves_a_meeting_to_keep_one_room"],
    "looping_soft": [
        f"{SOFT}::test_looping_soft",
        f"{SOFT}::test_looping_soft_penalised_with_the_rules_weight_when_broken",
        f"{SOFT}::test_looping_soft_costs_each_advisory_group_that_loses_its_advisor",
    ],
    "request_unmet": [
        f"{STUDENTS}::test_request_unmet_seats_every_student_it_can_and_prefers_the_request_to_its_alternate",
        f"{STUDENTS}::test_request_unmet_rank_decides_who_gets_the_last_seat",
        f"{STUDENTS}::test_request_unmet_keeps_sections_that_students_need_together_apart",
        f"{STUDENTS}::test_request_unmet_leaves_a_cohort_one_section_of_a_subject_it_requests",
    ],
    "section_balance": [f"{STUDENTS}::test_section_balance"],
}

# Runs pytest on the node ids of argv[1] (node id -> rule id), each with its rule emptied, and prints
# each node id's outcome in its test body as the last line.
_WITHOUT_RULES = """
import json, sys, pytest
from dlplanner.solver import rules
from dlplanner.solver.model_builder import Rule

plan = json.loads(sys.argv[1])
outcomes = {}


class EmptyTheRule:
    def __init__(self):
        self.kept = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_call(self, item):
        rule_id = plan[item.nodeid]
        registry = rules.HARD_RULES if rule_id in rules.HARD_RULES else rules.SOFT_RULES
        self.kept = (registry, rule_id, registry[rule_id])
        registry[rule_id] = Rule(lambda ctx: None)

    def pytest_runtest_teardown(self, item):
        if self.kept is not None:
            registry, rule_id, rule = self.kept
            registry[rule_id] = rule
            self.kept = None

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            outcomes.setdefault(report.nodeid, f"{report.when}: {report.outcome}")


pytest.main(["-q", "-p", "no:cacheprovider", *plan], plugins=[EmptyTheRule()])
print(json.dumps(outcomes))
"""


def test_every_rule_of_the_registry_lists_its_tests():
    assert sorted(RULE_TESTS) == sorted([*HARD_RULES, *SOFT_RULES])
    node_ids = [n for ids in RULE_TESTS.values() for n in ids]
    assert all(RULE_TESTS.values())
    assert len(node_ids) == len(set(node_ids)), "a test is listed for one rule only"


def test_every_listed_test_exists():
    defined: dict[str, set[str]] = {}
    for node_ids in RULE_TESTS.values():
        for node_id in node_ids:
            path, name = node_id.split("::")
            if path not in defined:
                tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
                defined[path] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert name in defined[path], node_id


@pytest.fixture(scope="module")
def outcomes_without_their_rule() -> dict[str, str]:
    plan = {node_id: rule_id for rule_id, node_ids in RULE_TESTS.items() for node_id in node_ids}
    run = subprocess.run(
        [sys.executable, "-c", _WITHOUT_RULES, json.dumps(plan)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = run.stdout.strip().splitlines()
    assert lines, run.stderr
    return json.loads(lines[-1])


@pytest.mark.slow
@pytest.mark.parametrize("rule_id", list(RULE_TESTS))
def test_emptying_the_rule_fails_its_tests(rule_id: str, outcomes_without_their_rule: dict[str, str]):
    got = {node_id: outcomes_without_their_rule.get(node_id, "not run") for node_id in RULE_TESTS[rule_id]}
    assert got == dict.fromkeys(RULE_TESTS[rule_id], "call: failed"), f"without {rule_id}: {got}"
