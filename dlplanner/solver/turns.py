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

import random
import time
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.model import Enrolment, Placement, Project, Scenario
from dlplanner.domain.students import open_sections_by_subject, request_groups
from dlplanner.solver import engine, lns
from dlplanner.solver.rules import SOFT_RULES
from dlplanner.solver.types import SolveRequest

MAX_SEATS = 20_000
NEIGHBOURHOODS = True  # search by neighbourhoods (below); False: one CP-SAT search of the whole turn's model
# a round frees a few sections around unmet requests, the seats of their students and of some who miss them; on
# New Tech's traditional-7 (20 s from the same timetable) smaller and shorter rounds did better: 6 sections, 60
# students, 1 s: −1,630 units; 3, 30, 0.3 s on one worker: −3,240 (a round's cost is mostly its presolve)
SECTIONS_PER_ROUND, STUDENTS_PER_ROUND, ROUND_WORKERS = 3, 30, 1
ROUND_SECONDS, MAX_ROUND_SECONDS = 0.3, 5.0
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


def worth_a_turn(project: Project, scenario: Scenario) -> bool:
    """Whether the solve takes a turn: requests, open sections of no cohort, and at most ``MAX_SEATS`` possible
    seats (about: a seat per request and open section of its subjects and alternates).

    Why the limit: the turn takes time from the load. On Linked Learning's seven-period (55,900 possible seats)
    the turn's model has a million constraints, a round takes 1.2 s and 16 rounds won 1.5 % of the objective,
    while the load there uses its whole time and still improves (docs/rules.md, "How the solver decides").
    """
    free = free_sections(project, scenario)
    if not free or not project.requests:
        return False
    open_by_subject = open_sections_by_subject(project, scenario)
    seats = sum(
        len(open_by_subject.get(s, []))
        for groups in request_groups(project).values()
        for g in groups
        for s in g.subjects
    )
    return seats <= MAX_SEATS


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
    limit = left() - min(5.0, 0.1 * time_limit)  # keep time for the room pass and the checker
    if limit < 1.0 or (should_stop is not None and should_stop()):
        return None, [*messages, "turn: no time left"]
    if fixed is not None and NEIGHBOURHOODS:
        solver, objective, rounds, better = _neighbourhoods(
            ctx, load, fixed, time.monotonic() + limit, request, should_stop
        )
        messages.append(
            f"turn: {rounds} neighbourhoods searched until {time.monotonic() - t0:.2f} s, {better} better "
            f"(objective {start:,.0f} → {objective:,.0f})"
        )
        if solver is None:
            return None, [*messages, "turn: no better timetable; the current one kept"]
    else:
        solver = cp_model.CpSolver()
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


def _neighbourhoods(ctx, load, fixed: cp_model.CpSolver, deadline: float, request: SolveRequest, should_stop):
    """(solver holding the best solution or None, its objective, rounds, better ones): the turn's model solved
    again and again with every free section and seat fixed to the best solution so far but for a few sections
    around a request left unmet (a student's unmet request's sections and that student's other open sections)
    and every seat of the students who may sit in them; a better objective is kept.

    Why: one CP-SAT search of the whole turn's model improves slowly (traditional-7: 2.8 % of its objective in
    30 s); a neighbourhood is small, and many short rounds did better than fewer longer ones (figures above).
    """
    proto = ctx.model.proto
    values = list(fixed.response_proto.solution)
    objective = fixed.objective_value
    movable = {sid: info for sid, info in load.free.items() if not info.pinned}
    decisions = {sid: lns._decision_indexes(info) for sid, info in movable.items()}
    students = load.students
    seats = [[c.lit.index for c in info.choices] for info in students]
    choosers: dict[str, list[int]] = {}
    for k, info in enumerate(students):
        for c in info.choices:
            choosers.setdefault(c.section.id, []).append(k)
    original = {i: list(proto.variables[i].domain) for idx in [*decisions.values(), *seats] for i in idx}
    for i in original:
        lns._set(proto, i, [values[i], values[i]])
    rng = random.Random(request.seed)
    rounds = better = 0
    seconds = ROUND_SECONDS
    best = None
    try:
        while deadline - time.monotonic() > 0.3 and not (should_stop and should_stop()):
            unmet = []
            for k, info in enumerate(students):
                for group in info.groups:
                    own = [c for c in info.choices if c.group is group]
                    if own and not any(values[c.lit.index] and c.section.subject_id == group.subject_id for c in own):
                        unmet.append((k, group))
            if not unmet:
                break
            unmet_all = list(unmet)
            sections: set[str] = set()
            while len(sections) < SECTIONS_PER_ROUND and unmet:
                k, group = unmet.pop(rng.randrange(len(unmet)))
                info = students[k]
                wanted = [c.section.id for c in info.choices if c.group is group and c.section.id in movable]
                mine = [c.section.id for c in info.choices if values[c.lit.index] and c.section.id in movable]
                sections.update(rng.sample(wanted, min(len(wanted), 2)) + mine)
            if not sections:
                break  # the requests left unmet have no section the turn may move
            # the seats of the students in these sections, and of some who request them and miss a request
            seated = {
                k
                for sid in sections
                for k in choosers.get(sid, [])
                if any(values[c.lit.index] and c.section.id == sid for c in students[k].choices)
            }
            missing = sorted(
                {k for k, g in unmet_all if any(c.group is g and c.section.id in sections for c in students[k].choices)}
                - seated
            )
            freed = sorted(seated | set(rng.sample(missing, min(len(missing), STUDENTS_PER_ROUND))))
            for sid in sections:
                for i in decisions[sid]:
                    lns._set(proto, i, original[i])
            for k in freed:
                for i in seats[k]:
                    lns._set(proto, i, original[i])
            ctx.model.clear_hints()
            proto.solution_hint.vars.extend(range(len(values)))
            proto.solution_hint.values.extend(values)
            solver = cp_model.CpSolver()
            engine._params(
                solver,
                max(0.05, min(seconds, deadline - time.monotonic() - 0.2)),
                ROUND_WORKERS or request.workers,
                request.seed + rounds,
            )
            solver.parameters.cp_model_probing_level = 0
            code = solver.solve(ctx.model)
            rounds += 1
            if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                seconds = min(MAX_ROUND_SECONDS, 1.5 * seconds)
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) and solver.objective_value < objective - 1e-9:
                values = list(solver.response_proto.solution)
                objective = solver.objective_value
                best = solver
                better += 1
            for sid in sections:
                for i in decisions[sid]:
                    lns._set(proto, i, [values[i], values[i]])
            for k in freed:
                for i in seats[k]:
                    lns._set(proto, i, [values[i], values[i]])
    finally:
        for i, domain in original.items():
            lns._set(proto, i, domain)
    return best, objective, rounds, better
