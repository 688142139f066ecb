"""The open project, without Qt: where it is stored, its edit history, its problems, and ONE save.

A :class:`ProjectSession` is what both front ends work on. The desktop app's ``Document`` is a
thin Qt adapter over one (it turns :meth:`ProjectSession.subscribe` calls into signals and each
:class:`~dlplanner.services.edits.Edit` into a QUndoCommand); the command line opens one, applies
edits or runs a service on ``session.project``, and saves::

    session = ProjectSession.open("school.dlp")          # or a district database URL
    session.apply(edits.SetField(teacher, "name", "Ms Lee", None))
    session.undo(); session.redo()
    problems = session.validate()
    report = session.save(all_or_nothing=True)           # conflicts listed, nothing overwritten

Saving works the same way for a ``.dlp`` file and a district database: the session remembers the
version of every piece it opened (the people, rooms and groups; each scenario) through a
:class:`~dlplanner.services.district.DistrictSession`, writes only the pieces changed here, and
refuses each piece someone else saved meanwhile (a scenario they added is never deleted either).
All or nothing (one transaction) for a file and for the command line; piece by piece in the GUI's
district mode, where each refused piece becomes a conflict the planner resolves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from dlplanner.domain import Project, Scenario
from dlplanner.domain.validation import validate
from dlplanner.services import district, projects
from dlplanner.services.district import DistrictSession, SaveReport
from dlplanner.services.edits import PROJECT, SCENARIO, Edit
from dlplanner.services.projects import ServiceError
from dlplanner.storage import StorageError

Listener = Callable[[str], None]
T = TypeVar("T")


class SaveConflictError(ServiceError):
    """An all-or-nothing save refused because others saved some of the same pieces: nothing was written."""

    def __init__(self, report: SaveReport) -> None:
        lines = "; ".join(c.message for c in report.conflicts)
        super().__init__(f"Nothing was saved: {lines}")
        self.report = report


class ProjectSession:
    """One open project (or none), its current scenario, its history of edits and where it is saved."""

    def __init__(self, project: Project | None = None, location: str | None = None) -> None:
        self.project: Project | None = None
        self.location: str | None = None
        self.tracker: DistrictSession | None = None  # the stored versions the project is based on
        self.scenario_id: str | None = None
        self.generation = 0  # moves on whenever pieces of the project are replaced from outside
        self.problems: list = []
        self._history: list[Edit] = []
        self._index = 0  # edits before it are done, from it on undone (redoable)
        self._clean: int | None = 0  # the history index that matches the stored project (None: none does)
        self._listeners: list[Listener] = []
        if project is not None:
            self.set_project(project, location)

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, location: str, project_name: str | None = None, *, user: str | None = None) -> ProjectSession:
        """The project stored at ``location`` (a ``.dlp`` path or a database URL), with the versions of its pieces."""
        tracker = district.open_for_editing(location, project_name, user)
        session = cls()
        session.set_project(tracker.project, location, tracker)
        return session

    def set_project(
        self, project: Project | None, location: str | None, tracker: DistrictSession | None = None
    ) -> None:
        """Work on ``project`` from now on (history cleared). ``tracker`` holds the stored versions it is
        based on; without one, a project with a location is based on what is stored there now, except
        that each scenario keeps the version it carries (a recovered copy)."""
        if tracker is None and project is not None and location is not None:
            try:
                tracker = district.adopt(location, project)
            except StorageError:  # gone or unreadable now: saving says so (Save As still works)
                tracker = None
        if tracker is not None and tracker.project is not project:
            tracker.project = project
        if self.tracker is not None and self.tracker is not tracker:
            self.tracker.close()
        self.project, self.location, self.tracker = project, location, tracker
        self.release_file()
        self.scenario_id = project.scenarios[0].id if project and project.scenarios else None
        self.clear_history()
        self.notify(PROJECT)

    def take_in(self, project: Project) -> None:
        """Show ``project`` after pieces of it were replaced from outside (district Refresh or Reload),
        keeping the history: each undo and redo then checks its own targets first. The current
        scenario stays chosen while it exists."""
        current = self.scenario_id
        self.project = project
        self.generation += 1
        ids = [s.id for s in project.scenarios]
        self.scenario_id = current if current in ids else (ids[0] if ids else None)
        self.notify(PROJECT)

    def close(self) -> None:
        """Let go of the database connection (the working copy stays usable)."""
        if self.tracker is not None:
            self.tracker.close()

    @property
    def is_district(self) -> bool:
        """Stored in a database server, where several planners save piece by piece."""
        return self.location is not None and projects.is_url(self.location)

    @property
    def scenario(self) -> Scenario | None:
        if self.project is None or self.scenario_id is None:
            return None
        return next((s for s in self.project.scenarios if s.id == self.scenario_id), None)

    def set_scenario(self, scenario_id: str) -> None:
        if scenario_id != self.scenario_id:
            self.scenario_id = scenario_id
            self.notify(SCENARIO)

    # -- what changed ----------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(kind)`` after every change (kind: data, timetable, blocks, scenario or project)."""
        self._listeners.append(listener)

    def notify(self, kind: str) -> None:
        for listener in list(self._listeners):
            listener(kind)

    # -- editing and history ---------------------------------------------------------------------
    def apply(self, edit: Edit) -> str:
        """Run a new edit and put it on the history (undone edits after it are dropped); returns its kind."""
        if self.project is None:
            raise ServiceError("No project is open")
        edit.do(self)
        edit.generation = self.generation
        del self._history[self._index :]
        if self._clean is not None and self._clean > self._index:
            self._clean = None  # the stored state was among the dropped edits: unreachable now
        self._history.append(edit)
        self._index += 1
        self.notify(edit.kind)
        return edit.kind

    def undo(self, expected: Edit | None = None) -> str | None:
        """Undo the last edit; returns why it was refused (then it is dropped from the history), else None."""
        if self._index == 0:
            return None
        at = self._index - 1
        edit = self._history[at]
        self._check_top(edit, expected)
        refusal = self._refusal(edit, undoing=True)
        if refusal is not None:
            self._drop(at)
        else:
            edit.undo(self)
        self._index = at
        if refusal is None:
            self.notify(edit.kind)
        return refusal

    def redo(self, expected: Edit | None = None) -> str | None:
        """Redo the next undone edit; returns why it was refused (then it is dropped from the history), else None."""
        if self._index == len(self._history):
            return None
        at = self._index
        edit = self._history[at]
        self._check_top(edit, expected)
        refusal = self._refusal(edit, undoing=False)
        if refusal is not None:
            self._drop(at)
            return refusal
        edit.do(self)
        self._index += 1
        self.notify(edit.kind)
        return None

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._history)

    @property
    def history(self) -> list[str]:
        """The edits' texts, oldest first (those from ``len(history) - redoable`` on are undone)."""
        return [edit.text for edit in self._history]

    def clear_history(self) -> None:
        self._history.clear()
        self._index = 0
        self._clean = 0

    @property
    def dirty(self) -> bool:
        """Edited since opened or saved (by the history; in district mode also when Refresh left mine unsaved)."""
        return self._clean != self._index

    def mark_clean(self) -> None:
        self._clean = self._index

    def mark_dirty(self) -> None:
        """Unsaved whatever the history says (a sample, a recovered copy, a conflict left unresolved)."""
        self._clean = None

    def _check_top(self, edit: Edit, expected: Edit | None) -> None:
        if expected is not None and edit is not expected:
            raise RuntimeError(f"history out of step: asked to run '{expected.text}', next is '{edit.text}'")

    def _drop(self, at: int) -> None:
        del self._history[at]
        if self._clean is not None and self._clean > at:
            self._clean = None

    def _refusal(self, edit: Edit, *, undoing: bool) -> str | None:
        """Why ``edit`` may not run now (what it edits was replaced underneath), or None."""
        if edit.generation == self.generation:
            return None  # nothing was replaced since this edit last ran: the usual case, no cost
        live = self.live_objects()
        reason = next(
            (
                f"{name} was replaced by the version another planner saved (taken in by Refresh or Reload)"
                for target, name in edit.targets()
                if id(target) not in live
            ),
            None,
        )
        if reason is None:
            reason = edit.clash(self, undoing)
        if reason is None:
            edit.generation = self.generation  # still applies: no need to look again
            return None
        verb = "undo" if undoing else "redo"
        return f"Cannot {verb} '{edit.text}': {reason}. Nothing was changed; the step was removed from the history."

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

    # -- checking --------------------------------------------------------------------------------
    def validate(self) -> list:
        """Pre-solve validation of the current scenario (cheap enough to run after each edit)."""
        self.problems = [] if self.project is None else validate(self.project, self.scenario)
        return self.problems

    # -- saving ----------------------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        """Whether a save would write something (compares with the stored pieces, not the history)."""
        if self.project is None:
            return False
        if self.tracker is None:
            return True
        return self.tracker.has_unsaved_changes()

    def save(self, *, all_or_nothing: bool | None = None) -> SaveReport:
        """Save the pieces changed here where the project is stored, each checked against its version.

        ``all_or_nothing`` (default: for a file yes, for a district database no) writes every
        piece in one transaction or, when any was saved by someone else meanwhile, nothing: the
        report's conflicts say which. Piece by piece, pieces that can be saved are, and refused
        ones are conflicts to resolve (``dlplanner.services.district``). Marked clean when
        nothing is left unsaved.
        """
        if self.project is None:
            raise ServiceError("No project is open")
        if self.location is None:
            raise ServiceError(f"Project '{self.project.name}' was never saved: choose where to save it (Save As)")
        if self.tracker is None:
            self.tracker = district.adopt(self.location, self.project)
        atomic = (not self.is_district) if all_or_nothing is None else all_or_nothing
        try:
            report = district.save_all(self.tracker) if atomic else district.save_changes(self.tracker)
        finally:
            self.release_file()
        if not self.tracker.has_unsaved_changes():
            self.mark_clean()
        return report

    def save_or_refuse(self) -> SaveReport:
        """An all-or-nothing save that raises :class:`SaveConflictError` (naming every refused piece) on conflict."""
        report = self.save(all_or_nothing=True)
        if report.conflicts:
            raise SaveConflictError(report)
        return report

    def save_as(self, location: str) -> None:
        """Store the whole project as a new project at ``location`` (a file is replaced once the new one is
        complete) and work there from now on; the history is kept."""
        if self.project is None:
            raise ServiceError("No project is open")
        projects.create_project(location, self.project, overwrite=True)
        if self.tracker is not None:
            self.tracker.close()
        self.location, self.tracker = location, None
        self.tracker = district.adopt(location, self.project)
        self.release_file()
        self.mark_clean()

    def release_file(self) -> None:
        """A project file is opened for each action, never held open between them (a database server is)."""
        if self.tracker is not None and not self.is_district:
            self.tracker.close()


def change_and_save(location: str, change: Callable[[Project], T], project_name: str | None = None) -> T:
    """Open the project at ``location``, ``change`` it, and save it all or nothing; returns what ``change`` did.

    The command line's one-shot edits (``import-csv``, ``scenario copy``…): when another planner
    saved one of the changed pieces meanwhile, :class:`SaveConflictError` says who and nothing
    is written; a failing ``change`` saves nothing either.
    """
    session = ProjectSession.open(location, project_name)
    try:
        result = change(session.project)
        session.save_or_refuse()
        return result
    finally:
        session.close()
