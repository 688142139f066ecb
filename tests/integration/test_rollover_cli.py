"""`dlplanner rollover` on real project files: next year's project, the report, and the user's mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlplanner.cli import main
from dlplanner.domain.validation import blocking, validate
from dlplanner.services import projects


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_rollover_writes_next_years_project_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this, nxt = tmp_path / "bp.dlp", tmp_path / "bp-next.dlp"
    projects.create_project(str(this), projects.load_sample("big-picture"))
    before = this.read_bytes()

    code, out, err = run(
        capsys, "rollover", str(this), str(nxt), "--scenario", "Two internship days", "--incoming", "9:32",
        "--year-start", "2027-08-23",
    )  # fmt: skip

    assert code == 0, err
    assert f"Created 'Big Picture sample 2027–28' at {nxt}" in out
    assert "2 incoming cohort(s) of grade 9, 32 students" in out and "Needs a person:" in out
    assert this.read_bytes() == before  # this year's project is left as it was
    loaded = projects.open_project(str(nxt))
    assert sorted(c.grade for c in loaded.cohorts) == [9, 9, 10, 10, 10, 11, 11, 11, 12, 12]
    assert {a.advisor_id for a in loaded.advisories if a.cohort_ids == ["g9-a"]} == {""}
    assert loaded.scenarios[0].calendar.first_day.isoformat() == "2027-08-23"
    assert blocking(validate(loaded)) == []

    code, _, err = run(capsys, "rollover", str(this), str(nxt), "--scenario", "Two internship days")
    assert code == 2 and "already exists" in err  # never over an existing project unless --force
    code, _, err = run(capsys, "rollover", str(this), str(nxt), "--scenario", "Two internship days", "--force")
    assert code == 0, err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--scenario", "Nope"], "No scenario 'Nope'"),
        (["--scenario", "Two internship days", "--incoming", "nine"], "--incoming 'nine' is not GRADE:COUNT"),
    ],
)
def test_rollover_mistakes_say_what_to_do(
    args: list[str], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    this = tmp_path / "bp.dlp"
    projects.create_project(str(this), projects.load_sample("big-picture"))
    code, _, err = run(capsys, "rollover", str(this), str(tmp_path / "next.dlp"), *args)
    assert code == 2 and err.startswith("dlplanner: error:") and says in err
    assert not (tmp_path / "next.dlp").exists()


def test_pairings_export_edit_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this, csv_file = tmp_path / "bp.dlp", tmp_path / "pairings.csv"
    projects.create_project(str(this), projects.load_sample("big-picture"))
    code, out, err = run(capsys, "pairings", "export", str(this), str(csv_file))
    assert code == 0 and "Wrote 7 prior pairing(s)" in out, err
    text = csv_file.read_text(encoding="utf-8")
    csv_file.write_text(text + "subject_teacher,Grade 10 advisory A,,math,Keiko Jensen,,2\n", encoding="utf-8")
    code, out, err = run(capsys, "pairings", "import", str(this), str(csv_file))
    assert code == 0 and "Imported 8 prior pairing(s)" in out, err
    loaded = projects.open_project(str(this))
    assert loaded.prior_pairings[-1].teacher_ids == ["math-1"] and loaded.prior_pairings[-1].years == 2
    csv_file.write_text(text + "team,g10-a,,,,nobody,1\n", encoding="utf-8")
    code, _, err = run(capsys, "pairings", "import", str(this), str(csv_file))
    assert code == 2 and "line 9, column 'team': no team 'nobody'" in err and "nothing was imported" in err
    assert len(projects.open_project(str(this)).prior_pairings) == 8
