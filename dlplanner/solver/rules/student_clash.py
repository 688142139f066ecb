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
    meeting" (per day type and part of the year) is the whole rule. In turns (``ctx.free``: open sections
    whose times the model decides), see :func:`_load_with_free_times`.
    """
    if ctx.free:
        _load_with_free_times(ctx)
        return
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


def _busy_at(ctx: LoadContext, section_id: str) -> dict[tuple[str, int, int], list]:
    """(day, time point, term atom) -> what covers it: the candidates' literals of a free section, 1 for a
    meeting of a section whose times are fixed."""
    sections = ctx.sections
    assert sections is not None
    info = ctx.free.get(section_id)
    if info is not None:
        items = [(c.lit, c.day, c.start, c.end, info.atoms) for c in info.candidates if c.lit is not None]
    else:
        items = [(1, day, start, end, atoms) for day, start, end, atoms in ctx.times.get(section_id, [])]
    points: dict[tuple[str, int, int], list] = defaultdict(list)
    for lit, day, start, end, atoms in items:
        for p in sections.covered_points(day, start, end):
            for atom in atoms:
                points[(day, p, atom)].append(lit)
    return points


def _load_with_free_times(ctx: LoadContext) -> None:
    """The rule when open sections' times are decided with the seats (in turns).

    A seat in a free section excludes every candidate time of it that clashes with the student's fixed week
    (one boolean per fixed week and section, shared by the students with that week); two seats of one student
    exclude each other when their sections overlap (one overlap boolean per pair of sections, shared by all
    students, true when two of their meetings cover one time point). Seats in sections with fixed times are
    ruled out as before when they clash with the fixed week.
    """
    model = ctx.model
    busy: dict[str, dict] = {}
    shut: dict[tuple, object] = {}  # (fixed week, free section) -> "it meets in that week" (None: never)
    pairs: dict[tuple[str, str], object] = {}  # (section, section) -> overlap: a boolean, 1 or None

    def points(sid: str) -> dict:
        if sid not in busy:
            busy[sid] = _busy_at(ctx, sid)
        return busy[sid]

    def overlap_of(a: str, b: str):
        key = (min(a, b), max(a, b))
        if key not in pairs:
            pa, pb = points(a), points(b)
            common = [k for k in pa if k in pb]
            met = None
            if any(all(isinstance(x, int) for x in [*pa[k], *pb[k]]) for k in common):
                met = 1
            elif common:
                met = model.new_bool_var("")
                for k in common:
                    model.add(met >= sum(pa[k]) + sum(pb[k]) - 1)
            pairs[key] = met
        return pairs[key]

    def meets_in_week(info, week, sid: str):
        key = (week, sid)
        if key not in shut:
            section = ctx.free[sid]
            by_day: dict[str, list[Interval]] = defaultdict(list)
            for f in info.fixed:
                by_day[f[0]].append(f)
            lits = [
                c.lit
                for c in section.candidates
                if c.lit is not None
                and (
                    any(clash((c.day, c.start, c.end, section.atoms), f) for f in by_day.get(c.day, []))
                    or any(overlap(c.start, c.end, a, b) for a, b in info.away.get(c.day, []))
                )
            ]
            met = None
            if lits:
                met = model.new_bool_var("")
                for lit in lits:
                    model.add_implication(lit, met)
            shut[key] = met
        return shut[key]

    for info in ctx.students:
        week = (tuple(sorted(info.fixed)), tuple(sorted((d, tuple(w)) for d, w in info.away.items())))
        kept = []
        for choice in info.choices:
            sid = choice.section.id
            if sid in ctx.free:
                met = meets_in_week(info, week, sid)
                if met is not None:
                    model.add(choice.lit + met <= 1)
            else:
                meetings: list[Interval] = ctx.times.get(sid, [])
                if any(clash(m, f) for m in meetings for f in info.fixed) or any(
                    overlap(m[1], m[2], a, b) for m in meetings for a, b in info.away.get(m[0], [])
                ):
                    choice.forbidden = True
                    model.add(choice.lit == 0)
                    continue
            kept.append(choice)
        for i, a in enumerate(kept):
            for b in kept[i + 1 :]:
                if a.group is b.group or a.section.subject_id == b.section.subject_id:
                    continue  # at most one of them already
                met = overlap_of(a.section.id, b.section.id)
                if met is None:
                    continue
                if isinstance(met, int):
                    model.add(a.lit + b.lit <= 1)
                else:
                    model.add(a.lit + b.lit + met <= 2)
