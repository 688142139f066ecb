"""`dlplanner fet …` end to end, and FET itself (fet-cl) reading what dlplanner writes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlplanner.cli.fet import fet
from dlplanner.fet.checker import check_fet
from dlplanner.fet.files import fet_solution, read_fet, read_fet_timetable
from dlplanner.fet.solver import solve_fet
from dlplanner.services import projects

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"
FET_CL = shutil.which("fet-cl")


def run(*args: str):
    return CliRunner().invoke(fet, list(args), catch_exceptions=False)


def test_solve_prints_progress_status_penalty_and_verdict(tmp_path):
    out = tmp_path / "time_out.fet"
    result = run("solve", str(DATA / "time.fet"), "--out", str(out), "--time-limit", "10", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "all constraint types supported" in result.output
    assert "feasible: timetable found" in result.output
    assert "status: optimal" in result.output
    assert "soft penalty: 0.6 (proven lower bound 0.6)" in result.output
    assert "checker: valid: 0 hard violations, soft penalty 0.6" in result.output
    inst = read_fet(DATA / "time.fet")
    timetable = read_fet_timetable(out, inst)
    assert set(timetable.placements) == {a.id for a in inst.active_activities()}
    assert check_fet(inst, timetable).valid


def test_solve_exits_1_without_a_timetable(tmp_path):
    out = tmp_path / "none.fet"
    result = run("solve", str(DATA / "infeasible.fet"), "--out", str(out), "--time-limit", "5")
    assert result.exit_code == 1
    assert "status: infeasible" in result.output
    assert not out.exists()


def test_unsupported_constraints_are_listed(tmp_path):
    result = run("solve", str(DATA / "unsupported.fet"), "--out", str(tmp_path / "u.fet"), "--time-limit", "5")
    assert "not fully supported" in result.output
    assert "unsupported (hard, ignored): ConstraintTeachersMaxBuildingChangesPerDay × 2" in result.output
    assert "unsupported (soft, ignored): ConstraintMinGapsBetweenActivities × 1" in result.output
    assert "not checked: 3 unsupported constraints" in result.output


def test_bad_file_is_one_clear_line(tmp_path):
    bad = tmp_path / "bad.fet"
    bad.write_text("<fet>\n<Days_List>\n</fet>\n")
    result = run("solve", str(bad), "--out", str(tmp_path / "o.fet"))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {bad}:3: not well-formed XML")
    missing = run("import", str(tmp_path / "nope.fet"), str(tmp_path / "p.dlp"))
    assert missing.exit_code == 1 and "no such FET file" in missing.output


def test_import_solve_in_project_and_export(tmp_path):
    project_path = tmp_path / "school.dlp"
    result = run("import", str(DATA / "rooms.fet"), str(project_path))
    assert result.exit_code == 0, result.output
    assert "created" in result.output
    project = projects.open_project(str(project_path))
    scenario = project.scenarios[0]
    assert len(project.cohorts) == 2 and len(project.rooms) == 7
    assert sum(s.meetings_per_cycle for s in scenario.sections) == 12
    # put a FET solution into the project, then export it both ways
    inst = read_fet(DATA / "rooms.fet")
    solved = solve_fet(inst, 10, workers=2, seed=0)
    scenario.solution = fet_solution(inst, project, scenario, solved.timetable)
    projects.save_project(str(project_path), project)
    with_data = tmp_path / "with_data.fet"
    result = run(
        "export",
        str(project_path),
        "--scenario",
        "FET import",
        "--out",
        str(with_data),
        "--fet",
        str(DATA / "rooms.fet"),
    )
    assert result.exit_code == 0, result.output
    assert "checker: valid" in result.output
    assert read_fet_timetable(with_data, inst).placements == solved.timetable.placements
    generated = tmp_path / "generated.fet"
    result = run("export", str(project_path), "--scenario", "fet", "--out", str(generated))
    assert result.exit_code == 0, result.output
    gen = read_fet(generated)
    assert len(gen.activities) == 12 and gen.days == inst.days
    unknown = run("export", str(project_path), "--scenario", "nope", "--out", str(generated))
    assert unknown.exit_code == 1 and "No scenario 'nope'" in unknown.output


@pytest.mark.skipif(
    FET_CL is None and os.environ.get("CI") != "true",  # CI installs it: there a missing fet-cl fails the test
    reason="fet-cl (Debian package fet) is not installed",
)
@pytest.mark.parametrize("name", ["time.fet", "people.fet", "rooms.fet", "virtual_rooms.fet", "fet3.fet"])
def test_fet_cl_accepts_dlplanner_timetables(tmp_path, name):
    """FET loads the output with every activity locked and finds the timetable at once."""
    out = tmp_path / name
    result = run("solve", str(DATA / name), "--out", str(out), "--time-limit", "10")
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [FET_CL, f"--inputfile={out}", f"--outputdir={tmp_path / 'fet'}", "--timelimitseconds=20", "--htmllevel=0"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = proc.stdout + (tmp_path / "fet" / "logs" / "result.txt").read_text(errors="replace")
    assert "Simulation successful" in log
    # FET's own soft-conflicts total agrees with dlplanner's checker
    soft = next((tmp_path / "fet" / "timetables").glob("*/*_soft_conflicts.txt")).read_text(encoding="utf-8-sig")
    inst = read_fet(DATA / name)
    report = check_fet(inst, read_fet_timetable(out, inst))
    # in the output every activity has a locked preferred room, and FET ignores home rooms for
    # activities with a preferred room: its total leaves out the home-room penalty
    home = sum(v for k, v in report.soft.items() if "HomeRoom" in k)
    assert f"Total soft conflicts: {report.soft_penalty - home:g}" in soft
    # and FET places every activity where dlplanner did
    fet_tt = read_fet_timetable(next((tmp_path / "fet" / "timetables").glob("*/*_data_and_timetable.fet")), inst)
    ours_tt = read_fet_timetable(out, inst)
    assert {k: (v.day, v.hour) for k, v in fet_tt.placements.items()} == {
        k: (v.day, v.hour) for k, v in ours_tt.placements.items()
    }
