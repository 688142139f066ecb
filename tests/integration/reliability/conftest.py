"""Reliability tests get a fresh PostgreSQL database per test from ``tests/conftest.py``
(same rule as the storage tests: skip without ``DLPLANNER_TEST_PG_URL``, fail when ``CI=true``)."""

from __future__ import annotations

import pytest


@pytest.fixture
def pg_database_prefix() -> str:
    return "dlp_r_"
