"""The timetable JSON exchange format: one scenario's time grid, resources, sections, placements and students.

Documented in ``docs/timetable-json.md`` (JSON Schema: ``docs/timetable-json.schema.json``). It
carries everything the independent checker needs, so a timetable made elsewhere (or by hand)
can be re-checked: :func:`read_timetable` rebuilds a :class:`Project` and :class:`Scenario`.

Bad input raises :class:`TimetableFormatError` naming the file and the place inside it
(``placements[12].room``) - never a traceback from deep inside the reader.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from dlplanner.domain import codec
from dlplanner.domain.calendar import Rotation, SchoolYear, Term
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
from dlplanner.domain.quoting import shown

FORMAT_NAME = "dlplanner-timetable"
FORMAT_VERSION = 1

T = TypeVar("T")

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class TimetableFormatError(ValueError):
    """The file is not a readable timetable document; the message names the file and the place."""


def hhmm(minutes: int) -> str:
    """08:05 style clock time (zero-padded, unlike the display format)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# -- writing ---------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """``codec.to_data`` of a record or a list of records, without their ``external_ids``: the SIS's ids
    stay in the project (the format predates them, and its schema lists every field)."""
    plain = codec.to_data(value)
    if isinstance(plain, list):
        return [_plain_record(item) for item in plain]
    return _plain_record(plain)


def _plain_record(item: Any) -> Any:
    return {k: v for k, v in item.items() if k != "external_ids"} if isinstance(item, dict) else item


def timetable_document(project: Project, scenario: Scenario) -> dict[str, Any]:
    """The timetable of one scenario as plain JSON-able data."""
    data = _plain
    schedules = {b.id: b for b in scenario.bell_schedules}
    day_types = []
    for day_type in scenario.day_types:
        schedule = schedules.get(day_type.bell_schedule_id)
        blocks = schedule.sorted_blocks() if schedule else []
        day_types.append(
            {
                "id": day_type.id,
                "name": day_type.name,
                "bell_schedule": {"id": day_type.bell_schedule_id, "name": schedule.name if schedule else ""},
                "blocks": [
                    {
                        "id": b.id,
                        "label": b.label,
                        "kind": b.kind.value,
                        "start": b.start,
                        "end": b.end,
                        "start_time": hhmm(b.start),
                        "end_time": hhmm(b.end),
                    }
                    for b in blocks
                ],
            }
        )
    solution = scenario.solution
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "school": {"name": project.name, "school_name": project.school_name, "description": project.description},
        "scenario": {
            "id": scenario.id,
            "name": scenario.name,
            "description": scenario.description,
            "school_weekdays": list(scenario.calendar.rotation.school_weekdays),
            "weeks_per_cycle": scenario.weeks_per_cycle(),
            "terms": data(scenario.calendar.terms),
            "rules": data(scenario.rules),
            "solution": {
                "status": solution.status.value,
                "objective": solution.objective,
                "best_bound": solution.best_bound,
                "penalties": dict(solution.penalties),
                "advisors": dict(solution.advisors),
                "team_cohorts": {team: list(cohorts) for team, cohorts in solution.team_cohorts.items()},
            },
        },
        "time_grid": {"day_types": day_types},
        "subjects": data(project.subjects),
        "teachers": data(project.teachers),
        "campuses": data(project.campuses),
        "travel": data(project.travel),
        "rooms": data(project.rooms),
        "cohorts": data(project.cohorts),
        "sections": data(scenario.sections),
        "advisories": data(project.advisories),
        "internships": data(scenario.internships),
        "teams": data(project.teams),
        "looping_rules": data(scenario.looping_rules),
        "prior_pairings": data(project.prior_pairings),
        "placements": [
            {
                "section": p.section_id,
                "meeting": p.meeting,
                "day_type": p.day_type_id,
                "start": p.start,
                "end": p.end,
                "start_time": hhmm(p.start),
                "end_time": hhmm(p.end),
                "room": p.room_id,
                "teachers": list(p.teacher_ids),
                "pinned": p.pinned,
            }
            for p in solution.placements
        ],
        "students": [
            {
                "id": s.id,
                "name": s.name,
                "grade": s.grade,
                "cohort": s.cohort_id,
                "advisory": s.advisory_id,
                "pathway": s.pathway,
                "flags": sorted(s.flags),
            }
            for s in project.students
        ],
        "requests": [
            {"student": r.student_id, "subject": r.subject_id, "rank": r.rank, "alternate_for": r.alternate_for}
            for r in project.requests
        ],
        "enrolments": [
            {"student": e.student_id, "section": e.section_id, "pinned": e.pinned} for e in solution.enrolments
        ],
    }


def write_timetable(project: Project, scenario: Scenario, path: str | Path) -> Path:
    """Write the scenario's timetable; the file is replaced whole or not at all."""
    path = Path(path)
    text = json.dumps(timetable_document(project, scenario), indent=1, ensure_ascii=False) + "\n"
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


# -- reading ---------------------------------------------------------------------------------------


class _Reader:
    """Walks the document, naming the place of every problem it finds."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, place: str, what: str) -> TimetableFormatError:
        return TimetableFormatError(f"{self.source}: {place}: {what}")

    def obj(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, f"expected an object, got {_kind(value)}")
        return value

    def lst(self, value: Any, place: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(place, f"expected a list, got {_kind(value)}")
        return value

    def key(self, mapping: dict[str, Any], name: str, place: str) -> Any:
        if name not in mapping:
            raise self.fail(place, f'missing "{name}"')
        return mapping[name]

    def integer(self, value: Any, place: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(place, f"expected a whole number, got {shown(value)}")
        return value

    def text(self, value: Any, place: str) -> str:
        if not isinstance(value, str):
            raise self.fail(place, f"expected text, got {shown(value)}")
        return value

    def records(self, document: dict[str, Any], name: str, cls: type[T], parent: str = "") -> list[T]:
        place = f"{parent}.{name}" if parent else name
        items = self.lst(document.get(name, []), place)
        result = []
        for i, item in enumerate(items):
            try:
                result.append(codec.from_data(cls, item, f"{place}[{i}]"))
            except codec.DecodeError as exc:
                raise TimetableFormatError(f"{self.source}: {exc}") from None
        return result

    def optional_text(self, item: dict[str, Any], name: str, place: str) -> str | None:
        value = item.get(name)
        return None if value is None else self.text(value, f"{place}.{name}")

    def flag(self, item: dict[str, Any], name: str, place: str) -> bool:
        value = item.get(name, False)
        if not isinstance(value, bool):
            raise self.fail(f"{place}.{name}", f"expected true or false, got {shown(value)}")
        return value

    def only(self, item: dict[str, Any], allowed: tuple[str, ...], place: str) -> None:
        unknown = sorted(set(item) - set(allowed))
        if unknown:
            raise self.fail(place, "unknown field(s) " + ", ".join(shown(k, 40)[1:-1] for k in unknown[:5]))

    def minutes(self, item: dict[str, Any], name: str, place: str) -> int:
        value = self.integer(self.key(item, name, place), f"{place}.{name}")
        if not 0 <= value <= 24 * 60:
            raise self.fail(f"{place}.{name}", f"{shown(value)} is not a time of day in minutes (0–1440)")
        clock = item.get(f"{name}_time")
        if clock is not None:
            match = _CLOCK.match(clock) if isinstance(clock, str) else None
            if match is None:
                raise self.fail(f"{place}.{name}_time", f"{shown(clock)} is not a HH:MM time")
            if int(match[1]) * 60 + int(match[2]) != value:
                raise self.fail(f"{place}.{name}_time", f"{clock} does not match {name} = {value} ({hhmm(value)})")
        return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def timetable_from_document(document: Any, source: str = "<document>") -> tuple[Project, Scenario]:
    """Rebuild the project and scenario from parsed timetable JSON."""
    r = _Reader(source)
    doc = r.obj(document, "document")
    if doc.get("format") != FORMAT_NAME:
        raise TimetableFormatError(f'{source}: not a dlplanner timetable (no "format": "{FORMAT_NAME}")')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version > FORMAT_VERSION:
        raise TimetableFormatError(
            f"{source}: timetable format version {shown(version)} is not supported; this dlplanner reads up to "
            f"{FORMAT_VERSION}"
        )
    school = r.obj(doc.get("school", {}), "school")
    info = r.obj(r.key(doc, "scenario", "document"), "scenario")

    # the time grid: day types and the bell schedules they follow
    grid = r.obj(r.key(doc, "time_grid", "document"), "time_grid")
    schedules: dict[str, BellSchedule] = {}
    day_types: list[DayType] = []
    for i, raw in enumerate(r.lst(r.key(grid, "day_types", "time_grid"), "time_grid.day_types")):
        place = f"time_grid.day_types[{i}]"
        item = r.obj(raw, place)
        day_id = r.text(r.key(item, "id", place), f"{place}.id")
        name = r.text(item.get("name", day_id), f"{place}.name")
        bell = r.obj(item.get("bell_schedule", {"id": f"{day_id}-bells"}), f"{place}.bell_schedule")
        bell_id = r.text(r.key(bell, "id", f"{place}.bell_schedule"), f"{place}.bell_schedule.id")
        blocks = []
        for j, raw_block in enumerate(r.lst(r.key(item, "blocks", place), f"{place}.blocks")):
            bplace = f"{place}.blocks[{j}]"
            block = r.obj(raw_block, bplace)
            kind = r.text(block.get("kind", "class"), f"{bplace}.kind")
            try:
                block_kind = BlockKind(kind)
            except ValueError:
                allowed = ", ".join(k.value for k in BlockKind)
                raise r.fail(f"{bplace}.kind", f"{shown(kind)} is not one of {allowed}") from None
            blocks.append(
                Block(
                    r.text(r.key(block, "id", bplace), f"{bplace}.id"),
                    r.minutes(block, "start", bplace),
                    r.minutes(block, "end", bplace),
                    block_kind,
                    r.text(block.get("label", ""), f"{bplace}.label"),
                )
            )
        if bell_id not in schedules:
            schedules[bell_id] = BellSchedule(bell_id, r.text(bell.get("name", bell_id), f"{place}.bell_schedule.name"))
            schedules[bell_id].blocks = blocks
        day_types.append(DayType(day_id, name, bell_id))

    weekdays = r.lst(info.get("school_weekdays", [0, 1, 2, 3, 4]), "scenario.school_weekdays")
    for i, day in enumerate(weekdays):
        if r.integer(day, f"scenario.school_weekdays[{i}]") not in range(7):
            raise r.fail(f"scenario.school_weekdays[{i}]", f"{shown(day)} is not a weekday number (0 = Monday … 6)")
    terms = r.records(info, "terms", Term, "scenario")
    try:
        rules = codec.from_data(RuleSettings, info.get("rules", {}), "scenario.rules")
    except codec.DecodeError as exc:
        raise TimetableFormatError(f"{source}: {exc}") from None

    placements = []
    for i, raw in enumerate(r.lst(doc.get("placements", []), "placements")):
        place = f"placements[{i}]"
        item = r.obj(raw, place)
        room = item.get("room")
        teachers = r.lst(item.get("teachers", []), f"{place}.teachers")
        pinned = item.get("pinned", False)
        if not isinstance(pinned, bool):
            raise r.fail(f"{place}.pinned", f"expected true or false, got {shown(pinned)}")
        placements.append(
            Placement(
                section_id=r.text(r.key(item, "section", place), f"{place}.section"),
                meeting=r.integer(r.key(item, "meeting", place), f"{place}.meeting"),
                day_type_id=r.text(r.key(item, "day_type", place), f"{place}.day_type"),
                start=r.minutes(item, "start", place),
                end=r.minutes(item, "end", place),
                room_id=None if room is None else r.text(room, f"{place}.room"),
                teacher_ids=[r.text(t, f"{place}.teachers[{j}]") for j, t in enumerate(teachers)],
                pinned=pinned,
            )
        )
    students, requests, enrolments = _students_part(r, doc)
    solution_info = r.obj(info.get("solution", {}), "scenario.solution")
    try:
        status = SolveStatus(solution_info.get("status", SolveStatus.NOT_SOLVED.value))
    except ValueError:
        status_text = shown(solution_info.get("status"))
        raise r.fail("scenario.solution.status", f"{status_text} is not a solve status") from None

    chosen_teams = r.obj(solution_info.get("team_cohorts", {}), "scenario.solution.team_cohorts")
    scenario = Scenario(
        id=r.text(r.key(info, "id", "scenario"), "scenario.id"),
        name=r.text(info.get("name", info["id"]), "scenario.name"),
        description=r.text(info.get("description", ""), "scenario.description"),
        calendar=SchoolYear(terms=terms, rotation=Rotation(school_weekdays=list(weekdays))),
        bell_schedules=list(schedules.values()),
        day_types=day_types,
        sections=r.records(doc, "sections", Section),
        internships=r.records(doc, "internships", Internship),
        looping_rules=r.records(doc, "looping_rules", LoopingRule),
        rules=rules,
        solution=Solution(
            placements=placements,
            status=status,
            objective=solution_info.get("objective"),
            best_bound=solution_info.get("best_bound"),
            penalties=dict(r.obj(solution_info.get("penalties", {}), "scenario.solution.penalties")),
            advisors={
                str(a): r.text(t, f"scenario.solution.advisors.{a}")
                for a, t in r.obj(solution_info.get("advisors", {}), "scenario.solution.advisors").items()
            },
            team_cohorts={
                str(team): [r.text(c, f"scenario.solution.team_cohorts.{team}[{i}]") for i, c in enumerate(cohorts)]
                for team, cohorts in chosen_teams.items()
                if isinstance(cohorts, list)
            },
            enrolments=enrolments,
        ),
    )
    project = Project(
        name=r.text(school.get("name", ""), "school.name"),
        school_name=r.text(school.get("school_name", ""), "school.school_name"),
        description=r.text(school.get("description", ""), "school.description"),
        subjects=r.records(doc, "subjects", Subject),
        teachers=r.records(doc, "teachers", Teacher),
        rooms=r.records(doc, "rooms", Room),
        campuses=r.records(doc, "campuses", Campus),
        travel=r.records(doc, "travel", CampusTravel),
        cohorts=r.records(doc, "cohorts", Cohort),
        advisories=r.records(doc, "advisories", Advisory),
        teams=r.records(doc, "teams", TeacherTeam),
        prior_pairings=r.records(doc, "prior_pairings", PriorPairing),
        scenarios=[scenario],
        students=students,
        requests=requests,
    )
    return project, scenario


def _students_part(r: _Reader, doc: dict[str, Any]) -> tuple[list[Student], list[CourseRequest], list[Enrolment]]:
    """The optional ``students``, ``requests`` and ``enrolments`` lists (absent: none)."""
    students = []
    for i, raw in enumerate(r.lst(doc.get("students", []), "students")):
        place = f"students[{i}]"
        item = r.obj(raw, place)
        r.only(item, ("id", "name", "grade", "cohort", "advisory", "pathway", "flags"), place)
        flags = r.lst(item.get("flags", []), f"{place}.flags")
        students.append(
            Student(
                id=r.text(r.key(item, "id", place), f"{place}.id"),
                name=r.text(r.key(item, "name", place), f"{place}.name"),
                grade=r.integer(item.get("grade", 0), f"{place}.grade"),
                cohort_id=r.optional_text(item, "cohort", place),
                advisory_id=r.optional_text(item, "advisory", place),
                pathway=r.text(item.get("pathway", ""), f"{place}.pathway"),
                flags={r.text(f, f"{place}.flags[{j}]") for j, f in enumerate(flags)},
            )
        )
    requests = []
    for i, raw in enumerate(r.lst(doc.get("requests", []), "requests")):
        place = f"requests[{i}]"
        item = r.obj(raw, place)
        r.only(item, ("student", "subject", "rank", "alternate_for"), place)
        rank = r.integer(item.get("rank", 1), f"{place}.rank")
        if rank < 1:
            raise r.fail(f"{place}.rank", f"{rank} is not a rank (1 = required, larger = lower preference)")
        requests.append(
            CourseRequest(
                r.text(r.key(item, "student", place), f"{place}.student"),
                r.text(r.key(item, "subject", place), f"{place}.subject"),
                rank,
                r.optional_text(item, "alternate_for", place),
            )
        )
    enrolments = []
    for i, raw in enumerate(r.lst(doc.get("enrolments", []), "enrolments")):
        place = f"enrolments[{i}]"
        item = r.obj(raw, place)
        r.only(item, ("student", "section", "pinned"), place)
        enrolments.append(
            Enrolment(
                r.text(r.key(item, "student", place), f"{place}.student"),
                r.text(r.key(item, "section", place), f"{place}.section"),
                r.flag(item, "pinned", place),
            )
        )
    return students, requests, enrolments


def timetable_from_json(text: str, source: str = "<text>") -> tuple[Project, Scenario]:
    try:
        document = codec.parse_json(text, source)
    except codec.DecodeError as exc:
        raise TimetableFormatError(str(exc)) from None
    return timetable_from_document(document, source)


def read_timetable(path: str | Path) -> tuple[Project, Scenario]:
    """Read a timetable file back into domain objects, enough to re-check it."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TimetableFormatError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise TimetableFormatError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise TimetableFormatError(f"{path}: cannot be read ({exc.strerror})") from None
    return timetable_from_json(text, str(path))
