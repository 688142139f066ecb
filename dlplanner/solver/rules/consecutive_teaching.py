"""Limit consecutive teaching: each class block taught beyond the maximum in a row costs."""

from dlplanner.solver.model_builder import Context, Rule


def add_consecutive_teaching(ctx: Context) -> None:
    """Limit consecutive teaching: each class block taught beyond the maximum in a row costs.

    Blocks in a row are consecutive class blocks of one class run; with a maximum of m, a block
    whose m predecessors in the run are all taught, and which is taught itself, is one too many.
    Counted in each part of the year from the meetings running then; a teacher pays for the worst part.
    """
    weight = ctx.objective.weight("consecutive_teaching")
    m = ctx.scenario.rules.max_consecutive_teaching_blocks
    if weight == 0 or m <= 0:
        return
    rows: dict[int, list[tuple[list, int]]] = {}  # id of a busy list -> its counts
    for (_, tid), usages in ctx.usages_of("teacher").items():
        days = {u.day for u in usages}
        slices = []
        for atom in ctx.grid.soft_atoms:
            counts = []
            for day in ctx.grid.day_ids:
                if day not in days:
                    continue
                busy = ctx.teacher_busy_blocks(tid, day, atom)
                if id(busy) not in rows:
                    index = {b.id: i for i, b in enumerate(ctx.grid.class_blocks[day])}
                    rows[id(busy)] = []
                    for run in ctx.grid.runs(day, False):
                        row = [busy[index[b.id]] for b in run]
                        for i in range(m, len(row)):
                            window = row[i - m : i + 1]
                            if not any(isinstance(x, int) for x in window):
                                rows[id(busy)].append(([sum(window) - m], 1))
                counts += rows[id(busy)]
            slices.append(counts)
        ctx.objective.add_worst_slice_penalty("consecutive_teaching", weight, slices, ("teacher", tid))


RULE = Rule(add_consecutive_teaching)
