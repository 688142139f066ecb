"""Large-neighbourhood search for the soft rules of big models: re-solve a few cohorts and teachers at a time.

On a school of thousands of meetings one CP-SAT search over the whole soft model improves slowly on
two cores. Here every section's choices (starts, pool teachers, room classes) are fixed to the best
timetable so far, except the sections of a cohort and of a teacher, which CP-SAT re-places from that
timetable (hinted) within a short time, solving only the part of the model they reach
(:mod:`dlplanner.solver.neighbourhood`). A better objective is kept. Every solution of a part,
with the rest of the timetable, is one of the whole model, so every rule holds.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.solver.model_builder import Context, SectionInfo
from dlplanner.solver.neighbourhood import Splitter

# a round re-solving the whole model (a model the parts cannot be read from) frees more and runs longer;
# a round solving its part is cheap to load, so more, smaller rounds win (2,400 students, 120 s: 1,618
# against 1,685 with whole-model rounds; 145 rounds against 44)
COHORTS_PER_ROUND, TEACHERS_PER_ROUND, ROUND_SECONDS = 4, 2, 2.0
PART_COHORTS, PART_TEACHERS, PART_SECONDS = 1, 1, 0.3
MAX_ROUND_SECONDS = 10.0  # a round that finds nothing makes the next longer, up to this
FINAL_SECONDS = 4.0  # kept at the end for loading the whole model with every decision fixed


def improve(
    ctx: Context,
    values: list[int],
    objective: float,
    deadline: float,
    workers: int,
    seed: int,
    should_stop: Callable[[], bool] | None = None,
    on_better: Callable[[float], None] | None = None,
) -> tuple[cp_model.CpSolver | None, float, int]:
    """(solver, objective, rounds): a solver holding the best solution found by the deadline (None: none better).

    Each round solves only the part of the model its free sections reach
    (:mod:`dlplanner.solver.neighbourhood`); the whole model is solved once at the end, every decision
    fixed to the best values, so that the caller reads the timetable from a solver of the whole model.
    """
    proto = ctx.model.proto
    values = list(values)
    decisions = {id(info): _decision_indexes(info) for info in ctx.sections}
    original = {i: list(proto.variables[i].domain) for idx in decisions.values() for i in idx}
    # a pool teacher's "meets with this teacher" literal follows from its start and its teacher choice: a
    # section's own for the parts, so that a part does not reach every pool teacher's week through them
    follows = {id(info): _following_indexes(info) for info in ctx.sections}
    # before any decision is fixed: the parts start from the domains
    splitter = Splitter(ctx.model, set(original).union(*follows.values()))
    by_cohort: dict[str, list[SectionInfo]] = defaultdict(list)
    by_teacher: dict[str, list[SectionInfo]] = defaultdict(list)
    for info in ctx.sections:
        for cid in info.section.cohort_ids:
            by_cohort[cid].append(info)
        for tid in info.fixed_teachers or info.pool:
            by_teacher[tid].append(info)
    cohorts, teachers = sorted(by_cohort), sorted(by_teacher)
    rng = random.Random(seed)

    def fix(info: SectionInfo) -> None:
        for i in decisions[id(info)]:
            _set(proto, i, [values[i], values[i]])

    def solver_for(limit: float, round_seed: int) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, limit)
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = round_seed
        solver.parameters.cp_model_probing_level = 0  # presolve drops the fixed part; probing would take long
        solver.parameters.catch_sigint_signal = False  # Ctrl+C is the caller's (see engine._params)
        return solver

    for info in ctx.sections:
        fix(info)
    rounds = 0
    cohorts_per_round, teachers_per_round, seconds = (
        (PART_COHORTS, PART_TEACHERS, PART_SECONDS)
        if splitter.supported
        else (COHORTS_PER_ROUND, TEACHERS_PER_ROUND, ROUND_SECONDS)
    )
    best: cp_model.CpSolver | None = None
    stale = False  # values improved by a part since ``best``: the whole model is solved again at the end
    reserve = FINAL_SECONDS if splitter.supported else 0.0
    try:
        while deadline - reserve - time.monotonic() > 0.3 and not (should_stop and should_stop()):
            free: dict[int, SectionInfo] = {}
            for cid in rng.sample(cohorts, min(cohorts_per_round, len(cohorts))):
                free.update((id(i), i) for i in by_cohort[cid])
            for tid in rng.sample(teachers, min(teachers_per_round, len(teachers))):
                free.update((id(i), i) for i in by_teacher[tid])
            free_vars = [i for info in free.values() for i in decisions[id(info)]]
            part = None
            if splitter.supported:
                part = splitter.part(free_vars + [i for info in free.values() for i in follows[id(info)]], values)
            limit = min(seconds, deadline - reserve - time.monotonic() - 0.2)
            if part is not None:
                model, open_vars = part
                solver = solver_for(limit, seed + rounds)
                code = solver.solve(model)
            else:
                for i in free_vars:
                    _set(proto, i, original[i])
                _hint_all(ctx.model, values)
                solver = solver_for(limit, seed + rounds)
                code = solver.solve(ctx.model)
            rounds += 1
            if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                seconds = min(MAX_ROUND_SECONDS, 1.5 * seconds)  # no time to load and search: give rounds more
            elif solver.objective_value < objective - 1e-9:
                solution = solver.response_proto.solution
                if part is not None:
                    for var in open_vars:
                        values[var] = solution[var]
                    stale = True
                else:
                    values, best, stale = list(solution), solver, False
                objective = solver.objective_value
                if on_better is not None:
                    on_better(objective)
            for info in free.values():
                fix(info)
        if stale:  # every decision is fixed to the best values: the whole model only has to be loaded
            _hint_all(ctx.model, values)
            solver = solver_for(deadline - time.monotonic(), seed)
            if solver.solve(ctx.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                best, objective = solver, solver.objective_value
    finally:
        for i, domain in original.items():
            _set(proto, i, domain)
    return best, objective, rounds


def _hint_all(model: cp_model.CpModel, values: list[int]) -> None:
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def _decision_indexes(info: SectionInfo) -> list[int]:
    """The variables a section's timetable is made of: its starts, pool teachers and room classes."""
    out = {c.lit.index for c in info.candidates}
    out.update(y.index for y in info.teacher_vars.values())
    for cand in info.candidates:
        out.update(w.index for w in cand.room_lits.values())
    return sorted(i for i in out if i >= 0)


def _following_indexes(info: SectionInfo) -> list[int]:
    """The literals that follow from a section's decisions: "this meeting with that pool teacher"."""
    return sorted(
        {lit.index for cand in info.candidates for lit in cand.teacher_lits.values() if lit is not cand.lit} - {-1}
    )


def _set(proto, index: int, domain: list[int]) -> None:
    var = proto.variables[index]
    var.domain.clear()
    var.domain.extend(domain)
