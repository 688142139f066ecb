"""The concepts of a deeper-learning school schedule, as plain dataclasses.

Everything here is stdlib only: the solver, storage, io and Qt layers all read and write these
objects, so they must stay free of any of those libraries.

Conventions used throughout:
- every record has a stable string ``id`` that other records refer to;
- times of day are whole minutes after midnight (``8 * 60 + 30`` is 8:30);
- "per cycle" means one pass through a scenario's day types (its ``day_types`` list, in order);
  limits that people think of per week (teaching load, planning time) are stored per week and
  converted with :meth:`Scenario.weeks_per_cycle`, so scenarios with a 2-day A/B cycle and a
  5-day weekly cycle can share the same teachers and teams;
- ``external_ids`` (on the project, subjects, teachers, rooms, cohorts, sections, the school year and
  its terms) is what the student information system calls a record: ``sourcedId`` (OneRoster),
  ``code`` (course or class code, staff identifier), ``periods`` (the SIS's own period text). It is
  kept so a schedule can be written back to the SIS and a later import updates instead of duplicating.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from dlplanner.domain.calendar import Minimums, SchoolYear

SCHEMA_NOTE = "Plausible sample data made up for dlplanner; not a real school."


def fmt_time(minutes: int) -> str:
    """8:05 style clock time for minutes after midnight."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def fmt_minutes(minutes: int | float) -> str:
    """1,650 style number for messages."""
    return f"{round(minutes):,}"


class BlockKind(StrEnum):
    CLASS = "class"
    ADVISORY = "advisory"
    LUNCH = "lunch"
    PASSING = "passing"
    PLANNING = "planning"  # planning / PD / collaboration time for adults
    INTERNSHIP = "internship"  # an internship window built into the bell schedule
    FLEX = "flex"


@dataclass
class Block:
    """One typed stretch of a bell schedule with real start and end times."""

    id: str
    start: int
    end: int
    kind: BlockKind = BlockKind.CLASS
    label: str = ""

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass
class BellSchedule:
    """An ordered list of blocks; several day types may share one (Mon-Fri of a 7-period day)."""

    id: str
    name: str
    blocks: list[Block] = field(default_factory=list)

    def sorted_blocks(self) -> list[Block]:
        return sorted(self.blocks, key=lambda b: (b.start, b.end))

    def blocks_of(self, *kinds: BlockKind) -> list[Block]:
        return [b for b in self.sorted_blocks() if b.kind in kinds]

    def minutes_of(self, kind: BlockKind) -> int:
        return sum(b.minutes for b in self.blocks if b.kind == kind)

    def class_runs(self, allow_breaks: bool = False) -> list[list[Block]]:
        """Maximal runs of class blocks a long meeting may span (see :func:`dlplanner.domain.geometry.class_runs`).

        With ``allow_breaks`` any non-class block is bridged, too.
        """
        from dlplanner.domain.geometry import class_runs  # geometry reads this module: import it late

        return class_runs(self.blocks, allow_breaks)


@dataclass
class DayType:
    """One day of the cycle (Monday, A day, Day 3 ...) and the bell schedule it follows."""

    id: str
    name: str
    bell_schedule_id: str


@dataclass
class TimeWindow:
    """A stretch of time on one day type, or on every day type when ``day_type_id`` is None."""

    day_type_id: str | None
    start: int
    end: int

    def applies_to(self, day_type_id: str) -> bool:
        return self.day_type_id is None or self.day_type_id == day_type_id

    def overlaps(self, day_type_id: str, start: int, end: int) -> bool:
        return self.applies_to(day_type_id) and start < self.end and self.start < end


@dataclass
class Subject:
    id: str
    name: str
    color: str = "#8aa4c8"
    department: str = ""
    project_based: bool = False  # project-based courses prefer long blocks (soft rule)
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's names for it (see above)


@dataclass
class Campus:
    id: str
    name: str
    address: str = ""


@dataclass
class CampusTravel:
    """Minutes a person needs between two campuses (either direction)."""

    campus_a: str
    campus_b: str
    minutes: int


@dataclass
class Teacher:
    id: str
    name: str
    subject_ids: set[str] = field(default_factory=set)
    max_minutes_per_week: int | None = None
    unavailable: list[TimeWindow] = field(default_factory=list)
    avoid: list[TimeWindow] = field(default_factory=list)  # soft: would rather not teach then
    campus_id: str | None = None
    email: str = ""
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's names for it (see above)
    max_advisories: int | None = None  # most advisories the teacher may lead; None: no limit of its own


@dataclass
class Room:
    id: str
    name: str
    capacity: int
    features: set[str] = field(default_factory=set)
    campus_id: str | None = None
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's names for it (see above)


@dataclass
class Cohort:
    """Students who travel together. ``identity`` persists across years for looping."""

    id: str
    name: str
    grade: int
    size: int
    pathway: str = ""
    identity: str = ""
    campus_id: str | None = None
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's names for it (see above)


@dataclass
class BlockRef:
    day_type_id: str
    block_id: str


@dataclass
class Advisory:
    """A small group with one advisor; meets in the advisory blocks of the cycle.

    ``meeting_blocks`` empty means every advisory-kind block of every day type on which none of
    its cohorts is away on an internship. Advisories sharing a cohort split it into disjoint groups
    (they may sit at the same time); ``size`` 0 means an even share of what the cohort's other
    advisories leave (see ``dlplanner.domain.validation.advisory_sizes``).

    ``advisor_id`` empty leaves the advisor to the solver: one of ``advisor_pool``, or any teacher
    when the pool is empty (rule ``advisor_choice``); the choice is kept in the scenario's solution
    (:meth:`Solution.advisor_of`). ``identity`` persists across years, like a cohort's.
    """

    id: str
    name: str
    advisor_id: str
    cohort_ids: list[str] = field(default_factory=list)
    size: int = 0
    room_id: str | None = None
    meeting_blocks: list[BlockRef] = field(default_factory=list)
    identity: str = ""
    advisor_pool: list[str] = field(default_factory=list)

    @property
    def advisor_chosen_by_solver(self) -> bool:
        return not self.advisor_id


@dataclass
class TeacherTeam:
    """Teachers sharing the same students, who need common planning time.

    Besides its fixed ``cohort_ids`` a team may take ``cohorts_needed`` more cohorts from
    ``cohort_pool``, chosen by the solver (rule ``team_choice``; a cohort goes to one team at most);
    the choice is kept in the scenario's solution (:meth:`Solution.cohorts_of`).
    """

    id: str
    name: str
    member_ids: list[str] = field(default_factory=list)
    cohort_ids: list[str] = field(default_factory=list)
    planning_minutes_per_week: int = 0
    min_meeting_minutes: int = 30  # shorter common free time does not count as a meeting
    cohort_pool: list[str] = field(default_factory=list)
    cohorts_needed: int = 0


@dataclass
class Section:
    """Something to be placed: a course for one or more cohorts, meeting several times a cycle.

    Length is given either in minutes or in blocks (a double block is ``length_blocks=2``).
    Teachers are either fixed (``teacher_ids``; two or more = team-taught, all present at
    once) or chosen by the solver: ``teachers_needed`` from ``teacher_pool``, or from every
    teacher qualified for the subject when the pool is empty.
    """

    id: str
    name: str
    subject_id: str
    cohort_ids: list[str] = field(default_factory=list)
    meetings_per_cycle: int = 1
    length_minutes: int | None = None
    length_blocks: int | None = 1
    teacher_ids: list[str] = field(default_factory=list)
    teacher_pool: list[str] = field(default_factory=list)
    teachers_needed: int = 1
    room_id: str | None = None
    room_features: set[str] = field(default_factory=set)
    min_capacity: int | None = None  # None: the enrolment
    enrolment: int | None = None  # None: the sum of its cohorts' sizes
    allow_break_span: bool = False
    term_id: str | None = None  # None: the whole year
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's names for it (see above)
    # students from course requests: a section with no cohort is open; one with cohorts is open when
    # ``max_enrolment`` leaves seats beyond its cohorts. None: no limit but the rooms' capacity
    max_enrolment: int | None = None

    @property
    def fixed_teachers(self) -> bool:
        return bool(self.teacher_ids)

    @property
    def team_taught(self) -> bool:
        return len(self.teacher_ids) > 1 or (not self.teacher_ids and self.teachers_needed > 1)

    @property
    def teacher_count(self) -> int:
        return len(self.teacher_ids) if self.teacher_ids else self.teachers_needed

    @property
    def keeps_one_room(self) -> bool:
        """Whether each extra room its meetings use costs (rule ``room_changes``): team-taught and lab sections."""
        return self.team_taught or "lab" in self.room_features


@dataclass
class Student:
    """One student: follows their cohort's sections (if any) and adds their own course requests.

    ``flags`` are free labels a school groups students by in reports (``ELL``, ``IEP``, ``504`` …).
    """

    id: str
    name: str
    grade: int = 0
    cohort_id: str | None = None
    advisory_id: str | None = None
    pathway: str = ""
    flags: set[str] = field(default_factory=set)


@dataclass
class CourseRequest:
    """A student asks for a subject: rank 1 = required, larger = lower preference.

    An alternate (``alternate_for`` = the subject of another request of the same student) means
    "if not that one then this": it is taken only when the request it stands for cannot be met.
    """

    student_id: str
    subject_id: str
    rank: int = 1
    alternate_for: str | None = None


@dataclass
class Enrolment:
    """A student seated in an open section (part of a scenario's solution); pinned ones stay."""

    student_id: str
    section_id: str
    pinned: bool = False


@dataclass
class Internship:
    """Cohorts off campus in given windows; no class of theirs in a window ± travel buffer."""

    id: str
    name: str
    cohort_ids: list[str] = field(default_factory=list)
    windows: list[TimeWindow] = field(default_factory=list)
    travel_minutes: int = 0
    description: str = ""


class PairingKind(StrEnum):
    ADVISOR = "advisor"
    TEAM = "team"
    SUBJECT_TEACHER = "subject_teacher"


@dataclass
class LoopingRule:
    """Which of last year's pairings must (hard) or should (soft) carry over for a cohort or an advisory.

    With ``advisory_id`` the rule is about one advisory (a crew) and its advisor (``kind`` ADVISOR;
    ``cohort_id`` is not used); else about a cohort, and an ADVISOR rule then holds for each of the
    cohort's advisory groups. ``years`` is how long the pairing lasts (a team that loops for two
    years: 2); None: as long as the cohort or advisory stays in the school. Rollover reads it.
    """

    id: str
    cohort_id: str
    kind: PairingKind
    subject_id: str | None = None  # for SUBJECT_TEACHER
    hard: bool = True
    weight: int = 10  # penalty per broken soft pairing (per advisory group for ADVISOR)
    advisory_id: str | None = None
    years: int | None = None

    @property
    def per_advisory(self) -> bool:
        return self.advisory_id is not None


@dataclass
class PriorPairing:
    """Last year's assignment for a cohort or, with ``advisory_id``, one advisory's advisor.

    Ids are this year's: the cohort (or advisory) carried on from last year. ``years`` counts the
    years the pairing has held so far (1: last year only), so rollover knows when a loop ends.
    """

    cohort_id: str
    kind: PairingKind
    subject_id: str | None = None
    teacher_ids: list[str] = field(default_factory=list)
    team_id: str | None = None
    advisory_id: str | None = None
    years: int = 1


@dataclass
class RuleSettings:
    """Weights of the soft rules (by stable rule id) and the knobs some rules use."""

    weights: dict[str, int] = field(default_factory=dict)
    max_consecutive_teaching_blocks: int = 3
    long_block_minutes: int = 80
    time_limit_seconds: float = 30.0


class SolveStatus(StrEnum):
    NOT_SOLVED = "not_solved"
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"


@dataclass
class Placement:
    """One meeting of a section put at a day type, time, room and teachers."""

    section_id: str
    meeting: int
    day_type_id: str
    start: int
    end: int
    room_id: str | None = None
    teacher_ids: list[str] = field(default_factory=list)
    pinned: bool = False


@dataclass
class Solution:
    placements: list[Placement] = field(default_factory=list)
    status: SolveStatus = SolveStatus.NOT_SOLVED
    objective: float | None = None
    best_bound: float | None = None
    penalties: dict[str, int] = field(default_factory=dict)
    wall_time: float | None = None
    solved_at: datetime | None = None
    stale: bool = False  # the data changed since this solution was made
    enrolments: list[Enrolment] = field(default_factory=list)  # students seated in open sections
    advisors: dict[str, str] = field(default_factory=dict)  # advisory id -> advisor the solver chose
    team_cohorts: dict[str, list[str]] = field(default_factory=dict)  # team id -> cohorts the solver chose

    def advisor_of(self, advisory: Advisory) -> str:
        """The advisory's advisor: its own, else the one this solution chose ('' when none)."""
        return advisory.advisor_id or self.advisors.get(advisory.id, "")

    def cohorts_of(self, team: TeacherTeam) -> list[str]:
        """The team's cohorts: its own and those this solution chose from its pool."""
        return list(dict.fromkeys([*team.cohort_ids, *self.team_cohorts.get(team.id, [])]))


@dataclass
class Scenario:
    """One alternative for the school: its calendar, bell schedules, sections, rules, solution.

    A scenario owns everything that differs between the calendars a school compares, and is
    cheap to copy (:meth:`copy`). People, rooms and cohorts belong to the project.
    """

    id: str
    name: str
    description: str = ""
    calendar: SchoolYear = field(default_factory=SchoolYear)
    bell_schedules: list[BellSchedule] = field(default_factory=list)
    day_types: list[DayType] = field(default_factory=list)  # the cycle, in order
    sections: list[Section] = field(default_factory=list)
    internships: list[Internship] = field(default_factory=list)
    looping_rules: list[LoopingRule] = field(default_factory=list)
    rules: RuleSettings = field(default_factory=RuleSettings)
    solution: Solution = field(default_factory=Solution)
    version: int = 1  # bumped by storage on every save; used for optimistic concurrency

    # -- lookups ---------------------------------------------------------------------------
    def bell_schedule(self, bell_schedule_id: str) -> BellSchedule:
        return _find(self.bell_schedules, bell_schedule_id, "bell schedule")

    def day_type(self, day_type_id: str) -> DayType:
        return _find(self.day_types, day_type_id, "day type")

    def section(self, section_id: str) -> Section:
        return _find(self.sections, section_id, "section")

    def schedule_of(self, day_type_id: str) -> BellSchedule:
        return self.bell_schedule(self.day_type(day_type_id).bell_schedule_id)

    # -- the cycle -------------------------------------------------------------------------
    @property
    def cycle_days(self) -> int:
        return len(self.day_types)

    def weeks_per_cycle(self) -> float:
        """How many school weeks one cycle lasts (a 2-day A/B cycle is 0.4 of a 5-day week)."""
        per_week = len(self.calendar.rotation.school_weekdays) or 5
        return self.cycle_days / per_week

    def per_cycle_limit(self, minutes_per_week: int) -> int:
        """A weekly maximum expressed per cycle (rounded down, so it is never exceeded)."""
        return math.floor(minutes_per_week * self.weeks_per_cycle() + 1e-9)

    def per_cycle_requirement(self, minutes_per_week: int) -> int:
        """A weekly minimum expressed per cycle (rounded up, so it is always met)."""
        return math.ceil(minutes_per_week * self.weeks_per_cycle() - 1e-9)

    def minutes_per_cycle(self, kind: BlockKind) -> int:
        return sum(self.schedule_of(d.id).minutes_of(kind) for d in self.day_types)

    def copy(self, new_id: str, new_name: str, with_solution: bool = True) -> Scenario:
        clone = copy.deepcopy(self)
        clone.id, clone.name, clone.version = new_id, new_name, 1
        if not with_solution:
            clone.solution = Solution()
        return clone


@dataclass
class Project:
    """A school: its people, rooms and student groups, and the scenarios being compared."""

    name: str
    school_name: str = ""
    description: str = ""
    subjects: list[Subject] = field(default_factory=list)
    teachers: list[Teacher] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)
    campuses: list[Campus] = field(default_factory=list)
    travel: list[CampusTravel] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)
    advisories: list[Advisory] = field(default_factory=list)
    teams: list[TeacherTeam] = field(default_factory=list)
    prior_pairings: list[PriorPairing] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    minimums: Minimums = field(default_factory=Minimums)  # the requirements every scenario is checked against
    external_ids: dict[str, str] = field(default_factory=dict)  # the SIS's names for it (see above)
    students: list[Student] = field(default_factory=list)  # students as people (their cohort's sections + requests)
    requests: list[CourseRequest] = field(default_factory=list)

    def subject(self, subject_id: str) -> Subject:
        return _find(self.subjects, subject_id, "subject")

    def teacher(self, teacher_id: str) -> Teacher:
        return _find(self.teachers, teacher_id, "teacher")

    def room(self, room_id: str) -> Room:
        return _find(self.rooms, room_id, "room")

    def cohort(self, cohort_id: str) -> Cohort:
        return _find(self.cohorts, cohort_id, "cohort")

    def campus(self, campus_id: str) -> Campus:
        return _find(self.campuses, campus_id, "campus")

    def team(self, team_id: str) -> TeacherTeam:
        return _find(self.teams, team_id, "teacher team")

    def advisory(self, advisory_id: str) -> Advisory:
        return _find(self.advisories, advisory_id, "advisory")

    def scenario(self, key: str) -> Scenario:
        """A scenario by id or by name (case-insensitive), as users type either."""
        for scenario in self.scenarios:
            if scenario.id == key or scenario.name.casefold() == key.casefold():
                return scenario
        names = ", ".join(s.name for s in self.scenarios) or "none"
        raise UnknownRecordError(f"No scenario '{key}' in project '{self.name}' (scenarios: {names})")

    def travel_minutes(self, campus_a: str | None, campus_b: str | None) -> int:
        if campus_a is None or campus_b is None or campus_a == campus_b:
            return 0
        for t in self.travel:
            if {t.campus_a, t.campus_b} == {campus_a, campus_b}:
                return t.minutes
        return 0

    def section_enrolment(self, section: Section) -> int:
        if section.enrolment is not None:
            return section.enrolment
        sizes = {c.id: c.size for c in self.cohorts}
        return sum(sizes.get(cid, 0) for cid in section.cohort_ids)

    def seats_needed(self, section: Section) -> int:
        """The seats a room needs: ``min_capacity``, else ``max_enrolment``, else the enrolment."""
        if section.min_capacity is not None:
            return section.min_capacity
        if section.max_enrolment is not None:
            return max(section.max_enrolment, self.section_enrolment(section))
        return self.section_enrolment(section)

    def cohort_seats(self, section: Section) -> int:
        """Seats a section's cohorts fill (0 without cohorts): the rest is open to requests."""
        return self.section_enrolment(section) if section.cohort_ids else 0

    def is_open(self, section: Section) -> bool:
        """Whether students may join ``section`` from requests: no cohort, or seats beyond its cohorts."""
        if not section.cohort_ids:
            return True
        return section.max_enrolment is not None and section.max_enrolment > self.cohort_seats(section)

    def student(self, student_id: str) -> Student:
        return _find(self.students, student_id, "student")

    def qualified_teachers(self, section: Section) -> list[Teacher]:
        """Teachers the solver may choose for a pool section."""
        if section.teacher_pool:
            pool = set(section.teacher_pool)
            return [t for t in self.teachers if t.id in pool]
        return [t for t in self.teachers if section.subject_id in t.subject_ids]


class UnknownRecordError(KeyError):
    """A record id or name that does not exist; the message says which."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0]) if self.args else ""


def _find(items: list, item_id: str, what: str):
    for item in items:
        if item.id == item_id:
            return item
    raise UnknownRecordError(f"No {what} with id '{item_id}'")
