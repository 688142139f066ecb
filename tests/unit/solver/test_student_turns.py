"""Sections and students in turns (dlplanner.solver.turns): the open sections placed again with the seats.

Every result is judged by the checker.
"""

from __future__ import annotations

from solver_kit import add_section, blocks_of, judged, run, school
from test_student_rules import _electives, _enrolled, _pin, _students

from dlplanner.domain.model import Placement, Teacher
from dlplanner.domain.students import request_outcomes
from dlplanner.solver import students, turns


def _two_electives_at_one_time():
    """A cohort's core at 8:00; art and music, two sections each, all four at 9:05 in the hint.

    Each section is clear of the cohort, so the conflict matrix sees nothing wrong (it leaves clashes between
    subjects with several sections to the students' model), and a re-solve keeps its hint unless a penalty
    says otherwise: the students then get only one of their two electives, unless a section moves to 10:10.
    """
    p = school(blocks=blocks_of(3), teachers=1, cohorts=1)
    _electives(p, "art", "music")
    p.teachers += [Teacher("t-art2", "Teacher art 2", {"art"}), Teacher("t-music2", "Teacher music 2", {"music"})]
    add_section(p, "core", cohort_ids=["c0"], teacher_ids=["t0"])
    _pin(p, "core", 480)
    hint = []
    for sid, subject, teacher in [
        ("art-1", "art", "t-art"),
        ("art-2", "art", "t-art2"),
        ("music-1", "music", "t-music"),
        ("music-2", "music", "t-music2"),
    ]:
        add_section(p, sid, subject_id=subject, teacher_ids=[teacher])
        hint.append(Placement(sid, 0, "d0", 545, 605, None, [teacher]))
    return p, _students(p, 4, "art", "music", cohort="c0"), hint


def test_the_turn_moves_an_open_section_so_that_its_students_get_both_electives():
    p, group, hint = _two_electives_at_one_time()
    result = run(p, time_limit=10.0, hint=hint)
    judged(p, result)
    assert all(_enrolled(result, s.id) & {"art-1", "art-2"} for s in group)
    assert all(_enrolled(result, s.id) & {"music-1", "music-2"} for s in group)
    outcomes = request_outcomes(p, p.scenarios[0], result.enrolments)
    assert all(o.met for o in outcomes)
    assert {q.start for q in result.placements if q.section_id != "core"} == {545, 610}
    assert any(m.startswith("turn: kept the new timetable") for m in result.messages)


def test_without_the_turn_the_same_school_leaves_requests_unmet(monkeypatch):
    """The school above needs the turn: without it, half of the requests stay unmet."""
    monkeypatch.setattr(students, "TURNS", False)
    p, group, hint = _two_electives_at_one_time()
    result = run(p, time_limit=10.0, hint=hint)
    judged(p, result)
    assert sum(len(_enrolled(result, s.id)) for s in group) == len(group)


def test_a_scenario_without_requests_is_solved_as_before(monkeypatch):
    def no_turn(*args, **kwargs):
        raise AssertionError("no turn without requests")

    monkeypatch.setattr(turns, "place_open_sections", no_turn)
    p = school(blocks=blocks_of(3), teachers=1, cohorts=1)
    _electives(p, "art")
    add_section(p, "core", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    result = run(p)
    judged(p, result)
    assert not result.enrolments and not any(m.startswith("turn") for m in result.messages)


def test_a_turn_only_with_open_sections_of_no_cohort_and_not_too_many_seats(monkeypatch):
    p, _, _ = _two_electives_at_one_time()
    scenario = p.scenarios[0]
    assert turns.free_sections(p, scenario) == {"art-1", "art-2", "music-1", "music-2"}
    assert turns.worth_a_turn(p, scenario)
    monkeypatch.setattr(turns, "MAX_SEATS", 4 * 2 * 2 - 1)  # 4 students, 2 requests, 2 sections each
    assert not turns.worth_a_turn(p, scenario)
    p.requests.clear()
    monkeypatch.setattr(turns, "MAX_SEATS", 1_000)
    assert not turns.worth_a_turn(p, scenario)
