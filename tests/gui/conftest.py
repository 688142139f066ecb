"""A real main window, offscreen, on real sample schools; no test leaves a thread or a dialog behind."""

from __future__ import annotations

import copy
import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from dlplanner.domain import Project
from dlplanner.qt.app import make_app
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import projects, solving

SOLVED_SAMPLE = ("big-picture", "two-internship-days")


@pytest.fixture(scope="session", autouse=True)
def styled_app(qapp):
    """pytest-qt's application, given dlplanner's names (QSettings, recovery folder) and style."""
    return make_app()


@pytest.fixture(autouse=True)
def collect_between_tests(qapp) -> Iterator[None]:
    """After each test, once its windows are closed and its threads joined: pending deletions run and
    Python's cyclic garbage is collected then, not in the middle of a later test's event loop while
    that test's worker thread runs (one CI run died there, in the collector: see the issue note)."""
    yield
    # A closed window is not deleted (no WA_DeleteOnClose) and its actions' connections hold it alive
    # from C++, where Python's collector cannot see: about 1,100 widgets a window, which left the
    # theme tests restyling gigabytes of dead windows (and crashing). Each of dlplanner's own windows
    # a test left is deleted here, children with it; Qt's own parentless popups (a completer's list)
    # belong to objects that delete them, and deleting them here too would delete them twice.
    for widget in QApplication.topLevelWidgets():
        if widget.parentWidget() is None and type(widget).__module__.startswith("dlplanner."):
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    assert gc.isenabled(), "a background thread still holds garbage collection off (see dlplanner.qt.worker)"


@pytest.fixture(scope="session")
def solved_sample() -> Project:
    """The Big Picture sample with a timetable from the engine, judged by the checker (solved once)."""
    project = projects.load_sample(SOLVED_SAMPLE[0])
    result, report = solving.solve_scenario(project, SOLVED_SAMPLE[1], time_limit=20, workers=1, seed=1)
    assert result.placements and report is not None and report.ok, report
    return project


@pytest.fixture
def pg_database_prefix() -> str:
    """District GUI tests' PostgreSQL databases (``pg_database`` of ``tests/conftest.py``) are named dlp_gui_…."""
    return "dlp_gui_"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> Iterator[MainWindow]:
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setenv("DLPLANNER_RECOVERY_DIR", str(tmp_path / "recovery"))  # recovery copies of this test only
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)  # closed below, not by qtbot: its close would ask about unsaved edits
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.solve_panel.shutdown()
    win.document.undo_stack.setClean()  # no "save changes?" question when closing
    win.close()
    assert win.solve_panel.worker is None
    assert win.compare_page.job is None  # no comparison or report thread left running


@pytest.fixture
def solved_window(window: MainWindow, solved_sample: Project) -> MainWindow:
    window.load_project(copy.deepcopy(solved_sample), None)
    return window
