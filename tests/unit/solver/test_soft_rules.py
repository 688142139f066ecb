"""One small test per soft rule: the solver avoids the penalty when it can, and reports it as the checker does."""

from __future__ import annotations

from solver_kit import C, L, add_section, blocks_of, by_section, judged, run, school

from dlplanner.domain.model import LoopingRule, PairingKind, PriorPairing, Room, Subject, TimeWindow


def test_spread_days():
    p = school(days=2)
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
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], subject_id="math")
    add_section(p, "b", cohort_ids=["c0"], teacher_ids=["t1"], subject_id="math")
    result = run(p)
    judged(p, result)
    assert result.penalties["subject_twice_daily"] == 0
    assert len({m.day_type_id for m in result.placements}) == 2


def test_teacher_gaps():
    p = school(blocks=blocks_of(4), days=1, teachers=1, cohorts=2)
    p.scenarios[0].rules.weights = {"daily_load_balance": 0}
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t0"])
    result = run(p)
    judged(p, result)
    assert result.penalties["teacher_gaps"] == 0
    a, b = sorted(m.start for m in result.placements)
    assert b - a == 65  # adjacent blocks


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


def test_room_changes():
    p = school(days=3, teachers=1, cohorts=3)
    p.rooms = [Room(f"lab{i}", f"Lab {i}", 30, {"lab"}) for i in range(3)]
    add_section(p, "lab", cohort_ids=["c0"], teacher_ids=["t0"], room_features={"lab"}, meetings_per_cycle=3)
    result = run(p)
    judged(p, result)
    assert result.penalties["room_changes"] == 0
    assert len({m.room_id for m in result.placements}) == 1


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


def test_weights_override_from_the_request():
    p = school(days=1)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    result = run(p, weights={"spread_days": 4})
    assert result.penalties["spread_days"] == 4
