"""An advisory left to the solver gets one advisor: from its pool, on its campus, within advising limits.

The choice variables are shared (``Context.advisor_vars``): the chosen advisor's sittings keep them busy
through ``teacher_clash``, ``teacher_available``, ``team_planning`` and ``campus_travel``, and the
looping rules read the choice. This rule makes the choice: exactly one advisor per such advisory,
none from another campus, and no teacher leading more advisories than ``max_advisories``.
"""

from __future__ import annotations

from dlplanner.domain.model import Advisory
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def advisory_campus(ctx: Context, advisory: Advisory) -> str | None:
    """Where the advisory meets: its room's campus, else its cohorts' (None: anywhere)."""
    room = ctx.rooms.get(advisory.room_id or "")
    if room is not None and room.campus_id:
        return room.campus_id
    return next(
        (ctx.cohorts[c].campus_id for c in advisory.cohort_ids if c in ctx.cohorts and ctx.cohorts[c].campus_id), None
    )


def add_advisor_choice(ctx: Context) -> None:
    """An advisory left to the solver gets one advisor: from its pool, on its campus, within advising limits."""
    model = ctx.model
    for advisory in ctx.project.advisories:
        choice = ctx.advisor_vars.get(advisory.id)
        if choice is None:
            continue
        enforce = ctx.explanation.group(
            f"advisor:{advisory.id}",
            f"advisory {advisory.name} getting an advisor from its pool on its campus",
            [("advisory", advisory.id), *(("teacher", t) for t in advisory.advisor_pool)],
        )
        campus = advisory_campus(ctx, advisory)
        allowed = []
        for tid, lit in choice.items():
            teacher_campus = ctx.teachers[tid].campus_id
            if campus is not None and teacher_campus is not None and teacher_campus != campus:
                model.add(lit == 0).only_enforce_if(enforce)
            else:
                allowed.append(lit)
        if not allowed:
            impossible(ctx, enforce)
            continue
        model.add(sum(allowed) == 1).only_enforce_if(enforce)
    for tid, teacher in ctx.teachers.items():
        if teacher.max_advisories is None:
            continue
        lits = [choice[tid] for choice in ctx.advisor_vars.values() if tid in choice]
        if not lits:
            continue  # fixed advisories over the limit are validation's error
        fixed = sum(1 for a in ctx.project.advisories if a.advisor_id == tid)
        enforce = ctx.explanation.group(
            f"advising:{tid}", f"{teacher.name}'s limit of {teacher.max_advisories} advisories", [("teacher", tid)]
        )
        model.add(sum(lits) <= max(0, teacher.max_advisories - fixed)).only_enforce_if(enforce)


RULE = Rule(add_advisor_choice)
