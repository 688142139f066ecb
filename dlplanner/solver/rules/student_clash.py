"""A student is in one place at a time: their cohort's meetings, advisory sittings, internships and open sections."""

from __future__ import annotations

from collections import defaultdict

from dlplanner.domain.geometry import overlap
from dlplanner.solver.model_builder import Context
from dlplanner.solver.student_model import Interval, LoadContext, StudentRule, clash


def add_student_clash(ctx: Context) -> None:
    """Nothing in the sections' model: a clash there only leaves a request unmet (``request_unmet`` steers it)."""


def load_student_clash(ctx: LoadContext) -> None:
    """A student is in one place at a time: no open section that clashes with their cohort's meetings, advisory
    sittings or internships, and at most one of their open sections at each time point.

    Two meetings overlap iff one of them covers the other's start, so "at most one at each start of a
    meeting" (per day type and part of the year) is the whole rule.
    """
    points: dict[str, set[int]] = defaultdict(set)
    for meetings in ctx.times.values():
        for day, start, _, _ in meetings:
            points[day].add(start)
    covered: dict[str, list[tuple[str, int, int]]] = {}
    for sid, meetings in ctx.times.items():
        covered[sid] = [
            (day, p, atom)
            for day, start, end, atoms in meetings
            for p in points[day]
            if start <= p < end
            for atom in atoms
        ]
    for info in ctx.students:
        at: dict[tuple[str, int, int], list] = defaultdict(list)
        for choice in info.choices:
            meetings: list[Interval] = ctx.times.get(choice.section.id, [])
            busy = any(clash(m, f) for m in meetings for f in info.fixed) or any(
                overlap(m[1], m[2], a, b) for m in meetings for a, b in info.away.get(m[0], [])
            )
            if busy:
                choice.forbidden = True
                ctx.model.add(choice.lit == 0)
                continue
            for key in dict.fromkeys(covered.get(choice.section.id, [])):
                at[key].append(choice.lit)
        done: set[tuple[int, ...]] = set()
        for lits in at.values():
            if len(lits) > 1:
                key = tuple(sorted(lit.index for lit in lits))
                if key not in done:
                    done.add(key)
                    ctx.model.add_at_most_one(lits)


RULE = StudentRule(add_student_clash, load=load_student_clash)
