"""Scenario → New scenario… and the words of Delete scenario's question.

A new scenario gets its own year, week and first bell schedule (the forms of the new-project
wizard, starting from the current scenario's dates), is built by ``services.new_school`` and
added as one undoable step (``services.edits.AddScenario``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
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
        self.setWindowTitle(self.tr("New scenario"))
        self.setObjectName("newScenarioDialog")
        self.document = document
        project = document.project
        untitled = self.tr("New scenario")
        setup = SchoolSetup(scenario_name=free_name(project, untitled) if project else untitled)
        current = document.scenario
        if current is not None:  # start from the year being planned
            year = current.calendar
            setup = replace(setup, first_day=year.first_day, last_day=year.last_day)
            setup.school_weekdays = list(year.rotation.school_weekdays)
        self.day_form = DayForm(setup)
        self.year_form = YearForm(setup)
        tabs = QTabWidget()
        tabs.addTab(self.day_form, self.tr("Name and bell schedule"))
        tabs.addTab(self.year_form, self.tr("Year and week"))
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
            found.append(
                self.tr("There is a scenario named '{name}' already.").format(name=setup.scenario_name.strip())
            )
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
        QCoreApplication.translate("scenarios", "{n} section(s)").format(n=len(scenario.sections)),
        QCoreApplication.translate("scenarios", "{n} internship(s)").format(n=len(scenario.internships)),
        QCoreApplication.translate("scenarios", "{schedules} bell schedule(s) and {days} day type(s)").format(
            schedules=len(scenario.bell_schedules), days=len(scenario.day_types)
        ),
        QCoreApplication.translate("scenarios", "its calendar ({first} – {last})").format(
            first=f"{scenario.calendar.first_day:%d %b %Y}", last=f"{scenario.calendar.last_day:%d %b %Y}"
        ),
    ]
    placed = len(scenario.solution.placements)
    if placed:
        parts.append(QCoreApplication.translate("scenarios", "its timetable of {n} placed meeting(s)").format(n=placed))
    question = QCoreApplication.translate("scenarios", "Delete scenario '{name}'?").format(name=scenario.name)
    takes = QCoreApplication.translate("scenarios", "It takes with it: {parts}.").format(parts=", ".join(parts))
    stays = QCoreApplication.translate(
        "scenarios", "People, rooms and groups stay. Edit → Undo brings the scenario back until you close the project."
    )
    return f"{question}\n\n{takes}\n\n{stays}"
