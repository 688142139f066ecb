"""Helpers shared by rule modules (not a rule)."""

from __future__ import annotations

from dlplanner.solver.model_builder import Context


def forbid_by_reasons(ctx: Context, rule_id: str) -> int:
    """Forbid candidates (and pool teachers, rooms) that a group of ``rule_id`` rules out upfront.

    Normally such candidates were never built (only pinned ones are kept, so a pin that breaks the
    rule makes the model infeasible and the explanation names both). In explain mode each
    prohibition holds only under its group's assumption literal.
    """
    count = 0
    for info in ctx.sections:
        for cand in info.candidates:
            for rid, key in cand.reasons:
                if rid == rule_id:
                    ctx.model.Add(cand.lit == 0).OnlyEnforceIf(ctx.reason_group(key))
                    count += 1
            for tid, reasons in cand.forbidden_teachers.items():
                for rid, key in reasons:
                    if rid == rule_id:
                        y = info.teacher_vars[tid]
                        ctx.model.AddBoolOr([cand.lit.Not(), y.Not()]).OnlyEnforceIf(ctx.reason_group(key))
                        count += 1
            for room, reasons in cand.room_reasons.items():
                for rid, key in reasons:
                    if rid == rule_id and room in cand.room_lits:
                        ctx.model.Add(cand.room_lits[room] == 0).OnlyEnforceIf(ctx.reason_group(key))
                        count += 1
    return count


def impossible(ctx: Context, enforce: list) -> None:
    """A requirement that cannot hold at all: false under its group (always false when not explaining)."""
    ctx.model.AddBoolOr([]).OnlyEnforceIf(enforce)
