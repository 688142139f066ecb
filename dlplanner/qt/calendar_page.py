"""The Calendar page: the current scenario's school year, with a month-by-month preview.

First and last day, label, time zone, school weekdays, the rotation (a weekday map or a cycle of
day types, restarting after holidays or not), manual overrides, holidays, terms and special days
are edited here. Every edit copies the calendar, changes the copy, checks it with
:func:`dlplanner.domain.validation.calendar_problems` and pushes one :class:`CalendarCommand`; a change that would add a
problem (a holiday ending before it starts, a date outside the year, an unknown day type …) is
refused with the reason, and the widgets show the calendar as it was.

Only term edits make the timetable stale: the solver lets sections of terms that never overlap
share a slot. Holidays, special days and the rotation change the dated counts (school days,
annual minutes, exports), which are computed when asked for, not the weekly cycle a timetable fills.
"""

from __future__ import annotations

import calendar as month_names
import copy
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache

from PySide6.QtCore import QDate, QEvent, QPointF, QRectF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import Scenario
from dlplanner.domain.calendar import (
    WEEKDAYS,
    Holiday,
    RotationKind,
    SchoolYear,
    SpecialDay,
    SpecialDayKind,
    Term,
    TermKind,
)
from dlplanner.domain.editing import new_id
from dlplanner.domain.validation import calendar_problems
from dlplanner.qt.commands import EditCommand
from dlplanner.qt.document import TIMETABLE, Document
from dlplanner.qt.style import CALENDAR_COLORS, DAY_TYPE_PALETTE, icon, text_color_for
from dlplanner.services.edits import EditCalendar

SPECIAL_KIND_LABELS = {
    SpecialDayKind.LATE_START: "Late start",
    SpecialDayKind.EARLY_RELEASE: "Early release",
    SpecialDayKind.HALF_DAY: "Half day",
    SpecialDayKind.PD: "PD (no students)",
    SpecialDayKind.OTHER: "Other",
}
TERM_KIND_LABELS = {
    TermKind.SEMESTER: "Semester",
    TermKind.TRIMESTER: "Trimester",
    TermKind.QUARTER: "Quarter",
    TermKind.TERM: "Term",
    TermKind.INTERSESSION: "Intersession",
}
FLOATING = "none (floating times)"


class EditRefused(Exception):
    """A calendar edit that cannot be made (the message says why and what to do)."""


@cache
def time_zones() -> list[str]:
    """IANA time zone names, for the time zone box (sorted once)."""
    return sorted(zoneinfo.available_timezones())


class CalendarCommand(EditCommand):
    """One edit of a scenario's school year: the whole calendar before and after, restored exactly."""

    def __init__(self, document: Document, scenario: Scenario, year: SchoolYear, text: str, stale: bool) -> None:
        super().__init__(document, EditCalendar(scenario, year, text, stale))


@contextmanager
def blocked(*widgets: QWidget) -> Iterator[None]:
    """Fill widgets from the model without their signals turning into edits."""
    blockers = [QSignalBlocker(w) for w in widgets]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date, on_change: Callable[[date], None] | None = None) -> QDateEdit:
    """A date box with a calendar popup; typing changes nothing until Enter or leaving the box."""
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd yyyy-MM-dd")
    edit.setKeyboardTracking(False)
    if on_change is not None:
        edit.dateChanged.connect(lambda value: on_change(value.toPython()))
    return edit


def choice_combo(
    choices: list[tuple[str, object]], current: object, on_change: Callable[[object], None] | None = None
) -> QComboBox:
    combo = QComboBox()
    for label, value in choices:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    if on_change is not None:
        combo.currentIndexChanged.connect(lambda _i: on_change(combo.currentData()))
    return combo


class RecordTable(QWidget):
    """A table of calendar records (text cells editable in place, the rest as widgets) with Add and Remove."""

    def __init__(self, headers: list[str], stretch: int, what: str) -> None:
        super().__init__()
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        for column in range(len(headers)):
            mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        self.add_button = QPushButton(icon("add"), f"Add {what}")
        self.remove_button = QPushButton(icon("remove"), f"Remove {what}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_rows(self, rows: list[list[str | QWidget]]) -> None:
        """Show the rows; text cells are updated in place (one may be mid-edit), widgets replaced."""
        table = self.table
        with blocked(table):
            table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    if isinstance(cell, QWidget):
                        table.setCellWidget(r, c, cell)
                        continue
                    item = table.item(r, c)
                    if item is None:
                        item = QTableWidgetItem()
                        table.setItem(r, c, item)
                    item.setText(cell)

    def current_row(self) -> int:
        """The selected row, or the row of the widget being edited (-1: none)."""
        focus = self.table.focusWidget() if self.table.hasFocus() else None
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                widget = self.table.cellWidget(r, c)
                if widget is not None and focus is not None and (widget is focus or widget.isAncestorOf(focus)):
                    return r
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else self.table.currentRow()


class YearPreview(QWidget):
    """The whole year at a glance: a row per month, columns aligned by weekday, each date coloured.

    School days take the colour of their day type; holidays are grey, days without students (PD)
    pale red; special days with students get an orange frame and overridden dates a dark corner.
    A school weekday the rotation gives no day type gets a red frame. Hover a date for details.
    """

    LABEL_W = 62
    HEADER = 18
    COLUMNS = 37  # a month starting on Sunday with 31 days spans 37 weekday columns

    def __init__(self) -> None:
        super().__init__()
        self.months: list[tuple[int, int]] = []
        self.info: dict[date, tuple[str, str | None, str]] = {}  # date -> (kind, day type, tooltip)
        self.flags: dict[date, set[str]] = {}  # "special", "override"
        self.colors: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.counts: Counter[str] = Counter()
        self.school_day_count = 0
        self._rects: list[tuple[QRectF, date]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(self.LABEL_W + self.COLUMNS * 11, self.HEADER + 10 * 11)

    def sizeHint(self) -> QSize:
        return QSize(self.LABEL_W + self.COLUMNS * 18, self.HEADER + max(10, len(self.months)) * 18 + 4)

    def show_year(self, year: SchoolYear | None, scenario: Scenario | None) -> None:
        self.months, self.info, self.flags, self.counts = [], {}, {}, Counter()
        self.school_day_count = 0
        if year is None or scenario is None or year.last_day < year.first_day:
            self.update()
            return
        self.colors = {d.id: DAY_TYPE_PALETTE[i % len(DAY_TYPE_PALETTE)] for i, d in enumerate(scenario.day_types)}
        self.names = {d.id: d.name for d in scenario.day_types}
        school = dict(year.school_days())
        self.counts = Counter(school.values())
        self.school_day_count = len(school)
        special = {s.day: s for s in year.special_days}
        rotation = year.rotation
        day = year.first_day
        while day <= year.last_day:
            holiday = next((h for h in year.holidays if h.contains(day)), None)
            text = f"{day.strftime('%a')} {day.isoformat()}"
            flags: set[str] = set()
            if day in school:
                kind, day_type = "school", school[day]
                text += f" — {self.names.get(day_type, day_type)}"
            elif holiday is not None:
                kind, day_type = "holiday", None
                text += f" — {holiday.name} (holiday)"
            elif day.weekday() not in rotation.school_weekdays:
                kind, day_type = "weekend", None
                text += " — no school"
            elif day in special and not special[day].students_attend:
                kind, day_type = "no_students", None
                text += " — no students"
            else:
                kind, day_type = "no_day_type", None
                text += " — a school weekday the rotation gives no day type"
            if day in special and kind != "holiday":
                flags.add("special")
                sd = special[day]
                text += f"\n{SPECIAL_KIND_LABELS.get(sd.kind, sd.kind)}"
                if sd.bell_schedule_id:
                    text += f", bells: {sd.bell_schedule_id}"
                if sd.note:
                    text += f": {sd.note}"
            if day in rotation.overrides and kind == "school":
                flags.add("override")
                text += "\nDay type set by hand (override)"
            self.info[day] = (kind, day_type, text)
            self.flags[day] = flags
            day += timedelta(days=1)
        y, m = year.first_day.year, year.first_day.month
        while (y, m) <= (year.last_day.year, year.last_day.month):
            self.months.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        self.updateGeometry()
        self.update()

    def kind_of(self, day: date) -> str:
        """What the preview shows for a date: school:<day type>, holiday, weekend, no_students, no_day_type, ''."""
        kind, day_type, _ = self.info.get(day, ("", None, ""))
        return f"school:{day_type}" if kind == "school" else kind

    def color_of(self, day_type_id: str) -> str:
        return self.colors.get(day_type_id, "#e4e4e4")

    def cell_size(self) -> float:
        rows = max(1, len(self.months))
        size = min((self.width() - self.LABEL_W - 4) / self.COLUMNS, (self.height() - self.HEADER - 2) / rows)
        return max(9.0, min(26.0, size))

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self._rects = []
        if not self.months:
            painter.setPen(QColor("#5b6878"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No school year to show")
            return
        cell = self.cell_size()
        font = QFont(self.font())
        font.setPixelSize(max(8, int(cell * 0.5)))
        painter.setFont(font)
        painter.setPen(QColor("#5b6878"))
        for column in range(self.COLUMNS):
            x = self.LABEL_W + column * cell
            weekend = column % 7 >= 5
            painter.setPen(QColor("#a0a9b6" if weekend else "#5b6878"))
            painter.drawText(QRectF(x, 0, cell, self.HEADER), Qt.AlignmentFlag.AlignCenter, "MTWTFSS"[column % 7])
        for row, (y, m) in enumerate(self.months):
            top = self.HEADER + row * cell
            painter.setPen(QColor("#1f2a37"))
            label = f"{month_names.month_abbr[m]} {y}"
            painter.drawText(
                QRectF(0, top, self.LABEL_W - 6, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            offset = date(y, m, 1).weekday()
            for n in range(1, month_names.monthrange(y, m)[1] + 1):
                day = date(y, m, n)
                rect = QRectF(self.LABEL_W + (offset + n - 1) * cell, top, cell, cell).adjusted(1, 1, -1, -1)
                self._paint_day(painter, rect, day, cell)
        painter.end()

    def _paint_day(self, painter: QPainter, rect: QRectF, day: date, cell: float) -> None:
        kind, day_type, _ = self.info.get(day, ("", None, ""))
        fill = QColor(self.color_of(day_type) if kind == "school" else CALENDAR_COLORS.get(kind, "#ffffff"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRect(rect)
        flags = self.flags.get(day, set())
        if kind == "no_day_type":
            painter.setPen(QPen(QColor("#c0392b"), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if "special" in flags:
            painter.setPen(QPen(QColor(CALENDAR_COLORS["special"]), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        if "override" in flags:
            corner = max(4.0, cell / 3)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(CALENDAR_COLORS["override"]))
            right, top = rect.right(), rect.top()
            painter.drawPolygon(
                QPolygonF([QPointF(right, top), QPointF(right - corner, top), QPointF(right, top + corner)])
            )
        if cell >= 13:
            if not kind:
                color = QColor("#d3d8df")  # before the first or after the last day
            elif kind == "weekend":
                color = QColor("#a0a9b6")
            else:
                color = text_color_for(fill)
            painter.setPen(color)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(day.day))
        if kind:
            self._rects.append((rect, day))

    def day_at(self, x: float, y: float) -> date | None:
        for rect, day in self._rects:
            if rect.contains(x, y):
                return day
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            day = self.day_at(event.pos().x(), event.pos().y())
            if day is not None:
                QToolTip.showText(event.globalPos(), self.info[day][2], self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def legend_html(self) -> str:
        """Swatches with what they mean and how many dates each covers (counts from ``school_days()``)."""

        def swatch(color: str) -> str:
            return f'<span style="color:{color}">&#9608;&#9608;</span>'

        if not self.months:
            return ""
        kinds = Counter(kind for kind, _, _ in self.info.values())
        specials = sum(1 for f in self.flags.values() if "special" in f)
        overrides = sum(1 for f in self.flags.values() if "override" in f)
        parts = [f"<b>{self.school_day_count} school days</b>"]
        ordered = [*self.colors, *sorted(set(self.counts) - set(self.colors))]
        for day_type in ordered:
            color = self.color_of(day_type)
            parts.append(f"{swatch(color)} {self.names.get(day_type, day_type)} {self.counts.get(day_type, 0)}")
        parts.append(f"{swatch(CALENDAR_COLORS['holiday'])} holiday {kinds['holiday']}")
        if kinds["no_students"]:
            parts.append(f"{swatch(CALENDAR_COLORS['no_students'])} no students {kinds['no_students']}")
        parts.append(f'<span style="color:{CALENDAR_COLORS["special"]}">&#9633;</span> special day {specials}')
        if overrides:
            parts.append(f"&#9698; override {overrides}")
        if kinds["no_day_type"]:
            parts.append(f'<span style="color:#c0392b">&#9633; no day type {kinds["no_day_type"]}</span>')
        return " &nbsp;·&nbsp; ".join(parts)


class CalendarPage(QWidget):
    """The current scenario's school year: its fields on the left, the year preview and the tables on the right."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.scenario_label = QLabel(objectName="hint")
        self.message = QLabel(objectName="verdictBad", wordWrap=True)

        self.label = QLineEdit(placeholderText="2026–27")
        self.label.editingFinished.connect(self._set_label)
        self.first_day = date_edit(date(2026, 8, 24), lambda d: self._set_year_field("first_day", d, "first day"))
        self.last_day = date_edit(date(2027, 6, 11), lambda d: self._set_year_field("last_day", d, "last day"))
        self.time_zone = QComboBox(editable=True)
        self.time_zone.addItems(["", *time_zones()])
        self.time_zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.time_zone.lineEdit().setPlaceholderText(FLOATING)
        self.time_zone.setToolTip(
            "Calendar exports (.ics) give times in this zone; empty leaves them floating (local wherever opened)"
        )
        completer = QCompleter(time_zones(), self.time_zone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.time_zone.setCompleter(completer)
        self.time_zone.activated.connect(lambda _i: self._set_time_zone())
        self.time_zone.lineEdit().editingFinished.connect(self._set_time_zone)
        year_box = QGroupBox(self.tr("School year"))
        year_form = QFormLayout(year_box)
        year_form.addRow(self.tr("Label"), self.label)
        year_form.addRow(self.tr("First day"), self.first_day)
        year_form.addRow(self.tr("Last day"), self.last_day)
        year_form.addRow(self.tr("Time zone"), self.time_zone)

        self.weekday_checks = [QCheckBox(name[:3]) for name in WEEKDAYS]
        for check in self.weekday_checks:
            check.toggled.connect(lambda _on: self._set_school_weekdays())
        self.rotation_kind = choice_combo(
            [
                ("Weekday map", RotationKind.WEEKDAY.value),
                ("Cycle of day types (A/B …)", RotationKind.CYCLE.value),
            ],
            RotationKind.WEEKDAY.value,
            self._set_rotation_kind,
        )
        self.weekday_labels = [QLabel(name) for name in WEEKDAYS]
        self.weekday_combos = [QComboBox() for _ in WEEKDAYS]
        weekday_page = QWidget()
        weekday_grid = QGridLayout(weekday_page)
        weekday_grid.setContentsMargins(0, 0, 0, 0)
        for weekday, (label, combo) in enumerate(zip(self.weekday_labels, self.weekday_combos, strict=True)):
            combo.currentIndexChanged.connect(lambda _i, w=weekday: self._set_weekday_type(w))
            weekday_grid.addWidget(label, weekday, 0)
            weekday_grid.addWidget(combo, weekday, 1)
        weekday_grid.setColumnStretch(1, 1)
        weekday_grid.setRowStretch(len(WEEKDAYS), 1)
        self.sequence = QListWidget(objectName="cycle-sequence", accessibleName="Day types of the cycle, in order")
        self.sequence.setMaximumHeight(120)
        self.sequence_choice = QComboBox(accessibleName="Day type to add to the cycle")
        self.sequence_add = QPushButton(icon("add"), self.tr("Add"))
        self.sequence_add.clicked.connect(self.add_to_cycle)
        self.sequence_remove = QPushButton(icon("remove"), self.tr("Remove"))
        self.sequence_remove.clicked.connect(self.remove_from_cycle)
        self.sequence_up = QPushButton(self.tr("Up"))
        self.sequence_up.clicked.connect(lambda: self.move_in_cycle(-1))
        self.sequence_down = QPushButton(self.tr("Down"))
        self.sequence_down.clicked.connect(lambda: self.move_in_cycle(1))
        self.restart = QCheckBox(self.tr("Start the cycle again after each holiday"))
        self.restart.toggled.connect(self._set_restart)
        cycle_page = QWidget()
        cycle_box = QVBoxLayout(cycle_page)
        cycle_box.setContentsMargins(0, 0, 0, 0)
        cycle_box.addWidget(self.sequence)
        add_row = QHBoxLayout()
        add_row.addWidget(self.sequence_choice, 1)
        add_row.addWidget(self.sequence_add)
        cycle_box.addLayout(add_row)
        move_row = QHBoxLayout()
        for button in (self.sequence_remove, self.sequence_up, self.sequence_down):
            move_row.addWidget(button)
        cycle_box.addLayout(move_row)
        cycle_box.addWidget(self.restart)
        self.rotation_pages = QStackedWidget()
        self.rotation_pages.addWidget(weekday_page)
        self.rotation_pages.addWidget(cycle_page)
        rotation_box = QGroupBox(self.tr("Rotation"))
        rotation_form = QVBoxLayout(rotation_box)
        rotation_form.addWidget(QLabel(self.tr("School weekdays")))
        weekdays_grid = QGridLayout()
        weekdays_grid.setHorizontalSpacing(6)
        for weekday, check in enumerate(self.weekday_checks):
            weekdays_grid.addWidget(check, weekday // 4, weekday % 4)
        rotation_form.addLayout(weekdays_grid)
        self.rotation_kind.setAccessibleName("Kind of rotation")
        self.rotation_kind.setToolTip(
            "Weekday map: each weekday always has the same day type. Cycle: the day types follow each other, "
            "one per school day, whatever the weekday."
        )
        rotation_form.addWidget(self.rotation_kind)
        rotation_hint = QLabel(
            "Weekends, holidays and days without students never advance a cycle; overrides and special days "
            "change one date's day type without shifting it.",
            objectName="hint",
            wordWrap=True,
        )
        rotation_form.addWidget(rotation_hint)
        rotation_form.addStretch(1)
        days_box = QGroupBox(self.tr("Day types of the rotation"))
        QVBoxLayout(days_box).addWidget(self.rotation_pages)

        self.preview = YearPreview()
        self.legend = QLabel(wordWrap=True, objectName="calendar-legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        preview_box = QGroupBox(self.tr("The year at a glance (hover a date for details)"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.preview, 1)
        preview_layout.addWidget(self.legend)

        self.holidays = RecordTable(["Name", "Start", "End"], 0, "holiday")
        self.holidays.add_button.clicked.connect(self.add_holiday)
        self.holidays.remove_button.clicked.connect(self.remove_holiday)
        self.holidays.table.itemChanged.connect(lambda item: self._set_holiday(item.row(), "name", item.text().strip()))
        self.terms = RecordTable(["Id", "Name", "Start", "End", "Kind"], 1, "term")
        self.terms.add_button.clicked.connect(self.add_term)
        self.terms.remove_button.clicked.connect(self.remove_term)
        self.terms.table.itemChanged.connect(
            lambda item: self._set_term(item.row(), ("id", "name")[item.column()], item.text().strip())
        )
        self.specials = RecordTable(["Date", "Kind", "Day type", "Students", "Bell schedule", "Note"], 5, "special day")
        self.specials.add_button.clicked.connect(self.add_special_day)
        self.specials.remove_button.clicked.connect(self.remove_special_day)
        self.specials.table.itemChanged.connect(lambda item: self._set_special(item.row(), "note", item.text().strip()))
        self.overrides = RecordTable(["Date", "Day type"], 1, "override")
        self.overrides.add_button.clicked.connect(self.add_override)
        self.overrides.remove_button.clicked.connect(self.remove_override)
        year_page = QWidget()
        year_row = QHBoxLayout(year_page)
        year_row.setContentsMargins(4, 0, 4, 4)
        year_row.addWidget(year_box, 1)
        year_row.addWidget(rotation_box, 1)
        year_row.addWidget(days_box, 1)
        year_scroll = QScrollArea()
        year_scroll.setWidget(year_page)
        year_scroll.setWidgetResizable(True)
        year_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tabs = QTabWidget(objectName="calendar-tabs")
        self.tabs.addTab(year_scroll, "Year and rotation")
        for table, title in (
            (self.holidays, "Holidays"),
            (self.terms, "Terms"),
            (self.specials, "Special days"),
            (self.overrides, "Overrides"),
        ):
            self.tabs.addTab(table, title)

        for combo in (self.time_zone, self.rotation_kind, self.sequence_choice, *self.weekday_combos):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(preview_box)
        body.addWidget(self.tabs)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        body.setSizes([320, 330])
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel(self.tr("School-year calendar"), objectName="title"))
        title_row.addWidget(self.scenario_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)
        document.changed.connect(self._on_changed)
        self.refresh()

    # -- showing the calendar ------------------------------------------------------------------------
    @property
    def year(self) -> SchoolYear | None:
        scenario = self.document.scenario
        return scenario.calendar if scenario is not None else None

    def _on_changed(self, kind: str) -> None:
        if kind != TIMETABLE:  # card moves never change the calendar
            self.message.clear()
            self.refresh()

    def _day_type_choices(self, none_label: str | None) -> list[tuple[str, object]]:
        scenario = self.document.scenario
        choices: list[tuple[str, object]] = [(none_label, None)] if none_label is not None else []
        return choices + [(d.name, d.id) for d in (scenario.day_types if scenario else [])]

    def refresh(self) -> None:
        scenario, year = self.document.scenario, self.year
        self.setEnabled(year is not None)
        if scenario is None or year is None:
            self.scenario_label.setText("No scenario open")
            for table in (self.holidays, self.terms, self.specials, self.overrides):
                table.set_rows([])
            self.preview.show_year(None, None)
            self.legend.clear()
            return
        self.scenario_label.setText(f"Scenario: {scenario.name}")
        rotation = year.rotation
        day_choices = self._day_type_choices("(no day type)")
        widgets = [
            self.label,
            self.first_day,
            self.last_day,
            self.time_zone,
            self.rotation_kind,
            self.restart,
            self.sequence_choice,
            *self.weekday_checks,
            *self.weekday_combos,
        ]
        with blocked(*widgets):
            self.label.setText(year.label)
            self.first_day.setDate(_qdate(year.first_day))
            self.last_day.setDate(_qdate(year.last_day))
            self.time_zone.setCurrentText(year.time_zone)
            for weekday, check in enumerate(self.weekday_checks):
                check.setChecked(weekday in rotation.school_weekdays)
            self.rotation_kind.setCurrentIndex(self.rotation_kind.findData(rotation.kind.value))
            self.rotation_pages.setCurrentIndex(1 if rotation.kind == RotationKind.CYCLE else 0)
            for weekday, combo in enumerate(self.weekday_combos):
                combo.clear()
                for label, value in day_choices:
                    combo.addItem(label, value)
                combo.setCurrentIndex(max(0, combo.findData(rotation.weekday_map.get(weekday))))
                shown = weekday in rotation.school_weekdays
                combo.setVisible(shown)
                self.weekday_labels[weekday].setVisible(shown)
            self.sequence_choice.clear()
            for label, value in self._day_type_choices(None):
                self.sequence_choice.addItem(label, value)
            self.restart.setChecked(rotation.restart_after_holidays)
        row = self.sequence.currentRow()
        self.sequence.clear()
        for n, day_type_id in enumerate(rotation.sequence):
            item = QListWidgetItem(f"{n + 1}. {self._day_name(day_type_id)}")
            item.setData(Qt.ItemDataRole.UserRole, day_type_id)
            self.sequence.addItem(item)
        self.sequence.setCurrentRow(min(row, self.sequence.count() - 1))
        self._fill_tables(scenario, year)
        self.preview.show_year(year, scenario)
        self.legend.setText(self.preview.legend_html())

    def _day_name(self, day_type_id: str) -> str:
        scenario = self.document.scenario
        day = next((d for d in scenario.day_types if d.id == day_type_id), None) if scenario else None
        return day.name if day is not None else f"{day_type_id} (unknown)"

    def _fill_tables(self, scenario: Scenario, year: SchoolYear) -> None:
        self.holidays.set_rows(
            [
                [
                    h.name,
                    date_edit(h.start, lambda d, r=r: self._set_holiday(r, "start", d)),
                    date_edit(h.end, lambda d, r=r: self._set_holiday(r, "end", d)),
                ]
                for r, h in enumerate(year.holidays)
            ]
        )
        term_kinds = [(label, kind.value) for kind, label in TERM_KIND_LABELS.items()]
        self.terms.set_rows(
            [
                [
                    t.id,
                    t.name,
                    date_edit(t.start, lambda d, r=r: self._set_term(r, "start", d)),
                    date_edit(t.end, lambda d, r=r: self._set_term(r, "end", d)),
                    choice_combo(term_kinds, t.kind.value, lambda v, r=r: self._set_term(r, "kind", TermKind(v))),
                ]
                for r, t in enumerate(year.terms)
            ]
        )
        special_kinds = [(label, kind.value) for kind, label in SPECIAL_KIND_LABELS.items()]
        day_types = self._day_type_choices("(the rotation's)")
        schedules = [("(the day type's bells)", None), *((b.name, b.id) for b in scenario.bell_schedules)]
        rows: list[list[str | QWidget]] = []
        for r, s in enumerate(year.special_days):
            attend = QCheckBox("attend")
            attend.setChecked(s.students_attend)
            attend.toggled.connect(lambda on, r=r: self._set_special(r, "students_attend", on))
            rows.append(
                [
                    date_edit(s.day, lambda d, r=r: self._set_special(r, "day", d)),
                    choice_combo(special_kinds, s.kind.value, lambda v, r=r: self._set_special(r, "kind", v)),
                    choice_combo(day_types, s.day_type_id, lambda v, r=r: self._set_special(r, "day_type_id", v)),
                    attend,
                    choice_combo(
                        schedules, s.bell_schedule_id, lambda v, r=r: self._set_special(r, "bell_schedule_id", v)
                    ),
                    s.note,
                ]
            )
        self.specials.set_rows(rows)
        overrides = sorted(year.rotation.overrides.items())
        choices = self._day_type_choices(None)
        self.overrides.set_rows(
            [
                [
                    date_edit(day, lambda d, old=day: self._move_override(old, d)),
                    choice_combo(choices, day_type, lambda v, day=day: self._set_override(day, v)),
                ]
                for day, day_type in overrides
            ]
        )
        for index, (title, records) in enumerate(
            (
                ("Holidays", year.holidays),
                ("Terms", year.terms),
                ("Special days", year.special_days),
                ("Overrides", overrides),
            )
        ):
            self.tabs.setTabText(index + 1, f"{title} ({len(records)})")

    # -- editing -----------------------------------------------------------------------------------
    def edit(self, text: str, change: Callable[[SchoolYear], None], *, stale: bool = False) -> bool:
        """Change a copy of the calendar; push it as one undoable step unless it adds a problem."""
        scenario = self.document.scenario
        if scenario is None:
            return False
        year = copy.deepcopy(scenario.calendar)
        try:
            change(year)
        except EditRefused as exc:
            return self._refuse(str(exc))
        if year == scenario.calendar:
            return False
        before = {p.message for p in calendar_problems(scenario.calendar, scenario)}
        new = [p.message for p in calendar_problems(year, scenario) if p.message not in before]
        if new:
            return self._refuse("; ".join(new[:2]))
        self.message.clear()
        self.document.push(CalendarCommand(self.document, scenario, year, text, stale))
        return True

    def _refuse(self, message: str) -> bool:
        """Say why an edit cannot be made; the widgets go back to what the calendar holds."""
        self.refresh()
        self.message.setText(f"Not changed: {message}")
        return False

    def _set_label(self) -> None:
        label = self.label.text().strip()
        self.edit("Rename the school year", lambda y: setattr(y, "label", label))

    def _set_year_field(self, name: str, value: date, what: str) -> None:
        """A new first or last day; terms that began (ended) with the year keep doing so."""
        year = self.year
        end = "start" if name == "first_day" else "end"
        old = getattr(year, name)
        follows = [n for n, t in enumerate(year.terms) if getattr(t, end) == old]

        def change(copy_: SchoolYear) -> None:
            setattr(copy_, name, value)
            for n in follows:
                setattr(copy_.terms[n], end, value)

        self.edit(f"Change the {what}", change, stale=bool(follows))

    def _set_time_zone(self) -> None:
        zone = self.time_zone.currentText().strip()
        self.edit("Change the time zone", lambda y: setattr(y, "time_zone", zone))

    def _set_school_weekdays(self) -> None:
        days = [weekday for weekday, check in enumerate(self.weekday_checks) if check.isChecked()]
        self.edit("Change the school weekdays", lambda y: setattr(y.rotation, "school_weekdays", days))

    def _set_rotation_kind(self, value: object) -> None:
        kind = RotationKind(value)
        ids = [d.id for d in self.document.scenario.day_types]

        def change(year: SchoolYear) -> None:
            rotation = year.rotation
            rotation.kind = kind
            if kind == RotationKind.CYCLE and not rotation.sequence:
                rotation.sequence = list(ids)  # a start: every day type once, in the cycle's order
            if kind == RotationKind.WEEKDAY and not rotation.weekday_map and ids:
                rotation.weekday_map = {w: ids[i % len(ids)] for i, w in enumerate(rotation.school_weekdays)}

        self.edit("Change the rotation", change)

    def _set_weekday_type(self, weekday: int) -> None:
        day_type_id = self.weekday_combos[weekday].currentData()

        def change(year: SchoolYear) -> None:
            if day_type_id is None:
                year.rotation.weekday_map.pop(weekday, None)
            else:
                year.rotation.weekday_map[weekday] = day_type_id

        self.edit(f"{WEEKDAYS[weekday]} follows another day type", change)

    def _set_restart(self, on: bool) -> None:
        text = "Restart the cycle after holidays" if on else "Keep the cycle going after holidays"
        self.edit(text, lambda y: setattr(y.rotation, "restart_after_holidays", on))

    def add_to_cycle(self) -> None:
        day_type_id = self.sequence_choice.currentData()
        if day_type_id is None:
            self._refuse("this scenario has no day types yet (add them in the Block designer).")
            return
        if self.edit("Add a day to the cycle", lambda y: y.rotation.sequence.append(day_type_id)):
            self.sequence.setCurrentRow(self.sequence.count() - 1)

    def remove_from_cycle(self) -> None:
        row = self.sequence.currentRow()
        if row < 0:
            self._refuse("select a day of the cycle first.")
            return
        self.edit("Remove a day from the cycle", lambda y: y.rotation.sequence.pop(row))

    def move_in_cycle(self, step: int) -> None:
        row = self.sequence.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.sequence.count():
            return

        def change(year: SchoolYear) -> None:
            sequence = year.rotation.sequence
            sequence[row], sequence[to] = sequence[to], sequence[row]

        if self.edit("Reorder the cycle", change):
            self.sequence.setCurrentRow(to)

    # holidays, terms, special days, overrides
    def _first_free_day(self, year: SchoolYear, taken: set[date]) -> date:
        day = next((d for d, _ in year.school_days() if d not in taken), None)
        if day is None:
            raise EditRefused("every school day of the year already has one.")
        return day

    def add_holiday(self) -> None:
        def change(year: SchoolYear) -> None:
            day = self._first_free_day(year, set())
            year.holidays.append(Holiday("New holiday", day, day))

        if self.edit("Add a holiday", change):
            self._select_last(self.holidays)

    def remove_holiday(self) -> None:
        row = self._row(self.holidays, "holiday")
        if row >= 0:
            self.edit("Remove a holiday", lambda y: y.holidays.pop(row))

    def _set_holiday(self, row: int, name: str, value: object) -> None:
        self.edit(f"Change a holiday's {name}", lambda y: setattr(y.holidays[row], name, value))

    def add_term(self) -> None:
        def change(year: SchoolYear) -> None:
            term_id = new_id((t.id for t in year.terms), "T")
            year.terms.append(Term(term_id, "New term", year.first_day, year.last_day, TermKind.TERM))

        if self.edit("Add a term", change, stale=True):
            self._select_last(self.terms)

    def remove_term(self) -> None:
        row = self._row(self.terms, "term")
        if row >= 0:
            self.edit("Remove a term", lambda y: y.terms.pop(row), stale=True)

    def _set_term(self, row: int, name: str, value: object) -> None:
        self.edit(f"Change a term's {name}", lambda y: setattr(y.terms[row], name, value), stale=True)

    def add_special_day(self) -> None:
        def change(year: SchoolYear) -> None:
            day = self._first_free_day(year, {s.day for s in year.special_days})
            year.special_days.append(SpecialDay(day, SpecialDayKind.OTHER))

        self.edit("Add a special day", change)

    def remove_special_day(self) -> None:
        row = self._row(self.specials, "special day")
        if row >= 0:
            self.edit("Remove a special day", lambda y: y.special_days.pop(row))

    def _set_special(self, row: int, name: str, value: object) -> None:
        def change(year: SchoolYear) -> None:
            special = year.special_days[row]
            if name == "kind":
                special.kind = SpecialDayKind(value)
                if special.kind == SpecialDayKind.PD:
                    special.students_attend = False  # adults in, students out
            else:
                setattr(special, name, value)

        self.edit(f"Change a special day's {name.replace('_id', '').replace('_', ' ')}", change)

    def add_override(self) -> None:
        scenario = self.document.scenario

        def change(year: SchoolYear) -> None:
            ids = [d.id for d in scenario.day_types]
            if not ids:
                raise EditRefused("this scenario has no day types yet (add them in the Block designer).")
            day = self._first_free_day(year, set(year.rotation.overrides))
            usual = dict(year.school_days())[day]
            year.rotation.overrides[day] = next((i for i in ids if i != usual), ids[0])

        self.edit("Add an override", change)

    def remove_override(self) -> None:
        row = self._row(self.overrides, "override")
        if row >= 0:
            day = sorted(self.year.rotation.overrides)[row]
            self.edit("Remove an override", lambda y: y.rotation.overrides.pop(day))

    def _move_override(self, old: date, new: date) -> None:
        def change(year: SchoolYear) -> None:
            overrides = year.rotation.overrides
            if new in overrides and new != old:
                raise EditRefused(f"there already is an override on {new.isoformat()}; change that one instead.")
            overrides[new] = overrides.pop(old)

        self.edit("Move an override", change)

    def _set_override(self, day: date, day_type_id: object) -> None:
        self.edit("Change an override", lambda y: y.rotation.overrides.__setitem__(day, day_type_id))

    def _row(self, table: RecordTable, what: str) -> int:
        row = table.current_row()
        if row < 0:
            self._refuse(f"select the {what} to remove first (click its row number).")
        return row

    @staticmethod
    def _select_last(table: RecordTable) -> None:
        table.table.selectRow(table.table.rowCount() - 1)
