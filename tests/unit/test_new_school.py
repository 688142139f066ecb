"""Starting a school from nothing (services.new_school) and the session edits around it, without Qt."""

from __future__ import annotations

import dataclasses
from datetime import date
from itertools import pairwise

import pytest

from dlplanner.domain import BlockKind, Placement, SolveStatus
from dlplanner.domain.calendar import RotationKind
from dlplanner.domain.validation import validate
from dlplanner.services import edits, new_school, projects
from dlplanner.services.new_school import CycleKind, SchoolSetup
from dlplanner.services.projects import ServiceError
from dlplanner.services.session import ProjectSession


def test_default_year_is_the_next_one_monday_to_friday() -> None:
    assert new_school.default_year(date(2026, 12, 7)) == (date(2027, 8, 23), date(2028, 6, 9))
    assert new_school.default_year(date(2027, 3, 1)) == (date(2027, 8, 23), date(2028, 6, 9))


def test_the_defaults_build_a_valid_empty_school() -> None:
    project = new_school.build_project(SchoolSetup(school_name="  Plain  "))
    assert project.name == project.school_name == "Plain"
    [scenario] = project.scenarios
    assert not validate(project, scenario)
    blocks = scenario.bell_schedules[0].blocks
    assert [b.kind for b in blocks][:2] == [BlockKind.ADVISORY, BlockKind.PASSING]
    assert sum(b.kind == BlockKind.CLASS for b in blocks) == 6
    assert all(a.end == b.start for a, b in pairwise(blocks))  # no holes, no overlaps


def test_periods_lunch_and_long_block_are_laid_out_in_order() -> None:
    setup = SchoolSetup(advisory_minutes=0, periods=3, lunch_after=2, long_block_minutes=90, start_minute=8 * 60 + 30)
    rows = [(b.label, b.start, b.end) for b in new_school.period_blocks(setup)]
    assert rows == [
        ("Period 1", 510, 560),
        ("", 560, 565),
        ("Period 2", 565, 615),
        ("Lunch", 615, 645),
        ("Period 3", 645, 695),
        ("", 695, 700),
        ("Long block", 700, 790),
    ]


@pytest.mark.parametrize(
    ("cycle", "days", "expected"),
    [
        (CycleKind.WEEKLY, [0, 2, 4], ["mon", "wed", "fri"]),
        (CycleKind.AB, [0, 1, 2, 3, 4], ["a", "b"]),
        (CycleKind.N_DAY, [0, 1, 2, 3], ["d1", "d2", "d3"]),
    ],
)
def test_the_cycle_gives_day_types_and_a_rotation(cycle: CycleKind, days: list[int], expected: list[str]) -> None:
    scenario = new_school.build_scenario(SchoolSetup(cycle=cycle, cycle_days=3, school_weekdays=days))
    assert [d.id for d in scenario.day_types] == expected
    rotation = scenario.calendar.rotation
    assert rotation.school_weekdays == days
    if cycle == CycleKind.WEEKLY:
        assert rotation.kind == RotationKind.WEEKDAY and sorted(rotation.weekday_map.values()) == sorted(expected)
    else:
        assert rotation.kind == RotationKind.CYCLE and rotation.sequence == expected


def test_bad_answers_are_refused_in_plain_words() -> None:
    setup = SchoolSetup(
        school_name=" ", first_day=date(2027, 9, 1), last_day=date(2027, 8, 1), school_weekdays=[], periods=3
    )
    setup.lunch_after = 4
    problems = " ".join(setup.problems())
    assert "needs a name" in problems and "must come after the first day" in problems
    assert "at least one school day" in problems and "only 3 periods" in problems
    with pytest.raises(ServiceError, match="needs a name"):
        new_school.build_project(setup)
    late = SchoolSetup(start_minute=20 * 60, periods=8)
    assert any("after midnight" in p for p in late.day_problems())
    assert SchoolSetup(template="4x4 block").day_problems() == []  # a template ignores the period answers
    assert "no bell-schedule template" in SchoolSetup(template="Nonsense").day_problems()[0]


def test_creating_never_overwrites_an_existing_file(tmp_path) -> None:
    target = tmp_path / "school.dlp"
    new_school.create_new_project(str(target), SchoolSetup(school_name="First"))
    with pytest.raises(ServiceError, match="already exists"):
        new_school.create_new_project(str(target), SchoolSetup(school_name="Second"))
    assert projects.open_project(str(target)).school_name == "First"
    new_school.create_new_project(str(target), SchoolSetup(school_name="Second"), overwrite=True)
    assert projects.open_project(str(target)).school_name == "Second"


def test_add_scenario_is_undoable_and_shown(tmp_path) -> None:
    session = ProjectSession(new_school.build_project(SchoolSetup()))
    first = session.scenario
    added = new_school.new_scenario(session.project, SchoolSetup(scenario_name="A/B trial", cycle=CycleKind.AB))
    assert session.apply(edits.AddScenario(session, added)) == edits.SCENARIO
    assert session.project.scenarios == [first, added] and session.scenario is added
    session.undo()
    assert session.project.scenarios == [first] and session.scenario is first
    session.redo()
    assert session.scenario is added
    with pytest.raises(ServiceError, match="already has a scenario"):
        new_school.new_scenario(session.project, SchoolSetup(scenario_name="a/b TRIAL"))


def _solved_session() -> ProjectSession:
    project = new_school.build_project(SchoolSetup())
    scenario = project.scenarios[0]
    scenario.solution.placements.append(Placement("x", 0, "mon", 480, 530))
    scenario.solution.status = SolveStatus.FEASIBLE
    return ProjectSession(project)


@pytest.mark.parametrize(("field", "value"), [("name", "Renamed"), ("description", "Why we try it")])
def test_a_rename_does_not_make_the_timetable_stale(field: str, value: str) -> None:
    session = _solved_session()
    session.apply(edits.SetField(session.scenario, field, value, session.scenario))
    assert not session.scenario.solution.stale
    session.apply(edits.SetField(session.project, "school_name", "Renamed school", None))
    assert session.project.school_name == "Renamed school" and not session.scenario.solution.stale


def test_a_data_edit_still_makes_it_stale_and_undo_restores_fresh() -> None:
    session = _solved_session()
    schedule = session.scenario.bell_schedules[0]
    session.apply(edits.SetField(schedule.blocks[2], "end", schedule.blocks[2].end - 5, session.scenario))
    assert session.scenario.solution.stale
    session.undo()
    assert not session.scenario.solution.stale


def test_relabelling_a_block_keeps_the_timetable_fresh_moving_it_does_not() -> None:
    session = _solved_session()
    scenario = session.scenario
    schedule = scenario.bell_schedules[0]
    relabelled = [dataclasses.replace(b, label=f"{b.label}!") for b in schedule.blocks]
    session.apply(edits.ReplaceBlocks(scenario, schedule, relabelled, "Relabel"))
    assert schedule.blocks[0].label == "Advisory!" and not scenario.solution.stale
    moved = [dataclasses.replace(b, end=b.end - 5) if i == 2 else b for i, b in enumerate(schedule.blocks)]
    session.apply(edits.ReplaceBlocks(scenario, schedule, moved, "Shorten"))
    assert scenario.solution.stale
