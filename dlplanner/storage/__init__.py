"""Storage layer: whole projects in an SQLite file (``.dlp``) or a PostgreSQL database.

The only package that imports SQLAlchemy and Alembic. Rows never leave it: the API takes and
returns domain objects (:class:`dlplanner.domain.Project`)::

    with ProjectStore.create("school.dlp") as store:
        store.save(project)
    with ProjectStore.open("postgresql+psycopg://user:pw@host/district") as store:
        project = store.load("Harbor High")

District mode saves one piece per transaction (``save_scenario``, ``save_project_data``,
``delete_scenario``) against the version it was opened at; a refused save raises
:class:`ConcurrentEditError` naming who changed what and when (see docs/district-mode.md).
``save_changes`` writes several pieces in one transaction, each checked the same way, all or
nothing (:class:`SaveRefusedError` lists every refused piece): what saving an opened project uses.

Whole project files are created and replaced only through :func:`write_project_file` (a new
file renamed into place, a crashed save's journal never left beside it).

Every failure is a :class:`StorageError` with a one-line message naming the file or URL.
"""

from dlplanner.storage.errors import (
    AmbiguousProjectError,
    ConcurrentEditError,
    DatabaseExistsError,
    DatabaseNotFoundError,
    NewerSchemaError,
    NotAProjectError,
    OutdatedSchemaError,
    ProjectExistsError,
    ProjectNotFoundError,
    SaveRefusedError,
    StorageError,
)
from dlplanner.storage.files import SIDE_SUFFIXES, describe_file, is_sqlite_file
from dlplanner.storage.stamps import ProjectSnapshot, ProjectVersions, Stamp
from dlplanner.storage.store import (
    ProjectStore,
    backup_sqlite_file,
    display_location,
    location_to_url,
    location_without_password,
    schema_revision,
    shared_engine_users,
    upgrade_database,
    write_project_file,
)

__all__ = [
    "SIDE_SUFFIXES",
    "AmbiguousProjectError",
    "ConcurrentEditError",
    "DatabaseExistsError",
    "DatabaseNotFoundError",
    "NewerSchemaError",
    "NotAProjectError",
    "OutdatedSchemaError",
    "ProjectExistsError",
    "ProjectNotFoundError",
    "ProjectSnapshot",
    "ProjectStore",
    "ProjectVersions",
    "SaveRefusedError",
    "Stamp",
    "StorageError",
    "backup_sqlite_file",
    "describe_file",
    "display_location",
    "is_sqlite_file",
    "location_to_url",
    "location_without_password",
    "schema_revision",
    "shared_engine_users",
    "upgrade_database",
    "write_project_file",
]
