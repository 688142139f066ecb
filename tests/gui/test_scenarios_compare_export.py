"""Scenario management, the Compare page and File → Export, driven through the real main window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from dlplanner.qt.mainwindow import MainWindow


def test_copy_rename_delete_scenarios_are_undoable_and_show_status(solved_window: MainWindow, monkeypatch) -> None:
    window = solved_window
    project = window.document.project
    solved = window.document.scenario
    count = len(project.scenarios)
    assert window.scenario_combo.currentText() == f"{solved.name} — solved"

    assert window.copy_scenario(with_solution=False, name="Fresh start")
    copy = window.document.scenario
    assert copy.name == "Fresh start" and not copy.solution.placements
    assert len(project.scenarios) == count + 1
    assert window.scenario_combo.currentText() == "Fresh start — not solved"

    assert window.rename_scenario("Fresh start, renamed")
    assert copy.name == "Fresh start, renamed"
    window.undo_action.trigger()
    assert copy.name == "Fresh start"
    window.undo_action.trigger()
    assert len(project.scenarios) == count and window.document.scenario_id == solved.id

    assert window.copy_scenario(with_solution=True, name="Keeps timetable")
    kept = window.document.scenario
    assert kept.solution.placements == solved.solution.placements and kept is not solved

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert not window.rename_scenario(solved.name)  # names are unique
    assert warnings and "already has a scenario" in warnings[-1]

    assert window.delete_scenario()
    assert kept not in project.scenarios and window.document.scenario is not None
    window.undo_action.trigger()
    assert kept in project.scenarios and window.document.scenario_id == kept.id


def test_the_last_scenario_cannot_be_deleted(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("big-picture")
    project = window.document.project
    while len(project.scenarios) > 1:
        assert window.delete_scenario()
    assert not window.delete_scenario_action.isEnabled()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert not window.delete_scenario()
    assert "only scenario" in warnings[0]
