"""File → New school year…: next year's project from this one, in one step, with a report of what needs a person.

The dialog gathers what the rollover needs (the scenario whose timetable the school ran, the new
year's first day, incoming students per grade, departing teachers, where to save), runs
``services.rollover.roll_over_project`` on a worker (on a copy of the open project, unsaved edits
included; this year's project is never changed), shows the report and offers to open the new project.
An existing file is replaced only after the user said so.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import Project
from dlplanner.domain.rollover import next_label
from dlplanner.qt.document import Document
from dlplanner.qt.style import icon
from dlplanner.qt.worker import Job, finish
from dlplanner.services import rollover
from dlplanner.services.scenarios import list_scenarios

PROJECT_FILTER = "dlplanner projects (*.dlp);;All files (*)"


def default_target(project: Project, location: str | None, scenario_key: str | None = None) -> str:
    """Next year's file beside this year's, named after next year's project ('… 2027–28.dlp')."""
    folder = Path(location).parent if location and not location.startswith(("postgresql", "sqlite:")) else Path.home()
    name = next_label(project.name)
    if name == project.name:  # no year in the name: next year's label, as the new project is named
        label = project.scenario(scenario_key).calendar.label if scenario_key else ""
        name = f"{project.name} {next_label(label)}" if label else f"{project.name} next year"
    safe = "".join(ch if ch.isalnum() or ch in " -–_." else "_" for ch in name).strip() or "next-year"
    return str(folder / f"{safe}.dlp")


class NewSchoolYearDialog(QDialog):
    """Choose, roll over (off the GUI thread), read the report, open the new project."""

    def __init__(
        self, document: Document, parent: QWidget | None = None, open_project: Callable[[str], bool] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("new-school-year")
        self.setWindowTitle("New school year")
        self.document, self.open_project = document, open_project
        self.job: Job | None = None
        self.result: rollover.RolloverResult | None = None
        self.written: str | None = None
        project = document.project
        assert project is not None

        self.scenario = QComboBox(objectName="rollover-scenario")
        for info in list_scenarios(project):
            self.scenario.addItem(f"{info.name} — {info.status.value} · {info.placements} placed", info.id)
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(document.scenario_id)))
        self.scenario.setToolTip(
            "The scenario whose timetable the school ran this year: its advisors, teams and teachers "
            "become last year's pairings, which next year's looping rules keep"
        )
        self.scenario.currentIndexChanged.connect(self._scenario_changed)
        self.year_start = QDateEdit(objectName="rollover-year-start", calendarPopup=True, displayFormat="yyyy-MM-dd")

        grades = sorted({c.grade for c in project.cohorts})
        entry = grades[0] if grades else None
        self.incoming: dict[int, QSpinBox] = {}
        incoming_box = QGroupBox("Incoming students per grade")
        incoming_form = QFormLayout(incoming_box)
        for grade in grades:
            spin = QSpinBox(objectName=f"rollover-incoming-{grade}", maximum=5000, suffix=" students")
            spin.setValue(sum(c.size for c in project.cohorts if c.grade == entry) if grade == entry else 0)
            self.incoming[grade] = spin
            incoming_form.addRow(f"Grade {grade}:", spin)
        incoming_form.addRow(
            QLabel("Cohorts are made like this year's of the grade; 0: none.", objectName="hint", wordWrap=True)
        )

        self.departing = QListWidget(objectName="rollover-departing")
        for teacher in project.teachers:
            item = QListWidgetItem(teacher.name, self.departing)
            item.setData(Qt.ItemDataRole.UserRole, teacher.id)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._mark_advisors()
        departing_box = QGroupBox("Departing teachers (tick who leaves)")
        QVBoxLayout(departing_box).addWidget(self.departing)

        self.target = QLineEdit(
            default_target(project, document.location, self.scenario.currentData()), objectName="rollover-target"
        )
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Last year's timetable:", self.scenario)
        form.addRow("First day of the new year:", self.year_start)
        form.addRow("Save the new project as:", target_row)

        self.run_button = QPushButton(icon("solve"), "Roll over", objectName="primary")
        self.run_button.clicked.connect(self.start)
        self.busy = QProgressBar(maximum=0, visible=False)
        self.state = QLabel(
            "This year's project stays as it is; next year's is a new project.", objectName="hint", wordWrap=True
        )
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(incoming_box)
        left.addWidget(departing_box, 1)
        left.addWidget(self.run_button)
        left.addWidget(self.busy)
        left.addWidget(self.state)

        self.report = QTextBrowser(objectName="rollover-report")
        self.report.setPlaceholderText("The report appears here: what changed and what needs a person.")
        self.open_button = QPushButton(icon("open"), "Open next year's project", enabled=False)
        self.open_button.clicked.connect(self.open_new_project)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(close)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Report</b>"))
        right.addWidget(self.report, 1)
        right.addLayout(buttons)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.resize(1080, 680)
        self._scenario_changed()

    # -- choices ---------------------------------------------------------------------------------------
    def _scenario_changed(self) -> None:
        project = self.document.project
        scenario = project.scenario(self.scenario.currentData()) if project and self.scenario.count() else None
        if scenario is not None:
            start = scenario.calendar.first_day + timedelta(weeks=52)  # the same weekday a year on
            self.year_start.setDate(QDate(start.year, start.month, start.day))
        self._mark_advisors()

    def _mark_advisors(self) -> None:
        """Say beside each teacher which advisory they advise in the chosen timetable (a looping one needs a person)."""
        project = self.document.project
        key = self.scenario.currentData() if hasattr(self, "scenario") else None
        if project is None or key is None:
            return
        solution = project.scenario(key).solution
        advises: dict[str, list[str]] = {}
        for advisory in project.advisories:
            advisor = solution.advisor_of(advisory)
            if advisor:
                advises.setdefault(advisor, []).append(advisory.name)
        for row in range(self.departing.count()):
            item = self.departing.item(row)
            teacher = next(t for t in project.teachers if t.id == item.data(Qt.ItemDataRole.UserRole))
            names = advises.get(teacher.id, [])
            item.setText(f"{teacher.name} — advises {', '.join(names)}" if names else teacher.name)

    def set_departing(self, names_or_ids: list[str]) -> None:
        wanted = {n.casefold() for n in names_or_ids}
        project = self.document.project
        for row in range(self.departing.count()):
            item = self.departing.item(row)
            teacher = next(t for t in project.teachers if t.id == item.data(Qt.ItemDataRole.UserRole))
            on = teacher.id.casefold() in wanted or teacher.name.casefold() in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def departing_ids(self) -> list[str]:
        items = (self.departing.item(row) for row in range(self.departing.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def incoming_counts(self) -> dict[int, int]:
        return {grade: spin.value() for grade, spin in self.incoming.items()}

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save next year's project as",
            self.target.text(),
            PROJECT_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked once, when rolling over
        )
        if path:
            self.target.setText(path if path.endswith(".dlp") else f"{path}.dlp")

    # -- rolling over ------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self) -> bool:
        """Roll over on a worker; an existing file is replaced only after asking."""
        project = self.document.project
        target = self.target.text().strip()
        if project is None or self.running:
            return False
        if not target:
            self.state.setText("⚠ Say where to save next year's project.")
            return False
        if not target.endswith(".dlp"):
            target += ".dlp"
            self.target.setText(target)
        if self.document.location and Path(target).resolve() == Path(self.document.location).resolve():
            self.state.setText("⚠ Next year's project must be a new file, not this year's.")
            return False
        overwrite = False
        if Path(target).exists():
            answer = QMessageBox.question(
                self, "Replace the file?", f"{target} already exists.\n\nReplace it with next year's project?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.state.setText("Nothing was written: choose another file.")
                return False
            overwrite = True
        qdate = self.year_start.date()
        start = date(qdate.year(), qdate.month(), qdate.day())
        scenario_key, incoming, departing = self.scenario.currentData(), self.incoming_counts(), self.departing_ids()
        snapshot = copy.deepcopy(project)  # edits made meanwhile never race with the worker

        def work() -> rollover.RolloverResult:
            return rollover.roll_over_project(
                snapshot,
                target,
                scenario_key,
                year_start=start,
                incoming=incoming,
                departing=departing,
                overwrite=overwrite,
            )

        self.result, self.written = None, None
        self.open_button.setEnabled(False)
        self.report.clear()
        self.job = Job(work)
        self.job.done.connect(lambda result: self._done(result, target))
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.busy.setVisible(True)
        self.run_button.setEnabled(False)
        self.state.setText("Rolling over…")
        self.job.start()
        return True

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.busy.setVisible(False)
        self.run_button.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.state.setText(f"⚠ Not rolled over: {message}")

    def _done(self, result: rollover.RolloverResult, target: str) -> None:
        self.result, self.written = result, target
        self.state.setText(f"Created '{result.project.name}' at {target}.")
        self.report.setHtml(report_html(result))
        self.open_button.setEnabled(self.open_project is not None)

    def open_new_project(self) -> bool:
        if self.written is None or self.open_project is None:
            return False
        self.accept()
        return bool(self.open_project(self.written))

    def done(self, code: int) -> None:
        """Closing waits for a running rollover, so its file is whole."""
        finish(self.job)
        if self.job is not None:
            self._finished()
        super().done(code)


def report_html(result: rollover.RolloverResult) -> str:
    """The report as two lists: what changed, and what needs a person (each item a line)."""
    report = result.report
    changed = "".join(f"<li>{escape(line)}</li>" for line in report.changed)
    review = "".join(f"<li>⚠ {escape(line)}</li>" for line in report.review) or "<li>Nothing.</li>"
    return (
        f"<h3>{escape(result.project.name)}</h3>"
        f"<h4>What changed</h4><ul>{changed}</ul>"
        f'<h4 style="color:#a02622">Needs a person ({len(report.review)})</h4><ul>{review}</ul>'
    )
