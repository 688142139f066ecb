"""Solve a FET instance with CP-SAT: times first (feasibility, then soft constraints), then rooms.

Stages, all within one time limit:
0. *quick*: before any model is built, the place-and-evict heuristic (``greedy.py``) gets a few
   seconds (on files whose every hard time rule it knows); when it places every activity, the
   time model built with each activity pinned to its start (small and quick) decides whether those
   starts keep every hard constraint. If they do, stage 1 is skipped;
1. *feasible*: the time model with hard constraints only (smaller, so a first timetable comes
   sooner — soft constraints are optimised only after a first feasible timetable, per the engine
   calibration note), searched without LP and with quick restarts. Alongside, for a short
   budget (longer while it keeps placing more activities), the heuristic goes on where its quick
   run stopped; when it completes, its timetable is
   checked by the time model pinned to its starts, as in stage 0, and wins if it holds. With
   three or more workers the day-then-hour decomposition (``decompose.py``) races too;
2. *optimise*: the full time model with the soft penalty as objective, hinted with stage 1's
   timetable; its proven bound is reported. ``first_only`` skips this stage (and the rooms' soft
   preferences), as fet-cl stops at its first timetable; ``gap_percent`` ends it once the penalty
   is within that relative gap of the bound. The reported penalty is that of exactly the returned
   starts (the pinned full model, minimised), never the search's objective, which may carry slack;
3. *rooms* (``rooms.py``): with times fixed, a small model assigns rooms (one activity per room
   at a time, not-available rooms, soft room preferences). Already after stage 1 the times are
   checked for rooms slot by slot; a room set found over capacity becomes a valid constraint of
   the time model and the stages run again. Only when no such set explains a failure are the
   clashing slots forbidden to the activities involved (which voids the proven bound). A
   multi-hour activity that cannot keep one room gives a core of starts that cannot all stay
   (a valid no-good).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from dlplanner.fet.model import FetInstance, FetPlacement, FetTimetable
from dlplanner.fet.solver.decompose import StopHub, solve_by_days
from dlplanner.fet.solver.greedy import PlaceAndEvict, knows_every_hard_time_constraint, run_with_fresh_seeds
from dlplanner.fet.solver.model import FetModel, Slot, allowed_starts, build_time_model, read_times
from dlplanner.fet.solver.rooms import SCALE, Rooms

QUICK_PROBE_SECONDS = 2.0  # first try: no presolve, stop at the first timetable
# beside the search, where the quick run stopped: on two cores it halves the search's share, so
# its budget is short (measured with a quarter of the limit: sacred_heart_college 16 -> 27 s)
GREEDY_SHARE, GREEDY_MIN_SECONDS = 0.1, 5.0
# ... and for as long as it keeps placing more activities (where it stalls, with a fresh seed), up
# to this share of the limit in all
GREEDY_MAX_SHARE = 0.4
# before any model is built: measured on FET's examples, the heuristic completes within 5 s (most
# within 2 s) or not within 10 s, so this first try is short
QUICK_GREEDY_SHARE, QUICK_GREEDY_MAX_SECONDS = 0.05, 3.0
_CUTS_VOID_PROOF = " once slots where rooms ran out were forbidden (a last resort, not a valid constraint): not a proof"
FIRST_SOLUTION_SUBSOLVERS = ["no_lp", "quick_restart_no_lp", "default_lp", "quick_restart", "max_lp"]


@dataclass
class FetProgress:
    elapsed: float
    stage: str
    objective: float | None
    bound: float | None


@dataclass
class FetSolveResult:
    status: str  # "optimal", "feasible", "infeasible", "unknown"
    timetable: FetTimetable = field(default_factory=FetTimetable)
    soft_penalty: float | None = None  # FET conflicts units (weight/100 per broken unit)
    best_bound: float | None = None
    time_to_first: float | None = None
    time_to_best: float | None = None
    wall_time: float = 0.0
    messages: list[str] = field(default_factory=list)
    # why the search ended: "first" (first_only), "gap" (within gap_percent of the bound), "optimal",
    # "time limit", "stopped" (a stop request), "infeasible"; None while there is no answer
    stop_reason: str | None = None

    @property
    def has_timetable(self) -> bool:
        return bool(self.timetable.placements)


class _Watch(cp_model.CpSolverSolutionCallback):
    """Records solution times, reports progress and honours a stop request."""

    def __init__(self, t0: float, stage: str, on_progress, should_stop, has_objective: bool) -> None:
        super().__init__()
        self.t0, self.stage, self.on_progress, self.should_stop = t0, stage, on_progress, should_stop
        self.has_objective = has_objective
        self.first: float | None = None
        self.last: float | None = None

    def on_solution_callback(self) -> None:
        now = time.monotonic() - self.t0
        if self.first is None:
            self.first = now
        self.last = now
        if self.on_progress:
            obj = self.objective_value / SCALE if self.has_objective else None
            bound = self.best_objective_bound / SCALE if self.has_objective else None
            self.on_progress(FetProgress(now, self.stage, obj, bound))
        if self.should_stop and self.should_stop():
            self.stop_search()


def _solver(limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    s = cp_model.CpSolver()
    s.parameters.max_time_in_seconds = max(0.1, limit)
    s.parameters.num_workers = max(1, workers)
    s.parameters.random_seed = seed
    return s


def _hint(fm: FetModel, times: dict[int, Slot]) -> None:
    for aid, xs in fm.x.items():
        if aid in times:
            for s, v in xs.items():
                fm.model.add_hint(v, times[aid] == s)


def _race_first(
    inst: FetInstance,
    fm: FetModel,
    limit: float,
    workers: int,
    seed: int,
    t0: float,
    on_progress,
    should_stop,
    hint: dict[int, Slot],
    heuristic: PlaceAndEvict | None,
) -> tuple[dict[int, Slot] | None, bool, str]:
    """A first timetable from the monolithic model. Unless a hint is given (or ``heuristic`` is
    None), the place-and-evict heuristic (``greedy.py``) goes on alongside in a thread; when it
    places every activity, the thread checks its timetable against the whole model. With three or
    more workers the day-then-hour decomposition races too. The first to finish stops the others."""
    race = StopHub(should_stop)
    deadline = time.monotonic() + limit
    found: dict[str, dict[int, Slot]] = {}
    lock = threading.Lock()
    current: list[StopHub] = []  # the hub of the monolithic solve running now

    def win(name: str, times: dict[int, Slot]) -> None:
        with lock:
            found.setdefault(name, times)
            race.stop()
            for hub in current:
                hub.stop()

    def by_days() -> None:
        times = solve_by_days(inst, fm.starts, deadline, seed + 1, race)
        if times is not None:
            win("the day-then-hour model", times)

    def place_and_evict() -> None:
        assert heuristic is not None
        times, _ = run_with_fresh_seeds(
            heuristic,
            max(GREEDY_MIN_SECONDS, GREEDY_SHARE * limit),
            GREEDY_MAX_SHARE * limit,
            lambda: race.stopped or time.monotonic() > deadline,
            lambda times: _holds(inst, times, deadline - time.monotonic(), seed, race),
        )
        if times is not None:
            win("the place-and-evict heuristic", times)

    threads = [threading.Thread(target=by_days, daemon=True)] if workers >= 3 else []
    if not hint and heuristic is not None:
        threads.append(threading.Thread(target=place_and_evict, daemon=True))
    for thread in threads:
        thread.start()
    mono_workers = workers - 1 if workers >= 3 else workers
    watch = _Watch(t0, "feasible", on_progress, should_stop, False)
    probe = min(QUICK_PROBE_SECONDS, 0.1 * limit)
    phases = ["probe", "search"] if probe >= 0.2 and mono_workers >= 2 else ["search"]
    status = cp_model.UNKNOWN
    while phases and not race.stopped and deadline - time.monotonic() > 0.05:
        phase = phases.pop(0)
        with lock:
            hub = StopHub(lambda: race.stopped)
            current[:] = [hub]
        if phase == "probe":
            # measured on FET's examples: on easy files presolve costs far more than the search, and
            # feasibility-jump local search on the raw model finds a timetable in a fraction of a second
            solver = _solver(probe, mono_workers, seed)
            solver.parameters.cp_model_presolve = False
        else:
            solver = _solver(deadline - time.monotonic(), mono_workers, seed)
            # for harder files: LP-free search with quick restarts beats the default portfolio
            # (which spends a worker on the LP relaxation)
            solver.parameters.subsolvers.extend(FIRST_SOLUTION_SUBSOLVERS[: max(1, mono_workers)])
        status = hub.solve(fm.model, solver, watch)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            win("the monolithic model", read_times(fm, solver))
            break
        if status == cp_model.INFEASIBLE:
            break
    proved = status == cp_model.INFEASIBLE
    race.stop()
    for thread in threads:
        thread.join()
    if not found:
        return None, proved, ""
    winner = next(iter(found))
    return found[winner], False, winner


def _holds(inst: FetInstance, times: dict[int, Slot], limit: float, seed: int, race: StopHub | None = None) -> bool:
    """Whether the starts keep every hard constraint: the time model built with each activity
    pinned to its start (a fraction of the full model's building time) is settled by presolve.
    Only used before any room cut is learnt, so the model needs none."""
    pinned = build_time_model(inst, with_soft=False, fixed=times)
    if pinned.infeasible_reason:
        return False
    solver = _solver(min(limit, 10.0), 1, seed)
    status = race.solve(pinned.model, solver) if race is not None else solver.solve(pinned.model)
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def _exact_penalty(inst: FetInstance, times: dict[int, Slot], limit: float, seed: int) -> float | None:
    """The soft penalty of exactly these starts, in FET's unit.

    Why: the search's objective may carry slack (a penalty indicator is only bounded from below,
    so an incumbent can count a constraint it keeps), and a first timetable that stage 2 never
    improved has no objective at all. With every start pinned, minimising leaves no slack."""
    pinned = build_time_model(inst, with_soft=True, fixed=times)
    if pinned.infeasible_reason:
        return None
    if not pinned.penalties:
        return 0.0
    pinned.model.minimize(sum(w * e for w, e, _ in pinned.penalties))
    solver = _solver(max(0.1, min(limit, 10.0)), 1, seed)
    if solver.solve(pinned.model) != cp_model.OPTIMAL:
        return None
    return solver.objective_value / SCALE


def _within_gap(penalty: float, bound: float, gap_percent: float) -> bool:
    """CP-SAT's relative gap, |penalty - bound| / max(1, |penalty|), at most ``gap_percent`` %."""
    return abs(penalty - bound) / max(1.0, abs(penalty)) <= gap_percent / 100.0 + 1e-9


def _quick_first(
    inst: FetInstance, limit: float, seed: int, should_stop: Callable[[], bool] | None
) -> tuple[dict[int, Slot] | None, PlaceAndEvict | None]:
    """The heuristic's timetable before any model is built, if it keeps every hard constraint;
    else the heuristic for the race beside the search (resumed where this short run stopped, or
    with another seed if it stalled or its timetable did not hold).

    Why: on the easy files FET solves in a fraction of a second, building the model took longer
    than FET's whole run. The heuristic needs only the allowed starts; its starts are then checked
    by the time model built with each activity pinned to its start (a fraction of the full model's
    building time; presolve settles it)."""
    starts = allowed_starts(inst)
    if not starts or not all(starts.values()):
        return None, None  # the full model reports which activity has no start
    heuristic = PlaceAndEvict(inst, starts, seed)
    times, complete = heuristic.run(min(QUICK_GREEDY_MAX_SECONDS, QUICK_GREEDY_SHARE * limit), should_stop)
    if not complete:
        # stalled (no gain in the later half of its run): measured on FET's examples, such a run
        # rarely finishes, where another seed may (KalengaPSY15T1a: seed 0 stalls at 1 s and has
        # not finished 6 s later; seed 1 finishes in 3.3 s); one still gaining is resumed
        return None, heuristic if heuristic.progressing() else heuristic.reseeded()
    if _holds(inst, times, limit, seed):
        return times, None
    return None, heuristic.reseeded()


def solve_fet(
    instance: FetInstance,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    on_progress: Callable[[FetProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    first_only: bool = False,
    gap_percent: float | None = None,
) -> FetSolveResult:
    """Find a timetable for ``instance`` within ``time_limit`` seconds (stages in the module doc).

    ``first_only`` returns the first timetable that keeps every hard constraint (rooms included);
    ``gap_percent`` stops optimising once the soft penalty is within that many percent of the bound.
    """
    t0 = time.monotonic()
    result = FetSolveResult(status="unknown")
    forbidden: dict[int, set[Slot]] = defaultdict(set)

    def left() -> float:
        return time_limit - (time.monotonic() - t0)

    room_sets: set[frozenset[str]] = set()
    nogoods: list[list[tuple[int, Slot]]] = []
    rooms = Rooms(instance)
    hint: dict[int, Slot] = {}
    # the heuristic would break a hard rule it does not know: then it is not run at all
    quick, heuristic = None, None
    if knows_every_hard_time_constraint(instance):
        quick, heuristic = _quick_first(instance, time_limit, seed, should_stop)
    for _attempt in range(40):  # each failed room stage adds a cut; time runs out first
        if quick is not None:
            times, proved_infeasible, winner = quick, False, "the place-and-evict heuristic, before the model was built"
            quick = None
            if on_progress:
                on_progress(FetProgress(time.monotonic() - t0, "feasible", None, None))
        else:
            # stage 1: hard constraints only
            fm = build_time_model(
                instance, with_soft=False, extra_forbidden=forbidden, room_sets=room_sets, nogoods=nogoods
            )
            if fm.infeasible_reason:
                # a proof only while no last-resort room cut (not a valid constraint) forbids slots
                result.status = "unknown" if forbidden else "infeasible"
                result.messages.append(fm.infeasible_reason + (_CUTS_VOID_PROOF if forbidden else ""))
                break
            _hint(fm, hint)
            times, proved_infeasible, winner = _race_first(
                instance, fm, left() * 0.95, workers, seed, t0, on_progress, should_stop, hint, heuristic
            )
            heuristic = None  # it ran its course
        if proved_infeasible and forbidden:
            result.messages.append("no timetable left" + _CUTS_VOID_PROOF)
            break
        if proved_infeasible:
            result.status = "infeasible"
            result.messages.append("the hard constraints dlplanner models admit no timetable (proved)")
            break
        if times is None:
            result.messages.append(f"no timetable found in {time_limit:g} s")
            break
        hint = times
        early = rooms.assign(times, min(left(), max(5.0, 0.1 * time_limit)), workers, seed, optimise=False)
        if early.hall_sets:
            # too many activities confined to some rooms at once: count those rooms in the model
            room_sets |= early.hall_sets
            result.messages.append(
                f"rooms: {len(early.hall_sets)} room set(s) over capacity; counting them and retrying"
            )
            continue
        if early.nogood:
            # a multi-hour activity cannot keep one room throughout: these starts cannot all stay
            nogoods.append(early.nogood)
            result.messages.append(f"rooms: {len(early.nogood)} activities' starts leave no rooms; retrying")
            continue
        if early.rooms is not None and result.time_to_first is None:
            result.time_to_first = time.monotonic() - t0
            result.messages.append(f"first timetable by {winner}")
        elif early.timed_out:
            result.messages.append(f"times by {winner}; rooms not found yet")
        penalty: float | None = None
        bound: float | None = None
        proven = False
        first_times = times
        stopped_within_gap = False
        if first_only and early.rooms is not None:
            result.stop_reason = "first"
            result.messages.append("stopped at the first timetable (--first): soft constraints not optimised")
        # stage 2: soft constraints, hinted
        if result.stop_reason != "first" and left() > 1.0 and not (should_stop and should_stop()):
            full = build_time_model(
                instance, with_soft=True, extra_forbidden=forbidden, room_sets=room_sets, nogoods=nogoods
            )
            if full.penalties:
                full.model.minimize(sum(w * e for w, e, _ in full.penalties))
                _hint(full, times)
                watch2 = _Watch(t0, "optimise", on_progress, should_stop, True)
                solver2 = _solver(max(0.5, left() - min(5.0, 0.1 * time_limit)), workers, seed)
                if gap_percent is not None:
                    solver2.parameters.relative_gap_limit = max(0.0, gap_percent) / 100.0
                status2 = solver2.solve(full.model, watch2)
                if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                    times = read_times(full, solver2)
                    penalty = solver2.objective_value / SCALE
                    bound = solver2.best_objective_bound / SCALE
                    proven = status2 == cp_model.OPTIMAL
                    result.time_to_best = watch2.last
                    stopped_within_gap = (
                        gap_percent is not None and not proven and _within_gap(penalty, bound, gap_percent)
                    )
            else:
                penalty, bound, proven = 0.0, 0.0, True
        # stage 3: rooms (the first timetable keeps the rooms found with it)
        stage = early if result.stop_reason == "first" else rooms.assign(times, max(1.0, left()), workers, seed)
        if stage.rooms is None and times is not first_times and early.rooms is not None:
            # the optimised times need rooms the first ones did not have: keep the first timetable
            stage, times, penalty, bound, proven = early, first_times, None, None, False
            result.messages.append("rooms: the optimised times had no room assignment; kept the first timetable")
        if stage.rooms is None:
            if stage.hall_sets:
                room_sets |= stage.hall_sets
                result.messages.append(f"rooms: {len(stage.hall_sets)} room set(s) over capacity; retrying")
            elif stage.nogood:
                nogoods.append(stage.nogood)
                result.messages.append(f"rooms: {len(stage.nogood)} activities' starts leave no rooms; retrying")
            elif stage.timed_out:
                result.messages.append("rooms: time ran out before a room assignment was found")
                break
            else:
                cuts = rooms.clashing_slots(times)
                for aid, slot in cuts:
                    forbidden[aid].add(slot)
                result.messages.append(f"rooms: no assignment for the times found; retrying with {len(cuts)} cuts")
            if left() < 1.0:
                break
            continue
        tt = FetTimetable(
            {
                aid: FetPlacement(d, h, stage.rooms.get(aid), stage.real_rooms.get(aid, []))
                for aid, (d, h) in times.items()
            }
        )
        result.timetable = tt
        # rooms are optimised for these times only: a room penalty could vanish with other times,
        # so the proven bound is the time model's, and "optimal" needs a room penalty of 0; cuts
        # that forbid slots are not valid constraints, so they void the bound
        exact = _exact_penalty(instance, times, left(), seed)
        if exact is not None:
            penalty = exact
            proven = proven or (bound is not None and exact <= bound + 1e-9)
        result.status = "optimal" if proven and not forbidden and stage.penalty == 0 else "feasible"
        if result.stop_reason is None:
            if result.status == "optimal":
                result.stop_reason = "optimal"
            elif stopped_within_gap:
                result.stop_reason = "gap"
                result.messages.append(f"stopped within {gap_percent:g} % of the bound (--gap)")
            elif should_stop and should_stop():
                result.stop_reason = "stopped"
            else:
                result.stop_reason = "time limit"
        if penalty is not None:
            result.soft_penalty = round(penalty + stage.penalty, 6)
        if bound is not None and not forbidden:
            result.best_bound = round(bound, 6)
        if result.time_to_first is None:
            result.time_to_first = time.monotonic() - t0
        if result.time_to_best is None:
            result.time_to_best = time.monotonic() - t0
        break
    if not result.has_timetable:
        result.time_to_first = result.time_to_best = None
        result.stop_reason = "infeasible" if result.status == "infeasible" else None
    result.wall_time = time.monotonic() - t0
    return result
