"""Soft rule ``daily_load_balance``."""

from collections import defaultdict

from dlplanner.solver.model_builder import Context, Penalty


def add_daily_load_balance(ctx: Context) -> None:
    """Balance a cohort's daily load: the spread (max − min) of its class minutes over day types, in 30-minute units.

    Whole units (the spread divided by 30, rounded down).
    """
    weight = ctx.weight("daily_load_balance")
    if weight == 0 or len(ctx.day_ids) < 2:
        return
    model = ctx.model
    loads: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for info in ctx.sections:
        for cand in info.candidates:
            for cid in info.section.cohort_ids:
                loads[cid][cand.day].append((cand.minutes, cand.lit))
    for per_day in loads.values():
        exprs = [sum(m * lit for m, lit in per_day.get(d, [])) for d in ctx.day_ids]
        top = sum(m for m, _ in max(per_day.values(), key=lambda v: sum(m for m, _ in v)))
        hi = model.NewIntVar(0, top, "")
        lo = model.NewIntVar(0, top, "")
        model.AddMaxEquality(hi, exprs)
        model.AddMinEquality(lo, exprs)

        def evaluate(solver, hi=hi, lo=lo) -> int:
            return (solver.Value(hi) - solver.Value(lo)) // 30

        units = model.NewIntVar(0, top // 30 + 1, "")
        model.Add(30 * units >= hi - lo - 29)
        ctx.penalties.append(Penalty("daily_load_balance", weight, [], units, evaluate))
