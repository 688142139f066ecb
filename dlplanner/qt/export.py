"""File → Export…: a scenario's timetable as PDF, XLSX, CSV, iCalendar, an HTML site or timetable JSON.

The dialog only gathers choices; ``services.exporting.export`` writes the files on a worker thread
(with a busy bar), from a deep copy of the project. A failure is shown as the service's message.
For iCalendar, "Calendar of" picks one teacher or cohort (a searchable list) for a single .ics
file — the service's ``entity`` option, as ``dlplanner export --entity`` uses it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dlplanner.qt.document import Document
from dlplanner.qt.rule_words import rule_name
from dlplanner.qt.worker import Job, finish
from dlplanner.services import exporting
from dlplanner.services.timetable_status import TimetableStatus

WITH_VIEWS = {"pdf", "xlsx", "ics", "html", "csv"}  # formats that can be limited to one view (csv: students only)
FAMILY_FORMATS = {"pdf", "html", "ics"}  # written in the family's language (services.exporting.LANGUAGES)
VIEW_NAMES = {
    "master": QT_TRANSLATE_NOOP("ExportDialog", "Master schedule"),
    "teacher": QT_TRANSLATE_NOOP("ExportDialog", "Teachers"),
    "cohort": QT_TRANSLATE_NOOP("ExportDialog", "Cohorts"),
    "room": QT_TRANSLATE_NOOP("ExportDialog", "Rooms"),
    "student": QT_TRANSLATE_NOOP("ExportDialog", "Students (one timetable each)"),
}
ONE_NAMES = {
    "teacher": QT_TRANSLATE_NOOP("ExportDialog", "Teacher"),
    "cohort": QT_TRANSLATE_NOOP("ExportDialog", "Cohort"),
}
PAPERS = {"a4": QT_TRANSLATE_NOOP("ExportDialog", "A4"), "letter": QT_TRANSLATE_NOOP("ExportDialog", "Letter")}
EVERYONE = QT_TRANSLATE_NOOP("ExportDialog", "Everyone (the view and the file type decide)")


def tr(text: str) -> str:
    """A string of this dialog (marked with tr() or QT_TRANSLATE_NOOP) in the interface's language."""
    return QCoreApplication.translate("ExportDialog", text)


def default_suffix(fmt: str) -> str:
    return exporting.FORMATS[fmt].suffixes[0]


def confirm_broken_export(parent: QWidget | None, scenario_name: str, status: TimetableStatus) -> bool:
    """Ask before writing a timetable that breaks hard rules: the rules in plain words; Cancel writes nothing."""
    box = QMessageBox(parent)
    box.setObjectName("export-broken-rules")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ExportDialog", "Timetable breaks hard rules"))
    box.setText(
        QCoreApplication.translate("ExportDialog", "The timetable of {scenario} {status}. Export it anyway?").format(
            scenario=scenario_name, status=status.text()
        )
    )
    lines = [f"• {rule_name(v.rule_id)}: {v.message}" for v in status.violations[:12]]
    if status.broken > 12:
        lines.append(QCoreApplication.translate("ExportDialog", "… and {n} more").format(n=status.broken - 12))
    seen = QCoreApplication.translate("ExportDialog", "People reading the export will see these clashes as they are.")
    box.setInformativeText("\n".join(lines) + "\n\n" + seen)
    export = box.addButton(
        QCoreApplication.translate("ExportDialog", "Export anyway"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is export


class ExportDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export timetable"))
        self.setObjectName("export-dialog")
        self.document = document
        self.job: Job | None = None
        self.written: list[Path] = []
        self.error = ""
        self.confirm = confirm_broken_export  # asked before writing a timetable that breaks hard rules
        project = document.project

        self.scenario = QComboBox()
        for scenario in project.scenarios if project else []:
            self.scenario.addItem(scenario.name, scenario.id)
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(document.scenario_id)))
        self.format = QComboBox()
        for fmt in exporting.FORMATS.values():
            self.format.addItem(f"{fmt.id.upper()} — {fmt.description}", fmt.id)
        self.view = QComboBox()
        self.view.addItem(self.tr("Everything"), None)
        for view in exporting.VIEWS:
            self.view.addItem(tr(VIEW_NAMES[view]) if view in VIEW_NAMES else view.title(), view)
        self.paper = QComboBox()
        for paper, label in PAPERS.items():
            self.paper.addItem(tr(label), paper)
        self.paper.setCurrentIndex(max(0, self.paper.findData(exporting.default_paper())))  # Letter in the US
        self.language = QComboBox()  # dlplanner's own words on family-facing pages and calendars
        for language, label in exporting.LANGUAGES.items():
            self.language.addItem(label, language)
        self.language.setToolTip(self.tr("The words dlplanner writes (titles, labels); names stay as typed"))
        self.entity = QComboBox()  # iCalendar of one teacher or cohort; type to search
        self.entity.setEditable(True)
        self.entity.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.entity.addItem(tr(EVERYONE), None)
        for kind, records in (
            ("teacher", project.teachers if project else []),
            ("cohort", project.cohorts if project else []),
        ):
            for record in sorted(records, key=lambda r: r.name.casefold()):
                self.entity.addItem(f"{tr(ONE_NAMES[kind])}: {record.name}", f"{kind}:{record.id}")
        self.entity.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.entity.lineEdit().setPlaceholderText(self.tr("Type a teacher or cohort name"))
        self.path = QLineEdit()
        self.path.setMinimumWidth(460)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.busy = QProgressBar(maximum=0)
        self.busy.setVisible(False)
        self.state = QLabel("", objectName="hint")
        self.state.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Scenario"), self.scenario)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("View"), self.view)
        form.addRow(self.tr("Calendar of"), self.entity)
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Save to"), where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.state)
        layout.addWidget(self.buttons)

        self.format.currentIndexChanged.connect(self._format_chosen)
        self.scenario.currentIndexChanged.connect(lambda _i: self._format_chosen())
        self.entity.currentIndexChanged.connect(self._entity_chosen)
        self._format_chosen()

    def fmt(self) -> str:
        return self.format.currentData()

    def chosen_entity(self) -> tuple[str, str] | None:
        """(kind, id) of the one teacher or cohort whose calendar to write, or None for everyone."""
        data = self.entity.currentData() if self.fmt() == "ics" else None
        if not data:
            return None
        kind, _, record_id = data.partition(":")
        return kind, record_id

    def choose_entity(self, kind: str, record_id: str) -> None:
        self.entity.setCurrentIndex(self.entity.findData(f"{kind}:{record_id}"))

    def _entity_chosen(self, _index: int = 0) -> None:
        chosen = self.chosen_entity()
        self.view.setEnabled(self.fmt() in WITH_VIEWS and chosen is None)
        current = self.path.text().strip()
        folder = Path(current).parent if current else self._default_base().parent
        name = self._default_base().name
        if chosen is not None:
            slug = re.sub(r"[^\w.-]+", "-", self.entity.currentText().split(": ", 1)[-1]).strip("-")
            self.path.setText(str(folder / f"{name}-{slug}.ics"))
            self.state.setText(self.tr("Writes one .ics file with this calendar only."))
        else:
            self.path.setText(str(folder / name) + default_suffix(self.fmt()))
            self.state.setText("")

    def _format_chosen(self) -> None:
        fmt = self.fmt()
        self.view.setEnabled(fmt in WITH_VIEWS)
        self.paper.setEnabled(fmt == "pdf")
        self.language.setEnabled(fmt in FAMILY_FORMATS)
        self.entity.setEnabled(fmt == "ics")
        if self.chosen_entity() is not None:
            self._entity_chosen()
            return
        suffix = default_suffix(fmt)
        current = self.path.text().strip()
        base = Path(current).with_suffix("") if current else self._default_base()
        self.path.setText(str(base) + suffix)
        spec = exporting.FORMATS[fmt]
        if "" in spec.suffixes:
            self.state.setText(
                self.tr("Writes a folder: give a new or empty folder name (or a previous export of this kind).")
            )
        else:
            self.state.setText("")

    def _default_base(self) -> Path:
        project = self.document.project
        location = self.document.location
        folder = Path(location).parent if location and "://" not in location else Path.home()
        name = f"{project.name if project else 'timetable'}-{self.scenario.currentData() or ''}".strip("-")
        return folder / name.replace("/", "-")

    def browse(self) -> None:
        fmt = self.fmt()
        suffix = default_suffix(fmt)
        pattern = f"{fmt.upper()} (*{suffix})" if suffix else self.tr("Folder name (*)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path.text(), pattern)
        if path:
            if suffix and not path.lower().endswith(suffix):
                path += suffix
            self.path.setText(path)

    # -- running --------------------------------------------------------------------------------------
    def start(self) -> bool:
        project = self.document.project
        out = str(Path(self.path.text().strip()).expanduser()) if self.path.text().strip() else ""
        if project is None or not out or self.job is not None:
            return False
        fmt, key = self.fmt(), self.scenario.currentData()
        status = self.document.timetable_status(project.scenario(key))  # the checker's word, not the solver's
        if status is not None and status.breaks_rules and not self.confirm(self, self.scenario.currentText(), status):
            self.state.setText(self.tr("Not exported: the timetable {status}.").format(status=status.text()))
            return False
        view = self.view.currentData() if fmt in WITH_VIEWS else None
        options = {"paper": self.paper.currentData()} if fmt == "pdf" else {}
        if fmt in FAMILY_FORMATS:
            options["language"] = self.language.currentData()
        chosen = self.chosen_entity()
        if chosen is not None:  # the view names the kind, so a cohort and a teacher may share an id
            view, options["entity"] = chosen
        snapshot = copy.deepcopy(project)
        self.written, self.error = [], ""
        self.job = Job(lambda: exporting.export(snapshot, key, fmt, out, view=view, **options))
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.busy.setVisible(True)
        self.export_button.setEnabled(False)
        self.state.setText(self.tr("Exporting {format}…").format(format=fmt.upper()))
        self.job.start()
        return True

    def _done(self, written: list[Path]) -> None:
        self.written = list(written)
        first = written[0] if written else Path(self.path.text())
        if len(written) > 1:
            text = self.tr("Exported to {path} and {n} more file(s).").format(path=first, n=len(written) - 1)
        else:
            text = self.tr("Exported to {path}.").format(path=first)
        self.state.setText(text)

    def _failed(self, message: str) -> None:
        self.error = message
        self.state.setText(self.tr("Export failed: {message}").format(message=message))
        QMessageBox.critical(self, self.tr("Export failed"), message)

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        self.busy.setVisible(False)
        self.export_button.setEnabled(True)

    def reject(self) -> None:
        finish(self.job)  # an export in progress completes; its files are written whole or not at all
        super().reject()
