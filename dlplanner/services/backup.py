"""Backups of SQLite and PostgreSQL projects, and restoring them, as consistent snapshots.

A backup is always a ``.dlp`` project file: portable (copy it, e-mail it, open it in the desktop
app) and restorable into a file or a server database.

- From a ``.dlp`` file: SQLite's online backup API copies the whole file in one read transaction,
  so a save running in another process is either wholly in the backup or not at all.
- From PostgreSQL: every project (or the one named) is read in one REPEATABLE READ, read-only
  transaction — one snapshot even while other planners save — and written into a new ``.dlp``.

The backup file is first written under a temporary name and renamed into place when complete
(:func:`dlplanner.storage.write_project_file`, the one path for whole project files), so an
interrupted backup never leaves a half-written file under the name asked for.

Restoring replaces each restored project in the target (other projects there are untouched) and
gives every scenario a version above the stored one, so planners who still have the project open
are told on their next save that it changed, instead of overwriting the restored data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlplanner.services.projects import ServiceError, is_url, open_or_create_database
from dlplanner.storage import (
    OutdatedSchemaError,
    ProjectNotFoundError,
    ProjectStore,
    backup_sqlite_file,
    display_location,
    schema_revision,
    upgrade_database,
    write_project_file,
)

RESTORE_USER = "restore"


@dataclass(frozen=True)
class BackupOutcome:
    out: Path
    projects: list[str]
    method: str  # "sqlite online backup" or "snapshot read"


@dataclass(frozen=True)
class RestoreOutcome:
    location: str
    projects: list[str]
    replaced: list[str]  # those that existed in the target and were replaced


def backup_project(
    location: str, out: str, project_name: str | None = None, *, overwrite: bool = False
) -> BackupOutcome:
    """Write a consistent backup of the projects at ``location`` (or just ``project_name``) to ``out``.

    ``out`` is written through the one safe path for whole project files (:func:`write_project_file`):
    an existing file is replaced only with ``overwrite``, and never meets a stale journal.
    """
    if is_url(out):
        raise ServiceError(f"Backups are written to a file (for example school-backup.dlp), not to {out}")
    method = "sqlite online backup" if not is_url(location) and project_name is None else "snapshot read"

    def write(temp: str) -> None:
        if method == "sqlite online backup":
            backup_sqlite_file(location, temp)
            return
        with ProjectStore.open(location) as store:
            snapshots = store.load_all() if project_name is None else [store.load_snapshot(project_name)]
        if not snapshots:
            raise ServiceError(f"{display_location(location)} contains no project to back up")
        with ProjectStore.create(temp) as copy:
            for snapshot in snapshots:
                copy.save(snapshot.project, user=RESTORE_USER)

    names = write_project_file(out, write, overwrite=overwrite)
    return BackupOutcome(Path(out).expanduser(), names, method)


def restore_backup(
    backup: str, location: str, project_name: str | None = None, *, overwrite: bool = False
) -> RestoreOutcome:
    """Put the projects of the backup file ``backup`` (or just ``project_name``) into ``location``.

    A missing ``.dlp`` or an empty server database is created. Projects that exist in the target
    are replaced only with ``overwrite`` (``--force``); without it nothing is written.
    """
    if is_url(backup):
        raise ServiceError(f"A backup is a .dlp file; {display_location(backup)} is a database URL")
    with ProjectStore.open(backup) as source:
        snapshots = source.load_all()
    restoring = [s.project for s in snapshots if project_name is None or s.project.name == project_name]
    if not restoring:
        names = ", ".join(s.project.name for s in snapshots) or "none"
        what = f"no project '{project_name}'" if project_name else "no project"
        raise ProjectNotFoundError(f"The backup {backup} holds {what} (projects: {names})")
    if not is_url(location) and not Path(location).exists():

        def write(temp: str) -> None:
            with ProjectStore.create(temp) as store:
                for project in restoring:
                    store.save(project, user=RESTORE_USER)

        write_project_file(location, write)
        return RestoreOutcome(location, [p.name for p in restoring], [])
    store = open_or_create_database(location) if is_url(location) else ProjectStore.open(location)
    with store:
        existing = set(store.list_projects())
        clash = [p.name for p in restoring if p.name in existing]
        if clash and not overwrite:
            raise ServiceError(
                f"{store.location} already has project(s) {', '.join(clash)}; pass --force to replace them "
                "with the backup (make a backup of the current state first)"
            )
        for project in restoring:
            store.restore(project, user=RESTORE_USER)
    return RestoreOutcome(location, [p.name for p in restoring], clash)


@dataclass(frozen=True)
class FileUpgrade:
    """What :func:`upgrade_file_keeping_copy` did."""

    location: str
    copy: Path  # the file as it was, untouched
    before: str
    after: str

    @property
    def message(self) -> str:
        return (
            f"Updated {display_location(self.location)} from schema revision {self.before} to {self.after}; "
            f"the file as it was is kept as {self.copy.name}"
        )


def copy_name_before_upgrade(location: str) -> Path:
    """Where :func:`upgrade_file_keeping_copy` keeps the old file: beside it, never over another file."""
    path = Path(location).expanduser()
    revision = schema_revision(location)
    candidate = path.with_name(f"{path.stem} (before upgrade {revision}){path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} (before upgrade {revision}, {number}){path.suffix}")
        number += 1
    return candidate


def upgrade_file_keeping_copy(location: str) -> FileUpgrade:
    """Bring a project file an older dlplanner saved up to this version, after copying it beside itself.

    For the desktop app: a school leader opening last year's file should not need the command line,
    and the file as it was must survive (an older dlplanner on another laptop can still open the copy).
    Server databases are refused here: in a district, upgrading is the administrator's step
    (``dlplanner db upgrade URL``), since it changes the database for every planner at once.
    """
    if is_url(location):
        raise ServiceError(
            f"{display_location(location)} is a server database; its administrator updates it with "
            "`dlplanner db upgrade URL`"
        )
    before = schema_revision(location)
    try:
        ProjectStore.open(location).close()
    except OutdatedSchemaError:
        pass  # what this function is for; a newer, damaged or foreign file raises its own error here
    else:
        raise ServiceError(f"{display_location(location)} is already up to date (schema revision {before})")
    copy = copy_name_before_upgrade(location)
    backup_project(location, str(copy))
    after = upgrade_database(location)
    return FileUpgrade(location, copy, before, after)
