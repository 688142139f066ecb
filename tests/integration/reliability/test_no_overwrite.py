"""Outputs never overwrite the project, nor an existing file of another kind without --force
(issue 19 item 3: ``solve P.dlp --json P.dlp`` and ``fet export P.dlp … --out P.dlp`` wrote over it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlplanner.cli import cli
from dlplanner.services import projects

FET_DIR = Path(__file__).resolve().parents[2] / "data" / "fet"


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(result, *expected: str) -> None:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for text in expected:
        assert text in lines[0], lines[0]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def school(tmp_path: Path) -> Path:
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), projects.load_sample("big-picture"))
    return path


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize("spelling", ["same", "relative", "journal"])
def test_solve_json_never_writes_over_the_project(school: Path, spelling: str, force, monkeypatch):
    monkeypatch.chdir(school.parent)
    out = {"same": str(school), "relative": f"./{school.name}", "journal": f"{school}-journal"}[spelling]
    before = _hash(school)
    _refused(_run("solve", str(school), "--json", out, "--time-limit", "5", *force), "is the project", "itself")
    assert _hash(school) == before
    assert not Path(f"{school}-journal").exists()


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_fet_export_never_writes_over_the_project(school: Path, force):
    before = _hash(school)
    _refused(_run("fet", "export", str(school), "--scenario", "x", "--out", str(school), *force), "is the project")
    assert _hash(school) == before


def test_an_existing_file_of_another_kind_needs_force(school: Path, tmp_path: Path):
    other = tmp_path / "other.dlp"
    projects.create_project(str(other), projects.load_sample("linked-learning"))
    notes = tmp_path / "notes.txt"
    notes.write_text("do not lose me\n", encoding="utf-8")
    before = {other: _hash(other), notes: _hash(notes)}
    _refused(
        _run("solve", str(school), "--json", str(other), "--time-limit", "5"),
        "is not a timetable JSON file (it is a dlplanner project)",
        "--force",
    )
    _refused(_run("fet", "export", str(school), "--scenario", "x", "--out", str(notes)), "is not a FET file", "--force")
    assert {path: _hash(path) for path in before} == before


def test_force_replaces_a_file_of_another_kind_and_the_same_kind_needs_no_force(school: Path, tmp_path: Path):
    out = tmp_path / "timetable.json"
    out.write_text("not a timetable\n", encoding="utf-8")
    result = _run("solve", str(school), "--json", str(out), "--time-limit", "20", "--force")
    assert "Wrote timetable JSON" in result.output, result.output
    first = out.read_text(encoding="utf-8")
    result = _run("solve", str(school), "--json", str(out), "--time-limit", "20", "--seed", "1")
    assert "Wrote timetable JSON" in result.output, result.output  # a timetable JSON: replaced without --force
    assert '"format": "dlplanner-timetable"' in first


def test_fet_export_over_a_fet_file_needs_no_force(tmp_path: Path):
    project = tmp_path / "school.dlp"
    assert _run("fet", "import", str(FET_DIR / "rooms.fet"), str(project)).exit_code == 0
    out = tmp_path / "out.fet"
    out.write_bytes((FET_DIR / "rooms.fet").read_bytes())
    result = _run("fet", "export", str(project), "--scenario", "nope", "--out", str(out))
    assert "No scenario 'nope'" in result.output  # past the output check: a FET file may be replaced
