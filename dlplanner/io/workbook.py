"""The whole school as one workbook: every record kind on a sheet of its own, written and read back.

Reference columns hold names (ids where a name would be ambiguous), header cells carry a comment
saying what the column means, and single-choice columns have a drop-down list, so a person can fill
the workbook in Excel or LibreOffice. Reading merges a workbook into a project (see
:mod:`dlplanner.io.school_plan`): a row is the record with the same id, else (a row without an id)
the record with the same name, else a new one; a column the sheet leaves out keeps the record's
value; every problem is named by file, sheet, row and column, and nothing changes unless every row
is good.

Lists inside a cell are separated by ``;``. Times are ``8:30`` (or a time cell), dates ISO
``2026-08-24`` (or a date cell). Time windows are ``DAYTYPE HH:MM-HH:MM`` with a day type id, or
``*`` for every day type; advisory meeting blocks are ``DAYTYPE BLOCK`` ids.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dlplanner.domain import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
    Campus,
    CampusTravel,
    Cohort,
    CourseRequest,
    DayType,
    Enrolment,
    Holiday,
    Internship,
    LoopingRule,
    PairingKind,
    PriorPairing,
    Project,
    Room,
    RotationKind,
    RuleSettings,
    Scenario,
    Section,
    SpecialDay,
    SpecialDayKind,
    Student,
    Subject,
    Teacher,
    TeacherTeam,
    Term,
    TimeWindow,
    fmt_time,
)
from dlplanner.domain.calendar import Minimums, SchoolYear, TermKind
from dlplanner.io.school_plan import (
    Change,
    ImportPlan,
    Lookup,
    SchoolDataError,
    SourceProblem,
    display_names,
    record_changes,
    slug,
    unique_id,
    upsert,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
VALIDATION_ROWS = 2000  # drop-down lists cover this many rows below the header
MAX_WHOLE_NUMBER = 1_000_000_000


@dataclass(frozen=True)
class Col:
    """One column of a sheet: its header, what it means, and the record attributes it sets."""

    name: str
    help: str
    attrs: tuple[str, ...] = ()  # kept from the existing record when a sheet leaves the column out
    required: bool = False
    choices: tuple[str, ...] = ()  # a drop-down list of these values
    ref: str = ""  # a drop-down list of the names on this sheet
    refs: str = ""  # a list of records of this sheet, written as their names separated by ;


@dataclass(frozen=True)
class SheetSpec:
    title: str
    kind: str  # what the import report calls the records
    columns: tuple[Col, ...]
    help: str
    per_scenario: bool = False
    key_value: bool = False  # a sheet of 'setting, value' rows
    # the records written one a row, each cell from its column's first attribute (see _cell); None: written
    # by code of its own (settings, scenarios, blocks, day overrides). Of a project, or of a scenario.
    records: Callable[[Any], list[Any]] | None = None

    def column(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


def _yes_no() -> tuple[str, ...]:
    return ("yes", "no")


def _values(enum: type[Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in enum)  # type: ignore[attr-defined]


SCENARIO_COL = Col("scenario", "the scenario (name or id) this row belongs to", required=True, ref="Scenarios")
ID_COL = Col("id", "unique id; leave empty to make one from the name", ("id",))
SIS_COL = Col(
    "sis_ids",
    "ids in the student information system, as key=value; … (sourcedId=…; code=…); kept for exports back to it",
    ("external_ids",),
)

SHEETS: tuple[SheetSpec, ...] = (
    SheetSpec(
        "About",
        "project",
        (
            Col("setting", "what the value is", required=True),
            Col("value", "the value"),
        ),
        "The project: name, school_name, description, sis_ids.",
        key_value=True,
    ),
    SheetSpec(
        "Subjects",
        "subjects",
        (
            ID_COL,
            Col("name", "subject name", ("name",), True),
            Col("color", "colour on timetables, #rrggbb", ("color",)),
            Col("department", "department", ("department",)),
            Col("project_based", "yes: prefers long blocks (project-based)", ("project_based",), choices=_yes_no()),
            SIS_COL,
        ),
        "Subjects (courses) that sections teach and teachers are qualified for.",
        records=lambda p: p.subjects,
    ),
    SheetSpec(
        "Campuses",
        "campuses",
        (ID_COL, Col("name", "campus name", ("name",), True), Col("address", "address", ("address",))),
        "Campuses (sites); leave empty for a one-campus school.",
        records=lambda p: p.campuses,
    ),
    SheetSpec(
        "Travel",
        "travel times",
        (
            Col("campus_a", "one campus", ("campus_a",), True, ref="Campuses"),
            Col("campus_b", "the other campus", ("campus_b",), True, ref="Campuses"),
            Col("minutes", "minutes a person needs between them", ("minutes",), True),
        ),
        "Travel minutes between two campuses (either direction).",
        records=lambda p: p.travel,
    ),
    SheetSpec(
        "Teachers",
        "teachers",
        (
            ID_COL,
            Col("name", "name as printed", ("name",), True),
            Col("subjects", "subjects they may teach, separated by ;", ("subject_ids",), refs="Subjects"),
            Col("max_minutes_per_week", "most teaching minutes per week (whole number)", ("max_minutes_per_week",)),
            Col("unavailable", "cannot teach: DAYTYPE HH:MM-HH:MM or * HH:MM-HH:MM; …", ("unavailable",)),
            Col("avoid", "would rather not teach then (same form as unavailable)", ("avoid",)),
            Col("campus", "home campus", ("campus_id",), ref="Campuses"),
            Col("email", "e-mail address", ("email",)),
            SIS_COL,
            Col("max_advisories", "most advisories they may lead (empty: no limit)", ("max_advisories",)),
        ),
        "Teachers and other staff who teach or advise.",
        records=lambda p: p.teachers,
    ),
    SheetSpec(
        "Rooms",
        "rooms",
        (
            ID_COL,
            Col("name", "name as printed", ("name",), True),
            Col("capacity", "seats (whole number)", ("capacity",), True),
            Col("features", "features such as lab; studio; shop", ("features",)),
            Col("campus", "campus", ("campus_id",), ref="Campuses"),
            SIS_COL,
        ),
        "Rooms with their seats and features.",
        records=lambda p: p.rooms,
    ),
    SheetSpec(
        "Cohorts",
        "cohorts",
        (
            ID_COL,
            Col("name", "name as printed", ("name",), True),
            Col("grade", "grade level (whole number)", ("grade",), True),
            Col("size", "number of students (whole number)", ("size",), True),
            Col("pathway", "pathway or academy", ("pathway",)),
            Col("identity", "identity kept across years (for looping)", ("identity",)),
            Col("campus", "campus", ("campus_id",), ref="Campuses"),
            SIS_COL,
        ),
        "Groups of students who travel together through their core classes.",
        records=lambda p: p.cohorts,
    ),
    SheetSpec(
        "Advisories",
        "advisories",
        (
            ID_COL,
            Col("name", "name as printed", ("name",), True),
            Col("advisor", "the advisor (a teacher; empty: the solver chooses)", ("advisor_id",), ref="Teachers"),
            Col("cohorts", "cohorts whose students it holds, separated by ;", ("cohort_ids",), refs="Cohorts"),
            Col("size", "students (0: an even share of its cohorts)", ("size",)),
            Col("room", "room", ("room_id",), ref="Rooms"),
            Col("meeting_blocks", "DAYTYPE BLOCK ids; … (empty: every advisory block)", ("meeting_blocks",)),
            Col("identity", "identity kept across years (for looping)", ("identity",)),
            Col(
                "advisor_pool",
                "with no advisor: teachers the solver may choose, separated by ;",
                ("advisor_pool",),
                refs="Teachers",
            ),
        ),
        "Advisories (crews): a small group with one advisor.",
        records=lambda p: p.advisories,
    ),
    SheetSpec(
        "Teams",
        "teacher teams",
        (
            ID_COL,
            Col("name", "team name", ("name",), True),
            Col("members", "teachers, separated by ;", ("member_ids",), refs="Teachers"),
            Col("cohorts", "cohorts the team serves, separated by ;", ("cohort_ids",), refs="Cohorts"),
            Col("planning_minutes_per_week", "common planning minutes a week", ("planning_minutes_per_week",)),
            Col("min_meeting_minutes", "shortest common free time that counts (default 30)", ("min_meeting_minutes",)),
            Col(
                "cohort_pool", "cohorts the solver may give the team, separated by ;", ("cohort_pool",), refs="Cohorts"
            ),
            Col("cohorts_needed", "how many cohorts the solver gives it from the pool", ("cohorts_needed",)),
        ),
        "Teacher teams that need common planning time.",
        records=lambda p: p.teams,
    ),
    SheetSpec(
        "Prior pairings",
        "prior pairings",
        (
            Col("cohort", "the cohort", ("cohort_id",), True, ref="Cohorts"),
            Col("kind", "advisor, team or subject_teacher", ("kind",), True, choices=_values(PairingKind)),
            Col("subject", "for subject_teacher: the subject", ("subject_id",), ref="Subjects"),
            Col("teachers", "last year's teachers, separated by ;", ("teacher_ids",), refs="Teachers"),
            Col("team", "for team: last year's team", ("team_id",), ref="Teams"),
            Col("advisory", "for advisor: the advisory (crew) it led", ("advisory_id",), ref="Advisories"),
            Col("years", "years the pairing has held so far (default 1)", ("years",)),
        ),
        "Last year's pairings of cohorts with advisors, teams and teachers (for looping).",
        records=lambda p: p.prior_pairings,
    ),
    SheetSpec(
        "Students",
        "students",
        (
            ID_COL,
            Col("name", "name as printed", ("name",), True),
            Col("grade", "grade level (whole number)", ("grade",)),
            Col("cohort", "the cohort whose sections they follow (empty: none)", ("cohort_id",), ref="Cohorts"),
            Col("advisory", "their advisory (crew)", ("advisory_id",), ref="Advisories"),
            Col("pathway", "pathway or academy", ("pathway",)),
            Col("flags", "groups for reports such as ELL; IEP, separated by ;", ("flags",)),
        ),
        "Students as people: they follow their cohort's sections and add their own course requests.",
        records=lambda p: p.students,
    ),
    SheetSpec(
        "Requests",
        "course requests",
        (
            Col("student", "the student", ("student_id",), True, ref="Students"),
            Col("subject", "the subject (course) requested", ("subject_id",), True, ref="Subjects"),
            Col("rank", "1 = required (default), larger = lower preference", ("rank",)),
            Col(
                "alternate_for",
                "the student's request this one stands in for (a subject)",
                ("alternate_for",),
                ref="Subjects",
            ),
        ),
        "Course requests; the requests of each student listed here replace that student's earlier ones.",
        records=lambda p: p.requests,
    ),
    SheetSpec(
        "Minimums",
        "minimums",
        (
            Col("setting", "which requirement", required=True),
            Col("value", "the requirement (empty: none)"),
        ),
        "Requirements every scenario is checked against.",
        key_value=True,
    ),
    SheetSpec(
        "Scenarios",
        "scenarios",
        (
            ID_COL,
            Col("name", "scenario name", ("name",), True),
            Col("description", "what is different about it", ("description",)),
            Col("year_label", "school year label, e.g. 2026–27", ("calendar.label",)),
            Col("first_day", "first day of school (date)", ("calendar.first_day",)),
            Col("last_day", "last day of school (date)", ("calendar.last_day",)),
            Col("time_zone", "IANA time zone, e.g. America/Chicago", ("calendar.time_zone",)),
            Col(
                "rotation",
                "weekday (fixed map) or cycle (A/B, N-day)",
                ("calendar.rotation.kind",),
                choices=("weekday", "cycle"),
            ),
            Col(
                "weekday_map",
                "weekday rotation: mon=DAYTYPE; tue=DAYTYPE; … (day type ids)",
                ("calendar.rotation.weekday_map",),
            ),
            Col("cycle", "cycle rotation: day type ids in order, separated by ;", ("calendar.rotation.sequence",)),
            Col(
                "school_weekdays",
                "school weekdays, e.g. mon; tue; wed; thu; fri (default)",
                ("calendar.rotation.school_weekdays",),
            ),
            Col(
                "restart_after_holidays",
                "yes: the cycle starts again after a holiday",
                ("calendar.rotation.restart_after_holidays",),
                choices=_yes_no(),
            ),
            Col("year_sis_ids", "the school year's ids in the SIS (sourcedId=…)", ("calendar.external_ids",)),
            Col("weights", "soft rule weights: rule_id=weight; …", ("rules.weights",)),
            Col(
                "max_consecutive_teaching_blocks",
                "knob of the consecutive teaching rule (default 3)",
                ("rules.max_consecutive_teaching_blocks",),
            ),
            Col("long_block_minutes", "a block this long counts as long (default 80)", ("rules.long_block_minutes",)),
            Col("time_limit_seconds", "solver time limit (default 30)", ("rules.time_limit_seconds",)),
        ),
        "Scenarios: alternative calendars of the school, each with its own bells, sections and rules.",
    ),
    SheetSpec(
        "Terms",
        "terms",
        (
            SCENARIO_COL,
            ID_COL,
            Col("name", "term name", ("name",), True),
            Col("start", "first day (date)", ("start",), True),
            Col("end", "last day (date)", ("end",), True),
            Col("kind", "semester, trimester, quarter, term or intersession", ("kind",), choices=_values(TermKind)),
            SIS_COL,
        ),
        "Terms of each scenario's school year (semesters, quarters, 4x4 terms).",
        records=lambda sc: sc.calendar.terms,
        per_scenario=True,
    ),
    SheetSpec(
        "Holidays",
        "holidays",
        (
            SCENARIO_COL,
            Col("name", "holiday or break", ("name",), True),
            Col("start", "first day off (date)", ("start",), True),
            Col("end", "last day off (date; empty: one day)", ("end",)),
        ),
        "Days and breaks without school.",
        records=lambda sc: sc.calendar.holidays,
        per_scenario=True,
    ),
    SheetSpec(
        "Special days",
        "special days",
        (
            SCENARIO_COL,
            Col("day", "the date", ("day",), True),
            Col(
                "kind",
                "late_start, early_release, half_day, pd or other",
                ("kind",),
                True,
                choices=_values(SpecialDayKind),
            ),
            Col("day_type", "day type to follow that day (empty: the rotation's)", ("day_type_id",), ref="Day types"),
            Col("students_attend", "no: adults only (PD)", ("students_attend",), choices=_yes_no()),
            Col(
                "bell_schedule", "that day's bells (a late-start schedule)", ("bell_schedule_id",), ref="Bell schedules"
            ),
            Col("note", "note", ("note",)),
        ),
        "Late starts, PD days and other days with other bells.",
        records=lambda sc: sc.calendar.special_days,
        per_scenario=True,
    ),
    SheetSpec(
        "Day overrides",
        "day overrides",
        (
            SCENARIO_COL,
            Col("day", "the date", ("day",), True),
            Col("day_type", "the day type that date is", ("day_type",), True, ref="Day types"),
        ),
        "Dates that are a given day type whatever the rotation says.",
        per_scenario=True,
    ),
    SheetSpec(
        "Bell schedules",
        "bell schedules",
        (SCENARIO_COL, ID_COL, Col("name", "bell schedule name", ("name",), True)),
        "Bell schedules; their blocks are on the Blocks sheet.",
        records=lambda sc: sc.bell_schedules,
        per_scenario=True,
    ),
    SheetSpec(
        "Blocks",
        "blocks",
        (
            SCENARIO_COL,
            Col("bell_schedule", "the bell schedule", required=True, ref="Bell schedules"),
            Col("id", "block id, unique in its bell schedule (e.g. p1)", required=True),
            Col("start", "start time, e.g. 8:30", required=True),
            Col("end", "end time, e.g. 10:00", required=True),
            Col("kind", "class, advisory, lunch, passing, planning, internship or flex", choices=_values(BlockKind)),
            Col("label", "label as printed"),
        ),
        "The blocks of each bell schedule (a bell schedule listed here gets exactly these blocks).",
        per_scenario=True,
    ),
    SheetSpec(
        "Day types",
        "day types",
        (
            SCENARIO_COL,
            ID_COL,
            Col("name", "day type name (Monday, A day, …)", ("name",), True),
            Col("bell_schedule", "the bell schedule it follows", ("bell_schedule_id",), True, ref="Bell schedules"),
        ),
        "The days of each scenario's cycle, in order.",
        records=lambda sc: sc.day_types,
        per_scenario=True,
    ),
    SheetSpec(
        "Sections",
        "sections",
        (
            SCENARIO_COL,
            ID_COL,
            Col("name", "name as printed", ("name",), True),
            Col("subject", "subject", ("subject_id",), True, ref="Subjects"),
            Col("cohorts", "cohorts it serves, separated by ;", ("cohort_ids",), refs="Cohorts"),
            Col("meetings_per_cycle", "meetings per cycle (default 1)", ("meetings_per_cycle",)),
            Col("length_minutes", "length in minutes (or give length_blocks)", ("length_minutes",)),
            Col("length_blocks", "length in blocks, 2 = double (default 1)", ("length_blocks",)),
            Col(
                "teachers",
                "fixed teachers, separated by ; (two or more: team-taught)",
                ("teacher_ids",),
                refs="Teachers",
            ),
            Col(
                "teacher_pool",
                "teachers the solver may choose from, separated by ;",
                ("teacher_pool",),
                refs="Teachers",
            ),
            Col("teachers_needed", "how many teachers from the pool (default 1)", ("teachers_needed",)),
            Col("room", "fixed room", ("room_id",), ref="Rooms"),
            Col("room_features", "room features needed, separated by ;", ("room_features",)),
            Col("min_capacity", "smallest room capacity (default: the enrolment)", ("min_capacity",)),
            Col("enrolment", "students (default: its cohorts' sizes)", ("enrolment",)),
            Col("allow_break_span", "yes: may span lunch or advisory", ("allow_break_span",), choices=_yes_no()),
            Col("term", "term (empty: the whole year)", ("term_id",), ref="Terms"),
            Col(
                "max_enrolment", "most students, open seats filled from requests (empty: no limit)", ("max_enrolment",)
            ),
            SIS_COL,
        ),
        "Sections: what the solver places, per scenario.",
        records=lambda sc: sc.sections,
        per_scenario=True,
    ),
    SheetSpec(
        "Internships",
        "internships",
        (
            SCENARIO_COL,
            ID_COL,
            Col("name", "name", ("name",), True),
            Col("cohorts", "cohorts away, separated by ;", ("cohort_ids",), refs="Cohorts"),
            Col("windows", "when: DAYTYPE HH:MM-HH:MM; …", ("windows",)),
            Col("travel_minutes", "travel buffer on either side", ("travel_minutes",)),
            Col("description", "description", ("description",)),
        ),
        "Internships and work-based learning: cohorts off campus.",
        records=lambda sc: sc.internships,
        per_scenario=True,
    ),
    SheetSpec(
        "Looping rules",
        "looping rules",
        (
            SCENARIO_COL,
            Col("id", "unique id; leave empty to make one", ("id",)),
            Col("cohort", "the cohort (empty for an advisory's rule)", ("cohort_id",), ref="Cohorts"),
            Col("kind", "advisor, team or subject_teacher", ("kind",), True, choices=_values(PairingKind)),
            Col("subject", "for subject_teacher: the subject", ("subject_id",), ref="Subjects"),
            Col("hard", "yes: must hold; no: should hold", ("hard",), choices=_yes_no()),
            Col("weight", "penalty per broken soft pairing (default 10)", ("weight",)),
            Col("advisory", "an advisor rule for one advisory (crew)", ("advisory_id",), ref="Advisories"),
            Col("years", "how many years the pairing lasts (empty: as long as it stays)", ("years",)),
        ),
        "Which of last year's pairings must or should carry over.",
        records=lambda sc: sc.looping_rules,
        per_scenario=True,
    ),
    SheetSpec(
        "Enrolments",
        "enrolments",
        (
            SCENARIO_COL,
            Col("student", "the student", ("student_id",), True, ref="Students"),
            Col("section", "the open section they sit in", ("section_id",), True, ref="Sections"),
            Col("pinned", "yes: the solver keeps it", ("pinned",), choices=_yes_no()),
        ),
        "Students seated in open sections by the scenario's timetable (pinned ones stay when solving again); "
        "the rows of a scenario replace its enrolments.",
        records=lambda sc: sc.solution.enrolments,
        per_scenario=True,
    ),
)
SPECS = {s.title: s for s in SHEETS}

ABOUT_KEYS = {
    "name": "project name",
    "school_name": "school name",
    "description": "description",
    "sis_ids": "the school's ids in the SIS (sourcedId=…)",
}
MINIMUM_KEYS = {
    "annual_instructional_minutes": "annual instructional minutes per cohort",
    "by_grade": "per grade: GRADE=MINUTES; … (overrides the above)",
    "count_advisory_as_instruction": "yes: advisory minutes count as instruction",
    "subject_annual_minutes": "per subject: SUBJECT=MINUTES; …",
    "advisory_minutes_per_week": "advisory minutes per week per cohort",
    "internship_hours_per_year": "internship hours per year per cohort with an internship",
    "instructional_days": "school days in the year",
    "team_planning_from_teams": "yes: each team's own planning minutes are required",
}

README_LINES = (
    "dlplanner school workbook",
    "",
    "One sheet per kind of record. Row 1 is the header; hover over a header cell for what the column means.",
    "Refer to other records by name (or id). Lists inside a cell are separated by ; (semicolon).",
    "Times: 8:30. Dates: 2026-08-24. Time windows: DAYTYPE HH:MM-HH:MM, or * HH:MM-HH:MM for every day type.",
    "Sheets marked 'per scenario' have a scenario column: the scenario (Scenarios sheet) the row belongs to.",
    "Importing: a row updates the record with the same id (else the same name) or adds a new one;",
    "a column you delete keeps the records' values; records not listed stay as they are.",
    "If any row has a problem, nothing is imported and every problem is listed with its sheet, row and column.",
    "",
    "Create a project:  dlplanner new school.dlp --from school.xlsx",
    "Merge into one:    dlplanner import school.dlp school.xlsx",
)


# -- writing -------------------------------------------------------------------------------------


def _ids_text(ids: Iterable[str], names: dict[str, str]) -> str:
    return "; ".join(names.get(i, i) for i in ids)


def _mapping_text(mapping: dict[Any, Any]) -> str:
    return "; ".join(f"{k}={v}" for k, v in mapping.items())


def _window_text(window: TimeWindow) -> str:
    return f"{window.day_type_id or '*'} {fmt_time(window.start)}-{fmt_time(window.end)}"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _opt(value: Any) -> Any:
    return "" if value is None else value


def _names(records_by_sheet: dict[str, list[Any]]) -> dict[str, dict[str, str]]:
    """Sheet title -> what a reference to each of its records writes (its name where unambiguous)."""
    return {title: display_names(records) for title, records in records_by_sheet.items()}


def _cell(col: Col, record: Any, names: dict[str, dict[str, str]]) -> Any:
    """What column ``col`` writes for ``record``: its first attribute, by the value's type (names for
    references, ``;`` lists, yes/no, key=value, time windows, day-type blocks); "" for none."""
    value: Any = record
    for part in col.attrs[0].split("."):
        value = getattr(value, part)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return _mapping_text(value)
    if isinstance(value, (list, set)):
        items = sorted(value) if isinstance(value, set) else value
        if items and isinstance(items[0], TimeWindow):
            return "; ".join(_window_text(w) for w in items)
        if items and isinstance(items[0], BlockRef):
            return "; ".join(f"{b.day_type_id} {b.block_id}" for b in items)
        return _ids_text(items, names.get(col.refs, {}))
    if col.ref and value:
        return names[col.ref].get(value, value)
    return value


def _record_rows(spec: SheetSpec, owner: Any, names: dict[str, dict[str, str]], key: str = "") -> list[list[Any]]:
    """One row per record of ``spec`` (of the project, or of a scenario whose name or id is ``key``)."""
    assert spec.records is not None
    return [
        [key if col is SCENARIO_COL else _cell(col, record, names) for col in spec.columns]
        for record in spec.records(owner)
    ]


def _rows(project: Project) -> dict[str, list[list[Any]]]:
    """The data rows of every sheet."""
    names = _names(
        {
            "Subjects": project.subjects,
            "Campuses": project.campuses,
            "Teachers": project.teachers,
            "Rooms": project.rooms,
            "Cohorts": project.cohorts,
            "Teams": project.teams,
            "Advisories": project.advisories,
            "Scenarios": project.scenarios,
            "Students": project.students,
        }
    )
    rows: dict[str, list[list[Any]]] = {title: [] for title in SPECS}
    for spec in SHEETS:
        if spec.records is not None and not spec.per_scenario:
            rows[spec.title] = _record_rows(spec, project, names)
    rows["About"] = [
        ["name", project.name],
        ["school_name", project.school_name],
        ["description", project.description],
        ["sis_ids", _mapping_text(project.external_ids)],
    ]
    m = project.minimums
    rows["Minimums"] = [
        ["annual_instructional_minutes", _opt(m.annual_instructional_minutes)],
        ["by_grade", _mapping_text(m.by_grade)],
        ["count_advisory_as_instruction", _yes(m.count_advisory_as_instruction)],
        [
            "subject_annual_minutes",
            _mapping_text({names["Subjects"].get(k, k): v for k, v in m.subject_annual_minutes.items()}),
        ],
        ["advisory_minutes_per_week", _opt(m.advisory_minutes_per_week)],
        ["internship_hours_per_year", _opt(m.internship_hours_per_year)],
        ["instructional_days", _opt(m.instructional_days)],
        ["team_planning_from_teams", _yes(m.team_planning_from_teams)],
    ]
    for sc in project.scenarios:
        _scenario_rows(sc, names, rows)
    return rows


def _scenario_rows(sc: Scenario, project_names: dict[str, dict[str, str]], rows: dict[str, list[list[Any]]]) -> None:
    key = project_names["Scenarios"][sc.id]
    names = {
        **project_names,
        **_names(
            {
                "Bell schedules": sc.bell_schedules,
                "Day types": sc.day_types,
                "Terms": sc.calendar.terms,
                "Sections": sc.sections,
            }
        ),
    }
    cal = sc.calendar
    rot = cal.rotation
    rows["Scenarios"].append(
        [
            sc.id,
            sc.name,
            sc.description,
            cal.label,
            cal.first_day,
            cal.last_day,
            cal.time_zone,
            rot.kind.value,
            _mapping_text({WEEKDAYS[d]: t for d, t in rot.weekday_map.items()}),
            "; ".join(rot.sequence),
            "; ".join(WEEKDAYS[d] for d in rot.school_weekdays),
            _yes(rot.restart_after_holidays),
            _mapping_text(cal.external_ids),
            _mapping_text(sc.rules.weights),
            sc.rules.max_consecutive_teaching_blocks,
            sc.rules.long_block_minutes,
            sc.rules.time_limit_seconds,
        ]
    )
    for spec in SHEETS:
        if spec.records is not None and spec.per_scenario:
            rows[spec.title] += _record_rows(spec, sc, names, key)
    days = names["Day types"]
    for day, day_type in rot.overrides.items():
        rows["Day overrides"].append([key, day, days.get(day_type, day_type)])
    bells = names["Bell schedules"]
    for b in sc.bell_schedules:
        for block in b.blocks:
            rows["Blocks"].append(
                [key, bells[b.id], block.id, fmt_time(block.start), fmt_time(block.end), block.kind.value, block.label]
            )


_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def write_school_workbook(project: Project | None, path: str | Path) -> Path:
    """Write ``project`` (None: a blank template) as a workbook at ``path``."""
    path = Path(path)
    rows = _rows(project) if project is not None else {}
    if project is None:  # the template still lists the settings a person fills in
        rows = {"About": [[k, ""] for k in ABOUT_KEYS], "Minimums": [[k, ""] for k in MINIMUM_KEYS]}
    book = Workbook()
    readme = book.active
    readme.title = "Read me"
    for line in README_LINES:
        readme.append([line])
    readme.column_dimensions["A"].width = 110
    readme["A1"].font = Font(bold=True, size=14)
    for spec in SHEETS:
        sheet = book.create_sheet(spec.title)
        _write_sheet(sheet, spec, rows.get(spec.title, []))
    book.save(path)
    return path


def _write_sheet(sheet: Any, spec: SheetSpec, data: list[list[Any]]) -> None:
    sheet.append([c.name for c in spec.columns])
    helps = ABOUT_KEYS if spec.title == "About" else MINIMUM_KEYS if spec.title == "Minimums" else {}
    for index, col in enumerate(spec.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        note = col.help + (" (required)" if col.required else "")
        if index == 1:
            note += f"\n\n{spec.help}" + ("\nPer scenario." if spec.per_scenario else "")
        cell.comment = Comment(note, "dlplanner", width=320, height=140)
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(col.name) + 4))
    for values in data:
        sheet.append([_cell_value(v) for v in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    if spec.key_value:
        for row, (key, _value) in enumerate(data, start=2):
            if key in helps:
                sheet.cell(row=row, column=1).comment = Comment(helps[key], "dlplanner", width=300, height=60)
    sheet.freeze_panes = "A2"
    _add_validations(sheet, spec, len(data))


def _cell_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and float(f"{value:.15g}") != value:
        return repr(value)  # a spreadsheet keeps 15 digits; text keeps every bit of 0.30000000000000004
    return value


def _add_validations(sheet: Any, spec: SheetSpec, count: int) -> None:
    last = max(VALIDATION_ROWS, count + 200)
    for index, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        if col.choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True)
            rule.error = f"{col.name}: one of {', '.join(col.choices)}"
            rule.errorStyle = "stop"
        elif col.ref:
            target = SPECS[col.ref]
            name_index = next(i for i, c in enumerate(target.columns, start=1) if c.name == "name")
            name_letter = get_column_letter(name_index)
            rule = DataValidation(
                type="list", formula1=f"'{col.ref}'!${name_letter}$2:${name_letter}${last}", allow_blank=True
            )
            rule.error = f"{col.name}: a name from the {col.ref} sheet (or an id)"
            rule.errorStyle = "warning"  # ids are welcome too
        else:
            continue
        rule.showErrorMessage = True
        rule.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(rule)


# -- reading -------------------------------------------------------------------------------------


def _norm(header: Any) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(header or "").strip().casefold()).strip("_")


@dataclass
class Sheet:
    """The rows of one sheet (or CSV file) of a known kind, keyed by column name."""

    spec: SheetSpec
    columns: set[str]
    rows: list[tuple[int, dict[str, Any]]]
    name: str = ""  # the sheet named in messages; "" for a CSV file (its rows are lines)


def _read_sheets(path: Path, problems: list[SourceProblem], notes: list[str]) -> dict[str, Sheet]:
    file = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        problems.append(SourceProblem(file, f"file not found: {path}"))
        return {}
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        problems.append(
            SourceProblem(
                file,
                f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); "
                "save it from Excel or LibreOffice as .xlsx and try again",
            )
        )
        return {}
    sheets: dict[str, Sheet] = {}
    by_norm = {_norm(s.title): s for s in SHEETS}
    try:
        for sheet in book.worksheets:
            spec = by_norm.get(_norm(sheet.title))
            if spec is None:
                if _norm(sheet.title) != "read_me":
                    notes.append(f"{file}: sheet '{sheet.title}' is not one dlplanner reads; ignored")
                continue
            rows_iter = sheet.iter_rows(values_only=True)
            header = next(rows_iter, None)
            if not header or not any(h is not None and str(h).strip() for h in header):
                continue  # an empty sheet: nothing of that kind
            names = [_norm(h) for h in header]
            known = {c.name for c in spec.columns}
            for index, name in enumerate(names):
                if name and name not in known:
                    notes.append(
                        f"{file}, sheet '{sheet.title}': column '{header[index]}' is not one dlplanner reads; ignored"
                    )
            seen: set[str] = set()
            for index, name in enumerate(names):
                if name in known and name in seen:
                    problems.append(
                        SourceProblem(file, "column appears twice; delete one", sheet.title, 1, str(header[index]))
                    )
                seen.add(name)
            present = {n for n in names if n in known}
            for col in spec.columns:
                if col.required and col.name not in present:
                    problems.append(
                        SourceProblem(file, f"required column is missing ({col.help})", sheet.title, 1, col.name)
                    )
            rows = []
            for number, values in enumerate(rows_iter, start=2):
                if not values or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                rows.append(
                    (number, {names[i]: v for i, v in enumerate(values) if i < len(names) and names[i] in known})
                )
            sheets[spec.title] = Sheet(spec, present, rows, sheet.title)
    except Exception as exc:  # a truncated or corrupt part only shows while reading rows
        problems.append(
            SourceProblem(
                file,
                f"cannot read the workbook ({type(exc).__name__}: {exc}); "
                "it may be damaged: save it again from Excel or LibreOffice",
            )
        )
    finally:
        book.close()
    return sheets


class _Cells:
    """Typed reading of one row, collecting problems instead of stopping at the first."""

    def __init__(self, file: str, sheet: Sheet, number: int, row: dict[str, Any], problems: list[SourceProblem]):
        self.file, self.sheet, self.row_number, self.row, self.problems = file, sheet, number, row, problems

    def has(self, column: str) -> bool:
        return column in self.sheet.columns

    def fail(self, column: str, message: str) -> None:
        self.problems.append(SourceProblem(self.file, message, self.sheet.name, self.row_number, column))

    def raw(self, column: str) -> Any:
        return self.row.get(column)

    def text(self, column: str, required: bool = False) -> str:
        value = self.row.get(column)
        if value is None:
            text = ""
        elif isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        elif isinstance(value, datetime):
            text = value.date().isoformat() if value.time() == time() else value.isoformat()
        elif isinstance(value, (date, time)):
            text = value.isoformat()
        else:
            text = str(value).strip()
        if required and not text:
            self.fail(column, "is empty; it is required")
        return text

    def integer(
        self, column: str, *, required: bool = False, default: int | None = None, minimum: int = 0
    ) -> int | None:
        value = self.row.get(column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = self.text(column, required)
            if not text:
                return default
            if not re.fullmatch(r"-?\d+", text.replace(",", "")):
                self.fail(column, f"'{text}' is not a whole number")
                return default
            number = int(text.replace(",", ""))
        if number < minimum:
            self.fail(column, f"{number} is too small (at least {minimum})")
        elif number > MAX_WHOLE_NUMBER:
            self.fail(column, f"{number} is too large (at most {MAX_WHOLE_NUMBER:,})")
            return default
        return number

    def number(self, column: str, default: float) -> float:
        value = self.row.get(column)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        text = self.text(column)
        if not text:
            return default
        try:
            return float(text)
        except ValueError:
            self.fail(column, f"'{text}' is not a number")
            return default

    def flag(self, column: str, default: bool = False) -> bool:
        value = self.row.get(column)
        if isinstance(value, bool):
            return value
        text = self.text(column).casefold()
        if not text:
            return default
        if text in ("no", "n", "false", "0"):
            return False
        if text in ("yes", "y", "true", "1", "x"):
            return True
        self.fail(column, f"'{text}' is not yes or no")
        return default

    def day(self, column: str, required: bool = False) -> date | None:
        value = self.row.get(column)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = self.text(column, required)
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.fail(column, f"'{text}' is not a date (YYYY-MM-DD, e.g. 2026-08-24)")
            return None

    def clock(self, column: str) -> int | None:
        value = self.row.get(column)
        if isinstance(value, datetime):
            value = value.time()
        if isinstance(value, time):
            return value.hour * 60 + value.minute
        text = self.text(column, required=True)
        if not text:
            return None
        minutes = _parse_clock(text)
        if minutes is None:
            self.fail(column, f"'{text}' is not a time of day (H:MM, e.g. 8:30)")
        return minutes

    def items(self, column: str) -> list[str]:
        return [part.strip() for part in self.text(column).split(";") if part.strip()]

    def enum(self, column: str, cls: type[Enum], default: Any = None) -> Any:
        text = self.text(column, required=default is None)
        if not text:
            return default
        try:
            return cls(text.casefold().replace(" ", "_").replace("-", "_"))
        except ValueError:
            allowed = ", ".join(str(m.value) for m in cls)  # type: ignore[attr-defined]
            self.fail(column, f"'{text}' is not one of {allowed}")
            return default

    def ref(self, column: str, lookup: Lookup, required: bool = False) -> str | None:
        text = self.text(column, required)
        if not text:
            return None
        found = lookup.find(text)
        if found is None:
            self.fail(column, lookup.why_not(text))
        return found

    def refs(self, column: str, lookup: Lookup) -> list[str]:
        ids: list[str] = []
        for item in self.items(column):
            found = lookup.find(item)
            if found is None:
                self.fail(column, lookup.why_not(item))
            elif found not in ids:
                ids.append(found)
        return ids

    def mapping(self, column: str) -> dict[str, str]:
        result: dict[str, str] = {}
        for item in self.items(column):
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                self.fail(column, f"'{item}' is not KEY=VALUE")
                continue
            result[key.strip()] = value.strip()
        return result

    def windows(self, column: str, day_types: Lookup) -> list[TimeWindow]:
        result = []
        for item in self.items(column):
            match = re.fullmatch(r"(\S+)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})", item)
            start = _parse_clock(match.group(2)) if match else None
            end = _parse_clock(match.group(3)) if match else None
            if match is None or start is None or end is None:
                self.fail(column, f"'{item}' is not DAYTYPE HH:MM-HH:MM (e.g. 'mon 8:00-9:30' or '* 15:00-16:00')")
                continue
            if end <= start:
                self.fail(column, f"'{item}' ends before it starts")
                continue
            day_id = None
            if match.group(1) != "*":
                day_id = day_types.find(match.group(1))
                if day_id is None:
                    self.fail(column, day_types.why_not(match.group(1)))
                    continue
            result.append(TimeWindow(day_id, start, end))
        return result


def _parse_clock(text: str) -> int | None:
    match = re.fullmatch(r"(\d{1,2})[:.h](\d{2})(?::00)?", text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 24 or minutes > 59:
        return None
    return hours * 60 + minutes


SINGULAR = {"campuses": "campus", "advisories": "advisory", "teams": "teacher team"}  # else: drop the s


@dataclass
class _Identified:
    number: int
    row: dict[str, Any]
    final_id: str
    existing: Any  # the matched record, or None


@dataclass
class _Reader:
    """One workbook read against one project (a deep copy that becomes the result)."""

    file: str
    sheets: dict[str, Sheet]
    result: Project
    problems: list[SourceProblem]
    rename_project: bool
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lookups: dict[tuple[str, str | None], Lookup] = field(default_factory=dict)

    # -- helpers ---------------------------------------------------------------------------------
    def cells(self, sheet: Sheet, number: int, row: dict[str, Any]) -> _Cells:
        return _Cells(self.file, sheet, number, row, self.problems)

    def lookup(self, kind: str, scenario_id: str | None = None) -> Lookup:
        key = (kind, scenario_id)
        if key not in self.lookups:
            self.lookups[key] = Lookup(SINGULAR.get(kind, kind.removesuffix("s")))
        return self.lookups[key]

    def identify(self, title: str, existing: list[Any], lookup: Lookup, rows=None) -> list[_Identified]:
        """Which existing record each row is (same id, else same name), and each row's final id."""
        for record in existing:
            lookup.add(record.id, getattr(record, "name", ""))
        sheet = self.sheets.get(title)
        if sheet is None:
            return []
        by_id = {r.id: r for r in existing}
        by_name: dict[str, list[Any]] = {}
        for record in existing:
            by_name.setdefault(getattr(record, "name", "").casefold(), []).append(record)
        taken = set(by_id)
        first: dict[str, int] = {}
        found = []
        for number, row in rows if rows is not None else sheet.rows:
            cells = self.cells(sheet, number, row)
            given = cells.text("id")
            name = cells.text("name")
            match = by_id.get(given) if given else None
            if match is None and not given and name:
                candidates = by_name.get(name.casefold(), [])
                match = candidates[0] if len(candidates) == 1 else None
            if match is not None:
                final = match.id
            elif given:
                final = given
                taken.add(given)
            elif name:
                final = unique_id(slug(name), taken)
            else:
                cells.fail("name", "is empty; give a name or an id")
                continue
            if final in first:
                cells.fail("id" if given else "name", f"'{given or name}' is already on row {first[final]}")
                continue
            first[final] = number
            if match is not None and name:
                lookup.remove(match.id, match.name)
            lookup.add(final, name)
            found.append(_Identified(number, row, final, match))
        return found

    def keep_absent(self, sheet: Sheet, record: Any, existing: Any) -> None:
        """Columns the sheet leaves out keep the existing record's values."""
        if existing is None:
            return
        for col in sheet.spec.columns:
            if col.name in sheet.columns:
                continue
            for attr in col.attrs:
                if attr == "id":
                    continue
                source, target = existing, record
                *path, last = attr.split(".")
                for part in path:
                    source, target = getattr(source, part), getattr(target, part)
                setattr(target, last, copy.deepcopy(getattr(source, last)))

    def scenario_rows(self, title: str) -> dict[str, list[tuple[int, dict[str, Any]]]]:
        """The rows of a per-scenario sheet grouped by their scenario's final id."""
        sheet = self.sheets.get(title)
        grouped: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        if sheet is None:
            return grouped
        scenarios = self.lookup("scenarios")
        for number, row in sheet.rows:
            scenario_id = self.cells(sheet, number, row).ref("scenario", scenarios, required=True)
            if scenario_id is not None:
                grouped.setdefault(scenario_id, []).append((number, row))
        return grouped

    def put(self, kind: str, items: list[Any], record: Any, name: str = "", scenario_id=None, key=None) -> None:
        old = upsert(items, record, key)
        label = key(record) if key else record.id
        record_changes(self.changes, kind, old, record, str(label), name or getattr(record, "name", ""), scenario_id)

    # -- the read ---------------------------------------------------------------------------------
    def read(self) -> None:
        p = self.result
        self.about()
        subjects = self.identify("Subjects", p.subjects, self.lookup("subjects"))
        campuses = self.identify("Campuses", p.campuses, self.lookup("campuses"))
        teachers = self.identify("Teachers", p.teachers, self.lookup("teachers"))
        rooms = self.identify("Rooms", p.rooms, self.lookup("rooms"))
        cohorts = self.identify("Cohorts", p.cohorts, self.lookup("cohorts"))
        advisories = self.identify("Advisories", p.advisories, self.lookup("advisories"))
        teams = self.identify("Teams", p.teams, self.lookup("teams"))
        students = self.identify("Students", p.students, self.lookup("students"))
        scenarios = self.identify("Scenarios", p.scenarios, self.lookup("scenarios"))
        self.scenarios_identified = scenarios
        self.identify_scenario_parts()
        day_types_anywhere = Lookup("day type")
        for (kind, _sid), lookup in self.lookups.items():
            if kind == "day types":
                for day_id in lookup.ids:
                    day_types_anywhere.add(day_id)
        self.day_types_anywhere = day_types_anywhere

        self.build("Subjects", subjects, p.subjects, self.subject)
        self.build("Campuses", campuses, p.campuses, self.campus)
        self.travel()
        self.build("Teachers", teachers, p.teachers, self.teacher)
        self.build("Rooms", rooms, p.rooms, self.room)
        self.build("Cohorts", cohorts, p.cohorts, self.cohort)
        self.build("Advisories", advisories, p.advisories, self.advisory)
        self.build("Teams", teams, p.teams, self.team)
        self.prior_pairings()
        self.build("Students", students, p.students, self.student)
        self.requests()
        self.minimums()
        self.build("Scenarios", scenarios, p.scenarios, self.scenario)
        for scenario in p.scenarios:
            self.scenario_parts(scenario)

    @property
    def scenario_rows_read(self) -> dict[str, int]:
        """Scenario id -> its row on the Scenarios sheet (the scenarios whose settings this workbook gives)."""
        return {found.final_id: found.number for found in self.scenarios_identified}

    def build(
        self,
        title: str,
        rows: list[_Identified],
        items: list[Any],
        make: Callable[..., Any],
        sc: Scenario | None = None,
    ) -> None:
        """Make each identified row's record (of the project, or of scenario ``sc``) and put it in ``items``."""
        sheet = self.sheets.get(title)
        if sheet is None:
            return
        for found in rows:
            cells = self.cells(sheet, found.number, found.row)
            record = make(cells, found.final_id, found.existing, *((sc,) if sc is not None else ()))
            self.keep_absent(sheet, record, found.existing)
            if sc is None:
                self.put(sheet.spec.kind, items, record)
            else:
                self.put(sheet.spec.kind, items, record, getattr(record, "name", "") or record.id, scenario_id=sc.id)

    def key_values(self, title: str, known: dict[str, str]) -> dict[str, _Cells]:
        sheet = self.sheets.get(title)
        result: dict[str, _Cells] = {}
        if sheet is None:
            return result
        for number, row in sheet.rows:
            cells = self.cells(sheet, number, row)
            key = _norm(cells.text("setting"))
            if key not in known:
                cells.fail("setting", f"'{cells.text('setting')}' is not a setting (settings: {', '.join(known)})")
                continue
            result[key] = cells
        return result

    def about(self) -> None:
        p = self.result
        values = self.key_values("About", ABOUT_KEYS)
        if not values:
            return
        before = (p.name, p.school_name, p.description, dict(p.external_ids))
        if "name" in values and self.rename_project and values["name"].text("value"):
            p.name = values["name"].text("value")
        if "school_name" in values:
            p.school_name = values["school_name"].text("value")
        if "description" in values:
            p.description = values["description"].text("value")
        if "sis_ids" in values:
            p.external_ids = values["sis_ids"].mapping("value")
        after = (p.name, p.school_name, p.description, p.external_ids)
        record_changes(self.changes, "project settings", before, after, "about", p.name)

    def minimums(self) -> None:
        values = self.key_values("Minimums", MINIMUM_KEYS)
        if not values:
            return
        old = self.result.minimums
        m = copy.deepcopy(old)
        subjects = self.lookup("subjects")
        for key, cells in values.items():
            if key in ("count_advisory_as_instruction", "team_planning_from_teams"):
                setattr(m, key, cells.flag("value", getattr(Minimums(), key)))
            elif key == "by_grade":
                m.by_grade = {}
                for grade, minutes in cells.mapping("value").items():
                    if grade.isdigit() and minutes.isdigit():
                        m.by_grade[int(grade)] = int(minutes)
                    else:
                        cells.fail("value", f"'{grade}={minutes}' is not GRADE=MINUTES (e.g. 9=64800)")
            elif key == "subject_annual_minutes":
                m.subject_annual_minutes = {}
                for subject, minutes in cells.mapping("value").items():
                    found = subjects.find(subject)
                    if found is None:
                        cells.fail("value", subjects.why_not(subject))
                    elif not minutes.isdigit():
                        cells.fail("value", f"'{minutes}' is not a whole number of minutes")
                    else:
                        m.subject_annual_minutes[found] = int(minutes)
            else:
                setattr(m, key, cells.integer("value"))
        self.result.minimums = m
        record_changes(self.changes, "minimums", old, m, "minimums", "minimums")

    # -- project records ---------------------------------------------------------------------------
    def subject(self, c: _Cells, final: str, old: Subject | None) -> Subject:
        return Subject(
            final,
            c.text("name", True),
            c.text("color") or (old.color if old else Subject("", "").color),
            c.text("department"),
            c.flag("project_based"),
            c.mapping("sis_ids"),
        )

    def campus(self, c: _Cells, final: str, old: Campus | None) -> Campus:
        return Campus(final, c.text("name", True), c.text("address"))

    def travel(self) -> None:
        sheet = self.sheets.get("Travel")
        if sheet is None:
            return
        campuses = self.lookup("campuses")
        for number, row in sheet.rows:
            c = self.cells(sheet, number, row)
            a = c.ref("campus_a", campuses, True) or ""
            b = c.ref("campus_b", campuses, True) or ""
            record = CampusTravel(a, b, c.integer("minutes", required=True, default=0) or 0)
            self.put(
                "travel times",
                self.result.travel,
                record,
                f"{a}–{b}",
                key=lambda t: frozenset((t.campus_a, t.campus_b)),
            )

    def teacher(self, c: _Cells, final: str, old: Teacher | None) -> Teacher:
        return Teacher(
            final,
            c.text("name", True),
            set(c.refs("subjects", self.lookup("subjects"))),
            c.integer("max_minutes_per_week"),
            c.windows("unavailable", self.day_types_anywhere),
            c.windows("avoid", self.day_types_anywhere),
            c.ref("campus", self.lookup("campuses")),
            c.text("email"),
            c.mapping("sis_ids"),
            c.integer("max_advisories"),
        )

    def room(self, c: _Cells, final: str, old: Room | None) -> Room:
        return Room(
            final,
            c.text("name", True),
            c.integer("capacity", required=True, default=0) or 0,
            {f.casefold() for f in c.items("features")},
            c.ref("campus", self.lookup("campuses")),
            c.mapping("sis_ids"),
        )

    def cohort(self, c: _Cells, final: str, old: Cohort | None) -> Cohort:
        return Cohort(
            final,
            c.text("name", True),
            c.integer("grade", required=True, default=0) or 0,
            c.integer("size", required=True, default=0) or 0,
            c.text("pathway"),
            c.text("identity"),
            c.ref("campus", self.lookup("campuses")),
            c.mapping("sis_ids"),
        )

    def advisory(self, c: _Cells, final: str, old: Advisory | None) -> Advisory:
        blocks = []
        for item in c.items("meeting_blocks"):
            parts = item.split()
            if len(parts) != 2:
                c.fail("meeting_blocks", f"'{item}' is not DAYTYPE BLOCK (e.g. 'mon adv')")
                continue
            day = self.day_types_anywhere.find(parts[0])
            if day is None:
                c.fail("meeting_blocks", self.day_types_anywhere.why_not(parts[0]))
                continue
            blocks.append(BlockRef(day, parts[1]))
        return Advisory(
            final,
            c.text("name", True),
            c.ref("advisor", self.lookup("teachers")) or "",
            c.refs("cohorts", self.lookup("cohorts")),
            c.integer("size", default=0) or 0,
            c.ref("room", self.lookup("rooms")),
            blocks,
            c.text("identity"),
            c.refs("advisor_pool", self.lookup("teachers")),
        )

    def team(self, c: _Cells, final: str, old: TeacherTeam | None) -> TeacherTeam:
        return TeacherTeam(
            final,
            c.text("name", True),
            c.refs("members", self.lookup("teachers")),
            c.refs("cohorts", self.lookup("cohorts")),
            c.integer("planning_minutes_per_week", default=0) or 0,
            c.integer("min_meeting_minutes", default=30) or 0,
            c.refs("cohort_pool", self.lookup("cohorts")),
            c.integer("cohorts_needed", default=0) or 0,
        )

    def prior_pairings(self) -> None:
        sheet = self.sheets.get("Prior pairings")
        if sheet is None:
            return
        for number, row in sheet.rows:
            c = self.cells(sheet, number, row)
            record = PriorPairing(
                c.ref("cohort", self.lookup("cohorts"), True) or "",
                c.enum("kind", PairingKind) or PairingKind.ADVISOR,
                c.ref("subject", self.lookup("subjects")),
                c.refs("teachers", self.lookup("teachers")),
                c.ref("team", self.lookup("teams")),
                c.ref("advisory", self.lookup("advisories")),
                c.integer("years", default=1, minimum=1) or 1,
            )
            label = f"{record.cohort_id} {record.kind.value}" + (f" {record.subject_id}" if record.subject_id else "")
            label += f" {record.advisory_id}" if record.advisory_id else ""
            self.put(
                "prior pairings",
                self.result.prior_pairings,
                record,
                label,
                key=lambda r: (r.cohort_id, r.kind, r.subject_id, r.advisory_id),
            )

    def student(self, c: _Cells, final: str, old: Student | None) -> Student:
        return Student(
            final,
            c.text("name", True),
            c.integer("grade", default=0) or 0,
            c.ref("cohort", self.lookup("cohorts")),
            c.ref("advisory", self.lookup("advisories")),
            c.text("pathway"),
            set(c.items("flags")),
        )

    def requests(self) -> None:
        """The requests of each student on the sheet replace that student's earlier requests."""
        sheet = self.sheets.get("Requests")
        if sheet is None:
            return
        students, subjects = self.lookup("students"), self.lookup("subjects")
        read: list[tuple[_Cells, CourseRequest]] = []
        first: dict[tuple[str, str], int] = {}
        for number, row in sheet.rows:
            c = self.cells(sheet, number, row)
            student = c.ref("student", students, True)
            subject = c.ref("subject", subjects, True)
            request = CourseRequest(
                student or "",
                subject or "",
                c.integer("rank", default=1, minimum=1) or 1,
                c.ref("alternate_for", subjects),
            )
            if student is None or subject is None:
                continue
            if (student, subject) in first:
                c.fail("subject", f"the student already requests this subject on row {first[student, subject]}")
                continue
            first[student, subject] = number
            read.append((c, request))
        for c, request in read:
            if request.alternate_for is None:
                continue
            if request.alternate_for == request.subject_id:
                c.fail("alternate_for", "a request cannot stand in for itself")
            elif (request.student_id, request.alternate_for) not in first:
                c.fail(
                    "alternate_for",
                    f"the student does not request '{request.alternate_for}' on this sheet "
                    "(an alternate stands in for another request of the same student)",
                )
        named = {r.student_id for _, r in read}
        old = {(r.student_id, r.subject_id): r for r in self.result.requests if r.student_id in named}
        kept = [r for r in self.result.requests if r.student_id not in named]
        self.result.requests = kept + [r for _, r in read]
        for _, r in read:
            key = f"{r.student_id}: {r.subject_id}"
            record_changes(self.changes, "course requests", old.get((r.student_id, r.subject_id)), r, key, key)

    # -- scenarios ---------------------------------------------------------------------------------
    def scenario(self, c: _Cells, final: str, old: Scenario | None) -> Scenario:
        base = copy.deepcopy(old) if old is not None else Scenario(final, "")
        cal = base.calendar
        default_year = SchoolYear()
        cal.label = c.text("year_label")
        cal.first_day = c.day("first_day") or default_year.first_day
        cal.last_day = c.day("last_day") or default_year.last_day
        cal.time_zone = c.text("time_zone")
        cal.external_ids = c.mapping("year_sis_ids")
        rotation = cal.rotation
        rotation.kind = c.enum("rotation", RotationKind, RotationKind.WEEKDAY)
        rotation.weekday_map = {}
        for day, day_type in c.mapping("weekday_map").items():
            if day.casefold()[:3] not in WEEKDAYS:
                c.fail("weekday_map", f"'{day}' is not a weekday (mon, tue, … sun)")
                continue
            rotation.weekday_map[WEEKDAYS.index(day.casefold()[:3])] = day_type
        rotation.sequence = c.items("cycle")
        weekdays = [d.casefold()[:3] for d in c.items("school_weekdays")]
        for day in weekdays:
            if day not in WEEKDAYS:
                c.fail("school_weekdays", f"'{day}' is not a weekday (mon, tue, … sun)")
        rotation.school_weekdays = [WEEKDAYS.index(d) for d in weekdays if d in WEEKDAYS] or [0, 1, 2, 3, 4]
        rotation.restart_after_holidays = c.flag("restart_after_holidays")
        weights = {}
        for rule, weight in c.mapping("weights").items():
            if re.fullmatch(r"\d+", weight):
                weights[rule] = int(weight)
            else:
                c.fail("weights", f"'{rule}={weight}': the weight is not a whole number")
        defaults = RuleSettings()
        base.rules = RuleSettings(
            weights,
            c.integer("max_consecutive_teaching_blocks", default=defaults.max_consecutive_teaching_blocks) or 0,
            c.integer("long_block_minutes", default=defaults.long_block_minutes) or 0,
            c.number("time_limit_seconds", defaults.time_limit_seconds),
        )
        base.name = c.text("name", True)
        base.description = c.text("description")
        return base  # its parts (terms, sections, …) are read and reported on their own

    def identify_scenario_parts(self) -> None:
        """Final ids of each scenario's terms, bell schedules, day types, sections and internships."""
        scenarios = {s.id: s for s in self.result.scenarios}
        new_ids = set(self.lookup("scenarios").ids) - set(scenarios)  # rows of the Scenarios sheet
        self.parts: dict[str, dict[str, list[_Identified]]] = {}
        for title, kind, get in (
            ("Terms", "terms", lambda s: s.calendar.terms),
            ("Bell schedules", "bell schedules", lambda s: s.bell_schedules),
            ("Day types", "day types", lambda s: s.day_types),
            ("Sections", "sections", lambda s: s.sections),
            ("Internships", "internships", lambda s: s.internships),
            ("Looping rules", "looping rules", lambda s: s.looping_rules),
        ):
            grouped = self.scenario_rows(title)
            for scenario_id in set(scenarios) | new_ids:
                existing = get(scenarios[scenario_id]) if scenario_id in scenarios else []
                lookup = self.lookup(kind, scenario_id)
                rows = grouped.get(scenario_id, [])
                self.parts.setdefault(scenario_id, {})[title] = self.identify(title, existing, lookup, rows)

    def scenario_parts(self, sc: Scenario) -> None:
        parts = self.parts.get(sc.id, {})
        self.build("Terms", parts.get("Terms", []), sc.calendar.terms, self.term, sc)
        self.build("Bell schedules", parts.get("Bell schedules", []), sc.bell_schedules, self.bell_schedule, sc)
        self.blocks(sc)  # after their bell schedules, before the day types that follow them
        for title, items, make in (
            ("Day types", sc.day_types, self.day_type),
            ("Sections", sc.sections, self.section),
            ("Internships", sc.internships, self.internship),
            ("Looping rules", sc.looping_rules, self.looping_rule),
        ):
            self.build(title, parts.get(title, []), items, make, sc)
        self.calendar_lists(sc)
        self.enrolments(sc)

    def enrolments(self, sc: Scenario) -> None:
        """A scenario's rows on the Enrolments sheet replace its enrolments; without a timetable only the
        pinned ones mean anything (the solver keeps them), so the others are left out with a note."""
        sheet = self.sheets.get("Enrolments")
        rows = self.scenario_rows("Enrolments").get(sc.id, [])
        if sheet is None or not rows:
            return
        students, sections = self.lookup("students"), self.lookup("sections", sc.id)
        enrolments: list[Enrolment] = []
        first: dict[tuple[str, str], int] = {}
        dropped = 0
        for number, row in rows:
            c = self.cells(sheet, number, row)
            student, section = c.ref("student", students, True), c.ref("section", sections, True)
            pinned = c.flag("pinned")
            if student is None or section is None:
                continue
            if (student, section) in first:
                c.fail("section", f"the student already sits in this section on row {first[student, section]}")
                continue
            first[student, section] = number
            if not pinned and not sc.solution.placements:
                dropped += 1
                continue
            enrolments.append(Enrolment(student, section, pinned))
        if dropped:
            self.notes.append(
                f"{self.file}, sheet '{sheet.name}': {dropped} enrolment(s) of scenario '{sc.name}' are not pinned "
                "and the scenario has no timetable yet; left out (pin them to keep them when solving)"
            )
        old = {(e.student_id, e.section_id): e for e in sc.solution.enrolments}
        sc.solution.enrolments = enrolments
        for e in enrolments:
            key = f"{e.student_id}: {e.section_id}"
            record_changes(self.changes, "enrolments", old.get((e.student_id, e.section_id)), e, key, key, sc.id)

    def term(self, c: _Cells, final: str, old: Term | None, sc: Scenario) -> Term:
        start, end = c.day("start", True), c.day("end", True)
        if start and end and end < start:
            c.fail("end", "the term ends before it starts")
        return Term(
            final,
            c.text("name", True),
            start or date.min,
            end or date.min,
            c.enum("kind", TermKind, TermKind.TERM),
            c.mapping("sis_ids"),
        )

    def bell_schedule(self, c: _Cells, final: str, old: BellSchedule | None, sc: Scenario) -> BellSchedule:
        return BellSchedule(final, c.text("name", True), list(old.blocks) if old else [])

    def blocks(self, sc: Scenario) -> None:
        sheet = self.sheets.get("Blocks")
        rows = self.scenario_rows("Blocks").get(sc.id, [])
        if sheet is None or not rows:
            return
        bells = self.lookup("bell schedules", sc.id)
        listed = {f.final_id for f in self.parts.get(sc.id, {}).get("Bell schedules", [])}
        new_blocks: dict[str, list[Block]] = {}
        first: dict[tuple[str, str], int] = {}
        for number, row in rows:
            c = self.cells(sheet, number, row)
            bell_id = c.ref("bell_schedule", bells, True)
            block_id = c.text("id", True)
            start, end = c.clock("start"), c.clock("end")
            kind = c.enum("kind", BlockKind, BlockKind.CLASS)
            if start is not None and end is not None and end <= start:
                c.fail("end", "the block ends before it starts")
            if bell_id is None or start is None or end is None:
                continue
            if (bell_id, block_id) in first:
                c.fail("id", f"block '{block_id}' is already on row {first[bell_id, block_id]}")
                continue
            first[bell_id, block_id] = number
            new_blocks.setdefault(bell_id, []).append(Block(block_id, start, end, kind, c.text("label")))
        for bell_id, blocks in new_blocks.items():
            bell = next((b for b in sc.bell_schedules if b.id == bell_id), None)
            if bell is None:
                continue
            old = list(bell.blocks)
            bell.blocks = blocks
            if bell_id not in listed:  # its row on the Bell schedules sheet did not report the change
                record_changes(
                    self.changes,
                    "bell schedules",
                    BellSchedule(bell.id, bell.name, old),
                    bell,
                    bell.id,
                    bell.name,
                    sc.id,
                )
            else:
                self._fix_bell_change(sc.id, bell_id, old, bell)

    def _fix_bell_change(self, scenario_id: str, bell_id: str, old_blocks: list[Block], bell: BellSchedule) -> None:
        """The bell schedule's row was compared before its blocks were read: compare again with them."""
        for index, change in enumerate(self.changes):
            same = change.kind == "bell schedules" and change.key == bell_id and change.scenario_id == scenario_id
            if same and change.status != "added":
                status = "unchanged" if old_blocks == bell.blocks and change.status == "unchanged" else "changed"
                self.changes[index] = Change(change.kind, change.key, change.name, status, scenario_id)

    def day_type(self, c: _Cells, final: str, old: DayType | None, sc: Scenario) -> DayType:
        return DayType(
            final, c.text("name", True), c.ref("bell_schedule", self.lookup("bell schedules", sc.id), True) or ""
        )

    def section(self, c: _Cells, final: str, old: Section | None, sc: Scenario) -> Section:
        teachers = self.lookup("teachers")
        section = Section(
            id=final,
            name=c.text("name", True),
            subject_id=c.ref("subject", self.lookup("subjects"), True) or "",
            cohort_ids=c.refs("cohorts", self.lookup("cohorts")),
            meetings_per_cycle=c.integer("meetings_per_cycle", default=1, minimum=1) or 1,
            length_minutes=c.integer("length_minutes", minimum=1),
            length_blocks=c.integer("length_blocks", minimum=1),
            teacher_ids=c.refs("teachers", teachers),
            teacher_pool=c.refs("teacher_pool", teachers),
            teachers_needed=c.integer("teachers_needed", default=1, minimum=1) or 1,
            room_id=c.ref("room", self.lookup("rooms")),
            room_features={f.casefold() for f in c.items("room_features")},
            min_capacity=c.integer("min_capacity"),
            enrolment=c.integer("enrolment"),
            max_enrolment=c.integer("max_enrolment"),
            allow_break_span=c.flag("allow_break_span"),
            term_id=c.ref("term", self.lookup("terms", sc.id)),
            external_ids=c.mapping("sis_ids"),
        )
        return section  # neither length given: None, which means one block

    def internship(self, c: _Cells, final: str, old: Internship | None, sc: Scenario) -> Internship:
        return Internship(
            final,
            c.text("name", True),
            c.refs("cohorts", self.lookup("cohorts")),
            c.windows("windows", self.lookup("day types", sc.id)),
            c.integer("travel_minutes", default=0) or 0,
            c.text("description"),
        )

    def looping_rule(self, c: _Cells, final: str, old: LoopingRule | None, sc: Scenario) -> LoopingRule:
        advisory = c.ref("advisory", self.lookup("advisories"))
        cohort = c.ref("cohort", self.lookup("cohorts"), advisory is None and not c.text("advisory")) or ""
        return LoopingRule(
            final,
            cohort,
            c.enum("kind", PairingKind) or PairingKind.ADVISOR,
            c.ref("subject", self.lookup("subjects")),
            c.flag("hard", True),
            c.integer("weight", default=10) or 0,
            advisory,
            c.integer("years", minimum=1),
        )

    def calendar_lists(self, sc: Scenario) -> None:
        cal, sid = sc.calendar, sc.id
        days = self.lookup("day types", sid)
        bells = self.lookup("bell schedules", sid)
        sheet = self.sheets.get("Holidays")
        for number, row in self.scenario_rows("Holidays").get(sid, []):
            c = self.cells(sheet, number, row)  # type: ignore[arg-type]
            start = c.day("start", True)
            end = c.day("end") or start
            if start and end and end < start:
                c.fail("end", "the holiday ends before it starts")
            if start is None or end is None:
                continue
            holiday = Holiday(c.text("name", True), start, end)
            self.put("holidays", cal.holidays, holiday, scenario_id=sid, key=lambda h: (h.name.casefold(), h.start))
        sheet = self.sheets.get("Special days")
        for number, row in self.scenario_rows("Special days").get(sid, []):
            c = self.cells(sheet, number, row)  # type: ignore[arg-type]
            day = c.day("day", True)
            special = SpecialDay(
                day or date.min,
                c.enum("kind", SpecialDayKind) or SpecialDayKind.OTHER,
                c.ref("day_type", days),
                c.flag("students_attend", True),
                c.ref("bell_schedule", bells),
                c.text("note"),
            )
            self.put("special days", cal.special_days, special, special.day.isoformat(), sid, key=lambda s: s.day)
        sheet = self.sheets.get("Day overrides")
        for number, row in self.scenario_rows("Day overrides").get(sid, []):
            c = self.cells(sheet, number, row)  # type: ignore[arg-type]
            day, day_type = c.day("day", True), c.ref("day_type", days, True)
            if day is None or day_type is None:
                continue
            old = cal.rotation.overrides.get(day)
            cal.rotation.overrides[day] = day_type
            record_changes(self.changes, "day overrides", old, day_type, day.isoformat(), day_type, sid)
        rotation = cal.rotation
        row = self.scenario_rows_read.get(sid)
        for day_type in [*rotation.weekday_map.values(), *rotation.sequence] if row else []:
            if days.find(day_type) is None:
                column = "cycle" if day_type in rotation.sequence else "weekday_map"
                self.problems.append(SourceProblem(self.file, days.why_not(day_type), "Scenarios", row, column))
        rotation.weekday_map = {k: days.find(v) or v for k, v in rotation.weekday_map.items()}
        rotation.sequence = [days.find(v) or v for v in rotation.sequence]


def is_school_workbook(path: str | Path) -> bool:
    """Whether an .xlsx file has a sheet of the school workbook (else it is one sheet of one kind, as
    other tools export them); an unreadable file counts as a workbook, whose reader then says why."""
    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        return True
    try:
        known = {_norm(s.title) for s in SHEETS}
        return any(_norm(title) in known for title in book.sheetnames)
    finally:
        book.close()


def read_school_workbook(path: str | Path, project: Project, *, rename_project: bool = False) -> ImportPlan:
    """Read the workbook at ``path`` against ``project`` (unchanged); raises SchoolDataError with every problem."""
    path = Path(path)
    problems: list[SourceProblem] = []
    notes: list[str] = []
    sheets = _read_sheets(path, problems, notes)
    if problems:
        raise SchoolDataError(problems)
    if not sheets:
        message = "the workbook has no dlplanner sheets with data; start from `dlplanner export-school --template`"
        raise SchoolDataError([SourceProblem(path.name, message)])
    return read_sheets(path.name, sheets, copy.deepcopy(project), rename_project=rename_project, notes=notes)


def read_sheets(
    file: str,
    sheets: dict[str, Sheet],
    result: Project,
    *,
    rename_project: bool = False,
    notes: list[str] | None = None,
    changes: list[Change] | None = None,
) -> ImportPlan:
    """Merge already read ``sheets`` into ``result`` (the caller's copy, changed in place)."""
    problems: list[SourceProblem] = []
    reader = _Reader(
        file, sheets, result, problems, rename_project, changes=list(changes or []), notes=list(notes or [])
    )
    reader.read()
    if problems:
        raise SchoolDataError(problems)
    return ImportPlan(file, reader.result, reader.changes, reader.notes)
