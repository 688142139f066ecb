"""The room pass: after solving with room classes, give every meeting an actual room of its class.

A room class's rooms are interchangeable (they fit the same sections, are on one campus and are held
by the same advisory sittings), and the model keeps each class within its room count at every time
point of every part of the year. Per class, the meetings are then given rooms in start order
(interval colouring, which always succeeds when the year has no terms), preferring the room the
meeting had before (warm start) and, for sections whose room changes cost (``room_changes``), the
room the section already has. When a class's meetings run in different terms, start order can
fail; a small CP-SAT model of that class alone decides. ``None`` means no assignment exists and the
caller solves again with one class per room.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from dlplanner.domain.model import Placement
from dlplanner.solver.model_builder import Candidate, Context

Meeting = tuple[Candidate, str]  # candidate and the room class it chose


def keeps_room(ctx: Context, cand: Candidate) -> bool:
    """Whether changing rooms costs for the candidate's section (the ``room_changes`` soft rule)."""
    s = cand.info.section
    return (s.team_taught or "lab" in s.room_features) and s.meetings_per_cycle >= 2


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
    for cid, cands in by_class.items():
        rooms = ctx.room_classes[cid].rooms
        if len(rooms) == 1:
            for cand in cands:
                out[id(cand)] = rooms[0]
            continue
        got = _greedy(ctx, cands, rooms, wanted, keeps_first=True) or _greedy(ctx, cands, rooms, wanted, False)
        if got is None or _extra_changes(ctx, cands, got):
            better = _exact(ctx, cands, rooms, got, time_limit)
            if better is not None:
                got = better
        if got is None:
            return None
        out.update(got)
    return out


def _order(ctx: Context, cand: Candidate) -> tuple:
    return (ctx.day_ids.index(cand.day), cand.start, cand.end)


def _greedy(
    ctx: Context, cands: list[Candidate], rooms: list[str], wanted: dict, keeps_first: bool
) -> dict[int, str] | None:
    """Rooms in start order; with ``keeps_first`` the sections that keep one room go first, all meetings at once."""
    busy: dict[tuple[str, str], list[tuple[int, int, tuple[int, ...]]]] = defaultdict(list)
    out: dict[int, str] = {}

    def free(room: str, cand: Candidate) -> bool:
        return not any(
            s < cand.end and cand.start < e and set(a) & set(cand.info.atoms) for s, e, a in busy[(room, cand.day)]
        )

    def take(room: str, cand: Candidate) -> None:
        busy[(room, cand.day)].append((cand.start, cand.end, cand.info.atoms))
        out[id(cand)] = room

    def preferred(cand: Candidate) -> list[str]:
        first = wanted.get((cand.info.section.id, cand.day, cand.start, cand.end))
        return [first] if first in rooms else []

    rest = cands
    if keeps_first:
        keepers: dict[str, list[Candidate]] = defaultdict(list)
        for cand in cands:
            if keeps_room(ctx, cand):
                keepers[cand.info.section.id].append(cand)
        for group in keepers.values():
            options = preferred(group[0]) + rooms
            room = next((r for r in options if all(free(r, c) for c in group)), None)
            if room is None:
                return None
            for c in group:
                take(room, c)
        rest = [c for c in cands if id(c) not in out]
    used_by: dict[str, list[str]] = defaultdict(list)
    for cand in cands:
        if id(cand) in out:
            used_by[cand.info.section.id].append(out[id(cand)])
    for cand in sorted(rest, key=lambda c: _order(ctx, c)):
        options = preferred(cand) + used_by[cand.info.section.id] + rooms
        room = next((r for r in options if free(r, cand)), None)
        if room is None:
            return None
        take(room, cand)
        used_by[cand.info.section.id].append(room)
    return out


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
    x = {(i, r): model.NewBoolVar("") for i in range(len(cands)) for r in rooms}
    for i, cand in enumerate(cands):
        model.AddExactlyOne(x[(i, r)] for r in rooms)
        if hint is not None:
            for r in rooms:
                model.AddHint(x[(i, r)], hint[id(cand)] == r)
    cover: dict[tuple, list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        for p in ctx.covered_points(cand.day, cand.start, cand.end):
            for a in cand.info.atoms:
                cover[(cand.day, p, a)].append(i)
    for members in cover.values():
        if len(members) > 1:
            for r in rooms:
                model.AddAtMostOne(x[(i, r)] for i in members)
    keepers: dict[str, list[int]] = defaultdict(list)
    for i, cand in enumerate(cands):
        if keeps_room(ctx, cand):
            keepers[cand.info.section.id].append(i)
    used = []
    for members in keepers.values():
        for r in rooms:
            u = model.NewBoolVar("")
            for i in members:
                model.AddImplication(x[(i, r)], u)
            used.append(u)
    if used:
        model.Minimize(sum(used))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    if solver.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {id(cand): next(r for r in rooms if solver.BooleanValue(x[(i, r)])) for i, cand in enumerate(cands)}
