"""The judge of FET timetables: recomputes every supported FET constraint from a timetable alone.

Independent of the CP-SAT model in ``dlplanner.fet.solver`` (they share no code): it follows FET's
documented semantics and counts, per constraint type, the violated hard constraints (weight 100)
and the soft penalty in FET's own unit (weight/100 × the number of times a constraint is broken),
so the figure can be compared with the "Total soft conflicts" that FET itself reports.

Semantics followed (FET's):
- a *gap* of a teacher or a subgroup is a free hour between its first and last busy hour of a day
  that is not a break and not one of its (hard) not-available hours;
- a subgroup *begins at the second hour* on a day when exactly one usable hour (not a break, not
  not-available) before its first busy hour is free; two or more such free hours are illegal;
- min days between activities: each pair closer than ``MinDays`` days breaks it by the shortfall;
  with "consecutive if same day", two of them on one day must be adjacent (always hard, as in FET);
- home rooms apply to activities with exactly that one teacher / that one students set, and only
  to activities without a preferred-room constraint (those take precedence in FET);
- an activity with no room constraint gets no room;
- an activity in a *virtual* room occupies one real room of each of its sets, all different; the
  virtual room itself may host several activities at once, and FET checks its capacity only;
- a students filter of an activities constraint (``Students_Name``) selects every activity whose
  students share a subgroup with that set (FET's ``setsShareStudents``), not only those naming it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from dlplanner.fet.model import FetActivity, FetConstraint, FetInstance, FetPlacement, FetRoom, FetTimetable


@dataclass
class FetCheckReport:
    """Violated hard constraints and soft penalty, per constraint type."""

    hard: Counter[str] = field(default_factory=Counter)
    soft: dict[str, float] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    unsupported: Counter[str] = field(default_factory=Counter)

    @property
    def hard_violations(self) -> int:
        return sum(self.hard.values())

    @property
    def soft_penalty(self) -> float:
        return round(sum(self.soft.values()), 6)

    @property
    def valid(self) -> bool:
        return self.hard_violations == 0

    def verdict(self) -> str:
        if self.valid:
            text = f"valid: 0 hard violations, soft penalty {self.soft_penalty:g}"
        else:
            worst = ", ".join(f"{k} × {v}" for k, v in self.hard.most_common(5))
            text = f"INVALID: {self.hard_violations} hard violations ({worst})"
        if self.unsupported:
            text += f"; not checked: {sum(self.unsupported.values())} unsupported constraints"
        return text


class _Grid:
    """Who is busy when: the timetable seen per teacher, subgroup and room."""

    def __init__(self, inst: FetInstance, tt: FetTimetable) -> None:
        self.inst = inst
        self.nd, self.nh = len(inst.days), len(inst.hours)
        self.smap = inst.students_map()
        self.acts = inst.active_activities()
        self.by_id: dict[int, FetActivity] = {a.id: a for a in self.acts}
        self.place: dict[int, FetPlacement] = {a.id: tt.placements[a.id] for a in self.acts if a.id in tt.placements}
        self.teacher: dict[str, list[list[int]]] = defaultdict(self._empty)
        self.subgroup: dict[str, list[list[int]]] = defaultdict(self._empty)
        self.room: dict[str, list[list[int]]] = defaultdict(self._empty)
        for a in self.acts:
            p = self.place.get(a.id)
            if p is None:
                continue
            subs = self.subgroups_of(a)
            for h in range(p.hour, min(p.hour + a.duration, self.nh)):
                for t in a.teachers:
                    self.teacher[t][p.day][h] += 1
                for s in subs:
                    self.subgroup[s][p.day][h] += 1
                if p.room is not None:
                    self.room[p.room][p.day][h] += 1
                for real in dict.fromkeys(p.real_rooms):  # a virtual room's real rooms are occupied too
                    self.room[real][p.day][h] += 1
        self.breaks = _slots_of(inst, "BreakTimes", lambda c: True)
        self.teacher_na: dict[str, set[tuple[int, int]]] = {}
        for c in _active(inst, "TeacherNotAvailableTimes"):
            if c.hard:
                self.teacher_na.setdefault(c.get("Teacher"), set()).update(_slots(inst, c))
        self.subgroup_na: dict[str, set[tuple[int, int]]] = {}
        for c in _active(inst, "StudentsSetNotAvailableTimes"):
            if c.hard:
                for s in self.smap.get(c.get("Students"), []):
                    self.subgroup_na.setdefault(s, set()).update(_slots(inst, c))

    def _empty(self) -> list[list[int]]:
        return [[0] * self.nh for _ in range(self.nd)]

    def subgroups_of(self, a: FetActivity) -> list[str]:
        seen: dict[str, None] = {}
        for name in a.students:
            for s in self.smap.get(name, []):
                seen.setdefault(s)
        return list(seen)

    def hours(self, a: FetActivity) -> list[tuple[int, int]]:
        p = self.place[a.id]
        return [(p.day, h) for h in range(p.hour, p.hour + a.duration)]


def _active(inst: FetInstance, ctype: str) -> list[FetConstraint]:
    return [c for c in inst.constraints if c.active and c.type == ctype]


def _slots(inst: FetInstance, c: FetConstraint) -> set[tuple[int, int]]:
    result = set()
    for day, hour in c.slots:
        s = inst.slot_index(day, hour)
        if s is not None:
            result.add(s)
    return result


def _slots_of(inst: FetInstance, ctype: str, keep: Callable[[FetConstraint], bool]) -> set[tuple[int, int]]:
    result: set[tuple[int, int]] = set()
    for c in _active(inst, ctype):
        if c.hard and keep(c):
            result |= _slots(inst, c)
    return result


# -- the people-and-days view used by several families -------------------------------------------


def _scope(g: _Grid, c: FetConstraint, people: str) -> list[tuple[list[list[int]], set[tuple[int, int]]]]:
    """The busy matrices (and unusable hours) a teacher/teachers/students-set/students rule covers."""
    if people == "teacher":
        names = [c.get("Teacher_Name", c.get("Teacher"))]
        return [(g.teacher[n], g.breaks | g.teacher_na.get(n, set())) for n in names]
    if people == "teachers":
        return [(g.teacher[n], g.breaks | g.teacher_na.get(n, set())) for n in g.inst.teachers]
    if people == "set":
        names = g.smap.get(c.get("Students"), [])
        return [(g.subgroup[n], g.breaks | g.subgroup_na.get(n, set())) for n in names]
    return [(g.subgroup[n], g.breaks | g.subgroup_na.get(n, set())) for n in g.inst.subgroup_names()]


def _day_gaps(row: list[int], day: int, unusable: set[tuple[int, int]]) -> int:
    busy = [h for h, n in enumerate(row) if n]
    if not busy:
        return 0
    return sum(1 for h in range(busy[0], busy[-1]) if not row[h] and (day, h) not in unusable)


# -- one checker function per family ---------------------------------------------------------------


def check_basic_time(g: _Grid, c: FetConstraint) -> int:
    """Every activity is placed, inside the day, and no teacher or subgroup is in two at once."""
    broken = 0
    for a in g.acts:
        p = g.place.get(a.id)
        if p is None or not (0 <= p.day < g.nd and p.hour >= 0 and p.hour + a.duration <= g.nh):
            broken += 1
    for matrix in list(g.teacher.values()) + list(g.subgroup.values()):
        broken += sum(max(0, n - 1) for row in matrix for n in row)
    return broken


def check_basic_space(g: _Grid, c: FetConstraint) -> int:
    """No real room hosts two activities at once; rooms exist and are big enough; an activity in a
    virtual room holds one real room from each of its sets, all different (FET checks the
    capacity of the virtual room only, and lets it host several activities at once)."""
    rooms = {r.name: r for r in g.inst.rooms}
    virtual = g.inst.virtual_rooms()  # may host several activities at once; their real rooms may not
    broken = sum(max(0, n - 1) for name, matrix in g.room.items() if name not in virtual for row in matrix for n in row)
    for a in g.acts:
        p = g.place.get(a.id)
        if p is None or p.room is None:
            continue
        room = rooms.get(p.room)
        if room is None or room.capacity < g.inst.activity_size(a) or not _real_rooms_fit(room, p.real_rooms, rooms):
            broken += 1
    return broken


def _real_rooms_fit(room: FetRoom, real: list[str], rooms: dict[str, FetRoom]) -> bool:
    """A virtual room's activity names one real room of each set, all different (a perfect
    matching of its real rooms to the sets, in any order); any other room names none."""
    if not room.virtual:
        return not real
    if len(real) != len(room.real_room_sets) or len(set(real)) != len(real):
        return False
    if any(name not in rooms or rooms[name].virtual for name in real):
        return False
    holder: dict[int, str] = {}  # set index → the real room matched to it

    def augment(name: str, seen: set[int]) -> bool:
        for k, options in enumerate(room.real_room_sets):
            if name in options and k not in seen:
                seen.add(k)
                if k not in holder or augment(holder[k], seen):
                    holder[k] = name
                    return True
        return False

    return all(augment(name, set()) for name in real)


def check_break_times(g: _Grid, c: FetConstraint) -> int:
    """No activity is placed in a break."""
    slots = _slots(g.inst, c)
    return sum(1 for a in g.acts if a.id in g.place for s in g.hours(a) if s in slots)


def check_not_available(g: _Grid, c: FetConstraint) -> int:
    """A teacher, students set or room is not used in its not-available hours."""
    slots = _slots(g.inst, c)
    if c.type == "TeacherNotAvailableTimes":
        matrices = [g.teacher[c.get("Teacher")]]
    elif c.type == "RoomNotAvailableTimes":
        matrices = [g.room[c.get("Room")]]
    else:
        matrices = [g.subgroup[s] for s in g.smap.get(c.get("Students"), [])]
    return sum(m[d][h] for m in matrices for d, h in slots)


def _filtered(g: _Grid, c: FetConstraint) -> list[FetActivity]:
    if c.type.startswith("Activity"):
        a = g.by_id.get(c.get_int("Activity_Id", -1))
        return [a] if a is not None else []
    acts = g.inst.matching_activities(
        teacher=c.get("Teacher_Name"),
        students=c.get("Students_Name"),
        subject=c.get("Subject_Name"),
        tag=c.get("Activity_Tag_Name"),
        duration=c.get("Duration"),
    )
    if c.type.startswith("Subactivities"):
        k = c.get_int("Component_Number", 1)
        groups: dict[int, list[int]] = defaultdict(list)
        for a in g.inst.active_activities():
            groups[a.group_id or a.id].append(a.id)
        component = {aid for ids in groups.values() if len(ids) >= k for aid in [sorted(ids)[k - 1]]}
        acts = [a for a in acts if a.id in component]
    return acts


def check_preferred_starting_times(g: _Grid, c: FetConstraint) -> int:
    """The activity (or each filtered activity / sub-activity) starts at one of the given times."""
    if c.type == "ActivityPreferredStartingTime":
        day, hour = c.get("Preferred_Day"), c.get("Preferred_Hour")
        allowed = {
            (d, h)
            for d in range(g.nd)
            for h in range(g.nh)
            if (day not in g.inst.days or g.inst.days[d] == day)
            and (hour not in g.inst.hours or g.inst.hours[h] == hour)
        }
    else:
        allowed = _slots(g.inst, c)
    broken = 0
    for a in _filtered(g, c):
        p = g.place.get(a.id)
        if p is not None and (p.day, p.hour) not in allowed:
            broken += 1
    return broken


def check_preferred_time_slots(g: _Grid, c: FetConstraint) -> int:
    """Every hour the activity (or each filtered activity / sub-activity) occupies is allowed."""
    allowed = _slots(g.inst, c)
    return sum(1 for a in _filtered(g, c) if a.id in g.place and any(s not in allowed for s in g.hours(a)))


def _listed(g: _Grid, c: FetConstraint) -> list[FetActivity]:
    return [g.by_id[i] for i in (int(x) for x in c.all("Activity_Id")) if i in g.by_id and i in g.place]


def check_min_days(g: _Grid, c: FetConstraint) -> tuple[int, int]:
    """Each pair of the activities is at least MinDays days apart (shortfall counts); with
    "consecutive if same day", two on the same day are adjacent (returned separately: always hard)."""
    acts = _listed(g, c)
    min_days = c.get_int("MinDays", 1)
    consecutive = c.get_bool("Consecutive_If_Same_Day")
    broken = adjacency = 0
    for i, a in enumerate(acts):
        pa = g.place[a.id]
        for b in acts[:i]:
            pb = g.place[b.id]
            dist = abs(pa.day - pb.day)
            if dist < min_days:
                broken += min_days - dist
                if (
                    consecutive
                    and dist == 0
                    and not (pa.hour + a.duration == pb.hour or pb.hour + b.duration == pa.hour)
                ):
                    adjacency += 1
    return broken, adjacency


def check_max_days_between(g: _Grid, c: FetConstraint) -> int:
    """Each pair of the activities is at most MaxDays days apart (excess counts)."""
    acts = _listed(g, c)
    max_days = c.get_int("MaxDays", 0)
    return sum(
        max(0, abs(g.place[a.id].day - g.place[b.id].day) - max_days) for i, a in enumerate(acts) for b in acts[:i]
    )


def check_same(g: _Grid, c: FetConstraint) -> int:
    """The activities share their starting time / day / hour (each differing pair counts)."""
    acts = _listed(g, c)
    key: Callable[[FetPlacement], object]
    if c.type == "ActivitiesSameStartingTime":
        key = lambda p: (p.day, p.hour)  # noqa: E731
    elif c.type == "ActivitiesSameStartingDay":
        key = lambda p: p.day  # noqa: E731
    else:
        key = lambda p: p.hour  # noqa: E731
    return sum(1 for i, a in enumerate(acts) for b in acts[:i] if key(g.place[a.id]) != key(g.place[b.id]))


def check_not_overlapping(g: _Grid, c: FetConstraint) -> int:
    """No two of the activities overlap (each shared hour counts)."""
    acts = _listed(g, c)
    broken = 0
    for i, a in enumerate(acts):
        ha = set(g.hours(a))
        for b in acts[:i]:
            broken += len(ha & set(g.hours(b)))
    return broken


def check_two_activities(g: _Grid, c: FetConstraint) -> int:
    """Consecutive: the second starts right after the first ends, same day. Grouped: the two are
    adjacent on the same day, in either order. Only break hours may lie between them (FET: "no gaps
    are allowed between them, except for break constraints")."""
    first, second = c.get_int("First_Activity_Id"), c.get_int("Second_Activity_Id")
    if first not in g.place or second not in g.place or first not in g.by_id or second not in g.by_id:
        return 0
    p1, p2 = g.place[first], g.place[second]
    d1, d2 = g.by_id[first].duration, g.by_id[second].duration
    if p1.day != p2.day:
        return 1

    def follows(start: int, end: int) -> bool:  # ``start`` comes right after ``end``, breaks aside
        return start >= end and all((p1.day, h) in g.breaks for h in range(end, start))

    if c.type == "TwoActivitiesConsecutive":
        return 0 if follows(p2.hour, p1.hour + d1) else 1
    return 0 if follows(p2.hour, p1.hour + d1) or follows(p1.hour, p2.hour + d2) else 1


def check_ends_students_day(g: _Grid, c: FetConstraint) -> int:
    """None of the activity's subgroups has anything later that day."""
    a = g.by_id.get(c.get_int("Activity_Id", -1))
    if a is None or a.id not in g.place:
        return 0
    p = g.place[a.id]
    end = p.hour + a.duration
    return sum(1 for s in g.subgroups_of(a) if any(g.subgroup[s][p.day][h] for h in range(end, g.nh)))


def _people(ctype: str) -> str:
    if ctype.startswith("Teachers"):
        return "teachers"
    if ctype.startswith("Teacher"):
        return "teacher"
    if ctype.startswith("StudentsSet"):
        return "set"
    return "students"


def check_max_days_per_week(g: _Grid, c: FetConstraint) -> int:
    """A teacher works on at most Max_Days_Per_Week days (excess days count)."""
    limit = c.get_int("Max_Days_Per_Week")
    return sum(max(0, sum(1 for row in m if any(row)) - limit) for m, _ in _scope(g, c, _people(c.type)))


def check_min_days_per_week(g: _Grid, c: FetConstraint) -> int:
    """A teacher works on at least Minimum_Days_Per_Week days (missing days count)."""
    limit = c.get_int("Minimum_Days_Per_Week")
    return sum(max(0, limit - sum(1 for row in m if any(row))) for m, _ in _scope(g, c, _people(c.type)))


def check_interval_max_days(g: _Grid, c: FetConstraint) -> int:
    """Busy in the hour interval [start, end) on at most Max_Days_Per_Week days."""
    start = g.inst.hours.index(c.get("Interval_Start_Hour")) if c.get("Interval_Start_Hour") in g.inst.hours else 0
    end_name = c.get("Interval_End_Hour")
    end = g.inst.hours.index(end_name) if end_name in g.inst.hours else g.nh
    limit = c.get_int("Max_Days_Per_Week")
    return sum(max(0, sum(1 for row in m if any(row[start:end])) - limit) for m, _ in _scope(g, c, _people(c.type)))


def check_max_gaps_per_week(g: _Grid, c: FetConstraint) -> int:
    """At most Max_Gaps gaps in the week (excess gaps count)."""
    limit = c.get_int("Max_Gaps")
    return sum(
        max(0, sum(_day_gaps(row, d, unusable) for d, row in enumerate(m)) - limit)
        for m, unusable in _scope(g, c, _people(c.type))
    )


def check_max_gaps_per_day(g: _Grid, c: FetConstraint) -> int:
    """At most Max_Gaps gaps on any day (excess gaps count)."""
    limit = c.get_int("Max_Gaps")
    return sum(
        max(0, _day_gaps(row, d, unusable) - limit)
        for m, unusable in _scope(g, c, _people(c.type))
        for d, row in enumerate(m)
    )


def check_max_hours_daily(g: _Grid, c: FetConstraint) -> int:
    """At most Maximum_Hours_Daily busy hours on any day (each day over counts)."""
    limit = c.get_int("Maximum_Hours_Daily")
    return sum(1 for m, _ in _scope(g, c, _people(c.type)) for row in m if sum(1 for n in row if n) > limit)


def check_min_hours_daily(g: _Grid, c: FetConstraint) -> int:
    """At least Minimum_Hours_Daily busy hours on each working day (on every day unless empty days
    are allowed; each day short counts)."""
    limit = c.get_int("Minimum_Hours_Daily")
    allow_empty = c.get_bool("Allow_Empty_Days", True)
    broken = 0
    for m, _ in _scope(g, c, _people(c.type)):
        for row in m:
            busy = sum(1 for n in row if n)
            if (busy or not allow_empty) and busy < limit:
                broken += 1
    return broken


def check_max_hours_continuously(g: _Grid, c: FetConstraint) -> int:
    """No run of more than Maximum_Hours_Continuously consecutive busy hours (each run counts)."""
    limit = c.get_int("Maximum_Hours_Continuously")
    broken = 0
    for m, _ in _scope(g, c, _people(c.type)):
        for row in m:
            run = 0
            for n in [*row, 0]:
                if n:
                    run += 1
                else:
                    broken += run > limit
                    run = 0
    return broken


def check_early_beginnings(g: _Grid, c: FetConstraint) -> int:
    """Students begin their day at the first usable hour, except at most
    Max_Beginnings_At_Second_Hour days a week when they begin one hour later."""
    limit = c.get_int("Max_Beginnings_At_Second_Hour")
    broken = 0
    for m, unusable in _scope(g, c, _people(c.type)):
        second = 0
        for d, row in enumerate(m):
            if not any(row):
                continue
            free = 0
            for h, n in enumerate(row):
                if n:
                    break
                if (d, h) not in unusable:
                    free += 1
            if free == 1:
                second += 1
            elif free > 1:
                broken += free - 1
        broken += max(0, second - limit)
    return broken


_PREFERRED = {
    "ActivityPreferredRoom",
    "ActivityPreferredRooms",
    "SubjectPreferredRoom",
    "SubjectPreferredRooms",
    "ActivityTagPreferredRoom",
    "ActivityTagPreferredRooms",
    "SubjectActivityTagPreferredRoom",
    "SubjectActivityTagPreferredRooms",
}


def _room_targets(g: _Grid, c: FetConstraint, with_preferred: set[int]) -> list[FetActivity]:
    t = c.type
    if t.startswith("Activity") and not t.startswith("ActivityTag"):
        a = g.by_id.get(c.get_int("Activity_Id", -1))
        return [a] if a is not None else []
    if t.startswith("SubjectActivityTag"):
        return [a for a in g.acts if a.subject == c.get("Subject") and c.get("Activity_Tag") in a.tags]
    if t.startswith("Subject"):
        return [a for a in g.acts if a.subject == c.get("Subject")]
    if t.startswith("ActivityTag"):
        return [a for a in g.acts if c.get("Activity_Tag") in a.tags]
    if t.startswith("Teacher"):
        name = c.get("Teacher")
        return [a for a in g.acts if a.teachers == [name] and a.id not in with_preferred]
    name = c.get("Students")
    return [a for a in g.acts if a.students == [name] and a.id not in with_preferred]


def check_room_preference(g: _Grid, c: FetConstraint, with_preferred: set[int]) -> int:
    """The activity (or each activity of the subject / tag / teacher's or students set's own
    activities) is in the given room or one of the given rooms (no room counts as broken); an
    activity preferred room that also names real rooms (a virtual room locked in space) wants
    exactly those real rooms."""
    rooms = set(c.all("Room")) | set(c.all("Preferred_Room"))
    real = sorted(c.all("Real_Room"))
    return sum(
        1
        for a in _room_targets(g, c, with_preferred)
        if a.id in g.place and (g.place[a.id].room not in rooms or (real and sorted(g.place[a.id].real_rooms) != real))
    )


def activities_with_preferred_rooms(inst: FetInstance) -> set[int]:
    """Activities that some preferred-room constraint names (home rooms do not apply to them)."""
    result: set[int] = set()
    acts = inst.active_activities()
    for c in inst.space_constraints:
        if not c.active or c.type not in _PREFERRED:
            continue
        if c.type.startswith("ActivityPreferred"):
            result.add(c.get_int("Activity_Id", -1))
        elif c.type.startswith("SubjectActivityTag"):
            result |= {a.id for a in acts if a.subject == c.get("Subject") and c.get("Activity_Tag") in a.tags}
        elif c.type.startswith("Subject"):
            result |= {a.id for a in acts if a.subject == c.get("Subject")}
        else:
            result |= {a.id for a in acts if c.get("Activity_Tag") in a.tags}
    return result


_CHECKERS: dict[str, Callable[[_Grid, FetConstraint], int]] = {
    "BasicCompulsoryTime": check_basic_time,
    "BasicCompulsorySpace": check_basic_space,
    "BreakTimes": check_break_times,
    "TeacherNotAvailableTimes": check_not_available,
    "StudentsSetNotAvailableTimes": check_not_available,
    "RoomNotAvailableTimes": check_not_available,
    "ActivityPreferredStartingTime": check_preferred_starting_times,
    "ActivityPreferredStartingTimes": check_preferred_starting_times,
    "ActivitiesPreferredStartingTimes": check_preferred_starting_times,
    "SubactivitiesPreferredStartingTimes": check_preferred_starting_times,
    "ActivityPreferredTimeSlots": check_preferred_time_slots,
    "ActivitiesPreferredTimeSlots": check_preferred_time_slots,
    "SubactivitiesPreferredTimeSlots": check_preferred_time_slots,
    "MaxDaysBetweenActivities": check_max_days_between,
    "ActivitiesSameStartingTime": check_same,
    "ActivitiesSameStartingDay": check_same,
    "ActivitiesSameStartingHour": check_same,
    "ActivitiesNotOverlapping": check_not_overlapping,
    "TwoActivitiesConsecutive": check_two_activities,
    "TwoActivitiesGrouped": check_two_activities,
    "ActivityEndsStudentsDay": check_ends_students_day,
}
for _t in ("TeacherMaxDaysPerWeek", "TeachersMaxDaysPerWeek"):
    _CHECKERS[_t] = check_max_days_per_week
for _t in ("TeacherMinDaysPerWeek", "TeachersMinDaysPerWeek"):
    _CHECKERS[_t] = check_min_days_per_week
for _p in ("Teacher", "Teachers", "Students", "StudentsSet"):
    _CHECKERS[f"{_p}IntervalMaxDaysPerWeek"] = check_interval_max_days
    _CHECKERS[f"{_p}MaxGapsPerWeek"] = check_max_gaps_per_week
    _CHECKERS[f"{_p}MaxGapsPerDay"] = check_max_gaps_per_day
    _CHECKERS[f"{_p}MaxHoursDaily"] = check_max_hours_daily
    _CHECKERS[f"{_p}MinHoursDaily"] = check_min_hours_daily
    _CHECKERS[f"{_p}MaxHoursContinuously"] = check_max_hours_continuously
for _t in ("StudentsEarlyMaxBeginningsAtSecondHour", "StudentsSetEarlyMaxBeginningsAtSecondHour"):
    _CHECKERS[_t] = check_early_beginnings

ROOM_CHECKED = _PREFERRED | {"TeacherHomeRoom", "TeacherHomeRooms", "StudentsSetHomeRoom", "StudentsSetHomeRooms"}


def check_fet(instance: FetInstance, timetable: FetTimetable) -> FetCheckReport:
    """Count violated hard constraints and the soft penalty of ``timetable`` for ``instance``."""
    g = _Grid(instance, timetable)
    report = FetCheckReport(unsupported=instance.unsupported())
    with_preferred = activities_with_preferred_rooms(instance)
    for c in instance.constraints:
        if not c.active or not c.supported:
            continue
        adjacency = 0
        if c.type == "MinDaysBetweenActivities":
            broken, adjacency = check_min_days(g, c)
        elif c.type in ROOM_CHECKED:
            broken = check_room_preference(g, c, with_preferred)
        elif c.type in _CHECKERS:
            broken = _CHECKERS[c.type](g, c)
        else:
            continue
        name = f"Constraint{c.type}"
        if adjacency:
            report.hard[name] += adjacency
            report.messages.append(f"{c.label()}: {adjacency} same-day pairs not consecutive")
        if not broken:
            continue
        if c.hard:
            report.hard[name] += broken
            report.messages.append(f"{c.label()}: broken {broken} times")
        else:
            report.soft[name] = report.soft.get(name, 0.0) + c.weight / 100.0 * broken
    return report
