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


# -- Refresh and Reload keep the undo history ----------------------------------------------------------------


def _rename_teacher(window: MainWindow, name: str) -> None:
    """Edit the first teacher's name inline, as a planner does (one undoable step)."""
    editor = window.editors["teacher"]
    assert editor.proxy.setData(editor.proxy.mapFromSource(editor.model.index(0, 1)), name)


def test_refresh_keeps_the_undo_history_of_what_others_did_not_touch(window: MainWindow, url: str) -> None:
    assert window.open_project(url)
    mine_id, theirs_id = window.document.scenario_id, window.document.project.scenarios[-1].id
    assert mine_id != theirs_id
    original_scenario = window.document.scenario.name
    original_teacher = window.document.project.teachers[0].name
    assert window.rename_scenario("Mine")
    _rename_teacher(window, "Ms. Mine")
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.scenario(theirs_id).name = "Renamed by Jon"
    assert district.save_changes(jon).ok

    assert [c.scenario_id for c in window.refresh()] == [theirs_id]
    stack = window.document.undo_stack
    assert stack.count() == 2 and window.document.dirty  # my two steps are still there
    assert window.document.scenario_id == mine_id  # and so is the scenario I was looking at

    window.undo_action.trigger()
    window.undo_action.trigger()
    project = window.document.project
    assert project.teachers[0].name == original_teacher and project.scenario(mine_id).name == original_scenario
    assert project.scenario(theirs_id).name == "Renamed by Jon"  # their change stays
    assert not window.document.dirty and not window.session.has_unsaved_changes()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert project.teachers[0].name == "Ms. Mine" and project.scenario(mine_id).name == "Mine"

    assert window.save()
    stored = projects.open_project(url)
    assert stored.scenario(mine_id).name == "Mine" and stored.teachers[0].name == "Ms. Mine"
    assert stored.scenario(theirs_id).name == "Renamed by Jon"


def test_undo_is_refused_naming_the_record_another_planner_replaced(window: MainWindow, url: str, qtbot) -> None:
    assert window.open_project(url)
    scenario_id = window.document.scenario_id
    original_teacher = window.document.project.teachers[0].name
    assert window.rename_scenario("Mine")
    _rename_teacher(window, "Ms. Mine")
    assert window.save() and not window.document.dirty
    jon = district.open_for_editing(url, user="jon@district")  # Jon starts from my saved work
    jon.project.scenario(scenario_id).name = "Jon's"
    jon.project.teachers[0].name = "Mr. Jon"
    assert district.save_changes(jon).ok

    window.refresh()  # both pieces I edited are replaced by Jon's versions
    stack = window.document.undo_stack
    assert stack.count() == 2 and not window.document.dirty

    window.undo_action.trigger()
    message = window.statusBar().currentMessage()
    assert f"Cannot undo 'Edit name of {original_teacher}'" in message and "teacher 'Ms. Mine'" in message
    assert "another planner" in message and "Nothing was changed" in message
    window.undo_action.trigger()
    message = window.statusBar().currentMessage()
    assert "Cannot undo 'Rename scenario" in message and "scenario 'Mine'" in message
    project = window.document.project
    assert project.teachers[0].name == "Mr. Jon" and project.scenario(scenario_id).name == "Jon's"  # untouched
    assert stack.count() == 0 and not stack.canUndo()  # refused steps can never apply again: dropped
    qtbot.waitUntil(lambda: not window.document.dirty)  # nothing of mine is left to save
    assert not window.session.has_unsaved_changes()


def test_undoing_a_delete_is_refused_when_refresh_brought_that_scenario_back(window: MainWindow, url: str) -> None:
    assert window.open_project(url)
    doomed = window.document.project.scenarios[-1]
    window.document.set_scenario(doomed.id)
    assert window.delete_scenario()
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.scenario(doomed.id).name = "Kept by Jon"
    assert district.save_changes(jon).ok

    window.refresh()
    project = window.document.project
    assert [s.name for s in project.scenarios if s.id == doomed.id] == ["Kept by Jon"]
    window.undo_action.trigger()  # would put my copy beside Jon's under the same id
    assert [s.name for s in project.scenarios if s.id == doomed.id] == ["Kept by Jon"]
    message = window.statusBar().currentMessage()
    assert "Cannot undo 'Delete scenario" in message and f"same id '{doomed.id}'" in message


def test_reload_theirs_keeps_the_history_of_other_pieces(window: MainWindow, url: str, monkeypatch) -> None:
    scenario_id, _mine = _conflict_setup(window, url)  # my unsaved rename conflicts with Jon's
    _rename_teacher(window, "Ms. Kept")  # a people edit nobody else made
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, _c: district_gui.RELOAD)
    assert window.save()  # the teacher is saved, the scenario reloaded
    assert window.document.undo_stack.count() == 2
    window.undo_action.trigger()  # the teacher edit still undoes
    assert window.document.project.teachers[0].name != "Ms. Kept" and window.document.dirty
    window.undo_action.trigger()  # the rename's scenario was replaced by Jon's: refused
    assert window.document.project.scenario(scenario_id).name == "Jon's version"
    assert "Cannot undo 'Rename scenario" in window.statusBar().currentMessage()


def test_undoing_my_minimums_never_writes_over_the_minimums_another_planner_saved(window: MainWindow, url: str) -> None:
    from dlplanner.domain.calendar import Minimums
    from dlplanner.qt.minimums import MinimumsCommand

    assert window.open_project(url)
    window.document.push(MinimumsCommand(window.document, window.document.project, Minimums(instructional_days=170)))
    assert window.save()
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.minimums.instructional_days = 180
    assert district.save_changes(jon).ok

    window.refresh()  # the people, rooms and groups (minimums among them) are now Jon's
    assert window.document.project.minimums.instructional_days == 180
    window.undo_action.trigger()
    assert window.document.project.minimums.instructional_days == 180  # not put back to mine or before
    assert "Cannot undo 'Edit minimums'" in window.statusBar().currentMessage()
    assert not window.session.has_unsaved_changes()
