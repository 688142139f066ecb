"""The board pages (entity board with its picker, master board) and the side panels around them.

The unscheduled tray lists meetings without a place (drag one onto a board, or place it at the
first slot that breaks nothing); the conflicts panel lists every broken hard rule of the
timetable, the selected card's first, with the records named and one click away.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain.editing import MoveChecker, Target, fitting_rooms, start_times, unscheduled_meetings
from dlplanner.qt.board import LEGEND, MEETING_MIME, BoardView, EntityBoard, MasterBoard
from dlplanner.qt.document import DATA, PROJECT, SCENARIO, Document
from dlplanner.qt.rule_words import rule_name, rule_tooltip
from dlplanner.qt.style import icon

DRAG_HINT = QT_TRANSLATE_NOOP(
    "BoardPage",
    "Drag a card (or Tab to it, Enter, arrow keys, Enter): green cells fit, red cells break a hard rule. "
    "Right-click a card to pin it.",
)
KINDS = [
    ("cohort", QT_TRANSLATE_NOOP("BoardPage", "Cohort")),
    ("teacher", QT_TRANSLATE_NOOP("BoardPage", "Teacher")),
    ("room", QT_TRANSLATE_NOOP("BoardPage", "Room")),
    ("student", QT_TRANSLATE_NOOP("BoardPage", "Student")),
]


def _tr(text: str) -> str:
    """A string marked with QT_TRANSLATE_NOOP above, in the interface's language."""
    return QCoreApplication.translate("BoardPage", text)


def _color_combo(board: BoardView) -> QComboBox:
    combo = QComboBox(accessibleName=QCoreApplication.translate("BoardPage", "Colour cards by"))
    combo.addItem(QCoreApplication.translate("BoardPage", "Colour by subject"), "subject")
    combo.addItem(QCoreApplication.translate("BoardPage", "Colour by pathway"), "pathway")

    def changed() -> None:
        board.color_by = combo.currentData()
        board.refresh()

    combo.currentIndexChanged.connect(changed)
    return combo


def _hint_label() -> QLabel:
    """The drag feedback line under a board: never widens the window, says what a drop would break."""
    label = QLabel(_tr(DRAG_HINT))
    label.setObjectName("hint")
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class Legend(QWidget):
    """What the board's colours and marks mean: one swatch and name each, the explanation as tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("legend")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10)
        self.entries: list[QLabel] = []
        for color, name, explanation in LEGEND:
            swatch = QLabel()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background: {color.name()}; border: 1px solid {color.darker(130).name()};")
            swatch.setToolTip(explanation)
            label = QLabel(name)
            label.setToolTip(explanation)
            row.addWidget(swatch)
            row.addWidget(label)
            self.entries.append(label)
        row.addStretch(1)


class BoardPage(QWidget):
    """The day-type × time board for one cohort, teacher or room, picked from a list."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.board = EntityBoard(document)
        self.kind_combo = QComboBox(accessibleName=self.tr("Show the board of a"))
        for kind, label in KINDS:
            self.kind_combo.addItem(_tr(label), kind)
        self.record_combo = QComboBox(accessibleName=self.tr("Cohort, teacher, room or student shown"))
        self.record_combo.setMinimumContentsLength(18)
        self.record_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hint = _hint_label()
        top = QHBoxLayout()
        title = QLabel(self.tr("Timetable board"), objectName="title")
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.kind_combo)
        top.addWidget(self.record_combo, 1)
        top.addWidget(_color_combo(self.board))
        top.addStretch(1)
        self.legend = Legend()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.board, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint)
        self.kind_combo.currentIndexChanged.connect(self._fill_records)
        self.record_combo.currentIndexChanged.connect(self._apply_filter)
        self.board.target_hovered.connect(self._show_target)
        document.changed.connect(self._on_changed)

    def _on_changed(self, kind: str) -> None:
        if kind in (PROJECT, SCENARIO, DATA) or self.record_combo.count() == 0:
            self._fill_records()  # DATA too: an added, renamed or removed cohort shows in the list at once

    def _fill_records(self) -> None:
        project = self.document.project
        kind = self.kind_combo.currentData()
        current = self.record_combo.currentData()
        records = (
            {
                "cohort": project.cohorts,
                "teacher": project.teachers,
                "room": project.rooms,
                "student": project.students,
            }[kind]
            if project
            else []
        )
        wanted = [(r.name, r.id) for r in records]
        shown = [
            (self.record_combo.itemText(i), self.record_combo.itemData(i)) for i in range(self.record_combo.count())
        ]
        if wanted == shown and wanted and self.board.filter_kind == kind:
            return  # a data edit that left this list alone: nothing to redo
        self.record_combo.blockSignals(True)
        self.record_combo.clear()
        for name, record_id in wanted:
            self.record_combo.addItem(name, record_id)
        index = self.record_combo.findData(current)
        self.record_combo.setCurrentIndex(max(index, 0))
        self.record_combo.blockSignals(False)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.board.set_filter(self.kind_combo.currentData(), self.record_combo.currentData())

    def show_record(self, kind: str, record_id: str) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.record_combo.setCurrentIndex(max(0, self.record_combo.findData(record_id)))

    def _show_target(self, target: Target | None, conflicts: list) -> None:
        if target is None:
            self.hint.setText(_tr(DRAG_HINT))
        elif conflicts:
            self.hint.setText(f"✗ {conflicts[0].message}" + (f" (+{len(conflicts) - 1})" if len(conflicts) > 1 else ""))
        else:
            self.hint.setText(self.tr("✓ fits: no hard rule broken"))


class MasterPage(QWidget):
    """All teachers (or rooms) against every block of the cycle."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.board = MasterBoard(document)
        self.rows_combo = QComboBox(accessibleName=self.tr("Rows of the master board"))
        self.rows_combo.addItem(self.tr("Rows: teachers"), "teacher")
        self.rows_combo.addItem(self.tr("Rows: rooms"), "room")
        self.rows_combo.currentIndexChanged.connect(lambda: self.board.set_rows(self.rows_combo.currentData()))
        self.hint = _hint_label()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Master board"), objectName="title"))
        top.addSpacing(12)
        top.addWidget(self.rows_combo)
        top.addWidget(_color_combo(self.board))
        top.addStretch(1)
        self.legend = Legend()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.board, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint)
        self.board.target_hovered.connect(
            lambda target, conflicts: self.hint.setText(
                _tr(DRAG_HINT) if target is None else (f"✗ {conflicts[0].message}" if conflicts else self.tr("✓ fits"))
            )
        )


class _TrayList(QListWidget):
    """Unscheduled meetings; dragging one carries (section id, meeting) to a board."""

    def startDrag(self, supported: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None:
            return
        section_id, meeting = item.data(Qt.ItemDataRole.UserRole)
        mime = QMimeData()
        mime.setData(MEETING_MIME, f"{section_id}|{meeting}".encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.MoveAction)


class UnscheduledTray(QWidget):
    def __init__(self, document: Document, board: BoardView) -> None:
        super().__init__()
        self.document, self.board = document, board
        self.list = _TrayList()
        self.list.setDragEnabled(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.place_button = QPushButton(icon("add"), self.tr("Place at first free slot"))
        self.place_button.clicked.connect(self.place_selected)
        self.count = QLabel(objectName="hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.place_button)
        document.changed.connect(lambda _kind: self.refresh())

    def refresh(self) -> None:
        self.list.clear()
        scenario = self.document.scenario
        missing = unscheduled_meetings(scenario) if scenario else []
        names = {s.id: s for s in scenario.sections} if scenario else {}
        for section_id, meeting in missing:
            section = names[section_id]
            item = QListWidgetItem(
                icon("tray"), f"{section.name} — meeting {meeting + 1} of {section.meetings_per_cycle}"
            )
            item.setData(Qt.ItemDataRole.UserRole, (section_id, meeting))
            self.list.addItem(item)
        self.count.setText(
            f"{len(missing)} meeting(s) without a place (unscheduled)"
            if missing
            else "Unscheduled: none, every meeting is placed"
        )
        self.place_button.setEnabled(bool(missing))

    def first_free_target(self, section_id: str, meeting: int) -> Target | None:
        """The first day/time/room where the meeting breaks no hard rule."""
        scenario, project = self.document.scenario, self.document.project
        if scenario is None or project is None:
            return None
        section = scenario.section(section_id)
        draft = self.board.draft_placement(section, meeting)
        checker = MoveChecker(project, scenario, draft, self.document.index())
        rooms = fitting_rooms(project, section)
        for day in scenario.day_types:
            for start in start_times(scenario, section, day.id):
                for room in rooms or [None]:
                    target = Target(day.id, start, room)
                    if not checker.conflicts(target):
                        return target
        return None

    def place_selected(self) -> bool:
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return False
        section_id, meeting = item.data(Qt.ItemDataRole.UserRole)
        target = self.first_free_target(section_id, meeting)
        if target is None:
            self.count.setText(self.tr("No free slot breaks no rule; drag it onto the board to choose one"))
            return False
        return self.board.place_meeting(section_id, meeting, target)


class _ListPanel(QWidget):
    """A one-line summary over a list of messages: the shape of the conflicts and problems panels."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.summary = QLabel(objectName="hint", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)


class ConflictsPanel(_ListPanel):
    """Every broken hard rule of the timetable; the selected card's come first."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.selected = None
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        document.changed.connect(lambda _kind: self.refresh())
        document.card_selected.connect(self._card_selected)

    def _card_selected(self, key: object) -> None:
        self.selected = key
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        conflicts = self.document.conflicts() if self.document.scenario else {}
        ordered = sorted(conflicts.items(), key=lambda kv: (kv[0] != self.selected, kv[0]))
        total = 0
        for key, violations in ordered:
            for violation in violations:
                total += 1
                item = QListWidgetItem(icon("error"), f"{rule_name(violation.rule_id)}: {violation.message}")
                named = ", ".join(f"{r.kind} {r.name}" for r in violation.records)
                words = rule_tooltip(violation.rule_id)
                item.setToolTip(f"{violation.message}\nRecords: {named}\n{words}\nClick to select the card")
                item.setData(Qt.ItemDataRole.UserRole, key)
                if key == self.selected:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.list.addItem(item)
        self.summary.setText(
            f"{total} broken hard rule(s) on {len(conflicts)} card(s)" if total else "No card breaks a hard rule"
        )

    def _activate(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key is not None and key != self.selected:
            self.document.select_card(tuple(key))


class ProblemsPanel(_ListPanel):
    """Pre-solve validation of the current scenario; clicking a problem shows the record it names."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.list.itemClicked.connect(self._activate)
        document.problems_changed.connect(self.refresh)

    def refresh(self) -> None:
        self.list.clear()
        problems = self.document.problems
        for problem in problems:
            severe = getattr(problem.severity, "value", "") == "error"
            item = QListWidgetItem(icon("error" if severe else "warning"), problem.message)
            refs = [(r.kind, r.id) for r in problem.records]
            item.setData(Qt.ItemDataRole.UserRole, refs)
            item.setToolTip(self.tr("Click to show: ") + ", ".join(f"{r.kind} {r}" for r in problem.records))
            self.list.addItem(item)
        errors = sum(1 for p in problems if getattr(p.severity, "value", "") == "error")
        self.summary.setText(
            f"{errors} blocking, {len(problems) - errors} warning(s)" if problems else "Validation found nothing to fix"
        )

    def _activate(self, item: QListWidgetItem) -> None:
        for kind, record_id in item.data(Qt.ItemDataRole.UserRole) or []:
            self.document.selection_requested.emit(kind, record_id)
            return
