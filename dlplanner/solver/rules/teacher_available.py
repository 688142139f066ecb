"""Rule ``teacher_available``."""

from dlplanner.solver.model_builder import Context
from dlplanner.solver.rules._common import forbid_by_reasons


def add_teacher_available(ctx: Context) -> None:
    """No teacher's meeting overlaps one of the teacher's unavailable windows.

    Fixed teachers: such starts are never built. Pool teachers: choosing the teacher excludes those
    starts (``not start or not teacher``).
    """
    forbid_by_reasons(ctx, "teacher_available")
