"""One sheet of any record kind, from a CSV file or one sheet of an XLSX workbook, read tolerantly.

The same sheets as the school workbook (:mod:`dlplanner.io.workbook`), one at a time, the way people
export them from other tools:

- the kind comes from ``kind`` or the file (sheet) name: ``teachers.csv``, ``Bell schedules.xlsx``;
- the encoding is detected: UTF-8 with or without BOM, UTF-16 (by its BOM), otherwise
  charset-normalizer's best guess (Windows-1252, Latin-1, …), said in a note; text it cannot place is
  refused, not guessed;
- the delimiter is comma, semicolon or tab, whichever the header line uses;
- header names are matched ignoring case, spaces and punctuation, with the synonyms in
  :data:`SYNONYMS` (``Teacher name`` = ``name``, ``Seats`` = ``capacity`` …); other columns are ignored
  with a note;
- a per-scenario sheet without a ``scenario`` column belongs to ``scenario`` (or the project's only
  one); a project without scenarios gets one of that name.

Everything else (matching by id then name, all or nothing, problems by file, row and column) is the
workbook's.
"""

from __future__ import annotations

import codecs
import copy
import csv
import io
import re
from pathlib import Path
from typing import Any

from dlplanner.domain import Project, Scenario
from dlplanner.io.school_plan import Change, ImportPlan, SchoolDataError, SourceProblem, slug
from dlplanner.io.workbook import SHEETS, Sheet, SheetSpec, read_sheets

# column -> other header names people use for it (after normalising: lower case, '_' for any punctuation)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("code", "key", "identifier"),
    "name": ("full_name", "title", "number"),  # "Room number", "Teacher name": the kind word is dropped first
    "email": ("e_mail", "email_address", "mail"),
    "subjects": ("qualified_subjects", "can_teach", "courses"),
    "subject": ("course", "course_name", "subject_name"),
    "max_minutes_per_week": ("max_minutes", "minutes_per_week", "weekly_minutes", "max_teaching_minutes"),
    "capacity": ("seats", "max_students", "room_capacity"),
    "features": ("room_features", "room_type", "type"),
    "campus": ("site", "building", "location"),
    "grade": ("grade_level", "year_group"),
    "size": ("students", "number_of_students", "student_count", "headcount"),
    "cohorts": ("cohort", "groups", "group", "classes"),
    "teachers": ("teacher", "instructor", "instructors", "staff"),
    "room": ("room_name", "room_number", "location", "classroom"),
    "meetings_per_cycle": ("meetings", "meetings_per_week", "sessions_per_cycle", "sessions"),
    "length_minutes": ("minutes", "duration", "duration_minutes", "length"),
    "length_blocks": ("blocks", "periods"),
    "start": ("start_time", "from", "begins"),
    "end": ("end_time", "to", "ends"),
    "advisor": ("advisor_name", "teacher"),
    "members": ("teachers", "member"),
    "bell_schedule": ("bells", "schedule"),
    "student": ("student_id", "student_number", "student_name"),  # requests and enrolments
    "section": ("section_id", "class", "class_id"),
}
DELIMITERS = ",;\t"
# when charset-normalizer finds several encodings equally likely (short files often are), these win, in order:
# Excel's "CSV" on US/Western Windows, then ISO Latin-1/-15 and Mac Roman
PREFERRED_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman")


def sheet_spec(kind: str) -> SheetSpec | None:
    """The sheet for a kind given as its title, its kind or a file stem ('bell-schedules', 'Teachers')."""
    wanted = _norm(kind)
    for spec in SHEETS:
        if wanted in (_norm(spec.title), _norm(spec.kind)) or wanted.rstrip("s") == _norm(spec.title).rstrip("s"):
            return spec
    return None


def kinds() -> list[str]:
    return [_norm(s.title) for s in SHEETS]


def _norm(text: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text or "").strip().casefold()).strip("_")


def decode(data: bytes, file: str, notes: list[str]) -> str | None:
    """The text of ``data``: BOMs decide, then UTF-8, then charset-normalizer's best guess (noted)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for preferred in PREFERRED_ENCODINGS:  # equally likely: the encodings US school spreadsheets are saved in
        found = next((m for m in tied if preferred in m.could_be_from_charset), None)
        if found is not None:
            best = found
            encoding = preferred
            break
    else:
        encoding = best.encoding
    notes.append(f"{file}: not UTF-8; read as {encoding} (save it as 'CSV UTF-8' to be sure)")
    return data.decode(encoding)


def _column_for(name: str, spec: SheetSpec) -> str | None:
    """The spec column a normalised header means: itself, its singular or plural, or a synonym."""
    for column in spec.columns:
        if name in (column.name, f"{column.name}s", column.name.rstrip("s")):
            return column.name
    for column in spec.columns:
        if name in SYNONYMS.get(column.name, ()):
            return column.name
    return None


def _header_map(header: list[Any], spec: SheetSpec, file: str, notes: list[str], problems: list[SourceProblem]):
    """Column index -> spec column name, by name or synonym; unknown columns noted."""
    mapping: dict[int, str] = {}
    for index, raw in enumerate(header):
        name = _norm(raw)
        if not name:
            continue
        stripped = re.sub(rf"^({_norm(spec.kind).rstrip('s')}|{_norm(spec.title).rstrip('s')})_", "", name)
        target = next((t for t in (_column_for(n, spec) for n in (name, stripped)) if t), None)
        if target is None:
            notes.append(f"{file}: column '{raw}' is not one dlplanner reads for {spec.kind}; ignored")
        elif target in mapping.values():
            problems.append(SourceProblem(file, f"two columns mean '{target}'; delete one", "", 1, str(raw)))
        else:
            mapping[index] = target
    return mapping


def _csv_rows(
    path: Path, problems: list[SourceProblem], notes: list[str]
) -> tuple[list[Any], list[tuple[int, list[Any]]]]:
    file = path.name
    text = decode(path.read_bytes(), file, notes)
    if text is None:
        problems.append(SourceProblem(file, "cannot tell the text encoding; save it as 'CSV UTF-8' and try again"))
        return [], []
    first = text.splitlines()[0] if text.strip() else ""
    counts = {d: first.count(d) for d in DELIMITERS}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    header: list[Any] = []
    try:
        header = next(reader, [])
        for record in reader:
            rows.append((reader.line_num, list(record)))
    except csv.Error as exc:
        problems.append(
            SourceProblem(file, f"cannot read this row ({exc}); check for an unclosed quote", "", reader.line_num + 1)
        )
    return header, rows


def _xlsx_rows(path: Path, spec_hint: SheetSpec | None, problems: list[SourceProblem]):
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        problems.append(SourceProblem(path.name, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})"))
        return None, [], []
    try:
        sheet = book.worksheets[0]
        if spec_hint is not None:
            sheet = next((s for s in book.worksheets if sheet_spec(s.title) is spec_hint), sheet)
        values = list(sheet.iter_rows(values_only=True))
        title = sheet.title
    finally:
        book.close()
    header = list(values[0]) if values else []
    return title, header, [(number, list(row)) for number, row in enumerate(values[1:], start=2)]


def read_single_sheet(
    path: str | Path, project: Project, *, kind: str | None = None, scenario: str | None = None
) -> ImportPlan:
    """Read one CSV file or one XLSX sheet of any record kind against ``project`` (unchanged)."""
    path = Path(path)
    file = path.name
    problems: list[SourceProblem] = []
    notes: list[str] = []
    spec = sheet_spec(kind) if kind else None
    if kind and spec is None:
        raise SchoolDataError([SourceProblem(file, f"unknown kind '{kind}' (kinds: {', '.join(kinds())})")])
    sheet_name = ""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet_name, header, rows = _xlsx_rows(path, spec, problems)
        spec = spec or sheet_spec(sheet_name or "") or sheet_spec(path.stem)
    else:
        header, rows = _csv_rows(path, problems, notes)
        spec = spec or sheet_spec(path.stem)
    if problems:
        raise SchoolDataError(problems)
    if spec is None:
        raise SchoolDataError(
            [
                SourceProblem(
                    file,
                    f"which kind of records is this? name the file after one (teachers.csv …) "
                    f"or pass --kind ({', '.join(kinds())})",
                )
            ]
        )
    if not header or not any(str(h or "").strip() for h in header):
        raise SchoolDataError([SourceProblem(file, "the file is empty (no header row)", sheet_name, 1)])
    mapping = _header_map(header, spec, file, notes, problems)
    present = set(mapping.values())
    result = copy.deepcopy(project)
    changes: list[Change] = []
    if spec.per_scenario and "scenario" not in present:
        scenario_key = _scenario_for(result, scenario, file, spec, notes, changes, problems)
        present.add("scenario")
    else:
        scenario_key = None
    for column in spec.columns:
        if column.required and column.name not in present:
            problems.append(
                SourceProblem(file, f"required column is missing ({column.help})", sheet_name, 1, column.name)
            )
    data = []
    for number, values in rows:
        if not any(v is not None and str(v).strip() for v in values):
            continue
        if len(values) > len(header) and any(str(v or "").strip() for v in values[len(header) :]):
            problems.append(
                SourceProblem(file, f"{len(values)} cells but the header has {len(header)}", sheet_name, number)
            )
            continue
        row = {name: values[index] for index, name in mapping.items() if index < len(values)}
        if scenario_key is not None:
            row["scenario"] = scenario_key
        data.append((number, row))
    if not data and not problems:
        problems.append(SourceProblem(file, "no data rows below the header", sheet_name, 2))
    if problems:
        raise SchoolDataError(problems)
    sheets = {spec.title: Sheet(spec, present, data, sheet_name)}
    return read_sheets(file, sheets, result, notes=notes, changes=changes)


def _scenario_for(
    project: Project,
    key: str | None,
    file: str,
    spec: SheetSpec,
    notes: list[str],
    changes: list[Change],
    problems: list[SourceProblem],
) -> str | None:
    """The scenario a per-scenario sheet without a scenario column belongs to (made when there is none)."""
    if key is not None:
        for s in project.scenarios:
            if key in (s.id, s.name) or key.casefold() == s.name.casefold():
                return s.id
        if project.scenarios:
            names = ", ".join(s.name for s in project.scenarios)
            problems.append(SourceProblem(file, f"no scenario '{key}' (scenarios: {names})"))
            return None
    elif len(project.scenarios) == 1:
        return project.scenarios[0].id
    elif project.scenarios:
        names = ", ".join(s.name for s in project.scenarios)
        problems.append(SourceProblem(file, f"{spec.kind} belong to a scenario: pass --scenario (scenarios: {names})"))
        return None
    name = key or "Main"
    made = Scenario(slug(name), name)
    project.scenarios.append(made)
    changes.append(Change("scenarios", made.id, made.name, "added"))
    notes.append(
        f"the project had no scenario: made '{name}' for the {spec.kind} (add its bell schedules and day types)"
    )
    return made.id
