"""Solve synthetic schools (300, 1,000, 3,000 students), comprehensive ones, and every scenario of the samples.

Each case runs in a fresh subprocess so that its peak memory is its own. Every solution goes
through the independent checker; the table reports its verdict next to the solver's figures.

    python benchmarks/solve_bench.py                      # everything, 60 s per case
    python benchmarks/solve_bench.py --time-limit 20 --sizes 300 1000 --no-samples
    python benchmarks/solve_bench.py --out benchmarks/results/solve.md
    python benchmarks/solve_bench.py --sizes --no-samples --comprehensive 1200 2400 3600

Nothing here asserts a time: the figures are written down, with the machine, for the README.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run_case(case: str, time_limit: float, workers: int, seed: int) -> dict:
    """Solve one case in this process and return its figures (called in the child)."""
    from dlplanner.domain import codec
    from dlplanner.domain.checker import check_timetable
    from dlplanner.paths import samples_dir
    from dlplanner.solver import SolveRequest, solve

    if case.startswith("synthetic-"):
        from school_generator import generate_school

        project = generate_school(int(case.split("-")[1]), seed=seed)
        scenario = project.scenarios[0]
    elif case.startswith("comprehensive-"):
        from school_generator import generate_comprehensive

        project = generate_comprehensive(int(case.split("-")[1]), seed=seed)
        scenario = project.scenarios[0]
    else:
        sample, scenario_id = case.split(":", 1)
        project = codec.load_project_json(samples_dir() / f"{sample}.json")
        scenario = project.scenario(scenario_id)
    meetings = sum(s.meetings_per_cycle for s in scenario.sections)
    improvements: list[tuple[float, float]] = []
    started = time.perf_counter()

    def on_progress(progress) -> None:
        improvements.append((progress.elapsed, progress.objective))

    request = SolveRequest(project, scenario.id, time_limit=time_limit, workers=workers, seed=seed, hint=[])
    result = solve(request, on_progress=on_progress)
    wall = time.perf_counter() - started
    report = check_timetable(project, scenario, result.placements) if result.placements else None
    best_time = None
    if improvements and result.objective is not None:
        best_time = next((t for t, obj in improvements if obj <= result.objective + 1e-9), improvements[-1][0])
    gap = None
    if result.objective is not None and result.best_bound is not None:
        gap = (result.objective - result.best_bound) / max(1.0, abs(result.objective))
    return {
        "case": case,
        "students": sum(c.size for c in project.cohorts),
        "meetings": meetings,
        "status": str(result.status),
        "first": result.time_to_first,
        "best": best_time,
        "wall": wall,
        "objective": result.objective,
        "bound": result.best_bound,
        "gap": gap,
        "verdict": "no solution"
        if report is None
        else ("valid" if report.ok else f"{len(report.violations)} violations"),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # Linux: kilobytes
        "messages": result.messages,
        "penalties": result.penalties,
    }


def run_in_child(case: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--one", case, "--time-limit", str(args.time_limit),
               "--workers", str(args.workers), "--seed", str(args.seed)]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        last = (completed.stderr.strip().splitlines() or ["no output"])[-1]
        return {"case": case, "status": "crashed", "verdict": last}
    return json.loads(completed.stdout.strip().splitlines()[-1])


def cases(args: argparse.Namespace) -> list[str]:
    from dlplanner.domain import codec
    from dlplanner.paths import samples_dir

    found = [f"synthetic-{n}" for n in args.sizes] + [f"comprehensive-{n}" for n in args.comprehensive]
    if not args.no_samples:
        for path in sorted(samples_dir().glob("*.json")):
            project = codec.load_project_json(path)
            found += [f"{path.stem}:{s.id}" for s in project.scenarios]
    return found


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    return "–" if value is None else pattern.format(value)


def table(rows: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; time limit {args.time_limit:g} s, {args.workers} workers, "
        f"seed {args.seed}. Command: `python benchmarks/solve_bench.py {' '.join(sys.argv[1:])}`",
        "",
        "| case | students | meetings | status | first feasible (s) | best (s) | wall (s) | objective | gap to bound "
        "| peak MB | checker |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['case']} | {r.get('students', '–')} | {r.get('meetings', '–')} | {r['status']} | "
            f"{fmt(r.get('first'))} | {fmt(r.get('best'))} | {fmt(r.get('wall'), '{:.1f}')} | "
            f"{fmt(r.get('objective'), '{:.0f}')} | {fmt(r.get('gap'), '{:.1%}')} | "
            f"{fmt(r.get('peak_mb'), '{:.0f}')} | {r['verdict']} |"
        )
    breakdown = [
        f"- {r['case']}: " + ", ".join(f"{rule} {units:,}" for rule, units in r["penalties"].items() if units)
        for r in rows
        if r.get("penalties")
    ]
    if breakdown:
        lines += ["", "Penalties by soft rule (the checker's):", "", *breakdown]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 1000, 3000])
    parser.add_argument(
        "--comprehensive", type=int, nargs="*", default=[], help="sizes of the period-based comprehensive shape"
    )
    parser.add_argument("--no-samples", action="store_true")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one, args.time_limit, args.workers, args.seed)))
        return
    rows = []
    for case in cases(args):
        rows.append(run_in_child(case, args))
        print(f"{case}: {rows[-1]['status']} {rows[-1]['verdict']}", file=sys.stderr, flush=True)
        for message in rows[-1].get("messages", []):
            print(f"    {message}", file=sys.stderr, flush=True)
    text = table(rows, args)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
