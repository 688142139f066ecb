"""Large-neighbourhood search for the soft rules of big models: re-solve a few cohorts and teachers at a time.

On a school of thousands of meetings one CP-SAT search over the whole soft model improves slowly on
two cores. Here the model built for the soft rules is solved again and again with every section's
choices (starts, pool teachers, room classes) fixed to the best timetable so far, except the sections
of a few cohorts and of a few teachers, which CP-SAT re-places from that timetable (hinted) within a
short time. A better objective is kept. Every solution is one of the whole model, so every rule holds.

Rounds are aimed where the best timetable pays, in turns (``ROUND_TURN``). An *aimed* round draws a
teacher in proportion to the penalties their own week costs (gaps, teaching in a row) and frees them with
the cohorts they teach (a teacher's gap closes only when a class of theirs moves, and it moves only by
trading times with the cohort's other classes), and a cohort in proportion to what it pays above its floor
(subjects twice a day, meetings of a section on one day, its daily load). A *day* round frees one day only
of a few teachers idle that day and of the cohorts they meet then: meetings move within the day, which is
how most gaps close, and with the other days fixed it can free several times as many sections. A round
with nobody to aim at is random, so no part of the school is left unvisited.

A round does not hand CP-SAT the whole model with most of it fixed: loading and presolving the whole
model took about a second of each two-second round at 2,400 students, searching a neighbourhood of a
few thousand variables. It hands it the constraints that touch what the round frees
(:class:`RoundModel`), every other variable fixed to the best timetable, in the same variable numbering.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model

from dlplanner.solver.model_builder import Context, SectionInfo
from dlplanner.solver.relaxation import COHORT_SOFT_RULES

# rules whose cost per cohort group the relaxation's floors cover (dlplanner.solver.relaxation)
FLOORED_RULES = frozenset(COHORT_SOFT_RULES)
COHORTS_PER_ROUND = 4
TEACHERS_PER_ROUND = 2
COHORTS_PER_AIMED_TEACHER = 4  # of the cohorts an aimed-at teacher teaches, freed with them
# a round's first time limit; a round that finds nothing makes the next longer. With round models most rounds
# find their last better timetable within 0.4-1.3 s; at 120 s on 2,400 students 1.2 s rounds gave 1,442-1,465
# in five runs, 2 s rounds 1,482-1,528 in three, 0.8 s 1,474 (benchmarks/results/comprehensive.md)
ROUND_SECONDS = 1.2
MAX_ROUND_SECONDS = 10.0
# rounds take turns: one aimed at a teacher and a cohort, then two at a day of teachers' idle periods (a round
# with nobody to aim at is random). On the 2,400-student comprehensive school at 120 s (2 s rounds of the whole
# model): median 1,504 of five runs, against 1,580-1,613 with random and aimed rounds taking turns; the other
# turns tried, one or two runs each, are in benchmarks/results/comprehensive.md
ROUND_TURN = ("aimed", "day", "day")
DAY_ROUND_SECTIONS = 150  # a day round adds idle teachers until it frees about this many sections' days


def improve(
    ctx: Context,
    values: list[int],
    objective: float,
    deadline: float,
    workers: int,
    seed: int,
    should_stop: Callable[[], bool] | None = None,
    on_better: Callable[[float], None] | None = None,
    floors: Sequence[tuple[tuple[str, ...], float]] = (),
) -> tuple[cp_model.CpSolver | None, float, int]:
    """(solver, objective, rounds): the solver holding the best solution found by the deadline (None: none better).

    ``floors``: groups of cohorts with what their cohort-side rules cost at least in any timetable
    (:class:`dlplanner.solver.relaxation.CohortBound`); a cohort is aimed at for what it pays above that.

    A solver answers ``Value`` from its own response, so the one that found the best timetable is
    read directly, with no solve again.
    """
    decisions = {id(info): _decision_indexes(info) for info in ctx.sections}
    round_model: RoundModel | None = None  # read at the first round: it takes a moment on a big model
    by_cohort: dict[str, list[SectionInfo]] = defaultdict(list)
    by_teacher: dict[str, list[SectionInfo]] = defaultdict(list)
    for info in ctx.sections:
        for cid in info.section.cohort_ids:
            by_cohort[cid].append(info)
        for tid in info.fixed_teachers or info.pool:
            by_teacher[tid].append(info)
    cohorts, teachers = sorted(by_cohort), sorted(by_teacher)
    cohorts_of_section = {info.section.id: list(dict.fromkeys(info.section.cohort_ids)) for info in ctx.sections}
    owned = [
        (p.owner, p.weight, p.var.index, p.rule_id in FLOORED_RULES)
        for p in ctx.objective.penalties
        if p.owner and _is_var(p.var)
    ]
    rng = random.Random(seed)

    rounds = 0
    seconds = ROUND_SECONDS
    best: cp_model.CpSolver | None = None
    while deadline - time.monotonic() > 0.3 and not (should_stop and should_stop()):
        kind = ROUND_TURN[rounds % len(ROUND_TURN)]
        costs = owner_costs(owned, values, cohorts_of_section, floors) if kind != "random" else {}
        free: dict[int, SectionInfo] = {}
        day_round = _day_round(costs, by_teacher, by_cohort, values, rng) if kind == "day" else None
        if day_round is not None:
            day, free = day_round
            freed = {key: _day_indexes(info, day) for key, info in free.items()}
        else:
            aimed = _aimed(costs, rng) if kind != "random" else None
            if aimed is None:
                picked_cohorts = rng.sample(cohorts, min(COHORTS_PER_ROUND, len(cohorts)))
                picked_teachers = rng.sample(teachers, min(TEACHERS_PER_ROUND, len(teachers)))
            else:
                picked_teachers, picked_cohorts = aimed
                for tid in picked_teachers:
                    taught = list(
                        dict.fromkeys(
                            c for i in by_teacher.get(tid, []) if _teaches(i, tid, values) for c in i.section.cohort_ids
                        )
                    )
                    picked_cohorts += rng.sample(taught, min(COHORTS_PER_AIMED_TEACHER, len(taught)))
            for cid in picked_cohorts:
                free.update((id(i), i) for i in by_cohort.get(cid, []))
            for tid in picked_teachers:
                free.update((id(i), i) for i in by_teacher.get(tid, []))
            freed = {id(info): decisions[id(info)] for info in free.values()}
        if round_model is None:
            round_model = RoundModel(ctx.model, {i for idx in decisions.values() for i in idx}, values)
            if deadline - time.monotonic() <= 0.3:
                break
        model = round_model.open((i for indexes in freed.values() for i in indexes), values)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, min(seconds, deadline - time.monotonic() - 0.2))
        solver.parameters.num_workers = max(1, workers)
        solver.parameters.random_seed = seed + rounds
        solver.parameters.cp_model_probing_level = 0  # presolve drops the fixed part; probing would take long
        solver.parameters.catch_sigint_signal = False  # Ctrl+C is the caller's (see engine._params)
        code = solver.solve(model)
        rounds += 1
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            seconds = min(MAX_ROUND_SECONDS, 1.5 * seconds)  # no time to load and search: give rounds more
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < objective - 1e-9:
            values = list(solver.response_proto.solution)
            objective = solver.objective_value
            best = solver
            if on_better is not None:
                on_better(objective)
        round_model.close(values)
    return best, objective, rounds


class RoundModel:
    """The model a round solves: the constraints touching what it frees; every other variable fixed.

    A variable a round frees is a decision (a start, a pool teacher, a room class) or, transitively, any
    other variable sharing a constraint with a free one (the penalties and their helpers), except a helper
    that implies a decision the round keeps false (``h => t and lit`` with ``t`` a teacher not chosen: ``h``
    stays 0). A constraint none of whose variables is free holds already in the best timetable, so it is
    left out; every solution of a round's model is one of the whole model, in the same numbering.
    """

    def __init__(self, model: cp_model.CpModel, decisions: set[int], values: list[int]) -> None:
        self._whole = model.proto
        self._decisions = decisions
        self._original, self._of_constraint, self._implies = _read_model(model)
        self._of_variable: dict[int, list[int]] = defaultdict(list)
        for index, variables in enumerate(self._of_constraint or ()):
            for v in variables:
                self._of_variable[v].append(index)
        self.model = cp_model.CpModel()
        proto = self.model.proto
        for value in values:
            proto.variables.add().domain.extend((value, value))
        proto.objective.copy_from(self._whole.objective)
        # the wrappers of the messages, looked up once: a round sets thousands of domains
        self._domains = [v.domain for v in proto.variables]
        self._constraints = list(self._whole.constraints)
        self._opened: list[int] = []

    def open(self, decisions: Iterable[int], values: list[int]) -> cp_model.CpModel:
        """The model with these decisions free, hinted with ``values`` (close it before the next round)."""
        freed = self._reach(set(decisions), values)
        proto = self.model.proto
        proto.constraints.clear()
        proto.constraints.extend([self._constraints[c] for c in sorted(freed[1])])
        self._opened = sorted(freed[0])
        for i in self._opened:
            domain = self._domains[i]
            domain.clear()
            domain.extend(self._original[i])
        self.model.clear_hints()
        proto.solution_hint.vars.extend(self._opened)
        proto.solution_hint.values.extend([values[i] for i in self._opened])
        return self.model

    def close(self, values: list[int]) -> None:
        """Fix what the round freed to ``values`` (the best timetable after it)."""
        for i in self._opened:
            domain = self._domains[i]
            domain.clear()
            domain.extend((values[i], values[i]))
        self._opened = []

    def _reach(self, decisions: set[int], values: list[int]) -> tuple[set[int], set[int]]:
        """(free variables, constraints touching them), from the free decisions outwards."""
        if self._of_constraint is None:  # constraints this class does not read: the whole model
            helpers = (i for i in range(len(self._original)) if i not in self._decisions)
            return decisions.union(helpers), set(range(len(self._whole.constraints)))

        every_decision, implies, of_variable, of_constraint = (
            self._decisions,
            self._implies,
            self._of_variable,
            self._of_constraint,
        )

        def kept_false(ref: int) -> bool:
            var = ref if ref >= 0 else ~ref
            value = values[var] if ref >= 0 else 1 - values[var]
            return value == 0 and var in every_decision and var not in decisions

        free, constraints, kept = set(decisions), set(), set()
        stack = list(decisions)
        while stack:
            for c in of_variable.get(stack.pop(), ()):
                if c in constraints:
                    continue
                constraints.add(c)
                for v in of_constraint[c]:
                    if v in free or v in kept or v in every_decision:
                        continue
                    if v in implies and any(kept_false(ref) for ref in implies[v]):
                        kept.add(v)
                        continue
                    free.add(v)
                    stack.append(v)
        return free, constraints


def _read_model(
    model: cp_model.CpModel,
) -> tuple[list[list[int]], list[tuple[int, ...]] | None, dict[int, list[int]]]:
    """(domains, variables of each constraint, literals each variable implies by itself).

    The constraints' variables are None when the model has a kind of constraint not read here.
    Read from the model's serialised form: the protobuf library reads it an order of magnitude faster
    than the solver's own Python wrapper of its messages.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pb"
        if not model.export_to_file(str(path)):  # no room in the temporary folder: rounds get the whole model
            return [list(v.domain) for v in model.proto.variables], None, {}
        proto = cp_model_pb2.CpModelProto.FromString(path.read_bytes())
    domains = [list(v.domain) for v in proto.variables]
    of_constraint: list[tuple[int, ...]] = []
    implies: dict[int, list[int]] = defaultdict(list)
    for constraint in proto.constraints:
        kind = constraint.WhichOneof("constraint")
        refs = list(constraint.enforcement_literal)
        if kind in _LITERAL_KINDS:
            refs += getattr(constraint, kind).literals
        elif kind == "linear":
            refs += constraint.linear.vars
        elif kind in _EXPRESSION_KINDS:
            part = getattr(constraint, kind)
            refs += part.target.vars
            for expr in part.exprs:
                refs += expr.vars
        elif kind is not None:
            return domains, None, {}
        if kind == "bool_and" and len(constraint.enforcement_literal) == 1 and constraint.enforcement_literal[0] >= 0:
            implies[constraint.enforcement_literal[0]] += constraint.bool_and.literals
        of_constraint.append(tuple(r if r >= 0 else ~r for r in refs))
    return domains, of_constraint, implies


_LITERAL_KINDS = frozenset({"bool_and", "bool_or", "bool_xor", "at_most_one", "exactly_one"})
_EXPRESSION_KINDS = frozenset({"lin_max", "int_prod", "int_div", "int_mod"})


def _aimed(costs: dict[tuple[str, str], float], rng: random.Random) -> tuple[list[str], list[str]] | None:
    """(teachers, cohorts): one of each at most, drawn in proportion to what they pay; None when nobody pays."""
    if not costs:
        return None
    picked: dict[str, list[str]] = {"teacher": [], "cohort": []}
    for kind, chosen in picked.items():
        owners = [(key, paid) for (k, key), paid in costs.items() if k == kind]
        if owners:
            ((key, _),) = rng.choices(owners, weights=[paid for _, paid in owners])
            chosen.append(key)
    return picked["teacher"], picked["cohort"]


def owner_costs(
    owned: list[tuple[tuple[str, str], int, int, bool]],
    values: list[int],
    cohorts_of_section: dict[str, list[str]],
    floors: Sequence[tuple[tuple[str, ...], float]],
) -> dict[tuple[str, str], float]:
    """What each teacher and cohort pays in the timetable ``values`` that a neighbourhood could save.

    ``owned``: (owner, weight, variable index, whether a floor covers the rule) per penalty. A
    section's penalty counts for its cohorts, shared evenly. Of a group of cohorts with a floor, only
    what the group pays above it under the floored rules counts, shared in proportion to what each pays.
    """
    costs: dict[tuple[str, str], float] = defaultdict(float)
    floored: dict[str, float] = defaultdict(float)  # cohort -> what it pays under the floored rules
    for (kind, key), weight, index, covered in owned:
        paid = weight * values[index]
        if paid <= 0:
            continue
        shares = [("cohort", cid) for cid in cohorts_of_section.get(key, [])] if kind == "section" else [(kind, key)]
        for owner in shares:
            if owner[0] == "cohort" and covered:
                floored[owner[1]] += paid / len(shares)
            else:
                costs[owner] += paid / len(shares)
    for cohorts, floor in floors:
        paid = sum(floored.get(cid, 0.0) for cid in cohorts)
        above = max(0.0, paid - floor) / paid if paid > 0 else 0.0
        for cid in cohorts:
            if cid in floored:
                floored[cid] *= above
    for cid, paid in floored.items():
        costs[("cohort", cid)] += paid
    return {owner: paid for owner, paid in costs.items() if paid > 1e-9}


def _day_round(
    costs: dict[tuple[str, str], float],
    by_teacher: dict[str, list[SectionInfo]],
    by_cohort: dict[str, list[SectionInfo]],
    values: list[int],
    rng: random.Random,
) -> tuple[str, dict[int, SectionInfo]] | None:
    """(day, sections): a day and the sections of teachers idle that day and of the cohorts they meet then.

    A gap closes when a teacher's classes of the day move together, which they can only do by trading
    periods with the other classes of their cohorts that day; with every other day fixed, a round frees a
    few times as many sections as an aimed one and searches them fast. The first teacher is drawn by what
    they pay, the day by their idle minutes that day (a rough measure of the gaps, which the penalty counts
    in class blocks), then more teachers idle that day by their idle minutes, until about DAY_ROUND_SECTIONS
    sections are free. None when no teacher pays or the first idles on no day.
    """
    owners = [(key, paid) for (kind, key), paid in costs.items() if kind == "teacher"]
    if not owners:
        return None
    ((first, _),) = rng.choices(owners, weights=[paid for _, paid in owners])
    mine = _teacher_days(first, by_teacher, values)
    days = [day for day, (minutes, _) in mine.items() if minutes > 0]
    if not days:
        return None
    (day,) = rng.choices(days, weights=[mine[d][0] for d in days])
    idle = {tid: _teacher_days(tid, by_teacher, values).get(day, (0, [])) for tid in by_teacher if tid != first}
    others = [tid for tid, (minutes, _) in idle.items() if minutes > 0]
    free: dict[int, SectionInfo] = {}
    tid, met = first, mine[day][1]
    while True:
        free.update((id(i), i) for i in by_teacher.get(tid, []))
        for cid in met:
            free.update((id(i), i) for i in by_cohort.get(cid, []))
        if not others or len(free) >= DAY_ROUND_SECTIONS:
            return day, free
        (tid,) = rng.choices(others, weights=[idle[t][0] for t in others])
        others.remove(tid)
        met = idle[tid][1]


def _teacher_days(
    tid: str, by_teacher: dict[str, list[SectionInfo]], values: list[int]
) -> dict[str, tuple[int, list[str]]]:
    """Per day the teacher teaches in ``values``: (idle minutes, cohorts met).

    Idle minutes: the time between two of their meetings that day where a meeting of theirs would fit
    (passing time and a short lunch are not idle).
    """
    meetings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    met: dict[str, list[str]] = defaultdict(list)
    for info in by_teacher.get(tid, []):
        if not _teaches(info, tid, values):
            continue
        for c in info.candidates:
            if c.lit is None or isinstance(c.lit, int) or c.lit.index < 0 or values[c.lit.index] != 1:
                continue
            meetings[c.day].append((c.start, c.end))
            met[c.day] += info.section.cohort_ids
    out = {}
    for day, times in meetings.items():
        times.sort()
        shortest = min(end - start for start, end in times)
        holes = (b[0] - a[1] for a, b in pairwise(times))
        out[day] = (sum(h for h in holes if h >= shortest), met[day])
    return out


def _day_indexes(info: SectionInfo, day: str) -> list[int]:
    """The variables of a section's meetings on one day: its starts that day and their room classes.

    With the rest fixed, the section keeps its number of meetings that day and its teacher: a meeting can
    only move within the day.
    """
    out: set[int] = set()
    for cand in info.candidates:
        if cand.day != day:
            continue
        if cand.lit is not None and not isinstance(cand.lit, int):
            out.add(cand.lit.index)
        out.update(w.index for w in cand.room_lits.values() if not isinstance(w, int))
    return sorted(i for i in out if i >= 0)


def _teaches(info: SectionInfo, tid: str, values: list[int]) -> bool:
    """Whether the teacher teaches the section in the timetable ``values`` (not only could, from its pool)."""
    if tid in info.fixed_teachers:
        return True
    chosen = info.teacher_vars.get(tid)
    return chosen is not None and chosen.index >= 0 and values[chosen.index] == 1


def _is_var(expr: object) -> bool:
    """Whether a penalty's term is a model variable (its value is read from a solution by index)."""
    return isinstance(expr, cp_model.IntVar)


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
