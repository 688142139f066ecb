"""The open project as the GUI sees it: a thin Qt adapter over a :class:`ProjectSession`.

The session (``dlplanner.services.session``, no Qt) owns the project, where it is stored, the
history of edits, validation and saving. The document turns what the session reports into
signals (``changed`` with what kind of thing changed, so views refresh only what they show),
keeps the Qt undo stack in step with the session's history (every command on ``undo_stack`` is
an :class:`~dlplanner.qt.commands.EditCommand` running one session edit), and caches what the
board needs per timetable (conflicts, names).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from dlplanner.domain import Advisory, Project, Scenario, TeacherTeam
from dlplanner.domain.checker import Violation
from dlplanner.domain.editing import PlacementKey, TimetableIndex, timetable_conflicts
from dlplanner.services.district import DistrictSession
from dlplanner.services.edits import BLOCKS, DATA, PROJECT, SCENARIO, TIMETABLE
from dlplanner.services.session import ProjectSession
from dlplanner.services.timetable_status import TimetableStatus, timetable_status

__all__ = ["BLOCKS", "DATA", "PROJECT", "SCENARIO", "TIMETABLE", "Document"]


class Document(QObject):
    """One open project (or none), its current scenario and its history of edits."""

    changed = Signal(str)  # DATA, TIMETABLE, BLOCKS, SCENARIO or PROJECT
    problems_changed = Signal()
    selection_requested = Signal(str, str)  # record kind, id: "show me this record"
    card_selected = Signal(object)  # PlacementKey or None
    undo_refused = Signal(str)  # an undo/redo whose record was replaced underneath: the message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = ProjectSession()
        self.undo_stack = QUndoStack(self)
        self.problems: list = []
        self._conflicts: dict[PlacementKey, list[Violation]] | None = None
        self._index: TimetableIndex | None = None
        self._names: dict[tuple[str, str], str] | None = None
        self._statuses: dict[int, TimetableStatus] = {}  # id(scenario) -> its checked status
        self.changed.connect(self._forget_conflicts)  # connected first: views read fresh conflicts
        self._validate_timer = QTimer(self, singleShot=True, interval=250)
        self._validate_timer.timeout.connect(self.revalidate)
        self.changed.connect(lambda _kind: self._validate_timer.start())
        self._quiet = False  # set while the session is replaced: one PROJECT signal at the end
        self.session.subscribe(self._session_changed)

    def _session_changed(self, kind: str) -> None:
        if not self._quiet:
            self.changed.emit(kind)

    # -- the session's state, as the views read it ----------------------------------------------------
    @property
    def project(self) -> Project | None:
        return self.session.project

    @property
    def location(self) -> str | None:
        return self.session.location

    @property
    def scenario_id(self) -> str | None:
        return self.session.scenario_id

    @scenario_id.setter
    def scenario_id(self, value: str | None) -> None:
        self.session.scenario_id = value

    @property
    def generation(self) -> int:
        return self.session.generation

    @property
    def scenario(self) -> Scenario | None:
        return self.session.scenario

    def set_project(
        self, project: Project | None, location: str | None, tracker: DistrictSession | None = None
    ) -> None:
        self.undo_stack.clear()  # before the session's history: clearing runs no command
        self._names = None
        self._quiet = True
        try:
            self.session.set_project(project, location, tracker)
        finally:
            self._quiet = False
        self.undo_stack.setClean()
        self.changed.emit(PROJECT)
        self.revalidate()

    def take_in(self, project: Project) -> None:
        """Show ``project`` after pieces of it were replaced from outside (district Refresh or
        Reload), keeping the undo history: each undo and redo then checks its own targets first
        (see ``ProjectSession.undo``). The current scenario stays chosen while it exists."""
        self._names = None
        self.session.take_in(project)  # emits PROJECT
        self.revalidate()

    def live_objects(self) -> set[int]:
        return self.session.live_objects()

    def set_scenario(self, scenario_id: str) -> None:
        self.session.set_scenario(scenario_id)

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def revalidate(self) -> None:
        """Run pre-solve validation for the current scenario (cheap enough to run after each edit)."""
        self._validate_timer.stop()
        try:
            self.problems = self.session.validate()
        except Exception:  # a validation bug must not take the editor down
            self.problems = []
            logging.getLogger(__name__).exception("pre-solve validation failed")
        self.problems_changed.emit()

    def _forget_conflicts(self, kind: str = "") -> None:
        self._conflicts = self._index = None
        self._statuses = {}
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

    def timetable_status(self, scenario: Scenario | None = None) -> TimetableStatus | None:
        """A scenario's (default: the current one's) status as the independent checker judges its
        timetable ("breaks 2 hard rules"), computed once per change of the project."""
        scenario = scenario or self.scenario
        if scenario is None or self.project is None:
            return None
        if id(scenario) not in self._statuses:
            self._statuses[id(scenario)] = timetable_status(self.project, scenario)
        return self._statuses[id(scenario)]

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
            "student": project.students,
        }
        return pools.get(kind, [])

    def name_of(self, kind: str, record_id: str) -> str:
        """A record's display name for lists of ids (falls back to the id)."""
        if self._names is None:
            kinds = ("teacher", "room", "cohort", "subject", "campus", "team", "advisory", "student")
            self._names = {(k, r.id): r.name for k in kinds for r in self.records_of(k)}
        return self._names.get((kind, record_id), record_id)

    def advisor_name(self, advisory: Advisory) -> str:
        """An advisory's advisor for tables and the board: the name, "chosen: name" when the current
        scenario's solver chose it, or "(the solver chooses)" before a solve."""
        if advisory.advisor_id:
            return self.name_of("teacher", advisory.advisor_id)
        chosen = self.scenario.solution.advisors.get(advisory.id) if self.scenario is not None else None
        return f"chosen: {self.name_of('teacher', chosen)}" if chosen else "(the solver chooses)"

    def team_pool_text(self, team: TeacherTeam) -> str:
        """A team's cohort pool for the teams table: the pool's names, then what the current scenario's
        solver chose from it ("chosen: …"), or that the solver will choose, when the team takes any."""
        pool = ", ".join(self.name_of("cohort", c) for c in team.cohort_pool)
        if team.cohorts_needed <= 0:
            return pool
        chosen = self.scenario.solution.team_cohorts.get(team.id) if self.scenario is not None else None
        taken = f"chosen: {', '.join(self.name_of('cohort', c) for c in chosen)}" if chosen else "the solver chooses"
        return f"{pool} ({taken})" if pool else taken

    def select_card(self, key: PlacementKey | None) -> None:
        self.card_selected.emit(key)
