"""Respect teacher time preferences: each meeting in one of its teacher's avoid windows costs."""

from dlplanner.solver.model_builder import Context, Rule


def add_teacher_preferences(ctx: Context) -> None:
    """Respect teacher time preferences: each meeting overlapping one of its teacher's avoid windows costs.

    Counted per (meeting, teacher): a team-taught meeting in two teachers' avoid windows costs twice.
    """
    weight = ctx.objective.weight("teacher_preferences")
    lits = []
    for (_, tid), usages in ctx.usages_of("teacher").items():
        teacher = ctx.teachers.get(tid)
        if teacher is None or not teacher.avoid:
            continue
        lits += [u.lit for u in usages if any(w.overlaps(u.day, u.start, u.end) for w in teacher.avoid)]
    if lits:
        ctx.objective.add_penalty("teacher_preferences", weight, [sum(lits)], upper=len(lits), direct=True)


RULE = Rule(add_teacher_preferences)
