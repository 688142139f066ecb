"""Starting a school from nothing: a project with one scenario built from a few plain answers.

The desktop's File → New project wizard and Scenario → New scenario fill a :class:`SchoolSetup`
(every field has a sensible default, so accepting them all gives a usable empty school) and call
:func:`build_project` / :func:`build_scenario`; :func:`create_new_project` stores the project the
way ``dlplanner new`` does (``projects.create_project``: written whole, an existing file replaced
only when the caller says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from dlplanner.domain import BellSchedule, Block, BlockKind, DayType, Project, Scenario, fmt_time
from dlplanner.domain.calendar import WEEKDAYS, Rotation, RotationKind, SchoolYear
from dlplanner.services import projects, scenarios
from dlplanner.services.editing import BELL_TEMPLATES
from dlplanner.services.projects import ServiceError
from dlplanner.storage import DatabaseExistsError

CUSTOM_PERIODS = "Periods as set here"  # the bell schedule is built from the period answers, not a template


class CycleKind(StrEnum):
    WEEKLY = "weekly"  # each school weekday is its own day type (Monday, Tuesday …)
    AB = "ab"  # A and B days alternate
    N_DAY = "n-day"  # Day 1 … Day N, advancing on each school day


def default_year(today: date | None = None) -> tuple[date, date]:
    """The next school year to plan: the Monday on or after 20 August to the Friday on or before 12 June."""
    today = today or date.today()
    year = today.year if today.month < 6 else today.year + 1
    start = date(year, 8, 20)
    start += timedelta(days=(7 - start.weekday()) % 7)
    end = date(year + 1, 6, 12)
    end -= timedelta(days=(end.weekday() - 4) % 7)
    return start, end


@dataclass
class SchoolSetup:
    """The answers of the new-project wizard; the defaults make a usable empty school."""

    school_name: str = "New school"
    first_day: date = field(default_factory=lambda: default_year()[0])
    last_day: date = field(default_factory=lambda: default_year()[1])
    school_weekdays: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])  # 0 = Monday
    cycle: CycleKind = CycleKind.WEEKLY
    cycle_days: int = 6  # for an N-day cycle
    scenario_name: str = "Main"
    template: str = CUSTOM_PERIODS  # or a name of BELL_TEMPLATES
    periods: int = 6
    period_minutes: int = 50
    start_minute: int = 8 * 60
    passing_minutes: int = 5
    lunch_after: int = 3  # lunch after this period; 0: no lunch block
    lunch_minutes: int = 30
    long_block_minutes: int = 0  # > 0: one long class block after the last period
    advisory_minutes: int = 20  # > 0: the day starts with advisory (where advisories meet)

    def problems(self) -> list[str]:
        """What is wrong with the answers, one plain sentence each (empty: ready to build)."""
        return self.school_problems() + self.year_problems() + self.day_problems()

    def school_problems(self) -> list[str]:
        return [] if self.school_name.strip() else ["The school needs a name."]

    def year_problems(self) -> list[str]:
        """The year's dates, the school days of the week and the cycle."""
        found = []
        if self.last_day <= self.first_day:
            found.append(
                f"The last day ({self.last_day:%d %b %Y}) must come after the first day ({self.first_day:%d %b %Y})."
            )
        elif (self.last_day - self.first_day).days > 400:
            found.append("A school year lasts at most 400 days: check the years of the first and last day.")
        if not self.school_weekdays:
            found.append("Tick at least one school day of the week.")
        if self.cycle == CycleKind.N_DAY and not 2 <= self.cycle_days <= 20:
            found.append("An N-day cycle has 2 to 20 days.")
        return found

    def day_problems(self) -> list[str]:
        """The first scenario's name and its bell schedule."""
        found = []
        if not self.scenario_name.strip():
            found.append("The scenario needs a name.")
        if self.template == CUSTOM_PERIODS:
            if not 1 <= self.periods <= 16:
                found.append("A day has 1 to 16 periods.")
            if not 10 <= self.period_minutes <= 240:
                found.append("A period lasts 10 to 240 minutes.")
            if self.lunch_after > self.periods:
                found.append(f"Lunch after period {self.lunch_after}, but the day has only {self.periods} periods.")
            end = day_end(self)
            if end > 24 * 60:
                found.append("The day would end after midnight: fewer or shorter periods, or an earlier start.")
        elif self.template not in BELL_TEMPLATES:
            found.append(f"There is no bell-schedule template '{self.template}'.")
        return found


def period_blocks(setup: SchoolSetup) -> list[Block]:
    """The bell schedule's blocks: advisory, periods with passing time, lunch, and the optional long block."""
    if setup.template != CUSTOM_PERIODS:
        return BELL_TEMPLATES[setup.template]()
    blocks: list[Block] = []
    t = setup.start_minute

    def add(minutes: int, kind: BlockKind, label: str) -> None:
        nonlocal t
        blocks.append(Block(f"b{len(blocks) + 1}", t, t + minutes, kind, label))
        t += minutes

    if setup.advisory_minutes > 0:
        add(setup.advisory_minutes, BlockKind.ADVISORY, "Advisory")
        if setup.passing_minutes > 0:
            add(setup.passing_minutes, BlockKind.PASSING, "")
    for period in range(1, setup.periods + 1):
        add(setup.period_minutes, BlockKind.CLASS, f"Period {period}")
        last = period == setup.periods and setup.long_block_minutes <= 0
        if period == setup.lunch_after and setup.lunch_minutes > 0:
            add(setup.lunch_minutes, BlockKind.LUNCH, "Lunch")
        elif not last and setup.passing_minutes > 0:
            add(setup.passing_minutes, BlockKind.PASSING, "")
    if setup.long_block_minutes > 0:
        add(setup.long_block_minutes, BlockKind.CLASS, "Long block")
    return blocks


def day_end(setup: SchoolSetup) -> int:
    """When the school day ends with these answers (minutes after midnight)."""
    blocks = period_blocks(replace(setup, template=CUSTOM_PERIODS)) if setup.periods > 0 else []
    return blocks[-1].end if blocks else setup.start_minute


def describe_day(setup: SchoolSetup) -> str:
    """One line for the wizard: what the first bell schedule looks like."""
    try:
        blocks = period_blocks(setup)
    except Exception:  # a template that cannot be built: the problems say so
        return ""
    if not blocks:
        return ""
    classes = [b for b in blocks if b.kind == BlockKind.CLASS]
    return f"{len(classes)} class blocks, {fmt_time(blocks[0].start)}–{fmt_time(blocks[-1].end)}" + (
        f", longest {max(b.end - b.start for b in classes)} min" if classes else ""
    )


def day_types_of(setup: SchoolSetup) -> tuple[list[tuple[str, str]], Rotation]:
    """The cycle's day types (id, name) and the rotation that maps school dates to them."""
    weekdays = sorted(set(setup.school_weekdays))
    if setup.cycle == CycleKind.WEEKLY:
        days = [(WEEKDAYS[w][:3].lower(), WEEKDAYS[w]) for w in weekdays]
        rotation = Rotation(RotationKind.WEEKDAY, weekday_map={w: WEEKDAYS[w][:3].lower() for w in weekdays})
    else:
        days = [("a", "A day"), ("b", "B day")] if setup.cycle == CycleKind.AB else []
        if setup.cycle == CycleKind.N_DAY:
            days = [(f"d{n}", f"Day {n}") for n in range(1, setup.cycle_days + 1)]
        rotation = Rotation(RotationKind.CYCLE, sequence=[d for d, _ in days])
    rotation.school_weekdays = weekdays
    return days, rotation


def build_scenario(setup: SchoolSetup, scenario_id: str = "main") -> Scenario:
    """A scenario with the setup's year, cycle and one bell schedule every day type follows."""
    problems = setup.problems()
    if problems:
        raise ServiceError(" ".join(problems))
    days, rotation = day_types_of(setup)
    schedule = BellSchedule("regular", "Regular day", period_blocks(setup))
    label = f"{setup.first_day.year}–{setup.last_day.year}"
    return Scenario(
        scenario_id,
        setup.scenario_name.strip(),
        calendar=SchoolYear(label=label, first_day=setup.first_day, last_day=setup.last_day, rotation=rotation),
        bell_schedules=[schedule],
        day_types=[DayType(day_id, name, schedule.id) for day_id, name in days],
    )


def build_project(setup: SchoolSetup) -> Project:
    """An empty school (no people yet) with one scenario ready to fill."""
    name = setup.school_name.strip()
    project = Project(name=name, school_name=name)
    project.scenarios.append(build_scenario(setup, scenarios.unique_scenario_id(project, setup.scenario_name)))
    return project


def create_new_project(location: str, setup: SchoolSetup, *, overwrite: bool = False) -> Project:
    """Build the school and store it at ``location``; an existing file is replaced only with ``overwrite``."""
    project = build_project(setup)
    try:
        projects.create_project(location, project, overwrite=overwrite)
    except DatabaseExistsError:
        raise ServiceError(f"{location} already exists; choose another file name, or agree to replace it") from None
    return project


def new_scenario(project: Project, setup: SchoolSetup) -> Scenario:
    """A scenario for ``project`` (unique id, name checked free), not yet added to it."""
    name = setup.scenario_name.strip()
    if any(s.name.casefold() == name.casefold() for s in project.scenarios):
        raise ServiceError(f"Project '{project.name}' already has a scenario named '{name}'")
    return build_scenario(setup, scenarios.unique_scenario_id(project, name))
