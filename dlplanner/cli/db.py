"""`dlplanner db upgrade URL`, `dlplanner backup PROJECT OUT` and `dlplanner restore BACKUP PROJECT`.

Registered by ``dlplanner.cli.core`` (``cli.add_command(db)``, ``cli.add_command(backup_command)``,
``cli.add_command(restore_command)``). User mistakes raise ``click.ClickException``: one line,
non-zero exit status.
"""

from __future__ import annotations

import click

from dlplanner.services import backup as backup_service
from dlplanner.services import district
from dlplanner.services.errors import ServiceError, StorageError

_USER_ERRORS = (ServiceError, StorageError, FileNotFoundError, PermissionError, IsADirectoryError)


@click.group("db")
def db() -> None:
    """Create or upgrade the schema of a project database (district server or .dlp file)."""


@db.command("upgrade")
@click.argument("location", metavar="URL")
def upgrade_command(location: str) -> None:
    """Create the dlplanner tables in an empty database, or upgrade an older schema to this version.

    URL is a postgresql+psycopg://user:password@host/db URL or a .dlp file. Safe to run again.
    """
    try:
        outcome = district.upgrade_schema(location)
    except _USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(outcome.message)


@click.command("backup")
@click.argument("project", metavar="PROJECT")
@click.argument("out", metavar="OUT.dlp")
@click.option("--project-name", default=None, help="Back up only this project of a database holding several.")
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
def backup_command(project: str, out: str, project_name: str | None, force: bool) -> None:
    """Write a consistent backup of PROJECT (a .dlp file or a database URL) to the file OUT.dlp.

    Safe while others are editing: the backup is one snapshot. The backup is a project file:
    open it with dlplanner, or put it back with `dlplanner restore`.
    """
    try:
        outcome = backup_service.backup_project(project, out, project_name, overwrite=force)
    except _USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up {len(outcome.projects)} project(s) ({', '.join(outcome.projects)}) to {outcome.out}")


@click.command("restore")
@click.argument("backup", metavar="BACKUP.dlp")
@click.argument("project", metavar="PROJECT")
@click.option("--project-name", default=None, help="Restore only this project of the backup.")
@click.option("--force", is_flag=True, help="Replace projects that already exist in PROJECT.")
def restore_command(backup: str, project: str, project_name: str | None, force: bool) -> None:
    """Put the projects of BACKUP.dlp into PROJECT (a .dlp file or a database URL).

    Existing projects of the same name are replaced only with --force; planners who have them
    open are told on their next save that the project changed.
    """
    try:
        outcome = backup_service.restore_backup(backup, project, project_name, overwrite=force)
    except _USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
    replaced = f"; replaced {', '.join(outcome.replaced)}" if outcome.replaced else ""
    click.echo(f"Restored {', '.join(outcome.projects)} into {backup_service.display_location(project)}{replaced}")
