"""The CLI on things that are not (usable) projects: one clear line, non-zero exit, nothing changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from dlplanner.cli import cli
from dlplanner.cli.db import backup_command, db, restore_command
from dlplanner.domain import Project
from dlplanner.services import projects
from dlplanner.storage import location_to_url


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line_error(result, *expected: str) -> str:
    assert result.exit_code != 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for text_ in expected:
        assert text_ in lines[0], lines[0]
    return lines[0]


def _run(command, *args: str):
    return CliRunner().invoke(command, list(args))


def _newer(path: Path) -> None:
    projects.create_project(str(path), Project(name="Harbor High"))
    engine = create_engine(location_to_url(str(path)))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()


def _text_file(path: Path) -> None:
    path.write_text("period,teacher\n1,Okafor\n", encoding="utf-8")


def _foreign_sqlite(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE grades (id INTEGER PRIMARY KEY, mark TEXT)")
    connection.commit()
    connection.close()


CASES = [
    (_text_file, "is not a dlplanner project: it is not an SQLite database"),
    (_foreign_sqlite, "is not a dlplanner project: the file has no dlplanner tables"),
    (_newer, "was saved by a newer dlplanner (schema revision 9999)"),
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=["text-file", "foreign-sqlite", "newer-version"])
def test_info_on_a_file_that_cannot_be_opened(make, message: str, tmp_path: Path):
    path = tmp_path / "school.dlp"
    make(path)
    before = _hash(path)
    line = _one_line_error(_run(cli, "info", str(path)), message, str(path))
    assert line.startswith("dlplanner: error: ")
    assert _hash(path) == before


@pytest.mark.parametrize(("make", "message"), CASES, ids=["text-file", "foreign-sqlite", "newer-version"])
def test_db_upgrade_backup_and_restore_refuse_what_is_not_a_project(make, message: str, tmp_path: Path):
    path = tmp_path / "school.dlp"
    make(path)
    before = _hash(path)
    _one_line_error(_run(db, "upgrade", str(path)), message)
    _one_line_error(_run(backup_command, str(path), str(tmp_path / "backup.dlp")), message)
    _one_line_error(_run(restore_command, str(path), str(tmp_path / "restored.dlp")), message)
    assert _hash(path) == before
    assert not (tmp_path / "backup.dlp").exists() and not (tmp_path / "restored.dlp").exists()


def test_a_missing_file_is_named(tmp_path: Path):
    missing = tmp_path / "nowhere.dlp"
    _one_line_error(_run(cli, "info", str(missing)), "does not exist", str(missing))
    _one_line_error(_run(backup_command, str(missing), str(tmp_path / "b.dlp")), "does not exist")
    assert not missing.exists()


@pytest.mark.postgres
def test_a_server_database_without_the_schema(pg_database: str):
    line = _one_line_error(_run(cli, "info", pg_database), "is not a dlplanner project", "has no dlplanner tables")
    assert "dlp:***@" in line and ":dlp@" not in line  # the password is never printed
    _one_line_error(_run(backup_command, pg_database, "/tmp/never-written.dlp"), "has no dlplanner tables")
    assert not Path("/tmp/never-written.dlp").exists()


@pytest.mark.postgres
def test_a_server_database_of_a_newer_dlplanner(pg_database: str):
    assert _run(db, "upgrade", pg_database).exit_code == 0
    engine = create_engine(pg_database)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    _one_line_error(_run(cli, "info", pg_database), "newer dlplanner")
    _one_line_error(_run(db, "upgrade", pg_database), "newer dlplanner")


def test_a_server_that_does_not_answer_is_named_without_the_password():
    url = "postgresql+psycopg://maria:s3cret@127.0.0.1:1/district"
    line = _one_line_error(_run(db, "upgrade", url), "Cannot connect to", "maria:***@127.0.0.1:1/district")
    assert "s3cret" not in line


def test_registered_commands_report_through_the_dlplanner_group(tmp_path: Path):
    missing = tmp_path / "nowhere.dlp"
    result = _run(cli, "backup", str(missing), str(tmp_path / "b.dlp"))
    line = _one_line_error(result, "does not exist", str(missing))
    assert line.startswith("dlplanner: error: ")
    _one_line_error(_run(cli, "db", "upgrade", str(missing)), "dlplanner: error: ", "does not exist")
