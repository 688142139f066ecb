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


def _delete_what_jon_changes(window: MainWindow, url: str) -> str:
    """This window deletes the last scenario (unsaved); Jon then saves a change to it. Returns its id."""
    assert window.open_project(url)
    doomed = window.document.project.scenarios[-1]
    window.document.set_scenario(doomed.id)
    assert window.delete_scenario()
    jon = district.open_for_editing(url, user="jon@district")
    jon.project.scenario(doomed.id).name = "Kept by Jon"
    assert district.save_changes(jon).ok
    return doomed.id


def test_refresh_reports_a_scenario_i_deleted_that_jon_changed_and_undo_still_works(
    window: MainWindow, url: str
) -> None:
    """Refresh no longer silently brings back a scenario deleted here (it did before): it is a conflict naming
    Jon, my deletion stays, and undoing it puts my copy back; the next Refresh then takes Jon's."""
    doomed_id = _delete_what_jon_changes(window, url)

    window.refresh()
    project = window.document.project
    assert doomed_id not in {s.id for s in project.scenarios}  # still deleted here
    message = window.statusBar().currentMessage()
    assert "Kept by Jon" in message and "jon@district" in message and "after you deleted it" in message
    assert window.document.dirty and window.session.has_unsaved_changes()

    window.undo_action.trigger()  # my deletion undone: my copy is back, nothing left to save
    project = window.document.project
    assert [s.id for s in project.scenarios].count(doomed_id) == 1
    assert not window.session.has_unsaved_changes()
    window.refresh()
    assert window.document.project.scenario(doomed_id).name == "Kept by Jon"


def test_undoing_a_delete_is_refused_when_reload_brought_that_scenario_back(
    window: MainWindow, url: str, monkeypatch
) -> None:
    doomed_id = _delete_what_jon_changes(window, url)
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, _c: district_gui.RELOAD)
    assert window.save()  # "Keep their version": Jon's is back, nothing of mine left to save
    project = window.document.project
    assert [s.name for s in project.scenarios if s.id == doomed_id] == ["Kept by Jon"]
    window.undo_action.trigger()  # would put my copy beside Jon's under the same id
    assert [s.name for s in project.scenarios if s.id == doomed_id] == ["Kept by Jon"]
    message = window.statusBar().currentMessage()
    assert "Cannot undo 'Delete scenario" in message and f"same id '{doomed_id}'" in message


def test_saving_a_deletion_of_what_jon_changed_asks_and_delete_anyway_deletes(
    window: MainWindow, url: str, monkeypatch
) -> None:
    doomed_id = _delete_what_jon_changes(window, url)
    asked = []
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, c: asked.append(c) or district_gui.DELETE_ANYWAY)
    assert window.save()
    [conflict] = asked
    assert conflict.scenario_id == doomed_id and conflict.deleted_here and conflict.changed_by == "jon@district"
    assert doomed_id not in {s.id for s in projects.open_project(url).scenarios}
    assert doomed_id not in {s.id for s in window.document.project.scenarios}
    assert not window.document.dirty


def test_keep_mine_for_a_deletion_of_what_jon_changed_is_never_attempted(
    window: MainWindow, url: str, monkeypatch
) -> None:
    """Before, "Keep mine as a new scenario" was offered here and failed: my copy no longer exists."""
    from PySide6.QtWidgets import QMessageBox

    doomed_id = _delete_what_jon_changes(window, url)
    monkeypatch.setattr(district_gui, "choose_resolution", lambda _p, _c: district_gui.KEEP)
    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: errors.append(a[2]))
    assert not window.save()  # nothing resolved: the deletion is still unsaved
    assert errors == []
    assert projects.open_project(url).scenario(doomed_id).name == "Kept by Jon"
    assert window.document.dirty


def _click_in_the_dialog(window: MainWindow, conflict: district.Conflict, label: str) -> tuple[str | None, list[str]]:
    """Show the real conflict dialog, click ``label``; returns (the choice, the button texts offered)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    offered: list[str] = []

    def answer() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        offered.extend(b.text() for b in box.buttons() if b.text())
        offered.append(box.text())
        next(b for b in box.buttons() if b.text() == label).click()

    QTimer.singleShot(200, answer)
    return district_gui.choose_resolution(window, conflict), offered


def test_the_real_dialog_offers_only_what_applies_to_a_deletion(window: MainWindow, qtbot) -> None:
    from datetime import UTC, datetime

    at = datetime(2026, 11, 22, 14, 3, tzinfo=UTC)
    i_deleted = district.Conflict("ab", "A/B block", "refused", "jon@district", at, deleted_here=True)
    for label, expected in (("Keep their version", district_gui.RELOAD), ("Delete anyway", district_gui.DELETE_ANYWAY)):
        choice, offered = _click_in_the_dialog(window, i_deleted, label)
        assert choice == expected
        assert "Keep mine as a new scenario" not in offered and "Reload theirs" not in offered
        assert "jon@district" in offered[-1] and "A/B block" in offered[-1] and "after you deleted it" in offered[-1]

    they_deleted = district.Conflict("ab", "A/B block", "refused", deleted=True)
    for label, expected in (
        ("Keep mine as a new scenario", district_gui.KEEP),
        ("Accept the deletion", district_gui.RELOAD),
    ):
        choice, offered = _click_in_the_dialog(window, they_deleted, label)
        assert choice == expected
        assert "Delete anyway" not in offered and "Reload theirs" not in offered
        assert "was deleted" in offered[-1]


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
