"""Students as people at scale: sections placed, then 1,200 or 3,000 students loaded from their requests.

Each case runs in a fresh subprocess (its peak memory is its own). The school comes from
``student_generator.py``; every result goes through the independent checker (students included).
Figures: when the first complete timetable with every student loaded existed, the share of rank-1
requests met (all of them, and the electives alone: the cohort's own sections meet the rest), the
checker's violations, peak memory, and the bound on rank-1 requests met with the run's section times
(:mod:`dlplanner.domain.request_bound`: each student alone, seats unlimited) with the gap to it.

    python benchmarks/students_bench.py --sizes 1200 --time-limits 60 120
    python benchmarks/students_bench.py --sizes 3000 --time-limits 300 --out benchmarks/results/students.md

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


def run_case(students: int, time_limit: float, workers: int, seed: int) -> dict:
    from student_generator import generate_school_with_students

    from dlplanner.domain.checker import check_timetable
    from dlplanner.domain.request_bound import request_bound
    from dlplanner.domain.students import request_outcomes
    from dlplanner.solver import SolveRequest, solve

    project = generate_school_with_students(students, seed=seed)
    scenario = project.scenarios[0]
    started = time.perf_counter()
    result = solve(SolveRequest(project, scenario.id, time_limit=time_limit, workers=workers, seed=seed, hint=[]))
    wall = time.perf_counter() - started
    first = next((m for m in result.messages if m.startswith("first complete timetable")), "")
    report = (
        check_timetable(project, scenario, result.placements, enrolments=result.enrolments)
        if result.placements
        else None
    )
    outcomes = request_outcomes(project, scenario, result.enrolments)
    rank1 = [o for o in outcomes if o.group.rank == 1]
    electives = [o for o in outcomes if o.group.subject_id.startswith("el")]
    elective1 = [o for o in electives if o.group.rank == 1]
    bound_began = time.perf_counter()
    bound = request_bound(project, scenario, result.placements)
    bound_seconds = time.perf_counter() - bound_began
    students_full = len({o.group.student_id for o in outcomes} - {o.group.student_id for o in outcomes if not o.met})
    return {
        "students": students,
        "time_limit": time_limit,
        "requests": len(project.requests),
        "open_sections": sum(1 for s in scenario.sections if not s.cohort_ids),
        "status": str(result.status),
        "first_complete": float(first.rsplit(" at ", 1)[1].split()[0]) if first else None,
        "wall": wall,
        "rank1_met": sum(1 for o in rank1 if o.met_by == o.group.subject_id) / max(1, len(rank1)),
        "rank1_met_or_alt": sum(1 for o in rank1 if o.met) / max(1, len(rank1)),
        "rank1_met_count": sum(1 for o in rank1 if o.met_by == o.group.subject_id),
        "rank1_requests": len(rank1),
        "rank1_bound": bound.own(1),
        "rank1_bound_or_alt": bound.met(1),
        "bound_exact": bound.exact,
        "bound_seconds": bound_seconds,
        "elective_rank1_met": sum(1 for o in elective1 if o.met_by == o.group.subject_id) / max(1, len(elective1)),
        "elective_met_or_alt": sum(1 for o in electives if o.met) / max(1, len(electives)),
        "students_full": students_full / students,
        "violations": None if report is None else len(report.violations),
        "penalties": None if report is None else {k: v for k, v in report.penalties.items() if v},
        "load_messages": [m for m in result.messages if m.startswith("students")],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1200, 3000])
    parser.add_argument("--time-limits", type=float, nargs="+", default=[120.0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--child", nargs=2, type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(int(args.child[0]), args.child[1], args.workers, args.seed)))
        return
    rows = []
    for size in args.sizes:
        for limit in args.time_limits:
            command = [sys.executable, __file__, "--child", str(size), str(limit), "--workers", str(args.workers)]
            done = subprocess.run(command, capture_output=True, text=True, env=os.environ, check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                continue
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            print(json.dumps(row), flush=True)
    lines = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, {args.workers} workers, "
        f"Python {platform.python_version()}",
        "",
        "| students | limit (s) | first complete (s) | wall (s) | rank-1 met | rank-1 bound (these times) | gap | "
        "rank-1 met or alternate | elective rank-1 met | students with every request met | checker violations | "
        "peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['students']:,} | {r['time_limit']:.0f} | {r['first_complete']} | {r['wall']:.1f} | "
            f"{100 * r['rank1_met']:.1f} % ({r['rank1_met_count']:,}) | "
            f"{100 * r['rank1_bound'] / max(1, r['rank1_requests']):.1f} % ({r['rank1_bound']:,}"
            f"{'' if r['bound_exact'] else ', not exact'}) | {r['rank1_bound'] - r['rank1_met_count']:,} | "
            f"{100 * r['rank1_met_or_alt']:.1f} % | "
            f"{100 * r['elective_rank1_met']:.1f} % | "
            f"{100 * r['students_full']:.1f} % | {r['violations']} | {r['peak_mb']:.0f} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
