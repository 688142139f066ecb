"""Domain objects to ORM rows and back: the only place that knows both shapes.

One :class:`_Spec` per record type says how it is stored; :func:`_to_row` and :func:`_from_row`
copy every field of the domain dataclass by that spec. A field is a plain column unless the spec
lists it as a JSON column (``codec.to_data`` / ``codec.from_data`` of the field's declared type),
a converted column (enumerations, the solve time), an ordered child collection or a one-to-one
child. A new domain field is therefore copied to a column of the same name, and the row class
refuses it until the ORM (and a migration) has that column.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.orm import selectinload

from dlplanner.domain import codec
from dlplanner.domain.calendar import Minimums
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    Campus,
    CampusTravel,
    Cohort,
    CourseRequest,
    DayType,
    Enrolment,
    Internship,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Project,
    Room,
    RuleSettings,
    Scenario,
    Section,
    Solution,
    SolveStatus,
    Student,
    Subject,
    Teacher,
    TeacherTeam,
)
from dlplanner.storage import orm

Converter = tuple[Callable[[Any], Any], Callable[[Any], Any]]  # (domain -> column, column -> domain)


def _enum(cls: Callable[[Any], Any]) -> Converter:
    """An enumeration stored as its text value."""
    return (lambda member: member.value), cls


def _iso_time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_iso_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None


def _external_ids_from_column(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in (value or {}).items()}  # NULL: saved before 0004


_EXTERNAL_IDS: Converter = (dict, _external_ids_from_column)


@dataclass(frozen=True, eq=False)
class _Spec:
    """How one record type is stored: its row class, its domain class and the fields that are not plain columns."""

    row: type[Any]
    record: type[Any]
    label: str = ""  # names a record in decode-error paths ("teacher t1 subject_ids"); "" for one-to-one rows
    key: str = "id"  # the row attribute that identifies the record in those paths
    json: tuple[str, ...] = ()  # JSON columns
    paths: Mapping[str, str] = field(default_factory=dict)  # a JSON field's name in error paths, where it differs
    convert: Mapping[str, Converter] = field(default_factory=dict)
    children: Mapping[str, _Spec] = field(default_factory=dict)  # ordered one-to-many collections, same name both sides
    single: Mapping[str, _Spec] = field(default_factory=dict)  # one-to-one child rows
    skip: tuple[str, ...] = ()  # fields the caller maps

    def items(self, source: Any) -> Iterator[tuple[str, Any]]:
        """(name, value in ``source``) of each field the spec maps; ``source`` is a record or a row."""
        return ((f.name, getattr(source, f.name)) for f in fields(self.record) if f.name not in self.skip)


_SUBJECT = _Spec(orm.SubjectRow, Subject, "subject", convert={"external_ids": _EXTERNAL_IDS})
_CAMPUS = _Spec(orm.CampusRow, Campus, "campus")
_TRAVEL = _Spec(orm.CampusTravelRow, CampusTravel, "travel", key="position")
_TEACHER = _Spec(
    orm.TeacherRow,
    Teacher,
    "teacher",
    json=("subject_ids", "unavailable", "avoid"),
    convert={"external_ids": _EXTERNAL_IDS},
)
_ROOM = _Spec(orm.RoomRow, Room, "room", json=("features",), convert={"external_ids": _EXTERNAL_IDS})
_COHORT = _Spec(orm.CohortRow, Cohort, "cohort", convert={"external_ids": _EXTERNAL_IDS})
_ADVISORY = _Spec(
    orm.AdvisoryRow,
    Advisory,
    "advisory",
    json=("cohort_ids", "meeting_blocks", "advisor_pool"),
    paths={"meeting_blocks": "blocks"},
)
_TEAM = _Spec(orm.TeacherTeamRow, TeacherTeam, "team", json=("member_ids", "cohort_ids", "cohort_pool"))
_PRIOR_PAIRING = _Spec(
    orm.PriorPairingRow,
    PriorPairing,
    "prior pairing",
    key="position",
    json=("teacher_ids",),
    convert={"kind": _enum(PairingKind)},
)
_STUDENT = _Spec(orm.StudentRow, Student, "student", json=("flags",))
_REQUEST = _Spec(orm.CourseRequestRow, CourseRequest, "course request", key="position")

# a project's own records, in the order their rows are added
_PROJECT_PARTS: tuple[tuple[str, _Spec], ...] = (
    ("subjects", _SUBJECT),
    ("campuses", _CAMPUS),
    ("travel", _TRAVEL),
    ("teachers", _TEACHER),
    ("rooms", _ROOM),
    ("cohorts", _COHORT),
    ("advisories", _ADVISORY),
    ("teams", _TEAM),
    ("prior_pairings", _PRIOR_PAIRING),
    ("students", _STUDENT),
    ("requests", _REQUEST),
)

_BLOCK = _Spec(orm.BlockRow, Block, "block", convert={"kind": _enum(BlockKind)})
_BELL_SCHEDULE = _Spec(orm.BellScheduleRow, BellSchedule, "bell schedule", children={"blocks": _BLOCK})
_DAY_TYPE = _Spec(orm.DayTypeRow, DayType, "day type")
_SECTION = _Spec(
    orm.SectionRow,
    Section,
    "section",
    json=("cohort_ids", "teacher_ids", "teacher_pool", "room_features"),
    convert={"external_ids": _EXTERNAL_IDS},
)
_INTERNSHIP = _Spec(orm.InternshipRow, Internship, "internship", json=("cohort_ids", "windows"))
_LOOPING_RULE = _Spec(orm.LoopingRuleRow, LoopingRule, "looping rule", convert={"kind": _enum(PairingKind)})
_RULES = _Spec(orm.RuleSettingsRow, RuleSettings, json=("weights",), paths={"weights": "rule weights"})
_PLACEMENT = _Spec(orm.PlacementRow, Placement, "placement", key="position", json=("teacher_ids",))
_ENROLMENT = _Spec(orm.EnrolmentRow, Enrolment, "enrolment", key="position")
_SOLUTION = _Spec(
    orm.SolutionRow,
    Solution,
    json=("penalties", "advisors", "team_cohorts"),
    convert={"status": _enum(SolveStatus), "solved_at": (_iso_time, _parse_iso_time)},
    skip=("placements", "enrolments"),  # rows of the scenario, not of the solution
)
_SCENARIO = _Spec(
    orm.ScenarioRow,
    Scenario,
    "scenario",
    json=("calendar",),
    children={
        "bell_schedules": _BELL_SCHEDULE,
        "day_types": _DAY_TYPE,
        "sections": _SECTION,
        "internships": _INTERNSHIP,
        "looping_rules": _LOOPING_RULE,
    },
    single={"rules": _RULES},
    skip=("solution", "version"),
)

PROJECT_DATA_TABLES: tuple[type[Any], ...] = tuple(spec.row for _, spec in _PROJECT_PARTS)
"""The row classes of a project's people, places and groups (each row has a ``project_pk``)."""

SCENARIO_PART_TABLES: tuple[type[Any], ...] = (
    *(spec.row for spec in _SCENARIO.children.values()),  # a bell schedule's blocks go with it (ON DELETE CASCADE)
    *(spec.row for spec in _SCENARIO.single.values()),
    orm.SolutionRow,
    orm.PlacementRow,
    orm.EnrolmentRow,
)
"""The row classes a scenario owns directly (each row has a ``scenario_pk``)."""


def _loads(owner: type[Any], parts: Iterable[tuple[str, _Spec]]) -> list[Any]:
    options = []
    for name, spec in parts:
        option = selectinload(getattr(owner, name))
        options.append(option.options(*_loads(spec.row, spec.children.items())) if spec.children else option)
    return options


LOAD_OPTIONS: tuple[Any, ...] = (
    *_loads(orm.ProjectRow, _PROJECT_PARTS),
    selectinload(orm.ProjectRow.scenarios).options(
        *_loads(orm.ScenarioRow, [*_SCENARIO.children.items(), *_SCENARIO.single.items(), ("solution", _SOLUTION)]),
        selectinload(orm.ScenarioRow.placements),
        selectinload(orm.ScenarioRow.enrolments),
    ),
)
"""Query options that load a project row with every row it owns."""


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


# -- domain -> rows ----------------------------------------------------------------------------


def _to_row(spec: _Spec, record: Any, **values: Any) -> Any:
    """A new row for ``record``; ``values`` are the row's own columns and the fields in ``spec.skip``."""
    for name, value in spec.items(record):
        if name in spec.children:
            values[name] = _rows(spec.children[name], value)
        elif name in spec.single:
            values[name] = _to_row(spec.single[name], value)
        elif name in spec.json:
            values[name] = codec.to_data(value)
        elif name in spec.convert:
            values[name] = spec.convert[name][0](value)
        else:
            values[name] = value
    return spec.row(**values)


def _rows(spec: _Spec, records: list[Any], **owner: Any) -> list[Any]:
    return [_to_row(spec, record, position=i, **owner) for i, record in enumerate(records)]


def project_columns(project: Project) -> dict[str, Any]:
    """The project row's own data columns (name aside) for ``project``."""
    return {
        "school_name": project.school_name,
        "description": project.description,
        "minimums": codec.to_data(project.minimums),
        "external_ids": dict(project.external_ids),
    }


def project_part_rows(project: Project, project_pk: int) -> list[Any]:
    """New rows for everything a project owns except its scenarios."""
    return [row for name, spec in _PROJECT_PARTS for row in _rows(spec, getattr(project, name), project_pk=project_pk)]


def scenario_row(scenario: Scenario, project_pk: int, position: int, version: int) -> orm.ScenarioRow:
    """A new scenario row with all of its child rows attached, stored as ``version``."""
    solution = scenario.solution
    return _to_row(
        _SCENARIO,
        scenario,
        project_pk=project_pk,
        position=position,
        version=version,
        solution=_to_row(_SOLUTION, solution),
        placements=_rows(_PLACEMENT, solution.placements),
        enrolments=_rows(_ENROLMENT, solution.enrolments),
    )


# -- rows -> domain ----------------------------------------------------------------------------


def _from_row(spec: _Spec, row: Any, where: str) -> Any:
    """The domain record of ``row``; the fields in ``spec.skip`` keep their defaults."""
    if spec.label:
        where = f"{where} {spec.label} {getattr(row, spec.key)}"
    values: dict[str, Any] = {}
    for name, value in spec.items(row):
        if name in spec.children:
            values[name] = [_from_row(spec.children[name], child, where) for child in value]
        elif name in spec.single:
            values[name] = _from_row(spec.single[name], value, where)
        elif name in spec.json:
            if value is None:
                continue  # a nullable JSON column added by a later revision: the field's default
            values[name] = codec.from_data(_hints(spec.record)[name], value, f"{where} {spec.paths.get(name, name)}")
        elif name in spec.convert:
            try:
                values[name] = spec.convert[name][1](value)
            except (TypeError, ValueError):
                raise codec.DecodeError(f"{where} {name}: {str(value)[:60]!r} cannot be read") from None
        else:  # SQLite stores any value in any column: a damaged file may hold text where a number belongs
            values[name] = codec.from_data(_hints(spec.record)[name], value, f"{where} {name}")
    return spec.record(**values)


def project_from_rows(row: orm.ProjectRow) -> Project:
    """The domain project of a fully loaded project row (collections already ordered)."""
    where = f"project '{row.name}'"
    parts = {name: [_from_row(spec, r, where) for r in getattr(row, name)] for name, spec in _PROJECT_PARTS}
    return Project(
        name=codec.from_data(str, row.name, f"{where} name"),
        school_name=codec.from_data(str, row.school_name, f"{where} school_name"),
        description=codec.from_data(str, row.description, f"{where} description"),
        minimums=codec.from_data(Minimums, row.minimums or {}, f"{where} minimums"),  # NULL: saved before 0003
        external_ids=_external_ids_from_column(row.external_ids),
        **parts,
        scenarios=[scenario_from_row(s, where) for s in row.scenarios],
    )


def scenario_from_row(row: orm.ScenarioRow, where: str) -> Scenario:
    scenario = _from_row(_SCENARIO, row, where)
    where = f"{where} scenario {row.id}"
    placements = [_from_row(_PLACEMENT, p, where) for p in row.placements]
    scenario.solution = _from_row(_SOLUTION, row.solution, where)
    scenario.solution.placements = placements
    scenario.solution.enrolments = [_from_row(_ENROLMENT, e, where) for e in row.enrolments]
    scenario.version = codec.from_data(int, row.version, f"{where} version")
    return scenario
