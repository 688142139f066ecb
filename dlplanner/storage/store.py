"""ProjectStore: whole projects in an SQLite file or a PostgreSQL database.

SQLite choices, and why:

- The default rollback journal (``journal_mode=DELETE``), not WAL: a ``.dlp`` file is a document
  people copy, e-mail and keep on shared or synced folders. In rollback mode the file is
  self-contained whenever no save is running, while WAL keeps committed data in ``-wal``/``-shm``
  side files (lost when only the ``.dlp`` is copied) and does not work on network file systems.
  The single desktop user gains nothing from WAL's concurrent readers.
- ``PRAGMA foreign_keys=ON`` on every connection, so deleting a project or scenario cascades.
- pysqlite's implicit transactions are turned off and the store emits ``BEGIN`` itself (the
  SQLAlchemy recipe): DDL becomes transactional (a failed migration leaves nothing behind) and a
  save starts with ``BEGIN IMMEDIATE``, taking the write lock *before* it reads the scenario
  versions, so two processes cannot both pass the concurrency check.
- Files are opened through SQLite URIs with ``mode=ro`` (validating), ``mode=rw`` (an existing
  project; never creates a file) or ``mode=rwc`` (create only).

On PostgreSQL a save locks its project row (``SELECT ... FOR UPDATE``) for the same reason, and
loads run in one REPEATABLE READ, read-only transaction so a project is read from one snapshot.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, delete, event, inspect, make_url, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from dlplanner.domain.codec import DecodeError
from dlplanner.domain.model import Project
from dlplanner.storage import schema
from dlplanner.storage.errors import (
    AmbiguousProjectError,
    ConcurrentEditError,
    DatabaseExistsError,
    DatabaseNotFoundError,
    NewerSchemaError,
    NotAProjectError,
    OutdatedSchemaError,
    ProjectNotFoundError,
    StorageError,
)
from dlplanner.storage.mapping import project_from_rows, project_part_rows, scenario_row
from dlplanner.storage.orm import (
    AdvisoryRow,
    BellScheduleRow,
    CampusRow,
    CampusTravelRow,
    CohortRow,
    PriorPairingRow,
    ProjectRow,
    RoomRow,
    ScenarioRow,
    SubjectRow,
    TeacherRow,
    TeacherTeamRow,
)

_PROJECT_PART_TABLES = (
    SubjectRow,
    TeacherRow,
    RoomRow,
    CampusRow,
    CampusTravelRow,
    CohortRow,
    AdvisoryRow,
    TeacherTeamRow,
    PriorPairingRow,
    ScenarioRow,  # its own rows go with it (ON DELETE CASCADE)
)

_LOAD_OPTIONS = (
    selectinload(ProjectRow.subjects),
    selectinload(ProjectRow.teachers),
    selectinload(ProjectRow.rooms),
    selectinload(ProjectRow.campuses),
    selectinload(ProjectRow.travel),
    selectinload(ProjectRow.cohorts),
    selectinload(ProjectRow.advisories),
    selectinload(ProjectRow.teams),
    selectinload(ProjectRow.prior_pairings),
    selectinload(ProjectRow.scenarios).options(
        selectinload(ScenarioRow.bell_schedules).selectinload(BellScheduleRow.blocks),
        selectinload(ScenarioRow.day_types),
        selectinload(ScenarioRow.sections),
        selectinload(ScenarioRow.internships),
        selectinload(ScenarioRow.looping_rules),
        selectinload(ScenarioRow.rules),
        selectinload(ScenarioRow.solution),
        selectinload(ScenarioRow.placements),
    ),
)


# -- locations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """Where a project database is: its URL, how to name it in messages, and the file if SQLite."""

    url: URL
    display: str
    path: Path | None


def _mask_text(location: str) -> str:
    """``scheme://user:***@host/db`` for a URL we could not even parse."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", location)


def _target(location: str) -> _Target:
    if "://" not in location:
        path = Path(location).expanduser().absolute()
        return _Target(URL.create("sqlite", database=str(path)), location, path)
    try:
        url = make_url(location)
    except ArgumentError:
        raise StorageError(
            f"{_mask_text(location)} is not a valid database URL (expected postgresql+psycopg://user:password@host/db)"
        ) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise StorageError(f"{location} names no SQLite file; use a path such as school.dlp")
        path = Path(url.database).expanduser().absolute()
        return _Target(URL.create("sqlite", database=str(path)), location, path)
    if backend == "postgresql":
        return _Target(url, url.render_as_string(hide_password=True), None)
    raise StorageError(
        f"{_mask_text(location)}: unsupported database '{backend}'; use a .dlp file or a postgresql+psycopg:// URL"
    )


def location_to_url(location: str) -> str:
    """The SQLAlchemy URL for a location: a path becomes ``sqlite:////abs/path``; a URL stays as is."""
    if "://" in location:
        return location
    return _target(location).url.render_as_string(hide_password=False)


def display_location(location: str) -> str:
    """How to name a location in messages and titles: the path as given, or the URL without password."""
    return _target(location).display if "://" in location else location


def _reason(exc: BaseException, target: _Target) -> str:
    """The first line of a database driver's message, with any password masked."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else type(orig).__name__
    if target.url.password:
        reason = reason.replace(str(target.url.password), "***")
    return reason


# -- engines -----------------------------------------------------------------------------------


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module docstring)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get("dlplanner_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_engine(path: Path, mode: str) -> Engine:
    """An engine on the SQLite file ``path`` opened with URI ``mode`` (ro, rw or rwc)."""
    uri = f"{path.as_uri()}?mode={mode}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine(URL.create("sqlite+pysqlite", database=str(path)), creator=connect)
    if mode != "ro":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _server_engine(target: _Target) -> Engine:
    try:
        return create_engine(target.url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StorageError(f"Cannot use {target.display}: {exc}") from None


def _connect(engine: Engine, target: _Target) -> Connection:
    """A connection, or a StorageError naming the server (password masked) if there is none."""
    try:
        return engine.connect()
    except SQLAlchemyError as exc:
        raise StorageError(f"Cannot connect to {target.display}: {_reason(exc, target)}") from None


@contextmanager
def _wrapped(target: _Target, action: str) -> Iterator[None]:
    """Turn driver errors into a StorageError that names the database (password masked)."""
    try:
        yield
    except StorageError:
        raise
    except SQLAlchemyError as exc:
        raise StorageError(f"Cannot {action} {target.display}: {_reason(exc, target)}") from None


# -- schema checks -----------------------------------------------------------------------------


def _check_schema(connection: Connection, target: _Target, *, allow_outdated: bool = False) -> str:
    """The schema revision of a dlplanner database; raises if it is not one we can use as is."""
    try:
        tables = set(inspect(connection).get_table_names())
    except OperationalError:
        raise
    except DBAPIError as exc:
        if target.path is not None:
            raise NotAProjectError(
                f"{target.display} is not a dlplanner project: it is not an SQLite database"
            ) from None
        raise NotAProjectError(f"{target.display} is not a dlplanner project: {_reason(exc, target)}") from None
    if schema.VERSION_TABLE not in tables or "projects" not in tables:
        what = "the database" if target.path is None else "the file"
        raise NotAProjectError(f"{target.display} is not a dlplanner project: {what} has no dlplanner tables")
    revisions = connection.execute(text(f"SELECT version_num FROM {schema.VERSION_TABLE}")).scalars().all()
    if not revisions:
        raise NotAProjectError(f"{target.display} is not a dlplanner project: its schema revision is missing")
    unknown = sorted(set(revisions) - schema.known_revisions())
    if unknown:
        raise NewerSchemaError(
            f"{target.display} was saved by a newer dlplanner (schema revision {', '.join(unknown)}); "
            "install a newer dlplanner to open it"
        )
    head = schema.head_revision()
    if revisions != [head] and not allow_outdated:
        raise OutdatedSchemaError(
            f"{target.display} was saved by an older dlplanner (schema revision {', '.join(revisions)}); "
            f"run `dlplanner db upgrade {target.display}` to update it (make a copy first)"
        )
    return revisions[0]


def _open_engine(target: _Target, *, allow_outdated: bool = False) -> Engine:
    """Validate an existing project database without writing to it; then an engine to use it."""
    if target.path is None:
        engine = _server_engine(target)
        try:
            with _connect(engine, target) as connection, _wrapped(target, "open"):
                readonly = connection.execution_options(postgresql_readonly=True)
                with readonly.begin():
                    _check_schema(readonly, target, allow_outdated=allow_outdated)
        except BaseException:
            engine.dispose()
            raise
        return engine
    path = target.path
    if path.is_dir():
        raise NotAProjectError(f"{target.display} is not a dlplanner project: it is a folder")
    if not path.exists():
        raise DatabaseNotFoundError(f"{target.display} does not exist; check the path, or create a new project there")
    if path.stat().st_size == 0:
        raise NotAProjectError(f"{target.display} is not a dlplanner project: the file is empty")
    probe = _sqlite_engine(path, "ro")
    try:
        with _wrapped(target, "open"), probe.connect() as connection:
            _check_schema(connection, target, allow_outdated=allow_outdated)
    finally:
        probe.dispose()
    return _sqlite_engine(path, "rw")


# -- the store ---------------------------------------------------------------------------------


class ProjectStore:
    """Projects in one database; every method is one short transaction (one session per action).

    Make one with :meth:`create` or :meth:`open`; close it (or use ``with``) when done.
    """

    def __init__(self, engine: Engine, target: _Target) -> None:
        self._engine = engine
        self._target = target
        self._closed = False
        if target.path is None:
            self._read_engine = engine.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        else:
            self._read_engine = engine
        self._write_engine = engine.execution_options(dlplanner_write=True)

    # -- making one ----------------------------------------------------------------------------
    @classmethod
    def create(cls, location: str) -> ProjectStore:
        """A new, empty project database: a new SQLite file, or an empty PostgreSQL database."""
        target = _target(location)
        if target.path is None:
            return cls(_create_on_server(target), target)
        path = target.path
        if path.exists():
            raise DatabaseExistsError(f"{target.display} already exists; open it, or choose another file name")
        if not path.parent.is_dir():
            raise StorageError(f"Cannot create {target.display}: the folder {path.parent} does not exist")
        engine = _sqlite_engine(path, "rwc")
        try:
            with _wrapped(target, "create"), engine.begin() as connection:
                schema.upgrade_to_head(connection)
        except BaseException:
            engine.dispose()
            for leftover in (path, path.with_name(path.name + "-journal")):
                leftover.unlink(missing_ok=True)
            raise
        return cls(engine, target)

    @classmethod
    def open(cls, location: str) -> ProjectStore:
        """An existing project database; checks it is one this dlplanner can read, changing nothing."""
        target = _target(location)
        return cls(_open_engine(target), target)

    # -- reading -------------------------------------------------------------------------------
    @property
    def location(self) -> str:
        """The file as given, or the URL with its password masked."""
        return self._target.display

    def list_projects(self) -> list[str]:
        """The names of the projects in this database, sorted."""
        self._check_open()
        with _wrapped(self._target, "read"), Session(self._read_engine) as session, session.begin():
            return list(session.scalars(select(ProjectRow.name).order_by(ProjectRow.name)))

    def load(self, name: str | None = None) -> Project:
        """The project called ``name``; with ``None`` the only project in the database."""
        self._check_open()
        with _wrapped(self._target, "read"), Session(self._read_engine) as session, session.begin():
            names = list(session.scalars(select(ProjectRow.name).order_by(ProjectRow.name)))
            if name is None:
                if not names:
                    raise ProjectNotFoundError(f"{self.location} contains no project yet")
                if len(names) > 1:
                    raise AmbiguousProjectError(
                        f"{self.location} holds several projects ({', '.join(names)}); say which one to open"
                    )
                name = names[0]
            elif name not in names:
                raise ProjectNotFoundError(
                    f"No project '{name}' in {self.location} (projects: {', '.join(names) or 'none'})"
                )
            row = session.scalars(select(ProjectRow).where(ProjectRow.name == name).options(*_LOAD_OPTIONS)).one()
            try:
                return project_from_rows(row)
            except (DecodeError, ValueError) as exc:
                raise StorageError(f"{self.location}: project '{name}' is damaged and cannot be read: {exc}") from None

    # -- writing -------------------------------------------------------------------------------
    def save(self, project: Project) -> None:
        """Replace the stored project of the same name with ``project``, in one transaction.

        Raises :class:`ConcurrentEditError` (and writes nothing) if a scenario was saved by
        someone else since ``project`` was loaded. After the commit, each scenario's ``version``
        is the one now stored. Scenarios stored but no longer in ``project`` are deleted. A
        project is identified by its name: saving a renamed project adds a new one.
        """
        self._check_open()
        seen: set[str] = set()
        for scenario in project.scenarios:
            if scenario.id in seen:
                raise StorageError(
                    f"Cannot save project '{project.name}': two scenarios have the id '{scenario.id}'; "
                    "give each scenario its own id"
                )
            seen.add(scenario.id)
        action = f"save project '{project.name}' to"
        with _wrapped(self._target, action), Session(self._write_engine) as session, session.begin():
            versions = self._write(session, project)
        for scenario in project.scenarios:
            scenario.version = versions[scenario.id]

    def _write(self, session: Session, project: Project) -> dict[str, int]:
        row = session.scalars(select(ProjectRow).where(ProjectRow.name == project.name).with_for_update()).one_or_none()
        stored: dict[str, int] = {}
        if row is None:
            row = ProjectRow(name=project.name, school_name=project.school_name, description=project.description)
            session.add(row)
            session.flush()
        else:
            query = select(ScenarioRow.id, ScenarioRow.version).where(ScenarioRow.project_pk == row.pk)
            stored = dict(session.execute(query).all())  # type: ignore[arg-type]
            for scenario in project.scenarios:
                if stored.get(scenario.id, 0) > scenario.version:
                    raise ConcurrentEditError(
                        f"Scenario '{scenario.name}' of project '{project.name}' in {self.location} was saved by "
                        f"someone else (version {stored[scenario.id]}, yours is {scenario.version}); "
                        "reload it, then make your changes again"
                    )
            row.school_name, row.description = project.school_name, project.description
            for table in _PROJECT_PART_TABLES:
                session.execute(
                    delete(table).where(table.project_pk == row.pk).execution_options(synchronize_session=False)
                )
        session.add_all(project_part_rows(project, row.pk))
        versions = {}
        for position, scenario in enumerate(project.scenarios):
            versions[scenario.id] = max(scenario.version, stored.get(scenario.id, 0)) + 1
            session.add(scenario_row(scenario, row.pk, position, versions[scenario.id]))
        session.flush()
        return versions

    def delete_project(self, name: str) -> None:
        """Delete the project called ``name`` and everything it owns."""
        self._check_open()
        action = f"delete project '{name}' from"
        with _wrapped(self._target, action), Session(self._write_engine) as session, session.begin():
            result = session.execute(
                delete(ProjectRow).where(ProjectRow.name == name).execution_options(synchronize_session=False)
            )
            if result.rowcount == 0:  # type: ignore[attr-defined]
                raise ProjectNotFoundError(f"No project '{name}' in {self.location}")

    # -- lifetime ------------------------------------------------------------------------------
    def close(self) -> None:
        """Release the database connections (the store cannot be used afterwards)."""
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(f"The project store for {self.location} is closed")

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProjectStore({self.location!r})"


def _create_on_server(target: _Target) -> Engine:
    """Install the schema in an empty server database (refusing one that holds anything)."""
    engine = _server_engine(target)
    try:
        with _connect(engine, target) as connection, _wrapped(target, "create a project in"), connection.begin():
            tables = sorted(inspect(connection).get_table_names())
            if "projects" in tables and schema.VERSION_TABLE in tables:
                raise DatabaseExistsError(f"{target.display} already holds dlplanner projects; open it instead")
            if tables:
                shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
                raise DatabaseExistsError(
                    f"{target.display} is not empty (tables: {shown}); create projects in an empty database"
                )
            schema.upgrade_to_head(connection)
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade_database(location: str) -> str:
    """Migrate an existing project database to this dlplanner's schema; returns the new revision.

    For ``dlplanner db upgrade URL``. Refuses databases that are not projects or are newer.
    """
    target = _target(location)
    engine = _open_engine(target, allow_outdated=True)
    try:
        with _wrapped(target, "upgrade"), engine.execution_options(dlplanner_write=True).begin() as connection:
            schema.upgrade_to_head(connection)
    finally:
        engine.dispose()
    return schema.head_revision()
