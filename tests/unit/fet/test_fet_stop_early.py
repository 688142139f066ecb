"""`fet solve --first` and `--gap`: the search stops early, says why, and the checker still judges the timetable."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dlplanner.cli.fet import fet
from dlplanner.fet.checker import check_fet
from dlplanner.fet.files import read_fet
from dlplanner.fet.solver import solve as fet_solve
from dlplanner.fet.solver import solve_fet

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"


def _stages(inst, **options) -> tuple[object, list[str]]:
    seen: list[str] = []
    result = solve_fet(inst, 20, workers=2, seed=1, on_progress=lambda p: seen.append(p.stage), **options)
    return result, seen


def test_first_stops_at_the_first_checked_timetable_without_optimising() -> None:
    inst = read_fet(DATA / "time.fet")  # has a soft preference the optimise stage would work on
    result, stages = _stages(inst, first_only=True)
    assert result.stop_reason == "first"
    assert "optimise" not in stages  # the soft-constraint search never ran
    assert result.status == "feasible" and result.best_bound is None  # nothing proven
    report = check_fet(inst, result.timetable)
    assert report.valid, report.messages
    assert result.soft_penalty == pytest.approx(report.soft_penalty)  # the penalty of exactly this timetable


def test_without_first_the_soft_constraints_are_optimised() -> None:
    result, stages = _stages(read_fet(DATA / "time.fet"))
    assert "optimise" in stages and result.stop_reason == "optimal"


def test_gap_reaches_the_optimising_search(monkeypatch) -> None:
    made = []
    real = fet_solve._solver

    def recording(limit, workers, seed):
        solver = real(limit, workers, seed)
        made.append(solver)
        return solver

    monkeypatch.setattr(fet_solve, "_solver", recording)
    inst = read_fet(DATA / "time.fet")
    result, _ = _stages(inst, gap_percent=25)
    assert [s.parameters.relative_gap_limit for s in made if s.parameters.relative_gap_limit] == [0.25]
    assert result.stop_reason in ("gap", "optimal")
    assert check_fet(inst, result.timetable).valid


def test_within_gap_is_cp_sat_s_relative_gap() -> None:
    assert fet_solve._within_gap(10.0, 9.0, 10)
    assert not fet_solve._within_gap(10.0, 8.0, 10)
    assert fet_solve._within_gap(0.5, 0.0, 50)  # below 1 the gap is measured against 1, as CP-SAT does


def test_the_command_takes_first_and_says_why_it_stopped(tmp_path: Path) -> None:
    out = tmp_path / "solved.fet"
    result = CliRunner().invoke(
        fet, ["solve", str(DATA / "time.fet"), "--out", str(out), "--first", "--time-limit", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "stopped: at the first timetable (--first)" in result.output
    assert "checker: valid" in result.output and out.is_file()
    assert "optimise:" not in result.output


def test_the_command_takes_gap(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        fet, ["solve", str(DATA / "time.fet"), "--out", str(tmp_path / "s.fet"), "--gap", "5", "--time-limit", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "stopped: " in result.output and "checker: valid" in result.output
