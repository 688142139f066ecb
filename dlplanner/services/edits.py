"""Undoable edits of an open project: each calls one operation of ``dlplanner.domain.editing`` and its inverse.

A :class:`ProjectSession` (``dlplanner.services.session``) runs them and keeps their history; the
GUI wraps each in a QUndoCommand, the command line may run them directly. Edits hold the very
objects they change. Once pieces of the project were replaced from outside (a district Refresh
or a conflict's "Reload": ``ProjectSession.generation`` moved on), an undo or redo first checks
that everything it would touch is still part of the project (:meth:`Edit.targets`) and that it
would not bring back a scenario id that exists again (:meth:`Edit.clash`); if not, the session
refuses the step, naming the record, and drops it from the history.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from typing import TYPE_CHECKING, Any

from dlplanner.domain import (
    BellSchedule,
    Block,
    DayType,
    Placement,
    Project,
    Scenario,
    Solution,
)
from dlplanner.domain import editing as ops
from dlplanner.domain.calendar import Minimums, SchoolYear
from dlplanner.domain.editing import PlacementKey, Target
from dlplanner.services import scenarios

if TYPE_CHECKING:
    from dlplanner.services.session import ProjectSession

#: What an edit changed, so views refresh only what they show.
DATA, TIMETABLE, BLOCKS, SCENARIO, PROJECT = "data", "timetable", "blocks", "scenario", "project"


def label_of(record: Any) -> str:
    """A record's name in menu texts: its name, else its id, else its first two fields (a course request)."""
    label = getattr(record, "name", "") or getattr(record, "id", "")
    if not label and dataclasses.is_dataclass(record):
        label = " ".join(str(getattr(record, f.name)) for f in dataclasses.fields(record)[:2])
    return str(label) or "?"


def describe(record: Any) -> str:
    """How a refusal names a record: ``teacher 'Ms Lee'``, ``scenario 'A/B block'``, ``bell schedule 'Regular'``."""
    kind = re.sub(r"(?<!^)(?=[A-Z])", " ", type(record).__name__).lower()
    return f"{kind} '{label_of(record)}'"


class Edit:
    """One undoable change: ``do`` and ``undo`` run on the session's project; ``kind`` says what changed."""

    kind = DATA
    scenario: Scenario | None = None  # the scenario edited, if any (must still be in the project)

    def __init__(self, text: str) -> None:
        self.text = text
        self.generation = -1  # the session's generation when this edit last ran (set by the session)

    def targets(self) -> list[tuple[Any, str]]:
        """The objects this edit changes, each with how to name it, that must still be in the project."""
        return [(self.scenario, describe(self.scenario))] if self.scenario is not None else []

    def clash(self, session: ProjectSession, undoing: bool) -> str | None:
        """Why running now would damage the project even though every target is there (None: it would not)."""
        return None

    def do(self, session: ProjectSession) -> None:
        raise NotImplementedError

    def undo(self, session: ProjectSession) -> None:
        raise NotImplementedError


#: Fields that only name or describe a record: the solver never reads them, so editing one (a
#: rename, a subject's colour) leaves the timetable as valid as it was, never stale.
TIMETABLE_NEUTRAL_FIELDS = frozenset({"name", "school_name", "description", "email", "color", "department", "address"})


class SetField(Edit):
    """Change one field of a record (inline table edit); data edits make the solution stale, a
    rename or another :data:`TIMETABLE_NEUTRAL_FIELDS` edit does not.

    Only the record must still be in the project: a record inside a replaced scenario is replaced
    with it, while a teacher, room or group edit stays undoable when the scenario that was shown
    was replaced (its "timetable may be stale" mark then goes with the old copy).
    """

    def __init__(self, record: Any, name: str, value: Any, scenario: Scenario | None) -> None:
        super().__init__(f"Edit {name.replace('_', ' ')} of {label_of(record)}")
        self.record, self.name, self.value, self.scenario = record, name, value, scenario
        self.old: Any = None
        self.old_stale = False

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.record, describe(self.record))]

    @property
    def changes_timetable(self) -> bool:
        return self.name not in TIMETABLE_NEUTRAL_FIELDS

    def do(self, session: ProjectSession) -> None:
        self.old = ops.set_field(self.record, self.name, self.value)
        if self.changes_timetable:
            self.old_stale = ops.mark_stale(self.scenario)

    def undo(self, session: ProjectSession) -> None:
        ops.set_field(self.record, self.name, self.old)
        if self.changes_timetable:
            ops.mark_stale(self.scenario, self.old_stale)


class InsertRecord(Edit):
    def __init__(self, records: list, index: int, record: Any, scenario: Scenario | None) -> None:
        super().__init__(f"Add {type(record).__name__.lower()} {label_of(record)}")
        self.records, self.index, self.record, self.scenario = records, index, record, scenario
        self.old_stale = False

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.records, f"the list holding {describe(self.record)}")]

    def do(self, session: ProjectSession) -> None:
        ops.insert_record(self.records, self.index, self.record)
        self.old_stale = ops.mark_stale(self.scenario)

    def undo(self, session: ProjectSession) -> None:
        ops.remove_record(self.records, self.index)
        ops.mark_stale(self.scenario, self.old_stale)


class RemoveRecord(Edit):
    def __init__(self, records: list, index: int, scenario: Scenario | None) -> None:
        record = records[index]
        super().__init__(f"Remove {type(record).__name__.lower()} {label_of(record)}")
        self.records, self.index, self.scenario = records, index, scenario
        self.record: Any = None
        self.old_stale = False
        self.name = describe(record)

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.records, f"the list holding {self.name}")]

    def do(self, session: ProjectSession) -> None:
        self.record = ops.remove_record(self.records, self.index)
        self.old_stale = ops.mark_stale(self.scenario)

    def undo(self, session: ProjectSession) -> None:
        ops.insert_record(self.records, self.index, self.record)
        ops.mark_stale(self.scenario, self.old_stale)


class MoveMeeting(Edit):
    """A card dragged to a new day, time or room, or to another teacher (who then takes every meeting)."""

    kind = TIMETABLE

    def __init__(self, scenario: Scenario, key: PlacementKey, target: Target, label: str) -> None:
        super().__init__(f"Move {label}")
        self.scenario, self.key, self.target = scenario, key, target
        self.old: list[Placement] = []

    def do(self, session: ProjectSession) -> None:
        self.old = ops.move_meeting(self.scenario, self.key, self.target)

    def undo(self, session: ProjectSession) -> None:
        ops.restore_placements(self.scenario, self.old)


class PlaceMeeting(Edit):
    """An unscheduled meeting put on the board."""

    kind = TIMETABLE

    def __init__(self, scenario: Scenario, key: PlacementKey, target: Target, teachers: list[str], label: str) -> None:
        super().__init__(f"Place {label}")
        self.scenario, self.key, self.target, self.teachers = scenario, key, target, teachers

    def do(self, session: ProjectSession) -> None:
        ops.place_meeting(self.scenario, self.key[0], self.key[1], self.target, list(self.teachers))

    def undo(self, session: ProjectSession) -> None:
        ops.replace_placement(self.scenario, self.key, None)


class Unschedule(Edit):
    """Cards taken off the board into the unscheduled tray."""

    kind = TIMETABLE

    def __init__(self, scenario: Scenario, keys: list[PlacementKey]) -> None:
        super().__init__(f"Unschedule {len(keys)} meeting(s)")
        self.scenario, self.keys = scenario, keys
        self.removed: list[Placement] = []

    def do(self, session: ProjectSession) -> None:
        self.removed = ops.unschedule(self.scenario, self.keys)

    def undo(self, session: ProjectSession) -> None:
        for placement in self.removed:
            ops.replace_placement(self.scenario, ops.key_of(placement), placement)


class Pin(Edit):
    kind = TIMETABLE

    def __init__(self, scenario: Scenario, keys: list[PlacementKey], pinned: bool) -> None:
        super().__init__(f"{'Pin' if pinned else 'Unpin'} {len(keys)} meeting(s)")
        self.scenario, self.keys, self.pinned = scenario, keys, pinned
        self.old: dict[PlacementKey, bool] = {}

    def do(self, session: ProjectSession) -> None:
        self.old = {key: ops.set_pinned(self.scenario, key, self.pinned) for key in self.keys}

    def undo(self, session: ProjectSession) -> None:
        for key, was in self.old.items():
            ops.set_pinned(self.scenario, key, was)


class ApplySolution(Edit):
    """A solver result becomes the timetable, as one undoable step."""

    kind = TIMETABLE

    def __init__(self, scenario: Scenario, solution: Solution) -> None:
        super().__init__(f"Apply solver result ({solution.status.value})")
        self.scenario, self.solution = scenario, solution
        self.old: Solution | None = None

    def do(self, session: ProjectSession) -> None:
        self.old = ops.apply_solution(self.scenario, self.solution)

    def undo(self, session: ProjectSession) -> None:
        if self.old is not None:
            ops.apply_solution(self.scenario, self.old)


class _BellEdit(Edit):
    """A bell-schedule change: meetings that no longer fit go to the tray, and come back on undo."""

    kind = BLOCKS

    def __init__(self, scenario: Scenario, text: str) -> None:
        super().__init__(text)
        self.scenario = scenario
        self.unscheduled: list[Placement] = []
        self.old_stale = False

    changes_timetable = True  # False: only names change (a block relabelled), the timetable stays fresh

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError

    def do(self, session: ProjectSession) -> None:
        self._apply()
        self.unscheduled = ops.unschedule(self.scenario, [ops.key_of(p) for p in ops.misfits(self.scenario)])
        if self.changes_timetable:
            self.old_stale = ops.mark_stale(self.scenario)

    def undo(self, session: ProjectSession) -> None:
        self._revert()
        for placement in self.unscheduled:
            ops.replace_placement(self.scenario, ops.key_of(placement), placement)
        if self.changes_timetable:
            ops.mark_stale(self.scenario, self.old_stale)


class ReplaceBlocks(_BellEdit):
    """New blocks for a bell schedule (designer edit or template)."""

    def __init__(self, scenario: Scenario, schedule: BellSchedule, blocks: list[Block], text: str) -> None:
        super().__init__(scenario, text)
        self.schedule, self.blocks = schedule, blocks
        self.old: list[Block] = []
        self.changes_timetable = [dataclasses.replace(b, label="") for b in schedule.blocks] != [
            dataclasses.replace(b, label="") for b in blocks
        ]

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.schedule, describe(self.schedule)), *super().targets()]

    def _apply(self) -> None:
        self.old = ops.replace_blocks(self.schedule, self.blocks)

    def _revert(self) -> None:
        ops.replace_blocks(self.schedule, self.old)


class SetDaySchedule(_BellEdit):
    """A day type follows another bell schedule."""

    def __init__(self, scenario: Scenario, day_type: DayType, schedule_id: str) -> None:
        super().__init__(scenario, f"{day_type.name} follows another bell schedule")
        self.day_type, self.schedule_id = day_type, schedule_id
        self.old = day_type.bell_schedule_id

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.day_type, describe(self.day_type)), *super().targets()]

    def _apply(self) -> None:
        self.old = ops.set_field(self.day_type, "bell_schedule_id", self.schedule_id)

    def _revert(self) -> None:
        ops.set_field(self.day_type, "bell_schedule_id", self.old)


class RemoveDayType(Edit):
    """A day type taken out of the cycle; its meetings go to the unscheduled tray and come back on undo.

    Building the edit makes the checks (raises EditError naming what still uses the day type).
    """

    kind = BLOCKS

    def __init__(self, session: ProjectSession, scenario: Scenario, day_type: DayType) -> None:
        super().__init__(f"Remove day type {day_type.name}")
        self.scenario, self.day_type = scenario, day_type
        refusal = ops.day_type_removal_refusal(session.project, scenario, day_type.id)
        if refusal is not None:
            raise ops.EditError(refusal)
        self.index, self.removed = 0, []
        self.old_stale = False

    def do(self, session: ProjectSession) -> None:
        self.index, _, self.removed = ops.remove_day_type(session.project, self.scenario, self.day_type.id)
        self.old_stale = ops.mark_stale(self.scenario)

    def undo(self, session: ProjectSession) -> None:
        ops.restore_day_type(self.scenario, self.index, self.day_type, self.removed)
        ops.mark_stale(self.scenario, self.old_stale)


def _assign(target: Any, source: Any) -> None:
    """Make dataclass ``target`` equal to ``source`` in place (views and storage keep the same object)."""
    for f in dataclasses.fields(target):
        setattr(target, f.name, copy.deepcopy(getattr(source, f.name)))


class EditCalendar(Edit):
    """One edit of a scenario's school year: the whole calendar before and after, restored exactly."""

    def __init__(self, scenario: Scenario, year: SchoolYear, text: str, stale: bool) -> None:
        super().__init__(f"{text} ({scenario.name})")
        self.scenario, self.stale = scenario, stale
        self.old = copy.deepcopy(scenario.calendar)
        self.new = copy.deepcopy(year)
        self.old_stale = scenario.solution.stale

    def targets(self) -> list[tuple[Any, str]]:
        return [
            (self.scenario, describe(self.scenario)),
            (self.scenario.calendar, f"the calendar of {describe(self.scenario)}"),
        ]

    def do(self, session: ProjectSession) -> None:
        _assign(self.scenario.calendar, self.new)
        if self.stale:
            self.old_stale = ops.mark_stale(self.scenario)

    def undo(self, session: ProjectSession) -> None:
        _assign(self.scenario.calendar, self.old)
        if self.stale:
            ops.mark_stale(self.scenario, self.old_stale)


class EditMinimums(Edit):
    """The project's minimums replaced as one step (in place: the project keeps its Minimums object)."""

    def __init__(self, project: Project, minimums: Minimums) -> None:
        super().__init__("Edit minimums")
        self.project = project
        self.edited = project.minimums  # a district Refresh may replace it with another planner's
        self.old = copy.deepcopy(project.minimums)
        self.new = copy.deepcopy(minimums)

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.edited, "the minimums of the people, rooms and groups")]

    def do(self, session: ProjectSession) -> None:
        _assign(self.project.minimums, self.new)

    def undo(self, session: ProjectSession) -> None:
        _assign(self.project.minimums, self.old)


# -- scenarios ---------------------------------------------------------------------------------------


class _ScenarioListEdit(Edit):
    """Scenario list edits through ``services.scenarios``; the undo restores the list and the current scenario."""

    kind = SCENARIO

    def __init__(self, session: ProjectSession, text: str) -> None:
        super().__init__(text)
        self.previous_current = session.scenario_id

    def targets(self) -> list[tuple[Any, str]]:
        return []

    @staticmethod
    def _id_taken(session: ProjectSession, scenario: Scenario) -> str | None:
        """A refusal when another scenario with ``scenario``'s id is in the project now (taken in meanwhile)."""
        project = session.project
        if project is not None and any(s.id == scenario.id and s is not scenario for s in project.scenarios):
            return (
                f"{describe(scenario)} would come back beside the scenario with the same id '{scenario.id}' "
                "another planner saved (taken in by Refresh or Reload)"
            )
        return None

    @staticmethod
    def _show(session: ProjectSession, scenario_id: str | None) -> None:
        project = session.project
        if project is not None and all(s.id != scenario_id for s in project.scenarios):
            scenario_id = project.scenarios[0].id if project.scenarios else None
        session.scenario_id = scenario_id


class CopyScenario(_ScenarioListEdit):
    """A copy of a scenario (with or without its timetable), shown as the current scenario."""

    def __init__(self, session: ProjectSession, key: str, name: str | None, with_solution: bool) -> None:
        super().__init__(session, "Copy scenario")
        self.clone = scenarios.copy_scenario(session.project, key, name, with_solution=with_solution)
        session.project.scenarios.remove(self.clone)  # added back by do
        self.text = f"Copy scenario as {self.clone.name}"

    def clash(self, session: ProjectSession, undoing: bool) -> str | None:
        if undoing:  # the copy must be there; redoing: no other scenario may have its id
            if session.project is None or all(s is not self.clone for s in session.project.scenarios):
                return f"{describe(self.clone)} is no longer in the project"
            return None
        return self._id_taken(session, self.clone)

    def do(self, session: ProjectSession) -> None:
        session.project.scenarios.append(self.clone)
        self._show(session, self.clone.id)

    def undo(self, session: ProjectSession) -> None:
        session.project.scenarios.remove(self.clone)
        self._show(session, self.previous_current)


class RenameScenario(_ScenarioListEdit):
    def __init__(self, session: ProjectSession, key: str, new_name: str) -> None:
        super().__init__(session, "Rename scenario")
        self.scenario = session.project.scenario(key)
        self.old_name = self.scenario.name
        scenarios.rename_scenario(session.project, key, new_name)  # checks the name (raises ServiceError)
        self.new_name = self.scenario.name
        self.scenario.name = self.old_name
        self.text = f"Rename scenario {self.old_name} to {self.new_name}"

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.scenario, f"scenario '{self.scenario.name}'")]

    def do(self, session: ProjectSession) -> None:
        self.scenario.name = self.new_name
        self._show(session, session.scenario_id)

    def undo(self, session: ProjectSession) -> None:
        self.scenario.name = self.old_name
        self._show(session, session.scenario_id)


class DeleteScenario(_ScenarioListEdit):
    """Delete a scenario (never the last one: the service refuses)."""

    def __init__(self, session: ProjectSession, key: str) -> None:
        super().__init__(session, "Delete scenario")
        project = session.project
        self.scenario = project.scenario(key)
        self.index = project.scenarios.index(self.scenario)
        scenarios.delete_scenario(project, key)  # raises ServiceError for the last scenario
        project.scenarios.insert(self.index, self.scenario)
        self.text = f"Delete scenario {self.scenario.name}"

    def clash(self, session: ProjectSession, undoing: bool) -> str | None:
        if undoing:  # no other scenario may have its id; redoing: it must be there
            return self._id_taken(session, self.scenario)
        if session.project is None or all(s is not self.scenario for s in session.project.scenarios):
            return f"{describe(self.scenario)} is no longer in the project"
        return None

    def do(self, session: ProjectSession) -> None:
        session.project.scenarios.remove(self.scenario)
        neighbours = session.project.scenarios
        current = session.scenario_id
        if current == self.scenario.id:
            current = neighbours[min(self.index, len(neighbours) - 1)].id
        self._show(session, current)

    def undo(self, session: ProjectSession) -> None:
        session.project.scenarios.insert(self.index, self.scenario)
        self._show(session, self.previous_current)


class AddScenario(_ScenarioListEdit):
    """A new scenario (Scenario → New scenario, built by ``services.new_school``), shown as the current one."""

    def __init__(self, session: ProjectSession, scenario: Scenario) -> None:
        super().__init__(session, f"New scenario {scenario.name}")
        self.scenario_added = scenario

    def clash(self, session: ProjectSession, undoing: bool) -> str | None:
        if undoing:
            if session.project is None or all(s is not self.scenario_added for s in session.project.scenarios):
                return f"{describe(self.scenario_added)} is no longer in the project"
            return None
        return self._id_taken(session, self.scenario_added)

    def do(self, session: ProjectSession) -> None:
        session.project.scenarios.append(self.scenario_added)
        self._show(session, self.scenario_added.id)

    def undo(self, session: ProjectSession) -> None:
        session.project.scenarios.remove(self.scenario_added)
        self._show(session, self.previous_current)
