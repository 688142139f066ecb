"""The instructional-minutes minimum counted per student, on the tiny school (see dlp_tiny_school).

Grade 9's own classes give 1,160 min/year (Humanities 9: 90 min × 9 days = 810; Math 9: 50 × 4 T1
days = 200; Science 9: 50 × 3 T2 A days = 150). An open Art section (no cohort) meets on B days in
block 3, 11:30–12:20: 50 min × 4 B days (8, 10, 15, 17 Sep) = 200 min/year. The minimum is 1,300.

- Ada (Grade 9) is enrolled in Art and, with open seats, in Humanities 9, her own cohort's section:
  1,160 + 200 = 1,360 ≥ 1,300 (Humanities counted once, not 810 more).
- Bo (Grade 9) has no enrolment: 1,160 < 1,300, short by 140.
- Grade 10 has no students as people: it is still judged per cohort (Math 10, 90 × 5 A days = 450).
Median of 1,360 and 1,160 = 1,260. With advisory counted (Crew Cy, 30 min × 9 days = 270) and a
minimum of 1,500: Ada 1,630, Bo 1,430 (short by 70).
"""

from __future__ import annotations

from dlp_tiny_school import h, project

from dlplanner.domain import Enrolment, Placement, Section, Student
from dlplanner.domain.checker import check_timetable
from dlplanner.domain.metrics import Minimums, compute_metrics
from dlplanner.domain.model import Project
from dlplanner.services.compare import compare


def school_with_students() -> Project:
    proj = project()
    scenario = proj.scenarios[0]
    scenario.sections.append(Section("art", "Art", "hum", [], 1, length_minutes=50, teacher_ids=["t1"]))
    scenario.sections[0].max_enrolment = 30  # Humanities 9: 5 seats beyond Grade 9's 25
    scenario.solution.placements.append(Placement("art", 0, "B", h(11, 30), h(12, 20), "r1", ["t1"]))
    proj.students = [Student("s1", "Ada", 9, "c9"), Student("s2", "Bo", 9, "c9")]
    scenario.solution.enrolments = [Enrolment("s1", "art"), Enrolment("s1", "hum9")]
    proj.minimums = Minimums(annual_instructional_minutes=1300)
    return proj


def test_the_school_with_students_is_valid_for_the_checker() -> None:
    proj = school_with_students()
    report = check_timetable(proj, proj.scenarios[0])
    assert report.ok, [v.message for v in report.violations]


def test_an_elective_lifts_one_student_over_the_minimum_and_the_other_stays_under() -> None:
    proj = school_with_students()
    m = compute_metrics(proj, proj.scenarios[0], minimums=proj.minimums)
    assert m.cohort_minutes["c9"] == 1160  # the per-cohort figure is kept as it was
    assert m.student_minutes == {"s1": 1360, "s2": 1160}
    summary = m.student_minimum
    assert summary is not None
    assert (summary.counted, summary.median, summary.below) == (2, 1260, [("Bo", 1160, 1300)])
    assert "1 of 2 students below the minimum (lowest: Bo 1,160 of 1,300)" in summary.sentence()
    assert "median student has 1,260 min/year" in summary.sentence()
    found = {(s.measure, s.record_id): (s.actual, s.required) for s in m.shortfalls}
    assert found[("instructional_minutes", "students")] == (1160, 1300)
    assert ("instructional_minutes", "c9") not in found  # Grade 9 is judged by its students
    assert found[("instructional_minutes", "c10")] == (450, 1300)  # no students: per cohort, as before


def test_advisory_counts_per_student_only_where_the_minimums_count_it() -> None:
    proj = school_with_students()
    proj.minimums = Minimums(annual_instructional_minutes=1500, count_advisory_as_instruction=True)
    m = compute_metrics(proj, proj.scenarios[0], minimums=proj.minimums)
    assert m.student_minimum is not None
    assert (m.student_minimum.median, m.student_minimum.below) == (1530, [("Bo", 1430, 1500)])


def test_without_enrolments_the_minimum_stays_per_cohort() -> None:
    proj = school_with_students()
    proj.scenarios[0].solution.enrolments = []
    m = compute_metrics(proj, proj.scenarios[0], minimums=proj.minimums)
    assert m.student_minutes == {} and m.student_minimum is None
    assert ("instructional_minutes", "c9") in {(s.measure, s.record_id) for s in m.shortfalls}


def test_compare_shows_the_per_student_figures_in_its_minimums_rows() -> None:
    proj = school_with_students()
    unseated = proj.scenarios[0].copy("ab2", "No electives")
    unseated.solution.enrolments = []  # students not seated: Grade 9 judged per cohort, as before
    proj.scenarios.append(unseated)
    result = compare(proj, ["ab", "ab2"])
    table = next(t for t in result.tables if t.id == "shortfalls")
    rows = {r.label: r.values for r in table.rows}
    assert rows["Students (lowest): instructional minutes"] == [
        "1,160 of 1,300 min/year (short 140)",
        "not counted per student",
    ]
    assert rows["Grade 9: instructional minutes"] == ["met", "1,160 of 1,300 min/year (short 140)"]
    assert "A/B block: Counted per student" in table.note
    assert "1 of 2 students below the minimum" in table.note
    glance = {r.label: r.values for r in next(t for t in result.tables if t.id == "glance").rows}
    assert glance["Students below the instructional minimum"] == [1, None]
    assert glance["Minimums not met"] == [2, 2]  # each: one of Grade 9 or its students, and Grade 10
