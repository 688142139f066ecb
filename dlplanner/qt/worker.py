"""Threads off the GUI thread: a one-shot job (comparison, export, district saves) and their common base.

The job is a plain callable over services; it gets its own copies of anything it reads (the caller
passes a deep copy of the project), so edits made meanwhile never race with it. ``done`` or
``failed`` is emitted once; ``finish`` lets a closing window wait for the thread.

While any of these threads runs, Python's automatic cyclic garbage collection is held off (see
:class:`BackgroundThread`): each crash in the collector the GUI tests showed (CI exit 139) had it
running on the GUI thread while a worker ran Python code (the solver building its model, the import
preview parsing a workbook). Objects freed by reference counting go as usual; cycles wait until the
last worker has finished, which for a solve is at most its time limit.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThread, Signal

_hold_lock = threading.Lock()
_holding = 0  # background threads running now
_was_enabled = True  # automatic collection as it was when the first of them started


def _hold_collection() -> None:
    global _holding, _was_enabled
    with _hold_lock:
        if _holding == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holding += 1


def _release_collection() -> None:
    global _holding
    with _hold_lock:
        _holding -= 1
        if _holding == 0 and _was_enabled:
            gc.enable()


def collection_held() -> bool:
    """True while a background thread runs and automatic garbage collection waits for it."""
    with _hold_lock:
        return _holding > 0


class BackgroundThread(QThread):
    """A QThread that holds off automatic garbage collection from ``start`` until its ``finished``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # direct: released in the worker's own thread as it ends, even when the GUI thread is blocked waiting
        self.finished.connect(_release_collection, Qt.ConnectionType.DirectConnection)

    def start(self, *args: Any) -> None:
        if self.isRunning():
            return  # Qt ignores a second start; so does the hold
        _hold_collection()
        try:
            super().start(*args)
        except BaseException:
            _release_collection()
            raise


class Job(BackgroundThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self.work = work

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # shown by the caller; the app keeps running
            self.failed.emit(str(exc) or type(exc).__name__)
            return
        self.done.emit(result)


def finish(job: Job | None, timeout_ms: int = 30_000) -> None:
    """Wait for a job that is still running (window closing); its result is ignored."""
    if job is not None and job.isRunning():
        job.wait(timeout_ms)
