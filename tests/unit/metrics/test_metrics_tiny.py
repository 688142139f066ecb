"""Every figure of the tiny school checked against values computed by hand (see dlp_tiny_school)."""

from __future__ import annotations

import pytest
from dlp_tiny_school import project, second_scenario

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.metrics import Minimums, compute_metrics
from dlplanner.domain.model import Advisory, BlockRef


def test_the_tiny_timetable_is_valid_for_the_checker() -> None:
    proj = project()
    report = check_timetable(proj, proj.scenarios[0])
    assert report.ok, [v.message for v in report.violations]


def test_calendar_counts() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.school_days == 9
    assert m.day_type_counts == {"A": 5, "B": 4}
    assert m.weeks_per_cycle == pytest.approx(0.4)
    assert (m.placed_meetings, m.required_meetings) == (6, 6)


def test_annual_minutes_per_section_subject_and_cohort() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    # Humanities 90 min on 5 A + 4 B days; Math 9 only in T1 (2 A + 2 B); Science 9 only on T2's 3 A days
    assert m.section_minutes == {"hum9": 810, "math9": 200, "sci9": 150, "math10": 450}
    assert m.subject_minutes == {"hum": 810, "math": 650, "sci": 150}
    assert m.cohort_minutes == {"c9": 1160, "c10": 450}
    assert m.cohort_subject_minutes[("c9", "math")] == 200


def test_long_blocks() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.subject_long_minutes == {"hum": 810, "math": 450, "sci": 0}
    assert m.cohort_long_minutes == {"c9": 810, "c10": 450}
    assert (m.pbl_minutes, m.pbl_long_minutes) == (810, 810)


def test_internship_and_advisory() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.internship_days == {"c10": 4}
    assert m.internship_hours == {"c10": pytest.approx(12.0)}  # 4 B days × 3 h, travel not counted
    assert m.advisory_minutes_per_week == {"adv1": pytest.approx(150.0)}  # 60 per 2-day cycle / 0.4 week
    assert m.advisory_hours_per_year == {"adv1": pytest.approx(4.5)}  # 9 days × 30 min
    assert m.cohort_advisory_minutes_per_week == {"c9": pytest.approx(150.0)}
    assert m.teacher_advisory_minutes_per_week == {"t3": pytest.approx(150.0)}


def test_advisories_sharing_a_cohort_count_each_sitting_time_once() -> None:
    proj = project()
    proj.advisories[0].size = 13
    proj.advisories.append(Advisory("adv2", "Crew Dee", "t1", ["c9"], 12, "r1"))  # the other half of Grade 9
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.advisory_minutes_per_week == {"adv1": pytest.approx(150.0), "adv2": pytest.approx(150.0)}
    assert m.cohort_advisory_minutes_per_week == {"c9": pytest.approx(150.0)}  # not 300: same time, other students
    assert m.cohort_advisory_hours_per_year == {"c9": pytest.approx(4.5)}
    assert m.teacher_advisory_minutes_per_week == {"t3": pytest.approx(150.0), "t1": pytest.approx(150.0)}
    assert m.transitions["c9"].mean == pytest.approx(16 / 9)  # from one crew to the other is no move
    proj.advisories[1].meeting_blocks = [BlockRef("A", "adv")]  # Crew Dee only sits on A days
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.advisory_minutes_per_week["adv2"] == pytest.approx(75.0)
    assert m.cohort_advisory_minutes_per_week == {"c9": pytest.approx(75.0)}  # what every student of it gets
    assert m.cohort_advisory_hours_per_year == {"c9": pytest.approx(2.5)}  # 5 A days × 30 min


def test_team_planning_is_the_worst_term() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    # T1: blocks 3 and planning free on A and B = 2 × 90 = 180 per cycle; T2 adds block 2 → 280
    assert m.team_planning_per_week == {"team1": pytest.approx(180 / 0.4)}
    assert m.team_planning_required == {"team1": 40}


def test_teacher_load_and_preparations() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.teacher_minutes_per_week == {
        "t1": pytest.approx(180 / 0.4),
        "t2": pytest.approx(190 / 0.4),  # T1: Math 9 2 × 50 + Math 10 90
        "t3": pytest.approx(50 / 0.4),
    }
    assert m.teacher_annual_minutes == {"t1": 810, "t2": 650, "t3": 150}
    assert m.teacher_preparations == {"t1": 1, "t2": 1, "t3": 1}


def test_transitions_per_day() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    # Grade 9: 2 changes on every day except T2's two B days (Humanities, advisory: 1 change)
    assert m.transitions["c9"].mean == pytest.approx(16 / 9)
    assert m.transitions["c9"].max == 2
    assert m.transitions["c10"].mean == 0 and m.transitions["c10"].max == 0


def test_room_utilisation() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.room_available_minutes == 9 * 220  # 3 class blocks + advisory
    assert m.room_used_minutes == {"r1": 810 + 200, "r2": 450 + 150 + 270}
    assert m.room_utilisation["r1"] == pytest.approx(1010 / 1980)


def test_shortfalls_against_minimums() -> None:
    proj = project()
    minimums = Minimums(
        annual_instructional_minutes=1000,
        subject_annual_minutes={"math": 300},
        advisory_minutes_per_week=200,
        internship_hours_per_year=10,
        instructional_days=10,
    )
    m = compute_metrics(proj, proj.scenarios[0], minimums=minimums)
    found = {(s.measure, s.record_id): (s.required, s.actual) for s in m.shortfalls}
    assert found == {
        ("instructional_days", "ab"): (10, 9),
        ("instructional_minutes", "c10"): (1000, 450),
        ("subject_minutes", "c9"): (300, 200),
        ("advisory_minutes_per_week", "c9"): (200, pytest.approx(150.0)),
    }


def test_advisory_counts_as_instruction_when_asked() -> None:
    proj = project()
    minimums = Minimums(annual_instructional_minutes=1500, count_advisory_as_instruction=True)
    m = compute_metrics(proj, proj.scenarios[0], minimums=minimums)
    by_cohort = {s.record_id: s.actual for s in m.shortfalls}
    assert by_cohort == {"c9": 1160 + 270, "c10": 450}


def test_planning_shortfall_uses_the_team_requirement() -> None:
    proj = project()
    proj.teams[0].planning_minutes_per_week = 500  # 200 per cycle needed, 180 found in T1
    m = compute_metrics(proj, proj.scenarios[0], minimums=Minimums())
    assert [(s.measure, s.record_id) for s in m.shortfalls] == [("planning_minutes_per_week", "team1")]


def test_moving_a_meeting_changes_dated_minutes() -> None:
    proj = project()
    other = second_scenario(proj)
    m = compute_metrics(proj, other)
    assert m.section_minutes["math10"] == 360  # 4 B days instead of 5 A days
    assert m.internship_days == {"c10": 4}


def test_special_days_are_counted_by_kind() -> None:
    from datetime import date

    from dlplanner.domain import SpecialDay, SpecialDayKind

    proj = project()
    calendar = proj.scenarios[0].calendar
    calendar.special_days += [
        SpecialDay(date(2026, 9, 9), SpecialDayKind.LATE_START),
        SpecialDay(date(2026, 9, 10), SpecialDayKind.PD, students_attend=False),
        SpecialDay(date(2027, 1, 4), SpecialDayKind.PD, students_attend=False),  # outside the year
    ]
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.special_days == {"late_start": 1, "pd (no students)": 1}
    # the PD day does not advance the A/B cycle: from the 14th the days shift (B, A, B, A, B)
    assert m.school_days == 8 and m.day_type_counts == {"A": 4, "B": 4}


def test_school_days_per_term() -> None:
    proj = project()
    m = compute_metrics(proj, proj.scenarios[0])
    assert m.term_days == {"T1": 4, "T2": 5}
