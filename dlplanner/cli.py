"""The `dlplanner` command: the desktop app with no arguments, project tools as sub-commands.

PROJECT is everywhere a ``.dlp`` file path or a database URL (``postgresql+psycopg://…``).
User mistakes (a missing file, an unknown scenario, a bad sample name) print one line starting
with ``dlplanner: error:`` and exit with status 2; a tool's own negative verdict (validation found
blocking problems) exits with status 1.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from dlplanner import __version__
from dlplanner.domain import UnknownRecordError
from dlplanner.domain.codec import DecodeError
from dlplanner.services import projects
from dlplanner.storage import StorageError

USER_ERRORS: tuple[type[Exception], ...] = (
    projects.ServiceError,
    StorageError,
    DecodeError,
    UnknownRecordError,
    FileNotFoundError,
    PermissionError,
)

EXIT_FINDINGS = 1
EXIT_USER_ERROR = 2


class FriendlyGroup(click.Group):
    """Turns known user errors into one clear line instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            click.echo(f"dlplanner: error: {exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)


project_argument = click.argument("project", metavar="PROJECT")
project_name_option = click.option(
    "--project-name", default=None, help="Which project, when the database holds several (district mode)."
)


@click.group(cls=FriendlyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dlplanner")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Plan deeper-learning school schedules. With no command, opens the desktop app."""
    if ctx.invoked_subcommand is None:
        ctx.exit(_run_gui(None))


@cli.command("gui")
@click.argument("project", metavar="[PROJECT]", required=False)
def gui_command(project: str | None) -> None:
    """Open the desktop app, optionally on PROJECT."""
    sys.exit(_run_gui(project))


def _run_gui(project: str | None) -> int:
    from dlplanner.qt.app import run_app  # imported late: the CLI tools must work without a display

    return run_app(project)


@cli.command("samples")
def samples_command() -> None:
    """List the bundled sample schools."""
    for sample in projects.list_samples():
        click.echo(f"{sample.id:<18} {sample.school_name or sample.name}")
        if sample.description:
            click.echo(f"{'':<18} {sample.description}")


@cli.command("new")
@click.argument("path", metavar="PROJECT")
@click.option(
    "--sample", "sample_id", default=None, help="Start from a bundled sample school (see `dlplanner samples`)."
)
@click.option("--name", default=None, help="Project name (default: the sample's name or the file name).")
@click.option("--force", is_flag=True, help="Replace an existing project file.")
def new_command(path: str, sample_id: str | None, name: str | None, force: bool) -> None:
    """Create a project file (or database project) at PROJECT, empty or from a sample."""
    from dlplanner.domain import Project

    project = projects.load_sample(sample_id) if sample_id else Project(name=name or _stem(path))
    if name:
        project.name = name
    projects.create_project(path, project, overwrite=force)
    click.echo(f"Created project '{project.name}' at {path} ({len(project.scenarios)} scenarios)")


def _stem(path: str) -> str:
    from pathlib import PurePath

    return PurePath(path).stem if not projects.is_url(path) else "project"


@cli.command("info")
@project_argument
@project_name_option
def info_command(project: str, project_name: str | None) -> None:
    """Counts, scenarios and minutes per cycle of PROJECT."""
    loaded = projects.open_project(project, project_name)
    for line in projects.format_summary(projects.summarize(loaded)):
        click.echo(line)


@cli.command("validate")
@project_argument
@click.option("--scenario", "-s", default=None, help="Scenario id or name (default: every scenario).")
@project_name_option
def validate_command(project: str, scenario: str | None, project_name: str | None) -> None:
    """Pre-solve checks; exits 1 when a blocking problem exists."""
    from dlplanner.domain.validation import Severity, blocking, validate

    loaded = projects.open_project(project, project_name)
    target = loaded.scenario(scenario) if scenario else None
    problems = validate(loaded, target)
    for problem in problems:
        click.echo(f"{problem.severity.value.upper():<8} {problem.message}")
    errors = blocking(problems)
    warnings = sum(1 for p in problems if p.severity == Severity.WARNING)
    scope = f"scenario '{target.name}'" if target else f"{len(loaded.scenarios)} scenario(s)"
    click.echo(f"{len(errors)} blocking problem(s), {warnings} warning(s) in {scope} of '{loaded.name}'")
    if errors:
        sys.exit(EXIT_FINDINGS)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status instead of raising SystemExit in tests."""
    try:
        cli.main(args=argv, prog_name="dlplanner", standalone_mode=True)
    except SystemExit as exc:
        return _exit_code(exc.code)
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1
