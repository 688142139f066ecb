"""OneRoster 1.1 / 1.2 CSV bundles from a student information system: read into a project, written back.

Reading maps one school of the bundle (``orgs.csv``) onto the project:

- the school org -> the project's school name; ``academicSessions`` -> each scenario's school year
  (the ``schoolYear`` session) and its terms (the ``semester``, ``term`` and ``gradingPeriod`` sessions
  the school's classes use, or the year's semesters and terms);
- ``courses`` -> subjects (title; ``courseCode`` kept as ``code``);
- users with role ``teacher`` (``users.csv`` in 1.1, ``roles.csv`` in 1.2) -> teachers, qualified for
  the courses they teach;
- ``classes`` -> sections of every scenario: course, term, teachers from the teacher enrollments
  (primary first), ``location`` -> a room of that name (made when the project has none), ``periods``
  and ``classCode`` kept; the enrolment is the number of enrolled students;
- students -> **cohorts**: students of the same grade enrolled in the same set of core classes
  (English, mathematics, science, social studies: by the course's subjects or title; every class when
  none is) form one cohort of their number, and each class serves the cohorts whose students it holds.

Every record keeps its ``sourcedId`` in ``external_ids``, so a re-import updates instead of
duplicating (matched by sourcedId, else id, else name) and a schedule can be written back. A bundle
with a missing file, a wrong ``manifest.csv`` version, a duplicate sourcedId or a reference to nothing
is refused whole, every problem named by file, row and column.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dlplanner.domain import (
    BlockKind,
    Cohort,
    Enrolment,
    Project,
    Room,
    Scenario,
    Section,
    Student,
    Subject,
    Teacher,
    Term,
)
from dlplanner.domain.calendar import TermKind
from dlplanner.io.school_plan import (
    SOURCED_ID,
    ImportPlan,
    SchoolDataError,
    SourceProblem,
    record_changes,
    replace_or_append,
    slug,
    unique_id,
)

REQUIRED_FILES = (
    "manifest.csv",
    "orgs.csv",
    "academicSessions.csv",
    "courses.csv",
    "classes.csv",
    "users.csv",
    "enrollments.csv",
)
VERSIONS = ("1.1", "1.2")
COHORT_KEY = "cohortKey"  # a derived cohort's identity: its grade and core classes
CODE = "code"
PERIODS = "periods"

REQUIRED_COLUMNS = {
    "orgs.csv": ("sourcedId", "name", "type"),
    "academicSessions.csv": ("sourcedId", "title", "type", "startDate", "endDate"),
    "courses.csv": ("sourcedId", "title"),
    "classes.csv": ("sourcedId", "title", "courseSourcedId", "schoolSourcedId", "termSourcedIds"),
    "users.csv": ("sourcedId", "givenName", "familyName"),
    "enrollments.csv": ("sourcedId", "classSourcedId", "userSourcedId", "role"),
    "roles.csv": ("userSourcedId", "role", "orgSourcedId"),
}
CORE_WORDS = re.compile(
    r"english|language arts|\bela\b|literature|reading|writing|math|algebra|geometry|calculus|statistic|"
    r"science|biolog|chemistr|physics|earth|social stud|histor|civics|government|economics|geograph",
    re.IGNORECASE,
)
NOT_CORE_WORDS = re.compile(r"computer|elective", re.IGNORECASE)  # "Computer Science" is no core science
NAMED_GRADES = {"KG": 0, "PK": -1, "TK": 0, "PR": -1, "PS": -1, "IT": -1, "UG": 0, "OTHER": 0}


@dataclass
class _Table:
    file: str  # as shown in messages: bundle/classes.csv
    rows: list[tuple[int, dict[str, str]]]  # (line, row) of the active records
    by_id: dict[str, dict[str, str]] = field(default_factory=dict)
    line_of: dict[str, int] = field(default_factory=dict)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(",") if part.strip()]


class _Bundle:
    """The CSV files of a bundle (zip or folder), read with every problem collected."""

    def __init__(self, path: Path, problems: list[SourceProblem]) -> None:
        self.path, self.problems = path, problems
        self.texts: dict[str, str] = {}
        self.name = path.name
        if path.is_dir():
            for item in path.iterdir():
                if item.suffix.lower() == ".csv":
                    self._decode(item.name, item.read_bytes())
        else:
            try:
                with zipfile.ZipFile(path) as archive:
                    for info in archive.infolist():
                        if info.filename.lower().endswith(".csv") and not info.is_dir():
                            self._decode(Path(info.filename).name, archive.read(info))
            except FileNotFoundError:
                self.fail("", f"file not found: {path}")
            except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
                self.fail("", f"not a readable zip file ({exc}); export the OneRoster bundle again")

    def where(self, file: str) -> str:
        return f"{self.name}/{file}" if file else self.name

    def fail(self, file: str, message: str, row: int = 0, column: str = "") -> None:
        self.problems.append(SourceProblem(self.where(file), message, "", row, column))

    def _decode(self, name: str, data: bytes) -> None:
        try:
            self.texts[name] = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.fail(name, "not UTF-8 text (OneRoster files are UTF-8); export the bundle again")

    def table(self, name: str, required: bool = True) -> _Table:
        file = self.where(name)
        table = _Table(file, [])
        text = self.texts.get(name)
        if text is None:
            if required:
                self.fail(name, f"is missing; a OneRoster bundle has {', '.join(REQUIRED_FILES)}")
            return table
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip() for h in next(reader, [])]
            if not header:
                self.fail(name, "is empty (no header row)", 1)
                return table
            missing = [column for column in REQUIRED_COLUMNS.get(name, ()) if column not in header]
            for column in missing:
                self.fail(name, f"required column '{column}' is missing", 1, column)
            if missing:
                return table
            for record in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) > len(header):
                    self.fail(name, f"{len(record)} cells but the header has {len(header)}", line)
                    continue
                row = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
                if row.get("status", "").casefold() == "tobedeleted":
                    continue
                sourced_id = row.get("sourcedId", "")
                if "sourcedId" in header:
                    if not sourced_id:
                        self.fail(name, "sourcedId is empty", line, "sourcedId")
                        continue
                    if sourced_id in table.by_id:
                        self.fail(
                            name,
                            f"sourcedId '{sourced_id}' is already on row {table.line_of[sourced_id]}",
                            line,
                            "sourcedId",
                        )
                        continue
                    table.by_id[sourced_id] = row
                    table.line_of[sourced_id] = line
                table.rows.append((line, row))
        except csv.Error as exc:
            self.fail(name, f"cannot read this row ({exc}); check for an unclosed quote", reader.line_num + 1)
        return table


def _parse_date(bundle: _Bundle, name: str, line: int, column: str, text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        bundle.fail(name, f"'{text}' is not a date (YYYY-MM-DD)", line, column)
        return None


def _grade(text: str) -> int | None:
    first = _split(text)[0] if _split(text) else ""
    if not first:
        return None
    if first.isdigit():
        return int(first)
    return NAMED_GRADES.get(first.upper(), 0)


def _full_name(user: dict[str, str]) -> str:
    parts = [user.get("givenName", ""), user.get("familyName", "")]
    return " ".join(p for p in parts if p) or user.get("username", "") or user["sourcedId"]


class _Matcher:
    """Which existing record an incoming one is: same sourcedId (or key), else same id, else same name."""

    def __init__(self, records: list[Any], key: str = SOURCED_ID) -> None:
        self.by_key = {r.external_ids[key]: r for r in records if r.external_ids.get(key)}
        self.by_id = {r.id: r for r in records}
        names: dict[str, list[Any]] = defaultdict(list)
        for r in records:
            names[r.name.casefold()].append(r)
        self.by_name = {n: rs[0] for n, rs in names.items() if len(rs) == 1}
        self.taken = set(self.by_id)

    def match(self, key: str, wanted_id: str, name: str) -> Any:
        found = self.by_key.get(key)
        if found is None and wanted_id in self.by_id and not self.by_id[wanted_id].external_ids.get(SOURCED_ID):
            found = self.by_id[wanted_id]
        if found is None:
            candidate = self.by_name.get(name.casefold())
            if candidate is not None and not candidate.external_ids.get(SOURCED_ID):
                found = candidate
        return found

    def new_id(self, wanted: str) -> str:
        return unique_id(wanted, self.taken)


def read_oneroster(
    path: str | Path, project: Project, *, school: str | None = None, rename_project: bool = False
) -> ImportPlan:
    """Read the bundle at ``path`` (zip or folder) against ``project`` (unchanged); raises SchoolDataError."""
    path = Path(path)
    problems: list[SourceProblem] = []
    bundle = _Bundle(path, problems)
    if problems:
        raise SchoolDataError(problems)
    _check_manifest(bundle)
    tables = {name: bundle.table(name) for name in REQUIRED_FILES if name != "manifest.csv"}
    roles = bundle.table("roles.csv", required=False)
    if problems:
        raise SchoolDataError(problems)
    reader = _Reader(bundle, tables, roles, copy.deepcopy(project))
    reader.read(school, rename_project)
    if problems:
        raise SchoolDataError(problems)
    return ImportPlan(bundle.name, reader.result, reader.changes, reader.notes)


def _check_manifest(bundle: _Bundle) -> None:
    name = "manifest.csv"
    text = bundle.texts.get(name)
    if text is None:
        bundle.fail(name, f"is missing; a OneRoster bundle has {', '.join(REQUIRED_FILES)}")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    values: dict[str, tuple[int, str]] = {}
    try:
        header = [h.strip() for h in next(reader, [])]
        if header[:2] != ["propertyName", "value"]:
            bundle.fail(name, "the header must be propertyName,value", 1)
            return
        for record in reader:
            if len(record) >= 2:
                values[record[0].strip()] = (reader.line_num, record[1].strip())
    except csv.Error as exc:
        bundle.fail(name, f"cannot read this row ({exc})", reader.line_num + 1)
        return
    line, version = values.get("manifest.version", (0, ""))
    if version != "1.0":
        bundle.fail(name, f"manifest.version is '{version}'; dlplanner reads manifest version 1.0", line, "value")
    line, version = values.get("oneroster.version", (0, ""))
    if version not in VERSIONS:
        bundle.fail(name, f"oneroster.version is '{version}'; dlplanner reads OneRoster 1.1 and 1.2", line, "value")
    for file in REQUIRED_FILES[1:]:
        line, mode = values.get(f"file.{file.removesuffix('.csv')}", (0, "bulk"))
        if mode.casefold() == "absent":
            bundle.fail(name, f"file.{file.removesuffix('.csv')} is 'absent'; dlplanner needs {file}", line, "value")
        elif mode.casefold() == "delta":
            bundle.fail(
                name,
                f"file.{file.removesuffix('.csv')} is 'delta'; dlplanner reads bulk bundles: export a full (bulk) one",
                line,
                "value",
            )


@dataclass
class _Reader:
    bundle: _Bundle
    tables: dict[str, _Table]
    roles: _Table
    result: Project
    changes: list[Any] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    student_cohort: dict[str, str] = field(default_factory=dict)  # user sourcedId -> derived cohort id
    student_grade: dict[str, int] = field(default_factory=dict)
    student_ids: dict[str, str] = field(default_factory=dict)  # user sourcedId -> student id

    def fail(self, file: str, message: str, row: int = 0, column: str = "") -> None:
        self.bundle.fail(file, message, row, column)

    # -- the school ------------------------------------------------------------------------------
    def pick_school(self, wanted: str | None) -> dict[str, str] | None:
        orgs = self.tables["orgs.csv"]
        schools = [row for _, row in orgs.rows if row.get("type", "").casefold() == "school"]
        if wanted is not None:
            found = orgs.by_id.get(wanted)
            if found is None:
                listed = ", ".join(f"{s['sourcedId']} ({s['name']})" for s in schools) or "none"
                self.fail("orgs.csv", f"no org with sourcedId '{wanted}' (schools: {listed})")
            return found
        if not schools:
            self.fail("orgs.csv", "no org of type 'school'")
            return None
        if len(schools) > 1:
            listed = ", ".join(f"{s['sourcedId']} ({s['name']})" for s in schools)
            self.fail("orgs.csv", f"{len(schools)} schools in the bundle: choose one with --school ({listed})")
            return None
        return schools[0]

    def read(self, wanted_school: str | None, rename_project: bool) -> None:
        school = self.pick_school(wanted_school)
        self.check_references()
        if school is None or self.bundle.problems:
            return
        school_id = school["sourcedId"]
        classes = [(line, row) for line, row in self.tables["classes.csv"].rows if row["schoolSourcedId"] == school_id]
        if not classes:
            self.fail("classes.csv", f"no class of school '{school['name']}' ({school_id})")
            return
        p = self.result
        before = (p.name, p.school_name, dict(p.external_ids))
        p.school_name = school["name"]
        if rename_project:
            p.name = school["name"]
        p.external_ids = {**p.external_ids, SOURCED_ID: school_id}
        if school.get("identifier"):
            p.external_ids[CODE] = school["identifier"]
        record_changes(
            self.changes, "project settings", before, (p.name, p.school_name, p.external_ids), "school", school["name"]
        )
        enrollments = self.enrollments({row["sourcedId"] for _, row in classes})
        if not p.scenarios:
            p.scenarios.append(
                Scenario(
                    "sis",
                    "From the SIS",
                    "Imported from a OneRoster bundle: add bell schedules and day types, then solve.",
                )
            )
        terms = self.calendar(classes)
        subjects = self.subjects(classes)
        teachers = self.teachers(school_id, classes, enrollments, subjects)
        students = any(roles.get("student") for roles in enrollments.values())
        class_cohorts = self.cohorts(classes, enrollments) if students else None
        if not students:
            self.notes.append("no student enrollments: cohorts, students and enrolments are left as they are")
        else:
            self.students()
        rooms = self.rooms(classes, enrollments)
        self.sections(classes, enrollments, terms, subjects, teachers, class_cohorts, rooms)

    def check_references(self) -> None:
        """Every sourcedId a row names must be a record of the bundle."""
        sessions = self.tables["academicSessions.csv"].by_id
        courses = self.tables["courses.csv"].by_id
        orgs = self.tables["orgs.csv"].by_id
        classes = self.tables["classes.csv"].by_id
        users = self.tables["users.csv"].by_id
        for line, row in self.tables["classes.csv"].rows:
            if row["courseSourcedId"] not in courses:
                self.fail(
                    "classes.csv", f"no course '{row['courseSourcedId']}' in courses.csv", line, "courseSourcedId"
                )
            if row["schoolSourcedId"] not in orgs:
                self.fail("classes.csv", f"no org '{row['schoolSourcedId']}' in orgs.csv", line, "schoolSourcedId")
            for term in _split(row["termSourcedIds"]):
                if term not in sessions:
                    self.fail(
                        "classes.csv", f"no academic session '{term}' in academicSessions.csv", line, "termSourcedIds"
                    )
        for line, row in self.tables["enrollments.csv"].rows:
            if row["classSourcedId"] not in classes:
                self.fail(
                    "enrollments.csv", f"no class '{row['classSourcedId']}' in classes.csv", line, "classSourcedId"
                )
            if row["userSourcedId"] not in users:
                self.fail("enrollments.csv", f"no user '{row['userSourcedId']}' in users.csv", line, "userSourcedId")
        for line, row in self.tables["academicSessions.csv"].rows:
            parent = row.get("parentSourcedId", "")
            if parent and parent not in sessions:
                self.fail("academicSessions.csv", f"no parent session '{parent}'", line, "parentSourcedId")
            start = _parse_date(self.bundle, "academicSessions.csv", line, "startDate", row["startDate"])
            end = _parse_date(self.bundle, "academicSessions.csv", line, "endDate", row["endDate"])
            if start and end and end < start:
                self.fail("academicSessions.csv", "the session ends before it starts", line, "endDate")
        for line, row in self.roles.rows:
            if row["userSourcedId"] not in users:
                self.fail("roles.csv", f"no user '{row['userSourcedId']}' in users.csv", line, "userSourcedId")

    def enrollments(self, class_ids: set[str]) -> dict[str, dict[str, list[tuple[str, bool]]]]:
        """class sourcedId -> role -> [(user sourcedId, primary)] for the school's classes."""
        result: dict[str, dict[str, list[tuple[str, bool]]]] = defaultdict(lambda: defaultdict(list))
        for _, row in self.tables["enrollments.csv"].rows:
            if row["classSourcedId"] in class_ids:
                primary = row.get("primary", "").casefold() == "true"
                result[row["classSourcedId"]][row["role"].casefold()].append((row["userSourcedId"], primary))
        return result

    # -- calendar ---------------------------------------------------------------------------------
    def calendar(self, classes: list[tuple[int, dict[str, str]]]) -> dict[str, str]:
        """Each scenario's school year and terms; returns session sourcedId -> term id."""
        sessions = self.tables["academicSessions.csv"]
        used = {t for _, row in classes for t in _split(row["termSourcedIds"])}
        years = [row for _, row in sessions.rows if row["type"] == "schoolYear"]
        year = None
        for candidate in years:  # the year the classes' terms belong to, else the one year
            if candidate["sourcedId"] in used or any(
                sessions.by_id[t].get("parentSourcedId") == candidate["sourcedId"] for t in used
            ):
                year = candidate
                break
        if year is None and len(years) == 1:
            year = years[0]
        term_rows = [
            row
            for _, row in sessions.rows
            if row["type"] != "schoolYear"
            and (
                row["sourcedId"] in used
                or (
                    year is not None
                    and row.get("parentSourcedId") == year["sourcedId"]
                    and row["type"] in ("semester", "term")
                )
            )
        ]
        kinds = {"semester": TermKind.SEMESTER, "term": TermKind.TERM, "gradingPeriod": TermKind.QUARTER}
        mapping: dict[str, str] = {}
        for scenario in self.result.scenarios:
            cal = scenario.calendar
            if year is not None:
                cal.label = year["title"]
                cal.first_day = date.fromisoformat(year["startDate"][:10])
                cal.last_day = date.fromisoformat(year["endDate"][:10])
                cal.external_ids = {**cal.external_ids, SOURCED_ID: year["sourcedId"]}
            matcher = _Matcher(cal.terms)
            for row in term_rows:
                sid = row["sourcedId"]
                old = matcher.match(sid, slug(row["title"]), row["title"])
                term = Term(
                    old.id if old else matcher.new_id(slug(row["title"])),
                    row["title"],
                    date.fromisoformat(row["startDate"][:10]),
                    date.fromisoformat(row["endDate"][:10]),
                    kinds.get(row["type"], TermKind.TERM),
                    {**(old.external_ids if old else {}), SOURCED_ID: sid},
                )
                replace_or_append(cal.terms, term, old)
                record_changes(self.changes, "terms", old, term, term.id, term.name, scenario.id)
                mapping[sid] = term.id
        return mapping

    # -- subjects and teachers --------------------------------------------------------------------
    def subjects(self, classes: list[tuple[int, dict[str, str]]]) -> dict[str, str]:
        """Course sourcedId -> subject id, for the courses the school's classes teach."""
        courses = self.tables["courses.csv"].by_id
        wanted = list(dict.fromkeys(row["courseSourcedId"] for _, row in classes))
        matcher = _Matcher(self.result.subjects)
        mapping = {}
        for sid in wanted:
            course = courses[sid]
            code = course.get("courseCode", "")
            old = matcher.match(sid, slug(code or course["title"]), course["title"])
            external = {**(old.external_ids if old else {}), SOURCED_ID: sid}
            if code:
                external[CODE] = code
            if old is not None:
                subject = copy.deepcopy(old)
                subject.name, subject.external_ids = course["title"], external
            else:
                department = _split(course.get("subjects", ""))
                subject = Subject(
                    matcher.new_id(slug(code or course["title"])),
                    course["title"],
                    department=department[0] if department else "",
                    external_ids=external,
                )
            replace_or_append(self.result.subjects, subject, old)
            record_changes(self.changes, "subjects", old, subject, subject.id, subject.name)
            mapping[sid] = subject.id
        return mapping

    def teacher_ids(self, school_id: str, classes, enrollments) -> list[str]:
        users = self.tables["users.csv"]
        teaching = {u for c in enrollments.values() for u, _ in c.get("teacher", [])}
        if "role" in next(iter(users.by_id.values()), {}):
            listed = {
                sid
                for sid, row in users.by_id.items()
                if row["role"].casefold() == "teacher" and school_id in _split(row.get("orgSourcedIds", ""))
            }
        else:  # 1.2: roles in roles.csv
            listed = {
                row["userSourcedId"]
                for _, row in self.roles.rows
                if row["role"].casefold() == "teacher" and row["orgSourcedId"] == school_id
            }
        return [sid for sid in users.by_id if sid in teaching or sid in listed]

    def teachers(self, school_id: str, classes, enrollments, subjects: dict[str, str]) -> dict[str, str]:
        users = self.tables["users.csv"].by_id
        class_rows = self.tables["classes.csv"].by_id
        qualified: dict[str, set[str]] = defaultdict(set)
        for class_id, roles in enrollments.items():
            for user, _ in roles.get("teacher", []):
                qualified[user].add(subjects[class_rows[class_id]["courseSourcedId"]])
        matcher = _Matcher(self.result.teachers)
        mapping = {}
        for sid in self.teacher_ids(school_id, classes, enrollments):
            user = users[sid]
            name = _full_name(user)
            code = user.get("identifier", "")
            old = matcher.match(sid, slug(code or name), name)
            external = {**(old.external_ids if old else {}), SOURCED_ID: sid}
            if code:
                external[CODE] = code
            if old is not None:
                teacher = copy.deepcopy(old)
                teacher.name, teacher.email, teacher.external_ids = name, user.get("email", "") or old.email, external
                teacher.subject_ids |= qualified[sid]
            else:
                teacher = Teacher(
                    matcher.new_id(slug(name)),
                    name,
                    set(qualified[sid]),
                    email=user.get("email", ""),
                    external_ids=external,
                )
            replace_or_append(self.result.teachers, teacher, old)
            record_changes(self.changes, "teachers", old, teacher, teacher.id, teacher.name)
            mapping[sid] = teacher.id
        return mapping

    # -- students as cohorts ------------------------------------------------------------------------
    def core_classes(self, classes: list[tuple[int, dict[str, str]]]) -> set[str]:
        courses = self.tables["courses.csv"].by_id
        core = set()
        for _, row in classes:
            if row.get("classType", "").casefold() == "homeroom":
                continue
            course = courses[row["courseSourcedId"]]
            text = " ".join([course.get("subjects", ""), course["title"], row.get("subjects", "")])
            if CORE_WORDS.search(text) and not NOT_CORE_WORDS.search(text):
                core.add(row["sourcedId"])
        if not core:
            core = {row["sourcedId"] for _, row in classes if row.get("classType", "").casefold() != "homeroom"}
            self.notes.append(
                "no class looks like a core class (English, math, science, social studies): "
                "cohorts are students with the same grade and the same classes"
            )
        return core

    def cohorts(self, classes, enrollments) -> dict[str, set[str]]:
        """Make or update the cohorts; returns class sourcedId -> the cohorts its students are in."""
        users = self.tables["users.csv"].by_id
        core = self.core_classes(classes)
        student_classes: dict[str, set[str]] = defaultdict(set)
        for class_id, roles in enrollments.items():
            for user, _ in roles.get("student", []):
                student_classes[user].add(class_id)
        class_grades = {row["sourcedId"]: _grade(row.get("grades", "")) for _, row in classes}
        groups: dict[tuple[int, frozenset[str]], list[str]] = defaultdict(list)
        for student, taken in student_classes.items():
            grade = _grade(users[student].get("grades", ""))
            if grade is None:
                grade = Counter(g for g in (class_grades[c] for c in taken) if g is not None).most_common(1)
                grade = grade[0][0] if grade else 0
            groups[grade, frozenset(taken & core)].append(student)
        matcher = _Matcher(self.result.cohorts, key=COHORT_KEY)
        per_grade: Counter[int] = Counter()
        student_cohort: dict[str, str] = {}
        ordered = sorted(groups.items(), key=lambda item: (item[0][0], -len(item[1]), sorted(item[0][1])))
        for (grade, taken), students in ordered:
            key = hashlib.sha1(f"{grade}|{','.join(sorted(taken))}".encode()).hexdigest()[:12]
            per_grade[grade] += 1
            name = f"Grade {grade} cohort {per_grade[grade]}"
            old = matcher.match(key, "", "")
            if old is not None:
                cohort = copy.deepcopy(old)
                cohort.grade, cohort.size = grade, len(students)
            else:
                cohort = Cohort(
                    matcher.new_id(f"g{grade:02d}-{per_grade[grade]}"),
                    name,
                    grade,
                    len(students),
                    external_ids={COHORT_KEY: key},
                )
            replace_or_append(self.result.cohorts, cohort, old)
            record_changes(self.changes, "cohorts", old, cohort, cohort.id, cohort.name)
            for student in students:
                student_cohort[student] = cohort.id
                self.student_grade[student] = grade
            if not taken:
                self.notes.append(f"{len(students)} grade {grade} student(s) take no core class: cohort {cohort.id}")
        self.student_cohort = student_cohort
        class_cohorts: dict[str, set[str]] = defaultdict(set)
        for student, taken in student_classes.items():
            for class_id in taken:
                class_cohorts[class_id].add(student_cohort[student])
        return class_cohorts

    def students(self) -> None:
        """The enrolled students as students: id = their sourcedId (else the existing student whose id is
        their ``identifier``), name, grade and derived cohort from the bundle; advisory, pathway and flags
        of an existing student stay as planned."""
        users = self.tables["users.csv"].by_id
        by_id = {s.id: s for s in self.result.students}
        taken = set(by_id)
        for sid, cohort_id in self.student_cohort.items():
            user = users[sid]
            old = by_id.get(sid) or by_id.get(user.get("identifier", "") or "\0")
            if old is not None:
                student = copy.deepcopy(old)
            else:
                wanted = sid if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", sid) else slug(_full_name(user))
                student = Student(unique_id(wanted, taken), "")
            student.name = _full_name(user)
            student.grade = self.student_grade[sid]
            student.cohort_id = cohort_id
            replace_or_append(self.result.students, student, old)
            record_changes(self.changes, "students", old, student, student.id, student.name)
            self.student_ids[sid] = student.id

    # -- rooms and sections ---------------------------------------------------------------------------
    def rooms(self, classes, enrollments) -> dict[str, str]:
        """Location text -> room id: a room of that name or id, or a new one sized for its largest class."""
        largest: dict[str, int] = defaultdict(int)
        for _, row in classes:
            location = row.get("location", "")
            if location:
                largest[location] = max(
                    largest[location], len(enrollments.get(row["sourcedId"], {}).get("student", []))
                )
        matcher = _Matcher(self.result.rooms)
        mapping = {}
        made = []
        for location, size in largest.items():
            old = matcher.match("", location, location)
            if old is None:
                old = next((r for r in self.result.rooms if r.name.casefold() == location.casefold()), None)
            if old is not None:
                mapping[location] = old.id
                continue
            room = Room(matcher.new_id(slug(location)), location, max(size, 1))
            self.result.rooms.append(room)
            record_changes(self.changes, "rooms", None, room, room.id, room.name)
            mapping[location] = room.id
            made.append(room.name)
        if made:
            self.notes.append(
                f"{len(made)} room(s) made from class locations, seats = their largest class; "
                "check capacities and features"
            )
        return mapping

    def sections(self, classes, enrollments, terms, subjects, teachers, class_cohorts, rooms) -> None:
        for scenario in self.result.scenarios:
            matcher = _Matcher(scenario.sections)
            seated: dict[str, list[str]] = {}  # open section -> the students the SIS seats in it
            for _, row in classes:
                sid = row["sourcedId"]
                roles = enrollments.get(sid, {})
                staff = sorted(roles.get("teacher", []), key=lambda item: not item[1])  # primary first
                teacher_ids = list(dict.fromkeys(teachers[u] for u, _ in staff if u in teachers))
                term_id = next((terms[t] for t in _split(row["termSourcedIds"]) if t in terms), None)
                cohort_ids = sorted(class_cohorts.get(sid, set())) if class_cohorts is not None else []
                code = row.get("classCode", "")
                old = matcher.match(sid, slug(code or row["title"]), row["title"])
                external = {**(old.external_ids if old else {}), SOURCED_ID: sid}
                if code:
                    external[CODE] = code
                if row.get("periods"):
                    external[PERIODS] = row["periods"]
                section = (
                    copy.deepcopy(old)
                    if old is not None
                    else Section(matcher.new_id(slug(code or row["title"])), "", "")
                )
                section.name = row["title"]
                section.subject_id = subjects[row["courseSourcedId"]]
                section.term_id = term_id
                purely_open = old is not None and not old.cohort_ids and old.max_enrolment is not None
                if class_cohorts is not None and purely_open:  # stays open: its students become pinned seats
                    students = (self.student_ids.get(u) for u, _ in roles.get("student", []))
                    seated[section.id] = list(dict.fromkeys(s for s in students if s))
                elif class_cohorts is not None:
                    section.cohort_ids = cohort_ids
                    section.enrolment = len(roles.get("student", []))
                if teacher_ids:
                    section.teacher_ids, section.teacher_pool = teacher_ids, []
                if row.get("location"):
                    section.room_id = rooms[row["location"]]
                section.external_ids = external
                replace_or_append(scenario.sections, section, old)
                record_changes(self.changes, "sections", old, section, section.id, section.name, scenario.id)
            self.pin_seats(scenario, seated)
        without = [row["title"] for _, row in classes if not enrollments.get(row["sourcedId"], {}).get("teacher")]
        if without:
            self.notes.append(
                f"{len(without)} class(es) without a teacher enrollment: the solver picks a qualified "
                f"teacher ({', '.join(without[:5])}{', …' if len(without) > 5 else ''})"
            )

    def pin_seats(self, scenario: Scenario, seated: dict[str, list[str]]) -> None:
        """The SIS's students of each open section (no cohort, a ``max_enrolment``) as its pinned enrolments."""
        if not seated:
            return
        solution = scenario.solution
        old = {(e.student_id, e.section_id): e for e in solution.enrolments if e.section_id in seated}
        pins = [Enrolment(student, section, pinned=True) for section, ids in seated.items() for student in ids]
        solution.enrolments = [e for e in solution.enrolments if e.section_id not in seated] + pins
        for e in pins:
            key = f"{e.student_id}: {e.section_id}"
            record_changes(self.changes, "enrolments", old.get((e.student_id, e.section_id)), e, key, key, scenario.id)


# -- writing the schedule back to the SIS -----------------------------------------------------------

ORGS_COLUMNS = ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"]
SESSIONS_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "type",
    "startDate",
    "endDate",
    "parentSourcedId",
    "schoolYear",
]
COURSES_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "schoolYearSourcedId",
    "title",
    "courseCode",
    "grades",
    "orgSourcedId",
    "subjects",
    "subjectCodes",
]
CLASSES_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "grades",
    "courseSourcedId",
    "classCode",
    "classType",
    "location",
    "schoolSourcedId",
    "termSourcedIds",
    "subjects",
    "subjectCodes",
    "periods",
]
USERS_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "enabledUser",
    "orgSourcedIds",
    "role",
    "username",
    "userIds",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "sms",
    "phone",
    "agentSourcedIds",
    "grades",
    "password",
]
ENROLLMENTS_COLUMNS = [
    "sourcedId",
    "status",
    "dateLastModified",
    "classSourcedId",
    "schoolSourcedId",
    "userSourcedId",
    "role",
    "primary",
    "beginDate",
    "endDate",
]
SIS_CSV_COLUMNS = [
    "section_number",
    "course_code",
    "course_name",
    "section_name",
    "section_sourced_id",
    "term",
    "teacher_ids",
    "teacher_names",
    "room",
    "periods",
    "days",
    "start",
    "end",
    "meetings",
]
SESSION_TYPES = {TermKind.SEMESTER: "semester", TermKind.QUARTER: "gradingPeriod"}


def _sourced(record: Any, kind: str) -> str:
    """The record's sourcedId from the SIS, or a stable one made from its id."""
    return record.external_ids.get(SOURCED_ID) or f"dlp-{kind}-{record.id}"


def _grade_code(grade: int) -> str:
    return "KG" if grade == 0 else "PK" if grade < 0 else f"{grade:02d}"


@dataclass(frozen=True)
class MeetingPattern:
    """The meetings of one section in the same blocks, room and teachers, on one or more day types."""

    periods: str  # block ids, p1 or p1-p2 for a double block
    days: tuple[str, ...]  # day type ids, in cycle order
    start: int
    end: int
    room_id: str | None
    teacher_ids: tuple[str, ...]


def meeting_patterns(scenario: Scenario, section_id: str) -> list[MeetingPattern]:
    """The section's placements grouped into patterns (same blocks, time, room and teachers)."""
    order = {d.id: i for i, d in enumerate(scenario.day_types)}
    grouped: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for placement in scenario.solution.placements:
        if placement.section_id != section_id:
            continue
        bells = scenario.schedule_of(placement.day_type_id) if placement.day_type_id in order else None
        blocks = [
            b.id
            for b in (bells.sorted_blocks() if bells else [])
            if b.kind == BlockKind.CLASS and b.start < placement.end and placement.start < b.end
        ]
        code = blocks[0] if len(blocks) == 1 else f"{blocks[0]}-{blocks[-1]}" if blocks else ""
        key = (code, placement.start, placement.end, placement.room_id, tuple(placement.teacher_ids))
        grouped[key].append(placement.day_type_id)
    patterns = [
        MeetingPattern(code, tuple(sorted(set(days), key=lambda d: order.get(d, 99))), start, end, room, teachers)
        for (code, start, end, room, teachers), days in grouped.items()
    ]
    return sorted(patterns, key=lambda p: (order.get(p.days[0], 99), p.start))


def _periods_text(scenario: Scenario, patterns: list[MeetingPattern]) -> str:
    """OneRoster ``periods``: each block code, with its day types when it does not meet every day (p1(a/c))."""
    cycle = [d.id for d in scenario.day_types]
    by_code: dict[str, list[str]] = defaultdict(list)
    for pattern in patterns:
        for day in pattern.days:
            if day not in by_code[pattern.periods]:
                by_code[pattern.periods].append(day)
    parts = []
    for code, days in by_code.items():
        days = sorted(days, key=cycle.index) if all(d in cycle for d in days) else days
        parts.append(code if days == cycle else f"{code}({'/'.join(days)})")
    return ",".join(parts)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_oneroster(project: Project, scenario: Scenario, out: Path) -> list[Path]:
    """The scenario's master schedule as a OneRoster 1.1 bulk bundle in folder ``out`` (or ``out``.zip)."""
    as_zip = out.suffix.lower() == ".zip"
    folder = out.with_suffix("") if as_zip else out
    folder.mkdir(parents=True, exist_ok=True)
    school_id = project.external_ids.get(SOURCED_ID) or f"dlp-org-{slug(project.school_name or project.name)}"
    cal = scenario.calendar
    year_id = cal.external_ids.get(SOURCED_ID) or f"dlp-year-{cal.first_day.year}-{cal.last_day.year}"
    school_year = str(cal.last_day.year)
    terms = {t.id: t for t in cal.terms}
    subjects = {s.id: s for s in project.subjects}
    teachers = {t.id: t for t in project.teachers}
    rooms = {r.id: r for r in project.rooms}
    cohorts = {c.id: c for c in project.cohorts}

    orgs = [
        {
            "sourcedId": school_id,
            "name": project.school_name or project.name,
            "type": "school",
            "identifier": project.external_ids.get(CODE, ""),
        }
    ]
    sessions = [
        {
            "sourcedId": year_id,
            "title": cal.label or f"{cal.first_day.year}-{cal.last_day.year}",
            "type": "schoolYear",
            "startDate": cal.first_day.isoformat(),
            "endDate": cal.last_day.isoformat(),
            "schoolYear": school_year,
        }
    ]
    for term in cal.terms:
        sessions.append(
            {
                "sourcedId": _sourced(term, "term"),
                "title": term.name,
                "type": SESSION_TYPES.get(term.kind, "term"),
                "startDate": term.start.isoformat(),
                "endDate": term.end.isoformat(),
                "parentSourcedId": year_id,
                "schoolYear": school_year,
            }
        )
    used_subjects = list(dict.fromkeys(s.subject_id for s in scenario.sections if s.subject_id in subjects))
    courses = []
    for subject_id in used_subjects:
        subject = subjects[subject_id]
        grades = sorted(
            {
                cohorts[c].grade
                for s in scenario.sections
                if s.subject_id == subject_id
                for c in s.cohort_ids
                if c in cohorts
            }
        )
        courses.append(
            {
                "sourcedId": _sourced(subject, "course"),
                "schoolYearSourcedId": year_id,
                "title": subject.name,
                "courseCode": subject.external_ids.get(CODE, subject.id),
                "grades": ",".join(_grade_code(g) for g in grades),
                "orgSourcedId": school_id,
                "subjects": subject.department,
            }
        )
    students = {st.id: st for st in project.students}  # a student's sourcedId is their id (see the reader)
    section_enrolments: dict[str, list[Any]] = defaultdict(list)
    for enrolment in scenario.solution.enrolments:
        section_enrolments[enrolment.section_id].append(enrolment)
    classes, enrollments, teaching = [], [], []
    for section in scenario.sections:
        patterns = meeting_patterns(scenario, section.id)
        placed_teachers = [t for p in patterns for t in p.teacher_ids]
        staff = list(dict.fromkeys(placed_teachers or section.teacher_ids))
        room_counts = Counter(p.room_id for p in patterns if p.room_id)
        room_id = room_counts.most_common(1)[0][0] if room_counts else section.room_id
        subject = subjects.get(section.subject_id)
        term = terms.get(section.term_id or "")
        grades = sorted({cohorts[c].grade for c in section.cohort_ids if c in cohorts})
        class_id = _sourced(section, "class")
        classes.append(
            {
                "sourcedId": class_id,
                "title": section.name,
                "grades": ",".join(_grade_code(g) for g in grades),
                "courseSourcedId": _sourced(subject, "course") if subject else "",
                "classCode": section.external_ids.get(CODE, section.id),
                "classType": "scheduled",
                "location": rooms[room_id].name if room_id in rooms else "",
                "schoolSourcedId": school_id,
                "termSourcedIds": _sourced(term, "term") if term else year_id,
                "subjects": subject.department if subject else "",
                "periods": _periods_text(scenario, patterns),
            }
        )
        for index, teacher_id in enumerate(staff):
            if teacher_id not in teachers:
                continue
            teacher = teachers[teacher_id]
            user_id = _sourced(teacher, "teacher")
            enrollments.append(
                {
                    "sourcedId": f"dlp-enr-{class_id}-{user_id}",
                    "classSourcedId": class_id,
                    "schoolSourcedId": school_id,
                    "userSourcedId": user_id,
                    "role": "teacher",
                    "primary": "true" if index == 0 else "false",
                    "beginDate": (term.start if term else cal.first_day).isoformat(),
                    "endDate": (term.end if term else cal.last_day).isoformat(),
                }
            )
            teaching.append(teacher_id)
        seated = [st.id for st in project.students if st.cohort_id in section.cohort_ids]
        seated += [e.student_id for e in section_enrolments.get(section.id, []) if e.student_id in students]
        for student in (students[i] for i in dict.fromkeys(seated)):
            enrollments.append(
                {
                    "sourcedId": f"dlp-enr-{class_id}-{student.id}",
                    "classSourcedId": class_id,
                    "schoolSourcedId": school_id,
                    "userSourcedId": student.id,
                    "role": "student",
                    "primary": "false",
                    "beginDate": (term.start if term else cal.first_day).isoformat(),
                    "endDate": (term.end if term else cal.last_day).isoformat(),
                }
            )
    users = []
    for teacher in project.teachers:
        if teacher.id not in teaching:
            continue
        given, _, family = teacher.name.rpartition(" ")
        users.append(
            {
                "sourcedId": _sourced(teacher, "teacher"),
                "enabledUser": "true",
                "orgSourcedIds": school_id,
                "role": "teacher",
                "username": teacher.email or teacher.id,
                "givenName": given or family,
                "familyName": family if given else "",
                "identifier": teacher.external_ids.get(CODE, teacher.id),
                "email": teacher.email,
            }
        )
    for student in project.students:
        given, _, family = student.name.rpartition(" ")
        users.append(
            {
                "sourcedId": student.id,
                "enabledUser": "true",
                "orgSourcedIds": school_id,
                "role": "student",
                "username": student.id,
                "givenName": given or family,
                "familyName": family if given else "",
                "identifier": student.id,
                "grades": _grade_code(student.grade) if student.grade else "",
            }
        )
    written = [
        _write_csv(folder / "orgs.csv", ORGS_COLUMNS, orgs),
        _write_csv(folder / "academicSessions.csv", SESSIONS_COLUMNS, sessions),
        _write_csv(folder / "courses.csv", COURSES_COLUMNS, courses),
        _write_csv(folder / "classes.csv", CLASSES_COLUMNS, classes),
        _write_csv(folder / "users.csv", USERS_COLUMNS, users),
        _write_csv(folder / "enrollments.csv", ENROLLMENTS_COLUMNS, enrollments),
    ]
    bulk = {p.stem for p in written}
    manifest = [
        {"propertyName": "manifest.version", "value": "1.0"},
        {"propertyName": "oneroster.version", "value": "1.1"},
    ]
    for name in (
        "academicSessions",
        "categories",
        "classes",
        "classResources",
        "courses",
        "courseResources",
        "demographics",
        "enrollments",
        "lineItems",
        "orgs",
        "resources",
        "results",
        "users",
    ):
        manifest.append({"propertyName": f"file.{name}", "value": "bulk" if name in bulk else "absent"})
    manifest += [
        {"propertyName": "source.systemName", "value": "dlplanner"},
        {"propertyName": "source.systemCode", "value": scenario.id},
    ]
    written.insert(0, _write_csv(folder / "manifest.csv", ["propertyName", "value"], manifest))
    if not as_zip:
        return written
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in written:
            archive.write(path, path.name)
    for path in written:
        path.unlink()
    folder.rmdir()
    return [out]


def write_sis_csv(project: Project, scenario: Scenario, out: Path) -> list[Path]:
    """A master-schedule upload: one row per section meeting pattern (section, course, teachers, room, days)."""
    subjects = {s.id: s for s in project.subjects}
    teachers = {t.id: t for t in project.teachers}
    rooms = {r.id: r for r in project.rooms}
    terms = {t.id: t for t in scenario.calendar.terms}
    rows = []
    for section in scenario.sections:
        subject = subjects.get(section.subject_id)
        term = terms.get(section.term_id or "")
        for pattern in meeting_patterns(scenario, section.id):
            staff = [teachers[t] for t in pattern.teacher_ids if t in teachers]
            rows.append(
                {
                    "section_number": section.external_ids.get(CODE, section.id),
                    "course_code": subject.external_ids.get(CODE, subject.id) if subject else section.subject_id,
                    "course_name": subject.name if subject else "",
                    "section_name": section.name,
                    "section_sourced_id": _sourced(section, "class"),
                    "term": (term.external_ids.get(CODE) or term.name) if term else "",
                    "teacher_ids": ";".join(t.external_ids.get(CODE, t.id) for t in staff),
                    "teacher_names": ";".join(t.name for t in staff),
                    "room": rooms[pattern.room_id].name if pattern.room_id in rooms else "",
                    "periods": pattern.periods,
                    "days": ";".join(pattern.days),
                    "start": f"{pattern.start // 60:02d}:{pattern.start % 60:02d}",
                    "end": f"{pattern.end // 60:02d}:{pattern.end % 60:02d}",
                    "meetings": len(pattern.days),
                }
            )
    return [_write_csv(out, SIS_CSV_COLUMNS, rows)]
