"""What checker and validation messages point at: a reference to one record of the project.

Kept apart from both so that the UI can turn any problem or violation into "select that teacher"
without knowing which of the two produced it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RecordRef:
    """One record a message is about.

    ``kind`` is one of "teacher", "cohort", "room", "section", "advisory", "team", "internship",
    "day_type", "block", "bell_schedule", "subject", "campus", "looping_rule", "term", "scenario".
    """

    kind: str
    id: str
    name: str

    def __str__(self) -> str:
        return self.name or self.id


def named(prefix: str, name: str) -> str:
    """'Cohort 9A' for a cohort named '9A', but not 'Cohort Cohort 9A' or 'Team Grade 9 team'."""
    if prefix.casefold() in name.casefold().split():
        return name
    return f"{prefix} {name}"
