"""Soft rule ``daily_load_balance``."""

import math
from collections import defaultdict

from dlplanner.solver.model_builder import Context, Penalty


def add_daily_load_balance(ctx: Context) -> None:
    """Balance a cohort's daily load: the spread (max − min) of its class minutes over day types, in 30-minute units.

    Whole units (the spread divided by 30, rounded down). When every section of a cohort has meetings of
    one length, its total minutes are fixed and every day's load is a multiple of the lengths' gcd, so
    the busiest day has at least the average rounded up to that multiple and the lightest at most the
    average rounded down: redundant bounds that give the solver the unavoidable spread at once.
    """
    weight = ctx.weight("daily_load_balance")
    if weight == 0 or len(ctx.day_ids) < 2:
        return
    model = ctx.model
    loads: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    totals: dict[str, list[tuple[int, int]] | None] = {}  # cohort -> (meetings, minutes) per section, or None
    for info in ctx.sections:
        lengths = {c.minutes for c in info.candidates}
        for cand in info.candidates:
            for cid in info.section.cohort_ids:
                loads[cid][cand.day].append((cand.minutes, cand.lit))
        for cid in info.section.cohort_ids:
            if cid in totals and totals[cid] is None:
                continue
            if len(lengths) == 1:
                totals.setdefault(cid, []).append((info.section.meetings_per_cycle, next(iter(lengths))))
            elif lengths:
                totals[cid] = None
    for cid, per_day in loads.items():
        exprs = [sum(m * lit for m, lit in per_day.get(d, [])) for d in ctx.day_ids]
        top = sum(m for m, _ in max(per_day.values(), key=lambda v: sum(m for m, _ in v)))
        hi = model.NewIntVar(0, top, "")
        lo = model.NewIntVar(0, top, "")
        model.AddMaxEquality(hi, exprs)
        model.AddMinEquality(lo, exprs)
        fixed = totals.get(cid)
        if fixed:
            total = sum(n * m for n, m in fixed)
            step = math.gcd(*(m for _, m in fixed))
            days = len(ctx.day_ids)
            if step > 0:
                model.Add(hi >= step * -(-total // (days * step)))
                model.Add(lo <= step * (total // (days * step)))

        def evaluate(solver, hi=hi, lo=lo) -> int:
            return (solver.Value(hi) - solver.Value(lo)) // 30

        units = model.NewIntVar(0, top // 30 + 1, "")
        model.Add(30 * units >= hi - lo - 29)
        ctx.penalties.append(Penalty("daily_load_balance", weight, [], units, evaluate))
