"""Table editors over the domain's record lists: one generic QAbstractTableModel driven by column specs.

Cells show and parse text (numbers, names of other records, time windows such as ``A 13:00-15:00``);
a change goes through :class:`SetFieldCommand`, so every inline edit is undoable. References are
shown, typed, picked and pasted by *name* (an id is accepted too, never required). The model keeps
its own list of the records it shows and, after each edit, tells the views exactly which rows came
and went (``beginInsertRows`` / ``beginRemoveRows``), so rows never drift from the data and the
views keep their cursor, selection, scroll position and filter. The last column carries the
pre-solve validation problems of the row (icon plus tooltip) and the editor shows the selected
row's messages under the table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
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
    Room,
    Section,
    Teacher,
    TeacherTeam,
    TimeWindow,
    fmt_time,
)
from dlplanner.domain.editing import new_id
from dlplanner.qt.commands import InsertRecordCommand, RemoveRecordCommand, SetFieldCommand
from dlplanner.qt.document import DATA, PROJECT, SCENARIO, TIMETABLE, Document
from dlplanner.qt.style import icon
from dlplanner.services.references import describe_references

Index = QModelIndex | QPersistentModelIndex


class ParseError(ValueError):
    """Cell text that does not parse; the message says what is expected."""


@dataclass
class Column:
    """One column: the record field it shows and how its text reads and writes.

    kind: text, int, optint (empty = none), ids (other records, shown and typed by name, picked
    from a checklist), set (comma-separated words), bool, enum, ref (one other record, picked by
    name from a list), windows.
    """

    header: str
    attr: str
    kind: str = "text"
    ref_kind: str = ""  # record kind for ids / ref columns ("teacher", "cohort" ...)
    enum: type[Enum] | None = None
    tip: str = ""
    empty: Any = None  # what an emptied ref cell stores ("" for an id field that is never None)
    display: Callable[[Document, Any], str] | None = None  # the cell's text from the record, when not its value


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


def windows_to_text(windows: list[TimeWindow], day_names: dict[str, str] | None = None) -> str:
    """``Friday 13:00-15:00; * 8:00-9:00``: each day type by its name in ``day_names`` (else its id)."""
    names = day_names or {}
    return "; ".join(
        f"{names.get(w.day_type_id, w.day_type_id) if w.day_type_id else '*'} {fmt_time(w.start)}-{fmt_time(w.end)}"
        for w in windows
    )


def text_to_windows(text: str, day_ids: dict[str, str] | None = None) -> list[TimeWindow]:
    """``A 13:00-15:00; * 8:00-9:00`` (``*`` = every day type); ``day_ids`` maps casefolded day type
    names to ids, so ``Friday 12:30-15:00`` works as well as ``fri 12:30-15:00``."""
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
        day = (day_ids or {}).get(day.casefold(), day)
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
        self._rows: list[Any] = []  # the records the views know about, in order (see reload)

    @property
    def problems_column(self) -> int:
        return len(self.columns)

    def column_spec(self, column: int) -> Column | None:
        return self.columns[column] if 0 <= column < len(self.columns) else None

    def records(self) -> list:
        if self.document.project is None or (self.scoped and self.document.scenario is None):
            return []  # no project, or a project without a scenario yet (Scenario → New scenario)
        return self._records()

    def reload(self, reset: bool = False) -> None:
        """Catch up with the record list after an edit.

        Rows that left or came are announced one run at a time (matched by object identity, so a
        record keeps its row while edited), then every remaining cell is refreshed in place: the
        views keep their current cell, selection and scroll position. ``reset``: the list itself
        was replaced (another project or scenario), so the views start over.
        """
        new = list(self.records())
        if reset:
            self.beginResetModel()
            self._rows = new
            self.endResetModel()
            return
        matcher = SequenceMatcher(None, [id(r) for r in self._rows], [id(r) for r in new], autojunk=False)
        for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
            if tag == "equal":
                continue
            # the rows before new_start already match the new list, so this run starts there
            if old_end > old_start:
                self.beginRemoveRows(QModelIndex(), new_start, new_start + old_end - old_start - 1)
                del self._rows[new_start : new_start + old_end - old_start]
                self.endRemoveRows()
            if new_end > new_start:
                self.beginInsertRows(QModelIndex(), new_start, new_end - 1)
                self._rows[new_start:new_start] = new[new_start:new_end]
                self.endInsertRows()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns)))

    def record_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
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
        record = self._rows[index.row()]
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
            return column.display(self.document, record) if column.display else self._display(column, value)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(column, value)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind in ("ids", "windows", "set"):
            return self._display(column, value) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("int", "optint"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, column: Column, value: Any) -> str:
        if column.kind == "ids":
            return ", ".join(self.document.name_of(column.ref_kind, v) for v in self._ordered(value))
        if column.kind == "ref":
            return self.document.name_of(column.ref_kind, value) if value else "—"
        return self._edit_text(column, value)

    def _edit_text(self, column: Column, value: Any) -> str:
        if value is None:
            return ""
        if column.kind == "ids":
            return ", ".join(self.document.name_of(column.ref_kind, v) for v in self._ordered(value))
        if column.kind == "ref":
            return self.document.name_of(column.ref_kind, value) if value else ""
        if column.kind == "set":
            return ", ".join(self._ordered(value))
        if column.kind == "windows":
            return windows_to_text(value, self._day_names())
        if isinstance(value, Enum):
            return str(value.value)
        return str(value)

    def _day_names(self) -> dict[str, str]:
        """The current scenario's day types, id -> name (time windows are shown and typed by day name)."""
        scenario = self.document.scenario
        return {d.id: d.name for d in scenario.day_types} if scenario is not None else {}

    @staticmethod
    def _ordered(value: Any) -> list:
        return sorted(value) if isinstance(value, set | frozenset) else list(value)

    def resolve(self, column: Column, text: str) -> str:
        """The id of the record a reference cell names: by name (any case) or by id; else a clear refusal."""
        records = self.document.records_of(column.ref_kind)
        for record in records:
            if record.id == text:
                return record.id
        folded = text.casefold()
        for record in records:
            if record.name.casefold() == folded:
                return record.id
        raise ParseError(f"{column.header}: there is no {column.ref_kind} named '{text}'")

    def parse(self, column: Column, text: Any) -> Any:
        """The field value for cell text, or :class:`ParseError` saying what is expected."""
        if column.kind == "bool":
            if isinstance(text, str):  # pasted text
                return text.strip().casefold() in ("1", "x", "yes", "y", "true", "✓")
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
            return [self.resolve(column, t.strip()) for t in text.split(",") if t.strip()]
        if column.kind == "set":
            return {t.strip() for t in text.split(",") if t.strip()}
        if column.kind == "windows":
            return text_to_windows(text, {name.casefold(): day for day, name in self._day_names().items()})
        if column.kind == "enum" and column.enum is not None:
            try:
                return column.enum(text)
            except ValueError:
                allowed = ", ".join(str(m.value) for m in column.enum)
                raise ParseError(f"{column.header}: '{text}' is not one of {allowed}") from None
        if column.kind == "ref":
            return self.resolve(column, text) if text and text != "—" else column.empty
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
        record = self._rows[index.row()]
        try:
            parsed = self.field_value(column, record, value)
        except ParseError as exc:
            self.last_error = str(exc)
            return False
        if parsed == getattr(record, column.attr):
            return True
        scenario = self.document.scenario
        self.document.push(SetFieldCommand(self.document, record, column.attr, parsed, scenario))
        return True

    def field_value(self, column: Column, record: Any, value: Any) -> Any:
        """``value`` parsed for ``column`` in the type the record's field holds (a set stays a set)."""
        parsed = self.parse(column, value)
        if isinstance(getattr(record, column.attr), set) and isinstance(parsed, list):
            parsed = set(parsed)
        return parsed

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)


class NamesChecklist(QListWidget):
    """The picker of an ``ids`` cell: every record of the kind by name, the chosen ones ticked."""

    def __init__(self, parent: QWidget, choices: list[tuple[str, str]], chosen: set[str]) -> None:
        super().__init__(parent)
        self.setObjectName("namesChecklist")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for value, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setToolTip(value)
            item.setCheckState(Qt.CheckState.Checked if value in chosen else Qt.CheckState.Unchecked)

    def set_checked(self, values: set[str]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in values else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def checked_values(self) -> list[str]:
        items = (self.item(row) for row in range(self.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]


class RefDelegate(QStyledItemDelegate):
    """Pickers by name: a searchable drop-down for one reference (advisor, campus, subject ...) and
    a checklist for lists of references (a teacher's subjects, a section's cohorts)."""

    def __init__(self, model: RecordTableModel, choices: Callable[[str], list[tuple[str, str]]]) -> None:
        super().__init__()
        self.model, self.choices = model, choices

    def _source(self, index: Index) -> Index:
        model = index.model()
        return model.mapToSource(index) if isinstance(model, QSortFilterProxyModel) else index

    def _column(self, index: Index) -> Column | None:
        return self.model.column_spec(self._source(index).column())

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        column = self._column(index)
        if column is not None and column.kind == "ids":
            return NamesChecklist(parent, self.choices(column.ref_kind), set())
        if column is None or column.kind not in ("ref", "enum"):
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        if column.kind == "enum" and column.enum is not None:
            for member in column.enum:
                combo.addItem(str(member.value), str(member.value))
            return combo
        combo.addItem("—", "")
        for value, label in self.choices(column.ref_kind):
            combo.addItem(label, value)
        combo.setEditable(True)  # type part of a name; the completer offers the matches
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(combo.model(), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        combo.setCompleter(completer)
        return combo

    def updateEditorGeometry(self, editor: QWidget, option: Any, index: Index) -> None:
        if isinstance(editor, NamesChecklist):  # a checklist needs room for several names
            rect = option.rect
            rows = min(max(editor.count(), 3), 8)
            height = rows * max(editor.sizeHintForRow(0), 18) + 2 * editor.frameWidth() + 4
            width = editor.sizeHintForColumn(0) + 2 * editor.frameWidth() + 24  # whole names, room for a scrollbar
            editor.setGeometry(rect.x(), rect.y(), max(rect.width(), width, 220), height)
            return
        super().updateEditorGeometry(editor, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, NamesChecklist):
            source = self._source(index)
            record = self.model.record_at(source.row())
            column = self.model.column_spec(source.column())
            editor.set_checked(set(getattr(record, column.attr)) if column else set())
        elif isinstance(editor, QComboBox):
            source = self._source(index)
            column = self.model.column_spec(source.column())
            value = getattr(self.model.record_at(source.row()), column.attr) if column else None
            value = value.value if isinstance(value, Enum) else value
            found = editor.findData(value or "")
            editor.setCurrentIndex(max(found, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, NamesChecklist):
            ids = editor.checked_values()
            column = self._column(index)
            names = [self.model.document.name_of(column.ref_kind, i) for i in ids] if column else ids
            model.setData(index, ", ".join(names), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            found = editor.findText(editor.currentText(), Qt.MatchFlag.MatchFixedString)
            value = editor.itemData(found) if found >= 0 else editor.currentText()  # unknown text: refused
            model.setData(index, value, Qt.ItemDataRole.EditRole)
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
            Column("Subjects", "subject_ids", "ids", "subject", tip="Subjects this teacher may teach"),
            Column("Max min/week", "max_minutes_per_week", "optint", tip="Teaching minutes per week; empty = no limit"),
            Column("Campus", "campus_id", "ref", "campus"),
            Column(
                "Unavailable",
                "unavailable",
                "windows",
                tip="Day type and times, e.g. 'Monday 13:00-15:00; * 8:00-9:00' (* = every day)",
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
            Column(
                "Advisor",
                "advisor_id",
                "ref",
                "teacher",
                tip="Empty: the solver chooses (from the pool, else any teacher); after a solve: 'chosen: …'",
                empty="",
                display=lambda d, advisory: d.advisor_name(advisory),
            ),
            Column("Cohorts", "cohort_ids", "ids", "cohort"),
            Column("Size", "size", "int"),
            Column("Room", "room_id", "ref", "room"),
            Column(
                "Advisor pool", "advisor_pool", "ids", "teacher", tip="When the advisor is empty: chosen from these"
            ),
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
            Column(
                "Cohort pool",
                "cohort_pool",
                "ids",
                "cohort",
                tip="Cohorts the solver may give the team (it takes 'From pool' of them); after a solve: 'chosen: …'",
                display=lambda d, team: d.team_pool_text(team),
            ),
            Column("From pool", "cohorts_needed", "int", tip="How many cohorts of its pool the team takes (0: none)"),
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
            Column("Windows", "windows", "windows", tip="Day type and times, e.g. 'Friday 12:00-15:30'"),
            Column("Travel min", "travel_minutes", "int"),
            Column("Description", "description"),
        ],
        lambda d: d.scenario.internships,
        lambda d, i: Internship(i, "New internship"),
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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        paste = QShortcut(QKeySequence.StandardKey.Paste, self.table, self.paste)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.setWhatsThis("Table › Paste rows copied from a spreadsheet")  # listed by Help → Keyboard shortcuts
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove_selected)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.setWhatsThis("Table › Delete the selected rows")
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
        replaced = kind == PROJECT or (kind == SCENARIO and self.spec.scoped)
        shows_solution = any(c.display for c in self.spec.columns)  # e.g. the advisor the solver chose
        if replaced or kind == DATA or (shows_solution and kind in (SCENARIO, TIMETABLE)):
            self.model.reload(reset=replaced)
            if replaced:
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
        row = self.proxy.mapToSource(index).row()
        return self.model.record_at(row).id if 0 <= row < self.model.rowCount() else None

    def select(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # hidden by the filter: show everything
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

    def selected_records(self) -> list:
        """The records of the selected rows (or of the current cell), in list order."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.proxy.mapToSource(self.table.currentIndex()).row()}
        return [self.model.record_at(r) for r in sorted(rows) if 0 <= r < self.model.rowCount()]

    def remove_selected(self) -> None:
        """Remove every selected row as one undo step; the cursor stays at the same place in the table."""
        chosen = self.selected_records()
        if not chosen or not self.may_remove(chosen):
            return
        records = self.spec.records(self.document)
        view_row = min(self.proxy.mapFromSource(self.model.index(self.model.row_of(r.id), 0)).row() for r in chosen)
        column = max(self.table.currentIndex().column(), 0)
        stack = self.document.undo_stack
        many = len(chosen) > 1
        if many:
            stack.beginMacro(f"Remove {len(chosen)} {self.spec.title.lower()}")
        for record in sorted(chosen, key=lambda r: records.index(r), reverse=True):
            index = records.index(record)
            self.document.push(RemoveRecordCommand(self.document, records, index, self.document.scenario))
        if many:
            stack.endMacro()
        rows = self.proxy.rowCount()
        if rows:
            self.table.setCurrentIndex(self.proxy.index(min(view_row, rows - 1), column))

    def may_remove(self, chosen: list) -> bool:
        """Records used elsewhere (a teacher who teaches sections, a room of a section …): list where and ask."""
        scenario = self.document.scenario if self.spec.scoped else None
        uses = describe_references(self.document.project, self.spec.kind, chosen, scenario)
        if not uses:
            return True
        what = chosen[0].name if len(chosen) == 1 and getattr(chosen[0], "name", "") else f"{len(chosen)} records"
        answer = QMessageBox.question(
            self,
            f"Remove {what}?",
            f"{what} is used elsewhere:\n\n{uses}\n\nRemoving leaves these pointing at nothing "
            "(the scenarios then show errors until you fix them). Remove anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def paste(self) -> None:
        """Paste a block copied from a spreadsheet (tab-separated rows) at the current cell, as one undo step.

        Rows below the last one become new records. Every cell is checked first; one bad cell refuses
        the whole paste with a message naming its row and column, and nothing is changed.
        """
        text = QGuiApplication.clipboard().text()
        lines = [line.split("\t") for line in text.rstrip("\r\n").replace("\r\n", "\n").split("\n")]
        if not text.strip() or self.document.project is None:
            return
        if self.spec.scoped and self.document.scenario is None:
            return
        current = self.table.currentIndex()
        first_row = current.row() if current.isValid() else self.proxy.rowCount()
        first_column = self.proxy.mapToSource(current).column() if current.isValid() else 0
        width = max(len(cells) for cells in lines)
        if first_column + width > len(self.spec.columns):
            self._refuse(f"Paste: {width} columns do not fit from '{self.spec.columns[first_column].header}' on")
            return
        records = self.spec.records(self.document)
        taken = {r.id for r in records}
        edits: list[tuple[Any, str, Any]] = []  # existing record, field, value
        new_records: list[Any] = []
        for offset, cells in enumerate(lines):
            view_row = first_row + offset
            if view_row < self.proxy.rowCount():
                record = self.model.record_at(self.proxy.mapToSource(self.proxy.index(view_row, 0)).row())
            else:
                record = self.spec.make(self.document, new_id(taken, self.spec.kind.replace("_", "-")))
                new_records.append(record)
            fields: dict[str, Any] = {}
            for step, cell in enumerate(cells):
                column = self.spec.columns[first_column + step]
                try:
                    fields[column.attr] = self.model.field_value(column, record, cell)
                except ParseError as exc:
                    self._refuse(f"Paste, row {offset + 1}: {exc}")
                    return
            if "id" in fields and fields["id"] != record.id:
                if fields["id"] in taken:
                    self._refuse(f"Paste, row {offset + 1}: the id '{fields['id']}' is already used")
                    return
                taken.discard(record.id)
            if record in new_records:
                new_records[-1] = dataclasses.replace(record, **fields)
            else:
                edits.extend((record, name, value) for name, value in fields.items() if getattr(record, name) != value)
            taken.add(fields.get("id", record.id))
        if not edits and not new_records:
            return
        stack, scenario = self.document.undo_stack, self.document.scenario
        stack.beginMacro(f"Paste {len(lines)} rows into {self.spec.title.lower()}")
        for record, name, value in edits:
            self.document.push(SetFieldCommand(self.document, record, name, value, scenario))
        for record in new_records:
            self.document.push(InsertRecordCommand(self.document, records, len(records), record, scenario))
        stack.endMacro()
        self.message.setText(f"Pasted {len(lines)} rows ({len(new_records)} new). Undo takes the paste back.")

    def _refuse(self, message: str) -> None:
        self.message.setText(f"⚠ {message}. Nothing was pasted.")
