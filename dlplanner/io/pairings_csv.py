"""Last year's pairings (the looping data) as a CSV file: written from a project, read back all or nothing.

One row per pairing, columns (case-insensitive, spaces count as ``_``, any order):

======== ======================================================================================
kind      ``advisor``, ``team`` or ``subject_teacher`` (required)
cohort    the cohort (id or name); required unless ``advisory`` is given
advisory  for ``advisor``: the advisory (crew) whose advisor it was (id or name)
subject   for ``subject_teacher``: the subject (id or name)
teachers  for ``advisor`` and ``subject_teacher``: last year's teacher(s), ``;``-separated
team      for ``team``: last year's team (id or name)
years     how many years the pairing has held so far (whole number ≥ 1; empty: 1)
======== ======================================================================================

The file holds all of last year's pairings: reading it replaces the project's. Every row is
checked first; one bad cell and nothing changes, every problem named by file, line and column
(:class:`dlplanner.io.csv_import.CsvImportError`).
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from dlplanner.domain.model import PairingKind, PriorPairing, Project
from dlplanner.io.csv_import import CsvImportError, CsvProblem

COLUMNS = ("kind", "cohort", "advisory", "subject", "teachers", "team", "years")


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().casefold()).strip("_")


def _lookup(records: list[Any]) -> dict[str, str]:
    """Id and name (case-insensitive) -> id."""
    out: dict[str, str] = {}
    for record in records:
        out.setdefault(record.name.casefold(), record.id)
    for record in records:
        out[record.id.casefold()] = record.id
    return out


def write_pairings(project: Project, path: str | Path) -> Path:
    """Write the project's prior pairings; the file is replaced whole or not at all."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for p in project.prior_pairings:
                writer.writerow(
                    [p.kind.value, p.cohort_id, p.advisory_id or "", p.subject_id or "", ";".join(p.teacher_ids),
                     p.team_id or "", p.years]
                )  # fmt: skip
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_pairings(project: Project, path: str | Path) -> list[PriorPairing]:
    """The pairings of the file, checked against the project; raises CsvImportError naming every problem."""
    path = Path(path)
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CsvImportError([CsvProblem(name, 0, "", "no such file")]) from None
    except UnicodeDecodeError:
        raise CsvImportError([CsvProblem(name, 0, "", "not UTF-8 text: save it as CSV UTF-8")]) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise CsvImportError([CsvProblem(name, 1, "", f"the file is empty; the header needs {', '.join(COLUMNS)}")])
    header = [_norm(h) for h in rows[0]]
    problems = [
        CsvProblem(name, 1, h, f"unknown column (columns: {', '.join(COLUMNS)})") for h in header if h not in COLUMNS
    ]
    if "kind" not in header:
        problems.append(CsvProblem(name, 1, "kind", "required column is missing (advisor, team or subject_teacher)"))
    if problems:
        raise CsvImportError(problems)
    cohorts, advisories = _lookup(project.cohorts), _lookup(project.advisories)
    subjects, teachers, teams = _lookup(project.subjects), _lookup(project.teachers), _lookup(project.teams)
    advisory_cohort = {a.id: (a.cohort_ids[0] if a.cohort_ids else "") for a in project.advisories}
    out: list[PriorPairing] = []
    for line, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        cells = {h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(header)}
        count = len(problems)

        def fail(column: str, message: str, line: int = line) -> None:
            problems.append(CsvProblem(name, line, column, message))

        def ref(column: str, lookup: dict[str, str], what: str, cells: dict[str, str] = cells) -> str | None:
            value = cells.get(column, "")
            if not value:
                return None
            found = lookup.get(value.casefold())
            if found is None:
                fail(column, f"no {what} '{value}'")
            return found

        try:
            kind = PairingKind(cells.get("kind", "").casefold())
        except ValueError:
            fail("kind", f"'{cells.get('kind', '')}' is not advisor, team or subject_teacher")
            continue
        cohort = ref("cohort", cohorts, "cohort")
        advisory = ref("advisory", advisories, "advisory")
        subject = ref("subject", subjects, "subject")
        team = ref("team", teams, "team")
        named = [t.strip() for t in re.split(r"[;|]", cells.get("teachers", "")) if t.strip()]
        teacher_ids = []
        for value in named:
            found = teachers.get(value.casefold())
            if found is None:
                fail("teachers", f"no teacher '{value}'")
            else:
                teacher_ids.append(found)
        years = 1
        if cells.get("years"):
            try:
                years = int(cells["years"])
                if years < 1:
                    raise ValueError
            except ValueError:
                fail("years", f"'{cells['years']}' is not a whole number of at least 1")
        if advisory is not None and kind != PairingKind.ADVISOR:
            fail("advisory", "only an advisor pairing names an advisory")
        if cohort is None and advisory is None and "cohort" not in {p.column for p in problems[count:]}:
            fail("cohort", "a cohort (or, for an advisor, an advisory) is required")
        if kind == PairingKind.TEAM and team is None and "team" not in {p.column for p in problems[count:]}:
            fail("team", "a team pairing needs the team")
        if kind == PairingKind.SUBJECT_TEACHER and subject is None and not cells.get("subject"):
            fail("subject", "a subject teacher pairing needs the subject")
        if kind != PairingKind.TEAM and not named:
            fail("teachers", f"an {kind.value.replace('_', ' ')} pairing needs last year's teacher(s)")
        if len(problems) > count:
            continue
        out.append(
            PriorPairing(
                cohort or advisory_cohort.get(advisory or "", ""),
                kind,
                subject if kind == PairingKind.SUBJECT_TEACHER else None,
                teacher_ids if kind != PairingKind.TEAM else [],
                team if kind == PairingKind.TEAM else None,
                advisory_id=advisory,
                years=years,
            )
        )
    if problems:
        raise CsvImportError(problems)
    return out
