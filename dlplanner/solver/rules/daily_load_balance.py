"""Balance a cohort's daily load: the spread of its class minutes over day types costs."""

import math
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.solver.model_builder import Context, Rule, SectionInfo
from dlplanner.solver.objective import Penalty


def add_daily_load_balance(ctx: Context) -> None:
    """Balance a cohort's daily load: the spread (max − min) of its class minutes over day types, in 30-minute units.

    Whole units (the spread divided by 30, rounded down). Counted in each part of the year from the
    sections running then (an S1 and an S2 section never load one day); a cohort pays for its worst
    part.
    """
    weight = ctx.objective.weight("daily_load_balance")
    if weight == 0 or len(ctx.grid.day_ids) < 2:
        return
    model = ctx.model
    of_cohort: dict[str, list[SectionInfo]] = defaultdict(list)
    for info in ctx.sections:
        if info.candidates:
            for cid in dict.fromkeys(info.section.cohort_ids):
                of_cohort[cid].append(info)
    for cid, infos in of_cohort.items():
        spreads: dict[tuple[int, ...], tuple] = {}  # the same sections: one spread
        for atom in ctx.grid.soft_atoms:
            running = [info for info in infos if atom in info.atoms]
            key = tuple(id(info) for info in running)
            if running and key not in spreads:
                spreads[key] = _spread(ctx, running)
        if not spreads:
            continue
        if len(spreads) == 1:
            ((units, _, _, _),) = spreads.values()
        else:
            units = model.new_int_var(0, max(upper for _, _, _, upper in spreads.values()), "")
            for part, _, _, _ in spreads.values():
                model.add(units >= part)
        ctx.objective.add(
            Penalty("daily_load_balance", weight, [], units, _worst(list(spreads.values())), ("cohort", cid))
        )


def _worst(parts: list[tuple]) -> Callable[[cp_model.CpSolver], int]:
    """The reported units: the largest spread over the parts, from the solution's busiest and lightest days."""
    return lambda solver: max((solver.value(hi) - solver.value(lo)) // 30 for _, hi, lo, _ in parts)


def _spread(ctx: Context, infos: list[SectionInfo]) -> tuple:
    """(units, hi, lo, upper): hi/lo the busiest and lightest day's minutes, upper ≥ units ≥ (hi − lo) // 30.

    When every section has meetings of one length, the total minutes are fixed and every day's load is
    a multiple of the lengths' gcd, so the busiest day has at least the average rounded up to that
    multiple and the lightest at most the average rounded down: redundant bounds that give the solver
    the unavoidable spread at once.
    """
    model = ctx.model
    per_day: dict[str, list] = defaultdict(list)
    fixed: list[tuple[int, int]] | None = []  # (meetings, minutes) per section, or None
    for info in infos:
        lengths = {c.minutes for c in info.candidates}
        for cand in info.candidates:
            per_day[cand.day].append((cand.minutes, cand.lit))
        if fixed is not None:
            fixed = [*fixed, (info.section.meetings_per_cycle, next(iter(lengths)))] if len(lengths) == 1 else None
    exprs = [sum(m * lit for m, lit in per_day.get(d, [])) for d in ctx.grid.day_ids]
    top = sum(m for m, _ in max(per_day.values(), key=lambda v: sum(m for m, _ in v)))
    hi = model.new_int_var(0, top, "")
    lo = model.new_int_var(0, top, "")
    model.add_max_equality(hi, exprs)
    model.add_min_equality(lo, exprs)
    if fixed:
        total = sum(n * m for n, m in fixed)
        step = math.gcd(*(m for _, m in fixed))
        days = len(ctx.grid.day_ids)
        if step > 0:
            model.add(hi >= step * -(-total // (days * step)))
            model.add(lo <= step * (total // (days * step)))
    units = model.new_int_var(0, top // 30 + 1, "")
    model.add(30 * units >= hi - lo - 29)
    return units, hi, lo, top // 30 + 1


RULE = Rule(add_daily_load_balance)
