"""Soft rule ``subject_twice_daily``."""

from collections import defaultdict

from dlplanner.solver.model_builder import Context


def add_subject_twice_daily(ctx: Context) -> None:
    """Avoid the same subject twice a day for a cohort: each extra meeting of it on one day type costs."""
    weight = ctx.weight("subject_twice_daily")
    groups = defaultdict(list)
    for info in ctx.sections:
        for cand in info.candidates:
            for cid in info.section.cohort_ids:
                groups[(cid, info.section.subject_id, cand.day)].append(cand.lit)
    for lits in groups.values():
        if len(lits) < 2:
            continue
        ctx.add_penalty("subject_twice_daily", weight, [sum(lits) - 1], upper=len(lits))
