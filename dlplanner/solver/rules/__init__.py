"""One module per scheduling rule (ids and meaning: docs/rules.md); this registry lists them in order."""

from __future__ import annotations

from collections.abc import Callable

from dlplanner.solver.model_builder import Context
from dlplanner.solver.rules.advisory_time import add_advisory_time
from dlplanner.solver.rules.campus_travel import add_campus_travel
from dlplanner.solver.rules.class_time import add_class_time
from dlplanner.solver.rules.cohort_clash import add_cohort_clash
from dlplanner.solver.rules.consecutive_teaching import add_consecutive_teaching
from dlplanner.solver.rules.daily_load_balance import add_daily_load_balance
from dlplanner.solver.rules.internship_window import add_internship_window
from dlplanner.solver.rules.long_blocks_pbl import add_long_blocks_pbl
from dlplanner.solver.rules.looping_hard import add_looping_hard
from dlplanner.solver.rules.looping_soft import add_looping_soft
from dlplanner.solver.rules.meeting_count import add_meeting_count
from dlplanner.solver.rules.meeting_length import add_meeting_length
from dlplanner.solver.rules.pinned import add_pinned
from dlplanner.solver.rules.room_changes import add_room_changes
from dlplanner.solver.rules.room_clash import add_room_clash
from dlplanner.solver.rules.room_fit import add_room_fit
from dlplanner.solver.rules.spread_days import add_spread_days
from dlplanner.solver.rules.subject_twice_daily import add_subject_twice_daily
from dlplanner.solver.rules.teacher_assignment import add_teacher_assignment
from dlplanner.solver.rules.teacher_available import add_teacher_available
from dlplanner.solver.rules.teacher_clash import add_teacher_clash
from dlplanner.solver.rules.teacher_gaps import add_teacher_gaps
from dlplanner.solver.rules.teacher_preferences import add_teacher_preferences
from dlplanner.solver.rules.team_planning import add_team_planning

RuleFn = Callable[[Context], None]

HARD_RULES: dict[str, RuleFn] = {
    "teacher_clash": add_teacher_clash,
    "cohort_clash": add_cohort_clash,
    "room_clash": add_room_clash,
    "meeting_count": add_meeting_count,
    "meeting_length": add_meeting_length,
    "class_time": add_class_time,
    "teacher_available": add_teacher_available,
    "room_fit": add_room_fit,
    "campus_travel": add_campus_travel,
    "teacher_assignment": add_teacher_assignment,
    "advisory_time": add_advisory_time,
    "internship_window": add_internship_window,
    "team_planning": add_team_planning,
    "looping_hard": add_looping_hard,
    "pinned": add_pinned,
}

SOFT_RULES: dict[str, RuleFn] = {
    "spread_days": add_spread_days,
    "subject_twice_daily": add_subject_twice_daily,
    "teacher_gaps": add_teacher_gaps,
    "consecutive_teaching": add_consecutive_teaching,
    "teacher_preferences": add_teacher_preferences,
    "long_blocks_pbl": add_long_blocks_pbl,
    "daily_load_balance": add_daily_load_balance,
    "room_changes": add_room_changes,
    "looping_soft": add_looping_soft,
}

RULE_IDS: list[str] = [*HARD_RULES, *SOFT_RULES]


def first_line(fn: RuleFn) -> str:
    """The rule in plain words: the first line of its function's docstring."""
    return (fn.__doc__ or "").strip().splitlines()[0]
