"""Spread a section's meetings over different days: each pair on one day type costs."""

from collections import defaultdict

from dlplanner.solver.model_builder import Context, Rule


def add_spread_days(ctx: Context) -> None:
    """Spread a section's meetings over different days: each pair of its meetings on one day type costs.

    Pairs on a day are c(c-1)/2 for c meetings, convex in c: modelled as the max of its tangent
    lines k·c − k(k+1)/2 (k = 1 … n-1).
    """
    weight = ctx.objective.weight("spread_days")
    for info in ctx.sections:
        n = info.section.meetings_per_cycle
        if n < 2:
            continue
        by_day = defaultdict(list)
        for cand in info.candidates:
            by_day[cand.day].append(cand.lit)
        for lits in by_day.values():
            if len(lits) < 2:
                continue
            c = sum(lits)
            ctx.objective.add_penalty(
                "spread_days",
                weight,
                [k * c - k * (k + 1) // 2 for k in range(1, n)],
                upper=n * (n - 1) // 2,
                owner=("section", info.section.id),
            )


RULE = Rule(add_spread_days)
