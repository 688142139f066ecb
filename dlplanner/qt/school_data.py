"""File → Import school data… and File → Export school data…: a school's data in and out of the app.

Import reads a whole-school workbook, one sheet of one kind (CSV or XLSX) or a OneRoster bundle (zip
or folder) on a worker thread, shows what would be added, changed and left unchanged per kind of record
and every problem by file, sheet, row and column, and changes nothing until the user presses Import;
then the whole import is one undo step of the project session. Export writes the whole-school
workbook, the blank template, a OneRoster bundle or the SIS master-schedule CSV through the same
services as the command line, and asks before replacing a file.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dlplanner.io.school_plan import ADDED, CHANGED, UNCHANGED
from dlplanner.qt.commands import EditCommand
from dlplanner.qt.document import Document
from dlplanner.qt.worker import Job
from dlplanner.services import exporting, school_data
from dlplanner.services.school_data import ONEROSTER, SHEET, WORKBOOK, ImportPreview, ImportSchoolData

__all__ = ["ExportSchoolDataDialog", "ImportPreviewDialog", "add_file_menu_actions"]

IMPORT_FILTER = (
    "School data (*.xlsx *.xlsm *.csv *.tsv *.txt *.zip);;School workbook (*.xlsx *.xlsm);;"
    "One sheet (*.csv *.tsv *.txt *.xlsx);;OneRoster bundle (*.zip);;All files (*)"
)
SOURCE_WORDS = {
    WORKBOOK: "a whole-school workbook",
    SHEET: "one sheet of one kind of record",
    ONEROSTER: "a OneRoster bundle from the SIS",
}
DETAILS_PER_KIND = 200  # names listed under a kind in the details (the counts are always complete)


class ImportPreviewDialog(QDialog):
    """What importing ``path`` would do to the open project; Import applies it as one undo step."""

    def __init__(self, document: Document, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.path = document, Path(path)
        self.setWindowTitle(f"Import school data — {self.path.name}")
        self.setObjectName("import-preview")
        self.preview: ImportPreview | None = None
        self.error = ""  # a problem found before the file could be read (not found, unknown type)
        self.job: Job | None = None
        self._project = document.project  # the project the preview was read against
        self._pending = False

        self.source = QLabel(objectName="import-source")
        self.source.setWordWrap(True)
        self.kind = QComboBox(objectName="import-kind")
        self.kind.addItem("Find out from the file", None)
        for spec in school_data_sheet_specs():
            self.kind.addItem(spec.title, spec.title)
        self.kind.setToolTip("A single sheet: which kind of records it holds (from its name when not chosen)")
        self.school = QLineEdit(objectName="import-school")
        self.school.setPlaceholderText("only when the bundle has several schools: the school's sourcedId")
        form = self.form = QFormLayout()
        form.addRow("File", self.source)
        form.addRow("Read as", self.kind)
        form.addRow("School", self.school)
        self.busy = QProgressBar(maximum=0, objectName="import-busy")
        self.state = QLabel(objectName="import-state")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QTableWidget(0, 4, objectName="import-summary")
        self.summary.setHorizontalHeaderLabels(["Records", "Added", "Changed", "Unchanged"])
        self.summary.verticalHeader().setVisible(False)
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.details = QTreeWidget(objectName="import-details")
        self.details.setHeaderLabels(["What changes", "Scenario"])
        self.details.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.problems_label = QLabel("Problems", objectName="import-problems-label")
        self.problems = QListWidget(objectName="import-problems")
        self.problems.setWordWrap(True)
        self.notes_label = QLabel("Notes", objectName="hint")
        self.notes = QListWidget(objectName="import-notes")
        self.notes.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import-button")  # blue while it is the default (something to import)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.state)
        layout.addWidget(self.summary, 3)
        layout.addWidget(self.details, 2)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 680)

        self.kind.currentIndexChanged.connect(lambda _i: self.read())
        self.school.editingFinished.connect(self._school_changed)
        self._last_school = ""
        self.read()

    # -- reading --------------------------------------------------------------------------------------
    def _source(self) -> str:
        try:
            return school_data.read_as(self.path, self.kind.currentData())
        except Exception as exc:  # an unknown file type: said in the state line
            self.error = str(exc)
            return ""

    def read(self) -> None:
        """Read the file against the project on a worker thread (the project is not changed)."""
        if self.job is not None:
            self._pending = True  # read again once this read is done
            return
        project = self.document.project
        self.preview, self.error = None, ""
        self._allow_import(False)
        source = self._source()
        self.form.setRowVisible(self.kind, source in (WORKBOOK, SHEET))
        self.form.setRowVisible(self.school, source == ONEROSTER)
        self.source.setText(f"{self.path}  —  {SOURCE_WORDS.get(source, 'not a file dlplanner reads')}")
        if project is None or not source:
            self._show()
            return
        kind = self.kind.currentData()
        scenario = self.document.scenario_id if source == SHEET else None
        school = self.school.text().strip() or None if source == ONEROSTER else None
        path = self.path

        def work() -> ImportPreview:
            return school_data.preview_import(project, path, school, kind=kind, scenario=scenario)

        self.busy.setVisible(True)
        self.state.setText(f"Reading {self.path.name}… nothing changes until you press Import.")
        self.job = Job(work, self)
        self.job.done.connect(self._read_done)
        self.job.failed.connect(self._read_failed)
        self.job.finished.connect(self._read_finished)
        self.job.start()

    def _school_changed(self) -> None:
        if self.school.text().strip() != self._last_school:
            self._last_school = self.school.text().strip()
            self.read()

    def _read_done(self, preview: ImportPreview) -> None:
        self.preview = preview

    def _read_failed(self, message: str) -> None:
        self.error = message

    def _read_finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        if self._pending:
            self._pending = False
            self.read()
            return
        self._show()

    @property
    def reading(self) -> bool:
        return self.job is not None

    # -- showing --------------------------------------------------------------------------------------
    def _show(self) -> None:
        self.busy.setVisible(False)
        self.summary.setRowCount(0)
        self.details.clear()
        self.problems.clear()
        self.notes.clear()
        preview = self.preview
        problems: list[str] = [self.error] if self.error else []
        if preview is not None:
            problems += [str(p) for p in preview.problems]
        for text in problems:
            self.problems.addItem(text)
        self.problems_label.setVisible(bool(problems))
        self.problems.setVisible(bool(problems))
        notes = preview.notes if preview is not None else []
        for note in notes:
            self.notes.addItem(note)
        self.notes_label.setVisible(bool(notes))
        self.notes.setVisible(bool(notes))
        if problems:
            count = len(problems)
            first = problems[0]
            self.state.setText(
                f"{count} problem(s) in the file; nothing can be imported until they are fixed. First: {first}"
                if count > 1
                else f"Cannot import: {first}"
            )
            self.summary.setVisible(False)
            self.details.setVisible(False)
            return
        if preview is None:
            self.state.setText("Open a project first.")
            return
        self.summary.setVisible(True)
        self.details.setVisible(True)
        self._fill_summary(preview)
        self._fill_details(preview)
        new = len(preview.added()) + len(preview.changed())
        if new:
            self.state.setText(
                f"Importing adds {len(preview.added())} and changes {len(preview.changed())} record(s). "
                "Records the file does not mention stay as they are. Nothing changes until you press Import; "
                "Edit → Undo takes the whole import back."
            )
        else:
            self.state.setText("The file matches the project: importing would change nothing.")
        self._allow_import(bool(new))

    def _allow_import(self, allowed: bool) -> None:
        """Import is the default button only when there is something to import (else Enter cancels)."""
        self.import_button.setEnabled(allowed)
        self.import_button.setDefault(allowed)
        self.import_button.setAutoDefault(allowed)

    def _fill_summary(self, preview: ImportPreview) -> None:
        assert preview.plan is not None
        counts = preview.plan.counts()
        # kinds with something added or changed first (in the file's order), then the unchanged ones
        ordered = sorted(counts.items(), key=lambda item: item[1][ADDED] + item[1][CHANGED] == 0)
        self.summary.setRowCount(len(ordered))
        for row, (kind, counter) in enumerate(ordered):
            self.summary.setItem(row, 0, QTableWidgetItem(kind[:1].upper() + kind[1:]))
            for column, status in enumerate((ADDED, CHANGED, UNCHANGED), start=1):
                item = QTableWidgetItem(str(counter[status]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.summary.setItem(row, column, item)
        self.summary.resizeColumnsToContents()
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _fill_details(self, preview: ImportPreview) -> None:
        project = self.document.project
        scenario_names = {s.id: s.name for s in project.scenarios} if project else {}
        assert preview.plan is not None
        for s in preview.plan.result.scenarios:
            scenario_names.setdefault(s.id, s.name)
        by_kind: dict[str, list[Any]] = {}
        for change in preview.changes:
            if change.status != UNCHANGED:
                by_kind.setdefault(change.kind, []).append(change)
        for kind, changes in by_kind.items():
            top = QTreeWidgetItem([f"{kind[:1].upper() + kind[1:]}: {len(changes)}", ""])
            for change in changes[:DETAILS_PER_KIND]:
                label = change.name or change.key
                if change.name and change.key != change.name and change.status == ADDED:
                    label += f"  ({change.key})"
                verb = "added" if change.status == ADDED else "changed" if change.status == CHANGED else change.status
                QTreeWidgetItem(top, [f"{verb}: {label}", scenario_names.get(change.scenario_id or "", "")])
            if len(changes) > DETAILS_PER_KIND:
                QTreeWidgetItem(top, [f"… and {len(changes) - DETAILS_PER_KIND} more", ""])
            self.details.addTopLevelItem(top)
        if sum(min(len(c), DETAILS_PER_KIND) for c in by_kind.values()) <= 60:
            self.details.expandAll()

    def problem_lines(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())]

    # -- applying -------------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Make every change at once as one undo step; on any error nothing is changed."""
        preview = self.preview
        if preview is None or not preview.ok or self.job is not None:
            return False
        if self.document.project is not self._project:
            QMessageBox.warning(self, "Import", "The project was replaced meanwhile; open the import again.")
            return False
        try:
            self.document.push(EditCommand(self.document, ImportSchoolData(preview)))
        except Exception as exc:  # the edit was not kept: the project is as it was
            QMessageBox.critical(self, "Import failed", f"{self.path.name}: {exc}. Nothing was imported.")
            return False
        self.accept()
        return True

    def done(self, result: int) -> None:
        if self.job is not None:
            self.job.wait()  # a read never changes the project; wait so the thread ends with the dialog
        super().done(result)


def school_data_sheet_specs() -> list[Any]:
    from dlplanner.io.workbook import SHEETS

    return [s for s in SHEETS if not s.key_value]


# -- export -------------------------------------------------------------------------------------------

EXPORT_KINDS = (
    ("workbook", "Whole-school workbook (.xlsx)", ".xlsx"),
    ("template", "Blank template to fill in (.xlsx)", ".xlsx"),
    ("oneroster", "OneRoster bundle for the SIS (.zip) — needs a timetable", ".zip"),
    ("sis-csv", "Master schedule upload for the SIS (.csv) — needs a timetable", ".csv"),
)


class ExportSchoolDataDialog(QDialog):
    """Write the school's data: the workbook, the blank template, OneRoster or the SIS CSV."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Export school data")
        self.job: Job | None = None
        self.written: list[Path] = []
        self.error = ""
        self.what = QComboBox(objectName="export-what")
        for key, label, _suffix in EXPORT_KINDS:
            self.what.addItem(label, key)
        self.scenario = QComboBox(objectName="export-scenario")
        project = document.project
        for scenario in project.scenarios if project else []:
            timetable = "" if scenario.solution.placements else " (no timetable yet)"
            self.scenario.addItem(scenario.name + timetable, scenario.id)
        self.scenario.setCurrentIndex(max(0, self.scenario.findData(document.scenario_id)))
        self.path = QLineEdit(objectName="export-path")
        self.path.setMinimumWidth(460)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.busy = QProgressBar(maximum=0)
        self.busy.setVisible(False)
        self.state = QLabel(objectName="hint")
        self.state.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Export", self.what)
        form.addRow("Scenario", self.scenario)
        form.addRow("Save to", where)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.state)
        layout.addWidget(self.buttons)
        self.what.currentIndexChanged.connect(lambda _i: self._chosen())
        self._chosen()

    def kind(self) -> str:
        return self.what.currentData()

    def _suffix(self) -> str:
        return next(s for k, _label, s in EXPORT_KINDS if k == self.kind())

    def _chosen(self) -> None:
        kind = self.kind()
        self.scenario.setEnabled(kind in ("oneroster", "sis-csv"))
        current = self.path.text().strip()
        if current:
            base = Path(current).with_suffix("")
        else:
            project, location = self.document.project, self.document.location
            folder = Path(location).parent if location and "://" not in location else Path.home()
            base = folder / ((project.name if project else "school") or "school").replace("/", "-")
        stem = base.name.removesuffix("-template")
        self.path.setText(str(base.with_name(stem + ("-template" if kind == "template" else ""))) + self._suffix())

    def browse(self) -> None:
        suffix = self._suffix()
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Export school data to",
            self.path.text(),
            f"{suffix[1:].upper()} (*{suffix})",
            options=QFileDialog.Option.DontConfirmOverwrite,  # asked once, when exporting
        )
        if path:
            self.path.setText(path if path.lower().endswith(suffix) else path + suffix)

    def start(self) -> bool:
        """Export on a worker thread (from a copy of the project); asks before replacing a file."""
        project = self.document.project
        text = self.path.text().strip()
        if project is None or not text or self.job is not None:
            return False
        out = Path(text).expanduser()
        if out.exists():
            answer = QMessageBox.question(
                self,
                "Replace file?",
                f"{out} already exists. Replace it?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.state.setText("Not exported: the file was kept.")
                return False
        kind, key = self.kind(), self.scenario.currentData()
        snapshot = copy.deepcopy(project)

        def work() -> list[Path]:
            if kind in ("workbook", "template"):
                return [school_data.export_school(snapshot if kind == "workbook" else None, out)]
            return exporting.export(snapshot, key, kind, out)

        self.written, self.error = [], ""
        self.job = Job(work, self)
        self.job.done.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._finished)
        self.busy.setVisible(True)
        self.export_button.setEnabled(False)
        self.state.setText(f"Writing {out.name}…")
        self.job.start()
        return True

    def _done(self, written: list[Path]) -> None:
        self.written = list(written)
        self.state.setText(f"Exported to {self.written[0] if self.written else self.path.text()}.")

    def _failed(self, message: str) -> None:
        self.error = message
        self.state.setText(f"Export failed: {message}")

    def _finished(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        self.busy.setVisible(False)
        self.export_button.setEnabled(True)
        if self.error:
            QMessageBox.critical(self, "Export failed", self.error)

    @property
    def running(self) -> bool:
        return self.job is not None

    def done(self, result: int) -> None:
        if self.job is not None:
            self.job.wait()  # the export finishes (whole files only) before the dialog goes
        super().done(result)


# -- the File menu ------------------------------------------------------------------------------------


def choose_and_import(window: Any, folder: bool = False) -> ImportPreviewDialog | None:
    """Pick a file (or a OneRoster folder) and show its import preview."""
    if window.document.project is None:
        QMessageBox.information(window, "Import school data", "Open a project first.")
        return None
    if folder:
        path = QFileDialog.getExistingDirectory(window, "Import a OneRoster folder")
    else:
        path, _ = QFileDialog.getOpenFileName(window, "Import school data", "", IMPORT_FILTER)
    if not path:
        return None
    dialog = ImportPreviewDialog(window.document, path, window)
    dialog.open()
    return dialog


def export_school_data(window: Any) -> ExportSchoolDataDialog | None:
    dialog = ExportSchoolDataDialog(window.document, window)
    dialog.open()
    return dialog


def add_file_menu_actions(window: Any, menu: QMenu) -> list[QAction]:
    """Add Import school data…, Import OneRoster folder… and Export school data… to the File menu."""
    actions = [
        QAction("&Import school data…", window, shortcut="Ctrl+Shift+I", objectName="import-school-data"),
        QAction("Import &OneRoster folder…", window, objectName="import-oneroster-folder"),
        QAction("Export school &data…", window, objectName="export-school-data"),
    ]
    actions[0].setStatusTip("A school workbook, one sheet (CSV or XLSX) or a OneRoster .zip: preview, then import")
    actions[0].triggered.connect(lambda _=False: choose_and_import(window))
    actions[1].triggered.connect(lambda _=False: choose_and_import(window, folder=True))
    actions[2].triggered.connect(lambda _=False: export_school_data(window))
    menu.addSeparator()
    for action in actions:
        menu.addAction(action)
    return actions
