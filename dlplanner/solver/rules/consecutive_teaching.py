"""Soft rule ``consecutive_teaching``."""

from dlplanner.solver.model_builder import Context


def add_consecutive_teaching(ctx: Context) -> None:
    """Limit consecutive teaching: each class block taught beyond the maximum in a row costs.

    Blocks in a row are consecutive class blocks of one class run; with a maximum of m, a block
    whose m predecessors in the run are all taught, and which is taught itself, is one too many.
    """
    weight = ctx.weight("consecutive_teaching")
    m = ctx.scenario.rules.max_consecutive_teaching_blocks
    if weight == 0 or m <= 0:
        return
    for (_, tid), usages in ctx.usages_of("teacher").items():
        days = {u.day for u in usages}
        for day in ctx.day_ids:
            if day not in days:
                continue
            busy = ctx.teacher_busy_blocks(tid, day)
            index = {b.id: i for i, b in enumerate(ctx.class_blocks[day])}
            for run in ctx.runs(day, False):
                row = [busy[index[b.id]] for b in run]
                for i in range(m, len(row)):
                    window = row[i - m : i + 1]
                    if any(isinstance(x, int) for x in window):
                        continue
                    ctx.add_penalty("consecutive_teaching", weight, [sum(window) - m], upper=1)
