"""The school year: dates, holidays, terms, special days and the rotation of day types.

The rotation maps each school date to a day type of the scenario's cycle, so that exports and
comparisons can count real dated minutes (a 2-day A/B cycle that skips holidays does not give
the same number of A days as B days).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]  # date.weekday() order


@dataclass
class Holiday:
    """A day or a break with no school (both ends included)."""

    name: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class TermKind(StrEnum):
    SEMESTER = "semester"
    TRIMESTER = "trimester"
    QUARTER = "quarter"
    TERM = "term"  # e.g. the two halves of a 4x4 block year
    INTERSESSION = "intersession"  # year-round calendars: only sections limited to it meet


@dataclass
class Term:
    """A part of the year some sections are limited to (semester, trimester, quarter, 4x4 term)."""

    id: str
    name: str
    start: date
    end: date
    kind: TermKind = TermKind.TERM
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's academic session (``sourcedId``)

    def overlaps(self, other: Term) -> bool:
        return self.start <= other.end and other.start <= self.end


class SpecialDayKind(StrEnum):
    LATE_START = "late_start"
    EARLY_RELEASE = "early_release"
    HALF_DAY = "half_day"
    PD = "pd"  # professional development: adults in, students out
    OTHER = "other"


@dataclass
class SpecialDay:
    """A date that follows another bell schedule, or has no students at all."""

    day: date
    kind: SpecialDayKind
    day_type_id: str | None = None  # the day type to follow that day; None keeps the rotation's
    students_attend: bool = True
    # the bells of that day (a late-start schedule); meetings keep their day type and are mapped
    # to this schedule by block id; a block the schedule lacks does not meet that day
    bell_schedule_id: str | None = None
    note: str = ""


class RotationKind(StrEnum):
    WEEKDAY = "weekday"  # fixed map: Monday -> day type "mon", ...
    CYCLE = "cycle"  # A/B alternating or an N-day cycle, advancing on each school day


@dataclass
class Rotation:
    """How school dates map to day types."""

    kind: RotationKind = RotationKind.WEEKDAY
    weekday_map: dict[int, str] = field(default_factory=dict)  # 0 = Monday
    sequence: list[str] = field(default_factory=list)  # day type ids of a CYCLE rotation
    school_weekdays: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])
    overrides: dict[date, str] = field(default_factory=dict)  # manual: this date is that day type
    # a CYCLE rotation starts again at its first day type on the first school day after a holiday
    restart_after_holidays: bool = False


@dataclass
class SchoolYear:
    label: str = ""
    first_day: date = date(2026, 8, 24)
    last_day: date = date(2027, 6, 11)
    holidays: list[Holiday] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    special_days: list[SpecialDay] = field(default_factory=list)
    rotation: Rotation = field(default_factory=Rotation)
    time_zone: str = ""  # IANA name ("America/Chicago"); "" leaves calendar exports in floating time
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's school year session (``sourcedId``)

    def is_holiday(self, day: date) -> bool:
        return any(h.contains(day) for h in self.holidays)

    def term(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

    def school_days(self) -> list[tuple[date, str]]:
        """Every date students attend, with its day type, in order.

        Weekends (days outside ``school_weekdays``), holidays and special days without
        students are skipped and do not advance a CYCLE rotation; overrides and special days
        replace the day type of their date without shifting the cycle. With
        ``restart_after_holidays`` a CYCLE rotation begins again at its first day type on the
        first school day after any holiday date (schools that start every week or term back on
        "Day 1"); weekends and days without students do not restart it.
        """
        special = {s.day: s for s in self.special_days}
        rotation = self.rotation
        result: list[tuple[date, str]] = []
        index = 0
        after_holiday = False
        day = self.first_day
        while day <= self.last_day:
            holiday = self.is_holiday(day)
            after_holiday = after_holiday or holiday
            attends = (
                day.weekday() in rotation.school_weekdays
                and not holiday
                and (day not in special or special[day].students_attend)
            )
            if attends:
                if after_holiday and rotation.restart_after_holidays:
                    index = 0
                after_holiday = False
                if rotation.kind == RotationKind.CYCLE:
                    day_type = rotation.sequence[index % len(rotation.sequence)] if rotation.sequence else None
                    index += 1
                else:
                    day_type = rotation.weekday_map.get(day.weekday())
                if day in rotation.overrides:
                    day_type = rotation.overrides[day]
                if day in special and special[day].day_type_id:
                    day_type = special[day].day_type_id
                if day_type is not None:
                    result.append((day, day_type))
            day += timedelta(days=1)
        return result

    def day_type_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, day_type in self.school_days():
            counts[day_type] = counts.get(day_type, 0) + 1
        return counts


@dataclass
class Minimums:
    """Requirements a scenario is checked against (e.g. a state's annual instructional minutes).

    Everything is optional; None means "no requirement". Stored with the project (a state's
    rules hold for every scenario); callers may pass others in (CLI options).
    """

    annual_instructional_minutes: int | None = None  # per cohort, class meetings
    by_grade: dict[int, int] = field(default_factory=dict)  # grade -> annual minutes, overrides the above
    count_advisory_as_instruction: bool = False  # add advisory minutes to instructional minutes
    subject_annual_minutes: dict[str, int] = field(default_factory=dict)  # subject id -> per cohort taking it
    advisory_minutes_per_week: int | None = None  # per cohort in an advisory
    internship_hours_per_year: int | None = None  # per cohort with an internship
    instructional_days: int | None = None  # school days in the year
    team_planning_from_teams: bool = True  # each team's own planning_minutes_per_week
