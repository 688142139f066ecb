"""`dlplanner new URL` adds a school to a district database (issue 19 item 13): after
`db upgrade` it was refused ("already holds dlplanner projects") and a second school could only
come in through `restore`. Each school needs its own name; a name already there is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dlplanner.cli import cli
from dlplanner.services import district, projects


@pytest.fixture
def database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """An empty district database: a fresh PostgreSQL database, or an SQLite URL (district mode too)."""
    if backend == "postgres":
        return request.getfixturevalue("pg_database")
    return f"sqlite:///{tmp_path / 'district.db'}"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _ok(*args: str) -> str:
    result = _run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_new_after_db_upgrade_and_a_second_school(database: str):
    _ok("db", "upgrade", database)
    assert district.list_projects(database) == []
    _ok("new", database, "--sample", "big-picture")
    _ok("new", database, "--sample", "linked-learning")
    assert district.list_projects(database) == ["Big Picture sample", "Linked Learning sample"]
    expected = projects.load_sample("linked-learning")
    stored = projects.open_project(database, "Linked Learning sample")
    assert [s.name for s in stored.scenarios] == [s.name for s in expected.scenarios]
    assert len(stored.teachers) == len(expected.teachers)


def test_new_on_an_empty_database_installs_the_schema(database: str):
    output = _ok("new", database, "--sample", "new-tech", "--name", "Harbor High")
    assert "Created project 'Harbor High'" in output
    assert district.list_projects(database) == ["Harbor High"]


def test_a_name_already_there_is_refused_and_nothing_changes(database: str):
    _ok("new", database, "--sample", "big-picture")
    before = projects.open_project(database, "Big Picture sample")
    for extra in ([], ["--force"]):
        result = _run("new", database, "--sample", "linked-learning", "--name", "Big Picture sample", *extra)
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and "already holds a project named 'Big Picture sample'" in lines[0]
        assert "--name" in lines[0]
    assert district.list_projects(database) == ["Big Picture sample"]
    assert projects.open_project(database, "Big Picture sample") == before
    _ok("new", database, "--sample", "linked-learning", "--name", "Big Picture II")  # --name: another school
    assert district.list_projects(database) == ["Big Picture II", "Big Picture sample"]
