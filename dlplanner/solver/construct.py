"""A constructive first timetable for big models, handed to CP-SAT as a hint (not as an answer).

Sections are taken hardest first (fewest starts per meeting, then most meetings); each meeting takes
the start, among the model's candidates, on the day its section has used least, at the time the
school has used least so far, where its cohorts and teachers (fixed, or the narrowed pool's
preferred ones) are free and a room class has a room left. Meetings that find nothing are left out.
The clash, room and spread rules are followed here; campus travel and loads are left to CP-SAT,
which repairs the hint into a timetable (every rule holds in what it returns).
"""

from __future__ import annotations

from collections import defaultdict

from dlplanner.domain.model import Placement
from dlplanner.solver.model_builder import Candidate, Context


def greedy_placements(ctx: Context) -> list[Placement]:
    """Placements (rooms: the first room of the chosen class) for the meetings the greedy could place."""
    busy: set[tuple] = set()  # (resource, day, point, atom)
    rooms_used: dict[tuple, int] = defaultdict(int)  # (room class, day, point, atom) -> meetings
    at_time: dict[tuple[str, int], int] = defaultdict(int)  # (day, start) -> meetings placed then
    out: list[Placement] = []

    def order(info) -> tuple:
        n = max(1, info.section.meetings_per_cycle)
        return (len(info.candidates) / n, -n, info.section.id)

    for info in sorted(ctx.sections, key=order):
        if info.pinned or not info.candidates:
            continue
        teachers = info.fixed_teachers or info.preferred or info.pool[: max(1, info.section.teachers_needed)]
        people = [("cohort", c) for c in info.section.cohort_ids] + [("teacher", t) for t in teachers]
        days: dict[str, int] = defaultdict(int)
        taken: set[int] = set()
        for index in range(info.section.meetings_per_cycle):
            options = sorted(
                (c for c in info.candidates if id(c) not in taken),
                key=lambda c: (days[c.day], at_time[(c.day, c.start)], c.start),
            )
            for cand in options:
                if any(t not in cand.teacher_lits for t in teachers):
                    continue  # a pool teacher the rules keep away then
                points = ctx.covered_points(cand.day, cand.start, cand.end)
                keys = [(p, a) for p in points for a in info.atoms]
                if any((res, cand.day, p, a) in busy for res in people for p, a in keys):
                    continue
                room = _free_class(ctx, cand, keys, rooms_used)
                if room is False:
                    continue
                for res in people:
                    for p, a in keys:
                        busy.add((res, cand.day, p, a))
                if room is not None:
                    for p, a in keys:
                        rooms_used[(room, cand.day, p, a)] += 1
                days[cand.day] += 1
                at_time[(cand.day, cand.start)] += 1
                taken.add(id(cand))
                out.append(Placement(info.section.id, index, cand.day, cand.start, cand.end, room, list(teachers)))
                break
    return out


def _free_class(ctx: Context, cand: Candidate, keys: list[tuple[int, int]], used: dict) -> str | bool | None:
    """A room class with a room free at every point (its id, which is its first room); None: no rooms; False: full."""
    if not cand.room_lits:
        return None
    for cid in cand.room_lits:
        cap = len(ctx.room_classes[cid].rooms)
        if all(used[(cid, cand.day, p, a)] < cap for p, a in keys):
            return cid
    return False
