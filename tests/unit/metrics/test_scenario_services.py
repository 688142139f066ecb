"""Scenario copy, rename, delete, stale marking and the status shown in the scenario list."""

from __future__ import annotations

import pytest
from dlp_tiny_school import project

from dlplanner.domain import SolveStatus
from dlplanner.services import scenarios
from dlplanner.services.projects import ServiceError
from dlplanner.services.scenarios import ScenarioStatus


def test_copy_with_and_without_solution_gets_unique_ids() -> None:
    proj = project()
    first = scenarios.copy_scenario(proj, "ab")
    second = scenarios.copy_scenario(proj, "ab", with_solution=False)
    third = scenarios.copy_scenario(proj, "ab", "4x4 trial")
    assert [s.name for s in proj.scenarios] == ["A/B block", "A/B block (copy)", "A/B block (copy 2)", "4x4 trial"]
    assert len({s.id for s in proj.scenarios}) == 4
    assert third.id == "4x4-trial"
    assert len(first.solution.placements) == 6 and second.solution.placements == []
    first.sections[0].meetings_per_cycle = 5
    assert proj.scenarios[0].sections[0].meetings_per_cycle == 2  # a deep copy


def test_rename_and_delete() -> None:
    proj = project()
    scenarios.copy_scenario(proj, "ab", "Other")
    scenarios.rename_scenario(proj, "other", "Internship Fridays")
    assert proj.scenario("Internship Fridays").id == "other"
    with pytest.raises(ServiceError, match="already has a scenario named 'A/B block'"):
        scenarios.rename_scenario(proj, "other", "a/b BLOCK")
    with pytest.raises(ServiceError, match="needs a name"):
        scenarios.rename_scenario(proj, "other", "  ")
    scenarios.delete_scenario(proj, "Internship Fridays")
    assert [s.id for s in proj.scenarios] == ["ab"]
    with pytest.raises(ServiceError, match="only scenario"):
        scenarios.delete_scenario(proj, "ab")


def test_status_list() -> None:
    proj = project()
    scenarios.copy_scenario(proj, "ab", "Unsolved", with_solution=False)
    infeasible = scenarios.copy_scenario(proj, "ab", "Impossible", with_solution=False)
    infeasible.solution.status = SolveStatus.INFEASIBLE
    stale = scenarios.copy_scenario(proj, "ab", "Edited")
    scenarios.mark_stale(stale)
    unsolved_copy = proj.scenario("Unsolved")
    scenarios.mark_stale(unsolved_copy)  # nothing to make stale
    rows = {row.name: row for row in scenarios.list_scenarios(proj)}
    assert {name: row.status for name, row in rows.items()} == {
        "A/B block": ScenarioStatus.SOLVED,
        "Unsolved": ScenarioStatus.NOT_SOLVED,
        "Impossible": ScenarioStatus.INFEASIBLE,
        "Edited": ScenarioStatus.STALE,
    }
    assert rows["A/B block"].placements == 6 and rows["A/B block"].day_types == 2
    scenarios.mark_all_stale(proj)
    assert scenarios.status_of(proj.scenarios[0]) == ScenarioStatus.STALE
    assert scenarios.status_of(unsolved_copy) == ScenarioStatus.NOT_SOLVED
