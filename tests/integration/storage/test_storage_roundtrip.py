"""Domain -> database -> domain gives back equal objects, on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy

import pytest
from rich_project import build_rich_project, type_differences, unset_fields
from sqlalchemy import create_engine, func, select

from dlplanner.domain import Project, Scenario, codec
from dlplanner.paths import samples_dir
from dlplanner.storage import AmbiguousProjectError, ProjectNotFoundError, ProjectStore, location_to_url
from dlplanner.storage.orm import Base

SAMPLES = sorted(samples_dir().glob("*.json"))


def _project(source: str) -> Project:
    if source == "rich":
        return build_rich_project()
    return codec.load_project_json(samples_dir() / source)


def _bumped(project: Project) -> Project:
    """What ``project`` must look like after one save: the same, with every scenario version + 1."""
    expected = copy.deepcopy(project)
    for scenario in expected.scenarios:
        scenario.version += 1
    return expected


def _row_counts(location: str) -> dict[str, int]:
    engine = create_engine(location_to_url(location))
    try:
        with engine.connect() as connection:
            return {
                t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_rich_fixture_sets_every_field_of_every_record_type():
    assert unset_fields(build_rich_project()) == []


@pytest.mark.parametrize("source", ["rich", *(p.name for p in SAMPLES)])
def test_round_trip_is_equal(source: str, new_location: str):
    project = _project(source)
    expected = _bumped(project)
    with ProjectStore.create(new_location) as store:
        store.save(project)
        assert project == expected  # save only bumped the versions
    with ProjectStore.open(new_location) as store:
        assert store.list_projects() == [project.name]
        loaded = store.load()
    assert loaded == expected
    assert type_differences(loaded, expected) == []  # == alone accepts 1 for 1.0 and True for 1


def test_saving_again_replaces_rows_without_leaving_orphans(new_location: str, rich: Project):
    with ProjectStore.create(new_location) as store:
        store.save(rich)
        once = _row_counts(new_location)
        store.save(rich)
        assert _row_counts(new_location) == once
        del rich.scenarios[0]
        rich.teachers.pop()
        rich.scenarios[0].bell_schedules[0].blocks.pop()
        store.save(rich)
        loaded = store.load()
    assert loaded == rich
    counts = _row_counts(new_location)
    assert counts["scenarios"] == 1
    assert counts["teachers"] == 2
    assert counts["placements"] == len(rich.scenarios[0].solution.placements)
    assert counts["blocks"] == sum(len(b.blocks) for b in rich.scenarios[0].bell_schedules)
    assert counts["rule_settings"] == counts["solutions"] == 1


def test_record_order_round_trips(new_location: str, rich: Project):
    rich.teachers.reverse()
    rich.scenarios.reverse()
    rich.scenarios[0].solution.placements.reverse()
    rich.scenarios[1].bell_schedules[0].blocks.reverse()
    with ProjectStore.create(new_location) as store:
        store.save(rich)
        loaded = store.load()
    assert [t.id for t in loaded.teachers] == ["t-ruiz", "t-lind", "t-okafor"]
    assert [s.id for s in loaded.scenarios] == ["4x4", "ab-lti"]
    assert loaded == rich


def test_each_save_bumps_scenario_versions(new_location: str, rich: Project):
    rich.scenarios.append(Scenario(id="fresh", name="Fresh"))
    with ProjectStore.create(new_location) as store:
        store.save(rich)
        assert [s.version for s in rich.scenarios] == [5, 2, 2]
        store.save(rich)
        assert [s.version for s in rich.scenarios] == [6, 3, 3]
        assert [s.version for s in store.load().scenarios] == [6, 3, 3]


def test_many_projects_live_in_one_database(new_location: str):
    harbor = build_rich_project("Harbor")
    ridge = build_rich_project("Ridge")
    ridge.school_name = "Ridge Early College"
    ridge.scenarios.pop()
    with ProjectStore.create(new_location) as store:
        with pytest.raises(ProjectNotFoundError, match="contains no project yet"):
            store.load()
        store.save(ridge)
        store.save(harbor)
        assert store.list_projects() == ["Harbor", "Ridge"]
        with pytest.raises(AmbiguousProjectError, match=r"several projects \(Harbor, Ridge\)"):
            store.load()
        assert store.load("Ridge") == ridge
        assert store.load("Harbor") == harbor
        with pytest.raises(ProjectNotFoundError, match=r"No project 'Lake'.*projects: Harbor, Ridge"):
            store.load("Lake")
        store.delete_project("Harbor")
        assert store.list_projects() == ["Ridge"]
        assert store.load() == ridge
        with pytest.raises(ProjectNotFoundError, match="No project 'Harbor'"):
            store.delete_project("Harbor")
    counts = _row_counts(new_location)
    assert counts["projects"] == 1
    assert counts["scenarios"] == 1  # Harbor's two scenarios went with it (ON DELETE CASCADE)
    assert counts["placements"] == len(ridge.scenarios[0].solution.placements)
