"""The students' model starts from the greedy load as a complete hint (every variable, penalties included).

Given the seats alone, CP-SAT often failed to complete the hint of a large load and searched from scratch,
ending far below the greedy load (3,000 students: 94 % of rank-1 requests met against the greedy's 97 %).
"""

from __future__ import annotations

from solver_kit import add_section, blocks_of, school
from test_student_rules import _electives, _pin, _students

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.model import CourseRequest
from dlplanner.solver import students
from dlplanner.solver.types import SolveRequest


def _three_electives():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art", "music", "drama")
    for sid, subject, start in (("art-1", "art", 480), ("art-2", "art", 545), ("music-1", "music", 480)):
        add_section(p, sid, subject_id=subject, teacher_ids=[f"t-{subject}"], max_enrolment=4)
        _pin(p, sid, start)
    add_section(p, "drama-1", subject_id="drama", teacher_ids=["t-drama"], max_enrolment=4)
    _pin(p, "drama-1", 610)
    for student in _students(p, 8, "art", "music"):
        p.requests.append(CourseRequest(student.id, "drama", 1, alternate_for="music"))
    return p


def test_the_greedy_load_becomes_a_complete_feasible_hint():
    p = _three_electives()
    scenario = p.scenarios[0]
    ctx = students.build_load_context(p, scenario, scenario.solution.placements)
    hint = students.greedy_load(ctx)
    for info in ctx.students:
        for choice in info.choices:
            ctx.model.add_hint(choice.lit, hint.get(choice.lit.index, False))
    greedy = students._evaluate_hint(ctx, 0)
    objective = students._complete_hint(ctx, 0)
    proto = ctx.model.proto
    assert sorted(proto.solution_hint.vars) == list(range(len(proto.variables)))  # every variable, not the seats
    assert objective == sum(greedy.values()) > 0
    seats = {c.lit.index: hint.get(c.lit.index, False) for info in ctx.students for c in info.choices}
    hinted = dict(zip(proto.solution_hint.vars, proto.solution_hint.values, strict=True))
    assert all(hinted[index] == int(value) for index, value in seats.items())  # the greedy load itself


def test_load_says_it_started_from_the_greedy_load():
    p = _three_electives()
    scenario = p.scenarios[0]
    loaded = students.load_students(p, scenario, scenario.solution.placements, time_limit=2, workers=1)
    assert any("a complete hint" in m for m in loaded.messages), loaded.messages
    assert loaded.enrolments


def _enrolled_by(ctx, load: dict[int, bool]) -> set[str]:
    return {c.section.id for info in ctx.students for c in info.choices if load.get(c.lit.index)}


def test_repair_moves_an_enrolment_to_another_section_of_its_subject():
    """Art (two sections, blocks 1 and 2) then Music (one section, block 1): the greedy load seats Art in
    block 1 and leaves Music unmet; the repair moves Art to block 2 and seats Music."""
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art", "music")
    for sid, subject, start in (("art-1", "art", 480), ("art-2", "art", 545), ("music-1", "music", 480)):
        add_section(p, sid, subject_id=subject, teacher_ids=[f"t-{subject}"])
        _pin(p, sid, start)
    _students(p, 1, "art", "music")
    scenario = p.scenarios[0]
    ctx = students.build_load_context(p, scenario, scenario.solution.placements)
    greedy = students.greedy_load(ctx)
    assert _enrolled_by(ctx, greedy) == {"art-1"}
    assert _enrolled_by(ctx, students.repair_load(ctx, greedy)) == {"art-2", "music-1"}


def test_repair_moves_another_student_out_of_a_full_section():
    """Two Art sections of one seat each (blocks 1 and 2), Music in block 2. A load with the first student
    (Art only) in Art block 1 and the second in Music leaves the second's Art unmet (block 1 full, block 2
    clashes); the repair moves the first student to Art block 2 and seats the second in Art block 1."""
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art", "music")
    for sid, subject, start in (("art-1", "art", 480), ("art-2", "art", 545), ("music-1", "music", 545)):
        add_section(p, sid, subject_id=subject, teacher_ids=[f"t-{subject}"], max_enrolment=1)
        _pin(p, sid, start)
    (first,) = _students(p, 1, "art")
    (second,) = _students(p, 1, "music", "art")
    scenario = p.scenarios[0]
    ctx = students.build_load_context(p, scenario, scenario.solution.placements)
    start = {(first.id, "art-1"), (second.id, "music-1")}
    load = {c.lit.index: True for info in ctx.students for c in info.choices if (c.student.id, c.section.id) in start}
    repaired = students.repair_load(ctx, load)
    seated = {(c.student.id, c.section.id) for info in ctx.students for c in info.choices if repaired.get(c.lit.index)}
    assert seated == {(first.id, "art-2"), (second.id, "music-1"), (second.id, "art-1")}


def test_a_first_only_solve_with_students_reports_every_rules_penalties():
    """Stopped at its first timetable, the sections' soft rules are not evaluated: the result's penalties are
    the checker's for every rule, not the students' alone read as the whole timetable's."""
    p = _three_electives()
    scenario = p.scenarios[0]
    result = students.solve(SolveRequest(p, scenario.id, time_limit=5, workers=1, first_only=True))
    report = check_timetable(p, scenario, result.placements, enrolments=result.enrolments)
    assert report.ok
    assert result.penalties == report.penalties
    assert result.objective == report.total_penalty
