"""A tiny school whose every figure can be computed by hand (see the comments).

Calendar: Mon 7 – Fri 18 September 2026, Friday 11 a holiday, A/B cycle → A days 7, 9, 14, 16, 18
(5) and B days 8, 10, 15, 17 (4); 9 school days. Term T1 = 7–11 Sep (A: 2, B: 2), T2 = 14–18 Sep
(A: 3, B: 2). One bell schedule for both day types:
p1 class 8:00–9:30 (90) · passing 9:30–9:40 · advisory 9:40–10:10 (30) · p2 class 10:10–11:00 (50)
· lunch 11:00–11:30 · p3 class 11:30–12:20 (50) · planning 12:20–13:00 (40).
"""

from __future__ import annotations

from datetime import date

from dlplanner.domain import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    Cohort,
    DayType,
    Enrolment,
    Holiday,
    Internship,
    Placement,
    Project,
    Room,
    Rotation,
    RotationKind,
    Scenario,
    SchoolYear,
    Section,
    Solution,
    SolveStatus,
    SpecialDay,
    SpecialDayKind,
    Student,
    Subject,
    Teacher,
    TeacherTeam,
    Term,
    TimeWindow,
)
from dlplanner.domain.calendar import TermKind


def h(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes


def bell() -> BellSchedule:
    return BellSchedule(
        "bell",
        "Block day",
        [
            Block("p1", h(8), h(9, 30), BlockKind.CLASS, "Block 1"),
            Block("pass1", h(9, 30), h(9, 40), BlockKind.PASSING),
            Block("adv", h(9, 40), h(10, 10), BlockKind.ADVISORY, "Advisory"),
            Block("p2", h(10, 10), h(11), BlockKind.CLASS, "Block 2"),
            Block("lunch", h(11), h(11, 30), BlockKind.LUNCH, "Lunch"),
            Block("p3", h(11, 30), h(12, 20), BlockKind.CLASS, "Block 3"),
            Block("plan", h(12, 20), h(13), BlockKind.PLANNING, "Planning"),
        ],
    )


def placements() -> list[Placement]:
    return [
        Placement("hum9", 0, "A", h(8), h(9, 30), "r1", ["t1"]),
        Placement("hum9", 1, "B", h(8), h(9, 30), "r1", ["t1"]),
        Placement("math9", 0, "A", h(10, 10), h(11), "r1", ["t2"]),
        Placement("math9", 1, "B", h(10, 10), h(11), "r1", ["t2"]),
        Placement("sci9", 0, "A", h(11, 30), h(12, 20), "r2", ["t3"]),
        Placement("math10", 0, "A", h(8), h(9, 30), "r2", ["t2"]),
    ]


def scenario() -> Scenario:
    year = SchoolYear(
        label="Sept 2026",
        first_day=date(2026, 9, 7),
        last_day=date(2026, 9, 18),
        holidays=[Holiday("Teacher day", date(2026, 9, 11), date(2026, 9, 11))],
        terms=[
            Term("T1", "Term 1", date(2026, 9, 7), date(2026, 9, 11)),
            Term("T2", "Term 2", date(2026, 9, 14), date(2026, 9, 18)),
        ],
        rotation=Rotation(kind=RotationKind.CYCLE, sequence=["A", "B"]),
    )
    return Scenario(
        id="ab",
        name="A/B block",
        calendar=year,
        bell_schedules=[bell()],
        day_types=[DayType("A", "A day", "bell"), DayType("B", "B day", "bell")],
        sections=[
            Section("hum9", "Humanities 9", "hum", ["c9"], 2, length_minutes=90, teacher_ids=["t1"]),
            Section("math9", "Math 9", "math", ["c9"], 2, length_minutes=50, teacher_ids=["t2"], term_id="T1"),
            Section("sci9", "Science 9", "sci", ["c9"], 1, length_minutes=50, teacher_ids=["t3"], term_id="T2"),
            Section("math10", "Math 10", "math", ["c10"], 1, length_minutes=90, teacher_ids=["t2"]),
        ],
        internships=[
            Internship("lti", "LTI", ["c10"], [TimeWindow("B", h(10), h(13))], travel_minutes=10),
        ],
        solution=Solution(placements=placements(), status=SolveStatus.OPTIMAL, penalties={"spread_days": 0}),
    )


def project() -> Project:
    return Project(
        name="Tiny",
        school_name="Tiny Deeper Learning High",
        subjects=[
            Subject("hum", "Humanities", "#e0a040", project_based=True),
            Subject("math", "Math", "#4080e0"),
            Subject("sci", "Science", "#40a060"),
        ],
        teachers=[
            Teacher("t1", "Ana Alvarez", {"hum"}, max_minutes_per_week=1200),
            Teacher("t2", "Ben Brook", {"math"}),
            Teacher("t3", "Cy Chen", {"sci"}),
        ],
        rooms=[Room("r1", "Room 101", 30), Room("r2", "Lab 2", 30, {"lab"})],
        cohorts=[Cohort("c9", "Grade 9", 9, 25), Cohort("c10", "Grade 10", 10, 25)],
        advisories=[Advisory("adv1", "Crew Cy", "t3", ["c9"], 25, "r2")],
        teams=[TeacherTeam("team1", "Team 9", ["t1", "t2"], ["c9"], planning_minutes_per_week=40)],
        scenarios=[scenario()],
    )


def second_scenario(proj: Project) -> Scenario:
    """A copy where Math 10 moves from A block 1 to B block 1 and Science 9 moves to Room 101."""
    other = proj.scenarios[0].copy("ab2", "A/B moved")
    for p in other.solution.placements:
        if p.section_id == "math10":
            p.day_type_id = "B"
        if p.section_id == "sci9":
            p.room_id = "r1"
    return other


def with_intersession() -> Project:
    """14–15 Sep become an intersession with one course, Lab, on B days in block 3 (11:30–12:20)."""
    proj = project()
    scenario = proj.scenarios[0]
    scenario.calendar.terms.append(
        Term("int", "Intersession", date(2026, 9, 14), date(2026, 9, 15), TermKind.INTERSESSION)
    )
    scenario.sections.append(
        Section("lab", "Lab week", "sci", ["c9"], 1, length_minutes=50, teacher_ids=["t3"], term_id="int")
    )
    scenario.solution.placements.append(Placement("lab", 0, "B", h(11, 30), h(12, 20), "r2", ["t3"]))
    return proj


def late_bells() -> BellSchedule:
    """Late start: block 1 shortened to 60 min, no advisory, block 3 shortened to 40 min."""
    return BellSchedule(
        "late",
        "Late start",
        [
            Block("p1", h(9, 30), h(10, 30), BlockKind.CLASS),
            Block("p2", h(10, 40), h(11, 30), BlockKind.CLASS),
            Block("lunch", h(11, 30), h(11, 50), BlockKind.LUNCH),
            Block("p3", h(11, 50), h(12, 30), BlockKind.CLASS),
        ],
    )


def with_late_start() -> Project:
    """Wednesday 16 Sep (an A day) is a late start following the late bells."""
    proj = project()
    scenario = proj.scenarios[0]
    scenario.bell_schedules.append(late_bells())
    scenario.calendar.special_days.append(
        SpecialDay(date(2026, 9, 16), SpecialDayKind.LATE_START, bell_schedule_id="late")
    )
    return proj


def with_students() -> Project:
    """An open Art elective (A days, block 3, Room 101) and three students enrolled in it: Ada in Grade 9, Bo in
    Grade 10 (internship on B days), Cy with no cohort."""
    proj = project()
    scenario = proj.scenarios[0]
    proj.subjects.append(Subject("art", "Art", "#c080c0"))
    scenario.sections.append(Section("art", "Art elective", "art", [], 1, length_minutes=50, teacher_ids=["t1"]))
    scenario.solution.placements.append(Placement("art", 0, "A", h(11, 30), h(12, 20), "r1", ["t1"]))
    proj.students = [
        Student("s-ada", "Ada Park", 9, "c9"),
        Student("s-bo", "Bo Reyes", 10, "c10"),
        Student("s-cy", "Cy Nomad", 11),
    ]
    scenario.solution.enrolments = [Enrolment(s.id, "art") for s in proj.students]
    return proj
