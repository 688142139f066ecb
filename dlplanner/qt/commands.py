"""Undoable edits: each QUndoCommand calls one operation of ``dlplanner.domain.editing`` and its inverse.

Commands hold the very objects they edit. In district mode a Refresh or a conflict's "Reload"
replaces whole pieces of the project (a scenario, or the people, rooms and groups) with the
versions other planners saved, and the undo history is kept. So once pieces were replaced
(``Document.generation`` moved on), an undo or redo first checks that everything it would touch
is still part of the project, and that it would not bring back a scenario id that exists again.
If not, nothing is changed: the step is refused with a message naming the record, and dropped
from the history, because it can never apply again.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtGui import QUndoCommand

from dlplanner.domain import BellSchedule, Block, DayType, Placement, Scenario, Solution
from dlplanner.domain import editing as ops
from dlplanner.domain.editing import PlacementKey, Target
from dlplanner.qt.document import BLOCKS, DATA, SCENARIO, TIMETABLE, Document
from dlplanner.services import scenarios


def describe(record: Any) -> str:
    """How a refusal names a record: ``teacher 'Ms Lee'``, ``scenario 'A/B block'``, ``bell schedule 'Regular'``."""
    kind = re.sub(r"(?<!^)(?=[A-Z])", " ", type(record).__name__).lower()
    return f"{kind} '{getattr(record, 'name', '') or getattr(record, 'id', '?')}'"


class GuardedCommand(QUndoCommand):
    """An edit whose undo and redo are refused once what it edits has been replaced underneath."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.generation = document.generation  # pieces were last replaced before this edit

    def targets(self) -> list[tuple[Any, str]]:
        """The objects this edit changes, each with how to name it, that must still be in the project."""
        return []

    def clash(self, undoing: bool) -> str | None:
        """Why running now would damage the project even though every target is there (None: it would not)."""
        return None

    def _refusal(self, undoing: bool) -> str | None:
        if self.generation == self.document.generation:
            return None  # nothing was replaced since this step last ran: the usual case, no cost
        live = self.document.live_objects()
        for target, name in self.targets():
            if id(target) not in live:
                return f"{name} was replaced by the version another planner saved (taken in by Refresh or Reload)"
        reason = self.clash(undoing)
        if reason is None:
            self.generation = self.document.generation  # still applies: no need to look again
        return reason

    def _guarded(self, undoing: bool) -> bool:
        reason = self._refusal(undoing)
        if reason is None:
            return True
        self.setObsolete(True)  # QUndoStack drops it after this call: it can never apply again
        verb = "undo" if undoing else "redo"
        self.document.undo_refused.emit(
            f"Cannot {verb} '{self.text()}': {reason}. Nothing was changed; the step was removed from the history."
        )
        return False

    def redo(self) -> None:
        if self._guarded(undoing=False):
            self._redo()

    def undo(self) -> None:
        if self._guarded(undoing=True):
            self._undo()

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class _Command(GuardedCommand):
    """An edit of one scenario (``scenario``), or of a record (see the record commands' ``targets``)."""

    kind = DATA
    scenario: Scenario | None = None

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.scenario, describe(self.scenario))] if self.scenario is not None else []

    def _notify(self) -> None:
        self.document.changed.emit(self.kind)


class SetFieldCommand(_Command):
    """Change one field of a record (inline table edit); data edits make the solution stale.

    Only the record must still be in the project: a record inside a replaced scenario is replaced
    with it, while a teacher, room or group edit stays undoable when the scenario that was shown
    was replaced (its "timetable may be stale" mark then goes with the old copy).
    """

    def __init__(self, document: Document, record: Any, name: str, value: Any, scenario: Scenario | None) -> None:
        super().__init__(document, f"Edit {name.replace('_', ' ')} of {getattr(record, 'name', '') or record.id}")
        self.record, self.name, self.value, self.scenario = record, name, value, scenario
        self.old: Any = None
        self.old_stale = False

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.record, describe(self.record))]

    def _redo(self) -> None:
        self.old = ops.set_field(self.record, self.name, self.value)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def _undo(self) -> None:
        ops.set_field(self.record, self.name, self.old)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


class InsertRecordCommand(_Command):
    def __init__(self, document: Document, records: list, index: int, record: Any, scenario: Scenario | None) -> None:
        super().__init__(document, f"Add {type(record).__name__.lower()} {record.id}")
        self.records, self.index, self.record, self.scenario = records, index, record, scenario
        self.old_stale = False

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.records, f"the list holding {describe(self.record)}")]

    def _redo(self) -> None:
        ops.insert_record(self.records, self.index, self.record)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def _undo(self) -> None:
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
        self.name = describe(record)

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.records, f"the list holding {self.name}")]

    def _redo(self) -> None:
        self.record = ops.remove_record(self.records, self.index)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def _undo(self) -> None:
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

    def _redo(self) -> None:
        self.old = ops.move_meeting(self.scenario, self.key, self.target)
        self._notify()

    def _undo(self) -> None:
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

    def _redo(self) -> None:
        ops.place_meeting(self.scenario, self.key[0], self.key[1], self.target, list(self.teachers))
        self._notify()

    def _undo(self) -> None:
        ops.replace_placement(self.scenario, self.key, None)
        self._notify()


class UnscheduleCommand(_Command):
    """Cards taken off the board into the unscheduled tray."""

    kind = TIMETABLE

    def __init__(self, document: Document, scenario: Scenario, keys: list[PlacementKey]) -> None:
        super().__init__(document, f"Unschedule {len(keys)} meeting(s)")
        self.scenario, self.keys = scenario, keys
        self.removed: list[Placement] = []

    def _redo(self) -> None:
        self.removed = ops.unschedule(self.scenario, self.keys)
        self._notify()

    def _undo(self) -> None:
        for placement in self.removed:
            ops.replace_placement(self.scenario, ops.key_of(placement), placement)
        self._notify()


class PinCommand(_Command):
    kind = TIMETABLE

    def __init__(self, document: Document, scenario: Scenario, keys: list[PlacementKey], pinned: bool) -> None:
        super().__init__(document, f"{'Pin' if pinned else 'Unpin'} {len(keys)} meeting(s)")
        self.scenario, self.keys, self.pinned = scenario, keys, pinned
        self.old: dict[PlacementKey, bool] = {}

    def _redo(self) -> None:
        self.old = {key: ops.set_pinned(self.scenario, key, self.pinned) for key in self.keys}
        self._notify()

    def _undo(self) -> None:
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

    def _redo(self) -> None:
        self.old = ops.apply_solution(self.scenario, self.solution)
        self._notify()

    def _undo(self) -> None:
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

    def _redo(self) -> None:
        self._apply()
        self.unscheduled = ops.unschedule(self.scenario, [ops.key_of(p) for p in ops.misfits(self.scenario)])
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def _undo(self) -> None:
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

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.schedule, describe(self.schedule)), *super().targets()]

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

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.day_type, describe(self.day_type)), *super().targets()]

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

    def _redo(self) -> None:
        self.index, _, self.removed = ops.remove_day_type(self.document.project, self.scenario, self.day_type.id)
        self.old_stale = ops.mark_stale(self.scenario)
        self._notify()

    def _undo(self) -> None:
        ops.restore_day_type(self.scenario, self.index, self.day_type, self.removed)
        ops.mark_stale(self.scenario, self.old_stale)
        self._notify()


# -- scenarios ---------------------------------------------------------------------------------------


class _ScenarioListCommand(GuardedCommand):
    """Scenario list edits through ``services.scenarios``; the undo restores the list and the current scenario."""

    def __init__(self, document: Document, text: str) -> None:
        super().__init__(document, text)
        self.previous_current = document.scenario_id

    def _id_taken(self, scenario: Scenario) -> str | None:
        """A refusal when another scenario with ``scenario``'s id is in the project now (taken in meanwhile)."""
        project = self.document.project
        if project is not None and any(s.id == scenario.id and s is not scenario for s in project.scenarios):
            return (
                f"{describe(scenario)} would come back beside the scenario with the same id '{scenario.id}' "
                "another planner saved (taken in by Refresh or Reload)"
            )
        return None

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

    def targets(self) -> list[tuple[Any, str]]:
        return []  # undo: the copy must be there (checked below); redo: it must not

    def clash(self, undoing: bool) -> str | None:
        if undoing:
            if self.document.project is None or all(s is not self.clone for s in self.document.project.scenarios):
                return f"{describe(self.clone)} is no longer in the project"
            return None
        return self._id_taken(self.clone)

    def _redo(self) -> None:
        self.document.project.scenarios.append(self.clone)
        self._show(self.clone.id)

    def _undo(self) -> None:
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

    def targets(self) -> list[tuple[Any, str]]:
        return [(self.scenario, f"scenario '{self.scenario.name}'")]

    def _redo(self) -> None:
        self.scenario.name = self.new_name
        self._show(self.document.scenario_id)

    def _undo(self) -> None:
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

    def targets(self) -> list[tuple[Any, str]]:
        return []  # redo: the scenario must be there (checked below); undo: it must not

    def clash(self, undoing: bool) -> str | None:
        if undoing:
            return self._id_taken(self.scenario)
        if self.document.project is None or all(s is not self.scenario for s in self.document.project.scenarios):
            return f"{describe(self.scenario)} is no longer in the project"
        return None

    def _redo(self) -> None:
        self.document.project.scenarios.remove(self.scenario)
        neighbours = self.document.project.scenarios
        current = self.document.scenario_id
        if current == self.scenario.id:
            current = neighbours[min(self.index, len(neighbours) - 1)].id
        self._show(current)

    def _undo(self) -> None:
        self.document.project.scenarios.insert(self.index, self.scenario)
        self._show(self.previous_current)
