"""Hard looping rules keep last year's advisor, subject teacher or team for the cohort.

The test of a pairing kept or broken is shared with ``looping_soft``.
"""

from __future__ import annotations

from dlplanner.domain.model import LoopingRule, PairingKind, PriorPairing
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def prior_pairings(ctx: Context, rule: LoopingRule) -> list[PriorPairing]:
    """Last year's pairings the rule carries over (several are pooled)."""
    return [
        p
        for p in ctx.project.prior_pairings
        if p.cohort_id == rule.cohort_id
        and p.kind == rule.kind
        and (rule.kind != PairingKind.SUBJECT_TEACHER or p.subject_id == rule.subject_id)
    ]


def _any_true(ctx: Context, lits: list):
    if not lits:
        return False
    if len(lits) == 1:
        return lits[0]
    b = ctx.model.new_bool_var("")
    ctx.model.add_max_equality(b, lits)
    return b


def broken(ctx: Context, rule: LoopingRule, pairings: list[PriorPairing]):
    """True, False or a literal that is true exactly when the rule is broken."""
    cohort = rule.cohort_id
    prior = list(dict.fromkeys(t for p in pairings for t in p.teacher_ids))
    if rule.kind == PairingKind.ADVISOR:
        return not any(cohort in a.cohort_ids and a.advisor_id in prior for a in ctx.project.advisories)
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
        if team is None or cohort not in team.cohort_ids:
            continue
        members = set(team.member_ids)
        lits = []
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
        enforce = ctx.explanation.group(
            f"looping:{rule.id}", rule_label(ctx, rule), [("looping_rule", rule.id), ("cohort", rule.cohort_id)]
        )
        b = broken(ctx, rule, pairings)
        if b is True:
            impossible(ctx, enforce)
        elif b is not False:
            ctx.model.add(b == 0).only_enforce_if(enforce)


RULE = Rule(add_looping_hard)
