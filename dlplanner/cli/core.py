"""The `dlplanner` command: the desktop app with no arguments, project tools as sub-commands.

PROJECT is everywhere a ``.dlp`` file path or a database URL (``postgresql+psycopg://…``).
User mistakes (a missing file, an unknown scenario, a bad sample name) print one line starting
with ``dlplanner: error:`` and exit with status 2; a tool's own negative verdict (validation found
blocking problems) exits with status 1.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dlplanner import __version__
from dlplanner.cli.lazy import LazyGroup, lazy_module
from dlplanner.domain import Project, Scenario

if TYPE_CHECKING:
    from dlplanner.domain.checker import CheckReport
    from dlplanner.services import projects
    from dlplanner.services.session import ProjectSession
    from dlplanner.services.solving import Progress
else:  # storage (SQLAlchemy, Alembic) loads when a command first uses a project, not at start-up
    projects = lazy_module("dlplanner.services.projects")

EXIT_FINDINGS = 1
EXIT_USER_ERROR = 2


PROJECT_SUFFIX = ".dlp"

# Commands in their own modules, imported only when run (or listed by --help): see dlplanner.cli.lazy.
LAZY_COMMANDS = {
    "export": "dlplanner.cli.reports:export_command",
    "compare": "dlplanner.cli.reports:compare_command",
    "import-csv": "dlplanner.cli.reports:import_csv_command",
    "export-school": "dlplanner.cli.school:export_school_command",
    "import": "dlplanner.cli.school:import_command",
    "fet": "dlplanner.cli.fet:fet",
    "db": "dlplanner.cli.db:db",
    "backup": "dlplanner.cli.db:backup_command",
    "restore": "dlplanner.cli.db:restore_command",
    "rollover": "dlplanner.cli.rollover:rollover_command",
    "pairings": "dlplanner.cli.rollover:pairings",
    "report": "dlplanner.cli.students:report_command",
}


class FriendlyGroup(LazyGroup):
    """Turns known user errors into one clear line instead of a traceback, and opens documents.

    ``dlplanner PATH.dlp`` (what a file manager runs for a double-clicked project) is ``dlplanner gui
    PATH.dlp``: a first argument that names no command but an existing file or a ``.dlp`` opens the app.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and self._names_a_document(ctx, args[0]):
            args = ["gui", *args]
        return super().parse_args(ctx, args)

    def _names_a_document(self, ctx: click.Context, arg: str) -> bool:
        if arg.startswith("-") or arg in self.list_commands(ctx):
            return False
        return arg.lower().endswith(PROJECT_SUFFIX) or Path(arg).is_file()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.UsageError, click.exceptions.Exit, click.Abort):
            raise  # click prints usage and the problem itself
        except click.ClickException as exc:
            click.echo(f"dlplanner: error: {exc.format_message()}", err=True)
            ctx.exit(EXIT_USER_ERROR)
        except Exception as exc:
            from dlplanner.services.errors import USER_ERRORS  # the lower layers load only when a command ran

            if not isinstance(exc, USER_ERRORS):
                raise
            click.echo(f"dlplanner: error: {exc}", err=True)
            ctx.exit(EXIT_USER_ERROR)


project_argument = click.argument("project", metavar="PROJECT")
project_name_option = click.option(
    "--project-name", default=None, help="Which project, when the database holds several (district mode)."
)


@click.group(
    cls=FriendlyGroup,
    lazy_commands=LAZY_COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="dlplanner")
@click.option(
    "--db",
    "database",
    default=None,
    metavar="URL",
    help="Open the desktop app on a project database (postgresql+psycopg://user:password@host/dbname).",
)
@click.pass_context
def cli(ctx: click.Context, database: str | None) -> None:
    """Plan deeper-learning school schedules. With no command, opens the desktop app."""
    if ctx.invoked_subcommand is None:
        ctx.exit(_run_gui(database))


@cli.command("gui")
@click.argument("project", metavar="[PROJECT]", required=False)
@click.option("--lang", metavar="CODE", help="Interface language, e.g. es (default: the setting, else the system's).")
def gui_command(project: str | None, lang: str | None) -> None:
    """Open the desktop app, optionally on PROJECT."""
    if lang:
        os.environ["DLPLANNER_LANG"] = lang  # read by dlplanner.qt.translations when the app starts
    sys.exit(_run_gui(project))


def _run_gui(project: str | None) -> int:
    if not _has_display():
        raise projects.ServiceError(
            "No display: the desktop app needs a graphical session (set DISPLAY, or run it under xvfb-run); "
            "the other commands work without one"
        )
    from dlplanner.qt.app import run_app  # imported late: the CLI tools must work without a display

    return run_app(project)


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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
@click.option(
    "--from",
    "source",
    default=None,
    metavar="FILE",
    help="Build it from a school workbook (.xlsx) or a OneRoster bundle (.zip or folder).",
)
@click.option("--school", default=None, metavar="SOURCEDID", help="With a OneRoster --from: the school org to import.")
@click.option("--name", default=None, help="Project name (default: the sample's or file's name, or the file name).")
@click.option("--force", is_flag=True, help="Replace an existing project file.")
def new_command(
    path: str, sample_id: str | None, source: str | None, school: str | None, name: str | None, force: bool
) -> None:
    """Create a project file (or database project) at PROJECT: empty, from a sample, or from a school's data."""
    if sample_id and source:
        raise projects.ServiceError("give --sample or --from, not both")
    if source:
        from dlplanner.cli.school import echo_plan, school_data_errors
        from dlplanner.services.school_data import new_project_from

        with school_data_errors("no project was created"):
            created, plan = new_project_from(path, source, name, overwrite=force, school=school)
        where = projects.describe_location(path)
        scenarios = len(created.scenarios)
        click.echo(f"Created project '{created.name}' at {where} from {plan.source} ({scenarios} scenarios)")
        echo_plan(plan.describe(), plan.notes)
        return
    project = projects.load_sample(sample_id) if sample_id else Project(name=name or _stem(path))
    if name:
        project.name = name
    projects.create_project(path, project, overwrite=force)
    click.echo(
        f"Created project '{project.name}' at {projects.describe_location(path)} ({len(project.scenarios)} scenarios)"
    )


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


def _pick_scenario(project: Project, key: str | None) -> Scenario:
    """The named scenario, or the only/first one when none is named (said on the output)."""
    if key:
        return project.scenario(key)
    if not project.scenarios:
        raise projects.ServiceError(f"Project '{project.name}' has no scenario to solve")
    if len(project.scenarios) > 1:
        names = ", ".join(s.name for s in project.scenarios)
        click.echo(f"No --scenario given: using '{project.scenarios[0].name}' (scenarios: {names})")
    return project.scenarios[0]


@cli.command("solve")
@project_argument
@click.option("--scenario", "-s", default=None, help="Scenario id or name (default: the first).")
@click.option("--time-limit", default=30.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1), help="CP-SAT worker threads.")
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed (same seed, same search).")
@click.option("--first", "first_only", is_flag=True, help="Stop at the first timetable (soft rules not optimised).")
@click.option(
    "--gap",
    "gap_percent",
    default=None,
    type=click.FloatRange(min=0.0),
    metavar="PCT",
    help="Stop once the soft rules' penalty is within PCT % of the bound.",
)
@click.option("--json", "json_out", default=None, type=click.Path(dir_okay=False), help="Write the timetable JSON.")
@click.option("--save", is_flag=True, help="Store the solution in the project.")
@click.option("--force", is_flag=True, help="Let --json replace an existing file that is not a timetable JSON.")
@project_name_option
def solve_command(
    project: str,
    scenario: str | None,
    time_limit: float,
    workers: int,
    seed: int,
    first_only: bool,
    gap_percent: float | None,
    json_out: str | None,
    save: bool,
    force: bool,
    project_name: str | None,
) -> None:
    """Solve a scenario: progress, status, per-rule penalties and the checker's verdict.

    Exits 0 when a timetable the independent checker accepts was found, 1 otherwise.
    Ctrl+C stops the search and keeps the best timetable found so far.
    """
    from dlplanner.services.exporting import check_timetable_json_out
    from dlplanner.services.session import ProjectSession

    if json_out:  # before solving: never overwrite the project (or another kind of file) with JSON
        check_timetable_json_out(json_out, project, overwrite=force)
    with contextlib.closing(ProjectSession.open(project, project_name)) as session:
        _solve(session, scenario, time_limit, workers, seed, json_out, save, first_only, gap_percent)


def _solve(
    session: ProjectSession,
    scenario: str | None,
    time_limit: float,
    workers: int,
    seed: int,
    json_out: str | None,
    save: bool,
    first_only: bool = False,
    gap_percent: float | None = None,
) -> None:
    from dlplanner.services.solving import likely_reasons, solve_scenario

    loaded = session.project
    target = _pick_scenario(loaded, scenario)
    stop = _StopOnInterrupt()

    def progress(p: Progress) -> None:
        if math.isfinite(p.objective):
            click.echo(f"[{p.elapsed:7.2f}s] objective {p.objective:g}  bound {p.bound:g}  solutions {p.solutions}")
        else:  # the hard-rules phase has no objective yet
            click.echo(f"[{p.elapsed:7.2f}s] timetable found; optimising the soft rules next")

    with stop:
        result, report = solve_scenario(
            loaded,
            target.id,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            on_progress=progress,
            should_stop=stop.requested,
            first_only=first_only,
            gap_percent=gap_percent,
        )
    click.echo(f"Scenario '{target.name}': {result.status.value} in {result.wall_time:.2f}s")
    # keep what was found first: nothing printed below may cost the planner the timetable
    if json_out and result.placements:
        from dlplanner.services.exporting import write_timetable_json

        write_timetable_json(loaded, target, json_out)
        click.echo(f"Wrote timetable JSON to {json_out}")
    if save:
        session.save_or_refuse()  # only what changed; refused, writing nothing, when another planner saved it
        click.echo(f"Saved the solution of '{target.name}' to {projects.describe_location(session.location or '')}")
    for message in result.messages:
        click.echo(f"  {message}")
    for conflict in result.conflicts:
        click.echo(f"  conflict: {conflict.message}")
    for problem in likely_reasons(loaded, target.id, result):
        click.echo(f"  likely reason: {problem.message}")
    if result.placements:
        click.echo(
            f"  objective {_figure(result.objective, 'not evaluated')}, "
            f"best bound {_figure(result.best_bound, 'no bound yet')}{_gap(result.objective, result.best_bound)}"
        )
        if result.narrowed_bound is not None:  # big schools: the bound of the narrowed pools' timetables
            click.echo(
                f"  bound of the narrowed teacher pools and room classes {result.narrowed_bound:g}"
                f"{_gap(result.objective, result.narrowed_bound)} (not a bound of every timetable)"
            )
        for rule_id, penalty in sorted(result.penalties.items()):
            if penalty:
                click.echo(f"  penalty {rule_id}: {penalty:g}")
    if report is not None:
        click.echo(_verdict(report))
    if report is None or not report.ok:
        sys.exit(EXIT_FINDINGS)


def _figure(value: float | None, missing: str) -> str:
    """A solver figure for the output, or what to say when the solver gave none (a stop, a short limit)."""
    if value is None or not math.isfinite(value):
        return missing
    return f"{value:g}"


def _gap(objective: float | None, bound: float | None) -> str:
    """ ", gap N %" (CP-SAT's relative gap, |objective − bound| / max(1, |objective|)), or nothing."""
    if objective is None or bound is None or not (math.isfinite(objective) and math.isfinite(bound)):
        return ""
    return f", gap {100 * abs(objective - bound) / max(1.0, abs(objective)):.1f} %"


def _verdict(report: CheckReport) -> str:
    if report.ok:
        return "Checker: valid — no hard rule broken"
    lines = [f"Checker: {len(report.violations)} hard-rule violation(s)"]
    lines += [f"  [{v.rule_id}] {v.message}" for v in report.violations[:50]]
    if len(report.violations) > 50:
        lines.append(f"  … and {len(report.violations) - 50} more")
    return "\n".join(lines)


class _StopOnInterrupt:
    """Turns Ctrl+C during a solve into a polite stop request (the best timetable is kept).

    While CP-SAT runs, the main thread is inside C++ and Python's own SIGINT handler only runs once
    ``Solve`` returns, which may be the whole time limit later. So the signal also wakes a watcher
    thread through :func:`signal.set_wakeup_fd` (written by the C-level handler at once); it raises the
    flag that the engine polls (``should_stop``) and stops the search within a fraction of a second.
    """

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._previous: Any = None
        self._previous_fd = -1
        self._pair: tuple[socket.socket, socket.socket] | None = None
        self._watcher: threading.Thread | None = None

    def requested(self) -> bool:
        return self._stop.is_set()

    def _request(self) -> None:
        if not self._stop.is_set():
            self._stop.set()
            click.echo("Stopping: keeping the best timetable found so far…", err=True)

    def _handle(self, signum: int, frame: Any) -> None:
        self._request()

    def _watch(self, reader: socket.socket) -> None:
        while True:
            try:
                data = reader.recv(64)
            except OSError:
                return
            if not data or _WAKE_TO_END in data:
                return
            if bytes([signal.SIGINT]) in data:
                self._request()

    def __enter__(self) -> _StopOnInterrupt:
        try:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread (tests): no handler, no harm
            self._previous = None
            return self
        reader, writer = socket.socketpair()
        writer.setblocking(False)
        self._pair = (reader, writer)
        self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._watcher = threading.Thread(target=self._watch, args=(reader,), name="sigint-watcher", daemon=True)
        self._watcher.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is None:
            return
        signal.set_wakeup_fd(self._previous_fd)
        signal.signal(signal.SIGINT, self._previous)
        if self._pair is not None:
            reader, writer = self._pair
            with contextlib.suppress(OSError):
                writer.send(_WAKE_TO_END)
            if self._watcher is not None:
                self._watcher.join(timeout=1.0)
            reader.close()
            writer.close()


_WAKE_TO_END = b"\x00"  # no signal has the number 0: tells the watcher thread to end


@cli.command("check")
@click.argument("timetable", metavar="FILE.json", type=click.Path(dir_okay=False))
def check_command(timetable: str) -> None:
    """Judge a timetable JSON file with the independent checker; exits 1 on any violation."""
    from dlplanner.services.checking import check_timetable_file

    scenario, report = check_timetable_file(timetable)
    click.echo(f"{len(scenario.solution.placements)} placements of scenario '{scenario.name}' in {timetable}")
    click.echo(_verdict(report))
    for rule_id, penalty in sorted(report.penalties.items()):
        if penalty:
            click.echo(f"  penalty {rule_id}: {penalty:g}")
    if not report.ok:
        sys.exit(EXIT_FINDINGS)


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit status instead of raising SystemExit in tests."""
    try:
        cli.main(args=argv, prog_name="dlplanner", standalone_mode=True)
    except SystemExit as exc:
        return _exit_code(exc.code)
    return 0


def gui_main() -> int:
    """The ``dlplanner-gui`` entry point (no console window on Windows): the app, on the project given if any."""
    return main(["gui", *sys.argv[1:2]])


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1
