"""Large-neighbourhood search for the soft rules of big models: re-solve a few cohorts and teachers at a time.

On a school of thousands of meetings one CP-SAT search over the whole soft model improves slowly on
two cores. Here the model built for the soft rules is solved again and again with every section's
choices (starts, pool teachers, room classes) fixed to the best timetable so far, except the sections
of a few cohorts and of a few teachers, which CP-SAT re-places from that timetable (hinted) within a
short time. A better objective is kept. Every solution is one of the whole model, so every rule holds.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.solver.model_builder import Context, SectionInfo

COHORTS_PER_ROUND = 4
TEACHERS_PER_ROUND = 2
ROUND_SECONDS = 2.0  # a round's first time limit; a round that finds nothing makes the next longer
MAX_ROUND_SECONDS = 10.0


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
    """(solver, objective, rounds): the solver holding the best solution found by the deadline (None: none better).

    A solver answers ``Value`` from its own response, so the one that found the best timetable is
    read directly, with no solve again.
    """
    proto = ctx.model.proto
    decisions = {id(info): _decision_indexes(info) for info in ctx.sections}
    original = {i: list(proto.variables[i].domain) for idx in decisions.values() for i in idx}
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

    for info in ctx.sections:
        fix(info)
    rounds = 0
    seconds = ROUND_SECONDS
    best: cp_model.CpSolver | None = None
    try:
        while deadline - time.monotonic() > 0.3 and not (should_stop and should_stop()):
            free: dict[int, SectionInfo] = {}
            for cid in rng.sample(cohorts, min(COHORTS_PER_ROUND, len(cohorts))):
                free.update((id(i), i) for i in by_cohort[cid])
            for tid in rng.sample(teachers, min(TEACHERS_PER_ROUND, len(teachers))):
                free.update((id(i), i) for i in by_teacher[tid])
            for info in free.values():
                for i in decisions[id(info)]:
                    _set(proto, i, original[i])
            ctx.model.clear_hints()
            hint = proto.solution_hint
            hint.vars.extend(range(len(values)))
            hint.values.extend(values)
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = max(0.05, min(seconds, deadline - time.monotonic() - 0.2))
            solver.parameters.num_workers = max(1, workers)
            solver.parameters.random_seed = seed + rounds
            solver.parameters.cp_model_probing_level = 0  # presolve drops the fixed part; probing would take long
            solver.parameters.catch_sigint_signal = False  # Ctrl+C is the caller's (see engine._params)
            code = solver.solve(ctx.model)
            rounds += 1
            if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                seconds = min(MAX_ROUND_SECONDS, 1.5 * seconds)  # no time to load and search: give rounds more
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < objective - 1e-9:
                values = list(solver.response_proto.solution)
                objective = solver.objective_value
                best = solver
                if on_better is not None:
                    on_better(objective)
            for info in free.values():
                fix(info)
    finally:
        for i, domain in original.items():
            _set(proto, i, domain)
    return best, objective, rounds


def _decision_indexes(info: SectionInfo) -> list[int]:
    """The variables a section's timetable is made of: its starts, pool teachers and room classes."""
    out = {c.lit.index for c in info.candidates}
    out.update(y.index for y in info.teacher_vars.values())
    for cand in info.candidates:
        out.update(w.index for w in cand.room_lits.values())
    return sorted(i for i in out if i >= 0)


def _set(proto, index: int, domain: list[int]) -> None:
    var = proto.variables[index]
    var.domain.clear()
    var.domain.extend(domain)
