"""N simulated planners editing the same district database at once; then: was anything lost?

Each planner is its own process using :mod:`dlplanner.services.district` exactly as the desktop
app would (one short transaction per save; the sessions keep one pooled connection until they
are closed, like the app's window). For a bounded time each one repeatedly edits and saves

- its own scenario (nobody else touches it),
- one of the shared scenarios (everyone edits them: conflicts expected), or
- the project's people/rooms/groups (shared as well),

and on a refused save (``ConcurrentEditError``) reloads that piece and carries on, like a person
who clicks "Reload". Every save appends a unique token to the piece's description, so afterwards
the database itself says which saves it holds. Verified at the end:

- every acknowledged save's token is in the final state, in version order (lost updates = 0),
- no refused save's token is there (a refused save wrote nothing),
- no two acknowledged saves of one piece got the same version.

    export DLPLANNER_TEST_PG_URL=$(scripts/start-test-postgres | tail -n1)
    python benchmarks/district_load.py --planners 4 --seconds 30 --out benchmarks/results/district_load.md

The script creates a scratch database next to the one in the URL and drops it afterwards. It only
talks to a server on this machine (localhost / 127.0.0.1 / ::1 / a Unix socket). Timings are
written down, never asserted; the exit status is 1 if any check fails.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import platform
import random
import statistics
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, make_url, text

HERE = Path(__file__).resolve().parent
PROJECTS = ("new-tech", "big-picture")
SHARED_SCENARIOS = 2
LOCAL_HOSTS = {None, "", "localhost", "127.0.0.1", "::1"}


@dataclass
class Save:
    """One save a planner attempted: which piece, the token it carried, and what happened."""

    project: str
    piece: str  # scenario id, or "" for the project's people/rooms/groups
    token: str
    acked: bool
    version: int | None  # the version the database acknowledged
    seconds: float
    message: str = ""


@dataclass
class PlannerLog:
    planner: int
    saves: list[Save] = field(default_factory=list)
    refreshes: int = 0
    errors: list[str] = field(default_factory=list)


# -- the scratch database --------------------------------------------------------------------------


def check_local(url: str) -> None:
    host = make_url(url).host
    if host not in LOCAL_HOSTS and not str(host).startswith("/"):
        sys.exit(f"district_load: refusing to load a server that is not on this machine ({host})")


def create_scratch(server_url: str) -> str:
    server = make_url(server_url)
    name = f"dlp_load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drop_scratch(server_url: str, url: str) -> None:
    admin = create_engine(make_url(server_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def setup(url: str, planners: int) -> dict[str, list[str]]:
    """Two sample schools in one database; per project a scenario for each planner plus shared ones."""
    from dlplanner.domain import codec
    from dlplanner.paths import samples_dir
    from dlplanner.storage import ProjectStore

    layout: dict[str, list[str]] = {}
    with ProjectStore.create(url) as store:
        for sample in PROJECTS:
            project = codec.load_project_json(samples_dir() / f"{sample}.json")
            base = project.scenarios[0]
            project.scenarios = [base.copy(f"shared-{k}", f"Shared calendar {k}") for k in range(SHARED_SCENARIOS)]
            project.scenarios += [base.copy(f"own-{i}", f"Planner {i}'s calendar") for i in range(planners)]
            for piece in project.scenarios:
                piece.description = ""
            project.description = ""
            store.save(project, user="setup")
            layout[project.name] = [s.id for s in project.scenarios]
    return layout


# -- one planner -------------------------------------------------------------------------------------


def planner(index: int, url: str, layout: dict[str, list[str]], start: Any, deadline_box: Any, out: Any) -> None:
    """Edit and save until the deadline; put the PlannerLog on ``out``."""
    from dlplanner.services import district
    from dlplanner.storage import ConcurrentEditError

    rng = random.Random(index)
    log = PlannerLog(index)
    sessions = {name: district.open_for_editing(url, name, user=f"planner{index}@district") for name in layout}
    out.put(("ready", index))
    start.wait()
    deadline = deadline_box.value
    n = 0
    while time.time() < deadline:
        n += 1
        name = rng.choice(list(layout))
        session = sessions[name]
        roll = rng.random()
        if roll < 0.45:
            piece = f"own-{index}"
        elif roll < 0.9:
            piece = f"shared-{rng.randrange(SHARED_SCENARIOS)}"
        else:
            piece = ""
        token = f"|p{index}.{n}"
        started = time.perf_counter()
        try:
            if piece:
                scenario = session.project.scenario(piece)
                scenario.description += token
                if scenario.sections:  # a real edit, too: a section's length
                    section = scenario.sections[n % len(scenario.sections)]
                    section.meetings_per_cycle = 1 + (section.meetings_per_cycle % 3)
                stamp = district.save_scenario(session, piece)
            else:
                session.project.description += token
                if session.project.rooms:
                    session.project.rooms[n % len(session.project.rooms)].capacity += 1
                stamp = district.save_project_data(session)
            log.saves.append(Save(name, piece, token, True, stamp.version, time.perf_counter() - started))
        except ConcurrentEditError as exc:
            log.saves.append(Save(name, piece, token, False, None, time.perf_counter() - started, str(exc)))
            if piece:
                district.reload_scenario(session, piece)
            else:
                district.reload_project_data(session)
        except Exception as exc:  # anything else is a finding: report it, keep going
            log.errors.append(f"{type(exc).__name__}: {exc}")
            session.close()
            sessions[name] = district.open_for_editing(url, name, user=f"planner{index}@district")
        if rng.random() < 0.05:
            district.refresh(session)
            log.refreshes += 1
        time.sleep(rng.uniform(0.0, 0.02))  # a person does not click Save continuously
    for session in sessions.values():
        session.close()
    out.put(("log", log))


# -- verification -------------------------------------------------------------------------------------


def verify(url: str, logs: list[PlannerLog]) -> dict[str, int]:
    """Compare every planner's account with what the database holds."""
    from dlplanner.storage import ProjectStore

    with ProjectStore.open(url) as store:
        snapshots = {s.project.name: s for s in store.load_all()}
    saves = [s for log in logs for s in log.saves]
    lost = refused_but_present = duplicate_versions = out_of_order = version_mismatch = 0
    pieces = {(s.project, s.piece) for s in saves}
    for project_name, piece in sorted(pieces):
        snapshot = snapshots[project_name]
        if piece:
            stored_text = snapshot.project.scenario(piece).description
            stored_version = snapshot.versions.scenarios[piece].version
        else:
            stored_text = snapshot.project.description
            stored_version = snapshot.versions.data.version
        stored_tokens = ["|" + t for t in stored_text.split("|") if t]
        positions = {token: i for i, token in enumerate(stored_tokens)}
        mine = [s for s in saves if (s.project, s.piece) == (project_name, piece)]
        acked = sorted((s for s in mine if s.acked), key=lambda s: s.version or 0)
        lost += sum(1 for s in acked if s.token not in positions)
        refused_but_present += sum(1 for s in mine if not s.acked and s.token in positions)
        versions = [s.version for s in acked]
        duplicate_versions += len(versions) - len(set(versions))
        order = [positions[s.token] for s in acked if s.token in positions]
        out_of_order += sum(1 for a, b in itertools.pairwise(order) if a > b)
        if acked and stored_version != acked[-1].version:
            version_mismatch += 1
    return {
        "lost updates": lost,
        "refused saves found in the database": refused_but_present,
        "duplicate versions": duplicate_versions,
        "saves out of order": out_of_order,
        "pieces whose version is not the last acknowledged": version_mismatch,
    }


# -- main -------------------------------------------------------------------------------------------------


def server_version(url: str) -> str:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW server_version")).scalar_one())
    finally:
        engine.dispose()


def run(server_url: str, planners: int, seconds: float, keep: bool) -> tuple[dict[str, Any], dict[str, int]]:
    check_local(server_url)
    url = create_scratch(server_url)
    try:
        layout = setup(url, planners)
        context = multiprocessing.get_context("spawn")
        start, out = context.Event(), context.Queue()
        deadline_box = context.Value("d", 0.0)
        processes = [
            context.Process(target=planner, args=(i, url, layout, start, deadline_box, out)) for i in range(planners)
        ]
        for process in processes:
            process.start()
        for _ in processes:
            kind, _index = out.get(timeout=300)
            assert kind == "ready"
        began = time.time()
        deadline_box.value = began + seconds
        start.set()
        logs = [out.get(timeout=seconds + 300)[1] for _ in processes]
        ended = time.time()
        for process in processes:
            process.join(60)
        checks = verify(url, logs)
        saves = [s for log in logs for s in log.saves]
        acked = [s for s in saves if s.acked]
        refused = [s for s in saves if not s.acked]
        latencies = sorted(s.seconds * 1000 for s in acked)
        figures: dict[str, Any] = {
            "planners (processes)": planners,
            "projects in the database": len(layout),
            "seconds": round(ended - began, 1),
            "saves attempted": len(saves),
            "saves acknowledged": len(acked),
            "acknowledged saves per second": round(len(acked) / (ended - began), 1),
            "conflicts detected (saves refused)": len(refused),
            "refused saves of own scenarios": sum(1 for s in refused if s.piece.startswith("own-")),
            "refreshes": sum(log.refreshes for log in logs),
            "save latency median (ms)": round(statistics.median(latencies), 1) if latencies else None,
            "save latency 95th percentile (ms)": round(latencies[int(0.95 * (len(latencies) - 1))], 1)
            if latencies
            else None,
            "unexpected errors": sum(len(log.errors) for log in logs),
        }
        for log in logs:
            for error in log.errors[:3]:
                print(f"planner {log.planner}: {error}", file=sys.stderr)
        return figures, checks
    finally:
        if not keep:
            drop_scratch(server_url, url)


def markdown(figures: dict[str, Any], checks: dict[str, int], server: str) -> str:
    lines = [
        "# District load: simulated planners on one PostgreSQL server",
        "",
        f"Written by `benchmarks/district_load.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU cores (shared with other work), "
        f"Python {platform.python_version()}, PostgreSQL {server} on localhost.",
        "",
        "| figure | value |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in figures.items()),
        "",
        "Verification against the database after the run (all must be 0):",
        "",
        "| check | count |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in checks.items()),
        "",
        "Each planner saves its own scenario (45 %), one of two shared scenarios (45 %) or the shared",
        "people/rooms/groups (10 %), with 0–20 ms between actions, reloading a piece when its save is",
        "refused. Refused saves of own scenarios must be 0: only shared pieces may conflict.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DLPLANNER_TEST_PG_URL", ""), help="server URL (localhost)")
    parser.add_argument("--planners", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--out", default=None, help="write the figures as Markdown to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    if not args.url:
        parser.error("no --url and no DLPLANNER_TEST_PG_URL (scripts/start-test-postgres prints one)")
    figures, checks = run(args.url, args.planners, args.seconds, args.keep)
    text_ = markdown(figures, checks, server_version(args.url))
    print(text_)
    if args.out:
        Path(args.out).write_text(text_, encoding="utf-8")
    failed = any(checks.values()) or figures["refused saves of own scenarios"] or figures["unexpected errors"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
