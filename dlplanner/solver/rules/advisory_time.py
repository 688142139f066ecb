"""An advisory sits in each of its blocks with its advisor, its cohorts and its room."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import forbid_by_reasons


def advisory_time_busy(ctx: Context, resource: tuple[str, str], day: str, start: int, end: int) -> list[str]:
    """The advisories sitting with the cohort, teacher or room at a time that overlaps [start, end)."""
    return [
        f"advisory:{s.advisory.id}"
        for s in ctx.grid.busy_fixed.get(resource, ())
        if s.day == day and s.start < end and start < s.end
    ]


def add_advisory_time(ctx: Context) -> None:
    """An advisory sits in each of its blocks with its advisor, cohorts and room.

    Sittings are fixed by the bell schedule (:class:`dlplanner.solver.timegrid.TimeGrid`), so they only
    pre-occupy their advisor, cohorts and room: meetings, pool teachers and rooms overlapping them
    are never built (:func:`advisory_time_busy`), or forbidden here when kept (pinned, explaining).
    """
    forbid_by_reasons(ctx, "advisory_time")


RULE = Rule(add_advisory_time, busy=advisory_time_busy)
