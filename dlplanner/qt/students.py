"""The Students page: students and their course requests, what a solve gave each, and the requests' reports.

Three tabs over the project session:

* **Students**: the students table (a :class:`~dlplanner.qt.tables.RecordEditor` like the other record
  pages: inline edits, name pickers, paste, add/remove, every edit undoable), filters by grade, cohort and
  "unmet only", and for the selected student their course requests (subject, rank, alternate for —
  editable with name pickers, undoable) and, after a solve, their enrolments and unmet requests in plain
  words. **Show week** opens the student's timetable on the board.
* **Conflict matrix**: subjects × subjects, students requesting both (the diagonal: students requesting
  the subject); singleton courses (one open section) highlighted; the singletons and doubletons below.
* **Requests met**: requests met per rank and subject, and the students left with an unmet request or a gap.

The numbers come from ``dlplanner.domain.student_reports`` (the same tables as ``dlplanner report``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import CourseRequest, Student
from dlplanner.domain.student_reports import Table, conflict_matrix, requests_met, singletons, student_gaps
from dlplanner.domain.students import RequestOutcome, request_outcomes
from dlplanner.qt.commands import InsertRecordCommand, RemoveRecordCommand
from dlplanner.qt.document import DATA, PROJECT, SCENARIO, TIMETABLE, Document
from dlplanner.qt.style import icon
from dlplanner.qt.tables import Column, EditorSpec, RecordEditor, RecordTableModel, RefDelegate

Index = QModelIndex | QPersistentModelIndex

SINGLETON_COLOR = QColor("#f6c48f")  # a singleton's row and column head, and its diagonal cell
HEAT_COLOR = QColor("#3b6ea8")

STUDENTS_SPEC = EditorSpec(
    "student",
    "Students",
    "cohorts",
    [
        Column("Id", "id"),
        Column("Name", "name"),
        Column("Grade", "grade", "int"),
        Column("Cohort", "cohort_id", "ref", "cohort", tip="Follows this cohort's sections (empty: none)"),
        Column("Advisory", "advisory_id", "ref", "advisory"),
        Column("Pathway", "pathway"),
        Column("Flags", "flags", "set", tip="Labels the school groups students by: ELL, IEP, 504 …"),
    ],
    lambda d: d.project.students,
    lambda d, i: Student(i, "New student", d.project.cohorts[0].grade if d.project.cohorts else 9),
)

REQUEST_COLUMNS = [
    Column("Subject", "subject_id", "ref", "subject"),
    Column("Rank", "rank", "int", tip="1 = required; larger = lower preference"),
    Column("Alternate for", "alternate_for", "ref", "subject", tip="Taken only if that request cannot be met"),
]


def plain_outcome(project: Any, outcome: RequestOutcome, enrolled: dict[str, str]) -> str:
    """One request's outcome in words: "Art (rank 1): met in Art 1", "Spanish (rank 2): not met"."""
    subject = {s.id: s.name for s in project.subjects}
    asked = f"{subject.get(outcome.group.subject_id, outcome.group.subject_id)} (rank {outcome.group.rank})"
    if not outcome.met:
        return f"{asked}: not met"
    by = subject.get(outcome.met_by or "", outcome.met_by)
    where = "with the cohort" if outcome.by_cohort else f"in {enrolled.get(outcome.met_by or '', by)}"
    if outcome.met_by != outcome.group.subject_id:
        return f"{asked}: met by the alternate {by}, {where}"
    return f"{asked}: met {where}"


def rank1_summary(met: Table) -> str:
    """The headline of the requests-met table: how many required (rank 1) requests the timetable meets."""
    row = next((r for r in met.rows if r[0] == "(all subjects)" and r[1] == 1), None)
    if row is None:
        return "No rank-1 (required) requests."
    requests, itself, alternate = int(row[2]), int(row[3]), int(row[4])
    percent = round(100 * itself / requests, 1) if requests else 0.0
    bound = row[7] if len(row) > 8 else ""  # at_most_met: none without a timetable
    return (
        f"Rank-1 (required) requests met: {itself} of {requests} ({percent} %) by the subject itself"
        + (f", {alternate} more by an alternate" if alternate else "")
        + "."
        + (f" At most {bound} can be met with these section times, whatever the seats." if bound != "" else "")
    )


class StudentsModel(RecordTableModel):
    """The students table with one read-only column more: what the last solve gave each student."""

    def __init__(self, document: Document, outcomes: Any) -> None:
        super().__init__(document, "student", lambda: document.project.students, STUDENTS_SPEC.columns, False)
        self.outcomes = outcomes  # () -> student id -> list[RequestOutcome], or None before a solve

    @property
    def solve_column(self) -> int:
        return self.problems_column + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.solve_column + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and section == self.solve_column:
            if role == Qt.ItemDataRole.DisplayRole:
                return "After the solve"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "How many of the student's requests the current timetable meets"
            return None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and index.column() == self.solve_column:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != self.solve_column:
            return super().data(index, role)
        by_student = self.outcomes()
        if by_student is None:
            return "not solved yet" if role == Qt.ItemDataRole.DisplayRole else None
        mine = by_student.get(self.record_at(index.row()).id, [])
        unmet = sum(1 for o in mine if not o.met)
        if role == Qt.ItemDataRole.DisplayRole:
            if not mine:
                return "no requests"
            return f"{len(mine) - unmet} of {len(mine)} met" + (f" · {unmet} unmet" if unmet else "")
        if role == Qt.ItemDataRole.ForegroundRole and unmet:
            return QColor("#a02622")
        return None


class StudentFilter(QSortFilterProxyModel):
    """The filter box's text, and the grade, cohort and "unmet only" choices."""

    def __init__(self, model: StudentsModel) -> None:
        super().__init__()
        self.setSourceModel(model)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.grade: int | None = None
        self.cohort_id: str | None = None  # "" : students without a cohort
        self.unmet_only = False

    def set_choices(self, grade: int | None, cohort_id: str | None, unmet_only: bool) -> None:
        self.grade, self.cohort_id, self.unmet_only = grade, cohort_id, unmet_only
        self.refilter()

    def refilter(self) -> None:
        """The choices or the outcomes changed (an edit or a solve): ask every row again."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 on; invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model: StudentsModel = self.sourceModel()
        student = model.record_at(row)
        if self.grade is not None and student.grade != self.grade:
            return False
        if self.cohort_id is not None and (student.cohort_id or "") != self.cohort_id:
            return False
        if self.unmet_only:
            outcomes = model.outcomes()
            if outcomes is None or all(o.met for o in outcomes.get(student.id, [])):
                return False
        return super().filterAcceptsRow(row, parent)


class RequestsModel(RecordTableModel):
    """The course requests of one student (a view of ``project.requests``); edits go to the real list."""

    def __init__(self, document: Document) -> None:
        super().__init__(document, "request", self._mine, REQUEST_COLUMNS, False)
        self.student_id: str | None = None

    def _mine(self) -> list[CourseRequest]:
        project = self.document.project
        return [r for r in project.requests if r.student_id == self.student_id] if project else []

    def record_problems(self, record: Any) -> list:
        return []

    def row_of(self, record_id: str) -> int:
        return -1


class StudentsEditor(RecordEditor):
    """The students table of the record pages, with the solve column and the grade/cohort/unmet filters."""

    def __init__(self, document: Document, outcomes: Any) -> None:
        super().__init__(document, STUDENTS_SPEC)
        self.model = StudentsModel(document, outcomes)
        self.proxy = StudentFilter(self.model)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RefDelegate(self.model, self._choices))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_row_problems())
        self.table.horizontalHeader().moveSection(self.model.solve_column, 2)  # beside the name
        self.model.reload(reset=True)

    def remove_selected(self) -> None:
        """Remove the selected students with their course requests, as one undo step."""
        chosen = {s.id for s in self.selected_records()}
        project = self.document.project
        if not chosen or project is None:
            return
        stack, scenario = self.document.undo_stack, self.document.scenario
        stack.beginMacro(f"Remove {len(chosen)} student(s) and their requests")
        for index in reversed([i for i, r in enumerate(project.requests) if r.student_id in chosen]):
            self.document.push(RemoveRecordCommand(self.document, project.requests, index, scenario))
        super().remove_selected()
        stack.endMacro()

    def fit_columns(self) -> None:
        """Narrower than the other record pages: the requests panel sits beside the table."""
        super().fit_columns()
        header = self.table.horizontalHeader()
        for column in range(self.model.problems_column):
            header.resizeSection(column, min(header.sectionSize(column), 150))
        header.resizeSection(self.model.solve_column, 150)


class StudentsPage(QWidget):
    """Students, their requests and outcomes; the conflict matrix; requests met."""

    show_week = Signal(str)  # student id: show this student's week on the board

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self._outcomes: dict[str, list[RequestOutcome]] | None = None
        self._outcomes_valid = False
        self._reports_stale = True

        self.editor = StudentsEditor(document, self.outcomes)
        self.grade_combo = QComboBox(objectName="student-grade")
        self.cohort_combo = QComboBox(objectName="student-cohort")
        self.unmet_check = QCheckBox("Unmet only")
        self.unmet_check.setToolTip("Only students with a request the current timetable does not meet")
        self.week_button = QPushButton(icon("board"), "Show week")
        self.week_button.setToolTip("Show the selected student's timetable on the board")
        self.week_button.clicked.connect(self._show_week)
        for widget in (self.grade_combo, self.cohort_combo):
            widget.currentIndexChanged.connect(self._apply_filters)
        self.unmet_check.toggled.connect(self._apply_filters)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Grade:"))
        filters.addWidget(self.grade_combo)
        filters.addWidget(QLabel("Cohort:"))
        filters.addWidget(self.cohort_combo)
        filters.addWidget(self.unmet_check)
        filters.addStretch(1)
        filters.addWidget(self.week_button)

        self.requests_title = QLabel("<b>Course requests</b>")
        self.requests_model = RequestsModel(document)
        self.requests = QTableView(objectName="student-requests")
        self.requests.setModel(self.requests_model)
        self.requests.setItemDelegate(RefDelegate(self.requests_model, self.editor._choices))
        self.requests.verticalHeader().setVisible(False)
        self.requests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.requests.horizontalHeader().setStretchLastSection(True)
        self.requests.setColumnHidden(self.requests_model.problems_column, True)
        self.add_request_button = QPushButton(icon("add"), "Add request")
        self.remove_request_button = QPushButton(icon("remove"), "Remove")
        self.add_request_button.clicked.connect(self.add_request)
        self.remove_request_button.clicked.connect(self.remove_request)
        self.outcome_label = QLabel(objectName="student-outcome", wordWrap=True)
        self.outcome_label.setTextFormat(Qt.TextFormat.RichText)
        self.outcome_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(6, 0, 0, 0)
        side_box.addWidget(self.requests_title)
        side_box.addWidget(self.requests, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_request_button)
        buttons.addWidget(self.remove_request_button)
        buttons.addStretch(1)
        side_box.addLayout(buttons)
        side_box.addWidget(QLabel("<b>After the solve</b>"))
        side_box.addWidget(self.outcome_label, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.editor)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([700, 330])
        students_tab = QWidget()
        students_box = QVBoxLayout(students_tab)
        students_box.addLayout(filters)
        students_box.addWidget(split, 1)

        self.matrix = QTableWidget(objectName="conflict-matrix")
        self.singletons = QTableWidget(objectName="singletons")
        self.matrix_note = QLabel(objectName="hint", wordWrap=True)
        matrix_tab = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.addWidget(self.matrix_note)
        top_box.addWidget(self.matrix, 1)
        matrix_tab.addWidget(top)
        matrix_tab.addWidget(_titled("Singletons and doubletons", self.singletons))
        matrix_tab.setSizes([460, 220])

        self.requests_met = QTableWidget(objectName="requests-met")
        self.gaps = QTableWidget(objectName="student-gaps")
        self.requests_note = QLabel(objectName="hint", wordWrap=True)
        # two lines: the headline and the bound (a splitter's pane does not grow a wrapped label by itself)
        self.requests_note.setMinimumHeight(2 * self.requests_note.fontMetrics().lineSpacing() + 2)
        met_tab = QSplitter(Qt.Orientation.Vertical)
        met_top = QWidget()
        met_box = QVBoxLayout(met_top)
        met_box.addWidget(self.requests_note)
        met_box.addWidget(self.requests_met, 1)
        met_tab.addWidget(met_top)
        met_tab.addWidget(_titled("Students with an unmet request or a gap", self.gaps))

        self.tabs = QTabWidget(objectName="students-tabs")
        self.tabs.addTab(students_tab, "Students")
        self.tabs.addTab(matrix_tab, "Conflict matrix")
        self.tabs.addTab(met_tab, "Requests met")
        self.tabs.currentChanged.connect(lambda _i: self.refresh_reports())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.editor.table.selectionModel().currentRowChanged.connect(lambda *_: self._student_chosen())
        document.changed.connect(self._on_changed)
        self._on_changed(PROJECT)

    # -- what the solve gave -----------------------------------------------------------------------
    def outcomes(self) -> dict[str, list[RequestOutcome]] | None:
        """Student id -> their request outcomes in the current timetable; None when it has none."""
        if not self._outcomes_valid:
            self._outcomes_valid = True
            project, scenario = self.document.project, self.document.scenario
            self._outcomes = None
            if project is not None and scenario is not None and scenario.solution.placements:
                self._outcomes = {}
                for outcome in request_outcomes(project, scenario, scenario.solution.enrolments):
                    self._outcomes.setdefault(outcome.group.student_id, []).append(outcome)
        return self._outcomes

    def _on_changed(self, kind: str) -> None:
        self._outcomes_valid = False
        self._reports_stale = True
        if kind in (PROJECT, SCENARIO, DATA):
            self._fill_filters()
        if kind in (PROJECT, SCENARIO, DATA, TIMETABLE):
            self.requests_model.reload(reset=kind in (PROJECT, SCENARIO))
            self._show_outcome()
            model = self.editor.model
            if model.rowCount():
                column = model.solve_column
                model.dataChanged.emit(model.index(0, column), model.index(model.rowCount() - 1, column))
            self.editor.proxy.refilter()
        if kind in (PROJECT, SCENARIO) and self.editor.current_id() is None and self.editor.proxy.rowCount():
            self.editor.table.setCurrentIndex(self.editor.proxy.index(0, 1))  # the first student's requests show
        if self.tabs.currentIndex() != 0:
            self.refresh_reports()

    def _fill_filters(self) -> None:
        project = self.document.project
        students = project.students if project else []
        grades = sorted({s.grade for s in students})
        cohorts = [(c.name, c.id) for c in project.cohorts] if project else []
        for combo, items in (
            (self.grade_combo, [(f"Grade {g}", g) for g in grades]),
            (self.cohort_combo, [*cohorts, ("(no cohort)", "")]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("All", None)
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        self.editor.proxy.set_choices(
            self.grade_combo.currentData(), self.cohort_combo.currentData(), self.unmet_check.isChecked()
        )

    # -- the selected student ------------------------------------------------------------------------
    def current_student(self) -> Student | None:
        student_id = self.editor.current_id()
        project = self.document.project
        return next((s for s in project.students if s.id == student_id), None) if project and student_id else None

    def select(self, student_id: str) -> bool:
        return self.editor.select(student_id)

    def _student_chosen(self) -> None:
        student = self.current_student()
        self.requests_model.student_id = student.id if student else None
        self.requests_model.reload(reset=True)
        title = f"Course requests of {student.name}" if student else "Course requests"
        self.requests_title.setText(f"<b>{title}</b>")
        self.add_request_button.setEnabled(student is not None)
        self.remove_request_button.setEnabled(student is not None)
        self.week_button.setEnabled(student is not None)
        self._show_outcome()

    def _show_outcome(self) -> None:
        student, project, scenario = self.current_student(), self.document.project, self.document.scenario
        if student is None or project is None or scenario is None:
            self.outcome_label.setText("Pick a student to see their requests and what the timetable gives them.")
            return
        outcomes = self.outcomes()
        if outcomes is None:
            self.outcome_label.setText(f"'{scenario.name}' has no timetable yet: solve it to see enrolments.")
            return
        sections = {s.id: s for s in scenario.sections}
        enrolled_sections = [
            sections[e.section_id]
            for e in scenario.solution.enrolments
            if e.student_id == student.id and e.section_id in sections
        ]
        enrolled = {s.subject_id: s.name for s in enrolled_sections}
        mine = outcomes.get(student.id, [])
        lines = []
        if enrolled_sections:
            lines.append("Enrolled in " + ", ".join(s.name for s in enrolled_sections) + ".")
        else:
            lines.append("Not enrolled in any open section.")
        if student.cohort_id:
            lines.append(f"Follows the sections of {self.document.name_of('cohort', student.cohort_id)}.")
        for outcome in mine:
            text = plain_outcome(project, outcome, enrolled)
            lines.append(f"<span style='color:#a02622'>✗ {text}</span>" if not outcome.met else f"✓ {text}")
        unmet = sum(1 for o in mine if not o.met)
        if mine:
            tail = f", {unmet} unmet." if unmet else "."
            lines.append(f"<b>{len(mine) - unmet} of {len(mine)} requests met</b>{tail}")
        if scenario.solution.stale:
            lines.append("<i>The data changed since the solve: solve again to update.</i>")
        self.outcome_label.setText("<br>".join(lines))

    def _show_week(self) -> None:
        student = self.current_student()
        if student is not None:
            self.show_week.emit(student.id)

    def add_request(self) -> None:
        student, project = self.current_student(), self.document.project
        if student is None or project is None:
            return
        asked = {r.subject_id for r in project.requests if r.student_id == student.id}
        fresh = [s.id for s in project.subjects if s.id not in asked] or [s.id for s in project.subjects] or [""]
        subject = fresh[0]
        request = CourseRequest(student.id, subject, 1)
        self.document.push(
            InsertRecordCommand(self.document, project.requests, len(project.requests), request, self.document.scenario)
        )

    def remove_request(self) -> None:
        project = self.document.project
        index = self.requests.currentIndex()
        if project is None or not index.isValid() or index.row() >= self.requests_model.rowCount():
            return
        record = self.requests_model.record_at(index.row())
        position = next(i for i, r in enumerate(project.requests) if r is record)
        self.document.push(RemoveRecordCommand(self.document, project.requests, position, self.document.scenario))

    # -- reports -------------------------------------------------------------------------------------
    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        self.refresh_reports()

    def refresh_reports(self) -> None:
        """Fill the conflict matrix and requests-met tabs (only when shown and out of date)."""
        if not self._reports_stale or self.tabs.currentIndex() == 0 or not self.isVisible():
            return  # made when shown
        self._reports_stale = False
        project, scenario = self.document.project, self.document.scenario
        for widget in (self.matrix, self.singletons, self.requests_met, self.gaps):
            widget.clear()
            widget.setRowCount(0)
            widget.setColumnCount(0)
        if project is None or scenario is None or not project.requests:
            note = "No course requests yet: add students and their requests on the Students tab, or import them."
            self.matrix_note.setText(note)
            self.requests_note.setText(note)
            return
        lonely = singletons(project, scenario)
        single_names = {str(row[0]) for row in lonely.rows if row[1] == "singleton"}
        self.show_matrix(conflict_matrix(project, scenario)[1], single_names)
        _fill(self.singletons, lonely)
        self.matrix_note.setText(
            "Students requesting both subjects (the diagonal: students requesting the subject). "
            "Orange and ●: a singleton, a subject with one open section — every student requesting it and another "
            "subject needs those two at different times."
        )
        if scenario.solution.placements:
            met = requests_met(project, scenario, scenario.solution.enrolments)
            _fill(self.requests_met, met)  # what the bound means is in the note above the table
            _fill(self.gaps, student_gaps(project, scenario, scenario.solution.enrolments))
            self.requests_note.setText(rank1_summary(met) + " Per rank and subject below; '(all subjects)' first.")
        else:
            self.requests_note.setText(f"'{scenario.name}' has no timetable yet: solve it to see the requests met.")

    def show_matrix(self, matrix: Table, single_names: set[str]) -> None:
        names = [str(row[0]) for row in matrix.rows]
        self.matrix.setRowCount(len(names))
        self.matrix.setColumnCount(len(names))
        self.matrix.setHorizontalHeaderLabels(names)
        self.matrix.setVerticalHeaderLabels(names)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        most = max((int(v) for row in matrix.rows for i, v in enumerate(row[1:]) if names[i] != row[0]), default=0)
        for r, row in enumerate(matrix.rows):
            for c, value in enumerate(row[1:]):
                count = int(value)
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                diagonal = r == c
                if diagonal:
                    item.setToolTip(f"{count} student(s) request {names[r]}")
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    if names[r] in single_names:
                        item.setBackground(SINGLETON_COLOR)
                        item.setToolTip(item.toolTip() + " — a singleton (one open section)")
                    else:
                        item.setBackground(QColor("#e9edf3"))
                elif count:
                    item.setToolTip(f"{count} student(s) request both {names[r]} and {names[c]}")
                    heat = QColor(HEAT_COLOR)
                    heat.setAlpha(40 + int(150 * count / max(most, 1)))
                    item.setBackground(heat)
                self.matrix.setItem(r, c, item)
        for i, name in enumerate(names):
            for header in (self.matrix.horizontalHeaderItem(i), self.matrix.verticalHeaderItem(i)):
                if header is not None and name in single_names:
                    header.setBackground(SINGLETON_COLOR)
                    header.setText(f"{name} ●")
                    header.setToolTip(f"{name}: a singleton (one open section)")
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.matrix.resizeColumnsToContents()

    def cell(self, row_subject: str, column_subject: str) -> str:
        """The matrix cell of two subjects by name (tests and people read it alike)."""
        names = [self.matrix.verticalHeaderItem(i).text().removesuffix(" ●") for i in range(self.matrix.rowCount())]
        item = self.matrix.item(names.index(row_subject), names.index(column_subject))
        return item.text() if item else ""


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.addWidget(QLabel(f"<b>{title}</b>"))
    layout.addWidget(widget, 1)
    return box


def _fill(widget: QTableWidget, table: Table) -> None:
    """A report table as a read-only table widget (column names made readable)."""
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setColumnCount(len(table.columns))
    widget.setHorizontalHeaderLabels([c.replace("_", " ").capitalize() for c in table.columns])
    widget.setRowCount(len(table.rows))
    widget.verticalHeader().setVisible(False)
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            if isinstance(value, int | float):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()
    header = widget.horizontalHeader()
    for c in range(len(table.columns)):
        header.resizeSection(c, min(header.sectionSize(c), 320))
    header.setStretchLastSection(True)
