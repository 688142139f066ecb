"""A hand-built project that sets every field of every record type to a non-default value.

Storage round-trips compare it with ``==``; :func:`unset_fields` proves it really is "rich", so a
field added to the domain later makes the storage tests fail until the storage layer maps it.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date, datetime, timedelta, timezone
from typing import Any

from dlplanner.domain import calendar, model
from dlplanner.domain.calendar import (
    Holiday,
    Minimums,
    Rotation,
    RotationKind,
    SchoolYear,
    SpecialDay,
    SpecialDayKind,
    Term,
    TermKind,
)
from dlplanner.domain.model import (
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
    TimeWindow,
)


def build_rich_project(name: str = "Harbor Crew High — “rich” test") -> Project:
    """Two campuses, teams, advisories, internships, looping and two scenarios with solutions."""
    calendar_ab = SchoolYear(
        label="2027–28 A/B",
        first_day=date(2027, 8, 23),
        last_day=date(2028, 6, 9),
        holidays=[
            Holiday("Thanksgiving break", date(2027, 11, 24), date(2027, 11, 26)),
            Holiday("Winter break", date(2027, 12, 20), date(2028, 1, 2)),
        ],
        terms=[
            Term("s1", "Semester 1", date(2027, 8, 23), date(2028, 1, 21), TermKind.SEMESTER, {"sourcedId": "as-s1"}),
            Term("s2", "Semester 2", date(2028, 1, 24), date(2028, 6, 9)),
        ],
        special_days=[
            SpecialDay(date(2027, 10, 8), SpecialDayKind.PD, None, students_attend=False, note="District PD"),
            SpecialDay(date(2027, 9, 15), SpecialDayKind.LATE_START, "late", students_attend=True, note="Late start"),
            SpecialDay(date(2027, 9, 22), SpecialDayKind.EARLY_RELEASE, bell_schedule_id="late"),
        ],
        rotation=Rotation(
            kind=RotationKind.CYCLE,
            weekday_map={0: "A", 4: "late"},
            sequence=["A", "B"],
            school_weekdays=[0, 1, 2, 3],
            overrides={date(2027, 9, 1): "B", date(2028, 3, 3): "A"},
            restart_after_holidays=True,
        ),
        time_zone="America/Los_Angeles",
        external_ids={"sourcedId": "as-2027"},
    )
    bells = [
        BellSchedule(
            "regular",
            "Regular block day",
            [
                Block("adv", 8 * 60, 8 * 60 + 25, BlockKind.ADVISORY, "Crew"),
                Block("p1", 8 * 60 + 30, 10 * 60, BlockKind.CLASS, "Block 1"),
                Block("pass1", 10 * 60, 10 * 60 + 5, BlockKind.PASSING, "Passing"),
                Block("p2", 10 * 60 + 5, 11 * 60 + 35, BlockKind.CLASS, "Block 2"),
                Block("lunch", 11 * 60 + 35, 12 * 60 + 10, BlockKind.LUNCH, "Lunch"),
                Block("lti", 12 * 60 + 10, 15 * 60, BlockKind.INTERNSHIP, "LTI window"),
                Block("plan", 15 * 60, 15 * 60 + 45, BlockKind.PLANNING, "Team planning"),
                Block("flex", 15 * 60 + 45, 16 * 60, BlockKind.FLEX, "Flex"),
            ],
        ),
        BellSchedule(
            "late",
            "Late start",
            [
                Block("pd", 8 * 60, 9 * 60 + 30, BlockKind.PLANNING, "Staff PD"),
                Block("p1", 9 * 60 + 40, 11 * 60, BlockKind.CLASS, "Block 1 (short)"),
            ],
        ),
    ]
    day_types = [DayType("A", "A day", "regular"), DayType("B", "B day", "regular"), DayType("late", "Late", "late")]
    sections = [
        Section(
            id="biolit-1",
            name="BioLit 9 (Biology + English 9)",
            subject_id="bio",
            cohort_ids=["g9-eng", "g9-hlth"],
            meetings_per_cycle=3,
            length_minutes=185,
            length_blocks=2,
            teacher_ids=["t-okafor", "t-lind"],
            teacher_pool=["t-okafor", "t-lind", "t-ruiz"],
            teachers_needed=2,
            room_id="r-lab",
            room_features={"lab", "sinks"},
            min_capacity=56,
            enrolment=54,
            allow_break_span=True,
            term_id="s1",
            external_ids={"sourcedId": "cls-biolit-1", "code": "BIOLIT-1", "periods": "1-2"},
            max_enrolment=58,
        ),
        Section(
            id="eng-10",
            name="English 10",
            subject_id="eng",
            cohort_ids=["g10"],
            meetings_per_cycle=2,
            length_minutes=None,
            length_blocks=None,
            teacher_ids=[],
            teacher_pool=[],
            teachers_needed=1,
        ),
    ]
    placements = [
        Placement(
            section_id="biolit-1",
            meeting=i % 3,
            day_type_id=("A", "B", "late")[i % 3],
            start=8 * 60 + 30 + i,
            end=11 * 60 + 35 + i,
            room_id="r-lab" if i % 2 else None,
            teacher_ids=["t-okafor", "t-lind"][: 1 + i % 2],
            pinned=i % 4 == 0,
        )
        for i in range(37)
    ]
    main = Scenario(
        id="ab-lti",
        name="A/B with LTI days",
        description="Two-day A/B cycle, internships Tuesday afternoons; 'quoted' and \"double\" text",
        calendar=calendar_ab,
        bell_schedules=bells,
        day_types=day_types,
        sections=sections,
        internships=[
            Internship(
                id="lti-11",
                name="Juniors' LTI",
                cohort_ids=["g11"],
                windows=[TimeWindow("A", 12 * 60 + 10, 15 * 60), TimeWindow(None, 13 * 60, 14 * 60)],
                travel_minutes=25,
                description="Learning through internship, with 25 min travel",
            )
        ],
        looping_rules=[
            LoopingRule("loop-adv", "g10", PairingKind.ADVISOR, None, hard=True, weight=50),
            LoopingRule("loop-sci", "g10", PairingKind.SUBJECT_TEACHER, "bio", hard=False, weight=7, years=2),
            LoopingRule("loop-crew", "", PairingKind.ADVISOR, hard=False, weight=3, advisory_id="crew-1", years=4),
        ],
        rules=RuleSettings(
            weights={"teacher_gaps": 3, "long_blocks_for_pbl": 11, "advisory_same_room": 0},
            max_consecutive_teaching_blocks=4,
            long_block_minutes=95,
            time_limit_seconds=0.1 + 0.2,  # not exactly 0.3: floats must round-trip bit for bit
        ),
        solution=Solution(
            placements=placements,
            enrolments=[Enrolment("s-ana", "biolit-1", pinned=True), Enrolment("s-bo", "eng-10")],
            status=SolveStatus.FEASIBLE,
            objective=1234.5,
            best_bound=1200.125,
            penalties={"teacher_gaps": 12, "loop-sci": 7},
            wall_time=12.000000001,
            solved_at=datetime(2027, 5, 2, 14, 30, 5, 123456, tzinfo=timezone(timedelta(hours=-7))),
            stale=True,
            advisors={"crew-3": "t-ruiz"},
            team_cohorts={"team-9": ["g10"]},
        ),
        version=4,
    )
    alt = main.copy("4x4", "4x4 block", with_solution=False)
    alt.description = ""
    alt.solution = Solution(
        placements=[Placement("eng-10", 0, "A", 600, 690)],
        status=SolveStatus.OPTIMAL,
        objective=0.0,
        best_bound=None,
        solved_at=datetime(2027, 5, 3, 9, 0),  # naive: must stay naive
    )
    alt.bell_schedules[1].blocks.reverse()  # order is data, not sorted on load

    return Project(
        name=name,
        school_name="Harbor Crew High School",
        description="Big Picture style advisories, New Tech team teaching, two campuses ✓",
        subjects=[
            Subject("bio", "Biology", "#2e7d32", "Science", project_based=True, external_ids={"sourcedId": "crs-bio"}),
            Subject("eng", "English", "#c62828", "Humanities", project_based=False),
            Subject("adv", "Advisory", "#6a1b9a", "", project_based=True),
        ],
        teachers=[
            Teacher(
                id="t-okafor",
                name="Ngozi Okafor",
                subject_ids={"bio", "adv"},
                max_minutes_per_week=1350,
                unavailable=[TimeWindow("B", 8 * 60, 10 * 60), TimeWindow(None, 15 * 60, 16 * 60)],
                avoid=[TimeWindow("late", 9 * 60 + 40, 11 * 60)],
                campus_id="north",
                email="okafor@harbor.example",
                external_ids={"sourcedId": "usr-okafor", "code": "E1042"},
                max_advisories=1,
            ),
            Teacher("t-lind", "Sam Lind", {"eng"}, 1500, [], [TimeWindow(None, 8 * 60, 8 * 60 + 30)], "south", ""),
            Teacher("t-ruiz", "Ana Ruiz", set(), None, [], [], None, "ruiz@harbor.example"),
        ],
        rooms=[
            Room("r-lab", "Lab 104", 60, {"lab", "sinks", "projector"}, "north", {"sourcedId": "loc-104"}),
            Room("r-201", "Room 201", 32, set(), None),
        ],
        campuses=[Campus("north", "North campus", "1 Harbor Way"), Campus("south", "South (college)", "")],
        travel=[CampusTravel("north", "south", 20)],
        cohorts=[
            Cohort(
                "g9-eng", "9 Engineering", 9, 28, "Engineering", "class-2031-eng", "north", {"oneroster": "g09-1a2b"}
            ),
            Cohort("g9-hlth", "9 Health", 9, 26, "Health", "class-2031-hlth", "north"),
            Cohort("g10", "Grade 10", 10, 80, "", "class-2030", None),
            Cohort("g11", "Grade 11", 11, 75, "Linked Learning", "class-2029", "south"),
        ],
        advisories=[
            Advisory(
                id="crew-1",
                name="Crew Okafor",
                advisor_id="t-okafor",
                cohort_ids=["g9-eng"],
                size=16,
                room_id="r-201",
                meeting_blocks=[BlockRef("A", "adv"), BlockRef("B", "adv")],
                identity="crew-class-2031-okafor",
                advisor_pool=[],
            ),
            Advisory("crew-2", "Crew Lind", "t-lind", [], 0, None, []),
            Advisory("crew-3", "Crew open", "", ["g10"], 15, None, [], "crew-class-2030-open", ["t-ruiz", "t-lind"]),
        ],
        teams=[
            TeacherTeam("team-9", "Grade 9 team", ["t-okafor", "t-lind"], ["g9-eng", "g9-hlth"], 120, 45, ["g10"], 1),
        ],
        prior_pairings=[
            PriorPairing("g10", PairingKind.ADVISOR, None, ["t-lind"], None),
            PriorPairing("g10", PairingKind.TEAM, None, [], "team-9"),
            PriorPairing("g10", PairingKind.SUBJECT_TEACHER, "bio", ["t-okafor", "t-ruiz"], None, years=2),
            PriorPairing("g9-eng", PairingKind.ADVISOR, None, ["t-okafor"], None, advisory_id="crew-1", years=3),
        ],
        students=[
            Student("s-ana", "Ana Reyes", 9, "g9-eng", "crew-1", "Engineering", {"ELL", "IEP"}),
            Student("s-bo", "Bo Chen", 10),
        ],
        requests=[
            CourseRequest("s-ana", "bio", 1, None),
            CourseRequest("s-bo", "eng", 2, None),
            CourseRequest("s-bo", "bio", 3, "eng"),
        ],
        scenarios=[main, alt],
        minimums=Minimums(
            annual_instructional_minutes=64_800,
            by_grade={9: 60_000, 12: 55_000},
            count_advisory_as_instruction=True,
            subject_annual_minutes={"bio": 7_200, "eng": 9_000},
            advisory_minutes_per_week=90,
            internship_hours_per_year=120,
            instructional_days=175,
            team_planning_from_teams=False,
        ),
        external_ids={"sourcedId": "org-harbor"},
    )


# -- proof that the fixture is rich ------------------------------------------------------------

_NAMESPACE = {**vars(model), **vars(calendar)}


def _dataclass_types(root: type) -> set[type]:
    """Every dataclass type reachable from ``root`` through its fields' type hints."""
    found: set[type] = set()
    todo = [root]
    while todo:
        tp = todo.pop()
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            if tp in found:
                continue
            found.add(tp)
            todo.extend(typing.get_type_hints(tp, globalns=_NAMESPACE).values())
        else:
            todo.extend(typing.get_args(tp))
    return found


def _default_of(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def unset_fields(project: Project) -> list[str]:
    """``Type.field`` for every field that holds its default value in *every* instance (or has none)."""
    set_somewhere: set[tuple[type, str]] = set()
    seen_types: set[type] = set()

    def walk(value: Any) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen_types.add(type(value))
            for f in dataclasses.fields(value):
                current = getattr(value, f.name)
                default = _default_of(f)
                if default is dataclasses.MISSING or current != default:
                    set_somewhere.add((type(value), f.name))
                walk(current)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(project)
    missing = []
    for tp in sorted(_dataclass_types(Project), key=lambda t: t.__name__):
        if tp not in seen_types:
            missing.append(f"{tp.__name__} (no instance)")
            continue
        missing.extend(f"{tp.__name__}.{f.name}" for f in dataclasses.fields(tp) if (tp, f.name) not in set_somewhere)
    return missing


def type_differences(a: Any, b: Any, path: str = "project") -> list[str]:
    """Places where two equal-looking values differ in type (``1`` vs ``1.0``, naive vs aware ...)."""
    if type(a) is not type(b):
        return [f"{path}: {type(a).__name__} vs {type(b).__name__}"]
    if isinstance(a, datetime) and (a.tzinfo is None) != (b.tzinfo is None):
        return [f"{path}: naive vs aware datetime"]
    if dataclasses.is_dataclass(a):
        return [
            d
            for f in dataclasses.fields(a)
            for d in type_differences(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
        ]
    if isinstance(a, (list, tuple)) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in type_differences(x, y, f"{path}[{i}]")]
    if isinstance(a, dict):
        return [d for k in a if k in b for d in type_differences(a[k], b[k], f"{path}[{k!r}]")]
    return []
