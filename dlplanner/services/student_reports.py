"""Write a students' report (conflict matrix, singletons, requests met, student gaps) to CSV or XLSX.

The tables come from :mod:`dlplanner.domain.student_reports`; the file is written beside its target and
renamed, so a failed write leaves any earlier report whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dlplanner.domain import Project
from dlplanner.domain.student_reports import REPORT_KINDS, Table, report
from dlplanner.io.exports.tables import TABLE_SUFFIXES, write_tables
from dlplanner.services.projects import ServiceError


def report_tables(project: Project, scenario_key: str, kind: str) -> list[Table]:
    """The tables of report ``kind`` for scenario ``scenario_key`` (id or name)."""
    if kind not in REPORT_KINDS:
        raise ServiceError(f"Unknown report '{kind}' (reports: {', '.join(REPORT_KINDS)})")
    scenario = project.scenario(scenario_key)
    if not project.requests:
        raise ServiceError(f"Project '{project.name}' has no course requests: import students and requests first")
    if kind in ("requests", "student-gaps") and not scenario.solution.placements:
        raise ServiceError(f"Scenario '{scenario.name}' has no timetable yet: solve it first")
    return report(project, scenario, kind)


def write_report(project: Project, scenario_key: str, kind: str, out: str | Path) -> list[Table]:
    """Write report ``kind`` of the scenario to ``out`` (.csv: its main table; .xlsx: every table).

    Returns the tables written, so a caller that also shows them does not work them out again (the
    requests report's bound searches every student).
    """
    target = Path(out)
    if target.suffix.lower() not in TABLE_SUFFIXES:
        raise ServiceError(f"A report goes to a .csv or .xlsx file, not '{target.name}'")
    if not target.parent.is_dir():
        raise ServiceError(f"Folder {target.parent} does not exist")
    tables = report_tables(project, scenario_key, kind)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        write_tables(tables, Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tables


__all__ = ["REPORT_KINDS", "report_tables", "write_report"]
