"""The rotation maps real dates to day types, skipping weekends, holidays and days without students."""

from datetime import date

from dlplanner.domain import Holiday, Rotation, RotationKind, SchoolYear, SpecialDay, SpecialDayKind


def test_ab_rotation_skips_weekends_and_holidays_without_shifting() -> None:
    year = SchoolYear(
        first_day=date(2026, 9, 3),  # Thursday
        last_day=date(2026, 9, 11),
        holidays=[Holiday("Labor Day", date(2026, 9, 7), date(2026, 9, 7))],
        rotation=Rotation(kind=RotationKind.CYCLE, sequence=["a", "b"]),
    )
    assert year.school_days() == [
        (date(2026, 9, 3), "a"),
        (date(2026, 9, 4), "b"),
        (date(2026, 9, 8), "a"),  # Monday the 7th is a holiday and does not advance the cycle
        (date(2026, 9, 9), "b"),
        (date(2026, 9, 10), "a"),
        (date(2026, 9, 11), "b"),
    ]


def test_weekday_map_and_counts() -> None:
    year = SchoolYear(
        first_day=date(2026, 9, 7),
        last_day=date(2026, 9, 20),
        rotation=Rotation(weekday_map={0: "mon", 1: "tue", 2: "wed", 3: "thu", 4: "fri"}),
    )
    assert year.day_type_counts() == {"mon": 2, "tue": 2, "wed": 2, "thu": 2, "fri": 2}


def test_overrides_and_special_days() -> None:
    year = SchoolYear(
        first_day=date(2026, 9, 7),
        last_day=date(2026, 9, 11),
        special_days=[
            SpecialDay(date(2026, 9, 8), SpecialDayKind.PD, students_attend=False),
            SpecialDay(date(2026, 9, 10), SpecialDayKind.LATE_START, day_type_id="late"),
        ],
        rotation=Rotation(kind=RotationKind.CYCLE, sequence=["d1", "d2", "d3"], overrides={date(2026, 9, 11): "d1"}),
    )
    assert year.school_days() == [
        (date(2026, 9, 7), "d1"),
        (date(2026, 9, 9), "d2"),  # the PD day has no students and does not advance the cycle
        (date(2026, 9, 10), "late"),  # the late-start bell schedule replaces d3 that day
        (date(2026, 9, 11), "d1"),  # manual override (the cycle would give d1 anyway after d3)
    ]


def _restarting_year(restart: bool) -> SchoolYear:
    return SchoolYear(
        first_day=date(2026, 9, 2),  # Wednesday
        last_day=date(2026, 9, 15),
        holidays=[Holiday("Labor Day", date(2026, 9, 7), date(2026, 9, 7))],
        special_days=[SpecialDay(date(2026, 9, 9), SpecialDayKind.PD, students_attend=False)],
        rotation=Rotation(kind=RotationKind.CYCLE, sequence=["d1", "d2", "d3", "d4"], restart_after_holidays=restart),
    )


def test_cycle_restarts_at_its_first_day_after_a_holiday_only_when_asked() -> None:
    restarted = dict(_restarting_year(True).school_days())
    assert [restarted[date(2026, 9, d)] for d in (2, 3, 4)] == ["d1", "d2", "d3"]
    assert restarted[date(2026, 9, 8)] == "d1"  # Tuesday after Labor Day starts again at d1, not d4
    # the PD day (no students) and the weekend do not restart the cycle
    assert [restarted[date(2026, 9, d)] for d in (10, 11, 14, 15)] == ["d2", "d3", "d4", "d1"]
    carried_on = dict(_restarting_year(False).school_days())
    assert carried_on[date(2026, 9, 8)] == "d4"
    assert carried_on[date(2026, 9, 10)] == "d1"


def test_restart_keeps_overrides_and_ignores_weekday_rotations() -> None:
    year = _restarting_year(True)
    year.rotation.overrides = {date(2026, 9, 8): "d3"}
    days = dict(year.school_days())
    assert days[date(2026, 9, 8)] == "d3"  # the override names the day; the cycle still restarted under it
    assert days[date(2026, 9, 10)] == "d2"
    weekly = SchoolYear(
        first_day=date(2026, 9, 4),
        last_day=date(2026, 9, 8),
        holidays=[Holiday("Labor Day", date(2026, 9, 7), date(2026, 9, 7))],
        rotation=Rotation(weekday_map={1: "tue", 4: "fri"}, restart_after_holidays=True),
    )
    assert weekly.school_days() == [(date(2026, 9, 4), "fri"), (date(2026, 9, 8), "tue")]
