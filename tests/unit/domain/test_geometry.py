"""The one time geometry of domain: class runs, meeting spans, internships, sittings, terms, dates, planning."""

from __future__ import annotations

from datetime import date

from dlplanner.domain.calendar import Term, TermKind
from dlplanner.domain.geometry import (
    advisory_sittings,
    all_sittings,
    away_intervals,
    away_windows,
    class_runs,
    common_free_minutes,
    day_blocks,
    in_term_slice,
    internship_blocks,
    meeting_end,
    meeting_spans,
    missing_meeting_blocks,
    planning_blocks,
    slice_names,
    term_runs_on,
    term_slices,
    terms_meet_together,
)
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
    DayType,
    Internship,
    Project,
    Scenario,
    Section,
    Teacher,
    TimeWindow,
)

C, P, A, L, PL = BlockKind.CLASS, BlockKind.PASSING, BlockKind.ADVISORY, BlockKind.LUNCH, BlockKind.PLANNING

# P1 8:00–8:50, passing, P2 9:00–9:50, advisory 9:50–10:10, P3 10:10–11:00, lunch, P4 11:30–12:20, planning
DAY = [
    Block("p1", 480, 530, C),
    Block("x1", 530, 540, P),
    Block("p2", 540, 590, C),
    Block("adv", 590, 610, A),
    Block("p3", 610, 660, C),
    Block("lunch", 660, 690, L),
    Block("p4", 690, 740, C),
    Block("plan", 740, 780, PL),
]


def ids(runs: list[list[Block]]) -> list[list[str]]:
    return [[b.id for b in run] for run in runs]


def section(**length: int | bool | None) -> Section:
    return Section("s", "S", "subj", ["9a"], 1, **length)  # type: ignore[arg-type]


def test_class_runs_join_passing_and_stop_at_other_blocks() -> None:
    assert ids(class_runs(reversed(DAY))) == [["p1", "p2"], ["p3"], ["p4"]]


def test_class_runs_with_break_span_are_the_whole_day() -> None:
    assert ids(class_runs(DAY, allow_break_span=True)) == [["p1", "p2", "p3", "p4"]]


def test_class_runs_leave_out_a_class_block_overlapping_the_previous_one() -> None:
    blocks = [Block("a", 480, 540, C), Block("b", 510, 570, C), Block("c", 540, 600, C)]
    assert ids(class_runs(blocks)) == [["a", "c"]]
    assert ids(class_runs(blocks, allow_break_span=True)) == [["a", "c"]]


def test_the_bell_schedule_reads_the_same_runs() -> None:
    schedule = BellSchedule("bs", "Regular", list(DAY))
    assert ids(schedule.class_runs()) == ids(class_runs(DAY))
    assert ids(schedule.class_runs(True)) == ids(class_runs(DAY, True))


def test_meeting_spans_by_blocks_and_by_minutes() -> None:
    assert meeting_spans(DAY, section()) == [(480, 530), (540, 590), (610, 660), (690, 740)]
    assert meeting_spans(DAY, section(length_blocks=2)) == [(480, 590)]  # only P1–P2 has two blocks in a row
    assert meeting_spans(DAY, section(length_blocks=2, allow_break_span=True)) == [
        (480, 590),
        (540, 660),
        (610, 740),
    ]
    # length_minutes wins over length_blocks and must stay inside the run
    assert meeting_spans(DAY, section(length_minutes=100, length_blocks=1)) == [(480, 580)]


def test_meeting_end() -> None:
    assert meeting_end(DAY, section(length_blocks=2), 480) == 590
    assert meeting_end(DAY, section(length_blocks=2), 540) is None  # the run ends at the advisory
    assert meeting_end(DAY, section(), 500) is None  # not the start of a class block
    assert meeting_end(DAY, section(length_minutes=45), 610) == 655


INTERNSHIP = Internship("wbl", "Work-based learning", ["9a"], [TimeWindow("t", 600, 700)], travel_minutes=20)


def test_an_internship_blocks_its_window_widened_by_travel_on_its_day_only() -> None:
    assert away_windows(INTERNSHIP, "t") == [(600, 700, 580, 720)]
    assert away_windows(INTERNSHIP, "m") == []
    assert away_intervals([INTERNSHIP], ["9b", "9a"], "t") == [(580, 720)]
    assert away_intervals([INTERNSHIP], ["9a"], "t", travel=False) == [(600, 700)]
    assert away_intervals([INTERNSHIP], ["9b"], "t") == []
    scenario = Scenario("s", "S", internships=[INTERNSHIP])
    assert internship_blocks(scenario, ["9a"], "t", 540, 590)  # ends 9:50, in the travel before 10:00
    assert not internship_blocks(scenario, ["9a"], "t", 480, 580)  # ends when travel starts
    assert not internship_blocks(scenario, ["9a"], "m", 540, 590)
    assert not internship_blocks(scenario, ["9b"], "t", 540, 590)


def two_days(internships: list[Internship]) -> Scenario:
    return Scenario(
        "s",
        "S",
        bell_schedules=[BellSchedule("bs", "Regular", list(DAY))],
        day_types=[DayType("m", "Monday", "bs"), DayType("t", "Tuesday", "bs"), DayType("x", "Lost", "none")],
        internships=internships,
    )


def test_day_blocks_sorts_each_day_and_gives_none_for_an_unknown_schedule() -> None:
    blocks = day_blocks(two_days([]))
    assert [b.id for b in blocks["m"]] == [b.id for b in DAY]
    assert blocks["x"] == []


def test_an_advisory_sits_in_every_advisory_block_outside_its_cohorts_internships() -> None:
    scenario = two_days([INTERNSHIP])
    crew = Advisory("crew", "Crew", "chen", ["9a", "9a"], room_id="r1")
    sittings = advisory_sittings(scenario, crew, day_blocks(scenario))
    assert [(s.day_type_id, s.start, s.end) for s in sittings] == [("m", 590, 610)]  # Tuesday's is in the internship
    (sitting,) = sittings
    assert (sitting.teacher_ids, sitting.cohort_ids, sitting.room_id) == (("chen",), ("9a",), "r1")
    other = Advisory("other", "Other", "lee", ["9b"])
    assert [s.day_type_id for s in advisory_sittings(scenario, other, day_blocks(scenario))] == ["m", "t"]
    project = Project("P", advisories=[crew, other], scenarios=[scenario])
    assert [(s.advisory.id, s.day_type_id) for s in all_sittings(project, scenario)] == [
        ("crew", "m"),
        ("other", "m"),
        ("other", "t"),
    ]


def test_listed_meeting_blocks_are_always_sat_and_unknown_ones_reported() -> None:
    scenario = two_days([INTERNSHIP])
    crew = Advisory("crew", "Crew", "chen", ["9a"], meeting_blocks=[BlockRef("t", "adv"), BlockRef("t", "nope")])
    blocks = day_blocks(scenario)
    assert [(s.day_type_id, s.block.id) for s in advisory_sittings(scenario, crew, blocks)] == [("t", "adv")]
    assert missing_meeting_blocks(crew, blocks) == [BlockRef("t", "nope")]


FALL = Term("fall", "Fall", date(2026, 8, 24), date(2027, 1, 15), TermKind.SEMESTER)
Q2 = Term("q2", "Q2", date(2026, 11, 1), date(2027, 1, 15), TermKind.QUARTER)
SPRING = Term("spring", "Spring", date(2027, 1, 19), date(2027, 6, 11), TermKind.SEMESTER)
JANUARY = Term("jan", "January", date(2027, 1, 4), date(2027, 1, 15), TermKind.INTERSESSION)


def test_term_slices_cut_the_year_at_term_boundaries() -> None:
    terms = {t.id: t for t in (FALL, Q2, SPRING)}
    assert term_slices(terms, [None, "fall", "q2", "spring", "unknown"]) == [
        frozenset({"fall"}),
        frozenset({"fall", "q2"}),
        frozenset({"spring"}),
    ]
    assert term_slices(terms, [None, "unknown"]) == [frozenset()]
    assert slice_names(terms, frozenset({"q2", "fall"})) == "Fall, Q2"


def test_what_runs_in_a_slice_and_what_overlaps() -> None:
    terms = {t.id: t for t in (FALL, SPRING, JANUARY)}
    assert in_term_slice(None, terms, frozenset({"fall"}))
    assert in_term_slice("unknown", terms, frozenset({"fall"}))
    assert in_term_slice("fall", terms, frozenset({"fall"}))
    assert not in_term_slice("spring", terms, frozenset({"fall"}))
    inside_january = frozenset({"fall", "jan"})
    assert not in_term_slice(None, terms, inside_january)  # inside an intersession only its own sections meet
    assert not in_term_slice("fall", terms, inside_january)
    assert in_term_slice("jan", terms, inside_january)
    parts = term_slices(terms, ["fall", "spring", "jan"])
    assert terms_meet_together(terms, parts, "fall", None)
    assert not terms_meet_together(terms, parts, "fall", "jan")
    assert not terms_meet_together(terms, parts, "fall", "spring")
    assert terms_meet_together(terms, parts, "fall", "unknown")


def test_term_runs_on_a_date() -> None:
    scenario = Scenario("s", "S")
    scenario.calendar.terms = [FALL, SPRING, JANUARY]
    assert term_runs_on(scenario, None, date(2026, 9, 1))
    assert term_runs_on(scenario, "fall", date(2026, 9, 1))
    assert not term_runs_on(scenario, "spring", date(2026, 9, 1))
    assert term_runs_on(scenario, "unknown", date(2026, 9, 1))
    assert not term_runs_on(scenario, None, date(2027, 1, 5))  # inside the intersession only its sections meet
    assert not term_runs_on(scenario, "fall", date(2027, 1, 5))
    assert term_runs_on(scenario, "jan", date(2027, 1, 5))


class Busy:
    """A meeting or sitting as the planning count reads it."""

    def __init__(self, day_type_id: str, start: int, end: int, *teacher_ids: str) -> None:
        self.day_type_id, self.start, self.end, self.teacher_ids = day_type_id, start, end, teacher_ids


def test_common_planning_counts_long_enough_blocks_with_every_member_free() -> None:
    assert [b.id for b in planning_blocks(DAY, 45)] == ["p1", "p2", "p3", "p4"]
    assert [b.id for b in planning_blocks(DAY, 40)] == ["p1", "p2", "p3", "p4", "plan"]
    teachers = {
        "a": Teacher("a", "A", unavailable=[TimeWindow("m", 480, 500)]),
        "b": Teacher("b", "B"),
    }
    days = [("m", DAY), ("t", DAY)]
    everything = 2 * (4 * 50 + 40)
    assert common_free_minutes(days, teachers, ["a", "b"], 40, []) == everything - 50  # a is away during P1 Monday
    events = [Busy("t", 700, 720, "b"), Busy("t", 480, 530, "c")]
    assert common_free_minutes(days, teachers, ["a", "b"], 40, events) == everything - 100
    assert common_free_minutes(days, teachers, ["a", "b"], 50, events) == 2 * 4 * 50 - 100
