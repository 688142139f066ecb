"""`dlplanner fet …`: import FET files, solve them with dlplanner's engine, export to FET.

Registered by ``dlplanner.cli.core`` with ``cli.add_command(fet)``. User mistakes raise
``click.ClickException`` (one line; the root group exits with status 2); ``fet solve`` exits 1 when it
finds no valid timetable, ``fet export`` when the checker finds the written timetable invalid.
"""

from __future__ import annotations

import click

from dlplanner.fet import service as fet_service
from dlplanner.fet.model import FetFormatError
from dlplanner.fet.service import FetProgress
from dlplanner.services import projects
from dlplanner.services.errors import ServiceError, StorageError, UnknownRecordError

_USER_ERRORS = (FetFormatError, ServiceError, StorageError, UnknownRecordError, FileNotFoundError, PermissionError)


@click.group("fet")
def fet() -> None:
    """Work with FET (.fet) timetabling files."""


@fet.command("import")
@click.argument("fet_file", metavar="IN.fet", type=click.Path(dir_okay=False))
@click.argument("project", metavar="PROJECT")
@click.option("--force", is_flag=True, help="Replace PROJECT if it exists.")
def import_command(fet_file: str, project: str, force: bool) -> None:
    """Turn IN.fet into a new dlplanner project at PROJECT."""
    try:
        outcome = fet_service.import_fet(fet_file, project, overwrite=force)
    except _USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
    for line in outcome.notes:
        click.echo(line)
    click.echo(f"created {projects.describe_location(project)}")


STOP_WORDS = {
    "first": "at the first timetable (--first)",
    "gap": "within the --gap of the bound",
    "optimal": "optimal (the bound is reached)",
    "time limit": "at the time limit",
    "stopped": "on request",
    "infeasible": "no timetable exists",
}


@fet.command("solve")
@click.argument("fet_file", metavar="IN.fet", type=click.Path(dir_okay=False))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="FET file to write.")
@click.option("--time-limit", default=60.0, show_default=True, type=float, help="Seconds.")
@click.option("--workers", default=2, show_default=True, type=int, help="CP-SAT worker threads.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option(
    "--first", "first_only", is_flag=True, help="Stop at the first timetable, as fet-cl does (no soft rules optimised)."
)
@click.option(
    "--gap",
    "gap_percent",
    default=None,
    type=click.FloatRange(min=0.0),
    metavar="PCT",
    help="Stop once the soft penalty is within PCT % of the proven bound.",
)
def solve_command(
    fet_file: str, out: str, time_limit: float, workers: int, seed: int, first_only: bool, gap_percent: float | None
) -> None:
    """Solve IN.fet and write FET's data-and-timetable file (every activity locked) to OUT."""
    if time_limit <= 0:
        raise click.ClickException("--time-limit must be positive")

    def progress(p: FetProgress) -> None:
        if p.objective is None:
            click.echo(f"[{p.elapsed:7.2f}s] {p.stage}: timetable found")
        else:
            click.echo(f"[{p.elapsed:7.2f}s] {p.stage}: soft penalty {p.objective:g} (bound {p.bound:g})")

    try:
        document = fet_service.parse_fet(fet_file)
        for line in fet_service.support_lines(document.instance):
            click.echo(line)
        outcome = fet_service.solve_fet_file(
            fet_file,
            out,
            document=document,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            on_progress=progress,
            first_only=first_only,
            gap_percent=gap_percent,
        )
    except _USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
    r = outcome.result
    for m in r.messages:
        click.echo(m)
    click.echo(f"status: {r.status}")
    if r.stop_reason:
        click.echo(f"stopped: {STOP_WORDS.get(r.stop_reason, r.stop_reason)}")
    if r.time_to_first is not None:
        click.echo(f"time to first timetable: {r.time_to_first:.2f}s; to best: {(r.time_to_best or 0):.2f}s")
    if r.soft_penalty is not None:
        bound = "" if r.best_bound is None else f" (proven lower bound {r.best_bound:g})"
        click.echo(f"soft penalty: {r.soft_penalty:g}{bound}")
    if not outcome.written:
        click.echo("no timetable written")
        raise SystemExit(1)
    click.echo(f"checker: {outcome.report.verdict()}")
    click.echo(f"wrote {out}")
    if not outcome.report.valid:
        raise SystemExit(1)


@fet.command("export")
@click.argument("project", metavar="PROJECT")
@click.option("--scenario", "scenario", required=True, help="Scenario id or name.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="FET file to write.")
@click.option(
    "--fet",
    "fet_file",
    default=None,
    type=click.Path(dir_okay=False),
    help="The .fet the project was imported from: keep its data and constraints.",
)
@click.option("--force", is_flag=True, help="Replace OUT even if it is not a FET file.")
def export_command(project: str, scenario: str, out: str, fet_file: str | None, force: bool) -> None:
    """Write a scenario's solution as a FET data-and-timetable file."""
    try:
        report = fet_service.export_fet(project, scenario, out, fet_file, overwrite=force)
    except _USER_ERRORS as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"checker: {report.verdict()}")
    click.echo(f"wrote {out}")
    if not report.valid:
        raise SystemExit(1)
