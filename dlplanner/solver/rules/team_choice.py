"""A team takes its number of cohorts from its pool (a cohort goes to one team at most) and teaches them.

The choice variables are shared (``Context.team_vars``; the team looping rules read them). A cohort
the team takes is taught by the team: every meeting of the cohort's sections whose teachers come from
a pool is taught only by members whenever a member is among the section's candidates.
"""

from __future__ import annotations

from collections import defaultdict

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def add_team_choice(ctx: Context) -> None:
    """A team takes its number of cohorts from its pool (a cohort goes to one team at most) and teaches them."""
    model = ctx.model
    takers: dict[str, list] = defaultdict(list)
    for team in ctx.project.teams:
        choice = ctx.team_vars.get(team.id)
        if choice is None:
            continue
        enforce = ctx.explanation.group(
            f"team_choice:{team.id}",
            f"team '{team.name}' taking {team.cohorts_needed} cohort(s) from its pool",
            [("team", team.id), *(("cohort", c) for c in choice)],
        )
        if len(choice) < team.cohorts_needed:
            impossible(ctx, enforce)
            continue
        model.add(sum(choice.values()) == team.cohorts_needed).only_enforce_if(enforce)
        members = set(team.member_ids)
        for cohort_id, taken in choice.items():
            takers[cohort_id].append(taken)
            for info in ctx.sections:
                if cohort_id not in info.section.cohort_ids or info.fixed_teachers or not members & set(info.pool):
                    continue
                for tid, chosen in info.teacher_vars.items():
                    if tid not in members:
                        model.add_bool_or([taken.negated(), chosen.negated()]).only_enforce_if(enforce)
    for cohort_id, lits in takers.items():
        if len(lits) > 1:
            enforce = ctx.explanation.group(
                f"one_team:{cohort_id}", f"cohort {cohort_id} going to one team at most", [("cohort", cohort_id)]
            )
            model.add(sum(lits) <= 1).only_enforce_if(enforce)


RULE = Rule(add_team_choice)
