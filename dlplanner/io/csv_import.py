"""CSV import of teachers, rooms, cohorts, sections, students and requests (docs/csv-import.md).

Templates are in resources/templates/.

Every row is read and checked before anything changes: a file with one bad row imports nothing,
and every problem is reported with the file, line and column it is in. Rows whose ``id`` already
exists update that record (fields the CSV has no column for, such as a teacher's unavailable times
when the column is absent, are kept); other rows add records.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dlplanner.domain import Cohort, CourseRequest, Project, Room, Scenario, Section, Student, Teacher, TimeWindow
from dlplanner.domain.quoting import shown

KINDS = ("teachers", "rooms", "cohorts", "sections")
MAX_SHOWN = 20


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str


COLUMNS: dict[str, list[Column]] = {
    "teachers": [
        Column("id", True, "unique id, e.g. t-garcia"),
        Column("name", True, "name as printed"),
        Column("subjects", False, "subjects they may teach (ids or names), separated by ;"),
        Column("max_minutes_per_week", False, "most teaching minutes per week (whole number)"),
        Column(
            "unavailable",
            False,
            "times they cannot teach: DAYTYPE HH:MM-HH:MM, or * for every day type; separated by ;",
        ),
        Column("campus", False, "campus id or name"),
        Column("email", False, "e-mail address"),
    ],
    "rooms": [
        Column("id", True, "unique id, e.g. r-101"),
        Column("name", True, "name as printed"),
        Column("capacity", True, "seats (whole number)"),
        Column("features", False, "features such as lab; studio; shop, separated by ;"),
        Column("campus", False, "campus id or name"),
    ],
    "cohorts": [
        Column("id", True, "unique id, e.g. g9-a"),
        Column("name", True, "name as printed"),
        Column("grade", True, "grade level (whole number)"),
        Column("size", True, "number of students (whole number)"),
        Column("pathway", False, "pathway or academy"),
        Column("identity", False, "identity that persists across years (for looping)"),
        Column("campus", False, "campus id or name"),
    ],
    "sections": [
        Column("id", True, "unique id, e.g. bio9-a"),
        Column("name", True, "name as printed"),
        Column("subject", True, "subject id or name"),
        Column("cohorts", False, "cohorts it serves (ids or names), separated by ;"),
        Column("meetings_per_cycle", False, "meetings per cycle (whole number, default 1)"),
        Column("length_minutes", False, "length in minutes (leave empty to use length_blocks)"),
        Column("length_blocks", False, "length in blocks, 2 = double block (default 1)"),
        Column("teachers", False, "fixed teachers (ids or names), separated by ; (two or more = team-taught)"),
        Column("teacher_pool", False, "teachers the solver may choose from, separated by ;"),
        Column("teachers_needed", False, "how many teachers from the pool (default 1)"),
        Column("room", False, "fixed room id or name"),
        Column("room_features", False, "room features needed, separated by ;"),
        Column("min_capacity", False, "smallest room capacity (default: the enrolment)"),
        Column("enrolment", False, "students (default: the sum of its cohorts' sizes)"),
        Column("allow_break_span", False, "yes/no: may span lunch or advisory"),
        Column("term", False, "term id or name (empty: the whole year)"),
        Column("max_enrolment", False, "most students; above its cohorts' size the rest is open to course requests"),
    ],
}


@dataclass(frozen=True)
class CsvProblem:
    """One bad cell or row: where it is and what to do."""

    file: str
    line: int
    column: str  # "" for a whole-row or whole-file problem
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line > 0 else self.file  # 0: the file as a whole
        if self.column:
            where += f", column {shown(self.column)}"
        return f"{where}: {self.message}"


class CsvImportError(Exception):
    """The file cannot be imported; nothing was changed. ``problems`` lists every reason."""

    def __init__(self, problems: list[CsvProblem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:MAX_SHOWN])
        more = f" (and {len(problems) - MAX_SHOWN} more)" if len(problems) > MAX_SHOWN else ""
        super().__init__(f"{shown}{more}. Nothing was imported." if problems else "Nothing was imported.")


@dataclass
class ImportResult:
    kind: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"{len(self.added)} {self.kind} added, {len(self.updated)} updated"


# -- reading ------------------------------------------------------------------------------------


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().casefold()).strip("_")


def read_rows(path: Path, kind: str) -> tuple[list[tuple[int, dict[str, str]]], list[CsvProblem]]:
    """(line number, {column: text}) for every non-empty data row, and problems of the header."""
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # line breaks untranslated: the reader splits rows
            text = handle.read()
    except FileNotFoundError:
        return [], [CsvProblem(name, 0, "", f"file not found: {path}")]
    except IsADirectoryError:
        return [], [CsvProblem(name, 0, "", f"{path} is a folder; give the CSV file inside it")]
    except UnicodeDecodeError:
        return [], [CsvProblem(name, 1, "", "not UTF-8 text; save the file as 'CSV UTF-8' and try again")]
    except OSError as exc:
        return [], [CsvProblem(name, 0, "", f"cannot be read ({exc.strerror or exc})")]
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    header = next(reader, None)
    if not header:
        return [], [CsvProblem(name, 1, "", "the file is empty; start from the template in resources/templates/")]
    columns = [_norm(h) for h in header]
    known = {c.name for c in COLUMNS[kind]}
    problems = [
        CsvProblem(name, 1, header[i], f"unknown column for {kind} (columns: {', '.join(sorted(known))})")
        for i, c in enumerate(columns)
        if c and c not in known
    ]
    seen: set[str] = set()
    for i, c in enumerate(columns):
        if c in seen:
            problems.append(CsvProblem(name, 1, header[i], "column appears twice"))
        seen.add(c)
    for column in COLUMNS[kind]:
        if column.required and column.name not in columns:
            problems.append(CsvProblem(name, 1, column.name, f"required column is missing ({column.help})"))
    rows = []
    line = reader.line_num + 1  # where the next row starts (a quoted cell may hold line breaks)
    try:
        for record in reader:
            next_line = reader.line_num + 1
            if not any(cell.strip() for cell in record):
                pass
            elif len(record) > len(columns):
                problems.append(CsvProblem(name, line, "", f"{len(record)} cells but the header has {len(columns)}"))
            else:
                cells = {c: record[i].strip() if i < len(record) else "" for i, c in enumerate(columns) if c}
                rows.append((line, cells))
            line = next_line
    except csv.Error as exc:  # a runaway quote or a cell over the csv module's size limit
        problems.append(CsvProblem(name, line, "", f"cannot read this row ({exc}); check for an unclosed quote"))
    return rows, problems


def _dialect(text: str) -> type[csv.Dialect]:
    """The header's delimiter (comma, semicolon or tab), with quotes doubled inside quoted cells as Excel writes them.

    Only CR and LF end a row (the reader gets the text with ``newline=""``): a form feed or a
    Unicode line separator inside a cell stays in the cell instead of starting a bogus row.
    """
    header = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0] or ","
    try:
        sniffed = csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:
        return csv.excel

    class Sniffed(csv.excel):
        delimiter = sniffed.delimiter
        quotechar = sniffed.quotechar
        skipinitialspace = sniffed.skipinitialspace
        doublequote = True  # a header holds no doubled quote, so the sniffer cannot tell; Excel always doubles

    return Sniffed


# -- parsing cells -------------------------------------------------------------------------------


MAX_WHOLE_NUMBER = 1_000_000_000  # far above any capacity, size or minutes; keeps numbers storable


class _Cells:
    """Reads the cells of one row, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, line: int, row: dict[str, str], problems: list[CsvProblem]) -> None:
        self.file, self.line, self.row, self.problems = file, line, row, problems

    def has(self, column: str) -> bool:
        return column in self.row

    def text(self, column: str, required: bool = False) -> str:
        value = self.row.get(column, "")
        if required and not value:
            self.fail(column, "is empty; it is required")
        return value

    def fail(self, column: str, message: str) -> None:
        self.problems.append(CsvProblem(self.file, self.line, column, message))

    def integer(
        self,
        column: str,
        *,
        required: bool = False,
        default: int | None = None,
        minimum: int = 0,
        maximum: int = MAX_WHOLE_NUMBER,
    ) -> int | None:
        value = self.text(column, required)
        if not value:
            return default
        if not re.fullmatch(r"-?\d+", value):
            self.fail(column, f"{shown(value)} is not a whole number")
            return default
        digits = value.lstrip("-").lstrip("0")
        number = int(value) if len(digits) <= 18 else (-1 if value.startswith("-") else 1) * (10**18)
        if number < minimum:
            self.fail(column, f"{shown(value)} is too small (at least {minimum})")
        elif number > maximum:
            self.fail(column, f"{shown(value)} is too large (at most {maximum:,})")
            return default
        return number

    def items(self, column: str) -> list[str]:
        return [part.strip() for part in re.split(r"[;|]", self.text(column)) if part.strip()]

    def refs(self, column: str, lookup: _Lookup, what: str) -> list[str]:
        """Ids for the ids or names listed in a cell; unknown or ambiguous ones are problems."""
        ids = []
        for item in self.items(column):
            found = lookup.find(item)
            if not found:
                self.fail(column, f"no {what} {shown(item)}{lookup.known()}")
            elif len(found) > 1:
                which = ", ".join(shown(i) for i in found[:6])
                self.fail(column, f"{shown(item)} could be the {what} {which}: give the exact id")
            elif found[0] not in ids:
                ids.append(found[0])
        return ids

    def ref(self, column: str, lookup: _Lookup, what: str, required: bool = False) -> str | None:
        if not self.text(column, required):
            return None
        found = self.refs(column, lookup, what)
        if len(self.items(column)) > 1:
            self.fail(column, f"give one {what}, not a list")
        return found[0] if found else None

    def flag(self, column: str) -> bool:
        value = self.text(column).casefold()
        if value in ("", "no", "n", "false", "0"):
            return False
        if value in ("yes", "y", "true", "1", "x"):
            return True
        self.fail(column, f"{shown(value)} is not yes or no")
        return False


class _Lookup:
    """Finds the record a cell means: its exact id first, else its id or name in any letter case.

    A case-insensitive match must be unique: with teachers ``t-lee`` and ``T-Lee`` in the project,
    ``T-LEE`` names neither (it is reported) instead of whichever came last.
    """

    def __init__(self, records: list[Any]) -> None:
        self.ids = {r.id for r in records}
        self.by_id: dict[str, set[str]] = {}
        self.by_name: dict[str, set[str]] = {}
        for r in records:
            self.by_id.setdefault(r.id.casefold(), set()).add(r.id)
            self.by_name.setdefault(r.name.casefold(), set()).add(r.id)

    def find(self, text: str) -> list[str]:
        """The one id ``text`` means, several when it is ambiguous, none when unknown."""
        if text in self.ids:
            return [text]
        key = text.casefold()
        return sorted(self.by_id.get(key) or self.by_name.get(key) or ())

    def known(self) -> str:
        ids = sorted(self.ids)
        if not ids:
            return " (there are none yet: import them first)"
        listed = ", ".join(shown(i, 30)[1:-1] for i in ids[:12]) + (", …" if len(ids) > 12 else "")
        return f" (known: {listed})"


def _clock(hours: str, minutes: str) -> int | None:
    """Minutes after midnight of a strict H:MM or HH:MM (hours 0–23, minutes 0–59), else None."""
    h, m = int(hours), int(minutes)
    return h * 60 + m if h <= 23 and m <= 59 else None


_WINDOW = re.compile(r"^(\S+)\s+([0-9]{1,2}):([0-9]{2})\s*[-–]\s*([0-9]{1,2}):([0-9]{2})$")


def _windows(cells: _Cells, column: str, day_types: _Lookup) -> list[TimeWindow]:
    windows = []
    for item in cells.items(column):
        match = _WINDOW.match(item)
        if not match:
            cells.fail(column, f"{shown(item)} is not DAYTYPE HH:MM-HH:MM (e.g. 'mon 8:00-9:30' or '* 15:00-16:00')")
            continue
        day, h1, m1, h2, m2 = match.groups()
        start, end = _clock(h1, m1), _clock(h2, m2)
        if start is None or end is None:
            cells.fail(column, f"{shown(item)} is not a time of day: hours go from 0 to 23, minutes from 00 to 59")
            continue
        if end <= start:
            cells.fail(column, f"{shown(item)} ends before it starts")
            continue
        day_id = None
        if day != "*":
            found = day_types.find(day)
            if len(found) != 1:
                cells.fail(column, f"no day type {shown(day)}{day_types.known()}")
                continue
            day_id = found[0]
        windows.append(TimeWindow(day_id, start, end))
    return windows


# -- building records ------------------------------------------------------------------------


def _teacher(cells: _Cells, project: Project, existing: Teacher | None) -> Teacher:
    day_types = _Lookup([d for s in project.scenarios for d in s.day_types])
    teacher = Teacher(
        id=cells.text("id", True),
        name=cells.text("name", True),
        subject_ids=set(cells.refs("subjects", _Lookup(project.subjects), "subject")),
        max_minutes_per_week=cells.integer("max_minutes_per_week"),
        unavailable=_windows(cells, "unavailable", day_types),
        campus_id=cells.ref("campus", _Lookup(project.campuses), "campus"),
        email=cells.text("email"),
    )
    if existing is not None:
        teacher.avoid = existing.avoid
        for column, attr in (
            ("subjects", "subject_ids"),
            ("max_minutes_per_week", "max_minutes_per_week"),
            ("unavailable", "unavailable"),
            ("campus", "campus_id"),
            ("email", "email"),
        ):
            if not cells.has(column):
                setattr(teacher, attr, getattr(existing, attr))
    return teacher


def _room(cells: _Cells, project: Project, existing: Room | None) -> Room:
    room = Room(
        id=cells.text("id", True),
        name=cells.text("name", True),
        capacity=cells.integer("capacity", required=True, default=0) or 0,
        features={f.casefold() for f in cells.items("features")},
        campus_id=cells.ref("campus", _Lookup(project.campuses), "campus"),
    )
    if existing is not None:
        for column, attr in (("features", "features"), ("campus", "campus_id")):
            if not cells.has(column):
                setattr(room, attr, getattr(existing, attr))
    return room


def _cohort(cells: _Cells, project: Project, existing: Cohort | None) -> Cohort:
    cohort = Cohort(
        id=cells.text("id", True),
        name=cells.text("name", True),
        grade=cells.integer("grade", required=True, default=0) or 0,
        size=cells.integer("size", required=True, default=0) or 0,
        pathway=cells.text("pathway"),
        identity=cells.text("identity"),
        campus_id=cells.ref("campus", _Lookup(project.campuses), "campus"),
    )
    if existing is not None:
        for column, attr in (("pathway", "pathway"), ("identity", "identity"), ("campus", "campus_id")):
            if not cells.has(column):
                setattr(cohort, attr, getattr(existing, attr))
    return cohort


def _section(cells: _Cells, project: Project, scenario: Scenario, existing: Section | None) -> Section:
    teachers = _Lookup(project.teachers)
    length_minutes = cells.integer("length_minutes", minimum=1)
    length_blocks = cells.integer("length_blocks", minimum=1)
    if length_minutes is not None and length_blocks is not None:
        cells.fail("length_blocks", "give length_minutes or length_blocks, not both")
    section = Section(
        id=cells.text("id", True),
        name=cells.text("name", True),
        subject_id=cells.ref("subject", _Lookup(project.subjects), "subject", required=True) or "",
        cohort_ids=cells.refs("cohorts", _Lookup(project.cohorts), "cohort"),
        meetings_per_cycle=cells.integer("meetings_per_cycle", default=1, minimum=1) or 1,
        length_minutes=length_minutes,
        length_blocks=None if length_minutes is not None else (length_blocks or 1),
        teacher_ids=cells.refs("teachers", teachers, "teacher"),
        teacher_pool=cells.refs("teacher_pool", teachers, "teacher"),
        teachers_needed=cells.integer("teachers_needed", default=1, minimum=1) or 1,
        room_id=cells.ref("room", _Lookup(project.rooms), "room"),
        room_features={f.casefold() for f in cells.items("room_features")},
        min_capacity=cells.integer("min_capacity"),
        enrolment=cells.integer("enrolment"),
        allow_break_span=cells.flag("allow_break_span"),
        term_id=cells.ref("term", _Lookup(scenario.calendar.terms), "term"),
        max_enrolment=cells.integer("max_enrolment", minimum=1),
    )
    if section.teacher_ids and section.teacher_pool:
        cells.fail("teacher_pool", "give fixed teachers or a pool, not both")
    if existing is not None:
        section.term_id = section.term_id if cells.has("term") else existing.term_id
    return section


_ALIKE = "ids must differ by more than letter case and - _ . (use that id to update it, or another id)"


def id_key(record_id: str) -> str:
    """What two ids must not share: ``t.lee``, ``t-lee`` and ``T-LEE`` all give ``tlee``.

    Such ids look the same to a person, resolve to one another when typed in another case, and
    become the same file name in exports (``teacher-t-lee.ics``), so an import refuses them.
    """
    return re.sub(r"[-_.]", "", record_id.casefold())


# -- the import ----------------------------------------------------------------------------------


def import_csv(project: Project, kind: str, path: str | Path, scenario: Scenario | None = None) -> ImportResult:
    """Check every row of ``path``, then add or update the records in ``project`` (all or nothing)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind '{kind}' (kinds: {', '.join(KINDS)})")
    if kind == "sections" and scenario is None:
        raise ValueError("Sections belong to a scenario: say which one")
    path = Path(path)
    rows, problems = read_rows(path, kind)
    if problems and any(p.line <= 1 for p in problems):
        raise CsvImportError(problems)
    target: list[Any]
    build: Callable[[_Cells, Any], Any]
    if kind == "teachers":
        target, build = project.teachers, lambda c, old: _teacher(c, project, old)
    elif kind == "rooms":
        target, build = project.rooms, lambda c, old: _room(c, project, old)
    elif kind == "cohorts":
        target, build = project.cohorts, lambda c, old: _cohort(c, project, old)
    else:
        assert scenario is not None
        target, build = scenario.sections, lambda c, old: _section(c, project, scenario, old)
    existing = {r.id: r for r in target}
    existing_keys = {id_key(i): i for i in existing}
    built: list[Any] = []
    first_seen: dict[str, tuple[str, int]] = {}  # id_key → (id, line) of the first row with it
    what = kind[:-1]
    for line, row in rows:
        cells = _Cells(path.name, line, row, problems)
        record_id = row.get("id", "")
        key = id_key(record_id)
        if record_id and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", record_id):
            cells.fail("id", f"{shown(record_id)} is not a valid id (letters, digits, - _ . only)")
        elif key in first_seen:
            other, other_line = first_seen[key]
            if other == record_id:
                cells.fail("id", f"{shown(record_id)} is already used on line {other_line}")
            else:
                cells.fail("id", f"{shown(record_id)} is too like {shown(other)} on line {other_line}; {_ALIKE}")
        elif record_id and record_id not in existing and key in existing_keys:
            other = existing_keys[key]
            cells.fail("id", f"{shown(record_id)} is too like the existing {what} {shown(other)}; {_ALIKE}")
        first_seen.setdefault(key, (record_id, line))
        built.append(build(cells, existing.get(record_id)))
    if not rows and not problems:
        problems.append(CsvProblem(path.name, 2, "", "no data rows below the header"))
    if problems:
        raise CsvImportError(problems)
    result = ImportResult(kind)
    for record in built:
        if record.id in existing:
            target[target.index(existing[record.id])] = record
            result.updated.append(record.id)
        else:
            target.append(record)
            result.added.append(record.id)
    return result


def template_header(kind: str) -> list[str]:
    return [c.name for c in COLUMNS[kind]]


# -- students as people: the kinds "students" and "requests" ------------------------------------
# Kept apart from the import above (their rows have no ``id`` column and requests replace a student's
# earlier requests instead of updating records by id).

STUDENT_KINDS = ("students", "requests")

COLUMNS.update(
    {
        "students": [
            Column("student_id", True, "unique id, e.g. s-10452 (the SIS number)"),
            Column("name", True, "name as printed"),
            Column("grade", False, "grade level (whole number)"),
            Column("cohort", False, "cohort id or name (empty: no cohort)"),
            Column("advisory", False, "advisory id or name"),
            Column("pathway", False, "pathway or academy"),
            Column("flags", False, "groups such as ELL; IEP, separated by ;"),
        ],
        "requests": [
            Column("student_id", True, "student id or name"),
            Column("subject", True, "subject id or name"),
            Column("rank", False, "1 = required (default), larger = lower preference"),
            Column("alternate_for", False, "subject (id or name) of the student's request this one stands in for"),
        ],
    }
)


def import_students_csv(project: Project, kind: str, path: str | Path) -> ImportResult:
    """Check every row of a students or requests file, then change ``project`` (all or nothing).

    Students are added or updated by ``student_id`` (columns left out keep their values). The requests
    of each student named in a requests file replace that student's earlier requests.
    """
    if kind not in STUDENT_KINDS:
        raise ValueError(f"Unknown kind '{kind}' (kinds: {', '.join(STUDENT_KINDS)})")
    path = Path(path)
    rows, problems = read_rows(path, kind)
    if problems and any(p.line <= 1 for p in problems):
        raise CsvImportError(problems)
    if not rows and not problems:
        problems.append(CsvProblem(path.name, 2, "", "no data rows below the header"))
    if kind == "students":
        return _import_students(project, path, rows, problems)
    return _import_requests(project, path, rows, problems)


def _import_students(
    project: Project, path: Path, rows: list[tuple[int, dict[str, str]]], problems: list[CsvProblem]
) -> ImportResult:
    existing = {s.id: s for s in project.students}
    existing_keys = {id_key(i): i for i in existing}
    cohorts, advisories = _Lookup(project.cohorts), _Lookup(project.advisories)
    first_seen: dict[str, tuple[str, int]] = {}
    built: list[Student] = []
    for line, row in rows:
        cells = _Cells(path.name, line, row, problems)
        student_id = cells.text("student_id", True)
        key = id_key(student_id)
        if student_id and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", student_id):
            cells.fail("student_id", f"{shown(student_id)} is not a valid id (letters, digits, - _ . only)")
        elif key in first_seen:
            other, other_line = first_seen[key]
            said = "is already used" if other == student_id else f"is too like {shown(other)}"
            cells.fail("student_id", f"{shown(student_id)} {said} on line {other_line}")
        elif student_id and student_id not in existing and key in existing_keys:
            other = existing_keys[key]
            cells.fail("student_id", f"{shown(student_id)} is too like the existing student {shown(other)}; {_ALIKE}")
        first_seen.setdefault(key, (student_id, line))
        old = existing.get(student_id)
        student = Student(
            id=student_id,
            name=cells.text("name", True),
            grade=cells.integer("grade", default=0) or 0,
            cohort_id=cells.ref("cohort", cohorts, "cohort"),
            advisory_id=cells.ref("advisory", advisories, "advisory"),
            pathway=cells.text("pathway"),
            flags=set(cells.items("flags")),
        )
        if old is not None:
            for column, attr in (
                ("grade", "grade"),
                ("cohort", "cohort_id"),
                ("advisory", "advisory_id"),
                ("pathway", "pathway"),
                ("flags", "flags"),
            ):
                if not cells.has(column):
                    setattr(student, attr, getattr(old, attr))
        built.append(student)
    if problems:
        raise CsvImportError(problems)
    result = ImportResult("students")
    for student in built:
        if student.id in existing:
            project.students[project.students.index(existing[student.id])] = student
            result.updated.append(student.id)
        else:
            project.students.append(student)
            result.added.append(student.id)
    return result


def _import_requests(
    project: Project, path: Path, rows: list[tuple[int, dict[str, str]]], problems: list[CsvProblem]
) -> ImportResult:
    students, subjects = _Lookup(project.students), _Lookup(project.subjects)
    built: list[tuple[int, CourseRequest]] = []
    for line, row in rows:
        cells = _Cells(path.name, line, row, problems)
        student_id = cells.ref("student_id", students, "student", required=True)
        subject_id = cells.ref("subject", subjects, "subject", required=True)
        rank = cells.integer("rank", default=1, minimum=1) or 1
        alternate_for = cells.ref("alternate_for", subjects, "subject")
        if student_id and subject_id:
            built.append((line, CourseRequest(student_id, subject_id, rank, alternate_for)))
    seen: dict[tuple[str, str], int] = {}
    requested = {(r.student_id, r.subject_id) for _, r in built if r.alternate_for is None}
    for line, request in built:
        key = (request.student_id, request.subject_id)
        if key in seen:
            problems.append(
                CsvProblem(path.name, line, "subject", f"the student already requests this subject on line {seen[key]}")
            )
        seen.setdefault(key, line)
        if request.alternate_for is not None:
            if request.alternate_for == request.subject_id:
                problems.append(CsvProblem(path.name, line, "alternate_for", "a request cannot stand in for itself"))
            elif (request.student_id, request.alternate_for) not in requested:
                problems.append(
                    CsvProblem(
                        path.name,
                        line,
                        "alternate_for",
                        f"the student does not request {shown(request.alternate_for)} in this file "
                        "(an alternate stands in for another request of the same student)",
                    )
                )
    if problems:
        raise CsvImportError(problems)
    named = {r.student_id for _, r in built}
    before = {(r.student_id, r.subject_id) for r in project.requests if r.student_id in named}
    project.requests = [r for r in project.requests if r.student_id not in named] + [r for _, r in built]
    result = ImportResult("requests")  # "updated": a student's request for a subject they requested before
    for _, r in built:
        (result.updated if (r.student_id, r.subject_id) in before else result.added).append(
            f"{r.student_id}:{r.subject_id}"
        )
    return result
