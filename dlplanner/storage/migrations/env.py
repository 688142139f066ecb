"""Alembic environment for dlplanner, configured from code (see dlplanner.storage.schema).

The store passes its open connection in ``config.attributes["connection"]``; developer tools may
pass ``sqlalchemy.url`` instead. Offline mode (``--sql``) writes the SQL a database administrator
can review and run on a district PostgreSQL server.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from dlplanner.storage.orm import Base
from dlplanner.storage.schema import VERSION_TABLE

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        version_table=VERSION_TABLE,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as connection:
            _configure(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
