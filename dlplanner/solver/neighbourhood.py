"""The part of a big model a neighbourhood can change: its free decisions and the constraints that reach them.

Why: re-solving the whole model with most decisions fixed makes CP-SAT load and presolve every
constraint each round (about a second on 2,400 students), though only a few hundred can change. Here
the constraints that touch a free decision are kept, together with every auxiliary variable they
reach (penalty and busy indicators, followed further through auxiliary variables only, never through
another section's decision, which stays fixed). A constraint whose every variable stays at its
current value holds already (the current values are a solution), so it is left out; an objective
variable the kept constraints do not reach keeps its current value. Every solution of the part, with
the rest of the current values, is a solution of the whole model with the objective the part reports.
"""

from __future__ import annotations

from collections import deque

from ortools.sat.python import cp_model

MAX_SHARE = 0.5  # a part with more of the model's constraints than this is no cheaper than the whole


class Splitter:
    """Builds, for a set of free decision variables, the sub-model that can change them (or None: not worth it).

    ``supported`` is False when the model holds a constraint kind not read here (the caller then
    re-solves the whole model).
    """

    def __init__(self, model: cp_model.CpModel, decisions: set[int]) -> None:
        proto = model.proto
        self.proto = proto
        self.decisions = decisions
        self.supported = True
        self.variables_of: list[list[int]] = []
        self.constraints_of: list[list[int]] = [[] for _ in range(len(proto.variables))]
        for index, constraint in enumerate(proto.constraints):
            found = _variables(constraint)
            if found is None:
                self.supported = False
                return
            self.variables_of.append(found)
            for var in found:
                self.constraints_of[var].append(index)
        self.constant = [len(v.domain) == 2 and v.domain[0] == v.domain[1] for v in proto.variables]
        self.objective_vars = list(proto.objective.vars)
        skeleton = cp_model.CpModel()
        skeleton.proto.copy_from(proto)
        skeleton.proto.constraints.clear()
        skeleton.proto.clear_solution_hint()
        self.skeleton = skeleton.proto

    def part(self, free: list[int], values: list[int]) -> tuple[cp_model.CpModel, list[int]] | None:
        """(sub-model, its open variables) for the free decisions, hinted with ``values``; None when too big."""
        opened = set(free)
        kept: set[int] = set()
        queue = deque(free)
        limit = MAX_SHARE * len(self.variables_of)
        while queue:
            for c in self.constraints_of[queue.popleft()]:
                if c in kept:
                    continue
                kept.add(c)
                if len(kept) > limit:
                    return None
                for var in self.variables_of[c]:
                    if var not in opened and var not in self.decisions and not self.constant[var]:
                        opened.add(var)
                        queue.append(var)
        part = cp_model.CpModel()
        proto = part.proto
        proto.copy_from(self.skeleton)
        for c in sorted(kept):
            proto.constraints.add().copy_from(self.proto.constraints[c])
        pinned = {var for c in kept for var in self.variables_of[c]} - opened
        pinned.update(var for var in self.objective_vars if var not in opened)
        for var in pinned:
            domain = proto.variables[var].domain
            domain.clear()
            domain.extend([values[var], values[var]])
        open_vars = sorted(opened)
        proto.solution_hint.vars.extend(open_vars)
        proto.solution_hint.values.extend(values[v] for v in open_vars)
        return part, open_vars


def _variables(constraint) -> list[int] | None:
    """The variable indexes a constraint reads (literals as their variables), or None for a kind not read here."""
    out = [_var(lit) for lit in constraint.enforcement_literal]
    if constraint.has_bool_and():
        out += [_var(lit) for lit in constraint.bool_and.literals]
    elif constraint.has_bool_or():
        out += [_var(lit) for lit in constraint.bool_or.literals]
    elif constraint.has_at_most_one():
        out += [_var(lit) for lit in constraint.at_most_one.literals]
    elif constraint.has_exactly_one():
        out += [_var(lit) for lit in constraint.exactly_one.literals]
    elif constraint.has_linear():
        out += list(constraint.linear.vars)
    elif constraint.has_lin_max():
        out += list(constraint.lin_max.target.vars)
        for expr in constraint.lin_max.exprs:
            out += list(expr.vars)
    else:
        return None
    return list(dict.fromkeys(out))


def _var(literal: int) -> int:
    return literal if literal >= 0 else -literal - 1
