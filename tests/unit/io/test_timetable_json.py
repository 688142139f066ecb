"""Timetable JSON: written files follow the documented schema, read back exactly, and re-check the same."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from dlplanner.domain.calendar import Term, TermKind
from dlplanner.domain.checker import check_timetable
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
    Scenario,
    Section,
    SolveStatus,
    Student,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)
from dlplanner.io.timetable_json import TimetableFormatError, read_timetable, timetable_document, write_timetable

DOCS = Path(__file__).parents[3] / "docs"
SCHEMA = json.loads((DOCS / "timetable-json.schema.json").read_text(encoding="utf-8"))
C, P, A, L = BlockKind.CLASS, BlockKind.PASSING, BlockKind.ADVISORY, BlockKind.LUNCH


def school() -> tuple[Project, Scenario]:
    """An A/B block school with a team-taught double block, an advisory, an internship and two campuses."""
    blocks = [
        Block("b1", 495, 585, C, "Block 1"),
        Block("x1", 585, 595, P),
        Block("b2", 595, 685, C, "Block 2"),
        Block("crew", 685, 715, A, "Crew"),
        Block("lunch", 715, 745, L, "Lunch"),
        Block("b3", 745, 835, C, "Block 3"),
    ]
    scenario = Scenario(
        "ab",
        "A/B block",
        bell_schedules=[BellSchedule("reg", "Regular", blocks)],
        day_types=[DayType("a", "A day", "reg"), DayType("b", "B day", "reg")],
        sections=[
            Section("biolit", "BioLit 9", "bio", ["9a"], 2, length_blocks=2, teacher_ids=["rivera", "okafor"]),
            Section("math", "Math 9", "math", ["9a"], 1, teacher_pool=["kim"], room_features={"studio"}),
            Section("art", "Art 10", "art", ["10a"], 1, length_minutes=90, teacher_ids=["kim"], term_id="fall"),
        ],
        internships=[Internship("lti", "LTI", ["10a"], [TimeWindow("a", 495, 685)], travel_minutes=15)],
        looping_rules=[LoopingRule("l1", "9a", PairingKind.ADVISOR, hard=False, weight=7)],
    )
    scenario.calendar.terms = [Term("fall", "Fall", *map(_date, ("2026-08-24", "2027-01-15")), TermKind.SEMESTER)]
    scenario.rules.weights = {"spread_days": 4}
    scenario.solution.status = SolveStatus.OPTIMAL
    scenario.solution.penalties = {"spread_days": 0}
    scenario.solution.placements = [
        Placement("biolit", 0, "a", 495, 685, "r1", ["rivera", "okafor"], pinned=True),
        Placement("biolit", 1, "b", 495, 685, "r1", ["rivera", "okafor"]),
        Placement("math", 0, "a", 745, 835, "studio", ["kim"]),
        Placement("art", 0, "b", 745, 835, "studio", ["kim"]),
    ]
    project = Project(
        "Harbor Point",
        school_name="Harbor Point Academy (made up)",
        subjects=[Subject("bio", "Biology"), Subject("math", "Math", project_based=True), Subject("art", "Art")],
        teachers=[
            Teacher("rivera", "Ms. Rivera", {"bio"}, 1000, [TimeWindow("b", 745, 835)]),
            Teacher("okafor", "Mr. Okafor", {"bio", "eng"}, avoid=[TimeWindow(None, 800, 835)]),
            Teacher("kim", "Dr. Kim", {"math", "art"}, campus_id="n"),
        ],
        rooms=[Room("r1", "Room 1", 30, set(), "n"), Room("studio", "Studio", 30, {"studio", "sink"}, "n")],
        campuses=[Campus("n", "North"), Campus("s", "South")],
        travel=[CampusTravel("n", "s", 20)],
        cohorts=[Cohort("9a", "9A", 9, 25, "STEM", "class-of-2030"), Cohort("10a", "10A", 10, 25)],
        advisories=[Advisory("crew1", "Crew 1", "kim", ["9a"], 12, "r1")],
        teams=[TeacherTeam("g9", "Grade 9", ["rivera", "okafor"], ["9a"], 60)],
        prior_pairings=[PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["rivera"])],
        scenarios=[scenario],
    )
    return project, scenario


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


# -- the published schema, applied by jsonschema (Draft 2020-12, formats checked) --------------------


def conform(value: Any, schema: dict[str, Any] = SCHEMA) -> list[str]:
    """Where ``value`` breaks ``schema``, one line per error (path and message), in document order."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{error.json_path}: {error.message}" for error in sorted(validator.iter_errors(value), key=str)]


def test_schema_file_is_a_json_schema_naming_the_documented_keys() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)  # valid against the Draft 2020-12 meta-schema
    assert set(SCHEMA["required"]) >= {
        "format",
        "version",
        "school",
        "scenario",
        "time_grid",
        "teachers",
        "rooms",
        "cohorts",
        "subjects",
        "sections",
        "advisories",
        "internships",
        "teams",
        "placements",
    }
    placement = SCHEMA["$defs"]["placement"]
    assert set(placement["properties"]) == {
        "section",
        "meeting",
        "day_type",
        "start",
        "end",
        "start_time",
        "end_time",
        "room",
        "teachers",
        "pinned",
    }
    assert SCHEMA["$defs"]["block"]["required"] == ["id", "kind", "start", "end"]
    refs = re.findall(r'"\$ref": "#/\$defs/(\w+)"', json.dumps(SCHEMA))
    assert set(refs) <= set(SCHEMA["$defs"])
    # the markdown page shows the same schema
    page = (DOCS / "timetable-json.md").read_text(encoding="utf-8")
    embedded = page.rsplit("```json\n", 1)[1].split("\n```", 1)[0]
    assert json.loads(embedded) == SCHEMA


def test_written_file_follows_the_schema(tmp_path: Path) -> None:
    project, scenario = school()
    path = write_timetable(project, scenario, tmp_path / "ab.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert conform(document, SCHEMA) == []
    assert document["format"] == "dlplanner-timetable" and document["version"] == 1
    first = document["time_grid"]["day_types"][0]["blocks"][0]
    assert (first["start"], first["start_time"], first["end_time"]) == (495, "08:15", "09:45")
    assert document["placements"][0] == {
        "section": "biolit",
        "meeting": 0,
        "day_type": "a",
        "start": 495,
        "end": 685,
        "start_time": "08:15",
        "end_time": "11:25",
        "room": "r1",
        "teachers": ["rivera", "okafor"],
        "pinned": True,
    }
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_the_conformance_check_does_catch_mistakes() -> None:
    project, scenario = school()
    document = timetable_document(project, scenario)
    document["placements"][0]["start_time"] = "8:15"
    del document["placements"][1]["day_type"]
    document["time_grid"]["day_types"][0]["blocks"][0]["kind"] = "recess"
    errors = conform(document, SCHEMA)
    assert len(errors) == 3, errors


def test_round_trip(tmp_path: Path) -> None:
    project, scenario = school()
    path = write_timetable(project, scenario, tmp_path / "ab.json")
    project2, scenario2 = read_timetable(path)
    for name in ("subjects", "teachers", "rooms", "campuses", "travel", "cohorts", "advisories", "teams"):
        assert getattr(project2, name) == getattr(project, name), name
    assert project2.prior_pairings == project.prior_pairings
    for name in ("id", "name", "bell_schedules", "day_types", "sections", "internships", "looping_rules", "rules"):
        assert getattr(scenario2, name) == getattr(scenario, name), name
    assert scenario2.solution.placements == scenario.solution.placements
    assert scenario2.solution.status == SolveStatus.OPTIMAL
    assert scenario2.calendar.terms == scenario.calendar.terms
    assert scenario2.weeks_per_cycle() == scenario.weeks_per_cycle()
    # written again, the read-back data gives the same file
    again = write_timetable(project2, scenario2, tmp_path / "again.json")
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_term_kind_is_written_and_optional_on_reading(tmp_path: Path) -> None:
    project, scenario = school()
    path = write_timetable(project, scenario, tmp_path / "ab.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["scenario"]["terms"][0]["kind"] == "semester"
    assert read_timetable(path)[1].calendar.terms[0].kind == TermKind.SEMESTER
    del doc["scenario"]["terms"][0]["kind"]  # files written before term kinds
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert read_timetable(path)[1].calendar.terms[0].kind == TermKind.TERM


@pytest.mark.parametrize("breakage", ["none", "teacher_clash", "internship", "team_planning"])
def test_check_gives_the_same_verdict_on_read_back_data(tmp_path: Path, breakage: str) -> None:
    project, scenario = school()
    if breakage == "teacher_clash":
        scenario.solution.placements[3].day_type_id = "a"  # Art with Kim while Kim teaches Math
    elif breakage == "internship":
        scenario.solution.placements[3].start, scenario.solution.placements[3].end = 595, 685
        scenario.internships[0].windows[0].day_type_id = "b"
    elif breakage == "team_planning":
        project.teams[0].planning_minutes_per_week = 2000
    original = check_timetable(project, scenario)
    assert original.ok == (breakage == "none")
    project2, scenario2 = read_timetable(write_timetable(project, scenario, tmp_path / "t.json"))
    again = check_timetable(project2, scenario2)
    assert [(v.rule_id, v.message) for v in again.violations] == [(v.rule_id, v.message) for v in original.violations]
    assert again.penalties == original.penalties
    assert original.penalties["looping_soft"] == 7 and original.penalties["long_blocks_pbl"] == 0


def _broken(tmp_path: Path, mutate) -> Path:
    project, scenario = school()
    document = timetable_document(project, scenario)
    mutate(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(format="something-else"), 'not a dlplanner timetable (no "format"'),
        (lambda d: d.update(version=2), "timetable format version 2 is not supported"),
        (lambda d: d.pop("time_grid"), 'document: missing "time_grid"'),
        (lambda d: d["placements"][1].pop("section"), 'placements[1]: missing "section"'),
        (lambda d: d["placements"][2].update(start="9:00"), "placements[2].start: expected a whole number, got '9:00'"),
        (lambda d: d["placements"][0].update(start_time="08:20"), "placements[0].start_time: 08:20 does not match"),
        (lambda d: d["placements"][0].update(end=2000), "placements[0].end: 2000 is not a time of day"),
        (lambda d: d["placements"][0].update(teachers="rivera"), "placements[0].teachers: expected a list, got text"),
        (
            lambda d: d["time_grid"]["day_types"][1]["blocks"][2].update(kind="recess"),
            "time_grid.day_types[1].blocks[2].kind: 'recess' is not one of",
        ),
        (lambda d: d["teachers"][1].update(shoe_size=44), "teachers[1]: unknown field(s) shoe_size"),
        (lambda d: d["sections"][0].update(meetings_per_cycle="two"), "sections[0].meetings_per_cycle: expected"),
        (lambda d: d["scenario"]["terms"][0].update(start="fall"), "scenario.terms[0].start: 'fall' is not a date"),
        (lambda d: d.update(students=[{"id": "x"}]), 'students[0]: missing "name"'),
        (lambda d: d.update(requests=[{"student": "x", "subject": "art", "rank": 0}]), "requests[0].rank: 0 is not a"),
        (lambda d: d.update(enrolments=[{"student": "x", "section": "art", "seat": 3}]), "unknown field(s) seat"),
    ],
)
def test_bad_input_names_the_file_and_place(tmp_path: Path, mutate, expected: str) -> None:
    path = _broken(tmp_path, mutate)
    with pytest.raises(TimetableFormatError) as caught:
        read_timetable(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and expected in message, message
    assert caught.value.__cause__ is None


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(TimetableFormatError, match="no such file"):
        read_timetable(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dlplanner-timetable",', encoding="utf-8")
    with pytest.raises(TimetableFormatError, match=r"bad.json: not valid JSON \(line 1"):
        read_timetable(bad)
    bad.write_bytes(b"\xff\xfe{}")
    with pytest.raises(TimetableFormatError, match="not UTF-8"):
        read_timetable(bad)


# -- issue 19, item 12: nesting and long values ----------------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'])
@pytest.mark.parametrize("depth", [100, 5_000, 200_000])
def test_deeply_nested_json_is_refused_with_a_message(opening: str, depth: int, tmp_path: Path) -> None:
    closing = "]" if opening == "[" else "}"
    path = tmp_path / "deep.json"
    path.write_text(opening * depth + "1" + closing * depth, encoding="utf-8")
    with pytest.raises(TimetableFormatError) as caught:
        read_timetable(path)
    assert str(caught.value) == f"{path}: nested more than 64 levels deep; this is not a dlplanner document"


def test_deep_nesting_inside_a_valid_document_is_refused(tmp_path: Path) -> None:
    deep: Any = 1
    for _ in range(500):
        deep = [deep]
    path = _broken(tmp_path, lambda d: d["scenario"]["solution"]["penalties"].update(spread_days=deep))
    with pytest.raises(TimetableFormatError, match="nested more than 64 levels deep"):
        read_timetable(path)


def test_a_number_of_thousands_of_digits_is_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "digits.json"
    path.write_text('{"format": "dlplanner-timetable", "version": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(TimetableFormatError, match="not valid JSON"):
        read_timetable(path)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d, v: d["placements"][0].update(section=[v]),
        lambda d, v: d["placements"][0].update(start_time=v),
        lambda d, v: d["time_grid"]["day_types"][0]["blocks"][0].update(kind=v),
        lambda d, v: d["teachers"][0].update(max_minutes_per_week=v),
        lambda d, v: d["teachers"][0].update({v: 1}),
        lambda d, v: d["scenario"]["solution"].update(status=v),
        lambda d, v: d.update(version=v),
    ],
    ids=["list", "clock", "kind", "number", "field", "status", "version"],
)
def test_long_values_are_shortened_and_line_breaks_escaped(mutate, tmp_path: Path) -> None:
    value = "line one\nline two\r\n" * 5_000
    path = _broken(tmp_path, lambda d: mutate(d, value))
    with pytest.raises(TimetableFormatError) as caught:
        read_timetable(path)
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message and len(message) < len(str(path)) + 250, message[:1000]
    assert "line one\\nline two" in message


def _with_students(project: Project, scenario: Scenario) -> None:
    """Two students, requests with an alternate, and an open section with seats beyond its cohort."""
    scenario.sections[2].max_enrolment = 28  # Art 10: 10A's 25 and 3 open seats
    project.students = [
        Student("ana", "Ana Reyes", 9, "9a", "crew1", "STEM", {"ELL", "IEP"}),
        Student("bo", "Bo Chen", 10, None, None),
    ]
    project.requests = [
        CourseRequest("ana", "art", 1),
        CourseRequest("bo", "bio", 2),
        CourseRequest("bo", "art", 3, alternate_for="bio"),
    ]
    scenario.solution.enrolments = [Enrolment("ana", "art", pinned=True), Enrolment("bo", "art")]


def test_students_requests_and_enrolments_are_written_by_the_schema_and_read_back(tmp_path: Path) -> None:
    project, scenario = school()
    _with_students(project, scenario)
    path = write_timetable(project, scenario, tmp_path / "ab.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert conform(document, SCHEMA) == []
    assert document["students"][0] == {
        "id": "ana",
        "name": "Ana Reyes",
        "grade": 9,
        "cohort": "9a",
        "advisory": "crew1",
        "pathway": "STEM",
        "flags": ["ELL", "IEP"],
    }
    assert document["requests"][2] == {"student": "bo", "subject": "art", "rank": 3, "alternate_for": "bio"}
    assert document["enrolments"][0] == {"student": "ana", "section": "art", "pinned": True}
    project2, scenario2 = read_timetable(path)
    assert (project2.students, project2.requests) == (project.students, project.requests)
    assert scenario2.solution.enrolments == scenario.solution.enrolments
    assert scenario2.sections[2].max_enrolment == 28
    original, again = check_timetable(project, scenario), check_timetable(project2, scenario2)
    assert original.ok and again.ok
    assert again.penalties == original.penalties and original.penalties["request_unmet"] == 10 * 1  # bo: alternate
    # a clash the checker sees in the original it sees in the read-back file: Ana's cohort has Math then
    scenario.solution.placements[3].day_type_id = "a"
    scenario.solution.placements[2].room_id = "r1"
    project3, scenario3 = read_timetable(write_timetable(project, scenario, tmp_path / "clash.json"))
    assert [v.rule_id for v in check_timetable(project3, scenario3).by_rule().get("student_clash", [])] == [
        "student_clash"
    ]


def test_a_file_without_students_reads_as_none(tmp_path: Path) -> None:
    project, scenario = school()
    document = timetable_document(project, scenario)
    for key in ("students", "requests", "enrolments"):
        del document[key]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    project2, scenario2 = read_timetable(path)
    assert (project2.students, project2.requests, scenario2.solution.enrolments) == ([], [], [])
