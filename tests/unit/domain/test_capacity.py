"""Capacity checks: each fails on a tiny school built to break it, names the numbers, is quiet with room to spare."""

from __future__ import annotations

from datetime import date

from dlplanner.domain.calendar import Term, TermKind
from dlplanner.domain.capacity import capacity_problems
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
    Cohort,
    DayType,
    Internship,
    Project,
    Room,
    Scenario,
    Section,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)
from dlplanner.domain.validation import Problem, Severity, blocking, validate

C, P, PL = BlockKind.CLASS, BlockKind.PASSING, BlockKind.PLANNING


def school(blocks: int = 3, length: int = 60, days: int = 1, teachers: int = 4, cohorts: int = 4) -> Project:
    """``days`` day types of ``blocks`` class blocks of ``length`` minutes joined by 5-minute passing times."""
    spec, t = [], 480
    for i in range(blocks):
        spec.append(Block(f"b{i}", t, t + length, C))
        t += length
        if i < blocks - 1:
            spec.append(Block(f"x{i}", t, t + 5, P))
            t += 5
    bell = BellSchedule("bell", "Bell", spec)
    scenario = Scenario(
        "s", "Main", bell_schedules=[bell], day_types=[DayType(f"d{i}", f"Day {i}", "bell") for i in range(days)]
    )
    return Project(
        "Tiny",
        subjects=[Subject("pe", "PE"), Subject("math", "Math")],
        teachers=[Teacher(f"t{i}", f"Teacher {i}", {"pe", "math"}) for i in range(teachers)],
        rooms=[Room("gym", "Gym", 30, {"gym"}), Room("r1", "Room 1", 30), Room("r2", "Room 2", 30)],
        cohorts=[Cohort(f"c{i}", f"Cohort {i}", 9, 20) for i in range(cohorts)],
        scenarios=[scenario],
    )


def add(project: Project, sid: str, **kw) -> Section:
    kw.setdefault("subject_id", "math")
    section = Section(sid, kw.pop("name", sid), **kw)
    project.scenarios[0].sections.append(section)
    return section


def found(project: Project, code: str) -> list[Problem]:
    return [p for p in capacity_problems(project, project.scenarios[0]) if p.code == code]


def the_error(project: Project, code: str) -> str:
    """The one blocking problem validation finds, which must be this capacity check's; its message."""
    errors = blocking(validate(project, project.scenarios[0]))
    assert [p.code for p in errors] == [code], [p.message for p in errors]
    return errors[0].message


# -- rooms -----------------------------------------------------------------------------------


def pe_classes(project: Project, n: int, term_id: str | None = None, first: int = 0, prefix: str = "pe") -> None:
    for i in range(first, first + n):
        add(
            project,
            f"{prefix}{i}",
            subject_id="pe",
            cohort_ids=[f"c{i}"],
            teacher_ids=[f"t{i}"],
            room_features={"gym"},
            term_id=term_id,
        )


def test_too_few_gyms_for_the_pe_meetings_is_blocking_and_names_the_numbers() -> None:
    p = school()
    pe_classes(p, 4)
    message = the_error(p, "rooms_over_capacity")
    assert message.startswith(
        "4 meetings per cycle must meet in rooms with `gym`, but that room offers 1 × 3 = 3 class blocks"
    )
    assert "pe0" in message


def test_a_full_gym_is_a_warning_and_one_to_spare_is_nothing() -> None:
    p = school()
    pe_classes(p, 3)
    (problem,) = found(p, "rooms_over_capacity")
    assert problem.severity == Severity.WARNING and "100 % full" in problem.message
    p.scenarios[0].sections.pop()
    assert found(p, "rooms_over_capacity") == []


def test_room_minutes_count_lengths_in_minutes_and_double_blocks() -> None:
    p = school()
    add(p, "pe0", subject_id="pe", cohort_ids=["c0"], teacher_ids=["t0"], room_features={"gym"}, length_blocks=2)
    add(p, "pe1", subject_id="pe", cohort_ids=["c1"], teacher_ids=["t1"], room_features={"gym"}, length_minutes=90)
    message = the_error(p, "rooms_over_capacity")
    # a double block is 125 minutes with its passing time; the gym's one run is 190 minutes
    assert "2 meetings per cycle must meet in rooms with `gym` (at least 215 room-minutes)" in message
    assert "that room offers 1 × 190 = 190 class minutes" in message


def test_sections_of_different_terms_do_not_share_the_gym() -> None:
    p = school()
    p.scenarios[0].calendar.terms = [
        Term("s1", "Semester 1", date(2026, 8, 24), date(2027, 1, 15)),
        Term("s2", "Semester 2", date(2027, 1, 19), date(2027, 6, 11)),
    ]
    pe_classes(p, 2, "s1")
    pe_classes(p, 2, "s2", first=2)
    assert found(p, "rooms_over_capacity") == []
    p.scenarios[0].section("pe3").term_id = "s1"
    (problem,) = found(p, "rooms_over_capacity")
    assert problem.severity == Severity.WARNING and "in Semester 1" in problem.message


def test_a_fixed_room_and_the_whole_school_are_groups_too() -> None:
    p = school()
    for i in range(4):
        add(p, f"m{i}", cohort_ids=[f"c{i}"], teacher_ids=[f"t{i}"], room_id="r1")
    assert "must meet in Room 1 (their fixed room)" in the_error(p, "rooms_over_capacity")
    p = school(cohorts=10, teachers=10)
    for i in range(10):
        add(p, f"m{i}", cohort_ids=[f"c{i}"], teacher_ids=[f"t{i}"])
    message = the_error(p, "rooms_over_capacity")
    assert "10 meetings per cycle must meet in the school's rooms, but those 3 rooms offer 3 × 3 = 9" in message


# -- teachers --------------------------------------------------------------------------------


def weekly(project: Project) -> None:
    """Five day types: one cycle is one week, so a weekly limit is the per-cycle limit."""
    scenario = project.scenarios[0]
    scenario.day_types = [DayType(f"d{i}", f"Day {i}", "bell") for i in range(5)]


def test_one_teacher_needing_1520_of_1500_allowed_minutes() -> None:
    """Her own sections and a pool section only she can teach (issue 19's example)."""
    p = school(blocks=8, length=40)
    weekly(p)
    p.teachers[0].max_minutes_per_week = 1500
    add(p, "own", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=20)
    add(p, "solo", name="Statistics", cohort_ids=["c1"], teacher_pool=["t0"], meetings_per_cycle=18)
    message = the_error(p, "teacher_over_capacity")
    assert message == (
        "Teacher 0 must teach 1,520 min per cycle (800 of their own sections + 720 of pool sections only they can "
        "teach: Statistics) but may teach at most 1,500 min (1,500 min per week): widen the pools or lighten the load"
    )
    p.scenarios[0].section("solo").teacher_pool = ["t0", "t1"]  # someone else may take it
    assert blocking(validate(p, p.scenarios[0])) == []


def test_a_team_taught_pool_section_needing_every_pool_teacher_forces_each_of_them() -> None:
    p = school(blocks=8, length=40)
    weekly(p)
    p.teachers[1].max_minutes_per_week = 600
    add(p, "duo", cohort_ids=["c0"], teacher_pool=["t0", "t1"], teachers_needed=2, meetings_per_cycle=16)
    assert "Teacher 1 must teach 640 min per cycle (0 of their own sections + 640" in the_error(
        p, "teacher_over_capacity"
    )


def test_a_pool_whose_demand_exceeds_its_teachers_capacity() -> None:
    """Two teachers of 600 min a week; 12 pool meetings of 90 min and 2 of one's own: 1,080 + 180 > 1,200."""
    p = school(blocks=4, length=90)
    weekly(p)
    for t in p.teachers[:2]:
        t.max_minutes_per_week = 600
    add(p, "own", cohort_ids=["c2"], teacher_ids=["t1"], meetings_per_cycle=2)
    add(p, "alg0", name="Algebra 0", cohort_ids=["c0"], teacher_pool=["t0", "t1"], meetings_per_cycle=5)
    add(p, "alg1", name="Algebra 1", cohort_ids=["c1"], teacher_pool=["t0", "t1"], meetings_per_cycle=7)
    assert the_error(p, "pool_over_capacity") == (
        "The Math pool (Teacher 0, Teacher 1) must teach 1,260 min per cycle: 1,080 of pool sections only they can "
        "teach (Algebra 0, Algebra 1) + 180 of their own sections, but together they can teach at most 1,200 min"
        ": add teachers to the pool, or fewer or shorter meetings"
    )
    p.scenarios[0].section("alg1").meetings_per_cycle = 5
    assert found(p, "pool_over_capacity") == []


def test_a_subjects_pools_together_against_all_its_teachers() -> None:
    """Each pool alone fits; the subject's three teachers cannot take the three pools' sections together."""
    p = school(blocks=4, length=90)
    weekly(p)
    for t in p.teachers[:3]:
        t.max_minutes_per_week = 600
    for i, pool in enumerate((["t0", "t1"], ["t1", "t2"], ["t0", "t2"])):
        add(p, f"alg{i}", name=f"Algebra {i}", cohort_ids=[f"c{i}"], teacher_pool=pool, meetings_per_cycle=7)
    message = the_error(p, "pool_over_capacity")
    assert message.startswith("The Math teachers (Teacher 0, Teacher 1, Teacher 2) must teach 1,890 min per cycle")
    assert "together they can teach at most 1,800 min" in message


# -- cohorts ---------------------------------------------------------------------------------


def test_a_cohort_with_more_meetings_than_free_class_blocks() -> None:
    """Four 30-minute meetings fit in the minutes left after the internship, not in the blocks left to start them."""
    p = school(blocks=4)
    scenario = p.scenarios[0]
    scenario.internships = [Internship("wbl", "WBL", ["c0"], [TimeWindow("d0", 675, 740)])]
    for i in range(4):
        add(p, f"s{i}", cohort_ids=["c0"], teacher_ids=[f"t{i}"], length_minutes=30)
    assert the_error(p, "cohort_over_capacity") == (
        "Cohort 0 has 4 meetings per cycle but only 3 class blocks to start them in (4 class blocks, 1 during its "
        "internships, 0 during its advisories); each meeting needs a block of its own"
    )
    scenario.internships = []
    p.advisories = [Advisory("crew", "Crew", "t3", ["c0"], 20, meeting_blocks=[BlockRef("d0", "b1")])]
    assert "(4 class blocks, 0 during its internships, 1 during its advisories)" in the_error(p, "cohort_over_capacity")
    p.advisories = []
    assert found(p, "cohort_over_capacity") == []


# -- teams -----------------------------------------------------------------------------------


def test_an_over_ambitious_team_planning_target() -> None:
    """Both free at once in 1,200 min a week, but one member teaches 900 of them: 300 < 400."""
    p = school(blocks=4)
    weekly(p)
    p.teams = [TeacherTeam("g9", "Grade 9", ["t0", "t1"], ["c0"], planning_minutes_per_week=400)]
    add(p, "busy", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=15)
    add(p, "light", cohort_ids=["c1"], teacher_ids=["t1"], meetings_per_cycle=5)
    assert the_error(p, "team_planning_over_capacity") == (
        "Team Grade 9 needs 400 min of common planning per cycle (400 min per week) but can have at most 300: its "
        "members are all free of other duties in 1,200 min of class and planning blocks, and Teacher 0's classes "
        "take at least 900 of them: lower the target or lighten that load"
    )
    p.teams[0].planning_minutes_per_week = 290
    assert found(p, "team_planning_over_capacity") == []


def test_class_blocks_the_team_cannot_use_take_the_busiest_members_classes_first() -> None:
    """A short block does not count as planning; the busy member's classes may sit there instead."""
    p = school(blocks=4)
    weekly(p)
    p.teams = [
        TeacherTeam("g9", "Grade 9", ["t0", "t1"], ["c0"], planning_minutes_per_week=400, min_meeting_minutes=61)
    ]
    add(p, "busy", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=15)
    bell = p.scenarios[0].bell_schedules[0]
    bell.blocks.append(Block("plan", 800, 900, PL))  # 100 planning minutes a day, nobody teaches then
    # 500 planning minutes counted, the 60-minute class blocks are too short: 900 of classes fit outside them
    assert found(p, "team_planning_over_capacity") == []
    p.teams[0].planning_minutes_per_week = 501
    assert "team_planning_impossible" in [pr.code for pr in validate(p, p.scenarios[0])]


# -- terms and the samples -------------------------------------------------------------------


def test_an_intersession_has_its_own_capacity() -> None:
    """Inside an intersession only its own sections meet: it neither adds to nor borrows from the year."""
    p = school()
    p.scenarios[0].calendar.terms = [
        Term("jan", "January intersession", date(2027, 1, 4), date(2027, 1, 15), TermKind.INTERSESSION)
    ]
    pe_classes(p, 3)
    pe_classes(p, 3, "jan", first=1, prefix="jan")
    assert [pr.severity for pr in found(p, "rooms_over_capacity")] == [Severity.WARNING, Severity.WARNING]
    pe_classes(p, 1, "jan", first=0, prefix="jan")
    problems = found(p, "rooms_over_capacity")
    assert [(pr.severity, "January intersession" in pr.message) for pr in problems] == [
        (Severity.ERROR, True),
        (Severity.WARNING, False),
    ]
