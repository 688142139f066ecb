"""Scenario use cases: copy, rename, delete, mark stale, and the scenario list with its status.

The in-memory functions work on a loaded :class:`Project` (the GUI holds one and saves it); the
``*_at`` variants open the project at a location, do one change and save it, in one session, for
the CLI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from dlplanner.domain import Project, Scenario, SolveStatus
from dlplanner.services.projects import ServiceError


class ScenarioStatus(StrEnum):
    SOLVED = "solved"
    STALE = "stale"  # solved, but its data changed since
    INFEASIBLE = "infeasible"
    NOT_SOLVED = "not solved"


@dataclass(frozen=True)
class ScenarioInfo:
    """One row of the scenario list."""

    id: str
    name: str
    status: ScenarioStatus
    placements: int
    objective: float | None
    day_types: int
    sections: int


def status_of(scenario: Scenario) -> ScenarioStatus:
    """Solved (optimal or feasible), stale, infeasible or not solved, as the scenario list shows it."""
    solution = scenario.solution
    if solution.status == SolveStatus.INFEASIBLE:
        return ScenarioStatus.STALE if solution.stale else ScenarioStatus.INFEASIBLE
    if solution.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) or solution.placements:
        return ScenarioStatus.STALE if solution.stale else ScenarioStatus.SOLVED
    return ScenarioStatus.NOT_SOLVED


def list_scenarios(project: Project) -> list[ScenarioInfo]:
    return [
        ScenarioInfo(
            s.id,
            s.name,
            status_of(s),
            len(s.solution.placements),
            s.solution.objective,
            len(s.day_types),
            len(s.sections),
        )
        for s in project.scenarios
    ]


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug or "scenario"


def unique_scenario_id(project: Project, wanted: str) -> str:
    """``wanted`` as a slug, with -2, -3 … appended until no scenario of the project has it."""
    base = _slug(wanted)
    taken = {s.id for s in project.scenarios}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _check_name_free(project: Project, name: str, except_id: str | None = None) -> str:
    name = name.strip()
    if not name:
        raise ServiceError("A scenario needs a name")
    for s in project.scenarios:
        if s.id != except_id and s.name.casefold() == name.casefold():
            raise ServiceError(f"Project '{project.name}' already has a scenario named '{s.name}'")
    return name


def copy_scenario(project: Project, key: str, new_name: str | None = None, *, with_solution: bool = True) -> Scenario:
    """Append a deep copy of scenario ``key`` under a new unique id and name; returns the copy."""
    source = project.scenario(key)
    name = new_name or _free_copy_name(project, source.name)
    name = _check_name_free(project, name)
    clone = source.copy(unique_scenario_id(project, name), name, with_solution=with_solution)
    project.scenarios.append(clone)
    return clone


def _free_copy_name(project: Project, name: str) -> str:
    names = {s.name.casefold() for s in project.scenarios}
    candidate, n = f"{name} (copy)", 2
    while candidate.casefold() in names:
        candidate, n = f"{name} (copy {n})", n + 1
    return candidate


def rename_scenario(project: Project, key: str, new_name: str) -> Scenario:
    scenario = project.scenario(key)
    scenario.name = _check_name_free(project, new_name, except_id=scenario.id)
    return scenario


def delete_scenario(project: Project, key: str) -> Scenario:
    scenario = project.scenario(key)
    if len(project.scenarios) == 1:
        raise ServiceError(f"'{scenario.name}' is the only scenario of '{project.name}'; a project keeps at least one")
    project.scenarios.remove(scenario)
    return scenario


def mark_stale(scenario: Scenario) -> None:
    """Call after any edit of the scenario's data: its solution (if any) no longer matches it."""
    solution = scenario.solution
    if solution.placements or solution.status != SolveStatus.NOT_SOLVED:
        solution.stale = True


def mark_all_stale(project: Project) -> None:
    """After an edit of project-wide data (teachers, rooms, cohorts…), every solution is stale."""
    for scenario in project.scenarios:
        mark_stale(scenario)


# -- one-session variants for the CLI --------------------------------------------------------------


def copy_scenario_at(
    location: str, key: str, new_name: str | None = None, *, with_solution: bool = True, project_name: str | None = None
) -> Scenario:
    from dlplanner.services.session import change_and_save  # the session's edits use this module

    return change_and_save(
        location, lambda project: copy_scenario(project, key, new_name, with_solution=with_solution), project_name
    )


def rename_scenario_at(location: str, key: str, new_name: str, project_name: str | None = None) -> Scenario:
    from dlplanner.services.session import change_and_save

    return change_and_save(location, lambda project: rename_scenario(project, key, new_name), project_name)


def delete_scenario_at(location: str, key: str, project_name: str | None = None) -> Scenario:
    from dlplanner.services.session import change_and_save

    return change_and_save(location, lambda project: delete_scenario(project, key), project_name)
