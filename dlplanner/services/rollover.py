"""Next school year in one step: roll a project over into a new project file (or database project).

The school itself is carried over by :func:`dlplanner.domain.rollover.roll_over`; this use case opens
this year's project, writes next year's as a new project (never over an existing one unless asked),
and adds to the report what validation says of the new project, so the report lists everything
that needs a person before solving.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dlplanner.domain import PairingKind, PriorPairing, Project
from dlplanner.domain.rollover import RolloverError, RolloverReport, roll_over
from dlplanner.domain.validation import Severity, validate
from dlplanner.io.pairings_csv import read_pairings, write_pairings
from dlplanner.services import edits, projects
from dlplanner.services.errors import ServiceError
from dlplanner.services.scenarios import mark_all_stale


@dataclass
class RolloverResult:
    project: Project
    report: RolloverReport


def parse_incoming(values: list[str] | tuple[str, ...]) -> dict[int, int]:
    """``["9:96", "10:12"]`` -> ``{9: 96, 10: 12}`` (grade: incoming students); a bad value says which."""
    incoming: dict[int, int] = {}
    for value in values:
        grade, sep, count = value.partition(":")
        try:
            if not sep:
                raise ValueError
            incoming[int(grade)] = int(count)
        except ValueError:
            raise ServiceError(f"--incoming '{value}' is not GRADE:COUNT (for example 9:96)") from None
        if incoming[int(grade)] < 0:
            raise ServiceError(f"--incoming '{value}': the number of students cannot be negative")
    return incoming


def next_year(
    project: Project,
    scenario_key: str,
    *,
    year_start: date | None = None,
    incoming: dict[int, int] | None = None,
    name: str | None = None,
    departing: list[str] | tuple[str, ...] = (),
) -> RolloverResult:
    """Next year's project and the report (validation's blocking problems and warnings included).

    ``departing``: teachers (by id or name) who leave at the end of this year.
    """
    try:
        nxt, report = roll_over(
            project, scenario_key, year_start=year_start, incoming=incoming, name=name, departing=departing
        )
    except RolloverError as exc:
        raise ServiceError(str(exc)) from None
    for problem in validate(nxt):
        if problem.severity in (Severity.ERROR, Severity.WARNING):
            report.review.append(f"validation {problem.severity.value}: {problem.message}")
    return RolloverResult(nxt, report)


def roll_over_file(
    location: str,
    next_location: str,
    scenario_key: str,
    *,
    year_start: date | None = None,
    incoming: dict[int, int] | None = None,
    name: str | None = None,
    project_name: str | None = None,
    overwrite: bool = False,
    departing: list[str] | tuple[str, ...] = (),
) -> RolloverResult:
    """Open PROJECT, roll it over and create NEXT_PROJECT (refused when it exists, unless ``overwrite``)."""
    if location == next_location:
        raise ServiceError("NEXT_PROJECT must be a new project, not this year's (this year's is kept as it is)")
    project = projects.open_project(location, project_name)
    result = next_year(project, scenario_key, year_start=year_start, incoming=incoming, name=name, departing=departing)
    projects.create_project(next_location, result.project, overwrite=overwrite)
    return result


def roll_over_project(
    project: Project,
    next_location: str,
    scenario_key: str,
    *,
    year_start: date | None = None,
    incoming: dict[int, int] | None = None,
    departing: list[str] | tuple[str, ...] = (),
    overwrite: bool = False,
) -> RolloverResult:
    """The app's New school year: roll over the open project (with its unsaved edits) into a new project.

    ``project`` is not changed (the caller passes its own copy when another thread may edit it).
    """
    result = next_year(project, scenario_key, year_start=year_start, incoming=incoming, departing=departing)
    projects.create_project(next_location, result.project, overwrite=overwrite)
    return result


# -- last year's pairings as CSV --------------------------------------------------------------------


def import_pairings_into(project: Project, path: str | Path) -> int:
    """Replace the project's prior pairings with the file's (all or nothing); every solution becomes stale."""
    pairings = read_pairings(project, path)
    project.prior_pairings = pairings
    mark_all_stale(project)
    return len(pairings)


def import_pairings_at(location: str, path: str | Path, project_name: str | None = None) -> int:
    """Open the project, import the pairings file and save; on any problem nothing is saved."""
    project = projects.open_project(location, project_name)
    count = import_pairings_into(project, path)
    projects.save_project(location, project)
    return count


def export_pairings_at(location: str, path: str | Path, project_name: str | None = None) -> int:
    """Write the project's prior pairings to a CSV file (the format ``import`` reads)."""
    project = projects.open_project(location, project_name)
    write_pairings(project, path)
    return len(project.prior_pairings)


# -- last year's pairings edited in the app (one undoable step each) ----------------------------------


class ReplacePairings(edits.Edit):
    """Replace last year's pairings (the list keeps its identity); every timetable becomes stale.

    Prior pairings have no ids, so an edit of one row, an added or a removed row all replace the
    list's contents; undo puts the old contents and the old "stale" marks back.
    """

    def __init__(self, project: Project, pairings: list[PriorPairing], text: str) -> None:
        super().__init__(text)
        self.project, self.pairings = project, list(pairings)
        self.old: list[PriorPairing] = []
        self.old_stale: list[bool] = []

    def targets(self) -> list:
        return [(self.project.prior_pairings, "last year's pairings")]

    def do(self, session) -> None:
        self.old = list(self.project.prior_pairings)
        self.old_stale = [s.solution.stale for s in self.project.scenarios]
        self.project.prior_pairings[:] = self.pairings
        mark_all_stale(self.project)

    def undo(self, session) -> None:
        self.project.prior_pairings[:] = self.old
        for scenario, stale in zip(self.project.scenarios, self.old_stale, strict=False):
            scenario.solution.stale = stale


def pairing_label(pairing: PriorPairing) -> str:
    """How an undo step names a pairing: 'advisor of advisory-g10-a', 'team of g10-a', 'math teacher of g10-a'."""
    what = pairing.subject_id + " teacher" if pairing.kind == PairingKind.SUBJECT_TEACHER else pairing.kind.value
    return f"{what} of {pairing.advisory_id or pairing.cohort_id or '?'}"


def edit_pairing(project: Project, index: int, **changes) -> ReplacePairings:
    """Change fields of pairing ``index``, as one undoable edit."""
    pairings = list(project.prior_pairings)
    pairings[index] = dataclasses.replace(pairings[index], **changes)
    field = ", ".join(name.replace("_", " ") for name in changes)
    return ReplacePairings(project, pairings, f"Edit {field} of last year's {pairing_label(pairings[index])}")


def add_pairing(project: Project, pairing: PriorPairing) -> ReplacePairings:
    return ReplacePairings(project, [*project.prior_pairings, pairing], f"Add last year's {pairing_label(pairing)}")


def remove_pairings(project: Project, indexes: list[int]) -> ReplacePairings:
    gone = set(indexes)
    kept = [p for i, p in enumerate(project.prior_pairings) if i not in gone]
    return ReplacePairings(project, kept, f"Remove {len(gone)} of last year's pairings")
