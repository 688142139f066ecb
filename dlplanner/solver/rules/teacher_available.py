"""No teacher's meeting overlaps one of the teacher's unavailable windows."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import forbid_by_reasons


def teacher_available_busy(ctx: Context, resource: tuple[str, str], day: str, start: int, end: int) -> list[str]:
    """The teacher's unavailability, when one of its windows overlaps [start, end)."""
    teacher = ctx.teachers.get(resource[1]) if resource[0] == "teacher" else None
    if teacher is not None and any(w.overlaps(day, start, end) for w in teacher.unavailable):
        return [f"unavailable:{resource[1]}"]
    return []


def add_teacher_available(ctx: Context) -> None:
    """No teacher's meeting overlaps one of the teacher's unavailable windows.

    Fixed teachers: such starts are never built (:func:`teacher_available_busy`). Pool teachers:
    choosing the teacher excludes those starts (``not start or not teacher``). An advisory whose
    advisor the solver chooses never gets a teacher unavailable during one of its sittings.
    """
    forbid_by_reasons(ctx, "teacher_available")
    for u in ctx.sitting_usages:
        for key in teacher_available_busy(ctx, u.resource, u.day, u.start, u.end):
            ctx.model.add(u.lit == 0).only_enforce_if(ctx.explanation.reason_group(key))


RULE = Rule(add_teacher_available, busy=teacher_available_busy)
