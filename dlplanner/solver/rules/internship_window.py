"""Rule ``internship_window``."""

from dlplanner.solver.model_builder import Context
from dlplanner.solver.rules._common import forbid_by_reasons


def add_internship_window(ctx: Context) -> None:
    """No meeting of a cohort overlaps one of its internship windows widened by the travel minutes.

    Such starts are known upfront and never built (kept only under an assumption when explaining).
    """
    forbid_by_reasons(ctx, "internship_window")
