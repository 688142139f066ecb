"""Alembic, driven from code: where the migrations live, which revisions we know, upgrading.

No ``alembic.ini`` is needed: the configuration is built here and the open connection is handed
to ``migrations/env.py`` through ``Config.attributes``, so a migration runs inside the caller's
transaction (on PostgreSQL and, with the store's explicit BEGIN, on SQLite DDL is transactional
too: a failed migration leaves nothing behind).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An in-memory Alembic configuration for our migrations folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The schema revision this dlplanner writes."""
    head = _script().get_current_head()
    assert head is not None, "the migrations folder has no revisions"
    return head


def known_revisions() -> set[str]:
    """Every schema revision this dlplanner can read or upgrade from."""
    return {rev.revision for rev in _script().walk_revisions()}


def upgrade_to_head(connection: Connection) -> None:
    """Run every missing migration on ``connection`` (inside its current transaction)."""
    command.upgrade(alembic_config(connection), "head")


def make_revision(message: str, url: str) -> None:
    """Developer helper: autogenerate a new migration by comparing ``url`` (at head) with the ORM.

    Example: create a scratch SQLite file with ``ProjectStore.create``, then
    ``python -c "from dlplanner.storage.schema import make_revision; make_revision('add x', 'sqlite:////tmp/s.dlp')"``
    and review the generated file in ``migrations/versions/`` by hand.
    """
    existing = len(list((MIGRATIONS_DIR / "versions").glob("[0-9]*.py")))
    command.revision(alembic_config(url=url), message=message, autogenerate=True, rev_id=f"{existing + 1:04d}")
