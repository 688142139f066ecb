"""Undoable edits: each QUndoCommand calls one operation of ``dlplanner.domain.editing`` and its inverse."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from dlplanner.domain import BellSchedule, Block, DayType, Placement, Scenario, Solution
from dlplanner.domain import editing as ops
from dlplanner.domain.editing import PlacementKey, Target
from dlplanner.qt.document import BLOCKS, DATA, SCENARIO, TIMETABLE, Document
from dlplanner.services import scenarios


class _Command(QUndoCommand):
    kind = DATA

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(text)
        self.document = document

    def _notify(self) -> None:
        self.document.changed.emit(self.kind)


class SetFieldCommand(_Command):
    """Change one field of a record (inline table edit); data edits make the solution stale."""

    def __init__(self, document: Document, record: Any, name: str, value: Any, scenario: Scenario | None) -> None:
        super().__init__(document, f"Edit {name.replace('_', ' ')} of {getattr(record, 'name', '') or record.id}")
        self.record, self.name, self.value, self.scenario = record, name, value, scenario
        self.old: Any = None
        self.old_stale = False

    def redo(self) -> None:
        self.old = ops.set_field(self.record, self.name, self.value)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def undo(self) -> None:
        ops.set_field(self.record, self.name, self.old)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


class InsertRecordCommand(_Command):
    def __init__(self, document: Document, records: list, index: int, record: Any, scenario: Scenario | None) -> None:
        super().__init__(document, f"Add {type(record).__name__.lower()} {record.id}")
        self.records, self.index, self.record, self.scenario = records, index, record, scenario
        self.old_stale = False

    def redo(self) -> None:
        ops.insert_record(self.records, self.index, self.record)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def undo(self) -> None:
        ops.remove_record(self.records, self.index)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


class RemoveRecordCommand(_Command):
    def __init__(self, document: Document, records: list, index: int, scenario: Scenario | None) -> None:
        record = records[index]
        super().__init__(document, f"Remove {type(record).__name__.lower()} {getattr(record, 'name', record.id)}")
        self.records, self.index, self.scenario = records, index, scenario
        self.record: Any = None
        self.old_stale = False

    def redo(self) -> None:
        self.record = ops.remove_record(self.records, self.index)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def undo(self) -> None:
        ops.insert_record(self.records, self.index, self.record)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


class MoveCommand(_Command):
    """A card dragged to a new day, time or room, or to another teacher (who then takes every meeting)."""

    kind = TIMETABLE

    def __init__(self, document: Document, scenario: Scenario, key: PlacementKey, target: Target, label: str) -> None:
        super().__init__(document, f"Move {label}")
        self.scenario, self.key, self.target = scenario, key, target
        self.old: list[Placement] = []

    def redo(self) -> None:
        self.old = ops.move_meeting(self.scenario, self.key, self.target)
        self._notify()

    def undo(self) -> None:
        ops.restore_placements(self.scenario, self.old)
        self._notify()


class PlaceCommand(_Command):
    """An unscheduled meeting put on the board."""

    kind = TIMETABLE

    def __init__(
        self, document: Document, scenario: Scenario, key: PlacementKey, target: Target, teachers: list[str], label: str
    ) -> None:
        super().__init__(document, f"Place {label}")
        self.scenario, self.key, self.target, self.teachers = scenario, key, target, teachers

    def redo(self) -> None:
        ops.place_meeting(self.scenario, self.key[0], self.key[1], self.target, list(self.teachers))
        self._notify()

    def undo(self) -> None:
        ops.replace_placement(self.scenario, self.key, None)
        self._notify()


class UnscheduleCommand(_Command):
    """Cards taken off the board into the unscheduled tray."""

    kind = TIMETABLE

    def __init__(self, document: Document, scenario: Scenario, keys: list[PlacementKey]) -> None:
        super().__init__(document, f"Unschedule {len(keys)} meeting(s)")
        self.scenario, self.keys = scenario, keys
        self.removed: list[Placement] = []

    def redo(self) -> None:
        self.removed = ops.unschedule(self.scenario, self.keys)
        self._notify()

    def undo(self) -> None:
        for placement in self.removed:
            ops.replace_placement(self.scenario, ops.key_of(placement), placement)
        self._notify()


class PinCommand(_Command):
    kind = TIMETABLE

    def __init__(self, document: Document, scenario: Scenario, keys: list[PlacementKey], pinned: bool) -> None:
        super().__init__(document, f"{'Pin' if pinned else 'Unpin'} {len(keys)} meeting(s)")
        self.scenario, self.keys, self.pinned = scenario, keys, pinned
        self.old: dict[PlacementKey, bool] = {}

    def redo(self) -> None:
        self.old = {key: ops.set_pinned(self.scenario, key, self.pinned) for key in self.keys}
        self._notify()

    def undo(self) -> None:
        for key, was in self.old.items():
            ops.set_pinned(self.scenario, key, was)
        self._notify()


class ApplySolutionCommand(_Command):
    """A solver result becomes the timetable, as one undoable step."""

    kind = TIMETABLE

    def __init__(self, document: Document, scenario: Scenario, solution: Solution) -> None:
        super().__init__(document, f"Apply solver result ({solution.status.value})")
        self.scenario, self.solution = scenario, solution
        self.old: Solution | None = None

    def redo(self) -> None:
        self.old = ops.apply_solution(self.scenario, self.solution)
        self._notify()

    def undo(self) -> None:
        if self.old is not None:
            ops.apply_solution(self.scenario, self.old)
        self._notify()


class _BellCommand(_Command):
    """A bell-schedule change: meetings that no longer fit go to the tray, and come back on undo."""

    kind = BLOCKS

    def __init__(self, document: Document, scenario: Scenario, text: str) -> None:
        super().__init__(document, text)
        self.scenario = scenario
        self.unscheduled: list[Placement] = []
        self.old_stale = False

    def _apply(self) -> None:
        raise NotImplementedError

    def _revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._apply()
        self.unscheduled = ops.unschedule(self.scenario, [ops.key_of(p) for p in ops.misfits(self.scenario)])
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def undo(self) -> None:
        self._revert()
        for placement in self.unscheduled:
            ops.replace_placement(self.scenario, ops.key_of(placement), placement)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


class BlocksCommand(_BellCommand):
    """New blocks for a bell schedule (designer edit or template)."""

    def __init__(
        self, document: Document, scenario: Scenario, schedule: BellSchedule, blocks: list[Block], text: str
    ) -> None:
        super().__init__(document, scenario, text)
        self.schedule, self.blocks = schedule, blocks
        self.old: list[Block] = []

    def _apply(self) -> None:
        self.old = ops.replace_blocks(self.schedule, self.blocks)

    def _revert(self) -> None:
        ops.replace_blocks(self.schedule, self.old)


class DayScheduleCommand(_BellCommand):
    """A day type follows another bell schedule."""

    def __init__(self, document: Document, scenario: Scenario, day_type: DayType, schedule_id: str) -> None:
        super().__init__(document, scenario, f"{day_type.name} follows another bell schedule")
        self.day_type, self.schedule_id = day_type, schedule_id
        self.old = day_type.bell_schedule_id

    def _apply(self) -> None:
        self.old = ops.set_field(self.day_type, "bell_schedule_id", self.schedule_id)

    def _revert(self) -> None:
        ops.set_field(self.day_type, "bell_schedule_id", self.old)


class RemoveDayTypeCommand(_Command):
    """A day type taken out of the cycle; its meetings go to the unscheduled tray and come back on undo.

    Building the command makes the checks (raises EditError naming what still uses the day type).
    """

    kind = BLOCKS

    def __init__(self, document: Document, scenario: Scenario, day_type: DayType) -> None:
        super().__init__(document, f"Remove day type {day_type.name}")
        self.scenario, self.day_type = scenario, day_type
        refusal = ops.day_type_removal_refusal(document.project, scenario, day_type.id)
        if refusal is not None:
            raise ops.EditError(refusal)
        self.index, self.removed = 0, []
        self.old_stale = False

    def redo(self) -> None:
        self.index, _, self.removed = ops.remove_day_type(self.document.project, self.scenario, self.day_type.id)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def undo(self) -> None:
        ops.restore_day_type(self.scenario, self.index, self.day_type, self.removed)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


# -- scenarios ---------------------------------------------------------------------------------------


class _ScenarioListCommand(QUndoCommand):
    """Scenario list edits through ``services.scenarios``; the undo restores the list and the current scenario."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.previous_current = document.scenario_id

    def _show(self, scenario_id: str | None) -> None:
        project = self.document.project
        if project is not None and all(s.id != scenario_id for s in project.scenarios):
            scenario_id = project.scenarios[0].id if project.scenarios else None
        self.document.scenario_id = scenario_id
        self.document.changed.emit(SCENARIO)


class CopyScenarioCommand(_ScenarioListCommand):
    """A copy of a scenario (with or without its timetable), shown as the current scenario."""

    def __init__(self, document: Document, key: str, name: str | None, with_solution: bool) -> None:
        super().__init__(document, "Copy scenario")
        self.clone = scenarios.copy_scenario(document.project, key, name, with_solution=with_solution)
        document.project.scenarios.remove(self.clone)  # added back by redo
        self.setText(f"Copy scenario as {self.clone.name}")

    def redo(self) -> None:
        self.document.project.scenarios.append(self.clone)
        self._show(self.clone.id)

    def undo(self) -> None:
        self.document.project.scenarios.remove(self.clone)
        self._show(self.previous_current)


class RenameScenarioCommand(_ScenarioListCommand):
    def __init__(self, document: Document, key: str, new_name: str) -> None:
        super().__init__(document, "Rename scenario")
        self.scenario = document.project.scenario(key)
        self.old_name = self.scenario.name
        scenarios.rename_scenario(document.project, key, new_name)  # checks the name (raises ServiceError)
        self.new_name = self.scenario.name
        self.scenario.name = self.old_name
        self.setText(f"Rename scenario {self.old_name} to {self.new_name}")

    def redo(self) -> None:
        self.scenario.name = self.new_name
        self._show(self.document.scenario_id)

    def undo(self) -> None:
        self.scenario.name = self.old_name
        self._show(self.document.scenario_id)


class DeleteScenarioCommand(_ScenarioListCommand):
    """Delete a scenario (never the last one: the service refuses)."""

    def __init__(self, document: Document, key: str) -> None:
        super().__init__(document, "Delete scenario")
        project = document.project
        self.scenario = project.scenario(key)
        self.index = project.scenarios.index(self.scenario)
        scenarios.delete_scenario(project, key)  # raises ServiceError for the last scenario
        project.scenarios.insert(self.index, self.scenario)
        self.setText(f"Delete scenario {self.scenario.name}")

    def redo(self) -> None:
        self.document.project.scenarios.remove(self.scenario)
        neighbours = self.document.project.scenarios
        current = self.document.scenario_id
        if current == self.scenario.id:
            current = neighbours[min(self.index, len(neighbours) - 1)].id
        self._show(current)

    def undo(self) -> None:
        self.document.project.scenarios.insert(self.index, self.scenario)
        self._show(self.previous_current)
