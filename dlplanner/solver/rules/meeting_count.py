"""Every section has exactly its ``meetings_per_cycle`` meetings."""

from dlplanner.solver.explanation import section_label
from dlplanner.solver.model_builder import Context, Rule


def add_meeting_count(ctx: Context) -> None:
    """Every section has exactly ``meetings_per_cycle`` meetings.

    Meetings of one section are interchangeable in the model (no index): the sum of its start
    literals equals the count, and indexes 0 … n-1 are given in time order after solving.
    """
    for info in ctx.sections:
        s = info.section
        n = s.meetings_per_cycle
        enforce = ctx.explanation.group(
            f"meetings:{s.id}",
            f"{section_label(s)}'s {n} meeting{'s' if n != 1 else ''}",
            [("section", s.id)],
        )
        lits = [c.lit for c in info.candidates]
        ctx.model.add(sum(lits) == n).only_enforce_if(enforce)
        if enforce:
            ctx.model.add(sum(lits) <= n)


RULE = Rule(add_meeting_count)
