"""Work-arounds for the Qt binding this app runs on.

PySide6 6.12 treats None, True and False as immortal, as they are from CPython 3.12 on: many of
its calls hand them back (or drop them) without counting the reference. On CPython 3.11 each
such call takes one reference away for good, and after some tens of thousands of calls (a few
minutes of dragging cards) the interpreter aborts with "deallocating None". Measured here: one
lost reference per ``Signal.emit`` (True) and per void method call (None).

:func:`guard_singleton_refcounts` detects the leak once at start and gives the three singletons
a reference count no session can use up, which is what 3.12 does for every program.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

CUSHION = 1 << 40


class _Probe(QObject):
    fired = Signal(str)


def _leaks() -> bool:
    probe = _Probe()
    probe.fired.connect(lambda _text: None)
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for i in range(20):
        probe.setObjectName(str(i))
        probe.fired.emit("x")
    after = (sys.getrefcount(None), sys.getrefcount(True))
    return after[0] < before[0] or after[1] < before[1]


def guard_singleton_refcounts() -> bool:
    """Make None/True/False effectively immortal when the binding leaks their references; returns whether it did."""
    if sys.version_info >= (3, 12) or not _leaks():
        return False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the first field of every object
        if refcount.value < CUSHION:
            refcount.value += CUSHION
    return True
