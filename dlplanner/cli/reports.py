"""Command-line tools for reports: ``export``, ``compare`` and ``import-csv``.

Registered on the main ``dlplanner`` group by ``dlplanner.cli.core`` (``cli.add_command(...)``). Every
user mistake (unknown scenario, bad output path, invalid CSV row) ends as one line
``dlplanner: error: …`` and exit status 2, like the other commands.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

import click

from dlplanner.services import compare as compare_service
from dlplanner.services import exporting, importing, projects
from dlplanner.services.errors import CsvImportError, DecodeError, ServiceError, StorageError, UnknownRecordError
from dlplanner.services.exporting import VIEWS
from dlplanner.services.session import change_and_save
from dlplanner.services.timetable_status import timetable_status

EXIT_USER_ERROR = 2
T = TypeVar("T")


class UserError(click.ClickException):
    """A user mistake: one line on stderr, exit status 2 (as ``dlplanner.cli.core`` does)."""

    exit_code = EXIT_USER_ERROR

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"dlplanner: error: {self.format_message()}", err=True, file=file)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the services' user-facing exceptions into :class:`UserError`."""
    try:
        yield
    except CsvImportError as exc:
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        count = len(exc.problems)
        raise UserError(f"{count} problem(s) in the CSV file (listed above); nothing was imported") from exc
    except (ServiceError, StorageError, DecodeError, UnknownRecordError, FileNotFoundError, PermissionError) as exc:
        raise UserError(str(exc)) from exc


project_argument = click.argument("project", metavar="PROJECT")
project_name_option = click.option(
    "--project-name", default=None, help="Which project, when the database holds several (district mode)."
)


@click.command("export")
@project_argument
@click.option("--scenario", "-s", required=True, help="Scenario id or name.")
@click.option(
    "--format",
    "-f",
    "fmt",
    required=True,
    type=click.Choice(list(exporting.FORMATS), case_sensitive=False),
    help="Output format.",
)
@click.option(
    "--out",
    "-o",
    required=True,
    help="Output file (.pdf .xlsx .csv .ics .zip .json) or folder (html, ics, oneroster).",
)
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default=None,
    help="Only the master schedule or one kind of timetable (student: one per student; pdf, csv, ics, html, xlsx).",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default=None,
    help="PDF paper size (default: letter in the US and the Americas or when the locale is unset, else a4).",
)
@click.option("--entity", default=None, help="iCalendar: one teacher, cohort or room (id or name) into one .ics file.")
@click.option("--student", default=None, help="Student view: only this student (id or name).")
@click.option("--grade", type=int, default=None, help="Student view: only the students of this grade.")
@click.option(
    "--language",
    type=click.Choice(list(exporting.LANGUAGES)),
    default="en",
    help="The language of dlplanner's own words in PDF, HTML and iCalendar files, for families (names stay as typed).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Export even a timetable that breaks hard rules (the broken rules are printed as a warning).",
)
@project_name_option
def export_command(
    project: str,
    scenario: str,
    fmt: str,
    out: str,
    view: str | None,
    paper: str | None,
    entity: str | None,
    student: str | None,
    grade: int | None,
    language: str,
    force: bool,
    project_name: str | None,
) -> None:
    """Export a scenario's timetable as PDF, XLSX, CSV, iCalendar, an HTML site or JSON (see docs/exports.md).

    A timetable that breaks hard rules (as the independent checker judges it) is refused unless --force.
    """
    with user_errors():
        loaded = projects.open_project(project, project_name)
        status = timetable_status(loaded, loaded.scenario(scenario))
        if status.breaks_rules:
            name = loaded.scenario(scenario).name
            if not force:  # one line, like every user error: the first broken rule, and the way on
                first = status.problems(limit=1)[0][:200]
                raise ServiceError(
                    f"{project}: the timetable of scenario '{name}' {status.text()} (first: {first}); "
                    "nothing was written. Move the cards or solve again, or export it anyway with --force "
                    "(which lists them all)"
                )
            for line in status.problems():
                click.echo(f"  {line}", err=True)
            click.echo(f"dlplanner: warning: exporting scenario '{name}', whose timetable {status.text()}", err=True)
        options: dict[str, Any] = {}
        if fmt == "pdf" and paper:
            options["paper"] = paper
        if entity:
            if fmt != "ics":
                raise ServiceError("--entity applies to the ics format only")
            options["entity"] = entity
        if student is not None:
            options["student"] = student
        if grade is not None:
            options["grade"] = grade
        if language != "en":
            options["language"] = language
        written = exporting.export(loaded, scenario, fmt, out, view, **options)
    name = loaded.scenario(scenario).name
    click.echo(f"Exported scenario '{name}' as {fmt}: {len(written)} file(s)")
    for path in written[:20]:
        click.echo(f"  {path}")
    if len(written) > 20:
        click.echo(f"  … and {len(written) - 20} more")


@click.command("compare")
@project_argument
@click.option(
    "--scenarios",
    "-s",
    "first",
    required=True,
    multiple=True,
    help="The scenarios to compare (2 to 4 ids or names): --scenarios A B [C D].",
)
@click.argument("more", nargs=-1, metavar="")
@click.option("--out", "-o", required=True, help="Report file: report.html or report.pdf.")
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    default=None,
    help="PDF paper size (default: letter in the US and the Americas or when the locale is unset, else a4).",
)
@click.option(
    "--min-annual-minutes",
    type=click.IntRange(min=0),
    default=None,
    help="Required annual instructional minutes per cohort (e.g. a state's rule).",
)
@click.option(
    "--count-advisory/--no-count-advisory",
    default=None,
    help="Count advisory minutes as instructional minutes (or not), whatever the project's minimums say.",
)
@click.option(
    "--min-advisory-minutes",
    type=click.IntRange(min=0),
    default=None,
    help="Required advisory minutes per week per cohort.",
)
@click.option(
    "--min-internship-hours",
    type=click.IntRange(min=0),
    default=None,
    help="Required internship hours per year for cohorts with internships.",
)
@click.option("--min-days", type=click.IntRange(min=0), default=None, help="Required instructional days per year.")
@click.option(
    "--min-grade-minutes",
    "grade_minutes",
    multiple=True,
    metavar="GRADE=MINUTES",
    help="Annual instructional minutes for one grade (repeatable), e.g. 9=64800.",
)
@click.option(
    "--min-subject-minutes",
    "subject_minutes",
    multiple=True,
    metavar="SUBJECT=MINUTES",
    help="Annual minutes of a subject (id) for every cohort taking it (repeatable), e.g. math=10800.",
)
@project_name_option
def compare_command(
    project: str,
    first: tuple[str, ...],
    more: tuple[str, ...],
    out: str,
    paper: str | None,
    min_annual_minutes: int | None,
    count_advisory: bool | None,
    min_advisory_minutes: int | None,
    min_internship_hours: int | None,
    min_days: int | None,
    grade_minutes: tuple[str, ...],
    subject_minutes: tuple[str, ...],
    project_name: str | None,
) -> None:
    """Compare 2–4 scenarios of PROJECT and write an HTML or PDF report (see docs/compare.md).

    Scenarios are checked against the project's stored minimums; each --min-* option replaces
    one of them for this report (grade and subject options add to or replace single entries).
    """
    keys = [*first, *more]
    by_grade = {int(k): v for k, v in _pairs(grade_minutes, "--min-grade-minutes", numeric_key=True).items()}
    by_subject = _pairs(subject_minutes, "--min-subject-minutes")
    with user_errors():
        loaded = projects.open_project(project, project_name)
        stored = loaded.minimums
        minimums = dataclasses.replace(
            stored,
            annual_instructional_minutes=_given(min_annual_minutes, stored.annual_instructional_minutes),
            count_advisory_as_instruction=_given(count_advisory, stored.count_advisory_as_instruction),
            advisory_minutes_per_week=_given(min_advisory_minutes, stored.advisory_minutes_per_week),
            internship_hours_per_year=_given(min_internship_hours, stored.internship_hours_per_year),
            instructional_days=_given(min_days, stored.instructional_days),
            by_grade={**stored.by_grade, **by_grade},
            subject_annual_minutes={**stored.subject_annual_minutes, **by_subject},
        )
        comparison = compare_service.compare(loaded, keys, minimums)
        path = compare_service.write_comparison(comparison, out, paper or exporting.default_paper())
    click.echo(f"Compared {', '.join(repr(n) for n in comparison.scenario_names)}: report written to {path}")
    for note in comparison.notes:
        click.echo(f"  note: {note}")
    glance = comparison.table("glance")
    for row in glance.rows:
        values = " | ".join(_plain(v) for v in row.values)
        click.echo(f"  {row.label}: {values}")


def _given(option: T | None, stored: T) -> T:
    """An option's value when it was given on the command line, else the stored one."""
    return stored if option is None else option


def _pairs(items: tuple[str, ...], option: str, numeric_key: bool = False) -> dict[str, int]:
    """KEY=NUMBER options as a dict; a malformed one is a one-line user error."""
    result: dict[str, int] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value.isdigit() or (numeric_key and not key.isdigit()):
            form = "GRADE=MINUTES (e.g. 9=64800)" if numeric_key else "SUBJECT=MINUTES (e.g. math=10800)"
            raise UserError(f"{option} takes {form}, not '{item}'")
        result[key] = int(value)
    return result


def _plain(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


@click.command("import-csv")
@project_argument
@click.option("--kind", "-k", required=True, type=click.Choice(list(importing.KINDS)), help="What the file holds.")
@click.argument("file", metavar="FILE")
@click.option("--scenario", "-s", default=None, help="For sections: the scenario they belong to.")
@project_name_option
def import_csv_command(project: str, kind: str, file: str, scenario: str | None, project_name: str | None) -> None:
    """Import teachers, rooms, cohorts, sections, students or requests from a CSV FILE (all rows or none)."""
    with user_errors():
        result = change_and_save(  # all or nothing; refused when another planner saved a piece it changes
            project, lambda loaded: importing.import_csv_into(loaded, kind, file, scenario), project_name
        )
    click.echo(f"Imported {file}: {result.describe()}")


COMMANDS = [export_command, compare_command, import_csv_command]
