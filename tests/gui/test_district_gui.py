"""District mode through the main window on a database URL (SQLite here; services.district works on both)."""

from __future__ import annotations

import pytest

from dlplanner.qt import district as district_gui
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import district, projects


@pytest.fixture
def url(tmp_path) -> str:
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
