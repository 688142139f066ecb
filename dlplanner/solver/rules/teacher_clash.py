"""A teacher is in at most one meeting or advisory sitting at a time."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import add_no_overlap


def add_teacher_clash(ctx: Context) -> None:
    """A teacher is in at most one meeting or advisory sitting at a time.

    At most one "meets with teacher t" literal per (teacher, day type, time point, term atom); advisory
    sittings are fixed, so candidates overlapping them were ruled out by ``advisory_time``. The sittings
    of an advisory whose advisor the solver chooses count as the candidate advisor's ("leads it"), and a
    teacher never leads one that sits while a fixed advisory of theirs does.
    """
    add_no_overlap(ctx, "teacher", ctx.sitting_usages)
    for u in ctx.sitting_usages:
        for s in ctx.grid.busy_fixed.get(u.resource, ()):
            if s.day == u.day and s.start < u.end and u.start < s.end:
                ctx.model.add(u.lit == 0).only_enforce_if(ctx.explanation.reason_group(f"advisory:{s.advisory.id}"))
                break


RULE = Rule(add_teacher_clash)
