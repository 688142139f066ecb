"""The desktop app's entry point: ``run_app`` is what ``dlplanner`` / ``dlplanner gui`` call."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from dlplanner.qt import accessibility, translations
from dlplanner.qt.compat import guard_singleton_refcounts
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.single_instance import InstanceServer, hand_over
from dlplanner.qt.style import apply_style
from dlplanner.qt.support import install_excepthook, log, start_logging


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with dlplanner's names (for QSettings and the recovery folder) and style."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    guard_singleton_refcounts()
    QCoreApplication.setOrganizationName("dlplanner")
    QCoreApplication.setApplicationName("dlplanner")
    apply_style(app)
    translations.install(app)  # before any window: its menus are translated as they are built
    accessibility.install(app)  # every control of every window gets a spoken name
    return app


class DocumentOpener(QObject):
    """Opens the projects the system hands to the running app (macOS Finder: a QFileOpenEvent, no argv)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.window.open_project(event.file())
            return True
        return super().eventFilter(watched, event)


def bring_to_front(window: MainWindow) -> None:
    """Show ``window`` above the others (the system may only flash it in the task bar)."""
    window.show()
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.raise_()
    window.activateWindow()


def serve_other_launches(window: MainWindow) -> InstanceServer:
    """Projects handed over by later launches (``dlplanner x.dlp`` while this app runs) open in ``window``."""
    server = InstanceServer(window)

    def open_handed(path: str) -> None:
        bring_to_front(window)
        window.open_project(path)

    server.open_requested.connect(open_handed)
    server.listen()
    return server


def run_app(project: str | None = None, argv: list[str] | None = None) -> int:
    """Open the main window (on ``project``), with a log file and a crash dialog instead of a console.

    With an app already running for this user, ``project`` is handed to it instead and this launch ends.
    """
    started = time.monotonic()
    log_file = start_logging()
    if project and hand_over(project):
        log.info("Handed %s to the dlplanner already running", project)
        return 0
    app = make_app(argv)
    install_excepthook(log_file)
    window = MainWindow()
    app.installEventFilter(DocumentOpener(window))
    serve_other_launches(window)
    window.show()
    if project:
        window.open_project(project)
    else:
        window.offer_recovery()
    # the start-up benchmark and the bundle's smoke test wait for this line
    QTimer.singleShot(
        0, lambda: log.info("First window shown %.2f s after the app started", time.monotonic() - started)
    )
    status = app.exec()
    log.info("dlplanner closed with status %s", status)
    return status


__all__ = ["DocumentOpener", "MainWindow", "make_app", "run_app", "serve_other_launches"]
