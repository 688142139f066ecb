"""A FET (https://lalescu.ro/liviu/fet/) timetabling instance and timetable, as plain dataclasses.

FET is the open-source timetabler most schools that would switch to dlplanner already use. These
objects mirror its ``.fet`` file closely (names, not ids, link records, as in FET) so the reader,
the writer, the CP-SAT model and the independent checker all speak FET's own vocabulary.

Constraints are kept generically: their XML fields as lists of strings (or of ``(day, hour)``
pairs for the nested time slots), so a constraint type that dlplanner does not understand is still
kept, counted and written back unchanged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Every FET constraint type dlplanner models and checks (the ``Constraint`` prefix dropped).
SUPPORTED_TYPES: frozenset[str] = frozenset(
    [
        "BasicCompulsoryTime",
        "BasicCompulsorySpace",
        "MinDaysBetweenActivities",
        "TeacherNotAvailableTimes",
        "BreakTimes",
        "ActivityPreferredStartingTime",
        "StudentsSetNotAvailableTimes",
        "SubjectPreferredRoom",
        "ActivitiesPreferredStartingTimes",
        "ActivitiesPreferredTimeSlots",
        "TeacherMaxDaysPerWeek",
        "TeachersMaxGapsPerWeek",
        "StudentsMaxGapsPerWeek",
        "ActivityPreferredRoom",
        "RoomNotAvailableTimes",
        "SubjectPreferredRooms",
        "ActivitiesSameStartingTime",
        "TeachersMaxHoursDaily",
        "StudentsEarlyMaxBeginningsAtSecondHour",
        "TeacherHomeRoom",
        "TeacherMaxHoursDaily",
        "ActivityPreferredStartingTimes",
        "TeacherMaxGapsPerWeek",
        "ActivityPreferredTimeSlots",
        "TeacherMinHoursDaily",
        "TeachersMaxGapsPerDay",
        "StudentsSetMinHoursDaily",
        "TwoActivitiesConsecutive",
        "ActivitiesNotOverlapping",
        "TeachersMinHoursDaily",
        "ActivityPreferredRooms",
        "StudentsMinHoursDaily",
        "StudentsSetHomeRoom",
        "StudentsSetMaxGapsPerWeek",
        "ActivityTagPreferredRooms",
        "SubjectActivityTagPreferredRoom",
        "TeacherMaxGapsPerDay",
        "TeachersMaxHoursContinuously",
        "TwoActivitiesGrouped",
        "StudentsMaxHoursDaily",
        "TeachersMaxDaysPerWeek",
        "SubactivitiesPreferredTimeSlots",
        "TeacherHomeRooms",
        "TeacherMaxHoursContinuously",
        "ActivityEndsStudentsDay",
        "StudentsSetMaxHoursDaily",
        "TeacherIntervalMaxDaysPerWeek",
        "StudentsSetEarlyMaxBeginningsAtSecondHour",
        "ActivityTagPreferredRoom",
        "ActivitiesSameStartingDay",
        "StudentsMaxGapsPerDay",
        "StudentsSetMaxGapsPerDay",
        "TeacherMinDaysPerWeek",
        "TeachersMinDaysPerWeek",
        "StudentsMaxHoursContinuously",
        "StudentsSetMaxHoursContinuously",
        "TeachersIntervalMaxDaysPerWeek",
        "StudentsIntervalMaxDaysPerWeek",
        "StudentsSetIntervalMaxDaysPerWeek",
        "ActivitiesSameStartingHour",
        "MaxDaysBetweenActivities",
        "SubjectActivityTagPreferredRooms",
        "StudentsSetHomeRooms",
        "SubactivitiesPreferredStartingTimes",
    ]
)

#: Supported types that count *days*. In FET's mornings-afternoons mode a FET day is half a real
#: day and these count real days (fet-cl's own timetables of such files "break" them when read per
#: FET day, e.g. students' min hours daily with no empty days). dlplanner does not model that mode
#: yet, so there they are reported as unsupported and ignored (a relaxation, never a wrong proof).
DAY_COUNTING_TYPES: frozenset[str] = frozenset(
    t
    for t in SUPPORTED_TYPES
    if any(k in t for k in ("Daily", "PerDay", "DaysPerWeek", "DaysBetween", "SameStartingDay", "EarlyMax"))
    or t == "ActivityEndsStudentsDay"
)

#: FET's modes (``<Mode>`` in FET 6; a version suffix in FET 5's special builds).
OFFICIAL, MORNINGS_AFTERNOONS = "Official", "Mornings_Afternoons"

#: Constraint types whose semantics apply to rooms (FET's "space" constraints).
ROOM_TYPES: frozenset[str] = frozenset(t for t in SUPPORTED_TYPES if "Room" in t or t == "BasicCompulsorySpace")


class FetFormatError(ValueError):
    """A ``.fet`` file that cannot be read; the message names the file and line."""


@dataclass
class FetSubgroup:
    name: str
    students: int = 0


@dataclass
class FetGroup:
    name: str
    students: int = 0
    subgroups: list[FetSubgroup] = field(default_factory=list)


@dataclass
class FetYear:
    name: str
    students: int = 0
    groups: list[FetGroup] = field(default_factory=list)


@dataclass
class FetRoom:
    """A room. A *virtual* room stands for a set of sets of real rooms: an activity in it occupies
    the virtual room and one real room from each set, all different (FET 6's virtual rooms)."""

    name: str
    building: str = ""
    capacity: int = 30000
    virtual: bool = False
    real_room_sets: list[list[str]] = field(default_factory=list)


@dataclass
class FetActivity:
    """One FET activity (a sub-activity of a split activity has its own id, shared group id)."""

    id: int
    subject: str
    teachers: list[str] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    duration: int = 1
    total_duration: int = 1
    group_id: int = 0
    active: bool = True
    n_students: int | None = None  # None: the sum of its students sets' sizes
    line: int = 0


@dataclass
class FetConstraint:
    """One time or space constraint: its type, weight, active flag and raw fields.

    ``fields`` maps an XML child name to the list of its texts (repeated children keep their
    order); nested time slots (``Preferred_Time_Slot``, ``Not_Available_Time``, ``Break_Time``,
    ``Preferred_Starting_Time``) are stored under their tag as ``(day, hour)`` pairs in ``slots``.
    """

    type: str
    weight: float = 100.0
    active: bool = True
    space: bool = False
    fields: dict[str, list[str]] = field(default_factory=dict)
    slots: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0
    mode: str = OFFICIAL  # the file's FET mode

    @property
    def hard(self) -> bool:
        return self.weight >= 100.0

    @property
    def supported(self) -> bool:
        if self.mode == MORNINGS_AFTERNOONS and self.type in DAY_COUNTING_TYPES:
            return False
        return self.type in SUPPORTED_TYPES

    @property
    def name(self) -> str:
        """The name reported for it (with the mode when only the mode makes it unsupported)."""
        if self.type in SUPPORTED_TYPES and not self.supported:
            return f"Constraint{self.type} (in {self.mode.lower().replace('_', '-')} mode)"
        return f"Constraint{self.type}"

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0] if values else default

    def get_int(self, name: str, default: int = 0) -> int:
        text = self.get(name).strip()
        return int(float(text)) if text else default

    def get_bool(self, name: str, default: bool = False) -> bool:
        text = self.get(name).strip().lower()
        return default if not text else text == "true"

    def all(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))

    def label(self) -> str:
        return f"Constraint{self.type} (line {self.line})"


@dataclass
class FetInstance:
    """A whole ``.fet`` file: the basic data, activities and constraints."""

    name: str = ""
    version: str = ""
    mode: str = OFFICIAL
    days: list[str] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    activity_tags: list[str] = field(default_factory=list)
    teachers: list[str] = field(default_factory=list)
    years: list[FetYear] = field(default_factory=list)
    buildings: list[str] = field(default_factory=list)
    rooms: list[FetRoom] = field(default_factory=list)
    activities: list[FetActivity] = field(default_factory=list)
    time_constraints: list[FetConstraint] = field(default_factory=list)
    space_constraints: list[FetConstraint] = field(default_factory=list)
    source: str = ""

    # -- lookups ---------------------------------------------------------------------------
    @property
    def constraints(self) -> list[FetConstraint]:
        return self.time_constraints + self.space_constraints

    def active_constraints(self) -> list[FetConstraint]:
        return [c for c in self.constraints if c.active]

    def active_activities(self) -> list[FetActivity]:
        return [a for a in self.activities if a.active]

    def activity(self, activity_id: int) -> FetActivity:
        for a in self.activities:
            if a.id == activity_id:
                return a
        raise KeyError(f"No activity with id {activity_id}")

    def day_index(self, name: str) -> int:
        return self.days.index(name)

    def hour_index(self, name: str) -> int:
        return self.hours.index(name)

    def slot_index(self, day: str, hour: str) -> tuple[int, int] | None:
        """(day, hour) indexes of a named slot, None when a name is unknown (FET drops those)."""
        try:
            return self.days.index(day), self.hours.index(hour)
        except ValueError:
            return None

    def subgroup_names(self) -> list[str]:
        """Every subgroup, in file order, once. A year without groups (or a group without
        subgroups) is its own only subgroup, as in FET."""
        seen: dict[str, None] = {}
        for year in self.years:
            if not year.groups:
                seen.setdefault(year.name)
            for group in year.groups:
                if not group.subgroups:
                    seen.setdefault(group.name)
                for sub in group.subgroups:
                    seen.setdefault(sub.name)
        return list(seen)

    def students_map(self) -> dict[str, list[str]]:
        """Students set name (year, group or subgroup) → the subgroups it stands for."""
        result: dict[str, dict[str, None]] = {}
        for year in self.years:
            ys = result.setdefault(year.name, {})
            if not year.groups:
                ys.setdefault(year.name)
            for group in year.groups:
                gs = result.setdefault(group.name, {})
                if not group.subgroups:
                    gs.setdefault(group.name)
                    ys.setdefault(group.name)
                for sub in group.subgroups:
                    result.setdefault(sub.name, {}).setdefault(sub.name)
                    gs.setdefault(sub.name)
                    ys.setdefault(sub.name)
        return {k: list(v) for k, v in result.items()}

    def students_count(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for year in self.years:
            counts.setdefault(year.name, year.students)
            for group in year.groups:
                counts.setdefault(group.name, group.students)
                for sub in group.subgroups:
                    counts.setdefault(sub.name, sub.students)
        return counts

    def activity_size(self, activity: FetActivity) -> int:
        if activity.n_students is not None:
            return activity.n_students
        counts = self.students_count()
        return sum(counts.get(s, 0) for s in activity.students)

    def matching_activities(
        self, teacher: str = "", students: str = "", subject: str = "", tag: str = "", duration: str = ""
    ) -> list[FetActivity]:
        """Active activities matching FET's usual filter: an empty field matches anything; a
        students filter matches activities whose students share a subgroup with that set (FET's
        ``setsShareStudents``: a filter on a year selects the activities of its groups too)."""
        smap = self.students_map() if students else {}
        wanted = set(smap.get(students, [students])) if students else set()
        result = []
        for a in self.activities:
            if not a.active:
                continue
            if teacher and teacher not in a.teachers:
                continue
            if subject and subject != a.subject:
                continue
            if tag and tag not in a.tags:
                continue
            if duration and str(a.duration) != duration.strip():
                continue
            if students and not any(wanted.intersection(smap.get(s, [s])) for s in a.students):
                continue
            result.append(a)
        return result

    # -- support report --------------------------------------------------------------------
    def unsupported(self) -> Counter[str]:
        """Active constraint types dlplanner does not model, by count (never silently dropped)."""
        return Counter(c.name for c in self.active_constraints() if not c.supported)

    def unsupported_hard(self) -> Counter[str]:
        return Counter(c.name for c in self.active_constraints() if not c.supported and c.hard)

    def virtual_rooms(self) -> dict[str, list[list[str]]]:
        """Virtual room name → its sets of real rooms."""
        return {r.name: r.real_room_sets for r in self.rooms if r.virtual}

    @property
    def fully_supported(self) -> bool:
        return not self.unsupported_hard()


@dataclass
class FetPlacement:
    """Where an activity starts, its room and, when the room is virtual, the real room taken from
    each of its sets (in the order of the sets)."""

    day: int
    hour: int
    room: str | None = None
    real_rooms: list[str] = field(default_factory=list)


@dataclass
class FetTimetable:
    """Activity id → where it starts (day and hour indexes) and its room, if any."""

    placements: dict[int, FetPlacement] = field(default_factory=dict)
