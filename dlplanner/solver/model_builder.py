"""The shared variables: one boolean per (section, day type, allowed start), its teachers and its rooms;
the advisors of advisories left to the solver and the cohorts of teams left to it.

Every rule module in :mod:`dlplanner.solver.rules` adds constraints over these. Meetings of one section
are interchangeable, so there is no meeting index in the model: indexes are given in time order after
solving (pinned meetings keep theirs). A meeting chooses a room class (:mod:`dlplanner.solver.room_classes`).

What a candidate may be is the rules' word, asked before any variable is made: the rules' ``spans``
narrow a section's (start, end) options on a day type, their ``rooms`` the rooms it may use, and
their ``busy`` say when a cohort, teacher or room cannot meet. Candidates (and pool teachers, rooms)
that a rule forbids are dropped; in *explain* mode they are kept, and the rule forbids them only under
the assumption literal of the requirement group that forbids them, so the explanation pass can name
it. Pinned candidates are kept too: a pin that breaks a rule makes the model infeasible, and the
explanation names both.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from dlplanner.domain.model import Advisory, Placement, Project, Scenario, Section
from dlplanner.solver.explanation import Explanation
from dlplanner.solver.objective import Objective
from dlplanner.solver.pools import BIG_MEETINGS, KEEP, POOL_LITERALS_LIMIT, narrow_pools
from dlplanner.solver.room_classes import RoomClass, room_classes
from dlplanner.solver.timegrid import TimeGrid

Lit = cp_model.IntVar  # booleans, and their negations, are what we store
Span = tuple[int, int]


@dataclass(frozen=True)
class Rule:
    """One rule of the registry: its constraints, and what it rules out before the variables are made."""

    add: Callable[[Context], None]
    # narrows a section's (start, end) options on a day type
    spans: Callable[[Context, Section, str, list[Span]], list[Span]] | None = None
    # group keys of the reasons a resource ("cohort"|"teacher"|"room", id) cannot meet on a day type then
    busy: Callable[[Context, tuple[str, str], str, int, int], list[str]] | None = None
    # narrows the rooms a section may use
    rooms: Callable[[Context, Section, list[str]], list[str]] | None = None


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
    rooms: list[str]  # rooms it may use (empty when the project has no rooms)
    atoms: tuple[int, ...]  # term atoms (see TimeGrid)
    candidates: list[Candidate] = field(default_factory=list)
    teacher_vars: dict[str, Lit] = field(default_factory=dict)  # pool teacher -> chosen
    pinned: list[Placement] = field(default_factory=list)
    preferred: list[str] = field(default_factory=list)  # pool teachers hinted first (narrowed pools)


@dataclass
class Usage:
    """A literal that, when true, has ``resource`` busy on ``day`` in [start, end) during ``atoms``."""

    resource: tuple[str, str]
    day: str
    start: int
    end: int
    lit: Lit
    atoms: tuple[int, ...]
    candidate: Candidate | None  # None: an advisory sitting of a chosen advisor
    advisory: Advisory | None = None  # that sitting's advisory


class Context:
    """The model and its shared variables (starts, teachers, rooms), with the scenario's time, objective and groups."""

    def __init__(
        self,
        project: Project,
        scenario: Scenario,
        *,
        rules: Mapping[str, Rule],
        explain: bool = False,
        weights: dict[str, int] | None = None,
        pins: list[Placement] | None = None,
        room_classes: bool = True,
        pool_keep: int | None = None,
    ) -> None:
        self.project = project
        self.scenario = scenario
        self.model = cp_model.CpModel()
        self.explanation = Explanation(self.model, project, scenario, explain)
        self.objective = Objective(self.model, scenario.rules.weights, weights)
        self.grid = TimeGrid(project, scenario)
        self.pins = pins or []
        self.teachers = {t.id: t for t in project.teachers}
        self.rooms = {r.id: r for r in project.rooms}
        self.cohorts = {c.id: c for c in project.cohorts}
        self.subjects = {s.id: s for s in project.subjects}
        self._spans = [r.spans for r in rules.values() if r.spans is not None]
        self._busy = [(rid, r.busy) for rid, r in rules.items() if r.busy is not None]
        self._rooms = [r.rooms for r in rules.values() if r.rooms is not None]
        self.sections: list[SectionInfo] = []
        self.usages: list[Usage] = []
        self._usage_index: dict[str, dict[tuple[str, str], list[Usage]]] = {}
        self._busy_cache: dict[tuple[str, str, frozenset[int]], list] = {}
        self._reasons_cache: dict[tuple, list[tuple[str, str]]] = {}
        self.points: dict[str, list[int]] = {}
        self.use_room_classes = room_classes
        self.room_classes: dict[str, RoomClass] = {}
        self.class_of_room: dict[str, str] = {}
        self.assignment: dict[int, str] | None = None  # id(candidate) -> room, set by the room pass
        # advisory id -> candidate teacher -> "leads it" (advisories whose advisor the solver chooses)
        self.advisor_vars: dict[str, dict[str, Lit]] = {}
        # a chosen advisor's sittings: teacher usages with no candidate (clash, availability, planning, travel)
        self.sitting_usages: list[Usage] = []
        # team id -> cohort of its pool -> "the team takes it"
        self.team_vars: dict[str, dict[str, Lit]] = {}
        # teachers kept per pool section (see dlplanner.solver.pools): None = decide by the model's size,
        # 0 = whole pools; ``narrowed`` says whether any pool was cut
        self.pool_keep = pool_keep
        self.narrowed = False
        self.narrowed_rooms = False
        self.big = False  # a big model: pools and room classes narrowed where they can be (see _pools)
        self._build()
        self._build_choices()

    # -- what the rules allow ---------------------------------------------------------------
    def spans(self, section: Section, day: str) -> list[Span]:
        """The (start, end) options of a section's meetings on a day type, as the rules narrow them."""
        spans = self.grid.spans(section, day)
        for narrow in self._spans:
            spans = narrow(self, section, day, spans)
        return spans

    def allowed_rooms(self, section: Section) -> list[str]:
        rooms = [r.id for r in self.project.rooms]
        for narrow in self._rooms:
            rooms = narrow(self, section, rooms)
        return rooms

    def _busy_reasons(self, res: tuple[str, str], day: str, start: int, end: int) -> list[tuple[str, str]]:
        """Why the resource cannot meet then (cached: pool teachers and rooms are asked once per time)."""
        key = (res, day, start, end)
        found = self._reasons_cache.get(key)
        if found is None:
            found = [(rule_id, k) for rule_id, busy in self._busy for k in busy(self, res, day, start, end)]
            self._reasons_cache[key] = found
        return found

    # -- building ---------------------------------------------------------------------------
    def _pools(self, spans: dict[str, dict[str, list[Span]]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """Pool per pool section, narrowed on big models (:mod:`dlplanner.solver.pools`), and its preferred teachers."""
        pools = {
            s.id: [t.id for t in self.project.qualified_teachers(s)]
            for s in self.scenario.sections
            if not s.teacher_ids
        }
        literals = sum(len(pool) * sum(len(v) for v in spans[sid].values()) for sid, pool in pools.items())
        meetings = sum(s.meetings_per_cycle for s in self.scenario.sections)
        keep = self.pool_keep
        if keep is None:
            keep = KEEP if literals > POOL_LITERALS_LIMIT or meetings >= BIG_MEETINGS else 0
        self.big = bool(keep) and not self.explanation.enabled
        if not keep or self.explanation.enabled:
            return pools, {}
        self.narrowed_rooms = self.pool_keep is None  # big model: narrow the room classes too
        minutes = {
            sid: self.scenario.section(sid).meetings_per_cycle
            * min((e - st for v in spans[sid].values() for st, e in v), default=0)
            for sid in pools
        }
        kept, preferred = narrow_pools(self.project, self.scenario, pools, minutes, keep, self.pins)
        self.narrowed = any(len(kept[sid]) < len(pools[sid]) for sid in pools)
        return kept, preferred

    def _build(self) -> None:
        model = self.model
        explain = self.explanation.enabled
        pins_by_section: dict[str, list[Placement]] = defaultdict(list)
        for p in self.pins:
            pins_by_section[p.section_id].append(p)
        spans = {s.id: {day: self.spans(s, day) for day in self.grid.day_ids} for s in self.scenario.sections}
        pools, preferred = self._pools(spans)
        for section in self.scenario.sections:
            if section.teacher_ids:
                fixed, pool = list(dict.fromkeys(section.teacher_ids)), []
            else:
                fixed, pool = [], pools[section.id]
            info = SectionInfo(section, fixed, pool, self.allowed_rooms(section), self.grid.atoms_of(section))
            info.preferred = preferred.get(section.id, [])
            info.pinned = pins_by_section.get(section.id, [])
            pinned_at = {(p.day_type_id, p.start, p.end): p for p in info.pinned}
            for tid in pool:
                info.teacher_vars[tid] = model.new_bool_var("")
            for day in self.grid.day_ids:
                for start, end in spans[section.id][day]:
                    cand = Candidate(info, day, start, end)
                    pin = pinned_at.get((day, start, end))
                    if pin is not None:
                        cand.pinned_index = pin.meeting
                    for res in [("cohort", c) for c in section.cohort_ids] + [("teacher", t) for t in fixed]:
                        cand.reasons += self._busy_reasons(res, day, start, end)
                    cand.reasons = list(dict.fromkeys(cand.reasons))
                    if cand.reasons and not explain and pin is None:
                        continue
                    cand.lit = model.new_bool_var("")
                    for tid in fixed:
                        cand.teacher_lits[tid] = cand.lit
                    for tid in pool:
                        reasons = self._busy_reasons(("teacher", tid), day, start, end)
                        if reasons:
                            cand.forbidden_teachers[tid] = reasons
                            if not explain:
                                continue
                        y = info.teacher_vars[tid]
                        z = model.new_bool_var("")
                        model.add_bool_or([cand.lit.negated(), y.negated(), z])
                        model.add_implication(z, cand.lit)
                        model.add_implication(z, y)
                        cand.teacher_lits[tid] = z
                    info.candidates.append(cand)
            self.sections.append(info)
        self.room_classes = room_classes(self, together=self.use_room_classes)
        self.class_of_room = {rid: cls.id for cls in self.room_classes.values() for rid in cls.rooms}
        classes_of = {
            id(info): list(dict.fromkeys(self.class_of_room[r] for r in info.rooms if r in self.class_of_room))
            for info in self.sections
        }
        if self.narrowed_rooms:
            classes_of = self._narrow_room_classes(classes_of)
        for info in self.sections:
            for cand in info.candidates:
                self._add_rooms(cand, classes_of[id(info)])
        self._collect_usages()

    def _build_choices(self) -> None:
        """Variables for the advisors and team cohorts left to the solver (``advisor_choice``, ``team_choice``)."""
        year_long = self.grid.atoms_of_term(None)
        for advisory in self.project.advisories:
            if advisory.advisor_id:
                continue
            pool = (
                [t for t in advisory.advisor_pool if t in self.teachers]
                if advisory.advisor_pool
                else list(self.teachers)
            )
            choice = {tid: self.model.new_bool_var("") for tid in dict.fromkeys(pool)}
            self.advisor_vars[advisory.id] = choice
            for sitting in self.grid.sittings:
                if sitting.advisory is advisory:
                    for tid, lit in choice.items():
                        self.sitting_usages.append(
                            Usage(
                                ("teacher", tid),
                                sitting.day,
                                sitting.start,
                                sitting.end,
                                lit,
                                year_long,
                                None,
                                advisory,
                            )
                        )
        cohorts = set(self.cohorts)
        for team in self.project.teams:
            if team.cohorts_needed > 0 or team.cohort_pool:
                pool = [c for c in dict.fromkeys(team.cohort_pool) if c in cohorts and c not in team.cohort_ids]
                self.team_vars[team.id] = {c: self.model.new_bool_var("") for c in pool}

    def chosen_sittings_of(self, tid: str) -> list[Usage]:
        """The sittings ``tid`` has when chosen as their advisory's advisor."""
        return [u for u in self.sitting_usages if u.resource == ("teacher", tid)]

    def _narrow_room_classes(self, classes_of: dict[int, list[str]]) -> dict[int, list[str]]:
        """On big models, a section keeps the room classes with the fewest features beyond its needs.

        A plain class does not take a lab as long as the plain rooms have room for every section
        sent to them (at most 90 % of their class blocks): one room literal per meeting instead of
        one per room class. A class that would be fuller gives its sections all their classes back.
        Like narrowed pools (:mod:`dlplanner.solver.pools`), this keeps every timetable valid and
        loses the proofs; the engine widens again when the narrowed model has no timetable.
        """
        slots = sum(len(blocks) for blocks in self.grid.class_blocks.values())
        out: dict[int, list[str]] = {}
        demand: dict[str, float] = defaultdict(float)
        for info in self.sections:
            classes = classes_of[id(info)]
            extra = {c: len(self.rooms[c].features - info.section.room_features) for c in classes}
            least = min(extra.values(), default=0)
            kept = [c for c in classes if extra[c] == least]
            out[id(info)] = kept
            blocks = info.section.meetings_per_cycle * (info.section.length_blocks or 1)
            for c in kept:
                demand[c] += blocks / len(kept)
        full = {c for c, d in demand.items() if d > 0.9 * slots * len(self.room_classes[c].rooms)}
        for info in self.sections:
            if any(c in full for c in out[id(info)]):
                out[id(info)] = classes_of[id(info)]
        if any(out[k] != classes_of[k] for k in out):
            self.narrowed = True
        return out

    def _add_rooms(self, cand: Candidate, classes: list[str]) -> None:
        explain = self.explanation.enabled
        rooms = []
        for cid in classes:
            # every room of a class is held by the same sittings at meeting times: ask its first
            reasons = self._busy_reasons(("room", cid), cand.day, cand.start, cand.end)
            if reasons:
                cand.room_reasons[cid] = reasons
                if not explain:
                    continue
            rooms.append(cid)
        if len(rooms) == 1 and not explain:
            cand.room_lits[rooms[0]] = cand.lit  # its one room, whenever it meets
            return
        for cid in rooms:
            cand.room_lits[cid] = self.model.new_bool_var("")

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
        for s in self.grid.sittings:
            starts[s.day].add(s.start)
        self.points = {d: sorted(starts.get(d, ())) for d in self.grid.day_ids}

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

    def covered_points(self, day: str, start: int, end: int) -> list[int]:
        """The time points (meeting and sitting starts) of the day type in [start, end)."""
        pts = self.points[day]
        return pts[bisect.bisect_left(pts, start) : bisect.bisect_left(pts, end)]

    def capacity(self, resource: tuple[str, str]) -> int:
        """How many meetings the resource can host at once: a room class's room count, else 1."""
        if resource[0] == "room":
            return len(self.room_classes[resource[1]].rooms)
        return 1

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
            for block in self.grid.class_blocks[day]:
                lits = list(
                    {u.lit.index: u.lit for u in usages if u.start < block.end and block.start < u.end}.values()
                )
                if not lits:
                    out.append(0)
                elif len(lits) == 1:
                    out.append(lits[0])
                else:
                    b = self.model.new_bool_var("")
                    self.model.add_max_equality(b, lits)
                    out.append(b)
            self._busy_cache[key] = out
        return self._busy_cache[key]

    def hint(
        self,
        placements: list[Placement],
        advisors: Mapping[str, str] | None = None,
        team_cohorts: Mapping[str, list[str]] | None = None,
    ) -> None:
        """Warm start: the given placements' starts, rooms and teachers (and chosen advisors, team cohorts) as hints."""
        self.model.clear_hints()
        for aid, choice in self.advisor_vars.items():
            if advisors and aid in advisors:
                for tid, lit in choice.items():
                    self.model.add_hint(lit, tid == advisors[aid])
        for team_id, choice in self.team_vars.items():
            if team_cohorts and team_id in team_cohorts:
                for cid, lit in choice.items():
                    self.model.add_hint(lit, cid in team_cohorts[team_id])
        by_section: dict[str, list[Placement]] = defaultdict(list)
        for p in placements:
            by_section[p.section_id].append(p)
        for info in self.sections:
            given = by_section.get(info.section.id)
            if not given:
                for tid, y in info.teacher_vars.items():
                    if info.preferred:
                        self.model.add_hint(y, tid in info.preferred)
                continue
            at = {(p.day_type_id, p.start, p.end): p for p in given}
            teachers = {t for p in given for t in p.teacher_ids}
            for tid, y in info.teacher_vars.items():
                self.model.add_hint(y, tid in teachers)
            for cand in info.candidates:
                p = at.get((cand.day, cand.start, cand.end))
                self.model.add_hint(cand.lit, p is not None)
                if p is not None and p.room_id is None:
                    continue  # times only (a room pass that failed): let the solver choose rooms
                hinted = self.class_of_room.get(p.room_id or "") if p is not None else None
                for cid, w in cand.room_lits.items():
                    if w is not cand.lit:
                        self.model.add_hint(w, hinted == cid)
