"""The solve panel: runs the engine on a worker thread with live progress, cancel and a checked summary.

The worker gets a deep copy of the project, so edits made while it runs never race with the
solver; its result is applied to the scenario it was started for as one undoable command. The
summary lists each soft rule's penalty and the independent checker's verdict; when no timetable
exists, the engine's explanations are shown with links that select the records they name.
"""

from __future__ import annotations

import copy
import html
import time
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import Project, Scenario, SolveStatus
from dlplanner.qt.commands import ApplySolutionCommand
from dlplanner.qt.document import PROJECT, SCENARIO, Document
from dlplanner.qt.rule_words import rule_name, rule_tooltip
from dlplanner.qt.style import icon
from dlplanner.qt.worker import BackgroundThread
from dlplanner.services.solving import solution_from_result, solve_scenario


class SolveWorker(BackgroundThread):
    """Calls ``services.solving.solve_scenario`` off the GUI thread; ``cancel`` asks it to stop early."""

    progressed = Signal(object)  # solver Progress
    finished_ok = Signal(object, object)  # SolveResult, CheckReport | None
    failed = Signal(str)

    def __init__(
        self,
        project: Project,
        scenario_id: str,
        time_limit: float,
        workers: int,
        seed: int,
        first_only: bool = False,
        gap_percent: float | None = None,
    ) -> None:
        super().__init__()
        self.project = copy.deepcopy(project)
        self.scenario_id, self.time_limit, self.workers, self.seed = scenario_id, time_limit, workers, seed
        self.first_only, self.gap_percent = first_only, gap_percent
        self._stop = False

    def cancel(self) -> None:
        self._stop = True

    def run(self) -> None:
        try:
            result, report = solve_scenario(
                self.project,
                self.scenario_id,
                time_limit=self.time_limit,
                workers=self.workers,
                seed=self.seed,
                on_progress=self.progressed.emit,
                should_stop=lambda: self._stop,
                first_only=self.first_only,
                gap_percent=self.gap_percent,
            )
        except Exception as exc:  # shown in the panel; the app keeps running
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished_ok.emit(result, report)


def record_link(kind: str, record_id: str, name: str) -> str:
    return f'<a href="record:{html.escape(kind)}:{html.escape(record_id)}">{html.escape(name or record_id)}</a>'


class SolvePanel(QWidget):
    solve_finished = Signal()

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.worker: SolveWorker | None = None
        self.scenario: Scenario | None = None
        self._started = 0.0
        self.last_result: Any = None
        self.last_report: Any = None
        self.time_limit = QDoubleSpinBox(minimum=0.5, maximum=3600, value=30, suffix=" s", decimals=1)
        self.workers = QSpinBox(minimum=1, maximum=32, value=2)
        self.seed = QSpinBox(minimum=0, maximum=1_000_000, value=0)
        # stop when good enough (the same options as `dlplanner solve --first / --gap PCT`)
        self.first_only = QCheckBox(self.tr("Stop at first timetable"))
        self.first_only.setToolTip(
            self.tr("End the search at the first timetable that keeps every hard rule (no soft rules).")
        )
        self.first_only.setAccessibleName(self.first_only.text())
        self.gap_enabled = QCheckBox(self.tr("Stop within gap"))
        self.gap_enabled.setToolTip(
            self.tr("End the search once the soft rules' penalty is within this % of the best bound.")
        )
        self.gap_enabled.setAccessibleName(self.gap_enabled.text())
        self.gap = QDoubleSpinBox(minimum=0.0, maximum=100.0, value=5.0, suffix=" %", decimals=1)
        self.gap.setAccessibleName(self.tr("Gap to the bound, percent"))
        self.gap.setEnabled(False)
        self.gap_enabled.toggled.connect(self.gap.setEnabled)
        self.first_only.toggled.connect(lambda on: self.gap_enabled.setEnabled(not on))
        self.solve_button = QPushButton(icon("solve"), self.tr("Solve"), objectName="primary")
        self.cancel_button = QPushButton(icon("stop"), self.tr("Cancel (keep best)"))
        self.cancel_button.setEnabled(False)
        self.solve_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(maximum=1000, textVisible=True)
        self.progress.setFormat("")
        self.elapsed = QLabel("—")
        self.objective = QLabel("—")
        self.bound = QLabel("—")
        self.solutions = QLabel("—")
        self.state = QLabel(
            self.tr("Ready. Pinned cards stay; the current timetable is the starting hint."), objectName="hint"
        )
        self.state.setWordWrap(True)

        settings = QGroupBox(self.tr("Run"))
        form = QFormLayout(settings)
        form.addRow(self.tr("Time limit"), self.time_limit)
        form.addRow(self.tr("Workers"), self.workers)
        form.addRow(self.tr("Seed"), self.seed)
        form.addRow(self.first_only)
        gap_row = QHBoxLayout()
        gap_row.addWidget(self.gap_enabled)
        gap_row.addWidget(self.gap, 1)
        form.addRow(gap_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.solve_button)
        buttons.addWidget(self.cancel_button)
        form.addRow(buttons)
        live = QGroupBox(self.tr("Progress"))
        live_form = QFormLayout(live)
        live_form.addRow(self.progress)
        live_form.addRow(self.tr("Elapsed"), self.elapsed)
        live_form.addRow(self.tr("Objective"), self.objective)
        live_form.addRow(self.tr("Best bound"), self.bound)
        live_form.addRow(self.tr("Solutions"), self.solutions)
        live_form.addRow(self.state)
        left = QVBoxLayout()
        left.addWidget(settings)
        left.addWidget(live)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMinimumWidth(300)

        self.verdict = QLabel(self.tr("No result yet"), objectName="hint")
        self.verdict.setWordWrap(True)
        self.current = QLabel("", objectName="hint")  # the current scenario's timetable, as the checker judges it now
        self.current.setWordWrap(True)
        self.penalties = QTableWidget(0, 2)
        self.penalties.setHorizontalHeaderLabels([self.tr("Soft rule"), self.tr("Penalty")])
        self.penalties.verticalHeader().setVisible(False)
        self.penalties.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.penalties.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.penalties.setMinimumWidth(250)
        self.penalties.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.explanation = QTextBrowser()
        self.explanation.setOpenLinks(False)
        self.explanation.anchorClicked.connect(self._link)
        self.explanation.highlighted.connect(self._hover)
        results = QGroupBox(self.tr("Result"))
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(self.current)
        results_layout.addWidget(self.verdict)
        split = QSplitter()
        split.addWidget(self.penalties)
        split.addWidget(self.explanation)
        split.setSizes([280, 500])
        results_layout.addWidget(split, 1)

        title = QLabel(self.tr("Solve"), objectName="title")
        top = QHBoxLayout()
        top.addWidget(left_widget)
        top.addWidget(results, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top, 1)
        self._ticker = QTimer(self, interval=100)
        self._ticker.timeout.connect(self._tick)
        document.changed.connect(self._on_changed)

    def _on_changed(self, kind: str) -> None:
        if kind in (PROJECT, SCENARIO) and self.document.scenario is not None and not self.running:
            self.time_limit.setValue(self.document.scenario.rules.time_limit_seconds)
        if kind in (PROJECT, SCENARIO) and not self.running and self.scenario is not self.document.scenario:
            self.clear_result()  # never another scenario's run under this scenario's name
        self.show_current()

    def show_current(self) -> None:
        """The current scenario's timetable as it stands now (a drop on red after the solve shows here)."""
        scenario = self.document.scenario
        status = self.document.timetable_status(scenario)
        if scenario is None or status is None:
            self.current.setText("")
            return
        self.current.setText(
            self.tr("Timetable of {scenario} now: {status} ({placed} placed)").format(
                scenario=scenario.name, status=status.text(), placed=status.placed
            )
        )
        self.current.setToolTip("\n".join(status.problems()))
        self.current.setObjectName("verdictBad" if status.breaks_rules else "hint")
        self.current.style().unpolish(self.current)
        self.current.style().polish(self.current)
        if self.last_result is None and not self.running:  # no run to show: what the checker finds now
            self.explanation.setHtml(self._findings_html(list(status.violations)) if status.breaks_rules else "")

    def _findings_html(self, violations: list) -> str:
        heading = self.tr("Checker findings")
        parts = [f"<h3>{html.escape(heading)}</h3><ul>"]
        for violation in violations[:50]:
            links = ", ".join(record_link(r.kind, r.id, r.name) for r in violation.records)
            name = html.escape(rule_name(violation.rule_id))  # hover: the sentence and the id (see _hover)
            rule = f"<a href='rule:{html.escape(violation.rule_id)}' style='color:inherit'><b>{name}</b></a>"
            parts.append(f"<li>{rule}: {html.escape(violation.message)} <small>{links}</small>")
        parts.append("</ul>")
        return "".join(parts)

    def clear_result(self, message: str | None = None) -> None:
        self.last_result = self.last_report = None
        self.verdict.setText(self.tr("No result yet") if message is None else message)
        self.verdict.setObjectName("hint")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.penalties.setRowCount(0)
        self.explanation.clear()
        if not self.running:
            self.show_current()

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start(self) -> bool:
        scenario, project = self.document.scenario, self.document.project
        if scenario is None or project is None or self.running:
            return False
        self.scenario = scenario
        limit, workers, seed = self.time_limit.value(), self.workers.value(), self.seed.value()
        self.worker = SolveWorker(project, scenario.id, limit, workers, seed, **self.stop_options())
        self.worker.progressed.connect(self._progress)
        self.worker.finished_ok.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._thread_finished)
        self.objective.setText("—")
        self.bound.setText("—")
        self.solutions.setText("0")
        self.progress.setValue(0)
        self.state.setText(self.tr("Solving {scenario}…").format(scenario=scenario.name))
        self.clear_result(
            self.tr("Solving {scenario}… (the result shows here when it finishes)").format(scenario=scenario.name)
        )
        self.solve_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self._started = time.monotonic()
        self._ticker.start()
        self.worker.start()
        return True

    def stop_options(self) -> dict[str, Any]:
        """``first_only`` and ``gap_percent`` for ``solve_scenario``, as the run options say."""
        first = self.first_only.isChecked()
        gap = self.gap.value() if self.gap_enabled.isChecked() and not first else None
        return {"first_only": first, "gap_percent": gap}

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.state.setText(self.tr("Stopping… the best timetable found so far is kept."))

    def shutdown(self) -> None:
        """Stop and join the worker (window close, tests): no thread outlives the panel."""
        worker = self.worker
        if worker is not None:
            worker.cancel()
            worker.wait()
            self._thread_finished()

    def _tick(self) -> None:
        elapsed = time.monotonic() - self._started
        limit = self.time_limit.value()
        self.progress.setValue(min(1000, int(1000 * elapsed / limit)))
        self.progress.setFormat(
            self.tr("{elapsed} s of {limit} s").format(elapsed=f"{elapsed:.1f}", limit=f"{limit:g}")
        )
        self.elapsed.setText(f"{elapsed:.1f} s")

    def _progress(self, progress: Any) -> None:
        self.objective.setText(f"{progress.objective:,.0f}")
        self.bound.setText(f"{progress.bound:,.0f}")
        self.solutions.setText(str(progress.solutions))

    def _thread_finished(self) -> None:
        if self.worker is None:
            return
        self._ticker.stop()
        self.worker.deleteLater()
        self.worker = None
        self.solve_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.solve_finished.emit()

    def _failed(self, message: str) -> None:
        self.state.setText(self.tr("The solver failed: {message}").format(message=message))
        self.verdict.setText(self.tr("No result"))

    def _done(self, result: Any, report: Any) -> None:
        self.last_result, self.last_report = result, report
        self.progress.setValue(1000)
        self.progress.setFormat(
            self.tr("{status} — solver time {seconds} s").format(
                status=result.status.value, seconds=f"{result.wall_time:.1f}"
            )
        )
        if result.objective is not None:
            self.objective.setText(f"{result.objective:,.0f}")
        if result.best_bound is not None:
            self.bound.setText(f"{result.best_bound:,.0f}")
        self.solutions.setText(str(getattr(result, "solutions", "—")))
        self.state.setText(self.tr("Finished: {status}").format(status=result.status.value))
        found = result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE) and bool(result.placements)
        if found and self.scenario is not None:
            self.document.push(ApplySolutionCommand(self.document, self.scenario, solution_from_result(result)))
        self.show_result(result, report)

    def show_result(self, result: Any, report: Any) -> None:
        """Per-rule penalties, the checker's verdict and any infeasibility explanation."""
        penalties = dict(result.penalties)
        self.penalties.setRowCount(len(penalties))
        for row, (rule, value) in enumerate(sorted(penalties.items(), key=lambda kv: -kv[1])):
            name = QTableWidgetItem(rule_name(rule))
            name.setToolTip(rule_tooltip(rule))
            self.penalties.setItem(row, 0, name)
            item = QTableWidgetItem(f"{value:,}")
            self.penalties.setItem(row, 1, item)
        status = result.status.value
        if self.scenario is not None:  # whose run this is (the scenario box may have moved on meanwhile)
            status = self.tr("Last run for {scenario}: {status}").format(scenario=self.scenario.name, status=status)
        if report is None:
            verdict, name = self.tr("{status}: no timetable to check").format(status=status), "verdictBad"
        elif report.ok:
            verdict = self.tr("{status} — checker: every hard rule holds (penalty {penalty})").format(
                status=status, penalty=f"{report.total_penalty:,}"
            )
            name = "verdictOk"
        else:
            verdict = self.tr("{status} — checker found {n} broken hard rule(s)").format(
                status=status, n=len(report.violations)
            )
            name = "verdictBad"
        self.verdict.setText(verdict)
        self.verdict.setObjectName(name)
        self.verdict.style().unpolish(self.verdict)  # the style sheet colours by object name
        self.verdict.style().polish(self.verdict)
        parts: list[str] = []
        conflicts = list(getattr(result, "conflicts", []))
        if conflicts:
            heading = self.tr("Why no timetable exists")
            parts.append(f"<h3>{html.escape(heading)}</h3><ol>")
            for conflict in conflicts:
                links = ", ".join(record_link(k, i, self.document.name_of(k, i)) for k, i in conflict.records)
                parts.append(f"<li>{html.escape(conflict.message)}" + (f"<br><small>{links}</small>" if links else ""))
            parts.append("</ol>")
        if report is not None and report.violations:
            parts.append(self._findings_html(report.violations))
        for message in getattr(result, "messages", []):
            parts.append(f"<p>{html.escape(message)}</p>")
        if not parts:
            no_conflicts = self.tr("No conflicts. Pin the cards you like and solve again to improve the rest.")
            parts.append(f"<p>{html.escape(no_conflicts)}</p>")
        self.explanation.setHtml("".join(parts))

    def _hover(self, url: QUrl) -> None:
        """Over a rule's name: its plain sentence and its id, as a tooltip."""
        text = url.toString()
        if text.startswith("rule:"):
            QToolTip.showText(QCursor.pos(), rule_tooltip(text.removeprefix("rule:")), self.explanation)
        else:
            QToolTip.hideText()

    def _link(self, url: QUrl) -> None:
        if url.toString().startswith("rule:"):
            return  # a rule's name: explained on hover, nothing to open
        _, kind, record_id = url.toString().split(":", 2)
        self.document.selection_requested.emit(kind, record_id)
