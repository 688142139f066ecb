"""Rule ``advisory_time``."""

from dlplanner.solver.model_builder import Context
from dlplanner.solver.rules._common import forbid_by_reasons


def add_advisory_time(ctx: Context) -> None:
    """An advisory sits in each of its blocks with its advisor, cohorts and room.

    Sittings are fixed by the bell schedule (:meth:`Context._compute_sittings`), so they only
    pre-occupy their advisor, cohorts and room: meetings, pool teachers and rooms overlapping them
    are ruled out here.
    """
    forbid_by_reasons(ctx, "advisory_time")
