"""District mode: several planners editing the projects of one PostgreSQL database at once.

A :class:`DistrictSession` is one planner's working copy of one project plus the versions it was
based on. Every save writes one piece (a scenario, or the project's people/rooms/groups) in its
own short transaction and is refused when someone else saved that piece since it was opened:
the second save never silently overwrites the first. The GUI then offers, per conflict,
:func:`reload_scenario` (take theirs) or :func:`keep_as_new_scenario` (keep mine as a copy).

Typical GUI use (every call is one short transaction; no transaction stays open between calls)::

    session = district.open_for_editing(url, "Harbor High", user="maria@district")
    ... edit session.project through domain operations ...
    report = district.save_changes(session)
    for conflict in report.conflicts:  # ask the user: reload, or keep mine as a new scenario
        district.reload_scenario(session, conflict.scenario_id)
    refreshed = district.refresh(session)  # on a timer or a "Refresh" button
    session.close()  # when the project is closed

A session keeps its store, and so on a server one engine with a small pool of connections shared
by every session on that database in the process, until :meth:`DistrictSession.close` (or until
it is garbage collected): a save then reuses a connection instead of opening one and inspecting
the schema first, which was most of a save's time under load.

The same functions work on a ``.dlp`` file (then conflicts come from two windows or processes).
"""

from __future__ import annotations

import copy
import dataclasses
import getpass
import socket
import weakref
from dataclasses import dataclass, field
from datetime import datetime

from dlplanner.domain import Project, Scenario
from dlplanner.services.scenarios import unique_scenario_id
from dlplanner.storage import (
    ConcurrentEditError,
    DatabaseExistsError,
    ProjectSnapshot,
    ProjectStore,
    SaveRefusedError,
    Stamp,
    display_location,
    schema_revision,
    upgrade_database,
)

#: The project fields that make up the "project data" piece (everything but name and scenarios).
#: The project-level records saved as one piece ("the people, rooms and groups"): every field of a
#: project but its name and its scenarios, so a new kind of record is saved without being listed here.
PROJECT_DATA_FIELDS = tuple(f.name for f in dataclasses.fields(Project) if f.name not in ("name", "scenarios"))


def default_user() -> str:
    """``login@host``: who saved, when no district login is configured."""
    try:
        login = getpass.getuser()
    except Exception:  # no login name in containers without a passwd entry
        login = "planner"
    return f"{login}@{socket.gethostname()}"


@dataclass(frozen=True)
class Conflict:
    """A piece someone else saved since this session opened it; the user must choose what to do.

    ``scenario_id`` is None for the project's people, rooms and groups. ``deleted`` means the
    other planner deleted the scenario I changed (choices: :func:`keep_as_new_scenario`, or
    :func:`reload_scenario` to accept the deletion); ``deleted_here`` means I deleted a scenario
    the other planner changed (choices: :func:`reload_scenario` to keep their version, or
    :func:`delete_anyway`).
    """

    scenario_id: str | None
    name: str
    message: str
    changed_by: str = ""
    changed_at: datetime | None = None
    deleted: bool = False
    deleted_here: bool = False
    version: int | None = None  # the stored version this conflict was about (for :func:`delete_anyway`)

    @classmethod
    def from_error(cls, error: ConcurrentEditError, name: str) -> Conflict:
        return cls(
            scenario_id=error.scenario_id,
            name=name,
            message=str(error),
            changed_by=error.changed_by,
            changed_at=error.changed_at,
            deleted=error.current_version is None and error.scenario_id is not None,
        )


class ResolutionError(ValueError):
    """A conflict choice that cannot apply to this conflict (e.g. keeping my copy of a scenario I deleted)."""


@dataclass(frozen=True)
class Change:
    """Something another planner saved, brought in by :func:`refresh` (or seen by :func:`check_for_changes`)."""

    scenario_id: str | None  # None: the project's people, rooms and groups
    name: str
    action: str  # "changed", "added" or "deleted"
    stamp: Stamp | None = None

    def describe(self) -> str:
        what = f"Scenario '{self.name}'" if self.scenario_id is not None else "The people, rooms and groups"
        verb = "were" if self.scenario_id is None else "was"
        who = f" {self.stamp.describe()}" if self.stamp is not None else ""
        return f"{what} {verb} {self.action}{who}"


@dataclass
class SaveReport:
    """What :func:`save_changes` stored (ids; ``None`` for project data) and what it refused."""

    saved: list[str | None] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts


@dataclass
class RefreshReport:
    """Others' saves taken into the working copy, and pieces both sides changed (mine kept, unsaved)."""

    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass
class DistrictSession:
    """One planner's working copy of one project and the versions it is based on.

    The GUI edits ``project`` (through domain operations) and replaces its views after
    :func:`refresh`, :func:`reload_scenario` or :func:`keep_as_new_scenario`, which swap scenario
    objects in and out of ``project.scenarios``.
    """

    location: str
    project_name: str
    user: str
    project: Project
    base: Project  # the last state read from or written to the database, per piece
    data_version: int
    scenario_versions: dict[str, int]
    _store: ProjectStore | None = field(default=None, init=False, repr=False, compare=False)
    _closer: weakref.finalize | None = field(default=None, init=False, repr=False, compare=False)

    def store(self) -> ProjectStore:
        """The store this session works through, opened again if the session was closed."""
        if self._store is None:
            self.attach(ProjectStore.open_shared(self.location))
        assert self._store is not None
        return self._store

    def attach(self, store: ProjectStore) -> None:
        """Keep ``store`` (an open store of ``location``) until :meth:`close` or until this session is collected."""
        self.close()
        self._store = store
        self._closer = weakref.finalize(self, store.close)

    def close(self) -> None:
        """Let go of the database (a server engine is disposed when its last session closes).

        The working copy stays usable: the next call that needs the database opens it again.
        """
        if self._closer is not None:
            self._closer()  # closes the store once, and stops the collection-time close
        self._store = self._closer = None

    def __enter__(self) -> DistrictSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def scenario_dirty(self, scenario_id: str) -> bool:
        """Changed here since opened/saved (a scenario new here counts as changed)."""
        mine = _find(self.project, scenario_id)
        theirs = _find(self.base, scenario_id)
        return mine is not None and (theirs is None or mine != theirs)

    def data_dirty(self) -> bool:
        return _data_of(self.project) != _data_of(self.base)

    def deleted_here(self) -> list[str]:
        """Scenarios in the database that were deleted in this working copy."""
        mine = {s.id for s in self.project.scenarios}
        return [s.id for s in self.base.scenarios if s.id not in mine]

    def has_unsaved_changes(self) -> bool:
        return (
            self.data_dirty()
            or any(self.scenario_dirty(s.id) for s in self.project.scenarios)
            or bool(self.deleted_here())
        )


# -- the database -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaOutcome:
    """What ``dlplanner db upgrade`` did: ``before`` is None when it created the schema."""

    location: str
    before: str | None
    after: str

    @property
    def message(self) -> str:
        if self.before is None:
            return f"Created the dlplanner schema (revision {self.after}) in {self.location}"
        if self.before == self.after:
            return f"{self.location} is up to date (schema revision {self.after})"
        return f"Upgraded {self.location} from schema revision {self.before} to {self.after}"


def upgrade_schema(location: str) -> SchemaOutcome:
    """Create the schema in an empty server database, or migrate an older one to this version.

    Projects are kept (Alembic migrations, in one transaction). A database of a newer dlplanner,
    or one holding other tables, is refused with a clear message and left unchanged.
    """
    shown = display_location(location)
    if "://" in location:
        try:
            ProjectStore.create(location).close()
            return SchemaOutcome(shown, None, schema_revision(location))
        except DatabaseExistsError:
            pass  # holds dlplanner projects (upgrade them) or other tables (upgrade_database says so)
    before = schema_revision(location)
    return SchemaOutcome(shown, before, upgrade_database(location))


# -- opening and saving --------------------------------------------------------------------------


def list_projects(location: str) -> list[str]:
    """The projects (schools) in a database, for the GUI's "open from server" list."""
    with ProjectStore.open(location) as store:
        return store.list_projects()


def open_for_editing(location: str, project_name: str | None = None, user: str | None = None) -> DistrictSession:
    """Load a project and remember the versions of its pieces (one read transaction).

    The session keeps the database open for its later calls; :meth:`DistrictSession.close` it
    when the project is closed.
    """
    store = ProjectStore.open_shared(location)
    try:
        snapshot = store.load_snapshot(project_name)
    except BaseException:
        store.close()
        raise
    session = _session_from(location, user or default_user(), snapshot)
    session.attach(store)
    return session


def save_changes(session: DistrictSession) -> SaveReport:
    """Save every piece changed here, each in its own transaction; refused pieces become conflicts.

    Pieces that saved stay saved even when another piece is refused. Nothing is overwritten:
    resolve each conflict with :func:`reload_scenario`, :func:`reload_project_data` or
    :func:`keep_as_new_scenario`, then save again.
    """
    report = SaveReport()
    store = session.store()
    if session.data_dirty():
        try:
            _save_data(store, session)
            report.saved.append(None)
        except ConcurrentEditError as error:
            report.conflicts.append(Conflict.from_error(error, "people, rooms and groups"))
    for scenario_id in session.deleted_here():
        try:
            store.delete_scenario(
                session.project_name, scenario_id, session.scenario_versions[scenario_id], session.user
            )
            _forget_base(session, scenario_id)
            report.saved.append(scenario_id)
        except ConcurrentEditError as error:
            theirs = _find(session.base, scenario_id)
            stamp = Stamp(error.current_version or 0, error.changed_by, error.changed_at)
            report.conflicts.append(
                _conflict_for_deletion(session, theirs.name if theirs else scenario_id, scenario_id, stamp)
            )
    for scenario in list(session.project.scenarios):
        if not session.scenario_dirty(scenario.id):
            continue
        try:
            _save_one(store, session, scenario)
            report.saved.append(scenario.id)
        except ConcurrentEditError as error:
            report.conflicts.append(Conflict.from_error(error, scenario.name))
    return report


def save_all(session: DistrictSession) -> SaveReport:
    """Save every piece changed here in ONE transaction, each checked against the version it was
    opened at: everything is saved, or nothing (then every refused piece is a conflict).

    What the command line and a project file use: a whole-project save that never reverts what
    another planner saved (people, rooms and groups included) nor deletes a scenario they added.
    """
    report = SaveReport()
    data_dirty = session.data_dirty()
    deleted = session.deleted_here()
    changed = [s for s in session.project.scenarios if session.scenario_dirty(s.id)]
    if not (data_dirty or deleted or changed):
        return report
    try:
        stamps = session.store().save_changes(
            session.project,
            data_version=session.data_version if data_dirty else None,
            scenarios=[(s, session.scenario_versions.get(s.id)) for s in changed],
            deletions=[(sid, session.scenario_versions[sid]) for sid in deleted],
            user=session.user,
        )
    except SaveRefusedError as refused:
        for error in refused.refusals:
            report.conflicts.append(_conflict_from(session, error))
        return report
    if data_dirty:
        session.data_version = stamps[None].version
        for name in PROJECT_DATA_FIELDS:
            setattr(session.base, name, copy.deepcopy(getattr(session.project, name)))
        report.saved.append(None)
    for scenario_id in deleted:
        _forget_base(session, scenario_id)
        report.saved.append(scenario_id)
    for scenario in changed:
        session.scenario_versions[scenario.id] = scenario.version
        _set_base_scenario(session, copy.deepcopy(scenario))
        report.saved.append(scenario.id)
    return report


def adopt(location: str, project: Project, user: str | None = None) -> DistrictSession:
    """A session whose working copy is ``project`` (e.g. a recovered copy of the project stored at
    ``location``), based on what is stored there now; a scenario keeps the version it carries, so a
    scenario saved by someone else since is still refused."""
    store = ProjectStore.open_shared(location)
    try:
        snapshot = store.load_snapshot(project.name)
    except BaseException:
        store.close()
        raise
    session = _session_from(location, user or default_user(), snapshot)
    session.attach(store)
    for scenario in project.scenarios:
        if scenario.version and scenario.id in session.scenario_versions:
            session.scenario_versions[scenario.id] = scenario.version
    session.project = project
    return session


def save_scenario(session: DistrictSession, scenario_id: str) -> Stamp:
    """Save one scenario now (one transaction); raises :class:`ConcurrentEditError` when refused."""
    scenario = _require(session.project, scenario_id)
    return _save_one(session.store(), session, scenario)


def save_project_data(session: DistrictSession) -> Stamp:
    """Save the people, rooms and groups now; raises :class:`ConcurrentEditError` when refused."""
    return _save_data(session.store(), session)


# -- seeing and taking others' changes -----------------------------------------------------------


def check_for_changes(session: DistrictSession) -> list[Change]:
    """What others saved since this session last read each piece, without loading or applying it.

    Cheap (versions only): poll it on a timer and show a "changes available — Refresh" hint.
    """
    versions = session.store().versions(session.project_name)
    changes: list[Change] = []
    if versions.data.version != session.data_version:
        changes.append(Change(None, "people, rooms and groups", "changed", versions.data))
    for scenario_id, stamp in versions.scenarios.items():
        name = versions.scenario_names.get(scenario_id, scenario_id)
        known = session.scenario_versions.get(scenario_id)
        if known is None:
            changes.append(Change(scenario_id, name, "added", stamp))
        elif known != stamp.version:
            changes.append(Change(scenario_id, name, "changed", stamp))
    for scenario_id in session.scenario_versions.keys() - versions.scenarios.keys():
        base = _find(session.base, scenario_id)
        changes.append(Change(scenario_id, base.name if base else scenario_id, "deleted"))
    return changes


def refresh(session: DistrictSession) -> RefreshReport:
    """Bring in what others saved: pieces unchanged here are replaced by the stored ones; pieces
    changed on both sides are kept as they are here and reported as conflicts (never merged or
    overwritten silently)."""
    snapshot = session.store().load_snapshot(session.project_name)
    stored, versions = snapshot.project, snapshot.versions
    report = RefreshReport()
    if versions.data.version != session.data_version:
        if session.data_dirty():
            report.conflicts.append(_conflict_for_data(session, versions.data))
        else:
            _take_data(session, stored, versions.data.version)
            report.changes.append(Change(None, "people, rooms and groups", "changed", versions.data))
    stored_ids = {s.id for s in stored.scenarios}
    for theirs in stored.scenarios:
        stamp = versions.scenarios[theirs.id]
        known = session.scenario_versions.get(theirs.id)
        if known == stamp.version:
            continue
        mine = _find(session.project, theirs.id)
        if known is None and mine is None:
            _take_scenario(session, theirs, stamp.version)
            report.changes.append(Change(theirs.id, theirs.name, "added", stamp))
        elif mine is None:  # deleted here, changed there: keep my deletion unsaved, never bring it back silently
            report.conflicts.append(_conflict_for_deletion(session, theirs.name, theirs.id, stamp))
        elif mine is not None and session.scenario_dirty(theirs.id):
            report.conflicts.append(_conflict_for_scenario(session, theirs, stamp, known))
        else:
            _take_scenario(session, theirs, stamp.version)
            report.changes.append(Change(theirs.id, theirs.name, "changed", stamp))
    for scenario_id in list(session.scenario_versions):
        if scenario_id in stored_ids:
            continue
        mine = _find(session.project, scenario_id)
        base = _find(session.base, scenario_id)
        name = (mine or base).name if (mine or base) else scenario_id
        if mine is not None and session.scenario_dirty(scenario_id):
            report.conflicts.append(
                Conflict(
                    scenario_id,
                    name,
                    f"Scenario '{name}' was deleted by another planner while you were changing it; "
                    "keep your copy as a new scenario, or drop your changes",
                    deleted=True,
                )
            )
            continue
        _drop_scenario(session, scenario_id)
        report.changes.append(Change(scenario_id, name, "deleted"))
    return report


def reload_scenario(session: DistrictSession, scenario_id: str) -> Scenario | None:
    """Drop my changes to one scenario and take the stored one (None: it was deleted, so it is gone here too)."""
    snapshot = session.store().load_snapshot(session.project_name)
    theirs = _find(snapshot.project, scenario_id)
    if theirs is None:
        _drop_scenario(session, scenario_id)
        return None
    _take_scenario(session, theirs, snapshot.versions.scenarios[scenario_id].version)
    return _find(session.project, scenario_id)


def reload_project_data(session: DistrictSession) -> None:
    """Drop my changes to people, rooms and groups and take the stored ones."""
    snapshot = session.store().load_snapshot(session.project_name)
    _take_data(session, snapshot.project, snapshot.versions.data.version)


def keep_as_new_scenario(session: DistrictSession, scenario_id: str, new_name: str | None = None) -> Scenario:
    """Resolve a conflict by keeping my version of a scenario as a new scenario (saved at once),
    and the stored one under its own id and name. Returns the new, saved scenario."""
    deleted_by_me = _find(session.base, scenario_id)
    if _find(session.project, scenario_id) is None and deleted_by_me is not None:
        name = deleted_by_me.name
        raise ResolutionError(
            f"Scenario '{name}' cannot be kept as a new scenario: you deleted it, so there is no copy of yours "
            "to keep; keep their version, or delete it anyway"
        )
    mine = _require(session.project, scenario_id)
    snapshot = session.store().load_snapshot(session.project_name)
    taken = Project(name=session.project_name, scenarios=[*session.project.scenarios, *snapshot.project.scenarios])
    name = new_name or _copy_name(mine.name, taken)
    copy_of_mine = mine.copy(unique_scenario_id(taken, name), name)
    while True:
        try:
            session.store().save_scenario(session.project_name, copy_of_mine, None, session.user)
            break
        except ConcurrentEditError:  # someone took that id a moment ago: pick the next one
            taken.scenarios.append(copy.deepcopy(copy_of_mine))
            copy_of_mine.id = unique_scenario_id(taken, name)
    index = session.project.scenarios.index(mine)
    session.project.scenarios.insert(index + 1, copy_of_mine)
    session.base.scenarios.append(copy.deepcopy(copy_of_mine))
    session.scenario_versions[copy_of_mine.id] = copy_of_mine.version
    theirs = _find(snapshot.project, scenario_id)
    if theirs is None:
        _drop_scenario(session, scenario_id)
    else:
        _take_scenario(session, theirs, snapshot.versions.scenarios[scenario_id].version)
    return copy_of_mine


def delete_anyway(session: DistrictSession, scenario_id: str, seen_version: int | None = None) -> None:
    """Resolve "I deleted it, they changed it" by deleting the stored scenario, their changes included.

    The user chose this after being told who changed it. Pass the conflict's ``version``: if the
    scenario was saved yet again since, the deletion is refused (:class:`ConcurrentEditError`, naming
    who) instead of deleting work the user has not seen. Without it, the version stored now is used.
    """
    base, mine = _find(session.base, scenario_id), _find(session.project, scenario_id)
    if mine is not None or base is None:
        name = mine.name if mine is not None else scenario_id
        raise ResolutionError(
            f"Scenario '{name}' was not deleted in your copy of project '{session.project_name}', "
            "so there is no deletion to save; delete it first"
        )
    versions = session.store().versions(session.project_name)
    stamp = versions.scenarios.get(scenario_id)
    if stamp is None:  # someone deleted it meanwhile: the outcome asked for
        _forget_base(session, scenario_id)
        return
    expected = stamp.version if seen_version is None else seen_version
    session.store().delete_scenario(session.project_name, scenario_id, expected, session.user)
    _forget_base(session, scenario_id)


# -- internals -----------------------------------------------------------------------------------


def _session_from(location: str, user: str, snapshot: ProjectSnapshot) -> DistrictSession:
    project = snapshot.project
    return DistrictSession(
        location=location,
        project_name=project.name,
        user=user,
        project=project,
        base=copy.deepcopy(project),
        data_version=snapshot.versions.data.version,
        scenario_versions={sid: stamp.version for sid, stamp in snapshot.versions.scenarios.items()},
    )


def _save_one(store: ProjectStore, session: DistrictSession, scenario: Scenario) -> Stamp:
    expected = session.scenario_versions.get(scenario.id)
    stamp = store.save_scenario(session.project_name, scenario, expected, session.user)
    session.scenario_versions[scenario.id] = stamp.version
    _set_base_scenario(session, copy.deepcopy(scenario))
    return stamp


def _save_data(store: ProjectStore, session: DistrictSession) -> Stamp:
    stamp = store.save_project_data(session.project, session.data_version, session.user)
    session.data_version = stamp.version
    for name in PROJECT_DATA_FIELDS:
        setattr(session.base, name, copy.deepcopy(getattr(session.project, name)))
    return stamp


def _take_scenario(session: DistrictSession, theirs: Scenario, version: int) -> None:
    """Put the stored scenario into the working copy (in place of mine, or appended) and the base."""
    theirs = copy.deepcopy(theirs)
    theirs.version = version
    mine = _find(session.project, theirs.id)
    if mine is None:
        session.project.scenarios.append(theirs)
    else:
        session.project.scenarios[session.project.scenarios.index(mine)] = theirs
    session.scenario_versions[theirs.id] = version
    _set_base_scenario(session, copy.deepcopy(theirs))


def _set_base_scenario(session: DistrictSession, scenario: Scenario) -> None:
    base = _find(session.base, scenario.id)
    if base is None:
        session.base.scenarios.append(scenario)
    else:
        session.base.scenarios[session.base.scenarios.index(base)] = scenario


def _drop_scenario(session: DistrictSession, scenario_id: str) -> None:
    session.project.scenarios = [s for s in session.project.scenarios if s.id != scenario_id]
    _forget_base(session, scenario_id)


def _forget_base(session: DistrictSession, scenario_id: str) -> None:
    session.base.scenarios = [s for s in session.base.scenarios if s.id != scenario_id]
    session.scenario_versions.pop(scenario_id, None)


def _take_data(session: DistrictSession, stored: Project, version: int) -> None:
    for name in PROJECT_DATA_FIELDS:
        setattr(session.project, name, copy.deepcopy(getattr(stored, name)))
        setattr(session.base, name, copy.deepcopy(getattr(stored, name)))
    session.data_version = version


def _conflict_from(session: DistrictSession, error: ConcurrentEditError) -> Conflict:
    """The conflict for one piece an all-or-nothing save found changed by someone else."""
    if error.scenario_id is None:
        return Conflict.from_error(error, "people, rooms and groups")
    mine = _find(session.project, error.scenario_id)
    if mine is None:  # I deleted it, they changed it
        theirs = _find(session.base, error.scenario_id)
        stamp = Stamp(error.current_version or 0, error.changed_by, error.changed_at)
        name = theirs.name if theirs else error.scenario_id
        return _conflict_for_deletion(session, name, error.scenario_id, stamp)
    return Conflict.from_error(error, mine.name)


def _conflict_for_data(session: DistrictSession, stamp: Stamp) -> Conflict:
    return Conflict(
        None,
        "people, rooms and groups",
        f"The people, rooms and groups of project '{session.project_name}' were changed {stamp.describe()} "
        "while you were changing them too; reload them, then make your changes again",
        changed_by=stamp.updated_by,
        changed_at=stamp.updated_at,
    )


def _conflict_for_scenario(session: DistrictSession, theirs: Scenario, stamp: Stamp, known: int | None) -> Conflict:
    verb = "changed" if known is not None else "added with the same id"
    return Conflict(
        theirs.id,
        theirs.name,
        f"Scenario '{theirs.name}' was {verb} {stamp.describe()} after you opened it, and you changed it too; "
        "reload it, or keep your copy as a new scenario",
        changed_by=stamp.updated_by,
        changed_at=stamp.updated_at,
    )


def _conflict_for_deletion(session: DistrictSession, name: str, scenario_id: str, stamp: Stamp) -> Conflict:
    """I deleted a scenario (unsaved) that another planner changed and saved after I opened it."""
    return Conflict(
        scenario_id,
        name,
        f"Scenario '{name}' of project '{session.project_name}' was changed {stamp.describe()} after you opened it, "
        "and you deleted it; keep their version, or delete it anyway (their changes are deleted too)",
        changed_by=stamp.updated_by,
        changed_at=stamp.updated_at,
        deleted_here=True,
        version=stamp.version,
    )


def _copy_name(name: str, project: Project) -> str:
    names = {s.name.casefold() for s in project.scenarios}
    candidate, n = f"{name} (my copy)", 2
    while candidate.casefold() in names:
        candidate, n = f"{name} (my copy {n})", n + 1
    return candidate


def _data_of(project: Project) -> tuple[object, ...]:
    return tuple(getattr(project, name) for name in PROJECT_DATA_FIELDS)


def _find(project: Project, scenario_id: str) -> Scenario | None:
    return next((s for s in project.scenarios if s.id == scenario_id), None)


def _require(project: Project, scenario_id: str) -> Scenario:
    found = _find(project, scenario_id)
    if found is None:
        return project.scenario(scenario_id)  # raises UnknownRecordError naming the scenarios
    return found
