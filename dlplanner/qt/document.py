"""The open project as the GUI sees it: the domain objects, where they live, the undo stack, problems.

Every widget reads the project from here and changes it only by pushing commands onto
``undo_stack``; the document then emits ``changed`` with what kind of thing changed so views
refresh only what they show.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from dlplanner.domain import Project, Scenario
from dlplanner.domain.checker import Violation
from dlplanner.domain.editing import PlacementKey, TimetableIndex, timetable_conflicts
from dlplanner.domain.validation import validate

DATA, TIMETABLE, BLOCKS, SCENARIO, PROJECT = "data", "timetable", "blocks", "scenario", "project"


class Document(QObject):
    """One open project (or none), its current scenario and its history of edits."""

    changed = Signal(str)  # DATA, TIMETABLE, BLOCKS, SCENARIO or PROJECT
    problems_changed = Signal()
    selection_requested = Signal(str, str)  # record kind, id: "show me this record"
    card_selected = Signal(object)  # PlacementKey or None
    undo_refused = Signal(str)  # an undo/redo whose record was replaced underneath: the message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.location: str | None = None
        self.scenario_id: str | None = None
        self.undo_stack = QUndoStack(self)
        self.generation = 0  # moves on whenever pieces of the project are replaced from outside
        self.problems: list = []
        self._conflicts: dict[PlacementKey, list[Violation]] | None = None
        self._index: TimetableIndex | None = None
        self._names: dict[tuple[str, str], str] | None = None
        self.changed.connect(self._forget_conflicts)  # connected first: views read fresh conflicts
        self._validate_timer = QTimer(self, singleShot=True, interval=250)
        self._validate_timer.timeout.connect(self.revalidate)
        self.changed.connect(lambda _kind: self._validate_timer.start())

    @property
    def scenario(self) -> Scenario | None:
        if self.project is None or self.scenario_id is None:
            return None
        return next((s for s in self.project.scenarios if s.id == self.scenario_id), None)

    def set_project(self, project: Project | None, location: str | None) -> None:
        self.project, self.location = project, location
        self._names = None
        self.scenario_id = project.scenarios[0].id if project and project.scenarios else None
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.changed.emit(PROJECT)
        self.revalidate()

    def take_in(self, project: Project) -> None:
        """Show ``project`` after pieces of it were replaced from outside (district Refresh or
        Reload), keeping the undo history: each undo and redo then checks its own targets first
        (see ``dlplanner.qt.commands``). The current scenario stays chosen while it exists."""
        current = self.scenario_id
        self.project = project
        self.generation += 1
        self._names = None
        ids = [s.id for s in project.scenarios]
        self.scenario_id = current if current in ids else (ids[0] if ids else None)
        self.changed.emit(PROJECT)
        self.revalidate()

    def live_objects(self) -> set[int]:
        """The ``id()`` of every record, list and scenario in the project now (what an undo may still edit)."""
        seen: set[int] = set()
        pending: list[object] = [self.project] if self.project is not None else []
        while pending:
            item = pending.pop()
            if id(item) in seen:
                continue
            if dataclasses.is_dataclass(item) and not isinstance(item, type):
                seen.add(id(item))
                pending.extend(getattr(item, f.name) for f in dataclasses.fields(item))
            elif isinstance(item, list | tuple | set | frozenset):
                seen.add(id(item))
                pending.extend(item)
            elif isinstance(item, dict):
                seen.add(id(item))
                pending.extend(item.values())
        return seen

    def set_scenario(self, scenario_id: str) -> None:
        if scenario_id != self.scenario_id:
            self.scenario_id = scenario_id
            self.changed.emit(SCENARIO)

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def revalidate(self) -> None:
        """Run pre-solve validation for the current scenario (cheap enough to run after each edit)."""
        self._validate_timer.stop()
        if self.project is None:
            self.problems = []
        else:
            try:
                self.problems = validate(self.project, self.scenario)
            except Exception:  # a validation bug must not take the editor down
                self.problems = []
                logging.getLogger(__name__).exception("pre-solve validation failed")
        self.problems_changed.emit()

    def _forget_conflicts(self, kind: str = "") -> None:
        self._conflicts = self._index = None
        if kind != TIMETABLE:
            self._names = None  # names change with data edits, never with card moves

    def index(self) -> TimetableIndex | None:
        """The current timetable indexed for conflict checks (built once per timetable change)."""
        if self._index is None and self.project is not None and self.scenario is not None:
            self._index = TimetableIndex(self.project, self.scenario, self.scenario.solution.placements)
        return self._index

    def conflicts(self) -> dict[PlacementKey, list[Violation]]:
        """Each placed meeting's broken hard rules where it stands (computed once per timetable change)."""
        if self._conflicts is None:
            index = self.index()
            self._conflicts = timetable_conflicts(self.project, self.scenario, index) if index else {}
        return self._conflicts

    def problems_for(self, kind: str, record_id: str) -> list:
        return [p for p in self.problems if any(r.kind == kind and r.id == record_id for r in p.records)]

    def records_of(self, kind: str) -> list:
        """The project's records of one kind ("teacher", "room", "cohort" ...), for names and choices."""
        project = self.project
        if project is None:
            return []
        pools = {
            "teacher": project.teachers,
            "room": project.rooms,
            "cohort": project.cohorts,
            "subject": project.subjects,
            "campus": project.campuses,
            "team": project.teams,
            "advisory": project.advisories,
        }
        return pools.get(kind, [])

    def name_of(self, kind: str, record_id: str) -> str:
        """A record's display name for lists of ids (falls back to the id)."""
        if self._names is None:
            kinds = ("teacher", "room", "cohort", "subject", "campus", "team", "advisory")
            self._names = {(k, r.id): r.name for k in kinds for r in self.records_of(k)}
        return self._names.get((kind, record_id), record_id)

    def select_card(self, key: PlacementKey | None) -> None:
        self.card_selected.emit(key)
