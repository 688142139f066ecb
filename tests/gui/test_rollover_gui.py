"""File → New school year…: the dialog rolls the solved Big Picture sample into a new file, lists what needs a
person, never replaces a file without asking, and opens next year's project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import projects


def test_new_school_year_dialog_rolls_over_and_reports(solved_window: MainWindow, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "next.dlp"
    dialog = solved_window.new_year_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.target.setText(str(target))
    dialog.incoming[9].setValue(32)
    dialog.set_departing(["Dev Yilmaz"])
    assert "advises Advisory 10A" in dialog.departing.item(3).text()  # who advises what, beside the checklist

    assert dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)

    assert dialog.result is not None, dialog.state.text()
    report = dialog.report.toPlainText()
    assert "What changed" in report and "2 incoming cohort(s) of grade 9, 32 students" in report
    assert "Needs a person" in report
    assert "its advisor Dev Yilmaz is leaving (a looping advisory" in report
    assert "had no section of its own for the grade" in report  # a cohort with no section for its new grade
    saved = projects.open_project(str(target))
    assert "adv-04" not in {t.id for t in saved.teachers}
    assert sorted(c.grade for c in saved.cohorts).count(9) == 2
    assert "adv-04" in {t.id for t in solved_window.document.project.teachers}  # this year's is untouched

    before = target.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert not dialog.start()  # an existing file is never replaced without asking
    assert target.read_bytes() == before and "Nothing was written" in dialog.state.text()

    assert dialog.open_button.isEnabled()
    dialog.open_button.click()
    assert solved_window.document.location == str(target)
    assert solved_window.document.project.name == saved.name


def test_new_school_year_refuses_this_years_file(solved_window: MainWindow, qtbot, tmp_path: Path) -> None:
    this = tmp_path / "this.dlp"
    assert solved_window.save_as(str(this))
    dialog = solved_window.new_year_dialog()
    qtbot.addWidget(dialog)
    dialog.target.setText(str(this))
    assert not dialog.start() and "must be a new file" in dialog.state.text()
