"""Sections and students in turns: the open sections placed again with the students' seats, the rest fixed.

After the sections' model (step 1) and the students' model (step 2), a third model re-places the *free*
open sections (open sections of no cohort) jointly with the seats: every other section is pinned at its
step-1 times and teachers (rooms are chosen again, keeping the step-1 rooms where they can), the advisors
and team cohorts are fixed, every hard rule and every sections' soft rule is built as in step 1 (but for
``request_unmet``'s conflict matrix, which the seats replace), and the student rules add the seats
(:mod:`dlplanner.solver.student_model`, ``free``). A student's fixed week (cohort meetings, sittings,
internships) is known then, so the model sees exactly which times of an open section its students can take.

It starts from the current timetable and load (a complete hint), so it can only improve; its result is
kept only when the independent checker finds no hard violation and the students' penalties and the total
are both lower (why and figures: docs/rules.md, "How the solver decides").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.model import Enrolment, Placement, Project, Scenario
from dlplanner.solver import engine
from dlplanner.solver.rules import SOFT_RULES
from dlplanner.solver.types import SolveRequest

STUDENT_PENALTIES = ("request_unmet", "section_balance")
STALL_SHARE, STALL_SECONDS = 0.25, 5.0  # stop when not improved for this share of the time (at least these seconds)


@dataclass
class Turn:
    placements: list[Placement]
    enrolments: list[Enrolment]
    advisors: dict[str, str]
    team_cohorts: dict[str, list[str]]
    penalties: dict[str, int]
    messages: list[str]


def free_sections(project: Project, scenario: Scenario) -> set[str]:
    """The open sections whose times the turn decides: those of no cohort."""
    return {s.id for s in scenario.sections if not s.cohort_ids and project.is_open(s)}


def place_open_sections(
    request: SolveRequest,
    placements: list[Placement],
    enrolments: list[Enrolment],
    advisors: dict[str, str],
    team_cohorts: dict[str, list[str]],
    *,
    time_limit: float,
    enrolment_pins: list[Enrolment],
    should_stop: engine.StopFn | None = None,
) -> tuple[Turn | None, list[str]]:
    """The turn (see the module docstring): a better timetable and load, or None, and what happened."""
    from dlplanner.solver.students import build_load_context  # students imports this module

    t0 = time.monotonic()
    project = request.project
    scenario = project.scenario(request.scenario_id)
    free = free_sections(project, scenario)
    if not free or not project.requests:
        return None, []

    def left() -> float:
        return time_limit - (time.monotonic() - t0)

    before = check_timetable(
        project, scenario, placements, advisors=advisors, team_cohorts=team_cohorts, enrolments=enrolments
    )
    if not before.ok:
        return None, ["turn skipped: the timetable breaks a hard rule"]
    # every other section at its step-1 times and teachers; rooms chosen again unless pinned by the user
    pins = [
        p if p.pinned else replace(p, pinned=True, room_id=None)
        for p in placements
        if p.section_id not in free or p.pinned
    ]
    ctx = engine._build(project, scenario, request, pins, room_classes=True)
    for aid, choice in ctx.advisor_vars.items():
        for tid, lit in choice.items():
            if aid in advisors:
                ctx.model.add(lit == int(advisors[aid] == tid))
    for team_id, choice in ctx.team_vars.items():
        for cid, lit in choice.items():
            if team_id in team_cohorts:
                ctx.model.add(lit == int(cid in team_cohorts[team_id]))
    for rule_id, rule in SOFT_RULES.items():
        if rule_id != "request_unmet":  # the conflict matrix stands in for the seats, which are here
            rule.add(ctx)
    load = build_load_context(project, scenario, placements, request.weights, enrolment_pins, sections=ctx, free=free)
    seats = sum(weight * units for _, weight, units in load.penalties)
    ctx.model.minimize(ctx.objective.expression() + seats)
    ctx.hint(placements, advisors, team_cohorts)
    taken = {(e.student_id, e.section_id) for e in enrolments}
    choices = [c for info in load.students for c in info.choices]
    for c in choices:
        ctx.model.add_hint(c.lit, (c.student.id, c.section.id) in taken)
    proto = ctx.model.proto
    messages = [
        f"turn: open sections placed again with the seats: {len(free)} sections, {len(choices):,} possible seats, "
        f"{len(proto.variables):,} variables, {len(proto.constraints):,} constraints, built in "
        f"{time.monotonic() - t0:.2f} s"
    ]
    fixed = engine._evaluate_fixed(ctx, max(0.05, min(10.0, left() / 4)), request.seed, should_stop)
    if fixed is not None:
        engine._complete_hint(ctx, fixed)
        start = fixed.objective_value
    else:
        start = None
        messages.append("turn: the current timetable is no complete hint of the turn's model")
    solver = cp_model.CpSolver()
    limit = left() - min(5.0, 0.1 * time_limit)  # keep time for the room pass and the checker
    if limit < 1.0 or (should_stop is not None and should_stop()):
        return None, [*messages, "turn: no time left"]
    engine._params(solver, limit, request.workers, request.seed)
    solver.parameters.cp_model_probing_level = 0
    last = [time.monotonic()]

    class _Last(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            last[0] = time.monotonic()

    stall = max(STALL_SECONDS, STALL_SHARE * limit)

    def stop() -> bool:
        return bool(should_stop and should_stop()) or time.monotonic() - last[0] > stall

    with engine._StopWatcher(solver, stop):
        code = solver.solve(ctx.model, _Last())
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, [*messages, f"turn: no solution in time ({solver.status_name(code).lower()})"]
    messages.append(
        f"turn: solved in {time.monotonic() - t0:.2f} s (objective {start if start is not None else '?'} → "
        f"{solver.objective_value:,.0f}, bound {solver.best_objective_bound:,.0f})"
    )
    if start is not None and solver.objective_value >= start:
        return None, [*messages, "turn: no better timetable; the current one kept"]
    new_placements = engine._extract(ctx, solver, placements, max(0.5, left()))
    if new_placements is None:
        return None, [*messages, "turn: the room pass failed; the current timetable kept"]
    user_pinned = {(p.section_id, p.meeting) for p in placements if p.pinned}
    for p in new_placements:
        p.pinned = (p.section_id, p.meeting) in user_pinned
    pinned_seats = {(e.student_id, e.section_id) for e in enrolment_pins}
    new_enrolments = [
        Enrolment(c.student.id, c.section.id, (c.student.id, c.section.id) in pinned_seats)
        for c in choices
        if solver.boolean_value(c.lit)
    ]
    new_advisors, new_teams = engine._choices(ctx, solver)
    after = check_timetable(
        project, scenario, new_placements, advisors=new_advisors, team_cohorts=new_teams, enrolments=new_enrolments
    )
    old_units = sum(before.penalties.get(r, 0) for r in STUDENT_PENALTIES)
    new_units = sum(after.penalties.get(r, 0) for r in STUDENT_PENALTIES)
    verdict = (
        f"students' penalties {old_units:,} → {new_units:,}, total {before.total_penalty:,} → {after.total_penalty:,}"
    )
    if not after.ok:
        return None, [
            *messages,
            f"turn: the current timetable kept: the checker found {len(after.violations)} hard violation(s) in the "
            f"new one ({after.violations[0].message})",
        ]
    if new_units >= old_units or after.total_penalty >= before.total_penalty:
        return None, [*messages, f"turn: no better timetable by the checker ({verdict}); the current one kept"]
    messages.append(f"turn: kept the new timetable ({verdict})")
    return Turn(new_placements, new_enrolments, new_advisors, new_teams, dict(after.penalties), messages), messages
