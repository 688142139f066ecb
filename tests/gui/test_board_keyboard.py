"""Timetable cards by keyboard and in words: Tab / arrows choose a card, Enter picks it up, arrows move
it with the drag's own fit / break check said in words, Enter drops it through the same undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dlplanner.domain.editing import find_placement
from dlplanner.qt.board import BoardView
from dlplanner.qt.commands import MoveCommand
from dlplanner.qt.mainwindow import MainWindow

# every start time of every day type, snaking through the week
MOVES = ([Qt.Key.Key_Down] * 10 + [Qt.Key.Key_Right] + [Qt.Key.Key_Up] * 10 + [Qt.Key.Key_Right]) * 4


def _board(window: MainWindow) -> BoardView:
    window.show_page(window.board_page)
    cohort = window.document.project.cohorts[0]
    window.board_page.show_record("cohort", cohort.id)
    board = window.board_page.board
    QApplication.processEvents()
    board.setFocus()
    QApplication.processEvents()
    return board


def _said(board: BoardView) -> list[str]:
    said: list[str] = []
    board.announced.connect(said.append)
    return said


def test_tab_and_arrows_go_from_card_to_card_and_say_the_card(solved_window: MainWindow) -> None:
    board = _board(solved_window)
    said = _said(board)
    QTest.keyClick(board, Qt.Key.Key_Tab)
    first = board.selected_key
    assert first == board.card_order()[0]
    scenario = solved_window.document.scenario
    placement = find_placement(scenario, first)
    section = scenario.section(placement.section_id)
    day = next(d.name for d in scenario.day_types if d.id == placement.day_type_id)
    teacher = solved_window.document.name_of("teacher", placement.teacher_ids[0])
    description = board.accessibleDescription()
    assert description.startswith(section.name) and teacher in description and day in description
    assert said[-1] == description
    interface = QAccessible.queryAccessibleInterface(board)  # what assistive technology reads
    assert interface.text(QAccessible.Text.Description) == description
    assert interface.text(QAccessible.Text.Name) == "Timetable board"
    assert any(c.focused for c in board.cards[first])  # the keyboard's ring is drawn on it
    QTest.keyClick(board, Qt.Key.Key_Tab)
    assert board.selected_key == board.card_order()[1]
    QTest.keyClick(board, Qt.Key.Key_Right)
    assert board.selected_key not in (None, board.card_order()[1])


def _pick_up_a_card_that_can(board: BoardView, breaking: bool) -> bool:
    """Tab to a card, Enter, arrow keys until it hovers a target that fits (or breaks); else Escape, next card."""
    for _card in range(6):
        QTest.keyClick(board, Qt.Key.Key_Tab)
        QTest.keyClick(board, Qt.Key.Key_Return)
        assert board._drag is not None
        if _find_target(board, breaking):
            return True
        QTest.keyClick(board, Qt.Key.Key_Escape)
    return False


def _find_target(board: BoardView, breaking: bool) -> bool:
    """Arrow keys until the card hovers a target that fits (or breaks a hard rule)."""
    for key in MOVES:
        QTest.keyClick(board, key)
        drag = board._drag
        assert drag is not None and drag.target is not None
        if bool(board.drag_conflicts(drag, drag.target)) == breaking and (
            drag.target.day_type_id,
            drag.target.start,
        ) != (drag.placement.day_type_id, drag.placement.start):
            return True
    return False


def test_a_keyboard_move_goes_through_the_move_command_and_undo_restores_it(solved_window: MainWindow) -> None:
    board = _board(solved_window)
    said = _said(board)
    assert _pick_up_a_card_that_can(board, breaking=False), "no card with a fitting target"
    assert any(line.startswith("Moving") for line in said)
    key = board.selected_key
    before = find_placement(solved_window.document.scenario, key)
    where_before = (before.day_type_id, before.start)
    assert said[-1].endswith(": fits")
    target = board._drag.target
    stack = solved_window.document.undo_stack
    count = stack.count()
    QTest.keyClick(board, Qt.Key.Key_Return)  # drop it
    after = find_placement(solved_window.document.scenario, key)
    assert (after.day_type_id, after.start) == (target.day_type_id, target.start)
    assert stack.count() == count + 1 and isinstance(stack.command(count), MoveCommand)
    assert said[-1].startswith("Moved ")
    stack.undo()
    restored = find_placement(solved_window.document.scenario, key)
    assert (restored.day_type_id, restored.start) == where_before


def test_an_illegal_keyboard_move_is_refused_and_says_why(solved_window: MainWindow) -> None:
    board = _board(solved_window)
    said = _said(board)
    asked: list[list] = []
    board.confirm = lambda _parent, conflicts: asked.append(conflicts) or False  # "Cancel" on the question
    assert _pick_up_a_card_that_can(board, breaking=True), "no card with a breaking target"
    key = board.selected_key
    before = find_placement(solved_window.document.scenario, key)
    where_before = (before.day_type_id, before.start)
    conflicts = board.drag_conflicts(board._drag, board._drag.target)
    assert "breaks a hard rule" in said[-1] and conflicts[0].message in said[-1]  # the red cell, in words
    count = solved_window.document.undo_stack.count()
    QTest.keyClick(board, Qt.Key.Key_Return)
    after = find_placement(solved_window.document.scenario, key)
    assert (after.day_type_id, after.start) == where_before
    assert solved_window.document.undo_stack.count() == count
    assert said[-1] == f"Not moved: {conflicts[0].message}"
    assert board._drag is None


def test_escape_puts_a_picked_up_card_back(solved_window: MainWindow) -> None:
    board = _board(solved_window)
    QTest.keyClick(board, Qt.Key.Key_Tab)
    key = board.selected_key
    before = find_placement(solved_window.document.scenario, key)
    QTest.keyClick(board, Qt.Key.Key_Return)
    QTest.keyClick(board, Qt.Key.Key_Down)
    QTest.keyClick(board, Qt.Key.Key_Escape)
    assert board._drag is None
    after = find_placement(solved_window.document.scenario, key)
    assert (after.day_type_id, after.start) == (before.day_type_id, before.start)
