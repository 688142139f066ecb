"""Every control a person can reach from the main window has a name a screen reader can say.

The names come from dlplanner.qt.accessibility (installed by make_app): labels, tooltips, column
headers and area titles name the controls as they are shown. The test visits every page, every
tab, every dock and the dialogs of the main window, as a person would, and lists what has no name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMenu, QTabWidget, QWidget

from dlplanner.qt import accessibility
from dlplanner.qt.accessibility import given_name, is_control
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.new_project import NewProjectWizard
from dlplanner.qt.scenarios import NewScenarioDialog
from dlplanner.qt.school_data import ExportSchoolDataDialog


def _describe(widget: QWidget) -> str:
    chain, parent = [], widget.parentWidget()
    while parent is not None and len(chain) < 4:
        chain.append(type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__} {widget.objectName()!r} in {' < '.join(chain)}"


def _unnamed_visible(root: QWidget) -> list[str]:
    QApplication.processEvents()
    return [
        _describe(w)
        for w in [root, *root.findChildren(QWidget)]
        if is_control(w) and w.isVisible() and not given_name(w)
    ]


def _visit_tabs(root: QWidget) -> list[str]:
    """The unnamed controls of each tab of each tab widget under ``root`` (each tab shown in turn)."""
    missing = _unnamed_visible(root)
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            missing += _unnamed_visible(root)
    return missing


def test_every_control_of_every_page_dock_and_dialog_has_a_name(solved_window: MainWindow, tmp_path) -> None:
    window = solved_window
    missing: list[str] = []
    visited = 0
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        missing += _visit_tabs(window)
        visited += sum(1 for w in window.stack.currentWidget().findChildren(QWidget) if is_control(w) and w.isVisible())
    for dock in (window.tray_dock, window.conflicts_dock, window.problems_dock):
        dock.show()
        dock.raise_()
        missing += _unnamed_visible(dock)
    dialogs: list[QDialog] = [
        window.export_dialog(),
        window.compare_page.minimums_dialog(),
        window.new_year_dialog(),
        NewScenarioDialog(window.document, window),
        ExportSchoolDataDialog(window.document, window),
        NewProjectWizard(window, folder=tmp_path),  # its first page (the others need the first one filled in)
    ]
    for dialog in dialogs:
        dialog.show()
        missing += _visit_tabs(dialog)
        visited += sum(1 for w in dialog.findChildren(QWidget) if is_control(w) and w.isVisible())
        dialog.reject()
        dialog.deleteLater()  # gone before the next test restyles the application
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert visited > 90  # the visit reached the pages' controls, not an empty window
    assert not missing, "controls without an accessible name:\n" + "\n".join(sorted(set(missing)))


def test_names_are_what_a_person_reads_next_to_the_control(solved_window: MainWindow) -> None:
    """Form labels, a label before the control, headers and titles: never an object name."""
    window = solved_window
    window.show_page(window.solve_panel)
    QApplication.processEvents()
    names = {given_name(w) for w in window.solve_panel.findChildren(QWidget) if is_control(w) and w.isVisible()}
    assert {"Time limit", "Workers", "Seed"} <= names  # the form's labels
    window.show_page(window.editors["teacher"])
    QApplication.processEvents()
    filters = [w for w in window.editors["teacher"].findChildren(QLineEdit) if w.isVisible()]
    assert [given_name(w) for w in filters] == ["Filter teachers…"]  # the placeholder
    window.show_page(window.board_page)
    QApplication.processEvents()
    assert given_name(window.board_page.board) == "Timetable board"  # the page's title
    assert given_name(window.scenario_combo) == "Scenario"  # the toolbar label before it
    assert window.nav.accessibleName() == "Pages"


def test_a_label_before_a_control_becomes_its_buddy() -> None:
    """A new page gets names with no code of its own: the mechanism in accessibility.install does it."""
    from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel

    page = QWidget()
    form = QFormLayout(page)
    field = QLineEdit()
    form.addRow("&Student name:", field)
    row = QHBoxLayout()
    row.addWidget(QLabel("Grade"))
    grade = QComboBox()
    grade.addItems(["9", "10"])
    row.addWidget(grade)
    form.addRow(row)
    unnamed = QComboBox(toolTip="<b>Looping</b> keeps a cohort with its teacher")
    form.addRow(unnamed)
    page.show()
    QApplication.processEvents()
    assert field.accessibleName() == "Student name"
    assert form.labelForField(field).buddy() is field
    assert grade.accessibleName() == "Grade"
    assert unnamed.accessibleName() == "Looping keeps a cohort with its teacher"
    assert accessibility.name_controls(page) == []
    page.close()


def test_every_menu_action_has_text(solved_window: MainWindow) -> None:
    for menu in solved_window.menuBar().findChildren(QMenu):
        menu.aboutToShow.emit()  # Open recent fills itself when shown
        for action in menu.actions():
            assert action.isSeparator() or action.text().strip(), f"an action of {menu.title()} has no text"
