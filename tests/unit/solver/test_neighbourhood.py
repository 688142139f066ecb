"""A neighbourhood's part of the model (:mod:`dlplanner.solver.neighbourhood`): smaller, its solutions the whole's.

The school: three cohorts, each with two 2-meeting sections of its own teacher, over two days of three
blocks; the soft rules make the objective. Freeing one section's decisions keeps the constraints that
reach them and leaves the other cohorts' out; every solution of that part, with the current values of
the rest, must be a solution of the whole model with the objective the part reports.
"""

from __future__ import annotations

from ortools.sat.python import cp_model
from solver_kit import add_section, blocks_of, school

from dlplanner.solver import engine, lns
from dlplanner.solver.model_builder import Context
from dlplanner.solver.neighbourhood import Splitter
from dlplanner.solver.rules import HARD_RULES, SOFT_RULES


def _soft_model():
    p = school(blocks=blocks_of(3), days=2, teachers=3, cohorts=3)
    for c in range(3):
        for k in range(2):
            add_section(p, f"c{c}-{k}", cohort_ids=[f"c{c}"], teacher_ids=[f"t{c}"], meetings_per_cycle=2)
    ctx = Context(p, p.scenarios[0], rules=HARD_RULES)
    for rules in (HARD_RULES, SOFT_RULES):
        for rule in rules.values():
            rule.add(ctx)
    ctx.model.minimize(ctx.objective.expression())
    return ctx


def _solve(model: cp_model.CpModel) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    solver.parameters.num_workers = 1
    assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return solver


def test_a_part_holds_what_its_free_sections_reach_and_its_solutions_are_the_whole_model_s() -> None:
    ctx = _soft_model()
    decisions = {id(info): lns._decision_indexes(info) for info in ctx.sections}
    splitter = Splitter(ctx.model, {i for idx in decisions.values() for i in idx})
    assert splitter.supported
    values = list(_solve(ctx.model).response_proto.solution)
    free_info = next(info for info in ctx.sections if info.section.id == "c0-0")
    part = splitter.part(decisions[id(free_info)], values)
    assert part is not None
    model, open_vars = part
    assert set(decisions[id(free_info)]) <= set(open_vars)
    # the other cohorts' sections are not reached: their decisions are neither open nor in a kept constraint
    others = {i for info in ctx.sections if info.section.cohort_ids != ["c0"] for i in decisions[id(info)]}
    assert not others & set(open_vars)
    assert 0 < len(model.proto.constraints) < len(ctx.model.proto.constraints)
    # every solution of the part, with the other values, is a solution of the whole model and costs the same
    for seed in range(3):
        solver = cp_model.CpSolver()
        solver.parameters.random_seed = seed
        solver.parameters.num_workers = 1
        model.clear_objective()  # any solution, not only the best: the part's constraints must be enough
        assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        merged = list(values)
        for var in open_vars:
            merged[var] = solver.response_proto.solution[var]
        check = cp_model.CpModel()
        check.proto.copy_from(ctx.model.proto)
        for index, value in enumerate(merged):
            lns._set(check.proto, index, [value, value])
        _solve(check)  # asserts the merged values are a solution


def test_the_part_s_objective_is_the_whole_model_s() -> None:
    ctx = _soft_model()
    decisions = {id(info): lns._decision_indexes(info) for info in ctx.sections}
    splitter = Splitter(ctx.model, {i for idx in decisions.values() for i in idx})
    whole = _solve(ctx.model)
    values = list(whole.response_proto.solution)
    free = [i for info in ctx.sections if info.section.cohort_ids == ["c1"] for i in decisions[id(info)]]
    model, _ = splitter.part(free, values)
    # the current timetable is one of the part's solutions (hinted), and no part can beat the whole optimum
    part_solver = _solve(model)
    assert part_solver.objective_value == whole.objective_value


def test_big_models_improve_through_parts(monkeypatch) -> None:
    """The neighbourhood search reads the parts (a broken split would leave every round to the whole model)."""
    from solver_kit import judged, run

    from dlplanner.solver import model_builder, neighbourhood

    monkeypatch.setattr(model_builder, "POOL_LITERALS_LIMIT", -1)
    monkeypatch.setattr(neighbourhood, "MAX_SHARE", 1.0)  # a tiny school's part is most of it
    parts: list[int] = []
    real = Splitter.part

    def counting(self, free, values):
        found = real(self, free, values)
        parts.append(found is not None)
        return found

    monkeypatch.setattr(Splitter, "part", counting)
    monkeypatch.setattr(engine, "cohort_bound", lambda *args, **kwargs: None)  # keep the search going
    p = school(blocks=blocks_of(4), days=2, teachers=4, cohorts=4)
    for c in range(4):
        for k in range(3):
            add_section(p, f"c{c}-{k}", cohort_ids=[f"c{c}"], teacher_ids=[f"t{(c + k) % 4}"], meetings_per_cycle=2)
    result = run(p, time_limit=8)
    judged(p, result)
    assert parts and all(parts)
