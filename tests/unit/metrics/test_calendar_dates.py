"""Intersessions and a special day's own bells change which meetings happen on a date, and when.

Figures by hand from the tiny school (dlp_tiny_school: A days 7, 9, 14, 16, 18 and B days 8, 10,
15, 17 September; Humanities 9 and Math 10 in block 1, 90 min; Math 9 block 2 in T1; Science 9
block 3 on A days in T2; advisory 30 min every day).
"""

from __future__ import annotations

from datetime import date

import pytest
from dlp_tiny_school import h, with_intersession, with_late_start

from dlplanner.domain import BellSchedule, Block, BlockKind, Project
from dlplanner.domain.metrics import ScheduleEvent, compute_metrics, dated_events, retimed, schedule_events


def _on(proj: Project, day: date) -> list[ScheduleEvent]:
    scenario = proj.scenarios[0]
    return next(events for d, _, events in dated_events(scenario, schedule_events(proj, scenario)) if d == day)


def test_only_the_intersession_courses_meet_inside_it() -> None:
    proj = with_intersession()
    assert _on(proj, date(2026, 9, 14)) == []  # an A day: Lab meets on B days, nothing else runs
    assert [(e.record_id, e.start) for e in _on(proj, date(2026, 9, 15))] == [("lab", h(11, 30))]
    assert {e.record_id for e in _on(proj, date(2026, 9, 16))} == {"hum9", "sci9", "math10", "adv1"}
    assert {e.record_id for e in _on(proj, date(2026, 9, 8))} == {"hum9", "math9", "adv1"}  # Lab not outside it


def test_intersession_minutes_by_hand() -> None:
    m = compute_metrics(with_intersession(), with_intersession().scenarios[0])
    # Humanities: 7 of the 9 days; Science 9: T2's A days but the 14th; Math 10: 4 A days; Lab: the 15th
    assert m.section_minutes == {"hum9": 630, "math9": 200, "sci9": 100, "math10": 360, "lab": 50}
    assert m.cohort_minutes == {"c9": 630 + 200 + 100 + 50, "c10": 360}
    assert m.advisory_hours_per_year == {"adv1": pytest.approx(3.5)}  # advisory does not sit in the intersession
    assert m.term_days["int"] == 2


def test_intersession_weekly_figures_leave_out_year_long_courses() -> None:
    m = compute_metrics(with_intersession(), with_intersession().scenarios[0])
    # the busiest part for Cy Chen is still T2 (Science 9, 50 per cycle); the intersession part holds only Lab
    assert m.teacher_minutes_per_week["t3"] == pytest.approx(50 / 0.4)
    # Team 9 (Ana, Ben) keeps its worst part, T1 (see test_metrics_tiny)
    assert m.team_planning_per_week["team1"] == pytest.approx(180 / 0.4)


def test_a_late_start_day_follows_its_own_bells() -> None:
    proj = with_late_start()
    times = {e.record_id: (e.start, e.end) for e in _on(proj, date(2026, 9, 16))}
    assert times == {
        "hum9": (h(9, 30), h(10, 30)),
        "math10": (h(9, 30), h(10, 30)),
        "sci9": (h(11, 50), h(12, 30)),
    }  # the late bells have no advisory block: the sitting does not happen that day
    assert {e.record_id: e.start for e in _on(proj, date(2026, 9, 14))}["hum9"] == h(8)  # other A days as usual


def test_late_start_minutes_by_hand() -> None:
    proj = with_late_start()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.section_minutes == {"hum9": 810 - 30, "math9": 200, "sci9": 150 - 10, "math10": 450 - 30}
    assert m.cohort_minutes == {"c9": 780 + 200 + 140, "c10": 420}
    assert m.advisory_hours_per_year == {"adv1": pytest.approx(4.0)}  # 8 sittings of 30 min
    # rooms: 220 teaching minutes a day (90 + 30 + 50 + 50), 150 on the late start (60 + 50 + 40)
    assert m.room_available_minutes == 8 * 220 + 150
    assert m.special_days == {"late_start": 1}


def test_an_unknown_special_bell_schedule_keeps_the_regular_times() -> None:
    proj = with_late_start()
    proj.scenarios[0].calendar.special_days[0].bell_schedule_id = "nope"  # validation reports it
    assert compute_metrics(proj, proj.scenarios[0]).section_minutes["hum9"] == 810


def _event(start: int, end: int) -> ScheduleEvent:
    return ScheduleEvent("meeting", "s", 0, "A", start, end, None, None, (), ())


def test_retimed_maps_by_block_id_across_passing_time() -> None:
    regular = [
        Block("p1", h(8), h(9), BlockKind.CLASS),
        Block("pass", h(9), h(9, 10), BlockKind.PASSING),
        Block("p2", h(9, 10), h(10, 10), BlockKind.CLASS),
        Block("p3", h(10, 10), h(11), BlockKind.CLASS),
    ]
    late = BellSchedule(
        "late", "Late", [Block("p2", h(10), h(10, 45), BlockKind.CLASS), Block("p1", h(9), h(9, 45), BlockKind.CLASS)]
    )
    double = retimed(_event(h(8), h(10, 10)), regular, late)
    assert double is not None and (double.start, double.end) == (h(9), h(10, 45))  # first block's start, last's end
    assert retimed(_event(h(10, 10), h(11)), regular, late) is None  # p3 is not in the late bells
    assert retimed(_event(h(9, 10), h(11)), regular, late) is None  # spans p2 and the missing p3
    part = retimed(_event(h(8), h(8, 30)), regular, late)  # half of block 1 keeps its offset from the start
    assert part is not None and (part.start, part.end) == (h(9), h(9, 15))
    same = _event(h(8), h(9))
    assert retimed(same, regular, BellSchedule("same", "Same", regular)) is same
