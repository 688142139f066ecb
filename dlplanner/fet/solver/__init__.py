"""CP-SAT engine for FET instances (the only FET code that imports OR-Tools)."""

from dlplanner.fet.solver.solve import FetProgress, FetSolveResult, solve_fet

__all__ = ["FetProgress", "FetSolveResult", "solve_fet"]
