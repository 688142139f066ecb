"""``dlplanner rollover``: next school year's project from this year's, in one step; ``dlplanner pairings``:
last year's pairings (the looping data) to and from CSV."""

from __future__ import annotations

from datetime import datetime

import click

from dlplanner.services import rollover
from dlplanner.services.errors import CsvImportError


@click.command("rollover")
@click.argument("project", metavar="PROJECT")
@click.argument("next_project", metavar="NEXT_PROJECT")
@click.option("--scenario", "-s", required=True, help="The scenario whose timetable the school ran this year.")
@click.option(
    "--year-start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="First day of next year (YYYY-MM-DD; default: 52 weeks after this year's first day).",
)
@click.option(
    "--incoming",
    multiple=True,
    metavar="GRADE:COUNT",
    help="Incoming students of a grade (repeatable; default: as many as this year's entry grade).",
)
@click.option(
    "--departing",
    multiple=True,
    metavar="TEACHER",
    help="A teacher who leaves this year, by id or name (repeatable): what they led is left to the solver.",
)
@click.option("--name", default=None, help="Next year's project name (default: this year's, one year on).")
@click.option("--force", is_flag=True, help="Replace NEXT_PROJECT if it exists.")
@click.option("--project-name", default=None, help="Which project, when the database holds several (district mode).")
def rollover_command(
    project: str,
    next_project: str,
    scenario: str,
    year_start: datetime | None,
    incoming: tuple[str, ...],
    departing: tuple[str, ...],
    name: str | None,
    force: bool,
    project_name: str | None,
) -> None:
    """Create NEXT_PROJECT: the school one year on, with this year's pairings recorded for looping.

    Cohorts and advisories advance a grade, the top grade graduates, incoming cohorts arrive, the
    calendar moves a year; the report says what changed and what needs a person.
    """
    result = rollover.roll_over_file(
        project,
        next_project,
        scenario,
        year_start=year_start.date() if year_start else None,
        incoming=rollover.parse_incoming(incoming),
        name=name,
        project_name=project_name,
        overwrite=force,
        departing=departing,
    )
    click.echo(f"Created '{result.project.name}' at {next_project}")
    for line in result.report.lines():
        click.echo(line)


@click.group("pairings")
def pairings() -> None:
    """Last year's pairings (advisor, team, teacher per subject) as a CSV file."""


@pairings.command("import")
@click.argument("project", metavar="PROJECT")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--project-name", default=None, help="Which project, when the database holds several (district mode).")
def import_pairings_command(project: str, csv_file: str, project_name: str | None) -> None:
    """Replace PROJECT's prior pairings with FILE.csv (all or nothing: every problem is listed)."""
    count = _listing_problems(lambda: rollover.import_pairings_at(project, csv_file, project_name))
    click.echo(f"Imported {count} prior pairing(s) into {project}; solve again: the timetables are stale")


@pairings.command("export")
@click.argument("project", metavar="PROJECT")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--project-name", default=None, help="Which project, when the database holds several (district mode).")
def export_pairings_command(project: str, csv_file: str, project_name: str | None) -> None:
    """Write PROJECT's prior pairings to FILE.csv, to edit in a spreadsheet and import back."""
    count = rollover.export_pairings_at(project, csv_file, project_name)
    click.echo(f"Wrote {count} prior pairing(s) to {csv_file}")


def _listing_problems(action):
    """Run ``action``; a CSV with problems lists each on its own line before the one-line error."""
    try:
        return action()
    except CsvImportError as exc:
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        raise click.ClickException(
            f"{len(exc.problems)} problem(s) in the CSV file (listed above); nothing was imported"
        ) from exc
