"""What a person needs when something goes wrong: a log file, crash traces, a dialog instead of a console.

The desktop app has no console: a traceback printed there is lost. So :func:`start_logging` writes a
rotating log in the platform's per-user log folder (``dlplanner.paths.log_dir``), ``faulthandler``
writes the Python stacks of a hard crash (a segfault in Qt or a solver library) to ``faults.log``
beside it, and :func:`install_excepthook` logs every uncaught exception and shows :class:`CrashDialog`
with the log's path and a button that copies the details for a support request.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dlplanner import __version__
from dlplanner.paths import log_dir

LOG_FILE = "dlplanner.log"
FAULT_FILE = "faults.log"
LOG_BYTES = 1_000_000  # per file; with the backups at most about 6 MB of logs
LOG_BACKUPS = 5

log = logging.getLogger("dlplanner")
_fault_file: IO[str] | None = None  # kept open for faulthandler, which writes to its descriptor at a crash


def log_path() -> Path:
    return log_dir() / LOG_FILE


def start_logging(folder: Path | None = None) -> Path:
    """Log to a rotating file in ``folder`` (default: the platform's log folder) and arm faulthandler.

    Returns the log file's path. Calling it again replaces the earlier file handler (tests, a second window).
    """
    global _fault_file
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    for handler in [h for h in log.handlers if getattr(h, "dlplanner_file_log", False)]:
        log.removeHandler(handler)
        handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    handler.dlplanner_file_log = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    if _fault_file is not None:
        _fault_file.close()
    _fault_file = open(folder / FAULT_FILE, "a", encoding="utf-8")  # noqa: SIM115 (open for the process's life)
    faulthandler.enable(file=_fault_file, all_threads=True)
    log.info("dlplanner %s started: %s", __version__, environment())
    return path


def environment() -> str:
    """Versions and platform, the first thing a support request needs."""
    return f"Python {platform.python_version()}, PySide6 {pyside_version}, {platform.platform()}"


def open_log_folder() -> bool:
    """Show the log folder in the file manager (Help → Open log folder)."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def crash_details(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, error, trace)
    return f"dlplanner {__version__}; {environment()}\n\n{''.join(lines)}"


class CrashDialog(QDialog):
    """An unexpected error: what happened in one line, where the log is, the details to copy."""

    def __init__(self, summary: str, details: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("dlplanner ran into a problem")
        self.setAccessibleName("Unexpected error")
        self.details = details
        message = QLabel(
            f"<p>Something went wrong inside dlplanner: {_escape(summary)}</p>"
            "<p>You can carry on; to be safe, save your work under a new name. When you report the problem, "
            f"please attach the log file:<br><code>{_escape(str(log_file))}</code></p>"
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setAccessibleName("Error details")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setAccessibleDescription("Copies the error details and the log file's path to the clipboard")
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = QPushButton("Open &log folder")
        self.folder_button.clicked.connect(open_log_folder)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.log_file = log_file
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.details}\nLog file: {self.log_file}\n")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CrashReporter(QObject):
    """Logs uncaught exceptions from any thread and shows the dialog on the GUI thread."""

    crashed = Signal(str, str)  # summary, details: queued to the GUI thread when raised elsewhere

    def __init__(self, log_file: Path) -> None:
        super().__init__()
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self.crashed.connect(self._show)

    def excepthook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("Uncaught exception", exc_info=(kind, error, trace))
        summary = "".join(traceback.format_exception_only(kind, error)).strip()
        self.crashed.emit(summary, crash_details(kind, error, trace))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        self.excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _show(self, summary: str, details: str) -> None:
        if QApplication.instance() is None:
            return
        if self.dialog is not None and self.dialog.isVisible():  # one dialog for a burst of errors
            self.dialog.details += f"\n{details}"
            return
        self.dialog = CrashDialog(summary, details, self.log_file, QApplication.activeWindow())
        self.dialog.show()


_reporter: CrashReporter | None = None


def install_excepthook(log_file: Path) -> CrashReporter:
    """Route uncaught exceptions (main thread, Python threads, Qt slots) to the log and the crash dialog."""
    global _reporter
    _reporter = CrashReporter(log_file)
    sys.excepthook = _reporter.excepthook
    threading.excepthook = _reporter.thread_excepthook
    return _reporter
