"""``kill -9`` at random moments during a save leaves the old or the new project, never a mix.

Each round copies a pristine project file, starts a save of a big edited project in a forked
child process, waits until the child is about to save, sleeps a random fraction of the measured
save time and sends SIGKILL. The file must then open and equal exactly the old or the new project
(and pass SQLite's integrity check). Three save paths are covered: saving into the open file (the
desktop's Save, one SQLite transaction), Save As over an existing file (a complete new file renamed
into place), and the autosave recovery copy (:mod:`dlplanner.services.recovery`).

Crash, then replace: a raw sqlite3 process dies mid-transaction (``os._exit`` or ``kill -9``),
leaving a hot journal; then each command that replaces the file runs before anyone opens it. The
new file must open intact (integrity check, exactly what the command wrote): the old journal
belongs to the old file and must never be played back into the new one.

Rounds: ``DLPLANNER_KILL_ROUNDS`` (default 20 for Save, a third of that for the other two).
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from dlplanner.cli import cli
from dlplanner.domain import Placement, Project, codec
from dlplanner.paths import samples_dir
from dlplanner.services import projects, recovery
from dlplanner.storage import ProjectStore

ROUNDS = int(os.environ.get("DLPLANNER_KILL_ROUNDS", "20"))
FET_DIR = Path(__file__).resolve().parents[2] / "data" / "fet"

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL")


def _big_project() -> Project:
    """The largest sample with a placement for every meeting of every section (a few thousand rows).

    Without its 1,200 students and their requests: twenty save rounds of those rows more than doubled the
    test's time, and what a crash leaves behind does not depend on which tables the rows are in.
    """
    project = codec.load_project_json(samples_dir() / "linked-learning.json")
    project.students, project.requests = [], []
    for scenario in project.scenarios:
        day_types = [d.id for d in scenario.day_types] or ["d"]
        placements = []
        for n, section in enumerate(scenario.sections):
            for meeting in range(max(1, section.meetings_per_cycle)):
                start = 480 + 50 * ((n + meeting) % 7)
                placements.append(
                    Placement(section.id, meeting, day_types[(n + meeting) % len(day_types)], start, start + 45)
                )
        scenario.solution.placements = placements
    return project


def _edited(project: Project) -> Project:
    """What the planner changed: every placement moved, a scenario renamed, teachers edited and one removed."""
    new = copy.deepcopy(project)
    for scenario in new.scenarios:
        scenario.description = "moved everything one block later"
        for placement in scenario.solution.placements:
            placement.start, placement.end = placement.start + 50, placement.end + 50
            placement.pinned = True
    new.scenarios[0].name = "Edited calendar"
    for teacher in new.teachers:
        teacher.email = f"{teacher.id}@edited.example"
    new.teachers.pop()
    return new


# -- what the child does (runs after fork: keep it to plain calls) ---------------------------------


def _save_into(path: Path, new: Project, ready: Callable[[], None]) -> None:
    ready()
    projects.save_project(str(path), new)


def _save_as(path: Path, new: Project, ready: Callable[[], None]) -> None:
    ready()
    projects.create_project(str(path), new, overwrite=True)


def _write_recovery(folder: Path, new: Project, ready: Callable[[], None]) -> None:
    ready()
    recovery.write_recovery(new, "school.dlp", directory=folder)


def _child(action: Callable[[Path, Project, Callable[[], None]], None], target: Path, new: Project, conn) -> None:
    def ready() -> None:
        conn.send("ready")

    action(target, new, ready)
    conn.send("done")
    os._exit(0)  # skip atexit/pytest machinery inherited through fork


def _run(action, target: Path, new: Project, kill_after: float | None) -> tuple[float, bool]:
    """Run ``action`` in a forked child; kill it ``kill_after`` s after it is ready (None: let it finish).

    Returns the seconds from ready to done (or to the kill) and whether it finished by itself.
    """
    context = multiprocessing.get_context("fork")
    parent_conn, child_conn = context.Pipe()
    process = context.Process(target=_child, args=(action, target, new, child_conn))
    process.start()
    try:
        assert parent_conn.poll(60), "the save child never got ready"
        assert parent_conn.recv() == "ready"
        started = time.perf_counter()
        if kill_after is None:
            assert parent_conn.poll(120), "the save child never finished"
            assert parent_conn.recv() == "done"
            return time.perf_counter() - started, True
        finished = parent_conn.poll(kill_after)
        process.kill()  # SIGKILL: no cleanup, no atexit, no rollback by the child
        return time.perf_counter() - started, finished
    finally:
        process.join(30)
        parent_conn.close()
        child_conn.close()


# -- checks --------------------------------------------------------------------------------------


def _load(path: Path) -> Project:
    with ProjectStore.open(str(path)) as store:
        project = store.load()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        connection.close()
    return project


def _outcome(loaded: Project, old: Project, new: Project) -> str:
    if loaded == old:
        return "old"
    if loaded == new:
        return "new"
    pytest.fail("after kill -9 the project is neither the old nor the new state (a mix or a damaged save)")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Project, Project]:
    """A project file holding the big project, the project as stored there, and the edit to save."""
    folder = tmp_path_factory.mktemp("kill")
    path = folder / "pristine.dlp"
    projects.create_project(str(path), _big_project())
    old = _load(path)
    return path, old, _edited(old)


def _rounds(name: str) -> int:
    return ROUNDS if name == "save" else max(2, ROUNDS // 3)


@pytest.mark.parametrize("mode", ["save", "save-as"])
def test_kill_during_project_save_leaves_old_or_new(mode: str, pristine, tmp_path: Path):
    source, old, new = pristine
    action = _save_into if mode == "save" else _save_as
    target = tmp_path / "school.dlp"
    shutil.copyfile(source, target)
    duration, _ = _run(action, target, copy.deepcopy(new), None)  # calibration: the full save
    expected_new = _load(target)
    assert codec.to_data(expected_new.teachers) == codec.to_data(new.teachers)  # the edit is what got saved
    rng = random.Random(int(os.environ.get("DLPLANNER_KILL_SEED", "7")))
    seen: Counter[str] = Counter()
    for _ in range(_rounds(mode)):
        for leftover in tmp_path.iterdir():
            leftover.unlink()
        shutil.copyfile(source, target)
        _, finished = _run(action, target, copy.deepcopy(new), rng.uniform(0.0, duration * 1.2))
        journal = target.with_name(target.name + "-journal").exists()  # an interrupted transaction to roll back
        outcome = _outcome(_load(target), old, expected_new)
        seen[outcome + (" (finished)" if finished else "") + (" (hot journal)" if journal else "")] += 1
    print(f"{mode}: save takes {duration:.2f}s; outcomes after kill -9: {dict(seen)}")
    assert sum(seen.values()) == _rounds(mode)


def test_kill_during_recovery_write_leaves_old_or_new_copy(pristine, tmp_path: Path):
    _, old, new = pristine
    folder = tmp_path / "recovery"
    duration, _ = _run(_write_recovery, folder, copy.deepcopy(new), None)
    rng = random.Random(11)
    seen: Counter[str] = Counter()
    for _ in range(_rounds("recovery")):
        shutil.rmtree(folder)
        recovery.write_recovery(old, "school.dlp", directory=folder)
        _run(_write_recovery, folder, copy.deepcopy(new), rng.uniform(0.0, duration * 1.2))
        [info] = recovery.list_recoveries(folder)
        seen[_outcome(recovery.restore_recovery(info), old, new)] += 1
    recovery.write_recovery(new, "school.dlp", directory=folder)  # a later autosave cleans up after a killed one
    assert [p.name for p in folder.iterdir()] == [recovery.recovery_path("school.dlp", new.name, folder).name]
    print(f"recovery copy written in {duration:.2f}s; outcomes after kill -9: {dict(seen)}")


# -- crash, then replace the file before anyone opens it -----------------------------------------

_CRASHING_SAVE = r"""
import os, signal, sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("PRAGMA cache_size=1")  # a tiny cache: changed pages spill into the file mid-transaction
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE sections SET name = name || ' (half-saved)'")
connection.execute("DELETE FROM teachers")
if sys.argv[2] == "exit":
    os._exit(9)
print("dirty", flush=True)
signal.pause()  # the test sends SIGKILL
"""


def _crash_mid_save(path: Path, how: str) -> None:
    """A raw sqlite3 process dies mid-transaction on ``path`` (``os._exit`` or ``kill -9``): a hot journal."""
    before = path.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", _CRASHING_SAVE, str(path), how], stdout=subprocess.PIPE, text=True
    )
    try:
        if how == "kill":
            assert process.stdout is not None and process.stdout.readline().strip() == "dirty"
            process.kill()
    finally:
        process.wait(60)
        if process.stdout is not None:
            process.stdout.close()
    assert process.returncode != 0
    journal = path.with_name(path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0, "no hot journal: the test would prove nothing"
    assert path.read_bytes() != before, "the crash wrote no page into the file: the test would prove nothing"


def _replace_with_new_force(path: Path, tmp_path: Path) -> None:
    _cli_ok("new", str(path), "--sample", "big-picture", "--force")


def _replace_with_save_as(path: Path, tmp_path: Path) -> None:
    projects.create_project(str(path), projects.load_sample("big-picture"), overwrite=True)  # File > Save As over it


def _replace_with_backup_force(path: Path, tmp_path: Path) -> None:
    source = tmp_path / "other.dlp"
    projects.create_project(str(source), projects.load_sample("big-picture"))
    _cli_ok("backup", str(source), str(path), "--force")


def _replace_with_fet_import_force(path: Path, tmp_path: Path) -> None:
    _cli_ok("fet", "import", str(FET_DIR / "rooms.fet"), str(path), "--force")


def _new_where_the_crashed_file_was_deleted(path: Path, tmp_path: Path) -> None:
    path.unlink()  # the user deletes the damaged-looking file; its journal stays behind
    _cli_ok("new", str(path), "--sample", "big-picture")


def _restore_where_the_crashed_file_was_deleted(path: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.dlp"
    projects.create_project(str(backup), projects.load_sample("big-picture"))
    path.unlink()
    _cli_ok("restore", str(backup), str(path))


def _cli_ok(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output


def _expected_after(replace: Callable[[Path, Path], None], tmp_path: Path) -> Project:
    """What the replacing command writes when no crash came before it (into a fresh folder)."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    path = fresh / "school.dlp"
    projects.create_project(str(path), Project(name="placeholder"))
    replace(path, fresh)
    return _load(path)


REPLACING = {
    "new --force": _replace_with_new_force,
    "save as": _replace_with_save_as,
    "backup --force": _replace_with_backup_force,
    "fet import --force": _replace_with_fet_import_force,
    "new after delete": _new_where_the_crashed_file_was_deleted,
    "restore after delete": _restore_where_the_crashed_file_was_deleted,
}


@pytest.mark.parametrize("how", ["exit", "kill"])
@pytest.mark.parametrize("command", list(REPLACING))
def test_a_crashed_save_never_replays_into_the_file_that_replaces_it(command: str, how: str, tmp_path: Path):
    """Issue 19 item 1: the old journal was played back into the new file (11 of 11 runs corrupted)."""
    replace = REPLACING[command]
    expected = _expected_after(replace, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    path = work / "school.dlp"
    projects.create_project(str(path), projects.load_sample("linked-learning"))
    _crash_mid_save(path, how)
    replace(path, work)
    loaded = _load(path)  # opens it (a stale journal would be played back now) and runs integrity_check
    assert codec.to_data(loaded) == codec.to_data(expected)
    assert sorted(p.name for p in work.iterdir() if p.name.startswith(".")) == []  # no temporary file left
