"""Day-then-hour decomposition (see the engine calibration note: it wins on tight files).

1. *Day stage*: each activity gets a day, under per-day capacities of every teacher, subgroup and
   fixed room (hours it can use that day), hard min/max days between activities, same-day
   relations, max hours daily and max days per week.
2. *Hour stage*: the full time model with every activity pinned to its day.
3. When the hour stage fails, each day is solved alone with activities as assumptions; an
   infeasible day returns a core of activities that cannot share that day, which becomes a cut
   in the day stage, and the day stage runs again.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.fet.model import FetInstance
from dlplanner.fet.solver.model import Slot, build_time_model, read_times, room_domains

_SAME_DAY = ("ActivitiesSameStartingDay", "ActivitiesSameStartingTime")


class StopHub:
    """Lets one thread stop the CP-SAT searches running in another (a portfolio race)."""

    def __init__(self, should_stop: Callable[[], bool] | None = None) -> None:
        self._lock = threading.Lock()
        self._solvers: set[cp_model.CpSolver] = set()
        self._stopped = False
        self.should_stop = should_stop

    @property
    def stopped(self) -> bool:
        return self._stopped or bool(self.should_stop and self.should_stop())

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for s in self._solvers:
                s.stop_search()

    def solve(self, model: cp_model.CpModel, solver: cp_model.CpSolver, callback=None) -> int:
        with self._lock:
            if self.stopped:
                return cp_model.UNKNOWN
            self._solvers.add(solver)
        try:
            return solver.solve(model, callback) if callback is not None else solver.solve(model)
        finally:
            with self._lock:
                self._solvers.discard(solver)


def _solve(model: cp_model.CpModel, limit: float, seed: int, hub: StopHub) -> tuple[int, cp_model.CpSolver]:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    return hub.solve(model, solver), solver


def _runs(hours: set[int]) -> list[int]:
    """Lengths of the maximal runs of consecutive hours."""
    runs: list[int] = []
    prev = None
    for h in sorted(hours):
        if prev is not None and h == prev + 1:
            runs[-1] += 1
        else:
            runs.append(1)
        prev = h
    return runs


class DayModel:
    """Which day each activity takes; cuts are added between rounds."""

    def __init__(self, inst: FetInstance, starts: dict[int, list[Slot]]) -> None:
        self.inst = inst
        self.model = cp_model.CpModel()
        nd, nh = len(inst.days), len(inst.hours)
        acts = [a for a in inst.active_activities() if a.id in starts]
        self.acts = acts
        by_id = {a.id: a for a in acts}
        smap = inst.students_map()
        self.y: dict[int, dict[int, cp_model.IntVar]] = {}
        for a in acts:
            days = sorted({d for d, _h in starts[a.id]})
            self.y[a.id] = {d: self.model.new_bool_var(f"y{a.id}_{d}") for d in days}
            self.model.add_exactly_one(self.y[a.id].values())
        # per-day capacity of every person / fixed room: hours its activities could cover that day
        res: dict[tuple[str, str], list] = defaultdict(list)
        doms = room_domains(inst)
        for a in acts:
            subs = {s for name in a.students for s in smap.get(name, [])}
            keys = [("t", t) for t in dict.fromkeys(a.teachers)] + [("s", s) for s in subs]
            dom = doms.get(a.id)
            if dom is not None and dom.exclusive and len(dom.rooms) == 1:
                keys.append(("r", next(iter(dom.rooms))))
            for k in keys:
                res[k].append(a)
        self.res = res
        for _key, members in res.items():
            caps = []
            for d in range(nd):
                hours = {h for a in members for (dd, h0) in starts[a.id] if dd == d for h in range(h0, h0 + a.duration)}
                caps.append((d, hours))
            tight = sum(a.duration for a in members) >= sum(len(h) for _d, h in caps)
            for d, hours in caps:
                terms = [a.duration * self.y[a.id][d] for a in members if d in self.y[a.id]]
                if not terms:
                    continue
                # a person busy in every usable hour of the week fills each day exactly
                if tight:
                    self.model.add(sum(terms) == len(hours))
                else:
                    self.model.add(sum(terms) <= len(hours))
                # long activities cannot straddle the holes of a day (breaks, unavailable hours)
                runs = _runs(hours)
                for k in sorted({a.duration for a in members if a.duration > 1}):
                    long_ = [
                        self.y[a.id][d] * (a.duration // k) for a in members if a.duration >= k and d in self.y[a.id]
                    ]
                    fit = sum(r // k for r in runs)
                    if long_ and fit < len(long_):
                        self.model.add(sum(long_) <= fit)
        for c in inst.active_constraints():
            if not c.hard or not c.supported:
                continue
            ids = [int(i) for i in c.all("Activity_Id") if int(i) in by_id]
            if c.type == "MinDaysBetweenActivities":
                k = c.get_int("MinDays", 1)
                ids = list(dict.fromkeys(ids))
                if len(ids) > 1 and k > 0:
                    for w in range(0, max(1, nd - k + 1)):
                        self.model.add(sum(self.y[i].get(d, 0) for i in ids for d in range(w, min(nd, w + k))) <= 1)
            elif c.type in _SAME_DAY:
                for i, j in itertools.pairwise(ids):
                    for d in range(nd):
                        self.model.add(self.y[i].get(d, 0) == self.y[j].get(d, 0))
            elif c.type in ("TwoActivitiesConsecutive", "TwoActivitiesGrouped"):
                i, j = c.get_int("First_Activity_Id"), c.get_int("Second_Activity_Id")
                if i in by_id and j in by_id:
                    for d in range(nd):
                        self.model.add(self.y[i].get(d, 0) == self.y[j].get(d, 0))
            elif c.type == "MaxDaysBetweenActivities":
                k = c.get_int("MaxDays")
                for x, i in enumerate(ids):
                    for j in ids[:x]:
                        for d1, v1 in self.y[i].items():
                            for d2, v2 in self.y[j].items():
                                if abs(d1 - d2) > k:
                                    self.model.add_bool_or([v1.negated(), v2.negated()])
            elif c.type.endswith("MaxHoursDaily") or c.type.endswith("MaxDaysPerWeek"):
                self._per_person(c, nd)
        self.nh = nh

    def _people(self, c) -> list[tuple[str, str]]:
        t = c.type
        if t.startswith("Teachers"):
            return [("t", n) for n in self.inst.teachers]
        if t.startswith("Teacher"):
            return [("t", c.get("Teacher_Name"))]
        smap = self.inst.students_map()
        if t.startswith("StudentsSet"):
            return [("s", n) for n in smap.get(c.get("Students"), [])]
        return [("s", n) for n in self.inst.subgroup_names()]

    def _per_person(self, c, nd: int) -> None:
        for key in self._people(c):
            members = self.res.get(key, [])
            if not members:
                continue
            if c.type.endswith("MaxHoursDaily"):
                limit = c.get_int("Maximum_Hours_Daily")
                for d in range(nd):
                    terms = [a.duration * self.y[a.id][d] for a in members if d in self.y[a.id]]
                    if terms:
                        self.model.add(sum(terms) <= limit)
            else:
                limit = c.get_int("Max_Days_Per_Week")
                used = []
                for d in range(nd):
                    ys = [self.y[a.id][d] for a in members if d in self.y[a.id]]
                    if ys:
                        u = self.model.new_bool_var("")
                        for v in ys:
                            self.model.add_implication(v, u)
                        used.append(u)
                if used:
                    self.model.add(sum(used) <= limit)

    def read(self, solver: cp_model.CpSolver) -> dict[int, int]:
        return {aid: next(d for d, v in ys.items() if solver.boolean_value(v)) for aid, ys in self.y.items()}

    def cut(self, core: list[int], day: int, starts: dict[int, list[Slot]]) -> int:
        """These activities cannot all be on ``day`` — nor on any day where each of them has the
        same allowed hours (the same reason applies there). Returns the number of cuts added."""

        def signature(d: int) -> tuple:
            return tuple(tuple(h for dd, h in starts[a] if dd == d) for a in core)

        sig = signature(day)
        added = 0
        for d in range(len(self.inst.days)):
            if d == day or signature(d) == sig:
                self.model.add(sum(self.y[a][d] for a in core if d in self.y[a]) <= len(core) - 1)
                added += 1
        return added


def solve_by_days(
    inst: FetInstance,
    starts: dict[int, list[Slot]],
    deadline: float,
    seed: int,
    hub: StopHub,
    log: list[str] | None = None,
) -> dict[int, Slot] | None:
    """Times for every activity via the day-then-hour loop, or None (failed / out of time)."""
    log = log if log is not None else []
    dm = DayModel(inst, starts)
    previous: dict[int, int] | None = None
    for round_ in range(200):
        left = deadline - time.monotonic()
        if left <= 0.05 or hub.stopped:
            return None
        if previous:
            dm.model.clear_hints()
            for aid, ys in dm.y.items():
                for d, v in ys.items():
                    dm.model.add_hint(v, previous.get(aid) == d)
        t_day = time.monotonic()
        status, solver = _solve(dm.model, left, seed + round_, hub)
        t_day = time.monotonic() - t_day
        if status == cp_model.INFEASIBLE:
            log.append(f"days: no day assignment left after {round_} rounds")
            return None
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        day_of = dm.read(solver)
        previous = day_of
        hm = build_time_model(inst, with_soft=False, day_of=day_of)
        left = deadline - time.monotonic()
        status, solver = _solve(hm.model, min(left, max(2.0, left / 4)), seed, hub)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            log.append(f"days: hours placed after {round_ + 1} day rounds")
            return read_times(hm, solver)
        if hub.stopped:
            return None
        log.append(f"round {round_}: days {t_day:.2f}s, hours {solver.status_name(status)} {solver.wall_time:.2f}s")
        cuts = 0
        by_day: dict[int, set[int]] = defaultdict(set)
        for aid, d in day_of.items():
            by_day[d].add(aid)
        for d, ids in sorted(by_day.items()):
            if deadline - time.monotonic() <= 0.05:
                return None
            core = _day_core(inst, ids, day_of, deadline, seed, hub)
            if core:
                dm.cut(core, d, starts)
                cuts += 1
        if not cuts:
            log.append("days: hour stage failed with no single infeasible day (weekly constraints); giving up")
            return None
    return None


def _day_core(
    inst: FetInstance, ids: set[int], day_of: dict[int, int], deadline: float, seed: int, hub: StopHub
) -> list[int] | None:
    """A set of activities that cannot all be placed on their day, or None if the day is fine."""
    fm = build_time_model(inst, with_soft=False, only=ids, day_of=day_of, optional=True)
    fm.model.add_assumptions(list(fm.present.values()))
    left = deadline - time.monotonic()
    status, solver = _solve(fm.model, min(left, 5.0), seed, hub)
    if status != cp_model.INFEASIBLE:
        return None
    core_idx = set(solver.sufficient_assumptions_for_infeasibility())
    core = [aid for aid, z in fm.present.items() if z.index in core_idx]
    return core or sorted(ids)
