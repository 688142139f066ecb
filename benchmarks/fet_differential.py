"""dlplanner's FET semantics against FET itself, on every official example.

    .venv/bin/python benchmarks/fet_differential.py [--fet-cl-limit 20] [--solve-limit 10]
        [--resume] [--docs docs/fet.md] [FILE.fet ...]

Also checks the timetables FET ships with its examples (``*_data_and_timetable.fet``, every mode).
For each file: fet-cl runs (stopping at its first timetable); when it finds one, dlplanner's
checker must find no hard violation in it, and dlplanner's time model pinned to its starts (and
the room stage for them) must admit it; then ``dlplanner fet solve``'s engine runs for
``--solve-limit`` seconds and must not report the file proved infeasible (with the model admitting
fet-cl's timetable it cannot, so a short limit is enough to catch a disagreement).
Each file's result is recorded in ``benchmarks/results/fet_differential.json`` (``--resume`` skips
the files recorded there); the summary table and the disagreements are written into
``docs/fet.md`` between the ``<!-- fet-differential -->`` markers. Nothing is asserted on times.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dlplanner.fet.differential import (  # noqa: E402
    check_fet_timetable,
    compare_with_fet_cl,
    official_examples,
    shipped_timetables,
)

RECORD = ROOT / "benchmarks" / "results" / "fet_differential.json"
BEGIN, END = "<!-- fet-differential -->", "<!-- /fet-differential -->"


def _head() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return proc.stdout.strip()


#: the commit whose code this process runs (read once: HEAD may move while a long run goes on)
COMMIT = _head()


def _commit() -> str:
    return COMMIT


def run_one(path: Path, fet_cl_limit: float, solve_limit: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            row = compare_with_fet_cl(path, Path(tmp), fet_cl_limit=fet_cl_limit, solve_limit=None)
        except Exception as exc:  # a file dlplanner cannot read is a finding too, not a crash
            return {"file": str(path), "name": path.name, "error": f"{type(exc).__name__}: {exc}"}
    status = None
    if row.fet_cl.solved:
        from dlplanner.fet.files import read_fet
        from dlplanner.fet.solver import solve_fet

        status = solve_fet(read_fet(path), solve_limit, workers=2, seed=0).status
    return {
        "file": str(path),
        "name": row.name,
        "activities": row.activities,
        "fet_cl_solved": row.fet_cl.solved,
        "fet_cl_refused": row.fet_cl.refused,
        "fet_cl_seconds": round(row.fet_cl.seconds, 2),
        "checker": row.checker.verdict() if row.checker else "",
        "accepted": row.accepted,
        "checker_messages": row.notes,
        "model_admits": row.model_admits,
        "model_note": row.model_note,
        "solve_status": status,
        "commit": _commit(),
    }


def shipped() -> list[dict]:
    """dlplanner's checker on the timetables FET itself ships with its examples (every mode)."""
    rows = []
    for source, out in shipped_timetables():
        report = check_fet_timetable(source, out)
        rows.append({"name": out.name, "valid": report.valid, "verdict": report.verdict()})
    return rows


def _commits(rows: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.get("commit", "?")] = counts.get(r.get("commit", "?"), 0) + 1
    return counts


def table(rows: list[dict], fet_cl_limit: float, solve_limit: float, ship: list[dict] | None = None) -> str:
    solved = [r for r in rows if r.get("fet_cl_solved")]
    accepted = [r for r in solved if r.get("accepted")]
    admitted = [r for r in solved if r.get("model_admits") is True]
    undecided = [r for r in solved if r.get("model_admits") is None]
    infeasible = [r for r in solved if r.get("solve_status") == "infeasible"]
    errors = [r for r in rows if r.get("error")]
    by_commit = ", ".join(f"{c} × {n}" for c, n in sorted(_commits(rows).items()))
    lines = [
        f"Run on {platform.platform()}, fet-cl {fet_cl_limit:g} s per file, dlplanner's solve {solve_limit:g} s "
        f"(rows by commit: {by_commit}). Reproduce: `.venv/bin/python benchmarks/fet_differential.py`.",
        "",
        "| measure | count |",
        "|---|---|",
        f"| official examples checked | {len(rows)} |",
        f"| … of which fet-cl found a timetable within {fet_cl_limit:g} s | {len(solved)} |",
        f"| fet-cl timetables accepted by dlplanner's checker (target: all) | {len(accepted)} of {len(solved)} |",
        f"| fet-cl timetables admitted by dlplanner's time model and room stage | {len(admitted)} of {len(solved)}"
        + (f" ({len(undecided)} undecided in the limit)" if undecided else "")
        + " |",
        f"| files dlplanner called infeasible while fet-cl solved them (target: none) | {len(infeasible)} |",
        f"| files dlplanner could not read | {len(errors)} |",
    ]
    if ship is not None:
        good = sum(1 for r in ship if r["valid"])
        lines.append(
            f"| timetables FET ships with its examples (`*_data_and_timetable.fet`, every mode) accepted by "
            f"dlplanner's checker | {good} of {len(ship)} |"
        )
    disagreements = [
        r
        for r in solved
        if not r.get("accepted") or r.get("model_admits") is False or r.get("solve_status") == "infeasible"
    ]
    if disagreements or errors:
        lines += ["", "| file | checker on fet-cl's timetable | model | dlplanner |", "|---|---|---|---|"]
        for r in disagreements:
            note = "; ".join(r.get("checker_messages", [])[:3])
            lines.append(
                f"| {r['name']} | {r['checker']}{' — ' + note if note else ''} | "
                f"{'admits' if r['model_admits'] else r['model_note']} | {r['solve_status']} |"
            )
        for r in errors:
            lines.append(f"| {r['name']} | {r['error']} |  |  |")
    for r in ship or []:
        if not r["valid"]:
            lines.append(f"| {r['name']} (shipped by FET) | {r['verdict']} |  |  |")
    return "\n".join(lines)


def write_docs(docs: Path, text: str) -> None:
    content = docs.read_text()
    if BEGIN in content:
        head, rest = content.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        content = f"{head}{BEGIN}\n{text}\n{END}{tail}"
    else:
        content = content.rstrip() + f"\n\n{BEGIN}\n{text}\n{END}\n"
    docs.write_text(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--fet-cl-limit", type=float, default=20.0)
    parser.add_argument("--solve-limit", type=float, default=10.0)
    parser.add_argument("--resume", action="store_true", help="skip files already recorded")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs" / "fet.md")
    args = parser.parse_args()
    files = args.files or official_examples()
    recorded: dict[str, dict] = json.loads(RECORD.read_text()) if RECORD.exists() and args.resume else {}
    for i, path in enumerate(files, 1):
        if str(path) in recorded:
            continue
        row = run_one(path, args.fet_cl_limit, args.solve_limit)
        recorded[str(path)] = row
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(recorded, indent=1, sort_keys=True))
        state = row.get("error") or (
            f"fet-cl {'solved' if row['fet_cl_solved'] else 'none'}; {row['checker'] or '-'}; "
            f"model {row['model_admits']}; dlplanner {row['solve_status']}"
        )
        print(f"[{i}/{len(files)}] {path.name}: {state}", flush=True)
    rows = [recorded[str(p)] for p in files if str(p) in recorded]
    text = table(rows, args.fet_cl_limit, args.solve_limit, None if args.files else shipped())
    print(text)
    if not args.files:  # only a run over every official example goes into the docs
        write_docs(args.docs, text)


if __name__ == "__main__":
    main()
