"""The desktop app's entry point.

Until the full planner (editors, block designer, timetable board) lands, the window opens a
project and shows what it holds, so `dlplanner` with no arguments already does something useful.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
)

from dlplanner import __version__
from dlplanner.services import projects


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("dlplanner")
        self.resize(1100, 700)
        self._summary: projects.ProjectSummary | None = None
        self.scenario_list = QListWidget()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        splitter = QSplitter()
        splitter.addWidget(self.scenario_list)
        splitter.addWidget(self.details)
        splitter.setSizes([300, 800])
        self.setCentralWidget(splitter)
        self.scenario_list.currentRowChanged.connect(self._show_scenario)
        self._build_menus()
        self._show_welcome()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open…", self, shortcut=QKeySequence.StandardKey.Open, triggered=self.choose_project)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(QAction("&About dlplanner", self, triggered=self._about))

    def _show_welcome(self) -> None:
        samples = "\n".join(f"  dlplanner new {s.id}.dlp --sample {s.id}" for s in projects.list_samples())
        self.details.setPlainText(
            "Open a project with File → Open (Ctrl+O).\n\nCreate one from a bundled sample school:\n" + samples
        )

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "dlplanner projects (*.dlp);;All files (*)")
        if path:
            self.open_project(path)

    def open_project(self, location: str) -> bool:
        try:
            project = projects.open_project(location)
        except Exception as exc:
            QMessageBox.critical(self, "Cannot open project", str(exc))
            return False
        self._summary = projects.summarize(project)
        self.setWindowTitle(f"{project.name} — dlplanner")
        self.scenario_list.clear()
        self.scenario_list.addItems([s.name for s in self._summary.scenarios])
        if self._summary.scenarios:
            self.scenario_list.setCurrentRow(0)
        self.statusBar().addWidget(QLabel(f"{location}"))
        return True

    def _show_scenario(self, row: int) -> None:
        if self._summary is None or row < 0:
            return
        header = projects.format_summary(projects.ProjectSummary(**{**vars(self._summary), "scenarios": []}))
        scenario = projects.format_summary(
            projects.ProjectSummary(**{**vars(self._summary), "scenarios": [self._summary.scenarios[row]]})
        )[len(header) :]
        self.details.setPlainText("\n".join([*header, "", *scenario]))

    def _about(self) -> None:
        QMessageBox.about(self, "About dlplanner", f"dlplanner {__version__}\nSchedules for deeper-learning schools.")


def run_app(project: str | None = None, argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("dlplanner")
    app.setOrganizationName("dlplanner")
    window = MainWindow()
    if project:
        window.open_project(project)
    window.show()
    return app.exec()


__all__ = ["MainWindow", "run_app"]
