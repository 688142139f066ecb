"""The Compare page: pick 2–4 scenarios, compare them off the GUI thread, read the tables and charts, save the report.

The comparison itself is ``services.compare.compare`` on a deep copy of the project, with each
charted measure drawn by ``chart_png`` in the same worker; the page shows the "At a glance" table as a
table view and every measure as an HTML table with its chart below. "Save report…" writes the same
comparison as HTML or PDF with ``write_comparison`` (also on a worker). Scenarios are checked
against the project's minimums (``project.minimums``), which **Minimums…** edits.
"""

from __future__ import annotations

import copy
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QIcon, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import Project
from dlplanner.qt.document import DATA, PROJECT, SCENARIO, TIMETABLE, Document
from dlplanner.qt.minimums import MinimumsDialog, describe_minimums
from dlplanner.qt.rule_words import rule_name, rule_tooltip
from dlplanner.qt.style import icon
from dlplanner.qt.worker import Job, finish
from dlplanner.services import compare as compare_service
from dlplanner.services.group_compare import GROUP_KINDS, group_tables
from dlplanner.services.projects import ServiceError, open_project
from dlplanner.services.scenarios import list_scenarios

COLORS = ["#3b6ea8", "#e08a2c", "#4a9a5b", "#a8508a"]
REPORT_FILTER = "HTML report (*.html);;PDF report (*.pdf)"
PROJECT_FILTER = "dlplanner projects (*.dlp);;All files (*)"
GROUP_CHOICES = {  # GROUP_KINDS' break-downs, in the interface's language
    "cohort": QT_TRANSLATE_NOOP("ComparePage", "By cohort"),
    "pathway": QT_TRANSLATE_NOOP("ComparePage", "By pathway"),
    "grade": QT_TRANSLATE_NOOP("ComparePage", "By grade"),
    "flag": QT_TRANSLATE_NOOP("ComparePage", "By student flag"),
}
ICON_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">'
    b'<rect x="3" y="10" width="4" height="10" fill="#3b6ea8"/><rect x="8" y="5" width="4" height="15" fill="#e08a2c"/>'
    b'<rect x="13" y="12" width="4" height="8" fill="#3b6ea8"/>'
    b'<rect x="18" y="7" width="4" height="13" fill="#e08a2c"/>'
    b"</svg>"
)


def compare_icon() -> QIcon:
    """The Compare page's icon: two colours of bars, like its charts."""
    pixmap = QPixmap()
    pixmap.loadFromData(ICON_SVG, "SVG")
    return QIcon(pixmap) if not pixmap.isNull() else icon("master")


def fmt(value: object, decimals: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and decimals:
        return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    return f"{value:,.0f}" if isinstance(value, float) else f"{value:,}"


def run_comparison(
    project: Project,
    keys: list[str],
    by: str | None = None,
    others: list[tuple[Project, str]] | None = None,
) -> tuple[compare_service.Comparison, dict[str, bytes]]:
    """The comparison, checked against the project's minimums, and a PNG chart per charted measure (on the worker).

    ``by``: also break the students' measures down by group (a key of ``GROUP_KINDS``), as more tables.
    ``others``: scenarios of other project files (last year's), read only, shown after this project's.
    """
    result = compare_service.compare(project, keys, project.minimums, others=others or [])
    if by:
        try:
            result.tables += group_tables(project, keys, by)
        except ServiceError as exc:
            result.notes.append(f"{exc}.")
    charts = {t.id: compare_service.chart_png(t, result.scenario_names, dpi=80) for t in result.tables if t.charted()}
    return result, charts


def measure_label(label: str) -> str:
    """A measure's name for the page, as HTML: a rule's penalty by the rule's plain name (its id in the tooltip)."""
    prefix = "penalty: "
    if label.startswith(prefix):
        rule_id = label[len(prefix) :]
        return f"<span title='{escape(rule_tooltip(rule_id))}'>Penalty: {escape(rule_name(rule_id))}</span>"
    return escape(label)


class ComparePage(QWidget):
    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.job: Job | None = None
        self.comparison: compare_service.Comparison | None = None
        self.charts: dict[str, bytes] = {}
        self.others: list[tuple[Project, str, str]] = []  # another file's project, scenario id, path (read only)

        self.choices = QListWidget(objectName="compare-choices")
        self.choices.itemChanged.connect(self._update_buttons)
        self.choices.setWordWrap(True)  # "breaks 2 hard rules · 52 placed" in full, not cut at the edge
        self.compare_button = QPushButton(icon("solve"), self.tr("Compare"), objectName="primary")
        self.compare_button.clicked.connect(self.start)
        self.save_button = QPushButton(icon("save"), self.tr("Save report…"))
        self.save_button.clicked.connect(lambda: self.save_report())  # not clicked's checked flag as the path
        self.busy = QProgressBar(maximum=0)  # indeterminate while the worker runs
        self.busy.setVisible(False)
        self.state = QLabel(self.tr("Tick 2 to 4 scenarios, then Compare."), objectName="hint")
        self.state.setWordWrap(True)
        self.minimums_button = QPushButton(self.tr("Minimums…"))
        self.minimums_button.setToolTip(
            self.tr("The requirements every scenario is checked against (Project → Minimums…)")
        )
        self.minimums_button.clicked.connect(self.edit_minimums)
        self.minimums_label = QLabel(objectName="hint", wordWrap=True)
        self.group_combo = QComboBox(objectName="compare-group")
        self.group_combo.addItem(self.tr("No break-down by group"), None)
        for key, label in GROUP_KINDS.items():
            choice = (
                QCoreApplication.translate("ComparePage", GROUP_CHOICES[key])
                if key in GROUP_CHOICES
                else f"By {label.lower()}"
            )
            self.group_combo.addItem(choice, key)
        self.group_combo.setToolTip(self.tr("Also compare requests met, free minutes and gaps group by group"))

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(8, 8, 8, 8)
        heading = self.tr("Scenarios to compare")
        left_box.addWidget(QLabel(f"<b>{escape(heading)}</b>"))
        left_box.addWidget(self.choices, 1)
        left_box.addWidget(self.group_combo)
        self.add_other_button = QPushButton(icon("open"), self.tr("Add from another file…"))
        self.add_other_button.setToolTip(self.tr("A scenario of another project file (e.g. last year's), read only"))
        self.add_other_button.clicked.connect(lambda: self.add_from_file())
        left_box.addWidget(self.add_other_button)
        left_box.addWidget(self.compare_button)
        left_box.addWidget(self.save_button)
        left_box.addWidget(self.busy)
        left_box.addWidget(self.state)
        left_box.addWidget(self.minimums_button)
        left_box.addWidget(self.minimums_label)

        self.glance = QTableWidget(objectName="compare-glance")
        self.glance.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.glance.verticalHeader().setVisible(False)
        self.glance.setWordWrap(True)  # measure names in full: long ones wrap onto a second line
        self.details = QTextBrowser(objectName="compare-details")
        self.details.setOpenExternalLinks(False)
        right = QSplitter(Qt.Orientation.Vertical)
        glance_box = QWidget()
        glance_layout = QVBoxLayout(glance_box)
        glance_layout.setContentsMargins(8, 8, 8, 0)
        glance_layout.addWidget(QLabel("<b>At a glance</b>"))
        glance_layout.addWidget(self.glance)
        right.addWidget(glance_box)
        right.addWidget(self.details)
        right.setSizes([330, 400])

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 800])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        document.changed.connect(self._on_changed)
        self._on_changed(PROJECT)

    # -- choosing ------------------------------------------------------------------------------------
    def _on_changed(self, kind: str) -> None:
        if kind in (PROJECT, SCENARIO, DATA, TIMETABLE):
            self._fill_choices()  # names, statuses and placed counts
        if kind == PROJECT:
            self._show(None, {})
        project = self.document.project
        self.minimums_label.setText(describe_minimums(project.minimums) if project else "")

    def _fill_choices(self) -> None:
        ticked = set(self.chosen())
        project = self.document.project
        self.choices.blockSignals(True)
        self.choices.clear()
        for n, info in enumerate(list_scenarios(project) if project else []):
            status = self.document.timetable_status(project.scenario(info.id))  # the checker's word
            item = QListWidgetItem(f"{info.name}\n{status.text()} · {info.placements} placed")
            item.setToolTip("\n".join([status.text(), *status.problems(10)]))
            if status.breaks_rules:
                item.setIcon(icon("error"))
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = info.id in ticked if ticked else n < 2
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.choices.addItem(item)
        for n, (other, key, path) in enumerate(self.others):
            scenario = other.scenario(key)
            item = QListWidgetItem(f"{scenario.name}\n{other.name} · read only")
            item.setData(Qt.ItemDataRole.UserRole, ("other", n))
            item.setToolTip(f"{scenario.name} of {other.name}, from {path} (read only)")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if ("other", n) in ticked or not ticked else Qt.CheckState.Unchecked
            )
            self.choices.addItem(item)
        self.choices.blockSignals(False)
        self._update_buttons()

    def add_from_file(self, path: str | None = None, scenario_key: str | None = None) -> bool:
        """Add a scenario of another project file (last year's) beside this project's, ticked, read only."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Compare with a scenario of"), "", PROJECT_FILTER)
            if not path:
                return False
        try:
            other = open_project(path)
        except Exception as exc:
            self.state.setText(self.tr("⚠ Cannot open {path}: {error}").format(path=path, error=exc))
            return False
        if not other.scenarios:
            self.state.setText(self.tr("⚠ {path} has no scenarios").format(path=path))
            return False
        if scenario_key is None:
            names = [s.name for s in other.scenarios]
            name, ok = (
                (names[0], True)
                if len(names) == 1
                else QInputDialog.getItem(
                    self,
                    self.tr("Compare with"),
                    self.tr("Scenario of {project}:").format(project=other.name),
                    names,
                    0,
                    False,
                )
            )
            if not ok:
                return False
            scenario_key = other.scenarios[names.index(name)].id
        scenario = other.scenario(scenario_key)
        self.others.append((other, scenario.id, path))
        self._fill_choices()
        new_item = self.choices.item(self.choices.count() - 1)
        new_item.setCheckState(Qt.CheckState.Checked)
        self.state.setText(
            self.tr("Added '{scenario}' of {project} (read only). Tick 2 to 4, then Compare.").format(
                scenario=scenario.name, project=other.name
            )
        )
        return True

    def chosen(self) -> list[str]:
        return [
            self.choices.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.choices.count())
            if self.choices.item(row).checkState() == Qt.CheckState.Checked
        ]

    def choose(self, keys: list[str]) -> None:
        for row in range(self.choices.count()):
            item = self.choices.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in keys
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _update_buttons(self) -> None:
        running = self.running
        self.compare_button.setEnabled(not running and 2 <= len(self.chosen()) <= 4)
        self.save_button.setEnabled(not running and self.comparison is not None)

    def minimums_dialog(self) -> MinimumsDialog | None:
        return MinimumsDialog(self.document, self) if self.document.project is not None else None

    def edit_minimums(self) -> bool:
        """Minimums…: edit the project's minimums; a comparison on screen is made again against the new ones."""
        dialog = self.minimums_dialog()
        if dialog is None:
            return False
        before = self.document.undo_stack.index()
        dialog.exec()
        dialog.deleteLater()  # a child of the page: not kept until the app closes
        changed = self.document.undo_stack.index() != before
        if changed and self.comparison is not None:
            self.start()
        return changed

    @property
    def running(self) -> bool:
        return self.job is not None

    # -- comparing -----------------------------------------------------------------------------------
    def start(self) -> bool:
        keys = self.chosen()
        if self.document.project is None or not 2 <= len(keys) <= 4 or self.running:
            self.state.setText(self.tr("Tick 2 to 4 scenarios, then Compare."))
            return False
        project, by = copy.deepcopy(self.document.project), self.group_combo.currentData()
        own = [k for k in keys if isinstance(k, str)]
        others = [self.others[k[1]][:2] for k in keys if not isinstance(k, str)]  # ("other", n)
        self._run(lambda: run_comparison(project, own, by, others), self._compared, self.tr("Comparing…"))
        return True

    def _run(self, work: object, on_done: object, message: str) -> None:
        self.job = Job(work)
        self.job.done.connect(on_done)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._job_finished)
        self.busy.setVisible(True)
        self.state.setText(message)
        self._update_buttons()
        self.job.start()

    def _job_finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.busy.setVisible(False)
        self._update_buttons()

    def _failed(self, message: str) -> None:
        self.state.setText(self.tr("Failed: {message}").format(message=message))

    def _compared(self, result: tuple[compare_service.Comparison, dict[str, bytes]]) -> None:
        comparison, charts = result
        self._show(comparison, charts)
        notes = " ".join(comparison.notes)
        compared = self.tr("Compared {names}.").format(names=", ".join(comparison.scenario_names))
        self.state.setText(f"{compared} {notes}".strip())

    def _show(self, comparison: compare_service.Comparison | None, charts: dict[str, bytes]) -> None:
        self.comparison, self.charts = comparison, charts
        self.glance.clear()
        self.glance.setRowCount(0)
        self.glance.setColumnCount(0)
        self.details.clear()
        self._update_buttons()
        if comparison is None:
            return
        names = comparison.scenario_names
        glance = comparison.table("glance")
        self.glance.setColumnCount(1 + len(names))
        self.glance.setHorizontalHeaderLabels([self.tr("Measure"), *names])
        self.glance.setRowCount(len(glance.rows))
        for r, row in enumerate(glance.rows):
            measure = QTableWidgetItem(row.label)
            measure.setToolTip(row.label)
            self.glance.setItem(r, 0, measure)
            for c, value in enumerate(row.values):
                item = QTableWidgetItem(fmt(value, glance.decimals))
                if not isinstance(value, str):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.glance.setItem(r, c + 1, item)
        header = self.glance.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 1 + len(names)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.glance.resizeRowsToContents()
        document = self.details.document()
        for table_id, png in charts.items():
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{table_id}"), QImage.fromData(png)
            )
        self.details.setHtml(self._details_html(comparison))

    def _details_html(self, comparison: compare_service.Comparison) -> str:
        names = comparison.scenario_names
        head = "".join(
            f'<th><span style="color:{COLORS[i % len(COLORS)]}">■</span> {escape(n)}</th>' for i, n in enumerate(names)
        )
        parts = []
        for table in comparison.tables:
            if table.id == "glance":
                continue
            parts.append(f"<h3>{escape(table.title)}</h3>")
            if table.note:
                parts.append(f'<p style="color:#555">{escape(table.note)}</p>')
            if not table.rows:
                parts.append('<p style="color:#555">Nothing to compare.</p>')
                continue
            rows = "".join(
                f"<tr><td>{measure_label(row.label)}</td>"
                + "".join(
                    f'<td align="{"left" if isinstance(v, str) else "right"}">{escape(fmt(v, table.decimals))}</td>'
                    for v in row.values
                )
                + "</tr>"
                for row in table.rows
            )
            parts.append(
                f'<table border="1" cellspacing="0" cellpadding="3" width="100%">'
                f'<tr style="background:#dde4ee"><th align="left">{escape(table.unit)}</th>{head}</tr>{rows}</table>'
            )
            if table.id in self.charts:
                parts.append(f'<p><img src="chart:{escape(table.id)}"></p>')
        parts.append("<h3>What moved</h3>")
        for diff in comparison.diffs:
            parts.append(f"<p><b>{escape(diff.a_name)} → {escape(diff.b_name)}</b>: {escape(diff.summary)}</p>")
        return "".join(parts)

    # -- the report ------------------------------------------------------------------------------------
    def save_report(self, path: str | None = None) -> bool:
        comparison = self.comparison
        if comparison is None or self.running:
            return False
        if path is None:
            path, chosen = QFileDialog.getSaveFileName(
                self, self.tr("Save comparison report"), "comparison.html", REPORT_FILTER
            )
            if not path:
                return False
            if Path(path).suffix.lower() not in (".html", ".htm", ".pdf"):
                path += ".pdf" if "pdf" in chosen.lower() else ".html"
        target = path
        self._run(
            lambda: compare_service.write_comparison(comparison, target), self._saved, self.tr("Writing the report…")
        )
        return True

    def _saved(self, written: Path) -> None:
        self.state.setText(self.tr("Report saved to {path}").format(path=written))

    def shutdown(self) -> None:
        """Window closing: wait for a running comparison or report (its result is dropped)."""
        finish(self.job)
        if self.job is not None and not self.job.isRunning():
            self._job_finished()
