"""Fixtures for storage tests: a place for a new project database on SQLite and on PostgreSQL.

PostgreSQL tests need ``DLPLANNER_TEST_PG_URL`` (``scripts/start-test-postgres`` prints one); each
test gets a fresh database (the ``pg_database`` fixture of ``tests/conftest.py``) created
through that URL's server and dropped afterwards. Without the variable they are skipped, except
under ``CI=true``, where they fail: CI must always run them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich_project import build_rich_project

from dlplanner.domain import Project


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def new_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where ``ProjectStore.create`` may make a new project database on the current backend."""
    if backend == "postgres":
        return request.getfixturevalue("pg_database")
    return str(tmp_path / "school.dlp")


@pytest.fixture
def rich() -> Project:
    return build_rich_project()
