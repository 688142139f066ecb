"""The bound on requests met with the sections' times fixed: hand-computed small schools (one block = 60 min)."""

from __future__ import annotations

import csv

import openpyxl
from solver_kit import add_section, blocks_of, school, semesters

from dlplanner.domain.model import (
    CourseRequest,
    Enrolment,
    Internship,
    Placement,
    Project,
    Student,
    Subject,
    TimeWindow,
)
from dlplanner.domain.request_bound import request_bound
from dlplanner.domain.student_reports import requests_met
from dlplanner.services.student_reports import write_report

B1, B2, B3 = 480, 545, 610  # the starts of the three class blocks


def _school(*sections: tuple[str, str, int], terms: dict[str, str] | None = None) -> Project:
    """Open sections (id, subject, start block) placed on d0, one meeting of one block each."""
    p = school(blocks=blocks_of(3), teachers=0, cohorts=1)
    semesters(p)
    for subject in dict.fromkeys(s for _, s, _ in sections):
        p.subjects.append(Subject(subject, subject.title()))
    for sid, subject, start in sections:
        add_section(p, sid, subject_id=subject, term_id=(terms or {}).get(sid))
        p.scenarios[0].solution.placements.append(Placement(sid, 0, "d0", start, start + 60, None, []))
    return p


def _student(p: Project, *requests: tuple[str, int] | tuple[str, int, str], cohort: str | None = None) -> str:
    """A student with (subject, rank) requests or (subject, rank, alternate for)."""
    sid = f"st{len(p.students)}"
    p.students.append(Student(sid, f"Student {len(p.students)}", 9, cohort))
    for r in requests:
        p.requests.append(CourseRequest(sid, r[0], r[1], alternate_for=r[2] if len(r) > 2 else None))
    return sid


def test_two_singletons_at_one_time_count_once():
    p = _school(("art-1", "art", B1), ("music-1", "music", B1))
    _student(p, ("art", 1), ("music", 1))
    bound = request_bound(p, p.scenarios[0])
    assert (bound.own(1), bound.met(1), bound.total, bound.least_units) == (1, 1, 1, 4)
    assert bound.exact
    p.scenarios[0].solution.placements[1].start, p.scenarios[0].solution.placements[1].end = B2, B2 + 60
    bound = request_bound(p, p.scenarios[0])
    assert (bound.own(1), bound.total, bound.least_units) == (2, 2, 0)


def test_a_second_section_lets_both_be_met():
    p = _school(("art-1", "art", B1), ("art-2", "art", B2), ("music-1", "music", B1))
    _student(p, ("art", 1), ("music", 1))
    assert request_bound(p, p.scenarios[0]).own(1) == 2  # art in block 2, music in block 1


def test_rank_weighted_units_keep_the_better_rank_and_each_rank_is_bounded_alone():
    p = _school(("art-1", "art", B1), ("music-1", "music", B1))
    _student(p, ("art", 1), ("music", 2))
    bound = request_bound(p, p.scenarios[0])
    assert bound.least_units == 3  # music (rank 2) unmet, not art (rank 1: 4 units)
    assert (bound.own(1), bound.own(2), bound.total) == (1, 1, 1)  # each rank alone can be met, not both


def test_an_alternate_meets_its_request_once():
    p = _school(("art-1", "art", B1), ("drama-1", "drama", B2))
    _student(p, ("art", 1), ("drama", 1, "art"))
    bound = request_bound(p, p.scenarios[0])
    assert (bound.own(1), bound.met(1), bound.total, bound.least_units) == (1, 1, 1, 0)
    assert bound.by_subject[("art", 1)] == (1, 1, 1)


def test_an_alternate_stands_in_when_the_subject_clashes():
    p = _school(("art-1", "art", B1), ("music-1", "music", B1), ("drama-1", "drama", B2))
    _student(p, ("art", 1), ("music", 1), ("drama", 1, "music"))
    bound = request_bound(p, p.scenarios[0])
    assert (bound.own(1), bound.met(1), bound.least_units) == (1, 2, 1)  # art itself, drama for music


def test_one_alternate_for_two_requests_meets_both_as_the_checker_counts():
    """Art and Music both clash with the cohort's math; Drama is the alternate of both: one Drama seat meets
    both requests in ``request_outcomes``, so the bound counts both."""
    p = _school(("art-1", "art", B1), ("music-1", "music", B1), ("drama-1", "drama", B2))
    add_section(p, "math-c0", subject_id="math", cohort_ids=["c0"])
    p.scenarios[0].solution.placements.append(Placement("math-c0", 0, "d0", B1, B1 + 60, None, []))
    _student(p, ("art", 1), ("music", 1), ("drama", 1, "art"), ("drama", 1, "music"), cohort="c0")
    bound = request_bound(p, p.scenarios[0])
    assert (bound.own(1), bound.met(1), bound.least_units) == (0, 2, 2)


def test_the_cohorts_week_and_internships_shut_sections_out():
    p = _school(("art-1", "art", B1), ("music-1", "music", B3))
    add_section(p, "math-c0", subject_id="math", cohort_ids=["c0"])
    p.scenarios[0].solution.placements.append(Placement("math-c0", 0, "d0", B1, B1 + 60, None, []))
    p.scenarios[0].internships.append(Internship("lti", "LTI", ["c0"], [TimeWindow("d0", B3, B3 + 60)], 10))
    _student(p, ("art", 1), ("music", 1), ("math", 1), cohort="c0")
    _student(p, ("art", 1), ("music", 1))  # no cohort: both free
    bound = request_bound(p, p.scenarios[0])
    assert [s.own[1] for s in bound.students] == [1, 2]  # the first: math by the cohort only
    assert bound.by_subject[("art", 1)] == (2, 1, 1)


def test_sections_of_different_terms_do_not_clash():
    p = _school(("art-1", "art", B1), ("music-1", "music", B1), terms={"art-1": "S1", "music-1": "S2"})
    _student(p, ("art", 1), ("music", 1))
    assert request_bound(p, p.scenarios[0]).own(1) == 2


def test_a_request_with_no_open_section_is_met_by_no_timetable():
    p = _school(("art-1", "art", B1))
    p.subjects.append(Subject("chess", "Chess"))
    _student(p, ("art", 1), ("chess", 1), ("math", 2))  # no section of chess or math at all
    _student(p, ("chess", 1), ("art", 1, "chess"))  # art stands in: some timetable can meet it
    bound = request_bound(p, p.scenarios[0])
    assert bound.without_section == {1: 1, 2: 1}
    note = requests_met(p, p.scenarios[0], []).notes[-1]
    assert "1 rank-1 requests name no subject with an open section" in note


def test_the_requests_report_states_the_bound_in_csv_and_xlsx(tmp_path):
    p = _school(("art-1", "art", B1), ("music-1", "music", B1), ("drama-1", "drama", B2))
    ana = _student(p, ("art", 1), ("music", 1))
    _student(p, ("art", 1), ("drama", 2))
    p.scenarios[0].solution.enrolments = [Enrolment(ana, "art-1")]
    table = requests_met(p, p.scenarios[0], p.scenarios[0].solution.enrolments)
    assert table.columns[7:9] == ["at_most_met", "at_most_met_or_alternate"]
    for out in (tmp_path / "requests.csv", tmp_path / "requests.xlsx"):
        write_report(p, "s", "requests", out)
    with (tmp_path / "requests.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    book = openpyxl.load_workbook(tmp_path / "requests.xlsx")
    sheet = [[c.value for c in row] for row in book.worksheets[0].iter_rows(min_row=2)]
    assert all(r["rank"] for r in rows)  # the CSV holds data rows only
    *data, _, (note, *_) = sheet  # the sheet: the rows, an empty one, the note
    for cells in ([list(r.values()) for r in rows], data):
        by_key = {(c[0], str(c[1])): c for c in cells}
        overall = by_key[("(all subjects)", "1")]
        assert (str(overall[2]), str(overall[3]), str(overall[7]), str(overall[8])) == ("3", "1", "2", "2")
        assert [str(c) for c in by_key[("Music", "1")][7:9]] == ["1", "1"]
        assert str(by_key[("Drama", "2")][7]) == "1"
    assert note.startswith("Bound: at most 2 rank-1 requests can be met") and "whatever the seats" in note
    assert table.notes == [note]


def test_a_search_stopped_early_keeps_a_looser_bound_and_says_so(monkeypatch):
    p = _school(("art-1", "art", B1), ("music-1", "music", B1))
    _student(p, ("art", 1), ("music", 1))
    monkeypatch.setattr("dlplanner.domain.request_bound.NODE_LIMIT", 1)
    bound = request_bound(p, p.scenarios[0])
    assert not bound.exact
    assert bound.own(1) == 2  # the optimistic figure (each request alone): looser than the exact 1, still a bound
    assert "stopped early" in requests_met(p, p.scenarios[0], []).notes[-1]
