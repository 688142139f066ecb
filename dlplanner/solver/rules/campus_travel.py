"""Teachers and cohorts get the campuses' travel minutes between meetings on different campuses."""

from __future__ import annotations

from collections import defaultdict

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible
from dlplanner.solver.timegrid import sitting_resources


def add_campus_travel(ctx: Context) -> None:
    """Teachers and cohorts get the campuses' travel minutes between meetings in rooms on different campuses.

    Per teacher or cohort, day type and part of the year (term atom, as the checker reads "consecutive"
    within each part), a term per meeting says "here, on this campus": the meeting's literal when all
    its room classes are on that campus, else the sum of its room-class literals there. A pool
    teacher's meeting that may be on several campuses instead raises one marker per (teacher, day,
    part, campus, time): "ends (starts) something there then". Meetings of one person ending (or
    starting) at the same time overlap, so at most one of them happens: for an end on one campus and
    a start on another closer than the travel minutes, the terms of both sum to at most 1 — one
    linear constraint per such pair of times. Non-consecutive pairs are covered too, which only
    matters when a whole meeting fits inside a travel gap.

    Students are followed per advisory (docs/rules.md): a cohort's meetings count on the timeline of
    each of its advisories, a sitting only on its own advisory's, so two advisories of one cohort in
    different campuses at the same time are no travel.
    """
    campus_of = {cid: cls.campus for cid, cls in ctx.room_classes.items() if cls.campus}
    sitting_campus = {r.id: r.campus_id for r in ctx.project.rooms if r.campus_id}
    campuses = sorted(set(campus_of.values()) | set(sitting_campus.values()))
    travel = {(a, b): ctx.project.travel_minutes(a, b) for a in campuses for b in campuses if a != b}
    if not any(v > 0 for v in travel.values()):
        return
    longest = max(travel.values())
    model = ctx.model
    enforce = ctx.explanation.group("travel", "the travel minutes between campuses", [("campus", c) for c in campuses])
    # (resource, day, atom) -> {(campus, time): [terms]}; a term is a literal, a linear sum or 1 (a sitting)
    ends: dict[tuple, dict[tuple[str, int], list]] = defaultdict(lambda: defaultdict(list))
    starts: dict[tuple, dict[tuple[str, int], list]] = defaultdict(lambda: defaultdict(list))
    markers: dict[tuple, object] = {}
    groups: dict[str, list[str]] = defaultdict(list)  # cohort -> its advisories (timelines of its students)
    for advisory in ctx.project.advisories:
        for cohort_id in dict.fromkeys(advisory.cohort_ids):
            groups[cohort_id].append(advisory.id)

    def timelines(res: tuple[str, str], advisory_id: str | None = None) -> list[tuple[str, ...]]:
        if res[0] != "cohort":
            return [res]
        if advisory_id is not None:
            return [(*res, advisory_id)]
        return [(*res, a) for a in groups.get(res[1], [])] or [res]

    for u in ctx.usages:
        if u.resource[0] not in ("teacher", "cohort"):
            continue
        cand = u.candidate
        assert cand is not None
        by_campus: dict[str, list] = defaultdict(list)
        for cid, w in cand.room_lits.items():
            if cid in campus_of:
                by_campus[campus_of[cid]].append(w)
        for campus, ws in by_campus.items():
            if len(ws) == len(cand.room_lits):
                term = u.lit  # every room the meeting may have is on this campus
            elif u.lit is cand.lit:
                term = sum(ws)
            else:  # a pool teacher, and the meeting may be on several campuses: through a marker
                for a in u.atoms:
                    for side, t in ((ends, u.end), (starts, u.start)):
                        key = (side is ends, u.resource, u.day, a, campus, t)
                        if key not in markers:
                            markers[key] = model.new_bool_var("")
                            side[(u.resource, u.day, a)][(campus, t)].append(markers[key])
                        model.add(markers[key] >= u.lit + sum(ws) - 1)
                continue
            for line in timelines(u.resource):
                for a in u.atoms:
                    ends[(line, u.day, a)][(campus, u.end)].append(term)
                    starts[(line, u.day, a)][(campus, u.start)].append(term)
    for s in ctx.grid.sittings:
        campus = sitting_campus.get(s.advisory.room_id or "")
        if campus is None:
            continue
        for res in sitting_resources(s):
            if res[0] in ("teacher", "cohort"):
                for line in timelines(res, s.advisory.id):
                    for a in ctx.grid.all_atoms:
                        ends[(line, s.day, a)][(campus, s.end)].append(1)
                        starts[(line, s.day, a)][(campus, s.start)].append(1)
    for u in ctx.sitting_usages:  # a chosen advisor's sittings: on their timeline when chosen
        campus = sitting_campus.get((u.advisory.room_id if u.advisory else None) or "")
        if campus is None:
            continue
        for a in u.atoms:
            ends[(u.resource, u.day, a)][(campus, u.end)].append(u.lit)
            starts[(u.resource, u.day, a)][(campus, u.start)].append(u.lit)
    seen: set[tuple[int, ...]] = set()
    for key, by_end in ends.items():
        by_start = starts.get(key)
        if not by_start:
            continue
        for (c1, e), end_terms in by_end.items():
            for (c2, s), start_terms in by_start.items():
                if c1 == c2 or not (0 <= s - e < min(longest, travel.get((c1, c2), 0))):
                    continue
                terms = end_terms + start_terms
                fixed = sum(1 for t in terms if isinstance(t, int))
                free = [t for t in terms if not isinstance(t, int)]
                if fixed >= 2:
                    impossible(ctx, enforce)  # two sittings too close: cannot hold
                    continue
                if not free:
                    continue
                sig = (*sorted(id(t) for t in free), fixed)
                if sig in seen:
                    continue
                seen.add(sig)
                model.add(sum(free) <= 1 - fixed).only_enforce_if(enforce)


RULE = Rule(add_campus_travel)
