"""Locations (paths and URLs), messages that hide passwords, and the SQLite connection settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from dlplanner.storage import ProjectStore, StorageError, display_location, location_to_url, location_without_password


def test_a_relative_path_becomes_an_absolute_sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    assert location_to_url("school.dlp") == f"sqlite:///{tmp_path}/school.dlp"
    assert location_to_url("sub dir/my school.dlp") == f"sqlite:///{tmp_path}/sub dir/my school.dlp"


def test_an_absolute_path_keeps_its_place():
    assert location_to_url("/srv/plans/school.dlp") == "sqlite:////srv/plans/school.dlp"


def test_a_url_is_used_as_given():
    url = "postgresql+psycopg://user:pw@db.example.org:5433/district"
    assert location_to_url(url) == url


def test_display_hides_the_password_but_keeps_paths_as_typed():
    assert display_location("postgresql+psycopg://user:s3cret@host/db") == "postgresql+psycopg://user:***@host/db"
    assert display_location("plans/school.dlp") == "plans/school.dlp"


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("mysql://root:hunter2@localhost/x", r"^mysql://root:\*\*\*@localhost/x: unsupported database 'mysql'"),
        ("sqlite://", "names no SQLite file"),
        ("postgresql+nosuchdriver://u:hunter2@h/d", r"^Cannot use postgresql\+nosuchdriver://u:\*\*\*@h/d"),
        ("://u:hunter2@", "is not a valid database URL"),
    ],
)
def test_unusable_locations_are_refused_with_the_password_masked(location: str, message: str):
    with pytest.raises(StorageError, match=message) as info:
        ProjectStore.open(location)
    assert "hunter2" not in str(info.value)


def test_a_sqlite_url_names_the_same_file_as_its_path(tmp_path: Path):
    path = tmp_path / "school.dlp"
    ProjectStore.create(f"sqlite:///{path}").close()
    with ProjectStore.open(str(path)) as store:
        assert store.list_projects() == []
        assert store.location == str(path)


def test_sqlite_connections_enforce_foreign_keys_and_keep_the_rollback_journal(tmp_path: Path):
    with ProjectStore.create(str(tmp_path / "school.dlp")) as store, store._engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["school.dlp"]  # a single self-contained file


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("postgresql+psycopg://maria:p@ss@db/district", "postgresql+psycopg://maria:***@db/district"),
        ("postgresql+psycopg://maria:pa@ss/w0rd?x@db:5433/d", "postgresql+psycopg://maria:***@db:5433/d"),
        ("postgresql+psycopg://maria@campus:s3cret@db/d", "postgresql+psycopg://maria@campus:***@db/d"),
        (
            "postgresql+psycopg://maria@db/d?sslmode=require&password=s3cret",
            "postgresql+psycopg://maria@db/d?sslmode=require&password=***",
        ),
        ("postgresql+psycopg://db/district", "postgresql+psycopg://db/district"),
    ],
)
def test_display_hides_every_part_of_an_awkward_password(location: str, shown: str):
    assert display_location(location) == shown


@pytest.mark.parametrize(
    "location", ["postgresql+psycopg://maria:p@ss@db/district", "postgresql+psycopg://maria:pa@ss/w0rd@db/d"]
)
def test_an_unencoded_at_sign_in_the_password_is_refused_without_showing_it(location: str):
    with pytest.raises(StorageError, match=r"holds more than one '@'.*%40") as info:
        ProjectStore.open(location)
    assert "maria:***@db/" in str(info.value)
    assert "ss" not in str(info.value).replace("password", "")


@pytest.mark.parametrize(
    ("location", "kept"),
    [
        ("postgresql+psycopg://maria:p@ss@db/district", "postgresql+psycopg://maria@db/district"),
        ("postgresql+psycopg://maria:pa@ss/w0rd@db:5433/d", "postgresql+psycopg://maria@db:5433/d"),
        (
            "postgresql+psycopg://maria@db/d?sslmode=require&password=s3cret",
            "postgresql+psycopg://maria@db/d?sslmode=require",
        ),
        ("plans/school.dlp", "plans/school.dlp"),
    ],
)
def test_a_remembered_location_keeps_no_part_of_the_password(location: str, kept: str):
    assert location_without_password(location) == kept
