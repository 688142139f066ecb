"""Infeasibility explained in plain words, pins, warm start, cancel and progress."""

from __future__ import annotations

import copy
import time

from ortools.sat.python import cp_model
from solver_kit import add_section, blocks_of, judged, run, school

from dlplanner.domain.model import (
    Internship,
    Placement,
    SolveStatus,
    Teacher,
    TimeWindow,
)
from dlplanner.solver import SolveRequest, engine, solve


def _rivera_school():
    p = school(blocks=blocks_of(1), days=5, teachers=0, cohorts=2)
    p.scenarios[0].day_types[4].name = "Friday"
    p.teachers = [
        Teacher("rivera", "Ms. Rivera", {"bio"}, unavailable=[TimeWindow("d4", 0, 1440)]),
        Teacher("chen", "Mr. Chen", {"math"}),
    ]
    p.cohorts[0].name = "Seniors"
    p.scenarios[0].internships = [Internship("fri", "Friday internship", ["c0"], [TimeWindow("d3", 0, 1440)])]
    add_section(
        p, "bio9", name="Biology 9", subject_id="bio", cohort_ids=["c0"], teacher_ids=["rivera"], meetings_per_cycle=4
    )
    add_section(p, "math", name="Math", subject_id="math", cohort_ids=["c1"], teacher_ids=["chen"])
    return p


def test_infeasible_names_the_conflicting_records():
    p = _rivera_school()
    result = run(p)
    assert result.status == SolveStatus.INFEASIBLE
    assert not result.placements
    assert result.conflicts
    records = {r for c in result.conflicts for r in c.records}
    assert {("teacher", "rivera"), ("section", "bio9")} <= records
    text = " ".join(c.message for c in result.conflicts)
    assert "Ms. Rivera" in text and "Biology 9" in text
    assert ("section", "math") not in records  # the smallest set: Math has nothing to do with it


def test_pin_against_unavailability_is_explained():
    p = school(days=2, teachers=1, cohorts=1)
    p.teachers[0].name = "Ms. Rivera"
    p.teachers[0].unavailable = [TimeWindow("d0", 0, 1440)]
    add_section(p, "a", name="Biology 9", cohort_ids=["c0"], teacher_ids=["t0"])
    p.scenarios[0].solution.placements = [Placement("a", 0, "d0", 480, 540, None, ["t0"], pinned=True)]
    result = run(p)
    assert result.status == SolveStatus.INFEASIBLE
    records = {r for c in result.conflicts for r in c.records}
    assert ("teacher", "t0") in records and ("section", "a") in records
    assert "pinned" in result.conflicts[0].message


def test_pin_off_the_grid_is_reported_without_solving():
    p = school(days=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    p.scenarios[0].solution.placements = [Placement("a", 0, "d0", 500, 560, None, ["t0"], pinned=True)]
    result = run(p)
    assert result.status == SolveStatus.INFEASIBLE
    assert result.conflicts[0].records == [("section", "a")]
    assert not run(p, respect_pins=False).conflicts


def _busy_school():
    p = school(blocks=blocks_of(5), days=5, teachers=6, cohorts=6, rooms=6)
    subjects = ["math", "eng", "bio"]
    for c in range(6):
        for k, subject in enumerate(subjects):
            add_section(
                p,
                f"s{c}{k}",
                subject_id=subject,
                cohort_ids=[f"c{c}"],
                teacher_ids=[f"t{(c + k) % 6}"],
                meetings_per_cycle=4,
            )
    return p


def test_warm_start_after_pinning_a_few_changes_little():
    p = _busy_school()
    first = run(p, time_limit=5)
    judged(p, first)
    placements = copy.deepcopy(first.placements)
    for pl in placements[:5]:
        pl.pinned = True
    p.scenarios[0].solution.placements = placements
    again = run(p, time_limit=5)
    judged(p, again, pins=placements)
    before = {(m.section_id, m.day_type_id, m.start, m.room_id) for m in first.placements}
    after = {(m.section_id, m.day_type_id, m.start, m.room_id) for m in again.placements}
    assert len(before & after) >= 0.6 * len(before)


def test_cancel_keeps_the_best_solution_found():
    p = _busy_school()
    seen = []
    result = solve(
        SolveRequest(p, "s", time_limit=20, workers=2),
        on_progress=seen.append,
        should_stop=lambda: len(seen) >= 2,
    )
    assert result.status in (SolveStatus.FEASIBLE, SolveStatus.OPTIMAL)
    assert result.placements
    judged(p, result)


def test_cancel_before_anything_is_found():
    p = _busy_school()
    result = solve(SolveRequest(p, "s", time_limit=20), should_stop=lambda: True)
    assert result.status in (SolveStatus.UNKNOWN, SolveStatus.FEASIBLE, SolveStatus.OPTIMAL)
    if result.placements:
        judged(p, result)


def test_progress_reports_objective_bound_and_count():
    p = _busy_school()
    seen = []
    result = solve(SolveRequest(p, "s", time_limit=5), on_progress=seen.append)
    judged(p, result)
    assert seen
    assert [s.solutions for s in seen] == sorted(s.solutions for s in seen)
    assert all(s.elapsed >= 0 for s in seen)
    final = [s for s in seen if s.objective != float("inf")]
    assert final and final[-1].bound <= final[-1].objective


def test_the_soft_phase_counts_on_from_the_first_phases_solutions():
    # the first timetable's phase may find two (it did, seed 5 of the busy school): the soft
    # rules' phase then reports solution 3 onwards, never 1 again
    model = cp_model.CpModel()
    model.minimize(model.new_int_var(0, 3, "x"))
    seen = []
    callback = engine._Callback(time.monotonic(), seen.append, None, with_objective=True, found_before=2)
    cp_model.CpSolver().solve(model, callback)
    assert seen and seen[0].solutions == 3 and callback.count == 2 + len(seen)


def test_explicit_hint_is_used_and_the_result_is_valid():
    p = _busy_school()
    first = run(p, time_limit=3)
    result = run(p, time_limit=3, hint=first.placements)
    judged(p, result)
