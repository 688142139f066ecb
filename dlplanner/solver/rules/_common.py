"""Helpers shared by rule modules (not a rule)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from dlplanner.solver.model_builder import Context, Lit, Usage


def forbid_by_reasons(ctx: Context, rule_id: str) -> int:
    """Forbid candidates (and pool teachers, rooms) that a group of ``rule_id`` rules out upfront.

    Normally such candidates were never built (only pinned ones are kept, so a pin that breaks the
    rule makes the model infeasible and the explanation names both). In explain mode each
    prohibition holds only under its group's assumption literal.
    """
    count = 0
    reason_group = ctx.explanation.reason_group
    for info in ctx.sections:
        for cand in info.candidates:
            for rid, key in cand.reasons:
                if rid == rule_id:
                    ctx.model.add(cand.lit == 0).only_enforce_if(reason_group(key))
                    count += 1
            for tid, reasons in cand.forbidden_teachers.items():
                for rid, key in reasons:
                    if rid == rule_id:
                        y = info.teacher_vars[tid]
                        ctx.model.add_bool_or([cand.lit.negated(), y.negated()]).only_enforce_if(reason_group(key))
                        count += 1
            for room, reasons in cand.room_reasons.items():
                for rid, key in reasons:
                    if rid == rule_id and room in cand.room_lits:
                        ctx.model.add(cand.room_lits[room] == 0).only_enforce_if(reason_group(key))
                        count += 1
    return count


def impossible(ctx: Context, enforce: list) -> None:
    """A requirement that cannot hold at all: false under its group (always false when not explaining)."""
    ctx.model.add_bool_or([]).only_enforce_if(enforce)


def add_no_overlap(ctx: Context, kind: str, extra: Iterable[Usage] = ()) -> int:
    """At most ``capacity`` usages of each resource of ``kind`` per (day type, time point, term atom)."""
    cover: dict[tuple, list[Lit]] = defaultdict(list)
    for u in [*ctx.usages, *extra]:
        if u.resource[0] != kind:
            continue
        for p in ctx.covered_points(u.day, u.start, u.end):
            for a in u.atoms:
                cover[(u.resource, u.day, p, a)].append(u.lit)
    seen: set[tuple[int, ...]] = set()
    count = 0
    for (resource, *_), lits in cover.items():
        cap = ctx.capacity(resource)
        if len(lits) <= cap:
            continue
        key = tuple(sorted(lit.index for lit in lits))
        if key in seen:
            continue
        seen.add(key)
        if cap == 1:
            ctx.model.add_at_most_one(lits)
        else:
            ctx.model.add(sum(lits) <= cap)
        count += 1
    return count
