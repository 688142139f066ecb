"""``dlplanner rollover``: next school year's project from this year's, in one step."""

from __future__ import annotations

from datetime import datetime

import click

from dlplanner.services import rollover


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
@click.option("--name", default=None, help="Next year's project name (default: this year's, one year on).")
@click.option("--force", is_flag=True, help="Replace NEXT_PROJECT if it exists.")
@click.option("--project-name", default=None, help="Which project, when the database holds several (district mode).")
def rollover_command(
    project: str,
    next_project: str,
    scenario: str,
    year_start: datetime | None,
    incoming: tuple[str, ...],
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
    )
    click.echo(f"Created '{result.project.name}' at {next_project}")
    for line in result.report.lines():
        click.echo(line)
