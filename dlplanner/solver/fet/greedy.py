"""A FET-like first timetable, built by placing and evicting, used as a hint for CP-SAT.

Why: on FET's own examples CP-SAT can take a minute for the first timetable of a tight file
whose hard constraints are mostly "no clash" and "min days between", where FET's heuristic
(place the most constrained activity where it evicts the fewest others, and do not undo a move at
once) needs a second. This heuristic covers the constraints that make those files tight:

- each activity's allowed starts, taken from the time model (breaks, not-available times,
  preferred times, slots forbidden by the room stage);
- no teacher, subgroup, single hard room or hard not-overlapping set used twice at once;
- hard MinDaysBetweenActivities, and the hard part of soft ones ("consecutive if same day");
- hard ActivitiesSameStartingTime (the activities move as one unit).

Everything else (gaps, daily hours, consecutive pairs, room sets, …) is left to CP-SAT, which
starts from this timetable and repairs it; the timetable is never returned as a result itself.
"""

from __future__ import annotations

import heapq
import random
import time
from collections import defaultdict
from collections.abc import Callable

from dlplanner.domain.fet import FetInstance
from dlplanner.solver.fet.model import Slot, room_domains


class _Units:
    """Activities that must start together, merged (union-find over hard same-start groups)."""

    def __init__(self, ids: list[int]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def greedy_times(
    inst: FetInstance,
    starts: dict[int, list[Slot]],
    time_limit: float,
    seed: int = 0,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[dict[int, Slot], bool]:
    """Starts for as many activities as it can place; True when every activity is placed."""
    deadline = time.monotonic() + time_limit
    rng = random.Random(seed)
    acts = {a.id: a for a in inst.active_activities() if a.id in starts}
    nd, nh = len(inst.days), len(inst.hours)
    smap = inst.students_map()
    units = _Units(list(acts))
    hard = [c for c in inst.active_constraints() if c.supported and c.hard]
    for c in hard:
        if c.type == "ActivitiesSameStartingTime":
            ids = [i for i in map(int, c.all("Activity_Id")) if i in acts]
            for i in ids[1:]:
                units.union(ids[0], i)
    members: dict[int, list[int]] = defaultdict(list)
    for aid in acts:
        members[units.find(aid)].append(aid)

    # resources: one integer per (teacher | subgroup | room | not-overlapping set); a cell is
    # resource * slots + slot, so occupancy is one flat list
    res_index: dict[tuple[str, str], int] = {}

    def res(kind: str, name: str) -> int:
        return res_index.setdefault((kind, name), len(res_index))

    act_res: dict[int, set[int]] = defaultdict(set)
    for a in acts.values():
        act_res[a.id].update(res("t", t) for t in a.teachers)
        for s in a.students:
            act_res[a.id].update(res("s", sub) for sub in smap.get(s, [s]))
    for aid, dom in room_domains(inst).items():
        if dom.hard and len(dom.rooms) == 1 and aid in acts:
            act_res[aid].add(res("r", next(iter(dom.rooms))))
    for n, c in enumerate(hard):
        if c.type == "ActivitiesNotOverlapping":
            for i in map(int, c.all("Activity_Id")):
                if i in acts:
                    act_res[i].add(res("o", str(n)))
    nslots = nd * nh

    unit_starts: dict[int, list[Slot]] = {}
    cells: dict[tuple[int, Slot], list[int]] = {}
    for u, ids in members.items():
        common = set(starts[ids[0]])
        for i in ids[1:]:
            common &= set(starts[i])
        unit_starts[u] = sorted(common)
        for st in unit_starts[u]:
            d, h = st
            cells[(u, st)] = [
                r * nslots + d * nh + hh for i in ids for r in act_res[i] for hh in range(h, h + acts[i].duration)
            ]
    # unit -> (other unit, min days apart, or (durations) when they may share a day only adjacent)
    apart: dict[int, list[tuple[int, int, tuple[int, int] | None]]] = defaultdict(list)
    for c in inst.active_constraints():
        if c.type != "MinDaysBetweenActivities" or not c.supported:
            continue
        ids = [i for i in dict.fromkeys(map(int, c.all("Activity_Id"))) if i in acts]
        for i in ids:
            for j in ids:
                if units.find(i) == units.find(j):
                    continue
                if c.hard:
                    apart[units.find(i)].append((units.find(j), c.get_int("MinDays", 1), None))
                elif c.get_bool("Consecutive_If_Same_Day"):
                    # the hard part of a soft min-days: on one day, they must be adjacent
                    apart[units.find(i)].append((units.find(j), 0, (acts[i].duration, acts[j].duration)))

    occ = [-1] * (len(res_index) * nslots)
    place: dict[int, Slot] = {}
    tabu: dict[tuple[int, Slot], int] = {}
    # first pass: fewest allowed starts first, then most cells used
    queue = [
        ((-1, len(unit_starts[u]), -len(cells[(u, unit_starts[u][0])])), rng.random(), u)
        for u in members
        if unit_starts[u]
    ]
    heapq.heapify(queue)
    best: dict[int, Slot] = {}
    weight = dict.fromkeys(members, 1)
    it = 0
    while queue:
        it += 1
        if it % 256 == 0 and (time.monotonic() > deadline or (should_stop and should_stop())):
            break
        _, _, u = heapq.heappop(queue)
        if u in place:
            continue
        choice, choice_score, choice_conflicts = None, None, ()
        for st in unit_starts[u]:
            conflicts = {occ[cell] for cell in cells[(u, st)]}
            conflicts.discard(-1)
            for v, k, adjacent in apart[u]:
                pv = place.get(v)
                if pv is None:
                    continue
                if adjacent is None:
                    if abs(pv[0] - st[0]) < k:
                        conflicts.add(v)
                elif pv[0] == st[0] and pv[1] != st[1] + adjacent[0] and st[1] != pv[1] + adjacent[1]:
                    conflicts.add(v)
            score = sum(weight[v] for v in conflicts) + (1000 if tabu.get((u, st), 0) > it else 0) + rng.random()
            if choice_score is None or score < choice_score:
                choice, choice_score, choice_conflicts = st, score, conflicts
        for v in choice_conflicts:
            weight[v] += 1  # an activity evicted again and again becomes dearer to evict
            pv = place.pop(v)
            for cell in cells[(v, pv)]:
                occ[cell] = -1
            tabu[(v, pv)] = it + 10 + rng.randrange(10)  # do not move straight back
            # the most evicted first: measured on FET's examples, this beats static difficulty
            heapq.heappush(queue, ((-weight[v], 0, 0), rng.random(), v))
        place[u] = choice
        for cell in cells[(u, choice)]:
            occ[cell] = u
        if len(place) > len(best):
            best = dict(place)
    complete = len(best) == len(members)
    return {aid: best[units.find(aid)] for aid in acts if units.find(aid) in best}, complete
