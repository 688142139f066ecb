"""The checker: one small school, one valid timetable, and one broken variant per rule."""

from __future__ import annotations

from datetime import date

import pytest

from dlplanner.domain.calendar import Term
from dlplanner.domain.checker import check_pins, check_timetable
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
    Campus,
    CampusTravel,
    Cohort,
    DayType,
    Internship,
    LoopingRule,
    PairingKind,
    Placement,
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

C, P, A, L, PL = BlockKind.CLASS, BlockKind.PASSING, BlockKind.ADVISORY, BlockKind.LUNCH, BlockKind.PLANNING
MON, TUE = "m", "t"
P1, P2, P3, P4 = (480, 530), (540, 590), (610, 660), (690, 740)


def school() -> tuple[Project, Scenario]:
    """Two day types of one bell schedule; Rivera teaches Biology 9 (9A) and Chemistry 9 (9B), Chen Spanish 2 (9B).

    Day: P1 8:00–8:50, passing, P2 9:00–9:50, advisory 9:50–10:10, P3 10:10–11:00, lunch, P4 11:30–12:20,
    planning 12:20–13:00. Crew 3 (9A, advisor Chen, room 101) sits in the advisory block every day.
    """
    blocks = [
        Block("p1", 480, 530, C, "P1"),
        Block("x1", 530, 540, P),
        Block("p2", 540, 590, C, "P2"),
        Block("adv", 590, 610, A, "Advisory"),
        Block("p3", 610, 660, C, "P3"),
        Block("lunch", 660, 690, L),
        Block("p4", 690, 740, C, "P4"),
        Block("plan", 740, 780, PL),
    ]
    scenario = Scenario(
        "s1",
        "Two-day",
        bell_schedules=[BellSchedule("bs", "Regular", blocks)],
        day_types=[DayType(MON, "Monday", "bs"), DayType(TUE, "Tuesday", "bs")],
        sections=[
            Section("bio", "Biology 9", "biology", ["9a"], 2, teacher_ids=["rivera"], room_features={"lab"}),
            Section("span", "Spanish 2", "spanish", ["9b"], 2, teacher_ids=["chen"]),
            Section("chem", "Chemistry 9", "chemistry", ["9b"], 1, teacher_ids=["rivera"]),
        ],
    )
    scenario.solution.placements = [
        Placement("bio", 0, MON, *P1, "lab", ["rivera"]),
        Placement("bio", 1, TUE, *P1, "lab", ["rivera"]),
        Placement("span", 0, MON, *P1, "r101", ["chen"]),
        Placement("span", 1, TUE, *P2, "r101", ["chen"]),
        Placement("chem", 0, MON, *P2, "r101", ["rivera"]),
    ]
    project = Project(
        "Test school",
        subjects=[
            Subject("biology", "Biology"),
            Subject("spanish", "Spanish"),
            Subject("chemistry", "Chemistry"),
        ],
        teachers=[
            Teacher("rivera", "Ms. Rivera", {"biology", "chemistry"}),
            Teacher("chen", "Mr. Chen", {"spanish", "biology"}),
            Teacher("okafor", "Dr. Okafor", {"biology"}),
        ],
        rooms=[Room("r101", "Room 101", 30), Room("lab", "Lab", 30, {"lab"})],
        cohorts=[Cohort("9a", "9A", 9, 25), Cohort("9b", "9B", 9, 25)],
        advisories=[Advisory("crew3", "Crew 3", "chen", ["9a"], 14, "r101")],
        scenarios=[scenario],
    )
    return project, scenario


def semesters(scenario: Scenario, **term_of: str | None) -> None:
    """Fall and spring terms that never overlap, and the given sections' terms (None: year-long)."""
    scenario.calendar.terms = [
        Term("fall", "Fall", date(2026, 8, 24), date(2027, 1, 15)),
        Term("spring", "Spring", date(2027, 1, 19), date(2027, 6, 11)),
    ]
    for section_id, term_id in term_of.items():
        scenario.section(section_id).term_id = term_id


def placement(scenario: Scenario, section_id: str, meeting: int) -> Placement:
    return next(p for p in scenario.solution.placements if p.section_id == section_id and p.meeting == meeting)


def only(project: Project, scenario: Scenario, rule_id: str) -> list:
    """The violations, asserting that they are all of ``rule_id``."""
    report = check_timetable(project, scenario)
    assert set(report.by_rule()) == {rule_id}, [v.message for v in report.violations]
    return report.by_rule()[rule_id]


def test_the_base_timetable_is_valid_and_costs_nothing() -> None:
    project, scenario = school()
    report = check_timetable(project, scenario)
    assert report.ok, [v.message for v in report.violations]
    assert set(report.penalties) >= {"spread_days", "teacher_gaps", "looping_soft"}
    assert report.penalties["daily_load_balance"] == 1  # 9B: 100 min Monday, 50 Tuesday
    assert sum(report.penalties.values()) == 1


def test_placements_argument_overrides_the_solution() -> None:
    project, scenario = school()
    assert not check_timetable(project, scenario, placements=[]).ok


# -- hard rules ----------------------------------------------------------------------------


def test_teacher_clash() -> None:
    project, scenario = school()
    chem = placement(scenario, "chem", 0)
    chem.day_type_id, (chem.start, chem.end) = TUE, P1
    (violation,) = only(project, scenario, "teacher_clash")
    assert (
        violation.message == ("Ms. Rivera teaches Biology 9 and Chemistry 9 at the same time on Tuesday 8:00–8:50")
        or violation.message == "Ms. Rivera teaches Chemistry 9 and Biology 9 at the same time on Tuesday 8:00–8:50"
    )
    assert {r.id for r in violation.records} == {"rivera", "bio", "chem"}


def test_teacher_clash_with_advisory_sitting() -> None:
    project, scenario = school()
    project.advisories[0].advisor_id, project.advisories[0].room_id = "rivera", "lab"
    project.advisories[0].meeting_blocks = [BlockRef(MON, "p2")]  # Rivera teaches Chemistry then
    (violation,) = only(project, scenario, "teacher_clash")
    assert "Ms. Rivera" in violation.message and "advisory Crew 3" in violation.message
    assert "Monday 9:00–9:50" in violation.message


def test_sections_in_different_terms_do_not_clash() -> None:
    project, scenario = school()
    scenario.calendar.terms = [
        Term("fall", "Fall", date(2026, 8, 24), date(2027, 1, 15)),
        Term("spring", "Spring", date(2027, 1, 19), date(2027, 6, 11)),
    ]
    scenario.section("bio").term_id = "fall"
    scenario.section("chem").term_id = "spring"
    chem = placement(scenario, "chem", 0)
    chem.day_type_id, (chem.start, chem.end) = TUE, P1
    assert check_timetable(project, scenario).ok
    scenario.section("chem").term_id = "fall"
    only(project, scenario, "teacher_clash")


def test_cohort_clash() -> None:
    project, scenario = school()
    scenario.section("span").cohort_ids = ["9a"]  # Spanish now meets at P1 Monday, as Biology does
    (violation,) = only(project, scenario, "cohort_clash")
    assert "Cohort 9A" in violation.message and "Monday 8:00–8:50" in violation.message
    assert {r.id for r in violation.records} == {"9a", "bio", "span"}


def test_cohort_clash_with_advisory_but_not_between_advisories() -> None:
    project, scenario = school()
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9a"], 11, "lab"))
    assert check_timetable(project, scenario).ok  # two crews of one cohort at once: different students
    project.advisories[1].meeting_blocks = [BlockRef(MON, "p1")]  # 9A has Biology then
    violations = check_timetable(project, scenario).by_rule()
    assert {v.rule_id for vs in violations.values() for v in vs} == {"cohort_clash", "room_clash"}


def test_room_clash() -> None:
    project, scenario = school()
    placement(scenario, "span", 0).room_id = "lab"
    (violation,) = only(project, scenario, "room_clash")
    assert violation.message.startswith("Lab hosts Biology 9 and Spanish 2") or violation.message.startswith(
        "Lab hosts Spanish 2 and Biology 9"
    )
    assert "Monday 8:00–8:50" in violation.message


def test_meeting_count_missing_and_duplicate() -> None:
    project, scenario = school()
    scenario.solution.placements.remove(placement(scenario, "span", 1))
    (violation,) = only(project, scenario, "meeting_count")
    assert "Spanish 2" in violation.message and "not placed" in violation.message

    project, scenario = school()
    scenario.solution.placements = [p for p in scenario.solution.placements if p.section_id != "chem"]
    (violation,) = only(project, scenario, "meeting_count")
    assert violation.message.startswith("Chemistry 9 is not placed")

    project, scenario = school()
    placement(scenario, "span", 1).meeting = 0
    violations = only(project, scenario, "meeting_count")
    assert any("more than once" in v.message for v in violations)


def test_meeting_length() -> None:
    project, scenario = school()
    placement(scenario, "span", 1).end = 580
    (violation,) = only(project, scenario, "meeting_length")
    assert violation.message == "Spanish 2 on Tuesday 9:00–9:40 should end at 9:50 (1 class block)"

    project, scenario = school()
    span = placement(scenario, "span", 1)
    span.start, span.end = 545, 590
    (violation,) = only(project, scenario, "meeting_length")
    assert "does not start at the start of a class block" in violation.message


def test_double_block_spans_passing_time() -> None:
    project, scenario = school()
    scenario.section("span").length_blocks = 2
    chem = placement(scenario, "chem", 0)
    chem.start, chem.end = P3
    placement(scenario, "span", 0).end = 590  # P1+P2: 8:00–9:50, the passing time absorbed
    placement(scenario, "span", 1).start = 480
    assert check_timetable(project, scenario).ok
    chem.start, chem.end = P2  # back at P2 on Monday, inside Spanish's double block
    assert set(check_timetable(project, scenario).by_rule()) == {"cohort_clash", "room_clash"}


def test_double_block_cannot_cross_advisory_unless_break_span() -> None:
    project, scenario = school()
    scenario.section("span").length_blocks = 2
    span0, span1 = placement(scenario, "span", 0), placement(scenario, "span", 1)
    span0.start, span0.end = P3[0], P4[1]  # Monday P3 + P4: lunch in between
    span1.start, span1.end = 480, 590
    violations = check_timetable(project, scenario).by_rule()
    assert set(violations) == {"meeting_length", "class_time"}
    assert "needs 2 class blocks" in violations["meeting_length"][0].message
    scenario.section("span").allow_break_span = True
    assert check_timetable(project, scenario).ok


def test_class_time() -> None:
    project, scenario = school()
    scenario.section("chem").length_minutes = 60
    chem = placement(scenario, "chem", 0)
    chem.start, chem.end = 690, 750  # P4 ends at 12:20: the last ten minutes are planning time
    (violation,) = only(project, scenario, "class_time")
    assert violation.message == "Chemistry 9 on Monday 11:30–12:30 is not within class time (it leaves its class run)"


def test_class_time_unknown_day_type() -> None:
    project, scenario = school()
    placement(scenario, "chem", 0).day_type_id = "w"
    (violation,) = only(project, scenario, "class_time")
    assert "'w'" in violation.message


def test_teacher_available() -> None:
    project, scenario = school()
    project.teacher("chen").unavailable = [TimeWindow(MON, 470, 500)]
    (violation,) = only(project, scenario, "teacher_available")
    assert violation.message == "Mr. Chen teaches Spanish 2 on Monday 8:00–8:50 but is unavailable 7:50–8:20"
    project.teacher("chen").unavailable = [TimeWindow(None, 600, 605)]  # during advisory, every day
    assert len(only(project, scenario, "teacher_available")) == 2


def test_room_fit() -> None:
    project, scenario = school()
    placement(scenario, "bio", 1).room_id = "r101"
    (violation,) = only(project, scenario, "room_fit")
    assert violation.message == "Biology 9 on Tuesday 8:00–8:50 is in Room 101, which lacks `lab`"

    project, scenario = school()
    scenario.section("span").min_capacity = 40
    assert all("needs 40 seats" in v.message for v in only(project, scenario, "room_fit"))

    project, scenario = school()
    placement(scenario, "chem", 0).room_id = None
    (violation,) = only(project, scenario, "room_fit")
    assert violation.message.endswith("has no room")

    project, scenario = school()
    scenario.section("chem").room_id = "lab"
    (violation,) = only(project, scenario, "room_fit")
    assert violation.message == "Chemistry 9 on Monday 9:00–9:50 is in Room 101 but must be in Lab"


def test_campus_travel() -> None:
    project, scenario = school()
    project.campuses = [Campus("n", "North"), Campus("s", "South")]
    project.travel = [CampusTravel("n", "s", 15)]
    project.room("r101").campus_id, project.room("lab").campus_id = "n", "s"
    (violation,) = only(project, scenario, "campus_travel")  # Rivera: Lab until 8:50, Room 101 at 9:00
    assert violation.message.startswith("Ms. Rivera has 10 min on Monday between Biology 9")
    assert "needs 15 min" in violation.message
    project.travel = [CampusTravel("n", "s", 10)]
    assert check_timetable(project, scenario).ok


def test_campus_travel_follows_each_advisory_of_a_cohort() -> None:
    project, scenario = school()
    project.campuses = [Campus("n", "North"), Campus("s", "South")]
    project.travel = [CampusTravel("n", "s", 15)]
    project.rooms += [Room("na", "North seminar", 16, campus_id="n"), Room("sa", "South seminar", 16, campus_id="s")]
    project.room("lab").campus_id = "n"
    project.advisories[0].room_id = "na"
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9a"], 11, "sa"))
    assert check_timetable(project, scenario).ok  # 9A's two crews sit at once on two campuses: no travel
    bio = placement(scenario, "bio", 1)
    bio.start, bio.end = P3  # Tuesday 10:10 on the north campus, right after advisory
    (violation,) = only(project, scenario, "campus_travel")  # Crew 4's students come from the south
    assert violation.message.startswith("Cohort 9A has 0 min on Tuesday between advisory Crew 4 (ends 10:10, South)")
    assert {r.id for r in violation.records} == {"9a", "crew4", "bio"}


def test_teacher_assignment_fixed() -> None:
    project, scenario = school()
    placement(scenario, "bio", 1).teacher_ids = ["chen"]
    (violation,) = only(project, scenario, "teacher_assignment")
    assert violation.message == "Biology 9 on Tuesday 8:00–8:50 is taught by Mr. Chen but must be taught by Ms. Rivera"


def test_teacher_assignment_pool() -> None:
    project, scenario = school()
    bio = scenario.section("bio")
    bio.teacher_ids, bio.teacher_pool = [], ["rivera", "okafor"]
    assert check_timetable(project, scenario).ok
    placement(scenario, "bio", 1).teacher_ids = ["okafor"]
    (violation,) = only(project, scenario, "teacher_assignment")
    assert "different teachers" in violation.message
    project.teachers.append(Teacher("park", "Ms. Park", {"biology"}))
    placement(scenario, "bio", 0).teacher_ids = ["park"]  # qualified for biology, but not in the pool
    placement(scenario, "bio", 1).teacher_ids = ["park"]
    messages = [v.message for v in only(project, scenario, "teacher_assignment")]
    assert any("Ms. Park teaches Biology 9" in m and "not in its teacher pool" in m for m in messages)
    bio.teacher_pool = []  # any qualified teacher
    assert check_timetable(project, scenario).ok


def test_teacher_assignment_load() -> None:
    project, scenario = school()
    project.teacher("rivera").max_minutes_per_week = 300  # a 2-day cycle is 0.4 week: 120 min per cycle
    (violation,) = only(project, scenario, "teacher_assignment")
    assert violation.message == (
        "Ms. Rivera teaches 150 min per cycle but may teach at most 120 min (300 min per week)"
    )
    project.teacher("rivera").max_minutes_per_week = 375
    assert check_timetable(project, scenario).ok


def test_advisory_time() -> None:
    project, scenario = school()
    project.advisories[0].meeting_blocks = [BlockRef(MON, "nowhere")]
    (violation,) = only(project, scenario, "advisory_time")
    assert "Crew 3" in violation.message and "'nowhere'" in violation.message

    project, scenario = school()
    project.advisories[0].advisor_id = "ghost"
    (violation,) = only(project, scenario, "advisory_time")
    assert "'ghost'" in violation.message


def test_advisory_skips_internship_blocks() -> None:
    project, scenario = school()
    project.teacher("chen").unavailable = [TimeWindow(TUE, 590, 610)]
    assert not check_timetable(project, scenario).ok  # Crew 3 sits on Tuesday, when Chen is away
    scenario.internships = [Internship("lti", "LTI", ["9a"], [TimeWindow(TUE, 600, 780)], travel_minutes=0)]
    scenario.solution.placements.remove(placement(scenario, "bio", 1))
    placement(scenario, "bio", 0).meeting = 1
    scenario.solution.placements.append(Placement("bio", 0, MON, *P3, "lab", ["rivera"]))
    report = check_timetable(project, scenario)
    assert report.ok, [v.message for v in report.violations]


def test_internship_window() -> None:
    project, scenario = school()
    scenario.internships = [Internship("lti", "Friday LTI", ["9b"], [TimeWindow(TUE, 600, 660)], travel_minutes=0)]
    assert check_timetable(project, scenario).ok  # Spanish ends 9:50, the window starts 10:00
    scenario.internships[0].travel_minutes = 15
    (violation,) = only(project, scenario, "internship_window")
    assert violation.message == (
        "Cohort 9B has Spanish 2 on Tuesday 9:00–9:50 during internship Friday LTI (10:00–11:00, ± 15 min travel)"
    )
    assert {r.kind for r in violation.records} == {"cohort", "section", "internship"}


def test_team_planning() -> None:
    project, scenario = school()
    # common free class/planning blocks: P3, P4 and planning on both days = 2 × 140 = 280 min per cycle
    project.teams = [TeacherTeam("t9", "Grade 9 team", ["rivera", "chen"], ["9a", "9b"], 700)]
    assert check_timetable(project, scenario).ok
    project.teams[0].planning_minutes_per_week = 701  # 280.4 -> 281 per cycle
    (violation,) = only(project, scenario, "team_planning")
    assert violation.message == (
        "Grade 9 team has 280 min of common planning per cycle but needs 281 min (701 min per week)"
    )
    project.teams[0].planning_minutes_per_week = 501
    project.teams[0].min_meeting_minutes = 45  # the 40-minute planning block no longer counts: 200 < 201
    only(project, scenario, "team_planning")


def test_looping_hard_advisor() -> None:
    project, scenario = school()
    scenario.looping_rules = [LoopingRule("loop1", "9a", PairingKind.ADVISOR)]
    assert check_timetable(project, scenario).ok  # no prior pairing: nothing to keep
    project.prior_pairings = [PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["chen"])]
    assert check_timetable(project, scenario).ok
    project.prior_pairings[0].teacher_ids = ["rivera"]
    (violation,) = only(project, scenario, "looping_hard")
    assert violation.message == (
        "Advisory Crew 3 of Cohort 9A is led by Mr. Chen, not by last year's advisor (Ms. Rivera)"
    )
    project.advisories = []
    (violation,) = only(project, scenario, "looping_hard")
    assert violation.message == "No advisory of Cohort 9A is led by last year's advisor (Ms. Rivera)"


def two_crews(project: Project) -> None:
    """9A split into Crew 3 (Mr. Chen, room 101) and Crew 4 (Dr. Okafor, the lab), sitting at once."""
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9a"], 11, "lab"))


def test_looping_hard_advisor_holds_for_each_advisory_group_of_the_cohort() -> None:
    project, scenario = school()
    two_crews(project)
    scenario.looping_rules = [LoopingRule("loop1", "9a", PairingKind.ADVISOR)]
    project.prior_pairings = [PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["chen", "okafor"])]
    assert check_timetable(project, scenario).ok
    project.advisories[1].advisor_id = "rivera"  # half the cohort loses its leader
    (violation,) = only(project, scenario, "looping_hard")
    assert violation.message == (
        "Advisory Crew 4 of Cohort 9A is led by Ms. Rivera, not by last year's advisor (Mr. Chen or Dr. Okafor)"
    )


def test_looping_hard_per_advisory() -> None:
    project, scenario = school()
    two_crews(project)
    scenario.looping_rules = [LoopingRule("loop-crew4", "", PairingKind.ADVISOR, advisory_id="crew4")]
    project.prior_pairings = [
        PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["okafor"], advisory_id="crew4"),
        PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["rivera"], advisory_id="crew3"),  # no rule keeps it
    ]
    assert check_timetable(project, scenario).ok
    project.advisories[0].advisor_id, project.advisories[1].advisor_id = "okafor", "chen"  # the crews swap leaders
    (violation,) = only(project, scenario, "looping_hard")
    assert violation.message == "Advisory Crew 4 is led by Mr. Chen, not by last year's advisor (Dr. Okafor)"
    assert ("advisory", "crew4") in {(r.kind, r.id) for r in violation.records}
    project.advisories.pop()
    (violation,) = only(project, scenario, "looping_hard")
    assert "no longer exists" in violation.message


def test_looping_soft_counts_each_advisory_group() -> None:
    project, scenario = school()
    two_crews(project)
    scenario.looping_rules = [
        LoopingRule("loop1", "9a", PairingKind.ADVISOR, hard=False, weight=7),
        LoopingRule("loop-crew3", "", PairingKind.ADVISOR, hard=False, weight=5, advisory_id="crew3"),
    ]
    project.prior_pairings = [
        PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["chen"], advisory_id="crew3"),
        PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["okafor"], advisory_id="crew4"),
    ]
    assert check_timetable(project, scenario).penalties["looping_soft"] == 0
    project.advisories[0].advisor_id = "rivera"  # Crew 3 loses its leader: the cohort rule and its own rule
    assert check_timetable(project, scenario).penalties["looping_soft"] == 7 + 5
    project.advisories[1].advisor_id = "chen"  # Crew 4 gets Crew 3's leader, one of the cohort's advisors last year
    report = check_timetable(project, scenario)
    assert report.ok and report.penalties["looping_soft"] == 7 + 5  # the cohort's rule pools its advisors


def test_looping_hard_subject_teacher() -> None:
    project, scenario = school()
    scenario.looping_rules = [LoopingRule("loop1", "9a", PairingKind.SUBJECT_TEACHER, "biology")]
    project.prior_pairings = [PriorPairing("9a", PairingKind.SUBJECT_TEACHER, "biology", ["rivera"])]
    assert check_timetable(project, scenario).ok
    project.prior_pairings[0].teacher_ids = ["okafor"]
    (violation,) = only(project, scenario, "looping_hard")
    assert "Biology 9" in violation.message and "Dr. Okafor" in violation.message


def test_looping_hard_team() -> None:
    project, scenario = school()
    bio = scenario.section("bio")
    bio.teacher_ids, bio.teacher_pool = [], []  # any biology teacher
    project.teams = [TeacherTeam("t9", "Grade 9 team", ["rivera", "chen"], ["9a"])]
    scenario.looping_rules = [LoopingRule("loop1", "9a", PairingKind.TEAM)]
    project.prior_pairings = [PriorPairing("9a", PairingKind.TEAM, team_id="t9")]
    assert check_timetable(project, scenario).ok
    for p in scenario.solution.placements:
        if p.section_id == "bio":
            p.teacher_ids = ["okafor"]
    (violation,) = only(project, scenario, "looping_hard")
    assert "Dr. Okafor" in violation.message and "Grade 9 team" in violation.message
    project.teams[0].cohort_ids = []
    (violation,) = only(project, scenario, "looping_hard")
    assert "does not serve Cohort 9A" in violation.message


def test_check_pins() -> None:
    _, scenario = school()
    requested = [Placement("bio", 0, MON, *P1, "lab", ["rivera"], pinned=True), Placement("span", 0, TUE, *P3)]
    assert check_pins(requested, scenario.solution.placements) == []
    placement(scenario, "bio", 0).room_id = "r101"
    (violation,) = check_pins(requested, scenario.solution.placements)
    assert violation.rule_id == "pinned" and "room changed from lab to r101" in violation.message
    assert check_pins(requested, [])[0].message.endswith("is missing")


def test_every_rule_id_of_the_contract_has_a_checker() -> None:
    from pathlib import Path

    from dlplanner.domain import checker

    rules = Path(__file__).parents[3] / "docs" / "rules.md"
    ids = {line.split("`")[1] for line in rules.read_text().splitlines() if line.startswith("| `")}
    assert ids == set(checker.HARD_RULES) | set(checker.SOFT_RULES) | {"pinned"}
    for rule_id, function in {**checker.HARD_RULES, **checker.SOFT_RULES}.items():
        assert function.__doc__, rule_id


# -- soft rules ----------------------------------------------------------------------------


def test_spread_days_and_subject_twice_daily_and_load_balance() -> None:
    project, scenario = school()
    bio1 = placement(scenario, "bio", 1)
    bio1.day_type_id, (bio1.start, bio1.end) = MON, P3  # both Biology meetings on Monday
    report = check_timetable(project, scenario)
    assert report.ok
    assert report.penalties["spread_days"] == 10
    assert report.penalties["subject_twice_daily"] == 5
    # 9A: 100 min Monday, 0 Tuesday -> 3 half-hours; 9B: 100 and 50 -> 1
    assert report.penalties["daily_load_balance"] == 4
    scenario.rules.weights = {"spread_days": 1, "daily_load_balance": 0}
    report = check_timetable(project, scenario)
    assert report.penalties["spread_days"] == 1 and report.penalties["daily_load_balance"] == 0


def test_subject_twice_daily_counts_each_term_apart() -> None:
    """A fall and a spring Biology on Monday never meet on one day; a year-long one meets with each."""
    project, scenario = school()
    scenario.sections.append(Section("bio_s", "Biology 9 S2", "biology", ["9a"], 1, teacher_ids=["okafor"]))
    scenario.solution.placements.append(Placement("bio_s", 0, MON, *P3, "r101", ["okafor"]))
    semesters(scenario, bio="fall", bio_s="spring")
    report = check_timetable(project, scenario)
    assert report.ok, [v.message for v in report.violations]
    assert report.penalties["subject_twice_daily"] == 0  # counted together: 5
    scenario.sections.append(Section("bio_f", "Biology 9 S1", "biology", ["9a"], 1, teacher_ids=["okafor"]))
    scenario.solution.placements.append(Placement("bio_f", 0, TUE, *P3, "r101", ["okafor"]))
    semesters(scenario, bio=None, bio_s="spring", bio_f="fall")
    # Year-long Biology Monday and Tuesday: fall has two on Tuesday, spring two on Monday; the worst term
    # costs once (counted together, or summed over the terms: 10).
    assert check_timetable(project, scenario).penalties["subject_twice_daily"] == 5


def test_teacher_gaps() -> None:
    project, scenario = school()
    chem = placement(scenario, "chem", 0)
    chem.start, chem.end = P4  # Rivera Monday: P1, idle P2 and P3, P4
    report = check_timetable(project, scenario)
    assert report.ok
    assert report.penalties["teacher_gaps"] == 2


def test_teacher_gaps_counts_each_term_apart() -> None:
    project, scenario = school()
    placement(scenario, "chem", 0).start, placement(scenario, "chem", 0).end = P4
    semesters(scenario, bio="fall", chem="spring")  # Rivera Monday: P1 in the fall, P4 in the spring
    report = check_timetable(project, scenario)
    assert report.ok, [v.message for v in report.violations]
    assert report.penalties["teacher_gaps"] == 0  # counted together: 2
    semesters(scenario, bio=None, chem="spring")  # the spring Monday has P1 and P4
    assert check_timetable(project, scenario).penalties["teacher_gaps"] == 2


def test_consecutive_teaching() -> None:
    project, scenario = school()
    scenario.rules.max_consecutive_teaching_blocks = 1
    report = check_timetable(project, scenario)  # Rivera Monday: P1 and P2, joined by passing time only
    assert report.penalties["consecutive_teaching"] == 3
    scenario.rules.max_consecutive_teaching_blocks = 2
    assert check_timetable(project, scenario).penalties["consecutive_teaching"] == 0


def test_consecutive_teaching_counts_each_term_apart() -> None:
    project, scenario = school()
    scenario.rules.max_consecutive_teaching_blocks = 1
    semesters(scenario, bio="fall", chem="spring")  # Rivera's Monday P1 and P2 are in different terms
    report = check_timetable(project, scenario)
    assert report.ok, [v.message for v in report.violations]
    assert report.penalties["consecutive_teaching"] == 0  # counted together: 3
    semesters(scenario, bio=None, chem="spring")
    assert check_timetable(project, scenario).penalties["consecutive_teaching"] == 3


def test_teacher_preferences() -> None:
    project, scenario = school()
    project.teacher("rivera").avoid = [TimeWindow(None, 480, 490), TimeWindow(MON, 500, 510)]
    assert check_timetable(project, scenario).penalties["teacher_preferences"] == 2 * 2  # Biology Mon and Tue


def test_long_blocks_pbl() -> None:
    project, scenario = school()
    project.subject("biology").project_based = True
    assert check_timetable(project, scenario).penalties["long_blocks_pbl"] == 2 * 2
    scenario.rules.long_block_minutes = 50
    assert check_timetable(project, scenario).penalties["long_blocks_pbl"] == 0


def test_room_changes() -> None:
    project, scenario = school()
    project.rooms.append(Room("lab2", "Lab 2", 30, {"lab"}))
    placement(scenario, "bio", 1).room_id = "lab2"
    report = check_timetable(project, scenario)
    assert report.ok and report.penalties["room_changes"] == 1
    placement(scenario, "span", 1).room_id = "lab2"  # Spanish is neither team-taught nor a lab section
    assert check_timetable(project, scenario).penalties["room_changes"] == 1


def test_daily_load_balance_counts_each_term_apart() -> None:
    """9B: a fall Chemistry on Monday and a spring one on Tuesday look even together, but no week is."""
    project, scenario = school()
    scenario.sections.append(Section("chem_s", "Chemistry 9 S2", "chemistry", ["9b"], 1, teacher_ids=["rivera"]))
    scenario.solution.placements.append(Placement("chem_s", 0, TUE, *P3, "r101", ["rivera"]))
    semesters(scenario, chem="fall", chem_s="spring")
    report = check_timetable(project, scenario)
    assert report.ok, [v.message for v in report.violations]
    # 9B each term: 100 min one day, 50 the other -> 1 (counted together: 100 and 100 -> 0); 9A: 0
    assert report.penalties["daily_load_balance"] == 1
    semesters(scenario, chem=None, chem_s=None)
    assert check_timetable(project, scenario).penalties["daily_load_balance"] == 0


@pytest.mark.parametrize("weight", [10, 25])
def test_looping_soft_costs_the_rule_weight(weight: int) -> None:
    project, scenario = school()
    scenario.looping_rules = [LoopingRule("loop1", "9a", PairingKind.ADVISOR, hard=False, weight=weight)]
    project.prior_pairings = [PriorPairing("9a", PairingKind.ADVISOR, teacher_ids=["rivera"])]
    report = check_timetable(project, scenario)
    assert report.ok and report.penalties["looping_soft"] == weight


def test_large_timetable_is_checked_by_sweeps() -> None:
    """2,000 meetings of 400 sections: must finish promptly (no wall-clock assertion, only no quadratic blowup)."""
    project, scenario = school()
    day_types = [DayType(f"d{i}", f"Day {i}", "bs") for i in range(5)]
    scenario.day_types = day_types
    scenario.sections = []
    scenario.solution.placements = []
    project.teachers = [Teacher(f"t{i}", f"Teacher {i}", {"biology"}) for i in range(100)]
    project.cohorts = [Cohort(f"c{i}", f"C{i}", 9, 20) for i in range(100)]
    project.rooms = [Room(f"r{i}", f"R{i}", 30, {"lab"}) for i in range(100)]
    project.advisories = []
    slots = [P1, P2, P3, P4]
    for i in range(400):
        scenario.sections.append(
            Section(f"s{i}", f"S{i}", "biology", [f"c{i % 100}"], 5, teacher_ids=[f"t{i % 100}"], room_id=f"r{i % 100}")
        )
        for meeting in range(5):
            start, end = slots[i // 100]
            scenario.solution.placements.append(
                Placement(f"s{i}", meeting, f"d{meeting}", start, end, f"r{i % 100}", [f"t{i % 100}"])
            )
    report = check_timetable(project, scenario)
    assert report.ok, report.violations[:3]
    assert len(scenario.solution.placements) == 2000


def stacked(project: Project, scenario: Scenario, count: int, start: int = 480, step: int = 0) -> None:
    """``count`` one-meeting sections of 9A taught by Rivera in Room 101 on Monday, each ``step`` min after the last."""
    scenario.sections = [Section(f"s{i}", f"Seminar {i}", "biology", ["9a"], 1) for i in range(count)]
    scenario.solution.placements = [
        Placement(f"s{i}", 0, MON, start + i * step, start + i * step + 50, "r101", ["rivera"]) for i in range(count)
    ]


def test_many_meetings_stacked_at_once_give_one_finding_per_resource_naming_them_all() -> None:
    project, scenario = school()
    stacked(project, scenario, 300)  # 44,850 clashing pairs for each of teacher, cohort and room
    by_rule = check_timetable(project, scenario).by_rule()
    for rule_id, who in (("teacher_clash", "rivera"), ("cohort_clash", "9a"), ("room_clash", "r101")):
        (violation,) = by_rule[rule_id]
        assert violation.records[0].id == who
        assert {r.id for r in violation.records[1:]} == {f"s{i}" for i in range(300)}
        assert "300 overlapping meetings or sittings on Monday 8:00–8:50" in violation.message
        assert "Seminar 0 (8:00–8:50)" in violation.message and "and 292 more" in violation.message


def test_a_chain_of_clashes_and_three_at_once_are_still_named_pair_by_pair() -> None:
    project, scenario = school()
    stacked(project, scenario, 5, step=30)  # each overlaps the next only: 4 pairs
    clashes = only_clashes(project, scenario, "teacher_clash")
    assert clashes == [
        f"Ms. Rivera teaches Seminar {i} and Seminar {i + 1} at the same time on Monday "
        f"{8 + (i * 30 + 30) // 60}:{(i * 30 + 30) % 60:02d}–{8 + (i * 30 + 50) // 60}:{(i * 30 + 50) % 60:02d}"
        for i in range(4)
    ]
    stacked(project, scenario, 3)  # three at once: three pairs
    assert len(only_clashes(project, scenario, "teacher_clash")) == 3


def only_clashes(project: Project, scenario: Scenario, rule_id: str) -> list[str]:
    return [v.message for v in check_timetable(project, scenario).by_rule()[rule_id]]


def test_advisor_choice() -> None:
    project, scenario = school()
    crew = project.advisories[0]
    crew.advisor_id, crew.advisor_pool = "", ["chen", "okafor"]
    (violation,) = only(project, scenario, "advisor_choice")
    assert violation.message == "Advisory Crew 3 has no advisor chosen"
    scenario.solution.advisors = {"crew3": "chen"}
    assert check_timetable(project, scenario).ok
    report = check_timetable(project, scenario, advisors={"crew3": "rivera"})  # given with the placements
    assert [v.message for v in report.violations] == [
        "Advisory Crew 3 is led by Ms. Rivera, who is not in its advisor pool"
    ]
    scenario.solution.advisors = {"crew3": "okafor"}
    project.campuses = [Campus("north", "North"), Campus("south", "South")]
    project.rooms[0].campus_id, project.teachers[2].campus_id = "north", "south"
    (violation,) = only(project, scenario, "advisor_choice")
    assert violation.message == "Advisory Crew 3 meets at North but its advisor Dr. Okafor is based at South"
    project.teachers[2].campus_id = None
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9b"], 12, "lab", [BlockRef(MON, "plan")]))
    project.teachers[2].max_advisories = 1
    (violation,) = only(project, scenario, "advisor_choice")
    assert violation.message == "Dr. Okafor leads 2 advisories (Crew 3, Crew 4) but may lead at most 1"


def test_a_chosen_advisor_sits_with_the_advisory() -> None:
    project, scenario = school()
    project.advisories[0].advisor_id = ""
    scenario.solution.advisors = {"crew3": "rivera"}
    placement(scenario, "bio", 0).start, placement(scenario, "bio", 0).end = 590, 640  # over the advisory block
    report = check_timetable(project, scenario)
    assert any(v.rule_id == "teacher_clash" and "Ms. Rivera" in v.message for v in report.violations)


def test_team_choice() -> None:
    project, scenario = school()
    bio = scenario.section("bio")
    bio.teacher_ids, bio.teacher_pool = [], []  # any biology teacher: Ms. Rivera teaches it
    project.teams = [
        TeacherTeam("t9", "Grade 9 team", ["rivera", "chen"], cohort_pool=["9a", "9b"], cohorts_needed=1),
        TeacherTeam("t10", "Grade 10 team", ["okafor"], cohort_pool=["9a", "9b"], cohorts_needed=1),
    ]
    scenario.solution.team_cohorts = {"t9": ["9a"], "t10": ["9b"]}
    assert check_timetable(project, scenario).ok
    scenario.solution.team_cohorts = {"t9": ["9a"], "t10": []}
    (violation,) = only(project, scenario, "team_choice")
    assert violation.message == "Grade 10 team takes 0 cohort(s) from its pool but needs 1"
    scenario.solution.team_cohorts = {"t9": ["9b"], "t10": ["9a"]}  # Biology 9 of 9A is not Okafor's
    (violation,) = only(project, scenario, "team_choice")
    assert "Biology 9" in violation.message and "not by Grade 10 team" in violation.message
    scenario.solution.team_cohorts = {"t9": ["9a"], "t10": ["9a"]}
    messages = [v.message for v in only(project, scenario, "team_choice")]
    assert "Cohort 9A is taken by 2 teams (Grade 9 team, Grade 10 team); a cohort goes to one team at most" in messages
