"""Soft looping rules should keep last year's pairing: each broken rule (advisory group) costs its own weight."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.objective import Penalty
from dlplanner.solver.rules.looping_hard import broken_units, prior_pairings


def add_looping_soft(ctx: Context) -> None:
    """Soft looping rules should keep last year's pairing: each broken rule (advisory group) costs its own weight."""
    for rule in ctx.scenario.looping_rules:
        if rule.hard or rule.weight == 0:
            continue
        pairings = prior_pairings(ctx, rule)
        if not pairings:
            continue
        for b in broken_units(ctx, rule, pairings):
            if b is False:
                continue
            if b is True:
                ctx.objective.add(Penalty("looping_soft", rule.weight, [], 1, lambda solver: 1))
                continue
            ctx.objective.add(Penalty("looping_soft", rule.weight, [], b, lambda solver, b=b: solver.value(b)))


RULE = Rule(add_looping_soft)
