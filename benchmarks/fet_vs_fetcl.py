"""Side by side: FET's own generator (fet-cl) and `dlplanner fet solve` on FET's example files.

    .venv/bin/python benchmarks/fet_vs_fetcl.py [--time-limit 60] [--workers 2] [--confirm 8]
        [--out benchmarks/results/fet_vs_fetcl.md]
        [--resume [--redo-supported [--reuse-fet] [--again] [--only NAME ...]]]
        [FILE.fet ...]

With no files, every official example (FET-5-official, FET-6-official) is run. For each file,
fet-cl and dlplanner run one after the other with the same time limit on the same machine.
dlplanner's timetable is judged by dlplanner's checker and, for a sample (``--confirm``), by
fet-cl itself: the output file has every activity locked, so fet-cl should finish at once.
Times are measured and written down, never asserted. Each finished file is also recorded in a
JSON file next to the table; ``--resume`` skips the files recorded there (the whole set takes a
few hours, longer than one sitting). After a solver change, ``--resume --redo-supported
--reuse-fet`` runs dlplanner again on the fully supported files, keeping fet-cl's recorded runs;
``--only NAME ...`` limits that to the files named (a change that touches only some files), and
``--again`` runs such files again even if HEAD's dlplanner already ran them (fet-cl is randomised,
so its recorded runs of a file can be redone beside dlplanner's on the same day).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dlplanner.fet.files import read_fet  # noqa: E402

EXAMPLES = Path("/usr/share/doc/fet-data/examples")


@dataclass
class Row:
    name: str
    activities: int
    supported: bool
    unsupported: str
    fet_ok: bool
    fet_time: float
    dl_status: str = ""
    dl_valid: bool = False
    dl_first: float | None = None
    dl_best: float | None = None
    dl_wall: float = 0.0
    penalty: str = ""
    bound: str = ""
    verdict: str = ""
    confirmed: str = ""
    fet_soft: str = ""
    fet_refused: bool = False  # fet-cl would not start: "Cannot precompute - data is wrong"
    commit: str = ""  # the dlplanner commit that produced this row (rows may come from several runs)


def run_fetcl(path: Path, limit: float, outdir: Path) -> tuple[bool, float, str, bool]:
    """fet-cl on one file: (solved, seconds, its soft-conflicts total, refused the data)."""
    t0 = time.monotonic()
    try:
        proc = subprocess.run(
            [
                "fet-cl",
                f"--inputfile={path}",
                f"--outputdir={outdir}",
                f"--timelimitseconds={int(limit)}",
                "--htmllevel=0",
            ],
            capture_output=True,
            text=True,
            timeout=limit + 60,
        )
        stdout = proc.stdout
    except subprocess.TimeoutExpired:  # fet-cl sometimes ignores its own limit; count it as not solved
        stdout = ""
    elapsed = time.monotonic() - t0
    result = outdir / "logs" / "result.txt"
    text = stdout + (result.read_text(errors="replace") if result.exists() else "")
    ok = "Simulation successful" in text
    refused = "Cannot precompute" in text  # FET's own limits (e.g. min days vs available days), not a timeout
    soft = ""
    for f in outdir.glob("timetables/*/*_soft_conflicts.txt"):
        m = re.search(r"Total soft conflicts: ([\d.]+)", f.read_text(encoding="utf-8-sig", errors="replace"))
        soft = m.group(1) if m else ""
    return ok, elapsed, soft, refused


def run_dlplanner(path: Path, limit: float, workers: int, out: Path, *extra: str) -> dict[str, str]:
    cmd = [sys.executable, "-m", "dlplanner", "fet", "solve", str(path), "--out", str(out)]
    cmd += ["--time-limit", str(limit), "--workers", str(workers), *extra]
    t0 = time.monotonic()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=limit * 3 + 120)
    except subprocess.TimeoutExpired:
        return {"wall": f"{time.monotonic() - t0:.2f}", "rc": "timeout", "stderr": ""}
    info = {"wall": f"{time.monotonic() - t0:.2f}", "rc": str(proc.returncode), "stderr": proc.stderr[-300:]}
    for line in proc.stdout.splitlines():
        if line.startswith("status: "):
            info["status"] = line[8:]
        elif line.startswith("time to first timetable: "):
            m = re.match(r"time to first timetable: ([\d.]+)s; to best: ([\d.]+)s", line)
            if m:
                info["first"], info["best"] = m.group(1), m.group(2)
        elif line.startswith("soft penalty: "):
            m = re.match(r"soft penalty: ([\d.e+-]+)(?: \(proven lower bound ([\d.e+-]+)\))?", line)
            if m:
                info["penalty"], info["bound"] = m.group(1), m.group(2) or ""
        elif line.startswith("checker: "):
            info["verdict"] = line[9:]
    return info


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--confirm", type=int, default=8, help="How many valid dlplanner outputs to load into fet-cl.")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "fet_vs_fetcl.md"))
    ap.add_argument("--resume", action="store_true", help="Keep the rows already recorded and run the others.")
    ap.add_argument(
        "--redo-supported",
        action="store_true",
        help="With --resume: run again the fully supported files recorded with another dlplanner package than HEAD's.",
    )
    ap.add_argument(
        "--reuse-fet",
        action="store_true",
        help="With --redo-supported: keep fet-cl's recorded result and time (fet-cl is unchanged); run only dlplanner.",
    )
    ap.add_argument(
        "--again",
        action="store_true",
        help="With --redo-supported: run again also the rows recorded with HEAD's dlplanner package "
        "(fet-cl and dlplanner one after the other again, unless --reuse-fet).",
    )
    ap.add_argument(
        "--worst-first",
        action="store_true",
        help="With --redo-supported: run first the files dlplanner did worst on (no timetable, then slowest).",
    )
    ap.add_argument(
        "--only",
        nargs="+",
        metavar="NAME",
        help="With --redo-supported: run again only these files (by file name); the other rows stay as recorded.",
    )
    args = ap.parse_args()
    files = [Path(f) for f in args.files] or sorted(
        Path(p)
        for p in glob.glob(str(EXAMPLES / "FET-5-official/**/*.fet"), recursive=True)
        + glob.glob(str(EXAMPLES / "FET-6-official/**/*.fet"), recursive=True)
    )
    record = Path(args.out).with_suffix(".json")
    record.parent.mkdir(parents=True, exist_ok=True)
    done: dict[str, Row] = {}
    redo: dict[str, Row] = {}
    if args.resume and record.exists():
        done = {d["path"]: Row(**d["row"]) for d in json.loads(record.read_text(encoding="utf-8"))}
        if args.redo_supported:
            # they stay recorded (and in the table) until their new run replaces them
            redo = {k: v for k, v in done.items() if v.supported and (args.again or not _same_dlplanner(v.commit))}
            if args.only:
                redo = {k: v for k, v in redo.items() if Path(k).name in set(args.only)}
    rows: list[Row] = [done[str(p)] for p in files if str(p) in done]
    work = Path(tempfile.mkdtemp(prefix="fet-bench-"))
    confirmed = sum(1 for k, r in done.items() if r.confirmed and k not in redo)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    order = list(enumerate(files))
    if args.worst_first:
        order.sort(key=lambda item: _badness(redo.get(str(item[1]))))
    for i, path in order:
        if str(path) in done and str(path) not in redo:
            continue
        inst = read_fet(path)
        unsup = inst.unsupported()
        row = Row(
            name=path.name,
            activities=len(inst.active_activities()),
            supported=inst.fully_supported,
            unsupported=", ".join(f"{k.removeprefix('Constraint')}×{v}" for k, v in sorted(unsup.items())),
            fet_ok=False,
            fet_time=0.0,
            commit=commit,
        )
        if args.reuse_fet and str(path) in redo:
            old = redo[str(path)]
            row.fet_ok, row.fet_time, row.fet_refused = old.fet_ok, old.fet_time, old.fet_refused
        else:
            row.fet_ok, row.fet_time, _, row.fet_refused = run_fetcl(path, args.time_limit, work / f"fet-{i}")
        out = work / f"dl-{i}.fet"
        info = run_dlplanner(path, args.time_limit, args.workers, out)
        row.dl_status = info.get("status", f"error rc={info['rc']}")
        row.dl_wall = float(info["wall"])
        row.dl_first = float(info["first"]) if "first" in info else None
        row.dl_best = float(info["best"]) if "best" in info else None
        row.penalty, row.bound = info.get("penalty", ""), info.get("bound", "")
        row.verdict = info.get("verdict", "no timetable")
        row.dl_valid = row.verdict.startswith("valid")
        # confirm a sample, and always the files fet-cl itself did not solve
        if row.dl_valid and out.exists() and (confirmed < args.confirm or not row.fet_ok):
            ok, t, soft, refused = run_fetcl(out, 30, work / f"confirm-{i}")
            row.confirmed = f"yes ({t:.1f}s)" if ok else ("refused the data" if refused else f"NO ({t:.1f}s)")
            row.fet_soft = soft
            confirmed += 1
        print(
            f"{row.name}: fet {'ok' if row.fet_ok else 'fail'} {row.fet_time:.1f}s | dlplanner {row.dl_status} "
            f"first {row.dl_first} wall {row.dl_wall:.1f}s | {row.verdict} | confirmed {row.confirmed or '-'}",
            flush=True,
        )
        done[str(path)] = row
        record.write_text(
            json.dumps([{"path": k, "row": dataclasses.asdict(v)} for k, v in done.items()], indent=1) + "\n",
            encoding="utf-8",
        )
        rows = [done[str(p)] for p in files if str(p) in done]  # in the files' order
        write_table(rows, args, Path(args.out))
    write_table(rows, args, Path(args.out))  # also when every row was recorded already (a new summary)


def _same_dlplanner(commit: str) -> bool:
    """Whether ``commit`` has the same dlplanner package as HEAD (its rows need no re-run)."""
    if not commit:
        return False
    diff = subprocess.run(["git", "diff", "--quiet", commit, "HEAD", "--", "dlplanner"], cwd=ROOT)
    return diff.returncode == 0


def _badness(r: Row | None) -> tuple[int, float]:
    """Sort key: no timetable where fet-cl had one first, then by time ratio, worst first."""
    if r is None or not r.fet_ok:
        return (2, 0.0)
    if not r.dl_valid or r.dl_first is None:
        return (0, 0.0)
    return (1, -r.dl_first / max(r.fet_time, 0.01))


def _fet_result(r: Row) -> str:
    return "solved" if r.fet_ok else ("refused the data" if r.fet_refused else "not solved")


def _f(x: float | None) -> str:
    return "" if x is None else f"{x:.1f}"


def write_table(rows: list[Row], args: argparse.Namespace, out: Path) -> None:
    lines = [
        "# dlplanner vs fet-cl on FET's example files",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs (rows were run over several sittings, some "
        "while other work shared the CPUs), "
        f"Python {platform.python_version()}; time limit {args.time_limit:g} s each; dlplanner workers "
        f"{args.workers}. Files run: {len(rows)}. Reproduce: `.venv/bin/python benchmarks/fet_vs_fetcl.py "
        f"--time-limit {args.time_limit:g} FILES…` (no files: all official examples).",
        "",
        "FET time = fet-cl wall time (it stops at its first timetable). dlplanner *first* = seconds from the "
        "start of solving (model building included, file parsing and Python start-up not) to the first "
        "timetable; *best* = to the best one; dlplanner keeps optimising soft constraints until the limit or "
        "proven optimum (*wall* = the whole `fet solve` process). Ratio = dlplanner first / FET time. "
        "Penalty and bound are in FET's unit (weight/100 per broken constraint). *Confirmed*: the output "
        "(every activity locked) loaded into fet-cl, which must find the timetable within 30 s; *FET soft* is "
        "the total soft conflicts fet-cl reports for it, to compare with the checker (FET leaves out home "
        "rooms once rooms are locked). FET applies a soft constraint of weight w by enforcing it w % of the "
        "time, so a locked timetable that breaks many 95–99 % constraints can take fet-cl longer than 30 s "
        "to accept: a *NO* there is not a hard violation by itself. *Commit*: the dlplanner commit that "
        "produced the row (blank: before 3642cad, when rows did not record it).",
        "",
        "| file | act. | all supported | unsupported (active) | FET | FET s | dlplanner | first s | best s | wall s "
        "| penalty | bound | checker | ratio | confirmed by fet-cl | FET soft | commit |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = f"{r.dl_first / max(r.fet_time, 0.01):.2f}" if r.fet_ok and r.dl_valid and r.dl_first else ""
        lines.append(
            f"| {r.name} | {r.activities} | {'yes' if r.supported else 'no'} | {r.unsupported} | "
            f"{_fet_result(r)} | {r.fet_time:.1f} | {r.dl_status} | {_f(r.dl_first)} | "
            f"{_f(r.dl_best)} | {r.dl_wall:.1f} | {r.penalty} | {r.bound} | {r.verdict} | {ratio} | {r.confirmed} | "
            f"{r.fet_soft} | {r.commit} |"
        )
    lines += ["", "## Summary", "", *summary(rows)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _median_with_failures(ratios: list[float], failures: int) -> str:
    """The median ratio when each failure counts as an infinitely slow run (the issue's target is
    over every file fet-cl solved, not only those dlplanner solved)."""
    values = sorted(ratios) + [float("inf")] * failures
    if not values:
        return "n/a"
    mid = statistics.median(values)
    return "∞" if mid == float("inf") else f"{mid:.2f}"


def summary(rows: list[Row]) -> list[str]:
    sup = [r for r in rows if r.supported]
    fet_solved = [r for r in sup if r.fet_ok]
    ours = [r for r in fet_solved if r.dl_valid]
    ratios = [r.dl_first / max(r.fet_time, 0.01) for r in ours if r.dl_first is not None]
    beyond = [r for r in sup if not r.fet_ok and not r.fet_refused and r.dl_valid]
    refused = [r for r in sup if r.fet_refused and r.dl_valid]
    conf = [r for r in rows if r.confirmed]
    commits = sorted({r.commit or "before 3642cad" for r in sup})
    lines = [
        f"- the fully supported rows come from dlplanner commit(s) {', '.join(commits)}",
        f"- files run: {len(rows)} ({len(sup)} with all active hard constraints supported)",
        f"- fully supported files fet-cl solved in the limit: {len(fet_solved)}; dlplanner produced a "
        f"checker-valid timetable for {len(ours)} of them"
        + (f" ({100 * len(ours) / len(fet_solved):.0f} %)" if fet_solved else ""),
        f"- median time ratio dlplanner first / fet-cl on those: {statistics.median(ratios):.2f}"
        if ratios
        else "- median time ratio: n/a",
        f"- the same median over all {len(fet_solved)} (a file dlplanner did not solve counts as slower than any): "
        f"{_median_with_failures(ratios, len(fet_solved) - len(ratios))}; dlplanner faster on "
        f"{sum(x < 1 for x in ratios)}",
        f"- fully supported files fet-cl did not solve but dlplanner did: {len(beyond)}"
        + (f" ({', '.join(r.name + ' bound ' + (r.bound or '?') for r in beyond)})" if beyond else ""),
        f"- fully supported files whose data fet-cl refused but dlplanner solved: {len(refused)}"
        + (f" ({', '.join(r.name for r in refused)})" if refused else ""),
        f"- all files: dlplanner valid {sum(r.dl_valid for r in rows)}, fet-cl solved {sum(r.fet_ok for r in rows)}"
        f" (and refused the data of {sum(r.fet_refused for r in rows)})",
        f"- outputs confirmed by loading into fet-cl: {sum(r.confirmed.startswith('yes') for r in conf)} of "
        f"{len(conf)} tried",
    ]
    return lines


if __name__ == "__main__":
    main()
