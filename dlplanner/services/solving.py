"""Solve a scenario: run the engine, store its timetable in the scenario, judge it with the checker.

No Qt, no database session: the caller (GUI worker thread or CLI) saves the project afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime

from dlplanner.domain.capacity import capacity_problems
from dlplanner.domain.checker import CheckReport, check_pins, check_timetable
from dlplanner.domain.model import Project, Solution, SolveStatus
from dlplanner.domain.validation import Problem
from dlplanner.solver.types import Progress, SolveRequest, SolveResult


def solve(
    request: SolveRequest,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SolveResult:
    """The solver's ``solve`` (the sections, then the students), imported on the first solve: OR-Tools
    takes seconds to load."""
    from dlplanner.solver.students import solve as solve_sections_and_students

    return solve_sections_and_students(request, on_progress, should_stop)


def solve_scenario(
    project: Project,
    scenario_key: str,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    first_only: bool = False,
    gap_percent: float | None = None,
) -> tuple[SolveResult, CheckReport | None]:
    """Solve the scenario (by id or name); store the result when it has placements; check it.

    The scenario's current solution is the warm start and its pinned placements stay. An infeasible
    or empty result leaves the stored timetable alone, only its status changes, so a failed attempt
    never throws away the user's work. ``first_only`` stops at the first timetable, ``gap_percent``
    once the soft rules are within that relative gap of the bound.
    """
    scenario = project.scenario(scenario_key)
    requested = copy.deepcopy([p for p in scenario.solution.placements if p.pinned])
    result = solve(
        SolveRequest(
            project,
            scenario.id,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            first_only=first_only,
            gap_percent=gap_percent,
        ),
        on_progress=on_progress,
        should_stop=should_stop,
    )
    if not result.placements:
        if result.status == SolveStatus.INFEASIBLE:
            scenario.solution.status = SolveStatus.INFEASIBLE
        return result, None
    scenario.solution = solution_from_result(result)
    report = check_timetable(
        project,
        scenario,
        result.placements,
        advisors=result.advisors,
        team_cohorts=result.team_cohorts,
        enrolments=result.enrolments,
    )
    report.violations.extend(check_pins(requested, result.placements))
    return result, report


def likely_reasons(project: Project, scenario_key: str, result: SolveResult) -> list[Problem]:
    """When a solve ends without a timetable, the capacity findings that most likely explain it.

    A demand above its supply blocks solving already (validation); what is left to show here is a
    demand taking nearly all of a supply (a full gym, a pool with no slack, a team planning target
    its busiest member barely allows), which makes a timetable hard or impossible to find in time.
    Empty when the solve found a timetable, or when no capacity check has anything to say.
    """
    if result.placements or result.status not in (SolveStatus.UNKNOWN, SolveStatus.INFEASIBLE):
        return []
    said = {conflict.message for conflict in result.conflicts}
    return [p for p in capacity_problems(project, project.scenario(scenario_key)) if p.message not in said]


def solution_from_result(result: SolveResult) -> Solution:
    """A scenario's solution from a solver result (the CLI stores it, the GUI applies it as one undo step)."""
    return Solution(
        placements=list(result.placements),
        enrolments=list(result.enrolments),
        status=result.status,
        objective=result.objective,
        best_bound=result.best_bound,
        penalties=dict(result.penalties),
        wall_time=result.wall_time,
        solved_at=datetime.now().replace(microsecond=0),
        advisors=dict(result.advisors),
        team_cohorts={team: list(cohorts) for team, cohorts in result.team_cohorts.items()},
    )
