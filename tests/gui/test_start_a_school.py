"""Start a school from nothing, as a person would: File → New project, then the tables, then Solve.

Everything is built through widgets and actions (the wizard's fields and buttons, the tables'
Add button and cell editors, the Solve page); the domain is only read, to judge the result.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWizard

from dlplanner.domain import BlockKind, SolveStatus
from dlplanner.domain.checker import check_timetable
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.new_project import NewProjectWizard
from dlplanner.qt.tables import NamesChecklist, RecordEditor
from dlplanner.services import projects


def _type(line: QLineEdit, text: str) -> None:
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Backspace)
    QTest.keyClicks(line, text)


def run_wizard(window: MainWindow, location: str, school: str, *, long_block: bool = True) -> NewProjectWizard:
    """File → New project…, the school's name and file typed, defaults elsewhere, Finish."""
    window.new_project_action.trigger()
    wizard = window.new_project_wizard
    assert wizard.isVisible()
    page = wizard.school_page
    _type(page.school_name, school)
    _type(page.location, location)
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.day_page
    if long_block:
        wizard.day_form.long_block.click()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    QApplication.processEvents()
    return wizard


def _column(editor: RecordEditor, header: str) -> int:
    return next(i for i, c in enumerate(editor.spec.columns) if c.header == header)


def edit_cell(editor: RecordEditor, row: int, header: str, value: str | list[str] | bool) -> None:
    """Open the cell's editor in the table, put ``value`` in as a person would, press Enter."""
    index = editor.proxy.mapFromSource(editor.model.index(row, _column(editor, header)))
    table = editor.table
    table.setCurrentIndex(index)
    if isinstance(value, bool):
        if bool(index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked) != value:
            table.setFocus()
            QTest.keyClick(table, Qt.Key.Key_Space)  # toggles the check box of the current cell
        return
    table.edit(index)
    QApplication.processEvents()
    picker = next((w for w in table.findChildren(NamesChecklist) if w.isVisible()), None)
    combo = next((w for w in table.findChildren(QComboBox) if w.isVisible()), None)
    if picker is not None:  # a list of names: tick them
        for row_number in range(picker.count()):
            item = picker.item(row_number)
            item.setCheckState(Qt.CheckState.Checked if item.text() in value else Qt.CheckState.Unchecked)
        QTest.keyClick(picker, Qt.Key.Key_Return)
    elif combo is not None:  # one name, typed into the searchable drop-down
        combo.setEditText(str(value))
        QTest.keyClick(combo, Qt.Key.Key_Return)
    else:
        line = next(w for w in table.viewport().findChildren(QLineEdit) if w.isVisible())
        _type(line, str(value))
        QTest.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert not editor.model.last_error, editor.model.last_error


def add_row(window: MainWindow, kind: str, **cells: str | list[str] | bool) -> str:
    """Show the table of ``kind``, click Add, fill the new row's cells; returns the new record's id."""
    editor = window.editors[kind]
    window.show_page(editor)
    editor.add_button.click()
    row = editor.model.rowCount() - 1
    for header, value in cells.items():
        edit_cell(editor, row, header.replace("_", " "), value)
    return editor.model.record_at(row).id


def test_a_small_school_is_built_from_an_empty_app_through_widgets_only(window: MainWindow, qtbot, tmp_path) -> None:
    location = str(tmp_path / "harbour.dlp")
    run_wizard(window, location, "Harbour Deeper Learning")
    project = window.document.project
    assert project is not None and project.school_name == "Harbour Deeper Learning"
    assert window.document.location == location and projects.open_project(location).scenarios

    add_row(window, "subject", Name="Mathematics", Department="STEM")
    add_row(window, "subject", Name="Humanities", **{"Project-based": True})
    add_row(window, "teacher", Name="Ada Lovelace", Subjects=["Mathematics"])
    add_row(window, "teacher", Name="Toni Morrison", Subjects=["Humanities"])
    add_row(window, "teacher", Name="James Baldwin", Subjects=["Humanities"])
    add_row(window, "room", Name="Studio", Capacity="30")
    add_row(window, "room", Name="Lab", Capacity="30")
    crew_a = add_row(window, "cohort", Name="Crew A", Grade="9", Size="24")
    crew_b = add_row(window, "cohort", Name="Crew B", Grade="9", Size="24")
    add_row(window, "advisory", Name="Crew A advisory", Advisor="Ada Lovelace", Cohorts=["Crew A"], Size="24")
    add_row(
        window,
        "team",
        Name="Humanities team",
        Members=["Toni Morrison", "James Baldwin"],
        Cohorts=["Crew A", "Crew B"],
        **{"Planning min/week": "100"},
    )
    add_row(window, "section", Name="Math A", Subject="Mathematics", Cohorts=["Crew A"], Meetings="3")
    add_row(window, "section", Name="Math B", Subject="Mathematics", Cohorts=["Crew B"], Meetings="3")
    team_taught = add_row(
        window,
        "section",
        Name="Humanities A",
        Subject="Humanities",
        Cohorts=["Crew A"],
        Meetings="2",
        Teachers=["Toni Morrison", "James Baldwin"],
    )
    add_row(window, "internship", Name="Harbour internship", Cohorts=["Crew B"], Windows="Friday 12:30-15:25")

    scenario = window.document.scenario
    internship = window.editors["internship"]
    windows = internship.proxy.mapFromSource(internship.model.index(0, _column(internship, "Windows")))
    assert scenario.internships[0].windows[0].day_type_id == "fri" and windows.data() == "Friday 12:30-15:25"
    assert scenario.section(team_taught).teacher_ids == ["teacher-2", "teacher-3"]  # team-taught
    schedule = scenario.bell_schedules[0]
    assert max(b.end - b.start for b in schedule.blocks if b.kind == BlockKind.CLASS) == 90  # the long block
    window.document.revalidate()
    errors = [p.message for p in window.document.problems if p.severity.value == "error"]
    assert not errors, errors

    panel = window.solve_panel
    window.show_page(panel)
    panel.time_limit.setValue(4)
    panel.workers.setValue(1)
    with qtbot.waitSignal(panel.solve_finished, timeout=120_000):
        panel.solve_button.click()
    assert panel.last_result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    placed = scenario.solution.placements
    assert len(placed) == sum(s.meetings_per_cycle for s in scenario.sections) == 8
    report = check_timetable(project, scenario, placed)  # the independent checker judges the timetable
    assert report.ok, report

    page = window.board_page
    window.show_page(page)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("cohort"))
    page.record_combo.setCurrentIndex(page.record_combo.findData(crew_b))
    QApplication.processEvents()
    board = page.board
    shown = set(board.cards)
    assert shown == {(p.section_id, p.meeting) for p in placed if p.section_id == "section-2"}
    assert [b.label for b in board.bands if b.kind == "internship"] == ["Harbour internship"]
    page.record_combo.setCurrentIndex(page.record_combo.findData(crew_a))
    QApplication.processEvents()
    assert len(board.cards) == 5  # Math A 3 + Humanities A 2
    assert not [b for b in board.bands if b.kind == "internship"]

    window.save_action.trigger()  # Ctrl+S writes where the wizard put it
    reopened = projects.open_project(location)
    assert [s.name for s in reopened.subjects] == ["Mathematics", "Humanities"]
    assert len(reopened.scenarios[0].solution.placements) == 8
