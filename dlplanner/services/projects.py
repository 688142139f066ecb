"""Use cases around whole projects: samples, create, open, save, summarise.

One storage session per user action: each function opens the store, does its work and closes it,
so the GUI and the CLI never hold a database connection between actions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dlplanner.domain import BlockKind, Project, Scenario, UnknownRecordError, codec, fmt_minutes
from dlplanner.domain.metrics import describe_minimums
from dlplanner.paths import samples_dir
from dlplanner.storage import (
    SIDE_SUFFIXES,
    DatabaseExistsError,
    ProjectStore,
    describe_file,
    display_location,
    is_sqlite_file,
    location_without_password,
    write_project_file,
)


class ServiceError(Exception):
    """A user-facing failure with a one-line message (unknown sample, bad location...)."""


@dataclass(frozen=True)
class SampleInfo:
    id: str
    name: str
    school_name: str
    description: str


def sample_path(sample_id: str) -> Path:
    path = samples_dir() / f"{sample_id}.json"
    if not path.is_file():
        known = ", ".join(s.id for s in list_samples()) or "none"
        raise ServiceError(f"No sample school '{sample_id}' (samples: {known})")
    return path


def list_samples() -> list[SampleInfo]:
    """The bundled sample schools, read from their files' headers."""
    infos = []
    for path in sorted(samples_dir().glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8")).get("project", {})
        infos.append(
            SampleInfo(path.stem, data.get("name", path.stem), data.get("school_name", ""), data.get("description", ""))
        )
    return infos


def load_sample(sample_id: str) -> Project:
    return codec.load_project_json(sample_path(sample_id))


def is_url(location: str) -> bool:
    return "://" in location


def create_project(location: str, project: Project, *, overwrite: bool = False) -> None:
    """Store ``project`` as a new project at ``location`` (a ``.dlp`` path or a database URL).

    A ``.dlp`` file is written whole and renamed into place (:func:`write_project_file`): an
    existing file is replaced only with ``overwrite``, a failure never leaves the user without
    the old file, and a journal left by a crashed save of the old file is never played into the
    new one. A database gets the schema if it is empty and the project is added beside the ones
    it holds (district mode: many schools per database); a project of the same name is refused.
    """
    if is_url(location):
        with open_or_create_database(location) as store:
            store.add(project)
        return

    def write(temp: str) -> None:
        with ProjectStore.create(temp) as store:
            store.save(project)

    write_project_file(location, write, overwrite=overwrite)


def open_or_create_database(location: str) -> ProjectStore:
    """The project database at the URL ``location``; an empty one gets the schema first."""
    try:
        return ProjectStore.create(location)
    except DatabaseExistsError:
        pass  # holds projects already (or other tables: opening says so)
    return ProjectStore.open(location)


def check_output_file(
    out: str | Path, project_location: str, *, what: str, same_kind: Callable[[Path], bool], overwrite: bool = False
) -> None:
    """Refuse to write a ``what`` (a timetable JSON, a FET file ...) to ``out`` when that would
    destroy something: the project ``project_location`` itself (or its journal) always; an
    existing file of another kind (``same_kind`` says no: a project, a spreadsheet ...) unless
    ``overwrite`` (``--force``). Call it before the work, so a refusal costs nothing.
    """
    target = Path(out).expanduser()
    if not is_url(project_location) and _is_project_file(target, Path(project_location).expanduser()):
        raise ServiceError(f"{out} is the project {project_location} itself; write the {what} to another file")
    if target.is_dir():
        raise ServiceError(f"{out} is a folder; give a file name for the {what}")
    if target.exists() and not overwrite and not same_kind(target):
        kind = f" (it is {describe_file(target)})" if is_sqlite_file(target) else ""
        raise ServiceError(
            f"{out} already exists and is not a {what}{kind}; choose another file name, or pass --force to replace it"
        )


def _is_project_file(target: Path, project: Path) -> bool:
    """Whether writing ``target`` would overwrite the project file ``project`` or one of its side files."""
    if target.exists() and project.exists() and target.samefile(project):
        return True
    candidates = {project.absolute(), *(project.absolute().with_name(project.name + s) for s in SIDE_SUFFIXES)}
    return target.absolute() in candidates or target.resolve() in {c.resolve() for c in candidates}


def open_project(location: str, name: str | None = None) -> Project:
    with ProjectStore.open(location) as store:
        return store.load(name)


def save_project(location: str, project: Project) -> None:
    with ProjectStore.open(location) as store:
        store.save(project)


def describe_location(location: str) -> str:
    return display_location(location)


def remembered_location(location: str) -> str:
    """What may be kept in settings (recent projects): the location without a database password."""
    return location_without_password(location)


# -- summaries -------------------------------------------------------------------------------


@dataclass
class ScenarioSummary:
    id: str
    name: str
    cycle: list[str]
    sections: int
    meetings: int
    minutes_by_kind: dict[str, int] = field(default_factory=dict)
    internships: int = 0
    looping_rules: int = 0
    status: str = ""
    placements: int = 0


@dataclass
class ProjectSummary:
    name: str
    school_name: str
    students: int
    counts: dict[str, int]
    scenarios: list[ScenarioSummary]
    minimums: list[str] = field(default_factory=list)  # the stored requirements, in words


def summarize_scenario(scenario: Scenario) -> ScenarioSummary:
    try:
        minutes = {kind.value: scenario.minutes_per_cycle(kind) for kind in BlockKind}
    except UnknownRecordError:  # a day type names a missing bell schedule: `validate` says which
        minutes = {}
    return ScenarioSummary(
        id=scenario.id,
        name=scenario.name,
        cycle=[d.name for d in scenario.day_types],
        sections=len(scenario.sections),
        meetings=sum(s.meetings_per_cycle for s in scenario.sections),
        minutes_by_kind={k: v for k, v in minutes.items() if v},
        internships=len(scenario.internships),
        looping_rules=len(scenario.looping_rules),
        status=scenario.solution.status.value + (" (stale)" if scenario.solution.stale else ""),
        placements=len(scenario.solution.placements),
    )


def summarize(project: Project) -> ProjectSummary:
    counts = {
        "teachers": len(project.teachers),
        "rooms": len(project.rooms),
        "campuses": len(project.campuses),
        "cohorts": len(project.cohorts),
        "advisories": len(project.advisories),
        "teacher teams": len(project.teams),
        "subjects": len(project.subjects),
        "scenarios": len(project.scenarios),
    }
    return ProjectSummary(
        name=project.name,
        school_name=project.school_name,
        students=sum(c.size for c in project.cohorts),
        counts=counts,
        scenarios=[summarize_scenario(s) for s in project.scenarios],
        minimums=describe_minimums(project.minimums, {s.id: s.name for s in project.subjects}),
    )


def format_summary(summary: ProjectSummary) -> list[str]:
    """Plain text lines for `dlplanner info`."""
    lines = [f"{summary.name} — {summary.school_name}" if summary.school_name else summary.name]
    lines.append(f"  students: {fmt_minutes(summary.students)}")
    lines.append("  " + ", ".join(f"{n} {what}" for what, n in summary.counts.items()))
    lines.append("  minimums: " + ("; ".join(summary.minimums) or "none stored"))
    for s in summary.scenarios:
        lines.append(f"Scenario '{s.name}' [{s.id}]: solution {s.status}, {s.placements} placements")
        lines.append(f"  cycle: {len(s.cycle)} day types ({', '.join(s.cycle)})")
        lines.append(f"  {s.sections} sections, {s.meetings} meetings per cycle")
        per_kind = ", ".join(f"{kind} {fmt_minutes(m)}" for kind, m in s.minutes_by_kind.items())
        lines.append(f"  minutes per cycle by block kind: {per_kind or 'no blocks'}")
        lines.append(f"  {s.internships} internships, {s.looping_rules} looping rules")
    return lines
