"""The `dlplanner` command on real project files: samples, new, info, validate, and its errors."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dlplanner.cli import main
from dlplanner.domain import codec
from dlplanner.services import projects

SAMPLES = ["big-picture", "internationals", "linked-learning", "new-tech"]
BROKEN = Path(__file__).parents[1] / "data" / "broken-school.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_samples_lists_the_four_schools(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "samples")
    assert code == 0
    for sample in SAMPLES:
        assert sample in out


@pytest.mark.parametrize("sample", SAMPLES)
def test_new_info_validate_on_every_sample(sample: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{sample}.dlp"
    code, out, _ = run(capsys, "new", str(path), "--sample", sample)
    assert code == 0 and path.is_file(), out
    code, out, err = run(capsys, "info", str(path))
    assert code == 0, err
    expected = projects.load_sample(sample)
    assert expected.name in out
    for scenario in expected.scenarios:
        assert f"Scenario '{scenario.name}'" in out
    assert "minutes per cycle by block kind: class" in out
    students = sum(c.size for c in expected.cohorts)
    assert f"students: {students:,}" in out
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0, out
    assert "0 blocking problem(s)" in out


def test_info_shows_the_stored_minimums(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dlplanner.domain.calendar import Minimums

    project = projects.load_sample("new-tech")
    project.minimums = Minimums()
    path = tmp_path / "none.dlp"
    projects.create_project(str(path), project)
    assert "  minimums: none stored" in run(capsys, "info", str(path))[1]
    subject = project.subjects[0]
    project.minimums = Minimums(
        annual_instructional_minutes=64_800,
        by_grade={9: 60_000},
        subject_annual_minutes={subject.id: 7_200},
        instructional_days=180,
    )
    path = tmp_path / "set.dlp"
    projects.create_project(str(path), project)
    code, out, err = run(capsys, "info", str(path))
    assert code == 0, err
    assert (
        f"  minimums: 64,800 instructional min/year per cohort; grade 9: 60,000 instructional min/year; "
        f"{subject.name}: 7,200 min/year per cohort taking it; 180 instructional days"
    ) in out.splitlines()


def test_validate_finds_the_seeded_problems_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.dlp"
    projects.create_project(str(path), codec.load_project_json(BROKEN))
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "ERROR" in out
    blocking = int(out.strip().splitlines()[-1].split()[0])
    assert blocking >= 5  # the broken school is seeded with several distinct blocking problems


def test_validate_one_scenario_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "np.dlp"
    sample = projects.load_sample("new-tech")
    projects.create_project(str(path), sample)
    code, out, _ = run(capsys, "validate", str(path), "--scenario", sample.scenarios[1].name)
    assert code == 0
    assert f"in scenario '{sample.scenarios[1].name}'" in out


def test_new_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "school.dlp"
    assert run(capsys, "new", str(path), "--sample", "big-picture")[0] == 0
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    code, _, err = run(capsys, "new", str(path), "--sample", "new-tech")
    assert code == 2 and "already exists" in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert run(capsys, "new", str(path), "--sample", "new-tech", "--force")[0] == 0
    assert projects.open_project(str(path)).name == projects.load_sample("new-tech").name


def test_new_empty_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "blank.dlp"
    code, out, _ = run(capsys, "new", str(path))
    assert code == 0 and "'blank'" in out
    assert projects.open_project(str(path)).scenarios == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "{tmp}/missing.dlp"], "missing.dlp"),
        (["info", "{tmp}/notes.dlp"], "not a dlplanner project"),
        (["new", "{tmp}/x.dlp", "--sample", "atlantis"], "No sample school 'atlantis'"),
        (["validate", "{tmp}/ok.dlp", "--scenario", "Nope"], "No scenario 'Nope'"),
    ],
)
def test_user_errors_are_one_clear_line(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.dlp").write_text("shopping list\n")
    projects.create_project(str(tmp_path / "ok.dlp"), projects.load_sample("big-picture"))
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in args])
    assert code == 2
    assert err.startswith("dlplanner: error: ") and message in err
    assert len(err.strip().splitlines()) == 1  # no traceback
    assert "Traceback" not in out + err


def test_installed_console_script_runs() -> None:
    exe = shutil.which("dlplanner", path=str(Path(sys.executable).parent))
    assert exe, "the dlplanner console script is installed with the package"
    result = subprocess.run([exe, "samples"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "big-picture" in result.stdout


def test_solve_save_json_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, out_json = tmp_path / "bp.dlp", tmp_path / "bp.json"
    projects.create_project(str(path), projects.load_sample("big-picture"))
    code, out, err = run(capsys, "solve", str(path), "-s", "Two internship days", "--time-limit", "20", "--save",
                         "--json", str(out_json))  # fmt: skip
    assert code == 0, out + err
    assert "Checker: valid" in out and "objective" in out
    saved = projects.open_project(str(path)).scenario("Two internship days")
    assert saved.solution.placements and saved.solution.status.value in {"optimal", "feasible"}
    assert sum(s.meetings_per_cycle for s in saved.sections) == len(saved.solution.placements)
    code, out, _ = run(capsys, "check", str(out_json))
    assert code == 0 and "Checker: valid" in out


def test_solve_first_stops_at_the_first_timetable_and_gap_reaches_the_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from dlplanner.services import solving

    path = tmp_path / "bp.dlp"
    projects.create_project(str(path), projects.load_sample("big-picture"))
    code, out, err = run(capsys, "solve", str(path), "--time-limit", "20", "--first")
    assert code == 0, out + err
    assert "stopped at the first timetable" in out and "Checker: valid" in out
    assert "objective not evaluated" in out

    asked = []
    real_solve = solving.solve

    def recording(request, **kwargs):
        asked.append((request.first_only, request.gap_percent))
        return real_solve(request, **kwargs)

    monkeypatch.setattr(solving, "solve", recording)
    code, out, err = run(capsys, "solve", str(path), "--time-limit", "20", "--gap", "2.5")
    assert code == 0, out + err
    assert asked == [(False, 2.5)]
    assert run(capsys, "solve", str(path), "--gap", "-1")[0] == 2  # a negative gap is refused


def test_check_reports_a_clash_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    path, out_json = tmp_path / "bp.dlp", tmp_path / "bp.json"
    projects.create_project(str(path), projects.load_sample("big-picture"))
    assert run(capsys, "solve", str(path), "--time-limit", "20", "--json", str(out_json))[0] == 0
    document = json.loads(out_json.read_text())
    first, second = document["placements"][0], document["placements"][1]
    for key in ("day_type", "start", "end", "start_time", "end_time", "room"):
        second[key] = first[key]  # the same section's next meeting, moved onto the first one
    out_json.write_text(json.dumps(document))
    code, out, _ = run(capsys, "check", str(out_json))
    assert code == 1
    assert "[room_clash]" in out


def test_solve_broken_school_explains_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.dlp"
    projects.create_project(str(path), codec.load_project_json(BROKEN))
    code, out, _ = run(capsys, "solve", str(path), "--time-limit", "5")
    assert code == 1
    assert "conflict:" in out


def test_gui_without_a_display_says_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    code, _, err = run(capsys, "gui")
    assert code == 2 and "No display" in err


def test_solve_without_a_bound_keeps_and_reports_the_timetable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A timetable whose soft phase gave no objective and no bound (a stop, a short limit) is saved and written."""
    from dlplanner.services import solving

    real_solve = solving.solve

    def solve_without_bound(*args, **kwargs):
        result = real_solve(*args, **kwargs)
        assert result.placements
        result.objective, result.best_bound = None, None
        return result

    monkeypatch.setattr(solving, "solve", solve_without_bound)
    path, out_json = tmp_path / "bp.dlp", tmp_path / "bp.json"
    projects.create_project(str(path), projects.load_sample("big-picture"))
    code, out, err = run(capsys, "solve", str(path), "--time-limit", "20", "--save", "--json", str(out_json))
    assert code == 0, out + err
    assert "objective not evaluated, best bound no bound yet" in out
    assert "Checker: valid" in out
    saved = projects.open_project(str(path)).scenarios[0]
    assert len(saved.solution.placements) == sum(s.meetings_per_cycle for s in saved.sections)
    code, out, _ = run(capsys, "check", str(out_json))
    assert code == 0 and "Checker: valid" in out


@pytest.mark.parametrize("signal_after", ["timetable found", "objective"])
def test_ctrl_c_during_solve_keeps_the_best_timetable(tmp_path: Path, signal_after: str) -> None:
    """SIGINT during the first search, or after it returned (CP-SAT used to reset SIGINT then), stops and saves."""
    import os
    import signal

    from dlplanner.domain.checker import check_timetable

    path = tmp_path / "nt.dlp"
    projects.create_project(str(path), projects.load_sample("new-tech"))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "dlplanner", "solve", str(path), "-s", "Traditional 7-period"]
    process = subprocess.Popen(
        [*command, "--time-limit", "600", "--save"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    seen = []
    assert process.stdout is not None
    for line in process.stdout:  # the soft phase of this scenario runs long: it is still searching here
        seen.append(line)
        if signal_after in line:
            break
    process.send_signal(signal.SIGINT)
    try:
        rest, err = process.communicate(timeout=180)  # a guard only: without the stop it would run 600 s
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    out = "".join(seen) + rest
    assert process.returncode == 0, out + err
    assert "Stopping: keeping the best timetable found so far" in err
    assert "Saved the solution of 'Traditional 7-period'" in out and "Checker: valid" in out
    project = projects.open_project(str(path))
    scenario = project.scenario("Traditional 7-period")
    assert scenario.solution.status.value == "feasible"
    assert len(scenario.solution.placements) == sum(s.meetings_per_cycle for s in scenario.sections)
    assert check_timetable(project, scenario, scenario.solution.placements).ok


def test_solve_without_a_timetable_shows_the_capacity_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No timetable (here proved: nobody can use the gym's first block) comes with the likely reason in numbers."""
    from dlplanner.domain.model import (
        BellSchedule,
        Block,
        BlockKind,
        Cohort,
        DayType,
        Project,
        Room,
        Scenario,
        Section,
        Subject,
        Teacher,
        TimeWindow,
    )

    blocks = [Block(f"b{i}", 480 + 65 * i, 540 + 65 * i, BlockKind.CLASS) for i in range(3)]
    bell = BellSchedule("bell", "Bell", blocks)
    scenario = Scenario("s", "Main", bell_schedules=[bell], day_types=[DayType("d0", "Day 0", "bell")])
    project = Project(
        "Full gym",
        subjects=[Subject("pe", "PE")],
        teachers=[Teacher(f"t{i}", f"Coach {i}", {"pe"}, unavailable=[TimeWindow(None, 480, 540)]) for i in range(3)],
        rooms=[Room("gym", "Gym", 30, {"gym"})],
        cohorts=[Cohort(f"c{i}", f"Cohort {i}", 9, 20) for i in range(3)],
        scenarios=[scenario],
    )
    for i in range(3):
        scenario.sections.append(
            Section(f"pe{i}", f"PE {i}", "pe", [f"c{i}"], teacher_ids=[f"t{i}"], room_features={"gym"})
        )
    path = tmp_path / "gym.dlp"
    projects.create_project(str(path), project)
    code, out, _ = run(capsys, "solve", str(path), "--time-limit", "5")
    assert code == 1
    assert "Scenario 'Main': infeasible" in out
    assert "likely reason: 3 meetings per cycle must meet in rooms with `gym`" in out
    assert "that room offers 1 × 3 = 3 class blocks: 100 % full" in out
