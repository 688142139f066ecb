"""Test-wide settings and fixtures.

- Qt always offscreen, so no test needs a display.
- PostgreSQL: ``pg_database`` is a fresh database per test on the server ``DLPLANNER_TEST_PG_URL``
  names (``scripts/start-test-postgres`` prints such a URL), dropped afterwards. Used by the
  storage and reliability tests and by the district-mode GUI tests. Without the variable those
  tests are skipped, except under ``CI=true``, where they fail: CI must always run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "DLPLANNER_TEST_PG_URL"


def pg_server_url() -> URL:
    """The test server's URL, or skip (fail on CI) when there is none."""
    from sqlalchemy import make_url

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
def pg_database_prefix() -> str:
    """How the names of the test databases begin (a test folder may override it)."""
    return "dlp_t_"


@pytest.fixture
def pg_database(pg_database_prefix: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped after the test."""
    from sqlalchemy import create_engine, text

    server = pg_server_url()
    name = f"{pg_database_prefix}{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
