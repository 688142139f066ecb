"""``solve``: build the CP-SAT model, find a timetable, optimise the soft rules, explain failures.

Two phases: first a feasibility pass with the hard rules only (fast to find, warm-started from the
hint), then the soft rules and the objective are added and the search restarts from that solution
as a hint, for the rest of the time limit. Between them the first timetable is evaluated on the
soft model with every placement fixed (quick), which gives its penalties (reported when nothing
better turns up) and a complete hint. Meetings choose room classes; the room pass
(:mod:`dlplanner.solver.rooms`) picks actual rooms, and when it cannot, the model is built again with
one class per room. ``first_only`` stops after the first phase; ``gap_percent`` ends the second
once the objective is within that relative gap of CP-SAT's bound.

Big models (many pool literals or meetings, see :mod:`dlplanner.solver.pools`) narrow their teacher
pools and room classes, start from a constructive timetable (:mod:`dlplanner.solver.construct`),
ask the first pass to spread each section over the days (a search aid, released when it cannot
hold and for the soft rules), and optimise the soft rules by large-neighbourhood search
(:mod:`dlplanner.solver.lns`), then search the whole soft model from the best timetable for a last
slice of the time, for its bound. A narrowed model without a timetable proves nothing: the whole model
is built and solved then. A narrowed model's bound holds for its narrowed choices only: it is
reported as ``narrowed_bound``, never as the school's bound. The school's bound of a big model comes
from its cohorts' side alone (:mod:`dlplanner.solver.relaxation`), which also lets ``gap_percent``
end the search early.

When CP-SAT proves the hard rules infeasible, the capacity groups are tried first
(:mod:`dlplanner.solver.capacity_groups`: the sections that can only use one supply, solved alone);
then a separate pass with one assumption literal per requirement group (single worker, no objective)
finds a small set of groups that cannot all hold, shrunk by deletion, and says it in plain words.
Both run within the time left; the assumption pass is skipped when its bigger model could not be
built and solved in it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.domain import validation
from dlplanner.domain.model import Placement, Project, Scenario, SolveStatus, fmt_time
from dlplanner.solver import lns
from dlplanner.solver.capacity_groups import first_infeasible_group, group_conflict
from dlplanner.solver.construct import greedy_placements
from dlplanner.solver.explanation import section_label
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.relaxation import CohortBound, cohort_bound
from dlplanner.solver.rooms import assign_rooms
from dlplanner.solver.rules import HARD_RULES, SOFT_RULES
from dlplanner.solver.types import Conflict, Progress, SolveRequest, SolveResult

ProgressFn = Callable[[Progress], None]
StopFn = Callable[[], bool]


class _Callback(cp_model.CpSolverSolutionCallback):
    """Reports progress and stops the search when asked; the solver keeps the best solution."""

    def __init__(
        self,
        t0: float,
        on_progress: ProgressFn | None,
        should_stop: StopFn | None,
        with_objective: bool,
        scale: int = 1,
        found_before: int = 0,
    ):
        super().__init__()
        self.scale = scale
        self.t0 = t0
        self.on_progress = on_progress
        self.should_stop = should_stop
        self.with_objective = with_objective
        # solutions counted over the whole solve: progress shows one count that only grows, from the
        # first timetable's phase on into the soft rules' phase
        self.count = found_before
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        self.count += 1
        now = time.monotonic() - self.t0
        if self.first is None:
            self.first = now
        if self.on_progress is not None:
            if self.with_objective:
                objective = float(self.objective_value // self.scale)
                bound = float(self.best_objective_bound // self.scale)
            else:
                objective, bound = math.inf, 0.0
            self.on_progress(Progress(now, objective, bound, self.count))
        if self.should_stop is not None and self.should_stop():
            self.stop_search()


class _StopWatcher:
    """Polls ``should_stop`` while CP-SAT runs (it may find no solution to call back with)."""

    def __init__(self, solver: cp_model.CpSolver, should_stop: StopFn | None):
        self.solver, self.should_stop = solver, should_stop
        self.done = threading.Event()
        self.stopped = False
        self.thread = threading.Thread(target=self._run, daemon=True) if should_stop else None

    def _run(self) -> None:
        while not self.done.wait(0.05):
            if self.should_stop():
                self.stopped = True
                self.solver.stop_search()
                return

    def __enter__(self) -> _StopWatcher:
        if self.thread:
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        if self.thread:
            self.thread.join()


def _params(solver: cp_model.CpSolver, time_limit: float, workers: int, seed: int) -> None:
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    # CP-SAT's own Ctrl+C catching resets SIGINT to the default action when Solve returns, so a later
    # Ctrl+C killed the process and lost the timetable; the caller stops us through should_stop instead
    solver.parameters.catch_sigint_signal = False


def _validation_conflicts(project: Project, scenario: Scenario) -> list[Conflict]:
    """Blocking problems of the pre-solve validation."""
    problems = validation.blocking(validation.validate(project, scenario))
    conflicts = []
    for problem in problems:
        records = [(r.kind, r.id) for r in getattr(problem, "records", []) if hasattr(r, "kind")]
        conflicts.append(Conflict(str(getattr(problem, "message", problem)), records))
    return conflicts


def _pin_geometry_conflicts(ctx: Context) -> list[Conflict]:
    """Pins that no candidate start matches (not at a class block, wrong length, unknown day type)."""
    conflicts = []
    for info in ctx.sections:
        for pin in info.pinned:
            if not any(c.pinned_index == pin.meeting for c in info.candidates):
                allowed = pin.day_type_id in ctx.grid.day_ids and (pin.start, pin.end) in ctx.spans(
                    info.section, pin.day_type_id
                )
                if allowed:
                    continue  # allowed but forbidden by a rule: the explanation pass names it
                day = ctx.grid.day_names.get(pin.day_type_id, pin.day_type_id)
                conflicts.append(
                    Conflict(
                        f"The pinned meeting {pin.meeting + 1} of {section_label(info.section)} on {day} "
                        f"{fmt_time(pin.start)}–{fmt_time(pin.end)} does not start at a class block with the "
                        "section's length inside one class run; move or unpin it",
                        [("section", info.section.id)],
                    )
                )
    pinned_sections = {p.section_id for p in ctx.pins}
    for sid in pinned_sections - {i.section.id for i in ctx.sections}:
        conflicts.append(Conflict(f"A pinned meeting belongs to section '{sid}', which does not exist", []))
    return conflicts


def _extract(
    ctx: Context, solver: cp_model.CpSolver, previous: list[Placement] | None, time_limit: float
) -> list[Placement] | None:
    """Placements from the solved values: meetings numbered in time order, pinned ones keep their index.

    Rooms come from the room pass (``None`` when it finds none; ``ctx.assignment`` is set otherwise).
    """
    order = {d: i for i, d in enumerate(ctx.grid.day_ids)}
    chosen_by_section = []
    meetings = []
    for info in ctx.sections:
        chosen = [c for c in info.candidates if solver.boolean_value(c.lit)]
        chosen.sort(key=lambda c: (order[c.day], c.start))
        chosen_by_section.append((info, chosen))
        for cand in chosen:
            cid = next((cid for cid, w in cand.room_lits.items() if solver.boolean_value(w)), None)
            if cid is not None:
                meetings.append((cand, cid))
    assignment = assign_rooms(ctx, meetings, previous, time_limit)
    if assignment is None:
        return None
    ctx.assignment = assignment
    placements: list[Placement] = []
    for info, chosen in chosen_by_section:
        pinned_idx = {c.pinned_index for c in chosen if c.pinned_index is not None}
        free = iter(i for i in range(len(chosen) + len(pinned_idx)) if i not in pinned_idx)
        if info.fixed_teachers:
            teachers = list(info.fixed_teachers)
        else:
            teachers = [t for t, y in info.teacher_vars.items() if solver.boolean_value(y)]
        for cand in chosen:
            index = cand.pinned_index if cand.pinned_index is not None else next(free)
            placements.append(
                Placement(
                    info.section.id,
                    index,
                    cand.day,
                    cand.start,
                    cand.end,
                    assignment.get(id(cand)),
                    list(teachers),
                    pinned=cand.pinned_index is not None,
                )
            )
    return placements


def _changes_from(ctx: Context, hint: list[Placement]) -> list:
    """Terms that are 1 when a hinted meeting moves or changes room: the tie-break that keeps re-solves close.

    They enter the objective below every soft penalty (the penalties are scaled by their count + 1),
    so a re-solve never trades a penalty for stability, but among equally good timetables it keeps
    the one the user already has.
    """
    wanted: dict[str, dict[tuple[str, int, int], str | None]] = {}
    for p in hint:
        wanted.setdefault(p.section_id, {})[(p.day_type_id, p.start, p.end)] = p.room_id
    terms = []
    for info in ctx.sections:
        at = wanted.get(info.section.id)
        if not at:
            continue
        for cand in info.candidates:
            key = (cand.day, cand.start, cand.end)
            if key not in at:
                continue
            terms.append(1 - cand.lit)
            w = cand.room_lits.get(ctx.class_of_room.get(at[key] or "", ""))
            if w is not None and w is not cand.lit:
                terms.append(1 - w)
    return terms


def _choices(ctx: Context, solver: cp_model.CpSolver) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The advisors and team cohorts the solver chose."""
    advisors = {
        aid: tid for aid, choice in ctx.advisor_vars.items() for tid, lit in choice.items() if solver.boolean_value(lit)
    }
    teams = {
        team_id: [c for c, lit in choice.items() if solver.boolean_value(lit)]
        for team_id, choice in ctx.team_vars.items()
    }
    return advisors, teams


def _penalties(ctx: Context, solver: cp_model.CpSolver) -> dict[str, int]:
    totals = dict.fromkeys(SOFT_RULES, 0)
    for p in ctx.objective.penalties:
        totals[p.rule_id] = totals.get(p.rule_id, 0) + p.weight * p.count(solver)
    return totals


def _status(code: int) -> SolveStatus:
    return {
        cp_model.OPTIMAL: SolveStatus.OPTIMAL,
        cp_model.FEASIBLE: SolveStatus.FEASIBLE,
        cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
        cp_model.MODEL_INVALID: SolveStatus.UNKNOWN,
    }.get(code, SolveStatus.UNKNOWN)


def _build(
    project: Project,
    scenario: Scenario,
    request: SolveRequest,
    pins: list[Placement],
    room_classes: bool,
    pool_keep: int | None = None,
) -> Context:
    ctx = Context(
        project,
        scenario,
        rules=HARD_RULES,
        weights=request.weights,
        pins=pins,
        room_classes=room_classes,
        pool_keep=pool_keep,
    )
    _add_rules(ctx, HARD_RULES)
    return ctx


def _model_message(ctx: Context, t0: float, cpu0: float) -> str:
    proto = ctx.model.proto
    narrowed = " (teacher pools and room classes narrowed)" if ctx.narrowed else ""
    return (
        f"model{narrowed}: {len(proto.variables):,} variables, {len(proto.constraints):,} constraints, "
        f"{len(ctx.room_classes)} room classes for {len(ctx.project.rooms)} rooms, "
        f"built in {time.monotonic() - t0:.2f} s ({time.process_time() - cpu0:.2f} s CPU)"
    )


def _add_spread_first(ctx: Context) -> int:
    """A search aid for big models: the first pass asks each section for at most ⌈n / days⌉ meetings a day.

    Not a rule: it holds only while the returned variable is fixed to 1 (the first pass), and is
    released for the soft rules' phase, or when no timetable has it. It steers the first timetable
    towards what ``spread_days`` wants and narrows the search a lot on period-based weeks.
    """
    tight = ctx.model.new_bool_var("spread first")
    for info in ctx.sections:
        by_day: dict[str, list] = {}
        for cand in info.candidates:
            by_day.setdefault(cand.day, []).append(cand.lit)
        cap = -(-info.section.meetings_per_cycle // max(1, len(by_day)))  # over the days it can meet
        for lits in by_day.values():
            if len(lits) > cap:
                ctx.model.add(sum(lits) <= cap).only_enforce_if(tight)
    var = ctx.model.proto.variables[tight.index]
    var.domain.clear()
    var.domain.extend([1, 1])
    return tight.index


def _release(ctx: Context, index: int) -> None:
    """Free a search-aid variable fixed by :func:`_add_spread_first` (it may then be 0)."""
    var = ctx.model.proto.variables[index]
    var.domain.clear()
    var.domain.extend([0, 1])


def _add_rules(ctx: Context, rules: dict[str, Rule]) -> None:
    for rule in rules.values():
        rule.add(ctx)


def _complete_hint(ctx: Context, solver: cp_model.CpSolver) -> None:
    """Hint every variable of the model with the solver's values (the model may have grown since)."""
    values = list(solver.response_proto.solution)
    ctx.model.clear_hints()
    hint = ctx.model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


def _evaluate_fixed(ctx: Context, time_limit: float, seed: int, should_stop: StopFn | None) -> cp_model.CpSolver | None:
    """Solve the (soft) model with every hinted variable fixed: the hinted timetable's penalties, quickly."""
    solver = cp_model.CpSolver()
    _params(solver, time_limit, 1, seed)
    solver.parameters.fix_variables_to_their_hinted_value = True
    with _StopWatcher(solver, should_stop):
        code = solver.solve(ctx.model)
    return solver if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def solve(
    request: SolveRequest, on_progress: ProgressFn | None = None, should_stop: StopFn | None = None
) -> SolveResult:
    """Place every section of the scenario; see the module docstring for the phases."""
    t0 = time.monotonic()
    cpu0 = time.process_time()  # on a shared machine, the CPU time says more than the wall time
    project = request.project
    scenario = project.scenario(request.scenario_id)
    conflicts = _validation_conflicts(project, scenario)
    if conflicts:
        return SolveResult(
            SolveStatus.INFEASIBLE,
            conflicts=conflicts,
            wall_time=time.monotonic() - t0,
            messages=["Pre-solve validation found blocking problems; nothing was solved."],
        )
    current = scenario.solution.placements
    pins = [p for p in current if p.pinned] if request.respect_pins else []
    hint = request.hint if request.hint is not None else current

    def left() -> float:
        return request.time_limit - (time.monotonic() - t0)

    ctx = Context(project, scenario, rules=HARD_RULES, weights=request.weights, pins=pins)
    conflicts = _pin_geometry_conflicts(ctx)
    if conflicts:
        return SolveResult(SolveStatus.INFEASIBLE, conflicts=conflicts, wall_time=time.monotonic() - t0)
    _add_rules(ctx, HARD_RULES)
    # with narrowed pools, also each pool section's preferred teachers; a big model without a warm start
    # gets a constructive one
    ctx.hint(
        hint or (greedy_placements(ctx) if ctx.big else []),
        scenario.solution.advisors,
        scenario.solution.team_cohorts,
    )
    spread = _add_spread_first(ctx) if ctx.big else None
    messages = [_model_message(ctx, t0, cpu0)]
    build_seconds = time.monotonic() - t0

    # phase 1: a first timetable, hard rules only
    callback = _Callback(t0, on_progress, should_stop, with_objective=False)
    solutions = 0
    placements = None
    stopped = False
    room_attempts = 0
    while True:
        solver = cp_model.CpSolver()
        _params(solver, left(), request.workers, request.seed)
        # presolve costs more than it saves on a pure feasibility model of this shape (probing alone takes
        # seconds on 3,000 students, the search then needs one or two)
        solver.parameters.cp_model_presolve = False
        with _StopWatcher(solver, should_stop) as watcher:
            code = solver.solve(ctx.model, callback)
        stopped = watcher.stopped
        if code == cp_model.INFEASIBLE and spread is not None:
            # the spread the first pass asked for cannot hold: the same model without it
            messages.append("no timetable with the sections spread over the days: trying without")
            _release(ctx, spread)
            spread = None
            continue
        if code == cp_model.INFEASIBLE and ctx.narrowed:
            # narrowed pools or room classes prove nothing: the whole model decides
            messages.append("no timetable with narrowed teacher pools and room classes: solving the whole model")
            ctx = _build(project, scenario, request, pins, room_classes=ctx.use_room_classes, pool_keep=0)
            ctx.hint(hint or [], scenario.solution.advisors, scenario.solution.team_cohorts)
            messages.append(_model_message(ctx, t0, cpu0))
            continue
        if code == cp_model.INFEASIBLE:
            result = SolveResult(SolveStatus.INFEASIBLE, wall_time=0.0, messages=messages)
            if request.explain:
                result.conflicts = _explain_within(project, scenario, pins, left, request.seed, build_seconds)
            result.wall_time = time.monotonic() - t0
            return result
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            note = "stopped before a timetable was found" if stopped else "no timetable found within the time limit"
            return SolveResult(SolveStatus.UNKNOWN, wall_time=time.monotonic() - t0, messages=[*messages, note])
        # the soft rules' phase runs the room pass again: a short one here when it follows
        room_time = left() if request.first_only else min(left(), max(1.0, 0.1 * request.time_limit))
        placements = _extract(ctx, solver, hint, room_time)
        choices = _choices(ctx, solver)
        messages.append(
            f"first timetable at {time.monotonic() - t0:.2f} s ({time.process_time() - cpu0:.2f} s CPU, rooms included)"
        )
        if placements is not None or room_attempts == 1:
            break
        room_attempts += 1
        # the room classes could not be split into rooms: one class per room, from this timetable's times
        messages.append("room pass failed: solving again with one class per room")
        times = [
            Placement(info.section.id, 0, c.day, c.start, c.end, None, [])
            for info in ctx.sections
            for c in info.candidates
            if solver.boolean_value(c.lit)
        ]
        ctx = _build(project, scenario, request, pins, room_classes=False, pool_keep=0 if not ctx.narrowed else None)
        ctx.hint(times, *choices)
        spread = None
        callback.first = None
    if placements is None:
        return SolveResult(SolveStatus.UNKNOWN, wall_time=time.monotonic() - t0, messages=messages)
    first_at = callback.first
    solutions = callback.count or 1

    # phase 2: soft rules, from the first timetable; the soft model takes about as long to build as
    # the hard one did: with less time left, keep the first timetable (the limit is the limit)
    stopped = stopped or (should_stop is not None and should_stop())
    if stopped or left() < max(0.05, build_seconds):
        return SolveResult(
            SolveStatus.FEASIBLE,
            placements,
            wall_time=time.monotonic() - t0,
            time_to_first=first_at,
            solutions=solutions,
            messages=[*messages, "soft rules not optimised (stopped or out of time)"],
            advisors=choices[0],
            team_cohorts=choices[1],
        )
    if request.first_only:
        return SolveResult(
            SolveStatus.FEASIBLE,
            placements,
            wall_time=time.monotonic() - t0,
            time_to_first=first_at,
            solutions=solutions,
            messages=[*messages, "stopped at the first timetable, as asked (soft rules not optimised)"],
            advisors=choices[0],
            team_cohorts=choices[1],
        )
    if spread is not None:
        _release(ctx, spread)
    first_assignment = ctx.assignment
    ctx.hint(placements, *choices)
    _add_rules(ctx, SOFT_RULES)
    changes = _changes_from(ctx, hint) if hint else []
    scale = len(changes) + 1
    ctx.model.minimize(scale * ctx.objective.expression() + sum(changes))
    fixed = _evaluate_fixed(ctx, max(0.05, min(10.0, left())), request.seed, should_stop)
    first_penalties = _penalties(ctx, fixed) if fixed is not None else None
    messages.append(f"soft model built and first timetable evaluated at {time.monotonic() - t0:.2f} s")
    if fixed is not None:
        _complete_hint(ctx, fixed)
    unimproved = SolveResult(
        SolveStatus.FEASIBLE,
        placements,
        objective=None if first_penalties is None else float(sum(first_penalties.values())),
        penalties=first_penalties or {},
        wall_time=0.0,
        time_to_first=first_at,
        solutions=solutions,
        messages=[*messages, "soft rules not optimised (no improved timetable in time)"],
        advisors=choices[0],
        team_cohorts=choices[1],
    )
    if left() < 0.05 or (should_stop is not None and should_stop()):
        unimproved.wall_time = time.monotonic() - t0
        return unimproved
    if ctx.big and fixed is not None:
        return _finish_by_lns(ctx, request, fixed, scale, t0, left, on_progress, should_stop, unimproved, placements)
    solver2 = cp_model.CpSolver()
    # keep time for stopping the workers of a large model, the room pass and the penalties
    _params(solver2, left() - min(3.0, 0.05 * request.time_limit), request.workers, request.seed)
    # probing in presolve takes many seconds on large models and the bound and the solutions come
    # sooner without it (measured: 1,000 students optimal instead of a 0.8 % gap; 3,000: 2 % instead of 100 %)
    solver2.parameters.cp_model_probing_level = 0
    if ctx.narrowed:
        # a big school's presolve alone can take the rest of the limit: search from the first timetable at once
        solver2.parameters.cp_model_presolve = False
    if request.gap_percent is not None:
        # CP-SAT's gap: |objective − bound| / max(1, |objective|), on the scaled objective (see _changes_from)
        solver2.parameters.relative_gap_limit = max(0.0, request.gap_percent) / 100.0
    callback2 = _Callback(t0, on_progress, should_stop, with_objective=True, scale=scale, found_before=solutions)
    with _StopWatcher(solver2, should_stop):
        code2 = solver2.solve(ctx.model, callback2)
    solutions = callback2.count
    messages.append(f"soft rules optimised until {time.monotonic() - t0:.2f} s")
    placements2 = _extract(ctx, solver2, placements, left()) if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
    if placements2 is None:
        ctx.assignment = first_assignment
        unimproved.wall_time = time.monotonic() - t0
        unimproved.solutions = solutions
        if code2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bound = float(solver2.best_objective_bound // scale)
            unimproved.best_bound, unimproved.narrowed_bound = (None, bound) if ctx.narrowed else (bound, None)
        return unimproved
    penalties = _penalties(ctx, solver2)
    advisors, team_cohorts = _choices(ctx, solver2)
    objective, bound = float(sum(penalties.values())), float(solver2.best_objective_bound // scale)
    status = _status(code2)
    if status == SolveStatus.OPTIMAL and objective > bound:
        status = SolveStatus.FEASIBLE  # the room pass could not keep a section in one room of its class
    if ctx.narrowed:
        # the narrowed model's bound is no bound of the school's problem (its optimum may use other teachers)
        messages.append(f"bound {bound:g} holds for the narrowed teacher pools and room classes only")
        status = SolveStatus.FEASIBLE if status == SolveStatus.OPTIMAL else status
    return SolveResult(
        status,
        placements2,
        objective=objective,
        best_bound=None if ctx.narrowed else bound,
        narrowed_bound=bound if ctx.narrowed else None,
        penalties=penalties,
        wall_time=time.monotonic() - t0,
        time_to_first=first_at,
        solutions=solutions,
        messages=messages,
        advisors=advisors,
        team_cohorts=team_cohorts,
    )


def _explain_within(
    project: Project,
    scenario: Scenario,
    pins: list[Placement],
    left: Callable[[], float],
    seed: int,
    build_seconds: float,
) -> list[Conflict]:
    """Why no timetable exists, within the time left: capacity groups first, then the assumption pass.

    The assumption pass builds a bigger model than the solve did (every start kept, whole pools):
    with less time left than about three builds of the solve's model, it is not started.
    """
    if left() > 0.5:
        found = first_infeasible_group(project, scenario, pins, 0.5 * left(), seed)
        if found is not None:
            group, alone = found
            ids = {s.id for s in alone.sections}
            why = explain(project, alone, [p for p in pins if p.section_id in ids], left(), seed) if left() > 1 else []
            return [group_conflict(group, why[0] if why else None)]
    if left() < max(1.0, 3 * build_seconds):
        return [
            Conflict(
                "No timetable exists, but no time was left within the limit to narrow the reason down "
                "(a longer time limit lets the explanation pass run).",
                [],
            )
        ]
    return explain(project, scenario, pins, left(), seed)


def _finish_by_lns(
    ctx: Context,
    request: SolveRequest,
    fixed: cp_model.CpSolver,
    scale: int,
    t0: float,
    left: Callable[[], float],
    on_progress: ProgressFn | None,
    should_stop: StopFn | None,
    unimproved: SolveResult,
    placements: list[Placement],
) -> SolveResult:
    """The soft rules of a big model by large-neighbourhood search (:mod:`dlplanner.solver.lns`).

    The neighbourhoods' searches prove nothing about the whole model (the rest of it is fixed). A
    bound of the whole school comes first from its cohorts' side alone
    (:mod:`dlplanner.solver.relaxation`), so ``gap_percent`` can end the neighbourhoods early, and
    the neighbourhoods aim at what the best timetable pays above it. When the pools were not narrowed
    (or there is no such bound), a last slice of the time (:func:`_bound_pass`) searches the whole soft
    model from the best timetable for a bound of it.
    """
    first_assignment = ctx.assignment
    solutions = unimproved.solutions
    bound_seconds = min(BOUND_PASS_MAX_SECONDS, BOUND_PASS_SHARE * request.time_limit)
    relaxed = cohort_bound(
        ctx.project,
        ctx.scenario,
        ctx.pins,
        request.weights,
        min(RELAXATION_MAX_SECONDS, RELAXATION_SHARE * request.time_limit, max(0.0, left() - bound_seconds)),
        seed=request.seed,
        should_stop=should_stop,
    )
    school_bound = None if relaxed is None else relaxed.bound
    if relaxed is not None and ctx.narrowed:
        # the whole soft model's search would bound the narrowed pools only (a bound of no timetable
        # outside them) and, at this size, seldom improves the best; the search gets its time instead
        bound_seconds = 0.0
    messages = [*unimproved.messages[:-1]]
    if relaxed is not None:
        messages.append(_relaxation_message(relaxed, time.monotonic() - t0))
    close_enough = False

    def better(objective: float) -> None:
        nonlocal solutions, close_enough
        solutions += 1
        penalties = float(objective // scale)
        if on_progress is not None:
            on_progress(Progress(time.monotonic() - t0, penalties, school_bound or 0.0, solutions))
        if school_bound is not None:  # proved optimal, or within the gap asked for
            close_enough = _within_gap(penalties, school_bound, request.gap_percent or 0.0)

    def stop_neighbourhoods() -> bool:
        return close_enough or (should_stop is not None and should_stop())

    # keep time for the room pass and the penalties
    deadline = time.monotonic() + left() - min(5.0, 0.08 * request.time_limit) - bound_seconds
    first_penalties = float(fixed.objective_value // scale)
    if school_bound is not None:
        close_enough = _within_gap(first_penalties, school_bound, request.gap_percent or 0.0)
    improved, _, rounds = lns.improve(
        ctx,
        list(fixed.response_proto.solution),
        fixed.objective_value,
        deadline,
        request.workers,
        request.seed,
        stop_neighbourhoods,
        better,
        floors=[] if relaxed is None else relaxed.floors,
    )
    messages.append(
        f"soft rules improved by large-neighbourhood search until {time.monotonic() - t0:.2f} s "
        f"({rounds} rounds, {solutions - unimproved.solutions} better timetables)"
    )
    best = improved or fixed
    bound, better_found = _bound_pass(ctx, best, bound_seconds, request, stop_neighbourhoods)
    if bound is not None:
        scope = "the narrowed teacher pools and room classes only" if ctx.narrowed else "the whole school"
        messages.append(f"bound {bound // scale:g} from the whole soft model's search (holds for {scope})")
    if better_found is not None:
        best = better_found
    placements2 = _extract(ctx, best, placements, max(0.5, left()))
    if placements2 is None:
        ctx.assignment = first_assignment
        unimproved.wall_time = time.monotonic() - t0
        unimproved.solutions = solutions
        unimproved.best_bound = school_bound
        return unimproved
    penalties = _penalties(ctx, best)
    advisors, team_cohorts = _choices(ctx, best)
    objective = float(sum(penalties.values()))
    whole = None if bound is None else float(bound // scale)
    # the narrowed model's bound holds for the narrowed choices only; the cohorts' side for every timetable
    proven = max((b for b in (None if ctx.narrowed else whole, school_bound) if b is not None), default=None)
    return SolveResult(
        SolveStatus.OPTIMAL if proven is not None and objective <= proven else SolveStatus.FEASIBLE,
        placements2,
        objective=objective,
        best_bound=proven,
        narrowed_bound=whole if ctx.narrowed else None,
        penalties=penalties,
        wall_time=time.monotonic() - t0,
        time_to_first=unimproved.time_to_first,
        solutions=solutions,
        messages=messages,
        advisors=advisors,
        team_cohorts=team_cohorts,
    )


BOUND_PASS_SHARE, BOUND_PASS_MAX_SECONDS = 0.1, 10.0  # of the time limit, for the big models' bound
RELAXATION_SHARE, RELAXATION_MAX_SECONDS = 0.15, 15.0  # of the time limit, for the cohorts' side bound


def _within_gap(objective: float, bound: float, gap_percent: float) -> bool:
    """Whether the objective is within ``gap_percent`` of the bound, as CP-SAT measures its relative gap."""
    return objective - bound <= max(0.0, gap_percent) / 100.0 * max(1.0, abs(objective))


def _relaxation_message(relaxed: CohortBound, at: float) -> str:
    left_out = f", {relaxed.skipped} left out for time (counted as 0)" if relaxed.skipped else ""
    proved = "all proved optimal" if relaxed.proved == relaxed.groups - relaxed.skipped else f"{relaxed.proved} proved"
    return (
        f"bound {relaxed.bound:g} from the cohorts' side alone (no teachers or rooms; holds for the whole school): "
        f"{relaxed.groups} cohort groups, {proved}{left_out}, by {at:.2f} s"
    )


def _bound_pass(
    ctx: Context, best: cp_model.CpSolver, seconds: float, request: SolveRequest, should_stop: StopFn | None
) -> tuple[float | None, cp_model.CpSolver | None]:
    """(scaled bound, a solver holding a better solution if it found one): the whole soft model, hinted.

    Why: the large-neighbourhood search re-solves a few sections at a time with the rest fixed, so its
    searches bound nothing but their neighbourhood; CP-SAT on the whole model, started from the best
    timetable, proves a lower bound of every timetable of this model (and may still improve on it).
    """
    if seconds < 0.2 or (should_stop is not None and should_stop()):
        return None, None
    ctx.model.clear_hints()
    values = list(best.response_proto.solution)
    hint = ctx.model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)
    solver = cp_model.CpSolver()
    _params(solver, seconds, request.workers, request.seed)
    solver.parameters.cp_model_probing_level = 0  # as in the soft phase: probing costs seconds on big models
    with _StopWatcher(solver, should_stop):
        code = solver.solve(ctx.model)
    bound = solver.best_objective_bound
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE) and not math.isfinite(bound):
        return None, None
    found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    improved = solver if found and solver.objective_value < best.objective_value else None
    return (max(0.0, float(bound)) if math.isfinite(bound) else None), improved


def explain(
    project: Project, scenario: Scenario, pins: list[Placement], time_limit: float, seed: int = 0
) -> list[Conflict]:
    """A small set of requirement groups that cannot all hold, in plain words naming the records."""
    t0 = time.monotonic()
    ctx = Context(project, scenario, rules=HARD_RULES, explain=True, pins=pins)
    _add_rules(ctx, HARD_RULES)
    time_limit -= time.monotonic() - t0  # the build counts
    t0 = time.monotonic()
    assumptions = ctx.explanation.assumptions
    keys = list(assumptions)
    if not keys:
        return [Conflict("The rules cannot all hold, but no single requirement could be named (clashes only).", [])]
    index_of = {assumptions[k].index: k for k in keys}

    def run(active: list[str], limit: float) -> tuple[int, list[str]]:
        ctx.model.clear_assumptions()
        ctx.model.add_assumptions([assumptions[k] for k in active])
        solver = cp_model.CpSolver()
        _params(solver, limit, 1, seed)
        code = solver.solve(ctx.model)
        core = []
        if code == cp_model.INFEASIBLE:
            core = [index_of[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in index_of]
        return code, core

    code, core = run(keys, max(0.1, time_limit * 0.6))
    if code != cp_model.INFEASIBLE:
        return [
            Conflict(
                "No timetable exists, but the explanation pass could not narrow the reason down in time "
                "(the conflict involves the no-clash rules across many sections).",
                [],
            )
        ]
    if not core:
        core = keys
    # shrink by deletion, each try with a short limit
    for key in list(core):
        left = time_limit - (time.monotonic() - t0)
        if left < 0.2 or len(core) <= 1:
            break
        if key not in core:
            continue
        trial = [k for k in core if k != key]
        code, smaller = run(trial, min(2.0, left))
        if code == cp_model.INFEASIBLE:
            core = [k for k in trial if k in smaller] if smaller else trial
    groups = [ctx.explanation.groups[k] for k in core]
    names = [g.message for g in groups]
    text = f"{names[0]} cannot hold"
    if len(names) > 1:
        text = f"{', '.join(names[:-1])} and {names[-1]} cannot all hold"
    records = list(dict.fromkeys(r for g in groups for r in g.records))
    return [Conflict(text[0].upper() + text[1:], records)]
