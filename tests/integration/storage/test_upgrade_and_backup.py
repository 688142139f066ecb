"""Schema upgrades 0001 -> head and 0002 -> head keep the data; backups are consistent snapshots; restore, via the CLI.

Runs on SQLite and on the real PostgreSQL server (the ``postgres`` half of ``new_location``).
"""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from old_files import downgrade
from rich_project import build_rich_project
from sqlalchemy import create_engine, text

from dlplanner.cli.db import backup_command, db, restore_command
from dlplanner.domain import Project
from dlplanner.domain.calendar import Minimums
from dlplanner.services import district
from dlplanner.storage import OutdatedSchemaError, ProjectStore, location_to_url, schema_revision
from dlplanner.storage.schema import head_revision


def _columns(location: str, table: str) -> set[str]:
    engine = create_engine(location_to_url(location))
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                return {row[1] for row in connection.execute(text(f"PRAGMA table_info({table})"))}
            query = text("SELECT column_name FROM information_schema.columns WHERE table_name = :t")
            return set(connection.execute(query, {"t": table}).scalars())
    finally:
        engine.dispose()


def _forget_external_ids(project: Project) -> None:
    """What a schema before 0004 keeps of a project: no SIS ids in the tables (the calendar JSON keeps its own)."""
    project.external_ids = {}
    records = [*project.subjects, *project.teachers, *project.rooms, *project.cohorts]
    records += [section for scenario in project.scenarios for section in scenario.sections]
    for record in records:
        record.external_ids = {}


def _without_students(project: Project) -> Project:
    """``project`` as a schema older than 0006 keeps it: no students, requests, enrolments or maximum enrolment."""
    project.students, project.requests = [], []
    for scenario in project.scenarios:
        scenario.solution.enrolments = []
        for section in scenario.sections:
            section.max_enrolment = None
    return project


def _run(command_, *args: str):
    return CliRunner().invoke(command_, list(args), catch_exceptions=False)


def _as_before_0005(project: Project) -> None:
    """What a project keeps through a schema older than 0005: no looping per advisory, loop lengths or choices."""
    for teacher in project.teachers:
        teacher.max_advisories = None
    for advisory in project.advisories:
        advisory.identity, advisory.advisor_pool = "", []
    for team in project.teams:
        team.cohort_pool, team.cohorts_needed = [], 0
    for pairing in project.prior_pairings:
        pairing.advisory_id, pairing.years = None, 1
    for scenario in project.scenarios:
        for rule in scenario.looping_rules:
            rule.advisory_id, rule.years = None, None
        scenario.solution.advisors, scenario.solution.team_cohorts = {}, {}


def test_a_0001_database_upgraded_by_db_upgrade_keeps_its_projects(new_location: str):
    projects = []
    with ProjectStore.create(new_location) as store:
        for name in ("Harbor High", "Lakeside Academy"):
            project = build_rich_project()
            project.name = name
            store.save(project)
            projects.append(project)
    downgrade(new_location, "0001")
    assert schema_revision(new_location) == "0001"
    assert "updated_by" not in _columns(new_location, "scenarios")
    assert "data_version" not in _columns(new_location, "projects")
    with pytest.raises(OutdatedSchemaError, match="db upgrade"):
        ProjectStore.open(new_location)

    result = _run(db, "upgrade", new_location)

    assert result.exit_code == 0, result.output
    assert f"from schema revision 0001 to {head_revision()}" in result.output
    assert schema_revision(new_location) == head_revision()
    for project in projects:
        project.minimums = Minimums()  # 0001 had no place for them
        _forget_external_ids(project)
        _as_before_0005(project)
        _without_students(project)
    with ProjectStore.open(new_location) as store:
        assert [store.load(p.name) for p in projects] == projects
        versions = store.versions("Harbor High")
    assert versions.data.version == 1 and versions.data.updated_by == ""
    # District mode works on the upgraded data at once.
    session = district.open_for_editing(new_location, "Harbor High", user="maria@district")
    session.project.teachers[0].name = "After the upgrade"
    assert district.save_changes(session).saved == [None]
    again = _run(db, "upgrade", new_location).output.strip()
    assert again.endswith(f"is up to date (schema revision {head_revision()})")


def test_a_0002_database_upgraded_keeps_its_data_and_then_stores_minimums(new_location: str):
    project = build_rich_project()
    with ProjectStore.create(new_location) as store:
        store.save(project)
    downgrade(new_location, "0002")
    assert schema_revision(new_location) == "0002"
    assert "minimums" not in _columns(new_location, "projects")
    assert "data_version" in _columns(new_location, "projects")

    result = _run(db, "upgrade", new_location)

    assert result.exit_code == 0, result.output
    assert f"from schema revision 0002 to {head_revision()}" in result.output
    assert "minimums" in _columns(new_location, "projects")
    wanted = copy.deepcopy(project.minimums)
    project.minimums = Minimums()  # 0002 had no place for them: an upgraded project has no requirements
    _forget_external_ids(project)
    _as_before_0005(project)
    _without_students(project)
    with ProjectStore.open(new_location) as store:
        loaded = store.load(project.name)
        assert loaded == project
        assert store.versions(project.name).data.version == 1  # the stamps of 0002 survive
        loaded.minimums = wanted
        store.save(loaded)
    with ProjectStore.open(new_location) as store:
        assert store.load(project.name).minimums == wanted


def test_a_0003_database_upgraded_keeps_its_data_and_then_stores_external_ids(new_location: str):
    project = build_rich_project()
    with ProjectStore.create(new_location) as store:
        store.save(project)
    downgrade(new_location, "0003")
    assert "external_ids" not in _columns(new_location, "teachers")
    with pytest.raises(OutdatedSchemaError, match="db upgrade"):
        ProjectStore.open(new_location)

    result = _run(db, "upgrade", new_location)

    assert result.exit_code == 0, result.output
    assert "external_ids" in _columns(new_location, "sections")
    wanted = copy.deepcopy(project)
    _forget_external_ids(project)  # NULL columns read as "no SIS ids"; everything else is kept
    _as_before_0005(project)
    _without_students(project)
    with ProjectStore.open(new_location) as store:
        loaded = store.load(project.name)
        assert loaded == project
        store.save(wanted)
    with ProjectStore.open(new_location) as store:
        assert store.load(project.name) == wanted


def test_a_0004_database_upgraded_opens_unchanged_and_then_stores_looping_and_choices(new_location: str):
    project = build_rich_project()
    with ProjectStore.create(new_location) as store:
        store.save(project)
    downgrade(new_location, "0004")
    assert "advisor_pool" not in _columns(new_location, "advisories")
    assert "years" not in _columns(new_location, "prior_pairings")

    result = _run(db, "upgrade", new_location)

    assert result.exit_code == 0, result.output
    assert "advisors" in _columns(new_location, "solutions")
    wanted = copy.deepcopy(project)
    _as_before_0005(project)
    _without_students(project)
    _without_students(wanted)  # 0004 had no students: they went with the downgrade
    with ProjectStore.open(new_location) as store:
        loaded = store.load(project.name)
        assert loaded == project  # everything 0004 kept, and the new fields at their defaults
        assert all(p.years == 1 for p in loaded.prior_pairings)
        store.save(wanted)
    with ProjectStore.open(new_location) as store:
        assert store.load(project.name) == wanted


def test_a_0005_database_upgraded_opens_unchanged_and_then_stores_students(new_location: str):
    full = build_rich_project()
    project = _without_students(build_rich_project())
    students, requests = full.students, full.requests
    enrolments = full.scenarios[0].solution.enrolments
    with ProjectStore.create(new_location) as store:
        store.save(project)
    downgrade(new_location, "0005")
    assert schema_revision(new_location) == "0005"
    assert "max_enrolment" not in _columns(new_location, "sections")

    result = _run(db, "upgrade", new_location)

    assert result.exit_code == 0, result.output
    assert f"from schema revision 0005 to {head_revision()}" in result.output
    with ProjectStore.open(new_location) as store:
        loaded = store.load(project.name)
        assert loaded == project  # no students, no requests, no enrolments, no maximum: as before
        loaded.students, loaded.requests = students, requests
        loaded.scenarios[0].solution.enrolments = enrolments
        store.save(loaded)
    with ProjectStore.open(new_location) as store:
        again = store.load(project.name)
    assert again.students == students and again.requests == requests
    assert again.scenarios[0].solution.enrolments == enrolments


@pytest.mark.postgres
def test_db_upgrade_creates_the_schema_in_an_empty_server_database(pg_database: str):
    result = _run(db, "upgrade", pg_database)
    assert result.exit_code == 0, result.output
    assert "Created the dlplanner schema" in result.output and "dlp:***@" in result.output
    with ProjectStore.open(pg_database) as store:
        assert store.list_projects() == []


def _save_loop(location: str, stop: threading.Event, saved: list[object]) -> None:
    """Another planner saving the whole project again and again; every save sets one number everywhere."""
    try:
        with ProjectStore.open(location) as store:
            project = store.load()
            n = 0
            while not stop.is_set():
                n += 1
                project.description = f"save {n}"
                for scenario in project.scenarios:
                    scenario.description = f"save {n}"
                for teacher in project.teachers:
                    teacher.email = f"save{n}@example.org"
                store.save(project)
                saved.append(n)
    except Exception as exc:  # reported by the test, not lost in the thread
        saved.append(exc)


def _marks(project: Project) -> set[str]:
    return {
        project.description,
        *(s.description for s in project.scenarios),
        *(t.email.removesuffix("@example.org").replace("save", "save ") for t in project.teachers),
    }


def _without_versions(project: Project) -> Project:
    project = copy.deepcopy(project)
    for scenario in project.scenarios:
        scenario.version = 0
    return project


def test_backup_while_another_planner_saves_is_one_snapshot(new_location: str, tmp_path: Path):
    with ProjectStore.create(new_location) as store:
        store.save(build_rich_project())
    stop, saved = threading.Event(), []
    writer = threading.Thread(target=_save_loop, args=(new_location, stop, saved))
    writer.start()
    try:
        while not saved and writer.is_alive():  # the other planner is at work before the first backup
            threading.Event().wait(0.01)
        outs = []
        for i in range(3):
            out = tmp_path / f"backup-{i}.dlp"
            result = _run(backup_command, new_location, str(out))
            assert result.exit_code == 0, result.output
            outs.append(out)
    finally:
        stop.set()
        writer.join()
    assert saved and all(isinstance(n, int) for n in saved), saved[-1:]
    for out in outs:
        with ProjectStore.open(str(out)) as store:
            backed_up = store.load()
        if backed_up.description.startswith("save "):
            assert len(_marks(backed_up)) == 1, f"{out.name} mixes saves: {sorted(_marks(backed_up))}"
        else:  # taken before the first save
            assert _without_versions(backed_up) == _without_versions(build_rich_project())


def test_backup_and_restore_round_trip_and_refuse_to_overwrite_without_force(new_location: str, tmp_path: Path):
    original = build_rich_project()
    with ProjectStore.create(new_location) as store:
        store.save(copy.deepcopy(original))
    backup = tmp_path / "backup.dlp"
    assert _run(backup_command, new_location, str(backup)).exit_code == 0
    assert _run(backup_command, new_location, str(backup)).exit_code != 0  # exists: refused

    maria = district.open_for_editing(new_location, user="maria@district")
    with ProjectStore.open(new_location) as store:  # someone damages the project after the backup
        damaged = store.load()
        damaged.teachers.clear()
        damaged.scenarios[0].sections.clear()
        store.save(damaged)

    refused = _run(restore_command, str(backup), new_location)
    assert refused.exit_code != 0 and "--force" in refused.output
    restored = _run(restore_command, str(backup), new_location, "--force")
    assert restored.exit_code == 0, restored.output
    assert "replaced" in restored.output

    with ProjectStore.open(new_location) as store:
        back = store.load()
    assert back.teachers == original.teachers and back.scenarios[0].sections == original.scenarios[0].sections
    # Maria opened the project before the restore: her save must be refused, not overwrite it.
    maria.project.scenarios[0].description = "Maria"
    assert [c.scenario_id for c in district.save_changes(maria).conflicts] == [original.scenarios[0].id]

    fresh = tmp_path / "fresh.dlp"
    assert _run(restore_command, str(backup), str(fresh)).exit_code == 0
    with ProjectStore.open(str(fresh)) as store:
        assert store.load().teachers == original.teachers


def test_backup_of_one_project_of_several(new_location: str, tmp_path: Path):
    with ProjectStore.create(new_location) as store:
        for name in ("Harbor High", "Lakeside Academy"):
            project = build_rich_project()
            project.name = name
            store.save(project)
    out = tmp_path / "lakeside.dlp"
    result = _run(backup_command, new_location, str(out), "--project-name", "Lakeside Academy")
    assert result.exit_code == 0, result.output
    with ProjectStore.open(str(out)) as store:
        assert store.list_projects() == ["Lakeside Academy"]
    missing = _run(backup_command, new_location, str(tmp_path / "x.dlp"), "--project-name", "Nowhere")
    assert missing.exit_code != 0 and "No project 'Nowhere'" in missing.output
    assert not (tmp_path / "x.dlp").exists() and not list(tmp_path.glob(".*partial*"))
