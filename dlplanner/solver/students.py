"""Sections first, then students: ``solve`` places the sections, then loads every requesting student.

The decomposition (why: docs/rules.md, "Students"): the sections' model (``engine.solve``) decides the
times of every section, cohort and open alike, with the conflict matrix in its objective (rule
``request_unmet`` keeps sections that many students need together apart); the students' model
(:class:`~dlplanner.solver.student_model.LoadContext`) then seats the students in the placed open
sections, with a greedy first load as its hint, and CP-SAT repairs and improves it. Then, in turns
(:mod:`dlplanner.solver.turns`), the open sections of no cohort are placed again jointly with the seats, the
rest fixed, and kept when the checker finds the result valid and better. A scenario without course requests
is solved exactly as before.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.geometry import overlap
from dlplanner.domain.model import Enrolment, Placement, Project, Scenario, Section, SolveStatus
from dlplanner.domain.students import cohort_subjects, open_seats, open_sections_by_subject, request_groups
from dlplanner.solver import engine, turns
from dlplanner.solver.rules import HARD_RULES, SOFT_RULES
from dlplanner.solver.student_model import Choice, Interval, LoadContext, StudentInfo, clash
from dlplanner.solver.timegrid import TimeGrid
from dlplanner.solver.types import SolveRequest, SolveResult

PLACEMENT_SHARE = 0.5  # of the time limit for placing the sections when there are students to load
# in turns (:mod:`dlplanner.solver.turns`): half the time for placing the sections as before, at most this share
# for loading the students (the load often stops earlier, when it stalls), the rest (about a third) for placing
# the open sections again with the seats. Placing with 35 % was tried: on New Tech's traditional-7 it gave the
# turn no worse a start (step 1 varies more from run to run than with its time beyond ~20 s), but the sections'
# soft rules get less time; the share stayed
TURNS_LOAD_SHARE = 0.15
TURNS = True  # the turn after the load (tests switch it off to see what it does)
STUDENT_RULES = ("student_clash", "section_capacity", "request_unmet", "section_balance")
# the load stops when CP-SAT has not improved for this share of its time limit (at least STALL_SECONDS): its
# bound is too weak to prove a load optimal, so without this every solve ran to its limit
STALL_SHARE = 0.2
STALL_SECONDS = 3.0


def has_students_to_load(project: Project, scenario: Scenario) -> bool:
    return bool(project.requests) or any(e.pinned for e in scenario.solution.enrolments)


def solve(
    request: SolveRequest, on_progress: engine.ProgressFn | None = None, should_stop: engine.StopFn | None = None
) -> SolveResult:
    """Place the sections (``engine.solve``), then seat the students who request open sections."""
    t0 = time.monotonic()
    project = request.project
    scenario = project.scenario(request.scenario_id)
    if not has_students_to_load(project, scenario):
        return engine.solve(request, on_progress, should_stop)
    # the turn only improves the soft rules: a solve asked to stop at its first timetable does not take it
    in_turns = TURNS and not request.first_only and turns.worth_a_turn(project, scenario)
    placed = engine.solve(replace(request, time_limit=request.time_limit * PLACEMENT_SHARE), on_progress, should_stop)
    if not placed.placements:
        return placed
    pins = [e for e in scenario.solution.enrolments if e.pinned] if request.respect_pins else []
    left = max(1.0, request.time_limit - (time.monotonic() - t0))
    if in_turns:
        left = min(left, max(1.0, TURNS_LOAD_SHARE * request.time_limit))
    load_began = time.monotonic() - t0
    loaded = load_students(
        project,
        scenario,
        placed.placements,
        time_limit=left,
        workers=request.workers,
        seed=request.seed,
        weights=request.weights,
        pins=pins,
        should_stop=should_stop,
    )
    placed.enrolments = loaded.enrolments
    if placed.penalties:
        placed.penalties = {**placed.penalties, **loaded.penalties}
    else:
        # the sections' soft rules were not evaluated (out of time, stopped): the students' penalties alone would
        # read as the whole timetable's, so the checker gives every rule's
        placed.penalties = check_timetable(
            project,
            scenario,
            placed.placements,
            advisors=placed.advisors,
            team_cohorts=placed.team_cohorts,
            enrolments=placed.enrolments,
        ).penalties
    placed.objective = float(sum(placed.penalties.values()))
    placed.best_bound = None  # the two models' bounds do not add up to one of the whole
    if placed.status == SolveStatus.OPTIMAL and not loaded.optimal:
        placed.status = SolveStatus.FEASIBLE
    placed.messages = [
        *placed.messages,
        *loaded.messages,
        f"first complete timetable with every student loaded at {load_began + loaded.first_load_at:.2f} s",
    ]
    if in_turns and not (should_stop and should_stop()):
        turn, notes = turns.place_open_sections(
            request,
            placed.placements,
            placed.enrolments,
            placed.advisors,
            placed.team_cohorts,
            time_limit=request.time_limit - (time.monotonic() - t0),
            enrolment_pins=pins,
            should_stop=should_stop,
        )
        placed.messages = [*placed.messages, *notes]
        if turn is not None:
            placed.placements, placed.enrolments = turn.placements, turn.enrolments
            placed.advisors, placed.team_cohorts = turn.advisors, turn.team_cohorts
            placed.penalties = {**placed.penalties, **turn.penalties}
            placed.objective = float(sum(placed.penalties.values()))
            placed.status = SolveStatus.FEASIBLE if placed.status == SolveStatus.OPTIMAL else placed.status
    placed.wall_time = time.monotonic() - t0
    return placed


@dataclass
class LoadResult:
    enrolments: list[Enrolment] = field(default_factory=list)
    penalties: dict[str, int] = field(default_factory=dict)
    optimal: bool = False
    messages: list[str] = field(default_factory=list)
    first_load_at: float = 0.0  # seconds after the load began when the greedy first load was complete
    bound: float | None = None  # CP-SAT's bound on the students' objective (weighted units)


def _section_times(grid: TimeGrid, scenario: Scenario, placements: list[Placement]) -> dict[str, list[Interval]]:
    sections = {s.id: s for s in scenario.sections}
    times: dict[str, list[Interval]] = defaultdict(list)
    for p in placements:
        if p.section_id in sections:
            times[p.section_id].append((p.day_type_id, p.start, p.end, grid.atoms_of(sections[p.section_id])))
    return times


def build_load_context(
    project: Project,
    scenario: Scenario,
    placements: list[Placement],
    weights: dict[str, int] | None = None,
    pins: list[Enrolment] | None = None,
    sections: engine.Context | None = None,
    free: set[str] | None = None,
) -> LoadContext:
    """The students' model with its choices and the student rules' constraints and penalties.

    In turns, ``sections`` is the sections' model to add the seats to and ``free`` the open sections whose
    times it decides (their ``placements`` are then ignored but for the rooms); no objective is set then.
    """
    grid = TimeGrid(project, scenario)
    times = _section_times(grid, scenario, [p for p in placements if p.section_id not in (free or ())])
    rooms: dict[str, list[str | None]] = defaultdict(list)
    for p in placements:
        rooms[p.section_id].append(p.room_id)
    free_infos = {i.section.id: i for i in sections.sections if i.section.id in free} if sections and free else None
    ctx = LoadContext(project, scenario, grid, times, dict(rooms), weights, sections, free_infos)
    year_atoms = grid.atoms_of(Section("", "", ""))
    by_cohort = cohort_subjects(project, scenario)
    open_by_subject = open_sections_by_subject(project, scenario)
    cohort_sections: dict[str, list[str]] = defaultdict(list)
    for section in scenario.sections:
        for cid in section.cohort_ids:
            cohort_sections[cid].append(section.id)
    students = {s.id: s for s in project.students}
    pinned = {(e.student_id, e.section_id) for e in pins or []}
    model = ctx.model
    for student_id, groups in request_groups(project).items():
        student = students.get(student_id)
        if student is None:
            continue
        cohort = student.cohort_id or ""
        mine = by_cohort.get(cohort, set())
        info = StudentInfo(student, [g for g in groups if g.subject_id not in mine])
        info.alternate_by_cohort = {id(g) for g in info.groups if any(s in mine for s in g.alternates)}
        info.fixed = [m for sid in cohort_sections.get(cohort, []) for m in times.get(sid, [])]
        info.fixed += [
            (s.day, s.start, s.end, year_atoms)
            for s in grid.sittings
            if (cohort and cohort in s.advisory.cohort_ids) or s.advisory.id == student.advisory_id
        ]
        if cohort:
            info.away = {
                day: [(a, b) for a, b, _ in grid.internship_windows(cohort, day)]
                for day in grid.day_ids
                if grid.internship_windows(cohort, day)
            }
        seen: set[str] = set()
        for group in info.groups:
            for subject_id in group.subjects:
                for section in open_by_subject.get(subject_id, []):
                    if section.id in seen or cohort in section.cohort_ids:
                        continue
                    seen.add(section.id)
                    choice = Choice(student, section, model.new_bool_var(""), group)
                    info.choices.append(choice)
                    if (student_id, section.id) in pinned:
                        choice.pinned = True
                        model.add(choice.lit == 1)
        by_subject: dict[str, list] = defaultdict(list)
        by_group: dict[int, list] = defaultdict(list)
        for choice in info.choices:
            by_subject[choice.section.subject_id].append(choice.lit)
            by_group[id(choice.group)].append(choice.lit)
        for lits in [*by_subject.values(), *by_group.values()]:
            if len(lits) > 1:
                model.add_at_most_one(lits)  # one section of a subject; one subject of a request and its alternates
        ctx.students.append(info)
    for rule_id in STUDENT_RULES:
        rule = HARD_RULES.get(rule_id) or SOFT_RULES.get(rule_id)
        load = getattr(rule, "load", None)
        if load is not None:
            load(ctx)
    if ctx.penalties and sections is None:
        model.minimize(sum(weight * units for _, weight, units in ctx.penalties))
    return ctx


def greedy_load(ctx: LoadContext) -> dict[int, bool]:
    """A first load, student by student (the most constrained first), each request in rank order:
    the open section of the subject (or of an alternate) with seats left that clashes with nothing
    the student already has. A hint for CP-SAT; used as the result only when CP-SAT finds nothing.
    """
    seats: dict[str, int | None] = {}
    for sid, rooms in ctx.rooms.items():
        section = ctx.scenario.section(sid)
        seats[sid] = open_seats(ctx.project, section, rooms)
    taken: dict[int, bool] = {}
    order = sorted(ctx.students, key=lambda info: len(info.choices) / max(1, len(info.groups)))
    for info in order:
        mine: list[Interval] = list(info.fixed)
        by_group: dict[int, list[Choice]] = defaultdict(list)
        for choice in info.choices:
            by_group[id(choice.group)].append(choice)
        done_groups = set()
        for choice in info.choices:
            if choice.pinned:
                taken[choice.lit.index] = True
                mine += ctx.times.get(choice.section.id, [])
                left = seats.get(choice.section.id)
                seats[choice.section.id] = None if left is None else left - 1
                done_groups.add(id(choice.group))
        for group in sorted(info.groups, key=lambda g: g.rank):
            if id(group) in done_groups:
                continue
            for subject_id in group.subjects:
                options = [c for c in by_group[id(group)] if c.section.subject_id == subject_id and not c.forbidden]
                done = False
                for choice in options:
                    sid = choice.section.id
                    left = seats.get(sid)
                    meetings = ctx.times.get(sid, [])
                    if left is not None and left <= 0:
                        continue
                    if any(clash(m, f) for m in meetings for f in mine):
                        continue
                    if any(overlap(m[1], m[2], a, b) for m in meetings for a, b in info.away.get(m[0], [])):
                        continue
                    taken[choice.lit.index] = True
                    mine += meetings
                    if left is not None:
                        seats[sid] = left - 1
                    done = True
                    break
                if done:
                    break
    return taken


def load_students(
    project: Project,
    scenario: Scenario,
    placements: list[Placement],
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    weights: dict[str, int] | None = None,
    pins: list[Enrolment] | None = None,
    should_stop: engine.StopFn | None = None,
) -> LoadResult:
    """Seat each requesting student in open sections of the placed timetable (see the module docstring)."""
    t0 = time.monotonic()
    ctx = build_load_context(project, scenario, placements, weights, pins)
    choices = [c for info in ctx.students for c in info.choices]
    greedy = greedy_load(ctx)
    first_load_at = time.monotonic() - t0
    hint = repair_load(ctx, greedy)
    for choice in choices:
        ctx.model.add_hint(choice.lit, hint.get(choice.lit.index, False))
    messages = [
        f"students: {len(ctx.students):,} with requests, {len(choices):,} possible seats, model built, greedy "
        f"load and repair in {time.monotonic() - t0:.2f} s"
    ]
    hinted = _complete_hint(ctx, seed)
    if hinted is None and hint != greedy:  # a guard: the repair keeps every hard rule, so this should not happen
        hint = greedy
        ctx.model.clear_hints()
        for choice in choices:
            ctx.model.add_hint(choice.lit, hint.get(choice.lit.index, False))
        hinted = _complete_hint(ctx, seed)
    if hinted is not None:
        messages.append(f"students: greedy load objective {hinted:,.0f}, a complete hint for CP-SAT")
    solver = cp_model.CpSolver()
    limit = max(0.5, time_limit - (time.monotonic() - t0))
    engine._params(solver, limit, workers, seed)
    improvements = _Improvements()
    stall = max(STALL_SECONDS, STALL_SHARE * limit)

    def stop() -> bool:
        stalled = improvements.last is not None and time.monotonic() - improvements.last > stall
        return bool(should_stop and should_stop()) or stalled

    with engine._StopWatcher(solver, stop):
        code = solver.solve(ctx.model, improvements)
    pinned = {(e.student_id, e.section_id) for e in pins or []}
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [c for c in choices if solver.boolean_value(c.lit)]
        penalties = dict.fromkeys((r for r in STUDENT_RULES if r in SOFT_RULES), 0)
        for rule_id, weight, units in ctx.penalties:
            penalties[rule_id] += weight * int(solver.value(units) if not isinstance(units, int) else units)
        messages.append(
            f"students loaded in {time.monotonic() - t0:.2f} s ({solver.status_name(code).lower()}, objective "
            f"{solver.objective_value:,.0f}, bound {solver.best_objective_bound:,.0f})"
        )
        optimal = code == cp_model.OPTIMAL
        bound = solver.best_objective_bound
    else:
        chosen = [c for c in choices if hint.get(c.lit.index)]
        penalties = _evaluate_hint(ctx, seed)
        bound = None
        messages.append(
            f"students: CP-SAT found no load in time ({solver.status_name(code).lower()}); greedy load kept"
        )
        optimal = False
    missing = pinned - {(c.student.id, c.section.id) for c in choices}
    if missing:
        messages.append(
            f"{len(missing)} pinned enrolment(s) left out: not a request of the student for an open section"
        )
    enrolments = [Enrolment(c.student.id, c.section.id, (c.student.id, c.section.id) in pinned) for c in chosen]
    return LoadResult(enrolments, penalties, optimal, messages, first_load_at, bound)


class _Improvements(cp_model.CpSolverSolutionCallback):
    """When CP-SAT last found a better load (None before its first: presolving a large load takes a while)."""

    def __init__(self) -> None:
        super().__init__()
        self.last: float | None = None

    def on_solution_callback(self) -> None:
        self.last = time.monotonic()


def _complete_hint(ctx: LoadContext, seed: int) -> float | None:
    """Replace the hint on the seats by a hint on every variable of the model (the penalties' too): the greedy
    load with the rest solved for. Given the seats alone, CP-SAT often fails to complete the hint of a large
    load and starts from scratch, ending far worse than the greedy load (3,000 students: 94 % of rank-1
    requests met against the greedy load's 97 %); a complete, feasible hint is its first solution.
    Returns the hint's objective, or None (the seats' hint kept) when the greedy load is no solution.
    """
    solver = cp_model.CpSolver()
    engine._params(solver, 30.0, 1, seed)
    solver.parameters.fix_variables_to_their_hinted_value = True
    if solver.solve(ctx.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    values = list(solver.response_proto.solution)
    ctx.model.clear_hints()
    for index, value in enumerate(values):
        ctx.model.proto.solution_hint.vars.append(index)
        ctx.model.proto.solution_hint.values.append(value)
    return solver.objective_value


def _evaluate_hint(ctx: LoadContext, seed: int) -> dict[str, int]:
    """The student rules' penalties of the hinted (greedy) load: the model solved with the choices fixed."""
    solver = cp_model.CpSolver()
    engine._params(solver, 10.0, 1, seed)
    solver.parameters.fix_variables_to_their_hinted_value = True
    if solver.solve(ctx.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    penalties = dict.fromkeys((r for r in STUDENT_RULES if r in SOFT_RULES), 0)
    for rule_id, weight, units in ctx.penalties:
        penalties[rule_id] += weight * int(solver.value(units) if not isinstance(units, int) else units)
    return penalties


def repair_load(ctx: LoadContext, taken: dict[int, bool], rounds: int = 2) -> dict[int, bool]:
    """Improve a load by small moves: for each request left unmet or met by an alternate (best ranks first), seat
    the student in a section of its own subject (or, when unmet, of an alternate), moving when needed one of
    their other enrolments to another section of that enrolment's subject, and one student out of a full
    section into another section of the same subject. The greedy load seats each student once, in order;
    these moves let a later student's needs reshuffle the earlier ones', which is where its losses are.
    """
    seats: dict[str, int | None] = {}
    for sid, rooms in ctx.rooms.items():
        seats[sid] = open_seats(ctx.project, ctx.scenario.section(sid), rooms)
    chosen: list[dict[int, Choice]] = []  # per student: id(group) -> the choice taken for it
    members: dict[str, dict[int, tuple[int, Choice]]] = defaultdict(dict)  # section -> lit index -> (student, choice)
    for k, info in enumerate(ctx.students):
        mine: dict[int, Choice] = {}
        for choice in info.choices:
            if taken.get(choice.lit.index):
                mine[id(choice.group)] = choice
                members[choice.section.id][choice.lit.index] = (k, choice)
                if seats.get(choice.section.id) is not None:
                    seats[choice.section.id] -= 1
        chosen.append(mine)

    def allowed(info: StudentInfo, choice: Choice) -> bool:
        meetings = ctx.times.get(choice.section.id, [])
        if choice.forbidden or any(clash(m, f) for m in meetings for f in info.fixed):
            return False
        return not any(overlap(m[1], m[2], a, b) for m in meetings for a, b in info.away.get(m[0], []))

    def clashes(a: Choice, b: Choice) -> bool:
        return any(clash(m, n) for m in ctx.times.get(a.section.id, []) for n in ctx.times.get(b.section.id, []))

    def free(choice: Choice) -> bool:
        left = seats.get(choice.section.id)
        return left is None or left > 0

    def fits(k: int, choice: Choice, without: set[int]) -> bool:
        """Whether student ``k`` can take ``choice`` beside their other choices (those in ``without`` dropped)."""
        return all(
            not clashes(choice, other)
            for gid, other in chosen[k].items()
            if other.lit.index not in without and gid != id(choice.group)
        )

    def swap(k: int, old: Choice | None, new: Choice) -> None:
        if old is not None:
            del chosen[k][id(old.group)]
            del members[old.section.id][old.lit.index]
            if seats.get(old.section.id) is not None:
                seats[old.section.id] += 1
        chosen[k][id(new.group)] = new
        members[new.section.id][new.lit.index] = (k, new)
        if seats.get(new.section.id) is not None:
            seats[new.section.id] -= 1

    def same_subject_elsewhere(k: int, current: Choice, avoid: Choice | None, without: set[int]) -> Choice | None:
        """Another section of ``current``'s subject for student ``k`` with a seat, clashing with nothing kept."""
        for other in ctx.students[k].choices:
            if (
                other.group is current.group
                and other.section.subject_id == current.section.subject_id
                and other is not current
                and free(other)
                and allowed(ctx.students[k], other)
                and (avoid is None or not clashes(other, avoid))
                and fits(k, other, without | {current.lit.index})
            ):
                return other
        return None

    for _ in range(rounds):
        for k, info in enumerate(ctx.students):
            for group in sorted(info.groups, key=lambda g: g.rank):
                current = chosen[k].get(id(group))
                if current is not None and (current.pinned or current.section.subject_id == group.subject_id):
                    continue
                wanted = group.subjects[:1] if current is not None else group.subjects
                for subject_id in wanted:
                    done = False
                    for target in (c for c in info.choices if c.group is group and c.section.subject_id == subject_id):
                        if not allowed(info, target):
                            continue
                        dropped = {current.lit.index} if current is not None else set()
                        in_way = [c for g, c in chosen[k].items() if g != id(group) and clashes(target, c)]
                        if len(in_way) > 1 or any(c.pinned for c in in_way):
                            continue
                        move = None
                        if in_way:
                            move = same_subject_elsewhere(k, in_way[0], target, dropped)
                            if move is None:
                                continue
                        bumped = None
                        if not free(target):
                            for j, theirs in list(members[target.section.id].values()):
                                if j != k and not theirs.pinned:
                                    elsewhere = same_subject_elsewhere(j, theirs, None, set())
                                    if elsewhere is not None and (
                                        move is None
                                        or elsewhere.section is not move.section
                                        or (seats.get(move.section.id) or 2) > 1
                                    ):
                                        bumped = (j, theirs, elsewhere)
                                        break
                            if bumped is None:
                                continue
                        if bumped is not None:
                            swap(bumped[0], bumped[1], bumped[2])
                        if move is not None:
                            swap(k, in_way[0], move)
                        swap(k, current, target)
                        done = True
                        break
                    if done:
                        break
    return {c.lit.index: True for mine in chosen for c in mine.values()}
