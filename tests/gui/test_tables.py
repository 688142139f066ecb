"""Tables a person can work in: rows follow the data, the place is kept, names not ids, paste, multi-delete."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester, QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox

from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.tables import NamesChecklist, RecordEditor


def _open(window: MainWindow, kind: str) -> RecordEditor:
    window.new_from_sample("big-picture")
    editor = window.editors[kind]
    window.show_page(editor)
    return editor


def _rows_match_records(editor: RecordEditor) -> None:
    """The model's rows are the record list, in order, one for one (no ghost, no missing row)."""
    records = editor.spec.records(editor.document)
    shown = [editor.model.index(row, 0).data() for row in range(editor.model.rowCount())]
    assert shown == [r.id for r in records]
    assert editor.proxy.rowCount() == len(records)


def _cell_editor(editor: RecordEditor) -> QLineEdit:
    """The text editor open in the table (not the filter box)."""
    QApplication.processEvents()
    open_editors = [w for w in editor.table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(open_editors) == 1
    return open_editors[0]


def _select_rows(editor: RecordEditor, rows: list[int]) -> None:
    selection = editor.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(editor.proxy.index(row, 0), flags)
    selection.setCurrentIndex(editor.proxy.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_rows_never_drift_from_the_data_under_add_remove_undo(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)  # rooms in use
    editor = _open(window, "room")
    # Qt's own model checker watches every signal; a wrong insert/remove announcement is a Qt warning,
    # and a Qt warning fails the test (qt_log_level_fail)
    testers = [
        QAbstractItemModelTester(m, QAbstractItemModelTester.FailureReportingMode.Warning)
        for m in (editor.model, editor.proxy)
    ]
    inserted, removed = [], []
    editor.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    editor.model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    resets = []
    editor.model.modelReset.connect(lambda: resets.append(1))
    stack = window.document.undo_stack
    rooms = window.document.project.rooms
    count = len(rooms)
    editor.add_button.click()
    editor.add_button.click()
    _rows_match_records(editor)
    assert inserted == [(count, count), (count + 1, count + 1)]  # told row by row, not by a reset
    _select_rows(editor, [1, 3, 4])
    editor.remove_button.click()
    _rows_match_records(editor)
    assert len(rooms) == count - 1
    stack.undo()  # the three rows come back in one step
    _rows_match_records(editor)
    assert len(rooms) == count + 2
    stack.undo()
    stack.undo()
    _rows_match_records(editor)
    stack.redo()
    stack.redo()
    _rows_match_records(editor)
    assert removed and not resets
    assert len(testers) == 2


def test_an_edit_keeps_the_cursor_selection_scroll_and_filter(window: MainWindow, qtbot) -> None:
    editor = _open(window, "teacher")
    editor.table.resize(400, 300)  # narrow: the table scrolls sideways
    word = "mathematics"  # the math teachers, by the subject's name: some rows, not all
    editor.filter.setText(word)
    visible = editor.proxy.rowCount()
    assert 1 < visible < editor.model.rowCount()
    index = editor.proxy.index(1, 7)  # email, far right
    editor.table.setCurrentIndex(index)
    editor.table.scrollTo(index)
    QApplication.processEvents()
    scroll = editor.table.horizontalScrollBar().value()
    assert scroll > 0
    record_id = editor.current_id()
    editor.table.edit(index)
    line = _cell_editor(editor)
    line.setText("someone@school.example")
    QTest.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    teacher = next(t for t in window.document.project.teachers if t.id == record_id)
    assert teacher.email == "someone@school.example"
    assert editor.current_id() == record_id and editor.table.currentIndex().column() == 7
    assert editor.filter.text() == word and editor.proxy.rowCount() == visible
    assert editor.table.horizontalScrollBar().value() == scroll
    assert editor.table.selectionModel().isRowSelected(editor.table.currentIndex().row())


def test_tab_moves_to_the_cell_on_the_right(window: MainWindow) -> None:
    editor = _open(window, "room")
    room = window.document.project.rooms[0]
    original_id = room.id
    name = editor.proxy.mapFromSource(editor.model.index(0, 1))
    editor.table.setCurrentIndex(name)
    editor.table.edit(name)
    line = _cell_editor(editor)
    line.setText("Big Hall")
    QTest.keyClick(line, Qt.Key.Key_Tab)
    QApplication.processEvents()  # the next cell's editor opens from the event loop
    assert room.name == "Big Hall" and room.id == original_id
    assert editor.table.currentIndex().column() == 2  # capacity, right of the name
    capacity = _cell_editor(editor)
    assert capacity.text() == str(room.capacity)  # its editor is open
    capacity.setText("44")
    QTest.keyClick(capacity, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert room.capacity == 44 and room.name == "Big Hall"


def test_several_rows_are_removed_as_one_undo_step(window: MainWindow, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)  # cohorts in use
    editor = _open(window, "cohort")
    cohorts = window.document.project.cohorts
    before = [c.id for c in cohorts]
    _select_rows(editor, [0, 2, 5])
    editor.remove_button.click()
    assert [c.id for c in cohorts] == [i for n, i in enumerate(before) if n not in (0, 2, 5)]
    assert "Remove 3" in window.document.undo_stack.undoText()
    window.document.undo_stack.undo()
    assert [c.id for c in cohorts] == before
    _rows_match_records(editor)


def test_paste_a_block_of_rows_as_one_validated_undo_step(window: MainWindow) -> None:
    editor = _open(window, "room")
    rooms = window.document.project.rooms
    count = len(rooms)
    last = editor.proxy.index(count - 1, 1)  # the last room's name
    editor.table.setCurrentIndex(last)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("Studio North\t28\r\nStudio South\tmany\r\n")
    editor.paste()  # a capacity that is not a number: nothing is pasted
    assert len(rooms) == count and rooms[-1].name != "Studio North"
    assert "row 2" in editor.message.text() and "not a whole number" in editor.message.text()
    clipboard.setText("Studio North\t28\nStudio South\t32\nMaker Lab\t20\n")
    editor.table.setFocus()
    QTest.keySequence(editor.table, "Ctrl+V")
    assert len(rooms) == count + 2
    assert (rooms[-3].name, rooms[-3].capacity) == ("Studio North", 28)
    assert [(r.name, r.capacity) for r in rooms[-2:]] == [("Studio South", 32), ("Maker Lab", 20)]
    assert len({r.id for r in rooms}) == len(rooms)
    _rows_match_records(editor)
    window.document.undo_stack.undo()  # the whole paste, at once
    assert len(rooms) == count and rooms[-1].name != "Studio North"
    _rows_match_records(editor)


def test_references_are_picked_and_typed_by_name(window: MainWindow) -> None:
    editor = _open(window, "teacher")
    teacher = window.document.project.teachers[0]
    subjects = editor.proxy.mapFromSource(editor.model.index(0, 2))
    assert subjects.data() == "Advisory project (learning plan)"  # names, not ids
    editor.table.setCurrentIndex(subjects)
    editor.table.edit(subjects)
    picker = editor.table.findChild(NamesChecklist)
    assert picker is not None and picker.isVisible()
    labels = [picker.item(i).text() for i in range(picker.count())]
    assert "Mathematics" in labels and "math" not in labels
    picker.item(labels.index("Mathematics")).setCheckState(Qt.CheckState.Checked)
    QTest.keyClick(picker, Qt.Key.Key_Return)  # Enter takes the ticked names
    QApplication.processEvents()
    assert teacher.subject_ids == {"project", "math"}
    assert not editor.proxy.setData(subjects, "Mathematics, Astrology")
    assert "no subject named 'Astrology'" in editor.model.last_error
    assert editor.proxy.setData(subjects, "science, mathematics")  # ids and names in any case work
    assert teacher.subject_ids == {"science", "math"}

    advisories = window.editors["advisory"]
    window.show_page(advisories)
    advisory = window.document.project.advisories[0]
    other = window.document.project.teachers[3]
    advisor = advisories.proxy.mapFromSource(advisories.model.index(0, 2))
    advisories.table.setCurrentIndex(advisor)
    advisories.table.edit(advisor)
    combo = advisories.table.findChild(QComboBox)
    assert combo is not None and combo.isEditable()
    combo.setEditText(other.name.upper())  # typed, any case
    QTest.keyClick(combo, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert advisory.advisor_id == other.id
    assert advisor.data() == other.name
