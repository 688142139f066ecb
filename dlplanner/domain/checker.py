"""The independent checker: recomputes every rule of ``docs/rules.md`` from a timetable alone.

The checker is the judge of every solution a test or benchmark produces, so it shares no code
with ``dlplanner.solver``: the geometry of the day (class runs, advisory sittings, overlaps) is
computed here and in ``dlplanner.domain.geometry`` (which the metrics share) from the
bell-schedule blocks, following the words of ``docs/rules.md`` only.

One function per hard rule, ``check_<rule_id>(ctx)``, and one per soft rule,
``penalty_<rule_id>(ctx)`` (the rule's total penalty = units × weight). Readings of the contract
that the words leave open are written in the docstrings and in ``CHECKER_READINGS`` below, so
the solver can match them.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from dlplanner.domain.calendar import Term
from dlplanner.domain.geometry import (
    advisory_sittings,
    away_intervals,
    away_windows,
    class_runs,
    common_free_minutes,
    day_blocks,
    in_term_slice,
    internship_blocks,
    missing_meeting_blocks,
    slice_names,
    term_slices,
    terms_meet_together,
)
from dlplanner.domain.geometry import overlap as _overlap
from dlplanner.domain.model import (
    Advisory,
    Block,
    BlockKind,
    Enrolment,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Project,
    Scenario,
    Section,
    Student,
    TeacherTeam,
    fmt_minutes,
    fmt_time,
)
from dlplanner.domain.problems import RecordRef, named
from dlplanner.domain.students import open_seats, open_sections_by_subject, request_outcomes

K = TypeVar("K")

# Default weights of the soft rules (penalty per unit), as in docs/rules.md.
DEFAULT_WEIGHTS: dict[str, int] = {
    "spread_days": 10,
    "subject_twice_daily": 5,
    "teacher_gaps": 1,
    "consecutive_teaching": 3,
    "teacher_preferences": 2,
    "long_blocks_pbl": 2,
    "daily_load_balance": 1,
    "room_changes": 1,
    "request_unmet": 10,
    "section_balance": 1,
}

CHECKER_READINGS = """\
How the checker reads points docs/rules.md leaves open (the solver must read them the same way):
- Section length: length_minutes, when set, wins over length_blocks; neither set means 1 block.
- Class runs: a stretch of time with no block at all between two class blocks does not break a run
  (only a block of another kind than class/passing does). allow_break_span: all class blocks of the day.
- Two advisory sittings sharing a cohort do not clash (advisories split a cohort into disjoint groups),
  even when their advisories serve different sets of cohorts; a sitting does clash with a meeting of
  one of its cohorts. Advisor and room clashes between sittings are clashes as usual.
- campus_travel for students: one timeline per (cohort, advisory of the cohort) holding the cohort's
  meetings and that advisory's sittings (a cohort without advisory: its meetings), so sittings of two
  advisories of a cohort never count as consecutive.
- advisory_time: the internship exception applies only to advisories with empty meeting_blocks;
  explicitly listed blocks are always sat.
- Terms: the year is cut into slices at term boundaries; a section with no term (or an unknown term)
  is in every slice except inside an intersession, where only the sections limited to it meet (no
  year-long or other term's section, no advisory sitting: they never clash with them). Teacher load
  (teacher_assignment), common planning (team_planning) and "consecutive" (campus_travel) are
  evaluated in each slice separately; the load must hold in every slice and the planning requirement
  in every slice.
- campus_travel: only rooms give campuses (no room, or a room without campus: no constraint).
- teacher_assignment: teacher lists are compared as sets; a repeated teacher is a violation.
- looping team: "a member is qualified" = a member is among the section's candidates (its pool, or the
  teachers qualified for the subject when the pool is empty); then every teacher of every meeting of
  the section must be a member. Several prior pairings for one cohort and kind: their teachers are
  pooled; for `team`, any prior team that passes the test satisfies the rule.
- Soft rules and terms: subject_twice_daily, teacher_gaps, consecutive_teaching and daily_load_balance
  count each teacher's (cohort's) units in each slice separately, from the meetings running in it,
  and take the slice with the most (that person's worst week of the year); the other soft rules look
  at one meeting or one section, whose meetings all run in the same term, and ignore terms.
- teacher_gaps / consecutive_teaching: a class block is taught when one of the teacher's meetings
  overlaps it; "in a row" means adjacent class blocks of one class run (a lunch or advisory block
  breaks the row); a streak of s taught blocks costs max(0, s - max_consecutive_teaching_blocks) units.
- teacher_preferences: one unit per (meeting, teacher) pair whose meeting overlaps any avoid window.
- daily_load_balance: over every day type of the cycle (0 minutes counts), units = floor(spread / 30).
- looping_soft: each broken soft rule costs its own LoopingRule.weight (RuleSettings.weights is not used);
  a cohort's advisor rule costs it once per advisory group of the cohort not led by last year's advisor.
- looping per advisory: a rule with advisory_id keeps last year's advisor of that advisory (its pairings:
  those of kind advisor with the same advisory_id); a cohort's advisor rule pools every advisor pairing
  of the cohort, advisory-level ones included, and a cohort with no advisory breaks it once.
- Students: a student is busy in their cohort's meetings, in every sitting of an advisory of their cohort
  and of their own advisory, during their cohort's internship windows (± travel) and in the meetings of
  the sections they are enrolled in. student_clash looks only at pairs with an enrolled meeting (a
  clash among cohort meetings is cohort_clash's); an enrolment in a section of the student's own cohort
  adds nothing. Enrolments naming an unknown student or section are section_capacity violations.
- section_balance: the enrolments (from requests) of a subject's open sections, max - min, per subject
  with two or more open sections.
"""


@dataclass
class Violation:
    """One broken hard rule, said in plain words, with the records it is about."""

    rule_id: str
    message: str
    records: list[RecordRef] = field(default_factory=list)


@dataclass
class CheckReport:
    violations: list[Violation] = field(default_factory=list)
    penalties: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def total_penalty(self) -> int:
        return sum(self.penalties.values())

    def by_rule(self) -> dict[str, list[Violation]]:
        result: dict[str, list[Violation]] = {}
        for violation in self.violations:
            result.setdefault(violation.rule_id, []).append(violation)
        return result


# -- the context: lookups and the geometry of each day, computed once ----------------------------


@dataclass
class Event:
    """A meeting or an advisory sitting: something that occupies people and a room for a while."""

    label: str  # "Biology 9" or "advisory Crew 3"
    ref: RecordRef
    day_type_id: str
    start: int
    end: int
    term_id: str | None
    room_id: str | None
    teacher_ids: tuple[str, ...]
    cohort_ids: tuple[str, ...]
    is_sitting: bool
    placement: Placement | None = None


@dataclass
class _Day:
    """The geometry of one day type, from its bell schedule's blocks."""

    name: str
    blocks: list[Block]  # every block, by (start, end)
    class_blocks: list[Block]
    runs: list[list[Block]]  # class runs
    wide_runs: list[list[Block]]  # with allow_break_span: the whole day


def _day_geometry(name: str, blocks: list[Block]) -> _Day:
    class_blocks = [b for b in blocks if b.kind == BlockKind.CLASS]
    return _Day(name, blocks, class_blocks, class_runs(blocks), class_runs(blocks, allow_break_span=True))


def span(start: int, end: int) -> str:
    """A stretch of time as messages show it: 8:00–8:50."""
    return f"{fmt_time(start)}–{fmt_time(end)}"


class CheckContext:
    """Everything the rule functions read: the timetable, lookups and the day geometry."""

    def __init__(
        self,
        project: Project,
        scenario: Scenario,
        placements: list[Placement],
        advisors: dict[str, str] | None = None,
        team_cohorts: dict[str, list[str]] | None = None,
        enrolments: list[Enrolment] | None = None,
    ) -> None:
        self.project = project
        self.scenario = scenario
        self.placements = placements
        self.advisors = scenario.solution.advisors if advisors is None else advisors
        self.team_cohorts = scenario.solution.team_cohorts if team_cohorts is None else team_cohorts
        self.enrolments = enrolments or []
        self.students = {s.id: s for s in project.students}
        self.teachers = {t.id: t for t in project.teachers}
        self.rooms = {r.id: r for r in project.rooms}
        self.cohorts = {c.id: c for c in project.cohorts}
        self.subjects = {s.id: s for s in project.subjects}
        self.teams = {t.id: t for t in project.teams}
        self.advisories = {a.id: a for a in project.advisories}
        self.sections = {s.id: s for s in scenario.sections}
        self.terms: dict[str, Term] = {t.id: t for t in scenario.calendar.terms}
        names = {d.id: d.name for d in scenario.day_types}
        self.days: dict[str, _Day] = {
            day_type_id: _day_geometry(names[day_type_id], blocks)
            for day_type_id, blocks in day_blocks(scenario).items()
        }
        self.weights = {**DEFAULT_WEIGHTS, **scenario.rules.weights}
        self.advisory_problems: list[Violation] = []
        self.meetings = [self._meeting_event(p) for p in placements if p.section_id in self.sections]
        self.sittings = self._advisory_sittings()
        self.events = self.meetings + self.sittings
        self._slices: list[frozenset[str]] | None = None
        self._together: dict[tuple[str | None, str | None], bool] = {}
        self._fixed_by: tuple[dict[str, list[Event]], ...] | None = None

    def advisor_of(self, advisory: Advisory) -> str:
        """The advisory's advisor, or the one the timetable chose ('' when it has none)."""
        return advisory.advisor_id or self.advisors.get(advisory.id, "")

    def cohorts_of(self, team: TeacherTeam) -> list[str]:
        """The team's cohorts: its own and those the timetable chose from its pool."""
        return list(dict.fromkeys([*team.cohort_ids, *self.team_cohorts.get(team.id, [])]))

    # names for messages
    def day_name(self, day_type_id: str) -> str:
        day = self.days.get(day_type_id)
        return day.name if day else f"day type '{day_type_id}'"

    def when(self, day_type_id: str, start: int, end: int) -> str:
        return f"{self.day_name(day_type_id)} {span(start, end)}"

    def teacher_name(self, teacher_id: str) -> str:
        teacher = self.teachers.get(teacher_id)
        return teacher.name if teacher else f"teacher '{teacher_id}'"

    def teacher_ref(self, teacher_id: str) -> RecordRef:
        return RecordRef("teacher", teacher_id, self.teacher_name(teacher_id))

    def cohort_name(self, cohort_id: str) -> str:
        cohort = self.cohorts.get(cohort_id)
        return named("Cohort", cohort.name if cohort else cohort_id)

    def cohort_ref(self, cohort_id: str) -> RecordRef:
        cohort = self.cohorts.get(cohort_id)
        return RecordRef("cohort", cohort_id, cohort.name if cohort else cohort_id)

    def room_name(self, room_id: str) -> str:
        room = self.rooms.get(room_id)
        return room.name if room else f"room '{room_id}'"

    def room_ref(self, room_id: str) -> RecordRef:
        room = self.rooms.get(room_id)
        return RecordRef("room", room_id, room.name if room else room_id)

    def section_ref(self, section: Section) -> RecordRef:
        return RecordRef("section", section.id, section.name)

    # events
    def _meeting_event(self, p: Placement) -> Event:
        section = self.sections[p.section_id]
        return Event(
            label=section.name,
            ref=self.section_ref(section),
            day_type_id=p.day_type_id,
            start=p.start,
            end=p.end,
            term_id=section.term_id,
            room_id=p.room_id,
            teacher_ids=tuple(dict.fromkeys(p.teacher_ids)),
            cohort_ids=tuple(dict.fromkeys(section.cohort_ids)),
            is_sitting=False,
            placement=p,
        )

    def internship_blocks(self, cohort_ids: Iterable[str], day_type_id: str, start: int, end: int) -> bool:
        """Whether [start, end) overlaps an internship window (± travel) of one of the cohorts."""
        return internship_blocks(self.scenario, cohort_ids, day_type_id, start, end)

    def _advisory_sittings(self) -> list[Event]:
        sittings: list[Event] = []
        blocks_by_day = {day_type_id: day.blocks for day_type_id, day in self.days.items()}
        for advisory in self.project.advisories:
            ref = RecordRef("advisory", advisory.id, advisory.name)
            label = named("advisory", advisory.name)
            slots = advisory_sittings(self.scenario, advisory, blocks_by_day, self.advisor_of(advisory))
            for block_ref in missing_meeting_blocks(advisory, blocks_by_day):
                where = f"block '{block_ref.block_id}' of {self.day_name(block_ref.day_type_id)}"
                self.advisory_problems.append(
                    Violation(
                        "advisory_time",
                        f"{named('Advisory', advisory.name)} is set to meet in {where}, which does not exist",
                        [ref],
                    )
                )
            if not advisory.meeting_blocks and not slots:
                self.advisory_problems.append(
                    Violation(
                        "advisory_time",
                        f"{named('Advisory', advisory.name)} has no advisory block to meet in (none in the cycle, "
                        "or all during its cohorts' internships)",
                        [ref],
                    )
                )
            sittings += [
                Event(label, ref, s.day_type_id, s.start, s.end, None, s.room_id, s.teacher_ids, s.cohort_ids, True)
                for s in slots
            ]
        return sittings

    # terms
    def terms_overlap(self, a: str | None, b: str | None) -> bool:
        """Whether meetings of the two terms meet in one part of the year (never inside and outside an intersession)."""
        key = (a, b) if (a or "") <= (b or "") else (b, a)
        if key not in self._together:
            self._together[key] = terms_meet_together(self.terms, self.slices(), a, b)
        return self._together[key]

    def slices(self) -> list[frozenset[str]]:
        """The parts of the year between term boundaries, each as the set of term ids running in it."""
        if self._slices is None:
            self._slices = term_slices(self.terms, (e.term_id for e in self.meetings))
        return self._slices

    def in_slice(self, event: Event, active: frozenset[str]) -> bool:
        return in_term_slice(event.term_id, self.terms, active)

    def slice_label(self, active: frozenset[str]) -> str:
        if len(self.slices()) <= 1:
            return ""
        if not active:
            return " (outside the terms)"
        return f" (in {slice_names(self.terms, active)})"

    def section_meetings(self) -> dict[str, list[Placement]]:
        by_section: dict[str, list[Placement]] = defaultdict(list)
        for p in self.placements:
            by_section[p.section_id].append(p)
        return by_section

    # students
    def student_fixed_events(self, student: Student) -> list[Event]:
        """What a student's cohort and advisory fix in their week: the cohort's meetings, and the sittings of
        the cohort's advisories and of their own (the request bound reads the week as the checker does)."""
        if self._fixed_by is None:
            self._fixed_by = (
                _by_resource(self.meetings, lambda e: e.cohort_ids),
                _by_resource(self.sittings, lambda e: e.cohort_ids),
                _by_resource(self.sittings, lambda e: [e.ref.id]),
            )
        cohort_meetings, sittings_of_cohort, sittings_of_advisory = self._fixed_by
        cohort = student.cohort_id or ""
        sittings = {
            id(e): e
            for e in [*sittings_of_cohort.get(cohort, []), *sittings_of_advisory.get(student.advisory_id or "", [])]
        }
        return [*cohort_meetings.get(cohort, []), *sittings.values()]

    def events_clash(self, a: Event, b: Event) -> bool:
        """Same day type, overlapping times and a part of the year in common."""
        return (
            a.day_type_id == b.day_type_id
            and _overlap(a.start, a.end, b.start, b.end)
            and self.terms_overlap(a.term_id, b.term_id)
        )


def _by_resource(events: Iterable[Event], key: Callable[[Event], Iterable[K]]) -> dict[K, list[Event]]:
    grouped: dict[K, list[Event]] = defaultdict(list)
    for event in events:
        for resource in key(event):
            grouped[resource].append(event)
    return grouped


# A group of k events linked by clashes is reported pair by pair while it holds at most
# PAIRS_PER_EVENT × k clashing pairs (a chain, three meetings at once); a denser one (a timetable
# stacking dozens of meetings on one teacher or room) as one finding naming them all, so the report
# grows with the number of events, never with the number of pairs.
PAIRS_PER_EVENT = 2


class _Links:
    """Union-find over the events of one day: which events are linked by a chain of clashes."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _clash_groups(ctx: CheckContext, day_events: list[Event], sittings_share: bool) -> list[list[int]]:
    """Groups (positions in ``day_events``, sorted by time) of one resource's events linked by clashes.

    Two events clash when their times and terms overlap (and, with ``sittings_share``, they are
    not both sittings). A sweep by start time keeps the running events per (term, sitting or not);
    all running events of one such key clash with each other, so a new event is linked to one of
    them per clashing key instead of to each: time and memory grow with the events, not the pairs.
    """
    links = _Links(len(day_events))
    running: dict[tuple[str | None, bool], list[tuple[int, int]]] = defaultdict(list)  # heaps of (end, position)
    for j, event in enumerate(day_events):
        for heap in running.values():
            while heap and heap[0][0] <= event.start:
                heapq.heappop(heap)
        for (term_id, is_sitting), heap in running.items():
            if not heap or not ctx.terms_overlap(term_id, event.term_id):
                continue
            if sittings_share and is_sitting:
                if not event.is_sitting:  # running sittings need not be linked to each other
                    for end, i in heap:
                        if end > event.start:
                            links.join(i, j)
            elif event.end > event.start:
                links.join(heap[0][1], j)
            else:  # an event that ends before it starts overlaps only some of the running ones
                for _, i in heap:
                    if _overlap(day_events[i].start, day_events[i].end, event.start, event.end):
                        links.join(i, j)
        if event.end > event.start:
            heapq.heappush(running[(event.term_id, event.is_sitting)], (event.end, j))
    groups: dict[int, list[int]] = defaultdict(list)
    for j in range(len(day_events)):
        groups[links.find(j)].append(j)
    return [group for group in groups.values() if len(group) > 1]


def _clashes(
    ctx: CheckContext,
    rule_id: str,
    resources: Callable[[Event], Iterable[str]],
    name: Callable[[str], str],
    ref: Callable[[str], RecordRef],
    verb: str,
    sittings_share: bool = False,
) -> list[Violation]:
    """The overlapping events that share a resource (teacher, cohort, room), per day type by a sweep.

    One violation per clashing pair of a group of linked events; one naming all its events for a
    group with more than ``PAIRS_PER_EVENT`` clashing pairs per event.
    """
    violations = []
    for resource_id, events in _by_resource(ctx.events, resources).items():
        by_day: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            by_day[event.day_type_id].append(event)
        for day_events in by_day.values():
            day_events.sort(key=lambda e: (e.start, e.end))
            found: list[tuple[tuple[int, int], Violation]] = []  # in the order of a pairwise sweep
            for group in _clash_groups(ctx, day_events, sittings_share):
                pairs = _pairs_in_group(ctx, day_events, group, sittings_share, PAIRS_PER_EVENT * len(group))
                if pairs is None:
                    found.append(
                        ((group[-1], -1), _group_clash(ctx, rule_id, resource_id, name, ref, verb, day_events, group))
                    )
                    continue
                for i, j in pairs:
                    a, b = day_events[i], day_events[j]
                    start, end = max(a.start, b.start), min(a.end, b.end)
                    message = (
                        f"{name(resource_id)} {verb} {a.label} and {b.label} at the same time on "
                        f"{ctx.when(a.day_type_id, start, end)}"
                    )
                    found.append(((j, i), Violation(rule_id, message, [ref(resource_id), a.ref, b.ref])))
            violations += [violation for _, violation in sorted(found, key=lambda item: item[0])]
    return violations


def _pairs_in_group(
    ctx: CheckContext, day_events: list[Event], group: list[int], sittings_share: bool, most: int
) -> list[tuple[int, int]] | None:
    """The clashing pairs (i, j), i before j, of a group of linked events; None once there are more than ``most``.

    A sweep over the group: the work stops soon after ``most`` pairs, however dense the group.
    """
    pairs: list[tuple[int, int]] = []
    running: list[int] = []
    for j in group:
        b = day_events[j]
        running = [i for i in running if day_events[i].end > b.start]
        for i in running:
            a = day_events[i]
            if sittings_share and a.is_sitting and b.is_sitting:
                continue
            if _overlap(a.start, a.end, b.start, b.end) and ctx.terms_overlap(a.term_id, b.term_id):
                pairs.append((i, j))
                if len(pairs) > most:
                    return None
        running.append(j)
    return pairs


def _group_clash(
    ctx: CheckContext,
    rule_id: str,
    resource_id: str,
    name: Callable[[str], str],
    ref: Callable[[str], RecordRef],
    verb: str,
    day_events: list[Event],
    group: list[int],
) -> Violation:
    """One finding for many events of one resource linked by clashes: each named with its time."""
    events = [day_events[i] for i in group]
    shown = ", ".join(f"{e.label} ({span(e.start, e.end)})" for e in events[:8])
    more = f" and {len(events) - 8} more" if len(events) > 8 else ""
    start, end = min(e.start for e in events), max(e.end for e in events)
    refs = list({(r.kind, r.id): r for r in (e.ref for e in events)}.values())
    return Violation(
        rule_id,
        f"{name(resource_id)} {verb} {len(events)} overlapping meetings or sittings on "
        f"{ctx.when(events[0].day_type_id, start, end)}: {shown}{more}",
        [ref(resource_id), *refs],
    )


def check_teacher_clash(ctx: CheckContext) -> list[Violation]:
    """A teacher is in at most one meeting or advisory sitting at a time."""
    return _clashes(ctx, "teacher_clash", lambda e: e.teacher_ids, ctx.teacher_name, ctx.teacher_ref, "teaches")


def check_cohort_clash(ctx: CheckContext) -> list[Violation]:
    """A cohort (and so every student in it) is in at most one meeting at a time, and in none during its sittings.

    Two advisory sittings sharing a cohort do not clash: advisories sharing a cohort split it into
    disjoint groups, which normally sit at the same time.
    """
    return _clashes(
        ctx,
        "cohort_clash",
        lambda e: e.cohort_ids,
        ctx.cohort_name,
        ctx.cohort_ref,
        "has",
        sittings_share=True,
    )


def check_room_clash(ctx: CheckContext) -> list[Violation]:
    """A room hosts at most one meeting or advisory sitting at a time."""
    return _clashes(ctx, "room_clash", lambda e: [e.room_id] if e.room_id else [], ctx.room_name, ctx.room_ref, "hosts")


MISSING_SHOWN = 12  # missing meeting numbers named in one message


def _missing_meetings(n: int, indexes: list[int]) -> list[int]:
    """The meeting indexes 0 … n-1 not among ``indexes``: all of them when few, else the first
    MISSING_SHOWN + 1 (a damaged count such as 2**63 must not be walked through)."""
    placed = set(indexes)
    missing: list[int] = []
    i = 0
    while i < n and len(missing) <= MISSING_SHOWN:
        if i not in placed:
            missing.append(i)
        i += 1
    return missing


def check_meeting_count(ctx: CheckContext) -> list[Violation]:
    """Every section has exactly meetings_per_cycle meetings, with distinct indexes 0 … n-1."""
    violations = []
    by_section = ctx.section_meetings()
    for section in ctx.scenario.sections:
        ref = ctx.section_ref(section)
        placed = by_section.get(section.id, [])
        n = section.meetings_per_cycle
        indexes = [p.meeting for p in placed]
        missing = _missing_meetings(n, indexes)
        if missing and not placed:
            violations.append(
                Violation("meeting_count", f"{section.name} is not placed ({n} meetings needed per cycle)", [ref])
            )
        elif missing:
            which = ", ".join(str(i + 1) for i in missing[:MISSING_SHOWN])
            if len(missing) > MISSING_SHOWN:
                which += f" … ({n - len({i for i in indexes if 0 <= i < n})} in all)"
            violations.append(
                Violation(
                    "meeting_count",
                    f"{section.name}: meeting {which} of {n} is not placed",
                    [ref],
                )
            )
        extra = sorted({i for i in indexes if not 0 <= i < n})
        if extra:
            violations.append(
                Violation(
                    "meeting_count",
                    f"{section.name} has meetings numbered {', '.join(str(i) for i in extra)} "
                    f"but only {n} per cycle (indexes 0–{n - 1})",
                    [ref],
                )
            )
        repeated = sorted({i for i in indexes if indexes.count(i) > 1})
        if repeated:
            violations.append(
                Violation(
                    "meeting_count",
                    f"{section.name} has meeting index {', '.join(str(i) for i in repeated)} placed more than once",
                    [ref],
                )
            )
    for section_id in by_section:
        if section_id not in ctx.sections:
            violations.append(
                Violation(
                    "meeting_count",
                    f"The timetable places section '{section_id}', which is not in scenario {ctx.scenario.name}",
                    [RecordRef("section", section_id, section_id)],
                )
            )
    return violations


def _runs_for(ctx: CheckContext, section: Section, day_type_id: str) -> list[list[Block]]:
    day = ctx.days[day_type_id]
    return day.wide_runs if section.allow_break_span else day.runs


def check_meeting_length(ctx: CheckContext) -> list[Violation]:
    """A meeting starts at the start of a class block and lasts its section's length (blocks or minutes)."""
    violations = []
    for event in ctx.meetings:
        if event.day_type_id not in ctx.days:
            continue  # reported by class_time
        section = ctx.sections[event.ref.id]
        what = f"{section.name} on {ctx.when(event.day_type_id, event.start, event.end)}"
        ref = [event.ref]
        if event.end <= event.start:
            violations.append(Violation("meeting_length", f"{what} ends before it starts", ref))
            continue
        starts = [
            (run, i)
            for run in _runs_for(ctx, section, event.day_type_id)
            for i, b in enumerate(run)
            if b.start == event.start
        ]
        if not starts:
            violations.append(Violation("meeting_length", f"{what} does not start at the start of a class block", ref))
            continue
        if section.length_minutes is not None:
            length = event.end - event.start
            if length != section.length_minutes:
                violations.append(
                    Violation(
                        "meeting_length",
                        f"{what} lasts {fmt_minutes(length)} min instead of {fmt_minutes(section.length_minutes)} min",
                        ref,
                    )
                )
            continue
        k = section.length_blocks or 1
        fits = [run[i + k - 1].end for run, i in starts if i + k <= len(run)]
        if not fits:
            violations.append(
                Violation(
                    "meeting_length",
                    f"{what} needs {k} class blocks in a row from {fmt_time(event.start)}, but its class run has fewer",
                    ref,
                )
            )
        elif event.end not in fits:
            violations.append(
                Violation(
                    "meeting_length",
                    f"{what} should end at {fmt_time(fits[0])} ({k} class block{'s' if k > 1 else ''})",
                    ref,
                )
            )
    return violations


def check_class_time(ctx: CheckContext) -> list[Violation]:
    """A meeting lies inside one class run of its day type (allow_break_span: the whole day's class time)."""
    violations = []
    for event in ctx.meetings:
        section = ctx.sections[event.ref.id]
        if event.day_type_id not in ctx.days:
            violations.append(
                Violation(
                    "class_time",
                    f"{section.name} is placed on day type '{event.day_type_id}', "
                    f"which is not in scenario {ctx.scenario.name}",
                    [event.ref],
                )
            )
            continue
        runs = _runs_for(ctx, section, event.day_type_id)
        if not any(run[0].start <= event.start and event.end <= run[-1].end for run in runs):
            violations.append(
                Violation(
                    "class_time",
                    f"{section.name} on {ctx.when(event.day_type_id, event.start, event.end)} "
                    "is not within class time (it leaves its class run)",
                    [event.ref],
                )
            )
    return violations


def check_teacher_available(ctx: CheckContext) -> list[Violation]:
    """No teacher's meeting or advisory sitting overlaps one of the teacher's unavailable windows."""
    violations = []
    for teacher_id, events in _by_resource(ctx.events, lambda e: e.teacher_ids).items():
        teacher = ctx.teachers.get(teacher_id)
        if teacher is None or not teacher.unavailable:
            continue
        for event in events:
            for window in teacher.unavailable:
                if window.overlaps(event.day_type_id, event.start, event.end):
                    verb = "has" if event.is_sitting else "teaches"
                    violations.append(
                        Violation(
                            "teacher_available",
                            f"{teacher.name} {verb} {event.label} on "
                            f"{ctx.when(event.day_type_id, event.start, event.end)} "
                            f"but is unavailable {span(window.start, window.end)}",
                            [ctx.teacher_ref(teacher_id), event.ref],
                        )
                    )
                    break
    return violations


def check_room_fit(ctx: CheckContext) -> list[Violation]:
    """Each meeting has a room (when the project has rooms) that is its fixed room and has the features and seats."""
    violations = []
    for event in ctx.meetings:
        section = ctx.sections[event.ref.id]
        what = f"{section.name} on {ctx.when(event.day_type_id, event.start, event.end)}"
        violations += room_fit_violations(ctx, section, event.room_id, what, event.ref)
    return violations


def room_fit_violations(
    ctx: CheckContext, section: Section, room_id: str | None, what: str, ref: RecordRef
) -> list[Violation]:
    """The `room_fit` rule for one meeting of ``section`` in ``room_id`` (also the drag check's answer)."""
    if room_id is None:
        return [Violation("room_fit", f"{what} has no room", [ref])] if ctx.rooms else []
    room = ctx.rooms.get(room_id)
    refs = [ref, ctx.room_ref(room_id)]
    if room is None:
        return [Violation("room_fit", f"{what} is in room '{room_id}', which does not exist", refs)]
    violations = []
    if section.room_id and section.room_id != room.id:
        violations.append(
            Violation(
                "room_fit",
                f"{what} is in {ctx.room_name(room.id)} but must be in {ctx.room_name(section.room_id)}",
                refs,
            )
        )
    lacking = sorted(section.room_features - room.features)
    if lacking:
        violations.append(
            Violation(
                "room_fit",
                f"{what} is in {ctx.room_name(room.id)}, which lacks {', '.join(f'`{f}`' for f in lacking)}",
                refs,
            )
        )
    needed = ctx.project.seats_needed(section)
    if room.capacity < needed:
        violations.append(
            Violation(
                "room_fit", f"{what} needs {needed} seats but {ctx.room_name(room.id)} holds {room.capacity}", refs
            )
        )
    return violations


def _campus_of(ctx: CheckContext, event: Event) -> str | None:
    room = ctx.rooms.get(event.room_id) if event.room_id else None
    return room.campus_id if room else None


def check_campus_travel(ctx: CheckContext) -> list[Violation]:
    """A teacher or cohort moving between campuses has the travel minutes between consecutive meetings/sittings.

    Students are followed per advisory (see :func:`_student_timelines`): the students of one advisory
    are never in a sitting of another advisory of their cohort.
    """
    violations = []
    seen: set[tuple[str, int, int]] = set()
    resources = [
        ("teacher", _by_resource(ctx.events, lambda e: e.teacher_ids).items()),
        ("cohort", _student_timelines(ctx)),
    ]
    for kind, grouped in resources:
        for resource_id, events in grouped:
            by_day: dict[str, list[Event]] = defaultdict(list)
            for event in events:
                by_day[event.day_type_id].append(event)
            for day_events in by_day.values():
                for active in ctx.slices():
                    ordered = sorted((e for e in day_events if ctx.in_slice(e, active)), key=lambda e: (e.start, e.end))
                    for a, b in itertools.pairwise(ordered):
                        campus_a, campus_b = _campus_of(ctx, a), _campus_of(ctx, b)
                        travel = ctx.project.travel_minutes(campus_a, campus_b)
                        gap = b.start - a.end
                        key = (resource_id, id(a), id(b))
                        if travel <= 0 or gap >= travel or key in seen:
                            continue
                        seen.add(key)
                        who = ctx.teacher_name(resource_id) if kind == "teacher" else ctx.cohort_name(resource_id)
                        who_ref = ctx.teacher_ref(resource_id) if kind == "teacher" else ctx.cohort_ref(resource_id)
                        names = {c.id: c.name for c in ctx.project.campuses}
                        violations.append(
                            Violation(
                                "campus_travel",
                                f"{who} has {max(gap, 0)} min on {ctx.day_name(a.day_type_id)} between {a.label} "
                                f"(ends {fmt_time(a.end)}, {names.get(campus_a or '', campus_a)}) and {b.label} "
                                f"(starts {fmt_time(b.start)}, {names.get(campus_b or '', campus_b)}) "
                                f"but needs {travel} min to travel",
                                [who_ref, a.ref, b.ref],
                            )
                        )
    return violations


def _student_timelines(ctx: CheckContext) -> list[tuple[str, list[Event]]]:
    """(cohort id, events) per group of students: a cohort's meetings with the sittings of one of its advisories.

    Advisories sharing a cohort are disjoint groups of it, so each student follows the cohort's
    meetings and the sittings of one advisory; a cohort without advisory follows its meetings alone.
    """
    meetings = _by_resource(ctx.meetings, lambda e: e.cohort_ids)
    sittings: dict[str, dict[str, list[Event]]] = defaultdict(dict)
    for event in ctx.sittings:
        for cohort_id in event.cohort_ids:
            sittings[cohort_id].setdefault(event.ref.id, []).append(event)
    timelines = []
    for cohort_id in dict.fromkeys([*meetings, *sittings]):
        groups = list(sittings[cohort_id].values()) if cohort_id in sittings else [[]]
        timelines += [(cohort_id, meetings.get(cohort_id, []) + group) for group in groups]
    return timelines


def check_teacher_assignment(ctx: CheckContext) -> list[Violation]:
    """Meetings have the right teachers (fixed, or the same qualified pool choice each time) within their load."""
    violations = []
    by_section = ctx.section_meetings()
    for section in ctx.scenario.sections:
        ref = ctx.section_ref(section)
        placed = by_section.get(section.id, [])
        for p in placed:
            what = f"{section.name} on {ctx.when(p.day_type_id, p.start, p.end)}"
            names = ", ".join(ctx.teacher_name(t) for t in p.teacher_ids) or "no teacher"
            refs = [ref, *(ctx.teacher_ref(t) for t in dict.fromkeys(p.teacher_ids))]
            unknown = [t for t in p.teacher_ids if t not in ctx.teachers]
            if unknown:
                violations.append(
                    Violation(
                        "teacher_assignment",
                        f"{what} names teacher(s) {', '.join(repr(t) for t in unknown)}, who do not exist",
                        refs,
                    )
                )
            if len(set(p.teacher_ids)) != len(p.teacher_ids):
                violations.append(Violation("teacher_assignment", f"{what} lists a teacher twice ({names})", refs))
            if section.fixed_teachers:
                if set(p.teacher_ids) != set(section.teacher_ids):
                    wanted = ", ".join(ctx.teacher_name(t) for t in section.teacher_ids)
                    violations.append(
                        Violation(
                            "teacher_assignment",
                            f"{what} is taught by {names} but must be taught by {wanted}",
                            refs,
                        )
                    )
                continue
            distinct = set(p.teacher_ids)
            if len(distinct) != section.teachers_needed:
                violations.append(
                    Violation(
                        "teacher_assignment",
                        f"{what} has {len(distinct)} teacher(s) ({names}) but needs {section.teachers_needed}",
                        refs,
                    )
                )
            allowed = {t.id for t in ctx.project.qualified_teachers(section)}
            for teacher_id in sorted(distinct - allowed):
                reason = "not in its teacher pool" if section.teacher_pool else "not qualified for the subject"
                violations.append(
                    Violation(
                        "teacher_assignment",
                        f"{ctx.teacher_name(teacher_id)} teaches {what} but is {reason}",
                        [ref, ctx.teacher_ref(teacher_id)],
                    )
                )
        if not section.fixed_teachers:
            choices = {frozenset(p.teacher_ids) for p in placed}
            if len(choices) > 1:
                listed = "; ".join(
                    sorted(", ".join(sorted(ctx.teacher_name(t) for t in c)) or "no teacher" for c in choices)
                )
                violations.append(
                    Violation(
                        "teacher_assignment",
                        f"The meetings of {section.name} have different teachers ({listed}); all must have the same",
                        [ref],
                    )
                )
    # load per cycle, in every slice of the year
    meetings_of = _by_resource(ctx.meetings, lambda e: e.teacher_ids)
    for teacher_id, teacher in ctx.teachers.items():
        if teacher.max_minutes_per_week is None:
            continue
        limit = ctx.scenario.per_cycle_limit(teacher.max_minutes_per_week)
        own = meetings_of.get(teacher_id, [])
        for active in ctx.slices():
            load = sum(e.end - e.start for e in own if ctx.in_slice(e, active))
            if load > limit:
                violations.append(
                    Violation(
                        "teacher_assignment",
                        f"{teacher.name} teaches {fmt_minutes(load)} min per cycle{ctx.slice_label(active)} "
                        f"but may teach at most {fmt_minutes(limit)} min "
                        f"({fmt_minutes(teacher.max_minutes_per_week)} min per week)",
                        [ctx.teacher_ref(teacher_id)],
                    )
                )
    return violations


def check_advisory_time(ctx: CheckContext) -> list[Violation]:
    """An advisory sits in each of its meeting blocks (or every advisory block clear of internships) with its people."""
    violations = list(ctx.advisory_problems)
    for advisory in ctx.project.advisories:
        ref = RecordRef("advisory", advisory.id, advisory.name)
        label = named("Advisory", advisory.name)
        if advisory.advisor_id and advisory.advisor_id not in ctx.teachers:
            violations.append(
                Violation("advisory_time", f"{label} has advisor '{advisory.advisor_id}', who does not exist", [ref])
            )
        if advisory.room_id is not None and advisory.room_id not in ctx.rooms:
            violations.append(
                Violation("advisory_time", f"{label} meets in room '{advisory.room_id}', which does not exist", [ref])
            )
        for cohort_id in advisory.cohort_ids:
            if cohort_id not in ctx.cohorts:
                violations.append(
                    Violation("advisory_time", f"{label} serves cohort '{cohort_id}', which does not exist", [ref])
                )
    return violations


def _advisory_campus(ctx: CheckContext, advisory: Advisory) -> str | None:
    room = ctx.rooms.get(advisory.room_id or "")
    if room is not None and room.campus_id:
        return room.campus_id
    for cohort_id in advisory.cohort_ids:
        cohort = ctx.cohorts.get(cohort_id)
        if cohort is not None and cohort.campus_id:
            return cohort.campus_id
    return None


def check_advisor_choice(ctx: CheckContext) -> list[Violation]:
    """An advisory left to the solver has one advisor from its pool (or any teacher), on its campus, within limits."""
    violations = []
    led: dict[str, list[Advisory]] = defaultdict(list)
    for advisory in ctx.project.advisories:
        ref = RecordRef("advisory", advisory.id, advisory.name)
        label = named("Advisory", advisory.name)
        advisor = ctx.advisor_of(advisory)
        if advisor:
            led[advisor].append(advisory)
        if advisory.advisor_id:
            continue
        if not advisor:
            violations.append(Violation("advisor_choice", f"{label} has no advisor chosen", [ref]))
            continue
        refs = [ref, ctx.teacher_ref(advisor)]
        teacher = ctx.teachers.get(advisor)
        if teacher is None:
            violations.append(
                Violation("advisor_choice", f"{label} is led by '{advisor}', who is not a teacher of the school", refs)
            )
            continue
        if advisory.advisor_pool and advisor not in advisory.advisor_pool:
            violations.append(
                Violation("advisor_choice", f"{label} is led by {teacher.name}, who is not in its advisor pool", refs)
            )
        campus = _advisory_campus(ctx, advisory)
        if campus is not None and teacher.campus_id is not None and teacher.campus_id != campus:
            names = {c.id: c.name for c in ctx.project.campuses}
            violations.append(
                Violation(
                    "advisor_choice",
                    f"{label} meets at {names.get(campus, campus)} but its advisor {teacher.name} is based at "
                    f"{names.get(teacher.campus_id, teacher.campus_id)}",
                    refs,
                )
            )
    for teacher_id, advisories in led.items():
        teacher = ctx.teachers.get(teacher_id)
        limit = teacher.max_advisories if teacher else None
        if limit is not None and len(advisories) > limit:
            listed = ", ".join(a.name for a in advisories)
            violations.append(
                Violation(
                    "advisor_choice",
                    f"{ctx.teacher_name(teacher_id)} leads {len(advisories)} advisories ({listed}) but may lead "
                    f"at most {limit}",
                    [ctx.teacher_ref(teacher_id), *(RecordRef("advisory", a.id, a.name) for a in advisories)],
                )
            )
    return violations


def check_team_choice(ctx: CheckContext) -> list[Violation]:
    """A team takes its number of cohorts from its pool, a cohort goes to one team at most, and the team teaches it."""
    violations = []
    taken_by: dict[str, list[TeacherTeam]] = defaultdict(list)
    for team in ctx.project.teams:
        chosen = list(dict.fromkeys(ctx.team_cohorts.get(team.id, [])))
        if not chosen and team.cohorts_needed <= 0:
            continue
        name = named("Team", team.name)
        team_ref = RecordRef("team", team.id, team.name)
        outside = [c for c in chosen if c not in team.cohort_pool or c in team.cohort_ids]
        if outside:
            violations.append(
                Violation(
                    "team_choice",
                    f"{name} takes {', '.join(ctx.cohort_name(c) for c in outside)}, not in its cohort pool",
                    [team_ref, *(ctx.cohort_ref(c) for c in outside)],
                )
            )
        if len(chosen) != team.cohorts_needed:
            violations.append(
                Violation(
                    "team_choice",
                    f"{name} takes {len(chosen)} cohort(s) from its pool but needs {team.cohorts_needed}",
                    [team_ref],
                )
            )
        members = set(team.member_ids)
        for cohort_id in chosen:
            taken_by[cohort_id].append(team)
            for event in ctx.meetings:
                section = ctx.sections[event.ref.id]
                if section.fixed_teachers or cohort_id not in section.cohort_ids:
                    continue
                candidates = {t.id for t in ctx.project.qualified_teachers(section)}
                if members & candidates and not set(event.teacher_ids) <= members:
                    outsiders = ", ".join(ctx.teacher_name(t) for t in event.teacher_ids if t not in members)
                    violations.append(
                        Violation(
                            "team_choice",
                            f"{section.name} on {ctx.when(event.day_type_id, event.start, event.end)} is taught by "
                            f"{outsiders}, not by {name}, which took {ctx.cohort_name(cohort_id)}",
                            [team_ref, ctx.cohort_ref(cohort_id), event.ref],
                        )
                    )
                    break
    for cohort_id, teams in taken_by.items():
        if len(teams) > 1:
            violations.append(
                Violation(
                    "team_choice",
                    f"{ctx.cohort_name(cohort_id)} is taken by {len(teams)} teams "
                    f"({', '.join(t.name for t in teams)}); a cohort goes to one team at most",
                    [ctx.cohort_ref(cohort_id), *(RecordRef("team", t.id, t.name) for t in teams)],
                )
            )
    return violations


def check_internship_window(ctx: CheckContext) -> list[Violation]:
    """No meeting of a cohort overlaps one of its internship windows widened by the travel minutes."""
    violations = []
    meetings_of = _by_resource(ctx.meetings, lambda e: e.cohort_ids)
    for internship in ctx.scenario.internships:
        travel = internship.travel_minutes
        for cohort_id in internship.cohort_ids:
            for event in meetings_of.get(cohort_id, []):
                for start, end, away_from, away_until in away_windows(internship, event.day_type_id):
                    if _overlap(event.start, event.end, away_from, away_until):
                        violations.append(
                            Violation(
                                "internship_window",
                                f"{ctx.cohort_name(cohort_id)} has {event.label} on "
                                f"{ctx.when(event.day_type_id, event.start, event.end)} during internship "
                                f"{internship.name} ({span(start, end)}, ± {travel} min travel)",
                                [
                                    ctx.cohort_ref(cohort_id),
                                    event.ref,
                                    RecordRef("internship", internship.id, internship.name),
                                ],
                            )
                        )
                        break
    return violations


def _free_planning_minutes(ctx: CheckContext, member_ids: list[str], min_minutes: int, active: frozenset[str]) -> int:
    """Minutes of class/planning blocks (long enough) during the whole of which every member is free."""
    return common_free_minutes(
        ((d.id, ctx.days[d.id].blocks) for d in ctx.scenario.day_types),
        ctx.teachers,
        member_ids,
        min_minutes,
        (e for e in ctx.events if ctx.in_slice(e, active)),
    )


def check_team_planning(ctx: CheckContext) -> list[Violation]:
    """Each teacher team has its per-cycle common planning time: long-enough blocks with every member free."""
    violations = []
    for team in ctx.project.teams:
        if team.planning_minutes_per_week <= 0 or not team.member_ids:
            continue
        needed = ctx.scenario.per_cycle_requirement(team.planning_minutes_per_week)
        for active in ctx.slices():
            got = _free_planning_minutes(ctx, team.member_ids, team.min_meeting_minutes, active)
            if got < needed:
                violations.append(
                    Violation(
                        "team_planning",
                        f"{named('Team', team.name)} has {fmt_minutes(got)} min of common planning per cycle"
                        f"{ctx.slice_label(active)} but needs {fmt_minutes(needed)} min "
                        f"({fmt_minutes(team.planning_minutes_per_week)} min per week)",
                        [RecordRef("team", team.id, team.name), *(ctx.teacher_ref(m) for m in team.member_ids)],
                    )
                )
    return violations


def _looping_pairings(ctx: CheckContext, rule: LoopingRule) -> list[PriorPairing]:
    """Last year's pairings a looping rule carries over (several are pooled)."""
    if rule.per_advisory:
        return [
            p for p in ctx.project.prior_pairings if p.kind == PairingKind.ADVISOR and p.advisory_id == rule.advisory_id
        ]
    return [
        p
        for p in ctx.project.prior_pairings
        if p.cohort_id == rule.cohort_id
        and p.kind == rule.kind
        and (rule.kind != PairingKind.SUBJECT_TEACHER or p.subject_id == rule.subject_id)
    ]


def _looping_failures(ctx: CheckContext, hard: bool) -> list[tuple[LoopingRule, Violation]]:
    """(rule, violation) for every broken unit of the looping rules of the given hardness.

    A unit is the rule itself, except for a cohort's ``advisor`` rule: each advisory group of the
    cohort is one unit, so half a crew losing its leader breaks the rule once.
    """
    failures: list[tuple[LoopingRule, Violation]] = []
    rule_id = "looping_hard" if hard else "looping_soft"
    for rule in ctx.scenario.looping_rules:
        if rule.hard != hard:
            continue
        pairings = _looping_pairings(ctx, rule)
        if not pairings:
            continue  # nothing to carry over; validation warns
        refs = [RecordRef("looping_rule", rule.id, rule.id)]
        prior = list(dict.fromkeys(t for p in pairings for t in p.teacher_ids))
        prior_names = " or ".join(ctx.teacher_name(t) for t in prior) or "nobody"
        if rule.per_advisory:
            advisory = ctx.advisories.get(rule.advisory_id or "")
            if advisory is None:
                message = f"Advisory '{rule.advisory_id}' no longer exists to keep last year's advisor ({prior_names})"
                failures.append((rule, Violation(rule_id, message, refs)))
            elif ctx.advisor_of(advisory) not in prior:
                failures.append((rule, _advisor_not_kept(ctx, advisory, prior_names, rule_id, refs)))
            continue
        cohort = ctx.cohort_name(rule.cohort_id)
        refs.append(ctx.cohort_ref(rule.cohort_id))
        message = None
        if rule.kind == PairingKind.ADVISOR:
            advisories = [a for a in ctx.project.advisories if rule.cohort_id in a.cohort_ids]
            if not advisories:
                message = f"No advisory of {cohort} is led by last year's advisor ({prior_names})"
            for advisory in advisories:
                if ctx.advisor_of(advisory) not in prior:
                    failures.append((rule, _advisor_not_kept(ctx, advisory, prior_names, rule_id, refs, cohort)))
        elif rule.kind == PairingKind.SUBJECT_TEACHER:
            subject = ctx.subjects.get(rule.subject_id or "")
            subject_name = subject.name if subject else rule.subject_id
            for event in ctx.meetings:
                section = ctx.sections[event.ref.id]
                if (
                    section.subject_id == rule.subject_id
                    and rule.cohort_id in section.cohort_ids
                    and not set(prior) & set(event.teacher_ids)
                ):
                    message = (
                        f"{section.name} on {ctx.when(event.day_type_id, event.start, event.end)} is not taught by "
                        f"last year's {subject_name} teacher of {cohort} ({prior_names})"
                    )
                    refs.append(event.ref)
                    break
        else:
            message = _team_looping_failure(ctx, rule.cohort_id, [p.team_id for p in pairings if p.team_id], refs)
        if message:
            failures.append((rule, Violation(rule_id, message, refs)))
    return failures


def _advisor_not_kept(
    ctx: CheckContext,
    advisory: Advisory,
    prior_names: str,
    rule_id: str,
    refs: list[RecordRef],
    cohort: str = "",
) -> Violation:
    advisor = ctx.advisor_of(advisory)
    led = f"led by {ctx.teacher_name(advisor)}" if advisor else "without an advisor"
    of = f" of {cohort}" if cohort else ""
    return Violation(
        rule_id,
        f"{named('Advisory', advisory.name)}{of} is {led}, not by last year's advisor ({prior_names})",
        [*refs, RecordRef("advisory", advisory.id, advisory.name)],
    )


def _team_looping_failure(ctx: CheckContext, cohort_id: str, team_ids: list[str], refs: list[RecordRef]) -> str | None:
    cohort = ctx.cohort_name(cohort_id)
    reasons = []
    for team_id in team_ids:
        team = ctx.teams.get(team_id)
        if team is None:
            reasons.append(f"last year's team '{team_id}' no longer exists")
            continue
        name = named("Team", team.name)
        if cohort_id not in ctx.cohorts_of(team):
            reasons.append(f"{name} does not serve {cohort} this year")
            continue
        members = set(team.member_ids)
        bad = None
        for event in ctx.meetings:
            section = ctx.sections[event.ref.id]
            if section.fixed_teachers or cohort_id not in section.cohort_ids:
                continue
            candidates = {t.id for t in ctx.project.qualified_teachers(section)}
            if members & candidates and not set(event.teacher_ids) <= members:
                outsiders = ", ".join(ctx.teacher_name(t) for t in event.teacher_ids if t not in members)
                bad = (
                    f"{section.name} on {ctx.when(event.day_type_id, event.start, event.end)} is taught by "
                    f"{outsiders}, not by {name} (last year's team of {cohort})"
                )
                break
        if bad is None:
            return None
        reasons.append(bad)
    return "; ".join(reasons) if reasons else f"{cohort} has no prior team to keep"


def check_looping_hard(ctx: CheckContext) -> list[Violation]:
    """Hard looping rules keep last year's advisor (of each advisory group), subject teacher or team."""
    return [violation for _, violation in _looping_failures(ctx, hard=True)]


def _enrolled_sections(ctx: CheckContext) -> dict[str, list[str]]:
    """Student id -> the section ids of their enrolments, in order (repeats kept)."""
    enrolled: dict[str, list[str]] = defaultdict(list)
    for enrolment in ctx.enrolments:
        enrolled[enrolment.student_id].append(enrolment.section_id)
    return enrolled


def check_student_clash(ctx: CheckContext) -> list[Violation]:
    """A student is in one place at a time: cohort meetings, advisory sittings, internships, open sections."""
    violations = []
    meetings_of = _by_resource(ctx.meetings, lambda e: [e.ref.id])
    for student_id, section_ids in _enrolled_sections(ctx).items():
        student = ctx.students.get(student_id)
        if student is None:
            continue
        who = named("Student", student.name)
        ref = RecordRef("student", student.id, student.name)
        cohort = student.cohort_id or ""
        for section_id in {sid for sid in section_ids if section_ids.count(sid) > 1}:
            section = ctx.sections.get(section_id)
            label = section.name if section else section_id
            violations.append(Violation("student_clash", f"{who} is enrolled in {label} more than once", [ref]))
        own = [
            event
            for section_id in dict.fromkeys(section_ids)
            for event in meetings_of.get(section_id, [])
            if cohort not in event.cohort_ids
        ]
        fixed = ctx.student_fixed_events(student)
        for i, a in enumerate(own):
            for b in [*own[i + 1 :], *fixed]:
                if b.ref.id == a.ref.id and not b.is_sitting:
                    continue
                if ctx.events_clash(a, b):
                    when = ctx.when(a.day_type_id, max(a.start, b.start), min(a.end, b.end))
                    violations.append(
                        Violation(
                            "student_clash",
                            f"{who} has {a.label} and {b.label} at the same time on {when}",
                            [ref, a.ref, b.ref],
                        )
                    )
            if cohort:
                for away_from, away_until in away_intervals(ctx.scenario.internships, [cohort], a.day_type_id):
                    if _overlap(a.start, a.end, away_from, away_until):
                        violations.append(
                            Violation(
                                "student_clash",
                                f"{who} has {a.label} on {ctx.when(a.day_type_id, a.start, a.end)} while away on "
                                f"an internship ({span(away_from, away_until)} with travel)",
                                [ref, a.ref],
                            )
                        )
    return violations


def check_section_capacity(ctx: CheckContext) -> list[Violation]:
    """No section holds more students from requests than its open seats (room, ``max_enrolment``, less its cohorts)."""
    violations = []
    seated: dict[str, set[str]] = defaultdict(set)
    for enrolment in ctx.enrolments:
        if enrolment.student_id not in ctx.students:
            violations.append(
                Violation(
                    "section_capacity", f"An enrolment names student '{enrolment.student_id}', who does not exist"
                )
            )
        elif enrolment.section_id not in ctx.sections:
            violations.append(
                Violation(
                    "section_capacity", f"An enrolment names section '{enrolment.section_id}', which does not exist"
                )
            )
        else:
            seated[enrolment.section_id].add(enrolment.student_id)
    meetings = ctx.section_meetings()
    for section_id, students in seated.items():
        section = ctx.sections[section_id]
        ref = ctx.section_ref(section)
        if not ctx.project.is_open(section):
            violations.append(
                Violation(
                    "section_capacity",
                    f"{named('Section', section.name)} has no seats open to requests (cohorts only, no max_enrolment "
                    f"above their size) but {len(students)} student(s) are enrolled in it",
                    [ref],
                )
            )
            continue
        seats = open_seats(ctx.project, section, [p.room_id for p in meetings.get(section_id, [])])
        if seats is not None and len(students) > seats:
            violations.append(
                Violation(
                    "section_capacity",
                    f"{named('Section', section.name)} has {len(students)} students from requests in "
                    f"{seats} open seat(s)",
                    [ref],
                )
            )
    return violations


HARD_RULES: dict[str, Callable[[CheckContext], list[Violation]]] = {
    "teacher_clash": check_teacher_clash,
    "cohort_clash": check_cohort_clash,
    "room_clash": check_room_clash,
    "meeting_count": check_meeting_count,
    "meeting_length": check_meeting_length,
    "class_time": check_class_time,
    "teacher_available": check_teacher_available,
    "room_fit": check_room_fit,
    "campus_travel": check_campus_travel,
    "teacher_assignment": check_teacher_assignment,
    "advisory_time": check_advisory_time,
    "advisor_choice": check_advisor_choice,
    "internship_window": check_internship_window,
    "team_planning": check_team_planning,
    "team_choice": check_team_choice,
    "looping_hard": check_looping_hard,
    "student_clash": check_student_clash,
    "section_capacity": check_section_capacity,
}


def check_pins(requested: list[Placement], result: list[Placement]) -> list[Violation]:
    """A pinned placement given to the solver comes back at the same day type, start, end, room and teachers."""
    returned = {(p.section_id, p.meeting): p for p in result}
    violations = []
    for pin in requested:
        if not pin.pinned:
            continue
        ref = RecordRef("section", pin.section_id, pin.section_id)
        where = f"{pin.day_type_id} {span(pin.start, pin.end)}"
        got = returned.get((pin.section_id, pin.meeting))
        if got is None:
            violations.append(
                Violation(
                    "pinned",
                    f"Pinned meeting {pin.meeting + 1} of section '{pin.section_id}' ({where}) is missing",
                    [ref],
                )
            )
            continue
        changed = []
        if (got.day_type_id, got.start, got.end) != (pin.day_type_id, pin.start, pin.end):
            changed.append(f"moved to {got.day_type_id} {span(got.start, got.end)}")
        if got.room_id != pin.room_id:
            changed.append(f"room changed from {pin.room_id} to {got.room_id}")
        if set(got.teacher_ids) != set(pin.teacher_ids) or len(got.teacher_ids) != len(pin.teacher_ids):
            changed.append(f"teachers changed from {', '.join(pin.teacher_ids)} to {', '.join(got.teacher_ids)}")
        if changed:
            violations.append(
                Violation(
                    "pinned",
                    f"Pinned meeting {pin.meeting + 1} of section '{pin.section_id}' ({where}): {'; '.join(changed)}",
                    [ref],
                )
            )
    return violations


# -- soft rules: each returns its total penalty (units × weight) ------------------------------------


def _weight(ctx: CheckContext, rule_id: str) -> int:
    return ctx.weights.get(rule_id, 0)


def penalty_spread_days(ctx: CheckContext) -> int:
    """Meetings of one section should be on different day types: each same-day pair costs."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for event in ctx.meetings:
        counts[(event.ref.id, event.day_type_id)] += 1
    return sum(n * (n - 1) // 2 for n in counts.values()) * _weight(ctx, "spread_days")


def _worst_slice(ctx: CheckContext, events: list[Event], units: Callable[[list[Event]], int]) -> int:
    """The most ``units`` of one teacher's or cohort's meetings over the slices of the year.

    Meetings of terms that never run together are never counted together; a year-long meeting is in
    every slice, and without terms there is one slice, so such a timetable costs what it did before.
    """
    return max(units([e for e in events if ctx.in_slice(e, active)]) for active in ctx.slices())


def penalty_subject_twice_daily(ctx: CheckContext) -> int:
    """A cohort should not have the same subject twice a day: each extra meeting costs (in its worst slice)."""

    def units(events: list[Event]) -> int:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for event in events:
            counts[(event.day_type_id, ctx.sections[event.ref.id].subject_id)] += 1
        return sum(max(0, n - 1) for n in counts.values())

    by_cohort = _by_resource(ctx.meetings, lambda e: e.cohort_ids)
    total = sum(_worst_slice(ctx, events, units) for events in by_cohort.values())
    return total * _weight(ctx, "subject_twice_daily")


def _taught_blocks(ctx: CheckContext, events: list[Event]) -> dict[str, set[int]]:
    """Day type -> ids (object ids) of the class blocks that one of ``events`` overlaps."""
    taught: dict[str, set[int]] = defaultdict(set)
    for event in events:
        day = ctx.days.get(event.day_type_id)
        if day is None:
            continue
        for block in day.class_blocks:
            if _overlap(block.start, block.end, event.start, event.end):
                taught[event.day_type_id].add(id(block))
    return taught


def _teachers_worst_slices(ctx: CheckContext, units: Callable[[dict[str, set[int]]], int]) -> int:
    """Sum over teachers of the ``units`` of their taught blocks in their worst slice."""
    by_teacher = _by_resource(ctx.meetings, lambda e: e.teacher_ids)
    return sum(
        _worst_slice(ctx, events, lambda chosen: units(_taught_blocks(ctx, chosen))) for events in by_teacher.values()
    )


def penalty_teacher_gaps(ctx: CheckContext) -> int:
    """Teachers should not sit idle between classes: each idle class block between first and last costs."""

    def units(taught: dict[str, set[int]]) -> int:
        count = 0
        for day_type_id, blocks in taught.items():
            order = [id(b) for b in ctx.days[day_type_id].class_blocks]
            positions = [i for i, b in enumerate(order) if b in blocks]
            count += sum(1 for i in range(positions[0], positions[-1] + 1) if order[i] not in blocks)
        return count

    return _teachers_worst_slices(ctx, units) * _weight(ctx, "teacher_gaps")


def penalty_consecutive_teaching(ctx: CheckContext) -> int:
    """Teachers should not teach too many class blocks in a row: each block beyond the maximum costs."""
    limit = ctx.scenario.rules.max_consecutive_teaching_blocks

    def units(taught: dict[str, set[int]]) -> int:
        count = 0
        for day_type_id, blocks in taught.items():
            for run in ctx.days[day_type_id].runs:
                streak = 0
                for block in run:
                    streak = streak + 1 if id(block) in blocks else 0
                    if streak > limit:
                        count += 1
        return count

    return _teachers_worst_slices(ctx, units) * _weight(ctx, "consecutive_teaching")


def penalty_teacher_preferences(ctx: CheckContext) -> int:
    """Teachers would rather not teach in their avoid windows: each meeting (per teacher) there costs."""
    units = 0
    for event in ctx.meetings:
        for teacher_id in event.teacher_ids:
            teacher = ctx.teachers.get(teacher_id)
            if teacher and any(w.overlaps(event.day_type_id, event.start, event.end) for w in teacher.avoid):
                units += 1
    return units * _weight(ctx, "teacher_preferences")


def penalty_long_blocks_pbl(ctx: CheckContext) -> int:
    """Project-based subjects want long blocks: each shorter meeting costs."""
    minimum = ctx.scenario.rules.long_block_minutes
    units = 0
    for event in ctx.meetings:
        subject = ctx.subjects.get(ctx.sections[event.ref.id].subject_id)
        if subject and subject.project_based and event.end - event.start < minimum:
            units += 1
    return units * _weight(ctx, "long_blocks_pbl")


def penalty_daily_load_balance(ctx: CheckContext) -> int:
    """A cohort's class minutes should be even over the day types: the spread costs per 30 minutes."""

    def units(events: list[Event]) -> int:
        minutes = dict.fromkeys(ctx.days, 0)
        for event in events:
            if event.day_type_id in minutes:
                minutes[event.day_type_id] += event.end - event.start
        return (max(minutes.values()) - min(minutes.values())) // 30 if minutes else 0

    by_cohort = _by_resource(ctx.meetings, lambda e: e.cohort_ids)
    total = sum(_worst_slice(ctx, events, units) for events in by_cohort.values())
    return total * _weight(ctx, "daily_load_balance")


def penalty_room_changes(ctx: CheckContext) -> int:
    """Team-taught and lab sections should keep one room: each extra distinct room costs."""
    rooms: dict[str, set[str]] = defaultdict(set)
    for event in ctx.meetings:
        if event.room_id:
            rooms[event.ref.id].add(event.room_id)
    units = 0
    for section_id, used in rooms.items():
        section = ctx.sections[section_id]
        if section.keeps_one_room:
            units += max(0, len(used) - 1)
    return units * _weight(ctx, "room_changes")


def penalty_looping_soft(ctx: CheckContext) -> int:
    """Soft looping rules should keep last year's pairings: each broken rule (advisory group) costs its weight."""
    return sum(rule.weight for rule, _ in _looping_failures(ctx, hard=False))


def penalty_request_unmet(ctx: CheckContext) -> int:
    """Students should get what they ask for: each request unmet costs by its rank, one met by an alternate 1."""
    outcomes = request_outcomes(ctx.project, ctx.scenario, ctx.enrolments)
    return sum(o.units for o in outcomes) * _weight(ctx, "request_unmet")


def penalty_section_balance(ctx: CheckContext) -> int:
    """Open sections of one subject should hold about as many students each: the spread (max − min) costs."""
    seated: dict[str, set[str]] = defaultdict(set)
    for enrolment in ctx.enrolments:
        seated[enrolment.section_id].add(enrolment.student_id)
    units = 0
    for sections in open_sections_by_subject(ctx.project, ctx.scenario).values():
        if len(sections) > 1:
            counts = [len(seated.get(s.id, ())) for s in sections]
            units += max(counts) - min(counts)
    return units * _weight(ctx, "section_balance")


SOFT_RULES: dict[str, Callable[[CheckContext], int]] = {
    "spread_days": penalty_spread_days,
    "subject_twice_daily": penalty_subject_twice_daily,
    "teacher_gaps": penalty_teacher_gaps,
    "consecutive_teaching": penalty_consecutive_teaching,
    "teacher_preferences": penalty_teacher_preferences,
    "long_blocks_pbl": penalty_long_blocks_pbl,
    "daily_load_balance": penalty_daily_load_balance,
    "room_changes": penalty_room_changes,
    "looping_soft": penalty_looping_soft,
    "request_unmet": penalty_request_unmet,
    "section_balance": penalty_section_balance,
}


def check_timetable(
    project: Project,
    scenario: Scenario,
    placements: list[Placement] | None = None,
    *,
    advisors: dict[str, str] | None = None,
    team_cohorts: dict[str, list[str]] | None = None,
    enrolments: list[Enrolment] | None = None,
) -> CheckReport:
    """Every hard rule recomputed from the timetable, and every soft rule's total penalty.

    The timetable is the scenario's solution unless ``placements`` (and the chosen ``advisors`` and
    ``team_cohorts`` of advisories and teams left to the solver, and the students' ``enrolments``) are given.
    """
    ctx = CheckContext(
        project,
        scenario,
        scenario.solution.placements if placements is None else placements,
        advisors,
        team_cohorts,
        scenario.solution.enrolments if enrolments is None else enrolments,
    )
    violations: list[Violation] = []
    for check in HARD_RULES.values():
        violations.extend(check(ctx))
    penalties = {rule_id: penalty(ctx) for rule_id, penalty in SOFT_RULES.items()}
    return CheckReport(violations, penalties)
