"""Narrowed teacher pools: on big schools each pool section keeps a few of its qualified teachers.

A pool teacher costs the model one literal per (section, start, teacher): "this meeting is taught by
this teacher". A comprehensive school whose every core section draws from a campus pool of a dozen
teachers has hundreds of thousands of them, and the model takes seconds to build and gigabytes to
solve. Above :data:`POOL_LITERALS_LIMIT` such literals, or from :data:`BIG_MEETINGS` meetings a
cycle, each pool section keeps only :data:`KEEP` teachers of its pool, chosen here by a balanced
greedy (the least loaded for its share of the minutes first, the rest spread evenly), plus every
teacher a pin or a prior pairing of one of its cohorts names. The solver still chooses among those,
so every timetable is one of the full problem; what is lost is the proof: an optimum or an
infeasibility of the narrowed model says nothing about the whole one, so the engine reports neither
and widens the pools when the narrowed model has no timetable.
"""

from __future__ import annotations

from collections import defaultdict

from dlplanner.domain.model import Placement, Project, Scenario, Section

POOL_LITERALS_LIMIT = 40_000  # the samples stay far below it (at most ~17,000; the A/B 3,000-student school 39,000)
BIG_MEETINGS = 1_000  # a school with this many meetings a cycle is big too (the samples have at most 952)
KEEP = 3  # teachers kept per pool section when narrowing (at least its teachers_needed + 1)


def narrow_pools(
    project: Project,
    scenario: Scenario,
    pools: dict[str, list[str]],
    minutes: dict[str, int],
    keep: int,
    pins: list[Placement],
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(kept pool, preferred teachers) per pool section id: ``keep`` teachers each, loads balanced.

    ``minutes`` holds each pool section's teaching minutes per cycle. The preferred teachers (those of
    the scenario's timetable, else its ``teachers_needed`` least loaded ones, counting the fixed
    teachers' own sections) are the warm start the engine hints; the others are alternatives spread
    so that each teacher is an alternative about as often as any other.
    """
    sections = {s.id: s for s in scenario.sections}
    teachers = {t.id: t for t in project.teachers}
    load: dict[str, float] = defaultdict(float)
    for s in scenario.sections:
        if s.teacher_ids:
            share = s.meetings_per_cycle * _length(s)
            for tid in s.teacher_ids:
                load[tid] += share
    capacity = {
        tid: float(scenario.per_cycle_limit(t.max_minutes_per_week)) if t.max_minutes_per_week else 1e9
        for tid, t in teachers.items()
    }
    named = _named_teachers(project, scenario, pins)
    current: dict[str, set[str]] = defaultdict(set)  # the scenario's timetable (the usual warm start)
    for p in scenario.solution.placements:
        current[p.section_id].update(p.teacher_ids)
    alternative: dict[str, int] = defaultdict(int)
    kept: dict[str, list[str]] = {}
    preferred: dict[str, list[str]] = {}
    # the sections with the fewest choices first, then the longest
    for sid in sorted(pools, key=lambda sid: (len(pools[sid]), -minutes.get(sid, 0), sid)):
        pool = pools[sid]
        section = sections[sid]
        need = max(1, section.teachers_needed)
        if len(pool) <= max(keep, need + 1):
            kept[sid] = list(pool)
            preferred[sid] = sorted(pool, key=lambda t: (load[t] / max(1.0, capacity.get(t, 1e9)), t))[:need]
            for tid in preferred[sid]:
                load[tid] += minutes.get(sid, 0)
            continue
        by_room = sorted(pool, key=lambda t: ((load[t] + minutes.get(sid, 0)) / max(1.0, capacity.get(t, 1e9)), t))
        first = by_room[:need]
        if len(current.get(sid, ())) == need and current[sid] <= set(pool):
            first = sorted(current[sid])  # a re-solve keeps the timetable's teachers where it can
        for tid in first:
            load[tid] += minutes.get(sid, 0)
        others = sorted(
            (t for t in pool if t not in first),
            key=lambda t: (alternative[t], load[t] / max(1.0, capacity.get(t, 1e9)), t),
        )
        rest = others[: max(0, max(keep, need + 1) - need)]
        for tid in rest:
            alternative[tid] += 1
        must = [t for t in pool if t in named.get(sid, ())]
        kept[sid] = list(dict.fromkeys([*first, *rest, *must]))
        preferred[sid] = first
    return kept, preferred


def _length(section: Section) -> int:
    """Minutes of one meeting, roughly (a block counts 50 minutes): only used to balance loads."""
    if section.length_minutes:
        return section.length_minutes
    return 50 * (section.length_blocks or 1)


def _named_teachers(project: Project, scenario: Scenario, pins: list[Placement]) -> dict[str, set[str]]:
    """Teachers a pin or a prior pairing names for a section: a narrowed pool always keeps them."""
    named: dict[str, set[str]] = defaultdict(set)
    for pin in pins:
        named[pin.section_id].update(pin.teacher_ids)
    prior: dict[str, set[str]] = defaultdict(set)
    for pairing in project.prior_pairings:
        prior[pairing.cohort_id].update(pairing.teacher_ids)
        if pairing.team_id:
            team = next((t for t in project.teams if t.id == pairing.team_id), None)
            if team is not None:
                prior[pairing.cohort_id].update(team.member_ids)
    for s in scenario.sections:
        for cid in s.cohort_ids:
            named[s.id].update(prior.get(cid, ()))
    return named
