"""Real dated figures of a scenario: minutes, hours, loads and shortfalls a leadership team compares.

Every annual figure is counted through the school calendar (``SchoolYear.school_days``): a meeting
placed on day type A counts once per school date that is an A day, and a section limited to a term
(a 4x4 course) counts only the dates inside its term; inside an intersession only the sections
limited to it meet, and on a special day with its own bell schedule (a late start) meetings take
that schedule's times (see :func:`dated_events`). Weekly figures (advisory minutes, common
planning, teaching load) are per-cycle figures divided by ``Scenario.weeks_per_cycle`` so that an
A/B cycle and a 5-day week can be compared; with terms, each part of the year between term
boundaries is evaluated on its own and the worst part is reported (lowest planning, highest load).

Stdlib only: exports, the comparison service and the GUI all read these numbers.
"""

from __future__ import annotations

import dataclasses
import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from dlplanner.domain.calendar import Minimums as Minimums  # read from here too
from dlplanner.domain.geometry import (
    all_sittings,
    away_intervals,
    common_free_minutes,
    day_blocks,
    in_term_slice,
    term_slices,
)
from dlplanner.domain.geometry import internship_blocks as internship_blocks  # read from here too
from dlplanner.domain.geometry import term_runs_on as term_runs_on  # read from here too
from dlplanner.domain.model import BellSchedule, Block, BlockKind, Enrolment, Placement, Project, Scenario
from dlplanner.domain.student_groups import student_week

# -- the events of a timetable ----------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleEvent:
    """A section meeting or an advisory sitting: something that occupies people and a room."""

    kind: str  # "meeting" or "advisory"
    record_id: str  # section id or advisory id
    meeting: int  # meeting index (advisory: running number of the sitting in the cycle)
    day_type_id: str
    start: int
    end: int
    term_id: str | None
    room_id: str | None
    teacher_ids: tuple[str, ...]
    cohort_ids: tuple[str, ...]
    subject_id: str | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.record_id, self.meeting)


def sitting_events(project: Project, scenario: Scenario) -> list[ScheduleEvent]:
    """The advisory sittings (:func:`dlplanner.domain.geometry.all_sittings`) as events, numbered per advisory."""
    events: list[ScheduleEvent] = []
    number: dict[str, int] = defaultdict(int)
    for sitting in all_sittings(project, scenario):
        advisory_id = sitting.advisory.id
        events.append(
            ScheduleEvent(
                kind="advisory",
                record_id=advisory_id,
                meeting=number[advisory_id],
                day_type_id=sitting.day_type_id,
                start=sitting.start,
                end=sitting.end,
                term_id=None,
                room_id=sitting.room_id,
                teacher_ids=sitting.teacher_ids,
                cohort_ids=sitting.cohort_ids,
            )
        )
        number[advisory_id] += 1
    return events


def meeting_events(scenario: Scenario, placements: list[Placement] | None = None) -> list[ScheduleEvent]:
    """The placed meetings of a scenario (its solution's placements unless others are given)."""
    sections = {s.id: s for s in scenario.sections}
    events = []
    for p in scenario.solution.placements if placements is None else placements:
        section = sections.get(p.section_id)
        if section is None:
            continue
        events.append(
            ScheduleEvent(
                kind="meeting",
                record_id=section.id,
                meeting=p.meeting,
                day_type_id=p.day_type_id,
                start=p.start,
                end=p.end,
                term_id=section.term_id,
                room_id=p.room_id,
                teacher_ids=tuple(dict.fromkeys(p.teacher_ids)),
                cohort_ids=tuple(dict.fromkeys(section.cohort_ids)),
                subject_id=section.subject_id,
            )
        )
    return events


def schedule_events(
    project: Project, scenario: Scenario, placements: list[Placement] | None = None
) -> list[ScheduleEvent]:
    """Meetings and advisory sittings, ordered by day type (cycle order), start, and record."""
    order = {d.id: i for i, d in enumerate(scenario.day_types)}
    events = meeting_events(scenario, placements) + sitting_events(project, scenario)
    events.sort(key=lambda e: (order.get(e.day_type_id, len(order)), e.start, e.end, e.kind, e.record_id, e.meeting))
    return events


def special_bells(scenario: Scenario) -> dict[date, BellSchedule]:
    """The bell schedule each special day with its own bells follows, by date.

    A special day naming an unknown bell schedule is left out (it keeps its day type's bells);
    validation reports it.
    """
    schedules = {b.id: b for b in scenario.bell_schedules}
    return {
        s.day: schedules[s.bell_schedule_id]
        for s in scenario.calendar.special_days
        if s.bell_schedule_id is not None and s.bell_schedule_id in schedules
    }


def covered_blocks(blocks: Iterable[Block], start: int, end: int) -> list[Block]:
    """The blocks (passing time aside) an event from ``start`` to ``end`` overlaps, in order of time."""
    return sorted(
        (b for b in blocks if b.kind != BlockKind.PASSING and b.start < end and start < b.end),
        key=lambda b: (b.start, b.end),
    )


def retimed(event: ScheduleEvent, regular: list[Block], special: BellSchedule) -> ScheduleEvent | None:
    """``event`` on a day following ``special``'s bells: mapped by block id, or None if it cannot meet.

    The event keeps its blocks: it starts where its first block starts in ``special`` and ends
    where its last block ends (an event that fills only part of its blocks keeps its offsets,
    clipped to the special blocks). If ``special`` lacks any of its blocks, the event does not
    occur that date.
    """
    mine = covered_blocks(regular, event.start, event.end)
    by_id = {b.id: b for b in special.blocks}
    if not mine or any(b.id not in by_id for b in mine):
        return None
    first, last = by_id[mine[0].id], by_id[mine[-1].id]
    start = min(max(first.start + (event.start - mine[0].start), first.start), first.end)
    end = max(min(last.end - (mine[-1].end - event.end), last.end), last.start)
    if end <= start:
        return None
    if (start, end) == (event.start, event.end):
        return event
    return dataclasses.replace(event, start=start, end=end)


def dated_events(scenario: Scenario, events: list[ScheduleEvent]) -> list[tuple[date, str, list[ScheduleEvent]]]:
    """Every school date with its day type and the events that happen that date, at that date's times.

    The terms decide which events meet (:func:`term_runs_on`); on a special day with its own bell
    schedule the events are retimed to it (:func:`retimed`) or dropped. Every dated figure and
    export reads its dates from here.
    """
    return [
        (day, day_type_id, [timed for _, timed in pairs]) for day, day_type_id, pairs in dated_pairs(scenario, events)
    ]


def dated_pairs(
    scenario: Scenario, events: list[ScheduleEvent]
) -> list[tuple[date, str, list[tuple[ScheduleEvent, ScheduleEvent]]]]:
    """:func:`dated_events` with each event paired with the one of ``events`` it comes from (itself unless retimed)."""
    by_day: dict[str, list[ScheduleEvent]] = defaultdict(list)
    for event in events:
        by_day[event.day_type_id].append(event)
    schedules = {b.id: b for b in scenario.bell_schedules}
    regular = {
        d.id: schedules[d.bell_schedule_id].blocks for d in scenario.day_types if d.bell_schedule_id in schedules
    }
    bells = special_bells(scenario)
    result = []
    for day, day_type_id in scenario.calendar.school_days():
        todays = [(e, e) for e in by_day.get(day_type_id, []) if term_runs_on(scenario, e.term_id, day)]
        special = bells.get(day)
        if special is not None:
            moved = ((e, retimed(e, regular.get(day_type_id, []), special)) for e, _ in todays)
            todays = [(e, timed) for e, timed in moved if timed is not None]
        result.append((day, day_type_id, todays))
    return result


def _union_minutes(intervals: Iterable[tuple[int, int]]) -> int:
    total, current_start, current_end = 0, None, None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += current_end - current_start
    return total


def _intersect_minutes(intervals: list[tuple[int, int]], windows: list[tuple[int, int]]) -> int:
    """Minutes of the union of ``intervals`` that fall inside the union of ``windows``."""
    pieces = []
    for start, end in intervals:
        for w_start, w_end in windows:
            lo, hi = max(start, w_start), min(end, w_end)
            if lo < hi:
                pieces.append((lo, hi))
    return _union_minutes(pieces)


# -- minimums and shortfalls ------------------------------------------------------------------


@dataclass(frozen=True)
class Shortfall:
    """One requirement not met: what, for whom, required against actual, in ``unit``."""

    measure: str  # "instructional_minutes", "subject_minutes", "advisory_minutes_per_week", ...
    record_kind: str  # "cohort", "team", "school"
    record_id: str
    name: str
    required: float
    actual: float
    unit: str

    @property
    def missing(self) -> float:
        return self.required - self.actual

    def describe(self) -> str:
        return (
            f"{self.name}: {self.measure.replace('_', ' ')} {self.actual:,.0f} {self.unit}, "
            f"required {self.required:,.0f} (short by {self.missing:,.0f})"
        )


@dataclass(frozen=True)
class StudentMinimum:
    """The instructional-minutes minimum counted per student: who is below it, and the median student.

    ``below`` holds (name, minutes, required) of every student under their minimum, lowest first;
    minutes include advisory only where the minimums count advisory as instruction.
    """

    counted: int
    median: float
    below: list[tuple[str, int, int]] = field(default_factory=list)

    def sentence(self, lowest: int = 3) -> str:
        """In words, for the Compare page: how many students are short, the lowest few, the median."""
        counted = f"{self.counted:,} student" + ("" if self.counted == 1 else "s")
        if self.below:
            names = ", ".join(f"{name} {got:,} of {need:,}" for name, got, need in self.below[:lowest])
            short = f"{len(self.below):,} of {counted} below the minimum (lowest: {names})"
        else:
            short = f"all {counted} meet the minimum"
        return (
            "Counted per student (their cohort's classes and the open sections they are enrolled in): "
            f"{short}; the median student has {self.median:,.0f} min/year."
        )


# -- the figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transitions:
    """Class changes per student per school day for one cohort (moves between consecutive events)."""

    mean: float
    max: int


@dataclass
class ScenarioMetrics:
    """Every comparison measure of one scenario. Keys are record ids; minutes unless named hours."""

    scenario_id: str
    scenario_name: str
    school_days: int = 0
    day_type_counts: dict[str, int] = field(default_factory=dict)
    weeks_per_cycle: float = 1.0
    first_day: date | None = None
    last_day: date | None = None
    term_days: dict[str, int] = field(default_factory=dict)  # term id -> school days inside the term
    special_days: dict[str, int] = field(default_factory=dict)  # kind -> dates in the year (with or without students)
    placed_meetings: int = 0
    required_meetings: int = 0
    # annual instructional minutes
    section_minutes: dict[str, int] = field(default_factory=dict)
    subject_minutes: dict[str, int] = field(default_factory=dict)
    cohort_minutes: dict[str, int] = field(default_factory=dict)
    cohort_subject_minutes: dict[tuple[str, str], int] = field(default_factory=dict)
    # long blocks
    long_block_minutes: int = 80
    subject_long_minutes: dict[str, int] = field(default_factory=dict)
    cohort_long_minutes: dict[str, int] = field(default_factory=dict)
    pbl_minutes: int = 0  # annual minutes of project-based subjects
    pbl_long_minutes: int = 0  # ... of which in long blocks
    # internships
    internship_days: dict[str, int] = field(default_factory=dict)  # cohort -> dates with a window
    internship_hours: dict[str, float] = field(default_factory=dict)  # cohort -> hours (travel excluded)
    # advisory
    advisory_minutes_per_week: dict[str, float] = field(default_factory=dict)  # advisory id
    advisory_hours_per_year: dict[str, float] = field(default_factory=dict)
    cohort_advisory_minutes_per_week: dict[str, float] = field(default_factory=dict)
    cohort_advisory_hours_per_year: dict[str, float] = field(default_factory=dict)
    # teams and teachers
    team_planning_per_week: dict[str, float] = field(default_factory=dict)  # worst part of the year
    team_planning_required: dict[str, int] = field(default_factory=dict)  # per week
    teacher_minutes_per_week: dict[str, float] = field(default_factory=dict)  # busiest part of the year
    teacher_annual_minutes: dict[str, int] = field(default_factory=dict)
    teacher_preparations: dict[str, int] = field(default_factory=dict)  # distinct subjects taught
    teacher_advisory_minutes_per_week: dict[str, float] = field(default_factory=dict)
    # students and rooms
    transitions: dict[str, Transitions] = field(default_factory=dict)  # cohort
    room_used_minutes: dict[str, int] = field(default_factory=dict)  # annual
    room_available_minutes: int = 0  # annual class + advisory block minutes (same for every room)
    room_utilisation: dict[str, float] = field(default_factory=dict)  # 0..1
    # students as people, when the scenario seats them in open sections: annual class minutes of each
    # (their cohort's meetings and their open sections', each meeting once; advisory not included)
    student_minutes: dict[str, int] = field(default_factory=dict)
    student_minimum: StudentMinimum | None = None  # the minimum counted per student (with ``minimums``)
    shortfalls: list[Shortfall] = field(default_factory=list)

    @property
    def overall_room_utilisation(self) -> float:
        if not self.room_utilisation:
            return 0.0
        return sum(self.room_utilisation.values()) / len(self.room_utilisation)


def _slices(scenario: Scenario, events: list[ScheduleEvent]) -> list[frozenset[str]]:
    """Parts of the year between term boundaries, each as the set of term ids running in it."""
    return term_slices({t.id: t for t in scenario.calendar.terms}, (e.term_id for e in events))


def _in_slice(scenario: Scenario, event: ScheduleEvent, active: frozenset[str]) -> bool:
    """Whether ``event`` runs in the part ``active``; in an intersession only its own sections do."""
    return in_term_slice(event.term_id, {t.id: t for t in scenario.calendar.terms}, active)


def common_planning_minutes(
    project: Project, scenario: Scenario, member_ids: list[str], min_minutes: int, events: list[ScheduleEvent]
) -> int:
    """Per-cycle minutes of class/planning blocks (≥ min_minutes) during the whole of which every member is free.

    Same definition as the `team_planning` rule in docs/rules.md; ``events`` are the meetings and
    sittings of one part of the year.
    """
    blocks = day_blocks(scenario).items()
    return common_free_minutes(blocks, {t.id: t for t in project.teachers}, member_ids, min_minutes, events)


def compute_metrics(
    project: Project,
    scenario: Scenario,
    placements: list[Placement] | None = None,
    minimums: Minimums | None = None,
) -> ScenarioMetrics:
    """All comparison measures of ``scenario`` from its calendar, bell schedules and solution."""
    events = schedule_events(project, scenario, placements)
    meetings = [e for e in events if e.kind == "meeting"]
    sittings = [e for e in events if e.kind == "advisory"]
    days = dated_events(scenario, events)
    weeks = scenario.weeks_per_cycle() or 1.0
    long_min = scenario.rules.long_block_minutes
    subjects = {s.id: s for s in project.subjects}

    m = ScenarioMetrics(scenario.id, scenario.name, weeks_per_cycle=weeks, long_block_minutes=long_min)
    m.school_days = len(days)
    m.first_day = scenario.calendar.first_day
    m.last_day = scenario.calendar.last_day
    for _, day_type_id, _ in days:
        m.day_type_counts[day_type_id] = m.day_type_counts.get(day_type_id, 0) + 1
    for term in scenario.calendar.terms:
        m.term_days[term.id] = sum(1 for day, _, _ in days if term.start <= day <= term.end)
    for special in scenario.calendar.special_days:
        if m.first_day <= special.day <= m.last_day:
            kind = special.kind.value + ("" if special.students_attend else " (no students)")
            m.special_days[kind] = m.special_days.get(kind, 0) + 1
    m.placed_meetings = len(meetings)
    m.required_meetings = sum(s.meetings_per_cycle for s in scenario.sections)

    # annual instructional minutes, long blocks
    for section in scenario.sections:
        m.section_minutes[section.id] = 0
        m.subject_minutes.setdefault(section.subject_id, 0)
        m.subject_long_minutes.setdefault(section.subject_id, 0)
        for cohort_id in section.cohort_ids:
            m.cohort_minutes.setdefault(cohort_id, 0)
            m.cohort_long_minutes.setdefault(cohort_id, 0)
            m.cohort_subject_minutes.setdefault((cohort_id, section.subject_id), 0)
    for cohort in project.cohorts:
        m.cohort_minutes.setdefault(cohort.id, 0)
        m.cohort_long_minutes.setdefault(cohort.id, 0)
    for _, _, todays in days:
        for e in todays:
            if e.kind != "meeting":
                continue
            minutes = e.minutes
            long = minutes >= long_min
            m.section_minutes[e.record_id] += minutes
            m.subject_minutes[e.subject_id] += minutes
            if long:
                m.subject_long_minutes[e.subject_id] += minutes
            subject = subjects.get(e.subject_id or "")
            if subject is not None and subject.project_based:
                m.pbl_minutes += minutes
                if long:
                    m.pbl_long_minutes += minutes
            for cohort_id in e.cohort_ids:
                m.cohort_minutes[cohort_id] += minutes
                m.cohort_subject_minutes[(cohort_id, e.subject_id)] += minutes
                if long:
                    m.cohort_long_minutes[cohort_id] += minutes

    _internships(scenario, days, m)
    _advisories(project, scenario, sittings, days, m)
    _teams_and_teachers(project, scenario, events, days, m)
    _transitions(project, days, m)
    _rooms(project, scenario, days, m)
    _students(project, scenario, m)
    if minimums is not None:
        m.student_minimum = student_minimum(project, m, minimums)
        m.shortfalls = shortfalls(project, scenario, m, minimums)
    return m


def counts_students(project: Project, scenario: Scenario) -> bool:
    """Whether the minimums are counted per student: the school has students and the scenario seats them."""
    return bool(project.students) and bool(scenario.solution.enrolments)


def _students(project: Project, scenario: Scenario, m: ScenarioMetrics) -> None:
    """Each student's annual class minutes: the dated minutes of every section of their week, each once.

    A section that is both their cohort's and one they are enrolled in is one set member, so its
    meetings count once; internship time is not instruction, as for the cohorts.
    """
    if not counts_students(project, scenario):
        return
    enrolled: dict[str, list[Enrolment]] = defaultdict(list)
    for enrolment in scenario.solution.enrolments:
        enrolled[enrolment.student_id].append(enrolment)
    for student in project.students:
        week = student_week(project, scenario, student, enrolled.get(student.id, []))
        m.student_minutes[student.id] = sum(m.section_minutes.get(s, 0) for s in week.section_ids)


def _required(minimums: Minimums, grade: int) -> int | None:
    return minimums.by_grade.get(grade, minimums.annual_instructional_minutes)


def student_minimum(project: Project, m: ScenarioMetrics, minimums: Minimums) -> StudentMinimum | None:
    """The minimum counted per student (None without students in the scenario or without a minimum).

    A student's required minutes are those of their grade (else their cohort's grade, else the
    school's); advisory adds the minutes of their own advisory, else their cohort's figure, only
    where the minimums count advisory as instruction (the per-cohort rule).
    """
    if not m.student_minutes or (minimums.annual_instructional_minutes is None and not minimums.by_grade):
        return None
    cohorts = {c.id: c for c in project.cohorts}
    counted: list[int] = []
    below: list[tuple[str, int, int]] = []
    for student in project.students:
        if student.id not in m.student_minutes:
            continue
        cohort = cohorts.get(student.cohort_id or "")
        grade = student.grade if student.grade in minimums.by_grade or cohort is None else cohort.grade
        required = _required(minimums, grade)
        minutes = m.student_minutes[student.id]
        if minimums.count_advisory_as_instruction:
            if student.advisory_id in m.advisory_hours_per_year:
                minutes += round(m.advisory_hours_per_year[student.advisory_id] * 60)
            elif cohort is not None:
                minutes += round(m.cohort_advisory_hours_per_year.get(cohort.id, 0.0) * 60)
        counted.append(minutes)
        if required is not None and minutes < required:
            below.append((student.name, minutes, required))
    if not counted:
        return None
    below.sort(key=lambda b: (b[1], b[0]))
    return StudentMinimum(len(counted), statistics.median(counted), below)


def _internships(scenario: Scenario, days: list[tuple[date, str, list[ScheduleEvent]]], m: ScenarioMetrics) -> None:
    cohort_ids = dict.fromkeys(c for internship in scenario.internships for c in internship.cohort_ids)
    for cohort_id in cohort_ids:
        day_count, minutes = 0, 0
        for _, day_type_id, _ in days:
            today = _union_minutes(away_intervals(scenario.internships, [cohort_id], day_type_id, travel=False))
            if today:
                day_count += 1
                minutes += today
        m.internship_days[cohort_id] = day_count
        m.internship_hours[cohort_id] = minutes / 60


def _advisories(
    project: Project,
    scenario: Scenario,
    sittings: list[ScheduleEvent],
    days: list[tuple[date, str, list[ScheduleEvent]]],
    m: ScenarioMetrics,
) -> None:
    weeks = m.weeks_per_cycle
    for advisory in project.advisories:
        mine = [s for s in sittings if s.record_id == advisory.id]
        m.advisory_minutes_per_week[advisory.id] = sum(s.minutes for s in mine) / weeks
        m.advisory_hours_per_year[advisory.id] = (
            sum(
                e.minutes
                for _, _, todays in days
                for e in todays
                if e.kind == "advisory" and e.record_id == advisory.id
            )
            / 60
        )
        for teacher_id in (scenario.solution.advisor_of(advisory),):
            m.teacher_advisory_minutes_per_week[teacher_id] = (
                m.teacher_advisory_minutes_per_week.get(teacher_id, 0.0) + m.advisory_minutes_per_week[advisory.id]
            )
    # Advisories sharing a cohort are disjoint groups of it (docs/rules.md): each student sits in one, so
    # the cohort's figure is what every student of it gets, the least of its advisories. Advisories of a
    # cohort sitting at the same time count that time once, not once per advisory.
    of_cohort: dict[str, list[str]] = defaultdict(list)
    for advisory in project.advisories:
        for cohort_id in dict.fromkeys(advisory.cohort_ids):
            of_cohort[cohort_id].append(advisory.id)
    for cohort_id in sorted(of_cohort):
        mine = of_cohort[cohort_id]
        m.cohort_advisory_minutes_per_week[cohort_id] = min(m.advisory_minutes_per_week[a] for a in mine)
        m.cohort_advisory_hours_per_year[cohort_id] = min(m.advisory_hours_per_year[a] for a in mine)


def _teams_and_teachers(
    project: Project,
    scenario: Scenario,
    events: list[ScheduleEvent],
    days: list[tuple[date, str, list[ScheduleEvent]]],
    m: ScenarioMetrics,
) -> None:
    weeks = m.weeks_per_cycle
    slices = _slices(scenario, events)
    sliced = [[e for e in events if _in_slice(scenario, e, active)] for active in slices]
    for team in project.teams:
        worst = min(
            common_planning_minutes(project, scenario, team.member_ids, team.min_meeting_minutes, part)
            for part in sliced
        )
        m.team_planning_per_week[team.id] = worst / weeks
        m.team_planning_required[team.id] = team.planning_minutes_per_week
    for teacher in project.teachers:
        busiest = max(
            sum(e.minutes for e in part if e.kind == "meeting" and teacher.id in e.teacher_ids) for part in sliced
        )
        m.teacher_minutes_per_week[teacher.id] = busiest / weeks
        m.teacher_annual_minutes[teacher.id] = 0
        m.teacher_preparations[teacher.id] = len(
            {e.subject_id for e in events if e.kind == "meeting" and teacher.id in e.teacher_ids}
        )
    for _, _, todays in days:
        for e in todays:
            if e.kind == "meeting":
                for teacher_id in e.teacher_ids:
                    if teacher_id in m.teacher_annual_minutes:
                        m.teacher_annual_minutes[teacher_id] += e.minutes


def _transitions(project: Project, days: list[tuple[date, str, list[ScheduleEvent]]], m: ScenarioMetrics) -> None:
    """Moves from one event to the next within a school day, averaged over every school date.

    Overlapping sittings of two advisories of the cohort are different students (docs/rules.md), so
    going from one to the other is no move.
    """

    def moves(a: ScheduleEvent, b: ScheduleEvent) -> bool:
        if a.kind == b.kind == "advisory" and a.start < b.end and b.start < a.end:
            return False
        return (a.kind, a.record_id) != (b.kind, b.record_id)

    for cohort in project.cohorts:
        counts = []
        for _, _, todays in days:
            mine = sorted((e for e in todays if cohort.id in e.cohort_ids), key=lambda e: (e.start, e.end))
            changes = sum(1 for a, b in itertools.pairwise(mine) if moves(a, b))
            counts.append(changes)
        m.transitions[cohort.id] = Transitions(sum(counts) / len(counts) if counts else 0.0, max(counts, default=0))


def _rooms(
    project: Project, scenario: Scenario, days: list[tuple[date, str, list[ScheduleEvent]]], m: ScenarioMetrics
) -> None:
    """Share of the year's class and advisory block minutes in which each room is in use."""
    schedules = {b.id: b for b in scenario.bell_schedules}

    def teaching(schedule: BellSchedule | None) -> list[tuple[int, int]]:
        blocks = schedule.blocks_of(BlockKind.CLASS, BlockKind.ADVISORY) if schedule else []
        return [(b.start, b.end) for b in blocks]

    windows = {d.id: teaching(schedules.get(d.bell_schedule_id)) for d in scenario.day_types}
    special = {day: teaching(schedule) for day, schedule in special_bells(scenario).items()}
    dated_windows = [special.get(day, windows.get(day_type_id, [])) for day, day_type_id, _ in days]
    available = sum(_union_minutes(w) for w in dated_windows)
    m.room_available_minutes = available
    for room in project.rooms:
        used = 0
        for (_, _, todays), todays_windows in zip(days, dated_windows, strict=True):
            used += _intersect_minutes([(e.start, e.end) for e in todays if e.room_id == room.id], todays_windows)
        m.room_used_minutes[room.id] = used
        m.room_utilisation[room.id] = used / available if available else 0.0


def describe_minimums(minimums: Minimums, subject_names: dict[str, str] | None = None) -> list[str]:
    """Each requirement of ``minimums`` in words ("64,800 instructional min/year per cohort"), for
    `dlplanner info`, the comparison report and the GUI; empty when nothing is required."""
    names = subject_names or {}
    found = []
    if minimums.annual_instructional_minutes is not None:
        found.append(f"{minimums.annual_instructional_minutes:,} instructional min/year per cohort")
    found += [f"grade {grade}: {n:,} instructional min/year" for grade, n in sorted(minimums.by_grade.items())]
    if minimums.count_advisory_as_instruction:
        found.append("advisory counts as instruction")
    found += [
        f"{names.get(subject_id, subject_id)}: {n:,} min/year per cohort taking it"
        for subject_id, n in minimums.subject_annual_minutes.items()
    ]
    if minimums.advisory_minutes_per_week is not None:
        found.append(f"{minimums.advisory_minutes_per_week:,} advisory min/week per cohort")
    if minimums.internship_hours_per_year is not None:
        found.append(f"{minimums.internship_hours_per_year:,} internship h/year per cohort with an internship")
    if minimums.instructional_days is not None:
        found.append(f"{minimums.instructional_days:,} instructional days")
    if not minimums.team_planning_from_teams:
        found.append("teams' planning minutes not checked")
    return found


def shortfalls(project: Project, scenario: Scenario, m: ScenarioMetrics, minimums: Minimums) -> list[Shortfall]:
    """Every requirement of ``minimums`` (and every team's planning minutes) the scenario misses."""
    found: list[Shortfall] = []
    if minimums.instructional_days is not None and m.school_days < minimums.instructional_days:
        found.append(
            Shortfall(
                "instructional_days",
                "school",
                scenario.id,
                "School year",
                minimums.instructional_days,
                m.school_days,
                "days",
            )
        )
    per_student = m.student_minimum
    if per_student is not None and per_student.below:
        _, lowest, required_of_lowest = per_student.below[0]
        found.append(
            Shortfall(
                "instructional_minutes",
                "students",
                "students",
                "Students (lowest)",
                required_of_lowest,
                lowest,
                "min/year",
            )
        )
    # cohorts whose students are counted one by one are judged by them, not by their classes alone
    judged = {s.cohort_id for s in project.students if s.id in m.student_minutes} if per_student else set()
    for cohort in project.cohorts:
        required = minimums.by_grade.get(cohort.grade, minimums.annual_instructional_minutes)
        actual = m.cohort_minutes.get(cohort.id, 0)
        if minimums.count_advisory_as_instruction:
            actual += round(m.cohort_advisory_hours_per_year.get(cohort.id, 0.0) * 60)
        if required is not None and actual < required and cohort.id not in judged:
            found.append(
                Shortfall("instructional_minutes", "cohort", cohort.id, cohort.name, required, actual, "min/year")
            )
        for subject_id, needed in minimums.subject_annual_minutes.items():
            if (cohort.id, subject_id) not in m.cohort_subject_minutes:
                continue  # the cohort does not take that subject in this scenario
            got = m.cohort_subject_minutes[(cohort.id, subject_id)]
            if got < needed:
                subject = next((s.name for s in project.subjects if s.id == subject_id), subject_id)
                found.append(
                    Shortfall(
                        "subject_minutes", "cohort", cohort.id, f"{cohort.name} — {subject}", needed, got, "min/year"
                    )
                )
        if minimums.advisory_minutes_per_week is not None and cohort.id in m.cohort_advisory_minutes_per_week:
            got_f = m.cohort_advisory_minutes_per_week[cohort.id]
            if got_f + 1e-9 < minimums.advisory_minutes_per_week:
                found.append(
                    Shortfall(
                        "advisory_minutes_per_week",
                        "cohort",
                        cohort.id,
                        cohort.name,
                        minimums.advisory_minutes_per_week,
                        got_f,
                        "min/week",
                    )
                )
        if minimums.internship_hours_per_year is not None and cohort.id in m.internship_hours:
            got_f = m.internship_hours[cohort.id]
            if got_f + 1e-9 < minimums.internship_hours_per_year:
                found.append(
                    Shortfall(
                        "internship_hours",
                        "cohort",
                        cohort.id,
                        cohort.name,
                        minimums.internship_hours_per_year,
                        got_f,
                        "h/year",
                    )
                )
    if minimums.team_planning_from_teams:
        for team in project.teams:
            required_week = team.planning_minutes_per_week
            got_f = m.team_planning_per_week.get(team.id, 0.0)
            # compare per cycle, as the team_planning rule does (rounded up requirement)
            if required_week > 0 and got_f * m.weeks_per_cycle + 1e-6 < scenario.per_cycle_requirement(required_week):
                found.append(
                    Shortfall("planning_minutes_per_week", "team", team.id, team.name, required_week, got_f, "min/week")
                )
    return found
