"""A save interrupted after SQLite started writing pages into the file (a "hot journal" left
behind) opens as exactly the state before that save — deterministic companion to the kill test."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from dlplanner.domain import codec
from dlplanner.paths import samples_dir
from dlplanner.services import backup, projects
from dlplanner.storage import ProjectStore


def _crash_copy(path: Path, copy: Path) -> None:
    """Copy ``path`` (and its journal) while a big write is half done: what a power cut leaves."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA cache_size=1")  # tiny cache: changed pages spill into the file early
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE sections SET name = name || ' (half-saved)'")
        connection.execute("DELETE FROM teachers")
        journal = path.with_name(path.name + "-journal")
        assert journal.exists() and journal.stat().st_size > 0
        shutil.copyfile(path, copy)
        shutil.copyfile(journal, copy.with_name(copy.name + "-journal"))
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def test_a_hot_journal_is_rolled_back_on_open(tmp_path: Path):
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), codec.load_project_json(samples_dir() / "linked-learning.json"))
    old = projects.open_project(str(path))
    crashed = tmp_path / "crashed.dlp"
    _crash_copy(path, crashed)
    # the crash reached the file: its pages differ from the intact file (without the journal it is damaged)
    assert crashed.read_bytes() != path.read_bytes(), "the simulated crash wrote nothing; the test would prove nothing"

    with ProjectStore.open(str(crashed)) as store:
        assert store.load() == old
    assert not crashed.with_name(crashed.name + "-journal").exists()


def test_a_backup_of_a_crashed_file_is_the_state_before_the_crash(tmp_path: Path):
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), codec.load_project_json(samples_dir() / "new-tech.json"))
    old = projects.open_project(str(path))
    crashed = tmp_path / "crashed.dlp"
    _crash_copy(path, crashed)
    backup.backup_project(str(crashed), str(tmp_path / "backup.dlp"))
    assert projects.open_project(str(tmp_path / "backup.dlp")) == old
