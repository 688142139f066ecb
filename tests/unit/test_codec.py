"""Project documents round-trip exactly, and bad documents name the place that is wrong."""

import json
from datetime import date, datetime

import pytest

from dlplanner.domain import (
    BellSchedule,
    Block,
    BlockKind,
    DayType,
    Holiday,
    Placement,
    Project,
    Rotation,
    RotationKind,
    Scenario,
    SchoolYear,
    Section,
    Solution,
    SolveStatus,
    Teacher,
    TimeWindow,
    codec,
)
from dlplanner.domain.codec import DecodeError


def _project() -> Project:
    year = SchoolYear(
        label="2026-27",
        holidays=[Holiday("Winter break", date(2026, 12, 21), date(2027, 1, 1))],
        rotation=Rotation(kind=RotationKind.CYCLE, sequence=["a", "b"], overrides={date(2026, 9, 1): "b"}),
    )
    scenario = Scenario(
        "ab",
        "A/B",
        calendar=year,
        bell_schedules=[BellSchedule("r", "Regular", [Block("p1", 480, 570, BlockKind.CLASS, "Period 1")])],
        day_types=[DayType("a", "A", "r"), DayType("b", "B", "r")],
        sections=[Section("s", "Bio", "bio", ["9a"], 2, length_minutes=90, room_features={"lab", "sink"})],
        solution=Solution(
            [Placement("s", 0, "a", 480, 570, "r1", ["t1"], pinned=True)],
            SolveStatus.OPTIMAL,
            12.0,
            10.0,
            {"spread_days": 10},
            1.5,
            datetime(2026, 11, 1, 9, 30),
        ),
    )
    teacher = Teacher("t1", "Ms. Rivera", {"bio", "chem"}, 1500, [TimeWindow("a", 480, 540)])
    return Project("School", teachers=[teacher], scenarios=[scenario])


def test_round_trip_is_exact() -> None:
    project = _project()
    assert codec.project_from_json(codec.project_to_json(project)) == project


def test_output_is_deterministic() -> None:
    assert codec.project_to_json(_project()) == codec.project_to_json(_project())


def _document() -> dict:
    return json.loads(codec.project_to_json(_project()))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["project"]["teachers"][0].update(colour="red"),
            r"project\.teachers\[0\]: unknown field\(s\) colour",
        ),
        (
            lambda d: d["project"]["scenarios"][0]["bell_schedules"][0]["blocks"][0].update(kind="recess"),
            r"blocks\[0\]\.kind: 'recess' is not one of class, advisory",
        ),
        (lambda d: d["project"]["scenarios"][0]["calendar"].update(first_day="31/08/2026"), r"first_day: '31/08/2026'"),
        (
            lambda d: d["project"]["teachers"][0].update(max_minutes_per_week="lots"),
            r"max_minutes_per_week: expected a whole",
        ),
        (lambda d: d["project"]["teachers"][0].pop("name"), r"teachers\[0\]: missing required field 'name'"),
        (lambda d: d.update(format_version=99), r"newer dlplanner \(format version 99\)"),
        (lambda d: d.update(format="something-else"), r"not a dlplanner project document"),
    ],
)
def test_bad_documents_name_the_place(mutate, expected: str) -> None:
    document = _document()
    mutate(document)
    with pytest.raises(DecodeError, match=expected):
        codec.project_from_json(json.dumps(document), "school.json")


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(DecodeError, match=r"school\.json: not valid JSON \(line 2, column"):
        codec.project_from_json('{\n  "format": ,\n}', "school.json")


def test_deeply_nested_project_json_is_refused_with_a_message() -> None:
    with pytest.raises(codec.DecodeError) as caught:
        codec.project_from_json("[" * 100_000 + "]" * 100_000, "deep.json")
    assert str(caught.value) == "deep.json: nested more than 64 levels deep; this is not a dlplanner document"


def test_long_values_in_project_json_messages_are_shortened_to_one_line() -> None:
    document = json.loads(codec.project_to_json(Project(name="x", teachers=[Teacher("t1", "Ann")])))
    document["project"]["teachers"][0]["name"] = ["a\nb" * 50_000]
    with pytest.raises(codec.DecodeError) as caught:
        codec.project_from_json(json.dumps(document), "p.json")
    message = str(caught.value)
    assert message.startswith("p.json: project.teachers[0].name: expected text, got ['a\\nba\\nb")
    assert "\n" not in message and len(message) < 120, message[:500]
