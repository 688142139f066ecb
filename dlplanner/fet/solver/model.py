"""The CP-SAT model of a FET instance: one boolean per (activity, allowed start).

Built with plain loops over precomputed allowed starts (model-building time counts in the total,
see the engine calibration note). Hard constraints (weight 100) either shrink the allowed starts
or add linear constraints; soft ones (weight < 100) add penalty terms scaled by the weight, in
units of 1/10000 of FET's "conflicts" (weight 95 → 9500 per broken unit).

Each constraint family has one ``add_*`` function with a *scope*: one teacher, all teachers, one
students set or all students; the dispatcher at the bottom maps FET's type names onto them.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from dlplanner.fet.model import FetActivity, FetConstraint, FetInstance

Slot = tuple[int, int]


def weight_units(weight: float) -> int:
    """Integer penalty per broken unit for a FET weight percentage (95 → 9500)."""
    return round(weight * 100)


@dataclass
class FetModel:
    """The model and the handles the solve loop and the room stage need."""

    inst: FetInstance
    model: cp_model.CpModel
    acts: list[FetActivity]
    starts: dict[int, list[Slot]]
    x: dict[int, dict[Slot, cp_model.IntVar]]
    penalties: list[tuple[int, cp_model.LinearExprT, str]] = field(default_factory=list)
    present: dict[int, cp_model.IntVar] = field(default_factory=dict)
    infeasible_reason: str | None = None


def read_times(fm: FetModel, solver: cp_model.CpSolver) -> dict[int, Slot]:
    """The start of each activity in the solver's solution."""
    out = {}
    for aid, xs in fm.x.items():
        for s, v in xs.items():
            if solver.boolean_value(v):
                out[aid] = s
                break
    return out


def named_slots(inst: FetInstance, c: FetConstraint) -> set[Slot]:
    """The (day, hour) slots a constraint names (unknown names dropped, as FET drops them)."""
    return {s for s in (inst.slot_index(day, hour) for day, hour in c.slots) if s is not None}


class _Builder:
    def __init__(self, inst: FetInstance, with_soft: bool) -> None:
        self.inst = inst
        self.with_soft = with_soft
        self.optional = False
        self.nd, self.nh = len(inst.days), len(inst.hours)
        self.model = cp_model.CpModel()
        self.acts = inst.active_activities()
        self.by_id = {a.id: a for a in self.acts}
        self.smap = inst.students_map()
        self.subs: dict[int, list[str]] = {}
        for a in self.acts:
            seen: dict[str, None] = {}
            for s in a.students:
                for sub in self.smap.get(s, []):
                    seen.setdefault(sub)
            self.subs[a.id] = list(seen)
        self.cons = [c for c in inst.active_constraints() if c.supported]
        self.penalties: list[tuple[int, cp_model.LinearExprT, str]] = []
        self._busy: dict[tuple[str, str, int, int], cp_model.LinearExprT] = {}
        self.day_vars: dict[int, dict[int, cp_model.LinearExprT]] = {}
        self.breaks: set[Slot] = set()
        self.teacher_na: dict[str, set[Slot]] = defaultdict(set)
        self.subgroup_na: dict[str, set[Slot]] = defaultdict(set)

    # -- helpers ---------------------------------------------------------------------------
    def slots(self, c: FetConstraint) -> set[Slot]:
        return named_slots(self.inst, c)

    def cover(self, a: FetActivity, start: Slot) -> list[Slot]:
        return [(start[0], h) for h in range(start[1], start[1] + a.duration)]

    def filtered(self, c: FetConstraint) -> list[FetActivity]:
        """The activities a FET filter (teacher, students, subject, tag, duration) selects."""
        if c.type.startswith("Activity"):
            a = self.by_id.get(c.get_int("Activity_Id", -1))
            return [a] if a else []
        t, s, subj, tag, dur = (
            c.get("Teacher_Name"),
            c.get("Students_Name"),
            c.get("Subject_Name"),
            c.get("Activity_Tag_Name"),
            c.get("Duration").strip(),
        )
        # a students filter selects activities sharing a subgroup with the set (FET's setsShareStudents)
        wanted = set(self.smap.get(s, [s])) if s else set()
        out = [
            a
            for a in self.acts
            if (not t or t in a.teachers)
            and (not s or not wanted.isdisjoint(self.subs[a.id]))
            and (not subj or subj == a.subject)
            and (not tag or tag in a.tags)
            and (not dur or str(a.duration) == dur)
        ]
        if c.type.startswith("Subactivities"):
            k = c.get_int("Component_Number", 1)
            groups: dict[int, list[int]] = defaultdict(list)
            for a in self.acts:
                groups[a.group_id or a.id].append(a.id)
            nth = {sorted(ids)[k - 1] for ids in groups.values() if len(ids) >= k}
            out = [a for a in out if a.id in nth]
        return out

    def allowed_starts(self, c: FetConstraint) -> set[Slot]:
        if c.type == "ActivityPreferredStartingTime":
            day, hour = c.get("Preferred_Day"), c.get("Preferred_Hour")
            return {
                (d, h)
                for d in range(self.nd)
                for h in range(self.nh)
                if (day not in self.inst.days or self.inst.days[d] == day)
                and (hour not in self.inst.hours or self.inst.hours[h] == hour)
            }
        return self.slots(c)

    def penalize(self, c: FetConstraint, expr: cp_model.LinearExprT) -> None:
        if weight_units(c.weight) > 0:  # weight 0 % never costs anything in FET
            self.penalties.append((weight_units(c.weight), expr, f"Constraint{c.type}"))

    def excess(self, expr: cp_model.LinearExprT, limit: int, ub: int) -> cp_model.IntVar:
        e = self.model.new_int_var(0, max(0, ub), "")
        self.model.add(e >= expr - limit)
        return e

    def busy(self, kind: str, name: str, d: int, h: int) -> cp_model.LinearExprT:
        """0/1 expression: the teacher / subgroup is busy at (d, h)."""
        key = (kind, name, d, h)
        if key not in self._busy:
            terms = self.res_cover[kind].get(name, {}).get((d, h), [])
            if not terms:
                self._busy[key] = 0
            elif len(terms) == 1:
                self._busy[key] = terms[0]
            else:
                b = self.model.new_bool_var("")
                self.model.add(b == sum(terms))
                self._busy[key] = b
        return self._busy[key]

    def day_busy(self, kind: str, name: str, d: int, hours: range | None = None) -> cp_model.LinearExprT:
        """A 0/1 variable forced to 1 when busy at some hour of ``hours`` on day d (free to be 0
        otherwise only where the caller pushes it down)."""
        hs = [self.busy(kind, name, d, h) for h in hours or range(self.nh)]
        hs = [b for b in hs if not isinstance(b, int)]
        if not hs:
            return 0
        v = self.model.new_bool_var("")
        for b in hs:
            self.model.add_implication(b, v)
        return v

    def scope(self, c: FetConstraint) -> list[tuple[str, str, set[Slot]]]:
        """(kind, name, unusable hours) for each person a family constraint covers."""
        t = c.type
        if t.startswith("Teachers"):
            return [("t", n, self.breaks | self.teacher_na[n]) for n in self.inst.teachers]
        if t.startswith("Teacher"):
            n = c.get("Teacher_Name", c.get("Teacher"))
            return [("t", n, self.breaks | self.teacher_na[n])]
        if t.startswith("StudentsSet"):
            return [("s", n, self.breaks | self.subgroup_na[n]) for n in self.smap.get(c.get("Students"), [])]
        return [("s", n, self.breaks | self.subgroup_na[n]) for n in self.inst.subgroup_names()]


# -- families: domain (allowed starts) ---------------------------------------------------------------


def restrict_break_and_not_available(b: _Builder) -> None:
    """No activity is placed in a break, nor when one of its teachers, subgroups (or fixed room)
    is not available."""
    for c in b.cons:
        if not c.hard:
            continue
        if c.type == "BreakTimes":
            b.breaks |= b.slots(c)
        elif c.type == "TeacherNotAvailableTimes":
            b.teacher_na[c.get("Teacher")] |= b.slots(c)
        elif c.type == "StudentsSetNotAvailableTimes":
            for s in b.smap.get(c.get("Students"), []):
                b.subgroup_na[s] |= b.slots(c)


def restrict_preferred_times(b: _Builder, starts: dict[int, set[Slot]]) -> None:
    """An activity starts only at a preferred starting time, and occupies only preferred time
    slots, of every hard preferred-times constraint that selects it."""
    for c in b.cons:
        if not c.hard:
            continue
        if "PreferredStartingTime" in c.type:
            allowed = b.allowed_starts(c)
            for a in b.filtered(c):
                starts[a.id] &= allowed
        elif "PreferredTimeSlots" in c.type:
            allowed = b.slots(c)
            for a in b.filtered(c):
                starts[a.id] = {s for s in starts[a.id] if all(x in allowed for x in b.cover(a, s))}


def add_soft_preferred_times(b: _Builder, c: FetConstraint) -> None:
    """Soft: each selected activity starting outside the preferred times / slots counts once."""
    for a in b.filtered(c):
        if "PreferredStartingTime" in c.type:
            allowed = b.allowed_starts(c)
            bad = [v for s, v in b.x[a.id].items() if s not in allowed]
        else:
            allowed = b.slots(c)
            bad = [v for s, v in b.x[a.id].items() if any(x not in allowed for x in b.cover(a, s))]
        if bad:
            b.penalize(c, sum(bad))


def add_soft_not_available(b: _Builder, c: FetConstraint) -> None:
    """Soft: each busy hour in a teacher's / students set's not-available time counts once."""
    slots = b.slots(c)
    if c.type == "TeacherNotAvailableTimes":
        people = [("t", c.get("Teacher"))]
    elif c.type == "StudentsSetNotAvailableTimes":
        people = [("s", s) for s in b.smap.get(c.get("Students"), [])]
    else:
        return
    terms = [b.busy(k, n, d, h) for k, n in people for d, h in slots]
    terms = [t for t in terms if not isinstance(t, int)]
    if terms:
        b.penalize(c, sum(terms))


# -- families: resources --------------------------------------------------------------------------


def add_no_clash(b: _Builder) -> None:
    """A teacher or a subgroup attends at most one activity at a time (basic compulsory time)."""
    load: dict[tuple[str, str], int] = defaultdict(int)
    for a in b.acts:
        for t in dict.fromkeys(a.teachers):
            load[("t", t)] += a.duration
        for sg in b.subs[a.id]:
            load[("s", sg)] += a.duration
    for kind in ("t", "s"):
        for name, per_slot in b.res_cover[kind].items():
            # redundant but strong: a person busy in every usable slot is busy in each one
            full = not b.optional and load[(kind, name)] >= len(per_slot)
            for terms in per_slot.values():
                if full:
                    b.model.add_exactly_one(terms)
                elif len(terms) > 1:
                    b.model.add_at_most_one(terms)


def add_not_overlapping(b: _Builder, c: FetConstraint) -> None:
    """No two of the listed activities overlap in time."""
    acts = [b.by_id[i] for i in map(int, c.all("Activity_Id")) if i in b.by_id]
    per_slot: dict[Slot, list] = defaultdict(list)
    for a in acts:
        for s, v in b.x[a.id].items():
            for slot in b.cover(a, s):
                per_slot[slot].append(v)
    for terms in per_slot.values():
        if len(terms) > 1:
            if c.hard:
                b.model.add(sum(terms) <= 1)
            elif b.with_soft:
                b.penalize(c, b.excess(sum(terms), 1, len(terms)))


# -- families: pairs and groups of activities ---------------------------------------------------


def _day(b: _Builder, a: FetActivity, d: int) -> cp_model.LinearExprT:
    """0/1 expression: the activity takes place on day d."""
    per_day = b.day_vars.get(a.id)
    if per_day is None:
        # built once per activity: min-days families ask for the same day sums thousands of times
        lists: dict[int, list] = defaultdict(list)
        for (dd, _h), v in b.x[a.id].items():
            lists[dd].append(v)
        per_day = b.day_vars[a.id] = {
            dd: terms[0] if len(terms) == 1 else cp_model.LinearExpr.sum(terms) for dd, terms in lists.items()
        }
    return per_day.get(d, 0)


def _hour(b: _Builder, a: FetActivity, h: int) -> cp_model.LinearExprT:
    return sum(v for (_d, hh), v in b.x[a.id].items() if hh == h)


def add_min_days(b: _Builder, c: FetConstraint) -> None:
    """Listed activities are at least MinDays days apart; with "consecutive if same day" two of
    them on the same day must be adjacent (that part always hard, as in FET)."""
    acts = [b.by_id[i] for i in dict.fromkeys(map(int, c.all("Activity_Id"))) if i in b.by_id]
    k = c.get_int("MinDays", 1)
    if len(acts) < 2 or k <= 0:
        return
    if c.hard:
        for w in range(0, max(1, b.nd - k + 1)):
            b.model.add(sum(_day(b, a, d) for a in acts for d in range(w, min(b.nd, w + k))) <= 1)
        return
    if c.get_bool("Consecutive_If_Same_Day"):
        # a1 at (d, h) and a2 on day d but not right before or after it: at most one of them (an
        # at-most-one, since a2 has one start): compact, and presolve merges the cliques
        for i, a1 in enumerate(acts):
            for a2 in acts[:i]:
                starts2: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
                for (d2, h2), w in b.x[a2.id].items():
                    starts2[d2].append((h2, w))
                for (d, h), v in b.x[a1.id].items():
                    adjacent = (h + a1.duration, h - a2.duration)
                    apart = [w for h2, w in starts2.get(d, ()) if h2 not in adjacent]
                    if apart:
                        b.model.add_at_most_one([v, *apart])
    if not b.with_soft:
        return
    day_vars = {a.id: [_day(b, a, d) for d in range(b.nd)] for a in acts}
    for i, a1 in enumerate(acts):
        for a2 in acts[:i]:
            for d1 in range(b.nd):
                for d2 in range(max(0, d1 - k + 1), min(b.nd, d1 + k)):
                    z = b.model.new_bool_var("")
                    b.model.add(z >= day_vars[a1.id][d1] + day_vars[a2.id][d2] - 1)
                    b.penalize(c, (k - abs(d1 - d2)) * z)


def add_max_days_between(b: _Builder, c: FetConstraint) -> None:
    """Listed activities are at most MaxDays days apart."""
    acts = [b.by_id[i] for i in dict.fromkeys(map(int, c.all("Activity_Id"))) if i in b.by_id]
    k = c.get_int("MaxDays", 0)
    for i, a1 in enumerate(acts):
        for a2 in acts[:i]:
            for d1 in range(b.nd):
                for d2 in range(b.nd):
                    if abs(d1 - d2) > k:
                        if c.hard:
                            b.model.add(_day(b, a1, d1) + _day(b, a2, d2) <= 1)
                        elif b.with_soft:
                            z = b.model.new_bool_var("")
                            b.model.add(z >= _day(b, a1, d1) + _day(b, a2, d2) - 1)
                            b.penalize(c, (abs(d1 - d2) - k) * z)


def add_same_start(b: _Builder, c: FetConstraint) -> None:
    """Listed activities start at the same time / on the same day / at the same hour."""
    acts = [b.by_id[i] for i in dict.fromkeys(map(int, c.all("Activity_Id"))) if i in b.by_id]
    if c.type == "ActivitiesSameStartingTime":
        keys = sorted({s for a in acts for s in b.x[a.id]})
        part: Callable[[FetActivity, Slot], cp_model.LinearExprT] = lambda a, s: b.x[a.id].get(s, 0)  # noqa: E731
    elif c.type == "ActivitiesSameStartingDay":
        keys = [(d, 0) for d in range(b.nd)]
        part = lambda a, s: _day(b, a, s[0])  # noqa: E731
    else:
        keys = [(0, h) for h in range(b.nh)]
        part = lambda a, s: _hour(b, a, s[1])  # noqa: E731
    for a1, a2 in itertools.pairwise(acts):
        for s in keys:
            if c.hard:
                b.model.add(part(a1, s) == part(a2, s))
            elif b.with_soft:
                z = b.model.new_bool_var("")
                b.model.add(z >= part(a1, s) - part(a2, s))
                b.penalize(c, z)


def _next_start(b: _Builder, d: int, end: int) -> int:
    """Where an activity "right after" one ending at ``end`` starts: only breaks may come between."""
    while (d, end) in b.breaks:
        end += 1
    return end


def add_two_activities(b: _Builder, c: FetConstraint) -> None:
    """Consecutive: the second starts right after the first, same day. Grouped: the two are
    adjacent on one day in either order. In both, only break hours may lie between them."""
    a1, a2 = b.by_id.get(c.get_int("First_Activity_Id")), b.by_id.get(c.get_int("Second_Activity_Id"))
    if a1 is None or a2 is None:
        return
    for (d, h), v in b.x[a1.id].items():
        ok = [b.x[a2.id].get((d, _next_start(b, d, h + a1.duration)))]
        if c.type == "TwoActivitiesGrouped":
            ok += [w for (d2, h2), w in b.x[a2.id].items() if d2 == d and _next_start(b, d, h2 + a2.duration) == h]
        ok = [o for o in ok if o is not None]
        if c.hard:
            b.model.add(v <= sum(ok))
        elif b.with_soft:
            z = b.model.new_bool_var("")
            b.model.add(z >= v - sum(ok))
            b.penalize(c, z)


def add_ends_students_day(b: _Builder, c: FetConstraint) -> None:
    """Nothing of the activity's subgroups comes after it on its day."""
    a = b.by_id.get(c.get_int("Activity_Id", -1))
    if a is None:
        return
    for (d, h), v in b.x[a.id].items():
        for s in b.subs[a.id]:
            for hh in range(h + a.duration, b.nh):
                later = b.busy("s", s, d, hh)
                if isinstance(later, int):
                    continue
                if c.hard:
                    b.model.add(v + later <= 1)
                elif b.with_soft:
                    z = b.model.new_bool_var("")
                    b.model.add(z >= v + later - 1)
                    b.penalize(c, z)


# -- families: per person and day ----------------------------------------------------------------


def add_max_days_per_week(b: _Builder, c: FetConstraint) -> None:
    """A teacher teaches on at most Max_Days_Per_Week days."""
    limit = c.get_int("Max_Days_Per_Week")
    for kind, name, _ in b.scope(c):
        days = [b.day_busy(kind, name, d) for d in range(b.nd)]
        _limit(b, c, sum(days), limit, b.nd)


def add_min_days_per_week(b: _Builder, c: FetConstraint) -> None:
    """A teacher teaches on at least Minimum_Days_Per_Week days."""
    limit = c.get_int("Minimum_Days_Per_Week")
    for kind, name, _ in b.scope(c):
        days = []
        for d in range(b.nd):
            v = b.model.new_bool_var("")
            b.model.add(v <= sum(b.busy(kind, name, d, h) for h in range(b.nh)))
            days.append(v)
        if c.hard:
            b.model.add(sum(days) >= limit)
        elif b.with_soft:
            b.penalize(c, b.excess(limit - sum(days), 0, limit))


def add_interval_max_days(b: _Builder, c: FetConstraint) -> None:
    """Busy within the hour interval [start, end) on at most Max_Days_Per_Week days."""
    hours = b.inst.hours
    start = hours.index(c.get("Interval_Start_Hour")) if c.get("Interval_Start_Hour") in hours else 0
    end = hours.index(c.get("Interval_End_Hour")) if c.get("Interval_End_Hour") in hours else b.nh
    limit = c.get_int("Max_Days_Per_Week")
    for kind, name, _ in b.scope(c):
        days = [b.day_busy(kind, name, d, range(start, end)) for d in range(b.nd)]
        _limit(b, c, sum(days), limit, b.nd)


def _limit(b: _Builder, c: FetConstraint, expr: cp_model.LinearExprT, limit: int, ub: int) -> None:
    if isinstance(expr, int):
        return
    if c.hard:
        b.model.add(expr <= limit)
    elif b.with_soft:
        b.penalize(c, b.excess(expr, limit, ub))


def _gaps(b: _Builder, kind: str, name: str, d: int, unusable: set[Slot]) -> list:
    """Gap indicators of one person on one day: free usable hours between two busy ones."""
    busy = [b.busy(kind, name, d, h) for h in range(b.nh)]
    if sum(1 for x in busy if not isinstance(x, int)) < 2:
        return []
    before: list = [0] * b.nh
    after: list = [0] * b.nh
    for h in range(1, b.nh):
        v = b.model.new_bool_var("")
        if not isinstance(busy[h - 1], int):
            b.model.add_implication(busy[h - 1], v)
        if not isinstance(before[h - 1], int):
            b.model.add_implication(before[h - 1], v)
        before[h] = v
    for h in range(b.nh - 2, -1, -1):
        v = b.model.new_bool_var("")
        if not isinstance(busy[h + 1], int):
            b.model.add_implication(busy[h + 1], v)
        if not isinstance(after[h + 1], int):
            b.model.add_implication(after[h + 1], v)
        after[h] = v
    gaps = []
    for h in range(1, b.nh - 1):
        if (d, h) in unusable:
            continue
        g = b.model.new_bool_var("")
        b.model.add(g >= before[h] + after[h] - busy[h] - 1)
        gaps.append(g)
    return gaps


def _gap_cuts(b: _Builder, kind: str, name: str, d: int, unusable: set[Slot], limit: int) -> None:
    """Redundant, strong cuts: busy at h1 and h2 means at most ``limit`` free usable hours
    between them (valid for a daily limit, and for a weekly one as a daily cap)."""
    busy = [b.busy(kind, name, d, h) for h in range(b.nh)]
    live = [h for h in range(b.nh) if not isinstance(busy[h], int)]
    for i, h1 in enumerate(live):
        for h2 in live[i + 1 :]:
            between = [h for h in range(h1 + 1, h2) if (d, h) not in unusable]
            if len(between) <= limit:
                continue
            need = len(between) - limit
            b.model.add(sum(busy[h] for h in between) >= need).only_enforce_if([busy[h1], busy[h2]])


def add_max_gaps(b: _Builder, c: FetConstraint) -> None:
    """At most Max_Gaps gaps per week (or per day) for a teacher / subgroup."""
    limit = c.get_int("Max_Gaps")
    per_day = c.type.endswith("PerDay")
    for kind, name, unusable in b.scope(c):
        week = []
        for d in range(b.nd):
            if c.hard:
                _gap_cuts(b, kind, name, d, unusable, limit)
            gaps = _gaps(b, kind, name, d, unusable)
            if per_day and gaps:
                _limit(b, c, sum(gaps), limit, len(gaps))
            week += gaps
        if not per_day and week:
            _limit(b, c, sum(week), limit, len(week))


def add_max_hours_daily(b: _Builder, c: FetConstraint) -> None:
    """At most Maximum_Hours_Daily busy hours on any day."""
    limit = c.get_int("Maximum_Hours_Daily")
    for kind, name, _ in b.scope(c):
        for d in range(b.nd):
            expr = sum(b.busy(kind, name, d, h) for h in range(b.nh))
            if isinstance(expr, int):
                continue
            if c.hard:
                b.model.add(expr <= limit)
            elif b.with_soft:
                v = b.model.new_bool_var("")
                b.model.add(expr <= limit + (b.nh - limit) * v)
                b.penalize(c, v)


def add_min_hours_daily(b: _Builder, c: FetConstraint) -> None:
    """At least Minimum_Hours_Daily busy hours on each working day (each day, unless empty days
    are allowed)."""
    limit = c.get_int("Minimum_Hours_Daily")
    allow_empty = c.get_bool("Allow_Empty_Days", True)
    for kind, name, _ in b.scope(c):
        for d in range(b.nd):
            busy = [b.busy(kind, name, d, h) for h in range(b.nh)]
            expr = sum(busy)
            if isinstance(expr, int) and allow_empty:
                continue
            on = b.day_busy(kind, name, d) if allow_empty else 1
            if c.hard:
                b.model.add(expr >= limit * on)
            elif b.with_soft:
                v = b.model.new_bool_var("")
                b.model.add(expr >= limit * on - limit * v)
                b.penalize(c, v)


def add_max_hours_continuously(b: _Builder, c: FetConstraint) -> None:
    """No more than Maximum_Hours_Continuously busy hours in a row."""
    limit = c.get_int("Maximum_Hours_Continuously")
    for kind, name, _ in b.scope(c):
        for d in range(b.nd):
            for h0 in range(0, b.nh - limit):
                expr = sum(b.busy(kind, name, d, h) for h in range(h0, h0 + limit + 1))
                if isinstance(expr, int):
                    continue
                if c.hard:
                    b.model.add(expr <= limit)
                elif b.with_soft:
                    v = b.model.new_bool_var("")
                    b.model.add(expr <= limit + v)
                    b.penalize(c, v)


def add_early_beginnings(b: _Builder, c: FetConstraint) -> None:
    """Students start at their first usable hour, except on at most Max_Beginnings_At_Second_Hour
    days when they start one usable hour later; starting later still is never allowed."""
    limit = c.get_int("Max_Beginnings_At_Second_Hour")
    for kind, name, unusable in b.scope(c):
        seconds = []
        for d in range(b.nd):
            usable = [h for h in range(b.nh) if (d, h) not in unusable]
            busy = [b.busy(kind, name, d, h) for h in range(b.nh)]
            if len(usable) < 2 or all(isinstance(x, int) for x in busy):
                continue
            u0, u1 = busy[usable[0]], busy[usable[1]]
            second = b.model.new_bool_var("")
            for h in range(b.nh):
                if isinstance(busy[h], int):
                    continue
                if c.hard:
                    b.model.add(busy[h] <= u0 + u1)
                elif b.with_soft:
                    z = b.model.new_bool_var("")
                    b.model.add(busy[h] <= u0 + u1 + z)
                    b.penalize(c, z)
                b.model.add(second >= busy[h] - u0)
            seconds.append(second)
        if seconds:
            _limit(b, c, sum(seconds), limit, len(seconds))


_FAMILY: dict[str, Callable[[_Builder, FetConstraint], None]] = {
    "MinDaysBetweenActivities": add_min_days,
    "MaxDaysBetweenActivities": add_max_days_between,
    "ActivitiesSameStartingTime": add_same_start,
    "ActivitiesSameStartingDay": add_same_start,
    "ActivitiesSameStartingHour": add_same_start,
    "ActivitiesNotOverlapping": add_not_overlapping,
    "TwoActivitiesConsecutive": add_two_activities,
    "TwoActivitiesGrouped": add_two_activities,
    "ActivityEndsStudentsDay": add_ends_students_day,
    "TeacherMaxDaysPerWeek": add_max_days_per_week,
    "TeachersMaxDaysPerWeek": add_max_days_per_week,
    "TeacherMinDaysPerWeek": add_min_days_per_week,
    "TeachersMinDaysPerWeek": add_min_days_per_week,
    "StudentsEarlyMaxBeginningsAtSecondHour": add_early_beginnings,
    "StudentsSetEarlyMaxBeginningsAtSecondHour": add_early_beginnings,
}
for _p in ("Teacher", "Teachers", "Students", "StudentsSet"):
    _FAMILY[f"{_p}IntervalMaxDaysPerWeek"] = add_interval_max_days
    _FAMILY[f"{_p}MaxGapsPerWeek"] = add_max_gaps
    _FAMILY[f"{_p}MaxGapsPerDay"] = add_max_gaps
    _FAMILY[f"{_p}MaxHoursDaily"] = add_max_hours_daily
    _FAMILY[f"{_p}MinHoursDaily"] = add_min_hours_daily
    _FAMILY[f"{_p}MaxHoursContinuously"] = add_max_hours_continuously


def _starts(
    b: _Builder,
    rooms: dict[int, RoomDomain],
    room_na: dict[str, set[Slot]],
    extra_forbidden: dict[int, set[Slot]] | None = None,
    day_of: dict[int, int] | None = None,
    fixed: dict[int, Slot] | None = None,
) -> dict[int, set[Slot]]:
    """Each activity's allowed starts: inside the day, clear of breaks and not-available hours
    (its teachers', subgroups' and single hard room's), at hard preferred times."""
    restrict_break_and_not_available(b)
    starts: dict[int, set[Slot]] = {}
    # activities with the same people and duration have the same starts so far: worked out once
    known: dict[tuple[tuple[str, ...], tuple[str, ...], int], set[Slot]] = {}
    everywhere = [(d, h) for d in range(b.nd) for h in range(b.nh)]
    for a in b.acts:
        key = (tuple(a.teachers), tuple(b.subs[a.id]), a.duration)
        if fixed is not None and a.id in fixed:
            candidates: list[Slot] = [fixed[a.id]]
        elif key in known:
            starts[a.id] = set(known[key])
            continue
        else:
            candidates = everywhere
        blocked = set(b.breaks)
        for t in a.teachers:
            blocked |= b.teacher_na.get(t, set())
        for sg in b.subs[a.id]:
            blocked |= b.subgroup_na.get(sg, set())
        ok = {
            (d, h)
            for d, h in candidates
            if h + a.duration <= b.nh and not any((d, hh) in blocked for hh in range(h, h + a.duration))
        }
        if candidates is everywhere:
            known[key] = set(ok)
        starts[a.id] = ok
    restrict_preferred_times(b, starts)
    for a in b.acts:
        dom = rooms.get(a.id)
        if dom is not None and dom.hard and len(dom.rooms) == 1:
            na = room_na.get(next(iter(dom.rooms)), set())
            starts[a.id] = {s for s in starts[a.id] if not any(x in na for x in b.cover(a, s))}
        if extra_forbidden and a.id in extra_forbidden:
            starts[a.id] -= extra_forbidden[a.id]
        if day_of is not None and a.id in day_of:
            starts[a.id] = {st for st in starts[a.id] if st[0] == day_of[a.id]}
        if fixed is not None and a.id in fixed:
            starts[a.id] &= {fixed[a.id]}
    return starts


def allowed_starts(inst: FetInstance) -> dict[int, list[Slot]]:
    """The allowed starts alone, without building a model (for the heuristic, which needs no more)."""
    starts = _starts(_Builder(inst, False), room_domains(inst), room_not_available(inst))
    return {aid: sorted(v) for aid, v in starts.items()}


def build_time_model(
    inst: FetInstance,
    with_soft: bool = True,
    extra_forbidden: dict[int, set[Slot]] | None = None,
    *,
    only: set[int] | None = None,
    day_of: dict[int, int] | None = None,
    optional: bool = False,
    room_sets: set[frozenset[str]] | None = None,
    nogoods: list[list[tuple[int, Slot]]] | None = None,
    fixed: dict[int, Slot] | None = None,
) -> FetModel:
    """The time model: allowed starts, clashes and every supported time constraint; room
    capacity appears only as aggregated per-slot counts (rooms are assigned afterwards).

    For the day-then-hour decomposition: ``only`` keeps a subset of the activities (constraints
    needing the whole week — minimum days per week — are then left out), ``day_of`` pins each
    activity to a day, and ``optional`` makes each activity's presence an assumption literal
    (``FetModel.present``) so an infeasible day yields a small core of activities. ``room_sets``
    are more room sets to count capacity over, and ``nogoods`` sets of starts that cannot all be
    taken together (both cuts learnt from a failed room stage). ``fixed`` pins activities to one
    start each: the model then only checks those starts, and builds in a fraction of the time."""
    b = _Builder(inst, with_soft)
    b.optional = optional
    if only is not None:
        b.acts = [a for a in b.acts if a.id in only]
        b.by_id = {a.id: a for a in b.acts}
        b.cons = [c for c in b.cons if c.type not in ("TeacherMinDaysPerWeek", "TeachersMinDaysPerWeek")]
    rooms = room_domains(inst)
    room_na = room_not_available(inst)
    starts = _starts(b, rooms, room_na, extra_forbidden, day_of, fixed)
    fm = FetModel(inst, b.model, b.acts, {k: sorted(v) for k, v in starts.items()}, {})
    for a in b.acts:
        if not starts[a.id] and not optional:
            fm.infeasible_reason = f"activity {a.id} ({a.subject}) has no allowed starting time"
            b.model.add_bool_or([])  # trivially infeasible
    b.x = fm.x
    res_cover: dict[str, dict[str, dict[Slot, list]]] = {"t": defaultdict(dict), "s": defaultdict(dict)}
    for a in b.acts:
        xs = {}
        for s in fm.starts[a.id]:
            v = b.model.new_bool_var(f"x{a.id}_{s[0]}_{s[1]}")
            xs[s] = v
            for slot in b.cover(a, s):
                for t in a.teachers:
                    res_cover["t"][t].setdefault(slot, []).append(v)
                for sg in b.subs[a.id]:
                    res_cover["s"][sg].setdefault(slot, []).append(v)
        fm.x[a.id] = xs
        if optional:
            z = b.model.new_bool_var(f"present{a.id}")
            b.model.add(sum(xs.values()) == z)
            fm.present[a.id] = z
        elif xs:
            b.model.add_exactly_one(xs.values())
    b.res_cover = res_cover
    add_no_clash(b)
    add_room_capacity(b, rooms, room_na, room_sets or set())
    for nogood in nogoods or []:
        taken = [fm.x[aid][st] for aid, st in nogood if aid in fm.x and st in fm.x[aid]]
        if len(taken) == len(nogood):
            b.model.add(sum(taken) <= len(taken) - 1)
    for c in b.cons:
        fam = _FAMILY.get(c.type)
        if fam is not None:
            if c.hard or b.with_soft or c.type == "MinDaysBetweenActivities":
                fam(b, c)
        elif b.with_soft and not c.hard:
            if "Preferred" in c.type and ("StartingTime" in c.type or "TimeSlots" in c.type):
                add_soft_preferred_times(b, c)
            elif c.type.endswith("NotAvailableTimes"):
                add_soft_not_available(b, c)
    fm.penalties = b.penalties
    return fm


# -- rooms ----------------------------------------------------------------------------------------


@dataclass
class RoomDomain:
    """The rooms an activity may use: ``rooms`` (hard) and soft preferences (weight, room set)."""

    rooms: set[str]
    hard: bool
    soft: list[tuple[float, set[str], str]] = field(default_factory=list)
    real_rooms: set[str] | None = None  # a virtual room's real rooms, when a hard constraint fixes them
    virtual: bool = False  # some allowed room is virtual

    @property
    def exclusive(self) -> bool:
        """Each activity confined here holds one of ``rooms`` alone. Not so when a room may be
        virtual: FET lets a virtual room host several activities at once (only its real rooms are
        held), so counting it as one room would forbid timetables FET finds."""
        return self.hard and not self.virtual


_PREFERRED = (
    "ActivityPreferredRoom",
    "ActivityPreferredRooms",
    "SubjectPreferredRoom",
    "SubjectPreferredRooms",
    "ActivityTagPreferredRoom",
    "ActivityTagPreferredRooms",
    "SubjectActivityTagPreferredRoom",
    "SubjectActivityTagPreferredRooms",
)
_HOME = ("TeacherHomeRoom", "TeacherHomeRooms", "StudentsSetHomeRoom", "StudentsSetHomeRooms")


def room_domains(inst: FetInstance) -> dict[int, RoomDomain]:
    """Allowed rooms per activity: the intersection of hard preferred-room constraints; home
    rooms only for activities no preferred-room constraint names; capacity respected."""
    acts = inst.active_activities()
    # a virtual room is a room like any other here (the room stage also picks its real rooms)
    all_rooms = {r.name for r in inst.rooms}
    virtual = inst.virtual_rooms()
    cap = {r.name: r.capacity for r in inst.rooms}
    names: dict[int, list[tuple[FetConstraint, set[str]]]] = defaultdict(list)
    preferred: set[int] = set()
    for c in inst.space_constraints:
        if not c.active or c.type not in _PREFERRED + _HOME:
            continue
        rooms = set(c.all("Room")) | set(c.all("Preferred_Room"))
        t = c.type
        if t.startswith("ActivityPreferred"):
            targets = [a for a in acts if a.id == c.get_int("Activity_Id", -1)]
        elif t.startswith("SubjectActivityTag"):
            targets = [a for a in acts if a.subject == c.get("Subject") and c.get("Activity_Tag") in a.tags]
        elif t.startswith("Subject"):
            targets = [a for a in acts if a.subject == c.get("Subject")]
        elif t.startswith("ActivityTag"):
            targets = [a for a in acts if c.get("Activity_Tag") in a.tags]
        elif t.startswith("Teacher"):
            targets = [a for a in acts if a.teachers == [c.get("Teacher")]]
        else:
            targets = [a for a in acts if a.students == [c.get("Students")]]
        for a in targets:
            names[a.id].append((c, rooms))
            if t in _PREFERRED:
                preferred.add(a.id)
    out: dict[int, RoomDomain] = {}
    for a in acts:
        cons = [(c, r) for c, r in names.get(a.id, []) if c.type in _PREFERRED or a.id not in preferred]
        if not cons:
            continue
        size = inst.activity_size(a)
        dom = RoomDomain({r for r in all_rooms if cap.get(r, 0) >= size}, hard=False)
        for c, rooms in cons:
            if c.hard:
                dom.rooms &= rooms
                dom.hard = True
                if c.all("Real_Room"):  # a virtual room locked in space: these real rooms
                    fixed = set(c.all("Real_Room"))
                    dom.real_rooms = fixed if dom.real_rooms is None else dom.real_rooms & fixed
            else:
                dom.soft.append((c.weight, rooms, f"Constraint{c.type}"))
        dom.virtual = any(r in virtual for r in dom.rooms)
        out[a.id] = dom
    return out


def room_not_available(inst: FetInstance) -> dict[str, set[Slot]]:
    """Per room, the hours it may never be used (hard RoomNotAvailableTimes)."""
    out: dict[str, set[Slot]] = defaultdict(set)
    for weight, room, slots in _room_not_available_times(inst):
        if weight >= 100:
            out[room] |= slots
    return out


def room_soft_not_available(inst: FetInstance) -> dict[str, list[tuple[float, set[Slot]]]]:
    """Per room, (weight, hours) of soft RoomNotAvailableTimes: each hour an activity holds the
    room in one of them breaks it once."""
    out: dict[str, list[tuple[float, set[Slot]]]] = defaultdict(list)
    for weight, room, slots in _room_not_available_times(inst):
        if weight < 100:
            out[room].append((weight, slots))
    return out


def _room_not_available_times(inst: FetInstance) -> list[tuple[float, str, set[Slot]]]:
    out = []
    for c in inst.space_constraints + inst.time_constraints:
        if c.active and c.type == "RoomNotAvailableTimes":
            out.append((100.0 if c.hard else c.weight, c.get("Room"), named_slots(inst, c)))
    return out


def add_room_capacity(
    b: _Builder, rooms: dict[int, RoomDomain], room_na: dict[str, set[Slot]], extra_sets: set[frozenset[str]]
) -> None:
    """At any time, activities whose allowed rooms all lie in a room set S number at most the
    rooms of S available then (an aggregated, necessary form of "one activity per room"). S runs
    over the activities' own room sets and ``extra_sets``."""
    sets: dict[frozenset[str], list[FetActivity]] = defaultdict(list)
    for a in b.acts:
        dom = rooms.get(a.id)
        if dom is not None and dom.exclusive:
            sets[frozenset(dom.rooms)].append(a)
    if not sets:
        return
    keys = list(sets)
    for s in keys + [e for e in extra_sets if e not in sets]:
        members = [a for k in keys if k <= s for a in sets[k]]
        if len(members) <= 1 and len(s) >= 1:
            continue
        per_slot: dict[Slot, list] = defaultdict(list)
        for a in members:
            for st, v in b.x[a.id].items():
                for slot in b.cover(a, st):
                    per_slot[slot].append(v)
        for slot, terms in per_slot.items():
            free = sum(1 for r in s if slot not in room_na.get(r, set()))
            if len(terms) > free:
                b.model.add(sum(terms) <= free)
