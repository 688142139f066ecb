"""Import teachers, rooms, cohorts, sections, students or requests from a CSV file into a project (all or nothing).

Imported records change what every solution was made from, so the affected scenarios are marked
stale: all of them for teachers, rooms and cohorts (they belong to the project), the one scenario
for sections.
"""

from __future__ import annotations

from pathlib import Path

from dlplanner.domain import Project
from dlplanner.io.csv_import import KINDS as RECORD_KINDS
from dlplanner.io.csv_import import STUDENT_KINDS, CsvImportError, ImportResult, import_csv, import_students_csv
from dlplanner.services.projects import ServiceError
from dlplanner.services.scenarios import mark_all_stale, mark_stale
from dlplanner.services.session import change_and_save

KINDS = (*RECORD_KINDS, *STUDENT_KINDS)

__all__ = ["KINDS", "CsvImportError", "ImportResult", "import_csv_at", "import_csv_into"]


def import_csv_into(project: Project, kind: str, path: str | Path, scenario_key: str | None = None) -> ImportResult:
    """Import into a loaded project (the GUI saves it); raises CsvImportError with every problem."""
    if kind not in KINDS:
        raise ServiceError(f"Unknown kind '{kind}' (kinds: {', '.join(KINDS)})")
    if kind in STUDENT_KINDS:
        if scenario_key is not None:
            raise ServiceError(
                f"{kind.capitalize()} belong to the whole project, not to one scenario; leave out --scenario"
            )
        result = import_students_csv(project, kind, path)
        mark_all_stale(project)
        return result
    scenario = None
    if kind == "sections":
        if scenario_key is None:
            if len(project.scenarios) != 1:
                names = ", ".join(s.name for s in project.scenarios) or "none"
                raise ServiceError(f"Sections belong to a scenario: pass --scenario (scenarios: {names})")
            scenario = project.scenarios[0]
        else:
            scenario = project.scenario(scenario_key)
    elif scenario_key is not None:
        raise ServiceError(
            f"{kind.capitalize()} belong to the whole project, not to one scenario; leave out --scenario"
        )
    result = import_csv(project, kind, path, scenario)
    if scenario is not None:
        mark_stale(scenario)
    else:
        mark_all_stale(project)
    return result


def import_csv_at(
    location: str, kind: str, path: str | Path, scenario_key: str | None = None, project_name: str | None = None
) -> ImportResult:
    """Open the project at ``location``, import, and save it in one go; on any problem (a bad row, or
    another planner's save of a piece this import changes) nothing is saved."""
    if Path(path).is_dir():
        raise ServiceError(f"{path} is a folder; give the CSV file inside it")
    if not Path(path).is_file():
        raise ServiceError(f"CSV file not found: {path}")
    return change_and_save(location, lambda project: import_csv_into(project, kind, path, scenario_key), project_name)
