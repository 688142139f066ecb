"""The one path for whole project files (``write_project_file``): what it refuses, and that a failed
or refused write leaves the old file and its folder exactly as they were."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from dlplanner.domain import Project
from dlplanner.services import projects
from dlplanner.storage import DatabaseExistsError, ProjectStore, StorageError, write_project_file


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _writer(name: str):
    def write(temp: str) -> None:
        with ProjectStore.create(temp) as store:
            store.save(Project(name=name))

    return write


def _project_names(path: Path) -> list[str]:
    with ProjectStore.open(str(path)) as store:
        return store.list_projects()


def test_a_new_file_is_written_and_nothing_else_is_left(tmp_path: Path):
    path = tmp_path / "school.dlp"
    assert write_project_file(str(path), _writer("Harbor High")) == ["Harbor High"]
    assert _project_names(path) == ["Harbor High"]
    assert [p.name for p in tmp_path.iterdir()] == ["school.dlp"]


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: projects.create_project(str(p), Project(name="Old")), "a dlplanner project"),
        (lambda p: p.write_text("grades\n", encoding="utf-8"), "a file that is not a dlplanner project"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE grades (mark TEXT)").connection.close(),
            "an SQLite database that is not a dlplanner project",
        ),
    ],
    ids=["project", "text", "foreign-sqlite"],
)
def test_an_existing_file_is_replaced_only_when_asked(make, kind: str, tmp_path: Path):
    path = tmp_path / "school.dlp"
    make(path)
    before = _hash(path)
    with pytest.raises(DatabaseExistsError, match=f"already exists \\({kind}\\).*pass --force to replace it"):
        write_project_file(str(path), _writer("New"))
    assert _hash(path) == before
    write_project_file(str(path), _writer("New"), overwrite=True)
    assert _project_names(path) == ["New"]


def test_a_folder_is_never_replaced(tmp_path: Path):
    folder = tmp_path / "school.dlp"
    folder.mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        write_project_file(str(folder), _writer("New"), overwrite=True)
    assert folder.is_dir()


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path):
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), Project(name="Old"))
    before = _hash(path)

    def failing(temp: str) -> None:
        _writer("New")(temp)
        raise StorageError("disk full")

    with pytest.raises(StorageError, match="disk full"):
        write_project_file(str(path), failing, overwrite=True)
    assert _hash(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["school.dlp"]


def test_what_is_written_must_open_as_a_project(tmp_path: Path):
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), Project(name="Old"))
    before = _hash(path)
    with pytest.raises(StorageError, match="not a dlplanner project"):
        write_project_file(str(path), lambda temp: Path(temp).write_text("oops"), overwrite=True)
    assert _hash(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["school.dlp"]


def test_a_file_another_program_is_saving_is_not_replaced(tmp_path: Path):
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), Project(name="Old"))
    saving = sqlite3.connect(path, isolation_level=None)
    try:
        saving.execute("BEGIN IMMEDIATE")
        saving.execute("UPDATE projects SET description = 'being saved'")
        with pytest.raises(StorageError, match="another program is saving it right now"):
            write_project_file(str(path), _writer("New"), overwrite=True)
        saving.execute("COMMIT")
    finally:
        saving.close()
    assert _project_names(path) == ["Old"]
    assert projects.open_project(str(path)).description == "being saved"  # the other save was not disturbed


def test_a_journal_left_beside_a_deleted_file_never_meets_a_new_one(tmp_path: Path):
    path = tmp_path / "school.dlp"
    journal = tmp_path / "school.dlp-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + bytes(504))  # a journal header with no file
    with ProjectStore.create(str(path)) as store:  # the low-level create clears it too
        store.save(Project(name="New"))
    assert not journal.exists()
    assert _project_names(path) == ["New"]
