"""The room pass: after solving with room classes, give every meeting an actual room of its class.

A room class's rooms are interchangeable (they fit the same sections, are on one campus and are held
by the same advisory sittings), and the model keeps each class within its room count at every time
point of every part of the year. Per class, the meetings are then given rooms in start order
(interval colouring, which always succeeds when the year has no terms), preferring the room the
meeting had before (warm start) and, for sections whose room changes cost (``room_changes``), one
room for all their meetings (a colouring of those sections' clashes picks it). When a class's
meetings run in different terms, start order can fail, and when it leaves such a section in two
rooms, a small CP-SAT model of that class alone decides (time permitting). ``None`` means no
assignment exists and the caller solves again with one class per room.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from dlplanner.domain.model import Placement
from dlplanner.solver.model_builder import Candidate, Context

Meeting = tuple[Candidate, str]  # candidate and the room class it chose
TARGET_TRIES = 30  # colourings of a class's keeping sections tried (the first with no random ties) …
TARGET_SECONDS = 0.1  # … within this time (the first always), until every keeping section has a room


def keeps_room(ctx: Context, cand: Candidate) -> bool:
    """Whether changing rooms costs for the candidate's section (the ``room_changes`` soft rule)."""
    return cand.info.section.keeps_one_room and cand.info.section.meetings_per_cycle >= 2


def assign_rooms(
    ctx: Context, chosen: list[Meeting], previous: list[Placement] | None = None, time_limit: float = 5.0
) -> dict[int, str] | None:
    """Room per chosen candidate (keyed by ``id(candidate)``), or ``None`` when a class cannot be split."""
    wanted: dict[tuple[str, str, int, int], str] = {}
    for p in previous or []:
        if p.room_id:
            wanted[(p.section_id, p.day_type_id, p.start, p.end)] = p.room_id
    for pin in ctx.pins:
        if pin.room_id:
            wanted[(pin.section_id, pin.day_type_id, pin.start, pin.end)] = pin.room_id
    by_class: dict[str, list[Candidate]] = defaultdict(list)
    for cand, cid in chosen:
        by_class[cid].append(cand)
    out: dict[int, str] = {}
    # the exact passes share the time given (at most 2 s a class): a big school's room pass stays short
    deadline = time.monotonic() + time_limit
    shared = [cid for cid, cands in by_class.items() if len(ctx.room_classes[cid].rooms) > 1]
    for cid, cands in by_class.items():
        rooms = ctx.room_classes[cid].rooms
        if len(rooms) == 1:
            for cand in cands:
                out[id(cand)] = rooms[0]
            continue
        got = _greedy(ctx, cands, rooms, wanted)
        small = len(cands) * len(rooms) <= 20_000
        budget = min(2.0, (deadline - time.monotonic()) / max(1, len(shared)))
        shared.remove(cid)
        if got is None or (small and budget >= 0.5 and _extra_changes(ctx, cands, got)):
            better = _exact(ctx, cands, rooms, got, max(1.0, budget) if got is None else budget)
            if better is not None and (
                got is None or _extra_changes(ctx, cands, better) < _extra_changes(ctx, cands, got)
            ):
                got = better
        if got is None:
            return None
        out.update(got)
    return out


def _order(ctx: Context, cand: Candidate) -> tuple:
    return (ctx.grid.day_ids.index(cand.day), cand.start, cand.end)


def _greedy(ctx: Context, cands: list[Candidate], rooms: list[str], wanted: dict) -> dict[int, str] | None:
    """Rooms in start order, each meeting taking a free room (so it never fails with a single term).

    Sections that keep one room get a target room first (one free for all their meetings, among
    themselves); a meeting then prefers its section's target, its warm-start room or its section's
    earlier room, and otherwise leaves alone rooms that other keeping sections target at overlapping
    times.
    """
    busy: dict[tuple[str, str], list[tuple[int, int, frozenset[int]]]] = defaultdict(list)
    atoms = {id(c): frozenset(c.info.atoms) for c in cands}

    def overlaps(a: Candidate, start: int, end: int, other: frozenset[int]) -> bool:
        return start < a.end and a.start < end and bool(atoms[id(a)] & other)

    def free(room: str, cand: Candidate) -> bool:
        return not any(overlaps(cand, s, e, a) for s, e, a in busy[(room, cand.day)])

    # targets for keeping sections, as if only they were in the class
    keepers: dict[str, list[Candidate]] = defaultdict(list)
    for cand in cands:
        if keeps_room(ctx, cand):
            keepers[cand.info.section.id].append(cand)
    target = _targets(keepers, rooms, wanted, atoms)
    reserved: dict[tuple[str, str], list[Candidate]] = defaultdict(list)  # (room, day) -> keeper meetings
    for sid, room in target.items():
        for c in keepers[sid]:
            reserved[(room, c.day)].append(c)

    out: dict[int, str] = {}
    own: dict[str, list[str]] = defaultdict(list)
    for cand in sorted(cands, key=lambda c: _order(ctx, c)):
        sid = cand.info.section.id
        options = []
        if sid in target:  # its section's one room first (chosen with the warm start in mind)
            options.append(target[sid])
        first = wanted.get((sid, cand.day, cand.start, cand.end))
        if first in rooms:
            options.append(first)
        options += own[sid]
        options += [
            r
            for r in rooms
            if not any(
                o.info.section.id != sid and overlaps(cand, o.start, o.end, atoms[id(o)])
                for o in reserved[(r, cand.day)]
            )
        ]
        options += rooms
        room = next((r for r in options if free(r, cand)), None)
        if room is None:
            return None
        busy[(room, cand.day)].append((cand.start, cand.end, atoms[id(cand)]))
        out[id(cand)] = room
        own[sid].append(room)
    return out


def _targets(
    keepers: dict[str, list[Candidate]],
    rooms: list[str],
    wanted: dict,
    atoms: dict[int, frozenset[int]],
    tries: int = TARGET_TRIES,
) -> dict[str, str]:
    """One room for as many keeping sections as can have one: a colouring of the sections' clash graph.

    Sections clash when meetings of theirs overlap (in time and part of the year); sections in one
    room must not. Colouring in the order they come (first fit) leaves sections without a room that a
    better order houses (measured on a 2,400-student school: 14 and 40 room changes in a ten-lab class
    where 3 sections at most need one), so the colouring is DSatur — next the section whose clashing
    sections already hold the most rooms — tried again with random ties while some section is left
    out, keeping the best: fewest sections left out, then most warm-start rooms kept. A section
    prefers its warm-start room.
    """
    clashes: dict[str, set[str]] = {sid: set() for sid in keepers}
    by_day: dict[str, list[Candidate]] = defaultdict(list)
    for group in keepers.values():
        for c in group:
            by_day[c.day].append(c)
    for meetings in by_day.values():
        meetings.sort(key=lambda c: c.start)
        for i, a in enumerate(meetings):
            for b in meetings[i + 1 :]:
                if b.start >= a.end:
                    break
                sa, sb = a.info.section.id, b.info.section.id
                if sa != sb and atoms[id(a)] & atoms[id(b)]:
                    clashes[sa].add(sb)
                    clashes[sb].add(sa)
    warm: dict[str, str] = {}
    for sid, group in keepers.items():
        first = wanted.get((sid, group[0].day, group[0].start, group[0].end))
        if first in rooms:
            warm[sid] = first
    rng = random.Random(0)
    best: dict[str, str] = {}
    best_key: tuple[int, int] | None = None
    deadline = time.monotonic() + TARGET_SECONDS
    for attempt in range(max(1, tries)):
        if attempt and time.monotonic() > deadline:
            break
        room_of: dict[str, str] = {}
        left = set(keepers)
        while left:
            sid = max(
                (s for s in keepers if s in left),
                key=lambda s: (
                    len({room_of[o] for o in clashes[s] if o in room_of}),
                    len(clashes[s]),
                    rng.random() if attempt else 0.0,
                ),
            )
            left.discard(sid)
            taken = {room_of[o] for o in clashes[sid] if o in room_of}
            free = [r for r in ([warm[sid]] if sid in warm else []) + rooms if r not in taken]
            if free:
                room_of[sid] = free[0]
        key = (len(keepers) - len(room_of), -sum(room_of.get(sid) == room for sid, room in warm.items()))
        if best_key is None or key < best_key:
            best, best_key = room_of, key
        if key[0] == 0:  # every keeping section has its room (the warm ones preferred): done
            break
    return best


def _extra_changes(ctx: Context, cands: list[Candidate], got: dict[int, str]) -> int:
    rooms: dict[str, set[str]] = defaultdict(set)
    for cand in cands:
        if keeps_room(ctx, cand):
            rooms[cand.info.section.id].add(got[id(cand)])
    return sum(len(r) - 1 for r in rooms.values())


def _exact(
    ctx: Context, cands: list[Candidate], rooms: list[str], hint: dict[int, str] | None, time_limit: float
) -> dict[int, str] | None:
    """One class alone: rooms for its meetings, no two overlapping in a room, fewest room changes."""
    model = cp_model.CpModel()
    x = {(i, r): model.new_bool_var("") for i in range(len(cands)) for r in rooms}
    for i, cand in enumerate(cands):
        model.add_exactly_one(x[(i, r)] for r in rooms)
        if hint is not None:
            for r in rooms:
                model.add_hint(x[(i, r)], hint[id(cand)] == r)
    cover: dict[tuple, list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        for p in ctx.covered_points(cand.day, cand.start, cand.end):
            for a in cand.info.atoms:
                cover[(cand.day, p, a)].append(i)
    for members in cover.values():
        if len(members) > 1:
            for r in rooms:
                model.add_at_most_one(x[(i, r)] for i in members)
    keepers: dict[str, list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        if keeps_room(ctx, cand):
            keepers[cand.info.section.id].append(i)
    used = []
    for members in keepers.values():
        for r in rooms:
            u = model.new_bool_var("")
            for i in members:
                model.add_implication(x[(i, r)], u)
            used.append(u)
    if used:
        model.add(sum(used) >= len(keepers))  # redundant (a room per section): proves optimality at once
        model.minimize(sum(used))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False  # Ctrl+C is the caller's (see engine._params)
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {id(cand): next(r for r in rooms if solver.boolean_value(x[(i, r)])) for i, cand in enumerate(cands)}
