"""Table editors over the domain's record lists: one generic QAbstractTableModel driven by column specs.

Cells show and parse text (numbers, lists of ids, time windows such as ``A 13:00-15:00``); a
change goes through :class:`SetFieldCommand`, so every inline edit is undoable. The first column
carries the pre-solve validation problems of the row (icon plus tooltip) and the editor shows the
selected row's messages under the table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import (
    Advisory,
    Campus,
    Cohort,
    Internship,
    LoopingRule,
    PairingKind,
    Room,
    Section,
    Teacher,
    TeacherTeam,
    TimeWindow,
    fmt_time,
)
from dlplanner.domain.editing import new_id
from dlplanner.qt.commands import InsertRecordCommand, RemoveRecordCommand, SetFieldCommand
from dlplanner.qt.document import DATA, PROJECT, SCENARIO, Document
from dlplanner.qt.style import icon

Index = QModelIndex | QPersistentModelIndex


class ParseError(ValueError):
    """Cell text that does not parse; the message says what is expected."""


@dataclass
class Column:
    """One column: the record field it shows and how its text reads and writes.

    kind: text, int, optint (empty = none), ids (comma-separated record ids, shown by name),
    set (comma-separated words), bool, enum, ref (one record id, chosen from a list), windows.
    """

    header: str
    attr: str
    kind: str = "text"
    ref_kind: str = ""  # record kind for ids / ref columns ("teacher", "cohort" ...)
    enum: type[Enum] | None = None
    tip: str = ""


def parse_clock(text: str) -> int:
    """Minutes after midnight for ``13:05`` style text."""
    hours, _, minutes = text.strip().partition(":")
    try:
        value = int(hours) * 60 + int(minutes or 0)
    except ValueError:
        raise ParseError(f"'{text}' is not a time like 13:05") from None
    if not 0 <= value <= 24 * 60:
        raise ParseError(f"'{text}' is not a time of day")
    return value


def windows_to_text(windows: list[TimeWindow]) -> str:
    return "; ".join(f"{w.day_type_id or '*'} {fmt_time(w.start)}-{fmt_time(w.end)}" for w in windows)


def text_to_windows(text: str) -> list[TimeWindow]:
    """``A 13:00-15:00; * 8:00-9:00`` (``*`` = every day type)."""
    windows = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        day, _, span = part.rpartition(" ")
        start_text, sep, end_text = span.partition("-")
        if not sep:
            raise ParseError(f"'{part}' is not like 'A 13:00-15:00' (day type id, start-end)")
        start, end = parse_clock(start_text), parse_clock(end_text)
        if end <= start:
            raise ParseError(f"'{part}' ends before it starts")
        day = day.strip()
        windows.append(TimeWindow(None if day in ("", "*") else day, start, end))
    return windows


class RecordTableModel(QAbstractTableModel):
    """Rows = the records of one domain list; columns = :class:`Column` specs; column 0 = problems."""

    def __init__(
        self, document: Document, kind: str, records: Callable[[], list], columns: list[Column], scoped: bool
    ) -> None:
        super().__init__()
        self.document, self.kind, self._records, self.columns, self.scoped = document, kind, records, columns, scoped
        self.last_error = ""
        self._shown = 0  # rows the view knows about

    @property
    def problems_column(self) -> int:
        return len(self.columns)

    def column_spec(self, column: int) -> Column | None:
        return self.columns[column] if 0 <= column < len(self.columns) else None

    def records(self) -> list:
        return self._records() if self.document.project is not None else []

    def reload(self) -> None:
        """Refresh after an edit: cells in place when the rows are the same, else a reset."""
        rows = len(self.records())
        if rows == self._shown and rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.columns)))
            return
        self.beginResetModel()
        self._shown = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        self._shown = len(self.records())
        return self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Problems" if section == self.problems_column else self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole and section < self.problems_column:
            return self.columns[section].tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.problems_column:
            return base
        column = self.columns[index.column()]
        if column.kind == "bool":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def record_problems(self, record: Any) -> list:
        return self.document.problems_for(self.kind, record.id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records()[index.row()]
        if index.column() == self.problems_column:
            problems = self.record_problems(record)
            if not problems:
                return None
            if role == Qt.ItemDataRole.DecorationRole:
                severe = any(getattr(p.severity, "value", str(p.severity)) == "error" for p in problems)
                return icon("error" if severe else "warning")
            if role == Qt.ItemDataRole.DisplayRole:
                return problems[0].message + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(p.message for p in problems)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#a02622")
            return None
        column = self.columns[index.column()]
        value = getattr(record, column.attr)
        if column.kind == "bool":
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(column, value)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(column, value)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind in ("ids", "windows", "set"):
            return self._display(column, value) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("int", "optint"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, column: Column, value: Any) -> str:
        if column.kind == "ids":
            return ", ".join(self.document.name_of(column.ref_kind, v) for v in value)
        if column.kind == "ref":
            return self.document.name_of(column.ref_kind, value) if value else "—"
        return self._edit_text(column, value)

    def _edit_text(self, column: Column, value: Any) -> str:
        if value is None:
            return ""
        if column.kind in ("ids", "set"):
            return ", ".join(sorted(value) if isinstance(value, set) else value)
        if column.kind == "windows":
            return windows_to_text(value)
        if isinstance(value, Enum):
            return str(value.value)
        return str(value)

    def parse(self, column: Column, text: Any) -> Any:
        """The field value for cell text, or :class:`ParseError` saying what is expected."""
        if column.kind == "bool":
            return bool(text)
        text = str(text).strip()
        if column.kind == "int":
            try:
                return int(text)
            except ValueError:
                raise ParseError(f"{column.header}: '{text}' is not a whole number") from None
        if column.kind == "optint":
            if not text:
                return None
            return self.parse(dataclasses.replace(column, kind="int"), text)
        if column.kind == "ids":
            return [t.strip() for t in text.split(",") if t.strip()]
        if column.kind == "set":
            return {t.strip() for t in text.split(",") if t.strip()}
        if column.kind == "windows":
            return text_to_windows(text)
        if column.kind == "enum" and column.enum is not None:
            try:
                return column.enum(text)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in column.enum)
                raise ParseError(f"{column.header}: '{text}' is not one of {allowed}") from None
        if column.kind == "ref":
            return text or None
        if column.attr == "id" and not text:
            raise ParseError("An id cannot be empty")
        return text

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.column_spec(index.column()) if index.isValid() else None
        if column is None:
            return False
        if column.kind == "bool":
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        record = self.records()[index.row()]
        try:
            parsed = self.parse(column, value)
        except ParseError as exc:
            self.last_error = str(exc)
            return False
        if parsed == getattr(record, column.attr):
            return True
        scenario = self.document.scenario
        self.document.push(SetFieldCommand(self.document, record, column.attr, parsed, scenario))
        return True

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self.records()) if r.id == record_id), -1)


class RefDelegate(QStyledItemDelegate):
    """A drop-down of record names for single-reference columns (advisor, campus, subject ...)."""

    def __init__(self, model: RecordTableModel, choices: Callable[[str], list[tuple[str, str]]]) -> None:
        super().__init__()
        self.model, self.choices = model, choices

    def _column(self, index: Index) -> Column | None:
        source = index.model().mapToSource(index) if isinstance(index.model(), QSortFilterProxyModel) else index
        return self.model.column_spec(source.column())

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        column = self._column(index)
        if column is None or column.kind not in ("ref", "enum"):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        if column.kind == "enum" and column.enum is not None:
            for member in column.enum:
                combo.addItem(str(member.value), str(member.value))
        else:
            combo.addItem("—", "")
            for value, label in self.choices(column.ref_kind):
                combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.setCurrentIndex(max(found, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


@dataclass
class EditorSpec:
    """What one editor page edits: a record list of the project or of the current scenario."""

    kind: str
    title: str
    icon: str
    columns: list[Column]
    records: Callable[[Document], list]
    make: Callable[[Document, str], Any]
    scoped: bool = False  # True: the list belongs to the current scenario


def _first(items: list, attr: str = "id") -> str:
    return getattr(items[0], attr) if items else ""


EDITORS: list[EditorSpec] = [
    EditorSpec(
        "teacher",
        "Teachers",
        "teachers",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Subjects", "subject_ids", "set", tip="Subject ids this teacher may teach, comma-separated"),
            Column("Max min/week", "max_minutes_per_week", "optint", tip="Teaching minutes per week; empty = no limit"),
            Column("Campus", "campus_id", "ref", "campus"),
            Column(
                "Unavailable", "unavailable", "windows", tip="Day type id and times, e.g. 'A 13:00-15:00; * 8:00-9:00'"
            ),
            Column("Avoid", "avoid", "windows", tip="Would rather not teach then (soft)"),
            Column("Email", "email"),
        ],
        lambda d: d.project.teachers,
        lambda d, i: Teacher(i, "New teacher"),
    ),
    EditorSpec(
        "room",
        "Rooms",
        "rooms",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Capacity", "capacity", "int"),
            Column("Features", "features", "set", tip="lab, studio, shop, gym …"),
            Column("Campus", "campus_id", "ref", "campus"),
        ],
        lambda d: d.project.rooms,
        lambda d, i: Room(i, "New room", 30),
    ),
    EditorSpec(
        "campus",
        "Campuses",
        "campuses",
        [Column("Id", "id"), Column("Name", "name"), Column("Address", "address")],
        lambda d: d.project.campuses,
        lambda d, i: Campus(i, "New campus"),
    ),
    EditorSpec(
        "cohort",
        "Cohorts",
        "cohorts",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Grade", "grade", "int"),
            Column("Size", "size", "int"),
            Column("Pathway", "pathway"),
            Column("Identity", "identity", tip="Stays the same across years, for looping"),
            Column("Campus", "campus_id", "ref", "campus"),
        ],
        lambda d: d.project.cohorts,
        lambda d, i: Cohort(i, "New cohort", 9, 25),
    ),
    EditorSpec(
        "advisory",
        "Advisories",
        "advisories",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Advisor", "advisor_id", "ref", "teacher"),
            Column("Cohorts", "cohort_ids", "ids", "cohort"),
            Column("Size", "size", "int"),
            Column("Room", "room_id", "ref", "room"),
        ],
        lambda d: d.project.advisories,
        lambda d, i: Advisory(i, "New advisory", _first(d.project.teachers)),
    ),
    EditorSpec(
        "team",
        "Teacher teams",
        "teams",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Members", "member_ids", "ids", "teacher"),
            Column("Cohorts", "cohort_ids", "ids", "cohort"),
            Column("Planning min/week", "planning_minutes_per_week", "int"),
            Column("Min meeting", "min_meeting_minutes", "int", tip="Shorter common free time does not count"),
        ],
        lambda d: d.project.teams,
        lambda d, i: TeacherTeam(i, "New team"),
    ),
    EditorSpec(
        "section",
        "Sections",
        "sections",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Subject", "subject_id", "ref", "subject"),
            Column("Cohorts", "cohort_ids", "ids", "cohort"),
            Column("Meetings", "meetings_per_cycle", "int", tip="Meetings per cycle"),
            Column("Blocks", "length_blocks", "optint", tip="Length in class blocks (2 = double block)"),
            Column("Minutes", "length_minutes", "optint", tip="Length in minutes (wins over blocks)"),
            Column("Teachers", "teacher_ids", "ids", "teacher", tip="Fixed teachers; two or more = team-taught"),
            Column("Pool", "teacher_pool", "ids", "teacher", tip="The solver picks from these when no fixed teacher"),
            Column("Room", "room_id", "ref", "room"),
            Column("Room needs", "room_features", "set"),
            Column("Term", "term_id"),
        ],
        lambda d: d.scenario.sections,
        lambda d, i: Section(i, "New section", _first(d.project.subjects)),
        scoped=True,
    ),
    EditorSpec(
        "internship",
        "Internships",
        "internships",
        [
            Column("Id", "id"),
            Column("Name", "name"),
            Column("Cohorts", "cohort_ids", "ids", "cohort"),
            Column("Windows", "windows", "windows", tip="Day type id and times, e.g. 'B 12:00-15:30'"),
            Column("Travel min", "travel_minutes", "int"),
            Column("Description", "description"),
        ],
        lambda d: d.scenario.internships,
        lambda d, i: Internship(i, "New internship"),
        scoped=True,
    ),
    EditorSpec(
        "looping_rule",
        "Looping rules",
        "looping",
        [
            Column("Id", "id"),
            Column("Cohort", "cohort_id", "ref", "cohort"),
            Column("Keeps", "kind", "enum", enum=PairingKind),
            Column("Subject", "subject_id", "ref", "subject"),
            Column("Hard", "hard", "bool"),
            Column("Weight", "weight", "int"),
        ],
        lambda d: d.scenario.looping_rules,
        lambda d, i: LoopingRule(i, _first(d.project.cohorts), PairingKind.ADVISOR),
        scoped=True,
    ),
]


class RecordEditor(QWidget):
    """Filter box, table, add/remove buttons and the selected row's problems."""

    def __init__(self, document: Document, spec: EditorSpec) -> None:
        super().__init__()
        self.document, self.spec = document, spec
        self.model = RecordTableModel(document, spec.kind, lambda: spec.records(document), spec.columns, spec.scoped)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(40)  # fit columns to the first rows only: fast on big schools
        self.table.setItemDelegate(RefDelegate(self.model, self._choices))
        title = QLabel(spec.title, objectName="title")
        self.filter = QLineEdit(placeholderText=f"Filter {spec.title.lower()}…", clearButtonEnabled=True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button = QPushButton(icon("add"), "Add")
        self.remove_button = QPushButton(icon("remove"), "Remove")
        self.add_button.clicked.connect(self.add_record)
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel(objectName="hint", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.filter, 2)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_row_problems())
        document.changed.connect(self._on_changed)
        document.problems_changed.connect(self._on_problems)

    def fit_columns(self) -> None:
        """Columns as wide as their contents, within reason, so ids and names are not cut."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.problems_column):
            header.resizeSection(column, min(max(header.sectionSize(column), 70), 240))

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        return [(r.id, r.name) for r in self.document.records_of(kind)]

    def _on_changed(self, kind: str) -> None:
        if kind in (DATA, PROJECT) or (kind == SCENARIO and self.spec.scoped):
            current = self.current_id()
            self.model.reload()
            if current:
                self.select(current)
            if kind != DATA:
                self.fit_columns()
        if self.model.last_error:
            self.message.setText(self.model.last_error)

    def _on_problems(self) -> None:
        rows = self.model.rowCount()
        if rows:
            column = self.model.problems_column
            self.model.dataChanged.emit(self.model.index(0, column), self.model.index(rows - 1, column))
        self._show_row_problems()

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        records = self.model.records()
        row = self.proxy.mapToSource(index).row()
        return records[row].id if 0 <= row < len(records) else None

    def select(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.filter.clear()
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _show_row_problems(self) -> None:
        record_id = self.current_id()
        if self.model.last_error:
            self.message.setText(f"⚠ {self.model.last_error}")
            self.model.last_error = ""
            return
        problems = self.document.problems_for(self.spec.kind, record_id) if record_id else []
        self.message.setText("\n".join(f"⚠ {p.message}" for p in problems[:4]))

    def add_record(self) -> None:
        if self.document.project is None or (self.spec.scoped and self.document.scenario is None):
            return
        records = self.spec.records(self.document)
        record = self.spec.make(self.document, new_id((r.id for r in records), self.spec.kind.replace("_", "-")))
        self.document.push(InsertRecordCommand(self.document, records, len(records), record, self.document.scenario))
        self.select(record.id)

    def remove_selected(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        records = self.spec.records(self.document)
        row = self.model.row_of(record_id)
        self.document.push(RemoveRecordCommand(self.document, records, row, self.document.scenario))
