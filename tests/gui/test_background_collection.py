"""Automatic garbage collection waits while a background thread runs (the GUI tests' crashes: see qt/worker.py)."""

from __future__ import annotations

import gc
import threading

from dlplanner.qt.worker import Job, collection_held


def test_collection_is_held_while_jobs_run_and_comes_back_after_the_last() -> None:
    go_on = threading.Event()
    seen: list[bool] = []

    def work() -> str:
        seen.append(gc.isenabled())  # as the job's own thread sees it
        go_on.wait(30)
        return "done"

    assert gc.isenabled() and not collection_held()
    first, second = Job(work), Job(work)
    first.start()
    second.start()
    first.start()  # a second start of a running thread is ignored, and so is its hold
    assert collection_held() and not gc.isenabled()
    go_on.set()
    assert first.wait(30_000)
    assert not gc.isenabled() or not second.isRunning()  # the other job still holds it while it runs
    assert second.wait(30_000)
    assert seen == [False, False]
    assert gc.isenabled() and not collection_held()


def test_a_collector_switched_off_before_stays_off(qapp) -> None:
    gc.disable()
    try:
        job = Job(lambda: None)
        job.start()
        assert job.wait(30_000)
        assert not gc.isenabled()
    finally:
        gc.enable()
