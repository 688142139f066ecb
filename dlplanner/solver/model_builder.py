"""Turn a scenario into CP-SAT variables: one boolean per (section, day type, allowed start).

The geometry (class runs, allowed starts, advisory sittings, term overlap) is computed here once,
with plain loops; the rule modules in :mod:`dlplanner.solver.rules` then add constraints over the
variables built here. Meetings of one section are interchangeable, so there is no meeting index in
the model: indexes are given in time order after solving (pinned meetings keep theirs).

Interchangeable rooms (they fit the same sections, are on the same campus and are held by the same
advisory sittings at meeting times) form a *room class*: a meeting chooses a class, a class hosts at
most as many meetings at a time as it has rooms, and :mod:`dlplanner.solver.rooms` picks the actual
rooms after solving. A pinned room is a class of its own; in explain mode rooms held by different
advisories are in different classes, so a forbid reason names the right advisory.

Candidates that a hard rule forbids upfront (a fixed teacher's unavailability, an internship window of
one of its cohorts, an advisory sitting of one of its resources) are dropped before any variable is
made. In *explain* mode they are kept, and the rule modules forbid them only under the assumption
literal of the requirement group that forbids them, so the explanation pass can name it.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from dlplanner.domain.geometry import in_term_slice, term_slices
from dlplanner.domain.model import (
    Advisory,
    Block,
    BlockKind,
    Placement,
    Project,
    Scenario,
    Section,
    fmt_time,
)

DEFAULT_WEIGHTS: dict[str, int] = {
    "spread_days": 10,
    "subject_twice_daily": 5,
    "teacher_gaps": 1,
    "consecutive_teaching": 3,
    "teacher_preferences": 2,
    "long_blocks_pbl": 2,
    "daily_load_balance": 1,
    "room_changes": 1,
}

Lit = cp_model.IntVar  # booleans, and their negations, are what we store


@dataclass
class Group:
    """A requirement group: what one assumption literal switches on in the explanation pass."""

    key: str
    message: str
    records: list[tuple[str, str]]


@dataclass
class Candidate:
    """One possible meeting of a section: day type, start and end; ``lit`` is true when chosen."""

    info: SectionInfo
    day: str
    start: int
    end: int
    lit: Lit | None = None
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (rule id, group key) forbidding it
    teacher_lits: dict[str, Lit] = field(default_factory=dict)  # teacher id -> "meets with this teacher"
    forbidden_teachers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # pool teacher -> reasons
    room_lits: dict[str, Lit] = field(default_factory=dict)  # room class id -> "meets in a room of this class"
    room_reasons: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # room class id -> reasons
    pinned_index: int | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass
class SectionInfo:
    section: Section
    fixed_teachers: list[str]
    pool: list[str]  # empty for fixed teachers
    rooms: list[str]  # rooms that fit (empty when the project has no rooms)
    atoms: tuple[int, ...]  # term atoms (see Context.term_atoms)
    candidates: list[Candidate] = field(default_factory=list)
    teacher_vars: dict[str, Lit] = field(default_factory=dict)  # pool teacher -> chosen
    pinned: list[Placement] = field(default_factory=list)


@dataclass
class RoomClass:
    """Interchangeable rooms; its id is its first room's id (so a one-room class is named by its room)."""

    id: str
    rooms: list[str]
    campus: str | None


@dataclass
class Sitting:
    """An advisory in one of its blocks: fixed, it only pre-occupies its advisor, cohorts and room."""

    advisory: Advisory
    day: str
    start: int
    end: int


@dataclass
class Usage:
    """A literal that, when true, has ``resource`` busy on ``day`` in [start, end) during ``atoms``."""

    resource: tuple[str, str]
    day: str
    start: int
    end: int
    lit: Lit
    atoms: tuple[int, ...]
    candidate: Candidate


@dataclass
class Penalty:
    """A soft-rule term: ``weight * max(0, max(exprs))``, evaluated again on the solution to report it."""

    rule_id: str
    weight: int
    exprs: list
    var: object
    evaluate: Callable[[cp_model.CpSolver], int] | None = None  # default: max(0, max(exprs))

    def count(self, solver: cp_model.CpSolver) -> int:
        if self.evaluate is not None:
            return self.evaluate(solver)
        return max(0, *(int(solver.Value(e)) for e in self.exprs))


class Context:
    """Everything a rule module needs: the model, the scenario's geometry and the variables."""

    def __init__(
        self,
        project: Project,
        scenario: Scenario,
        *,
        explain: bool = False,
        weights: dict[str, int] | None = None,
        pins: list[Placement] | None = None,
        room_classes: bool = True,
    ) -> None:
        self.project = project
        self.scenario = scenario
        self.explain = explain
        self.model = cp_model.CpModel()
        self.weights = dict(DEFAULT_WEIGHTS)
        self.weights.update(scenario.rules.weights)
        if weights:
            self.weights.update(weights)
        self.pins = pins or []
        self.groups: dict[str, Group] = {}
        self.assumptions: dict[str, Lit] = {}
        self.penalties: list[Penalty] = []
        self.messages: list[str] = []
        self.teachers = {t.id: t for t in project.teachers}
        self.rooms = {r.id: r for r in project.rooms}
        self.cohorts = {c.id: c for c in project.cohorts}
        self.subjects = {s.id: s for s in project.subjects}
        self.day_ids = [d.id for d in scenario.day_types]
        self.day_names = {d.id: d.name for d in scenario.day_types}
        self._schedules = {d.id: scenario.bell_schedule(d.bell_schedule_id) for d in scenario.day_types}
        self.blocks: dict[str, list[Block]] = {d: s.sorted_blocks() for d, s in self._schedules.items()}
        self.class_blocks: dict[str, list[Block]] = {
            d: [b for b in bl if b.kind == BlockKind.CLASS] for d, bl in self.blocks.items()
        }
        self._runs: dict[tuple[str, bool], list[list[Block]]] = {}
        self.n_atoms, self._term_atoms = self._compute_term_atoms()
        self.all_atoms = tuple(range(self.n_atoms))
        self.soft_atoms = self._compute_soft_atoms()
        self.internships_of: dict[str, list] = defaultdict(list)
        for internship in scenario.internships:
            for cid in internship.cohort_ids:
                self.internships_of[cid].append(internship)
        self.sittings = self._compute_sittings()
        self.busy_fixed: dict[tuple[str, str], list[Sitting]] = defaultdict(list)
        for sitting in self.sittings:
            for res in self.sitting_resources(sitting):
                self.busy_fixed[res].append(sitting)
        self.sections: list[SectionInfo] = []
        self.usages: list[Usage] = []
        self._usage_index: dict[str, dict[tuple[str, str], list[Usage]]] = {}
        self._busy_cache: dict[tuple[str, str, frozenset[int]], list] = {}
        self.points: dict[str, list[int]] = {}
        self.use_room_classes = room_classes
        self.room_classes: dict[str, RoomClass] = {}
        self.class_of_room: dict[str, str] = {}
        self.assignment: dict[int, str] | None = None  # id(candidate) -> room, set by the room pass
        self._build()

    # -- groups and assumptions -------------------------------------------------------------
    def group(self, key: str, message: str, records: list[tuple[str, str]]) -> list[Lit]:
        """Enforcement literals for a requirement group: none normally, its assumption when explaining."""
        if not self.explain:
            return []
        if key not in self.assumptions:
            self.groups[key] = Group(key, message, records)
            self.assumptions[key] = self.model.NewBoolVar(f"assume[{key}]")
        return [self.assumptions[key]]

    def reason_group(self, key: str) -> list[Lit]:
        """The enforcement literals of a group named by a forbid reason (see :meth:`_reasons`)."""
        kind, _, rec = key.partition(":")
        if kind == "unavailable":
            t = self.teachers[rec]
            return self.group(key, f"{t.name}'s unavailability{self._days_of(t.unavailable)}", [("teacher", rec)])
        if kind == "internship":
            i = next(i for i in self.scenario.internships if i.id == rec)
            names = ", ".join(self.cohorts[c].name for c in i.cohort_ids if c in self.cohorts)
            return self.group(
                key,
                f"the internship '{i.name}' ({names} off campus{self._days_of(i.windows)})",
                [("internship", rec)] + [("cohort", c) for c in i.cohort_ids],
            )
        if kind == "advisory":
            a = next(a for a in self.project.advisories if a.id == rec)
            advisor = self.teachers[a.advisor_id].name if a.advisor_id in self.teachers else a.advisor_id
            return self.group(key, f"advisory '{a.name}' with {advisor} at its blocks", [("advisory", rec)])
        raise KeyError(key)

    def _days_of(self, windows: list) -> str:
        days = []
        for w in windows:
            name = "every day" if w.day_type_id is None else self.day_names.get(w.day_type_id, w.day_type_id)
            label = f"{name} {fmt_time(w.start)}–{fmt_time(w.end)}"
            if label not in days:
                days.append(label)
        return f" on {', '.join(days)}" if days else ""

    # -- soft terms -------------------------------------------------------------------------
    def weight(self, rule_id: str) -> int:
        return int(self.weights.get(rule_id, DEFAULT_WEIGHTS.get(rule_id, 0)))

    def add_penalty(
        self,
        rule_id: str,
        weight: int,
        exprs: list,
        *,
        upper: int,
        direct: bool = False,
        evaluate: Callable[[cp_model.CpSolver], int] | None = None,
    ) -> object | None:
        """Penalise ``weight * max(0, max(exprs))``; ``direct`` when the single expr is already ≥ 0."""
        if weight == 0 or not exprs:
            return None
        if direct and len(exprs) == 1:
            var = exprs[0]
        else:
            var = self.model.NewIntVar(0, max(0, upper), "")
            for e in exprs:
                self.model.Add(var >= e)
        self.penalties.append(Penalty(rule_id, weight, exprs, var, evaluate))
        return var

    def add_worst_slice_penalty(self, rule_id: str, weight: int, slices: list[list[tuple[list, int]]]) -> None:
        """Penalise ``weight`` × the most units of one slice of the year (one teacher's or cohort's worst week).

        ``slices`` holds, per soft atom, counts ``(exprs, upper)`` of ``max(0, max(exprs))`` units each;
        a count (the same tuple) listed in several slices is one variable. With one distinct slice (no
        school terms, or only year-long meetings) every count is a penalty of its own, as before terms.
        """
        if weight == 0:
            return
        distinct: dict[tuple[int, ...], list[tuple[list, int]]] = {}
        for counts in slices:
            if counts:
                distinct.setdefault(tuple(id(c) for c in counts), counts)
        if not distinct:
            return
        if len(distinct) == 1:
            for exprs, upper in next(iter(distinct.values())):
                self.add_penalty(rule_id, weight, exprs, upper=upper)
            return
        units: dict[int, object] = {}
        for counts in distinct.values():
            for count in counts:
                if id(count) not in units:
                    exprs, upper = count
                    var = self.model.NewIntVar(0, max(0, upper), "")
                    for e in exprs:
                        self.model.Add(var >= e)
                    units[id(count)] = var
        worst = self.model.NewIntVar(0, max(sum(u for _, u in counts) for counts in distinct.values()), "")
        for counts in distinct.values():
            self.model.Add(worst >= sum(units[id(c)] for c in counts))

        def evaluate(solver: cp_model.CpSolver) -> int:
            return max(
                sum(max(0, *(int(solver.Value(e)) for e in exprs)) for exprs, _ in counts)
                for counts in distinct.values()
            )

        self.penalties.append(Penalty(rule_id, weight, [], worst, evaluate))

    def objective(self):
        return sum(p.weight * p.var for p in self.penalties)

    # -- shared lookups for rules -----------------------------------------------------------
    def usages_of(self, kind: str) -> dict[tuple[str, str], list[Usage]]:
        """Usages by resource (cached per kind)."""
        if kind not in self._usage_index:
            index: dict[tuple[str, str], list[Usage]] = defaultdict(list)
            for u in self.usages:
                if u.resource[0] == kind:
                    index[u.resource].append(u)
            self._usage_index[kind] = index
        return self._usage_index[kind]

    def teacher_busy_blocks(self, tid: str, day: str, atom: int | None = None) -> list[Lit | int]:
        """Per class block of the day type: a literal "the teacher has a meeting overlapping it" (or 0).

        With ``atom``, only meetings running in that part of the year count; the same meetings give
        the same (cached) list, so a teacher of year-long sections only has one list per day.
        """
        usages = [
            u
            for u in self.usages_of("teacher").get(("teacher", tid), [])
            if u.day == day and (atom is None or atom in u.atoms)
        ]
        key = (tid, day, frozenset(id(u) for u in usages))
        if key not in self._busy_cache:
            out: list[Lit | int] = []
            for block in self.class_blocks[day]:
                lits = list(
                    {u.lit.Index(): u.lit for u in usages if u.start < block.end and block.start < u.end}.values()
                )
                if not lits:
                    out.append(0)
                elif len(lits) == 1:
                    out.append(lits[0])
                else:
                    b = self.model.NewBoolVar("")
                    self.model.AddMaxEquality(b, lits)
                    out.append(b)
            self._busy_cache[key] = out
        return self._busy_cache[key]

    # -- geometry ---------------------------------------------------------------------------
    def runs(self, day: str, allow_breaks: bool) -> list[list[Block]]:
        key = (day, allow_breaks)
        if key not in self._runs:
            self._runs[key] = self._schedules[day].class_runs(allow_breaks)
        return self._runs[key]

    def _compute_term_atoms(self) -> tuple[int, dict[str, tuple[int, ...]]]:
        """The parts of the year (domain ``term_slices``) as atoms: two sections can clash iff they share one.

        An intersession's atom holds only its own sections (see ``in_term_slice``).
        """
        terms = {t.id: t for t in self.scenario.calendar.terms}
        self._year_parts = term_slices(terms, (s.term_id for s in self.scenario.sections))
        of_term = {
            tid: tuple(i for i, part in enumerate(self._year_parts) if in_term_slice(tid, terms, part))
            for tid in [None, *{s.term_id for s in self.scenario.sections if s.term_id is not None}]
        }
        return len(self._year_parts), of_term

    def _compute_soft_atoms(self) -> list[int]:
        """Every atom: each is a part of the year with its own set of running terms (docs/rules.md)."""
        return list(range(self.n_atoms))

    def atoms_of(self, section: Section) -> tuple[int, ...]:
        return self._term_atoms[section.term_id]

    def internship_windows(self, cohort_id: str, day: str) -> list[tuple[int, int, str]]:
        """[start − travel, end + travel) of the cohort's internship windows on a day type."""
        out = []
        for internship in self.internships_of.get(cohort_id, []):
            for w in internship.windows:
                if w.applies_to(day):
                    out.append((w.start - internship.travel_minutes, w.end + internship.travel_minutes, internship.id))
        return out

    def _compute_sittings(self) -> list[Sitting]:
        """The advisory sittings fixed by the bell schedule (see rule ``advisory_time``)."""
        sittings = []
        for advisory in self.project.advisories:
            if advisory.meeting_blocks:
                for ref in advisory.meeting_blocks:
                    block = next((b for b in self.blocks.get(ref.day_type_id, []) if b.id == ref.block_id), None)
                    if block is not None:
                        sittings.append(Sitting(advisory, ref.day_type_id, block.start, block.end))
                continue
            for day in self.day_ids:
                for block in self.blocks[day]:
                    if block.kind != BlockKind.ADVISORY:
                        continue
                    away = any(
                        s < block.end and block.start < e
                        for cid in advisory.cohort_ids
                        for s, e, _ in self.internship_windows(cid, day)
                    )
                    if not away:
                        sittings.append(Sitting(advisory, day, block.start, block.end))
        return sittings

    def sitting_resources(self, sitting: Sitting) -> list[tuple[str, str]]:
        a = sitting.advisory
        res = [("teacher", a.advisor_id)] + [("cohort", c) for c in a.cohort_ids]
        if a.room_id:
            res.append(("room", a.room_id))
        return res

    def allowed_intervals(self, section: Section, day: str) -> list[tuple[int, int]]:
        """Every (start, end) where a meeting of the section fits in one class run of the day type."""
        out: list[tuple[int, int]] = []
        for run in self.runs(day, section.allow_break_span):
            for i, block in enumerate(run):
                if section.length_minutes is not None:
                    end = block.start + section.length_minutes
                    if end > run[-1].end or section.length_minutes <= 0:
                        continue
                else:
                    k = section.length_blocks or 1
                    if i + k > len(run):
                        continue
                    end = run[i + k - 1].end
                if (block.start, end) not in out:
                    out.append((block.start, end))
        return out

    def fitting_rooms(self, section: Section) -> list[str]:
        if not self.project.rooms:
            return []
        if section.room_id:
            return [section.room_id] if section.room_id in self.rooms else []
        need = section.min_capacity if section.min_capacity is not None else self.project.section_enrolment(section)
        return [r.id for r in self.project.rooms if section.room_features <= r.features and r.capacity >= need]

    def _busy_reasons(self, res: tuple[str, str], day: str, start: int, end: int) -> list[tuple[str, str]]:
        reasons = []
        for s in self.busy_fixed.get(res, ()):
            if s.day == day and s.start < end and start < s.end:
                reasons.append(("advisory_time", f"advisory:{s.advisory.id}"))
        teacher = self.teachers.get(res[1]) if res[0] == "teacher" else None
        if teacher is not None and any(w.overlaps(day, start, end) for w in teacher.unavailable):
            reasons.append(("teacher_available", f"unavailable:{res[1]}"))
        return reasons

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        model = self.model
        pins_by_section: dict[str, list[Placement]] = defaultdict(list)
        for p in self.pins:
            pins_by_section[p.section_id].append(p)
        for section in self.scenario.sections:
            if section.teacher_ids:
                fixed, pool = list(dict.fromkeys(section.teacher_ids)), []
            else:
                fixed, pool = [], [t.id for t in self.project.qualified_teachers(section)]
            info = SectionInfo(section, fixed, pool, self.fitting_rooms(section), self.atoms_of(section))
            info.pinned = pins_by_section.get(section.id, [])
            pinned_at = {(p.day_type_id, p.start, p.end): p for p in info.pinned}
            for tid in pool:
                info.teacher_vars[tid] = model.NewBoolVar("")
            for day in self.day_ids:
                for start, end in self.allowed_intervals(section, day):
                    cand = Candidate(info, day, start, end)
                    pin = pinned_at.get((day, start, end))
                    if pin is not None:
                        cand.pinned_index = pin.meeting
                    for cid in section.cohort_ids:
                        for ws, we, iid in self.internship_windows(cid, day):
                            if ws < end and start < we:
                                cand.reasons.append(("internship_window", f"internship:{iid}"))
                        cand.reasons += self._busy_reasons(("cohort", cid), day, start, end)
                    for tid in fixed:
                        cand.reasons += self._busy_reasons(("teacher", tid), day, start, end)
                    cand.reasons = list(dict.fromkeys(cand.reasons))
                    if cand.reasons and not self.explain and pin is None:
                        continue
                    cand.lit = model.NewBoolVar("")
                    for tid in fixed:
                        cand.teacher_lits[tid] = cand.lit
                    for tid in pool:
                        reasons = self._busy_reasons(("teacher", tid), day, start, end)
                        if reasons:
                            cand.forbidden_teachers[tid] = reasons
                            if not self.explain:
                                continue
                        y = info.teacher_vars[tid]
                        z = model.NewBoolVar("")
                        model.AddBoolOr([cand.lit.Not(), y.Not(), z])
                        model.AddImplication(z, cand.lit)
                        model.AddImplication(z, y)
                        cand.teacher_lits[tid] = z
                    info.candidates.append(cand)
            self.sections.append(info)
        self._compute_room_classes()
        for info in self.sections:
            classes = list(dict.fromkeys(self.class_of_room[r] for r in info.rooms if r in self.class_of_room))
            for cand in info.candidates:
                self._add_rooms(cand, classes)
        self._collect_usages()

    def _compute_room_classes(self) -> None:
        """Group rooms that no rule can tell apart (see the module docstring)."""
        fits: dict[str, list[str]] = defaultdict(list)
        for info in self.sections:
            for rid in info.rooms:
                fits[rid].append(info.section.id)
        spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
        for info in self.sections:
            for cand in info.candidates:
                spans[cand.day].add((cand.start, cand.end))
        pinned_rooms = {p.room_id for p in self.pins if p.room_id}
        groups: dict[tuple, list[str]] = {}
        for room in self.project.rooms:
            if room.id not in fits:
                continue
            held = frozenset(
                (s.day, s.start, s.end, s.advisory.id if self.explain else "")
                for s in self.busy_fixed.get(("room", room.id), ())
                if any(a < s.end and s.start < b for a, b in spans[s.day])
            )
            alone = not self.use_room_classes or room.id in pinned_rooms
            key = (room.id,) if alone else (tuple(fits[room.id]), room.campus_id, held)
            groups.setdefault(key, []).append(room.id)
        for rooms in groups.values():
            cls = RoomClass(rooms[0], rooms, self.rooms[rooms[0]].campus_id)
            self.room_classes[cls.id] = cls
            for rid in rooms:
                self.class_of_room[rid] = cls.id

    def capacity(self, resource: tuple[str, str]) -> int:
        """How many meetings the resource can host at once: a room class's room count, else 1."""
        if resource[0] == "room":
            return len(self.room_classes[resource[1]].rooms)
        return 1

    def _add_rooms(self, cand: Candidate, classes: list[str]) -> None:
        rooms = []
        for cid in classes:
            # every room of a class is held by the same sittings at meeting times: ask its first
            reasons = self._busy_reasons(("room", cid), cand.day, cand.start, cand.end)
            if reasons:
                cand.room_reasons[cid] = reasons
                if not self.explain:
                    continue
            rooms.append(cid)
        if len(rooms) == 1 and not self.explain:
            cand.room_lits[rooms[0]] = cand.lit  # linked exactly by room_fit (sum == lit)
            return
        for cid in rooms:
            cand.room_lits[cid] = self.model.NewBoolVar("")

    def _collect_usages(self) -> None:
        starts: dict[str, set[int]] = defaultdict(set)
        for info in self.sections:
            for cand in info.candidates:
                starts[cand.day].add(cand.start)
                for cid in info.section.cohort_ids:
                    self.usages.append(
                        Usage(("cohort", cid), cand.day, cand.start, cand.end, cand.lit, info.atoms, cand)
                    )
                for tid, lit in cand.teacher_lits.items():
                    self.usages.append(Usage(("teacher", tid), cand.day, cand.start, cand.end, lit, info.atoms, cand))
                for rid, lit in cand.room_lits.items():
                    self.usages.append(Usage(("room", rid), cand.day, cand.start, cand.end, lit, info.atoms, cand))
                if not info.section.cohort_ids and not cand.teacher_lits:
                    key = ("section", info.section.id)
                    self.usages.append(Usage(key, cand.day, cand.start, cand.end, cand.lit, info.atoms, cand))
        for s in self.sittings:
            starts[s.day].add(s.start)
        self.points = {d: sorted(starts.get(d, ())) for d in self.day_ids}

    def covered_points(self, day: str, start: int, end: int) -> list[int]:
        pts = self.points[day]
        return pts[bisect.bisect_left(pts, start) : bisect.bisect_left(pts, end)]

    def add_no_overlap(self, kind: str) -> int:
        """At most ``capacity`` usages of each resource of ``kind`` per (day type, time point, term atom)."""
        cover: dict[tuple, list[Lit]] = defaultdict(list)
        for u in self.usages:
            if u.resource[0] != kind:
                continue
            for p in self.covered_points(u.day, u.start, u.end):
                for a in u.atoms:
                    cover[(u.resource, u.day, p, a)].append(u.lit)
        seen: set[tuple[int, ...]] = set()
        count = 0
        for (resource, *_), lits in cover.items():
            cap = self.capacity(resource)
            if len(lits) <= cap:
                continue
            key = tuple(sorted(lit.Index() for lit in lits))
            if key in seen:
                continue
            seen.add(key)
            if cap == 1:
                self.model.AddAtMostOne(lits)
            else:
                self.model.Add(sum(lits) <= cap)
            count += 1
        return count

    def section_label(self, section: Section) -> str:
        return section.name or section.id

    def hint(self, placements: list[Placement]) -> None:
        """Warm start: the given placements' starts, rooms and teachers as CP-SAT hints."""
        self.model.ClearHints()
        by_section: dict[str, list[Placement]] = defaultdict(list)
        for p in placements:
            by_section[p.section_id].append(p)
        for info in self.sections:
            given = by_section.get(info.section.id)
            if not given:
                continue
            at = {(p.day_type_id, p.start, p.end): p for p in given}
            teachers = {t for p in given for t in p.teacher_ids}
            for tid, y in info.teacher_vars.items():
                self.model.AddHint(y, tid in teachers)
            for cand in info.candidates:
                p = at.get((cand.day, cand.start, cand.end))
                self.model.AddHint(cand.lit, p is not None)
                if p is not None and p.room_id is None:
                    continue  # times only (a room pass that failed): let the solver choose rooms
                hinted = self.class_of_room.get(p.room_id or "") if p is not None else None
                for cid, w in cand.room_lits.items():
                    if w is not cand.lit:
                        self.model.AddHint(w, hinted == cid)
