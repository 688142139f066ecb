"""Command-line tools for a school's own data: ``export-school`` and ``import`` (workbook or OneRoster).

``new PROJECT --from FILE`` (in ``dlplanner.cli.core``) builds a project from the same files. A file
with problems prints every one of them (file, sheet or row, column, what to do) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from dlplanner.cli.reports import UserError, user_errors
from dlplanner.services import projects, school_data
from dlplanner.services.school_data import SchoolDataError


@contextmanager
def school_data_errors(what: str = "nothing was imported") -> Iterator[None]:
    """List every problem of a refused file, then one error line (exit status 2)."""
    try:
        with user_errors():
            yield
    except SchoolDataError as exc:
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        raise UserError(f"{len(exc.problems)} problem(s) in the file (listed above); {what}") from exc


def echo_plan(describe: list[str], notes: list[str]) -> None:
    for line in describe:
        click.echo(f"  {line}")
    for note in notes:
        click.echo(f"  note: {note}")


@click.command("export-school")
@click.argument("project", metavar="PROJECT", required=False)
@click.option("--out", "-o", required=True, help="The workbook to write (.xlsx).")
@click.option("--template", is_flag=True, help="Write a blank workbook to fill in (no PROJECT needed).")
@click.option("--project-name", default=None, help="Which project, when the database holds several (district mode).")
def export_school_command(project: str | None, out: str, template: bool, project_name: str | None) -> None:
    """Write the whole school (every record kind, one sheet each) as a workbook people can edit."""
    if template == (project is not None):
        raise UserError("give PROJECT to export it, or --template for a blank workbook (not both)")
    with user_errors():
        loaded = None if template else projects.open_project(project, project_name)  # type: ignore[arg-type]
        path = school_data.export_school(loaded, out)
    click.echo(f"Wrote {'a blank school workbook' if loaded is None else repr(loaded.name)} to {path}")


@click.command("import")
@click.argument("project", metavar="PROJECT")
@click.argument("file", metavar="FILE")
@click.option("--school", default=None, metavar="SOURCEDID", help="OneRoster: the school org to import.")
@click.option("--kind", "-k", default=None, help="One sheet: what it holds (teachers, rooms, bell-schedules, …).")
@click.option("--scenario", "-s", default=None, help="One sheet of per-scenario records: their scenario.")
@click.option("--project-name", default=None, help="Which project, when the database holds several (district mode).")
def import_command(
    project: str, file: str, school: str | None, kind: str | None, scenario: str | None, project_name: str | None
) -> None:
    """Merge into PROJECT a school workbook (.xlsx), one sheet (.csv, or .xlsx with --kind) of any kind of
    record, or a OneRoster bundle (.zip or folder); all or nothing (see docs/school-data.md).

    A record is matched by its SIS sourcedId, else its id, else its name; the report says what was
    added, changed or left unchanged.
    """
    with school_data_errors():
        preview = school_data.import_at(project, file, school, project_name, kind=kind, scenario=scenario)
    click.echo(f"Imported {preview.source} into {project}:")
    echo_plan(preview.describe(), preview.notes)


COMMANDS = [export_school_command, import_command]
