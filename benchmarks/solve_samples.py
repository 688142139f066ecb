"""Solve every scenario of every sample project and print status, time to first timetable and the checker's verdict.

    python benchmarks/solve_samples.py [TIME_LIMIT] [FILES...]

Nothing is asserted: the figures are for reading (and for the README).
"""

from __future__ import annotations

import glob
import sys

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.codec import load_project_json
from dlplanner.solver import SolveRequest, solve


def main() -> None:
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    files = sys.argv[2:] or sorted(glob.glob("resources/samples/*.json"))
    print("| sample | scenario | status | first (s) | wall (s) | objective | bound | checker |")
    print("|---|---|---|---|---|---|---|---|")
    for path in files:
        project = load_project_json(path)
        for scenario in project.scenarios:
            result = solve(SolveRequest(project, scenario.id, time_limit=limit, workers=2))
            verdict = "-"
            if result.placements:
                report = check_timetable(project, scenario, result.placements)
                verdict = "ok" if report.ok else f"{len(report.violations)} violations"
            first = f"{result.time_to_first:.2f}" if result.time_to_first is not None else "-"
            print(
                f"| {path.rsplit('/', 1)[-1]} | {scenario.name} | {result.status} | {first} | {result.wall_time:.1f} "
                f"| {result.objective} | {result.best_bound} | {verdict} |",
                flush=True,
            )
            for conflict in result.conflicts:
                print(f"|   | conflict: {conflict.message} | | | | | | |")


if __name__ == "__main__":
    main()
