"""CSV exports: one row per meeting of the cycle, and one row per dated meeting through the year; or, for the
student view, one row per student per meeting of their week (cohort meetings, advisory, enrolments, internships).

Columns are documented in docs/exports.md; names are stable so that student information systems
and spreadsheets can map them once. Times are 24-hour ``HH:MM``; list fields join names with "; ".
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from pathlib import Path

from dlplanner.domain import Project, Scenario
from dlplanner.io.exports.common import Entry, Timetable, inert

FLAT_COLUMNS = [
    "kind",
    "section_id",
    "section",
    "subject",
    "cohorts",
    "teachers",
    "room",
    "day_type_id",
    "day_type",
    "start",
    "end",
    "minutes",
    "term",
    "meeting",
]

DATED_COLUMNS = ["date", "weekday", "special_day", *FLAT_COLUMNS]
STUDENT_COLUMNS = ["student_id", "student", "grade", "student_cohort", *FLAT_COLUMNS]


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _inert(row: dict[str, str | int]) -> dict[str, str | int]:
    """The row with every text a spreadsheet would take for a formula (``=…``, ``@…``) made inert."""
    return {k: inert(v) if isinstance(v, str) else v for k, v in row.items()}


def _row(tt: Timetable, e: Entry) -> dict[str, str | int]:
    return {
        "kind": e.event.kind,
        "section_id": e.event.record_id,
        "section": e.section_name,
        "subject": e.subject,
        "cohorts": "; ".join(e.cohorts),
        "teachers": "; ".join(e.teachers),
        "room": e.room,
        "day_type_id": e.day_type_id,
        "day_type": tt.day_name(e.day_type_id),
        "start": _hhmm(e.start),
        "end": _hhmm(e.end),
        "minutes": e.end - e.start,
        "term": e.term,
        "meeting": e.event.meeting + 1,
    }


def write_flat_csv(project: Project, scenario: Scenario, path: Path) -> Path:
    """One row per meeting (and advisory sitting) of the cycle."""
    tt = Timetable(project, scenario)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, FLAT_COLUMNS)
        writer.writeheader()
        for e in tt.entries:
            writer.writerow(_inert(_row(tt, e)))
    return path


def write_dated_csv(project: Project, scenario: Scenario, path: Path) -> Path:
    """One row per meeting per school date: the cycle expanded through the calendar (terms, holidays)."""
    tt = Timetable(project, scenario)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, DATED_COLUMNS)
        writer.writeheader()
        for day, _, entries in tt.dated():
            special = tt.special_label(day)
            for e in entries:
                writer.writerow(
                    _inert({"date": day.isoformat(), "weekday": f"{day:%A}", "special_day": special, **_row(tt, e)})
                )
    return path


def dated_path(path: Path) -> Path:
    """Where the per-date CSV goes next to the flat one: ``timetable.csv`` → ``timetable-by-date.csv``."""
    return path.with_name(f"{path.stem}-by-date{path.suffix or '.csv'}")


def write_student_csv(
    project: Project, scenario: Scenario, path: Path, student_ids: Collection[str] | None = None
) -> Path:
    """One row per student (of ``student_ids``, or every student) per meeting, sitting or internship window of
    their cycle: the student schedule a student information system imports."""
    tt = Timetable(project, scenario, student_ids)
    students = {s.id: s for s in project.students}
    cohorts = {c.id: c.name for c in project.cohorts}
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, STUDENT_COLUMNS)
        writer.writeheader()
        for owner in tt.owners("student"):
            student = students[owner.id]
            who = {
                "student_id": student.id,
                "student": student.name,
                "grade": student.grade,
                "student_cohort": cohorts.get(student.cohort_id or "", student.cohort_id or ""),
            }
            for e in owner.entries:
                writer.writerow(_inert({**who, **_row(tt, e)}))
    return path


def write_csv(
    project: Project,
    scenario: Scenario,
    path: Path,
    view: str | None = None,
    student_ids: Collection[str] | None = None,
) -> list[Path]:
    """The flat CSV at ``path`` and the per-date CSV beside it; the student view: the students' CSV alone."""
    if view == "student":
        return [write_student_csv(project, scenario, path, student_ids)]
    return [write_flat_csv(project, scenario, path), write_dated_csv(project, scenario, dated_path(path))]
