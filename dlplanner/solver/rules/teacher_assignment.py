"""Every meeting has its section's teachers, within each teacher's load limit."""

from dlplanner.domain.model import fmt_minutes
from dlplanner.solver.explanation import section_label
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def add_teacher_assignment(ctx: Context) -> None:
    """Fixed teachers teach every meeting; pool sections get exactly ``teachers_needed`` qualified teachers.

    The same pool teachers teach every meeting (one ``chosen`` boolean per section and teacher, linked
    to the meetings by ``meets with teacher = start and chosen``), and each teacher's minutes of
    meetings per cycle stay within the per-cycle limit of ``max_minutes_per_week``.
    """
    model = ctx.model
    for info in ctx.sections:
        s = info.section
        if info.fixed_teachers:
            missing = [t for t in info.fixed_teachers if t not in ctx.teachers]
            if missing:
                impossible(
                    ctx,
                    ctx.explanation.group(f"teachers:{s.id}", f"{section_label(s)}'s teachers", [("section", s.id)]),
                )
            continue
        need = s.teachers_needed
        if need <= 0 and not info.pool:
            continue
        enforce = ctx.explanation.group(
            f"teachers:{s.id}",
            f"{section_label(s)}'s need for {need} teacher{'s' if need != 1 else ''} from its pool",
            [("section", s.id)],
        )
        model.add(sum(info.teacher_vars.values()) == need).only_enforce_if(enforce)
    # load per teacher, in every part of the year between term boundaries (term atom)
    for (_, tid), usages in ctx.usages_of("teacher").items():
        teacher = ctx.teachers.get(tid)
        if teacher is None or teacher.max_minutes_per_week is None:
            continue
        limit = ctx.scenario.per_cycle_limit(teacher.max_minutes_per_week)
        enforce = ctx.explanation.group(
            f"load:{tid}",
            f"{teacher.name}'s maximum of {fmt_minutes(teacher.max_minutes_per_week)} teaching minutes a week",
            [("teacher", tid)],
        )
        seen: set[tuple[int, ...]] = set()
        for atom in ctx.grid.all_atoms:
            terms = [(u.end - u.start, u.lit) for u in usages if atom in u.atoms]
            key = tuple(sorted(id(u) for u in usages if atom in u.atoms))
            if key in seen or sum(m for m, _ in terms) <= limit:
                continue
            seen.add(key)
            model.add(sum(m * lit for m, lit in terms) <= limit).only_enforce_if(enforce)


RULE = Rule(add_teacher_assignment)
