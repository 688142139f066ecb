"""The CP-SAT scheduling engine (the only package that imports OR-Tools); see students.solve.

``solve`` places the sections (engine.solve), then seats the students (students.solve).

The request and result types load at once; the engine and the rules, which import OR-Tools (and
pandas through it, seconds on a laptop), load on first use, so the app's first window does not wait.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dlplanner.solver.types import Conflict, Progress, SolveRequest, SolveResult

if TYPE_CHECKING:
    from dlplanner.solver.engine import explain
    from dlplanner.solver.rules import HARD_RULES, RULE_IDS, SOFT_RULES, first_line
    from dlplanner.solver.students import solve

_LOADED_ON_USE = {
    "explain": "dlplanner.solver.engine",
    "solve": "dlplanner.solver.students",  # the sections (engine.solve), then the students
    "HARD_RULES": "dlplanner.solver.rules",
    "RULE_IDS": "dlplanner.solver.rules",
    "SOFT_RULES": "dlplanner.solver.rules",
    "first_line": "dlplanner.solver.rules",
}


def __getattr__(name: str) -> Any:
    if name in _LOADED_ON_USE:
        return getattr(importlib.import_module(_LOADED_ON_USE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
