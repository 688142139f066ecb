"""Explaining infeasibility by capacity groups first: the sections that can only draw on one supply, alone.

When CP-SAT proves that no timetable exists, the likely reason on a big school is a supply that its
sections fill too tightly: the rooms with a feature (or on a campus), a teacher pool or a subject's
pools — the groups of the pre-solve capacity checks (:mod:`dlplanner.domain.capacity`), which count
and so cannot see how the meetings fit together in time. Here each group's sections are solved on
their own, with every hard rule, tightest group first, each within a short time. Leaving sections
out (and the looping rules, which may name them) only removes requirements, so a group whose
sections have no timetable even alone is a proven reason, said with its numbers. Groups holding every
section prove nothing more than the whole solve did and are skipped.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from dlplanner.domain.model import BlockKind, Placement, Project, Scenario, Section, Solution, fmt_minutes
from dlplanner.solver.model_builder import Context
from dlplanner.solver.rules import HARD_RULES
from dlplanner.solver.types import Conflict


@dataclass
class CapacityGroup:
    """A supply (rooms or teachers) and the sections that can only draw on it."""

    label: str  # "rooms with `gym`", "the Mathematics pool (A, B)"
    supply: str  # "2 rooms × 35 class blocks = 70"
    demand: int  # class blocks (rooms) or minutes (teachers) the sections need per cycle
    capacity: int
    unit: str
    sections: list[Section]
    records: list[tuple[str, str]]

    @property
    def ratio(self) -> float:
        return self.demand / max(1, self.capacity)


def capacity_groups(project: Project, scenario: Scenario) -> list[CapacityGroup]:
    """Room and teacher groups of the scenario, each with the sections that can only use it, tightest first."""
    slots = sum(
        1
        for d in scenario.day_types
        for b in scenario.bell_schedule(d.bell_schedule_id).blocks
        if b.kind == BlockKind.CLASS
    )
    groups = _room_groups(project, scenario, slots) + _teacher_groups(project, scenario, slots)
    every = len(scenario.sections)
    groups = [g for g in groups if 0 < len(g.sections) < every]
    return sorted(groups, key=lambda g: (-g.ratio, len(g.sections), g.label))


def _fitting(project: Project, section: Section) -> frozenset[str]:
    if section.room_id:
        return frozenset([section.room_id])
    need = project.seats_needed(section)
    return frozenset(r.id for r in project.rooms if section.room_features <= r.features and r.capacity >= need)


def _room_groups(project: Project, scenario: Scenario, slots: int) -> list[CapacityGroup]:
    if not project.rooms:
        return []
    names = {r.id: r.name for r in project.rooms}
    campus_names = {c.id: c.name for c in project.campuses}
    candidates: dict[frozenset[str], str] = {}
    features = sorted({f for s in scenario.sections for f in s.room_features})
    for feature in features:
        having = [r for r in project.rooms if feature in r.features]
        candidates.setdefault(frozenset(r.id for r in having), f"rooms with `{feature}`")
        for campus in sorted({r.campus_id for r in having if r.campus_id}):
            members = frozenset(r.id for r in having if r.campus_id == campus)
            candidates.setdefault(members, f"rooms with `{feature}` on {campus_names.get(campus, campus)}")
    for campus in sorted({r.campus_id for r in project.rooms if r.campus_id}):
        members = frozenset(r.id for r in project.rooms if r.campus_id == campus)
        candidates.setdefault(members, f"rooms on {campus_names.get(campus, campus)}")
    for s in scenario.sections:
        if s.room_id and s.room_id in names:
            candidates.setdefault(frozenset([s.room_id]), f"{names[s.room_id]} (a fixed room)")
    fitting = {s.id: _fitting(project, s) for s in scenario.sections}
    out = []
    for members, label in candidates.items():
        inside = [s for s in scenario.sections if fitting[s.id] and fitting[s.id] <= members]
        if not inside:
            continue
        demand = sum(s.meetings_per_cycle * (s.length_blocks or 1) for s in inside)
        capacity = len(members) * slots
        shown = ", ".join(sorted(names[r] for r in members)[:4]) + (" …" if len(members) > 4 else "")
        out.append(
            CapacityGroup(
                f"{label} ({shown})",
                f"{len(members)} room{'s' if len(members) != 1 else ''} × {slots} class blocks = {capacity}",
                demand,
                capacity,
                "class blocks",
                inside,
                [("room", r) for r in sorted(members)],
            )
        )
    return out


def _teacher_groups(project: Project, scenario: Scenario, slots: int) -> list[CapacityGroup]:
    teachers = {t.id: t for t in project.teachers}
    subjects = {s.id: s.name for s in project.subjects}
    pools: dict[str, frozenset[str]] = {}
    for s in scenario.sections:
        if not s.teacher_ids and s.teachers_needed >= 1:
            pools[s.id] = frozenset(t.id for t in project.qualified_teachers(s))
    candidates: dict[frozenset[str], str] = {}
    by_subject: dict[str, set[str]] = defaultdict(set)
    for s in scenario.sections:
        pool = pools.get(s.id)
        if pool and len(pool) >= 2:
            subject = subjects.get(s.subject_id, s.subject_id)
            candidates.setdefault(pool, f"the {subject} pool")
            by_subject[subject] |= pool
    for subject, members in sorted(by_subject.items()):
        candidates.setdefault(frozenset(members), f"the {subject} teachers")
    out = []
    for members, label in candidates.items():
        inside = [
            s
            for s in scenario.sections
            if (s.id in pools and pools[s.id] <= members) or (s.teacher_ids and set(s.teacher_ids) & members)
        ]
        minutes = sum(s.meetings_per_cycle * max(1, s.teachers_needed) * _minutes(s) for s in inside)
        limits = [
            scenario.per_cycle_limit(teachers[t].max_minutes_per_week)
            if teachers[t].max_minutes_per_week
            else slots * 60
            for t in members
        ]
        who = ", ".join(sorted(teachers[t].name for t in members)[:4]) + (" …" if len(members) > 4 else "")
        out.append(
            CapacityGroup(
                f"{label} ({who})",
                f"{len(members)} teachers, at most {fmt_minutes(sum(limits))} min per cycle together",
                minutes,
                sum(limits),
                "min",
                inside,
                [("teacher", t) for t in sorted(members)],
            )
        )
    return out


def _minutes(section: Section) -> int:
    return section.length_minutes or 50 * (section.length_blocks or 1)


def first_infeasible_group(
    project: Project, scenario: Scenario, pins: list[Placement], time_limit: float, seed: int = 0
) -> tuple[CapacityGroup, Scenario] | None:
    """The tightest capacity group whose sections have no timetable on their own, and that smaller scenario."""
    deadline = time.monotonic() + time_limit
    for group in capacity_groups(project, scenario):
        left = deadline - time.monotonic()
        if left < 0.3:
            break
        alone = dataclasses.replace(scenario, sections=list(group.sections), looping_rules=[], solution=Solution())
        ids = {s.id for s in group.sections}
        if _infeasible(
            project, alone, [p for p in pins if p.section_id in ids], min(left, max(1.0, 0.25 * time_limit)), seed
        ):
            return group, alone
    return None


def _infeasible(project: Project, alone: Scenario, pins: list[Placement], limit: float, seed: int) -> bool:
    ctx = Context(project, alone, rules=HARD_RULES, pins=pins)
    for rule in HARD_RULES.values():
        rule.add(ctx)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False  # Ctrl+C is the caller's (see engine._params)
    return solver.solve(ctx.model) == cp_model.INFEASIBLE


def group_conflict(group: CapacityGroup, why: Conflict | None = None) -> Conflict:
    """The group in plain words with its numbers; ``why``: the explanation pass on its sections alone."""
    meetings = sum(s.meetings_per_cycle for s in group.sections)
    names = sorted(s.name or s.id for s in group.sections)
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    message = (
        f"The {len(group.sections)} sections that can only use {group.label} ({fmt_minutes(meetings)} meetings, "
        f"{fmt_minutes(group.demand)} {group.unit} per cycle; {group.supply}) have no timetable even on their own: "
        f"{shown}"
    )
    records = group.records[:4] + [("section", s.id) for s in group.sections[:4]]
    if why is not None and why.records:
        message += f". Among them: {why.message}"
        records = list(dict.fromkeys(why.records + records))
    return Conflict(message, records)
