"""A lower bound for every timetable of a school: its cohorts' side alone, solved group by group.

Why: on big schools the teacher pools are narrowed and the soft rules are improved by
large-neighbourhood search, so CP-SAT proves no bound of the whole school. Leaving rules out only
widens what is allowed, so the cohorts' side of the problem (each cohort's sections, its sittings and
internships, no teachers, pools or rooms) with only the soft rules counted per section or per cohort
cannot cost more than the school's best timetable: its optimum, or any lower bound of it, is a bound
of the whole school (the teachers' and rooms' soft rules count as 0 there). Cohorts that share no
section are independent in it, so each group of cohorts joined by shared sections is solved on its
own (small models, usually proved optimal in milliseconds), and the groups' bounds add up. A group
left unsolved when the time runs out adds 0, which keeps the sum a bound.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.domain.model import Placement, Project, Scenario, Section
from dlplanner.solver.model_builder import Context
from dlplanner.solver.rules import HARD_RULES, SOFT_RULES

# hard rules that constrain a cohort's meetings by themselves (no teacher, room or student in them)
COHORT_HARD_RULES = (
    "cohort_clash",
    "meeting_count",
    "meeting_length",
    "class_time",
    "advisory_time",
    "internship_window",
    "pinned",
)
# soft rules counted per section or per cohort: their penalty in a timetable is the sum over the groups
COHORT_SOFT_RULES = ("spread_days", "subject_twice_daily", "daily_load_balance", "long_blocks_pbl")


@dataclasses.dataclass
class CohortBound:
    """The bound, how many cohort groups were proved optimal, and how many were left out (no time).

    ``floors`` holds each solved group's cohorts and its own bound: what those cohorts' rules cost at
    least, so the neighbourhood search aims at what a timetable pays above it.
    """

    bound: float
    groups: int
    proved: int
    skipped: int
    floors: list[tuple[tuple[str, ...], float]] = dataclasses.field(default_factory=list)


def cohort_groups(scenario: Scenario) -> list[list[Section]]:
    """The sections of each group of cohorts joined by shared sections (sections with no cohort left out)."""
    parent: dict[str, str] = {}

    def root(cid: str) -> str:
        parent.setdefault(cid, cid)
        while parent[cid] != cid:
            parent[cid] = parent[parent[cid]]
            cid = parent[cid]
        return cid

    for section in scenario.sections:
        first, *rest = section.cohort_ids or [""]
        if first:
            root(first)
        for cid in rest:
            parent[root(cid)] = root(first)
    groups: dict[str, list[Section]] = {}
    for section in scenario.sections:
        if section.cohort_ids:
            groups.setdefault(root(section.cohort_ids[0]), []).append(section)
    return list(groups.values())


def cohort_bound(
    project: Project,
    scenario: Scenario,
    pins: list[Placement],
    weights: dict[str, int] | None,
    seconds: float,
    workers: int = 1,
    seed: int = 0,
    should_stop: Callable[[], bool] | None = None,
) -> CohortBound | None:
    """The sum of the cohort groups' best bounds within ``seconds`` (None: there are groups but none was solved).

    Negative weights would make a left-out rule lower the school's cost, so no bound is given then.
    """
    if any(w < 0 for w in {**scenario.rules.weights, **(weights or {})}.values()):
        return None
    deadline = time.monotonic() + seconds
    groups = cohort_groups(scenario)
    if not groups:
        return CohortBound(0.0, 0, 0, 0)
    total, proved, solved = 0.0, 0, 0
    floors: list[tuple[tuple[str, ...], float]] = []
    known: dict[bytes, tuple[float, bool] | None] = {}  # groups alike (same model) are solved once
    for i, sections in enumerate(groups):
        left = deadline - time.monotonic()
        if left < 0.02 or (should_stop is not None and should_stop()):
            break
        found = _group_bound(project, scenario, sections, pins, weights, left / (len(groups) - i), workers, seed, known)
        if found is None:
            continue
        value, optimal = found
        floors.append((tuple(sorted({cid for s in sections for cid in s.cohort_ids})), value))
        total += value
        solved += 1
        proved += optimal
    if solved == 0:
        return None
    return CohortBound(total, len(groups), proved, len(groups) - solved, floors)


def _group_bound(
    project: Project,
    scenario: Scenario,
    sections: list[Section],
    pins: list[Placement],
    weights: dict[str, int] | None,
    seconds: float,
    workers: int,
    seed: int,
    known: dict[bytes, tuple[float, bool] | None],
) -> tuple[float, bool] | None:
    """(bound, proved optimal) of one cohort group's relaxed model, or None when it proved nothing in time.

    Cohorts of one shape (the same sections, sittings and internships) give the very same model, ids
    aside (the model's variables carry no names): ``known`` keeps each model's answer by its text.
    """
    cohorts = {cid for s in sections for cid in s.cohort_ids}
    ids = {s.id for s in sections}
    relaxed_scenario = dataclasses.replace(
        scenario,
        sections=[dataclasses.replace(s, teacher_ids=[], teacher_pool=[], room_id=None) for s in sections],
        internships=[i for i in scenario.internships if cohorts & set(i.cohort_ids)],
    )
    relaxed = dataclasses.replace(
        project,
        teachers=[],
        rooms=[],
        teams=[],
        prior_pairings=[],
        students=[],
        requests=[],
        cohorts=[c for c in project.cohorts if c.id in cohorts],
        advisories=[
            dataclasses.replace(a, advisor_id="", advisor_pool=[], room_id=None)
            for a in project.advisories
            if cohorts & set(a.cohort_ids)
        ],
        scenarios=[relaxed_scenario],
    )
    # a pin keeps its time only: its room and teachers are not in this model
    kept_pins = [dataclasses.replace(p, room_id=None, teacher_ids=[]) for p in pins if p.section_id in ids]
    hard = {rule_id: HARD_RULES[rule_id] for rule_id in COHORT_HARD_RULES}
    ctx = Context(relaxed, relaxed_scenario, rules=hard, weights=weights, pins=kept_pins, pool_keep=0)
    for rule in hard.values():
        rule.add(ctx)
    for rule_id in COHORT_SOFT_RULES:
        SOFT_RULES[rule_id].add(ctx)
    if not ctx.objective.penalties:
        return 0.0, True
    ctx.model.minimize(ctx.objective.expression())
    key = hashlib.sha256(str(ctx.model.proto).encode()).digest()
    if key not in known:
        known[key] = _solve(ctx.model, seconds, workers, seed)
    return known[key]


def _solve(model: cp_model.CpModel, seconds: float, workers: int, seed: int) -> tuple[float, bool] | None:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False  # Ctrl+C is the caller's (see engine._params)
    code = solver.solve(model)
    if code == cp_model.INFEASIBLE:
        return None  # the school has no timetable either; the solve says why, not this bound
    bound = solver.best_objective_bound
    if not math.isfinite(bound):
        return None
    return max(0.0, math.ceil(bound - 1e-6)), code == cp_model.OPTIMAL
