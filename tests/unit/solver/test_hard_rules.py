"""One small test per hard rule: the rule holds in the solver's result, judged by the checker.

Each instance needs its rule: where the solver could meet it by luck, a soft preference (a teacher's
avoid window) pulls the other way, so the test fails when the rule is taken out (test_rule_mutations.py).
"""

from __future__ import annotations

from solver_kit import A, C, L, add_section, blocks_of, by_section, judged, run, school

from dlplanner.domain.model import (
    Advisory,
    BlockRef,
    Campus,
    CampusTravel,
    Internship,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Room,
    Subject,
    TeacherTeam,
    TimeWindow,
)
from dlplanner.solver import HARD_RULES, SOFT_RULES, first_line


def test_every_rule_of_the_contract_has_a_function_saying_it_in_plain_words():
    hard = ["teacher_clash", "cohort_clash", "room_clash", "meeting_count", "meeting_length", "class_time"]
    hard += ["teacher_available", "room_fit", "campus_travel", "teacher_assignment", "advisory_time", "advisor_choice"]
    hard += [
        "internship_window",
        "team_planning",
        "team_choice",
        "looping_hard",
        "pinned",
        "student_clash",
        "section_capacity",
    ]
    soft = ["spread_days", "subject_twice_daily", "teacher_gaps", "consecutive_teaching", "teacher_preferences"]
    soft += ["long_blocks_pbl", "daily_load_balance", "room_changes", "looping_soft", "request_unmet"]
    soft += ["section_balance"]
    assert list(HARD_RULES) == hard
    assert list(SOFT_RULES) == soft
    for fn in [*HARD_RULES.values(), *SOFT_RULES.values()]:
        assert len(first_line(fn)) > 20


def test_teacher_clash():
    p = school(teachers=1, cohorts=2)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t0"])
    p.teachers[0].avoid = [TimeWindow(None, 610, 670)]  # t0 would rather teach two at once than last
    result = run(p)
    judged(p, result)
    assert len({p.start for p in result.placements}) == 3


def test_cohort_clash():
    p = school(teachers=3, cohorts=1)
    for i in range(3):
        add_section(p, f"s{i}", cohort_ids=["c0"], teacher_ids=[f"t{i}"])
        p.teachers[i].avoid = [TimeWindow(None, 610, 670)]  # the last block costs: the cohort's meetings would pile up
    result = run(p)
    judged(p, result)
    assert len({p.start for p in result.placements}) == 3


def test_cohort_clash_lets_advisories_of_one_cohort_sit_together():
    p = school(teachers=4, cohorts=2, rooms=3)
    at_b0 = [BlockRef("d0", "b0")]  # both advisories of c0 sit in the first class block
    p.advisories = [
        Advisory("a1", "Crew 1", "t0", ["c0"], 10, "r0", meeting_blocks=at_b0),
        Advisory("a2", "Crew 2", "t1", ["c0"], 10, "r1", meeting_blocks=at_b0),
    ]
    add_section(p, "c0-math", cohort_ids=["c0"], teacher_ids=["t2"])
    add_section(p, "c1-eng", cohort_ids=["c1"], teacher_ids=["t0"], subject_id="eng")
    add_section(p, "c1-bio", cohort_ids=["c1"], teacher_ids=["t3"], subject_id="bio", room_id="r1")
    for t in (p.teachers[0], p.teachers[3]):  # c1's two meetings would rather both sit in the middle block
        t.avoid = [TimeWindow(None, 610, 670)]
    result = run(p)
    judged(p, result)
    starts = {m.section_id: m.start for m in result.placements}
    assert starts["c0-math"] != 480  # the cohort is busy while its advisories sit
    assert starts["c1-eng"] != 480 and starts["c1-bio"] != 480  # so are the advisor t0 and room r1
    assert starts["c1-eng"] != starts["c1-bio"]  # and c1 is in one meeting at a time


def test_room_clash():
    p = school(teachers=2, cohorts=2, rooms=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t1"])
    for t in p.teachers:  # the last block costs: the one room would host two meetings at once
        t.avoid = [TimeWindow(None, 610, 670)]
    result = run(p)
    judged(p, result)
    assert {p.room_id for p in result.placements} == {"r0"}
    assert len({p.start for p in result.placements}) == 3


def test_meeting_count():
    p = school(days=3)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=5)
    result = run(p)
    judged(p, result)
    assert sorted(m.meeting for m in result.placements) == [0, 1, 2, 3, 4]


def test_meeting_length_double_block_absorbs_passing_time():
    p = school(blocks=blocks_of(3), days=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], length_blocks=2)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t1"], length_minutes=50, subject_id="pbl")
    # pressure the other way: a double block always overlaps t0's avoided middle block, and a
    # project-based meeting under 80 minutes costs, so other lengths would be cheaper
    p.teachers[0].avoid = [TimeWindow(None, 545, 605)]
    p.subjects.append(Subject("pbl", "Project", project_based=True))
    p.teachers[1].subject_ids.add("pbl")
    result = run(p)
    judged(p, result)
    a, b = by_section(result)["a"][0], by_section(result)["b"][0]
    assert a.end - a.start == 125
    assert b.end - b.start == 50


def test_class_time_double_block_never_spans_lunch_unless_allowed():
    blocks = [(480, 540, C), (540, 600, C), (600, 630, L), (630, 690, C), (690, 750, C)]
    p = school(blocks=blocks, days=1, teachers=2)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], length_blocks=2)
    add_section(p, "wide", cohort_ids=["c1"], teacher_ids=["t1"], length_blocks=3, allow_break_span=True)
    p.teachers[0].avoid = [TimeWindow(None, 480, 540), TimeWindow(None, 690, 750)]  # across lunch costs nothing
    result = run(p)
    judged(p, result)
    a = by_section(result)["a"][0]
    assert (a.start, a.end) in {(480, 600), (630, 750)}
    wide = by_section(result)["wide"][0]
    assert wide.start < 600 < 630 < wide.end


def test_teacher_available():
    p = school(days=3)
    p.teachers[0].unavailable = [TimeWindow("d0", 0, 24 * 60), TimeWindow(None, 480, 540)]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "pool", cohort_ids=["c1"], teacher_pool=["t0"], teachers_needed=1)
    p.teachers[0].avoid = [TimeWindow("d1", 0, 24 * 60), TimeWindow("d2", 0, 24 * 60)]  # t0 would rather teach on d0
    result = run(p)
    judged(p, result)
    assert all(m.day_type_id != "d0" and m.start > 540 for m in result.placements)


def test_room_fit():
    p = school(rooms=2, teachers=4, cohorts=4)
    p.rooms[1].features = {"lab"}
    p.rooms.append(Room("big", "Hall", 100))
    add_section(p, "lab", cohort_ids=["c0"], teacher_ids=["t0"], room_features={"lab"}, meetings_per_cycle=2)
    add_section(p, "lab2", cohort_ids=["c1"], teacher_ids=["t1"], room_features={"lab"})
    add_section(p, "big", cohort_ids=["c2"], teacher_ids=["t2"], enrolment=80)
    add_section(p, "big2", cohort_ids=["c3"], teacher_ids=["t3"], enrolment=80)
    for t in p.teachers:  # all would rather meet first thing, in any room: only one lab and one hall fit
        t.avoid = [TimeWindow(None, 545, 670)]
    result = run(p)
    judged(p, result)
    assert {m.room_id for m in by_section(result)["lab"] + by_section(result)["lab2"]} == {"r1"}
    assert {m.room_id for m in by_section(result)["big"] + by_section(result)["big2"]} == {"big"}


def test_campus_travel():
    p = school(blocks=blocks_of(3, passing=10), days=1, teachers=2, cohorts=1)
    p.campuses = [Campus("north", "North"), Campus("south", "South")]
    p.travel = [CampusTravel("north", "south", 30)]
    p.rooms = [Room("n1", "N1", 30, campus_id="north"), Room("s1", "S1", 30, campus_id="south")]
    add_section(p, "n", cohort_ids=["c0"], teacher_ids=["t0"], room_id="n1")
    add_section(p, "s", cohort_ids=["c0"], teacher_ids=["t1"], room_id="s1")
    for t in p.teachers:  # the last block costs: two blocks in a row would be cheaper
        t.avoid = [TimeWindow(None, 620, 680)]
    result = run(p)
    judged(p, result)
    starts = sorted(m.start for m in result.placements)
    assert starts == [480, 620]  # the middle block would leave 10 minutes to travel


def test_campus_travel_follows_each_advisory_of_a_cohort():
    p = school(blocks=blocks_of(3, passing=10), days=1, teachers=3, cohorts=1)
    p.campuses = [Campus("north", "North"), Campus("south", "South")]
    p.travel = [CampusTravel("north", "south", 30)]
    p.rooms = [
        Room("n1", "N1", 30, campus_id="north"),
        Room("na", "North seminar", 12, campus_id="north"),
        Room("sa", "South seminar", 12, campus_id="south"),
    ]
    at_b0 = [BlockRef("d0", "b0")]  # one crew on each campus, at once
    p.advisories = [
        Advisory("north", "North crew", "t0", ["c0"], 10, "na", meeting_blocks=at_b0),
        Advisory("south", "South crew", "t1", ["c0"], 10, "sa", meeting_blocks=at_b0),
    ]
    add_section(p, "n", cohort_ids=["c0"], teacher_ids=["t2"], room_id="n1")
    p.teachers[2].avoid = [TimeWindow(None, 620, 680)]  # t2 would rather teach in the middle block
    result = run(p)
    judged(p, result)
    assert result.placements[0].start == 620  # 10 minutes after advisory is too little for the south crew


def test_teacher_assignment_pool_load_and_team_teaching():
    p = school(days=1, teachers=3)
    p.teachers[0].max_minutes_per_week = 0  # may not teach at all
    add_section(p, "pool", cohort_ids=["c0"], teacher_pool=["t0", "t1"], teachers_needed=1, meetings_per_cycle=2)
    add_section(p, "duo", cohort_ids=["c1"], teachers_needed=2, meetings_per_cycle=1)
    for t in p.teachers:  # every teacher's meeting costs: fewer teachers would be cheaper
        t.avoid = [TimeWindow(None, 0, 24 * 60)]
    result = run(p)
    judged(p, result)
    assert {tuple(m.teacher_ids) for m in by_section(result)["pool"]} == {("t1",)}
    assert len(by_section(result)["duo"][0].teacher_ids) == 2


def test_advisory_time():
    blocks = [(480, 540, C), (540, 565, A), (565, 625, C)]
    p = school(blocks=blocks, days=1, teachers=1, cohorts=1)
    p.advisories = [Advisory("adv", "Crew", "t0", ["c0"], meeting_blocks=[BlockRef("d0", "b0")])]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    p.teachers[0].avoid = [TimeWindow(None, 565, 625)]  # t0 would rather teach in the advisory's block
    result = run(p)
    judged(p, result)
    assert result.placements[0].start == 565


def test_internship_window():
    p = school(days=2, cohorts=1)
    p.scenarios[0].internships = [
        Internship("lti", "LTI", ["c0"], [TimeWindow("d0", 480, 700)], travel_minutes=30),
        Internship("am", "Mornings", ["c0"], [TimeWindow("d1", 400, 500)]),
    ]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    result = run(p)
    judged(p, result)
    assert sorted((m.day_type_id, m.start) for m in result.placements) == [("d1", 545), ("d1", 610)]


def test_team_planning_needs_members_free_at_once():
    p = school(days=1, teachers=2, cohorts=2)
    p.teams = [TeacherTeam("team", "Team", ["t0", "t1"], ["c0", "c1"], planning_minutes_per_week=5 * 120)]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t1"])
    p.teachers[0].avoid = [TimeWindow(None, 545, 670)]  # t0 would rather teach first, t1 last:
    p.teachers[1].avoid = [TimeWindow(None, 480, 605)]  # apart, they would have one free block in common
    result = run(p)
    judged(p, result)
    assert result.placements[0].start == result.placements[1].start


def test_looping_hard_keeps_last_years_subject_teacher_and_team():
    p = school(days=2, teachers=4, cohorts=2)
    p.prior_pairings = [
        PriorPairing("c0", PairingKind.SUBJECT_TEACHER, subject_id="math", teacher_ids=["t2"]),
        PriorPairing("c1", PairingKind.TEAM, team_id="team"),
    ]
    p.teams = [TeacherTeam("team", "Team", ["t3"], ["c1"])]
    p.scenarios[0].looping_rules = [
        LoopingRule("keep-math", "c0", PairingKind.SUBJECT_TEACHER, subject_id="math"),
        LoopingRule("keep-team", "c1", PairingKind.TEAM),
    ]
    add_section(p, "m0", cohort_ids=["c0"], subject_id="math", teachers_needed=1, meetings_per_cycle=2)
    add_section(p, "e1", cohort_ids=["c1"], subject_id="eng", teachers_needed=1, meetings_per_cycle=2)
    for t in (p.teachers[2], p.teachers[3]):  # last year's teachers would rather not teach at all
        t.avoid = [TimeWindow(None, 0, 24 * 60)]
    result = run(p)
    judged(p, result)
    assert {m.teacher_ids[0] for m in by_section(result)["m0"]} == {"t2"}
    assert {m.teacher_ids[0] for m in by_section(result)["e1"]} == {"t3"}


def test_advisor_choice_from_the_pool_on_the_campus_within_the_limit():
    p = school(blocks=[*blocks_of(2), (610, 640, A), (645, 675, A)], teachers=4, cohorts=2, rooms=1)
    p.campuses = [Campus("north", "North"), Campus("south", "South")]
    p.rooms[0].campus_id = "north"
    p.teachers[0].max_advisories = 1  # leads Crew A already
    p.teachers[1].campus_id = "south"  # Crew B meets in the north
    p.advisories = [
        Advisory("crew-a", "Crew A", "t0", ["c0"], meeting_blocks=[BlockRef("d0", "b3")]),
        Advisory("crew-b", "Crew B", "", ["c1"], room_id="r0", advisor_pool=["t0", "t1", "t2"]),
    ]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t3"])
    result = run(p)
    judged(p, result)
    assert result.advisors == {"crew-b": "t2"}


def _crew_in_class_time(p, advisory_id: str, advisor: str, **kw) -> None:
    """An advisory of c0 sitting in the last class block; t1 would rather teach then than earlier."""
    p.advisories.append(
        Advisory(advisory_id, advisory_id, advisor, ["c0"], 10, meeting_blocks=[BlockRef("d0", "b4")], **kw)
    )


def _would_rather_keep(p, advisor: str) -> None:
    """A soft looping rule: crew-b would rather keep ``advisor`` (the pull the other way)."""
    p.prior_pairings = [PriorPairing("c0", PairingKind.ADVISOR, teacher_ids=[advisor], advisory_id="crew-b")]
    p.scenarios[0].looping_rules = [LoopingRule("rather", "", PairingKind.ADVISOR, hard=False, advisory_id="crew-b")]


def test_teacher_clash_counts_the_sittings_of_a_chosen_advisor():
    p = school(teachers=2, cohorts=2)
    _crew_in_class_time(p, "crew-b", "", advisor_pool=["t0", "t1"])
    add_section(p, "s", cohort_ids=["c1"], teacher_ids=["t0"], meetings_per_cycle=3)  # t0 teaches all day
    _would_rather_keep(p, "t0")
    result = run(p)
    judged(p, result)
    assert result.advisors == {"crew-b": "t1"}


def test_teacher_available_for_the_sittings_of_a_chosen_advisor():
    p = school(teachers=2, cohorts=2)
    _crew_in_class_time(p, "crew-b", "", advisor_pool=["t0", "t1"])
    add_section(p, "s", cohort_ids=["c1"], teacher_ids=["t0"])
    p.teachers[0].unavailable = [TimeWindow(None, 610, 670)]  # t0 is away when crew-b sits
    _would_rather_keep(p, "t0")
    result = run(p)
    judged(p, result)
    assert result.advisors == {"crew-b": "t1"}


def test_team_planning_counts_the_sittings_of_a_chosen_advisor():
    p = school(teachers=3, cohorts=2)
    p.teams = [TeacherTeam("team", "Team", ["t0", "t1"], planning_minutes_per_week=5 * 60)]  # one block a cycle
    p.teachers[1].unavailable = [TimeWindow(None, 480, 545)]  # t1 is away in the first block
    _crew_in_class_time(p, "crew-b", "", advisor_pool=["t0", "t2"])
    add_section(p, "s", cohort_ids=["c1"], teacher_ids=["t0"], meetings_per_cycle=2)
    _would_rather_keep(p, "t0")  # as advisor t0 would leave the team no block in common
    result = run(p)
    judged(p, result)
    assert result.advisors == {"crew-b": "t2"}


def test_looping_hard_keeps_last_years_advisor_of_each_advisory_group():
    p = school(teachers=3, cohorts=2)
    _crew_in_class_time(p, "crew-a", "t2")
    _crew_in_class_time(p, "crew-b", "", advisor_pool=["t0", "t1"])
    add_section(p, "s", cohort_ids=["c1"], teacher_ids=["t1"])
    p.teachers[1].avoid = [TimeWindow(None, 480, 605)]  # as advisor t1 must teach s early, which costs
    p.prior_pairings = [PriorPairing("c0", PairingKind.ADVISOR, teacher_ids=["t1", "t2"])]
    p.scenarios[0].looping_rules = [LoopingRule("keep", "c0", PairingKind.ADVISOR)]
    result = run(p)
    judged(p, result)
    assert result.advisors == {"crew-b": "t1"}


def test_looping_hard_keeps_the_advisor_of_one_advisory():
    p = school(teachers=3, cohorts=2)
    _crew_in_class_time(p, "crew-b", "", advisor_pool=["t0", "t1"])
    add_section(p, "s", cohort_ids=["c1"], teacher_ids=["t1"])
    p.teachers[1].avoid = [TimeWindow(None, 480, 605)]
    p.prior_pairings = [PriorPairing("c0", PairingKind.ADVISOR, teacher_ids=["t1"], advisory_id="crew-b")]
    p.scenarios[0].looping_rules = [LoopingRule("keep", "", PairingKind.ADVISOR, advisory_id="crew-b")]
    result = run(p)
    judged(p, result)
    assert result.advisors == {"crew-b": "t1"}
    assert by_section(result)["s"][0].start < 605


def test_team_choice_takes_its_cohorts_and_teaches_them():
    p = school(teachers=2, cohorts=2)
    p.teams = [
        TeacherTeam("north", "North", ["t0"], cohort_pool=["c0", "c1"], cohorts_needed=1),
        TeacherTeam("south", "South", ["t1"], cohort_pool=["c0", "c1"], cohorts_needed=1),
    ]
    add_section(p, "m0", cohort_ids=["c0"], subject_id="math", teachers_needed=1)
    add_section(p, "m1", cohort_ids=["c1"], subject_id="math", teachers_needed=1)
    p.teachers[0].avoid = [TimeWindow(None, 0, 24 * 60)]  # t0 would rather not teach at all
    result = run(p)
    judged(p, result)
    taken = result.team_cohorts
    assert sorted(taken["north"] + taken["south"]) == ["c0", "c1"]
    teacher = {"north": "t0", "south": "t1"}
    for team, (cohort,) in taken.items():
        assert {m.teacher_ids[0] for m in by_section(result)[f"m{cohort[1]}"]} == {teacher[team]}


def test_looping_hard_team_takes_back_its_cohort_from_the_pool():
    p = school(teachers=2, cohorts=2)
    p.teams = [
        TeacherTeam("north", "North", ["t0"], cohort_pool=["c0", "c1"], cohorts_needed=1),
        TeacherTeam("south", "South", ["t1"], cohort_pool=["c0", "c1"], cohorts_needed=1),
    ]
    add_section(p, "m0", cohort_ids=["c0"], subject_id="math", teachers_needed=1)
    p.teachers[0].avoid = [TimeWindow(None, 0, 24 * 60)]  # North would rather not take the cohort with a class
    p.prior_pairings = [PriorPairing("c0", PairingKind.TEAM, team_id="north")]
    p.scenarios[0].looping_rules = [LoopingRule("keep", "c0", PairingKind.TEAM)]
    result = run(p)
    judged(p, result)
    assert result.team_cohorts == {"north": ["c0"], "south": ["c1"]}


def test_pinned_placement_comes_back_exactly():
    p = school(days=2, teachers=2, cohorts=1, rooms=2)
    add_section(p, "a", cohort_ids=["c0"], teacher_pool=["t0", "t1"], meetings_per_cycle=3)
    pin = Placement("a", 2, "d0", 545, 605, "r1", ["t1"], pinned=True)
    p.scenarios[0].solution.placements = [pin]
    p.teachers[1].avoid = [TimeWindow(None, 0, 24 * 60)]  # unpinned, t0 would be cheaper than keeping t1
    result = run(p)
    judged(p, result, pins=[pin])
    got = next(m for m in result.placements if m.meeting == 2)
    assert (got.day_type_id, got.start, got.room_id, got.teacher_ids, got.pinned) == ("d0", 545, "r1", ["t1"], True)
