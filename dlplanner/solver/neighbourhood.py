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

import tempfile
from collections import deque
from pathlib import Path

from ortools.sat import cp_model_pb2
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
        # read through protobuf's own parser: about six times faster than the model's attribute access
        read = _read(model)
        self.variables_of: list[list[int]] = []
        self.constraints_of: list[list[int]] = [[] for _ in range(len(read.variables))]
        for index, constraint in enumerate(read.constraints):
            found = _variables(constraint)
            if found is None:
                self.supported = False
                return
            self.variables_of.append(found)
            for var in found:
                self.constraints_of[var].append(index)
        self.constant = [len(v.domain) == 2 and v.domain[0] == v.domain[1] for v in read.variables]
        self.objective_vars = list(read.objective.vars)
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


def _read(model: cp_model.CpModel) -> cp_model_pb2.CpModelProto:
    """The model as a protobuf message (written to a temporary file and parsed)."""
    with tempfile.TemporaryDirectory(prefix="dlplanner-part-") as folder:
        path = Path(folder) / "model.pb"
        model.export_to_file(str(path))
        read = cp_model_pb2.CpModelProto()
        read.ParseFromString(path.read_bytes())
    return read


_LITERAL_KINDS = ("bool_and", "bool_or", "at_most_one", "exactly_one")


def _variables(constraint: cp_model_pb2.ConstraintProto) -> list[int] | None:
    """The variable indexes a constraint reads (literals as their variables), or None for a kind not read here."""
    kind = constraint.WhichOneof("constraint")
    out = [_var(lit) for lit in constraint.enforcement_literal]
    if kind in _LITERAL_KINDS:
        out += [_var(lit) for lit in getattr(constraint, kind).literals]
    elif kind == "linear":
        out += constraint.linear.vars
    elif kind == "lin_max":
        out += constraint.lin_max.target.vars
        for expr in constraint.lin_max.exprs:
            out += expr.vars
    elif kind is not None:
        return None
    return list(dict.fromkeys(out))


def _var(literal: int) -> int:
    return literal if literal >= 0 else -literal - 1
