"""Measures per group of students (Compare's "Break down by") and one student's week, on a crafted school.

Cohort 0 (grade 9, Health) and Cohort 1 (grade 10, Engineering); three 60-minute class blocks (8:00, 9:05,
10:10); each cohort has one core class, and Art and Music are open sections at the same time (10:10).
"""

from __future__ import annotations

import pytest
from solver_kit import add_section, blocks_of, school

from dlplanner.domain.model import CourseRequest, Enrolment, Internship, Placement, Student, Subject, TimeWindow
from dlplanner.domain.student_groups import ALL_STUDENTS, group_measures, student_week, week_intervals
from dlplanner.services.group_compare import group_tables
from dlplanner.services.projects import ServiceError


def crafted():
    p = school(blocks=blocks_of(3), teachers=1, cohorts=2)
    p.cohorts[0].pathway, p.cohorts[1].pathway, p.cohorts[1].grade = "Health", "Engineering", 10
    p.subjects += [Subject("art", "Art"), Subject("music", "Music")]
    for sid, subject, cohorts, start in (
        ("core0", "math", ["c0"], 480),
        ("core1", "eng", ["c1"], 545),
        ("art-1", "art", [], 610),
        ("music-1", "music", [], 610),
    ):
        add_section(p, sid, subject_id=subject, cohort_ids=cohorts, teacher_ids=["t0"])
        p.scenarios[0].solution.placements.append(Placement(sid, 0, "d0", start, start + 60, None, ["t0"]))
    p.students = [
        Student("s0", "Ana", 9, "c0", flags={"ELL"}),
        Student("s1", "Ben", 10, "c1"),
        Student("s2", "Cy", 9, "c0", flags={"IEP"}),
    ]
    p.requests = [
        CourseRequest("s0", "art"),
        CourseRequest("s0", "music"),  # at the same time as art: unmet
        CourseRequest("s1", "art"),
        CourseRequest("s2", "music", rank=2),
    ]
    p.scenarios[0].solution.enrolments = [
        Enrolment("s0", "art-1"),
        Enrolment("s1", "art-1"),
        Enrolment("s2", "music-1"),
    ]
    return p


def _by_group(p, by):
    return {m.group: m for m in group_measures(p, p.scenarios[0], by)}


def test_measures_by_cohort():
    m = _by_group(crafted(), "cohort")
    assert list(m) == [ALL_STUDENTS, "Cohort 0", "Cohort 1"]
    c0, c1, everyone = m["Cohort 0"], m["Cohort 1"], m[ALL_STUDENTS]
    assert (c0.students, c0.requests, c0.requests_met, c0.met_percent) == (2, 3, 2, 66.7)
    assert (c0.rank1_requests, c0.rank1_met, c0.rank1_percent) == (2, 1, 50.0)
    assert (c0.full_schedules, c1.full_schedules) == (1, 1)
    # Ana and Cy: core at 8:00, their elective at 10:10, nothing at 9:05 (a gap); Ben: 9:05 and 10:10
    assert (c0.free_minutes, c0.gap_blocks, c1.free_minutes, c1.gap_blocks) == (60, 1, 60, 0)
    assert (everyone.students, everyone.requests, everyone.met_percent, everyone.gap_blocks) == (3, 4, 75.0, 0.67)


def test_measures_by_flag_grade_and_pathway():
    p = crafted()
    flags = _by_group(p, "flag")
    assert list(flags) == [ALL_STUDENTS, "ELL", "IEP", "(no flag)"]
    assert (flags["ELL"].met_percent, flags["IEP"].met_percent, flags["(no flag)"].met_percent) == (50.0, 100.0, 100.0)
    assert list(_by_group(p, "grade")) == [ALL_STUDENTS, "Grade 9", "Grade 10"]
    p.students[1].pathway = "Arts"  # a student's own pathway wins over the cohort's
    assert _by_group(p, "pathway")["Arts"].students == 1
    assert "Engineering" not in _by_group(p, "pathway")


def test_without_students_each_cohort_stands_for_its_students():
    p = crafted()
    p.students, p.requests = [], []
    m = _by_group(p, "grade")
    assert (m["Grade 9"].students, m["Grade 9"].free_minutes, m["Grade 9"].gap_blocks) == (20, 120, 0)
    assert m[ALL_STUDENTS].students == 40
    assert m["Grade 9"].met_percent is None


def test_student_week_and_internship_time_is_not_free():
    p = crafted()
    scenario = p.scenarios[0]
    week = student_week(p, scenario, p.students[0])
    assert week.section_ids == {"core0", "art-1"}
    scenario.internships.append(Internship("wbl", "Clinic", ["c0"], [TimeWindow("d0", 545, 605)], travel_minutes=0))
    week = student_week(p, scenario, p.students[0])
    assert week.internship_ids == {"wbl"}
    assert sorted(week_intervals(p, scenario, week)["d0"]) == [(480, 540), (545, 605), (610, 670)]
    assert _by_group(p, "cohort")["Cohort 0"].gap_blocks == 0  # the clinic fills the 9:05 hole


def test_group_tables_one_column_per_scenario():
    p = crafted()
    copy = p.scenarios[0].copy("s2", "Copy")
    copy.solution.enrolments = [Enrolment("s0", "music-1"), Enrolment("s1", "art-1")]  # Ana takes music, Cy nothing
    p.scenarios.append(copy)
    tables = {t.id: t for t in group_tables(p, ["s", "s2"], "cohort")}
    met = {row.label: row.values for row in tables["group-cohort-requests-met"].rows}
    assert met["Cohort 0"] == [66.7, 33.3]
    assert met["Cohort 1"] == [100.0, 100.0]
    with pytest.raises(ServiceError, match="need students"):
        p.students = []
        group_tables(p, ["s", "s2"], "flag")
