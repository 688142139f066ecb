"""``solve``: build the CP-SAT model, find a timetable, optimise the soft rules, explain failures.

Two phases: first a feasibility pass with the hard rules only (fast to find, warm-started from the
hint), then the soft rules and the objective are added and the search restarts from that solution
as a hint, for the rest of the time limit. Between them the first timetable is evaluated on the
soft model with every placement fixed (quick), which gives its penalties (reported when nothing
better turns up) and a complete hint. Meetings choose room classes; the room pass
(:mod:`dlplanner.solver.rooms`) picks actual rooms, and when it cannot, the model is built again with
one class per room. When CP-SAT proves the hard rules infeasible, a separate
pass with one assumption literal per requirement group (single worker, no objective) finds a small
set of groups that cannot all hold, shrunk by deletion, and says it in plain words.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from dlplanner.domain import validation
from dlplanner.domain.model import Placement, Project, Scenario, SolveStatus, fmt_time
from dlplanner.solver.explanation import section_label
from dlplanner.solver.model_builder import Context, Rule
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
    project: Project, scenario: Scenario, request: SolveRequest, pins: list[Placement], room_classes: bool
) -> Context:
    ctx = Context(project, scenario, rules=HARD_RULES, weights=request.weights, pins=pins, room_classes=room_classes)
    _add_rules(ctx, HARD_RULES)
    return ctx


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
    if hint:
        ctx.hint(hint, scenario.solution.advisors, scenario.solution.team_cohorts)
    proto = ctx.model.proto
    messages = [
        f"model: {len(proto.variables):,} variables, {len(proto.constraints):,} constraints, "
        f"{len(ctx.room_classes)} room classes for {len(project.rooms)} rooms, built in {time.monotonic() - t0:.2f} s"
    ]

    # phase 1: a first timetable, hard rules only
    callback = _Callback(t0, on_progress, should_stop, with_objective=False)
    solutions = 0
    placements = None
    stopped = False
    for attempt in range(2):
        solver = cp_model.CpSolver()
        _params(solver, left(), request.workers, request.seed)
        # presolve costs more than it saves on a pure feasibility model of this shape (probing alone takes
        # seconds on 3,000 students, the search then needs one or two)
        solver.parameters.cp_model_presolve = False
        with _StopWatcher(solver, should_stop) as watcher:
            code = solver.solve(ctx.model, callback)
        stopped = watcher.stopped
        if code == cp_model.INFEASIBLE:
            result = SolveResult(SolveStatus.INFEASIBLE, wall_time=0.0, messages=messages)
            if request.explain:
                result.conflicts = explain(project, scenario, pins, max(2.0, left()), request.seed)
            result.wall_time = time.monotonic() - t0
            return result
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            note = "stopped before a timetable was found" if stopped else "no timetable found within the time limit"
            return SolveResult(SolveStatus.UNKNOWN, wall_time=time.monotonic() - t0, messages=[*messages, note])
        placements = _extract(ctx, solver, hint, left())
        choices = _choices(ctx, solver)
        messages.append(f"first timetable at {time.monotonic() - t0:.2f} s (rooms included)")
        if placements is not None or attempt == 1:
            break
        # the room classes could not be split into rooms: one class per room, from this timetable's times
        messages.append("room pass failed: solving again with one class per room")
        times = [
            Placement(info.section.id, 0, c.day, c.start, c.end, None, [])
            for info in ctx.sections
            for c in info.candidates
            if solver.boolean_value(c.lit)
        ]
        ctx = _build(project, scenario, request, pins, room_classes=False)
        ctx.hint(times, *choices)
        callback.first = None
    if placements is None:
        return SolveResult(SolveStatus.UNKNOWN, wall_time=time.monotonic() - t0, messages=messages)
    first_at = callback.first
    solutions = callback.count or 1

    # phase 2: soft rules, from the first timetable
    stopped = stopped or (should_stop is not None and should_stop())
    if stopped or left() < 0.05:
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
    solver2 = cp_model.CpSolver()
    # keep time for stopping the workers of a large model, the room pass and the penalties
    _params(solver2, left() - min(3.0, 0.05 * request.time_limit), request.workers, request.seed)
    # probing in presolve takes many seconds on large models and the bound and the solutions come
    # sooner without it (measured: 1,000 students optimal instead of a 0.8 % gap; 3,000: 2 % instead of 100 %)
    solver2.parameters.cp_model_probing_level = 0
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
            unimproved.best_bound = float(solver2.best_objective_bound // scale)
        return unimproved
    penalties = _penalties(ctx, solver2)
    advisors, team_cohorts = _choices(ctx, solver2)
    objective, bound = float(sum(penalties.values())), float(solver2.best_objective_bound // scale)
    status = _status(code2)
    if status == SolveStatus.OPTIMAL and objective > bound:
        status = SolveStatus.FEASIBLE  # the room pass could not keep a section in one room of its class
    return SolveResult(
        status,
        placements2,
        objective=objective,
        best_bound=bound,
        penalties=penalties,
        wall_time=time.monotonic() - t0,
        time_to_first=first_at,
        solutions=solutions,
        messages=messages,
        advisors=advisors,
        team_cohorts=team_cohorts,
    )


def explain(
    project: Project, scenario: Scenario, pins: list[Placement], time_limit: float, seed: int = 0
) -> list[Conflict]:
    """A small set of requirement groups that cannot all hold, in plain words naming the records."""
    t0 = time.monotonic()
    ctx = Context(project, scenario, rules=HARD_RULES, explain=True, pins=pins)
    _add_rules(ctx, HARD_RULES)
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

    code, core = run(keys, max(1.0, time_limit * 0.6))
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
