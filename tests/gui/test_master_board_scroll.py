"""The master board at 1366×768: scrolled sideways or down, the names and the day/time headers stay in view."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem, QGraphicsTextItem

from dlplanner.qt.mainwindow import MainWindow


def test_names_and_headers_stay_in_view_when_the_master_board_scrolls(solved_window: MainWindow, qtbot) -> None:
    window = solved_window
    window.resize(1366, 768)
    window.show_page(window.master_page)
    board = window.master_page.board
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not board._resize_timer.isActive())  # the redraw after a resize is done
    board.refresh()

    def shown():  # read afresh each time: a late resize may redraw the scene (the pins are placed again)
        names = [i for i in board.scene().items() if isinstance(i, QGraphicsTextItem)]
        days = [i for i in board.scene().items() if isinstance(i, QGraphicsSimpleTextItem) and i.text() == "Monday"]
        assert names and days
        return names, days

    hbar, vbar = board.horizontalScrollBar(), board.verticalScrollBar()
    assert hbar.maximum() > 0  # at this size the week is wider than the view: it scrolls sideways
    hbar.setValue(hbar.maximum())
    vbar.setValue(vbar.maximum())
    QApplication.processEvents()
    view = board.mapToScene(board.viewport().rect()).boundingRect()
    names, days = shown()
    assert view.left() > 0
    for name in names:  # every name sits at the left edge of what is shown, over the cards
        assert abs(name.sceneBoundingRect().left() - (view.left() + 2)) < 1
        assert name.zValue() > 10
    monday = days[0].sceneBoundingRect()
    assert abs(monday.top() - (view.top() + 3)) < 1  # the day header at the top of what is shown
    hbar.setValue(0)
    vbar.setValue(0)
    QApplication.processEvents()
    names, _days = shown()
    assert min(n.sceneBoundingRect().left() for n in names) == 2  # back home
    assert hbar.singleStep() == int(board._col_w)  # an arrow click moves one block
