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
