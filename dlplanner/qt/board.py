"""Timetable boards: a day-type × time grid for one cohort, teacher or room, and the master board.

Both are QGraphicsViews sharing one drag machinery: pressing a card builds a
:class:`~dlplanner.domain.editing.MoveChecker` once, every candidate target cell is coloured
green (fits) or red (would break a hard rule), moving the mouse snaps the card to the nearest
target, and releasing moves it through an undoable command (after a confirmation on red).
``drop_card`` is the same drop as an API, for tests and the keyboard.

The keyboard does what the mouse does: Tab and the arrow keys go from card to card (the board's
accessible description is the chosen card, in words); Enter or Space picks the card up, the arrow
keys move it between start times (Up/Down) and day types (Left/Right) with the same green/red check,
said in words (``announced`` and an accessibility announcement), Enter drops it through the same
``drop_card`` and undoable command as the mouse, Escape puts it back.

On the master board's teacher rows a card can also go to another teacher's row: the section is
handed to that teacher (every meeting of it, as docs/rules.md's teacher_assignment requires), or,
when the section does not allow that teacher, the drop is refused and ``refused`` says why.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QBrush,
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QMenu,
    QMessageBox,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from dlplanner.domain import Block, BlockKind, Placement, Scenario, Section, fmt_time
from dlplanner.domain.checker import Violation
from dlplanner.domain.editing import (
    MoveChecker,
    PlacementKey,
    Target,
    default_teachers,
    find_placement,
    free_room,
    key_of,
    meeting_end,
    reassign_refusal,
    start_times,
    swapped_teachers,
)
from dlplanner.domain.geometry import all_sittings, away_windows, common_free_blocks, day_blocks
from dlplanner.domain.metrics import schedule_events
from dlplanner.domain.problems import RecordRef
from dlplanner.domain.student_groups import StudentWeek, student_week
from dlplanner.qt.commands import MoveCommand, PinCommand, PlaceCommand, UnscheduleCommand
from dlplanner.qt.document import Document
from dlplanner.qt.style import (
    BOARD_TAG_TEXT,
    BOARD_TIME_TEXT,
    BREAKS_COLOR,
    DRAG_FILL_ALPHA,
    FITS_COLOR,
    KIND_COLORS,
    pathway_colors,
    text_color_for,
)

MEETING_MIME = "application/x-dlplanner-meeting"
FITS_EDGE = QColor(FITS_COLOR)
BREAKS_EDGE = QColor(BREAKS_COLOR)
FITS_FILL = QColor(FITS_EDGE.red(), FITS_EDGE.green(), FITS_EDGE.blue(), DRAG_FILL_ALPHA)
BREAKS_FILL = QColor(BREAKS_EDGE.red(), BREAKS_EDGE.green(), BREAKS_EDGE.blue(), DRAG_FILL_ALPHA)
CONFLICT_BADGE = BREAKS_EDGE.darker(130)  # white text on it stays readable (contrast above 4.5:1)
BREAKS_HATCH = Qt.BrushStyle.BDiagPattern  # the second cue of a breaking target, for eyes that miss the colour


def confirm_conflicts(parent: QWidget, conflicts: list[Violation]) -> bool:
    """Ask before dropping a card where it breaks hard rules (the default; tests replace it)."""
    listed = "\n".join(f"• {v.message}" for v in conflicts[:8])
    more = f"\n… and {len(conflicts) - 8} more" if len(conflicts) > 8 else ""
    answer = QMessageBox.warning(
        parent,
        "Break hard rules?",
        f"Placing the meeting here breaks {len(conflicts)} hard rule(s):\n\n{listed}{more}\n\nPlace it anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class CardItem(QGraphicsItem):
    """One meeting on the board: coloured by subject or pathway, outlined when pinned or in conflict."""

    def __init__(
        self,
        key: PlacementKey | None,
        rect: QRectF,
        color: QColor,
        lines: list[str],
        *,
        pinned: bool = False,
        conflicts: list[Violation] | None = None,
        tooltip: str = "",
    ) -> None:
        super().__init__()
        self.key, self.rect, self.color, self.lines = key, QRectF(0, 0, rect.width(), rect.height()), color, lines
        self.pinned, self.conflicts = pinned, conflicts or []
        self.selected = False
        self.focused = False  # selected while the board has keyboard focus
        self.row_id: str | None = None  # the master board row (teacher or room) it is drawn in
        self.setPos(rect.topLeft())
        self.setZValue(10)
        self.setToolTip(tooltip)
        self.setAcceptHoverEvents(False)

    @property
    def draggable(self) -> bool:
        return self.key is not None

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.rect.adjusted(1, 1, -1, -1)
        if self.selected and self.focused:  # the keyboard's card: a heavy dark outline, dashed ring outside
            painter.setPen(QPen(QColor("#1b2430"), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect.adjusted(-1, -1, 1, 1), 5, 5)
            edge = QPen(QColor("#1d4f91"), 3)
        elif self.selected:
            edge = QPen(QColor("#1d4f91"), 2.5)
        elif self.conflicts:
            edge = QPen(BREAKS_EDGE, 2.2)
        elif self.pinned:
            edge = QPen(QColor("#3a2a05"), 2.2)
        else:
            edge = QPen(self.color.darker(140), 1)
        painter.setPen(edge)
        painter.setBrush(QBrush(self.color))
        painter.drawRoundedRect(rect, 4, 4)
        if self.pinned:  # a corner band: pinned cards look different at a glance
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e0a030"))
            painter.drawRect(QRectF(rect.right() - 7, rect.top() + 1, 6, rect.height() - 2))
        painter.setPen(text_color_for(self.color))
        font = painter.font()
        font.setPointSizeF(8.0)
        right_margin = 10 if self.pinned else 4
        text_rect = rect.adjusted(4, 2, -right_margin, -2)
        y = text_rect.top()
        for i, line in enumerate(self.lines):
            font.setBold(i == 0)
            painter.setFont(font)
            metrics = QFontMetrics(font)
            if y + metrics.height() > text_rect.bottom() + 2 and i > 0:
                break
            label = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            if label in ("", "…"):  # too narrow for a word: the tooltip says it all
                break
            painter.drawText(QRectF(text_rect.left(), y, text_rect.width(), metrics.height()), label)
            y += metrics.height()
        if self.conflicts:
            badge = QRectF(rect.right() - 18 - (7 if self.pinned else 0), rect.bottom() - 15, 16, 13)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CONFLICT_BADGE)
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(QColor("white"))
            font.setBold(True)
            font.setPointSizeF(7.0)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(len(self.conflicts)))


INTERNSHIP_COLOR = QColor("#0072B2")  # Okabe–Ito blue: never confused with the breaks colour
PLANNING_COLOR = QColor("#8a6cc0")
ADVISORY_COLOR = QColor("#f3dfae")
# What the board's marks mean, for the legend under each board: (colour, name, explanation)
LEGEND: list[tuple[QColor, str, str]] = [
    (
        INTERNSHIP_COLOR,
        "Internship / WBL",
        "The cohort is away at an internship or work-based learning (travel lighter)",
    ),
    (PLANNING_COLOR, "Team planning", "Every member of a teacher team is free at once: common planning time"),
    (ADVISORY_COLOR, "Advisory", "An advisory sitting, set by the bell schedule"),
    (
        BREAKS_EDGE,
        "Conflict",
        "An orange-red outline: the card breaks a hard rule where it stands (the number says how many)",
    ),
    (QColor("#e0a030"), "Pinned", "A bar on the right: the solver keeps the card where it is"),
]


class BandItem(QGraphicsRectItem):
    """A labelled, tinted stretch of time behind the cards: an internship window or team planning.

    ``light``: travel time around a window (dashed, no label); ``below``: the label starts this far
    down, under the name of the bell-schedule block it covers.
    """

    def __init__(
        self, kind: str, rect: QRectF, color: QColor, label: str, tooltip: str, *, light: bool = False, below: float = 0
    ) -> None:
        super().__init__(rect)
        self.kind, self.label = kind, label
        fill = QColor(color)
        fill.setAlpha(25 if light else 55)
        self.setBrush(QBrush(fill))
        self.setPen(QPen(color.darker(115), 1, Qt.PenStyle.DashLine if light else Qt.PenStyle.SolidLine))
        self.setToolTip(tooltip)
        self.setZValue(5 if not light else 4)
        if below and rect.height() < below + 14:
            below = 0  # no room under the block's own name: the label goes on top
        if not light and rect.height() >= 12 and rect.width() >= 40:  # narrower: the tooltip names it
            text = QGraphicsSimpleTextItem(self)
            font = QFont()
            font.setPointSizeF(7.5)
            font.setBold(True)
            text.setFont(font)
            text.setBrush(color.darker(170))
            text.setText(QFontMetrics(font).elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width() - 6)))
            text.setPos(rect.left() + 3, rect.top() + 1 + below)


@dataclass
class _Drag:
    key: PlacementKey | None  # None: an unscheduled meeting dragged in from the tray
    placement: Placement
    section: Section
    checker: MoveChecker
    grab_minutes: int = 0
    cards: list[CardItem] = field(default_factory=list)
    origins: list[QPointF] = field(default_factory=list)
    overlays: dict[Target, QGraphicsRectItem] = field(default_factory=dict)
    target: Target | None = None
    hover: QGraphicsRectItem | None = None
    row_id: str | None = None  # the master board row the card was grabbed in


class BoardView(QGraphicsView):
    """What both boards share: the document, the cards, selection, drag with green/red targets."""

    target_hovered = Signal(object, list)  # Target | None, conflicts
    refused = Signal(str)  # a drop that cannot be made, in words naming what and why
    announced = Signal(str)  # what the keyboard did, in words (the status bar and screen readers say it)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self.cards: dict[PlacementKey, list[CardItem]] = {}
        self.bands: list[BandItem] = []  # internship and team-planning bands now drawn
        self.selected_key: PlacementKey | None = None
        self.color_by = "subject"
        self.confirm: Callable[[QWidget, list[Violation]], bool] = confirm_conflicts
        self._drag: _Drag | None = None
        self._keyboard_drag = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._stale = True
        self._colors: dict[str, QColor] = {}
        self._resize_timer = QTimer(self, singleShot=True, interval=80)
        self._resize_timer.timeout.connect(self.refresh)
        document.changed.connect(lambda _kind: self.refresh())
        document.card_selected.connect(self._show_selected)

    # -- to be provided by each board --------------------------------------------------------------
    def build(self, scenario: Scenario) -> None:
        raise NotImplementedError

    def target_at(self, pos: QPointF, drag: _Drag) -> Target | None:
        raise NotImplementedError

    def target_rect(self, target: Target, drag: _Drag) -> QRectF | None:
        """The cell a target is drawn as while dragging (None: not visible on this board)."""
        raise NotImplementedError

    def candidate_targets(self, drag: _Drag) -> list[Target]:
        raise NotImplementedError

    # -- drawing -----------------------------------------------------------------------------------
    def add_band(self, band: BandItem) -> BandItem:
        self.scene().addItem(band)
        self.bands.append(band)
        return band

    def planning_blocks_of(self, scenario: Scenario, teacher_id: str | None = None) -> list[tuple[Any, str, Block]]:
        """(team, day type id, block) of each team's common planning time (of ``teacher_id``'s teams only, if given).

        The blocks the team_planning rule counts (docs/rules.md), from the timetable on the board.
        """
        project = self.document.project
        teams = [t for t in project.teams if teacher_id is None or teacher_id in t.member_ids]
        if not teams:
            return []
        blocks = list(day_blocks(scenario).items())
        events = schedule_events(project, scenario)
        teachers = {t.id: t for t in project.teachers}
        return [
            (team, day, block)
            for team in teams
            if team.member_ids
            for day, block in common_free_blocks(blocks, teachers, team.member_ids, team.min_meeting_minutes, events)
        ]

    def refresh(self) -> None:
        """Redraw everything from the document; a hidden board waits until it is shown."""
        if self._drag is not None or not self.isVisible():
            self._stale = True  # redrawn when the drag ends or the board is shown
            return
        self._stale = False
        self._colors = {}
        self.scene().clear()
        self.cards = {}
        self.bands: list[BandItem] = []
        scenario = self.document.scenario
        if self.document.project is None or scenario is None:
            self.scene().setSceneRect(QRectF(0, 0, 10, 10))
            return
        self.build(scenario)
        self.scene().setSceneRect(self.scene().itemsBoundingRect().adjusted(0, 0, 8, 8))
        self._show_selected(self.selected_key)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)
        self._resize_timer.start()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def card_color(self, section: Section) -> QColor:
        """The card colour: the subject's, or the pathway's of the section's first cohort."""
        cached = self._colors.get(section.id)
        if cached is not None:
            return cached
        project = self.document.project
        if project is None:
            return QColor("#8aa4c8")
        if self.color_by == "pathway":
            pathways = {c.id: c.pathway for c in project.cohorts}
            colors = pathway_colors(list(pathways.values()))
            color = colors[next((pathways[c] for c in section.cohort_ids if c in pathways), "")]
        else:
            colors = {s.id: s.color for s in project.subjects}
            color = QColor(colors.get(section.subject_id, "#8aa4c8"))
        self._colors[section.id] = color
        return color

    def card_lines(self, placement: Placement, section: Section) -> list[str]:
        doc = self.document
        cohorts = ", ".join(doc.name_of("cohort", c) for c in section.cohort_ids) or "Open to requests"
        teachers = ", ".join(doc.name_of("teacher", t) for t in placement.teacher_ids)
        room = doc.name_of("room", placement.room_id) if placement.room_id else "no room"
        return [section.name, cohorts, teachers, room]

    def card_tooltip(self, placement: Placement, section: Section, conflicts: list[Violation]) -> str:
        lines = [
            f"<b>{section.name}</b> (meeting {placement.meeting + 1} of {section.meetings_per_cycle})",
            f"{fmt_time(placement.start)}–{fmt_time(placement.end)}",
            *self.card_lines(placement, section)[1:],
        ]
        if placement.pinned:
            lines.append("📌 pinned: the solver keeps it here")
        lines += [f"<span style='color:#a02622'>⚠ {v.message}</span>" for v in conflicts]
        return "<br>".join(lines)

    def add_card(
        self, placement: Placement, section: Section, rect: QRectF, lines: list[str] | None = None
    ) -> CardItem:
        conflicts = self.document.conflicts().get(key_of(placement), [])
        card = CardItem(
            key_of(placement),
            rect,
            self.card_color(section),
            lines or self.card_lines(placement, section),
            pinned=placement.pinned,
            conflicts=conflicts,
            tooltip=self.card_tooltip(placement, section, conflicts),
        )
        self.scene().addItem(card)
        self.cards.setdefault(card.key, []).append(card)
        return card

    def _show_selected(self, key: PlacementKey | None) -> None:
        self.selected_key = key
        focused = self.hasFocus()
        for cards in self.cards.values():
            for card in cards:
                if card.selected != (card.key == key) or card.focused != (card.key == key and focused):
                    card.selected = card.key == key
                    card.focused = card.selected and focused
                    card.update()
        if key in self.cards:
            self.ensureVisible(self.cards[key][0], 20, 20)
        description = self.card_description(key) if key in self.cards else ""
        if description != self.accessibleDescription():
            self.setAccessibleDescription(description)  # Qt tells assistive technology it changed

    # -- cards in words and by keyboard --------------------------------------------------------------
    def card_description(self, key: PlacementKey | None) -> str:
        """A card in words: "Mathematics · Crew 9 · Ms Rivera · Monday 9:00–10:30 · Room 12" (+ pinned, conflicts)."""
        scenario = self.document.scenario
        placement = find_placement(scenario, key) if scenario is not None and key is not None else None
        if placement is None:
            return ""
        section = scenario.section(placement.section_id)
        name, cohorts, teachers, room = self.card_lines(placement, section)[:4]
        day = next((d.name for d in scenario.day_types if d.id == placement.day_type_id), placement.day_type_id)
        parts = [name, cohorts, teachers, f"{day} {fmt_time(placement.start)}–{fmt_time(placement.end)}", room]
        if placement.pinned:
            parts.append("pinned")
        conflicts = self.document.conflicts().get(key, [])
        if conflicts:
            parts.append(f"breaks {len(conflicts)} hard rule(s): {conflicts[0].message}")
        return " · ".join(p for p in parts if p)

    def announce(self, text: str) -> None:
        """Say ``text``: to screen readers (an accessibility announcement) and to ``announced`` (the status bar)."""
        self.setAccessibleDescription(text)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))
        self.announced.emit(text)

    def card_order(self) -> list[PlacementKey]:
        """The movable cards in reading order: by day type, then start time."""
        scenario = self.document.scenario
        if scenario is None:
            return []
        days = {d.id: i for i, d in enumerate(scenario.day_types)}
        placed = {key_of(p): p for p in scenario.solution.placements}
        keys = [k for k in self.cards if k is not None and k in placed]
        return sorted(keys, key=lambda k: (days.get(placed[k].day_type_id, 99), placed[k].start, k))

    def select_next_card(self, step: int) -> bool:
        """Select the next (+1) or previous (-1) card in reading order; False past either end."""
        order = self.card_order()
        if not order:
            return False
        index = order.index(self.selected_key) + step if self.selected_key in order else (0 if step > 0 else -1)
        if not -len(order) <= index < len(order) or (index < 0 and self.selected_key in order):
            return False
        self.document.select_card(order[index])
        self.announce(self.card_description(order[index]))
        return True

    def _neighbour_card(self, key: int) -> PlacementKey | None:
        """The card left, right, above or below the selected one (nearest by its centre)."""
        here = self.cards.get(self.selected_key)
        if not here:
            return None
        origin = here[0].sceneBoundingRect().center()
        best, best_distance = None, math.inf
        for other_key, cards in self.cards.items():
            if other_key is None or other_key == self.selected_key:
                continue
            point = cards[0].sceneBoundingRect().center()
            dx, dy = point.x() - origin.x(), point.y() - origin.y()
            ahead = {Qt.Key.Key_Left: -dx, Qt.Key.Key_Right: dx, Qt.Key.Key_Up: -dy, Qt.Key.Key_Down: dy}[key]
            if ahead <= 1:
                continue
            distance = ahead + 3 * abs(dy if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) else dx)
            if distance < best_distance:
                best, best_distance = other_key, distance
        return best

    def pick_up_card(self) -> bool:
        """Enter on a card: start moving it by keyboard, from where it stands."""
        scenario = self.document.scenario
        placement = find_placement(scenario, self.selected_key) if scenario and self.selected_key else None
        if placement is None:
            return False
        row_id = self.cards[self.selected_key][0].row_id if self.cards.get(self.selected_key) else None
        drag = self.begin_drag(self.selected_key, placement, 0, row_id)
        self._keyboard_drag = True
        here = next(
            (
                t
                for t in self.candidate_targets(drag)
                if (t.day_type_id, t.start) == (placement.day_type_id, placement.start)
            ),
            None,
        )
        if here is not None:
            self.show_target(here)
        self.announce(
            f"Moving {drag.section.name}: Up and Down choose the start time, Left and Right the day type, "
            "Enter drops, Escape cancels"
        )
        return True

    def step_target(self, key: int) -> Target | None:
        """Arrow keys while moving a card: the next start time (Up/Down) or day type (Left/Right)."""
        drag = self._drag
        if drag is None:
            return None
        targets = self.candidate_targets(drag)
        days = list(dict.fromkeys(t.day_type_id for t in targets))
        if not targets:
            return None
        current = drag.target or targets[0]
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            same_day = sorted((t for t in targets if t.day_type_id == current.day_type_id), key=lambda t: t.start)
            starts = [t.start for t in same_day]
            index = starts.index(current.start) if current.start in starts else 0
            index = min(max(index + (1 if key == Qt.Key.Key_Down else -1), 0), len(same_day) - 1)
            target = same_day[index]
        else:
            index = days.index(current.day_type_id) if current.day_type_id in days else 0
            index = min(max(index + (1 if key == Qt.Key.Key_Right else -1), 0), len(days) - 1)
            that_day = [t for t in targets if t.day_type_id == days[index]]
            target = min(that_day, key=lambda t: abs(t.start - current.start))
        self.show_target(target)
        self.announce(self.describe_target(target))
        return target

    def describe_target(self, target: Target) -> str:
        """Where a moved card would go and whether it fits, in words (the drag check's green / red)."""
        drag, scenario = self._drag, self.document.scenario
        day = next((d.name for d in scenario.day_types if d.id == target.day_type_id), target.day_type_id)
        end = meeting_end(scenario, drag.section, target.day_type_id, target.start) if drag else None
        when = f"{day} {fmt_time(target.start)}" + (f"–{fmt_time(end)}" if end is not None else "")
        conflicts = self.drag_conflicts(drag, target) if drag else []
        if conflicts:
            return f"{when}: breaks a hard rule: {conflicts[0].message}"
        return f"{when}: fits"

    def drop_by_keyboard(self) -> bool:
        """Enter while moving a card: the same drop as the mouse's; says what happened and, if refused, why."""
        drag = self._drag
        if drag is None:
            return False
        target, name = drag.target, drag.section.name
        conflicts = self.drag_conflicts(drag, target) if target is not None else []
        self._keyboard_drag = False
        moved = self.finish_drag()
        if moved:
            self.announce(f"Moved {name}: {self.card_description(drag.key)}")
        elif target is None or not conflicts:
            self.announce(f"{name} stays where it was")
        else:
            self.announce(f"Not moved: {conflicts[0].message}")
        return moved

    # -- dragging ----------------------------------------------------------------------------------
    def begin_drag(
        self, key: PlacementKey | None, placement: Placement, grab_minutes: int = 0, row_id: str | None = None
    ) -> _Drag:
        scenario = self.document.scenario
        assert scenario is not None and self.document.project is not None
        section = scenario.section(placement.section_id)
        checker = MoveChecker(self.document.project, scenario, placement, self.document.index())
        drag = _Drag(key, placement, section, checker, grab_minutes, row_id=row_id)
        if key is not None:
            drag.cards = self.cards.get(key, [])
            drag.origins = [c.pos() for c in drag.cards]
            for card in drag.cards:
                card.setZValue(30)
                card.setOpacity(0.85)
        self._drag = drag
        for target in self.candidate_targets(drag):
            self._overlay(drag, target)
        return drag

    def _overlay(self, drag: _Drag, target: Target) -> QGraphicsRectItem | None:
        item = drag.overlays.get(target)
        if item is not None:
            return item
        rect = self.target_rect(target, drag)
        if rect is None:
            return None
        bad = bool(self.drag_conflicts(drag, target))
        inner = rect.adjusted(1, 1, -1, -1)
        item = self.scene().addRect(inner, QPen(Qt.PenStyle.NoPen), QBrush(BREAKS_FILL if bad else FITS_FILL))
        item.setZValue(5)
        if bad:
            hatch = QGraphicsRectItem(inner, item)
            hatch.setBrush(QBrush(BREAKS_EDGE, BREAKS_HATCH))
            hatch.setPen(QPen(Qt.PenStyle.NoPen))
        item.setData(0, "bad" if bad else "good")
        drag.overlays[target] = item
        return item

    def update_drag(self, pos: QPointF) -> Target | None:
        """Snap the dragged card to the target under ``pos`` and show whether it fits."""
        drag = self._drag
        if drag is None:
            return None
        return self.show_target(self.target_at(pos, drag))

    def show_target(self, target: Target | None) -> Target | None:
        """Snap the dragged card to ``target`` and show whether it fits (the mouse's and the keyboard's)."""
        drag = self._drag
        if drag is None:
            return None
        if target == drag.target:
            return target
        drag.target = target
        if drag.hover is not None:
            self.scene().removeItem(drag.hover)
            drag.hover = None
        conflicts: list[Violation] = []
        if target is not None:
            conflicts = self.drag_conflicts(drag, target)
            self._overlay(drag, target)
            rect = self.target_rect(target, drag)
            if rect is not None:
                end = meeting_end(self.document.scenario, drag.section, target.day_type_id, target.start)
                if end is not None:
                    rect = self.span_rect(target, end, drag) or rect
                pen = QPen(BREAKS_EDGE, 3, Qt.PenStyle.DashLine) if conflicts else QPen(FITS_EDGE, 3)
                drag.hover = self.scene().addRect(rect, pen, QBrush(Qt.BrushStyle.NoBrush))
                drag.hover.setZValue(40)
                for card, origin in zip(drag.cards, drag.origins, strict=True):
                    card.setPos(rect.left(), rect.top() if self.follows_drag(card, drag) else origin.y())
        self.target_hovered.emit(target, conflicts)
        return target

    def drag_conflicts(self, drag: _Drag, target: Target) -> list[Violation]:
        """What a drop at ``target`` would break; a refused teacher change is its only 'conflict'."""
        refusal = self.refusal(drag.placement, target)
        if refusal is not None:
            refs = [RecordRef("section", drag.section.id, drag.section.name)]
            return [Violation("teacher_assignment", refusal, refs)]
        return drag.checker.conflicts(target)

    def refusal(self, placement: Placement, target: Target) -> str | None:
        """Why a drop that changes the meeting's teachers cannot be made (None: it can, or keeps them)."""
        project = self.document.project
        if target.teacher_ids is None or project is None:
            return None
        section = self.document.scenario.section(placement.section_id)
        for teacher_id in target.teacher_ids:
            if teacher_id not in placement.teacher_ids:
                refusal = reassign_refusal(project, section, teacher_id)
                if refusal is not None:
                    return refusal
        return None

    def refuse(self, message: str) -> None:
        """Say why a drop was refused: a tooltip at the pointer and ``refused`` (the status bar listens)."""
        QToolTip.showText(QCursor.pos(), message, self.viewport())
        self.refused.emit(message)

    def span_rect(self, target: Target, end: int, drag: _Drag) -> QRectF | None:
        return None

    def follows_drag(self, card: CardItem, drag: _Drag) -> bool:
        """Whether a dragged card moves up and down with the pointer (else it only slides sideways)."""
        return True

    def cancel_drag(self) -> None:
        drag, self._drag = self._drag, None
        self._keyboard_drag = False
        if drag is not None:
            for card, origin in zip(drag.cards, drag.origins, strict=True):
                card.setPos(origin)
                card.setZValue(10)
                card.setOpacity(1.0)
            for item in [*drag.overlays.values(), drag.hover]:
                if item is not None and item.scene() is self.scene():
                    self.scene().removeItem(item)
        self.target_hovered.emit(None, [])
        if self._stale:
            self.refresh()

    def finish_drag(self) -> bool:
        drag = self._drag
        if drag is None:
            return False
        target = drag.target
        self.cancel_drag()
        if target is None:
            return False
        if drag.key is None:
            return self.place_meeting(drag.placement.section_id, drag.placement.meeting, target)
        return self.drop_card(drag.key, target, drag.checker)

    def drop_card(self, key: PlacementKey, target: Target, checker: MoveChecker | None = None) -> bool:
        """Move meeting ``key`` to ``target`` (asks first when it breaks hard rules). Returns whether it moved."""
        scenario, project = self.document.scenario, self.document.project
        if scenario is None or project is None:
            return False
        placement = find_placement(scenario, key)
        if placement is None:
            return False
        same_teachers = target.teacher_ids is None or list(target.teacher_ids) == list(placement.teacher_ids)
        if same_teachers and (placement.day_type_id, placement.start, placement.room_id) == (
            target.day_type_id,
            target.start,
            target.room_id,
        ):
            return False
        section = scenario.section(placement.section_id)
        refusal = self.refusal(placement, target)
        if refusal is not None:
            self.refuse(refusal)
            return False
        checker = checker or MoveChecker(project, scenario, placement, self.document.index())
        conflicts = checker.conflicts(target)
        if any(v.rule_id == "class_time" for v in conflicts):
            return False  # the meeting cannot even start there: nothing to confirm
        if conflicts and not self.confirm(self, conflicts):
            return False
        label = section.name
        if not same_teachers:
            label += " to " + ", ".join(self.document.name_of("teacher", t) for t in target.teacher_ids)
        self.document.push(MoveCommand(self.document, scenario, key, target, label))
        self.document.select_card(key)
        return True

    def place_meeting(self, section_id: str, meeting: int, target: Target) -> bool:
        """Put an unscheduled meeting at ``target`` (asks first when it breaks hard rules)."""
        scenario, project = self.document.scenario, self.document.project
        if scenario is None or project is None:
            return False
        section = scenario.section(section_id)
        draft = self.draft_placement(section, meeting, target)
        conflicts = MoveChecker(project, scenario, draft, self.document.index()).conflicts(target)
        if any(v.rule_id == "class_time" for v in conflicts):
            return False
        if conflicts and not self.confirm(self, conflicts):
            return False
        teachers = list(draft.teacher_ids)
        self.document.push(PlaceCommand(self.document, scenario, (section_id, meeting), target, teachers, section.name))
        self.document.select_card((section_id, meeting))
        return True

    def room_for(self, drag: _Drag, day_type_id: str, start: int) -> str | None:
        """The room a drop would use: the card's own, or for a meeting from the tray a free fitting one."""
        if drag.key is not None:
            return drag.placement.room_id
        project, scenario = self.document.project, self.document.scenario
        return free_room(project, scenario, drag.section, day_type_id, start)

    def draft_placement(self, section: Section, meeting: int, target: Target | None = None) -> Placement:
        project = self.document.project
        assert project is not None
        day = target.day_type_id if target else ""
        start = target.start if target else 0
        room = target.room_id if target else section.room_id
        teachers = default_teachers(project, self.document.scenario, section, target)
        return Placement(section.id, meeting, day, start, start, room, teachers)

    # -- mouse ----------------------------------------------------------------------------------
    def _card_at(self, view_pos: object) -> CardItem | None:
        for item in self.items(view_pos):
            if isinstance(item, CardItem):
                return item
        return None

    def mousePressEvent(self, event: object) -> None:
        card = self._card_at(event.position().toPoint())
        if card is not None and event.button() == Qt.MouseButton.LeftButton:
            self.document.select_card(card.key)
            placement = find_placement(self.document.scenario, card.key) if card.draggable else None
            if placement is not None:
                scene_pos = self.mapToScene(event.position().toPoint())
                self.begin_drag(card.key, placement, self.grab_minutes(placement, scene_pos), card.row_id)
            event.accept()
            return
        if card is None and event.button() == Qt.MouseButton.LeftButton:
            self.document.select_card(None)
        super().mousePressEvent(event)

    def grab_minutes(self, placement: Placement, scene_pos: QPointF) -> int:
        return 0

    def mouseMoveEvent(self, event: object) -> None:
        if self._drag is not None:
            self.update_drag(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: object) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.LeftButton:
            self.update_drag(self.mapToScene(event.position().toPoint()))
            self.finish_drag()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: object) -> None:
        key = event.key()
        arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
        if key == Qt.Key.Key_Escape and self._drag is not None:
            keyboard = self._keyboard_drag
            self.cancel_drag()
            if keyboard:
                self.announce("Move cancelled: " + self.card_description(self.selected_key))
            return
        if self._keyboard_drag and self._drag is not None:
            if key in arrows:
                self.step_target(key)
            elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                self.drop_by_keyboard()
            event.accept()
            return
        if key in arrows and self.cards:
            neighbour = self._neighbour_card(key) if self.selected_key in self.cards else None
            if neighbour is not None:
                self.document.select_card(neighbour)
                self.announce(self.card_description(neighbour))
            elif self.selected_key not in self.cards:
                self.select_next_card(1)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.selected_key in self.cards:
            self.pick_up_card()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go from card to card; past the last (or first) card, on to the next control."""
        if self._drag is None and self.select_next_card(1 if next else -1):
            return True
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: object) -> None:
        super().focusInEvent(event)
        self._show_selected(self.selected_key)  # the chosen card gets its keyboard ring

    def focusOutEvent(self, event: object) -> None:
        super().focusOutEvent(event)
        self._show_selected(self.selected_key)

    def contextMenuEvent(self, event: object) -> None:
        card = self._card_at(event.pos())
        scenario = self.document.scenario
        if card is None or card.key is None or scenario is None:
            return
        placement = find_placement(scenario, card.key)
        if placement is None:
            return
        menu = QMenu(self)
        pin = menu.addAction("Unpin" if placement.pinned else "Pin here")
        unschedule = menu.addAction("Move to unscheduled tray")
        chosen = menu.exec(event.globalPos())
        if chosen is pin:
            self.document.push(PinCommand(self.document, scenario, [card.key], not placement.pinned))
        elif chosen is unschedule:
            self.document.push(UnscheduleCommand(self.document, scenario, [card.key]))

    # -- drops from the unscheduled tray ----------------------------------------------------------
    def _mime_meeting(self, mime: QMimeData) -> tuple[str, int] | None:
        if not mime.hasFormat(MEETING_MIME):
            return None
        section_id, _, meeting = bytes(mime.data(MEETING_MIME).data()).decode().rpartition("|")
        return section_id, int(meeting)

    def dragEnterEvent(self, event: object) -> None:
        meeting = self._mime_meeting(event.mimeData())
        scenario = self.document.scenario
        if meeting is None or scenario is None:
            event.ignore()
            return
        section = scenario.section(meeting[0])
        self.begin_drag(None, self.draft_placement(section, meeting[1]))
        event.acceptProposedAction()

    def dragMoveEvent(self, event: object) -> None:
        if self._drag is None:
            event.ignore()
            return
        self.update_drag(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: object) -> None:
        self.cancel_drag()

    def dropEvent(self, event: object) -> None:
        if self._drag is None:
            event.ignore()
            return
        self.update_drag(self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
        self.finish_drag()


def _header_font() -> QFont:
    font = QFont()
    font.setPointSizeF(9.0)
    font.setBold(True)
    return font


class EntityBoard(BoardView):
    """Day types as columns, time running down, for one cohort, teacher, room or student.

    A student's week (``student_groups.student_week``): their cohort's sections, their enrolments, the
    sittings of their advisories and their cohort's internship windows.
    """

    AXIS = 50
    HEADER = 30

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.filter_kind = "cohort"
        self.filter_id: str | None = None
        self.week: StudentWeek | None = None  # the shown student's week (filter kind "student")
        self._days: list[str] = []
        self._t0, self._ppm, self._col_w = 0, 1.0, 150.0

    def set_filter(self, kind: str, record_id: str | None) -> None:
        self.filter_kind, self.filter_id = kind, record_id
        self.refresh()

    def shows(self, placement: Placement, section: Section) -> bool:
        if self.filter_id is None:
            return False
        if self.filter_kind == "cohort":
            return self.filter_id in section.cohort_ids
        if self.filter_kind == "teacher":
            return self.filter_id in placement.teacher_ids
        if self.filter_kind == "student":
            return self.week is not None and section.id in self.week.section_ids
        return placement.room_id == self.filter_id

    def _student_week(self, scenario: Scenario) -> StudentWeek | None:
        project = self.document.project
        student = next((s for s in project.students if s.id == self.filter_id), None) if project else None
        return (
            student_week(project, scenario, student) if student is not None and self.filter_kind == "student" else None
        )

    def x_of(self, day_index: int) -> float:
        return self.AXIS + day_index * self._col_w

    def y_of(self, minutes: float) -> float:
        return self.HEADER + (minutes - self._t0) * self._ppm

    def build(self, scenario: Scenario) -> None:
        scene = self.scene()
        self.week = self._student_week(scenario)
        days = scenario.day_types
        self._days = [d.id for d in days]
        blocks = {d.id: self._blocks(scenario, d.id) for d in days}
        starts = [b.start for bs in blocks.values() for b in bs] or [8 * 60]
        ends = [b.end for bs in blocks.values() for b in bs] or [15 * 60]
        self._t0 = int(math.floor((min(starts) - 10) / 30) * 30)
        t1 = int(math.ceil(max(ends) / 30) * 30)
        width = max(self.viewport().width(), 600)
        height = max(self.viewport().height(), 400)
        self._col_w = max(120.0, (width - self.AXIS - 24) / max(1, len(days)))
        self._ppm = max(0.75, (height - self.HEADER - 16) / max(30, t1 - self._t0))
        header_font = _header_font()
        # time axis
        for t in range(self._t0, t1 + 1, 30):
            y = self.y_of(t)
            line = scene.addLine(self.AXIS - 4, y, self.x_of(len(days)), y, QPen(QColor("#e3e7ed"), 1))
            line.setZValue(1)
            if t % 60 == 0 or self._ppm * 30 >= 22:
                label = scene.addSimpleText(fmt_time(t))
                label.setBrush(QColor(BOARD_TIME_TEXT))
                label.setPos(4, y - 7)
        for i, day in enumerate(days):
            x = self.x_of(i)
            head = scene.addRect(QRectF(x, 0, self._col_w, self.HEADER - 4), QPen(Qt.PenStyle.NoPen), QColor("#e9edf3"))
            head.setZValue(2)
            text = QGraphicsSimpleTextItem(day.name)
            text.setFont(header_font)
            text.setPos(x + 6, 6)
            text.setZValue(3)
            scene.addItem(text)
            for block in blocks[day.id]:
                rect = QRectF(x, self.y_of(block.start), self._col_w, block.minutes * self._ppm)
                item = scene.addRect(rect, QPen(QColor("#d5dbe4"), 0.5), QColor(KIND_COLORS[block.kind]))
                item.setZValue(0)
                item.setToolTip(f"{block.label or block.kind.value} {fmt_time(block.start)}–{fmt_time(block.end)}")
                if block.kind not in (BlockKind.CLASS, BlockKind.PASSING) and rect.height() >= 12:
                    name = block.label or block.kind.value
                    tag = scene.addSimpleText(
                        QFontMetrics(QFont()).elidedText(name, Qt.TextElideMode.ElideRight, int(self._col_w - 8))
                    )
                    tag.setBrush(QColor(BOARD_TAG_TEXT))
                    tag.setPos(x + 4, rect.top() + 1)
                    tag.setZValue(1)
        self._draw_bands(scenario)
        self._draw_cards(scenario)

    def _draw_bands(self, scenario: Scenario) -> None:
        """Internship / WBL windows of the shown cohort (travel time lighter); team planning of the shown teacher."""
        if self.filter_id is None:
            return
        if self.filter_kind in ("cohort", "student"):
            cohort_id = self.filter_id if self.filter_kind == "cohort" else self.week and self.week.cohort_id
            for internship in scenario.internships:
                if not cohort_id or cohort_id not in internship.cohort_ids:
                    continue
                for i, day in enumerate(self._days):
                    for start, end, away_from, away_until in away_windows(internship, day):
                        when = f"{fmt_time(start)}–{fmt_time(end)}"
                        tip = f"<b>{internship.name}</b> (internship / work-based learning) {when}"
                        if internship.description:
                            tip += f"<br>{internship.description}"
                        if away_until - away_from > end - start:
                            tip += f"<br>Travel: {internship.travel_minutes} min each way"
                            travel = QRectF(
                                self.x_of(i), self.y_of(away_from), self._col_w, self._h(away_from, away_until)
                            )
                            self.add_band(BandItem("travel", travel, INTERNSHIP_COLOR, "", tip, light=True))
                        rect = QRectF(self.x_of(i), self.y_of(start), self._col_w, self._h(start, end))
                        self.add_band(BandItem("internship", rect, INTERNSHIP_COLOR, internship.name, tip))
        elif self.filter_kind == "teacher":
            for team, day, block in self.planning_blocks_of(scenario, self.filter_id):
                if day not in self._days:
                    continue
                i = self._days.index(day)
                tip = (
                    f"<b>{team.name}</b>: common planning time {fmt_time(block.start)}–{fmt_time(block.end)}"
                    "<br>every member of the team is free"
                )
                rect = QRectF(
                    self.x_of(i) + 2, self.y_of(block.start), self._col_w - 4, self._h(block.start, block.end)
                )
                label = f"Planning: {team.name}"
                below = 14 if block.kind != BlockKind.CLASS else 0  # under the name of a planning block
                self.add_band(BandItem("planning", rect, PLANNING_COLOR, label, tip, below=below))

    def _h(self, start: int, end: int) -> float:
        return (end - start) * self._ppm

    def _blocks(self, scenario: Scenario, day_type_id: str) -> list[Block]:
        try:
            return scenario.schedule_of(day_type_id).sorted_blocks()
        except KeyError:
            return []

    def _draw_cards(self, scenario: Scenario) -> None:
        sections = {s.id: s for s in scenario.sections}
        per_day: dict[str, list[tuple[int, int, Callable[[QRectF], None]]]] = {d: [] for d in self._days}
        for placement in scenario.solution.placements:
            section = sections.get(placement.section_id)
            if section is None or placement.day_type_id not in per_day or not self.shows(placement, section):
                continue
            per_day[placement.day_type_id].append(
                (placement.start, placement.end, lambda r, p=placement, s=section: self.add_card(p, s, r))
            )
        project = self.document.project
        for sitting in all_sittings(project, scenario):
            if sitting.day_type_id not in per_day:
                continue
            advisor = scenario.solution.advisor_of(sitting.advisory)  # its own, or the one the solver chose
            shown = (
                (self.filter_kind == "cohort" and self.filter_id in sitting.cohort_ids)
                or (self.filter_kind == "teacher" and self.filter_id == advisor)
                or (self.filter_kind == "room" and self.filter_id == sitting.room_id)
                or (
                    self.filter_kind == "student"
                    and self.week is not None
                    and sitting.advisory.id in self.week.advisory_ids
                )
            )
            if shown:
                lines = [
                    self.document.name_of("advisory", sitting.advisory.id),
                    self.document.advisor_name(sitting.advisory),
                ]
                per_day[sitting.day_type_id].append(
                    (sitting.start, sitting.end, lambda r, lines=lines: self._add_sitting(r, lines))
                )
        for i, day in enumerate(self._days):
            for start, end, lane, lanes, draw in _lanes(per_day[day]):
                width = self._col_w / lanes
                draw(QRectF(self.x_of(i) + lane * width + 2, self.y_of(start), width - 4, (end - start) * self._ppm))

    def _add_sitting(self, rect: QRectF, lines: list[str]) -> None:
        tip = "<br>".join([f"<b>{lines[0]}</b>", *lines[1:], "Advisory sitting (set by the bell schedule)"])
        card = CardItem(None, rect, ADVISORY_COLOR, lines, tooltip=tip)
        card.setZValue(8)
        self.scene().addItem(card)

    def grab_minutes(self, placement: Placement, scene_pos: QPointF) -> int:
        return int((scene_pos.y() - self.y_of(placement.start)) / self._ppm)

    def target_at(self, pos: QPointF, drag: _Drag) -> Target | None:
        if not self._days or pos.x() < self.AXIS:
            return None
        index = int((pos.x() - self.AXIS) // self._col_w)
        if not 0 <= index < len(self._days):
            return None
        day = self._days[index]
        starts = start_times(self.document.scenario, drag.section, day)
        if not starts:
            return None
        wanted = self._t0 + (pos.y() - self.HEADER) / self._ppm - drag.grab_minutes
        start = min(starts, key=lambda s: abs(s - wanted))
        return Target(day, start, self.room_for(drag, day, start))

    def candidate_targets(self, drag: _Drag) -> list[Target]:
        scenario = self.document.scenario
        return [
            Target(d, s, self.room_for(drag, d, s)) for d in self._days for s in start_times(scenario, drag.section, d)
        ]

    def target_rect(self, target: Target, drag: _Drag) -> QRectF | None:
        if target.day_type_id not in self._days:
            return None
        scenario = self.document.scenario
        block = next((b for b in self._blocks(scenario, target.day_type_id) if b.start == target.start), None)
        end = block.end if block else target.start + 30
        i = self._days.index(target.day_type_id)
        return QRectF(self.x_of(i), self.y_of(target.start), self._col_w, (end - target.start) * self._ppm)

    def span_rect(self, target: Target, end: int, drag: _Drag) -> QRectF | None:
        i = self._days.index(target.day_type_id)
        return QRectF(self.x_of(i) + 2, self.y_of(target.start), self._col_w - 4, (end - target.start) * self._ppm)


def _lanes(items: list[tuple[int, int, Callable]]) -> list[tuple[int, int, int, int, Callable]]:
    """Side-by-side lanes for overlapping items of one column: (start, end, lane, lanes in cluster, draw)."""
    result: list[tuple[int, int, int, int, Callable]] = []
    cluster: list[tuple[int, int, int, Callable]] = []
    cluster_end = -1

    def flush() -> None:
        lanes = max((lane for _, _, lane, _ in cluster), default=-1) + 1
        result.extend((s, e, lane, lanes, draw) for s, e, lane, draw in cluster)

    lane_ends: list[int] = []
    for start, end, draw in sorted(items, key=lambda it: (it[0], it[1])):
        if cluster and start >= cluster_end:
            flush()
            cluster, lane_ends = [], []
        if not cluster:
            cluster_end = end
        lane = next((i for i, e in enumerate(lane_ends) if e <= start), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(end)
        else:
            lane_ends[lane] = end
        cluster.append((start, end, lane, draw))
        cluster_end = max(cluster_end, end)
    if cluster:
        flush()
    return result


class MasterBoard(BoardView):
    """Rows = teachers (or rooms), columns = day type × block, like a scheduler's wall board.

    Columns are the class blocks, plus the advisory and planning blocks (tinted, no drop) so that
    advisory sittings and teams' common planning time show in their teachers' rows.
    """

    LABEL_W = 136
    HEAD_DAY = 22
    HEAD_BLOCK = 20
    ROW_H = 34

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.rows_kind = "teacher"  # or "room"
        self._rows: list[str] = []
        self._cols: list[tuple[str, Block]] = []
        self._col_w = 64.0  # a class block's column; advisory and planning columns are half as wide
        self._edges: list[float] = []  # left edge of each column, then the right edge of the last
        # Scrolled sideways or down, the names and the day/time headers stay in view (items, their home position)
        self._pinned_left: list[tuple[QGraphicsItem, float]] = []
        self._pinned_top: list[tuple[QGraphicsItem, float]] = []

    def set_rows(self, kind: str) -> None:
        self.rows_kind = kind
        self.refresh()

    def follows_drag(self, card: CardItem, drag: _Drag) -> bool:
        return self.rows_kind == "room" or card.row_id == drag.row_id

    @property
    def top(self) -> float:
        return self.HEAD_DAY + self.HEAD_BLOCK

    def build(self, scenario: Scenario) -> None:
        project = self.document.project
        scene = self.scene()
        self._pinned_left, self._pinned_top = [], []
        records = sorted(project.teachers if self.rows_kind == "teacher" else project.rooms, key=lambda r: r.name)
        self._rows = [r.id for r in records]
        self._cols = []
        for day in scenario.day_types:
            try:
                blocks = scenario.schedule_of(day.id).sorted_blocks()
            except KeyError:
                blocks = []
            # class blocks, and advisory and planning blocks so advisories and team planning show
            # (no card can be dropped there)
            shown = (BlockKind.CLASS, BlockKind.ADVISORY, BlockKind.PLANNING)
            self._cols += [(day.id, b) for b in blocks if b.kind in shown]
        width = max(self.viewport().width(), 600)
        weights = [1.0 if block.kind == BlockKind.CLASS else 0.5 for _, block in self._cols]
        self._col_w = max(50.0, (width - self.LABEL_W - 24) / max(1.0, sum(weights)))
        self.horizontalScrollBar().setSingleStep(int(self._col_w))  # an arrow click moves one block
        self._edges = [float(self.LABEL_W)]
        for weight in weights:
            self._edges.append(self._edges[-1] + weight * self._col_w)
        total_w = self._edges[-1]
        total_h = self.top + self.ROW_H * len(self._rows)
        header_font = _header_font()
        small = QFont()
        small.setPointSizeF(7.5)
        # day headers and block headers
        x = self.LABEL_W
        for day in scenario.day_types:
            count = sum(1 for d, _ in self._cols if d == day.id)
            if not count:
                continue
            first = next(i for i, (d, _) in enumerate(self._cols) if d == day.id)
            rect = QRectF(x, 0, self._edges[first + count] - self._edges[first], self.HEAD_DAY)
            self._pin_top(scene.addRect(rect, QPen(QColor("#cfd6e0")), QColor("#dfe6ef")))
            text = QGraphicsSimpleTextItem(day.name)
            text.setFont(header_font)
            text.setPos(rect.left() + 6, 3)
            scene.addItem(text)
            self._pin_top(text, 1)
            x = rect.right()
        for i, (_, block) in enumerate(self._cols):
            rect = QRectF(self._edges[i], self.HEAD_DAY, self._edges[i + 1] - self._edges[i], self.HEAD_BLOCK)
            fill = QColor("#eef2f7") if block.kind == BlockKind.CLASS else QColor(KIND_COLORS[block.kind])
            head = scene.addRect(rect, QPen(QColor("#d5dbe4")), fill)
            self._pin_top(head)
            head.setToolTip(f"{block.label or block.kind.value} {fmt_time(block.start)}–{fmt_time(block.end)}")
            if block.kind != BlockKind.CLASS:  # the column runs down in the block's colour
                body = QRectF(rect.left(), self.top, rect.width(), self.ROW_H * len(self._rows))
                scene.addRect(body, QPen(Qt.PenStyle.NoPen), QColor(KIND_COLORS[block.kind])).setZValue(0.5)
            if block.kind != BlockKind.CLASS:
                continue  # a narrow advisory/planning column: its time is in the tooltip
            text = QGraphicsSimpleTextItem(fmt_time(block.start))
            text.setFont(small)
            text.setBrush(QColor("#4a5668"))
            text.setPos(rect.left() + 4, rect.top() + 3)
            scene.addItem(text)
            self._pin_top(text, 1)
        # rows
        for r, record in enumerate(records):
            y = self.top + r * self.ROW_H
            shade = QColor("#ffffff") if r % 2 == 0 else QColor("#f6f8fb")
            scene.addRect(QRectF(0, y, total_w, self.ROW_H), QPen(QColor("#e3e7ed"), 0.5), shade).setZValue(0)
            label = QGraphicsTextItem()  # long names wrap onto a second line, never run under the cards
            label.setTextWidth(self.LABEL_W - 8)
            label.setPlainText(record.name)
            if label.boundingRect().height() > self.ROW_H:
                font_metrics = QFontMetrics(label.font())
                lines = 2 * (self.LABEL_W - 14)
                label.setPlainText(font_metrics.elidedText(record.name, Qt.TextElideMode.ElideRight, lines))
            label.setToolTip(record.name)
            label.setPos(2, y + max(0.0, (self.ROW_H - label.boundingRect().height()) / 2))
            scene.addItem(label)
            self._pin_left(scene.addRect(QRectF(0, y, self.LABEL_W, self.ROW_H), QPen(QColor("#cfd6e0"), 0.5), shade))
            self._pin_left(label, 1)
        corner = scene.addRect(QRectF(0, 0, self.LABEL_W, self.top), QPen(Qt.PenStyle.NoPen), QColor("#ffffff"))
        self._pin_left(corner, 4)
        self._pinned_top.append((corner, 0.0))
        for i in range(len(self._cols) + 1):
            x = self._edges[i]
            day_edge = i == len(self._cols) or i == 0 or self._cols[i][0] != self._cols[i - 1][0]
            pen = QPen(QColor("#9aa8bb") if day_edge else QColor("#e3e7ed"), 1.2 if day_edge else 0.6)
            scene.addLine(x, self.HEAD_DAY, x, total_h, pen).setZValue(1)
        self._draw_cards(scenario)

    def _pin_left(self, item: QGraphicsItem, above: float = 0) -> None:
        """Keep ``item`` (a row name) at the left edge of the view when the board scrolls sideways."""
        item.setZValue(21 + above)  # over the cards, under a card being dragged
        self._pinned_left.append((item, item.x()))

    def _pin_top(self, item: QGraphicsItem, above: float = 0) -> None:
        """Keep ``item`` (a day or time header) at the top of the view when the board scrolls down."""
        item.setZValue(20 + above)
        self._pinned_top.append((item, item.y()))

    def place_pinned(self) -> None:
        """Move the row names and headers to where the view shows the board now."""
        corner = self.mapToScene(0, 0)
        left, top = max(0.0, corner.x()), max(0.0, corner.y())
        for item, home in self._pinned_left:
            item.setX(home + left)
        for item, home in self._pinned_top:
            item.setY(home + top)

    def refresh(self) -> None:
        super().refresh()
        self.place_pinned()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.place_pinned()

    def _col_span(self, day: str, start: int, end: int) -> tuple[int, int] | None:
        cols = [i for i, (d, b) in enumerate(self._cols) if d == day and b.start < end and start < b.end]
        return (cols[0], cols[-1]) if cols else None

    def _rows_of(self, placement: Placement) -> list[str]:
        if self.rows_kind == "teacher":
            return list(dict.fromkeys(placement.teacher_ids))
        return [placement.room_id] if placement.room_id else []

    def _draw_marks(self, scenario: Scenario) -> None:
        """Advisory sittings in their advisor's (or room's) row; team planning time in each member's row."""
        row_index = {rid: i for i, rid in enumerate(self._rows)}
        doc = self.document
        for sitting in all_sittings(doc.project, scenario):
            advisor = scenario.solution.advisor_of(sitting.advisory)  # its own, or the one the solver chose
            row_id = advisor if self.rows_kind == "teacher" else sitting.room_id
            span = self._col_span(sitting.day_type_id, sitting.start, sitting.end)
            if row_id not in row_index or span is None:
                continue
            lines = [
                doc.name_of("advisory", sitting.advisory.id),
                ", ".join(doc.name_of("cohort", c) for c in sitting.cohort_ids),
            ]
            tip = "<br>".join([f"<b>{lines[0]}</b>", lines[1], "Advisory sitting (set by the bell schedule)"])
            card = CardItem(None, self._span_rect(row_index[row_id], span), ADVISORY_COLOR, lines, tooltip=tip)
            card.setZValue(8)
            self.scene().addItem(card)
        if self.rows_kind != "teacher":
            return
        for team, day, block in self.planning_blocks_of(scenario):
            span = self._col_span(day, block.start, block.end)
            if span is None:
                continue
            tip = (
                f"<b>{team.name}</b>: common planning time {fmt_time(block.start)}–{fmt_time(block.end)}"
                "<br>every member of the team is free"
            )
            for member in team.member_ids:
                if member in row_index:
                    rect = self._span_rect(row_index[member], span)
                    self.add_band(BandItem("planning", rect, PLANNING_COLOR, team.name, tip))

    def _span_rect(self, row: int, span: tuple[int, int]) -> QRectF:
        left, right = self._edges[span[0]], self._edges[span[1] + 1]
        return QRectF(left + 1, self.top + row * self.ROW_H + 1, right - left - 2, self.ROW_H - 2)

    def _draw_cards(self, scenario: Scenario) -> None:
        self._draw_marks(scenario)
        sections = {s.id: s for s in scenario.sections}
        row_index = {rid: i for i, rid in enumerate(self._rows)}
        cells: dict[tuple[int, int], int] = {}
        doc = self.document
        for placement in scenario.solution.placements:
            section = sections.get(placement.section_id)
            span = self._col_span(placement.day_type_id, placement.start, placement.end)
            if section is None or span is None:
                continue
            cohorts = ", ".join(doc.name_of("cohort", c) for c in section.cohort_ids)
            other = (
                cohorts
                if self.rows_kind == "teacher"
                else ", ".join(doc.name_of("teacher", t) for t in placement.teacher_ids)
            )
            room = doc.name_of("room", placement.room_id) if placement.room_id else ""
            lines = [section.name, f"{other} · {room}" if self.rows_kind == "teacher" and room else other]
            for row_id in self._rows_of(placement):
                r = row_index.get(row_id)
                if r is None:
                    continue
                stack = cells.get((r, span[0]), 0)  # clashing cards stack, each a bit lower
                cells[(r, span[0])] = stack + 1
                offset = min(stack * 6, self.ROW_H / 2)
                left, right = self._edges[span[0]], self._edges[span[1] + 1]
                rect = QRectF(
                    left + 1, self.top + r * self.ROW_H + 1 + offset, right - left - 2, self.ROW_H - 2 - offset
                )
                self.add_card(placement, section, rect, lines).row_id = row_id

    def _row_at(self, y: float) -> int | None:
        r = int((y - self.top) // self.ROW_H)
        return r if 0 <= r < len(self._rows) and y >= self.top else None

    def target_at(self, pos: QPointF, drag: _Drag) -> Target | None:
        if pos.x() < self.LABEL_W or not self._cols:
            return None
        c = bisect.bisect_right(self._edges, pos.x()) - 1
        if not 0 <= c < len(self._cols):
            return None
        day, block = self._cols[c]
        if block.kind != BlockKind.CLASS:  # an advisory or planning column: no class meets there
            return None
        room = self.room_for(drag, day, block.start)
        r = self._row_at(pos.y())
        if self.rows_kind == "room":
            if r is None:
                return None
            room = self._rows[r]
        elif r is not None and drag.key is not None and self._rows[r] not in drag.placement.teacher_ids:
            handing_over = drag.row_id or next(iter(drag.placement.teacher_ids), None)
            if handing_over is not None:  # another teacher's row: the section would change hands
                teachers = swapped_teachers(drag.placement.teacher_ids, handing_over, self._rows[r])
                return Target(day, block.start, room, teachers)
        return Target(day, block.start, room)

    def update_drag(self, pos: QPointF) -> Target | None:
        """As for every board; entering another teacher's row colours that row's cells too."""
        before = self._drag.target if self._drag is not None else None
        target = super().update_drag(pos)
        drag = self._drag
        entered = target is not None and target.teacher_ids is not None
        if drag is not None and entered and (before is None or before.teacher_ids != target.teacher_ids):
            for candidate in self.candidate_targets(drag):
                self._overlay(drag, dataclasses.replace(candidate, teacher_ids=target.teacher_ids))
        return target

    def candidate_targets(self, drag: _Drag) -> list[Target]:
        scenario = self.document.scenario
        days = list(dict.fromkeys(d for d, _ in self._cols))
        return [Target(d, s, self.room_for(drag, d, s)) for d in days for s in start_times(scenario, drag.section, d)]

    def _cell(self, target: Target, row: int, end: int | None = None) -> QRectF | None:
        span = self._col_span(target.day_type_id, target.start, end or target.start + 1)
        if span is None:
            return None
        left, right = self._edges[span[0]], self._edges[span[1] + 1]
        return QRectF(left, self.top + row * self.ROW_H, right - left, self.ROW_H)

    def _target_row(self, target: Target, drag: _Drag) -> int | None:
        if self.rows_kind == "room":
            return self._rows.index(target.room_id) if target.room_id in self._rows else None
        teachers = list(drag.placement.teacher_ids)
        if target.teacher_ids is not None:  # the row of the teacher taking the section over
            teachers = [t for t in target.teacher_ids if t not in drag.placement.teacher_ids] or teachers
        elif drag.row_id in teachers:
            teachers = [drag.row_id]
        rows = [self._rows.index(t) for t in teachers if t in self._rows]
        return rows[0] if rows else None

    def target_rect(self, target: Target, drag: _Drag) -> QRectF | None:
        row = self._target_row(target, drag)
        return self._cell(target, row) if row is not None else None

    def span_rect(self, target: Target, end: int, drag: _Drag) -> QRectF | None:
        row = self._target_row(target, drag)
        return self._cell(target, row, end) if row is not None else None

    def cell_center(self, target: Target, row_id: str) -> QPointF | None:
        """Scene point of a target cell in a row (for tests and keyboard moves)."""
        if row_id not in self._rows:
            return None
        rect = self._cell(target, self._rows.index(row_id))
        return rect.center() if rect else None
