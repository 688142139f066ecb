"""The autosave/recovery API the desktop app uses: write, find, list, restore, discard."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from dlplanner.domain import Project, Scenario
from dlplanner.services import recovery


def _project(name: str = "Harbor High") -> Project:
    return Project(name=name, school_name="Harbor", scenarios=[Scenario(id="ab", name="A/B block")])


def test_write_find_restore_discard(tmp_path: Path):
    project = _project()
    info = recovery.write_recovery(project, str(tmp_path / "school.dlp"), directory=tmp_path, data_version=3)
    assert info.path.is_file() and info.project_name == "Harbor High" and info.data_version == 3
    found = recovery.find_recovery(str(tmp_path / "school.dlp"), "Harbor High", tmp_path)
    assert found == info
    assert recovery.restore_recovery(found) == project
    assert "Harbor High" in found.describe()
    recovery.discard_recovery(found)
    assert recovery.find_recovery(str(tmp_path / "school.dlp"), "Harbor High", tmp_path) is None
    assert recovery.list_recoveries(tmp_path) == []


def test_a_later_copy_replaces_the_earlier_and_lists_newest_first(tmp_path: Path):
    first = _project()
    recovery.write_recovery(first, "a.dlp", directory=tmp_path, now=datetime(2026, 1, 1, tzinfo=UTC))
    first.description = "edited"
    recovery.write_recovery(first, "a.dlp", directory=tmp_path, now=datetime(2026, 1, 2, tzinfo=UTC))
    recovery.write_recovery(_project("Lakeside"), "b.dlp", directory=tmp_path, now=datetime(2026, 1, 3, tzinfo=UTC))
    listed = recovery.list_recoveries(tmp_path)
    assert [i.project_name for i in listed] == ["Lakeside", "Harbor High"]
    assert recovery.restore_recovery(listed[1]).description == "edited"


def test_passwords_never_reach_the_recovery_file(tmp_path: Path):
    url = "postgresql+psycopg://maria:s3cret@db.district.example/plans"
    info = recovery.write_recovery(_project(), url, directory=tmp_path)
    assert "s3cret" not in info.path.read_text(encoding="utf-8")
    assert info.location == "postgresql+psycopg://maria:***@db.district.example/plans"
    assert recovery.find_recovery(url, "Harbor High", tmp_path) == info


def test_damaged_copies_are_skipped_in_the_list_and_named_when_restored(tmp_path: Path):
    info = recovery.write_recovery(_project(), "a.dlp", directory=tmp_path)
    (tmp_path / f"junk{recovery.SUFFIX}").write_text("{not json", encoding="utf-8")
    assert recovery.list_recoveries(tmp_path) == [info]
    info.path.write_text(info.path.read_text(encoding="utf-8")[:50], encoding="utf-8")
    with pytest.raises(recovery.RecoveryError, match=str(info.path)):
        recovery.restore_recovery(info)


def test_recovery_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(recovery.RECOVERY_DIR_ENV, str(tmp_path / "r"))
    assert recovery.recovery_dir() == tmp_path / "r"
    info = recovery.write_recovery(_project(), "a.dlp")
    assert info.path.parent == tmp_path / "r"
