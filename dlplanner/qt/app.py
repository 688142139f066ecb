"""The desktop app's entry point: ``run_app`` is what ``dlplanner`` / ``dlplanner gui`` call."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from dlplanner.qt.compat import guard_singleton_refcounts
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.style import apply_style


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication with dlplanner's names (for QSettings and the recovery folder) and style."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    guard_singleton_refcounts()
    QCoreApplication.setOrganizationName("dlplanner")
    QCoreApplication.setApplicationName("dlplanner")
    apply_style(app)
    return app


def run_app(project: str | None = None, argv: list[str] | None = None) -> int:
    app = make_app(argv)
    window = MainWindow()
    window.show()
    if project:
        window.open_project(project)
    else:
        window.offer_recovery()
    return app.exec()


__all__ = ["MainWindow", "make_app", "run_app"]
