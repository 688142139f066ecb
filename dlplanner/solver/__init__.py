"""The CP-SAT scheduling engine (the only package that imports OR-Tools); see students.solve and engine.solve."""

from dlplanner.solver.engine import explain
from dlplanner.solver.rules import HARD_RULES, RULE_IDS, SOFT_RULES, first_line
from dlplanner.solver.students import solve  # the sections (engine.solve), then the students
from dlplanner.solver.types import Conflict, Progress, SolveRequest, SolveResult

__all__ = [
    "HARD_RULES",
    "RULE_IDS",
    "SOFT_RULES",
    "Conflict",
    "Progress",
    "SolveRequest",
    "SolveResult",
    "explain",
    "first_line",
    "solve",
]
