"""Project → Minimums…: the requirements every scenario is checked against (Compare's compliance table).

The dialog edits a copy; OK checks it (one row per grade and per subject) and pushes one
:class:`MinimumsCommand`, so the whole change is one step of Undo. Minimums never make a timetable
stale: they judge a scenario, they do not constrain the solver.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import Project
from dlplanner.domain.calendar import Minimums
from dlplanner.qt.commands import EditCommand
from dlplanner.qt.document import Document
from dlplanner.qt.style import icon
from dlplanner.services.edits import EditMinimums

NONE = "no requirement"


def describe_minimums(minimums: Minimums) -> str:
    """One line naming what is required ("No minimums set" when nothing is)."""
    parts = []
    if minimums.annual_instructional_minutes is not None:
        parts.append(f"{minimums.annual_instructional_minutes:,} instructional min/year")
    if minimums.by_grade:
        grades = ", ".join(f"grade {g}: {m:,}" for g, m in sorted(minimums.by_grade.items()))
        parts.append(f"by grade ({grades})")
    if minimums.subject_annual_minutes:
        parts.append(f"{len(minimums.subject_annual_minutes)} subject minimum(s)")
    if minimums.advisory_minutes_per_week is not None:
        parts.append(f"advisory {minimums.advisory_minutes_per_week} min/week")
    if minimums.internship_hours_per_year is not None:
        parts.append(f"internship {minimums.internship_hours_per_year} h/year")
    if minimums.instructional_days is not None:
        parts.append(f"{minimums.instructional_days} school days")
    if minimums.team_planning_from_teams:
        parts.append("each team's planning time")
    return "Minimums: " + "; ".join(parts) if parts else "No minimums set"


class MinimumsCommand(EditCommand):
    """The project's minimums replaced as one step (in place: the project keeps its Minimums object)."""

    def __init__(self, document: Document, project: Project, minimums: Minimums) -> None:
        super().__init__(document, EditMinimums(project, minimums))


def optional_spin(value: int | None, maximum: int, suffix: str, step: int = 1) -> QSpinBox:
    """A number box where 0 shows "no requirement" (a requirement of 0 asks for nothing anyway)."""
    spin = QSpinBox()
    spin.setRange(0, maximum)
    spin.setSingleStep(step)
    spin.setSpecialValueText(NONE)
    spin.setSuffix(suffix)
    spin.setGroupSeparatorShown(True)
    spin.setValue(value or 0)
    spin.setMinimumWidth(170)
    return spin


class _PairTable(QWidget):
    """Rows of (key widget, minutes) with Add and Remove: grades or subjects with their annual minutes."""

    def __init__(self, key_title: str, what: str) -> None:
        super().__init__()
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([key_title, "Minutes per year"])
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        self.add_button = QPushButton(icon("add"), f"Add {what}")
        self.remove_button = QPushButton(icon("remove"), self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_row(self, key: QWidget, minutes: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setCellWidget(row, 0, key)
        spin = QSpinBox()
        spin.setRange(1, 1_000_000)
        spin.setSingleStep(60)
        spin.setGroupSeparatorShown(True)
        spin.setValue(minutes)
        self.table.setCellWidget(row, 1, spin)

    def remove_row(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def pairs(self) -> list[tuple[QWidget, int]]:
        return [
            (self.table.cellWidget(r, 0), self.table.cellWidget(r, 1).value()) for r in range(self.table.rowCount())
        ]


class MinimumsDialog(QDialog):
    """Edit ``project.minimums``; OK pushes one undoable change when something changed."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        project = document.project
        self.project = project
        m = project.minimums
        self.setWindowTitle(self.tr("Minimums"))
        self.annual = optional_spin(m.annual_instructional_minutes, 1_000_000, " min", 60)
        self.annual.setToolTip(self.tr("Per cohort and year: minutes of class meetings (a state's instructional time)"))
        self.by_grade = _PairTable("Grade", "grade")
        self.by_grade.add_button.clicked.connect(lambda: self.add_grade())
        for grade, minutes in sorted(m.by_grade.items()):
            self.add_grade(grade, minutes)
        self.count_advisory = QCheckBox(self.tr("Count advisory minutes as instruction"))
        self.count_advisory.setChecked(m.count_advisory_as_instruction)
        self.subjects = _PairTable("Subject", "subject")
        self.subjects.add_button.clicked.connect(lambda: self.add_subject())
        self.subjects.add_button.setEnabled(bool(project.subjects))
        for subject_id, minutes in m.subject_annual_minutes.items():
            self.add_subject(subject_id, minutes)
        self.advisory = optional_spin(m.advisory_minutes_per_week, 10_000, " min/week", 5)
        self.internship = optional_spin(m.internship_hours_per_year, 10_000, " hours/year", 10)
        self.days = optional_spin(m.instructional_days, 366, " days")
        self.team_planning = QCheckBox(self.tr("Each teacher team gets its own planning minutes per week"))
        self.team_planning.setChecked(m.team_planning_from_teams)
        self.message = QLabel(objectName="verdictBad", wordWrap=True)

        instruction = QGroupBox(self.tr("Instructional time (per cohort)"))
        instruction_form = QFormLayout(instruction)
        instruction_form.addRow(self.tr("Every cohort"), self.annual)
        instruction_form.addRow(QLabel(self.tr("By grade (instead of the above)")))
        instruction_form.addRow(self.by_grade)
        instruction_form.addRow(self.count_advisory)
        subjects = QGroupBox(self.tr("Subjects (per cohort taking the subject)"))
        QVBoxLayout(subjects).addWidget(self.subjects)
        other = QGroupBox(self.tr("Other requirements"))
        other_form = QFormLayout(other)
        other_form.addRow(self.tr("Advisory per cohort"), self.advisory)
        other_form.addRow(self.tr("Internship per cohort"), self.internship)
        other_form.addRow(self.tr("School days in the year"), self.days)
        other_form.addRow(self.team_planning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            "Every scenario is checked against these on the Compare page and in comparison reports "
            "(“Compliance with minimums”). Empty means no requirement.",
            objectName="hint",
            wordWrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(instruction)
        layout.addWidget(subjects)
        layout.addWidget(other)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(560, 700)

    def add_grade(self, grade: int | None = None, minutes: int | None = None) -> None:
        used = {w.value() for w, _ in self.by_grade.pairs()}
        grades = sorted({c.grade for c in self.project.cohorts} - used) or [max(used, default=8) + 1]
        spin = QSpinBox()
        spin.setRange(-1, 20)
        spin.setPrefix("grade ")
        spin.setValue(grades[0] if grade is None else grade)
        default = self.annual.value() or 64_800
        self.by_grade.add_row(spin, default if minutes is None else minutes)

    def add_subject(self, subject_id: str | None = None, minutes: int | None = None) -> None:
        combo = QComboBox()
        for subject in self.project.subjects:
            combo.addItem(subject.name, subject.id)
        if subject_id is not None and combo.findData(subject_id) < 0:
            combo.addItem(f"{subject_id} (no such subject)", subject_id)
        used = {w.currentData() for w, _ in self.subjects.pairs()}
        free = next((s.id for s in self.project.subjects if s.id not in used), None)
        combo.setCurrentIndex(max(0, combo.findData(subject_id if subject_id is not None else free)))
        self.subjects.add_row(combo, 7_200 if minutes is None else minutes)

    def minimums(self) -> Minimums:
        """The minimums as the dialog shows them; ValueError names a grade or subject given twice."""
        by_grade: dict[int, int] = {}
        for spin, minutes in self.by_grade.pairs():
            if spin.value() in by_grade:
                raise ValueError(f"Grade {spin.value()} is listed twice: keep one row per grade.")
            by_grade[spin.value()] = minutes
        subjects: dict[str, int] = {}
        for combo, minutes in self.subjects.pairs():
            if combo.currentData() in subjects:
                raise ValueError(f"Subject {combo.currentText()} is listed twice: keep one row per subject.")
            subjects[combo.currentData()] = minutes
        return Minimums(
            annual_instructional_minutes=self.annual.value() or None,
            by_grade=by_grade,
            count_advisory_as_instruction=self.count_advisory.isChecked(),
            subject_annual_minutes=subjects,
            advisory_minutes_per_week=self.advisory.value() or None,
            internship_hours_per_year=self.internship.value() or None,
            instructional_days=self.days.value() or None,
            team_planning_from_teams=self.team_planning.isChecked(),
        )

    def accept(self) -> None:
        try:
            minimums = self.minimums()
        except ValueError as exc:
            self.message.setText(str(exc))
            return
        if minimums != self.project.minimums:
            self.document.push(MinimumsCommand(self.document, self.project, minimums))
        super().accept()
