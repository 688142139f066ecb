"""Builds ``broken-school.json``: a small school seeded with distinct problems validation must find.

Run ``.venv/bin/python tests/data/make_broken_school.py`` after changing it; the test suite checks
that the committed JSON matches :func:`broken_school` and that every seeded problem is reported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dlplanner.domain import codec
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    Cohort,
    DayType,
    Internship,
    LoopingRule,
    PairingKind,
    PriorPairing,
    Project,
    Room,
    Scenario,
    Section,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)

HERE = Path(__file__).parent
JSON_PATH = HERE / "broken-school.json"

C, P, A, L = BlockKind.CLASS, BlockKind.PASSING, BlockKind.ADVISORY, BlockKind.LUNCH

# (code, words its message must contain: the records it names), one per seeded problem
SEEDED: list[tuple[str, list[str]]] = [
    ("teacher_overloaded", ["Ms. Rivera", "1,650 min", "1,500 min"]),
    ("cohort_overloaded", ["Cohort 9A", "1,900 min", "1,560"]),
    ("room_impossible", ["`lab`", "capacity ≥ 32", "Chemistry 10"]),
    ("no_qualified_teacher", ["Spanish 2"]),
    ("unknown_reference", ["Art 9", "mr-grey"]),
    ("unknown_reference", ["2026-10-09", "'pd'"]),
    ("advisor_unknown", ["Crew 5", "ms-gone"]),
    ("looping_prior_gone", ["10A", "mr-hale"]),
    ("team_planning_impossible", ["Grade 9 team", "120 min"]),
    ("duplicate_id", ["r101", "Room 101", "Room 101B"]),
    ("blocks_overlap", ["Assembly", "Period 1", "Period 2"]),
]


def broken_school() -> Project:
    regular = [
        Block("p1", 480, 530, C, "Period 1"),
        Block("x1", 530, 540, P),
        Block("p2", 540, 590, C, "Period 2"),
        Block("adv", 590, 610, A, "Crew"),
        Block("p3", 610, 660, C, "Period 3"),
        Block("x3", 660, 670, P),
        Block("p4", 670, 720, C, "Period 4"),
        Block("lunch", 720, 750, L, "Lunch"),
        Block("p5", 750, 800, C, "Period 5"),
        Block("x5", 800, 810, P),
        Block("p6", 810, 860, C, "Period 6"),
        Block("x6", 860, 870, P),
        Block("p7", 870, 920, C, "Period 7"),
    ]  # class runs 8:00–9:50, 10:10–12:00, 12:30–15:20: 390 min a day
    assembly = [Block("p1", 480, 560, C, "Period 1"), Block("p2", 550, 630, C, "Period 2")]  # overlap
    days = [("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"), ("fri", "Friday")]
    scenario = Scenario(
        "weekly",
        "Weekly 7-period",
        bell_schedules=[BellSchedule("regular", "Regular", regular), BellSchedule("assembly", "Assembly", assembly)],
        day_types=[DayType(i, name, "regular") for i, name in days],
        sections=[
            # Ms. Rivera: 3 × 11 × 50 = 1,650 min against a 1,500 min weekly maximum
            Section("bio9a", "Biology 9", "bio", ["9a"], 11, teacher_ids=["rivera"], room_features={"lab"}),
            Section("bio9b", "Biology 9 Honors", "bio", ["9b"], 11, teacher_ids=["rivera"], room_features={"lab"}),
            Section("env9b", "Environmental Science", "bio", ["9b"], 11, teacher_ids=["rivera"]),
            # Cohort 9A: 550 + 10 × 110 (a double block absorbs passing time) + 250 = 1,900 min,
            # but it is away all Friday: 4 × 390 = 1,560 min
            Section("eng9", "English 9", "eng", ["9a"], 10, length_blocks=2, teacher_ids=["okafor"]),
            Section("math9", "Math 9", "math", ["9a"], 5, teacher_pool=["kim"]),
            # no lab seats 32
            Section("chem10", "Chemistry 10", "chem", ["10a"], 4, teacher_ids=["kim"], room_features={"lab"}),
            # nobody teaches Spanish
            Section("span2", "Spanish 2", "span", ["10a"], 4),
            # a teacher who does not exist
            Section("art9", "Art 9", "art", ["9b"], 2, teacher_ids=["mr-grey"]),
        ],
        internships=[Internship("lti", "Friday LTI", ["9a"], [TimeWindow("fri", 480, 920)], travel_minutes=0)],
        looping_rules=[LoopingRule("loop10a", "10a", PairingKind.ADVISOR, hard=True)],
    )
    scenario.calendar.rotation.weekday_map = {i: day_id for i, (day_id, _) in enumerate(days)}
    scenario.calendar.rotation.overrides = {date(2026, 10, 9): "pd"}  # a day type that does not exist
    return Project(
        "Broken school",
        school_name="Harbor Point Deeper Learning Academy (made up)",
        description="Deliberately broken: every problem here is one validation must report.",
        subjects=[
            Subject("bio", "Biology"),
            Subject("eng", "English"),
            Subject("math", "Math"),
            Subject("chem", "Chemistry"),
            Subject("span", "Spanish"),
            Subject("art", "Art"),
        ],
        teachers=[
            Teacher("rivera", "Ms. Rivera", {"bio"}, max_minutes_per_week=1500),
            Teacher("okafor", "Mr. Okafor", {"eng"}),
            Teacher("kim", "Dr. Kim", {"math", "chem"}),
            Teacher("diaz", "Ms. Diaz", {"art"}),
        ],
        rooms=[
            Room("lab", "Lab", 28, {"lab"}),
            Room("r101", "Room 101", 34),
            Room("r101", "Room 101B", 34),  # the same id twice
        ],
        cohorts=[Cohort("9a", "9A", 9, 26), Cohort("9b", "9B", 9, 26), Cohort("10a", "10A", 10, 32)],
        advisories=[
            Advisory("crew1", "Crew 1", "diaz", ["9a"], 13, "r101"),
            Advisory("crew5", "Crew 5", "ms-gone", ["10a"], 16),
        ],
        teams=[TeacherTeam("g9", "Grade 9 team", ["rivera", "okafor"], ["9a", "9b"], 120, min_meeting_minutes=60)],
        prior_pairings=[PriorPairing("10a", PairingKind.ADVISOR, teacher_ids=["mr-hale"])],
        scenarios=[scenario],
    )


def main() -> None:
    JSON_PATH.write_text(codec.project_to_json(broken_school()), encoding="utf-8")
    print(f"wrote {JSON_PATH}")


if __name__ == "__main__":
    main()
