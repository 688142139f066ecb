"""The soft rules' objective: weights, and the penalty terms rules add (each evaluated again to report it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

# Default weights of the soft rules (penalty per unit): the table of docs/rules.md, checked by a test.
DEFAULT_WEIGHTS: dict[str, int] = {
    "spread_days": 10,
    "subject_twice_daily": 5,
    "teacher_gaps": 1,
    "consecutive_teaching": 3,
    "teacher_preferences": 2,
    "long_blocks_pbl": 2,
    "daily_load_balance": 1,
    "room_changes": 1,
    "request_unmet": 10,
    "section_balance": 1,
}


@dataclass
class Penalty:
    """A soft-rule term: ``weight * max(0, max(exprs))``, evaluated again on the solution to report it."""

    rule_id: str
    weight: int
    exprs: list
    var: object
    evaluate: Callable[[cp_model.CpSolver], int] | None = None  # default: max(0, max(exprs))
    # whose timetable pays it: ("teacher", id), ("cohort", id) or ("section", id); the neighbourhood
    # search (dlplanner.solver.lns) re-places where the penalties are
    owner: tuple[str, str] | None = None

    def count(self, solver: cp_model.CpSolver) -> int:
        if self.evaluate is not None:
            return self.evaluate(solver)
        return max(0, *(int(solver.value(e)) for e in self.exprs))


class Objective:
    """The weights in force and the penalty terms added so far."""

    def __init__(self, model: cp_model.CpModel, *overrides: dict[str, int] | None) -> None:
        self.model = model
        self.weights = dict(DEFAULT_WEIGHTS)
        for more in overrides:
            if more:
                self.weights.update(more)
        self.penalties: list[Penalty] = []

    def weight(self, rule_id: str) -> int:
        return int(self.weights.get(rule_id, DEFAULT_WEIGHTS.get(rule_id, 0)))

    def add(self, penalty: Penalty) -> None:
        self.penalties.append(penalty)

    def add_penalty(
        self,
        rule_id: str,
        weight: int,
        exprs: list,
        *,
        upper: int,
        direct: bool = False,
        evaluate: Callable[[cp_model.CpSolver], int] | None = None,
        owner: tuple[str, str] | None = None,
    ) -> object | None:
        """Penalise ``weight * max(0, max(exprs))``; ``direct`` when the single expr is already ≥ 0."""
        if weight == 0 or not exprs:
            return None
        if direct and len(exprs) == 1:
            var = exprs[0]
        else:
            var = self.model.new_int_var(0, max(0, upper), "")
            for e in exprs:
                self.model.add(var >= e)
        self.penalties.append(Penalty(rule_id, weight, exprs, var, evaluate, owner))
        return var

    def add_worst_slice_penalty(
        self, rule_id: str, weight: int, slices: list[list[tuple[list, int]]], owner: tuple[str, str] | None = None
    ) -> None:
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
                self.add_penalty(rule_id, weight, exprs, upper=upper, owner=owner)
            return
        units: dict[int, object] = {}
        for counts in distinct.values():
            for count in counts:
                if id(count) not in units:
                    exprs, upper = count
                    var = self.model.new_int_var(0, max(0, upper), "")
                    for e in exprs:
                        self.model.add(var >= e)
                    units[id(count)] = var
        worst = self.model.new_int_var(0, max(sum(u for _, u in counts) for counts in distinct.values()), "")
        for counts in distinct.values():
            self.model.add(worst >= sum(units[id(c)] for c in counts))

        def evaluate(solver: cp_model.CpSolver) -> int:
            return max(
                sum(max(0, *(int(solver.value(e)) for e in exprs)) for exprs, _ in counts)
                for counts in distinct.values()
            )

        self.penalties.append(Penalty(rule_id, weight, [], worst, evaluate, owner))

    def expression(self):
        return sum(p.weight * p.var for p in self.penalties)
