"""Pre-solve validation: a sound school has no problems; each broken variant has exactly the expected one."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from dlplanner.domain import codec
from dlplanner.domain.calendar import Holiday, SpecialDay, SpecialDayKind, Term
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
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
from dlplanner.domain.validation import Problem, Severity, advisory_sizes, blocking, calendar_problems, validate

C, P, A, L, PL = BlockKind.CLASS, BlockKind.PASSING, BlockKind.ADVISORY, BlockKind.LUNCH, BlockKind.PLANNING
DATA = Path(__file__).parents[2] / "data"


def school() -> Project:
    """A weekly 5-day cycle; each day has two 190-minute class runs (950 + 950 = 1,900 min per cycle)."""
    blocks = [
        Block("p1", 480, 570, C, "Block 1"),
        Block("x1", 570, 580, P),
        Block("p2", 580, 670, C, "Block 2"),
        Block("adv", 670, 700, A, "Crew"),
        Block("lunch", 700, 730, L, "Lunch"),
        Block("p3", 730, 820, C, "Block 3"),
        Block("x3", 820, 830, P),
        Block("p4", 830, 920, C, "Block 4"),
        Block("plan", 920, 960, PL, "Planning"),
    ]
    days = [DayType(d, d.capitalize(), "reg") for d in ("mon", "tue", "wed", "thu", "fri")]
    scenario = Scenario(
        "weekly",
        "Weekly",
        bell_schedules=[BellSchedule("reg", "Regular", blocks)],
        day_types=days,
        sections=[
            Section("bio", "Biology 9", "bio", ["9a"], 3, teacher_ids=["rivera"], room_features={"lab"}),
            Section("span", "Spanish 2", "span", ["9b"], 3),
            Section("eng", "English 9", "eng", ["9a"], 4, teacher_ids=["okafor"]),
        ],
    )
    scenario.calendar.rotation.weekday_map = {i: d.id for i, d in enumerate(days)}
    return Project(
        "Good school",
        subjects=[Subject("bio", "Biology"), Subject("span", "Spanish"), Subject("eng", "English")],
        teachers=[
            Teacher("rivera", "Ms. Rivera", {"bio"}, max_minutes_per_week=1500),
            Teacher("chen", "Mr. Chen", {"span"}),
            Teacher("okafor", "Dr. Okafor", {"eng"}),
        ],
        rooms=[Room("lab", "Lab", 30, {"lab"}), Room("r101", "Room 101", 30)],
        cohorts=[Cohort("9a", "9A", 9, 28), Cohort("9b", "9B", 9, 24)],
        advisories=[Advisory("crew3", "Crew 3", "chen", ["9a"], 14, "r101")],
        teams=[TeacherTeam("g9", "Grade 9 team", ["rivera", "okafor"], ["9a"], 120)],
        scenarios=[scenario],
    )


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def one(project: Project, code: str, severity: Severity = Severity.ERROR) -> Problem:
    """The single problem validation finds, asserting its code and severity."""
    problems = validate(project, project.scenarios[0])
    assert codes(problems) == [code], [p.message for p in problems]
    assert problems[0].severity == severity
    return problems[0]


def test_a_sound_school_has_no_problems() -> None:
    assert validate(school()) == []


def test_every_scenario_is_validated_and_named_when_none_is_given() -> None:
    project = school()
    other = project.scenarios[0].copy("ab", "A/B block")
    other.sections[0].meetings_per_cycle = 0
    project.scenarios.append(other)
    (problem,) = validate(project)
    assert problem.message.endswith("(scenario A/B block)")
    assert validate(project, project.scenarios[0]) == []


def test_blocking_keeps_errors_only() -> None:
    problems = [
        Problem(Severity.WARNING, "w", "w"),
        Problem(Severity.ERROR, "e", "e"),
        Problem(Severity.INFO, "i", "i"),
    ]
    assert codes(blocking(problems)) == ["e"]


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda p: setattr(p.scenarios[0].sections[0], "subject_id", "chem"), ["Biology 9", "subject 'chem'"]),
        (lambda p: p.scenarios[0].sections[0].cohort_ids.append("9z"), ["Biology 9", "cohort '9z'"]),
        (lambda p: setattr(p.scenarios[0].sections[0], "room_id", "r999"), ["Biology 9", "room 'r999'"]),
        (lambda p: setattr(p.scenarios[0].sections[0], "term_id", "q5"), ["Biology 9", "term 'q5'"]),
        (lambda p: setattr(p.scenarios[0].sections[1], "teacher_pool", ["chen", "ghost"]), ["Spanish 2", "'ghost'"]),
        (lambda p: setattr(p.scenarios[0].day_types[4], "bell_schedule_id", "late"), ["Fri", "'late'"]),
        (lambda p: p.teachers[0].subject_ids.add("astro"), ["Ms. Rivera", "subject 'astro'"]),
        (lambda p: p.teams[0].member_ids.append("nobody"), ["Grade 9 team", "'nobody'"]),
        (lambda p: p.advisories[0].cohort_ids.append("12z"), ["Crew 3", "'12z'"]),
    ],
)
def test_dangling_references(mutate, words: list[str]) -> None:
    project = school()
    mutate(project)
    problems = [p for p in validate(project) if p.code == "unknown_reference"]
    assert len(problems) == 1, [p.message for p in validate(project)]
    assert all(w in problems[0].message for w in words), problems[0].message


def test_unknown_teacher_of_a_section() -> None:
    project = school()
    project.scenarios[0].sections[0].teacher_ids = ["ghost"]
    problem = one(project, "unknown_reference")
    assert problem.message == "Biology 9 refers to teacher 'ghost', which does not exist"
    assert problem.records[0].id == "bio"


def test_duplicate_ids() -> None:
    project = school()
    project.teachers.append(Teacher("chen", "Mr. Chen Jr.", {"span"}))
    problem = one(project, "duplicate_id")
    assert problem.message == "2 teachers share the id 'chen' ('Mr. Chen', 'Mr. Chen Jr.')"
    project = school()
    project.scenarios[0].bell_schedules[0].blocks.append(Block("p1", 960, 1000, PL))
    assert "Regular" in one(project, "duplicate_id").message


def test_block_ending_before_it_starts_and_overlapping_blocks() -> None:
    project = school()
    project.scenarios[0].bell_schedules[0].blocks.append(Block("late", 1000, 990, PL, "Late"))
    problem = one(project, "bad_block")
    assert problem.message == "Block Late of bell schedule Regular ends (16:30) before it starts (16:40)"
    project = school()
    project.scenarios[0].bell_schedules[0].blocks.append(Block("study", 940, 980, PL, "Study hall"))
    assert one(project, "blocks_overlap").message == (
        "Blocks Planning (15:20–16:00) and Study hall (15:40–16:20) of bell schedule Regular overlap"
    )


def test_day_type_with_no_class_time() -> None:
    project = school()
    scenario = project.scenarios[0]
    scenario.bell_schedules.append(BellSchedule("pd", "PD day", [Block("pd", 480, 900, PL)]))
    scenario.day_types.append(DayType("pdd", "PD day", "pd"))
    problem = one(project, "no_class_time", Severity.WARNING)
    assert problem.message == "Day type PD day has no class time"


def test_rotation_referencing_unknown_day_types() -> None:
    project = school()
    calendar = project.scenarios[0].calendar
    calendar.rotation.weekday_map[5] = "sat"
    calendar.special_days = [SpecialDay(date(2026, 9, 14), SpecialDayKind.LATE_START, "late")]
    messages = [p.message for p in validate(project, project.scenarios[0])]
    assert messages == [
        "The rotation's Saturday refers to day type 'sat', which is not a day type of the scenario",
        "Special day 2026-09-14 refers to day type 'late', which is not a day type of the scenario",
    ]


def test_special_day_following_an_unknown_bell_schedule_names_the_date() -> None:
    project = school()
    project.scenarios[0].calendar.special_days = [
        SpecialDay(date(2026, 9, 16), SpecialDayKind.LATE_START, bell_schedule_id="late")
    ]
    problem = one(project, "unknown_reference")
    assert problem.message.startswith("Special day 2026-09-16 (late start) follows bell schedule 'late'")


def test_special_bells_lacking_blocks_of_the_day_type_warn_naming_them() -> None:
    project = school()
    scenario = project.scenarios[0]
    late = [Block("p2", 600, 670, C, "Block 2"), Block("p3", 730, 820, C, "Block 3"), Block("p4", 830, 920, C)]
    scenario.bell_schedules.append(BellSchedule("late", "Late start", late))
    scenario.calendar.special_days = [SpecialDay(date(2026, 9, 16), SpecialDayKind.LATE_START, bell_schedule_id="late")]
    problem = one(project, "special_bells_missing_blocks", Severity.WARNING)
    assert problem.message == (
        "Special day 2026-09-16 (late start) follows bell schedule Late start, which has no Block 1 (p1), "
        "Crew (adv) of Wed: what meets in them does not happen that day"
    )
    assert problem.records[0].id == "late"
    late.insert(0, Block("p1", 540, 590, C))
    late.append(Block("adv", 670, 690, A))
    assert validate(project, scenario) == []
    scenario.calendar.special_days[0].day = date(2026, 9, 19)  # a Saturday: no school, nothing to check
    late.pop()
    assert validate(project, scenario) == []


def test_unknown_time_zone() -> None:
    project = school()
    project.scenarios[0].calendar.time_zone = "America/Chicago"
    assert validate(project) == []
    project.scenarios[0].calendar.time_zone = "Central Time"
    problem = one(project, "unknown_time_zone")
    assert "'Central Time' is not a known IANA time zone" in problem.message


def test_minimums_naming_an_unknown_subject() -> None:
    project = school()
    project.minimums.subject_annual_minutes = {"eng": 7200, "latin": 3600}
    problem = one(project, "unknown_reference")
    assert "subject 'latin'" in problem.message and problem.records[0].kind == "subject"


def test_section_length_fitting_no_class_run() -> None:
    project = school()
    project.scenarios[0].sections[0].length_blocks = 3
    problem = one(project, "length_fits_nowhere")
    assert problem.message == "Biology 9 lasts 3 class blocks, which fits no class run of any day type"
    project.scenarios[0].sections[0].allow_break_span = True  # Blocks 2, 3 and 4 across Crew and Lunch
    assert validate(project) == []


def test_meetings_per_cycle_below_one() -> None:
    project = school()
    project.scenarios[0].sections[2].meetings_per_cycle = 0
    assert one(project, "no_meetings").message == "English 9 meets 0 times per cycle; it needs at least 1"


def test_more_meetings_than_possible_starts() -> None:
    project = school()
    english = project.scenarios[0].sections[2]
    english.length_minutes, english.meetings_per_cycle = 150, 11  # one 150-minute stretch per run: 10 a cycle
    problems = validate(project, project.scenarios[0])
    assert "too_many_meetings" in codes(problems)
    problem = next(p for p in problems if p.code == "too_many_meetings")
    assert (
        problem.message
        == "English 9 needs 11 meetings of 150 min per cycle but at most 10 fit in the cycle's class time"
    )


def test_fixed_teacher_load_above_the_weekly_limit() -> None:
    project = school()
    project.scenarios[0].sections[0].meetings_per_cycle = 17  # 17 × 90 = 1,530 min
    project.scenarios[0].sections[2].meetings_per_cycle = 3  # 9A: 17 + 3 meetings in its 20 class blocks
    problem = one(project, "teacher_overloaded")
    assert problem.message == (
        "Ms. Rivera must teach 1,530 min per cycle but may teach at most 1,500 min (1,500 min per week)"
    )
    assert problem.records[0].name == "Ms. Rivera"


def test_teacher_load_against_available_class_minutes() -> None:
    project = school()
    rivera = project.teachers[0]
    rivera.unavailable = [TimeWindow(None, 480, 670)]  # every morning: 950 min left
    project.scenarios[0].sections[0].meetings_per_cycle = 11  # 990 min
    problem = one(project, "teacher_unavailable")
    assert problem.message == "Ms. Rivera must teach 990 min per cycle but is available 950 min"


def test_teacher_load_counts_advisory_duty_in_class_time() -> None:
    project = school()
    project.advisories[0].advisor_id, project.advisories[0].cohort_ids = "rivera", ["9b"]
    project.advisories[0].meeting_blocks = [BlockRef(d, "p1") for d in ("mon", "tue", "wed", "thu", "fri")]
    project.teachers[0].max_minutes_per_week = None
    project.scenarios[0].sections[0].meetings_per_cycle = 17  # 1,530 min; available 1,900 − 5 × 90
    project.scenarios[0].sections[2].meetings_per_cycle = 3  # 9A: 17 + 3 meetings in its 20 class blocks
    assert one(project, "teacher_unavailable").message.endswith("is available 1,450 min")


def test_load_is_counted_per_term() -> None:
    project = school()
    scenario = project.scenarios[0]
    scenario.calendar.terms = [
        Term("fall", "Fall", date(2026, 8, 24), date(2027, 1, 15)),
        Term("spring", "Spring", date(2027, 1, 19), date(2027, 6, 11)),
    ]
    scenario.sections[0].meetings_per_cycle = 10
    scenario.sections[0].term_id = "fall"
    scenario.sections.append(Section("bio2", "Biology 10", "bio", ["9b"], 10, teacher_ids=["rivera"], term_id="spring"))
    assert validate(project) == []  # 900 min in each term
    scenario.sections[0].term_id = None  # Biology 9 all year: 1,800 min in the spring
    problem = one(project, "teacher_overloaded")
    assert "1,800 min per cycle in Spring" in problem.message


def test_cohort_demand_against_class_minutes() -> None:
    project = school()
    scenario = project.scenarios[0]
    scenario.internships = [Internship("lti", "LTI", ["9a"], [TimeWindow("fri", 480, 960)], travel_minutes=0)]
    scenario.sections[2].meetings_per_cycle = 15  # 9A: 3 × 90 + 15 × 90 = 1,620 > 4 days × 380 = 1,520
    problem = one(project, "cohort_overloaded")
    assert problem.message == "Cohort 9A needs 1,620 min of classes but has 1,520 class minutes in the cycle"


def test_cohort_demand_counts_internship_travel() -> None:
    project = school()
    scenario = project.scenarios[0]
    scenario.internships = [Internship("lti", "LTI", ["9a"], [TimeWindow(None, 830, 960)], travel_minutes=20)]
    scenario.sections[2].meetings_per_cycle = 15  # 1,620 > 1,900 − 5 × 110
    assert one(project, "cohort_overloaded").message.endswith("has 1,350 class minutes in the cycle")


def test_room_impossible() -> None:
    project = school()
    project.scenarios[0].sections[0].min_capacity = 31
    problem = one(project, "room_impossible")
    assert problem.message == "No room with feature `lab` and capacity ≥ 31 for Biology 9"
    project = school()
    project.scenarios[0].sections[2].room_id = "lab"
    project.scenarios[0].sections[2].min_capacity = 40
    assert one(project, "room_impossible").message == ("English 9 must meet in Lab, which does not have capacity ≥ 40")


def test_no_qualified_teacher_and_small_pool() -> None:
    project = school()
    project.teachers[1].subject_ids = set()
    assert one(project, "no_qualified_teacher").message == (
        "No qualified teacher for Spanish 2 (nobody is qualified for Spanish)"
    )
    project = school()
    project.scenarios[0].sections[1].teachers_needed = 2
    assert one(project, "pool_too_small").message == "Spanish 2 needs 2 teachers but only 1 can teach it (Mr. Chen)"


def test_team_taught_section_with_unqualified_teacher() -> None:
    project = school()
    project.scenarios[0].sections[0].teacher_ids = ["rivera", "okafor"]  # BioLit
    problem = one(project, "teacher_not_qualified", Severity.WARNING)
    assert problem.message == "Dr. Okafor teaches Biology 9 but is not listed as qualified for Biology"
    assert blocking([problem]) == []


def test_team_planning_impossible() -> None:
    project = school()
    project.teachers[0].unavailable = [TimeWindow(None, 480, 700)]
    project.teachers[2].unavailable = [TimeWindow(None, 700, 960)]
    problem = one(project, "team_planning_impossible")
    assert problem.message == (
        "Grade 9 team needs 120 min of common planning per cycle (120 min per week) "
        "but its members are all free for at most 0 min of class and planning blocks"
    )
    assert {r.id for r in problem.records} == {"g9", "rivera", "okafor"}


def test_advisory_with_no_advisory_block() -> None:
    project = school()
    project.scenarios[0].bell_schedules[0].blocks[3].kind = BlockKind.FLEX
    assert (
        one(project, "advisory_no_block").message == "Advisory Crew 3 has no advisory block to meet in (there is none)"
    )


def test_advisory_with_unknown_advisor_and_too_many_students() -> None:
    project = school()
    project.advisories[0].advisor_id = "ghost"
    assert one(project, "advisor_unknown").message == (
        "Advisory Crew 3 has advisor 'ghost', who is not a teacher of the school"
    )
    project = school()
    project.advisories[0].size = 0  # the whole cohort: 28
    assert one(project, "advisory_too_big", Severity.WARNING).message == (
        "Advisory Crew 3 has 28 students; advisories work best with at most 18"
    )


def test_advisories_sharing_a_cohort_split_it() -> None:
    project = school()  # 9A: 28 students, Crew 3 holds 14
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9a"], 14, "lab"))
    assert validate(project, project.scenarios[0]) == []  # two crews of 9A at once: no clash, no warning
    project.advisories[1].size = 15
    problem = one(project, "advisories_overfill_cohort")
    assert problem.message == (
        "Cohort 9A has 28 students but its advisories Crew 3 (14), Crew 4 (15) hold 29; advisories sharing a "
        "cohort split it, so make them smaller or the cohort bigger"
    )
    assert [r.id for r in problem.records] == ["9a", "crew3", "crew4"]


def test_an_advisory_of_size_0_gets_its_share_of_the_cohort() -> None:
    project = school()  # 9A: 28 students
    project.advisories[0].size = 0
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9a"], 0, "lab"))
    assert advisory_sizes(project) == {"crew3": 14, "crew4": 14}
    project.advisories.append(Advisory("crew5", "Crew 5", "rivera", ["9a", "9b"], 0))
    assert advisory_sizes(project) == {"crew3": 10, "crew4": 10, "crew5": 10 + 24}  # 28 in thirds, all of 9B
    project.advisories[2].size = 6  # 9B's 24 could fill it: it takes nobody for sure from 9A
    assert advisory_sizes(project) == {"crew3": 14, "crew4": 14, "crew5": 6}
    project.cohorts[1].size = 2  # now at least 4 of its 6 come from 9A
    assert advisory_sizes(project) == {"crew3": 12, "crew4": 12, "crew5": 6}


def test_advisory_too_big_counts_its_own_students() -> None:
    project = school()  # 9A: 28 students
    project.advisories[0].size = 0
    project.advisories.append(Advisory("crew4", "Crew 4", "okafor", ["9a"], 0, "lab"))
    assert validate(project, project.scenarios[0]) == []  # 14 each, not the whole cohort each
    project.advisories[0].size = 20
    problem = one(project, "advisory_too_big", Severity.WARNING)  # Crew 4 has the other 8
    assert problem.message == "Advisory Crew 3 has 20 students; advisories work best with at most 18"


def test_advisories_sharing_an_advisor_or_room_at_the_same_time() -> None:
    project = school()
    project.advisories.append(Advisory("crew4", "Crew 4", "chen", ["9b"], 12, "lab"))
    problems = validate(project, project.scenarios[0])
    assert codes(problems) == ["advisory_clash"]  # one per pair, not one per day
    assert problems[0].message == "Advisory Crew 3 and advisory Crew 4 both meet with Mr. Chen on Mon 11:10–11:40"


def test_hard_looping_rule_without_prior_pairing() -> None:
    project = school()
    project.scenarios[0].looping_rules = [LoopingRule("l1", "9a", PairingKind.ADVISOR)]
    problem = one(project, "looping_no_prior", Severity.WARNING)
    assert problem.message == "The hard looping rule for Cohort 9A's advisor has no pairing from last year to keep"


def test_hard_looping_rule_whose_prior_teacher_left() -> None:
    project = school()
    project.scenarios[0].looping_rules = [LoopingRule("l1", "9a", PairingKind.SUBJECT_TEACHER, "bio")]
    project.prior_pairings = [PriorPairing("9a", PairingKind.SUBJECT_TEACHER, "bio", ["mr-hale"])]
    problem = one(project, "looping_prior_gone")
    assert "Biology teacher" in problem.message and "'mr-hale'" in problem.message
    project.scenarios[0].looping_rules[0].hard = False
    one(project, "looping_prior_gone", Severity.WARNING)


def test_internship_window_outside_the_school_day() -> None:
    project = school()
    project.scenarios[0].internships = [Internship("lti", "Evening LTI", ["9b"], [TimeWindow("wed", 900, 1080)])]
    problem = one(project, "internship_outside_day", Severity.WARNING)
    assert problem.message == "Internship Evening LTI window 15:00–18:00 on Wed is outside the school day (8:00–16:00)"


def test_window_on_a_day_type_of_another_scenario_is_only_info() -> None:
    project = school()
    project.teachers[1].unavailable = [TimeWindow("a", 480, 570)]
    assert "day type 'a'" in one(project, "window_day_type_unknown", Severity.INFO).message


# -- the deliberately broken school ----------------------------------------------------------


def _maker():
    spec = importlib.util.spec_from_file_location("make_broken_school", DATA / "make_broken_school.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_broken_school_matches_its_builder() -> None:
    maker = _maker()
    assert (DATA / "broken-school.json").read_text(encoding="utf-8") == codec.project_to_json(maker.broken_school())


def test_validate_finds_every_seeded_problem_of_the_broken_school() -> None:
    maker = _maker()
    project = codec.load_project_json(DATA / "broken-school.json")
    problems = validate(project)
    unmatched = list(problems)
    for code, words in maker.SEEDED:
        match = next((p for p in unmatched if p.code == code and all(w in p.message for w in words)), None)
        assert match is not None, (code, words, [p.message for p in problems])
        assert match.severity == Severity.ERROR and match.records
        unmatched.remove(match)
    assert unmatched == [], [p.message for p in unmatched]
    assert len(blocking(problems)) == len(maker.SEEDED) >= 8


def test_the_calendar_check_is_the_one_validation_and_the_calendar_page_share() -> None:
    project = school()
    scenario = project.scenarios[0]
    year = scenario.calendar
    assert calendar_problems(year, scenario) == []
    year.holidays = [Holiday("", date(2026, 9, 7), date(2026, 9, 1))]
    year.rotation.overrides = {date(2026, 9, 15): "zz"}
    year.terms = [Term("s1", "Fall", date(2026, 8, 24), date(2027, 1, 15))] * 2
    scenario.section("bio").term_id = "s9"
    found = {(p.severity, p.code, p.message) for p in calendar_problems(year, scenario)}
    assert found == {
        (Severity.WARNING, "calendar_holiday_name", "The holiday starting 2026-09-07 needs a name"),
        (Severity.WARNING, "calendar_dates", "Holiday '(no name)' ends (2026-09-01) before it starts (2026-09-07)"),
        (
            Severity.ERROR,
            "unknown_reference",
            "The rotation's override for 2026-09-15 refers to day type 'zz', which is not a day type of the scenario",
        ),
        (Severity.ERROR, "duplicate_id", "2 terms share the id 's1' ('Fall', 'Fall')"),
        (
            Severity.ERROR,
            "unknown_reference",
            "Sections Biology 9 are limited to term 's9', which the calendar does not have: change their Term on "
            "the Sections page, or add the term",
        ),
    }
    assert {(p.severity, p.code, p.message) for p in validate(project, scenario)} == found
