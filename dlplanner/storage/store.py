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
- No pooled connections (``NullPool``): each transaction opens the file and closes it again, which
  costs microseconds. An idle store then holds no file handle, so a store kept open for a long time
  never pins a ``.dlp`` that "Save As" or a restore has meanwhile replaced by renaming a new file
  into place (a pooled connection would go on reading and writing the old, unlinked file).

On PostgreSQL a save locks its project row (``SELECT ... FOR UPDATE``) for the same reason, and
loads run in one REPEATABLE READ, read-only transaction so a project is read from one snapshot.
Every transaction first reads the schema revision (one tiny query), so a store kept open for a
whole editing session still refuses to work on a database a newer dlplanner has upgraded since.

District mode (several planners on one database) saves finer pieces, each in its own short
transaction: :meth:`ProjectStore.save_scenario` (one scenario, checked against the version the
planner opened) and :meth:`ProjectStore.save_project_data` (people, rooms and groups, checked
against ``projects.data_version``). A refused save raises :class:`ConcurrentEditError` saying
what changed, by whom and when; nothing is overwritten silently.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote

from sqlalchemy import URL, Connection, Engine, create_engine, delete, event, func, inspect, make_url, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from dlplanner.domain.codec import DecodeError
from dlplanner.domain.model import Project, Scenario
from dlplanner.storage import files, schema
from dlplanner.storage.errors import (
    AmbiguousProjectError,
    ConcurrentEditError,
    DatabaseExistsError,
    DatabaseNotFoundError,
    NewerSchemaError,
    NotAProjectError,
    OutdatedSchemaError,
    ProjectExistsError,
    ProjectNotFoundError,
    SaveRefusedError,
    StorageError,
)
from dlplanner.storage.mapping import (
    LOAD_OPTIONS,
    PROJECT_DATA_TABLES,
    SCENARIO_PART_TABLES,
    project_columns,
    project_from_rows,
    project_part_rows,
    scenario_row,
)
from dlplanner.storage.orm import ProjectRow, ScenarioRow
from dlplanner.storage.stamps import ProjectSnapshot, ProjectVersions, Stamp, from_text, now_utc, to_text

_PROJECT_PART_TABLES = (*PROJECT_DATA_TABLES, ScenarioRow)  # a scenario's own rows go with it (CASCADE)


# -- locations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    """Where a project database is: its URL, how to name it in messages, and the file if SQLite."""

    url: URL
    display: str
    path: Path | None


def _target(location: str) -> _Target:
    if "://" not in location:
        path = Path(location).expanduser().absolute()
        return _Target(URL.create("sqlite", database=str(path)), location, path)
    shown = display_location(location)
    try:
        url = make_url(location)
    except (ArgumentError, ValueError):
        raise StorageError(
            f"{shown} is not a valid database URL (expected postgresql+psycopg://user:password@host/db)"
        ) from None
    userinfo = location.partition("://")[2].rpartition("@")[0]
    if ":" in userinfo and unquote(userinfo.partition(":")[2]) != (url.password or ""):
        # an unencoded '@' (in the password, mostly): parsers split the URL at the first '@', so
        # part of the password would become the host, and a driver's message would show it
        raise StorageError(
            f"{shown} is not a valid database URL: it holds more than one '@'; "
            "write an '@' inside the password as %40 (other special characters as %XX too)"
        )
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            raise StorageError(f"{shown} names no SQLite file; use a path such as school.dlp")
        path = Path(url.database).expanduser().absolute()
        return _Target(URL.create("sqlite", database=str(path)), shown, path)
    if backend == "postgresql":
        return _Target(url, shown, None)
    raise StorageError(f"{shown}: unsupported database '{backend}'; use a .dlp file or a postgresql+psycopg:// URL")


def location_to_url(location: str) -> str:
    """The SQLAlchemy URL for a location: a path becomes ``sqlite:////abs/path``; a URL stays as is."""
    if "://" in location:
        return location
    return _target(location).url.render_as_string(hide_password=False)


_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def display_location(location: str) -> str:
    """How to name a location in every message, title and success line: a path as given; a URL
    with its password replaced by ``***``.

    The one masking function (the storage errors, the services and both front ends use it). It
    works on the text, so it also hides passwords in URLs that cannot be parsed: everything
    between ``user:`` and the *last* ``@`` is the password (a password may hold an unencoded
    ``@``, ``/`` or ``?``; masking too much is better than showing part of it), and so is a
    ``password=`` query parameter.
    """
    scheme, sep, rest = location.partition("://")
    if not sep:
        return location
    userinfo, at, address = rest.rpartition("@")
    if at and ":" in userinfo:
        rest = f"{userinfo.partition(':')[0]}:***@{address}"
    return _QUERY_PASSWORD.sub(r"\1***", f"{scheme}://{rest}")


def location_without_password(location: str) -> str:
    """The location to remember (recent projects, settings): a database URL without its password.

    A password kept in plain text in the user's settings is a leak; the server's password comes from
    libpq's own password file (``~/.pgpass``, ``%APPDATA%\\postgresql\\pgpass.conf``) or ``PGPASSWORD`` instead.
    Works on the text like :func:`display_location`, so no part of a password with an unencoded
    ``@`` is kept either.
    """
    scheme, sep, rest = location.partition("://")
    if not sep:
        return location
    userinfo, at, address = rest.rpartition("@")
    if at and ":" in userinfo:
        rest = f"{userinfo.partition(':')[0]}@{address}"
    kept = _QUERY_PASSWORD_PARAMETER.sub(lambda m: m.group(1) if m.group(2) else "", f"{scheme}://{rest}")
    return kept


_QUERY_PASSWORD_PARAMETER = re.compile(r"([?&])password=[^&#]*(&?)", re.IGNORECASE)


def _reason(exc: BaseException, target: _Target) -> str:
    """The first line of a database driver's message, with any password masked."""
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).strip().splitlines() if line.strip()]
    reason = lines[0] if lines else type(orig).__name__
    hidden = [target.url.password, target.url.query.get("password")]
    for secret in hidden:
        if isinstance(secret, str) and secret:
            reason = reason.replace(secret, "***")
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
    """An engine on the SQLite file ``path`` opened with URI ``mode`` (ro, rw or rwc); no pooling
    (see the module docstring)."""
    uri = f"{path.as_uri()}?mode={mode}"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine(URL.create("sqlite+pysqlite", database=str(path)), creator=connect, poolclass=NullPool)
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
    except OverflowError as exc:  # sqlite3 refuses ints beyond 64 bits before SQLAlchemy sees them
        raise StorageError(f"Cannot {action} {target.display}: a number is too large to store ({exc})") from None
    except UnicodeDecodeError as exc:  # sqlite3 could not decode SQLite's own message about a damaged file
        reason = exc.object.decode("utf-8", "replace") if isinstance(exc.object, bytes) else str(exc)
        raise StorageError(f"Cannot {action} {target.display}: the file is damaged ({_one_line(reason)})") from None


def _one_line(reason: object, limit: int = 300) -> str:
    """A reason on one line of reasonable length (damaged files hold long and odd values)."""
    text = " ".join(str(reason).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    revisions = list(connection.execute(text(f"SELECT version_num FROM {schema.VERSION_TABLE}")).scalars())
    return _check_revisions(revisions, target, allow_outdated=allow_outdated)


def _check_revisions(revisions: list[str], target: _Target, *, allow_outdated: bool = False) -> str:
    """The one schema revision in ``revisions`` if this dlplanner can use it as is; else a clear refusal."""
    if not revisions:
        raise NotAProjectError(f"{target.display} is not a dlplanner project: its schema revision is missing")
    if not all(isinstance(r, str) and 0 < len(r) <= 64 and r.isprintable() for r in revisions):
        raise NotAProjectError(f"{target.display} is damaged: its schema revision cannot be read")
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
            _check_server(engine, target, allow_outdated=allow_outdated)
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
    if path.with_name(path.name + "-journal").exists():
        _roll_back_hot_journal(path)
    probe = _sqlite_engine(path, "ro")
    try:
        with _wrapped(target, "open"), probe.connect() as connection:
            _check_schema(connection, target, allow_outdated=allow_outdated)
    finally:
        probe.dispose()
    return _sqlite_engine(path, "rw")


def _check_server(engine: Engine, target: _Target, *, allow_outdated: bool = False) -> None:
    """Check, in a read-only transaction, that the server database is a dlplanner one we can use."""
    with _connect(engine, target) as connection, _wrapped(target, "open"):
        readonly = connection.execution_options(postgresql_readonly=True)
        with readonly.begin():
            _check_schema(readonly, target, allow_outdated=allow_outdated)


class _SharedEngines:
    """One engine (with its pool of connections) per server database, for long-lived stores.

    A district session keeps its store for as long as the planner has the project open, so every
    save, poll and refresh reuses a pooled connection instead of paying for a new engine, a new
    server connection and a schema inspection. Sessions on the same database share the engine;
    it is disposed (its connections closed) when the last of them closes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._engines: dict[str, tuple[Engine, int]] = {}

    def acquire(self, target: _Target) -> tuple[Engine, Callable[[], None]]:
        """The shared engine of ``target`` (validated as :meth:`ProjectStore.open` does) and its release."""
        key = target.url.render_as_string(hide_password=False)
        with self._lock:
            if key in self._engines:
                engine, users = self._engines[key]
                _check_server(engine, target)  # still a dlplanner database of a schema we can use
            else:
                engine, users = _open_engine(target), 0
            self._engines[key] = (engine, users + 1)
        return engine, lambda: self._release(key, engine)

    def _release(self, key: str, engine: Engine) -> None:
        with self._lock:
            shared, users = self._engines[key]
            assert shared is engine
            if users > 1:
                self._engines[key] = (engine, users - 1)
                return
            del self._engines[key]
        engine.dispose()

    def users(self, location: str) -> int:
        """How many open stores share the engine of ``location`` (0: none is kept)."""
        key = _target(location).url.render_as_string(hide_password=False)
        with self._lock:
            return self._engines.get(key, (None, 0))[1]


_shared_engines = _SharedEngines()


def shared_engine_users(location: str) -> int:
    """How many long-lived stores (:meth:`ProjectStore.open_shared`) keep an engine on ``location``."""
    return _shared_engines.users(location)


def _roll_back_hot_journal(path: Path) -> None:
    """Let SQLite roll back a save that was interrupted (a crash left ``-journal`` behind).

    A read-only connection must not be the first to read such a file; a read-write one restores
    the pages from the journal, so the file holds exactly the state before the interrupted save.
    Errors are left for the validating probe to report.
    """
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)
    except sqlite3.Error:
        return
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except sqlite3.Error:
        pass
    finally:
        connection.close()


# -- the store ---------------------------------------------------------------------------------


class ProjectStore:
    """Projects in one database; every method is one short transaction (one session per action).

    Make one with :meth:`create` or :meth:`open`; close it (or use ``with``) when done.
    """

    def __init__(self, engine: Engine, target: _Target, release: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._target = target
        self._release = release or engine.dispose  # a shared engine is released, not disposed
        self._closed = False
        self._head = schema.head_revision()
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
            raise DatabaseExistsError(
                f"{target.display} already exists ({files.describe_file(path)}); open it, or choose another file name"
            )
        if not path.parent.is_dir():
            raise StorageError(f"Cannot create {target.display}: the folder {path.parent} does not exist")
        files.clear_orphaned_side_files(path, target.display)  # a crashed save's journal must not meet the new file
        engine = _sqlite_engine(path, "rwc")
        try:
            with _wrapped(target, "create"), engine.begin() as connection:
                schema.upgrade_to_head(connection)
        except BaseException:
            engine.dispose()
            for leftover in (path, *files.side_files(path)):
                leftover.unlink(missing_ok=True)
            raise
        return cls(engine, target)

    @classmethod
    def open(cls, location: str) -> ProjectStore:
        """An existing project database; checks it is one this dlplanner can read, changing nothing."""
        target = _target(location)
        return cls(_open_engine(target), target)

    @classmethod
    def open_shared(cls, location: str) -> ProjectStore:
        """Like :meth:`open`, for a store kept open a long time (a district editing session).

        On a server the engine and its pooled connections are shared by every such store of the
        same database in this process and disposed when the last one closes, so each action reuses
        a connection. On SQLite the store has its own engine, which holds no file handle between
        transactions (see the module docstring): nothing is left open or locked.
        """
        target = _target(location)
        if target.path is not None:
            return cls(_open_engine(target), target)
        engine, release = _shared_engines.acquire(target)
        return cls(engine, target, release)

    @contextmanager
    def _transaction(self, action: str, *, write: bool = False) -> Iterator[Session]:
        """One transaction (a write one takes the write lock first on SQLite) on a database whose
        schema revision is still the one this dlplanner writes: the store may have been open for
        hours while someone ran ``dlplanner db upgrade`` with a newer version."""
        self._check_open()
        engine = self._write_engine if write else self._read_engine
        with _wrapped(self._target, action), Session(engine) as session, session.begin():
            revisions = list(session.execute(text(f"SELECT version_num FROM {schema.VERSION_TABLE}")).scalars())
            if revisions != [self._head]:
                _check_revisions(revisions, self._target)
            yield session

    # -- reading -------------------------------------------------------------------------------
    @property
    def location(self) -> str:
        """The file as given, or the URL with its password masked."""
        return self._target.display

    def list_projects(self) -> list[str]:
        """The names of the projects in this database, sorted."""
        self._check_open()
        with self._transaction("read") as session:
            return list(session.scalars(select(ProjectRow.name).order_by(ProjectRow.name)))

    def load(self, name: str | None = None) -> Project:
        """The project called ``name``; with ``None`` the only project in the database."""
        return self.load_snapshot(name).project

    def load_snapshot(self, name: str | None = None) -> ProjectSnapshot:
        """The project and its version stamps, read from one snapshot (what district mode opens)."""
        self._check_open()
        with self._transaction("read") as session:
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
            return self._snapshot(session, name)

    def load_all(self) -> list[ProjectSnapshot]:
        """Every project in the database, all read from one snapshot (for consistent backups)."""
        self._check_open()
        with self._transaction("read") as session:
            names = list(session.scalars(select(ProjectRow.name).order_by(ProjectRow.name)))
            return [self._snapshot(session, name) for name in names]

    def versions(self, name: str) -> ProjectVersions:
        """The version stamps of project ``name`` without loading it: poll this to see others' saves."""
        self._check_open()
        with self._transaction("read") as session:
            row = session.scalars(select(ProjectRow).where(ProjectRow.name == name)).one_or_none()
            if row is None:
                raise ProjectNotFoundError(f"No project '{name}' in {self.location}")
            columns = (
                ScenarioRow.id,
                ScenarioRow.name,
                ScenarioRow.version,
                ScenarioRow.updated_by,
                ScenarioRow.updated_at,
            )
            query = select(*columns).where(ScenarioRow.project_pk == row.pk)
            query = query.order_by(ScenarioRow.position)
            scenarios = session.execute(query).all()
            return ProjectVersions(
                project_name=name,
                data=_project_stamp(row),
                scenarios={s.id: Stamp(s.version, s.updated_by, from_text(s.updated_at)) for s in scenarios},
                scenario_names={s.id: s.name for s in scenarios},
            )

    def _snapshot(self, session: Session, name: str) -> ProjectSnapshot:
        try:  # stored JSON that does not parse fails while loading rows, wrong values while mapping them
            row = session.scalars(select(ProjectRow).where(ProjectRow.name == name).options(*LOAD_OPTIONS)).one()
            project = project_from_rows(row)
        except (DecodeError, ValueError) as exc:
            raise StorageError(
                f"{self.location}: project '{name}' is damaged and cannot be read: {_one_line(exc)}"
            ) from None
        versions = ProjectVersions(
            project_name=name,
            data=_project_stamp(row),
            scenarios={s.id: _scenario_stamp(s) for s in row.scenarios},
            scenario_names={s.id: s.name for s in row.scenarios},
        )
        return ProjectSnapshot(project, versions)

    # -- writing -------------------------------------------------------------------------------
    def save(self, project: Project, user: str = "") -> None:
        """Replace the stored project of the same name with ``project``, in one transaction.

        Raises :class:`ConcurrentEditError` (and writes nothing) if a scenario was saved by
        someone else since ``project`` was loaded. After the commit, each scenario's ``version``
        is the one now stored. Scenarios stored but no longer in ``project`` are deleted. A
        project is identified by its name: saving a renamed project adds a new one.

        The people, rooms and groups are written whatever their stored version: this is for a new
        project (or a test). Edits of an opened project are saved with :meth:`save_changes`,
        which checks every piece's version.
        """
        self._check_open()
        _check_scenario_ids(project)
        action = f"save project '{project.name}' to"
        with self._transaction(action, write=True) as session:
            versions = self._write(session, project, user, force=False)
        for scenario in project.scenarios:
            scenario.version = versions[scenario.id]

    def restore(self, project: Project, user: str = "") -> None:
        """Replace the project of the same name with ``project`` whatever its stored versions.

        For restoring a backup: every version ends up above the stored one, so planners who have
        the project open get a :class:`ConcurrentEditError` on their next save instead of
        silently overwriting the restored data.
        """
        self._check_open()
        action = f"restore project '{project.name}' to"
        with self._transaction(action, write=True) as session:
            versions = self._write(session, project, user, force=True)
        for scenario in project.scenarios:
            scenario.version = versions[scenario.id]

    def add(self, project: Project, user: str = "") -> None:
        """Store ``project`` as a new project beside those the database holds (a school added to a
        district database); refused with :class:`ProjectExistsError` if one has its name."""
        self._check_open()
        _check_scenario_ids(project)
        action = f"add project '{project.name}' to"
        with self._transaction(action, write=True) as session:
            names = list(session.scalars(select(ProjectRow.name).order_by(ProjectRow.name)))
            if project.name in names:
                raise ProjectExistsError(
                    f"{self.location} already holds a project named '{project.name}' (projects: {', '.join(names)}); "
                    "give the new project another name (dlplanner new … --name NAME)"
                )
            versions = self._write(session, project, user, force=False)
        for scenario in project.scenarios:
            scenario.version = versions[scenario.id]

    def _write(self, session: Session, project: Project, user: str, *, force: bool) -> dict[str, int]:
        row = session.scalars(select(ProjectRow).where(ProjectRow.name == project.name).with_for_update()).one_or_none()
        stored: dict[str, int] = {}
        stamped = to_text(now_utc())
        if row is None:
            row = ProjectRow(name=project.name, **project_columns(project))
            row.data_version, row.updated_by, row.updated_at = 1, user, stamped
            session.add(row)
            session.flush()
        else:
            columns = (ScenarioRow.id, ScenarioRow.version, ScenarioRow.updated_by, ScenarioRow.updated_at)
            query = select(*columns).where(ScenarioRow.project_pk == row.pk)  # no entities: pks get reused
            stored_rows = {s.id: s for s in session.execute(query)}
            stored = {sid: s.version for sid, s in stored_rows.items()}
            for scenario in project.scenarios:
                if not force and stored.get(scenario.id, 0) > scenario.version:
                    raise self._changed_error(project.name, scenario.name, stored_rows[scenario.id], scenario.version)
            _set_columns(row, project_columns(project))
            row.data_version, row.updated_by, row.updated_at = row.data_version + 1, user, stamped
            for table in _PROJECT_PART_TABLES:
                session.execute(
                    delete(table).where(table.project_pk == row.pk).execution_options(synchronize_session=False)
                )
        session.add_all(project_part_rows(project, row.pk))
        versions = {}
        for position, scenario in enumerate(project.scenarios):
            versions[scenario.id] = max(scenario.version, stored.get(scenario.id, 0)) + 1
            new = scenario_row(scenario, row.pk, position, versions[scenario.id])
            new.updated_by, new.updated_at = user, stamped
            session.add(new)
        session.flush()
        return versions

    # -- district mode: one piece per transaction ----------------------------------------------
    def save_scenario(self, project_name: str, scenario: Scenario, expected_version: int | None, user: str) -> Stamp:
        """Store one scenario of project ``project_name`` in its own transaction; returns its new stamp.

        ``expected_version`` is the version the planner opened (``None`` for a scenario new to
        the database). If the stored scenario has another version, was deleted, or a scenario
        with the same id was added meanwhile, nothing is written and :class:`ConcurrentEditError`
        says who changed it and when. On success ``scenario.version`` is the stored version.
        """
        self._check_open()
        action = f"save scenario '{scenario.name}' of project '{project_name}' to"
        stamped = now_utc()
        with self._transaction(action, write=True) as session:
            # A new scenario takes the project lock (it needs the next position); a changed one only
            # shares it and locks its own row, so planners saving different scenarios do not queue.
            project = self._lock_project(session, project_name, shared=expected_version is not None)
            version = self._put_scenario(session, project, project_name, scenario, expected_version, user, stamped)
        scenario.version = version
        return Stamp(version, user, stamped)

    def delete_scenario(self, project_name: str, scenario_id: str, expected_version: int, user: str) -> None:
        """Delete one scenario, refusing (:class:`ConcurrentEditError`) if it changed since ``expected_version``."""
        self._check_open()
        action = f"delete scenario '{scenario_id}' of project '{project_name}' from"
        with self._transaction(action, write=True) as session:
            project = self._lock_project(session, project_name)
            self._drop_scenario(session, project, project_name, scenario_id, expected_version, user)

    def save_project_data(self, project: Project, expected_version: int, user: str) -> Stamp:
        """Store the project-level records (name of school, description, subjects, people, rooms,
        campuses, cohorts, advisories, teams, prior pairings, minimums) in one transaction; scenarios are
        left alone. Refused with :class:`ConcurrentEditError` unless the stored ``data_version``
        is ``expected_version``. Returns the new stamp."""
        self._check_open()
        action = f"save the records of project '{project.name}' to"
        stamped = now_utc()
        with self._transaction(action, write=True) as session:
            row = self._lock_project(session, project.name)
            version = self._put_data(session, row, project, expected_version, user, stamped)
        return Stamp(version, user, stamped)

    def save_changes(
        self,
        project: Project,
        *,
        data_version: int | None,
        scenarios: list[tuple[Scenario, int | None]],
        deletions: list[tuple[str, int]],
        user: str,
    ) -> dict[str | None, Stamp]:
        """Store several pieces of ``project`` in ONE transaction, each checked against the version
        it was opened at: all are written, or none.

        ``data_version`` is the version of the people, rooms and groups to write (None: leave them
        alone); ``scenarios`` the changed scenarios with their opened version (None: new here);
        ``deletions`` the scenarios deleted here with their opened version. When any piece was
        saved, added or deleted by someone else meanwhile, nothing is written and
        :class:`SaveRefusedError` names every such piece. Returns the new stamps (key None: the
        people, rooms and groups); each saved scenario's ``version`` is the stored one.
        """
        self._check_open()
        action = f"save project '{project.name}' to"
        stamped = now_utc()
        refusals: list[ConcurrentEditError] = []
        stamps: dict[str | None, Stamp] = {}
        with self._transaction(action, write=True) as session:
            row = self._lock_project(session, project.name)  # exclusive: no piece changes under this save
            if data_version is not None:
                try:
                    version = self._put_data(session, row, project, data_version, user, stamped)
                    stamps[None] = Stamp(version, user, stamped)
                except ConcurrentEditError as error:
                    refusals.append(error)
            for scenario_id, expected in deletions:
                try:
                    self._drop_scenario(session, row, project.name, scenario_id, expected, user)
                except ConcurrentEditError as error:
                    refusals.append(error)
            for scenario, expected in scenarios:
                try:
                    version = self._put_scenario(session, row, project.name, scenario, expected, user, stamped)
                    stamps[scenario.id] = Stamp(version, user, stamped)
                except ConcurrentEditError as error:
                    refusals.append(error)
            if refusals:
                raise SaveRefusedError(project.name, refusals)  # rolls the whole transaction back
        for scenario, _expected in scenarios:
            scenario.version = stamps[scenario.id].version
        return stamps

    def _put_scenario(
        self,
        session: Session,
        project: ProjectRow,
        project_name: str,
        scenario: Scenario,
        expected_version: int | None,
        user: str,
        stamped: Any,
    ) -> int:
        """Write one scenario in ``session`` (project row locked) unless someone else changed it; its new version."""
        existing = session.scalars(
            select(ScenarioRow)
            .where(ScenarioRow.project_pk == project.pk, ScenarioRow.id == scenario.id)
            .with_for_update()
        ).one_or_none()
        new = scenario_row(scenario, project.pk, 0, 0)
        if expected_version is None:
            if existing is not None:
                stamp = _scenario_stamp(existing)
                raise ConcurrentEditError(
                    f"A scenario with the id '{scenario.id}' ('{existing.name}') was added to project "
                    f"'{project_name}' {stamp.describe()} after you opened it; keep your copy as a new "
                    "scenario under another id",
                    **self._details(project_name, scenario.id, stamp, None),
                )
            last = session.scalar(select(func.max(ScenarioRow.position)).where(ScenarioRow.project_pk == project.pk))
            version = 1
            new.position, new.version, new.updated_by, new.updated_at = (
                (-1 if last is None else last) + 1,
                version,
                user,
                to_text(stamped),
            )
            session.add(new)
        else:
            if existing is None:
                raise ConcurrentEditError(
                    f"Scenario '{scenario.name}' was deleted from project '{project_name}' by another planner "
                    "after you opened it; keep your copy as a new scenario, or drop your changes",
                    project_name=project_name,
                    scenario_id=scenario.id,
                    your_version=expected_version,
                )
            if existing.version != expected_version:
                raise self._changed_error(project_name, scenario.name, existing, expected_version)
            version = expected_version + 1
            _replace_scenario_contents(session, existing, new)
            existing.version, existing.updated_by, existing.updated_at = version, user, to_text(stamped)
        session.flush()
        return version

    def _drop_scenario(
        self, session: Session, project: ProjectRow, project_name: str, scenario_id: str, expected: int, user: str
    ) -> None:
        """Delete one scenario in ``session`` (project row locked) unless someone else changed it since ``expected``."""
        existing = session.scalars(
            select(ScenarioRow).where(ScenarioRow.project_pk == project.pk, ScenarioRow.id == scenario_id)
        ).one_or_none()
        if existing is None:
            return  # someone deleted it already: the outcome the user asked for
        if existing.version != expected:
            raise self._changed_error(project_name, existing.name, existing, expected)
        session.execute(
            delete(ScenarioRow).where(ScenarioRow.pk == existing.pk).execution_options(synchronize_session=False)
        )
        project.updated_by, project.updated_at = user, to_text(now_utc())

    def _put_data(
        self, session: Session, row: ProjectRow, project: Project, expected_version: int, user: str, stamped: Any
    ) -> int:
        """Write the people, rooms and groups in ``session`` (project row locked) unless changed since then."""
        if row.data_version != expected_version:
            stamp = _project_stamp(row)
            raise ConcurrentEditError(
                f"The people, rooms and groups of project '{project.name}' were changed {stamp.describe()} "
                f"after you opened them (now version {row.data_version}, yours {expected_version}); "
                "reload them, then make your changes again",
                **self._details(project.name, None, stamp, expected_version),
            )
        for table in PROJECT_DATA_TABLES:
            stale = delete(table).where(table.project_pk == row.pk)
            session.execute(stale.execution_options(synchronize_session=False))
        session.add_all(project_part_rows(project, row.pk))
        version = expected_version + 1
        _set_columns(row, project_columns(project))
        row.data_version, row.updated_by, row.updated_at = version, user, to_text(stamped)
        session.flush()
        return version

    def _lock_project(self, session: Session, name: str, *, shared: bool = False) -> ProjectRow:
        """The project row, locked until commit so concurrent saves of the project take turns.

        ``shared`` (FOR SHARE on PostgreSQL) lets saves of different scenarios run side by side
        while still keeping out whole-project saves, restores and deletes. SQLite's BEGIN
        IMMEDIATE serialises every save anyway.
        """
        query = select(ProjectRow).where(ProjectRow.name == name).with_for_update(read=shared)
        row = session.scalars(query).one_or_none()
        if row is None:
            raise ConcurrentEditError(
                f"Project '{name}' was deleted from {self.location} after you opened it; "
                "nothing was saved (save your work to a file with File > Save As)",
                project_name=name,
            )
        return row

    def _changed_error(self, project_name: str, name: str, row: Any, yours: int) -> ConcurrentEditError:
        """The refusal for a scenario ``row`` (a ScenarioRow or a row with its id and stamp columns)."""
        stamp = _scenario_stamp(row)
        return ConcurrentEditError(
            f"Scenario '{name}' of project '{project_name}' in {self.location} was changed {stamp.describe()} "
            f"after you opened it (now version {row.version}, yours {yours}); "
            "reload it, or keep your copy as a new scenario",
            **self._details(project_name, row.id, stamp, yours),
        )

    @staticmethod
    def _details(project_name: str, scenario_id: str | None, stamp: Stamp, yours: int | None) -> dict[str, Any]:
        return {
            "project_name": project_name,
            "scenario_id": scenario_id,
            "changed_by": stamp.updated_by,
            "changed_at": stamp.updated_at,
            "current_version": stamp.version,
            "your_version": yours,
        }

    def delete_project(self, name: str) -> None:
        """Delete the project called ``name`` and everything it owns."""
        self._check_open()
        action = f"delete project '{name}' from"
        with self._transaction(action, write=True) as session:
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
            self._release()

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


def _check_scenario_ids(project: Project) -> None:
    seen: set[str] = set()
    for scenario in project.scenarios:
        if scenario.id in seen:
            raise StorageError(
                f"Cannot save project '{project.name}': two scenarios have the id '{scenario.id}'; "
                "give each scenario its own id"
            )
        seen.add(scenario.id)


def _replace_scenario_contents(session: Session, existing: ScenarioRow, new: ScenarioRow) -> None:
    """Give the stored scenario row ``existing`` the contents of the unsaved row ``new``.

    The scenario row itself is updated in place (same primary key), so a concurrent save waiting
    on its row lock sees the new version afterwards and reports "changed by", not "deleted".
    """
    for table in SCENARIO_PART_TABLES:
        session.execute(
            delete(table).where(table.scenario_pk == existing.pk).execution_options(synchronize_session=False)
        )
    existing.name, existing.description, existing.calendar = new.name, new.description, new.calendar
    children: list[Any] = [
        *new.bell_schedules,
        *new.day_types,
        *new.sections,
        *new.internships,
        *new.looping_rules,
        new.rules,
        new.solution,
        *new.placements,
        *new.enrolments,
    ]
    for child in children:
        child.scenario_pk = existing.pk
    session.add_all(children)


def _set_columns(row: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(row, name, value)


def _project_stamp(row: ProjectRow) -> Stamp:
    return Stamp(row.data_version, row.updated_by, from_text(row.updated_at))


def _scenario_stamp(row: Any) -> Stamp:
    return Stamp(row.version, row.updated_by, from_text(row.updated_at))


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


def schema_revision(location: str) -> str:
    """The schema revision of an existing project database (current or older; newer ones raise)."""
    target = _target(location)
    engine = _open_engine(target, allow_outdated=True)
    try:
        with _wrapped(target, "read"), engine.connect() as connection:
            return str(connection.execute(text(f"SELECT version_num FROM {schema.VERSION_TABLE}")).scalar_one())
    finally:
        engine.dispose()


def upgrade_database(location: str) -> str:
    """Migrate an existing project database to this dlplanner's schema; returns the new revision.

    For ``dlplanner db upgrade URL``. Refuses databases that are not projects or are newer.
    """
    target = _target(location)
    engine = _open_engine(target, allow_outdated=True)
    try:
        with _wrapped(target, "upgrade"), engine.execution_options(dlplanner_write=True).connect() as connection:
            if target.path is not None:
                _sqlite_foreign_keys(connection, on=False)
            with connection.begin():
                schema.upgrade_to_head(connection)
                if target.path is not None:
                    _check_foreign_keys(connection, target)
    finally:
        engine.dispose()
    return schema.head_revision()


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """Switch SQLite's foreign key enforcement; only takes effect outside a transaction.

    Migrations on SQLite rebuild tables (copy, drop, rename). With enforcement on, dropping the
    old ``projects`` table would cascade-delete every row of every table that refers to it, so
    upgrades run with it off and check the keys before committing (SQLite's documented recipe).
    """
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def _check_foreign_keys(connection: Connection, target: _Target) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = ", ".join(sorted({str(row[0]) for row in broken}))
        raise StorageError(f"Cannot upgrade {target.display}: the upgrade would break references in {tables}")


def backup_sqlite_file(location: str, destination: str) -> None:
    """Copy the SQLite project file ``location`` to the new file ``destination`` with SQLite's online
    backup API: one consistent snapshot (committed state only) even while another process saves."""
    target = _target(location)
    if target.path is None:
        raise StorageError(f"{target.display} is not a project file; server databases are backed up project by project")
    # a dlplanner project of a schema we know, older ones too (rolls back a crashed save)
    _open_engine(target, allow_outdated=True).dispose()
    out = Path(destination).expanduser().absolute()
    if out.exists():
        raise DatabaseExistsError(f"{destination} already exists; choose another file name")
    files.clear_orphaned_side_files(out, destination)
    source = sqlite3.connect(f"{target.path.as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(f"{out.as_uri()}?mode=rwc", uri=True)
        try:
            source.backup(copy)  # all pages in one step, under one read lock
        finally:
            copy.close()
    except sqlite3.Error as exc:
        out.unlink(missing_ok=True)
        raise StorageError(f"Cannot back up {target.display} to {destination}: {exc}") from None
    finally:
        source.close()


def write_project_file(location: str, write: Callable[[str], None], *, overwrite: bool = False) -> list[str]:
    """Create the project file ``location`` — or, with ``overwrite``, replace it — in one step.

    The one path for every command that writes a whole ``.dlp`` (see :mod:`dlplanner.storage.files`):
    ``write(temp)`` fills a new project database at ``temp`` (with :meth:`ProjectStore.create` or
    :func:`backup_sqlite_file`); once it opens as a dlplanner project it is renamed over
    ``location``, after a stale journal of the old file was rolled back or removed. Returns the
    names of the projects in the new file.
    """
    target = _target(location)
    if target.path is None:
        raise StorageError(f"{target.display} is a database, not a project file")
    names: list[str] = []

    def check(temp: Path) -> None:
        # an older schema passes too: a backup of an older file is that file, as it was
        engine = _open_engine(_target(str(temp)), allow_outdated=True)
        try:
            with Session(engine) as session:
                names[:] = session.scalars(select(ProjectRow.name).order_by(ProjectRow.name))
        finally:
            engine.dispose()

    files.write_project_file(target.path, target.display, lambda temp: write(str(temp)), check, overwrite=overwrite)
    return names
