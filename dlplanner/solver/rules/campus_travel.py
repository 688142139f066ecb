"""Rule ``campus_travel``."""

from __future__ import annotations

from collections import defaultdict

from dlplanner.solver.model_builder import Context


def add_campus_travel(ctx: Context) -> None:
    """Teachers and cohorts get the campuses' travel minutes between meetings in rooms on different campuses.

    Per (teacher or cohort, day type, campus) a marker is true when something of theirs ends (or
    starts) at a time point on that campus; an end on one campus and a start on another closer than
    the travel minutes cannot both be true. This also covers non-consecutive pairs, which only
    matters when a whole meeting fits inside a travel gap.
    """
    room_campus = {r.id: r.campus_id for r in ctx.project.rooms if r.campus_id}
    campuses = sorted(set(room_campus.values()))
    travel = {(a, b): ctx.project.travel_minutes(a, b) for a in campuses for b in campuses if a != b}
    if not any(v > 0 for v in travel.values()):
        return
    model = ctx.model
    enforce = ctx.group("travel", "the travel minutes between campuses", [("campus", c) for c in campuses])
    ends: dict[tuple, list] = defaultdict(list)  # (res, day, campus, time) -> exprs (or 1)
    starts: dict[tuple, list] = defaultdict(list)
    for u in ctx.usages:
        if u.resource[0] not in ("teacher", "cohort"):
            continue
        cand = u.candidate
        by_campus: dict[str, list] = defaultdict(list)
        for rid, w in cand.room_lits.items():
            if rid in room_campus:
                by_campus[room_campus[rid]].append(w)
        for campus, ws in by_campus.items():
            expr = sum(ws)
            if u.lit is not cand.lit:  # a pool teacher: meeting with this teacher and in this campus
                both = model.NewBoolVar("")
                model.Add(both >= u.lit + expr - 1)
                model.AddImplication(both, u.lit)
                model.Add(both <= expr)
                expr = both
            ends[(u.resource, u.day, campus, u.end)].append(expr)
            starts[(u.resource, u.day, campus, u.start)].append(expr)
    for s in ctx.sittings:
        campus = room_campus.get(s.advisory.room_id or "")
        if campus is None:
            continue
        for res in ctx.sitting_resources(s):
            if res[0] in ("teacher", "cohort"):
                ends[(res, s.day, campus, s.end)].append(1)
                starts[(res, s.day, campus, s.start)].append(1)

    def marker(exprs: list):
        if any(isinstance(e, int) for e in exprs):
            return 1
        m = model.NewBoolVar("")
        for e in exprs:
            model.Add(m >= e)
        return m

    start_index: dict[tuple, list[tuple[str, int, list]]] = defaultdict(list)
    for (res, day, campus, t), exprs in starts.items():
        start_index[(res, day)].append((campus, t, exprs))
    markers: dict[tuple, object] = {}
    for (res, day, c1, e), end_exprs in ends.items():
        for c2, s, start_exprs in start_index.get((res, day), []):
            if c1 == c2 or not (0 <= s - e < travel.get((c1, c2), 0)):
                continue
            key_e, key_s = ("e", res, day, c1, e), ("s", res, day, c2, s)
            if key_e not in markers:
                markers[key_e] = marker(end_exprs)
            if key_s not in markers:
                markers[key_s] = marker(start_exprs)
            a, b = markers[key_e], markers[key_s]
            if isinstance(a, int) and isinstance(b, int):
                model.AddBoolOr([]).OnlyEnforceIf(enforce)  # two fixed sittings too close: cannot hold
            else:
                model.Add(a + b <= 1).OnlyEnforceIf(enforce)
