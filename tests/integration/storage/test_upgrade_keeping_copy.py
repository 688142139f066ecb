"""Opening last year's file: an older project file is updated in place after a copy of it is kept beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from old_files import downgrade

from dlplanner.domain import Project, codec
from dlplanner.paths import samples_dir
from dlplanner.services import backup, district, projects
from dlplanner.services.projects import ServiceError
from dlplanner.storage import schema_revision
from dlplanner.storage.schema import head_revision

OLD = "0005"  # before students: what last school year's dlplanner wrote


def sample() -> Project:
    return codec.load_project_json(samples_dir() / "big-picture.json")


def old_file(path: Path) -> Path:
    projects.create_project(str(path), sample())
    downgrade(str(path), OLD)
    return path


def test_an_older_file_is_updated_and_the_file_as_it_was_is_kept(tmp_path: Path) -> None:
    school = old_file(tmp_path / "school.dlp")

    outcome = backup.upgrade_file_keeping_copy(str(school))

    assert (outcome.before, outcome.after) == (OLD, head_revision())
    assert outcome.copy == tmp_path / f"school (before upgrade {OLD}).dlp"
    assert schema_revision(str(outcome.copy)) == OLD  # the copy is the old file, still readable by old dlplanners
    assert schema_revision(str(school)) == head_revision()
    session = district.open_for_editing(str(school))
    expected = sample()
    assert [t.name for t in session.project.teachers] == [t.name for t in expected.teachers]
    assert session.project.scenarios[0].solution.placements == expected.scenarios[0].solution.placements
    assert outcome.copy.name in outcome.message


def test_a_second_copy_never_replaces_the_first(tmp_path: Path) -> None:
    school = old_file(tmp_path / "school.dlp")
    first = backup.upgrade_file_keeping_copy(str(school)).copy
    first_bytes = first.read_bytes()
    downgrade(str(school), OLD)  # the same name, old again (a colleague's old dlplanner saved over it)

    second = backup.upgrade_file_keeping_copy(str(school)).copy

    assert second == tmp_path / f"school (before upgrade {OLD}, 2).dlp"
    assert first.read_bytes() == first_bytes


def test_an_up_to_date_file_and_a_server_database_are_refused(tmp_path: Path) -> None:
    school = old_file(tmp_path / "school.dlp")
    backup.upgrade_file_keeping_copy(str(school))
    with pytest.raises(ServiceError, match="already up to date"):
        backup.upgrade_file_keeping_copy(str(school))
    with pytest.raises(ServiceError, match="db upgrade URL"):
        backup.upgrade_file_keeping_copy("postgresql://planner@localhost/district")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school (before upgrade 0005).dlp", "school.dlp"]
