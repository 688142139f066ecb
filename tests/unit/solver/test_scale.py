"""Big-school measures: narrowed pools and room classes, the spread first pass, stopping early, capacity groups first.

Big models are made small here by lowering the size switch (``POOL_LITERALS_LIMIT``), so that the
paths a 2,400-student school takes run on a school of a few sections.
"""

from __future__ import annotations

import dataclasses

import pytest
from ortools.sat.python import cp_model
from solver_kit import add_section, blocks_of, by_section, judged, run, school

from dlplanner.domain.model import Internship, Room, SolveStatus, Teacher, TimeWindow
from dlplanner.solver import engine, model_builder, pools, relaxation
from dlplanner.solver.rules import HARD_RULES


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every model counts as big: pools and room classes are narrowed, the spread first pass runs."""
    monkeypatch.setattr(model_builder, "POOL_LITERALS_LIMIT", -1)


def _pooled_school():
    """Six pool sections over three cohorts, a pool of five teachers, plain rooms and a lab a science section needs."""
    p = school(blocks=blocks_of(3), days=2, teachers=5, cohorts=3, rooms=3)
    p.rooms.append(Room("lab", "Lab", 30, {"lab"}))
    for c in ("c0", "c1", "c2"):
        for k in range(2):
            add_section(p, f"{c}-{k}", cohort_ids=[c], meetings_per_cycle=2)
    add_section(p, "sci", subject_id="bio", cohort_ids=["c2"], teacher_ids=["t0"], room_features={"lab"})
    return p


def test_narrowed_pools_give_a_valid_timetable_and_the_school_s_bound_from_its_cohorts(big) -> None:
    p = _pooled_school()
    result = run(p, time_limit=10)
    judged(p, result)
    assert any("narrowed" in m for m in result.messages)
    # an optimum of the narrowed model proves nothing about the school's problem: the bound claimed is
    # the cohorts' side's, computed apart
    found = relaxation.cohort_bound(p, p.scenarios[0], [], None, 5.0)
    assert found is not None and result.best_bound == found.bound <= result.objective
    assert any("from the cohorts' side alone" in m for m in result.messages)


def test_big_models_narrow_pools_and_keep_plain_sections_out_of_the_lab(big) -> None:
    p = _pooled_school()
    ctx = model_builder.Context(p, p.scenarios[0], rules=HARD_RULES)
    assert ctx.narrowed
    pooled = [info for info in ctx.sections if not info.fixed_teachers]
    assert len(pooled) == 6
    assert all(len(info.pool) == pools.KEEP and len(info.teacher_vars) == pools.KEEP for info in pooled)
    # the plain rooms have room for every plain section: the lab's class is not offered to them
    lab_class = ctx.class_of_room["lab"]
    assert all(lab_class not in c.room_lits for info in pooled for c in info.candidates)
    # each teacher is preferred for about as many sections as any other (loads balanced)
    preferred = [t for info in pooled for t in info.preferred]
    assert max(preferred.count(t) for t in set(preferred)) - min(preferred.count(t) for t in set(preferred)) <= 1


def test_the_whole_model_decides_when_the_narrowed_one_has_no_timetable(big) -> None:
    p = school(blocks=blocks_of(2), days=1, teachers=0, cohorts=1)
    # the narrowing keeps the least loaded teachers first (t0, t1, t2); only t3 can teach at all
    p.teachers = [Teacher(f"t{i}", f"Teacher {i}", {"math"}, unavailable=[TimeWindow("d0", 0, 1440)]) for i in range(3)]
    p.teachers.append(Teacher("t3", "Teacher 3", {"math"}))
    add_section(p, "a", cohort_ids=["c0"], meetings_per_cycle=1)
    result = run(p, time_limit=10)
    judged(p, result)
    assert any("solving the whole model" in m for m in result.messages)
    assert by_section(result)["a"][0].teacher_ids == ["t3"]


def test_the_spread_first_pass_gives_way_when_the_sections_cannot_spread(big) -> None:
    p = school(blocks=blocks_of(2), days=2, teachers=2, cohorts=1)
    # b's teacher is away on d1, so both of b's meetings fill d0 and a must meet twice on d1
    p.teachers[1].unavailable = [TimeWindow("d1", 0, 1440)]
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c0"], teacher_ids=["t1"], meetings_per_cycle=2)
    result = run(p, time_limit=10)
    judged(p, result)
    assert any("spread over the days: trying without" in m for m in result.messages)
    assert sorted(pl.day_type_id for pl in by_section(result)["a"]) == ["d1", "d1"]


def test_first_only_stops_at_the_first_timetable() -> None:
    p = _pooled_school()
    result = run(p, time_limit=10, first_only=True)
    judged(p, result)
    assert result.status == SolveStatus.FEASIBLE
    assert result.objective is None and not result.penalties
    assert any("stopped at the first timetable" in m for m in result.messages)


def test_gap_percent_is_the_soft_phases_stopping_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    limits: list[float] = []
    real = cp_model.CpSolver

    class Recording(real):
        def solve(self, model, callback=None):
            limits.append(self.parameters.relative_gap_limit)
            return super().solve(model, callback)

    monkeypatch.setattr(engine.cp_model, "CpSolver", Recording)
    p = _pooled_school()
    result = run(p, time_limit=10, gap_percent=5)
    judged(p, result)
    assert 0.05 in limits  # the soft rules' phase
    if result.status == SolveStatus.FEASIBLE and result.best_bound is not None:
        assert result.objective - result.best_bound <= 0.05 * max(1.0, result.objective) + 1


def test_infeasibility_is_explained_by_the_tightest_capacity_group_first() -> None:
    """Two gym classes whose cohorts are both away in the second block: the gym cannot hold both.

    The counts pass (2 meetings, 1 gym × 2 blocks) and validation finds nothing blocking; the
    explanation names the gym group with its numbers, and, inside it, the internships.
    """
    p = school(blocks=blocks_of(2), days=1, teachers=3, cohorts=3, rooms=1)
    p.rooms.append(Room("gym1", "Gym 1", 40, {"gym"}))
    away = TimeWindow("d0", 545, 605)
    p.scenarios[0].internships = [Internship("i0", "Morning out", ["c0", "c1"], [away])]
    add_section(p, "g0", name="PE 0", cohort_ids=["c0"], teacher_ids=["t0"], room_features={"gym"})
    add_section(p, "g1", name="PE 1", cohort_ids=["c1"], teacher_ids=["t1"], room_features={"gym"})
    add_section(p, "m", name="Math", cohort_ids=["c2"], teacher_ids=["t2"])
    result = run(p, time_limit=10)
    assert result.status == SolveStatus.INFEASIBLE
    text = result.conflicts[0].message
    assert "rooms with `gym` (Gym 1)" in text
    assert "1 room × 2 class blocks = 2" in text and "PE 0" in text and "PE 1" in text
    records = set(result.conflicts[0].records)
    assert ("room", "gym1") in records and ("section", "m") not in records


def test_big_models_optimise_the_soft_rules_by_neighbourhoods_and_report_the_checkers_penalties(big) -> None:
    p = _pooled_school()
    first = run(p, time_limit=10, first_only=True)
    report = judged(p, first)
    result = run(p, time_limit=6)
    judged(p, result)  # the reported penalties are the checker's
    assert any("large-neighbourhood search" in m for m in result.messages)
    assert result.objective is not None and result.objective <= sum(report.penalties.values())


def test_a_re_solve_of_a_big_model_keeps_the_timetables_teachers(big) -> None:
    p = _pooled_school()
    first = run(p, time_limit=10, first_only=True)
    judged(p, first)
    # the timetable's teachers, made different from what the balanced greedy would prefer: t4 for all
    placements = [
        pl if pl.section_id == "sci" else dataclasses.replace(pl, teacher_ids=["t4"]) for pl in first.placements
    ]
    p.scenarios[0].solution.placements = placements
    ctx = model_builder.Context(p, p.scenarios[0], rules=HARD_RULES)
    pooled = [info for info in ctx.sections if not info.fixed_teachers]
    assert len(pooled) == 6
    assert all(info.preferred == ["t4"] and "t4" in info.pool for info in pooled)


def test_a_big_model_s_neighbourhood_search_still_reports_the_whole_model_s_bound(big) -> None:
    p = school(blocks=blocks_of(3), days=2, teachers=3, cohorts=2)
    for c in ("c0", "c1"):
        for k in range(3):
            add_section(p, f"{c}-{k}", cohort_ids=[c], teacher_ids=[f"t{k}"], meetings_per_cycle=2)
    result = run(p, time_limit=6)
    judged(p, result)
    assert any("large-neighbourhood search" in m for m in result.messages)  # the big schools' path
    assert any("holds for the whole school" in m for m in result.messages)
    assert result.best_bound is not None and 0 <= result.best_bound <= result.objective
    assert result.narrowed_bound is None


def test_a_narrowed_model_s_bound_is_reported_apart_from_the_school_s(big, monkeypatch: pytest.MonkeyPatch) -> None:
    # without the cohorts' bound, which proves this small school optimal at once, the last bound pass runs
    monkeypatch.setattr(engine, "cohort_bound", lambda *args, **kwargs: None)
    p = _pooled_school()
    result = run(p, time_limit=6)
    judged(p, result)
    assert any("large-neighbourhood search" in m for m in result.messages)
    # the narrowed model's bound would bound the narrowed pools' timetables only: reported apart
    assert result.narrowed_bound is not None and result.narrowed_bound <= result.objective
    assert any("narrowed teacher pools and room classes only" in m for m in result.messages)
    assert result.best_bound is None and result.status == SolveStatus.FEASIBLE


def _spread_out_school():
    """Four cohorts with three 2-meeting sections each over two days: a long neighbourhood search to cut short."""
    p = school(blocks=blocks_of(4), days=2, teachers=4, cohorts=4)
    for c in range(4):
        for k in range(3):
            add_section(p, f"c{c}-{k}", cohort_ids=[f"c{c}"], teacher_ids=[f"t{(c + k) % 4}"], meetings_per_cycle=2)
    return p


def test_a_gap_against_the_cohorts_bound_ends_the_neighbourhood_search(big) -> None:
    p = _spread_out_school()
    everything = run(p, time_limit=6)
    assert not any("(0 rounds" in m for m in everything.messages)  # without a gap the search runs
    result = run(p, time_limit=6, gap_percent=100)  # any timetable is within 100 % of a bound ≥ 0
    judged(p, result)
    assert any("(0 rounds" in m for m in result.messages)
    assert not any("whole soft model's search" in m for m in result.messages)  # nor the last bound pass
    assert result.best_bound is not None
