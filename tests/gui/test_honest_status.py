"""Honest status after a drop on red: status bar, scenario box, Compare, Solve page and Export all say the
timetable breaks hard rules (the independent checker's word), and Export asks before writing it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from dlplanner.domain.editing import MoveChecker, Target, key_of, start_times
from dlplanner.qt.mainwindow import MainWindow


def _drop_on_red(window: MainWindow) -> int:
    """Drop a cohort's card onto one of its other classes through the board's drop path; returns the clashes."""
    scenario, project = window.document.scenario, window.document.project
    window.show_page(window.board_page)
    board = window.board_page.board
    placement = next(p for p in scenario.solution.placements if len(scenario.section(p.section_id).cohort_ids) == 1)
    window.board_page.show_record("cohort", scenario.section(placement.section_id).cohort_ids[0])
    section = scenario.section(placement.section_id)
    checker = MoveChecker(project, scenario, placement)
    targets = [
        Target(d.id, s, placement.room_id) for d in scenario.day_types for s in start_times(scenario, section, d.id)
    ]
    clash = next(t for t in targets if "cohort_clash" in {v.rule_id for v in checker.conflicts(t)})
    conflicts = checker.conflicts(clash)
    board.confirm = lambda _parent, _conflicts: True  # the user says "place it anyway"
    assert board.drop_card(key_of(placement), clash, checker)
    return len(conflicts)


def test_a_drop_on_red_shows_everywhere_as_broken_rules(solved_window: MainWindow) -> None:
    window = solved_window
    assert "solved · optimal" in window.status_label.text() or "solved · feasible" in window.status_label.text()
    _drop_on_red(window)
    status = window.document.timetable_status()
    assert status.breaks_rules
    words = f"breaks {status.broken} hard rule"
    assert words in window.status_label.text() and "optimal" not in window.status_label.text()
    assert window.status_label.objectName() == "verdictBad"
    assert words in window.scenario_combo.currentText()
    compare_items = [window.compare_page.choices.item(i) for i in range(window.compare_page.choices.count())]
    current = next(i for i in compare_items if i.text().startswith(window.document.scenario.name + "\n"))
    assert words in current.text() and "solved" not in current.text()
    assert words in window.solve_panel.current.text()
    assert "Checker findings" in window.solve_panel.explanation.toPlainText()  # the broken rules, listed
    window.undo_action.trigger()  # the card goes back: all is well again
    assert "breaks" not in window.status_label.text() and "breaks" not in window.scenario_combo.currentText()
    assert "breaks" not in window.solve_panel.current.text()


def test_export_asks_first_and_cancel_writes_nothing(solved_window: MainWindow, tmp_path: Path, qtbot) -> None:
    window = solved_window
    _drop_on_red(window)
    dialog = window.export_dialog()
    target = tmp_path / "broken.pdf"
    dialog.path.setText(str(target))
    shown: list[str] = []

    def cancel() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        shown.extend([box.text(), box.informativeText(), *(b.text() for b in box.buttons())])
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(100, cancel)
    assert not dialog.start()  # the real warning dialog, answered Cancel
    assert shown and "breaks" in shown[0] and "Export it anyway?" in shown[0]
    assert "Students double-booked" in shown[1] or "double-booked" in shown[1]  # the rules in plain words
    assert "Export anyway" in shown
    assert not target.exists() and "Not exported" in dialog.state.text()

    dialog.confirm = lambda _parent, _name, _status: True  # "Export anyway"
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert target.exists() and not dialog.error
    dialog.reject()


def test_export_of_a_clean_timetable_does_not_ask(solved_window: MainWindow, tmp_path: Path, qtbot) -> None:
    dialog = solved_window.export_dialog()
    dialog.path.setText(str(tmp_path / "clean.json"))
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    dialog.path.setText(str(tmp_path / "clean.json"))
    dialog.confirm = lambda *_a: (_ for _ in ()).throw(AssertionError("asked about a clean timetable"))
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert (tmp_path / "clean.json").exists()
    dialog.reject()


def test_the_solve_page_never_shows_another_scenarios_run(solved_window: MainWindow) -> None:
    window = solved_window
    panel = window.solve_panel
    panel.scenario = window.document.scenario
    panel.verdict.setText("optimal — checker: every hard rule holds")
    window.scenario_combo.setCurrentIndex(1)  # another scenario, not solved in this session
    assert panel.verdict.text() == "No result yet"
    assert window.document.scenario.name in panel.current.text()
