"""File → New project (wizard), Scenario → New/Duplicate/Rename/Delete, Project → Rename school, Subjects."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWizard

from dlplanner.domain import BlockKind, Cohort, Project, Section, Subject, Teacher
from dlplanner.domain.calendar import RotationKind
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import projects, solving
from dlplanner.services.new_school import SchoolSetup, build_project
from tests.gui.test_start_a_school import _type, add_row, run_wizard


def test_next_next_finish_gives_a_usable_empty_school(window: MainWindow, tmp_path) -> None:
    location = tmp_path / "school.dlp"
    run_wizard(window, str(location), "Eastside Studio School", long_block=False)
    assert location.is_file()
    stored = projects.open_project(str(location))
    assert stored.school_name == stored.name == "Eastside Studio School"
    [scenario] = stored.scenarios
    assert [d.name for d in scenario.day_types] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert (
        scenario.calendar.rotation.kind == RotationKind.WEEKDAY and scenario.calendar.rotation.weekday_map[4] == "fri"
    )
    assert scenario.calendar.first_day < scenario.calendar.last_day
    assert scenario.calendar.first_day.weekday() == 0 and scenario.calendar.last_day.weekday() == 4
    [schedule] = scenario.bell_schedules
    kinds = [b.kind for b in schedule.blocks]
    assert kinds.count(BlockKind.CLASS) == 6 and BlockKind.ADVISORY in kinds and BlockKind.LUNCH in kinds
    assert all(d.bell_schedule_id == schedule.id for d in scenario.day_types)
    assert window.document.scenario.id == scenario.id and window.windowTitle().startswith("Eastside Studio School")
    assert not window.document.dirty


def test_the_wizard_never_overwrites_an_existing_file_without_asking(window: MainWindow, tmp_path) -> None:
    existing = tmp_path / "old.dlp"
    existing.write_bytes(b"precious")
    window.new_project_action.trigger()
    wizard = window.new_project_wizard
    page = wizard.school_page
    _type(page.location, str(existing))
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()
    assert "already exists" in page.message.text() and page.replace.isVisible()
    _type(page.location, str(tmp_path / "missing-folder" / "x.dlp"))
    assert not next_button.isEnabled() and "does not exist" in page.message.text()
    _type(page.location, str(existing))
    page.replace.click()  # the planner agrees to replace it
    assert next_button.isEnabled() and not page.message.text()
    next_button.click()
    next_button.click()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    QApplication.processEvents()
    assert projects.open_project(str(existing)).school_name == "New school"


def test_finish_refuses_when_the_file_appeared_meanwhile(window: MainWindow, tmp_path) -> None:
    target = tmp_path / "race.dlp"
    window.new_project_action.trigger()
    wizard = window.new_project_wizard
    _type(wizard.school_page.location, str(target))
    wizard.button(QWizard.WizardButton.NextButton).click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    target.write_bytes(b"someone else's")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and "already exists" in wizard.day_page.message.text()
    assert target.read_bytes() == b"someone else's" and window.document.project is None


def test_the_wizard_says_what_is_wrong_with_the_dates_and_the_day(window: MainWindow, tmp_path) -> None:
    window.new_project_action.trigger()
    wizard = window.new_project_wizard
    _type(wizard.school_page.location, str(tmp_path / "dates.dlp"))
    _type(wizard.school_page.school_name, "")
    assert "needs a name" in wizard.school_page.message.text()
    _type(wizard.school_page.school_name, "Dates School")
    _type(wizard.school_page.location, str(tmp_path / "dates.dlp"))
    wizard.button(QWizard.WizardButton.NextButton).click()
    form, page = wizard.year_form, wizard.year_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    form.last_day.setDate(QDate(2020, 1, 1))
    assert not next_button.isEnabled() and "must come after the first day" in page.message.text()
    form.last_day.setDate(form.first_day.date().addDays(300))
    for box in form.weekdays:
        box.setChecked(False)
    assert "at least one school day" in page.message.text() and not next_button.isEnabled()
    form.weekdays[0].setChecked(True)
    form.weekdays[2].setChecked(True)
    form.cycle.setCurrentIndex(form.cycle.findData("ab"))
    assert next_button.isEnabled() and not page.message.text()
    next_button.click()
    day = wizard.day_form
    day.periods.setValue(4)
    day.lunch_after.setValue(5)
    assert "only 4 periods" in wizard.day_page.message.text()
    day.lunch_after.setValue(2)
    day.start.setTime(day.start.time().fromString("22:00", "H:mm"))
    assert "after midnight" in wizard.day_page.message.text()
    day.start.setTime(day.start.time().fromString("8:30", "H:mm"))
    wizard.button(QWizard.WizardButton.FinishButton).click()
    scenario = window.document.scenario
    assert [d.id for d in scenario.day_types] == ["a", "b"]
    assert scenario.calendar.rotation.school_weekdays == [0, 2]
    assert scenario.bell_schedules[0].blocks[0].start == 8 * 60 + 30


def _empty_project(tmp_path: Path) -> str:
    location = str(tmp_path / "empty.dlp")
    projects.create_project(location, Project(name="empty"))  # what `dlplanner new empty.dlp` makes
    return location


def test_a_project_without_scenarios_opens_cleanly_and_offers_new_scenario(window: MainWindow, tmp_path) -> None:
    assert window.open_project(_empty_project(tmp_path))  # a traceback in any page fails the test (pytest-qt)
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
    assert "New scenario" in window.status_label.text()
    assert window.new_scenario_action.isEnabled() and not window.rename_scenario_action.isEnabled()
    sections = window.editors["section"]
    sections.add_button.click()  # nothing to add to yet: nothing happens, nothing breaks
    assert sections.model.rowCount() == 0

    window.new_scenario_action.trigger()
    dialog = window.new_scenario_dialog
    assert dialog.isVisible()
    _type(dialog.day_form.scenario_name, "Plan A")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    scenario = window.document.scenario
    assert scenario is not None and scenario.name == "Plan A" and scenario.bell_schedules
    assert window.scenario_combo.currentText().startswith("Plan A")
    window.undo_action.trigger()
    assert window.document.project.scenarios == [] and window.document.scenario is None
    window.redo_action.trigger()
    assert window.document.scenario is scenario


def test_new_scenario_refuses_a_taken_name_inline(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    taken = window.document.scenario.name
    window.new_scenario_action.trigger()
    dialog = window.new_scenario_dialog
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    _type(dialog.day_form.scenario_name, taken)
    assert not ok.isEnabled() and "already" in dialog.message.text()
    count = len(window.document.project.scenarios)
    _type(dialog.day_form.scenario_name, "Four-day week")
    dialog.year_form.weekdays[4].setChecked(False)
    ok.click()
    added = window.document.project.scenarios[-1]
    assert len(window.document.project.scenarios) == count + 1 and added.name == "Four-day week"
    assert [d.id for d in added.day_types] == ["mon", "tue", "wed", "thu"]
    assert window.document.scenario is added


def test_duplicate_rename_delete_from_the_menu_with_undo(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("big-picture")
    project = window.document.project
    first = window.document.scenario
    count = len(project.scenarios)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Copy B", True))
    window.copy_scenario_action.trigger()
    copy = window.document.scenario
    assert copy is not first and copy.name == "Copy B" and len(project.scenarios) == count + 1
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Renamed B", True))
    window.rename_scenario_action.trigger()
    assert copy.name == "Renamed B"
    window.undo_action.trigger()
    assert copy.name == "Copy B"

    questions: list[str] = []

    def answer(button: QMessageBox.StandardButton):
        return lambda _parent, _title, text, *_a: questions.append(text) or button

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    window.delete_scenario_action.trigger()
    assert copy in project.scenarios  # cancelled: nothing deleted
    assert "Delete scenario 'Copy B'" in questions[-1] and "section(s)" in questions[-1]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    window.delete_scenario_action.trigger()
    assert copy not in project.scenarios
    window.undo_action.trigger()
    assert copy in project.scenarios and window.document.scenario is copy


def test_rename_school_is_undoable_and_leaves_the_timetable_fresh(solved_window: MainWindow, monkeypatch) -> None:
    window = solved_window
    project = window.document.project
    scenario = window.document.scenario
    assert scenario.solution.placements and not scenario.solution.stale
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Harbour Big Picture", True))
    window.rename_school_action.trigger()
    assert project.school_name == "Harbour Big Picture"
    assert window.windowTitle().startswith("Harbour Big Picture")
    assert not scenario.solution.stale
    window.undo_action.trigger()
    assert project.school_name != "Harbour Big Picture"

    teachers = window.editors["teacher"]
    window.show_page(teachers)
    teacher = project.teachers[0]
    assert teachers.proxy.setData(teachers.proxy.mapFromSource(teachers.model.index(0, 1)), "Renamed Teacher")
    assert teacher.name == "Renamed Teacher" and not scenario.solution.stale  # a rename: still fresh
    assert "stale" not in window.status_label.text()
    assert window.rename_scenario("Renamed scenario") and not scenario.solution.stale
    assert teachers.proxy.setData(teachers.proxy.mapFromSource(teachers.model.index(0, 3)), "600")
    assert scenario.solution.stale  # a weekly maximum does change what the timetable must respect
    window.undo_action.trigger()
    assert not scenario.solution.stale


def test_subjects_page_adds_edits_and_removes_subjects_picked_by_name(
    window: MainWindow, tmp_path, monkeypatch
) -> None:
    run_wizard(window, str(tmp_path / "s.dlp"), "Subjects School")
    page = window.editors["subject"]
    subject_id = add_row(window, "subject", Name="Marine Biology", Colour="teal", Department="Science")
    subject = window.document.project.subjects[0]
    assert (subject.id, subject.name, subject.department) == (subject_id, "Marine Biology", "Science")
    assert subject.color == "#008080"  # a colour name is stored as #rrggbb
    window.document.revalidate()  # the check after the last edit has run (as it has by the time a person types)
    page.table.setCurrentIndex(page.proxy.index(0, 2))
    page.table.edit(page.proxy.index(0, 2))
    QApplication.processEvents()
    line = next(w for w in page.table.viewport().findChildren(QLineEdit) if w.isVisible())
    _type(line, "not-a-colour")
    QTest.keyClick(line, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert subject.color == "#008080" and "not a colour" in page.message.text()
    assert page.choose_color(QColor("#3a7bd5")) and subject.color == "#3a7bd5"
    add_row(window, "teacher", Name="Rachel Carson", Subjects=["Marine Biology"])
    assert window.document.project.teachers[0].subject_ids == {subject_id}
    window.show_page(page)
    page.table.setCurrentIndex(page.proxy.index(0, 1))
    asked = []  # a subject a teacher teaches: removing it says so and asks first
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    page.remove_button.click()
    assert asked and "is taught by teacher(s): Rachel Carson" in asked[0]
    assert window.document.project.subjects == []
    window.undo_action.trigger()
    assert window.document.project.subjects == [subject]


def test_solving_the_wizard_school_needs_no_hand_fixes(tmp_path) -> None:
    """The services behind the wizard alone: a default school with one section solves and passes the checker."""
    project = build_project(SchoolSetup(school_name="Plain", first_day=date(2027, 8, 23), last_day=date(2028, 6, 9)))
    project.subjects.append(Subject("s", "S"))
    project.teachers.append(Teacher("t", "T", {"s"}))
    project.cohorts.append(Cohort("c", "C", 9, 20))
    project.scenarios[0].sections.append(Section("x", "X", "s", ["c"], 4, teacher_ids=["t"]))
    result, report = solving.solve_scenario(project, project.scenarios[0].id, time_limit=5, workers=1, seed=1)
    assert len(result.placements) == 4 and report is not None and report.ok


def test_new_project_asks_about_unsaved_edits_first(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("big-picture")  # unsaved work
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Cancel
    )
    assert window.new_project() is None  # cancelled: no wizard, the sample stays open
    assert asked and "Save the changes" in asked[0] and window.document.project is not None


def test_time_windows_are_shown_and_typed_by_day_name(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    editor = window.editors["teacher"]
    window.show_page(editor)
    day = window.document.scenario.day_types[0]
    cell = editor.proxy.mapFromSource(editor.model.index(0, 5))
    assert editor.proxy.setData(cell, f"{day.name.upper()} 13:00-14:00; * 8:00-8:30")
    assert [(w.day_type_id, w.start) for w in window.document.project.teachers[0].unavailable] == [
        (day.id, 13 * 60),
        (None, 8 * 60),
    ]
    assert cell.data() == f"{day.name} 13:00-14:00; * 8:00-8:30"
    assert editor.proxy.setData(cell, f"{day.id} 9:00-10:00")  # the id still works
    assert window.document.project.teachers[0].unavailable[0].day_type_id == day.id
