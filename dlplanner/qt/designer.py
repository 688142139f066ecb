"""The block-schedule designer: each bell schedule as a vertical timeline drawn to scale.

Blocks are dragged to move and dragged by their top or bottom edge to resize, snapping to 5
minutes; kind and label are edited beside the timeline; templates replace a schedule's blocks.
Every change is one :class:`BlocksCommand`, which also moves meetings that no longer fit the
new bells into the unscheduled tray (and back on undo) — nothing is dropped silently.
The Day types tab adds day types to the cycle and removes them (after a confirmation; refused
while the calendar's rotation or another record names the day type).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import BellSchedule, Block, BlockKind, DayType, fmt_time
from dlplanner.domain.editing import day_type_removal_refusal, new_id, rotation_uses, snap
from dlplanner.qt.commands import BlocksCommand, DayScheduleCommand, InsertRecordCommand, RemoveDayTypeCommand
from dlplanner.qt.document import Document
from dlplanner.qt.style import KIND_COLORS, KIND_LABELS, icon
from dlplanner.qt.tables import ParseError, parse_clock
from dlplanner.services.editing import BELL_TEMPLATES

EDGE = 6  # pixels from a block's top or bottom edge that resize instead of move


def confirm_removal(parent: QWidget, text: str) -> bool:
    """Ask before removing a day type (the default; tests replace it)."""
    answer = QMessageBox.question(
        parent,
        "Remove day type?",
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def explain_refusal(parent: QWidget, text: str) -> None:
    """Say why a day type cannot be removed (the default; tests replace it)."""
    QMessageBox.warning(parent, "Cannot remove day type", text)


def _block_name(block: Block) -> str:
    label = block.label or KIND_LABELS[block.kind]
    return f"{label} ({fmt_time(block.start)}–{fmt_time(block.end)})"


def overlap_message(blocks: list[Block]) -> str | None:
    """Which two blocks overlap, in words (None: none do); touching blocks are fine."""
    ordered = sorted(blocks, key=lambda b: (b.start, b.end))
    for first, second in itertools.pairwise(ordered):
        if second.start < first.end:
            return f"{_block_name(first)} would overlap {_block_name(second)}"
    return None


class Timeline(QGraphicsView):
    """One bell schedule to scale; emits the edited block list when a drag ends."""

    blocks_edited = Signal(list, str)  # new blocks, undo text
    block_selected = Signal(object)  # block id or None

    HEADER = 8
    AXIS = 52

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setMouseTracking(True)
        self.blocks: list[Block] = []
        self.items_by_id: dict[str, QGraphicsRectItem] = {}
        self.selected: str | None = None
        self._t0, self._t1, self._ppm, self._width = 7 * 60, 17 * 60, 1.0, 320.0
        self._drag: tuple[str, str, float, int, int] | None = None  # block id, mode, press y, start, end

    def y_of(self, minutes: float) -> float:
        return self.HEADER + (minutes - self._t0) * self._ppm

    def show_blocks(self, blocks: list[Block]) -> None:
        self.blocks = [dataclasses.replace(b) for b in blocks]
        scene = self.scene()
        scene.clear()
        self.items_by_id = {}
        starts = [b.start for b in blocks] or [8 * 60]
        ends = [b.end for b in blocks] or [15 * 60]
        self._t0 = int(math.floor((min(starts) - 30) / 60) * 60)
        self._t1 = int(math.ceil((max(ends) + 30) / 60) * 60)
        height = max(self.viewport().height() - 2 * self.HEADER, 360)
        self._ppm = max(0.9, height / (self._t1 - self._t0))
        self._width = max(260.0, min(460.0, self.viewport().width() - self.AXIS - 30))
        for t in range(self._t0, self._t1 + 1, 15):
            y = self.y_of(t)
            pen = QPen(QColor("#c9d1dc") if t % 60 == 0 else QColor("#eceff4"), 1)
            scene.addLine(self.AXIS - (8 if t % 60 == 0 else 3), y, self.AXIS + self._width, y, pen)
            if t % 60 == 0 or self._ppm * 15 >= 16:
                label = scene.addSimpleText(fmt_time(t))
                label.setBrush(QColor("#5b6878" if t % 60 == 0 else "#9aa5b3"))
                label.setPos(2, y - 7)
        bold = QFont()
        bold.setBold(True)
        for block in sorted(self.blocks, key=lambda b: b.start):
            rect = QRectF(self.AXIS, self.y_of(block.start), self._width, block.minutes * self._ppm)
            item = scene.addRect(rect, QPen(QColor("#7d8ba0"), 1), QBrush(QColor(KIND_COLORS[block.kind])))
            item.setData(0, block.id)
            item.setZValue(2)
            item.setToolTip(f"{block.label or KIND_LABELS[block.kind]} {fmt_time(block.start)}–{fmt_time(block.end)}")
            self.items_by_id[block.id] = item
            if rect.height() >= 13:
                font = QFont(bold) if block.kind != BlockKind.PASSING else QFont()
                words = f"{block.label or KIND_LABELS[block.kind]} · {fmt_time(block.start)}–{fmt_time(block.end)}"
                words += f" · {block.minutes} min"
                elided = QFontMetrics(font).elidedText(words, Qt.TextElideMode.ElideRight, int(self._width - 16))
                text = QGraphicsSimpleTextItem(elided, item)
                text.setFont(font)
                text.setPos(rect.left() + 8, rect.top() + min(4, (rect.height() - 15) / 2))
        self.scene().setSceneRect(QRectF(0, 0, self.AXIS + self._width + 10, self.y_of(self._t1) + self.HEADER))
        self.select(self.selected)

    def select(self, block_id: str | None) -> None:
        self.selected = block_id if block_id in self.items_by_id else None
        for bid, item in self.items_by_id.items():
            item.setPen(QPen(QColor("#1d4f91"), 2.5) if bid == self.selected else QPen(QColor("#7d8ba0"), 1))
        self.block_selected.emit(self.selected)

    def _block_item_at(self, pos: QPointF) -> QGraphicsRectItem | None:
        for item in self.scene().items(pos):
            if isinstance(item, QGraphicsRectItem) and item.data(0):
                return item
        return None

    def _mode(self, item: QGraphicsRectItem, pos: QPointF) -> str:
        """ "top" / "bottom" near an edge (a drag there resizes), else "select" (a press only selects:
        a block is never dragged across the others; its times are typed under "Selected block")."""
        rect = item.rect()
        if pos.y() - rect.top() <= EDGE:
            return "top"
        if rect.bottom() - pos.y() <= EDGE:
            return "bottom"
        return "select"

    def mousePressEvent(self, event: object) -> None:
        pos = self.mapToScene(event.position().toPoint())
        item = self._block_item_at(pos)
        if item is None or event.button() != Qt.MouseButton.LeftButton:
            self.select(None)
            return
        block = next(b for b in self.blocks if b.id == item.data(0))
        self.select(block.id)
        mode = self._mode(item, pos)
        if mode != "select":
            self._drag = (block.id, mode, pos.y(), block.start, block.end)

    def mouseMoveEvent(self, event: object) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self._drag is None:
            item = self._block_item_at(pos)
            mode = self._mode(item, pos) if item else ""
            cursor = Qt.CursorShape.SizeVerCursor if mode in ("top", "bottom") else Qt.CursorShape.ArrowCursor
            self.viewport().setCursor(cursor)
            return
        block_id, mode, y0, start, end = self._drag
        start, end = self.dragged_span(mode, (pos.y() - y0) / self._ppm, start, end)
        item = self.items_by_id[block_id]
        item.setRect(QRectF(self.AXIS, self.y_of(start), self._width, (end - start) * self._ppm))
        item.setToolTip(f"{fmt_time(start)}–{fmt_time(end)}")

    @staticmethod
    def dragged_span(mode: str, delta_minutes: float, start: int, end: int) -> tuple[int, int]:
        """The block's new times for a drag of ``delta_minutes`` (snapped to 5; at least 5 minutes long)."""
        if mode == "move":
            shift = snap(delta_minutes)
            return start + shift, end + shift
        if mode == "top":
            return min(snap(start + delta_minutes), end - 5), end
        return start, max(snap(end + delta_minutes), start + 5)

    def mouseReleaseEvent(self, event: object) -> None:
        if self._drag is None:
            return
        block_id, mode, y0, start, end = self._drag
        self._drag = None
        pos = self.mapToScene(event.position().toPoint())
        new_start, new_end = self.dragged_span(mode, (pos.y() - y0) / self._ppm, start, end)
        if (new_start, new_end) != (start, end):
            self.blocks_edited.emit(self.with_times(block_id, new_start, new_end), "Resize block")
        else:
            self.show_blocks(self.blocks)

    def with_times(self, block_id: str, start: int, end: int) -> list[Block]:
        return [dataclasses.replace(b, start=start, end=end) if b.id == block_id else b for b in self.blocks]

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self.show_blocks(self.blocks)


class DesignerPage(QWidget):
    """Bell schedule picker, templates, the timeline, the selected block's fields and minutes per kind."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.schedule_combo = QComboBox(accessibleName="Bell schedule shown")
        self.schedule_combo.currentIndexChanged.connect(self.refresh)
        self.used_by = QLabel(objectName="hint", wordWrap=True)
        self.template_combo = QComboBox(accessibleName="Bell schedule template")
        self.template_combo.addItems(list(BELL_TEMPLATES))
        apply_template = QPushButton(self.tr("Apply template"))
        apply_template.clicked.connect(lambda: self.apply_template(self.template_combo.currentText()))
        add = QPushButton(icon("add"), self.tr("Add block"))
        add.clicked.connect(self.add_block)
        remove = QPushButton(icon("remove"), self.tr("Delete block"))
        remove.clicked.connect(self.delete_block)
        self.kind = QComboBox()
        for kind in BlockKind:
            self.kind.addItem(KIND_LABELS[kind], kind.value)
        self.label = QLineEdit()
        self.start = QLineEdit()
        self.end = QLineEdit()
        for field in (self.start, self.end):
            field.setPlaceholderText("8:30")
            field.setMaximumWidth(90)
        self.kind.activated.connect(lambda _i: self._edit_selected())
        for field in (self.label, self.start, self.end):
            field.editingFinished.connect(self._edit_selected)
        self.timeline = Timeline()
        self.timeline.blocks_edited.connect(self._push)
        self.timeline.block_selected.connect(self._show_block)
        self.minutes = QTableWidget(0, 3)
        self.minutes.setHorizontalHeaderLabels(["Kind", "This day", "Per cycle"])
        self.minutes.verticalHeader().setVisible(False)
        self.minutes.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.minutes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(objectName="hint", wordWrap=True)

        schedule_box = QGroupBox(self.tr("Bell schedule"))
        schedule_form = QFormLayout(schedule_box)
        schedule_form.addRow(self.schedule_combo)
        schedule_form.addRow(self.used_by)
        templates_row = QHBoxLayout()
        templates_row.addWidget(self.template_combo, 1)
        templates_row.addWidget(apply_template)
        schedule_form.addRow(self.tr("Template"), templates_row)
        block_box = QGroupBox(self.tr("Selected block"))
        block_form = QFormLayout(block_box)
        block_form.addRow(self.tr("Kind"), self.kind)
        block_form.addRow(self.tr("Label"), self.label)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel(self.tr("to")))
        self.start.setAccessibleName("Block starts at")
        self.end.setAccessibleName("Block ends at")
        times.addWidget(self.end)
        times.addStretch(1)
        block_form.addRow(self.tr("Time"), times)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        block_form.addRow(buttons)
        hint = QLabel(
            "Drag a block to move it, drag its top or bottom edge to resize (5-minute snap).", objectName="hint"
        )
        hint.setWordWrap(True)
        block_form.addRow(hint)
        self.days = QTableWidget(0, 2)
        self.days.setHorizontalHeaderLabels(["Day type", "Follows bell schedule"])
        self.days.verticalHeader().setVisible(False)
        self.days.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.days.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.days.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.days.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.confirm: Callable[[QWidget, str], bool] = confirm_removal
        self.explain: Callable[[QWidget, str], None] = explain_refusal
        add_day = QPushButton(icon("add"), self.tr("Add day type"))
        add_day.clicked.connect(self.add_day_type)
        remove_day = QPushButton(icon("remove"), self.tr("Remove day type"))
        remove_day.clicked.connect(lambda: self.remove_day_type())
        day_buttons = QHBoxLayout()
        day_buttons.addWidget(add_day)
        day_buttons.addWidget(remove_day)
        copy_button = QPushButton(icon("add"), self.tr("New bell schedule (copy of this one)"))
        copy_button.clicked.connect(self.copy_schedule)
        days_page = QWidget()
        days_layout = QVBoxLayout(days_page)
        days_layout.setContentsMargins(0, 4, 0, 0)
        days_layout.addWidget(self.days, 1)
        days_layout.addLayout(day_buttons)
        days_layout.addWidget(copy_button)
        self.tabs = minutes_box = QTabWidget()
        minutes_box.addTab(self.minutes, "Minutes per kind")
        minutes_box.addTab(days_page, "Day types")
        side = QVBoxLayout()
        side.addWidget(schedule_box)
        side.addWidget(block_box)
        side.addWidget(minutes_box, 1)
        side.addWidget(self.message)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(330)
        side_widget.setMaximumWidth(440)
        body = QHBoxLayout()
        body.addWidget(side_widget)
        body.addWidget(self.timeline, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Block-schedule designer"), objectName="title"))
        layout.addLayout(body, 1)
        document.changed.connect(lambda _kind: self.refresh())

    # -- state -----------------------------------------------------------------------------------
    def schedule(self) -> BellSchedule | None:
        scenario = self.document.scenario
        schedule_id = self.schedule_combo.currentData()
        if scenario is None or schedule_id is None:
            return None
        return next((b for b in scenario.bell_schedules if b.id == schedule_id), None)

    def refresh(self) -> None:
        scenario = self.document.scenario
        current = self.schedule_combo.currentData()
        self.schedule_combo.blockSignals(True)
        self.schedule_combo.clear()
        for schedule in scenario.bell_schedules if scenario else []:
            self.schedule_combo.addItem(schedule.name, schedule.id)
        self.schedule_combo.setCurrentIndex(max(0, self.schedule_combo.findData(current)))
        self.schedule_combo.blockSignals(False)
        schedule = self.schedule()
        self.timeline.show_blocks(schedule.blocks if schedule else [])
        if scenario and schedule:
            days = [d.name for d in scenario.day_types if d.bell_schedule_id == schedule.id]
            self.used_by.setText(f"Used by: {', '.join(days)}" if days else "Not used by any day type")
        self._fill_minutes()
        self._fill_days()

    def _fill_days(self) -> None:
        scenario = self.document.scenario
        days = scenario.day_types if scenario else []
        self.days.setRowCount(len(days))
        for row, day in enumerate(days):
            self.days.setItem(row, 0, QTableWidgetItem(day.name))
            combo = QComboBox()
            for schedule in scenario.bell_schedules:
                combo.addItem(schedule.name, schedule.id)
            combo.setCurrentIndex(max(0, combo.findData(day.bell_schedule_id)))
            combo.activated.connect(lambda _i, d=day, c=combo: self.assign(d.id, c.currentData()))
            self.days.setCellWidget(row, 1, combo)

    def assign(self, day_type_id: str, schedule_id: str) -> None:
        """Make a day type follow another bell schedule (meetings that no longer fit go to the tray)."""
        scenario = self.document.scenario
        day = scenario.day_type(day_type_id) if scenario else None
        if day is None or day.bell_schedule_id == schedule_id:
            return
        before = len(scenario.solution.placements)
        self.document.push(DayScheduleCommand(self.document, scenario, day, schedule_id))
        self._report_moved(before - len(scenario.solution.placements))

    def add_day_type(self) -> DayType | None:
        """A new day at the end of the cycle, following the bell schedule shown, named "Day N"."""
        scenario = self.document.scenario
        if scenario is None or not scenario.bell_schedules:
            return None
        schedule = self.schedule() or scenario.bell_schedules[0]
        names = {d.name for d in scenario.day_types}
        n = len(scenario.day_types) + 1
        while f"Day {n}" in names:
            n += 1
        day = DayType(new_id((d.id for d in scenario.day_types), "day"), f"Day {n}", schedule.id)
        command = InsertRecordCommand(self.document, scenario.day_types, len(scenario.day_types), day, scenario)
        command.setText(f"Add day type {day.name}")
        self.document.push(command)
        self.days.selectRow(len(scenario.day_types) - 1)
        self.message.setText(
            f"Added {day.name} (follows {schedule.name}) at the end of the cycle; "
            "add it to the calendar's rotation so that it gets dates."
        )
        return day

    def remove_day_type(self, day_type_id: str | None = None) -> bool:
        """Remove a day type (the selected row) after a confirmation naming what it takes with it.

        Its meetings go to the unscheduled tray; refused, with the reason, while the calendar's
        rotation, a special day, an internship or an advisory names it. Undo puts it all back.
        """
        scenario, project = self.document.scenario, self.document.project
        if scenario is None or project is None:
            return False
        if day_type_id is None:
            row = self.days.currentRow()
            if not 0 <= row < len(scenario.day_types):
                self.message.setText("Select a day type in the list first.")
                return False
            day_type_id = scenario.day_types[row].id
        day = scenario.day_type(day_type_id)
        refusal = day_type_removal_refusal(project, scenario, day_type_id)
        if refusal is not None:
            self.message.setText(refusal)
            self.explain(self, refusal)
            return False
        placed = sum(1 for p in scenario.solution.placements if p.day_type_id == day_type_id)
        in_rotation = len(rotation_uses(scenario, day_type_id))  # 0 here: a named day type is refused above
        question = (
            f"Remove day type {day.name} from the cycle?\n\n"
            f"{placed} meeting(s) placed on it go to the unscheduled tray; "
            f"{in_rotation} rotation entr{'y' if in_rotation == 1 else 'ies'} use it.\n"
            "Edit → Undo puts everything back."
        )
        if not self.confirm(self, question):
            return False
        self.document.push(RemoveDayTypeCommand(self.document, scenario, day))
        self.message.setText(
            f"Removed {day.name}; {placed} meeting(s) went to the unscheduled tray."
            if placed
            else f"Removed {day.name}."
        )
        return True

    def copy_schedule(self) -> None:
        """A new bell schedule to edit, starting as a copy of the one shown (assign it to day types after)."""
        scenario, schedule = self.document.scenario, self.schedule()
        if scenario is None or schedule is None:
            return
        copied = BellSchedule(
            new_id((b.id for b in scenario.bell_schedules), "bells"),
            f"{schedule.name} (copy)",
            [dataclasses.replace(b) for b in schedule.blocks],
        )
        self.document.push(
            InsertRecordCommand(self.document, scenario.bell_schedules, len(scenario.bell_schedules), copied, None)
        )
        self.schedule_combo.setCurrentIndex(self.schedule_combo.findData(copied.id))

    def _fill_minutes(self) -> None:
        scenario, schedule = self.document.scenario, self.schedule()
        kinds = [k for k in BlockKind if schedule and (schedule.minutes_of(k) or scenario.minutes_per_cycle(k))]
        self.minutes.setRowCount(len(kinds))
        for row, kind in enumerate(kinds):
            self.minutes.setItem(row, 0, QTableWidgetItem(KIND_LABELS[kind]))
            for col, value in ((1, schedule.minutes_of(kind)), (2, scenario.minutes_per_cycle(kind))):
                item = QTableWidgetItem(f"{value:,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.minutes.setItem(row, col, item)
                item.setBackground(QColor(KIND_COLORS[kind]))
            self.minutes.item(row, 0).setBackground(QColor(KIND_COLORS[kind]))

    def _show_block(self, block_id: str | None) -> None:
        block = next((b for b in self.timeline.blocks if b.id == block_id), None)
        for widget in (self.kind, self.label, self.start, self.end):
            widget.setEnabled(block is not None)
            widget.blockSignals(True)
        if block is not None:
            self.kind.setCurrentIndex(self.kind.findData(block.kind.value))
            self.label.setText(block.label)
            self.start.setText(fmt_time(block.start))
            self.end.setText(fmt_time(block.end))
        else:  # nothing selected (or the block was deleted): show nothing rather than a stale block
            self.kind.setCurrentIndex(-1)
            for field in (self.label, self.start, self.end):
                field.clear()
        for widget in (self.kind, self.label, self.start, self.end):
            widget.blockSignals(False)

    # -- edits -----------------------------------------------------------------------------------
    def _push(self, blocks: list[Block], text: str) -> bool:
        """Apply an edit of the block list as one undo step; an edit making two blocks overlap is refused."""
        scenario, schedule = self.document.scenario, self.schedule()
        if scenario is None or schedule is None:
            return False
        clash = overlap_message(blocks)
        if clash is not None:
            self.message.setText(f"⚠ {clash}. Nothing was changed: blocks may touch but not overlap.")
            self.timeline.show_blocks(schedule.blocks)  # the dragged edge goes back
            return False
        before = len(scenario.solution.placements)
        self.document.push(BlocksCommand(self.document, scenario, schedule, blocks, f"{text} ({schedule.name})"))
        self._report_moved(before - len(scenario.solution.placements))
        return True

    def _report_moved(self, moved: int) -> None:
        self.message.setText(f"{moved} meeting(s) no longer fit and went to the unscheduled tray." if moved else "")

    def _edit_selected(self) -> None:
        block_id = self.timeline.selected
        block = next((b for b in self.timeline.blocks if b.id == block_id), None)
        if block is None:
            return
        try:
            start, end = parse_clock(self.start.text()), parse_clock(self.end.text())
        except ParseError:
            start = end = 0
        if end <= start:
            self.message.setText("Times are like 8:30, and a block ends after it starts.")
            self._show_block(block_id)
            return
        changed = dataclasses.replace(
            block,
            kind=BlockKind(self.kind.currentData()),
            label=self.label.text().strip(),
            start=snap(start),
            end=snap(end),
        )
        if changed != block:
            self.edit_block(changed)

    def edit_block(self, changed: Block) -> None:
        self._push([changed if b.id == changed.id else b for b in self.timeline.blocks], "Edit block")
        self.timeline.select(changed.id)

    def move_block(self, block_id: str, start: int, end: int) -> None:
        """Give a block new times (what a drag does), snapped to 5 minutes."""
        self._push(self.timeline.with_times(block_id, snap(start), snap(end)), "Move block")

    def add_block(self) -> None:
        blocks = self.timeline.blocks
        start = max((b.end for b in blocks), default=8 * 60)
        block = Block(new_id((b.id for b in blocks), "block"), start, start + 50, BlockKind.CLASS, "New block")
        self._push([*blocks, block], "Add block")
        self.timeline.select(block.id)

    def delete_block(self) -> None:
        block_id = self.timeline.selected
        if block_id is not None:
            self._push([b for b in self.timeline.blocks if b.id != block_id], "Delete block")

    def apply_template(self, name: str) -> None:
        self._push(BELL_TEMPLATES[name](), f"Template {name}")
