"""One small test per soft rule: the solver avoids the penalty when it can, and reports it as the checker does.

Where another soft rule or luck would avoid the penalty too, a cheaper preference pulls the other way
(or the other rule's weight is 0), so the test fails when its rule is taken out (test_rule_mutations.py).
"""

from __future__ import annotations

from solver_kit import A, C, L, add_section, blocks_of, by_section, judged, run, school, semesters

from dlplanner.domain.model import (
    Advisory,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Room,
    Subject,
    TimeWindow,
)


def test_spread_days():
    p = school(days=2)
    p.scenarios[0].rules.weights = {"daily_load_balance": 0, "subject_twice_daily": 0}
    p.teachers[0].avoid = [TimeWindow("d1", 0, 24 * 60)]  # cheaper to teach both on d0
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    result = run(p)
    report = judged(p, result)
    assert report.penalties["spread_days"] == 0
    assert len({m.day_type_id for m in result.placements}) == 2


def test_spread_days_penalised_when_unavoidable():
    p = school(days=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=3)
    result = run(p)
    judged(p, result)
    assert result.penalties["spread_days"] == 3 * 10


def test_subject_twice_daily():
    p = school(days=2, teachers=2, cohorts=1)
    p.scenarios[0].rules.weights = {"daily_load_balance": 0}
    for t in p.teachers:  # cheaper to teach both on d0
        t.avoid = [TimeWindow("d1", 0, 24 * 60)]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], subject_id="math")
    add_section(p, "b", cohort_ids=["c0"], teacher_ids=["t1"], subject_id="math")
    result = run(p)
    judged(p, result)
    assert result.penalties["subject_twice_daily"] == 0
    assert len({m.day_type_id for m in result.placements}) == 2


def year_and_semesters(subjects: tuple[str, str, str], weights: dict[str, int]):
    """Two day types; one cohort with a year-long, an S1 and an S2 section (one meeting each) of these subjects.

    Every teacher would rather teach on d0 (so the soft rule under test must move a meeting to d1).
    Solved and judged; returns the result and each section's day type.
    """
    p = school(days=2, teachers=3, cohorts=1)
    semesters(p)
    p.scenarios[0].rules.weights = weights
    for t in p.teachers:
        t.avoid = [TimeWindow("d1", 0, 24 * 60)]
    for i, (sid, term_id) in enumerate([("year", None), ("s1", "S1"), ("s2", "S2")]):
        add_section(p, sid, cohort_ids=["c0"], teacher_ids=[f"t{i}"], subject_id=subjects[i], term_id=term_id)
    result = run(p)
    judged(p, result)
    return result, {sid: meetings[0].day_type_id for sid, meetings in by_section(result).items()}


def test_subject_twice_daily_counts_each_term_apart():
    """Three Math meetings on two days: counted together, one always cost; S1 and S2 never meet together."""
    result, day = year_and_semesters(("math", "math", "math"), {"daily_load_balance": 0})
    assert result.penalties["subject_twice_daily"] == 0
    assert day["s1"] == day["s2"] != day["year"]


def test_teacher_gaps():
    p = school(blocks=blocks_of(4), days=1, teachers=1, cohorts=2)
    p.scenarios[0].rules.weights = {"daily_load_balance": 0, "teacher_gaps": 3}
    p.teachers[0].avoid = [TimeWindow(None, 545, 670)]  # the middle blocks cost: first and last would be cheaper
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t0"])
    result = run(p)
    judged(p, result)
    assert result.penalties["teacher_gaps"] == 0
    a, b = sorted(m.start for m in result.placements)
    assert b - a == 65  # adjacent blocks


def test_teacher_gaps_counts_each_term_apart():
    """An S1 meeting first thing and an S2 meeting last thing leave no idle block in any real day."""
    p = school(blocks=blocks_of(3), days=1, teachers=1, cohorts=2)
    semesters(p)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], term_id="S1")
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t0"], term_id="S2")
    pins = [
        Placement("a", 0, "d0", 480, 540, None, ["t0"], pinned=True),
        Placement("b", 0, "d0", 610, 670, None, ["t0"], pinned=True),
    ]
    p.scenarios[0].solution.placements = pins
    result = run(p)
    judged(p, result, pins=pins)
    assert result.penalties["teacher_gaps"] == 0  # counting S1 and S2 together gave the idle middle block


def test_consecutive_teaching():
    p = school(blocks=blocks_of(3), days=1, teachers=1, cohorts=2)
    p.scenarios[0].rules.max_consecutive_teaching_blocks = 1
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t0"])
    result = run(p)
    judged(p, result)
    assert result.penalties["consecutive_teaching"] == 0
    assert result.penalties["teacher_gaps"] == 1  # cheaper than teaching two in a row
    assert sorted(m.start for m in result.placements) == [480, 610]


def test_consecutive_teaching_counts_each_term_apart():
    """S1 in block 0, S2 in block 2: a year-long meeting in block 1 makes two in a row per term, not three."""
    p = school(blocks=blocks_of(4), days=1, teachers=1, cohorts=2)
    semesters(p)
    p.scenarios[0].rules.max_consecutive_teaching_blocks = 2
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], term_id="S1")
    add_section(p, "b", cohort_ids=["c0"], teacher_ids=["t0"], term_id="S2")
    add_section(p, "year", cohort_ids=["c1"], teacher_ids=["t0"])
    pins = [
        Placement("a", 0, "d0", 480, 540, None, ["t0"], pinned=True),
        Placement("b", 0, "d0", 610, 670, None, ["t0"], pinned=True),
    ]
    p.scenarios[0].solution.placements = pins
    result = run(p)
    judged(p, result, pins=pins)
    # Counted together, block 1 cost a block beyond the maximum (3) and block 3 one idle block (1).
    assert by_section(result)["year"][0].start == 545
    assert result.penalties["consecutive_teaching"] == 0
    assert result.penalties["teacher_gaps"] == 0


def test_teacher_preferences():
    p = school(days=1, teachers=1, cohorts=1)
    p.teachers[0].avoid = [TimeWindow(None, 480, 610)]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    result = run(p)
    judged(p, result)
    assert result.penalties["teacher_preferences"] == 0
    assert result.placements[0].start == 610


def test_long_blocks_pbl():
    blocks = [(480, 530, C), (530, 560, L), (560, 650, C)]
    p = school(blocks=blocks, days=1, teachers=1, cohorts=1)
    p.scenarios[0].rules.weights = {"long_blocks_pbl": 5}
    p.teachers[0].avoid = [TimeWindow(None, 560, 650)]  # the short block would be cheaper
    p.subjects.append(Subject("pbl", "Project", project_based=True))
    p.teachers[0].subject_ids.add("pbl")
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], subject_id="pbl")
    result = run(p)
    judged(p, result)
    assert result.penalties["long_blocks_pbl"] == 0
    assert result.placements[0].start == 560


def test_daily_load_balance():
    p = school(days=2, teachers=2, cohorts=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], subject_id="math")
    add_section(p, "b", cohort_ids=["c0"], teacher_ids=["t1"], subject_id="eng")
    result = run(p)
    judged(p, result)
    assert result.penalties["daily_load_balance"] == 0
    assert len({m.day_type_id for m in result.placements}) == 2


def test_daily_load_balance_reports_the_unavoidable_spread():
    p = school(days=2, teachers=1, cohorts=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    result = run(p)
    judged(p, result)
    assert result.penalties["daily_load_balance"] == 2  # 60 minutes of spread: two 30-minute units


def test_daily_load_balance_counts_each_term_apart():
    """A year-long meeting on one day, the S1 and S2 ones on the other: every real week is even."""
    result, day = year_and_semesters(("math", "eng", "bio"), {})
    assert result.penalties["daily_load_balance"] == 0  # counted together, 3 meetings on 2 days cost 2
    assert day["s1"] == day["s2"] != day["year"]


def test_daily_load_balance_costs_the_worst_term():
    """One S1 and one S2 meeting: each term has a full and an empty day (counted together, they looked even)."""
    p = school(days=2, teachers=2, cohorts=1)
    semesters(p)
    add_section(p, "s1", cohort_ids=["c0"], teacher_ids=["t0"], subject_id="eng", term_id="S1")
    add_section(p, "s2", cohort_ids=["c0"], teacher_ids=["t1"], subject_id="bio", term_id="S2")
    result = run(p)
    judged(p, result)
    assert result.penalties["daily_load_balance"] == 2  # 60 minutes of spread in each term, not 2 + 2


def test_room_changes():
    p = school(days=3, teachers=1, cohorts=3)
    p.rooms = [Room(f"lab{i}", f"Lab {i}", 30, {"lab"}) for i in range(3)]
    add_section(p, "lab", cohort_ids=["c0"], teacher_ids=["t0"], room_features={"lab"}, meetings_per_cycle=3)
    result = run(p)
    judged(p, result)
    assert result.penalties["room_changes"] == 0
    assert len({m.room_id for m in result.placements}) == 1


def test_room_changes_moves_a_meeting_to_keep_one_room():
    """Pinned meetings hold lab0 on d0 and lab1 on d1 first thing, when the lab section's teacher wants to teach."""
    p = school(days=3, teachers=3, cohorts=3)
    p.scenarios[0].rules.weights = {"room_changes": 5}
    p.rooms = [Room(f"lab{i}", f"Lab {i}", 30, {"lab"}) for i in range(2)]
    p.teachers[0].avoid = [TimeWindow(None, 545, 670)]  # first thing every day is cheaper, in whichever lab
    add_section(p, "lab", cohort_ids=["c0"], teacher_ids=["t0"], room_features={"lab"}, meetings_per_cycle=3)
    add_section(p, "x", cohort_ids=["c1"], teacher_ids=["t1"], room_id="lab0")
    add_section(p, "y", cohort_ids=["c2"], teacher_ids=["t2"], room_id="lab1")
    pins = [
        Placement("x", 0, "d0", 480, 540, "lab0", ["t1"], pinned=True),
        Placement("y", 0, "d1", 480, 540, "lab1", ["t2"], pinned=True),
    ]
    p.scenarios[0].solution.placements = pins
    result = run(p)
    judged(p, result, pins=pins)
    assert result.penalties["room_changes"] == 0
    assert len({m.room_id for m in by_section(result)["lab"]}) == 1


def test_looping_soft():
    p = school(days=1, teachers=3, cohorts=1)
    p.prior_pairings = [PriorPairing("c0", PairingKind.SUBJECT_TEACHER, subject_id="math", teacher_ids=["t1"])]
    p.scenarios[0].looping_rules = [
        LoopingRule("keep", "c0", PairingKind.SUBJECT_TEACHER, subject_id="math", hard=False, weight=7)
    ]
    add_section(p, "a", cohort_ids=["c0"], subject_id="math", teachers_needed=1)
    result = run(p)
    judged(p, result)
    assert result.penalties["looping_soft"] == 0
    assert by_section(result)["a"][0].teacher_ids == ["t1"]


def test_looping_soft_penalised_with_the_rules_weight_when_broken():
    p = school(days=1, teachers=2, cohorts=1)
    p.teachers[1].unavailable = [TimeWindow(None, 0, 1440)]
    p.prior_pairings = [PriorPairing("c0", PairingKind.SUBJECT_TEACHER, subject_id="math", teacher_ids=["t1"])]
    p.scenarios[0].looping_rules = [
        LoopingRule("keep", "c0", PairingKind.SUBJECT_TEACHER, subject_id="math", hard=False, weight=7)
    ]
    add_section(p, "a", cohort_ids=["c0"], subject_id="math", teachers_needed=1)
    result = run(p)
    judged(p, result)
    assert result.penalties["looping_soft"] == 7


def test_looping_soft_costs_each_advisory_group_that_loses_its_advisor():
    p = school(blocks=[*blocks_of(2), (610, 640, A)], days=1, teachers=3, cohorts=1)
    p.advisories = [Advisory("crew-a", "Crew A", "t0", ["c0"], 10), Advisory("crew-b", "Crew B", "t2", ["c0"], 10)]
    p.prior_pairings = [PriorPairing("c0", PairingKind.ADVISOR, teacher_ids=["t0", "t1"])]
    p.scenarios[0].looping_rules = [
        LoopingRule("keep", "c0", PairingKind.ADVISOR, hard=False, weight=7),
        LoopingRule("keep-b", "", PairingKind.ADVISOR, hard=False, weight=3, advisory_id="crew-b"),
    ]
    p.prior_pairings.append(PriorPairing("c0", PairingKind.ADVISOR, teacher_ids=["t1"], advisory_id="crew-b"))
    result = run(p)
    judged(p, result)
    assert result.penalties["looping_soft"] == 7 + 3  # Crew B lost its advisor; Crew A kept its own


def test_weights_override_from_the_request():
    p = school(days=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    result = run(p, weights={"spread_days": 4})
    assert result.penalties["spread_days"] == 4
