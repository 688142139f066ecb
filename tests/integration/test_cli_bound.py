"""`dlplanner solve` on the big schools' path prints the bound and the gap (issue 25)."""

from __future__ import annotations

from pathlib import Path

from dlplanner.cli import main
from dlplanner.solver import model_builder


def test_a_big_school_s_solve_prints_its_bound_and_gap(tmp_path: Path, monkeypatch, capsys) -> None:
    assert main(["new", str(tmp_path / "s.dlp"), "--sample", "big-picture"]) in (0, None)
    monkeypatch.setattr(model_builder, "POOL_LITERALS_LIMIT", -1)  # the sample takes the 2,400-student path
    code = main(["solve", str(tmp_path / "s.dlp"), "--time-limit", "8", "--workers", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "large-neighbourhood search" in out
    assert "Checker: valid" in out
    assert "gap " in out and " %" in out  # the bound (whole school's or the narrowed model's) with its gap
