"""Undoable edits in the GUI: each QUndoCommand runs one edit of the project session.

The edits themselves (``dlplanner.services.edits``, no Qt) call the domain operations and know
what they touch; the session keeps their history and refuses an undo or redo whose records were
replaced underneath by a district Refresh or Reload. A command only keeps Qt's undo stack (menu
texts, shortcuts, the "unsaved" mark) in step with the session's history: when the session
refuses a step, the command is made obsolete, so the stack drops it too, and the document says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from dlplanner.domain import BellSchedule, Block, DayType, Scenario, Solution
from dlplanner.domain.editing import PlacementKey, Target
from dlplanner.qt.document import Document
from dlplanner.services import edits
from dlplanner.services.edits import describe

__all__ = [
    "ApplySolutionCommand",
    "BlocksCommand",
    "CopyScenarioCommand",
    "DayScheduleCommand",
    "DeleteScenarioCommand",
    "EditCommand",
    "InsertRecordCommand",
    "MoveCommand",
    "PinCommand",
    "PlaceCommand",
    "RemoveDayTypeCommand",
    "RemoveRecordCommand",
    "RenameScenarioCommand",
    "SetFieldCommand",
    "UnscheduleCommand",
    "describe",
]


class EditCommand(QUndoCommand):
    """One session edit on Qt's undo stack: the first redo applies it, later ones redo it, undo undoes it."""

    def __init__(self, document: Document, edit: edits.Edit) -> None:
        super().__init__(edit.text)
        self.document, self.edit = document, edit
        self._applied = False

    def redo(self) -> None:
        if not self._applied:
            self._applied = True
            try:
                self.document.session.apply(self.edit)
            except Exception:
                self.setObsolete(True)  # not done, so not kept: the stack stays in step with the session
                raise
            return
        self._refused(self.document.session.redo(self.edit))

    def undo(self) -> None:
        self._refused(self.document.session.undo(self.edit))

    def _refused(self, message: str | None) -> None:
        if message is not None:
            self.setObsolete(True)  # QUndoStack drops it after this call, as the session did
            self.document.undo_refused.emit(message)


class SetFieldCommand(EditCommand):
    def __init__(self, document: Document, record: Any, name: str, value: Any, scenario: Scenario | None) -> None:
        super().__init__(document, edits.SetField(record, name, value, scenario))


class InsertRecordCommand(EditCommand):
    def __init__(self, document: Document, records: list, index: int, record: Any, scenario: Scenario | None) -> None:
        super().__init__(document, edits.InsertRecord(records, index, record, scenario))


class RemoveRecordCommand(EditCommand):
    def __init__(self, document: Document, records: list, index: int, scenario: Scenario | None) -> None:
        super().__init__(document, edits.RemoveRecord(records, index, scenario))


class MoveCommand(EditCommand):
    def __init__(self, document: Document, scenario: Scenario, key: PlacementKey, target: Target, label: str) -> None:
        super().__init__(document, edits.MoveMeeting(scenario, key, target, label))


class PlaceCommand(EditCommand):
    def __init__(
        self, document: Document, scenario: Scenario, key: PlacementKey, target: Target, teachers: list[str], label: str
    ) -> None:
        super().__init__(document, edits.PlaceMeeting(scenario, key, target, teachers, label))


class UnscheduleCommand(EditCommand):
    def __init__(self, document: Document, scenario: Scenario, keys: list[PlacementKey]) -> None:
        super().__init__(document, edits.Unschedule(scenario, keys))


class PinCommand(EditCommand):
    def __init__(self, document: Document, scenario: Scenario, keys: list[PlacementKey], pinned: bool) -> None:
        super().__init__(document, edits.Pin(scenario, keys, pinned))


class ApplySolutionCommand(EditCommand):
    def __init__(self, document: Document, scenario: Scenario, solution: Solution) -> None:
        super().__init__(document, edits.ApplySolution(scenario, solution))


class BlocksCommand(EditCommand):
    def __init__(
        self, document: Document, scenario: Scenario, schedule: BellSchedule, blocks: list[Block], text: str
    ) -> None:
        super().__init__(document, edits.ReplaceBlocks(scenario, schedule, blocks, text))


class DayScheduleCommand(EditCommand):
    def __init__(self, document: Document, scenario: Scenario, day_type: DayType, schedule_id: str) -> None:
        super().__init__(document, edits.SetDaySchedule(scenario, day_type, schedule_id))


class RemoveDayTypeCommand(EditCommand):
    """Building it makes the checks (raises EditError naming what still uses the day type)."""

    def __init__(self, document: Document, scenario: Scenario, day_type: DayType) -> None:
        super().__init__(document, edits.RemoveDayType(document.session, scenario, day_type))


class CopyScenarioCommand(EditCommand):
    def __init__(self, document: Document, key: str, name: str | None, with_solution: bool) -> None:
        super().__init__(document, edits.CopyScenario(document.session, key, name, with_solution))


class RenameScenarioCommand(EditCommand):
    def __init__(self, document: Document, key: str, new_name: str) -> None:
        super().__init__(document, edits.RenameScenario(document.session, key, new_name))


class DeleteScenarioCommand(EditCommand):
    def __init__(self, document: Document, key: str) -> None:
        super().__init__(document, edits.DeleteScenario(document.session, key))
