"""District mode through the main window on a database URL: SQLite, and PostgreSQL when DLPLANNER_TEST_PG_URL is set
(the ``pg_database`` fixture of ``tests/conftest.py``: skipped without it, failed under CI=true)."""

from __future__ import annotations

import pytest

from dlplanner.qt import district as district_gui
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import district, projects


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A district database holding the Big Picture sample, on SQLite and on PostgreSQL."""
    if request.param == "postgres":
        location = request.getfixturevalue("pg_database")
    else:
        location = f"sqlite:///{tmp_path / 'district.db'}"
    projects.create_project(location, projects.load_sample("big-picture"))
    return location


def _conflict_setup(window: MainWindow, url: str) -> tuple[str, str]:
    """Jon saves a rename of the first scenario; this window renamed it too, unsaved. Returns (jon's, mine)."""
    assert window.open_project(url)
    assert window.session is not None and window.refresh_action.isEnabled()
    scenario_id = window.document.scenario_id
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.scenario(scenario_id).name = "Jon's version"
    assert district.save_changes(jon).ok
    assert window.rename_scenario("My version")
    return scenario_id, "My version"


def test_conflict_dialog_reload_theirs(window: MainWindow, url: str, monkeypatch) -> None:
    scenario_id, _mine = _conflict_setup(window, url)
    asked = []
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, c: asked.append(c) or district_gui.RELOAD)
    assert window.save()  # nothing of mine is left to save once theirs is reloaded
    assert asked[0].scenario_id == scenario_id and asked[0].changed_by == "jon@district"
    assert "jon@district" in district_gui.describe_conflict(asked[0])
    assert window.document.project.scenario(scenario_id).name == "Jon's version"
    assert window.scenario_combo.currentText().startswith("Jon's version")
    assert not window.document.dirty


def test_conflict_dialog_keep_mine_as_a_new_scenario(window: MainWindow, url: str, monkeypatch) -> None:
    scenario_id, mine = _conflict_setup(window, url)
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, _c: district_gui.KEEP)
    assert window.save()
    names = [s.name for s in window.document.project.scenarios]
    assert "Jon's version" in names and f"{mine} (my copy)" in names
    assert window.document.project.scenario(scenario_id).name == "Jon's version"
    stored = [s.name for s in projects.open_project(url).scenarios]
    assert "Jon's version" in stored and f"{mine} (my copy)" in stored  # both kept, nothing overwritten
    assert not window.document.dirty


def test_decide_later_keeps_my_edits_unsaved(window: MainWindow, url: str, monkeypatch) -> None:
    scenario_id, mine = _conflict_setup(window, url)
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, _c: None)
    assert not window.save()
    assert window.document.project.scenario(scenario_id).name == mine and window.document.dirty
    assert projects.open_project(url).scenario(scenario_id).name == "Jon's version"


def test_refresh_takes_in_others_saves(window: MainWindow, url: str) -> None:
    assert window.open_project(url)
    other_id = window.document.project.scenarios[-1].id
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.scenario(other_id).name = "Renamed by Jon"
    assert district.save_changes(jon).ok
    changes = window.refresh()
    assert [c.scenario_id for c in changes] == [other_id]
    assert window.document.project.scenario(other_id).name == "Renamed by Jon"
    assert "jon@district" in window.statusBar().currentMessage()
    assert not window.document.dirty


def test_poll_says_when_others_saved(window: MainWindow, url: str) -> None:
    assert window.open_project(url)
    assert window.poll_changes() == []
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.scenarios[0].name = "Polled"
    assert district.save_changes(jon).ok
    assert [c.name for c in window.poll_changes()] == ["Polled"]
    assert "Refresh" in window.statusBar().currentMessage()


def test_the_real_conflict_dialog_names_who_and_returns_the_choice(window: MainWindow, qtbot) -> None:
    from datetime import UTC, datetime

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    conflict = district.Conflict(
        "ab", "A/B block", "refused", "jon@district", datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
    )
    seen = []

    def answer(label: str) -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == label).click()

    for label, expected in (("Reload theirs", district_gui.RELOAD), ("Keep mine as a new scenario", district_gui.KEEP)):
        QTimer.singleShot(200, lambda label=label: answer(label))
        assert district_gui.choose_resolution(window, conflict) == expected
    assert "jon@district" in seen[0] and "A/B block" in seen[0]


def test_a_database_recovery_copy_is_restored_unsaved_never_over_the_database(
    window: MainWindow, url: str, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from dlplanner.services import recovery

    assert window.open_project(url)
    assert window.rename_scenario("Before crash")
    assert window.autosave()
    window.recovery_info = None  # simulated crash
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    window.document.undo_stack.setClean()
    assert window.offer_recovery()
    assert window.session is None and window.document.location is None and window.document.dirty
    assert window.document.project.scenarios[0].name == "Before crash"
    assert recovery.list_recoveries()  # kept until saved somewhere


def test_save_runs_on_a_worker_with_the_window_disabled(window: MainWindow, url: str, monkeypatch) -> None:
    import threading

    assert window.open_project(url)
    assert window.rename_scenario("Saved off the GUI thread")
    seen = {}
    real = district.save_changes

    def spy(session):
        seen["thread"] = threading.current_thread() is not threading.main_thread()
        seen["enabled"] = window.isEnabled()
        seen["busy"] = window.busy_bar.isVisibleTo(window)
        return real(session)

    monkeypatch.setattr(district, "save_changes", spy)
    assert window.save()
    assert seen == {"thread": True, "enabled": False, "busy": True}
    assert window.isEnabled() and not window.busy_bar.isVisibleTo(window) and not window.document.dirty
    assert projects.open_project(url).scenarios[0].name == "Saved off the GUI thread"
