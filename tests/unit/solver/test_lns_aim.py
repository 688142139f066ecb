"""The neighbourhood search aims where the best timetable pays: owners' costs, floors, the aimed rounds."""

from __future__ import annotations

import random

import pytest
from ortools.sat.python import cp_model
from solver_kit import add_section, blocks_of, judged, run, school

from dlplanner.domain.model import Placement, TimeWindow
from dlplanner.solver import engine, lns, model_builder
from dlplanner.solver.rules import HARD_RULES

# owner, weight, variable index, whether a cohort floor covers the rule
OWNED = [
    (("teacher", "t1"), 1, 0, False),  # 3 gaps
    (("teacher", "t2"), 3, 1, False),  # 1 block in a row too many, weight 3
    (("cohort", "c1"), 5, 2, True),  # subject twice a day: 2 units
    (("section", "s-shared"), 10, 3, True),  # a section of c1 and c2 on one day: 1 pair
    (("section", "s-lab"), 1, 4, False),  # a room change of a section of c2
    (("teacher", "t3"), 1, 5, False),  # no gap
]
VALUES = [3, 1, 2, 1, 1, 0]
COHORTS_OF_SECTION = {"s-shared": ["c1", "c2"], "s-lab": ["c2"]}


def test_each_teacher_and_cohort_pays_its_own_penalties_and_its_sections_shares() -> None:
    costs = lns.owner_costs(OWNED, VALUES, COHORTS_OF_SECTION, [])
    assert costs == {
        ("teacher", "t1"): 3.0,
        ("teacher", "t2"): 3.0,
        ("cohort", "c1"): 10.0 + 5.0,  # its own 2 × 5 and half of the shared section's 10
        ("cohort", "c2"): 5.0 + 1.0,  # half the shared section's, and the room change
    }  # t3 pays nothing and is not drawn


def test_a_cohort_group_counts_only_what_it_pays_above_its_floor() -> None:
    # c1 and c2 pay 15 + 5 = 20 under the floored rules; a floor of 16 leaves 4, shared 3 : 1
    costs = lns.owner_costs(OWNED, VALUES, COHORTS_OF_SECTION, [(("c1", "c2"), 16.0)])
    assert costs[("cohort", "c1")] == pytest.approx(3.0)
    assert costs[("cohort", "c2")] == pytest.approx(1.0 + 1.0)  # the room change has no floor
    at_floor = lns.owner_costs(OWNED, VALUES, COHORTS_OF_SECTION, [(("c1", "c2"), 20.0)])
    assert ("cohort", "c1") not in at_floor and at_floor[("cohort", "c2")] == pytest.approx(1.0)
    assert at_floor[("teacher", "t1")] == 3.0  # teachers have no floor


def test_the_draw_follows_the_costs() -> None:
    costs = {("teacher", "t1"): 1.0, ("teacher", "t2"): 9.0, ("cohort", "c1"): 2.0}
    rng = random.Random(1)
    draws = [lns._aimed(costs, rng) for _ in range(400)]
    assert all(cohorts == ["c1"] for _, cohorts in draws)
    t2 = sum(teachers == ["t2"] for teachers, _ in draws)
    assert 320 <= t2 <= 390  # 90 % expected
    assert lns._aimed({}, rng) is None


def test_the_aimed_rounds_free_the_teacher_who_pays_with_the_cohorts_they_teach(monkeypatch) -> None:
    """Random rounds free nothing here: only a round aimed at t0 (and its cohorts) can close t0's gap."""
    monkeypatch.setattr(model_builder, "POOL_LITERALS_LIMIT", -1)  # a big model: the neighbourhood search runs
    monkeypatch.setattr(lns, "COHORTS_PER_ROUND", 0)
    monkeypatch.setattr(lns, "TEACHERS_PER_ROUND", 0)
    monkeypatch.setattr(lns, "ROUND_TURN", ("random", "aimed"))  # no day rounds, which could close it too
    monkeypatch.setattr(engine, "BOUND_PASS_SHARE", 0.0)  # no whole-model search after it to mend the gap
    p = school(blocks=blocks_of(4), teachers=5, cohorts=2)
    for sid, cohort, teacher in (
        ("c0-a", "c0", "t0"), ("c0-b", "c0", "t1"), ("c0-c", "c0", "t2"),
        ("c1-a", "c1", "t0"), ("c1-b", "c1", "t3"), ("c1-c", "c1", "t4"),
    ):  # fmt: skip
        add_section(p, sid, cohort_ids=[cohort], teacher_ids=[teacher])
    starts = [480, 545, 610, 675]
    at = {"c0-a": 0, "c0-b": 1, "c0-c": 2, "c1-a": 2, "c1-b": 0, "c1-c": 1}  # t0 at blocks 0 and 2: a gap
    hint = [Placement(sid, 0, "d0", starts[b], starts[b] + 60, None, []) for sid, b in at.items()]
    floors_given = []
    improve = lns.improve
    monkeypatch.setattr(lns, "improve", lambda *a, **kw: floors_given.append(kw["floors"]) or improve(*a, **kw))
    result = run(p, time_limit=4, hint=hint)
    judged(p, result)
    assert any("large-neighbourhood search" in m for m in result.messages)
    assert result.penalties["teacher_gaps"] == 0  # the first timetable's gap is closed
    # the cohorts' floors reach the search: c0 and c1 each pay for three math meetings on their one day
    assert sorted(floors_given[0]) == [(("c0",), 10.0), (("c1",), 10.0)]


def test_a_narrowed_school_with_the_cohorts_bound_spends_the_bound_pass_time_searching(monkeypatch) -> None:
    """The whole-model pass would bound the narrowed pools only; with the cohorts' bound it is not run."""
    monkeypatch.setattr(model_builder, "POOL_LITERALS_LIMIT", -1)
    p = school(blocks=blocks_of(3), days=2, teachers=5, cohorts=3)
    for c in ("c0", "c1", "c2"):
        for k in range(2):
            add_section(p, f"{c}-{k}", cohort_ids=[c], meetings_per_cycle=2)
    for teacher in p.teachers:  # every teacher would rather not teach at all: a cost no cohort bound counts
        teacher.avoid = [TimeWindow(None, 0, 24 * 60)]
    result = run(p, time_limit=4)
    judged(p, result)
    assert any("large-neighbourhood search" in m for m in result.messages)
    assert result.best_bound is not None and result.objective > result.best_bound  # the search ran to the end
    assert not any("whole soft model's search" in m for m in result.messages)
    assert result.narrowed_bound is None


def test_an_aimed_teacher_brings_the_cohorts_of_the_sections_they_teach_not_of_their_whole_pool() -> None:
    p = school(blocks=blocks_of(3), teachers=3, cohorts=2)
    add_section(p, "pooled", cohort_ids=["c0"], teacher_pool=["t0", "t1"])
    add_section(p, "fixed", cohort_ids=["c1"], teacher_ids=["t2"])
    ctx = model_builder.Context(p, p.scenarios[0], rules=HARD_RULES, pool_keep=0)
    pooled, fixed = ctx.sections
    values = [0] * len(ctx.model.proto.variables)
    values[pooled.teacher_vars["t1"].index] = 1  # t1 teaches it, t0 only could
    assert lns._teaches(pooled, "t1", values) and not lns._teaches(pooled, "t0", values)
    assert lns._teaches(fixed, "t2", values)


STARTS = [480, 545, 610, 675]  # blocks_of(4)


def _two_day_school():
    """Two cohorts of three sections meeting once a day; t0 teaches one of each, at blocks 0 and 2 of d1: a gap."""
    p = school(blocks=blocks_of(4), days=2, teachers=5, cohorts=2)
    for sid, cohort, teacher in (
        ("c0-a", "c0", "t0"), ("c0-b", "c0", "t1"), ("c0-c", "c0", "t2"),
        ("c1-a", "c1", "t0"), ("c1-b", "c1", "t3"), ("c1-c", "c1", "t4"),
    ):  # fmt: skip
        add_section(p, sid, cohort_ids=[cohort], teacher_ids=[teacher], meetings_per_cycle=2)
    d0 = {"c0-a": 0, "c0-b": 1, "c0-c": 2, "c1-a": 1, "c1-b": 0, "c1-c": 2}  # t0 at blocks 0 and 1
    d1 = {"c0-a": 0, "c0-b": 1, "c0-c": 2, "c1-a": 2, "c1-b": 0, "c1-c": 1}  # t0 at blocks 0 and 2
    hint = [
        Placement(sid, meeting, day, STARTS[b], STARTS[b] + 60, None, [])
        for meeting, (day, at) in enumerate((("d0", d0), ("d1", d1)))
        for sid, b in at.items()
    ]
    return p, hint


def test_a_day_round_frees_that_day_of_the_idle_teacher_and_the_cohorts_they_meet_then() -> None:
    p, hint = _two_day_school()
    add_section(p, "elsewhere", cohort_ids=[], teacher_ids=["t4"])  # t4's: in no cohort t0 meets
    ctx = model_builder.Context(p, p.scenarios[0], rules=HARD_RULES, pool_keep=0)
    values = [0] * len(ctx.model.proto.variables)
    chosen = {(h.section_id, h.day_type_id, h.start) for h in hint}
    for info in ctx.sections:
        for c in info.candidates:
            values[c.lit.index] = int((info.section.id, c.day, c.start) in chosen)
    by_teacher = {f"t{k}": [i for i in ctx.sections if f"t{k}" in i.fixed_teachers] for k in range(5)}
    by_cohort = {c: [i for i in ctx.sections if c in i.section.cohort_ids] for c in ("c0", "c1")}
    costs = {("teacher", "t0"): 1.0, ("cohort", "c0"): 5.0}
    for seed in range(20):
        day, free = lns._day_round(costs, by_teacher, by_cohort, values, random.Random(seed))
        assert day == "d1"  # t0 idles on d1 only
        assert sorted(i.section.id for i in free.values()) == ["c0-a", "c0-b", "c0-c", "c1-a", "c1-b", "c1-c"]
    assert lns._day_round({("cohort", "c0"): 5.0}, by_teacher, by_cohort, values, random.Random(0)) is None
    c0a = ctx.sections[0]
    on_d1 = lns._day_indexes(c0a, "d1")
    assert on_d1 == sorted(c.lit.index for c in c0a.candidates if c.day == "d1")  # no room classes here
    assert not set(on_d1) & {c.lit.index for c in c0a.candidates if c.day == "d0"}


def test_day_rounds_close_a_gap_by_moving_meetings_within_their_day(monkeypatch) -> None:
    """Random rounds free nothing and aimed ones are random: only a day round can close t0's gap on d1."""
    monkeypatch.setattr(model_builder, "POOL_LITERALS_LIMIT", -1)  # a big model: the neighbourhood search runs
    monkeypatch.setattr(lns, "COHORTS_PER_ROUND", 0)
    monkeypatch.setattr(lns, "TEACHERS_PER_ROUND", 0)
    monkeypatch.setattr(lns, "ROUND_TURN", ("day",))
    monkeypatch.setattr(lns, "_aimed", lambda costs, rng: None)  # a round that is not a day's is random
    monkeypatch.setattr(engine, "BOUND_PASS_SHARE", 0.0)
    contexts, rounds_free = [], []  # the neighbourhood search's model; the variables each of its rounds frees
    improve = lns.improve

    def watched_improve(ctx, *args, **kwargs):
        contexts.append(ctx)
        return improve(ctx, *args, **kwargs)

    class Watched(cp_model.CpSolver):
        def solve(self, model, *args):
            if contexts:  # a round's solve (the engine's own came before the search)
                rounds_free.append({i for i, v in enumerate(model.proto.variables) if len(set(v.domain)) > 1})
            return super().solve(model, *args)

    monkeypatch.setattr(lns, "improve", watched_improve)

    monkeypatch.setattr(lns.cp_model, "CpSolver", Watched)
    p, hint = _two_day_school()
    result = run(p, time_limit=4, hint=hint)
    judged(p, result)
    assert any("large-neighbourhood search" in m for m in result.messages)
    assert result.penalties["teacher_gaps"] == 0
    (ctx,) = contexts
    day_of = {c.lit.index: c.day for info in ctx.sections for c in info.candidates}
    rounds = [{day_of[i] for i in free if i in day_of} for free in rounds_free if free & day_of.keys()]
    assert rounds and all(days == {"d1"} for days in rounds)  # only d1's meetings could move
