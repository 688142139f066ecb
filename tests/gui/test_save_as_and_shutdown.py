"""File → Save As (menu and Ctrl+Shift+S), Compare → Save report… and quitting after Discard,
driven through the real actions and buttons (only the file dialogs and questions are answered)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dlplanner.domain import Project
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import projects


def _answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str = "") -> list[str]:
    """The save dialog returns ``path``; what it was asked is recorded (no dialog ever shows)."""
    asked: list[str] = []

    def dialog(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def _no_error_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *_a: shown.append(f"{title}: {text}"))
    return shown


@pytest.mark.parametrize("how", ["menu", "shortcut"])
def test_save_as_writes_a_new_file_that_reopens_with_the_edits(
    solved_window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    window = solved_window
    window.document.project.teachers[0].name = "Saved As Teacher"
    target = tmp_path / "copy of school"  # no suffix: Save As adds .dlp
    asked = _answer_save_dialog(monkeypatch, target)
    errors = _no_error_boxes(monkeypatch)
    if how == "menu":
        window.save_as_action.trigger()
    else:
        assert window.save_as_action.shortcut() == QKeySequence(QKeySequence.StandardKey.SaveAs)
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert asked == ["Save project as"] and errors == []
    saved = tmp_path / "copy of school.dlp"
    assert window.document.location == str(saved) and not window.document.dirty
    reopened = projects.open_project(str(saved))
    assert reopened == window.document.project
    assert reopened.teachers[0].name == "Saved As Teacher"

    # the new file is where File → Save writes from now on
    window.document.project.teachers[1].name = "Then Saved"
    window.document.undo_stack.resetClean()
    assert window.save()
    assert projects.open_project(str(saved)).teachers[1].name == "Then Saved"

    other = MainWindow(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    try:
        assert other.open_project(str(saved))
        assert other.document.project == window.document.project
    finally:
        other.close()


def test_save_report_writes_a_new_file_from_the_button(
    solved_window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = solved_window
    page = window.compare_page
    window.show_page(page)
    solved = window.document.scenario
    assert window.copy_scenario(with_solution=False, name="Unsolved copy")
    page.choose([solved.id, window.document.scenario_id])
    assert page.start()
    qtbot.waitUntil(lambda: page.job is None and page.comparison is not None, timeout=300_000)
    target = tmp_path / "report"  # no suffix: the chosen filter's is added
    asked = _answer_save_dialog(monkeypatch, target, "HTML report (*.html)")
    errors = _no_error_boxes(monkeypatch)
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.job is None, timeout=300_000)
    written = tmp_path / "report.html"
    assert asked == ["Save comparison report"] and errors == []
    assert written.is_file() and "At a glance" in written.read_text(encoding="utf-8")
    assert str(written) in page.state.text()


def test_quitting_after_discard_leaves_no_error(qtbot, tmp_path: Path, solved_sample: Project, monkeypatch) -> None:
    """Unsaved edits, Quit, "Discard": the window goes away without an error from its undo history."""
    import shiboken6

    monkeypatch.setenv("DLPLANNER_RECOVERY_DIR", str(tmp_path / "recovery"))
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    qtbot.waitExposed(window)
    window.load_project(copy.deepcopy(solved_sample), None)
    assert window.rename_scenario("Edited, then discarded")
    assert window.document.dirty
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, title, *_a: asked.append(title) or QMessageBox.StandardButton.Discard
    )
    assert window.close()
    assert asked == ["Unsaved changes"]
    shiboken6.delete(window)  # what the application's exit does: raised in a slot, qtbot fails the test
    qtbot.wait(10)
