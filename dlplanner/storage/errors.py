"""Storage errors: each message is one line a user can act on and names the file or URL."""

from __future__ import annotations

from datetime import datetime


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


class ProjectExistsError(DatabaseExistsError):
    """Adding a project to a database that already holds one of that name."""


class AmbiguousProjectError(StorageError):
    """Several projects live in the database and no name was given."""


class ConcurrentEditError(StorageError):
    """Someone saved a newer version of a scenario (or of the project's records) since it was loaded.

    The attributes let a GUI offer the right choice without parsing the message: ``scenario_id``
    is None when the project-level records (people, rooms, groups) are the thing that changed;
    ``current_version`` is None when the scenario or project was deleted meanwhile.
    """

    def __init__(
        self,
        message: str,
        *,
        project_name: str = "",
        scenario_id: str | None = None,
        changed_by: str = "",
        changed_at: datetime | None = None,
        current_version: int | None = None,
        your_version: int | None = None,
    ) -> None:
        super().__init__(message)
        self.project_name = project_name
        self.scenario_id = scenario_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version
        self.your_version = your_version


class SaveRefusedError(ConcurrentEditError):
    """An all-or-nothing save wrote nothing because other planners saved some of its pieces meanwhile.

    ``refusals`` holds one :class:`ConcurrentEditError` per such piece; the attributes of this
    error are those of the first.
    """

    def __init__(self, project_name: str, refusals: list[ConcurrentEditError]) -> None:
        first = refusals[0]
        lines = "; ".join(str(r) for r in refusals)
        super().__init__(
            f"Nothing was saved to project '{project_name}': {lines}",
            project_name=project_name,
            scenario_id=first.scenario_id,
            changed_by=first.changed_by,
            changed_at=first.changed_at,
            current_version=first.current_version,
            your_version=first.your_version,
        )
        self.refusals = list(refusals)
