"""A real school's data in and out: the whole-school workbook and OneRoster bundles from the SIS.

For the front ends: :func:`preview_import` reads a file against a loaded project without changing
it and says what would be added, changed or left unchanged (or every problem found);
:func:`apply_import` then makes all of those changes at once (one undo step in the app). The
``*_at`` functions do the same on a project location in one storage session, for the CLI.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dlplanner.domain import Project
from dlplanner.io.school_plan import Change, ImportPlan, SchoolDataError, SourceProblem
from dlplanner.services import projects
from dlplanner.services.edits import PROJECT, Edit
from dlplanner.services.projects import ServiceError
from dlplanner.services.scenarios import mark_all_stale, mark_stale
from dlplanner.services.session import ProjectSession, change_and_save

__all__ = [
    "ImportPreview",
    "ImportSchoolData",
    "SchoolDataError",
    "apply_import",
    "export_school",
    "import_at",
    "new_project_from",
    "preview_import",
    "read_as",
    "source_kind",
]

WORKBOOK, ONEROSTER, SHEET = "workbook", "oneroster", "sheet"


@dataclass
class ImportPreview:
    """What importing a file would do: the changes, notes, and every problem (then nothing can be applied)."""

    source: str
    kind: str  # WORKBOOK, ONEROSTER or SHEET
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    plan: ImportPlan | None = None

    @property
    def ok(self) -> bool:
        return self.plan is not None and not self.problems

    def added(self) -> list[Change]:
        return [c for c in self.changes if c.status == "added"]

    def changed(self) -> list[Change]:
        return [c for c in self.changes if c.status == "changed"]

    def describe(self) -> list[str]:
        return self.plan.describe() if self.plan else []


def source_kind(path: str | Path, kind: str | None = None) -> str:
    """Which reader a file needs: a OneRoster bundle (.zip or a folder), a whole workbook (.xlsx), or one
    sheet (a .csv file, or an .xlsx file read as one ``kind``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir() or suffix == ".zip":
        return ONEROSTER
    if suffix in (".xlsx", ".xlsm"):
        return SHEET if kind else WORKBOOK
    if suffix in (".csv", ".tsv", ".txt"):
        return SHEET
    raise ServiceError(
        f"{path.name}: import reads a school workbook (.xlsx), one sheet (.csv or .xlsx with --kind) "
        "or a OneRoster bundle (.zip or folder)"
    )


def read_as(path: str | Path, kind: str | None = None) -> str:
    """Like :func:`source_kind`, but an .xlsx file without any sheet of the school workbook is read as
    one sheet (its kind from the sheet's or the file's name), as other tools export them."""
    path = Path(path)
    source = source_kind(path, kind)
    if source == WORKBOOK and path.is_file():
        from dlplanner.io.workbook import is_school_workbook

        if not is_school_workbook(path):
            return SHEET
    return source


def _read(
    project: Project,
    path: Path,
    school: str | None,
    rename: bool,
    kind: str | None = None,
    scenario: str | None = None,
) -> ImportPlan:
    if not path.exists():
        raise ServiceError(f"File not found: {path}")
    source = read_as(path, kind)
    if school is not None and source != ONEROSTER:
        raise ServiceError("--school applies to OneRoster bundles only")
    if (kind or scenario) and source != SHEET:
        raise ServiceError("--kind and --scenario apply to single sheets (.csv, or .xlsx with --kind) only")
    if source == WORKBOOK:
        from dlplanner.io.workbook import read_school_workbook

        return read_school_workbook(path, project, rename_project=rename)
    if source == SHEET:
        from dlplanner.io.sheet_import import read_single_sheet

        return read_single_sheet(path, project, kind=kind, scenario=scenario)
    from dlplanner.io.oneroster import read_oneroster

    return read_oneroster(path, project, school=school, rename_project=rename)


def preview_import(
    project: Project,
    path: str | Path,
    school: str | None = None,
    *,
    kind: str | None = None,
    scenario: str | None = None,
) -> ImportPreview:
    """Read ``path`` against ``project`` (left unchanged): the changes it would make, or its problems.

    ``school`` picks the org of a OneRoster bundle; ``kind`` and ``scenario`` say what one sheet holds
    and which scenario its records belong to (see :mod:`dlplanner.io.sheet_import`).
    """
    path = Path(path)
    if not path.exists():
        raise ServiceError(f"File not found: {path}")
    source = read_as(path, kind)
    try:
        plan = _read(project, path, school, rename=False, kind=kind, scenario=scenario)
    except SchoolDataError as exc:
        return ImportPreview(path.name, source, problems=exc.problems)
    return ImportPreview(path.name, source, plan.changes, plan.notes, plan=plan)


def _imported_fields(preview: ImportPreview) -> dict[str, object]:
    """The project's fields after the import (all but its name), with solutions of changed data stale."""
    if not preview.ok or preview.plan is None:
        raise SchoolDataError(preview.problems)
    plan = preview.plan
    result = plan.result
    if plan.project_data_changed:
        mark_all_stale(result)
    else:
        for scenario in result.scenarios:
            if scenario.id in plan.changed_scenarios():
                mark_stale(scenario)
    return {f.name: getattr(result, f.name) for f in dataclasses.fields(Project) if f.name != "name"}


def apply_import(project: Project, preview: ImportPreview) -> None:
    """Make every change of ``preview`` in ``project`` at once; solutions of changed data become stale."""
    for name, value in _imported_fields(preview).items():
        setattr(project, name, value)


class ImportSchoolData(Edit):
    """An import as one undoable step of a project session (the app's File → Import school data…).

    The read made new copies of the project's records, so doing or undoing this swaps whole lists and
    scenarios: the session's generation moves on, and each older step then checks that what it edits is
    still part of the project before it runs (see ``ProjectSession.undo``).
    """

    kind = PROJECT

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(f"Import {preview.source}")
        self.new = _imported_fields(preview)
        self.old: dict[str, object] = {}

    def _swap(self, session: ProjectSession, values: dict[str, object]) -> None:
        project = session.project
        assert project is not None
        for name, value in values.items():
            setattr(project, name, value)
        session.generation += 1
        ids = [s.id for s in project.scenarios]
        if session.scenario_id not in ids:  # the import added the first scenario, or its undo removed it
            session.scenario_id = ids[0] if ids else None

    def do(self, session: ProjectSession) -> None:
        project = session.project
        assert project is not None
        self.old = {name: getattr(project, name) for name in self.new}
        self._swap(session, self.new)

    def undo(self, session: ProjectSession) -> None:
        self._swap(session, self.old)


def import_at(
    location: str,
    path: str | Path,
    school: str | None = None,
    project_name: str | None = None,
    *,
    kind: str | None = None,
    scenario: str | None = None,
) -> ImportPreview:
    """Open the project at ``location``, merge ``path`` into it and save; on any problem (a bad row, or
    another planner's save of a piece this import changes) nothing is saved."""

    def merge(project: Project) -> ImportPreview:
        preview = preview_import(project, path, school, kind=kind, scenario=scenario)
        if not preview.ok:
            raise SchoolDataError(preview.problems)
        apply_import(project, preview)
        return preview

    return change_and_save(location, merge, project_name)


def new_project_from(
    location: str, path: str | Path, name: str | None = None, *, overwrite: bool = False, school: str | None = None
) -> tuple[Project, ImportPlan]:
    """Create a project at ``location`` from a workbook or a OneRoster bundle (its name from the file or ``name``)."""
    path = Path(path)
    empty = Project(name=name or path.stem)
    plan = _read(empty, path, school, rename=name is None)
    project = plan.result
    if name:
        project.name = name
    if not project.name.strip():
        project.name = path.stem
    projects.create_project(location, project, overwrite=overwrite)
    return project, plan


def export_school(project: Project | None, out: str | Path) -> Path:
    """Write ``project`` as a whole-school workbook (None: the blank template); never half a file."""
    from dlplanner.io.workbook import write_school_workbook

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise ServiceError(f"A school workbook is an .xlsx file, not '{target.name}'")
    if not target.parent.is_dir():
        raise ServiceError(f"Folder {target.parent} does not exist")
    with tempfile.TemporaryDirectory(prefix=".dlp-school-", dir=target.parent) as tmp:
        staged = write_school_workbook(project, Path(tmp) / target.name)
        shutil.move(staged, target)
    return target
