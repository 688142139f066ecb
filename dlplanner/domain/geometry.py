"""Time geometry of a timetable that the checker and the metrics both read (stdlib only).

Each function is one reading of ``docs/rules.md``: when an internship blocks a time, which blocks
an advisory sits in, how terms cut the year into parts, and what counts as a team's common
planning time. The checker judges a timetable with them and the metrics count with them, so the
two cannot drift apart. Nothing here knows the solver.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Protocol

from dlplanner.domain.calendar import Term
from dlplanner.domain.model import Advisory, Block, BlockKind, BlockRef, Scenario, Teacher


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


def internship_blocks(scenario: Scenario, cohort_ids: Iterable[str], day_type_id: str, start: int, end: int) -> bool:
    """Whether [start, end) overlaps an internship window (± travel) of one of the cohorts."""
    wanted = set(cohort_ids)
    for internship in scenario.internships:
        if not wanted & set(internship.cohort_ids):
            continue
        travel = internship.travel_minutes
        for window in internship.windows:
            if window.applies_to(day_type_id) and overlap(start, end, window.start - travel, window.end + travel):
                return True
    return False


def advisory_slots(
    scenario: Scenario, advisory: Advisory, blocks_by_day: Mapping[str, Sequence[Block]]
) -> tuple[list[tuple[str, Block]], list[BlockRef]]:
    """The (day type id, block) sittings of an advisory, as the `advisory_time` rule defines them.

    Listed ``meeting_blocks`` are always sat (the second list holds those naming no block);
    without them, every advisory block of the cycle outside its cohorts' internships.
    ``blocks_by_day`` maps each day type id to the blocks of its bell schedule.
    """
    slots: list[tuple[str, Block]] = []
    missing: list[BlockRef] = []
    if advisory.meeting_blocks:
        for ref in advisory.meeting_blocks:
            block = next((b for b in blocks_by_day.get(ref.day_type_id, []) if b.id == ref.block_id), None)
            if block is None:
                missing.append(ref)
            else:
                slots.append((ref.day_type_id, block))
    else:
        for day_type in scenario.day_types:
            for block in blocks_by_day[day_type.id]:
                if block.kind == BlockKind.ADVISORY and not internship_blocks(
                    scenario, advisory.cohort_ids, day_type.id, block.start, block.end
                ):
                    slots.append((day_type.id, block))
    return slots, missing


def term_slices(terms: Mapping[str, Term], term_ids: Iterable[str | None]) -> list[frozenset[str]]:
    """The parts of the year between the boundaries of the known terms among ``term_ids``.

    Each part is the set of term ids running in it; no known term gives one part, the whole year.
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
    return found or [frozenset()]


def in_term_slice(term_id: str | None, known: Iterable[str], active: frozenset[str]) -> bool:
    """Whether something of term ``term_id`` runs in the part ``active``: no or an unknown term runs all year."""
    return term_id is None or term_id not in known or term_id in active


def common_free_minutes(
    day_blocks: Iterable[tuple[str, Iterable[Block]]],
    teachers: Mapping[str, Teacher],
    member_ids: Iterable[str],
    min_minutes: int,
    events: Iterable[TimedEvent],
) -> int:
    """Minutes of class/planning blocks (≥ ``min_minutes``) during the whole of which every member is free.

    The `team_planning` rule of docs/rules.md: ``day_blocks`` are the cycle's day type ids with
    their blocks, ``events`` the meetings and sittings of one part of the year.
    """
    busy: dict[tuple[str, str], list[TimedEvent]] = defaultdict(list)
    for event in events:
        for teacher_id in event.teacher_ids:
            busy[(teacher_id, event.day_type_id)].append(event)
    members = list(member_ids)
    total = 0
    for day_type_id, blocks in day_blocks:
        for block in blocks:
            if block.kind not in (BlockKind.CLASS, BlockKind.PLANNING) or block.minutes < min_minutes:
                continue
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
                total += block.minutes
    return total
