"""A FET-like first timetable, built by placing and evicting.

Why: on FET's own examples CP-SAT can take a minute for the first timetable of a tight file
whose hard constraints are mostly "no clash" and "min days between", where FET's heuristic
(place the most constrained activity where it evicts the fewest others, and do not undo a move at
once) needs a second. This heuristic covers the hard constraints that make those files tight:

- each activity's allowed starts, taken from the time model (breaks, not-available times,
  preferred times, slots forbidden by the room stage);
- no teacher, subgroup, single hard room or hard not-overlapping set used twice at once;
- hard MinDaysBetweenActivities, and the hard part of soft ones ("consecutive if same day");
- hard ActivitiesSameStartingTime (the activities move as one unit), ActivitiesSameStartingDay
  and ActivitiesSameStartingHour;
- hard max days per week (teachers), max hours daily and max hours continuously (teachers and
  students);
- hard room sets: activities confined to a set of rooms never outnumber its available rooms;
- hard max gaps (per day, per week; teachers and students), students' early beginnings and min
  hours daily (teachers and students), with FET's allowance on a partial timetable (a person's
  lessons still to place may fill its gaps, the hours before its days' first lessons and the hours
  its short days lack, counted over the week); where they cannot, the last lessons of the person's
  other days are evicted, as FET does; among starts that evict alike, the one that keeps days
  compact (and short days filling) wins; once every activity is placed, gaps, late beginnings and
  short days left behind by evictions are evicted in turn and the search goes on;
- hard ActivityEndsStudentsDay, TwoActivitiesConsecutive and TwoActivitiesGrouped (a placement
  that breaks one evicts the other activity).

When the search has gone ``RESTART_AFTER`` steps per unit without a better partial timetable (more
placed), it goes back to its best one and goes on from there with the weights it learnt: measured
on FET's examples, it drifts away from near-complete timetables it could have finished.

A placement that would break one of them evicts the cheapest activities that make it hold again,
so the partial timetable always satisfies them. It is run only on files whose every hard time
constraint is one of these (``knows_every_hard_time_constraint``); its timetable is returned only
after the time model, pinned to its starts, confirms every hard constraint, and rooms are found.
"""

from __future__ import annotations

import heapq
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from dlplanner.fet.model import FetActivity, FetConstraint, FetInstance
from dlplanner.fet.solver.model import RoomDomain, Slot, named_slots, room_domains, room_not_available


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


class _SameKey:
    """Hard ActivitiesSameStartingDay / ActivitiesSameStartingHour: placing a unit on another day
    (hour) than placed units of one of its groups evicts those units."""

    def __init__(self) -> None:
        self.groups_of: dict[int, list[tuple[int, int]]] = defaultdict(list)  # unit -> (group, 0 day | 1 hour)
        self.at: list[dict[int, set[int]]] = []  # group -> day (hour) -> placed units there

    def add(self, group: list[int], key: int) -> None:
        for u in group:
            self.groups_of[u].append((len(self.at), key))
        self.at.append(defaultdict(set))

    def conflicts(self, u: int, st: Slot) -> set[int]:
        out: set[int] = set()
        for g, k in self.groups_of.get(u, ()):
            for value, placed in self.at[g].items():
                if value != st[k]:
                    out.update(placed)
        return out

    def place(self, u: int, st: Slot) -> None:
        for g, k in self.groups_of.get(u, ()):
            self.at[g][st[k]].add(u)

    def remove(self, u: int, st: Slot) -> None:
        for g, k in self.groups_of.get(u, ()):
            self.at[g][st[k]].discard(u)


# per-person limits: type -> (index in a [days per week, hours daily, hours continuously] triple, field)
_LIMITED: dict[str, tuple[int, str]] = {
    "TeacherMaxDaysPerWeek": (0, "Max_Days_Per_Week"),
    "TeachersMaxDaysPerWeek": (0, "Max_Days_Per_Week"),
}
for _p in ("Teacher", "Teachers", "Students", "StudentsSet"):
    _LIMITED[f"{_p}MaxHoursDaily"] = (1, "Maximum_Hours_Daily")
    _LIMITED[f"{_p}MaxHoursContinuously"] = (2, "Maximum_Hours_Continuously")


def _scope(inst: FetInstance, c: FetConstraint, smap: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The (kind, name) resources a teacher/teachers/students-set/students rule covers."""
    if c.type.startswith("Teachers"):
        return [("t", n) for n in inst.teachers]
    if c.type.startswith("Teacher"):
        return [("t", c.get("Teacher_Name", c.get("Teacher")))]
    if c.type.startswith("StudentsSet"):
        return [("s", n) for n in smap.get(c.get("Students"), [])]
    return [("s", n) for n in inst.subgroup_names()]


class _Loads:
    """Per limited person and day: the placed units and their busy hours, kept on place/evict, and
    the evictions each per-person limit needs before a unit can go to a start."""

    def __init__(self, nd: int, nh: int, limits: dict[int, list[int | None]], occ: list[int]) -> None:
        self.nd, self.nh, self.limits, self.occ = nd, nh, limits, occ
        self.on: dict[int, list[dict[int, int]]] = {p: [{} for _ in range(nd)] for p in limits}
        self.hours = {p: [0] * nd for p in limits}
        self.days = dict.fromkeys(limits, 0)
        self.people: dict[int, list[tuple[int, int]]] = {}  # unit -> (limited person, hours it adds)

    def conflicts(self, u: int, st: Slot, out: set[int], weight: dict[int, int], rng: random.Random) -> None:
        for p, n in self.people.get(u, ()):
            max_days, max_hours, max_run = self.limits[p]
            if max_days is not None:
                self._days(p, st[0], max_days, out, weight)
            if max_hours is not None:
                self._hours(p, st[0], n, max_hours, out, weight, rng)
            if max_run is not None:
                self._run(p, st, n, max_run, out, weight)

    def _days(self, p: int, d: int, limit: int, out: set[int], weight: dict[int, int]) -> None:
        """A new working day over the limit: free the cheapest other working day entirely."""
        if self.days[p] < limit or (self.hours[p][d] and out.isdisjoint(self.on[p][d])):
            return
        busy = {dd: [v for v in on if v not in out] for dd, on in enumerate(self.on[p])}
        if busy[d]:
            return
        busy = {dd: vs for dd, vs in busy.items() if vs}
        while len(busy) >= limit > 0:
            dd = min(busy, key=lambda dd: sum(weight[v] for v in busy[dd]))
            out.update(busy.pop(dd))

    def _hours(
        self, p: int, d: int, n: int, limit: int, out: set[int], weight: dict[int, int], rng: random.Random
    ) -> None:
        """Too many hours on the day: evict the cheapest other units of that day until it fits."""
        if self.hours[p][d] + n <= limit:
            return
        on = self.on[p][d]
        rest = [v for v in on if v not in out]
        load = n + sum(on[v] for v in rest)
        rest.sort(key=lambda v: (weight[v], -on[v], rng.random()))
        for v in rest:
            if load <= limit:
                break
            out.add(v)
            load -= on[v]

    def _run(self, p: int, st: Slot, n: int, limit: int, out: set[int], weight: dict[int, int]) -> None:
        """A run of busy hours over the limit: evict the cheapest neighbour in it until it fits."""
        d, h = st
        base = p * self.nd * self.nh + d * self.nh
        occ = self.occ

        def taken(hh: int) -> bool:
            v = occ[base + hh]
            return v != -1 and v not in out

        while True:
            a, b = h, h + n
            while a > 0 and taken(a - 1):
                a -= 1
            while b < self.nh and taken(b):
                b += 1
            if b - a <= limit:
                return
            # distance of each neighbour from the new block: evicting a near one splits the run
            near = {occ[base + hh]: h - 1 - hh for hh in range(a, h)}
            near.update((occ[base + hh], hh - h - n) for hh in range(b - 1, h + n - 1, -1))
            if not near:
                return
            out.add(min(near, key=lambda v: (weight[v], near[v])))

    def place(self, u: int, st: Slot) -> None:
        for p, n in self.people.get(u, ()):
            self.days[p] += not self.hours[p][st[0]]
            self.hours[p][st[0]] += n
            self.on[p][st[0]][u] = n

    def remove(self, u: int, st: Slot) -> None:
        for p, n in self.people.get(u, ()):
            self.hours[p][st[0]] -= n
            del self.on[p][st[0]][u]
            self.days[p] -= not self.hours[p][st[0]]


def _person_limits(
    inst: FetInstance,
    hard: list[FetConstraint],
    smap: dict[str, list[str]],
    res_index: dict[tuple[str, str], int],
    table: dict[str, tuple[int, str]],
    floors: frozenset[int] = frozenset(),
) -> dict[int, list[int | None]]:
    """Per person (resource index), the tightest value of each kind of limit in ``table``
    (type -> index in a list of kinds, field name) among the hard constraints covering it: the
    smallest, or the largest for the kinds in ``floors`` (minimums)."""
    size = 1 + max(kind for kind, _ in table.values())
    limits: dict[int, list[int | None]] = {}
    for c in hard:
        if c.type not in table:
            continue
        kind, name = table[c.type]
        value = c.get_int(name)
        tightest = max if kind in floors else min
        for key in _scope(inst, c, smap):
            if key in res_index:
                lim = limits.setdefault(res_index[key], [None] * size)
                old = lim[kind]
                lim[kind] = value if old is None else tightest(old, value)
    return limits


def _unit_spans(
    members: dict[int, list[int]],
    acts: dict[int, FetActivity],
    smap: dict[str, list[str]],
    res_index: dict[tuple[str, str], int],
    limits: dict[int, list[int | None]],
) -> dict[int, list[tuple[int, int]]]:
    """Per unit, the limited people it involves and the hours it adds to each (its members start
    together, so the longest one counts)."""
    out: dict[int, list[tuple[int, int]]] = {}
    if not limits:
        return out
    for u, ids in members.items():
        span: dict[int, int] = defaultdict(int)
        for i in ids:
            a = acts[i]
            people = [("t", t) for t in a.teachers]
            people += [("s", sub) for s in a.students for sub in smap.get(s, [s])]
            for key in people:
                p = res_index[key]
                if p in limits:
                    span[p] = max(span[p], a.duration)
        out[u] = list(span.items())
    return out


def _loads(
    inst: FetInstance,
    hard: list[FetConstraint],
    smap: dict[str, list[str]],
    res_index: dict[tuple[str, str], int],
    members: dict[int, list[int]],
    acts: dict[int, FetActivity],
    nd: int,
    nh: int,
    occ: list[int],
) -> _Loads:
    """The per-person limits of the hard constraints (the tightest one per person and kind), and
    the hours each unit adds to each limited person (its members start together)."""
    limits = _person_limits(inst, hard, smap, res_index, _LIMITED)
    loads = _Loads(nd, nh, limits, occ)
    loads.people = _unit_spans(members, acts, smap, res_index, limits)
    return loads


class _RoomSets:
    """Hard room sets (the time model's counted sets): at any time, the activities confined to a
    set of rooms number at most its rooms available then. A placement where a set is full evicts
    the cheapest units using it at that hour."""

    def __init__(
        self,
        inst: FetInstance,
        doms: dict[int, RoomDomain],
        members: dict[int, list[int]],
        acts: dict[int, FetActivity],
        nd: int,
        nh: int,
    ) -> None:
        self.nh = nh
        confined: dict[frozenset[str], list[int]] = defaultdict(list)
        for aid, dom in doms.items():
            if dom.exclusive and aid in acts:
                confined[frozenset(dom.rooms)].append(aid)
        na = room_not_available(inst)
        sets = [s for s in confined if len(s) > 1]  # one room: already a clash resource
        self.free: list[list[int]] = [
            [sum(1 for r in s if (d, h) not in na.get(r, ())) for d in range(nd) for h in range(nh)] for s in sets
        ]
        unit_of = {i: u for u, ids in members.items() for i in ids}
        # unit -> (set, hour offset from its start, activities of the unit there)
        uses: dict[int, dict[tuple[int, int], int]] = defaultdict(lambda: defaultdict(int))
        for si, s in enumerate(sets):
            for key, ids in confined.items():
                if key <= s:
                    for i in ids:
                        for k in range(acts[i].duration):
                            uses[unit_of[i]][(si, k)] += 1
        self.uses = {u: list(v.items()) for u, v in uses.items()}
        self.at: list[list[dict[int, int]]] = [[{} for _ in range(nd * nh)] for _ in sets]
        self.load: list[list[int]] = [[0] * (nd * nh) for _ in sets]  # the sum over ``at``

    def fits_alone(self, u: int, st: Slot) -> bool:
        """Whether the unit alone fits the rooms of its room sets open at that start. Why: where a
        set has fewer rooms open than the unit needs, no eviction makes room (Arabic_Saudi_Examination
        closes all 19 rooms of its only set at two hours)."""
        base = st[0] * self.nh + st[1]
        return all(n <= self.free[si][base + k] for (si, k), n in self.uses.get(u, ()))

    def conflicts(self, u: int, st: Slot, out: set[int], weight: dict[int, int], rng: random.Random) -> None:
        base = st[0] * self.nh + st[1]
        for (si, k), n in self.uses.get(u, ()):
            cell = base + k
            if n + self.load[si][cell] <= self.free[si][cell]:
                continue  # fits even before the evictions already chosen
            here = self.at[si][cell]
            load = n + sum(m for v, m in here.items() if v not in out)
            if load <= self.free[si][cell]:
                continue
            for v in sorted((v for v in here if v not in out), key=lambda v: (weight[v], rng.random())):
                out.add(v)
                load -= here[v]
                if load <= self.free[si][cell]:
                    break

    def place(self, u: int, st: Slot) -> None:
        base = st[0] * self.nh + st[1]
        for (si, k), n in self.uses.get(u, ()):
            self.at[si][base + k][u] = n
            self.load[si][base + k] += n

    def remove(self, u: int, st: Slot) -> None:
        base = st[0] * self.nh + st[1]
        for (si, k), n in self.uses.get(u, ()):
            del self.at[si][base + k][u]
            self.load[si][base + k] -= n


# compact days: type -> (index in a [gaps per day, gaps per week, beginnings at second hour, min hours
# daily] list, field)
_SHAPED: dict[str, tuple[int, str]] = {
    "StudentsEarlyMaxBeginningsAtSecondHour": (2, "Max_Beginnings_At_Second_Hour"),
    "StudentsSetEarlyMaxBeginningsAtSecondHour": (2, "Max_Beginnings_At_Second_Hour"),
}
for _p in ("Teacher", "Teachers", "Students", "StudentsSet"):
    _SHAPED[f"{_p}MaxGapsPerDay"] = (0, "Max_Gaps")
    _SHAPED[f"{_p}MaxGapsPerWeek"] = (1, "Max_Gaps")
    _SHAPED[f"{_p}MinHoursDaily"] = (3, "Minimum_Hours_Daily")
_MIN_HOURS = 3
# steps per unit without a better partial timetable before the search goes back to its best
RESTART_AFTER = 4
# score of each gap or late-beginning hour a placement adds (negative: fills): among starts that
# evict alike, the one keeping days compact (measured on FET's examples: 2007-2008_sem1-a finished
# with 4 of 4 seeds in 9 s against 1 of 4 without it; 2 or more stalled sacred_heart_college); each
# hour a short day lacks counts the same (measured on 8 min-hours files × 3 seeds × 10 s: 5 runs
# finished, 4 without it and 6 at 3 per hour, within the seeds' variation)
HOLE_COST = 1.0
LATE_START = 50.0  # score of each hour a day begins too late (or is short) that no lesson still to place can fill


class _Shapes:
    """Hard max gaps (per day, per week), early beginnings and min hours daily, kept on the partial
    timetable as FET does: a person's gaps (the hours its days begin too late, the hours its short
    days lack) may exceed the limits by no more than the hours of its lessons still to place, which
    could fill them. A placement that leaves too many gaps evicts the cheapest outer runs of the day
    (left or right of the new lesson); late beginnings (over the week, with the gaps over the weekly
    limit) and short days that the hours still to place cannot fill evict the last lessons of the
    person's other days, and what even that cannot mend only makes the start dearer."""

    def __init__(
        self,
        nd: int,
        nh: int,
        limits: dict[int, list[int | None]],
        usable: dict[int, list[tuple[bool, ...]]],
        occ: list[int],
    ) -> None:
        self.nd, self.nh, self.limits, self.usable, self.occ = nd, nh, limits, usable, occ
        # usable hours before each hour, per person and day: gaps added by a lesson away from the block
        self.before = {p: [[sum(row[:h]) for h in range(nh + 1)] for row in days] for p, days in usable.items()}
        self.gaps = {p: [0] * nd for p in limits}
        self.total = dict.fromkeys(limits, 0)
        self.span = {p: [(-1, -1)] * nd for p in limits}  # first busy hour, end of the last (-1: free day)
        self.late = {p: [0] * nd for p in limits}  # usable hours before the day's first lesson
        self.late_sum = dict.fromkeys(limits, 0)
        self.late_days = dict.fromkeys(limits, 0)  # days begun after the first usable hour
        self.allow_empty = dict.fromkeys(limits, True)  # min hours daily: may a day be free?
        self.hours = {p: [0] * nd for p in limits}  # busy hours per day
        # min hours daily, per day: the hours it lacks, and those or its holes (gaps and late hours
        # beyond the limits' allowance), whichever is more (FET's count: filling a hole of a short
        # day also lengthens it); and their sums over the week
        self.short = {p: [(0, 0)] * nd for p in limits}
        self.lack_sum = dict.fromkeys(limits, 0)
        self.need_sum = dict.fromkeys(limits, 0)
        self.people: dict[int, list[tuple[int, int]]] = {}  # unit -> (shaped person, hours it adds)
        self.remaining = dict.fromkeys(limits, 0)  # hours of each person's units not placed
        self.day_of: dict[int, int] = {}  # placed unit -> its day
        self.memo: dict[tuple, tuple[set[int], int, int]] = {}  # _evict_runs' outcomes, cleared per scan

    def _row(self, p: int, d: int, out: set[int]) -> list[int]:
        base = (p * self.nd + d) * self.nh
        return [v if v == -1 or v not in out else -1 for v in self.occ[base : base + self.nh]]

    def _holes(self, row: list[int], usable: tuple[bool, ...]) -> tuple[list[tuple[int, int]], list[int]]:
        """The runs of busy hours, and the gaps (free usable hours) between consecutive runs."""
        runs: list[tuple[int, int]] = []
        for h, v in enumerate(row):
            if v != -1:
                if runs and runs[-1][1] == h:
                    runs[-1] = (runs[-1][0], h + 1)
                else:
                    runs.append((h, h + 1))
        holes = [sum(1 for h in range(a[1], b[0]) if usable[h]) for a, b in pairwise(runs)]
        return runs, holes

    def _allowed(self, p: int, d: int, spare: int) -> int:
        """The gaps day d may have: the limits, plus ``spare`` hours still to place that could
        fill gaps (FET's own allowance on a partial timetable: without it, an early and a late
        lesson could never share a day before the hours between them are placed)."""
        per_day, per_week = self.limits[p][:2]
        allowed = per_day + spare if per_day is not None else self.nh
        if per_week is not None:
            allowed = min(allowed, max(0, per_week + spare - (self.total[p] - self.gaps[p][d])))
        return allowed

    def conflicts(self, u: int, st: Slot, out: set[int], weight: dict[int, int]) -> float:
        d, h = st
        penalty = 0.0
        touched = {p for v in out if self.day_of.get(v) == d for p, _n in self.people.get(v, ())}
        freed, counted = self._freed(out), len(out)
        for p, n in self.people.get(u, ()):
            per_day, per_week, second, least = self.limits[p]
            if len(out) != counted:  # a person before evicted more
                freed, counted = self._freed(out), len(out)
            spare = self.remaining[p] - n + sum(freed.get(p, {}).values())
            first, end = self.span[p][d]
            before = self.before[p][d]
            new_first = h if first == -1 else min(first, h)
            limited = per_day is not None or per_week is not None
            new_gaps = self.gaps[p][d]
            if p not in touched and (first == -1 or h + n <= first or h >= end):
                # quick: no lesson of this day leaves; the new one goes before, after or alone
                if first == -1:
                    added = 0
                elif h + n <= first:
                    added = before[first] - before[h + n]
                else:
                    added = before[h] - before[end]
                new_gaps += added
                if added and limited and new_gaps > self._allowed(p, d, spare):
                    new_first, new_gaps = self._evict_runs(p, st, n, u, out, weight, spare)
            elif limited:
                new_first, new_gaps = self._evict_runs(p, st, n, u, out, weight, spare)
            penalty += HOLE_COST * (new_gaps - self.gaps[p][d])
            over = 0  # gaps over the week's limit that lessons still to place must fill
            if per_week is not None:
                over = self.total[p] - self.gaps[p][d] + new_gaps - per_week
                if over > spare:
                    self._trim_week(p, d, over - spare, out, weight)
                over = min(max(0, over), spare)
            extra = over  # hours that lessons still to place must fill
            late = 0
            if second is not None:
                # hours before the first lessons of the week's days (one forgiven on up to ``second``
                # days): as FET counts, they and the gaps over the limit are filled by the same
                # lessons still to place
                late, old = before[new_first], self.late[p][d]
                penalty += HOLE_COST * (late - old)
                days = self.late_days[p] - (old > 0) + (late > 0)
                extra += self.late_sum[p] - old + late - min(second, days)
            if least is not None:
                day = self._short_day(p, self.hours[p][d] - freed.get(p, {}).get(d, 0) + n, new_gaps, late)
                extra = max(extra, self._short_week(p, d, day, freed.get(p, {})))
                penalty += HOLE_COST * (day[0] - self.short[p][d][0])
            if extra > spare:
                spare += self._evict_day_ends(p, d, extra - spare, out, weight)
            if extra > spare:
                penalty += LATE_START * (extra - spare)
        return penalty

    def floors(self, u: int) -> list[float]:
        """Per day, the least ``conflicts`` can add to a start of u: filling every gap, late hour
        and lacking hour its people's day now has."""
        return [
            -HOLE_COST * sum(self.gaps[p][d] + self.late[p][d] + self.short[p][d][0] for p, _n in self.people[u])
            for d in range(self.nd)
        ]

    def _short_day(self, p: int, hours: int, gaps: int, late: int) -> tuple[int, int]:
        """Min hours daily on one day: the hours it lacks, and those or its holes, whichever is
        more (holes: gaps and late hours that the limits do not forgive day by day)."""
        per_day, per_week, second, least = self.limits[p]
        if least is None or (hours == 0 and self.allow_empty[p]):
            return 0, 0
        holes = gaps if per_week is not None else max(0, gaps - per_day) if per_day is not None else 0
        if second is not None:
            holes += late
        lack = max(0, least - hours)
        return lack, max(lack, holes)

    def _short_week(self, p: int, d: int, day: tuple[int, int], freed: dict[int, int]) -> int:
        """FET's count for min hours daily, day d now ``day`` (``_short_day``'s pair) and ``freed``
        hours evicted from other days: the hours lessons still to place must fill (the lacking
        hours; the lacking hours or holes, less the holes the weekly limits allow)."""
        lack_sum, need_sum = self.lack_sum[p], self.need_sum[p]
        changed = {
            dd: self._short_day(p, self.hours[p][dd] - m, self.gaps[p][dd], self.late[p][dd]) for dd, m in freed.items()
        }
        changed[d] = day
        for dd, (lack, need) in changed.items():
            old_lack, old_need = self.short[p][dd]
            lack_sum += lack - old_lack
            need_sum += need - old_need
        _, per_week, second, _ = self.limits[p]
        return max(lack_sum, need_sum - (per_week or 0) - (second or 0))

    def _freed(self, out: set[int]) -> dict[int, dict[int, int]]:
        """Per person and day, the hours of its lessons among the units already chosen for eviction."""
        freed: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for v in out:
            d = self.day_of.get(v)
            if d is None:
                continue
            for q, m in self.people.get(v, ()):
                freed[q][d] += m
        return freed

    def _evict_day_ends(self, p: int, d: int, need: int, out: set[int], weight: dict[int, int]) -> int:
        """FET's way to mend a partial timetable: evict the cheapest last lessons of p's other days
        (which leaves no new gap and no later beginning) until ``need`` more hours are to place
        (less what that makes a short day lack); the hours gained."""
        gained = 0
        while gained < need:
            ends: dict[int, int] = {}  # last lesson -> hours gained by evicting it
            emptied = {self.day_of.get(v) for v in out}  # days that may have lost a lesson
            for dd in range(self.nd):
                if dd == d:
                    continue
                if dd in emptied:
                    row = self._row(p, dd, out)
                    last = next((v for v in reversed(row) if v != -1), -1)
                    hours = sum(1 for v in row if v != -1)
                else:
                    end = self.span[p][dd][1]
                    last = -1 if end == -1 else self.occ[(p * self.nd + dd) * self.nh + end - 1]
                    hours = self.hours[p][dd]
                if last == -1:
                    continue
                m = next(m for q, m in self.people[last] if q == p)
                lacks = self._short_day(p, hours - m, 0, 0)[0] - self._short_day(p, hours, 0, 0)[0]
                if m > lacks:
                    ends[last] = m - lacks
            if not ends:
                break
            # a lesson of many people is dear to evict: placed again, it is hard on all of them
            v = min(ends, key=lambda v: weight[v] * len(self.people[v]))
            out.add(v)
            gained += ends[v]
        return gained

    def _evict_runs(
        self, p: int, st: Slot, n: int, u: int, out: set[int], weight: dict[int, int], spare: int
    ) -> tuple[int, int]:
        """Evict what the day's gaps need, u placed; the day's first busy hour and gaps then."""
        d, h = st
        row = self._row(p, d, out)
        for hh in range(h, h + n):
            row[hh] = u
        allowed = self._allowed(p, d, spare)
        # the outcome depends only on the day's row, usable hours and allowance (weights are fixed
        # during a scan): the subgroups of a class, whose days are alike, share one computation
        key = (tuple(row), self.usable[p][d], allowed)
        hit = self.memo.get(key)
        if hit is None:
            evicted: set[int] = set()
            gaps = self._trim(p, d, row, u, evicted, weight, allowed)
            hit = self.memo[key] = (evicted, next(hh for hh, v in enumerate(row) if v != -1), gaps)
        out |= hit[0]
        return hit[1], hit[2]

    def _trim_week(self, p: int, d: int, excess: int, out: set[int], weight: dict[int, int]) -> None:
        """Too many gaps in the week even with day d mended: trim the other days, most gaps first."""
        for dd in sorted(range(self.nd), key=lambda dd: -self.gaps[p][dd]):
            if excess <= 0 or self.gaps[p][dd] == 0:
                break
            if dd != d:
                gaps = self.gaps[p][dd]
                excess -= gaps - self._trim(p, dd, self._row(p, dd, out), -1, out, weight, max(0, gaps - excess))

    def _trim(
        self, p: int, d: int, row: list[int], keep: int, out: set[int], weight: dict[int, int], allowed: int
    ) -> int:
        """Evict the cheapest outer runs of the day (i on the left, j on the right; never one
        holding ``keep``) that bring its gaps down to ``allowed``; the gaps left."""
        runs, holes = self._holes(row, self.usable[p][d])
        if sum(holes) <= allowed:
            return sum(holes)
        cost = []
        for a, b in runs:
            units = {row[hh] for hh in range(a, b)}
            cost.append(float("inf") if keep in units else sum(weight[v] for v in units))
        best: tuple[float, int, int] | None = None
        m = len(runs)
        for i in range(m):
            for j in range(m - i):
                if sum(holes[i : m - 1 - j]) <= allowed:
                    c = sum(cost[:i]) + sum(cost[m - j :])
                    if c < float("inf") and (best is None or c < best[0]):
                        best = (c, i, j)
                    break  # more on the right only costs more
        if best is None:
            return sum(holes)
        _, i, j = best
        for a, b in runs[:i] + runs[m - j :]:
            for hh in range(a, b):
                out.add(row[hh])
                row[hh] = -1
        return sum(holes[i : m - 1 - j])

    def leftover(self, weight: dict[int, int]) -> set[int]:
        """With every lesson placed: the units whose eviction brings each person's gaps, late
        beginnings and short days within the limits again."""
        out: set[int] = set()
        for p, (per_day, per_week, second, least) in self.limits.items():
            for d in range(self.nd):
                if per_day is not None and self.gaps[p][d] > per_day:
                    self._trim(p, d, self._row(p, d, out), -1, out, weight, per_day)
            if per_week is not None and self.total[p] > per_week:
                self._trim_week(p, -1, self.total[p] - per_week, out, weight)
            if second is not None:
                # a day begun too late: its lessons go back to be placed again (dearer if late)
                late = [d for d in range(self.nd) if self.late[p][d] > 1]
                seconds = [d for d in range(self.nd) if self.late[p][d] == 1]
                for d in late + seconds[: max(0, len(seconds) - second)]:
                    out.update(v for v in self._row(p, d, out) if v != -1)
            if least is not None:
                # a short day's lessons go back to be placed again; a free day that may not be
                # free takes the cheapest lesson of the longest day
                hours = self.hours[p]
                for d in range(self.nd):
                    if 0 < hours[d] < least:
                        out.update(v for v in self._row(p, d, set()) if v != -1)
                    elif hours[d] == 0 and not self.allow_empty[p]:
                        longest = max(range(self.nd), key=lambda dd: hours[dd])
                        if hours[longest] > least:
                            row = self._row(p, longest, out)
                            out.add(min((v for v in row if v != -1), key=lambda v: weight[v], default=-1))
        out.discard(-1)
        return out

    def place(self, u: int, st: Slot) -> None:
        self.day_of[u] = st[0]
        for p, n in self.people.get(u, ()):
            self.remaining[p] -= n
        self._update(u, st[0])

    def remove(self, u: int, st: Slot) -> None:
        del self.day_of[u]
        for p, n in self.people.get(u, ()):
            self.remaining[p] += n
        self._update(u, st[0])

    def _update(self, u: int, d: int) -> None:
        """After u was placed on or removed from day d: that day's gaps, span and beginning, again."""
        for p, _n in self.people.get(u, ()):
            row = self._row(p, d, set())
            _, holes = self._holes(row, self.usable[p][d])
            self.total[p] += sum(holes) - self.gaps[p][d]
            self.gaps[p][d] = sum(holes)
            busy = [hh for hh, v in enumerate(row) if v != -1]
            self.span[p][d] = (busy[0], busy[-1] + 1) if busy else (-1, -1)
            late = self.before[p][d][busy[0]] if busy else 0
            self.late_sum[p] += late - self.late[p][d]
            self.late_days[p] += (late > 0) - (self.late[p][d] > 0)
            self.late[p][d] = late
            self.hours[p][d] = len(busy)
            lack, need = self._short_day(p, len(busy), sum(holes), late)
            old_lack, old_need = self.short[p][d]
            self.lack_sum[p] += lack - old_lack
            self.need_sum[p] += need - old_need
            self.short[p][d] = (lack, need)


def _shapes(
    inst: FetInstance,
    hard: list[FetConstraint],
    smap: dict[str, list[str]],
    res_index: dict[tuple[str, str], int],
    members: dict[int, list[int]],
    acts: dict[int, FetActivity],
    nd: int,
    nh: int,
    occ: list[int],
) -> _Shapes:
    """The gap, early-beginning and min-hours limits of the hard constraints (the tightest per
    person; empty days allowed only where every min-hours rule allows them), the usable hours of
    each such person (not a break, not one of its hard not-available hours), and the hours each
    unit adds to each of them."""
    limits = _person_limits(inst, hard, smap, res_index, _SHAPED, floors=frozenset({_MIN_HOURS}))
    unusable: dict[tuple[str, str], set[Slot]] = defaultdict(set)
    breaks: set[Slot] = set()
    for c in hard:
        slots = named_slots(inst, c)
        if c.type == "BreakTimes":
            breaks |= slots
        elif c.type == "TeacherNotAvailableTimes":
            unusable[("t", c.get("Teacher"))] |= slots
        elif c.type == "StudentsSetNotAvailableTimes":
            for sub in smap.get(c.get("Students"), []):
                unusable[("s", sub)] |= slots
    usable = {}
    for key, p in res_index.items():
        if p in limits:
            off = breaks | unusable.get(key, set())
            usable[p] = [tuple((d, h) not in off for h in range(nh)) for d in range(nd)]
    shapes = _Shapes(nd, nh, limits, usable, occ)
    for c in hard:
        if _SHAPED.get(c.type, (None,))[0] == _MIN_HOURS and not c.get_bool("Allow_Empty_Days", True):
            for key in _scope(inst, c, smap):
                if key in res_index:
                    shapes.allow_empty[res_index[key]] = False
    for p in limits:
        for d in range(nd):
            shapes.short[p][d] = shapes._short_day(p, 0, 0, 0)  # nothing placed yet
        shapes.lack_sum[p] = sum(lack for lack, _ in shapes.short[p])
        shapes.need_sum[p] = sum(need for _, need in shapes.short[p])
    shapes.people = _unit_spans(members, acts, smap, res_index, limits)
    for spans in shapes.people.values():
        for p, n in spans:
            shapes.remaining[p] += n
    return shapes


class _EndsDay:
    """Hard ActivityEndsStudentsDay: nothing of the activity's subgroups comes after it on its day.
    Placing such an activity evicts its subgroups' later lessons that day; placing a lesson after a
    placed one of them evicts that one."""

    def __init__(self, nslots: int, nh: int, occ: list[int]) -> None:
        self.nslots, self.nh, self.occ = nslots, nh, occ
        self.enders: dict[int, list[tuple[list[int], int]]] = {}  # unit -> (subgroup resources, duration)
        self.lessons: dict[int, list[tuple[int, int]]] = {}  # unit -> (subgroup resource, duration)
        self.ends: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)  # (resource, day) -> unit -> end

    def conflicts(self, u: int, st: Slot, out: set[int]) -> None:
        d, h = st
        for subs, n in self.enders.get(u, ()):
            for r in subs:
                base = r * self.nslots + d * self.nh
                out.update(v for v in self.occ[base + h + n : base + self.nh] if v != -1 and v != u)
        for r, n in self.lessons.get(u, ()):
            for v, end in self.ends.get((r, d), {}).items():
                if v != u and h + n > end:
                    out.add(v)

    def place(self, u: int, st: Slot) -> None:
        for subs, n in self.enders.get(u, ()):
            for r in subs:
                self.ends[(r, st[0])][u] = st[1] + n

    def remove(self, u: int, st: Slot) -> None:
        for subs, _n in self.enders.get(u, ()):
            for r in subs:
                self.ends[(r, st[0])].pop(u, None)


def _ends_day(
    hard: list[FetConstraint],
    smap: dict[str, list[str]],
    res_index: dict[tuple[str, str], int],
    members: dict[int, list[int]],
    acts: dict[int, FetActivity],
    nslots: int,
    nh: int,
    occ: list[int],
) -> _EndsDay:
    """The activities that end their students' day, and every unit's lessons of subgroups."""
    rule = _EndsDay(nslots, nh, occ)
    ending = {c.get_int("Activity_Id", -1) for c in hard if c.type == "ActivityEndsStudentsDay"}
    if not ending & set(acts):
        return rule
    for u, ids in members.items():
        for i in ids:
            subs = [res_index[("s", sub)] for s in acts[i].students for sub in smap.get(s, [s])]
            rule.lessons.setdefault(u, []).extend((r, acts[i].duration) for r in subs)
            if i in ending:
                rule.enders.setdefault(u, []).append((subs, acts[i].duration))
    return rule


_KNOWN_TIME = {
    "BasicCompulsoryTime",
    "BreakTimes",
    "MinDaysBetweenActivities",
    "ActivitiesSameStartingTime",
    "ActivitiesSameStartingDay",
    "ActivitiesSameStartingHour",
    "ActivitiesNotOverlapping",
    "ActivityEndsStudentsDay",
    "TwoActivitiesConsecutive",
    "TwoActivitiesGrouped",
    *_LIMITED,
    *_SHAPED,
}


def knows_every_hard_time_constraint(inst: FetInstance) -> bool:
    """Whether every hard time constraint is one the heuristic keeps (or one that only narrows the
    allowed starts). Why: otherwise its timetable almost never holds (measured: gaps, early
    beginnings and min hours daily break in every such file), and running it only takes a core
    from the search."""
    for c in inst.active_constraints():
        if c.space or not c.hard or not c.supported:
            continue
        t = c.type
        narrows_starts = t.endswith("NotAvailableTimes") or (
            "Preferred" in t and ("StartingTime" in t or "TimeSlots" in t)
        )
        if t not in _KNOWN_TIME and not narrows_starts:
            return False
    return True


@dataclass
class SearchStats:
    """What the search did (for diagnostics and tests)."""

    restarts: int = 0  # times a stalled search went back to its best partial timetable


class PlaceAndEvict:
    """The heuristic as an object that can be run for a while and later resumed where it stopped.

    Why: its first run (before any model is built) is kept short; where it did not finish, the
    race beside the search resumes it instead of starting over (measured: on MAPS another seed
    did not finish at all where this one needed 6 s)."""

    def __init__(self, inst: FetInstance, starts: dict[int, list[Slot]], seed: int = 0) -> None:
        self.inst, self.starts, self.seed = inst, starts, seed
        self.stats = SearchStats()
        self._steps = _search(inst, starts, seed, self.stats)
        self.times: dict[int, Slot] = {}
        self.complete = False
        self.seconds = 0.0  # time run so far, over all runs
        self.gained_at = 0.0  # when (in time run) it last placed more activities than before

    def run(self, time_limit: float, should_stop: Callable[[], bool] | None = None) -> tuple[dict[int, Slot], bool]:
        """Starts for as many activities as it has placed; True when every activity is placed."""
        start = time.monotonic()
        deadline = start + time_limit
        for times, complete in self._steps:
            now = time.monotonic()
            if len(times) > len(self.times):
                self.gained_at = self.seconds + now - start
            self.times, self.complete = times, complete
            if complete or now > deadline or (should_stop and should_stop()):
                break
        self.seconds += time.monotonic() - start
        return dict(self.times), self.complete

    def progressing(self) -> bool:
        """Whether it placed more activities in the later half of its time run: then more time
        is likely to finish it (measured on FET's examples: Van_RhynFinal gains an activity every
        second or two until it finishes at 10 s; where it stalls, no gain comes for many seconds)."""
        return not self.complete and self.gained_at >= self.seconds / 2

    def reseeded(self) -> PlaceAndEvict:
        """A fresh run with the next seed: where a run stalls, another seed often finishes."""
        return PlaceAndEvict(self.inst, self.starts, self.seed + 1)


def run_with_fresh_seeds(
    heuristic: PlaceAndEvict,
    first: float,
    budget: float,
    should_stop: Callable[[], bool],
    holds: Callable[[dict[int, Slot]], bool],
) -> tuple[dict[int, Slot] | None, int]:
    """The first complete timetable that ``holds``, within ``budget`` seconds of running, and the
    number of seeds tried. Each run gets ``first`` seconds, then a second at a time while it keeps
    placing more; one that stalls, or whose timetable does not hold, gives way to the next seed.

    Why: measured on FET's examples, a run that stalls rarely finishes, where a fresh seed often
    does (dgspro200809's seeds 0-3 finish in 8.7, 2.4, 22 and 14 s; Arabic_Saudi_2's in 19, 20,
    1.9 and 5.4 s)."""
    run, spent, seeds = heuristic, 0.0, 1
    while spent < budget and not should_stop():
        before = run.seconds
        times, complete = run.run(min(first if run.seconds < first else 1.0, budget - spent), should_stop)
        spent += run.seconds - before
        if complete and holds(times):
            return times, seeds
        if not complete and run.seconds >= first and run.progressing():
            continue
        run, seeds = run.reseeded(), seeds + 1
    return None, seeds


def greedy_times(
    inst: FetInstance,
    starts: dict[int, list[Slot]],
    time_limit: float,
    seed: int = 0,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[dict[int, Slot], bool]:
    """Starts for as many activities as it can place in ``time_limit``; True when it placed all."""
    return PlaceAndEvict(inst, starts, seed).run(time_limit, should_stop)


def _search(
    inst: FetInstance, starts: dict[int, list[Slot]], seed: int, stats: SearchStats | None = None
) -> Iterator[tuple[dict[int, Slot], bool]]:
    """Place and evict; every few hundred steps (and at the end) it yields the best placement so
    far (activity starts) and whether it is complete."""
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
    doms = room_domains(inst)
    for aid, dom in doms.items():
        if dom.exclusive and len(dom.rooms) == 1 and aid in acts:
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
        min_days, adjacent_if_same_day = c.get_int("MinDays", 1), c.get_bool("Consecutive_If_Same_Day")
        if not c.hard and not adjacent_if_same_day:
            continue
        for i in ids:
            for j in ids:
                if units.find(i) == units.find(j):
                    continue
                if c.hard:
                    apart[units.find(i)].append((units.find(j), min_days, None))
                else:
                    # the hard part of a soft min-days: on one day, they must be adjacent
                    apart[units.find(i)].append((units.find(j), 0, (acts[i].duration, acts[j].duration)))

    # hard TwoActivitiesConsecutive / TwoActivitiesGrouped: unit -> (other unit, this one's
    # duration, the other's, 0 this one first | 1 this one second | 2 either)
    pairs: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    for c in hard:
        if c.type in ("TwoActivitiesConsecutive", "TwoActivitiesGrouped"):
            i, j = c.get_int("First_Activity_Id", -1), c.get_int("Second_Activity_Id", -1)
            if i in acts and j in acts and units.find(i) != units.find(j):
                either = 2 if c.type == "TwoActivitiesGrouped" else 0
                ui, uj, di, dj = units.find(i), units.find(j), acts[i].duration, acts[j].duration
                pairs[ui].append((uj, di, dj, either))
                pairs[uj].append((ui, dj, di, either or 1))
    breaks = {s for c in hard if c.type == "BreakTimes" for s in named_slots(inst, c)}

    def next_to(st: Slot, n: int, other: Slot, m: int, order: int) -> bool:
        """Whether a lesson of n hours at st and one of m hours at other are adjacent on one day in
        that order (only breaks between them)."""

        def after(d: int, end: int) -> int:
            while (d, end) in breaks:
                end += 1
            return end

        if st[0] != other[0]:
            return False
        first = order != 1 and after(st[0], st[1] + n) == other[1]
        return first or (order != 0 and after(st[0], other[1] + m) == st[1])

    same = _SameKey()
    for c in hard:
        if c.type in ("ActivitiesSameStartingDay", "ActivitiesSameStartingHour"):
            group = list(dict.fromkeys(units.find(i) for i in map(int, c.all("Activity_Id")) if i in acts))
            same.add(group, 0 if c.type.endswith("Day") else 1)

    occ = [-1] * (len(res_index) * nslots)
    loads = _loads(inst, hard, smap, res_index, members, acts, nd, nh, occ)
    room_sets = _RoomSets(inst, doms, members, acts, nd, nh)
    for u in room_sets.uses:
        unit_starts[u] = [st for st in unit_starts[u] if room_sets.fits_alone(u, st)]
    shapes = _shapes(inst, hard, smap, res_index, members, acts, nd, nh, occ)
    shaped_somewhere = bool(shapes.limits)
    ends_day = _ends_day(hard, smap, res_index, members, acts, nslots, nh, occ)
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

    def found() -> tuple[dict[int, Slot], bool]:
        times = {aid: best[units.find(aid)] for aid in acts if units.find(aid) in best}
        return times, len(best) == len(members)

    def put(u: int, st: Slot) -> None:
        place[u] = st
        for cell in cells[(u, st)]:
            occ[cell] = u
        same.place(u, st)
        loads.place(u, st)
        room_sets.place(u, st)
        ends_day.place(u, st)
        if shapes.people.get(u):
            shapes.place(u, st)

    def take(v: int) -> Slot:
        pv = place.pop(v)
        for cell in cells[(v, pv)]:
            occ[cell] = -1
        same.remove(v, pv)
        loads.remove(v, pv)
        room_sets.remove(v, pv)
        ends_day.remove(v, pv)
        if v in shapes.day_of:
            shapes.remove(v, pv)
        return pv

    def evict(v: int, it: int) -> None:
        weight[v] += 1  # an activity evicted again and again becomes dearer to evict
        pv = take(v)
        tabu[(v, pv)] = it + 10 + rng.randrange(10)  # do not move straight back
        # the most evicted first: measured on FET's examples, this beats static difficulty
        heapq.heappush(queue, ((-weight[v], 0, 0), rng.random(), v))

    def best_start(u: int) -> tuple[float, Slot, set[int]]:
        """The allowed start of u with the lowest score, and the units it evicts."""
        out: list[tuple[float, Slot, set[int]]] = []
        shapes.memo.clear()
        grouped, limited, roomed = u in same.groups_of, bool(loads.people.get(u)), u in room_sets.uses
        shaped, ending = bool(shapes.people.get(u)), u in ends_day.lessons
        paired = [(v, n, m, order) for v, n, m, order in pairs.get(u, ()) if v in place]
        # min days, worked out once per unit: the placed partners each day would evict, and those
        # that may share a day only adjacent
        too_close: dict[int, set[int]] = defaultdict(set)
        adjacent_only: dict[int, list[tuple[int, int, tuple[int, int]]]] = defaultdict(list)
        for v, k, adjacent in apart[u]:
            pv = place.get(v)
            if pv is None:
                continue
            if adjacent is None:
                for dd in range(max(0, pv[0] - k + 1), min(nd, pv[0] + k)):
                    too_close[dd].add(v)
            else:
                adjacent_only[pv[0]].append((v, pv[1], adjacent))
        for st in unit_starts[u]:
            conflicts = {occ[cell] for cell in cells[(u, st)]}
            conflicts.discard(-1)
            close = too_close.get(st[0])
            if close:
                conflicts |= close
            for v, hv, (du, dv) in adjacent_only.get(st[0], ()):
                if hv != st[1] + du and st[1] != hv + dv:
                    conflicts.add(v)
            for v, n, m, order in paired:
                if not next_to(st, n, place[v], m, order):
                    conflicts.add(v)
            moved = same.conflicts(u, st) if grouped else None
            if moved:
                conflicts |= moved
            if limited:
                loads.conflicts(u, st, conflicts, weight, rng)
            if roomed:
                room_sets.conflicts(u, st, conflicts, weight, rng)
            if ending:
                ends_day.conflicts(u, st, conflicts)
            score = sum(weight[v] for v in conflicts) + (1000 if tabu.get((u, st), 0) > it else 0) + rng.random()
            if moved:
                # a same day/hour group that moves follows u as a whole: priced as one activity, so
                # a big group is not stuck where it first went (measured: Arabic_Saudi_Examination)
                score += max(weight[v] for v in moved) - sum(weight[v] for v in moved)
            out.append((score, st, conflicts))
        if not shaped:
            return min(out, key=lambda o: o[0])
        # the gaps, late beginnings and short days are the dear part: worked out cheapest start
        # first, and only while the start could still beat the best so far (they add evictions and
        # at most take off the hours those days now miss)
        floor = shapes.floors(u)
        best: tuple[float, Slot, set[int]] | None = None
        for score, st, conflicts in sorted(out, key=lambda o: o[0] + floor[o[1][0]]):
            if best is not None and score + floor[st[0]] >= best[0]:
                break
            before = sum(weight[v] for v in conflicts)
            score += shapes.conflicts(u, st, conflicts, weight) + sum(weight[v] for v in conflicts) - before
            if best is None or score < best[0]:
                best = (score, st, conflicts)
        assert best is not None
        return best

    improved, stall = 0, RESTART_AFTER * len(members)
    stats = stats or SearchStats()

    while queue:
        it += 1
        if it % 256 == 0:
            yield found()
        _, _, u = heapq.heappop(queue)
        if u in place:
            continue
        if it - improved > stall and len(best) > len(place):
            # stalled: back to the best partial timetable, with the weights learnt since
            for v in list(place):
                take(v)
            for v, st in best.items():
                put(v, st)
            for v in members:
                if v not in place:
                    heapq.heappush(queue, ((-weight[v], 0, 0), rng.random(), v))
            improved = it
            stats.restarts += 1
            continue
        _, choice, choice_conflicts = best_start(u)
        for v in choice_conflicts:
            evict(v, it)
        put(u, choice)
        if len(place) == len(members) and shaped_somewhere:
            # all placed: gaps that evictions left behind (FET's allowance is spent) are trimmed,
            # and the search goes on
            leftover = shapes.leftover(weight)
            for v in leftover:
                evict(v, it)
            if leftover:
                continue
        if len(place) > len(best):
            best = dict(place)
            improved = it
    yield found()
