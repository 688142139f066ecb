"""No meeting of a cohort overlaps one of its internship windows widened by the travel minutes."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import forbid_by_reasons


def internship_window_busy(ctx: Context, resource: tuple[str, str], day: str, start: int, end: int) -> list[str]:
    """The cohort's internships whose window (± travel) overlaps [start, end) on the day type."""
    if resource[0] != "cohort":
        return []
    return [
        f"internship:{iid}" for ws, we, iid in ctx.grid.internship_windows(resource[1], day) if ws < end and start < we
    ]


def add_internship_window(ctx: Context) -> None:
    """No meeting of a cohort overlaps one of its internship windows widened by the travel minutes.

    Such starts are known upfront and never built (:func:`internship_window_busy`); kept only when
    pinned or explaining, and then forbidden here.
    """
    forbid_by_reasons(ctx, "internship_window")


RULE = Rule(add_internship_window, busy=internship_window_busy)
