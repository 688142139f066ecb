"""Edit operations and the drag-time conflict check of dlplanner.domain.editing.

The conflict check must agree with the independent checker: for every meeting and every place
it could be dragged to, the rules the check names are exactly the rules the checker finds broken
once the move is made.
"""

from __future__ import annotations

import copy

import pytest

from dlplanner.domain import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    Campus,
    CampusTravel,
    Cohort,
    DayType,
    Internship,
    Placement,
    Project,
    Room,
    Scenario,
    Section,
    Solution,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)
from dlplanner.domain import editing as ops
from dlplanner.domain.checker import check_timetable
from dlplanner.domain.editing import MoveChecker, Target, move_conflicts

P1, P2, P3 = 8 * 60 + 30, 10 * 60 + 5, 12 * 60 + 5


def _school() -> Project:
    """Two cohorts, three teachers, an A/B cycle, an internship, a team needing exactly its free time."""
    day = BellSchedule(
        "day",
        "Day",
        [
            Block("adv", 8 * 60, 8 * 60 + 25, BlockKind.ADVISORY),
            Block("p1", P1, 10 * 60),
            Block("pass", 10 * 60, P2, BlockKind.PASSING),
            Block("p2", P2, 11 * 60 + 35),
            Block("lunch", 11 * 60 + 35, P3, BlockKind.LUNCH),
            Block("p3", P3, 13 * 60 + 35),
            Block("plan", 13 * 60 + 40, 14 * 60 + 30, BlockKind.PLANNING),
        ],
    )
    sections = [
        Section("eng-1", "English 1", "eng", ["c1"], teacher_ids=["t-eng"]),
        Section("math-1", "Math 1", "math", ["c1"], teacher_ids=["t-math"]),
        Section("sci-1", "Science 1", "sci", ["c1"], teacher_ids=["t-sci"], room_features={"lab"}),
        Section("eng-2", "English 2", "eng", ["c2"], teacher_ids=["t-eng"]),
        Section("math-2", "Math 2", "math", ["c2"], teacher_ids=["t-math"]),
    ]
    placements = [
        Placement("eng-1", 0, "A", P1, 10 * 60, "r1", ["t-eng"]),
        Placement("math-1", 0, "A", P2, 11 * 60 + 35, "r1", ["t-math"]),
        Placement("sci-1", 0, "B", P1, 10 * 60, "lab", ["t-sci"]),
        Placement("eng-2", 0, "A", P2, 11 * 60 + 35, "r2", ["t-eng"]),
        Placement("math-2", 0, "B", P2, 11 * 60 + 35, "r2", ["t-math"]),
    ]
    scenario = Scenario(
        "s",
        "Scenario",
        bell_schedules=[day],
        day_types=[DayType("A", "A day", "day"), DayType("B", "B day", "day")],
        sections=sections,
        internships=[Internship("wbl", "Work-based learning", ["c2"], [TimeWindow("B", 12 * 60, 15 * 60)], 15)],
        solution=Solution(placements=placements),
    )
    # Common free time of t-eng and t-math today: A p3 + A plan + B p1 + B p3 + B plan = 370 min per
    # cycle; 925 min a week is exactly 370 per 2-day cycle, so taking any of it breaks team_planning.
    team = TeacherTeam("team", "Team 9", ["t-eng", "t-math"], ["c1", "c2"], planning_minutes_per_week=925)
    return Project(
        "Test school",
        subjects=[Subject("eng", "English"), Subject("math", "Math"), Subject("sci", "Science")],
        teachers=[
            Teacher("t-eng", "Ada English", {"eng"}),
            Teacher("t-math", "Max Math", {"math"}),
            Teacher("t-sci", "Sam Science", {"sci"}, unavailable=[TimeWindow("B", 12 * 60, 14 * 60)]),
        ],
        rooms=[Room("r1", "Room 1", 30), Room("r2", "Room 2", 30), Room("lab", "Lab", 30, {"lab"})],
        cohorts=[Cohort("c1", "9A", 9, 25), Cohort("c2", "9B", 9, 25)],
        advisories=[Advisory("adv-1", "Crew 1", "t-sci", ["c1"], 12, "lab")],
        teams=[team],
        scenarios=[scenario],
    )


@pytest.fixture
def school() -> Project:
    return _school()


def _placement(project: Project, section_id: str) -> Placement:
    found = ops.find_placement(project.scenarios[0], (section_id, 0))
    assert found is not None
    return found


def _rules(project: Project, section_id: str, target: Target) -> set[str]:
    scenario = project.scenarios[0]
    return {v.rule_id for v in move_conflicts(project, scenario, _placement(project, section_id), target)}


def test_the_test_school_is_valid_to_begin_with(school: Project) -> None:
    assert check_timetable(school, school.scenarios[0]).ok


def test_meeting_end_follows_blocks_and_joins_passing_time(school: Project) -> None:
    scenario = school.scenarios[0]
    double = Section("d", "Double", "eng", ["c1"], length_blocks=2)
    assert ops.meeting_end(scenario, double, "A", P1) == 11 * 60 + 35  # p1 + passing + p2
    assert ops.meeting_end(scenario, double, "A", P3) is None  # lunch ends the run
    assert ops.start_times(scenario, double, "A") == [P1]
    assert ops.meeting_end(scenario, school.scenarios[0].sections[0], "A", P1 + 15) is None
    minutes = Section("m", "Minutes", "eng", ["c1"], length_minutes=60, length_blocks=None)
    assert ops.meeting_end(scenario, minutes, "B", P3) == P3 + 60


def test_free_slot_has_no_conflicts(school: Project) -> None:
    assert _rules(school, "eng-1", Target("A", P3, "r1")) == set()


def test_clashes_name_teacher_cohort_and_room(school: Project) -> None:
    scenario = school.scenarios[0]
    found = move_conflicts(school, scenario, _placement(school, "eng-1"), Target("A", P2, "r1"))
    assert {v.rule_id for v in found} == {"teacher_clash", "cohort_clash", "room_clash"}
    teacher = next(v for v in found if v.rule_id == "teacher_clash")
    assert {(r.kind, r.id) for r in teacher.records} >= {("teacher", "t-eng"), ("section", "eng-2")}
    assert "Ada English" in teacher.message


def test_room_fit_availability_internship_and_class_time(school: Project) -> None:
    assert _rules(school, "sci-1", Target("A", P3, "r1")) == {"room_fit"}
    assert _rules(school, "sci-1", Target("B", P3, "lab")) == {"teacher_available"}
    assert "internship_window" in _rules(school, "eng-2", Target("B", P3, "r2"))
    assert _rules(school, "eng-1", Target("A", P1 + 15, "r1")) == {"class_time"}


def test_team_planning_is_checked_for_the_moved_teachers(school: Project) -> None:
    assert _rules(school, "eng-2", Target("B", P1, "r2")) == {"team_planning"}


def test_move_check_agrees_with_the_checker_everywhere(school: Project) -> None:
    """For each meeting and every day, start and room: the check names what the checker finds after the move."""
    scenario = school.scenarios[0]
    checked = 0
    for placement in scenario.solution.placements:
        section = scenario.section(placement.section_id)
        checker = MoveChecker(school, scenario, placement)
        for day in scenario.day_types:
            for start in ops.start_times(scenario, section, day.id):
                for room in school.rooms:
                    target = Target(day.id, start, room.id)
                    predicted = {v.rule_id for v in checker.conflicts(target)}
                    moved = copy.deepcopy(school)
                    ops.move_placement(moved.scenarios[0], ops.key_of(placement), target)
                    actual = {v.rule_id for v in check_timetable(moved, moved.scenarios[0]).violations}
                    assert predicted == actual, (placement.section_id, target)
                    checked += 1
    assert checked == 5 * 2 * 3 * 3


def test_move_check_sees_every_crew_of_a_cohort_sitting_at_once(school: Project) -> None:
    """9A's two crews sit at 8:00 on two campuses; a class at 8:30 on one of them is too soon for the other."""
    school.campuses = [Campus("n", "North"), Campus("s", "South")]
    school.travel = [CampusTravel("n", "s", 15)]
    for room in school.rooms:
        room.campus_id = "n"
    school.rooms.append(Room("sx", "South seminar", 15, campus_id="s"))
    school.advisories[0].size = 13
    school.advisories.append(Advisory("adv-2", "Crew 2", "t-eng", ["c1"], 12, "sx"))
    scenario = school.scenarios[0]
    placement = _placement(school, "sci-1")  # B day 8:30 in the (north) lab, taught by Crew 1's advisor
    target = Target("B", P1, "lab")  # where it is
    predicted = MoveChecker(school, scenario, placement).conflicts(target)
    assert [v.message for v in predicted] == ["Cohort 9A needs 15 min to travel between advisory Crew 2 and Science 1"]
    found = [v.message for v in check_timetable(school, scenario).violations if "Science 1" in v.message]
    assert found == [
        "Cohort 9A has 5 min on B day between advisory Crew 2 (ends 8:25, South) and Science 1 "
        "(starts 8:30, North) but needs 15 min to travel"
    ]


def test_timetable_conflicts_lists_each_card_in_conflict(school: Project) -> None:
    scenario = school.scenarios[0]
    assert ops.timetable_conflicts(school, scenario) == {}
    ops.move_placement(scenario, ("eng-1", 0), Target("A", P2, "r1"))
    conflicts = ops.timetable_conflicts(school, scenario)
    assert set(conflicts) == {("eng-1", 0), ("math-1", 0), ("eng-2", 0)}
    assert {v.rule_id for v in conflicts[("eng-1", 0)]} == {"teacher_clash", "cohort_clash", "room_clash"}


def test_move_and_its_inverse_restore_the_timetable(school: Project) -> None:
    scenario = school.scenarios[0]
    before = copy.deepcopy(scenario.solution.placements)
    old = ops.move_placement(scenario, ("eng-1", 0), Target("B", P3, "r2"))
    moved = ops.find_placement(scenario, ("eng-1", 0))
    assert (moved.day_type_id, moved.start, moved.end, moved.room_id) == ("B", P3, 13 * 60 + 35, "r2")
    ops.replace_placement(scenario, ("eng-1", 0), old)
    assert scenario.solution.placements == before
    with pytest.raises(ops.EditError):
        ops.move_placement(scenario, ("eng-1", 0), Target("A", P1 + 15, "r1"))


def test_pin_unschedule_and_place(school: Project) -> None:
    scenario = school.scenarios[0]
    assert ops.set_pinned(scenario, ("math-1", 0), True) is False
    assert ops.find_placement(scenario, ("math-1", 0)).pinned
    removed = ops.unschedule(scenario, [("math-1", 0)])
    assert ops.unscheduled_meetings(scenario) == [("math-1", 0)]
    ops.place_meeting(scenario, "math-1", 0, Target("B", P3, "r1"), ["t-math"])
    assert ops.unscheduled_meetings(scenario) == []
    assert ops.find_placement(scenario, ("math-1", 0)).end == 13 * 60 + 35
    assert removed[0].pinned


def test_bell_change_makes_misfits_which_go_to_the_tray(school: Project) -> None:
    scenario = school.scenarios[0]
    schedule = scenario.bell_schedules[0]
    shifted = [Block(b.id, b.start + 5, b.end + 5, b.kind) if b.id == "p2" else b for b in schedule.blocks]
    old = ops.replace_blocks(schedule, shifted)
    misfit = {ops.key_of(p) for p in ops.misfits(scenario)}
    assert misfit == {("math-1", 0), ("eng-2", 0), ("math-2", 0)}  # the three meetings in p2
    ops.unschedule(scenario, misfit)
    assert set(ops.unscheduled_meetings(scenario)) == misfit
    ops.replace_blocks(schedule, old)
    assert ops.misfits(scenario) == []


def test_record_operations(school: Project) -> None:
    teacher = school.teachers[0]
    assert ops.set_field(teacher, "name", "Ada Lovelace") == "Ada English"
    assert teacher.name == "Ada Lovelace"
    with pytest.raises(ops.EditError):
        ops.set_field(teacher, "nope", 1)
    new_id = ops.new_id((t.id for t in school.teachers), "teacher")
    ops.insert_record(school.teachers, 1, Teacher(new_id, "New"))
    assert school.teachers[1].id == "teacher-1"
    with pytest.raises(ops.EditError):
        ops.insert_record(school.teachers, 0, Teacher(new_id, "Again"))
    assert ops.remove_record(school.teachers, 1).id == new_id
    assert ops.snap(8 * 60 + 32) == 8 * 60 + 30 and ops.snap(8 * 60 + 33) == 8 * 60 + 35


def test_apply_solution_and_stale_flag(school: Project) -> None:
    scenario = school.scenarios[0]
    old = ops.apply_solution(scenario, Solution())
    assert scenario.solution.placements == [] and len(old.placements) == 5
    assert ops.mark_stale(scenario) is False and scenario.solution.stale


def test_hand_placed_meetings_get_a_free_fitting_room_and_sensible_teachers(school: Project) -> None:
    scenario = school.scenarios[0]
    assert ops.free_room(school, scenario, scenario.section("sci-1"), "A", P1) == "lab"  # the only lab
    english = scenario.section("eng-1")
    assert ops.free_room(school, scenario, english, "A", P2) == "lab"  # both plain rooms are taken then
    assert ops.free_room(school, scenario, english, "B", P3) == "r1"
    assert ops.default_teachers(school, scenario, english) == ["t-eng"]  # fixed
    school.teachers.append(Teacher("t-eng2", "Eve English", {"eng"}))
    pool = Section("pool", "Pool English", "eng", ["c1"], meetings_per_cycle=2)
    scenario.sections.append(pool)
    assert ops.default_teachers(school, scenario, pool, Target("A", P1, None)) == ["t-eng2"]  # t-eng is busy then
    assert ops.default_teachers(school, scenario, pool, Target("B", P3, None)) == ["t-eng"]
    ops.place_meeting(scenario, "pool", 0, Target("B", P3, "r1"), ["t-eng"])
    assert ops.default_teachers(school, scenario, pool, Target("A", P1, None)) == ["t-eng"]  # as its other meeting


def _school_with_pool() -> Project:
    """The test school plus a pool section (any English teacher) taught by Eve, who has room to spare."""
    school = _school()
    school.teachers.append(Teacher("t-eng2", "Eve English", {"eng"}))
    school.teacher("t-eng").max_minutes_per_week = 800  # 320 min per 2-day cycle; teaches 180 today
    scenario = school.scenarios[0]
    scenario.sections.append(Section("pool", "Pool English", "eng", ["c2"], meetings_per_cycle=2))
    scenario.solution.placements += [
        Placement("pool", 0, "A", P3, 13 * 60 + 35, "r2", ["t-eng2"]),
        Placement("pool", 1, "B", P1, 10 * 60, "r2", ["t-eng2"]),
    ]
    return school


def test_reassign_refusal_follows_the_teacher_assignment_rule() -> None:
    school = _school_with_pool()
    scenario = school.scenarios[0]
    pool, fixed = scenario.section("pool"), scenario.section("eng-1")
    assert ops.reassign_refusal(school, pool, "t-eng") is None  # qualified for English, the pool is empty
    assert (
        ops.reassign_refusal(school, pool, "t-math")
        == "Max Math cannot take Pool English: Max Math is not qualified for English"
    )
    pool.teacher_pool = ["t-eng2"]
    assert (
        ops.reassign_refusal(school, pool, "t-eng")
        == "Ada English cannot take Pool English: Ada English is not in its teacher pool"
    )
    refusal = ops.reassign_refusal(school, fixed, "t-eng2")
    assert refusal is not None and "its teachers are fixed (Ada English)" in refusal
    assert ops.swapped_teachers(["a", "b"], "b", "c") == ("a", "c")


def test_handover_moves_one_meeting_and_gives_the_section_to_the_new_teacher_then_undo() -> None:
    school = _school_with_pool()
    scenario = school.scenarios[0]
    assert check_timetable(school, scenario).ok
    before = copy.deepcopy(scenario.solution.placements)
    old = ops.move_meeting(scenario, ("pool", 0), Target("A", P1, "r2", ("t-eng",)))
    moved, other = ops.find_placement(scenario, ("pool", 0)), ops.find_placement(scenario, ("pool", 1))
    assert (moved.day_type_id, moved.start, moved.teacher_ids) == ("A", P1, ["t-eng"])
    assert (other.day_type_id, other.start, other.teacher_ids) == ("B", P1, ["t-eng"])  # stays, new teacher
    assert {ops.key_of(p) for p in old} == {("pool", 0), ("pool", 1)}
    ops.restore_placements(scenario, old)
    assert sorted(scenario.solution.placements, key=ops.key_of) == sorted(before, key=ops.key_of)


def test_handover_check_agrees_with_the_checker_everywhere() -> None:
    """A drag to another teacher's row: the check names what the checker finds once the section changed hands."""
    school = _school_with_pool()
    scenario = school.scenarios[0]
    placement = ops.find_placement(scenario, ("pool", 0))
    checker = MoveChecker(school, scenario, placement)
    section = scenario.section("pool")
    seen: set[str] = set()
    for day in scenario.day_types:
        for start in ops.start_times(scenario, section, day.id):
            for teacher in ("t-eng", "t-eng2"):
                target = Target(day.id, start, "r2", (teacher,))
                predicted = {v.rule_id for v in checker.conflicts(target)}
                moved = copy.deepcopy(school)
                ops.move_meeting(moved.scenarios[0], ("pool", 0), target)
                actual = {v.rule_id for v in check_timetable(moved, moved.scenarios[0]).violations}
                assert predicted == actual, target
                seen |= predicted
    assert {"teacher_assignment", "team_planning", "teacher_clash"} <= seen


def test_handover_load_counts_each_meeting_at_its_own_length() -> None:
    """B days get a 60-minute first period, so the section's meetings differ in length (the load rule must see it)."""
    school = _school_with_pool()
    scenario = school.scenarios[0]
    day = scenario.bell_schedules[0]
    short = BellSchedule("short", "Short first period", [Block(b.id, b.start, b.end, b.kind) for b in day.blocks])
    short.blocks[1] = Block("p1", P1, P1 + 60)
    scenario.bell_schedules.append(short)
    scenario.day_types[1].bell_schedule_id = "short"
    school.teams[0].planning_minutes_per_week = 0  # the shorter day leaves the team less; not the point here
    for placement in scenario.solution.placements:
        if placement.day_type_id == "B" and placement.start == P1:
            placement.end = P1 + 60
    assert check_timetable(school, scenario).ok
    checker = MoveChecker(school, scenario, ops.find_placement(scenario, ("pool", 0)))
    for target in (Target("A", P3, "r2", ("t-eng",)), Target("B", P3, "r1", ("t-eng",))):
        predicted = {v.rule_id for v in checker.conflicts(target)}
        moved = copy.deepcopy(school)
        ops.move_meeting(moved.scenarios[0], ("pool", 0), target)
        actual = {v.rule_id for v in check_timetable(moved, moved.scenarios[0]).violations}
        assert predicted == actual, target
    # Ada teaches 180 min; 90 (A) + 60 (B) more is over her 320, and the check says so
    assert "teacher_assignment" in {v.rule_id for v in checker.conflicts(Target("A", P3, "r2", ("t-eng",)))}
