"""Who saved what, when, at which version: what district mode needs to detect and explain conflicts.

Plain frozen dataclasses (no rows): the storage API hands these out next to domain objects, since
the domain model carries a scenario's ``version`` but not the project-level version or the
"who and when" of a save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from dlplanner.domain.model import Project


@dataclass(frozen=True)
class Stamp:
    """The stored version of a scenario (or of a project's records) and who saved it when (UTC)."""

    version: int
    updated_by: str = ""
    updated_at: datetime | None = None

    def describe(self) -> str:
        """``by maria@district at 14:03`` (local time; with the date when it was not today)."""
        who = f"by {self.updated_by}" if self.updated_by else "by another planner"
        return f"{who} {when(self.updated_at)}".rstrip()


@dataclass(frozen=True)
class ProjectVersions:
    """Every version stamp of one project: cheap to read, so a GUI can poll "did anyone save?"."""

    project_name: str
    data: Stamp
    scenarios: dict[str, Stamp] = field(default_factory=dict)
    scenario_names: dict[str, str] = field(default_factory=dict)


@dataclass
class ProjectSnapshot:
    """A project read in one transaction, with its version stamps (``project`` is the caller's)."""

    project: Project
    versions: ProjectVersions


def now_utc() -> datetime:
    return datetime.now(UTC)


def to_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def from_text(value: str | None) -> datetime | None:
    """The stored time, or None when there is none (rows older than 0002) or it cannot be read."""
    if not value or not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def when(moment: datetime | None) -> str:
    """``at 14:03`` today, ``on 2026-11-21 at 14:03`` otherwise, in this computer's local time."""
    if moment is None:
        return ""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"at {local:%H:%M}"
    return f"on {local:%Y-%m-%d} at {local:%H:%M}"
