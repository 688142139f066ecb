"""Limit teacher idle gaps: each idle class block between a teacher's meetings of a day costs."""

from dlplanner.solver.model_builder import Context, Rule


def add_teacher_gaps(ctx: Context) -> None:
    """Limit teacher idle gaps: each idle class block between a teacher's first and last meeting of a day costs.

    ``before``/``after`` say whether the teacher has a meeting in an earlier/later class block; an idle
    block with both is a gap. Counted in each part of the year from the meetings running then; a
    teacher pays for the worst part.
    """
    weight = ctx.objective.weight("teacher_gaps")
    if weight == 0:
        return
    gaps: dict[int, list[tuple[list, int]]] = {}  # id of a busy list -> its gap counts
    for (_, tid), usages in ctx.usages_of("teacher").items():
        days = {u.day for u in usages}
        slices = []
        for atom in ctx.grid.soft_atoms:
            counts = []
            for day in ctx.grid.day_ids:
                if day in days:
                    busy = ctx.teacher_busy_blocks(tid, day, atom)
                    if id(busy) not in gaps:
                        gaps[id(busy)] = _gap_terms(ctx, busy)
                    counts += gaps[id(busy)]
            slices.append(counts)
        ctx.objective.add_worst_slice_penalty("teacher_gaps", weight, slices, ("teacher", tid))


def _busy_so_far(ctx: Context, busy: list) -> list:
    """Entry i: busy somewhere before i (an OR of the earlier entries; 0 when none can be)."""
    so_far: list = [0] * len(busy)
    for i in range(1, len(busy)):
        prev = [x for x in (so_far[i - 1], busy[i - 1]) if not isinstance(x, int)]
        if len(prev) == 1:
            so_far[i] = prev[0]
        elif prev:
            v = ctx.model.new_bool_var("")
            ctx.model.add_max_equality(v, prev)
            so_far[i] = v
    return so_far


def _gap_terms(ctx: Context, busy: list) -> list[tuple[list, int]]:
    """One count per class block of a day that can be a gap: before + after − busy − 1 (≤ 1)."""
    if sum(1 for b in busy if not isinstance(b, int)) < 2:
        return []
    n = len(busy)
    before = _busy_so_far(ctx, busy)
    after = _busy_so_far(ctx, busy[::-1])[::-1]
    counts = []
    for i in range(1, n - 1):
        if isinstance(before[i], int) or isinstance(after[i], int):
            continue
        counts.append(([before[i] + after[i] - busy[i] - 1], 1))
    return counts


RULE = Rule(add_teacher_gaps)
