"""FET use cases: import a ``.fet`` into a project, solve a ``.fet`` to FET's timetable file, and
export a project's solution back to FET. No Qt, no click: the CLI and the GUI both call these."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dlplanner.fet.checker import FetCheckReport, check_fet
from dlplanner.fet.files import (
    FetDocument,
    fet_to_project,
    parse_fet,
    project_to_fet,
    project_to_fet_timetable,
    read_fet,
    timetable_of,
    write_fet_timetable,
)
from dlplanner.fet.model import FetFormatError, FetInstance
from dlplanner.fet.solver import FetProgress, FetSolveResult, solve_fet
from dlplanner.services import projects

__all__ = [
    "FetDocument",
    "FetFormatError",
    "FetProgress",
    "export_fet",
    "import_fet",
    "is_fet_file",
    "parse_fet",
    "read_fet",
    "solve_fet_file",
    "support_lines",
]


def support_lines(instance: FetInstance) -> list[str]:
    """What of the file dlplanner models: unsupported constraint types by name and count."""
    lines = [
        f"{instance.name}: {len(instance.active_activities())} activities, {len(instance.teachers)} teachers, "
        f"{len(instance.subgroup_names())} subgroups, {len(instance.rooms)} rooms, "
        f"{len(instance.days)} days × {len(instance.hours)} hours"
    ]
    unsupported = instance.unsupported()
    if not unsupported:
        lines.append("all constraint types supported")
        return lines
    hard = instance.unsupported_hard()
    lines.append("not fully supported" if hard else "supported except soft constraints")
    for name, n in sorted(unsupported.items()):
        kind = "hard" if name in hard else "soft"
        lines.append(f"unsupported ({kind}, ignored): {name} × {n}")
    return lines


@dataclass
class ImportOutcome:
    location: str
    notes: list[str] = field(default_factory=list)


def import_fet(fet_path: str, location: str, *, overwrite: bool = False) -> ImportOutcome:
    """Read ``fet_path`` and store it as a new dlplanner project at ``location``."""
    instance = read_fet(fet_path)
    notes: list[str] = support_lines(instance)
    project = fet_to_project(instance, notes)
    projects.create_project(location, project, overwrite=overwrite)
    return ImportOutcome(location, notes)


@dataclass
class SolveOutcome:
    result: FetSolveResult
    report: FetCheckReport
    instance: FetInstance
    written: bool


def solve_fet_file(
    in_path: str,
    out_path: str,
    *,
    document: FetDocument | None = None,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[FetProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    first_only: bool = False,
    gap_percent: float | None = None,
) -> SolveOutcome:
    """Parse (once; unless the caller already did: ``document``) → solve → write FET's
    data-and-timetable file → re-read what was written and check it. ``first_only`` stops at the
    first timetable, ``gap_percent`` within that relative gap of the bound (see ``solve_fet``)."""
    if document is None:
        document = parse_fet(in_path)
    instance = document.instance
    result = solve_fet(
        instance,
        time_limit,
        workers,
        seed,
        on_progress=on_progress,
        should_stop=should_stop,
        first_only=first_only,
        gap_percent=gap_percent,
    )
    if not result.has_timetable:
        return SolveOutcome(result, FetCheckReport(unsupported=instance.unsupported()), instance, False)
    write_fet_timetable(document, instance, result.timetable, out_path)
    return SolveOutcome(result, check_written(out_path), instance, True)


def check_written(out_path: str) -> FetCheckReport:
    """The judge reads the written file from disk, once: its data (the input's, unchanged, plus the
    locks) and the timetable its locks hold. What was written is what is checked."""
    written = read_fet(out_path)
    return check_fet(written, timetable_of(written))


def export_fet(
    location: str, scenario_key: str, out_path: str, fet_path: str | None = None, *, overwrite: bool = False
) -> FetCheckReport:
    """Write a scenario's solution as FET's data-and-timetable file and check it. With ``fet_path``
    (the file the project was imported from) the original FET data is kept and locked; without it,
    a FET file is generated from the project (days, hours, teachers, cohorts, rooms, sections).

    ``out_path`` is never the project itself, nor an existing file that is not a FET file unless
    ``overwrite`` (``--force``)."""
    projects.check_output_file(out_path, location, what="FET file", same_kind=is_fet_file, overwrite=overwrite)
    project = projects.open_project(location)
    scenario = project.scenario(scenario_key)
    if not scenario.solution.placements:
        raise projects.ServiceError(f"Scenario '{scenario.name}' has no solution to export; solve it first")
    if fet_path is None:
        tree, instance, timetable = project_to_fet(project, scenario)
        write_fet_timetable(tree, instance, timetable, out_path)
    else:
        document = parse_fet(fet_path)
        timetable = project_to_fet_timetable(document.instance, project, scenario)
        if not timetable.placements:
            raise projects.ServiceError(
                f"Scenario '{scenario.name}' does not match the activities of {Path(fet_path).name}; "
                "was the project imported from this file?"
            )
        write_fet_timetable(document, document.instance, timetable, out_path)
    return check_written(out_path)


def is_fet_file(path: Path) -> bool:
    """Whether ``path`` looks like a FET file: XML whose root element is ``fet`` (``FET`` in FET 3)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
        if head.startswith(b"\x1f\x8b"):  # a compressed .fet (read a bounded head only)
            with gzip.open(path, "rb") as handle:
                head = handle.read(64 * 1024)
    except (OSError, EOFError, zlib.error):
        return False
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    text = re.sub(r"^(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s+)*", "", text, flags=re.DOTALL)
    return re.match(r"<fet[\s>]", text, flags=re.IGNORECASE) is not None
