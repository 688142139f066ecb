"""Room classes: rooms no rule can tell apart, so that a meeting chooses a class and not a room.

Interchangeable rooms fit the same sections, are on the same campus and are held by the same advisory
sittings at meeting times; a class hosts at most as many meetings at a time as it has rooms, and
:mod:`dlplanner.solver.rooms` picks the actual rooms after solving. A pinned room is a class of its
own; in explain mode rooms held by different advisories are in different classes, so a forbid reason
names the right advisory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlplanner.solver.model_builder import Context


@dataclass
class RoomClass:
    """Interchangeable rooms; its id is its first room's id (so a one-room class is named by its room)."""

    id: str
    rooms: list[str]
    campus: str | None


def room_classes(ctx: Context, together: bool) -> dict[str, RoomClass]:
    """The classes of the rooms some section may use (``together=False``: one class per room)."""
    fits: dict[str, list[str]] = defaultdict(list)
    for info in ctx.sections:
        for rid in info.rooms:
            fits[rid].append(info.section.id)
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for info in ctx.sections:
        for cand in info.candidates:
            spans[cand.day].add((cand.start, cand.end))
    pinned_rooms = {p.room_id for p in ctx.pins if p.room_id}
    explain = ctx.explanation.enabled
    groups: dict[tuple, list[str]] = {}
    for room in ctx.project.rooms:
        if room.id not in fits:
            continue
        held = frozenset(
            (s.day, s.start, s.end, s.advisory.id if explain else "")
            for s in ctx.grid.busy_fixed.get(("room", room.id), ())
            if any(a < s.end and s.start < b for a, b in spans[s.day])
        )
        alone = not together or room.id in pinned_rooms
        key = (room.id,) if alone else (tuple(fits[room.id]), room.campus_id, held)
        groups.setdefault(key, []).append(room.id)
    out = {}
    for rooms in groups.values():
        out[rooms[0]] = RoomClass(rooms[0], rooms, ctx.rooms[rooms[0]].campus_id)
    return out
