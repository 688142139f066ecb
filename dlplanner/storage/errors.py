"""Storage errors: each message is one line a user can act on and names the file or URL."""

from __future__ import annotations


class StorageError(Exception):
    """Any failure to create, open, read or write a project database."""


class DatabaseNotFoundError(StorageError):
    """The project file does not exist (opening never creates one)."""


class DatabaseExistsError(StorageError):
    """Creating a project where a file or a non-empty database already is."""


class NotAProjectError(StorageError):
    """The file or database is not a dlplanner project (text file, foreign database ...)."""


class NewerSchemaError(StorageError):
    """The database was written by a newer dlplanner whose schema this one does not know."""


class OutdatedSchemaError(StorageError):
    """The database has an older schema; ``upgrade_database`` (``dlplanner db upgrade``) updates it."""


class ProjectNotFoundError(StorageError):
    """No project of that name in the database (or no project at all)."""


class AmbiguousProjectError(StorageError):
    """Several projects live in the database and no name was given."""


class ConcurrentEditError(StorageError):
    """Someone saved a newer version of a scenario since it was loaded."""
