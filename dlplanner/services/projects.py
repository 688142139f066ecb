"""Use cases around whole projects: samples, create, open, save, summarise.

One storage session per user action: each function opens the store, does its work and closes it,
so the GUI and the CLI never hold a database connection between actions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from dlplanner.domain import BlockKind, Project, Scenario, codec, fmt_minutes
from dlplanner.domain.metrics import describe_minimums
from dlplanner.paths import samples_dir
from dlplanner.storage import ProjectStore, display_location, location_without_password


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

    With ``overwrite`` an existing ``.dlp`` file is replaced only once the new one is complete,
    so a failure never leaves the user without the old file.
    """
    if is_url(location):
        with ProjectStore.create(location) as store:
            store.save(project)
        return
    target = Path(location)
    if target.exists() and not overwrite:
        raise ServiceError(f"{target} already exists; choose another name or pass --force to replace it")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with ProjectStore.create(str(partial)) as store:
            store.save(project)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


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
    minutes = {kind.value: scenario.minutes_per_cycle(kind) for kind in BlockKind}
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
