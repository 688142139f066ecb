"""Hard looping rules keep last year's advisor (of each advisory group), subject teacher or team.

The test of a pairing kept or broken is shared with ``looping_soft``. A rule is broken in units: one,
except a cohort's advisor rule, broken once per advisory group of the cohort not led by last year's
advisor (an advisory's own rule is one unit).
"""

from __future__ import annotations

from dlplanner.domain.model import Advisory, LoopingRule, PairingKind, PriorPairing
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def prior_pairings(ctx: Context, rule: LoopingRule) -> list[PriorPairing]:
    """Last year's pairings the rule carries over (several are pooled)."""
    if rule.advisory_id is not None:
        return [
            p for p in ctx.project.prior_pairings if p.kind == PairingKind.ADVISOR and p.advisory_id == rule.advisory_id
        ]
    return [
        p
        for p in ctx.project.prior_pairings
        if p.cohort_id == rule.cohort_id
        and p.kind == rule.kind
        and (rule.kind != PairingKind.SUBJECT_TEACHER or p.subject_id == rule.subject_id)
    ]


def _any_true(ctx: Context, lits: list):
    """False, the one literal, or a new literal that is true exactly when one of ``lits`` is."""
    if not lits:
        return False
    if len(lits) == 1:
        return lits[0]
    b = ctx.model.new_bool_var("")
    ctx.model.add_bool_or(lits).only_enforce_if(b)
    for lit in lits:
        ctx.model.add_implication(lit, b)
    return b


def advisor_is_not(ctx: Context, advisory: Advisory, prior: list[str]):
    """True, False or a literal that is true exactly when the advisory's advisor is none of ``prior``.

    An advisor left to the solver: true when none of last year's advisors is chosen.
    """
    choice = ctx.advisor_vars.get(advisory.id)
    if choice is None:
        return advisory.advisor_id not in prior
    keep = [choice[t] for t in prior if t in choice]
    if not keep:
        return True
    none_kept = ctx.model.new_bool_var("")
    ctx.model.add_bool_or([*keep, none_kept])
    for k in keep:
        ctx.model.add_implication(k, none_kept.negated())
    return none_kept


def broken_units(ctx: Context, rule: LoopingRule, pairings: list[PriorPairing]) -> list:
    """The units of the rule (see the module docstring): each True, False or a literal true when broken."""
    prior = list(dict.fromkeys(t for p in pairings for t in p.teacher_ids))
    if rule.advisory_id is not None:
        advisory = next((a for a in ctx.project.advisories if a.id == rule.advisory_id), None)
        return [True if advisory is None else advisor_is_not(ctx, advisory, prior)]
    if rule.kind == PairingKind.ADVISOR:
        advisories = [a for a in ctx.project.advisories if rule.cohort_id in a.cohort_ids]
        return [advisor_is_not(ctx, a, prior) for a in advisories] or [True]
    return [broken(ctx, rule, pairings)]


def broken(ctx: Context, rule: LoopingRule, pairings: list[PriorPairing]):
    """For a subject teacher or team rule: True, False or a literal that is true exactly when it is broken."""
    cohort = rule.cohort_id
    prior = list(dict.fromkeys(t for p in pairings for t in p.teacher_ids))
    if rule.kind == PairingKind.SUBJECT_TEACHER:
        lits = []
        for info in ctx.sections:
            s = info.section
            if s.subject_id != rule.subject_id or cohort not in s.cohort_ids:
                continue
            if info.fixed_teachers:
                if not set(info.fixed_teachers) & set(prior):
                    return True
                continue
            keep = [info.teacher_vars[t] for t in prior if t in info.teacher_vars]
            if not keep:
                return True
            none_kept = ctx.model.new_bool_var("")  # none of last year's teachers chosen
            ctx.model.add_bool_or([*keep, none_kept])
            for k in keep:
                ctx.model.add_implication(k, none_kept.negated())
            lits.append(none_kept)
        return _any_true(ctx, lits)
    # TEAM: kept when any of last year's teams passes
    per_team = []
    for team_id in [p.team_id for p in pairings if p.team_id]:
        team = next((t for t in ctx.project.teams if t.id == team_id), None)
        taken = ctx.team_vars.get(team_id, {}).get(cohort) if team is not None else None
        if team is None or (cohort not in team.cohort_ids and taken is None):
            continue
        members = set(team.member_ids)
        lits = [] if taken is None else [taken.negated()]  # a team that may take the cohort must take it
        for info in ctx.sections:
            if cohort not in info.section.cohort_ids or info.fixed_teachers or not members & set(info.pool):
                continue
            lits += [y for t, y in info.teacher_vars.items() if t not in members]
        b = _any_true(ctx, lits)
        if b is False:
            return False
        per_team.append(b)
    if not per_team:
        return True
    if len(per_team) == 1:
        return per_team[0]
    all_broken = ctx.model.new_bool_var("")
    ctx.model.add_min_equality(all_broken, per_team)
    return all_broken


def rule_label(ctx: Context, rule: LoopingRule) -> str:
    if rule.advisory_id is not None:
        advisory = next((a for a in ctx.project.advisories if a.id == rule.advisory_id), None)
        return f"advisory {advisory.name if advisory else rule.advisory_id} keeping last year's advisor"
    cohort = ctx.cohorts[rule.cohort_id].name if rule.cohort_id in ctx.cohorts else rule.cohort_id
    what = {PairingKind.ADVISOR: "advisor", PairingKind.TEAM: "teacher team"}.get(rule.kind)
    if what is None:
        subject = ctx.subjects[rule.subject_id].name if rule.subject_id in ctx.subjects else rule.subject_id
        what = f"{subject} teacher"
    return f"{cohort} keeping last year's {what}"


def add_looping_hard(ctx: Context) -> None:
    """Hard looping rules keep last year's pairing (advisor, subject teacher or team) for the cohort."""
    for rule in ctx.scenario.looping_rules:
        if not rule.hard:
            continue
        pairings = prior_pairings(ctx, rule)
        if not pairings:
            continue
        records = [("looping_rule", rule.id)]
        records.append(("advisory", rule.advisory_id) if rule.advisory_id is not None else ("cohort", rule.cohort_id))
        enforce = ctx.explanation.group(f"looping:{rule.id}", rule_label(ctx, rule), records)
        for b in broken_units(ctx, rule, pairings):
            if b is True:
                impossible(ctx, enforce)
            elif b is not False:
                ctx.model.add(b == 0).only_enforce_if(enforce)


RULE = Rule(add_looping_hard)
