"""Avoid the same subject twice a day for a cohort: each extra meeting of it on a day costs."""

from collections import defaultdict

from dlplanner.solver.model_builder import Context, Rule, SectionInfo


def add_subject_twice_daily(ctx: Context) -> None:
    """Avoid the same subject twice a day for a cohort: each extra meeting of it on one day type costs.

    Counted in each part of the year from the sections running then (an S1 and an S2 section on one day
    type never meet on one day); a cohort pays for its worst part.
    """
    weight = ctx.objective.weight("subject_twice_daily")
    if weight == 0:
        return
    of_cohort: dict[str, list[SectionInfo]] = defaultdict(list)
    for info in ctx.sections:
        for cid in dict.fromkeys(info.section.cohort_ids):
            of_cohort[cid].append(info)
    for cid, infos in of_cohort.items():
        counts: dict[tuple[int, ...], tuple[list, int]] = {}  # the same meetings: one count
        slices = []
        for atom in ctx.grid.soft_atoms:
            groups = defaultdict(list)
            for info in infos:
                if atom in info.atoms:
                    for cand in info.candidates:
                        groups[(info.section.subject_id, cand.day)].append(cand.lit)
            chosen = []
            for lits in groups.values():
                if len(lits) >= 2:
                    key = tuple(lit.index for lit in lits)
                    chosen.append(counts.setdefault(key, ([sum(lits) - 1], len(lits))))
            slices.append(chosen)
        ctx.objective.add_worst_slice_penalty("subject_twice_daily", weight, slices, ("cohort", cid))


RULE = Rule(add_subject_twice_daily)
