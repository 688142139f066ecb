"""The `dlplanner` command starts light and opens a project file like a document.

Start-up: the heavy libraries (OR-Tools with pandas, SQLAlchemy, Alembic, the exporters' libraries)
load when a command needs them, so ``dlplanner --version`` and ``--help`` answer at once and the
desktop app's first window does not wait for OR-Tools. Checked in a fresh interpreter, where nothing
else has imported them yet. Timing itself is measured by ``benchmarks/startup_bench.py``, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import dlplanner.qt.app
from dlplanner.cli import cli, gui_main, main
from dlplanner.cli.core import LAZY_COMMANDS

HEAVY = ["ortools", "pandas", "numpy", "sqlalchemy", "alembic", "matplotlib", "reportlab", "openpyxl", "PySide6"]
ROOT = Path(__file__).parents[2]


def loaded_after(statement: str) -> set[str]:
    """Top-level packages among HEAVY that ``statement`` loads in a fresh interpreter."""
    probe = f"import sys; {statement}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(done.stdout.split()) & set(HEAVY)


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert loaded_after("import dlplanner.cli") == set()


def test_version_loads_no_heavy_library() -> None:
    assert loaded_after("from dlplanner.cli import main; main(['--version'])") == set()


def test_the_first_window_does_not_wait_for_or_tools() -> None:
    loaded = loaded_after("import dlplanner.qt.app")
    assert "PySide6" in loaded  # the probe does see what loads
    assert loaded & {"ortools", "pandas", "numpy", "matplotlib", "reportlab", "openpyxl"} == set()


def test_every_lazy_command_resolves_and_help_lists_it() -> None:
    context = click.Context(cli)
    for name in LAZY_COMMANDS:
        assert isinstance(cli.get_command(context, name), click.Command), name
    listing = CliRunner().invoke(cli, ["--help"]).output
    for name in LAZY_COMMANDS:
        assert f"  {name} " in listing, name


@pytest.fixture
def gui_runs(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The desktop app's runner replaced by a recorder of the project it was asked to open."""
    opened: list[str | None] = []

    def record(project: str | None = None, argv: list[str] | None = None) -> int:
        opened.append(project)
        return 0

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a display is there
    monkeypatch.setattr(dlplanner.qt.app, "run_app", record)
    return opened


def test_a_project_file_as_the_only_argument_opens_the_app_on_it(tmp_path: Path, gui_runs: list[str | None]) -> None:
    path = tmp_path / "school.dlp"
    path.write_bytes(b"")
    result = CliRunner().invoke(cli, [str(path)])
    assert result.exit_code == 0, result.output
    assert gui_runs == [str(path)]


def test_any_existing_file_and_a_dlp_not_yet_there_open_the_app_too(tmp_path: Path, gui_runs: list[str | None]) -> None:
    other = tmp_path / "School Plan.backup"  # a file association may hand over any name
    other.write_bytes(b"")
    assert CliRunner().invoke(cli, [str(other)]).exit_code == 0
    assert CliRunner().invoke(cli, [str(tmp_path / "gone.DLP")]).exit_code == 0  # the app says it is missing
    assert gui_runs == [str(other), str(tmp_path / "gone.DLP")]


def test_the_console_entry_point_opens_documents_too(tmp_path: Path, gui_runs: list[str | None]) -> None:
    path = tmp_path / "school.dlp"
    path.write_bytes(b"")
    assert main([str(path)]) == 0  # what `dlplanner PATH` and `python -m dlplanner PATH` call
    assert gui_runs == [str(path)]


def test_commands_still_win_over_files_and_unknown_words_are_still_errors(
    tmp_path: Path, gui_runs: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("samples").write_bytes(b"")  # a file named like a command
    listing = CliRunner().invoke(cli, ["samples"])
    assert listing.exit_code == 0 and "big-picture" in listing.output
    unknown = CliRunner().invoke(cli, ["sovle"])
    assert unknown.exit_code == 2 and "No such command" in unknown.output
    assert gui_runs == []


def test_the_windowed_entry_point_opens_the_app_on_its_argument(
    tmp_path: Path, gui_runs: list[str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "school.dlp"
    path.write_bytes(b"")
    monkeypatch.setattr(sys, "argv", ["dlplanner-gui", str(path)])  # what a file association runs
    assert gui_main() == 0
    monkeypatch.setattr(sys, "argv", ["dlplanner-gui"])
    assert gui_main() == 0
    assert gui_runs == [str(path), None]
