"""`dlplanner fet solve` and `fet export` as commands: how often they parse, what they exit with,
and the FET file a scenario becomes (regressions of issues 18 and 19)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from dlplanner.cli.fet import fet
from dlplanner.domain.model import (
    BellSchedule,
    Block,
    BlockKind,
    Cohort,
    DayType,
    Placement,
    Project,
    Room,
    Scenario,
    Section,
    Solution,
    SolveStatus,
    Subject,
    Teacher,
)
from dlplanner.fet import files
from dlplanner.fet.files import fet_solution, read_fet
from dlplanner.fet.model import FetPlacement, FetTimetable
from dlplanner.services import projects

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"


def run(*args: str):
    return CliRunner().invoke(fet, list(args), catch_exceptions=False)


def _count_parses(monkeypatch) -> Counter[str]:
    parsed: Counter[str] = Counter()
    real = files._parse_tree

    def counting(path: Path):
        parsed[Path(path).name] += 1
        return real(path)

    monkeypatch.setattr(files, "_parse_tree", counting)
    return parsed


def test_solve_parses_its_input_once_and_the_written_file_once(tmp_path, monkeypatch):
    """It parsed the input up to four times (CLI, writer, checker twice)."""
    parsed = _count_parses(monkeypatch)
    out = tmp_path / "out.fet"
    result = run("solve", str(DATA / "rooms.fet"), "--out", str(out), "--time-limit", "10")
    assert result.exit_code == 0, result.output
    assert "checker: valid" in result.output
    assert parsed == {"rooms.fet": 1, "out.fet": 1}


def _imported(tmp_path: Path) -> Path:
    project_path = tmp_path / "school.dlp"
    assert run("import", str(DATA / "rooms.fet"), str(project_path)).exit_code == 0
    return project_path


def test_export_of_an_invalid_solution_exits_1(tmp_path, monkeypatch):
    """It printed the checker's "INVALID" and exited 0."""
    project_path = _imported(tmp_path)
    project = projects.open_project(str(project_path))
    scenario = project.scenarios[0]
    inst = read_fet(DATA / "rooms.fet")
    everyone_at_once = FetTimetable({a.id: FetPlacement(0, 0) for a in inst.active_activities()})
    scenario.solution = fet_solution(inst, project, scenario, everyone_at_once)
    projects.save_project(str(project_path), project)
    parsed = _count_parses(monkeypatch)
    out = tmp_path / "bad.fet"
    result = run("export", str(project_path), "--scenario", "fet", "--out", str(out), "--fet", str(DATA / "rooms.fet"))
    assert result.exit_code == 1, result.output
    assert "checker: INVALID" in result.output
    assert parsed == {"rooms.fet": 1, "bad.fet": 1}


def _school_with_double_blocks() -> Project:
    """Two days of Block 1, passing, Block 2, lunch, Block 3. A double project block spans the
    passing time on Monday; a double block allowed across breaks spans lunch on Tuesday."""

    def bell() -> BellSchedule:
        blocks = [
            Block(id="b1", start=480, end=540, kind=BlockKind.CLASS, label="Block 1"),
            Block(id="p1", start=540, end=550, kind=BlockKind.PASSING, label="Passing"),
            Block(id="b2", start=550, end=610, kind=BlockKind.CLASS, label="Block 2"),
            Block(id="l", start=610, end=650, kind=BlockKind.LUNCH, label="Lunch"),
            Block(id="b3", start=650, end=710, kind=BlockKind.CLASS, label="Block 3"),
        ]
        return BellSchedule(id="bell", name="Day", blocks=blocks)

    sections = [
        Section(id="proj", name="Project", subject_id="s", cohort_ids=["c"], length_blocks=2, teacher_ids=["t1"]),
        Section(id="math", name="Math", subject_id="s", cohort_ids=["c"], meetings_per_cycle=2, teacher_ids=["t2"]),
        Section(
            id="lab",
            name="Lab",
            subject_id="s",
            cohort_ids=["c"],
            length_blocks=2,
            teacher_ids=["t1"],
            allow_break_span=True,
        ),
    ]
    placements = [
        Placement("proj", 0, "mon", 480, 610, teacher_ids=["t1"]),  # Block 1 + passing + Block 2
        Placement("math", 0, "mon", 650, 710, teacher_ids=["t2"]),
        Placement("math", 1, "tue", 480, 540, teacher_ids=["t2"]),
        Placement("lab", 0, "tue", 550, 710, room_id="r", teacher_ids=["t1"]),  # Block 2 + lunch + Block 3
    ]
    scenario = Scenario(
        id="s1",
        name="Doubles",
        bell_schedules=[bell()],
        day_types=[DayType("mon", "Monday", "bell"), DayType("tue", "Tuesday", "bell")],
        sections=sections,
    )
    scenario.solution = Solution(placements=placements, status=SolveStatus.FEASIBLE)
    return Project(
        name="Doubles",
        school_name="Doubles",
        subjects=[Subject("s", "Science")],
        teachers=[Teacher("t1", "Ann"), Teacher("t2", "Bob")],
        rooms=[Room("r", "Lab room", 30)],
        cohorts=[Cohort("c", "Crew", grade=9, size=20)],
        scenarios=[scenario],
    )


def test_export_of_double_blocks_keeps_every_break_rule(tmp_path):
    """Passing time was a FET break hour, so every double block "broke" a break time (10 hard
    violations on the Big Picture sample): passing is no hour in FET, and each activity lasts the
    hours its placement covers."""
    project_path = tmp_path / "doubles.dlp"
    projects.create_project(str(project_path), _school_with_double_blocks())
    out = tmp_path / "doubles.fet"
    result = run("export", str(project_path), "--scenario", "Doubles", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "checker: valid: 0 hard violations" in result.output
    written = read_fet(out)
    assert written.hours == ["Block 1", "Block 2", "Lunch", "Block 3"]
    breaks = next(c for c in written.time_constraints if c.type == "BreakTimes")
    assert breaks.slots == [("Monday", "Lunch")]  # Tuesday's lunch is spanned by the lab
    durations = {a.id: a.duration for a in written.activities}
    assert sorted(durations.values()) == [1, 1, 2, 3]
    root = etree.parse(str(out)).getroot()
    assert root.tag == "fet"
