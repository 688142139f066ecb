"""Scenario → New scenario… and the words of Delete scenario's question.

A new scenario gets its own year, week and first bell schedule (the forms of the new-project
wizard, starting from the current scenario's dates), is built by ``services.new_school`` and
added as one undoable step (``services.edits.AddScenario``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from dlplanner.domain import Project, Scenario
from dlplanner.qt.commands import EditCommand
from dlplanner.qt.document import Document
from dlplanner.qt.new_project import DayForm, YearForm, message_label
from dlplanner.services import edits, new_school
from dlplanner.services.new_school import SchoolSetup


class AddScenarioCommand(EditCommand):
    def __init__(self, document: Document, scenario: Scenario) -> None:
        super().__init__(document, edits.AddScenario(document.session, scenario))


def free_name(project: Project, base: str = "New scenario") -> str:
    names = {s.name.casefold() for s in project.scenarios}
    candidate, n = base, 2
    while candidate.casefold() in names:
        candidate, n = f"{base} {n}", n + 1
    return candidate


class NewScenarioDialog(QDialog):
    """The new scenario's name, year and week, and first bell schedule; OK adds it (undoable)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New scenario")
        self.setObjectName("newScenarioDialog")
        self.document = document
        project = document.project
        setup = SchoolSetup(scenario_name=free_name(project) if project else "New scenario")
        current = document.scenario
        if current is not None:  # start from the year being planned
            year = current.calendar
            setup = replace(setup, first_day=year.first_day, last_day=year.last_day)
            setup.school_weekdays = list(year.rotation.school_weekdays)
        self.day_form = DayForm(setup)
        self.year_form = YearForm(setup)
        tabs = QTabWidget()
        tabs.addTab(self.day_form, "Name and bell schedule")
        tabs.addTab(self.year_form, "Year and week")
        self.message = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.day_form.changed.connect(self._check)
        self.year_form.changed.connect(self._check)
        self._check()

    def setup(self) -> SchoolSetup:
        return self.day_form.apply_to(self.year_form.apply_to(SchoolSetup()))

    def problems(self) -> list[str]:
        setup = self.setup()
        found = setup.day_problems() + setup.year_problems()
        project = self.document.project
        name = setup.scenario_name.strip().casefold()
        if project is not None and any(s.name.casefold() == name for s in project.scenarios):
            found.append(f"There is a scenario named '{setup.scenario_name.strip()}' already.")
        return found

    def _check(self) -> None:
        problems = self.problems()
        self.message.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def accept(self) -> None:
        if self.problems() or self.document.project is None:
            return
        try:
            scenario = new_school.new_scenario(self.document.project, self.setup())
        except Exception as exc:
            self.message.setText(str(exc))
            return
        self.document.push(AddScenarioCommand(self.document, scenario))
        super().accept()


def what_deleting_loses(scenario: Scenario) -> str:
    """The question Delete scenario asks, naming what goes with it."""
    parts = [
        f"{len(scenario.sections)} section(s)",
        f"{len(scenario.internships)} internship(s)",
        f"{len(scenario.bell_schedules)} bell schedule(s) and {len(scenario.day_types)} day type(s)",
        f"its calendar ({scenario.calendar.first_day:%d %b %Y} – {scenario.calendar.last_day:%d %b %Y})",
    ]
    placed = len(scenario.solution.placements)
    if placed:
        parts.append(f"its timetable of {placed} placed meeting(s)")
    return (
        f"Delete scenario '{scenario.name}'?\n\nIt takes with it: {', '.join(parts)}.\n\n"
        "People, rooms and groups stay. Edit → Undo brings the scenario back until you close the project."
    )
