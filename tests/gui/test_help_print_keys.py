"""Help → User guide (offline) and Keyboard shortcuts (read from the actions), Print (Ctrl+P) of the
board on screen, Redo on Ctrl+Y and the platform's keys, Pin on its new key, Edit → Paste/Delete rows."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dlplanner.qt import help as help_pages
from dlplanner.qt import printing
from dlplanner.qt.mainwindow import MainWindow

NATIVE = QKeySequence.SequenceFormat.NativeText


def test_the_user_guide_opens_from_the_help_menu_with_its_pictures(window: MainWindow) -> None:
    guide = window.show_guide()
    text = guide.browser.toPlainText()
    assert guide.page == "user-guide.md" and "Undo and shortcuts" in text
    assert "Picture:" not in text  # in a checkout every screenshot resolves …
    html = guide.browser.toHtml()
    assert "<img" in html and "screenshots/" in html  # … and is shown as a picture
    guide.follow(guide.browser.document().baseUrl().resolved("compare.md"))  # a link to another shipped page
    assert guide.page == "compare.md" and "Comparing scenarios" in guide.browser.toPlainText()
    guide.close()


def test_a_missing_picture_shows_its_caption(tmp_path: Path) -> None:
    (tmp_path / "here.png").write_bytes(b"")
    text = "![Board](here.png) and ![Gone](screenshots/gone.png)"
    assert help_pages.markdown_with_captions(text, tmp_path) == "![Board](here.png) and *[Picture: Gone]*"


def test_keyboard_shortcuts_are_read_from_the_actions(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    editor = window.editors["teacher"]
    editor.model.setData(editor.model.index(0, 1), "Ms. Renamed")  # Undo's text now names the edit
    rows = dict(help_pages.shortcut_rows(window))
    print_key = QKeySequence(QKeySequence.StandardKey.Print).toString(NATIVE)
    assert rows["File › Print"] == print_key == "Ctrl+P"
    assert "Ctrl+Y" in rows["Edit › Redo"].split(", ") and "Edit › Undo" in rows
    assert rows["Edit › Pin / unpin card"] == "Ctrl+Shift+P"
    assert rows["Table › Paste rows copied from a spreadsheet"] == "Ctrl+V"
    assert rows["Help › User guide"] == QKeySequence(QKeySequence.StandardKey.HelpContents).toString(NATIVE)
    extra = QAction("Brand new command", window, shortcut=QKeySequence("Ctrl+Alt+J"))
    window.menuBar().actions()[0].menu().addAction(extra)  # a new action shows up without editing a list
    dialog = window.show_shortcuts()
    shown = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert shown["File › Brand new command"] == "Ctrl+Alt+J"
    dialog.close()


def test_ctrl_y_and_the_platform_redo_keys_redo(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    teacher = window.document.project.teachers[0]
    original = teacher.name
    editor = window.editors["teacher"]
    editor.model.setData(editor.model.index(0, 1), "Ms. Redo")
    platform = [k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
    assert "Ctrl+Shift+Z" in platform or "Ctrl+Y" in platform
    for keys in ("Ctrl+Y", *(k for k in platform if "+" in k)):  # not the keyboard's own Redo key (no test event)
        window.undo_action.trigger()
        assert teacher.name == original
        window.activateWindow()
        QApplication.processEvents()
        QTest.keySequence(window, QKeySequence(keys))
        assert teacher.name == "Ms. Redo", keys


def test_print_writes_the_current_board_to_a_pdf_page(solved_window: MainWindow, tmp_path: Path) -> None:
    window = solved_window
    window.show_page(window.board_page)
    board, title = window.board_to_print()
    assert board is window.board_page.board and window.document.scenario.name in title
    printer = printing.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "board.pdf"))
    assert printing.print_board(board, printer, title)
    reader = PdfReader(tmp_path / "board.pdf")
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = " ".join(page.extract_text().split())
    assert f"— {window.document.scenario.name} — Cohort:" in text  # the title line says what it is
    assert "Monday" in text and "8:00" in text  # the board itself: its days and times
    names = {card.lines[0] for cards in board.cards.values() for card in cards}
    assert names and all(name in text for name in names)  # and every card's text (a 1200 dpi printer lost it)

    window.show_page(window.master_page)
    board, title = window.board_to_print()
    assert board is window.master_page.board and "Master board" in title


def test_ctrl_p_prints_and_pin_has_moved(solved_window: MainWindow, monkeypatch) -> None:
    window = solved_window
    printed = []
    monkeypatch.setattr(printing, "print_with_dialog", lambda parent, board, title: printed.append(title) or True)
    assert window.print_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    window.show_page(window.board_page)
    window.activateWindow()
    QApplication.processEvents()
    QTest.keySequence(window, QKeySequence("Ctrl+P"))
    assert len(printed) == 1 and window.document.scenario.name in printed[0]
    window.show_page(window.compare_page)
    window.print_action.trigger()  # from another page: the Board page is shown and printed
    assert len(printed) == 2 and window.stack.currentWidget() is window.board_page
    assert window.pin_action.shortcut() == QKeySequence("Ctrl+Shift+P")


def test_edit_menu_paste_and_delete_rows_act_on_the_table_on_screen(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    editor = window.editors["campus"]
    window.show_page(editor)
    campuses = window.document.project.campuses
    count = len(campuses)
    window._update_table_actions()
    assert window.paste_rows_action.isEnabled() and window.paste_rows_action.text().endswith("\tCtrl+V")
    QGuiApplication.clipboard().setText("north\tNorth campus\t1 Main St\n")
    editor.table.setCurrentIndex(editor.proxy.index(editor.proxy.rowCount(), 0))  # no current cell: new rows
    window.paste_rows_action.trigger()
    assert len(campuses) == count + 1 and campuses[-1].name == "North campus"
    editor.select(campuses[-1].id)
    window.delete_rows_action.trigger()
    assert len(campuses) == count
    window.show_page(window.board_page)
    window._update_table_actions()
    assert not window.paste_rows_action.isEnabled()
