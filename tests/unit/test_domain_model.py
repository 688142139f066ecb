"""The domain model's own behaviour: class runs, per-cycle limits, lookups, cheap scenario copies."""

import pytest

from dlplanner.domain import (
    BellSchedule,
    Block,
    BlockKind,
    CampusTravel,
    DayType,
    Placement,
    Project,
    Rotation,
    RotationKind,
    Scenario,
    SchoolYear,
    Section,
    Solution,
    SolveStatus,
    Teacher,
    TimeWindow,
    UnknownRecordError,
    fmt_minutes,
    fmt_time,
)


def _day() -> BellSchedule:
    return BellSchedule(
        "regular",
        "Regular",
        [
            Block("p1", 480, 570),
            Block("pass1", 570, 575, BlockKind.PASSING),
            Block("p2", 575, 665),
            Block("lunch", 665, 700, BlockKind.LUNCH),
            Block("adv", 700, 725, BlockKind.ADVISORY),
            Block("p3", 725, 815),
        ],
    )


def test_class_runs_join_passing_but_stop_at_lunch_and_advisory() -> None:
    runs = _day().class_runs()
    assert [[b.id for b in run] for run in runs] == [["p1", "p2"], ["p3"]]


def test_class_runs_bridge_breaks_when_allowed() -> None:
    runs = _day().class_runs(allow_breaks=True)
    assert [[b.id for b in run] for run in runs] == [["p1", "p2", "p3"]]


def test_minutes_of_kind() -> None:
    day = _day()
    assert day.minutes_of(BlockKind.CLASS) == 270
    assert day.minutes_of(BlockKind.ADVISORY) == 25


def _ab_scenario() -> Scenario:
    calendar = SchoolYear(rotation=Rotation(kind=RotationKind.CYCLE, sequence=["a", "b"]))
    return Scenario(
        "ab",
        "A/B block",
        calendar=calendar,
        bell_schedules=[_day()],
        day_types=[DayType("a", "A day", "regular"), DayType("b", "B day", "regular")],
    )


def test_weekly_limits_become_per_cycle_limits() -> None:
    scenario = _ab_scenario()  # 2 day types out of a 5-day week
    assert scenario.weeks_per_cycle() == pytest.approx(0.4)
    assert scenario.per_cycle_limit(1500) == 600
    assert scenario.per_cycle_limit(1001) == 400  # rounded down: a maximum is never exceeded
    assert scenario.per_cycle_requirement(91) == 37  # rounded up: a minimum is always met
    assert scenario.minutes_per_cycle(BlockKind.CLASS) == 540


def test_scenario_copy_is_deep_and_can_drop_the_solution() -> None:
    scenario = _ab_scenario()
    scenario.sections.append(Section("bio", "Biology 9", "bio", ["9a"], 2, length_blocks=1))
    scenario.solution = Solution([Placement("bio", 0, "a", 480, 570)], SolveStatus.FEASIBLE)
    scenario.version = 7
    clone = scenario.copy("ab2", "A/B copy", with_solution=False)
    clone.sections[0].cohort_ids.append("9b")
    assert scenario.sections[0].cohort_ids == ["9a"]
    assert clone.solution.placements == [] and clone.solution.status == SolveStatus.NOT_SOLVED
    assert (clone.id, clone.name, clone.version) == ("ab2", "A/B copy", 1)
    assert scenario.copy("x", "X").solution.placements == scenario.solution.placements


def test_scenario_lookup_by_id_or_name_and_clear_error() -> None:
    project = Project("School", scenarios=[_ab_scenario()])
    assert project.scenario("ab").name == "A/B block"
    assert project.scenario("a/b BLOCK").id == "ab"
    with pytest.raises(UnknownRecordError, match=r"No scenario 'xyz'.*A/B block"):
        project.scenario("xyz")


def test_travel_minutes_are_symmetric_and_zero_on_one_campus() -> None:
    project = Project("School", travel=[CampusTravel("north", "south", 15)])
    assert project.travel_minutes("south", "north") == 15
    assert project.travel_minutes("north", "north") == 0
    assert project.travel_minutes(None, "south") == 0


def test_qualified_teachers_come_from_the_pool_or_the_subject() -> None:
    project = Project(
        "School",
        teachers=[Teacher("t1", "Ana", {"math"}), Teacher("t2", "Ben", {"bio"}), Teacher("t3", "Cy", {"math"})],
    )
    by_subject = Section("m", "Math 9", "math")
    pooled = Section("m2", "Math 10", "math", teacher_pool=["t3"])
    assert [t.id for t in project.qualified_teachers(by_subject)] == ["t1", "t3"]
    assert [t.id for t in project.qualified_teachers(pooled)] == ["t3"]


def test_team_taught_and_teacher_count() -> None:
    assert Section("s", "BioLit", "bio", teacher_ids=["t1", "t2"]).team_taught
    assert not Section("s", "Bio", "bio", teacher_ids=["t1"]).team_taught
    assert Section("s", "Bio", "bio", teachers_needed=2).teacher_count == 2


def test_time_window_applies_to_its_day_or_every_day() -> None:
    every_day = TimeWindow(None, 600, 660)
    monday = TimeWindow("mon", 600, 660)
    assert every_day.overlaps("fri", 650, 700)
    assert not monday.overlaps("tue", 600, 660)
    assert not monday.overlaps("mon", 660, 700)  # touching is not overlapping


def test_formatting_helpers() -> None:
    assert fmt_time(485) == "8:05"
    assert fmt_minutes(1650) == "1,650"
