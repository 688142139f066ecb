"""Command-line tools about students as people: ``report`` (conflict matrix, singletons, requests, gaps).

Registered on the main ``dlplanner`` group by ``dlplanner.cli.core``; talks to services only.
"""

from __future__ import annotations

import click

from dlplanner.cli.reports import project_argument, project_name_option, user_errors
from dlplanner.services import projects, student_reports
from dlplanner.services.student_reports import REPORT_KINDS


@click.command("report")
@project_argument
@click.option("--scenario", "-s", required=True, help="Scenario id or name.")
@click.option("--kind", "-k", required=True, type=click.Choice(REPORT_KINDS), help="Which report.")
@click.option("--out", "-o", required=True, help="Report file: .csv (its main table) or .xlsx (every table).")
@project_name_option
def report_command(project: str, scenario: str, kind: str, out: str, project_name: str | None) -> None:
    """Write a students' report: who requests what together, singletons, requests met, incomplete schedules."""
    with user_errors():
        loaded = projects.open_project(project, project_name)
        tables = student_reports.write_report(loaded, scenario, kind, out)
    click.echo(f"Wrote the {kind} report of scenario '{loaded.scenario(scenario).name}': {out}")
    click.echo(f"  {len(tables[0].rows)} row(s) in '{tables[0].title}'")
    for note in tables[0].notes:
        click.echo(f"  {note}")
