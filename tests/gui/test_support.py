"""Supportable: a rotating log file, faulthandler, a crash dialog with the log's path, Help → Open log folder."""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDesktopServices, QFileOpenEvent, QGuiApplication

from dlplanner.qt import support
from dlplanner.qt.app import DocumentOpener
from dlplanner.qt.mainwindow import MainWindow


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's log folder in tmp_path; the file handler, faulthandler and hooks put back afterwards."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("DLPLANNER_LOG_DIR", str(folder))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored by monkeypatch after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield folder
    for handler in list(support.log.handlers):
        support.log.removeHandler(handler)
        handler.close()
    faulthandler.enable(file=sys.__stderr__, all_threads=True)


def test_log_file_rotates_in_the_log_folder_and_faulthandler_writes_beside_it(log_folder: Path) -> None:
    path = support.start_logging()
    assert path == log_folder / "dlplanner.log"
    assert faulthandler.is_enabled() and (log_folder / "faults.log").is_file()
    assert "started: Python" in path.read_text(encoding="utf-8")
    for _ in range(support.LOG_BYTES // 1000 + 50):
        logging.getLogger("dlplanner.test").info("x" * 1000)
    assert (log_folder / "dlplanner.log.1").is_file()  # rotated, not grown without end
    assert path.stat().st_size < support.LOG_BYTES


def test_an_uncaught_exception_is_logged_and_shown_with_the_log_path(qtbot, log_folder: Path) -> None:
    path = support.start_logging()
    reporter = support.install_excepthook(path)
    try:
        raise ValueError("the board lost a card")
    except ValueError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    logged = path.read_text(encoding="utf-8")
    assert "Uncaught exception" in logged and "ValueError: the board lost a card" in logged
    assert 'raise ValueError("the board lost a card")' in logged  # the traceback, not just the message
    shown = " ".join(label.text() for label in dialog.findChildren(support.QLabel))
    assert str(path) in shown and "the board lost a card" in shown
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, support.Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "ValueError: the board lost a card" in copied and str(path) in copied and "PySide6" in copied


def test_an_exception_in_a_worker_thread_shows_the_dialog_on_the_gui_thread(qtbot, log_folder: Path) -> None:
    path = support.start_logging()
    reporter = support.install_excepthook(path)

    def fail() -> None:
        raise RuntimeError("solver thread failed")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog is not None
    qtbot.addWidget(reporter.dialog)
    assert reporter.dialog.thread() is QGuiApplication.instance().thread()
    assert "RuntimeError: solver thread failed" in reporter.dialog.details
    assert "solver thread failed" in path.read_text(encoding="utf-8")


def test_help_opens_the_log_folder(window: MainWindow, log_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    action = next(a for a in help_menu.actions() if a.text() == "Open &log folder")
    action.trigger()
    assert opened == [str(log_folder)] and log_folder.is_dir()


def test_a_project_the_system_hands_over_is_opened(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS Finder sends a double-clicked .dlp to the app as a QFileOpenEvent, not as an argument."""
    opened: list[str] = []
    monkeypatch.setattr(window, "open_project", lambda location: opened.append(location) or True)
    app = QCoreApplication.instance()
    opener = DocumentOpener(window)
    app.installEventFilter(opener)
    try:
        QCoreApplication.sendEvent(app, QFileOpenEvent("/schools/harbor view.dlp"))
    finally:
        app.removeEventFilter(opener)
    assert opened == ["/schools/harbor view.dlp"]
