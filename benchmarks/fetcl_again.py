"""fet-cl run again on the files of the recorded side-by-side table, to see how much its own times vary.

    .venv/bin/python benchmarks/fetcl_again.py [--time-limit 60] [--runs 1]
        [--table benchmarks/results/fet_vs_fetcl.json] [--out benchmarks/results/fetcl_again.md]

Why: after a solver change, ``fet_vs_fetcl.py --reuse-fet`` keeps fet-cl's recorded run of each
file, and fet-cl is randomised (each run starts from another random seed), so one recorded run may
be lucky or not. This runs fet-cl again on the fully supported files it solved in the table and
gives the median ratio of dlplanner's recorded time to a first timetable against the fresh fet-cl
times, beside the same median against the recorded ones. dlplanner is not run again.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from fet_vs_fetcl import ROOT, _median_with_failures, run_fetcl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--runs", type=int, default=1, help="fet-cl runs per file (their median time is used).")
    ap.add_argument("--table", default=str(ROOT / "benchmarks" / "results" / "fet_vs_fetcl.json"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fetcl_again.md"))
    args = ap.parse_args()
    rows = [d["row"] | {"path": d["path"]} for d in json.loads(Path(args.table).read_text(encoding="utf-8"))]
    rows = [r for r in rows if r["supported"] and r["fet_ok"]]
    lines = [
        "| file | fet-cl recorded | fet-cl now | dlplanner first (recorded) | ratio recorded | ratio now |",
        "|---|---|---|---|---|---|",
    ]
    before, after, unsolved_now = [], [], 0
    with tempfile.TemporaryDirectory(prefix="fetcl-again-") as work:
        for i, r in enumerate(rows):
            times, solved = [], 0
            for k in range(args.runs):
                ok, seconds, _soft, _refused = run_fetcl(Path(r["path"]), args.time_limit, Path(work) / f"{i}-{k}")
                times.append(seconds)  # where it did not solve: the time it ran, at least the limit
                solved += ok
            now = statistics.median(times)
            unsolved_now += solved <= args.runs // 2
            ours = r["dl_first"] if r["dl_valid"] else None
            if ours is not None:
                before.append(ours / max(r["fet_time"], 0.01))
                after.append(ours / max(now, 0.01))
            shown_now = f"{now:.1f}" + ("" if solved > args.runs // 2 else " (not solved)")
            ratios = f"{before[-1]:.2f} | {after[-1]:.2f}" if ours is not None else "| "
            shown_ours = ours if ours is not None else "—"
            lines.append(f"| {r['name']} | {r['fet_time']:.1f} | {shown_now} | {shown_ours} | {ratios} |")
            print(lines[-1], flush=True)
    failures = len(rows) - len(before)
    summary = [
        f"fet-cl run again ({args.runs} run(s) per file, {args.time_limit:.0f} s limit) on the {len(rows)} fully "
        f"supported files it solved in the recorded table; it did not solve {unsolved_now} of them this time.",
        "",
        f"- median ratio dlplanner / fet-cl over the {len(before)} dlplanner solved: "
        f"{statistics.median(before):.2f} against the recorded fet-cl times, "
        f"{statistics.median(after):.2f} against these",
        f"- over all {len(rows)} (unsolved counts as slower than any): {_median_with_failures(before, failures)} "
        f"recorded, {_median_with_failures(after, failures)} now",
        "",
    ]
    Path(args.out).write_text("\n".join(summary + lines) + "\n", encoding="utf-8")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
