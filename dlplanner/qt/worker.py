"""A one-shot job off the GUI thread (comparison, export, district saves) with a busy indicator's signals.

The job is a plain callable over services; it gets its own copies of anything it reads (the caller
passes a deep copy of the project), so edits made meanwhile never race with it. ``done`` or
``failed`` is emitted once; ``wait_done`` lets a closing window wait for the thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal


class Job(QThread):
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
