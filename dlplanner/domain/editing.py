"""Edit operations on a project and the fast conflict check used while a card is dragged.

Every edit the desktop app offers is one function here, so the GUI's undo commands stay thin
(each calls one operation and its inverse) and the same edits can be scripted or tested without Qt.
Operations return what their inverse needs (the old value, the removed record ...).

The conflict check recomputes only the hard rules a single move can break (clashes, class time,
availability, room fit, internships, campus travel, team planning) against an index of the rest
of the timetable built once per drag, so each candidate target costs well under a millisecond.
It reuses the independent checker's day geometry and event list (never solver code), and words
its findings as the checker does, so the board and the checker name the same rules.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dlplanner.domain import geometry
from dlplanner.domain.calendar import WEEKDAYS
from dlplanner.domain.checker import CheckContext, Event, Violation, room_fit_violations, span
from dlplanner.domain.geometry import away_intervals, overlap, planning_blocks
from dlplanner.domain.model import (
    BellSchedule,
    Block,
    DayType,
    Placement,
    Project,
    Scenario,
    Section,
    Solution,
    fmt_minutes,
    fmt_time,
)
from dlplanner.domain.problems import RecordRef, named

PlacementKey = tuple[str, int]  # (section id, meeting index): one meeting of a section


class EditError(ValueError):
    """An edit that cannot be made (the message says why, in words for the user)."""


@dataclass(frozen=True)
class Target:
    """Where a dragged meeting would go: a day type, a start time, a room (None: no room) and teachers.

    ``teacher_ids`` None keeps the meeting's teachers; a tuple hands the section to those teachers,
    which docs/rules.md (teacher_assignment) makes a change to every meeting of the section.
    """

    day_type_id: str
    start: int
    room_id: str | None
    teacher_ids: tuple[str, ...] | None = None


def key_of(placement: Placement) -> PlacementKey:
    return (placement.section_id, placement.meeting)


# -- the geometry of a meeting ---------------------------------------------------------------------


def meeting_end(scenario: Scenario, section: Section, day_type_id: str, start: int) -> int | None:
    """Where a meeting of ``section`` starting at ``start`` ends, or None when it cannot start there.

    The reading of meeting_length / class_time in :func:`dlplanner.domain.geometry.meeting_end`.
    """
    try:
        schedule = scenario.schedule_of(day_type_id)
    except KeyError:
        return None
    return geometry.meeting_end(schedule.blocks, section, start)


def start_times(scenario: Scenario, section: Section, day_type_id: str) -> list[int]:
    """Every start time on a day type where a meeting of ``section`` fits the bell schedule."""
    try:
        schedule = scenario.schedule_of(day_type_id)
    except KeyError:
        return []
    return sorted({start for start, _ in geometry.meeting_spans(schedule.blocks, section)})


def fits_bell_schedule(scenario: Scenario, placement: Placement) -> bool:
    """Whether a placement still starts at a class block and has its length under the current bells."""
    try:
        section = scenario.section(placement.section_id)
    except KeyError:
        return False
    return meeting_end(scenario, section, placement.day_type_id, placement.start) == placement.end


# -- timetable operations --------------------------------------------------------------------------


def find_placement(scenario: Scenario, key: PlacementKey) -> Placement | None:
    for placement in scenario.solution.placements:
        if key_of(placement) == key:
            return placement
    return None


def replace_placement(scenario: Scenario, key: PlacementKey, new: Placement | None) -> Placement | None:
    """Put ``new`` in place of meeting ``key`` (None takes it off the timetable); returns the old one.

    The one primitive every timetable edit and its undo goes through, so the list never holds
    two placements of the same meeting.
    """
    placements = scenario.solution.placements
    old_index = next((i for i, p in enumerate(placements) if key_of(p) == key), None)
    old = placements[old_index] if old_index is not None else None
    if new is not None and key_of(new) != key:
        raise EditError(f"placement of {key_of(new)} cannot replace meeting {key}")
    if old_index is None:
        if new is not None:
            placements.append(new)
    elif new is None:
        del placements[old_index]
    else:
        placements[old_index] = new
    return old


def moved_placement(scenario: Scenario, placement: Placement, target: Target) -> Placement:
    """The placement as it would be at ``target`` (its end follows the section's length there)."""
    section = scenario.section(placement.section_id)
    end = meeting_end(scenario, section, target.day_type_id, target.start)
    if end is None:
        day = scenario.day_type(target.day_type_id).name
        raise EditError(f"{section.name} cannot start at {fmt_time(target.start)} on {day}: no class block fits it")
    return dataclasses.replace(
        placement,
        day_type_id=target.day_type_id,
        start=target.start,
        end=end,
        room_id=target.room_id,
        teacher_ids=list(placement.teacher_ids if target.teacher_ids is None else target.teacher_ids),
    )


def move_placement(scenario: Scenario, key: PlacementKey, target: Target) -> Placement:
    """Move meeting ``key`` to ``target``; returns the placement as it was (for undo)."""
    current = find_placement(scenario, key)
    if current is None:
        raise EditError(f"meeting {key[1] + 1} of section '{key[0]}' is not on the timetable")
    replace_placement(scenario, key, moved_placement(scenario, current, target))
    return current


def swapped_teachers(teacher_ids: Iterable[str], old: str, new: str) -> tuple[str, ...]:
    """A meeting's teachers with ``old`` replaced by ``new`` (a drag from one teacher's row to another's)."""
    return tuple(new if t == old else t for t in teacher_ids)


def reassign_refusal(project: Project, section: Section, new_teacher_id: str) -> str | None:
    """Why ``section`` cannot be given to teacher ``new_teacher_id`` (None: it can).

    As teacher_assignment in docs/rules.md reads: fixed teachers are exactly the section's
    ``teacher_ids``, so such a section changes teachers only in its record; a pool section takes a
    teacher of its ``teacher_pool``, or one qualified for its subject when the pool is empty.
    """
    teachers = {t.id: t.name for t in project.teachers}
    name = teachers.get(new_teacher_id, new_teacher_id)
    if section.teacher_ids:
        fixed = ", ".join(teachers.get(t, t) for t in section.teacher_ids)
        return (
            f"{name} cannot take {section.name}: its teachers are fixed ({fixed}); "
            "change them in the section's record to hand it over"
        )
    if any(t.id == new_teacher_id for t in project.qualified_teachers(section)):
        return None
    if section.teacher_pool:
        return f"{name} cannot take {section.name}: {name} is not in its teacher pool"
    subject = next((s.name for s in project.subjects if s.id == section.subject_id), section.subject_id)
    return f"{name} cannot take {section.name}: {name} is not qualified for {subject}"


def move_meeting(scenario: Scenario, key: PlacementKey, target: Target) -> list[Placement]:
    """Move meeting ``key`` to ``target``; returns every placement it changed, as it was (for undo).

    When ``target`` names teachers, every other meeting of the section takes them too (a section's
    meetings all have the same teachers), staying where it is.
    """
    old = [move_placement(scenario, key, target)]
    if target.teacher_ids is None or tuple(old[0].teacher_ids) == target.teacher_ids:
        return old
    for placement in list(scenario.solution.placements):
        if placement.section_id == key[0] and key_of(placement) != key:
            replace_placement(
                scenario, key_of(placement), dataclasses.replace(placement, teacher_ids=list(target.teacher_ids))
            )
            old.append(placement)
    return old


def restore_placements(scenario: Scenario, placements: Iterable[Placement]) -> None:
    """Put placements back as they were (the undo of :func:`move_meeting` and :func:`unschedule`)."""
    for placement in placements:
        replace_placement(scenario, key_of(placement), placement)


def place_meeting(scenario: Scenario, section_id: str, meeting: int, target: Target, teacher_ids: list[str]) -> None:
    """Put an unscheduled meeting on the timetable at ``target``."""
    if find_placement(scenario, (section_id, meeting)) is not None:
        raise EditError(f"meeting {meeting + 1} of section '{section_id}' is already placed")
    draft = Placement(section_id, meeting, target.day_type_id, target.start, target.start, target.room_id, teacher_ids)
    replace_placement(scenario, (section_id, meeting), moved_placement(scenario, draft, target))


def default_teachers(project: Project, scenario: Scenario, section: Section, target: Target | None = None) -> list[str]:
    """Teachers for a meeting placed by hand.

    The fixed teachers; else those the section's other meetings have (every meeting of a pool
    section has the same teachers); else qualified teachers, those free at ``target`` first.
    """
    if section.teacher_ids:
        return list(section.teacher_ids)
    for placement in scenario.solution.placements:
        if placement.section_id == section.id and placement.teacher_ids:
            return list(placement.teacher_ids)
    qualified = [t.id for t in project.qualified_teachers(section)]
    if target is not None:
        end = meeting_end(scenario, section, target.day_type_id, target.start) or target.start + 1
        busy = {
            t
            for p in scenario.solution.placements
            if p.day_type_id == target.day_type_id and p.start < end and target.start < p.end
            for t in p.teacher_ids
        }
        qualified.sort(key=lambda t: t in busy)
    return qualified[: section.teachers_needed]


def free_room(project: Project, scenario: Scenario, section: Section, day_type_id: str, start: int) -> str | None:
    """A room for a meeting placed by hand: the section's own, else the smallest fitting room free then."""
    if section.room_id:
        return section.room_id
    end = meeting_end(scenario, section, day_type_id, start)
    if end is None:
        return None
    busy = {
        p.room_id
        for p in scenario.solution.placements
        if p.day_type_id == day_type_id and p.start < end and start < p.end
    }
    fitting = fitting_rooms(project, section)
    return next((r for r in fitting if r not in busy), fitting[0] if fitting else None)


def fitting_rooms(project: Project, section: Section) -> list[str]:
    """Rooms with the section's features and enough seats, smallest first (its fixed room if it has one)."""
    if section.room_id:
        return [section.room_id]
    needed = project.seats_needed(section)
    rooms = sorted(project.rooms, key=lambda r: r.capacity)
    return [r.id for r in rooms if section.room_features <= r.features and r.capacity >= needed]


def set_pinned(scenario: Scenario, key: PlacementKey, pinned: bool) -> bool:
    """Pin or unpin meeting ``key``; returns the previous state."""
    placement = find_placement(scenario, key)
    if placement is None:
        raise EditError(f"meeting {key[1] + 1} of section '{key[0]}' is not on the timetable")
    old = placement.pinned
    placement.pinned = pinned
    return old


def unscheduled_meetings(scenario: Scenario) -> list[PlacementKey]:
    """Meetings the sections need that have no placement: the board's unscheduled tray."""
    placed = {key_of(p) for p in scenario.solution.placements}
    return [
        (section.id, i)
        for section in scenario.sections
        for i in range(section.meetings_per_cycle)
        if (section.id, i) not in placed
    ]


def misfits(scenario: Scenario) -> list[Placement]:
    """Placements that no longer fit the bell schedules (after a block or template edit)."""
    return [p for p in scenario.solution.placements if not fits_bell_schedule(scenario, p)]


def unschedule(scenario: Scenario, keys: Iterable[PlacementKey]) -> list[Placement]:
    """Take meetings off the timetable (into the unscheduled tray); returns them for undo."""
    removed = []
    for key in list(keys):
        old = replace_placement(scenario, key, None)
        if old is not None:
            removed.append(old)
    return removed


def apply_solution(scenario: Scenario, solution: Solution) -> Solution:
    """Make ``solution`` the scenario's timetable (a solver result); returns the old one for undo."""
    old = scenario.solution
    scenario.solution = solution
    return old


def mark_stale(scenario: Scenario | None, stale: bool = True) -> bool:
    """Note that the data changed since the solution was made; returns the previous flag."""
    if scenario is None:
        return False
    old = scenario.solution.stale
    scenario.solution.stale = stale
    return old


# -- record and block operations -----------------------------------------------------------------


def set_field(record: Any, name: str, value: Any) -> Any:
    """Set one field of a domain record; returns the old value."""
    if name not in {f.name for f in dataclasses.fields(record)}:
        raise EditError(f"{type(record).__name__} has no field '{name}'")
    old = getattr(record, name)
    setattr(record, name, value)
    return old


def insert_record(records: list[Any], index: int, record: Any) -> None:
    """Insert a record into one of the project's lists (teachers, rooms, sections ...)."""
    if any(getattr(r, "id", None) == getattr(record, "id", object()) for r in records):
        raise EditError(f"a record with id '{record.id}' already exists")
    records.insert(index, record)


def remove_record(records: list[Any], index: int) -> Any:
    """Remove the record at ``index``; returns it so undo can put it back."""
    return records.pop(index)


def new_id(existing: Iterable[str], prefix: str) -> str:
    """An id not used yet: prefix-1, prefix-2 ..."""
    used = set(existing)
    n = 1
    while f"{prefix}-{n}" in used:
        n += 1
    return f"{prefix}-{n}"


def replace_blocks(schedule: BellSchedule, blocks: list[Block]) -> list[Block]:
    """Give a bell schedule a new list of blocks (a template, a move, a resize); returns the old list."""
    old = schedule.blocks
    schedule.blocks = [dataclasses.replace(b) for b in blocks]
    return old


def rotation_uses(scenario: Scenario, day_type_id: str) -> list[str]:
    """Where the scenario's calendar names a day type: rotation weekdays, cycle days, overrides, special days."""
    calendar = scenario.calendar
    rotation = calendar.rotation
    found = [f"the rotation's {WEEKDAYS[w % 7]}" for w, d in sorted(rotation.weekday_map.items()) if d == day_type_id]
    found += [f"day {i + 1} of the rotation's cycle" for i, d in enumerate(rotation.sequence) if d == day_type_id]
    found += [
        f"the rotation's override for {day.isoformat()}"
        for day, d in sorted(rotation.overrides.items())
        if d == day_type_id
    ]
    found += [f"special day {s.day.isoformat()}" for s in calendar.special_days if s.day_type_id == day_type_id]
    return found


def day_type_uses(project: Project, scenario: Scenario, day_type_id: str) -> list[str]:
    """Records other than meetings that name a day type and would be left pointing at nothing without it."""
    found = [
        f"internship {i.name}" for i in scenario.internships if any(w.day_type_id == day_type_id for w in i.windows)
    ]
    found += [
        f"advisory {a.name}" for a in project.advisories if any(b.day_type_id == day_type_id for b in a.meeting_blocks)
    ]
    return found


def day_type_removal_refusal(project: Project, scenario: Scenario, day_type_id: str) -> str | None:
    """Why a day type cannot be removed (None: it can): the last one, or named by the calendar or a record."""
    day_type = scenario.day_type(day_type_id)
    if len(scenario.day_types) == 1:
        return f"{day_type.name} is the scenario's only day type: add another before removing it"
    uses = rotation_uses(scenario, day_type_id) + day_type_uses(project, scenario, day_type_id)
    if uses:
        return (
            f"{day_type.name} cannot be removed while {len(uses)} place(s) name it: {'; '.join(uses)}. "
            "Point them at another day type first."
        )
    return None


def remove_day_type(project: Project, scenario: Scenario, day_type_id: str) -> tuple[int, DayType, list[Placement]]:
    """Take a day type out of the cycle; its meetings go to the unscheduled tray.

    Refused (EditError, see :func:`day_type_removal_refusal`) while anything but meetings uses it.
    Returns (its index, it, the meetings taken off) for undo.
    """
    refusal = day_type_removal_refusal(project, scenario, day_type_id)
    if refusal is not None:
        raise EditError(refusal)
    day_type = scenario.day_type(day_type_id)
    index = scenario.day_types.index(day_type)
    removed = unschedule(scenario, [key_of(p) for p in scenario.solution.placements if p.day_type_id == day_type_id])
    scenario.day_types.pop(index)
    return index, day_type, removed


def restore_day_type(scenario: Scenario, index: int, day_type: DayType, placements: Iterable[Placement]) -> None:
    """Undo :func:`remove_day_type`: the day type back at its place in the cycle, its meetings back on it."""
    scenario.day_types.insert(index, day_type)
    restore_placements(scenario, placements)


def snap(minutes: float, step: int = 5) -> int:
    """Round a time to the designer's grid (5 minutes)."""
    return int(round(minutes / step) * step)


# -- conflicts of a move --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Change:
    """A hypothetical edit for team planning: extra busy times per teacher, teachers freed of the section."""

    busy: dict[str, list[tuple[str, int, int]]] = dataclasses.field(default_factory=dict)
    freed: frozenset[str] = frozenset()


class TimetableIndex:
    """The timetable's meetings and advisory sittings by (resource, day type).

    Built once per timetable state and shared: by the card conflicts and by every drag until the
    next edit (a MoveChecker on it costs only the moved card's own work).
    """

    def __init__(self, project: Project, scenario: Scenario, placements: list[Placement]) -> None:
        self.project = project
        self.scenario = scenario
        self.ctx = CheckContext(project, scenario, placements)
        self.by_teacher: dict[tuple[str, str], list[Event]] = defaultdict(list)
        self.by_cohort: dict[tuple[str, str], list[Event]] = defaultdict(list)
        self.by_room: dict[tuple[str, str], list[Event]] = defaultdict(list)
        for event in self.ctx.events:
            for t in event.teacher_ids:
                self.by_teacher[(t, event.day_type_id)].append(event)
            for c in event.cohort_ids:
                self.by_cohort[(c, event.day_type_id)].append(event)
            if event.room_id:
                self.by_room[(event.room_id, event.day_type_id)].append(event)
        self.teams_of: dict[str, list] = defaultdict(list)
        for team in project.teams:
            if team.planning_minutes_per_week > 0:
                for member in team.member_ids:
                    self.teams_of[member].append(team)


class MoveChecker:
    """The hard rules one placement would break at a target, against the rest of the timetable.

    Build it when a drag starts (cost: one pass over the timetable); :meth:`conflicts` is then cheap
    enough to run on every mouse move. Terms are honoured for clashes; team planning and campus
    travel treat the year as one slice, which can only report more, never less, than the checker.
    """

    def __init__(
        self,
        project: Project,
        scenario: Scenario,
        placement: Placement,
        index: TimetableIndex | None = None,
        *,
        planning: bool = True,
    ) -> None:
        self.placement = placement
        self.index = index or TimetableIndex(project, scenario, scenario.solution.placements)
        self.ctx = self.index.ctx
        self.section = self.ctx.sections.get(placement.section_id) or scenario.section(placement.section_id)
        self._cache: dict[Target, list[Violation]] = {}
        self._planning = planning
        self._teams = self._teams_of(placement.teacher_ids)
        self._baseline = {team.id: self._planning_by_day(team, _Change()) for team in self._teams}
        self._siblings = [
            p for p in scenario.solution.placements if p.section_id == placement.section_id and p is not placement
        ]

    def _teams_of(self, teacher_ids: Iterable[str]) -> list:
        if not self._planning:
            return []
        teams = {id(t): t for tid in teacher_ids for t in self.index.teams_of.get(tid, [])}
        return list(teams.values())

    def _others(self, events: list[Event]) -> Iterable[Event]:
        return (e for e in events if e.placement is not self.placement)

    def conflicts(self, target: Target) -> list[Violation]:
        cached = self._cache.get(target)
        if cached is None:
            cached = self._cache[target] = self._compute(target)
        return cached

    def _compute(self, target: Target) -> list[Violation]:
        ctx, section, day = self.ctx, self.section, target.day_type_id
        ref = ctx.section_ref(section)
        end = meeting_end(ctx.scenario, section, day, target.start) if day in ctx.days else None
        if end is None:
            return [
                Violation(
                    "class_time",
                    f"{section.name} cannot start at {fmt_time(target.start)} on {ctx.day_name(day)}: "
                    "no class block (or not enough class time in a row) starts there",
                    [ref],
                )
            ]
        start = target.start
        when = ctx.when(day, start, end)
        found: list[Violation] = []
        old_teachers = list(dict.fromkeys(self.placement.teacher_ids))
        teacher_ids = old_teachers if target.teacher_ids is None else list(dict.fromkeys(target.teacher_ids))
        added = [t for t in teacher_ids if t not in old_teachers]
        cohort_ids = list(dict.fromkeys(section.cohort_ids))

        def clashing(events: list[Event]) -> list[Event]:
            return [
                e
                for e in self._others(events)
                if overlap(e.start, e.end, start, end) and ctx.terms_overlap(e.term_id, section.term_id)
            ]

        for t in teacher_ids:
            for e in clashing(self.index.by_teacher.get((t, day), [])):
                found.append(
                    Violation(
                        "teacher_clash",
                        f"{ctx.teacher_name(t)} already has {e.label} on {ctx.when(day, e.start, e.end)}",
                        [ctx.teacher_ref(t), ref, e.ref],
                    )
                )
        for c in cohort_ids:
            for e in clashing(self.index.by_cohort.get((c, day), [])):
                found.append(
                    Violation(
                        "cohort_clash",
                        f"{ctx.cohort_name(c)} already has {e.label} on {ctx.when(day, e.start, e.end)}",
                        [ctx.cohort_ref(c), ref, e.ref],
                    )
                )
        if target.room_id:
            for e in clashing(self.index.by_room.get((target.room_id, day), [])):
                found.append(
                    Violation(
                        "room_clash",
                        f"{ctx.room_name(target.room_id)} already hosts {e.label} on {ctx.when(day, e.start, e.end)}",
                        [ctx.room_ref(target.room_id), ref, e.ref],
                    )
                )
        for t in teacher_ids:
            teacher = ctx.teachers.get(t)
            for window in teacher.unavailable if teacher else []:
                if window.overlaps(day, start, end):
                    found.append(
                        Violation(
                            "teacher_available",
                            f"{teacher.name} is unavailable {span(window.start, window.end)} on {ctx.day_name(day)}",
                            [ctx.teacher_ref(t), ref],
                        )
                    )
                    break
        found.extend(self._room_fit(target.room_id, when, ref))
        for internship in ctx.scenario.internships:
            for c in cohort_ids:
                if any(overlap(start, end, s, e) for s, e in away_intervals([internship], [c], day)):
                    found.append(
                        Violation(
                            "internship_window",
                            f"{ctx.cohort_name(c)} is away on internship {internship.name} then "
                            f"(± {internship.travel_minutes} min travel)",
                            [ctx.cohort_ref(c), ref, RecordRef("internship", internship.id, internship.name)],
                        )
                    )
        found.extend(self._campus_travel(day, start, end, target.room_id, teacher_ids, cohort_ids, ref))
        if added:
            found.extend(self._handover(added, (day, start, end), ref))
        found.extend(self._team_planning(day, start, end, old_teachers, teacher_ids))
        return found

    def _handover(self, added: list[str], moved: tuple[str, int, int], ref: RecordRef) -> list[Violation]:
        """What teachers taking over the section would break at its other meetings, and their load.

        The section's other meetings stay where they are but get the new teachers (all meetings of
        a section have the same teachers), so each new teacher must be free and available then.
        """
        ctx, found = self.ctx, []
        day, start, end = moved
        for t in added:
            for sibling in self._siblings:  # the moved meeting against the others, now all the new teacher's
                if sibling.day_type_id == day and overlap(sibling.start, sibling.end, start, end):
                    found.append(
                        Violation(
                            "teacher_clash",
                            f"{ctx.teacher_name(t)} would have {self.section.name} twice on "
                            f"{ctx.when(day, sibling.start, sibling.end)}",
                            [ctx.teacher_ref(t), ref],
                        )
                    )
            for sibling in self._siblings:
                s_day, s_start, s_end = sibling.day_type_id, sibling.start, sibling.end
                for e in self.index.by_teacher.get((t, s_day), []):
                    if (
                        e.placement is not self.placement
                        and overlap(e.start, e.end, s_start, s_end)
                        and ctx.terms_overlap(e.term_id, self.section.term_id)
                    ):
                        found.append(
                            Violation(
                                "teacher_clash",
                                f"{ctx.teacher_name(t)} already has {e.label} on {ctx.when(s_day, e.start, e.end)}, "
                                f"when {self.section.name} meets too",
                                [ctx.teacher_ref(t), ref, e.ref],
                            )
                        )
                teacher = ctx.teachers.get(t)
                if teacher and any(w.overlaps(s_day, s_start, s_end) for w in teacher.unavailable):
                    found.append(
                        Violation(
                            "teacher_available",
                            f"{teacher.name} is unavailable on {ctx.when(s_day, s_start, s_end)}, "
                            f"when {self.section.name} meets",
                            [ctx.teacher_ref(t), ref],
                        )
                    )
                found.extend(self._campus_travel(s_day, s_start, s_end, sibling.room_id, [t], [], ref))
            teacher = ctx.teachers.get(t)
            if teacher is None or teacher.max_minutes_per_week is None:
                continue
            limit = ctx.scenario.per_cycle_limit(teacher.max_minutes_per_week)
            load = sum(
                e.end - e.start for e in ctx.meetings if t in e.teacher_ids and e.placement is not self.placement
            )
            load += end - start + sum(p.end - p.start for p in self._siblings)
            if load > limit:  # the whole year as one slice: never reports less than the checker
                found.append(
                    Violation(
                        "teacher_assignment",
                        f"{teacher.name} would teach {fmt_minutes(load)} min per cycle with {self.section.name} "
                        f"but may teach at most {fmt_minutes(limit)} min",
                        [ctx.teacher_ref(t), ref],
                    )
                )
        return found

    def _room_fit(self, room_id: str | None, when: str, ref: RecordRef) -> list[Violation]:
        return room_fit_violations(self.ctx, self.section, room_id, f"{self.section.name} on {when}", ref)

    def _campus(self, room_id: str | None) -> str | None:
        room = self.ctx.rooms.get(room_id) if room_id else None
        return room.campus_id if room else None

    def _campus_travel(
        self,
        day: str,
        start: int,
        end: int,
        room_id: str | None,
        teachers: list[str],
        cohorts: list[str],
        ref: RecordRef,
    ) -> list[Violation]:
        ctx = self.ctx
        campus = self._campus(room_id)
        if campus is None or not ctx.project.travel:
            return []
        found = []
        people = [("teacher", t, self.index.by_teacher) for t in teachers] + [
            ("cohort", c, self.index.by_cohort) for c in cohorts
        ]
        for kind, who, table in people:
            events = [
                e for e in self._others(table.get((who, day), [])) if ctx.terms_overlap(e.term_id, self.section.term_id)
            ]
            # the nearest events before and after; all of them when several are at that time (a cohort's
            # advisories sitting at once, on different campuses, are different students)
            earlier = [e for e in events if (e.start, e.end) < (start, end)]
            later = [e for e in events if (e.start, e.end) > (start, end)]
            last = max(((e.start, e.end) for e in earlier), default=None)
            first = min(((e.start, e.end) for e in later), default=None)
            name = ctx.teacher_name(who) if kind == "teacher" else ctx.cohort_name(who)
            who_ref = ctx.teacher_ref(who) if kind == "teacher" else ctx.cohort_ref(who)
            for first_end, second_start, other in [(e.end, start, e) for e in earlier if (e.start, e.end) == last] + [
                (end, e.start, e) for e in later if (e.start, e.end) == first
            ]:
                travel = ctx.project.travel_minutes(campus, self._campus(other.room_id))
                if travel > 0 and second_start - first_end < travel:
                    found.append(
                        Violation(
                            "campus_travel",
                            f"{name} needs {travel} min to travel between {other.label} and {self.section.name}",
                            [who_ref, ref, other.ref],
                        )
                    )
        return found

    def _planning_by_day(self, team: Any, change: _Change, days: Iterable[str] | None = None) -> dict[str, int]:
        """Common free planning minutes of a team per day type, without the moved placement, after ``change``."""
        ctx = self.ctx
        minutes: dict[str, int] = {}
        for day_type in ctx.scenario.day_types:
            if days is not None and day_type.id not in days:
                continue
            total = 0
            for block in planning_blocks(ctx.days[day_type.id].blocks, team.min_meeting_minutes):
                if all(self._member_free(member, day_type.id, block, change) for member in team.member_ids):
                    total += block.minutes
            minutes[day_type.id] = total
        return minutes

    def _member_free(self, member: str, day: str, block: Block, change: _Change) -> bool:
        teacher = self.ctx.teachers.get(member)
        if teacher and any(w.overlaps(day, block.start, block.end) for w in teacher.unavailable):
            return False
        freed = member in change.freed
        for e in self._others(self.index.by_teacher.get((member, day), [])):
            if freed and e.placement is not None and e.placement.section_id == self.section.id:
                continue  # a teacher handing the section over is free at its meetings
            if overlap(e.start, e.end, block.start, block.end):
                return False
        return not any(d == day and overlap(s, e, block.start, block.end) for d, s, e in change.busy.get(member, ()))

    def _team_planning(self, day: str, start: int, end: int, old: list[str], new: list[str]) -> list[Violation]:
        found = []
        if old == new:  # a move: only the target day changes
            change = _Change({t: [(day, start, end)] for t in new})
            teams = self._teams
        else:  # a handover: new teachers get every meeting of the section, the old ones lose them
            busy = {t: [(day, start, end)] for t in new}
            for t in new:
                if t not in old:
                    busy[t] += [(p.day_type_id, p.start, p.end) for p in self._siblings]
            change = _Change(busy, frozenset(t for t in old if t not in new))
            teams = self._teams_of([*old, *new])
        for team in teams:
            if old == new:
                baseline = self._baseline[team.id]
                got = sum(baseline.values()) - baseline.get(day, 0) + self._planning_by_day(team, change, [day])[day]
            else:
                got = sum(self._planning_by_day(team, change).values())
            needed = self.ctx.scenario.per_cycle_requirement(team.planning_minutes_per_week)
            if got < needed:
                found.append(
                    Violation(
                        "team_planning",
                        f"{named('Team', team.name)} would have {fmt_minutes(got)} min of common planning per cycle "
                        f"but needs {fmt_minutes(needed)} min",
                        [RecordRef("team", team.id, team.name)],
                    )
                )
        return found


def move_conflicts(project: Project, scenario: Scenario, placement: Placement, target: Target) -> list[Violation]:
    """The hard rules ``placement`` would break at ``target`` (one-off; use MoveChecker while dragging)."""
    return MoveChecker(project, scenario, placement).conflicts(target)


def timetable_conflicts(
    project: Project, scenario: Scenario, index: TimetableIndex | None = None
) -> dict[PlacementKey, list[Violation]]:
    """Every placed meeting's broken hard rules where it stands, for the cards and the conflicts panel.

    Team planning is a property of the whole timetable rather than of one card, so it is left to the
    full checker; everything else a card can break is listed on the card.
    """
    index = index or TimetableIndex(project, scenario, scenario.solution.placements)
    result: dict[PlacementKey, list[Violation]] = {}
    for placement in scenario.solution.placements:
        if placement.section_id not in index.ctx.sections:
            continue
        checker = MoveChecker(project, scenario, placement, index, planning=False)
        found = checker.conflicts(Target(placement.day_type_id, placement.start, placement.room_id))
        if (
            not found
            and meeting_end(scenario, checker.section, placement.day_type_id, placement.start) != placement.end
        ):
            found = [
                Violation(
                    "meeting_length",
                    f"{checker.section.name} on "
                    f"{index.ctx.when(placement.day_type_id, placement.start, placement.end)} "
                    "does not match its length under the current bell schedule",
                    [index.ctx.section_ref(checker.section)],
                )
            ]
        if found:
            result[key_of(placement)] = found
    return result
