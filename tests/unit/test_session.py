"""The Qt-free project session: open, edit, undo/redo, validate, save (one path), what changed.

Real SQLite project files; the GUI tests drive the same session through the main window.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlplanner.domain.validation import Severity
from dlplanner.services import district, edits, projects
from dlplanner.services.projects import ServiceError
from dlplanner.services.session import ProjectSession, SaveConflictError, change_and_save


@pytest.fixture
def school(tmp_path: Path) -> str:
    path = str(tmp_path / "school.dlp")
    projects.create_project(path, projects.load_sample("big-picture"))
    return path


def _used_teacher(session: ProjectSession) -> int:
    """The index of a teacher some section of the current scenario needs."""
    used = {t for s in session.scenario.sections for t in s.teacher_ids}
    return next(i for i, t in enumerate(session.project.teachers) if t.id in used)


def test_an_edit_is_applied_reported_undone_and_redone(school: str) -> None:
    session = ProjectSession.open(school)
    heard: list[str] = []
    session.subscribe(heard.append)
    teacher = session.project.teachers[0]
    old = teacher.name

    assert session.apply(edits.SetField(teacher, "name", "Ms Lee", None)) == edits.DATA
    assert teacher.name == "Ms Lee" and session.dirty and session.can_undo and not session.can_redo
    assert session.undo() is None
    assert teacher.name == old and not session.dirty and session.can_redo
    assert session.redo() is None
    assert teacher.name == "Ms Lee" and session.dirty
    assert heard == [edits.DATA, edits.DATA, edits.DATA]
    assert session.history == [f"Edit name of {old}"]


def test_a_new_edit_drops_the_undone_ones(school: str) -> None:
    session = ProjectSession.open(school)
    teacher = session.project.teachers[0]
    session.apply(edits.SetField(teacher, "name", "First", None))
    session.undo()
    session.apply(edits.SetField(teacher, "name", "Second", None))
    assert not session.can_redo and len(session.history) == 1
    session.undo()
    assert not session.dirty  # back where it was opened


def test_validation_follows_the_edits(school: str) -> None:
    session = ProjectSession.open(school)
    assert not [p for p in session.validate() if p.severity == Severity.ERROR]
    index = _used_teacher(session)
    removed = session.project.teachers[index]
    session.apply(edits.RemoveRecord(session.project.teachers, index, session.scenario))
    errors = [p for p in session.validate() if p.severity == Severity.ERROR]
    assert errors and any(removed.id in p.message or removed.name in p.message for p in errors)
    session.undo()
    assert not [p for p in session.validate() if p.severity == Severity.ERROR]


def test_save_writes_the_file_and_reopens_equal(school: str) -> None:
    session = ProjectSession.open(school)
    session.apply(edits.SetField(session.project.teachers[0], "name", "Saved Name", None))
    session.apply(edits.RenameScenario(session, session.scenario_id, "Renamed scenario"))
    report = session.save()
    assert report.ok and set(report.saved) == {None, session.scenario_id}
    assert not session.dirty and not session.has_unsaved_changes()
    assert projects.open_project(school) == session.project


def test_saving_a_file_never_reverts_what_another_process_saved_meanwhile(school: str) -> None:
    """Two sessions on one file: the second save of the people is refused whole, naming who."""
    mine = ProjectSession.open(school, user="me@laptop")
    theirs = ProjectSession.open(school, user="them@laptop")
    theirs.project.teachers[0].name = "Theirs"
    theirs.apply(edits.CopyScenario(theirs, theirs.scenario_id, "Their new scenario", True))
    assert theirs.save().ok
    mine.apply(edits.SetField(mine.project.teachers[0], "name", "Mine", None))
    mine.apply(edits.SetField(mine.scenario, "description", "Mine too", None))

    with pytest.raises(SaveConflictError) as refused:
        mine.save_or_refuse()
    assert "them@laptop" in str(refused.value) and "people, rooms and groups" in str(refused.value)
    stored = projects.open_project(school)
    assert stored.teachers[0].name == "Theirs"  # not reverted
    assert any(s.name == "Their new scenario" for s in stored.scenarios)  # not deleted
    assert stored.scenarios[0].description != "Mine too"  # all or nothing: my scenario edit waits too
    assert mine.dirty and mine.has_unsaved_changes()


def test_an_undo_of_a_record_replaced_underneath_is_refused_and_dropped(school: str) -> None:
    session = ProjectSession.open(school)
    teacher = session.project.teachers[0]
    session.apply(edits.SetField(teacher, "name", "Edited", None))
    district.reload_project_data(session.tracker)  # another planner's people taken in (Reload)
    session.take_in(session.tracker.project)

    refusal = session.undo()
    assert refusal is not None and "was replaced by the version another planner saved" in refusal
    assert f"teacher '{teacher.name}'" in refusal
    assert not session.can_undo and not session.can_redo  # dropped from the history


def test_save_as_moves_the_project_and_keeps_its_history(school: str, tmp_path: Path) -> None:
    session = ProjectSession(projects.load_sample("big-picture"))  # a sample: never saved
    with pytest.raises(ServiceError, match="never saved"):
        session.save()
    session.apply(edits.SetField(session.project.teachers[0], "name", "Before Save As", None))
    target = str(tmp_path / "elsewhere.dlp")
    session.save_as(target)
    assert session.location == target and not session.dirty and session.can_undo
    assert projects.open_project(target).teachers[0].name == "Before Save As"
    session.undo()
    assert session.save().ok
    assert projects.open_project(target).teachers[0].name != "Before Save As"


def test_change_and_save_saves_nothing_when_the_change_fails(school: str) -> None:
    before = projects.open_project(school)

    def failing(project):
        project.teachers[0].name = "Half done"
        raise ValueError("bad row")

    with pytest.raises(ValueError):
        change_and_save(school, failing)
    assert projects.open_project(school) == before
    renamed = change_and_save(school, lambda p: setattr(p.teachers[0], "name", "Done") or p.teachers[0].name)
    assert renamed == "Done" and projects.open_project(school).teachers[0].name == "Done"
