"""File → Import school data… and Export school data…: the preview dialog, one undo step, never a silent overwrite."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.school_data import ExportSchoolDataDialog, ImportPreviewDialog
from dlplanner.services import projects


@pytest.fixture
def school(window: MainWindow) -> MainWindow:
    window.load_project(projects.load_sample("big-picture"), None)
    return window


def _teachers_csv(window: MainWindow, tmp_path: Path, minutes: str = "900") -> Path:
    """One new teacher and one existing teacher (matched by name) with other weekly minutes."""
    existing = window.document.project.teachers[0]
    path = tmp_path / "teachers.csv"
    path.write_text(
        f"name,subjects,max_minutes_per_week\nNew Teacher,,1200\n{existing.name},,{minutes}\n", encoding="utf-8"
    )
    return path


def _preview(qtbot, window: MainWindow, path: Path) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(window.document, path, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=10_000)
    return dialog


def _counts(dialog: ImportPreviewDialog) -> dict[str, tuple[str, str, str]]:
    table = dialog.summary
    return {
        table.item(r, 0).text(): tuple(table.item(r, c).text() for c in (1, 2, 3))  # type: ignore[misc]
        for r in range(table.rowCount())
    }


def test_the_file_menu_offers_import_and_export_of_school_data(school: MainWindow) -> None:
    texts = [a.text() for a in school.menuBar().actions()[0].menu().actions()]
    assert "&Import school data…" in texts and "Export school &data…" in texts and "Import &OneRoster folder…" in texts


def test_the_preview_shows_added_changed_unchanged_per_kind_and_changes_nothing(qtbot, school, tmp_path) -> None:
    before = copy.deepcopy(school.document.project)

    dialog = _preview(qtbot, school, _teachers_csv(school, tmp_path))

    assert _counts(dialog) == {"Teachers": ("1", "1", "0")}
    assert dialog.import_button.isEnabled()
    assert "adds 1 and changes 1" in dialog.state.text()
    details = [dialog.details.topLevelItem(0).child(i).text(0) for i in range(2)]
    assert details[0] == "added: New Teacher  (new-teacher)"
    assert school.document.project == before  # reading changed nothing


def test_cancel_changes_nothing(qtbot, school, tmp_path) -> None:
    before = copy.deepcopy(school.document.project)
    dialog = _preview(qtbot, school, _teachers_csv(school, tmp_path))

    dialog.reject()

    assert school.document.project == before
    assert school.document.undo_stack.count() == 0


def test_import_is_one_undo_step(qtbot, school, tmp_path) -> None:
    before = copy.deepcopy(school.document.project)
    dialog = _preview(qtbot, school, _teachers_csv(school, tmp_path))

    assert dialog.apply()

    project = school.document.project
    assert "New Teacher" in [t.name for t in project.teachers]
    assert project.teachers[0].max_minutes_per_week == 900
    stack = school.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import teachers.csv"
    stack.undo()
    assert school.document.project == before
    stack.redo()
    assert "New Teacher" in [t.name for t in school.document.project.teachers]


def test_a_bad_file_shows_the_problem_with_file_row_and_column_and_cannot_be_imported(qtbot, school, tmp_path) -> None:
    before = copy.deepcopy(school.document.project)
    dialog = _preview(qtbot, school, _teachers_csv(school, tmp_path, minutes="lots"))

    expected = "teachers.csv, row 3, column 'max_minutes_per_week': 'lots' is not a whole number"
    assert dialog.problem_lines() == [expected]
    assert dialog.state.text() == f"Cannot import: {expected}"
    assert not dialog.import_button.isEnabled() and not dialog.apply()
    assert school.document.project == before and school.document.undo_stack.count() == 0


def test_a_file_of_no_known_type_is_named_and_refused(qtbot, school, tmp_path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF")

    dialog = _preview(qtbot, school, path)

    assert len(dialog.problem_lines()) == 1 and dialog.problem_lines()[0].startswith("notes.pdf: import reads")
    assert not dialog.import_button.isEnabled()


def test_a_whole_school_workbook_with_students_previews_and_imports(qtbot, school, tmp_path) -> None:
    dialog_out = ExportSchoolDataDialog(school.document, school)
    qtbot.addWidget(dialog_out)
    book = tmp_path / "school.xlsx"
    dialog_out.path.setText(str(book))
    assert dialog_out.start()
    qtbot.waitUntil(lambda: not dialog_out.running, timeout=20_000)
    assert dialog_out.written == [book] and not dialog_out.error
    school.document.project.students.clear()
    school.document.project.requests.clear()

    dialog = _preview(qtbot, school, book)

    counts = _counts(dialog)
    assert counts["Teachers"][0:2] == ("0", "0")
    students = len(projects.load_sample("big-picture").students)
    if students:  # the sample's students come back as added
        assert counts["Students"][0] == str(students)


def test_export_asks_before_replacing_a_file_and_keeps_it_when_told_no(qtbot, school, tmp_path, monkeypatch) -> None:
    book = tmp_path / "school.xlsx"
    book.write_bytes(b"keep me")
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = ExportSchoolDataDialog(school.document, school)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(book))

    assert not dialog.start()

    assert asked and "already exists" in asked[0]
    assert book.read_bytes() == b"keep me"


def test_export_the_blank_template(qtbot, school, tmp_path) -> None:
    dialog = ExportSchoolDataDialog(school.document, school)
    qtbot.addWidget(dialog)
    dialog.what.setCurrentIndex(dialog.what.findData("template"))
    assert dialog.path.text().endswith("-template.xlsx")
    out = tmp_path / "blank.xlsx"
    dialog.path.setText(str(out))

    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    from openpyxl import load_workbook

    book = load_workbook(out)
    assert "Students" in book.sheetnames and book["Teachers"].max_row == 1  # headers only
    assert hashlib.sha256(out.read_bytes()).hexdigest()


def test_a_oneroster_bundle_previews_its_students_and_imports_as_one_step(qtbot, window: MainWindow) -> None:
    from dlplanner.domain import Project, Scenario

    window.load_project(Project(name="empty", scenarios=[Scenario("main", "Main")]), None)
    bundle = Path(__file__).parents[1] / "data" / "oneroster" / "maple-ridge"

    dialog = _preview(qtbot, window, bundle)

    assert _counts(dialog)["Students"][0] == "21"
    assert not dialog.form.isRowVisible(dialog.kind) and dialog.form.isRowVisible(dialog.school)
    assert dialog.apply()
    assert len(window.document.project.students) == 21
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert window.document.project.students == [] and window.document.project.scenarios[0].sections == []


def test_export_a_oneroster_bundle_of_the_solved_scenario_and_refuse_an_unsolved_one(
    qtbot, solved_window: MainWindow, tmp_path, monkeypatch
) -> None:
    import zipfile

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *_a: shown.append(text))
    dialog = ExportSchoolDataDialog(solved_window.document, solved_window)
    qtbot.addWidget(dialog)
    dialog.what.setCurrentIndex(dialog.what.findData("oneroster"))
    assert dialog.scenario.isEnabled() and dialog.path.text().endswith(".zip")
    out = tmp_path / "to-sis.zip"
    dialog.path.setText(str(out))

    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)

    assert not dialog.error, dialog.error
    with zipfile.ZipFile(out) as archive:
        assert {"classes.csv", "users.csv", "enrollments.csv", "manifest.csv"} <= set(archive.namelist())
    unsolved = next(i for i in range(dialog.scenario.count()) if "(no timetable yet)" in dialog.scenario.itemText(i))
    dialog.scenario.setCurrentIndex(unsolved)
    dialog.path.setText(str(tmp_path / "unsolved.zip"))
    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert "no timetable yet" in dialog.error and shown and not (tmp_path / "unsolved.zip").exists()
