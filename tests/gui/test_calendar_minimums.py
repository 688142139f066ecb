"""The Calendar page and the Minimums dialog, driven through their widgets in the real main window."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from dlplanner.domain.calendar import RotationKind, SpecialDayKind, TermKind
from dlplanner.qt.calendar_page import CalendarPage
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.minimums import describe_minimums
from dlplanner.services import projects


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def type_into(qtbot, line: QLineEdit, text: str) -> None:
    """Select what the box holds, type ``text`` and press Enter, as a user would."""
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def assert_preview_matches(page: CalendarPage) -> None:
    """The preview's counts and colours are those of ``SchoolYear.school_days()``."""
    year = page.year
    days = year.school_days()
    assert page.preview.school_day_count == len(days)
    assert page.preview.counts == Counter(day_type for _, day_type in days) == year.day_type_counts()
    for day, day_type in days:
        assert page.preview.kind_of(day) == f"school:{day_type}"
    assert f"{len(days)} school days" in page.legend.text()


def undo_all(window: MainWindow) -> int:
    stack = window.document.undo_stack
    steps = stack.index()
    while stack.canUndo():
        window.undo_action.trigger()
    return steps


def redo_all(window: MainWindow) -> None:
    while window.document.undo_stack.canRedo():
        window.redo_action.trigger()


@pytest.fixture
def calendar_window(window: MainWindow) -> MainWindow:
    window.new_from_sample("new-tech")  # first scenario: an A/B cycle
    window.show_page(window.calendar_page)
    return window


def test_calendar_is_a_page_with_a_view_menu_entry_and_shortcut(calendar_window: MainWindow) -> None:
    window = calendar_window
    titles = [title for title, _icon, _page in window.pages]
    row = titles.index("Calendar")
    assert window.stack.widget(row) is window.calendar_page
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    entry = next(a for a in view_menu.actions() if a.text() == "Calendar")
    assert entry.shortcut().toString() == f"Ctrl+{row + 1}"
    window.show_page(window.board_page)
    entry.trigger()
    assert window.stack.currentWidget() is window.calendar_page
    assert window.calendar_page.scenario_label.text() == f"Scenario: {window.document.scenario.name}"


def test_year_fields_are_undoable_edits_and_the_preview_follows(calendar_window: MainWindow, qtbot) -> None:
    window, page = calendar_window, calendar_window.calendar_page
    year = window.document.scenario.calendar
    original = copy.deepcopy(year)
    assert_preview_matches(page)
    before = page.preview.school_day_count

    type_into(qtbot, page.label, "2026-27 pilot")
    assert year.label == "2026-27 pilot"
    page.first_day.setDate(QDate(2026, 8, 31))  # a week later: five school days fewer
    assert year.first_day == date(2026, 8, 31)
    assert year.terms[0].start == date(2026, 8, 31)  # the first term still starts with the year
    assert window.document.scenario.solution.stale  # terms moved: the timetable is stale
    assert page.preview.school_day_count == before - 5
    assert page.preview.kind_of(date(2026, 8, 24)) == ""  # before the year now
    assert_preview_matches(page)
    page.last_day.setDate(QDate(2027, 6, 11))
    assert year.last_day == date(2027, 6, 11) and year.terms[-1].end == date(2027, 6, 11)
    type_into(qtbot, page.time_zone.lineEdit(), "America/Chicago")
    assert year.time_zone == "America/Chicago"
    page.weekday_checks[4].setChecked(False)  # no school on Fridays
    assert year.rotation.school_weekdays == [0, 1, 2, 3]
    assert page.preview.kind_of(date(2026, 9, 4)) == "weekend"
    assert_preview_matches(page)
    page.restart.setChecked(True)
    assert year.rotation.restart_after_holidays
    assert_preview_matches(page)
    edited = copy.deepcopy(year)

    assert undo_all(window) == 6  # one step per edit
    assert year == original and not window.document.scenario.solution.stale
    assert page.label.text() == original.label and page.first_day.date() == qdate(original.first_day)
    assert page.weekday_checks[4].isChecked() and page.time_zone.currentText() == original.time_zone
    assert_preview_matches(page)
    redo_all(window)
    assert year == edited
    assert page.time_zone.currentText() == "America/Chicago" and not page.weekday_checks[4].isChecked()
    assert_preview_matches(page)


def test_cycle_and_weekday_rotations_are_edited_in_place(calendar_window: MainWindow) -> None:
    window, page = calendar_window, calendar_window.calendar_page
    year = window.document.scenario.calendar
    original = copy.deepcopy(year)
    assert year.rotation.kind == RotationKind.CYCLE and year.rotation.sequence == ["a", "b"]
    assert page.rotation_pages.currentIndex() == 1
    assert [page.sequence.item(r).text() for r in range(page.sequence.count())] == ["1. A day", "2. B day"]

    page.sequence_choice.setCurrentIndex(page.sequence_choice.findData("a"))
    page.sequence_add.click()
    assert year.rotation.sequence == ["a", "b", "a"]
    assert page.preview.counts["a"] > 1.8 * page.preview.counts["b"]  # two A days for each B day
    page.sequence.setCurrentRow(2)
    page.sequence_up.click()
    assert year.rotation.sequence == ["a", "a", "b"] and page.sequence.currentRow() == 1
    page.sequence_remove.click()
    assert year.rotation.sequence == ["a", "b"]
    assert_preview_matches(page)

    page.rotation_kind.setCurrentIndex(page.rotation_kind.findData(RotationKind.WEEKDAY.value))
    assert year.rotation.kind == RotationKind.WEEKDAY
    assert year.rotation.weekday_map == {0: "a", 1: "b", 2: "a", 3: "b", 4: "a"}  # a start to edit
    assert page.rotation_pages.currentIndex() == 0
    friday = page.weekday_combos[4]
    friday.setCurrentIndex(friday.findData("b"))
    assert year.rotation.weekday_map[4] == "b"
    assert page.preview.kind_of(date(2026, 9, 4)) == "school:b"
    friday.setCurrentIndex(friday.findData(None))  # Friday without a day type: no classes, flagged
    assert 4 not in year.rotation.weekday_map
    assert page.preview.kind_of(date(2026, 9, 4)) == "no_day_type"
    assert "no day type" in page.legend.text()
    assert_preview_matches(page)

    undo_all(window)
    assert year == original
    assert page.rotation_pages.currentIndex() == 1 and page.sequence.count() == 2


def test_holidays_terms_special_days_and_overrides_through_their_tables(solved_window: MainWindow) -> None:
    window = solved_window
    page = window.calendar_page
    window.show_page(page)
    scenario = window.document.scenario
    year = scenario.calendar
    original = copy.deepcopy(year)
    assert not scenario.solution.stale

    # holidays: add, rename (text cell), move (date boxes), remove
    holidays = page.holidays
    holidays.add_button.click()
    row = len(year.holidays) - 1
    assert holidays.table.rowCount() == len(year.holidays) == len(original.holidays) + 1
    holidays.table.item(row, 0).setText("Founders' Day")
    assert year.holidays[row].name == "Founders' Day"
    holidays.table.cellWidget(row, 1).setDate(QDate(2026, 10, 12))  # after its end: refused
    assert "ends (2026-08-24) before it starts (2026-10-12)" in page.message.text()
    holidays.table.cellWidget(row, 2).setDate(QDate(2026, 10, 13))
    holidays.table.cellWidget(row, 1).setDate(QDate(2026, 10, 12))
    assert (year.holidays[row].start, year.holidays[row].end) == (date(2026, 10, 12), date(2026, 10, 13))
    assert page.preview.kind_of(date(2026, 10, 13)) == "holiday"
    assert not scenario.solution.stale  # a holiday changes dated counts, not the weekly timetable
    assert_preview_matches(page)
    holidays.table.selectRow(0)
    holidays.remove_button.click()
    assert [h.name for h in year.holidays] == [h.name for h in original.holidays[1:]] + ["Founders' Day"]

    # terms: edit id, name, dates and kind; terms change what may share a slot, so the timetable goes stale
    terms = page.terms
    terms.add_button.click()
    row = len(year.terms) - 1
    assert scenario.solution.stale
    terms.table.item(row, 0).setText("Q4")
    terms.table.item(row, 1).setText("Fourth quarter")
    terms.table.cellWidget(row, 2).setDate(QDate(2027, 4, 5))
    kind = terms.table.cellWidget(row, 4)
    kind.setCurrentIndex(kind.findData(TermKind.QUARTER.value))
    added = year.terms[row]
    assert (added.id, added.name, added.start, added.kind) == (
        "Q4",
        "Fourth quarter",
        date(2027, 4, 5),
        TermKind.QUARTER,
    )

    # special days: a PD day (no students) and a late start following its own bells
    specials = page.specials
    specials.add_button.click()
    day = next(s for s in year.special_days if s.day not in {o.day for o in original.special_days})
    row = year.special_days.index(day)
    specials.table.cellWidget(row, 0).setDate(QDate(2026, 11, 2))
    row = next(r for r, s in enumerate(year.special_days) if s.day == date(2026, 11, 2))
    kind = specials.table.cellWidget(row, 1)
    kind.setCurrentIndex(kind.findData(SpecialDayKind.PD.value))
    special = year.special_days[row]
    assert special.kind == SpecialDayKind.PD and not special.students_attend
    assert page.preview.kind_of(date(2026, 11, 2)) == "no_students"
    assert_preview_matches(page)
    specials.table.cellWidget(row, 3).setChecked(True)  # students come after all
    kind = specials.table.cellWidget(row, 1)
    kind.setCurrentIndex(kind.findData(SpecialDayKind.LATE_START.value))
    day_type = specials.table.cellWidget(row, 2)
    day_type.setCurrentIndex(day_type.findData("fri"))
    bells = specials.table.cellWidget(row, 4)
    schedule = scenario.bell_schedules[-1].id
    bells.setCurrentIndex(bells.findData(schedule))
    specials.table.item(row, 5).setText("Conferences in the morning")
    special = year.special_days[row]
    assert (special.kind, special.students_attend, special.day_type_id, special.bell_schedule_id, special.note) == (
        SpecialDayKind.LATE_START,
        True,
        "fri",
        schedule,
        "Conferences in the morning",
    )
    assert page.preview.kind_of(date(2026, 11, 2)) == "school:fri"  # a Monday following Friday's classes
    assert "special" in page.preview.flags[date(2026, 11, 2)]

    # overrides: add one, give it another date and day type, remove it
    overrides = page.overrides
    overrides.add_button.click()
    assert len(year.rotation.overrides) == 1
    overrides.table.cellWidget(0, 0).setDate(QDate(2026, 9, 15))  # a Tuesday
    day_type = overrides.table.cellWidget(0, 1)
    day_type.setCurrentIndex(day_type.findData("thu"))
    assert year.rotation.overrides == {date(2026, 9, 15): "thu"}
    assert page.preview.kind_of(date(2026, 9, 15)) == "school:thu"
    assert "override" in page.preview.flags[date(2026, 9, 15)]
    assert_preview_matches(page)
    overrides.table.selectRow(0)
    overrides.remove_button.click()
    assert year.rotation.overrides == {}
    assert page.tabs.tabText(4) == "Overrides (0)"

    edited = copy.deepcopy(year)
    undo_all(window)
    assert year == original and not scenario.solution.stale
    assert holidays.table.rowCount() == len(original.holidays) and terms.table.rowCount() == len(original.terms)
    assert_preview_matches(page)
    redo_all(window)
    assert year == edited and scenario.solution.stale
    assert_preview_matches(page)


def test_invalid_input_is_refused_with_a_reason_and_changes_nothing(calendar_window: MainWindow, qtbot) -> None:
    window, page = calendar_window, calendar_window.calendar_page
    scenario = window.document.scenario
    year = scenario.calendar
    original = copy.deepcopy(year)
    stack = window.document.undo_stack

    def refused(fragment: str) -> None:
        assert fragment in page.message.text(), page.message.text()
        assert page.message.text().startswith("Not changed:")
        assert year == original and stack.count() == 0

    page.last_day.setDate(QDate(2026, 8, 1))
    refused("is before the first day")
    assert page.last_day.date() == qdate(original.last_day)  # the box shows the calendar again

    page.holidays.table.cellWidget(0, 2).setDate(QDate(2026, 9, 1))  # Labor Day ending before it starts
    refused("ends (2026-09-01) before it starts (2026-09-07)")
    page.holidays.table.cellWidget(0, 2).setDate(QDate(2027, 8, 1))  # into the summer
    refused("is not within the school year")
    page.holidays.table.item(0, 0).setText("  ")
    refused("needs a name")
    assert page.holidays.table.item(0, 0).text() == original.holidays[0].name

    page.specials.table.cellWidget(1, 0).setDate(qdate(original.special_days[0].day))
    refused("special days fall on")
    page.specials.table.cellWidget(0, 0).setDate(QDate(2027, 7, 1))
    refused("is outside the school year")

    type_into(qtbot, page.time_zone.lineEdit(), "Mars/Olympus_Mons")
    refused("time zone 'Mars/Olympus_Mons' is not a known IANA time zone")

    assert not page.edit("Override", lambda y: y.rotation.overrides.__setitem__(date(2026, 9, 1), "zz"))
    refused("day type 'zz', which is not a day type of the scenario")
    page.overrides.remove_button.click()
    refused("select the override to remove first")

    window.document.set_scenario("4x4-block")  # its sections are limited to terms S1 and S2
    year = window.document.scenario.calendar
    original = copy.deepcopy(year)
    page.terms.table.item(0, 0).setText("S9")
    refused("are limited to term 'S1'")
    assert page.terms.table.item(0, 0).text() == "S1"
    page.terms.table.selectRow(0)
    page.terms.remove_button.click()
    refused("are limited to term 'S1'")

    # good edits afterwards clear the message
    page.first_day.setDate(QDate(2026, 8, 25))
    assert year.first_day == date(2026, 8, 25) and page.message.text() == ""
    for check in page.weekday_checks[:4]:
        check.setChecked(False)
    assert year.rotation.school_weekdays == [4]
    page.weekday_checks[4].setChecked(False)
    assert "Tick at least one school weekday" in page.message.text()
    assert year.rotation.school_weekdays == [4] and page.weekday_checks[4].isChecked()


def test_the_preview_counts_the_school_days_of_every_sample_scenario(window: MainWindow) -> None:
    page = window.calendar_page
    for sample in projects.list_samples():
        window.load_project(projects.load_sample(sample.id), None)
        for scenario in window.document.project.scenarios:
            window.document.set_scenario(scenario.id)
            assert page.scenario_label.text() == f"Scenario: {scenario.name}"
            assert page.preview.school_day_count > 150
            assert_preview_matches(page)


def test_minimums_dialog_is_undoable_and_changes_the_compare_pages_compliance(solved_window: MainWindow, qtbot) -> None:
    window = solved_window
    project = window.document.project
    page = window.compare_page
    window.show_page(page)
    solved = window.document.scenario
    assert window.copy_scenario(with_solution=False, name="Unsolved copy")
    page.choose([solved.id, window.document.scenario_id])

    def compare() -> tuple[list[float], list[str]]:
        assert page.start()
        qtbot.waitUntil(lambda: page.job is None and page.comparison is not None, timeout=300_000)
        glance = page.comparison.table("glance")
        not_met = next(r.values for r in glance.rows if r.label == "Minimums not met")
        return not_met, [r.label for r in page.comparison.table("shortfalls").rows]

    original = copy.deepcopy(project.minimums)  # the sample asks for 176 school days
    assert (
        page.minimums_label.text()
        == describe_minimums(original)
        == "Minimums: 176 school days; each team's planning time"
    )
    not_met_before, labels_before = compare()
    assert not any("instructional days" in label for label in labels_before)

    dialog = page.minimums_dialog()
    assert dialog.days.value() == 176 and dialog.annual.value() == 0 and dialog.annual.text() == "no requirement"
    dialog.days.setValue(200)  # the year has 181 school days
    dialog.annual.setValue(64_800)
    dialog.add_grade(9, 70_000)
    dialog.count_advisory.setChecked(True)
    dialog.add_subject("math", 9_000)
    dialog.accept()
    minimums = project.minimums
    assert minimums.instructional_days == 200 and minimums.annual_instructional_minutes == 64_800
    assert minimums.by_grade == {9: 70_000} and minimums.count_advisory_as_instruction
    assert minimums.subject_annual_minutes == {"math": 9_000}
    assert "200 school days" in page.minimums_label.text()

    not_met, labels = compare()
    assert "School year: instructional days" in labels
    assert all(after > before for after, before in zip(not_met, not_met_before, strict=True))
    assert "200 days" in page.details.toPlainText()

    window.undo_action.trigger()
    assert project.minimums == original
    not_met_again, labels_again = compare()
    assert (not_met_again, labels_again) == (not_met_before, labels_before)

    duplicate = page.minimums_dialog()
    duplicate.add_grade(10, 60_000)
    duplicate.add_grade(10, 61_000)
    duplicate.accept()
    assert "Grade 10 is listed twice" in duplicate.message.text() and project.minimums == original
    duplicate.reject()


def test_the_compare_pages_minimums_button_compares_again(solved_window: MainWindow, qtbot, monkeypatch) -> None:
    window = solved_window
    page = window.compare_page
    window.show_page(page)
    solved = window.document.scenario
    assert window.copy_scenario(with_solution=False, name="Unsolved copy")
    page.choose([solved.id, window.document.scenario_id])
    assert page.start()
    qtbot.waitUntil(lambda: page.job is None and page.comparison is not None, timeout=300_000)
    first = page.comparison

    def answer(dialog) -> int:
        dialog.days.setValue(365)
        dialog.accept()
        return 1

    monkeypatch.setattr("dlplanner.qt.minimums.MinimumsDialog.exec", answer)
    assert window.minimums_action.isEnabled()
    window.minimums_action.trigger()  # Project → Minimums… is the same dialog
    qtbot.waitUntil(lambda: page.job is None and page.comparison is not first, timeout=300_000)
    labels = [r.label for r in page.comparison.table("shortfalls").rows]
    assert "School year: instructional days" in labels


def test_calendar_and_minimums_edits_are_saved_with_the_project(calendar_window: MainWindow, qtbot, tmp_path) -> None:
    window, page = calendar_window, calendar_window.calendar_page
    scenario = window.document.scenario
    type_into(qtbot, page.time_zone.lineEdit(), "America/Chicago")
    page.restart.setChecked(True)
    page.terms.table.cellWidget(0, 4).setCurrentIndex(page.terms.table.cellWidget(0, 4).findData("semester"))
    page.specials.add_button.click()
    row = len(scenario.calendar.special_days) - 1
    bells = page.specials.table.cellWidget(row, 4)
    bells.setCurrentIndex(bells.findData(scenario.bell_schedules[-1].id))
    dialog = window.compare_page.minimums_dialog()
    dialog.days.setValue(175)
    dialog.add_grade(12, 60_000)
    dialog.accept()
    year, minimums = copy.deepcopy(scenario.calendar), copy.deepcopy(window.document.project.minimums)
    assert year.time_zone == "America/Chicago" and year.rotation.restart_after_holidays
    assert year.terms[0].kind == TermKind.SEMESTER and year.special_days[-1].bell_schedule_id
    assert minimums.instructional_days == 175 and minimums.by_grade == {12: 60_000}

    path = tmp_path / "school.dlp"
    assert window.save_as(str(path))
    reopened = projects.open_project(str(path))
    assert reopened.scenario(scenario.id).calendar == year
    assert reopened.minimums == minimums
