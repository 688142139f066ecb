"""Does dlplanner still find a valid timetable for the FET example files it solved before? (the valid count)

    .venv/bin/python benchmarks/fet_valid_count.py [--time-limit 60] [--workers 2] [--all]
        [--out benchmarks/results/fet_valid_count.md]

Reads the rows recorded by ``fet_vs_fetcl.py`` (``benchmarks/results/fet_vs_fetcl.json``) and runs
``dlplanner fet solve --first`` on every fully supported file (``--all``: every file) with the same time
limit: the run stops at its first timetable keeping every hard constraint, so "valid" means the same as
in the recorded rows (a timetable the checker accepts within the limit) at a fraction of the time,
since the recorded runs went on optimising soft constraints until the limit. fet-cl is not run. The
table lists each file's recorded verdict and today's, and the counts.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from fet_vs_fetcl import ROOT, run_dlplanner


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--all", action="store_true", help="Every recorded file, not only the fully supported ones.")
    ap.add_argument("--record", default=str(ROOT / "benchmarks" / "results" / "fet_vs_fetcl.json"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fet_valid_count.md"))
    args = ap.parse_args()
    recorded = [(Path(d["path"]), d["row"]) for d in json.loads(Path(args.record).read_text(encoding="utf-8"))]
    chosen = [(path, row) for path, row in recorded if args.all or row["supported"]]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    work = Path(tempfile.mkdtemp(prefix="fet-valid-"))
    lines = []
    before = after = 0
    for i, (path, row) in enumerate(chosen):
        info = run_dlplanner(path, args.time_limit, args.workers, work / f"dl-{i}.fet", "--first")
        verdict = info.get("verdict", "no timetable")
        now_valid = verdict.startswith("valid")
        before += bool(row["dl_valid"])
        after += now_valid
        first = info.get("first", "")
        was = "valid" if row["dl_valid"] else row["verdict"] or "no timetable"
        lines.append(f"| {row['name']} | {row['activities']} | {was} | {row['commit'] or '(before 3642cad)'} "
                     f"| {'valid' if now_valid else verdict} | {first} | {info['wall']} |")  # fmt: skip
        print(f"[{i + 1}/{len(chosen)}] {row['name']}: before {was[:40]} | now {verdict[:60]}", flush=True)
    head = [
        "# FET examples: valid timetables before and now",
        "",
        f"Machine: {platform.platform()}, {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}; `dlplanner fet solve --first --time-limit {args.time_limit:g} "
        f"--workers {args.workers}` at {commit} (command: `{' '.join(['python', *sys.argv])}`). "
        "*Before*: the verdict recorded by `fet_vs_fetcl.py` (its commit; those runs optimised until the "
        "limit). *Now*: the checker's verdict on the first timetable. fet-cl was not run.",
        "",
        f"**Valid: {before} of {len(chosen)} before, {after} of {len(chosen)} now.**",
        "",
        "| file | act. | before | before commit | now | now first s | now wall s |",
        "|---|---|---|---|---|---|---|",
    ]
    Path(args.out).write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    print(f"valid before {before}, now {after} of {len(chosen)}; table: {args.out}")


if __name__ == "__main__":
    main()
