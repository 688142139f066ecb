"""Export a scenario's timetable in one of the formats people print, share or import elsewhere.

``export(project, scenario_key, fmt, out, view=None)`` is the single entry point for the CLI and the
GUI's File → Export; each format's writer lives in ``dlplanner.io``. Files are written to a
temporary name first and moved into place when complete, so a failure never leaves half a file.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dlplanner.domain import Project, Scenario
from dlplanner.io.exports.common import VIEWS, ExportError
from dlplanner.io.exports.words import LANGUAGES
from dlplanner.services.projects import ServiceError, check_output_file


@dataclass(frozen=True)
class ExportFormat:
    id: str
    description: str
    suffixes: tuple[str, ...]  # accepted output suffixes; "" = a folder
    writer: Callable[..., list[Path]]
    options: tuple[str, ...] = ()


def default_paper() -> str:
    """The PDF paper for this computer's locale: "letter" in the US and the Americas (or no locale), else "a4"."""
    from dlplanner.io.exports.pdf_fonts import default_paper as locale_paper

    return locale_paper()


def _pdf(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.exports.pdf import write_pdf

    return write_pdf(
        project,
        scenario,
        out,
        view,
        paper=options.get("paper") or None,
        student_ids=options.get("students"),
        language=options.get("language") or "en",
    )


def _xlsx(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.exports.xlsx import write_xlsx

    return write_xlsx(project, scenario, out, view)


def _csv(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.exports.csv_export import write_csv

    return write_csv(project, scenario, out, view, student_ids=options.get("students"))


def _ics(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.exports.ics import write_ics

    return write_ics(
        project,
        scenario,
        out,
        view,
        entity=options.get("entity"),
        student_ids=options.get("students"),
        language=options.get("language") or "en",
    )


def _html(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.exports.html_site import write_html_site

    return write_html_site(
        project, scenario, out, view, student_ids=options.get("students"), language=options.get("language") or "en"
    )


def _oneroster(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.oneroster import write_oneroster

    return write_oneroster(project, scenario, out)


def _sis_csv(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    from dlplanner.io.oneroster import write_sis_csv

    return write_sis_csv(project, scenario, out)


def _json(project: Project, scenario: Scenario, out: Path, view: str | None, **options: Any) -> list[Path]:
    write_timetable_json(project, scenario, out)
    return [out]


def write_timetable_json(project: Project, scenario: Scenario, out: Path | str) -> None:
    """The timetable JSON file (the format the ``check`` command and other tools read)."""
    from dlplanner.io.timetable_json import write_timetable

    write_timetable(project, scenario, out)


def check_timetable_json_out(out: str | Path, project_location: str, *, overwrite: bool = False) -> None:
    """Refuse a ``--json`` path that is the project itself, or an existing file that is not a
    timetable JSON unless ``overwrite`` (see :func:`dlplanner.services.projects.check_output_file`)."""
    check_output_file(
        out, project_location, what="timetable JSON file", same_kind=is_timetable_json, overwrite=overwrite
    )


def is_timetable_json(path: Path) -> bool:
    """Whether ``path`` holds a dlplanner timetable JSON document (one this tool wrote before)."""
    from dlplanner.io.timetable_json import FORMAT_NAME

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(document, dict) and document.get("format") == FORMAT_NAME


PER_STUDENT = ("pdf", "csv", "ics", "html", "xlsx")  # formats with a student view

FORMATS: dict[str, ExportFormat] = {
    f.id: f
    for f in (
        ExportFormat("pdf", "printable timetables (master, teachers, cohorts, rooms)", (".pdf",), _pdf, ("paper",)),
        ExportFormat("xlsx", "spreadsheet: master sheet and a sheet per teacher and cohort", (".xlsx",), _xlsx),
        ExportFormat(
            "csv", "flat CSV plus a per-date CSV beside it (students: one row per student meeting)", (".csv",), _csv
        ),
        ExportFormat(
            "ics",
            "iCalendar: .zip or folder of one file per owner, or one .ics",
            (".ics", ".zip", ""),
            _ics,
            ("entity",),
        ),
        ExportFormat("html", "static HTML site (a folder)", ("",), _html),
        ExportFormat("json", "timetable JSON", (".json",), _json),
        ExportFormat("oneroster", "OneRoster 1.1 CSV bundle for the SIS: a folder or .zip", ("", ".zip"), _oneroster),
        ExportFormat("sis-csv", "master schedule upload: one row per section meeting pattern", (".csv",), _sis_csv),
    )
}


def export(
    project: Project, scenario_key: str, fmt: str, out: str | Path, view: str | None = None, **options: Any
) -> list[Path]:
    """Write scenario ``scenario_key`` of ``project`` as ``fmt`` to ``out``; returns the files written.

    ``view`` limits the export to the master schedule or to the teacher, cohort, room or student timetables.
    Options: ``paper`` ("a4" or "letter", PDF), ``entity`` (one teacher/cohort/room id or name, iCalendar),
    ``student`` (one student's id or name) and ``grade`` (one grade's students): the student view only;
    ``language`` (a key of ``LANGUAGES``: dlplanner's own words in family-facing PDF, HTML and iCalendar files).
    """
    fmt = fmt.lower()
    language = options.get("language") or "en"
    if language not in LANGUAGES:
        raise ServiceError(f"Unknown language '{language}' (languages: {', '.join(LANGUAGES)})")
    if language != "en" and fmt not in ("pdf", "html", "ics"):
        raise ServiceError(f"The {fmt} format is written in English only (other languages: pdf, html, ics)")
    if fmt not in FORMATS:
        raise ServiceError(f"Unknown export format '{fmt}' (formats: {', '.join(FORMATS)})")
    if view is not None and view not in VIEWS:
        raise ServiceError(f"Unknown view '{view}' (views: {', '.join(VIEWS)})")
    student, grade = options.pop("student", None), options.pop("grade", None)
    if student is not None or grade is not None:
        if view not in (None, "student"):
            raise ServiceError(f"--student and --grade choose students: use them with the student view, not '{view}'")
        view = "student"
    if view == "student":
        if fmt not in PER_STUDENT:
            raise ServiceError(f"The {fmt} format has no per-student export (per student: {', '.join(PER_STUDENT)})")
        options["students"] = students_matching(project, student, grade)
    spec = FORMATS[fmt]
    scenario = project.scenario(scenario_key)
    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in spec.suffixes:
        wanted = " or ".join(s or "a folder" for s in spec.suffixes)
        raise ServiceError(f"A {fmt} export goes to {wanted}, not '{target.name}'")
    if not target.parent.is_dir():
        raise ServiceError(f"Folder {target.parent} does not exist")
    if suffix == "":
        _check_replaceable_folder(target, fmt)
    if not scenario.solution.placements:
        raise ServiceError(f"Scenario '{scenario.name}' has no timetable yet: solve it first")
    with tempfile.TemporaryDirectory(prefix=".dlp-export-", dir=target.parent) as tmp:
        staged = Path(tmp) / target.name
        try:
            written = spec.writer(project, scenario, staged, view, **options)
        except ExportError as exc:
            raise ServiceError(str(exc)) from exc
        final = []
        for path in written:
            relative = path.relative_to(Path(tmp))
            destination = target.parent / relative
            if staged.is_dir() and path.parent == staged:
                continue  # folder outputs are moved as a whole below
            if destination.is_dir():
                shutil.rmtree(destination)
            path.replace(destination)
            final.append(destination)
        if staged.is_dir():
            if target.is_dir():
                shutil.rmtree(target)  # only a previous export of this format (checked above)
            staged.replace(target)
            final.extend(target / p.name for p in written if p.parent == staged)
    return final


def students_matching(project: Project, student: str | None = None, grade: int | None = None) -> list[str]:
    """The ids of the students whose id or name is ``student`` (any case) and of grade ``grade`` (each when given)."""
    if not project.students:
        raise ServiceError(f"Project '{project.name}' has no students: import them first (import-csv --kind students)")
    wanted = student.strip().casefold() if student is not None else None
    found = [
        s.id
        for s in project.students
        if (wanted is None or wanted in (s.id.casefold(), s.name.strip().casefold()))
        and (grade is None or s.grade == grade)
    ]
    if not found:
        what = " ".join(
            filter(
                None, [f"'{student}'" if student is not None else "", f"in grade {grade}" if grade is not None else ""]
            )
        )
        raise ServiceError(f"No student {what} in project '{project.name}' (a student's id or name, a grade number)")
    return found


FOLDER_CONTENT = {"html": {".html"}, "ics": {".ics"}, "oneroster": {".csv"}}


def _check_replaceable_folder(target: Path, fmt: str) -> None:
    """A folder export replaces ``target`` only when it is new, empty, or a previous export of ``fmt``.

    So ``--out ~/Documents`` is refused instead of wiping the user's documents.
    """
    if target.is_file():
        raise ServiceError(f"{target} is a file; a {fmt} export writes a folder (give a new folder name)")
    if not target.is_dir():
        return
    allowed = FOLDER_CONTENT.get(fmt, set())
    foreign = [p for p in target.iterdir() if not (p.is_file() and p.suffix.lower() in allowed)]
    if foreign:
        raise ServiceError(
            f"Folder {target} already holds other files (such as {foreign[0].name}); "
            f"choose a new or empty folder for the {fmt} export"
        )
