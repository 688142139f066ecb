"""Prefer long blocks for project-based courses: each shorter meeting costs."""

from dlplanner.solver.model_builder import Context, Rule


def add_long_blocks_pbl(ctx: Context) -> None:
    """Prefer long blocks for project-based courses: each of their meetings shorter than the minimum costs.

    The minimum is ``RuleSettings.long_block_minutes``.
    """
    weight = ctx.objective.weight("long_blocks_pbl")
    limit = ctx.scenario.rules.long_block_minutes
    lits = []
    for info in ctx.sections:
        subject = ctx.subjects.get(info.section.subject_id)
        if subject is None or not subject.project_based:
            continue
        lits += [c.lit for c in info.candidates if c.minutes < limit]
    if lits:
        ctx.objective.add_penalty("long_blocks_pbl", weight, [sum(lits)], upper=len(lits), direct=True)


RULE = Rule(add_long_blocks_pbl)
