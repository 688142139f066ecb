"""One module per scheduling rule (ids and meaning: docs/rules.md); this registry lists them in order.

Each module's first line states its rule, and its ``RULE`` holds all the rule does to the model: the
constraints it adds and what it rules out before any variable is made (see
:class:`dlplanner.solver.model_builder.Rule`). Taking a rule out of this registry takes it out of the
solver entirely (the mutation check in the tests does just that).
"""

from __future__ import annotations

import sys

from dlplanner.solver.model_builder import Rule
from dlplanner.solver.rules import (
    advisor_choice,
    advisory_time,
    campus_travel,
    class_time,
    cohort_clash,
    consecutive_teaching,
    daily_load_balance,
    internship_window,
    long_blocks_pbl,
    looping_hard,
    looping_soft,
    meeting_count,
    meeting_length,
    pinned,
    request_unmet,
    room_changes,
    room_clash,
    room_fit,
    section_balance,
    section_capacity,
    spread_days,
    student_clash,
    subject_twice_daily,
    teacher_assignment,
    teacher_available,
    teacher_clash,
    teacher_gaps,
    teacher_preferences,
    team_choice,
    team_planning,
)

HARD_RULES: dict[str, Rule] = {
    "teacher_clash": teacher_clash.RULE,
    "cohort_clash": cohort_clash.RULE,
    "room_clash": room_clash.RULE,
    "meeting_count": meeting_count.RULE,
    "meeting_length": meeting_length.RULE,
    "class_time": class_time.RULE,
    "teacher_available": teacher_available.RULE,
    "room_fit": room_fit.RULE,
    "campus_travel": campus_travel.RULE,
    "teacher_assignment": teacher_assignment.RULE,
    "advisory_time": advisory_time.RULE,
    "advisor_choice": advisor_choice.RULE,
    "internship_window": internship_window.RULE,
    "team_planning": team_planning.RULE,
    "team_choice": team_choice.RULE,
    "looping_hard": looping_hard.RULE,
    "pinned": pinned.RULE,
    "student_clash": student_clash.RULE,
    "section_capacity": section_capacity.RULE,
}

SOFT_RULES: dict[str, Rule] = {
    "spread_days": spread_days.RULE,
    "subject_twice_daily": subject_twice_daily.RULE,
    "teacher_gaps": teacher_gaps.RULE,
    "consecutive_teaching": consecutive_teaching.RULE,
    "teacher_preferences": teacher_preferences.RULE,
    "long_blocks_pbl": long_blocks_pbl.RULE,
    "daily_load_balance": daily_load_balance.RULE,
    "room_changes": room_changes.RULE,
    "looping_soft": looping_soft.RULE,
    "request_unmet": request_unmet.RULE,
    "section_balance": section_balance.RULE,
}

RULE_IDS: list[str] = [*HARD_RULES, *SOFT_RULES]


def first_line(rule: Rule) -> str:
    """The rule in plain words: the first line of its module's docstring."""
    return (sys.modules[rule.add.__module__].__doc__ or "").strip().splitlines()[0]
