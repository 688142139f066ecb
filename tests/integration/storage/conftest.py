"""Fixtures for storage tests: a place for a new project database on SQLite and on PostgreSQL.

PostgreSQL tests need ``DLPLANNER_TEST_PG_URL`` (``scripts/start-test-postgres`` prints one); each
test gets a fresh database created through that URL's server and dropped afterwards. Without the
variable they are skipped, except under ``CI=true``, where they fail: CI must always run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich_project import build_rich_project
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL

from dlplanner.domain import Project

PG_ENV = "DLPLANNER_TEST_PG_URL"


def pg_server_url() -> URL:
    """The test server's URL, or skip (fail on CI) when there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"CI=true but {PG_ENV} is not set: CI must run the PostgreSQL tests "
                f"(export {PG_ENV}=$(scripts/start-test-postgres | tail -n1))"
            )
        pytest.skip(f"{PG_ENV} is not set; export {PG_ENV}=$(scripts/start-test-postgres | tail -n1) to run it")
    return make_url(url)


@pytest.fixture
def pg_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    server = pg_server_url()
    name = f"dlp_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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
