"""Backups of SQLite and PostgreSQL projects, and restoring them, as consistent snapshots.

A backup is always a ``.dlp`` project file: portable (copy it, e-mail it, open it in the desktop
app) and restorable into a file or a server database.

- From a ``.dlp`` file: SQLite's online backup API copies the whole file in one read transaction,
  so a save running in another process is either wholly in the backup or not at all.
- From PostgreSQL: every project (or the one named) is read in one REPEATABLE READ, read-only
  transaction — one snapshot even while other planners save — and written into a new ``.dlp``.

The backup file is first written under a temporary name and renamed into place when complete,
so an interrupted backup never leaves a half-written file under the name asked for.

Restoring replaces each restored project in the target (other projects there are untouched) and
gives every scenario a version above the stored one, so planners who still have the project open
are told on their next save that it changed, instead of overwriting the restored data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlplanner.services.projects import ServiceError, create_project, is_url
from dlplanner.storage import (
    DatabaseExistsError,
    ProjectNotFoundError,
    ProjectStore,
    backup_sqlite_file,
    display_location,
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
    """Write a consistent backup of the projects at ``location`` (or just ``project_name``) to ``out``."""
    if is_url(out):
        raise ServiceError(f"Backups are written to a file (for example school-backup.dlp), not to {out}")
    target = Path(out).expanduser()
    if target.exists() and not overwrite:
        raise ServiceError(f"{out} already exists; choose another name or pass --force to replace it")
    if target.is_dir():
        raise ServiceError(f"{out} is a folder; give a file name such as school-backup.dlp")
    if not target.parent.is_dir():
        raise ServiceError(f"Cannot write {out}: the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if not is_url(location) and project_name is None:
            backup_sqlite_file(location, str(partial))
            method = "sqlite online backup"
        else:
            with ProjectStore.open(location) as store:
                snapshots = store.load_all() if project_name is None else [store.load_snapshot(project_name)]
            if not snapshots:
                raise ServiceError(f"{display_location(location)} contains no project to back up")
            with ProjectStore.create(str(partial)) as copy:
                for snapshot in snapshots:
                    copy.save(snapshot.project, user=RESTORE_USER)
            method = "snapshot read"
        with ProjectStore.open(str(partial)) as check:  # what was written opens and lists its projects
            names = check.list_projects()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
        partial.with_name(partial.name + "-journal").unlink(missing_ok=True)
    return BackupOutcome(target, names, method)


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
        first, *rest = restoring
        create_project(location, first)
        with ProjectStore.open(location) as store:
            for project in rest:
                store.save(project, user=RESTORE_USER)
        return RestoreOutcome(location, [p.name for p in restoring], [])
    store = _open_or_create(location)
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


def _open_or_create(location: str) -> ProjectStore:
    """The target database; an empty server database gets the schema first."""
    if is_url(location):
        try:
            return ProjectStore.create(location)
        except DatabaseExistsError:
            pass
    return ProjectStore.open(location)
