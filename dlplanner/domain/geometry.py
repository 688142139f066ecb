"""The time geometry of a scenario, stated once (stdlib only).

Each function is one reading of ``docs/rules.md``: which class blocks a meeting may span (class
runs) and where a meeting of a section may start and end, which blocks an advisory sits in, which
stretches an internship takes a cohort away (± travel), how terms cut the year into parts, whether
something of a term meets on a date, and what counts as a team's common planning time.

The checker, validation, the drag check of the board, the metrics and the GUI all read these, so
they cannot drift apart. Nothing here knows the solver, which keeps its own formulation (it reads
only :meth:`BellSchedule.class_runs <dlplanner.domain.model.BellSchedule.class_runs>`, which is
:func:`class_runs`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from dlplanner.domain.calendar import Term, TermKind
from dlplanner.domain.model import (
    Advisory,
    Block,
    BlockKind,
    BlockRef,
    Internship,
    Project,
    Scenario,
    Section,
    Teacher,
)

Interval = tuple[int, int]


class TimedEvent(Protocol):
    """What the planning count reads of a meeting or an advisory sitting."""

    @property
    def day_type_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def teacher_ids(self) -> tuple[str, ...]: ...


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether [a_start, a_end) and [b_start, b_end) share a minute."""
    return a_start < b_end and b_start < a_end


# -- the day: blocks and class runs ---------------------------------------------------------------


def union_minutes(intervals: Iterable[Interval]) -> int:
    """Minutes covered by at least one of the intervals (overlaps counted once)."""
    total, end = 0, None
    for s, e in sorted(i for i in intervals if i[1] > i[0]):
        if end is None or s >= end:
            total += e - s
            end = e
        elif e > end:
            total += e - end
            end = e
    return total


def free_minutes(runs: Iterable[Interval], blocked: Iterable[Interval]) -> int:
    """Minutes of ``runs`` that none of the ``blocked`` intervals covers."""
    runs = list(runs)
    inside = [(max(s, rs), min(e, re)) for s, e in blocked for rs, re in runs if max(s, rs) < min(e, re)]
    return union_minutes(runs) - union_minutes(inside)


def day_blocks(scenario: Scenario) -> dict[str, list[Block]]:
    """Each day type id with the blocks of its bell schedule by (start, end); none for an unknown schedule."""
    schedules = {b.id: b for b in scenario.bell_schedules}
    return {
        d.id: schedules[d.bell_schedule_id].sorted_blocks() if d.bell_schedule_id in schedules else []
        for d in scenario.day_types
    }


def class_runs(blocks: Iterable[Block], allow_break_span: bool = False) -> list[list[Block]]:
    """The class runs of a day: maximal sequences of class blocks a long meeting may span.

    Class blocks joined by nothing but passing blocks (or no block at all) form one run; the
    passing minutes are absorbed by a double block. With ``allow_break_span`` any block of another
    kind is bridged too, so the whole day's class blocks are one run. A class block that starts
    before the previous one of its run ends (overlapping blocks, which validation reports) is
    left out.
    """
    runs: list[list[Block]] = []
    current: list[Block] = []
    for block in sorted(blocks, key=lambda b: (b.start, b.end)):
        if block.kind == BlockKind.CLASS:
            if current and block.start < current[-1].end:
                continue
            current.append(block)
        elif block.kind == BlockKind.PASSING or allow_break_span:
            continue
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _end_in_run(run: Sequence[Block], i: int, section: Section) -> int | None:
    """Where a meeting of ``section`` starting at block ``i`` of ``run`` ends, or None if it does not fit."""
    start = run[i].start
    if section.length_minutes is not None:
        end = start + section.length_minutes
        return end if end <= run[-1].end else None
    k = section.length_blocks or 1
    return run[i + k - 1].end if i + k <= len(run) else None


def meeting_spans(blocks: Iterable[Block], section: Section) -> list[Interval]:
    """Every (start, end) a meeting of ``section`` may take on a day with these blocks.

    It starts at the start of a class block, lasts ``length_minutes`` (which wins) or
    ``length_blocks`` class blocks (default 1), and stays inside one class run.
    """
    spans = []
    for run in class_runs(blocks, section.allow_break_span):
        for i in range(len(run)):
            end = _end_in_run(run, i, section)
            if end is not None:
                spans.append((run[i].start, end))
    return spans


def meeting_end(blocks: Iterable[Block], section: Section, start: int) -> int | None:
    """Where a meeting of ``section`` starting at ``start`` ends, or None when it cannot start there."""
    for run in class_runs(blocks, section.allow_break_span):
        for i, block in enumerate(run):
            if block.start == start:
                return _end_in_run(run, i, section)
    return None


# -- internships --------------------------------------------------------------------------------


def away_windows(internship: Internship, day_type_id: str) -> list[tuple[int, int, int, int]]:
    """(window start, window end, away from, away until) of each window of ``internship`` on a day type.

    The cohorts are away from ``travel_minutes`` before a window until ``travel_minutes`` after it.
    """
    travel = internship.travel_minutes
    return [(w.start, w.end, w.start - travel, w.end + travel) for w in internship.windows if w.applies_to(day_type_id)]


def away_intervals(
    internships: Iterable[Internship], cohort_ids: Iterable[str], day_type_id: str, *, travel: bool = True
) -> list[Interval]:
    """The stretches on a day type when one of the cohorts is away on an internship (± travel unless told not)."""
    wanted = set(cohort_ids)
    return [
        (away_from, away_until) if travel else (start, end)
        for internship in internships
        if wanted & set(internship.cohort_ids)
        for start, end, away_from, away_until in away_windows(internship, day_type_id)
    ]


def internship_blocks(scenario: Scenario, cohort_ids: Iterable[str], day_type_id: str, start: int, end: int) -> bool:
    """Whether [start, end) overlaps an internship window (± travel) of one of the cohorts."""
    return any(overlap(start, end, s, e) for s, e in away_intervals(scenario.internships, cohort_ids, day_type_id))


# -- advisory sittings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Sitting:
    """One sitting of an advisory: in one block of one day type, with its advisor, cohorts and room."""

    advisory: Advisory
    day_type_id: str
    block: Block
    advisor_id: str = ""  # the advisory's advisor, or the one the scenario's solution chose ('' when none)

    @property
    def start(self) -> int:
        return self.block.start

    @property
    def end(self) -> int:
        return self.block.end

    @property
    def teacher_ids(self) -> tuple[str, ...]:
        return (self.advisor_id,) if self.advisor_id else ()

    @property
    def cohort_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.advisory.cohort_ids))

    @property
    def room_id(self) -> str | None:
        return self.advisory.room_id


def advisory_sittings(
    scenario: Scenario,
    advisory: Advisory,
    blocks_by_day: Mapping[str, Sequence[Block]],
    advisor_id: str | None = None,
) -> list[Sitting]:
    """The sittings of an advisory, as the `advisory_time` rule defines them.

    Listed ``meeting_blocks`` are always sat (a listed block that does not exist is left out; see
    :func:`missing_meeting_blocks`); without them, every advisory block of the cycle outside its
    cohorts' internships (± travel). ``blocks_by_day`` maps each day type id to its blocks
    (:func:`day_blocks`). The advisor is ``advisor_id`` when given, else the advisory's own or the one
    the scenario's solution chose.
    """
    advisor = scenario.solution.advisor_of(advisory) if advisor_id is None else advisor_id
    sittings: list[Sitting] = []
    if advisory.meeting_blocks:
        for ref in advisory.meeting_blocks:
            block = next((b for b in blocks_by_day.get(ref.day_type_id, []) if b.id == ref.block_id), None)
            if block is not None:
                sittings.append(Sitting(advisory, ref.day_type_id, block, advisor))
        return sittings
    for day_type_id, blocks in blocks_by_day.items():
        away = away_intervals(scenario.internships, advisory.cohort_ids, day_type_id)
        for block in blocks:
            if block.kind == BlockKind.ADVISORY and not any(overlap(block.start, block.end, s, e) for s, e in away):
                sittings.append(Sitting(advisory, day_type_id, block, advisor))
    return sittings


def missing_meeting_blocks(advisory: Advisory, blocks_by_day: Mapping[str, Sequence[Block]]) -> list[BlockRef]:
    """The listed meeting blocks of an advisory that name no block of their day type."""
    return [
        ref
        for ref in advisory.meeting_blocks
        if not any(b.id == ref.block_id for b in blocks_by_day.get(ref.day_type_id, []))
    ]


def all_sittings(project: Project, scenario: Scenario) -> list[Sitting]:
    """Every advisory sitting of the project in a scenario, advisory by advisory."""
    blocks_by_day = day_blocks(scenario)
    return [s for advisory in project.advisories for s in advisory_sittings(scenario, advisory, blocks_by_day)]


# -- terms and dates ------------------------------------------------------------------------------


def term_slices(terms: Mapping[str, Term], term_ids: Iterable[str | None]) -> list[frozenset[str]]:
    """The parts of the year between the boundaries of the known terms among ``term_ids``.

    Each part is the set of term ids running in it; no known term gives one part, the whole year.
    When every part holds an intersession (the year's only terms are intersessions), the part outside
    them, where year-long sections meet, is added as the empty set.
    """
    used = sorted({t for t in term_ids if t is not None and t in terms})
    known = [terms[t] for t in used]
    if not known:
        return [frozenset()]
    cuts = sorted({t.start for t in known} | {t.end + timedelta(days=1) for t in known})
    found: list[frozenset[str]] = []
    for begin, stop in itertools.pairwise(cuts):
        active = frozenset(t.id for t in known if t.start <= begin and stop - timedelta(days=1) <= t.end)
        if active and active not in found:
            found.append(active)
    if found and all(_intersessions(terms, active) for active in found):
        found.append(frozenset())
    return found or [frozenset()]


def _intersessions(terms: Mapping[str, Term], active: Iterable[str]) -> set[str]:
    return {t for t in active if t in terms and terms[t].kind == TermKind.INTERSESSION}


def in_term_slice(term_id: str | None, terms: Mapping[str, Term], active: frozenset[str]) -> bool:
    """Whether something of term ``term_id`` runs in the part ``active`` (a set of running term ids).

    Inside an intersession only what is limited to it meets: year-long sections, other terms' sections
    and advisory sittings do not. Elsewhere no or an unknown term runs all year, a term only inside it.
    """
    intersessions = _intersessions(terms, active)
    if intersessions:
        return term_id in intersessions
    return term_id is None or term_id not in terms or term_id in active


def terms_meet_together(
    terms: Mapping[str, Term], parts: Iterable[frozenset[str]], term_a: str | None, term_b: str | None
) -> bool:
    """Whether sections of the two terms both meet in one of the ``parts`` of the year (so they can clash)."""
    return any(in_term_slice(term_a, terms, p) and in_term_slice(term_b, terms, p) for p in parts)


def slice_names(terms: Mapping[str, Term], active: frozenset[str]) -> str:
    """The terms of a part of the year, in order of their start: "Fall, Q2"."""
    return ", ".join(terms[t].name for t in sorted(active, key=lambda t: terms[t].start))


def term_runs_on(scenario: Scenario, term_id: str | None, day: date) -> bool:
    """Whether a section of term ``term_id`` (None: all year) meets on ``day``: the one place that decides.

    Inside a term of kind intersession only what is limited to that term meets (year-long
    sections and advisory sittings do not). Elsewhere a section with no term (or an unknown one)
    runs all year and one with a term only inside it.
    """
    terms = scenario.calendar.terms
    intersessions = [t.id for t in terms if t.kind == TermKind.INTERSESSION and t.start <= day <= t.end]
    if intersessions:
        return term_id in intersessions
    if term_id is None:
        return True
    for term in terms:
        if term.id == term_id:
            return term.start <= day <= term.end
    return True


# -- common planning ------------------------------------------------------------------------------


def planning_blocks(blocks: Iterable[Block], min_minutes: int) -> Iterator[Block]:
    """The blocks a team may plan in: class and planning blocks of at least ``min_minutes``."""
    return (b for b in blocks if b.kind in (BlockKind.CLASS, BlockKind.PLANNING) and b.minutes >= min_minutes)


def common_free_blocks(
    day_blocks: Iterable[tuple[str, Iterable[Block]]],
    teachers: Mapping[str, Teacher],
    member_ids: Iterable[str],
    min_minutes: int,
    events: Iterable[TimedEvent],
) -> list[tuple[str, Block]]:
    """The (day type id, block) pairs a team can plan in: class/planning blocks (≥ ``min_minutes``)
    during the whole of which every member is free.

    The `team_planning` rule of docs/rules.md: ``day_blocks`` are the cycle's day type ids with
    their blocks, ``events`` the meetings and sittings of one part of the year. A member is busy
    in a block that one of their unavailable windows or events overlaps.
    """
    busy: dict[tuple[str, str], list[TimedEvent]] = defaultdict(list)
    for event in events:
        for teacher_id in event.teacher_ids:
            busy[(teacher_id, event.day_type_id)].append(event)
    members = list(member_ids)
    found: list[tuple[str, Block]] = []
    for day_type_id, blocks in day_blocks:
        for block in planning_blocks(blocks, min_minutes):
            free = True
            for member_id in members:
                teacher = teachers.get(member_id)
                unavailable = teacher.unavailable if teacher else []
                if any(w.overlaps(day_type_id, block.start, block.end) for w in unavailable) or any(
                    overlap(e.start, e.end, block.start, block.end) for e in busy.get((member_id, day_type_id), [])
                ):
                    free = False
                    break
            if free:
                found.append((day_type_id, block))
    return found


def common_free_minutes(
    day_blocks: Iterable[tuple[str, Iterable[Block]]],
    teachers: Mapping[str, Teacher],
    member_ids: Iterable[str],
    min_minutes: int,
    events: Iterable[TimedEvent],
) -> int:
    """Minutes of the blocks of :func:`common_free_blocks` (the `team_planning` rule's measure)."""
    return sum(block.minutes for _, block in common_free_blocks(day_blocks, teachers, member_ids, min_minutes, events))
