"""Solve one comprehensive school for a long time and print each better timetable's time and penalty.

    python benchmarks/solve_progress.py 2400 --time-limit 600

Shows how the neighbourhood search's objective falls against the cohorts' bound over time (the README's
"longer runs"). The last line is the checker's verdict and the penalties by rule. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from school_generator import generate_comprehensive

    from dlplanner.domain.checker import check_timetable
    from dlplanner.solver import SolveRequest, solve

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("students", type=int)
    parser.add_argument("--time-limit", type=float, default=600.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    project = generate_comprehensive(args.students, seed=args.seed)
    scenario = project.scenarios[0]
    print("seconds  penalty  bound", flush=True)

    def on_progress(progress) -> None:
        print(f"{progress.elapsed:7.1f}  {progress.objective:7.0f}  {progress.bound:5.0f}", flush=True)

    request = SolveRequest(
        project, scenario.id, time_limit=args.time_limit, workers=args.workers, seed=args.seed, hint=[]
    )
    result = solve(request, on_progress=on_progress)
    report = check_timetable(project, scenario, result.placements) if result.placements else None
    verdict = "no timetable" if report is None else ("valid" if report.ok else f"{len(report.violations)} violations")
    rules = ", ".join(f"{rule} {units}" for rule, units in result.penalties.items() if units)
    print(f"final {result.objective} (bound {result.best_bound}), checker: {verdict}; {rules}", flush=True)


if __name__ == "__main__":
    main()
