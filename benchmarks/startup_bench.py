"""How fast dlplanner starts: ``dlplanner --version`` and the desktop app's first window on a sample project.

Each run is a fresh process, started the way a person starts it. ``--version`` is timed from the start
to the exit (wall clock, and the CPU time the operating system charged the child, which a busy machine
does not inflate). The first window is timed from the start to the log line the app writes once its
event loop runs with the window shown and the project opened (``First window shown`` in the log that
``dlplanner.qt.support`` writes); the app is then closed. Qt runs offscreen unless ``--platform`` says
otherwise.

    python benchmarks/startup_bench.py                      # the checkout, via python -m dlplanner
    python benchmarks/startup_bench.py --command dist/dlplanner/dlplanner   # a PyInstaller bundle
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WINDOW_LINE = "First window shown"


def timed_run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command`` to its exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def first_window(
    command: list[str], project: Path, env: dict[str, str], log_dir: Path, timeout: float
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) from starting ``command PROJECT`` until the app logs its first window.

    The CPU time is the process's own at that moment (Linux ``/proc``; NaN elsewhere)."""
    log = log_dir / "dlplanner.log"
    log.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen([*command, str(project)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.perf_counter() - start < timeout:
            if log.is_file() and WINDOW_LINE in log.read_text(encoding="utf-8", errors="replace"):
                return time.perf_counter() - start, _cpu_seconds(process.pid)
            if process.poll() is not None:
                raise SystemExit(f"the app exited with {process.returncode}: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.01)
        raise SystemExit(f"no first window within {timeout:g} s")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (its threads included), from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--command", default=None, help="The dlplanner executable (default: python -m dlplanner).")
    parser.add_argument("--runs", type=int, default=10, help="Runs of --version (median reported).")
    parser.add_argument("--window-runs", type=int, default=3, help="Runs of the first window (median reported).")
    parser.add_argument("--sample", default="big-picture", help="Sample school the window opens.")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM for the window (offscreen, xcb).")
    parser.add_argument("--timeout", type=float, default=120.0, help="Seconds to wait for one first window.")
    parser.add_argument("--out", type=Path, default=None, help="Also write the table here (Markdown).")
    args = parser.parse_args()
    command = [args.command] if args.command else [sys.executable, "-m", "dlplanner"]

    with tempfile.TemporaryDirectory(prefix="dlp-startup-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": args.platform,
            "DLPLANNER_LOG_DIR": str(folder / "logs"),
            "DLPLANNER_RECOVERY_DIR": str(folder / "recovery"),
            "XDG_CONFIG_HOME": str(folder / "config"),  # QSettings of this run only
            # its own single-instance socket: never hand the project to a dlplanner the user has open
            "DLPLANNER_INSTANCE_NAME": f"dlplanner-startup-bench-{os.getpid()}",
        }
        project = folder / f"{args.sample}.dlp"
        create = [*command, "new", str(project), "--sample", args.sample]
        subprocess.run(create, env=env, check=True, capture_output=True)
        timed_run([*command, "--version"], env)  # warm the file cache; not counted
        versions = [timed_run([*command, "--version"], env) for _ in range(args.runs)]
        windows = [first_window(command, project, env, folder / "logs", args.timeout) for _ in range(args.window_runs)]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = [
        "| measure | runs | median (s) | min (s) | max (s) |",
        "|---|---:|---:|---:|---:|",
        _row("`--version` wall", [w for w, _ in versions]),
        _row("`--version` CPU (user+sys)", [c for _, c in versions]),
        _row(f"first window on {args.sample} ({args.platform}) wall", [w for w, _ in windows]),
        _row(f"first window on {args.sample} ({args.platform}) CPU (user+sys)", [c for _, c in windows]),
    ]
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average at the end {load:.1f}. "
        f"Command: `{' '.join(command)}`"
    )
    text = "\n".join([header, "", *rows, ""])
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


def _row(name: str, values: list[float]) -> str:
    return f"| {name} | {len(values)} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |"


if __name__ == "__main__":
    main()
