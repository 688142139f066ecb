"""services.solving: the result is stored in the scenario (pins kept) and judged by the checker."""

from __future__ import annotations

from solver_kit import add_section, school

from dlplanner.domain.model import Placement, Room, SolveStatus, TimeWindow
from dlplanner.services.solving import likely_reasons, solve_scenario


def test_solve_scenario_stores_the_solution_and_checks_it():
    p = school(days=2, rooms=2)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c1"], teacher_pool=["t0", "t1"])
    pin = Placement("b", 0, "d1", 610, 670, "r0", ["t1"], pinned=True)
    p.scenarios[0].solution.placements = [pin]
    p.scenarios[0].solution.stale = True
    result, report = solve_scenario(p, "Main", time_limit=5, workers=2, seed=1)
    assert report is not None and report.ok, [v.message for v in report.violations]
    solution = p.scenarios[0].solution
    assert solution.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert len(solution.placements) == 3 and not solution.stale and solution.solved_at is not None
    kept = next(x for x in solution.placements if x.section_id == "b")
    assert kept.pinned and (kept.day_type_id, kept.start, kept.room_id, kept.teacher_ids) == ("d1", 610, "r0", ["t1"])
    assert solution.penalties == report.penalties == result.penalties


def test_infeasible_keeps_the_previous_timetable():
    p = school(days=1, teachers=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    old = [Placement("a", 0, "d0", 480, 540, None, ["t0"])]
    p.scenarios[0].solution.placements = list(old)
    p.teachers[0].unavailable = [TimeWindow(None, 0, 1440)]
    result, report = solve_scenario(p, "s", time_limit=5)
    assert result.status == SolveStatus.INFEASIBLE and report is None and result.conflicts
    assert p.scenarios[0].solution.placements == old
    assert p.scenarios[0].solution.status == SolveStatus.INFEASIBLE


def full_gym_nobody_can_use_at_first():
    """Three PE meetings for the one gym's three blocks, but none of their teachers is free in the first."""
    p = school(days=1, teachers=3, cohorts=3, rooms=0)
    p.rooms = [Room("gym", "Gym", 30, {"gym"})]
    for i in range(3):
        add_section(p, f"pe{i}", cohort_ids=[f"c{i}"], teacher_ids=[f"t{i}"], room_features={"gym"})
        p.teachers[i].unavailable = [TimeWindow(None, 480, 540)]
    return p


def test_a_solve_without_timetable_names_the_capacity_findings_as_likely_reasons():
    p = full_gym_nobody_can_use_at_first()
    result, report = solve_scenario(p, "s", time_limit=5)
    assert result.status == SolveStatus.INFEASIBLE and report is None
    (reason,) = likely_reasons(p, "s", result)
    assert reason.code == "rooms_over_capacity" and "1 × 3 = 3 class blocks: 100 % full" in reason.message
    p.teachers[0].unavailable = []
    result, report = solve_scenario(p, "s", time_limit=5)
    assert report is not None and report.ok
    assert likely_reasons(p, "s", result) == []  # a timetable: nothing to explain
