"""Bad input and failures: clear one-line errors naming the file/URL, and nothing changed or lost."""

from __future__ import annotations

import copy
import hashlib
import sqlite3
from pathlib import Path

import pytest
from rich_project import build_rich_project
from sqlalchemy import create_engine, event, text

import dlplanner.storage.store as store_module
from dlplanner.domain import Project
from dlplanner.storage import (
    ConcurrentEditError,
    DatabaseExistsError,
    DatabaseNotFoundError,
    NewerSchemaError,
    NotAProjectError,
    OutdatedSchemaError,
    ProjectStore,
    StorageError,
    location_to_url,
    schema,
    upgrade_database,
)
from dlplanner.storage.schema import head_revision


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _saved(location: str, project: Project | None = None) -> Project:
    project = project or build_rich_project()
    with ProjectStore.create(location) as store:
        store.save(project)
    return project


def _set_revision(location: str, revision: str) -> None:
    engine = create_engine(location_to_url(location))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


# -- not a project, missing, already there ------------------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("Period,Teacher\n1,Okafor\n" * 50, encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO people (name) VALUES ('Ana')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_text_file, "it is not an SQLite database"),
        (_empty_file, "the file is empty"),
        (_foreign_sqlite, "the file has no dlplanner tables"),
    ],
)
def test_opening_a_file_that_is_not_a_project_changes_nothing(tmp_path: Path, make, reason: str):
    path = tmp_path / "timetable.dlp"
    make(path)
    before = file_hash(path)
    with pytest.raises(NotAProjectError) as info:
        ProjectStore.open(str(path))
    assert str(info.value) == f"{path} is not a dlplanner project: {reason}"
    with pytest.raises(NotAProjectError):
        upgrade_database(str(path))
    assert file_hash(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timetable.dlp"]  # no journal or -wal left


def test_opening_a_folder_is_not_a_project(tmp_path: Path):
    with pytest.raises(NotAProjectError, match="is not a dlplanner project: it is a folder"):
        ProjectStore.open(str(tmp_path))


def test_opening_a_missing_file_creates_nothing(tmp_path: Path):
    path = tmp_path / "nope.dlp"
    with pytest.raises(DatabaseNotFoundError, match=f"^{path} does not exist"):
        ProjectStore.open(str(path))
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_an_existing_file(tmp_path: Path):
    path = tmp_path / "school.dlp"
    _saved(str(path))
    before = file_hash(path)
    with pytest.raises(DatabaseExistsError, match=f"^{path} already exists"):
        ProjectStore.create(str(path))
    assert file_hash(path) == before


def test_create_in_a_missing_folder_says_which(tmp_path: Path):
    with pytest.raises(StorageError, match=r"the folder .*missing does not exist"):
        ProjectStore.create(str(tmp_path / "missing" / "school.dlp"))
    assert not (tmp_path / "missing").exists()


def test_paths_with_odd_characters_work(tmp_path: Path):
    path = tmp_path / "my school #2 ? (copy) é.dlp"
    project = _saved(str(path))
    with ProjectStore.open(str(path)) as store:
        assert store.load() == project


# -- newer schema ------------------------------------------------------------------------------


def test_newer_schema_file_is_refused_and_unchanged(tmp_path: Path):
    path = tmp_path / "school.dlp"
    _saved(str(path))
    _set_revision(str(path), "9999_future")
    before = file_hash(path)
    with pytest.raises(NewerSchemaError) as info:
        ProjectStore.open(str(path))
    assert str(info.value) == (
        f"{path} was saved by a newer dlplanner (schema revision 9999_future); install a newer dlplanner to open it"
    )
    with pytest.raises(NewerSchemaError):
        upgrade_database(str(path))
    assert file_hash(path) == before


@pytest.mark.postgres
def test_newer_schema_on_postgres_is_refused_and_unchanged(pg_database: str):
    _saved(pg_database)
    _set_revision(pg_database, "9999_future")
    with pytest.raises(NewerSchemaError, match=r"schema revision 9999_future\); install a newer dlplanner"):
        ProjectStore.open(pg_database)
    engine = create_engine(pg_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "9999_future"
        assert connection.execute(text("SELECT count(*) FROM projects")).scalar_one() == 1
    engine.dispose()


def test_upgrade_database_on_a_current_project_keeps_it(new_location: str):
    project = _saved(new_location)
    assert upgrade_database(new_location) == head_revision()
    with ProjectStore.open(new_location) as store:
        assert store.load() == project


# -- PostgreSQL databases that are not (empty) projects, and connection failures ----------------


@pytest.mark.postgres
def test_postgres_database_without_schema_is_not_a_project(pg_database: str):
    with pytest.raises(NotAProjectError, match="is not a dlplanner project: the database has no dlplanner tables"):
        ProjectStore.open(pg_database)
    engine = create_engine(pg_database)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE grades (id int)"))
    engine.dispose()
    with pytest.raises(NotAProjectError, match="no dlplanner tables"):
        ProjectStore.open(pg_database)
    with pytest.raises(DatabaseExistsError, match=r"is not empty \(tables: grades\)"):
        ProjectStore.create(pg_database)


@pytest.mark.postgres
def test_create_on_postgres_refuses_an_existing_project_database(pg_database: str):
    _saved(pg_database)
    with pytest.raises(DatabaseExistsError, match="already holds dlplanner projects; open it instead"):
        ProjectStore.create(pg_database)


@pytest.mark.postgres
def test_connection_failure_names_the_url_without_password(pg_database: str):
    wrong = pg_database.replace(":dlp@", ":wrong-secret@", 1)
    assert "wrong-secret" in wrong
    with pytest.raises(StorageError) as info:
        ProjectStore.open(wrong)
    message = str(info.value)
    assert message.startswith("Cannot connect to postgresql+psycopg://dlp:***@")
    assert "wrong-secret" not in message
    assert "\n" not in message


def test_connection_refused_is_a_storage_error():
    url = "postgresql+psycopg://dlp:topsecret@127.0.0.1:1/nowhere"
    with pytest.raises(StorageError) as info:
        ProjectStore.open(url)
    assert str(info.value).startswith("Cannot connect to postgresql+psycopg://dlp:***@127.0.0.1:1/nowhere: ")
    assert "topsecret" not in str(info.value)


# -- saves are all or nothing ------------------------------------------------------------------


class InjectedFailure(Exception):
    pass


def _fail_on_nth_insert(engine, n: int) -> None:
    inserts = 0

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        nonlocal inserts
        if statement.lstrip().upper().startswith("INSERT"):
            inserts += 1
            if inserts == n:
                raise InjectedFailure(f"insert number {n} fails")

    event.listen(engine, "before_cursor_execute", before_cursor_execute)


@pytest.mark.parametrize("nth_insert", [1, 4, 15])
def test_a_failure_mid_save_leaves_the_previous_state(new_location: str, nth_insert: int):
    project = _saved(new_location)
    previous = copy.deepcopy(project)
    project.teachers.pop()
    project.scenarios[0].solution.placements.clear()
    project.scenarios[1].name = "Renamed"
    edited = copy.deepcopy(project)
    with ProjectStore.open(new_location) as store:
        _fail_on_nth_insert(store._engine, nth_insert)
        with pytest.raises(InjectedFailure):
            store.save(project)
        assert project == edited  # versions not bumped: nothing was committed
    with ProjectStore.open(new_location) as store:
        assert store.load() == previous
        store.save(project)  # the lock was released and the edit can still be saved
        assert store.load() == project


def test_a_failure_while_building_rows_leaves_the_previous_state(new_location, monkeypatch):
    project = _saved(new_location)
    previous = copy.deepcopy(project)
    project.description = "edited"
    calls = 0
    real = store_module.scenario_row

    def flaky(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise InjectedFailure("second scenario cannot be converted")
        return real(*args, **kwargs)

    monkeypatch.setattr(store_module, "scenario_row", flaky)
    with ProjectStore.open(new_location) as store:
        with pytest.raises(InjectedFailure):
            store.save(project)
        assert store.load() == previous
    assert calls == 2


def test_duplicate_scenario_ids_are_refused_before_writing(new_location: str):
    project = _saved(new_location)
    previous = copy.deepcopy(project)
    project.scenarios[1].id = project.scenarios[0].id
    with ProjectStore.open(new_location) as store:
        with pytest.raises(StorageError, match="two scenarios have the id 'ab-lti'"):
            store.save(project)
        assert store.load() == previous


# -- optimistic concurrency --------------------------------------------------------------------


def test_saving_a_stale_scenario_raises_concurrent_edit(new_location: str):
    _saved(new_location)
    with ProjectStore.open(new_location) as alice_store, ProjectStore.open(new_location) as bob_store:
        alice = alice_store.load()
        bob = bob_store.load()
        alice.scenarios[0].description = "Alice's edit"
        alice_store.save(alice)
        assert alice.scenarios[0].version == bob.scenarios[0].version + 1
        bob.scenarios[0].description = "Bob's edit"
        bob_before = copy.deepcopy(bob)
        with pytest.raises(ConcurrentEditError) as info:
            bob_store.save(bob)
        message = str(info.value)
        assert "Scenario 'A/B with LTI days'" in message
        assert "was changed by another planner at " in message and "after you opened it" in message
        assert info.value.scenario_id == alice.scenarios[0].id
        assert info.value.current_version == alice.scenarios[0].version
        assert bob == bob_before  # Bob's versions untouched: he may reload and redo
        assert bob_store.load() == alice
        bob = bob_store.load()  # after reloading, Bob may save
        bob.scenarios[0].description = "Bob's edit"
        bob_store.save(bob)
        assert alice_store.load().scenarios[0].description == "Bob's edit"


def test_closed_store_refuses_use(tmp_path: Path):
    store = ProjectStore.create(str(tmp_path / "school.dlp"))
    store.close()
    with pytest.raises(StorageError, match="is closed"):
        store.list_projects()


def test_an_older_schema_asks_for_an_upgrade_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Pretend this dlplanner's head is a later "0003".
    path = tmp_path / "school.dlp"
    _saved(str(path))
    _set_revision(str(path), "0001")
    before = file_hash(path)
    monkeypatch.setattr(schema, "head_revision", lambda: "0003")
    monkeypatch.setattr(schema, "known_revisions", lambda: {"0001", "0002", "0003"})
    with pytest.raises(OutdatedSchemaError) as info:
        ProjectStore.open(str(path))
    assert str(info.value) == (
        f"{path} was saved by an older dlplanner (schema revision 0001); "
        f"run `dlplanner db upgrade {path}` to update it (make a copy first)"
    )
    assert file_hash(path) == before
