"""Project databases as an older dlplanner wrote them, made with the migrations' own downgrades."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine

from dlplanner.storage import location_to_url
from dlplanner.storage.schema import alembic_config


def downgrade(location: str, revision: str) -> None:
    """Turn a database at head into what dlplanner ``revision`` wrote."""
    engine = create_engine(location_to_url(location))
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # batch mode copies tables: no cascades
                connection.commit()
            with connection.begin():
                command.downgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()
