"""The main window: project files, scenario selector, left navigation, docks, menus, autosave/recovery."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from dlplanner import __version__
from dlplanner.domain import Project
from dlplanner.domain.editing import PlacementKey
from dlplanner.qt import district as district_gui
from dlplanner.qt import help as help_pages
from dlplanner.qt import printing, translations
from dlplanner.qt import school_data as school_data_gui
from dlplanner.qt.board import BoardView
from dlplanner.qt.calendar_page import CalendarPage
from dlplanner.qt.commands import (
    CopyScenarioCommand,
    DeleteScenarioCommand,
    PinCommand,
    RenameScenarioCommand,
    SetFieldCommand,
    UnscheduleCommand,
)
from dlplanner.qt.compare import ComparePage, compare_icon
from dlplanner.qt.designer import DesignerPage
from dlplanner.qt.document import PROJECT, SCENARIO, Document
from dlplanner.qt.export import ExportDialog
from dlplanner.qt.looping import LoopingPage
from dlplanner.qt.new_project import NewProjectWizard
from dlplanner.qt.panels import BoardPage, ConflictsPanel, MasterPage, ProblemsPanel, UnscheduledTray
from dlplanner.qt.rollover import NewSchoolYearDialog
from dlplanner.qt.scenarios import NewScenarioDialog, what_deleting_loses
from dlplanner.qt.solve import SolvePanel
from dlplanner.qt.students import StudentsPage
from dlplanner.qt.style import icon
from dlplanner.qt.subjects import SUBJECTS, SubjectsEditor
from dlplanner.qt.support import open_log_folder
from dlplanner.qt.tables import EDITORS, RecordEditor
from dlplanner.qt.worker import Job
from dlplanner.services import backup, district, projects, recovery, scenarios
from dlplanner.services.errors import OutdatedSchemaError
from dlplanner.services.projects import ServiceError


def std_key(name: str) -> str:
    """The platform's key for a standard action ("Paste" → "Ctrl+V"), as people read it."""
    sequence = QKeySequence(getattr(QKeySequence.StandardKey, name))
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


MAX_RECENT = 8
AUTOSAVE_MS = 60_000
PROJECT_FILTER = "dlplanner projects (*.dlp);;All files (*)"


UNSAVED = "(not saved yet)"  # the recovery location of a project that was never saved


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.document = Document(self)
        self.recovery_info: recovery.RecoveryInfo | None = None  # this window's last autosave
        self.setWindowTitle("dlplanner")
        self.setWindowIcon(icon("app"))
        self.resize(1340, 760)

        self.board_page = BoardPage(self.document)
        self.master_page = MasterPage(self.document)
        self.designer_page = DesignerPage(self.document)
        self.calendar_page = CalendarPage(self.document)
        self.solve_panel = SolvePanel(self.document)
        self.compare_page = ComparePage(self.document)
        self.editors = {SUBJECTS.kind: SubjectsEditor(self.document)}
        self.editors.update({spec.kind: RecordEditor(self.document, spec) for spec in EDITORS})
        self.students_page = StudentsPage(self.document)
        self.students_page.show_week.connect(self.show_student_week)
        self.looping_page = LoopingPage(self.document)
        self.pages: list[tuple[str, str, QWidget]] = [
            (self.tr("Board"), "board", self.board_page),
            (self.tr("Master board"), "master", self.master_page),
            (self.tr("Block designer"), "designer", self.designer_page),
            (self.tr("Calendar"), "calendar", self.calendar_page),
            (self.tr("Solve"), "solvepanel", self.solve_panel),
            (self.tr("Compare"), "compare", self.compare_page),
            *((spec.title, spec.icon, self.editors[spec.kind]) for spec in [SUBJECTS, *EDITORS]),
            (self.tr("Students"), "cohorts", self.students_page),
            (self.tr("Looping"), "looping", self.looping_page),
        ]
        self.stack = QStackedWidget()
        self.nav = QListWidget(objectName="nav", accessibleName="Pages")
        for title, icon_name, page in self.pages:
            self.nav.addItem(QListWidgetItem(compare_icon() if page is self.compare_page else icon(icon_name), title))
            self.stack.addWidget(page)
        self.nav.setFixedWidth(172)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.tray = UnscheduledTray(self.document, self.board_page.board)
        self.conflicts = ConflictsPanel(self.document)
        self.tray_dock = self._dock(self.tr("Tray"), self.tray, "tray")
        self.conflicts_dock = self._dock(self.tr("Conflicts"), self.conflicts, "conflicts")
        self.problems = ProblemsPanel(self.document)
        self.problems_dock = self._dock(self.tr("Problems"), self.problems, "problems")
        self.tabifyDockWidget(self.tray_dock, self.conflicts_dock)
        self.tabifyDockWidget(self.conflicts_dock, self.problems_dock)
        self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)
        self.tray_dock.raise_()
        self.resizeDocks([self.tray_dock], [230], Qt.Orientation.Horizontal)

        self.scenario_combo = QComboBox()
        self.scenario_combo.setMinimumContentsLength(30)
        self.scenario_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario_combo.currentIndexChanged.connect(self._scenario_chosen)
        self.problems_button = QPushButton(icon("ok"), self.tr("No problems"))
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self._show_problems)
        self.location_label = QLabel()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.location_label, 1)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.problems_button)
        self.busy_bar = QProgressBar(maximum=0, maximumWidth=120)  # a database save or refresh in progress
        self.busy_bar.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.db_busy = False
        for board in (self.board_page.board, self.master_page.board):  # refused drops say why
            board.refused.connect(lambda message: self.statusBar().showMessage(message, 10000))
            board.announced.connect(lambda message: self.statusBar().showMessage(message, 10000))

        self._build_actions()
        self.document.changed.connect(self._on_changed)
        self.document.problems_changed.connect(self._update_problems)
        self.document.selection_requested.connect(self.select_record)
        self.document.undo_stack.cleanChanged.connect(lambda _clean: self._update_title())
        self.document.undo_refused.connect(self._undo_refused)
        self.autosave_timer = QTimer(self, interval=AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.timeout.connect(self.poll_changes)
        self.autosave_timer.start()
        self.nav.setCurrentRow(0)
        self._update_title()
        geometry, state = self.settings.value("geometry"), self.settings.value("window_state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def _dock(self, title: str, widget: QWidget, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        dock.setMinimumWidth(200)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    # -- actions and menus -------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: object = None, icon_name: str = "") -> QAction:
        action = QAction(icon(icon_name) if icon_name else QIcon(), text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())  # never the checked flag as an argument
        return action

    def _stack_action(self, text: str, icon_name: str, slot: object, signal: str) -> QAction:
        """A toolbar button of constant width (the menu's undo/redo actions name the edit instead)."""
        action = self._action(text, slot, None, icon_name)
        action.setEnabled(False)
        getattr(self.document.undo_stack, signal).connect(action.setEnabled)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_project_action = self._action(self.tr("&New project…"), self.new_project, std.New, "new")
        self.open_action = self._action(self.tr("&Open…"), self.choose_project, std.Open, "open")
        self.open_url_action = self._action(self.tr("Open &database…"), self.choose_url)
        self.refresh_action = self._action(self.tr("&Refresh from database"), self.refresh, "F5")
        self.refresh_action.setEnabled(False)
        self.save_action = self._action(self.tr("&Save"), self.save, std.Save, "save")
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, std.SaveAs)
        self.export_action = self._action(self.tr("&Export…"), self.export, "Ctrl+E")
        quit_action = self._action(self.tr("&Quit"), self.close, std.Quit)
        undo = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(std.Undo)
        undo.setIcon(icon("undo"))
        redo = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo_keys = [*QKeySequence.keyBindings(std.Redo), QKeySequence("Ctrl+Y")]  # the platform's keys and Ctrl+Y
        redo.setShortcuts(list(dict.fromkeys(redo_keys)))
        redo.setIcon(icon("redo"))
        undo.setWhatsThis("Undo")  # the name Help → Keyboard shortcuts gives them (their text names the edit)
        redo.setWhatsThis("Redo")
        self.undo_action, self.redo_action = undo, redo
        self.pin_action = self._action(self.tr("&Pin / unpin card"), self.toggle_pin, "Ctrl+Shift+P", "pin")
        self.print_action = self._action(self.tr("&Print…"), self.print_board, std.Print)
        self.paste_rows_action = self._action(self.tr("Paste &rows"), self.paste_rows)
        self.delete_rows_action = self._action(self.tr("De&lete rows"), self.delete_rows)
        self.guide_action = self._action(self.tr("&User guide"), self.show_guide, std.HelpContents)
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), self.show_shortcuts)
        self.unschedule_action = self._action(self.tr("Move card to &tray"), self.unschedule_selected, "Del", "tray")
        self.solve_action = self._action(self.tr("&Solve"), self._solve, "Ctrl+R", "solve")
        self.cancel_action = self._action(self.tr("&Cancel solve"), self.solve_panel.cancel, "Ctrl+.", "stop")

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_project_action)
        self.samples_menu = file_menu.addMenu(icon("new"), self.tr("&New from sample"))
        for sample in projects.list_samples():
            self.samples_menu.addAction(
                self._action(sample.school_name or sample.name, lambda _=False, s=sample.id: self.new_from_sample(s))
            )
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_url_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.print_action)
        self.school_data_actions = school_data_gui.add_file_menu_actions(self, file_menu)  # import/export school data
        file_menu.addSeparator()
        self.new_year_action = self._action(self.tr("New school &year…"), self.new_school_year)
        file_menu.addAction(self.new_year_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        edit_menu.addAction(self.pin_action)
        edit_menu.addAction(self.unschedule_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.paste_rows_action)
        edit_menu.addAction(self.delete_rows_action)
        edit_menu.aboutToShow.connect(self._update_table_actions)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for row, (title, icon_name, _page) in enumerate(self.pages):
            shortcut = f"Ctrl+{row + 1}" if row < 9 else None
            view_menu.addAction(
                self._action(title, lambda _=False, r=row: self.nav.setCurrentRow(r), shortcut, icon_name)
            )
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        view_menu.addSeparator()
        view_menu.addAction(self.tray_dock.toggleViewAction())
        view_menu.addAction(self.conflicts_dock.toggleViewAction())
        view_menu.addAction(self.problems_dock.toggleViewAction())
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        for code, name in {"": self.tr("System language"), **translations.LANGUAGES}.items():
            self.language_menu.addAction(self._action(name, lambda _=False, c=code: self.choose_language(c)))
        self.new_scenario_action = self._action(self.tr("&New scenario…"), self.new_scenario, None, "new")
        self.copy_scenario_action = self._action(self.tr("D&uplicate scenario…"), lambda: self.copy_scenario(True))
        self.copy_empty_action = self._action(
            self.tr("Duplicate &without timetable…"), lambda: self.copy_scenario(False)
        )
        self.rename_scenario_action = self._action(self.tr("&Rename scenario…"), lambda: self.rename_scenario())
        self.delete_scenario_action = self._action(self.tr("&Delete scenario…"), lambda: self.delete_scenario(ask=True))
        self.minimums_action = self._action(self.tr("&Minimums…"), self.compare_page.edit_minimums)
        self.rename_school_action = self._action(self.tr("Rename &school…"), lambda: self.rename_school())
        project_menu = self.menuBar().addMenu(self.tr("&Project"))
        project_menu.addAction(self.rename_school_action)
        project_menu.addAction(self.minimums_action)
        scenario_menu = self.scenario_menu = self.menuBar().addMenu(self.tr("Sce&nario"))
        for action in (
            self.new_scenario_action,
            self.copy_scenario_action,
            self.copy_empty_action,
            self.rename_scenario_action,
            self.delete_scenario_action,
        ):
            scenario_menu.addAction(action)
        solve_menu = self.menuBar().addMenu(self.tr("&Solve"))
        solve_menu.addAction(self.solve_action)
        solve_menu.addAction(self.cancel_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self._action(self.tr("Open &log folder"), open_log_folder))
        help_menu.addAction(self._action(self.tr("&About dlplanner"), self._about))

        toolbar = QToolBar(self.tr("Main"), objectName="main-toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.open_action, self.save_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self._stack_action(self.tr("Undo"), "undo", self.document.undo_stack.undo, "canUndoChanged"))
        toolbar.addAction(self._stack_action(self.tr("Redo"), "redo", self.document.undo_stack.redo, "canRedoChanged"))
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" Scenario: ")))
        toolbar.addWidget(self.scenario_combo)
        scenario_button = QToolButton(
            objectName="scenario-menu-button", text="…", toolTip=self.tr("Scenarios: new, duplicate…")
        )
        scenario_button.setMenu(self.scenario_menu)
        scenario_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(scenario_button)
        toolbar.addSeparator()
        toolbar.addAction(self.pin_action)
        toolbar.addAction(self.solve_action)
        self.addToolBar(toolbar)

    # -- projects ----------------------------------------------------------------------------------
    @property
    def session(self) -> district.DistrictSession | None:
        """District mode: the versions of the pieces others may save too (None for a file or an unsaved project)."""
        session = self.document.session
        return session.tracker if session.is_district else None

    def load_project(
        self, project: Project, location: str | None, session: district.DistrictSession | None = None
    ) -> None:
        """Show ``project``; ``session`` holds the stored versions it is based on (opened from ``location``)."""
        self.document.set_project(project, location, session)
        self.refresh_action.setEnabled(self.session is not None)
        if location:
            self._remember(location)

    def open_project(self, location: str) -> bool:
        if not self._may_discard():
            return False
        try:
            if projects.is_url(location):
                session = self._open_session(location)
                if session is None:
                    return False
            else:
                session = self._open_file_session(location)
                if session is None:
                    return False
        except Exception as exc:
            QMessageBox.critical(self, "Cannot open project", f"{projects.describe_location(location)}\n\n{exc}")
            return False
        self.load_project(session.project, location, session)
        if not projects.is_url(location):
            self._offer_own_recovery(session.project, location)
        return True

    def _open_file_session(self, location: str) -> district.DistrictSession | None:
        """A project file (the same versions and one save as a database); one an older dlplanner saved is
        updated when the user agrees, keeping the file as it was beside it. None: the user said no."""
        try:
            return district.open_for_editing(location)
        except OutdatedSchemaError:
            keep_as = backup.copy_name_before_upgrade(location)
            answer = QMessageBox.question(
                self,
                "Update this project file?",
                f"{projects.describe_location(location)} was saved by an older version of dlplanner.\n\n"
                f"Update it to this version and open it? The file as it is now is kept beside it as "
                f"“{keep_as.name}”.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
            outcome = backup.upgrade_file_keeping_copy(location)
            self.statusBar().showMessage(outcome.message, 15000)
            return district.open_for_editing(location)

    def _offer_own_recovery(self, project: Project, location: str) -> bool:
        """Opening a file that has a recovery copy (dlplanner stopped with unsaved edits to it): offer them."""
        info = recovery.find_recovery(location, project.name)
        if info is None:
            return False
        answer = QMessageBox.question(
            self, "Recover unsaved work?", f"{info.describe()}\n\nOpen these unsaved changes instead of the saved file?"
        )
        if answer != QMessageBox.StandardButton.Yes:
            recovery.discard_recovery(info)
            return False
        try:
            restored = recovery.restore_recovery(info)
        except recovery.RecoveryError as exc:
            QMessageBox.warning(self, "Cannot recover", str(exc))
            return False
        self.load_project(restored, location)
        self.document.undo_stack.resetClean()
        self.recovery_info = info
        return True

    def _open_session(self, location: str) -> district.DistrictSession | None:
        """District mode: the project (picked when the database holds several) opened for editing."""
        names = district.list_projects(location)
        name = names[0] if len(names) == 1 else None
        if len(names) > 1:
            name, ok = QInputDialog.getItem(self, "Open from database", "Project:", names, 0, False)
            if not ok:
                return None
        return district.open_for_editing(location, name)

    def new_project(self) -> NewProjectWizard | None:
        """File → New project…: the wizard (window-modal, not blocking); Finish opens the new school."""
        if not self._may_discard():
            return None
        wizard = self.new_project_wizard = NewProjectWizard(self)
        wizard.created.connect(self._open_created)
        wizard.open()
        return wizard

    def _open_created(self, location: str) -> None:
        """The wizard stored a new school at ``location``: work on it (already asked about unsaved edits)."""
        try:
            session = district.open_for_editing(location)
        except Exception as exc:
            QMessageBox.critical(self, "Cannot open project", f"{projects.describe_location(location)}\n\n{exc}")
            return
        self.load_project(session.project, location, session)
        self.statusBar().showMessage(
            f"Created {projects.describe_location(location)}: add subjects, teachers, rooms and cohorts next", 10000
        )

    def new_from_sample(self, sample_id: str) -> bool:
        if not self._may_discard():
            return False
        try:
            project = projects.load_sample(sample_id)
        except Exception as exc:
            QMessageBox.critical(self, "Cannot load sample", str(exc))
            return False
        self.load_project(project, None)
        self.document.undo_stack.resetClean()  # a sample is unsaved work until saved somewhere
        return True

    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", PROJECT_FILTER)
        if path:
            self.open_project(path)

    def choose_url(self) -> None:
        url, ok = QInputDialog.getText(self, "Open database", "Database URL (postgresql+psycopg://user@host/db):")
        if ok and url.strip():
            self.open_project(url.strip())

    def save(self) -> bool:
        """File → Save: the session's one save, for a file and a district database alike.

        Only the pieces changed here are written, each checked against the version opened; every
        piece someone else saved meanwhile is shown with who changed it, never overwritten. A
        file is saved all or nothing; a district database piece by piece, on a worker.
        """
        session = self.document.session
        if session.project is None:
            return False
        if session.location is None:
            return self.save_as()
        try:
            report = self.run_off_thread(session.save, "Saving") if session.is_district else session.save()
        except Exception as exc:
            where = projects.describe_location(session.location)
            QMessageBox.critical(self, "Cannot save", f"{where}\n\n{exc}\n\nYour edits are still open; try Save As.")
            return False
        for conflict in report.conflicts:
            self._resolve(conflict)
        if report.conflicts:
            self._reload_views()
        if session.has_unsaved_changes():
            self.document.undo_stack.resetClean()
            self.statusBar().showMessage("Some changes are not saved yet: resolve the conflicts, then save", 8000)
            return False
        self.document.undo_stack.setClean()
        self.discard_recovery()
        self.statusBar().showMessage(f"Saved to {projects.describe_location(session.location)}", 4000)
        return True

    def save_as(self, location: str | None = None) -> bool:
        project = self.document.project
        if project is None:
            return False
        if location is None:
            location, _ = QFileDialog.getSaveFileName(self, "Save project as", f"{project.name}.dlp", PROJECT_FILTER)
            if not location:
                return False
            if not projects.is_url(location) and not location.endswith(".dlp"):
                location += ".dlp"
        try:
            self.document.session.save_as(location)  # from now on saved there, with the same conflict checks
        except Exception as exc:
            QMessageBox.critical(self, "Cannot save", f"{projects.describe_location(location)}\n\n{exc}")
            return False
        self.refresh_action.setEnabled(self.session is not None)
        self.document.undo_stack.setClean()
        self.discard_recovery()
        self._remember(location)
        self._update_title()
        return True

    # -- district mode ---------------------------------------------------------------------------------

    def run_off_thread(self, work: object, verb: str) -> object:
        """Run a database round trip on a worker while the window waits (disabled, busy bar shown).

        The window stays painted and responsive to the system, but takes no edits, so the session
        the worker reads and updates never changes under it. Returns the result or raises its error.
        """
        outcome: dict[str, object] = {}
        job = Job(work)
        job.done.connect(lambda result: outcome.setdefault("result", result))
        job.failed.connect(lambda message: outcome.setdefault("error", message))
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        self.busy_bar.setVisible(True)
        self.statusBar().showMessage(f"{verb} {projects.describe_location(self.document.location or '')}…")
        self.setEnabled(False)  # no edits, shortcuts or toolbar while the worker reads the session
        self.db_busy = True
        try:
            job.start()
            loop.exec()
            job.wait()
        finally:
            self.db_busy = False
            self.setEnabled(True)
            self.busy_bar.setVisible(False)
            self.statusBar().clearMessage()
            job.deleteLater()
        if "error" in outcome:
            raise RuntimeError(str(outcome["error"]))
        return outcome.get("result")

    def _resolve(self, conflict: district.Conflict) -> None:
        """Apply the user's choice for one conflict; an answer not offered for it (see ``choices``) does nothing."""
        answer = district_gui.choose_resolution(self, conflict)
        if answer not in {offered for offered, _label, _text in district_gui.choices(conflict)}:
            return
        session = self.document.session.tracker
        try:
            if answer == district_gui.RELOAD:
                if conflict.scenario_id is None:
                    district.reload_project_data(session)
                else:
                    district.reload_scenario(session, conflict.scenario_id)
            elif answer == district_gui.KEEP and conflict.scenario_id is not None:
                kept = district.keep_as_new_scenario(session, conflict.scenario_id)
                self.statusBar().showMessage(f"Your version is saved as scenario '{kept.name}'", 8000)
            elif answer == district_gui.DELETE_ANYWAY and conflict.scenario_id is not None:
                district.delete_anyway(session, conflict.scenario_id, conflict.version)
                self.statusBar().showMessage(f"Scenario '{conflict.name}' is deleted", 8000)
        except Exception as exc:
            QMessageBox.critical(self, "Cannot resolve the conflict", str(exc))
        finally:
            self.document.session.release_file()

    def _reload_views(self) -> None:
        """The session swapped scenario objects: show them, keeping the undo history.

        Steps that edit only pieces nobody replaced undo and redo as before; a step whose record
        was replaced is refused when tried (``commands.GuardedCommand``), naming the record.
        """
        self.document.take_in(self.document.session.tracker.project)
        self._sync_clean()

    def _sync_clean(self) -> None:
        """After others' saves were taken in: "unsaved" in the title exactly when a Save would write something."""
        if self.document.session.tracker is None:
            return
        stack = self.document.undo_stack
        if self.document.session.has_unsaved_changes():
            if stack.isClean():
                stack.resetClean()
        elif not stack.isClean():
            stack.setClean()

    def _undo_refused(self, message: str) -> None:
        """An undo or redo whose record another planner replaced: say so, change nothing."""
        self.statusBar().showMessage(message, 15000)
        QTimer.singleShot(0, self._sync_clean)  # after the stack dropped the step

    def poll_changes(self) -> list[district.Change]:
        """District mode, each minute: a cheap look at the versions; says when others saved (Refresh takes it in)."""
        if self.session is None or self.db_busy:
            return []
        try:
            changes = district.check_for_changes(self.session)
        except Exception:  # the server is away for a moment: say nothing, try next time
            return []
        if changes:
            text = "; ".join(c.describe() for c in changes[:3])
            self.statusBar().showMessage(f"{text} — View → Refresh (F5) takes it in", 30000)
        return changes

    def refresh(self) -> list[district.Change]:
        """View → Refresh (F5): take in what others saved; pieces changed on both sides stay mine."""
        if self.session is None:
            return []
        try:
            session = self.session
            report = self.run_off_thread(lambda: district.refresh(session), "Refreshing")
        except Exception as exc:
            QMessageBox.critical(self, "Cannot refresh", str(exc))
            return []
        if report.changes:
            self._reload_views()
        lines = [c.describe() for c in report.changes]
        for conflict in report.conflicts:
            kept = "Your deletion" if conflict.deleted_here else "Yours"
            lines.append(f"{district_gui.describe_conflict(conflict)} {kept} is kept; saving will ask.")
        self.statusBar().showMessage("; ".join(lines) if lines else "No changes by others", 10000)
        return report.changes

    def export_dialog(self) -> ExportDialog | None:
        if self.document.project is None:
            QMessageBox.information(self, "Export", "Open a project first.")
            return None
        return ExportDialog(self.document, self)

    def export(self) -> None:
        dialog = self.export_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()  # a child of the window: not kept until the app closes

    def new_year_dialog(self) -> NewSchoolYearDialog | None:
        """File → New school year…: next year's project from this one (see ``dlplanner.qt.rollover``)."""
        if self.document.project is None:
            QMessageBox.information(self, "New school year", "Open this year's project first.")
            return None
        return NewSchoolYearDialog(self.document, self, open_project=self.open_project)

    def new_school_year(self) -> None:
        dialog = self.new_year_dialog()
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()  # a child of the window: not kept until the app closes

    def _may_discard(self) -> bool:
        if not self.document.dirty or self.document.project is None:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {self.document.project.name} first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def recent(self) -> list[str]:
        """Recent projects; a database password that older versions kept there is dropped from the settings."""
        value = self.settings.value("recent", [])
        stored = [value] if isinstance(value, str) else list(value or [])
        recent = list(dict.fromkeys(projects.remembered_location(r) for r in stored))
        if recent != stored:
            self.settings.setValue("recent", recent)
        return recent

    def _remember(self, location: str) -> None:
        location = projects.remembered_location(location)  # never a password in the settings
        recent = [location, *(r for r in self.recent() if r != location)][:MAX_RECENT]
        self.settings.setValue("recent", recent)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for location in self.recent():
            self.recent_menu.addAction(self._action(location, lambda _=False, loc=location: self.open_project(loc)))
        if not self.recent():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # -- autosave and recovery -----------------------------------------------------------------------
    def autosave(self) -> bool:
        """Write unsaved edits to this project's recovery copy (each minute), so a crash loses at most a minute."""
        project = self.document.project
        if project is None or not self.document.dirty:
            return False
        try:
            data_version = self.session.data_version if self.session is not None else None
            info = recovery.write_recovery(project, self.document.location or UNSAVED, data_version=data_version)
        except recovery.RecoveryError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}", 6000)
            return False
        if self.recovery_info is not None and self.recovery_info.path != info.path:
            recovery.discard_recovery(self.recovery_info)  # renamed project or Save As: one copy per project
        self.recovery_info = info
        return True

    def discard_recovery(self) -> None:
        """Saved or knowingly discarded: this window's recovery copy has nothing left to recover."""
        if self.recovery_info is not None:
            recovery.discard_recovery(self.recovery_info)
            self.recovery_info = None

    def offer_recovery(self, ask: bool = True) -> bool:
        """At start: when recovery copies exist, offer to reopen the newest one's unsaved edits."""
        for info in recovery.list_recoveries():
            if ask:
                answer = QMessageBox.question(
                    self,
                    "Recover unsaved work?",
                    f"dlplanner closed without saving.\n\n{info.describe()}\n\nRecover these changes?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
                )
                if answer == QMessageBox.StandardButton.Cancel:
                    return False  # keep the copy for the next start
                if answer != QMessageBox.StandardButton.Yes:
                    recovery.discard_recovery(info)
                    continue
            try:
                project = recovery.restore_recovery(info)
            except recovery.RecoveryError as exc:
                QMessageBox.warning(self, "Cannot recover", str(exc))
                continue
            location = None if info.location == UNSAVED or projects.is_url(info.location) else info.location
            self.load_project(project, location)  # a database copy is not reopened: Save As, never overwrite
            if projects.is_url(info.location):
                self.statusBar().showMessage(
                    f"Recovered from {info.location}: use Save As (others may have saved there since)", 10000
                )
            self.document.undo_stack.resetClean()  # recovered edits are unsaved until saved
            self.recovery_info = info
            return True
        return False

    # -- reactions -----------------------------------------------------------------------------------
    def _on_changed(self, kind: str) -> None:
        if kind in (PROJECT, SCENARIO):
            self._fill_scenarios()
        else:
            self._label_scenarios()  # a data edit may have made a timetable stale
        self._update_title()
        scenario = self.document.scenario
        if scenario is None and self.document.project is not None:
            self.status_label.setText("No scenario yet: Scenario → New scenario… makes one")
        if scenario is not None:  # the checker's word, not the solver's: "breaks 2 hard rules" after a drop on red
            status = self.document.timetable_status(scenario)
            self.status_label.setText(f"{status.placed} placed · {status.text()}")
            self.status_label.setObjectName("verdictBad" if status.breaks_rules else "")
            self.status_label.setToolTip("\n".join(status.problems()))
            self.status_label.style().unpolish(self.status_label)  # the style sheet colours by object name
            self.status_label.style().polish(self.status_label)

    def _fill_scenarios(self) -> None:
        self.scenario_combo.blockSignals(True)
        self.scenario_combo.clear()
        for scenario in self.document.project.scenarios if self.document.project else []:
            self.scenario_combo.addItem(scenario.name, scenario.id)
        self.scenario_combo.setCurrentIndex(max(0, self.scenario_combo.findData(self.document.scenario_id)))
        self.scenario_combo.blockSignals(False)
        self._label_scenarios()

    def _label_scenarios(self) -> None:
        """Each scenario's name with its status (solved / stale / infeasible / not solved)."""
        project = self.document.project
        infos = {info.id: info for info in scenarios.list_scenarios(project)} if project else {}
        for row in range(self.scenario_combo.count()):
            info = infos.get(self.scenario_combo.itemData(row))
            if info is not None:
                status = self.document.timetable_status(project.scenario(info.id))
                self.scenario_combo.setItemText(row, f"{info.name} — {status.label()}")
                tip = "\n".join([status.text(), *status.problems(10)])
                self.scenario_combo.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)
        has_scenario = project is not None and bool(project.scenarios)
        # the last scenario stays deletable in the menu: choosing it says why it cannot go
        for action in (
            self.copy_scenario_action,
            self.copy_empty_action,
            self.rename_scenario_action,
            self.delete_scenario_action,
        ):
            action.setEnabled(has_scenario)
        for action in (self.minimums_action, self.new_scenario_action, self.rename_school_action):
            action.setEnabled(project is not None)

    # -- scenario management (each an undoable command over services.scenarios) --------------------------
    def new_scenario(self) -> NewScenarioDialog | None:
        """Scenario → New scenario…: its name, year, week and bell schedule (window-modal); OK adds it, undoably."""
        if self.document.project is None:
            return None
        dialog = self.new_scenario_dialog = NewScenarioDialog(self.document, self)
        dialog.open()
        return dialog

    def rename_school(self, name: str | None = None) -> bool:
        """Project → Rename school… (undoable; a rename never makes a timetable stale)."""
        project = self.document.project
        if project is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename school", "School name:", text=project.school_name)
            if not ok:
                return False
        name = name.strip()
        if not name:
            QMessageBox.warning(self, "Rename school", "The school needs a name; it was not changed.")
            return False
        if name != project.school_name:
            self.document.push(SetFieldCommand(self.document, project, "school_name", name, None))
        return True

    def copy_scenario(self, with_solution: bool = True, name: str | None = None) -> bool:
        scenario = self.document.scenario
        if scenario is None:
            return False
        if name is None:
            what = "with its timetable" if with_solution else "without a timetable"
            name, ok = QInputDialog.getText(self, "Copy scenario", f"Name of the copy ({what}):")
            if not ok:
                return False
        return self._push_scenario_command(
            lambda: CopyScenarioCommand(self.document, scenario.id, name.strip() or None, with_solution)
        )

    def rename_scenario(self, name: str | None = None) -> bool:
        scenario = self.document.scenario
        if scenario is None:
            return False
        if name is None:
            name, ok = QInputDialog.getText(self, "Rename scenario", "New name:", text=scenario.name)
            if not ok:
                return False
        return self._push_scenario_command(lambda: RenameScenarioCommand(self.document, scenario.id, name))

    def delete_scenario(self, ask: bool = False) -> bool:
        """Delete the current scenario; ``ask`` (the menu): first say what goes with it and ask."""
        scenario = self.document.scenario
        if scenario is None:
            return False
        if ask and len(self.document.project.scenarios) > 1:
            answer = QMessageBox.question(
                self,
                "Delete scenario",
                what_deleting_loses(scenario),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        if self._push_scenario_command(lambda: DeleteScenarioCommand(self.document, scenario.id)):
            self.statusBar().showMessage(f"Deleted scenario {scenario.name} (Edit → Undo brings it back)", 6000)
            return True
        return False

    def _push_scenario_command(self, make: object) -> bool:
        try:
            command = make()
        except ServiceError as exc:
            QMessageBox.warning(self, "Scenario", str(exc))
            return False
        self.document.push(command)
        return True

    def _scenario_chosen(self) -> None:
        scenario_id = self.scenario_combo.currentData()
        if scenario_id:
            self.document.set_scenario(scenario_id)

    def _update_title(self) -> None:
        project = self.document.project
        if project is None:
            self.setWindowTitle("dlplanner")
            self.location_label.setText("No project open — File → New project, New from sample, or Open")
            return
        star = "*" if self.document.dirty else ""
        self.setWindowTitle(f"{project.school_name or project.name}{star} — dlplanner")
        location = self.document.location
        self.location_label.setText(projects.describe_location(location) if location else "not saved yet")

    def _update_problems(self) -> None:
        problems = self.document.problems
        errors = sum(1 for p in problems if getattr(p.severity, "value", "") == "error")
        warnings = len(problems) - errors
        if not problems:
            self.problems_button.setIcon(icon("ok"))
            self.problems_button.setText(self.tr("No problems"))
        else:
            self.problems_button.setIcon(icon("error" if errors else "warning"))
            self.problems_button.setText(f"{errors} error(s), {warnings} warning(s)")
        self.problems_button.setToolTip("\n".join(p.message for p in problems[:20]))

    def _show_problems(self) -> None:
        """Show the problems list and jump to the first record a validation problem names."""
        self.problems_dock.show()
        self.problems_dock.raise_()
        for problem in self.document.problems:
            for ref in problem.records:
                if self.select_record(ref.kind, ref.id):
                    self.statusBar().showMessage(problem.message, 8000)
                    return

    def select_record(self, kind: str, record_id: str) -> bool:
        """Show a record: its editor row, or its board (infeasibility and problem links land here)."""
        if kind in self.editors and self.editors[kind].select(record_id):
            self.show_page(self.editors[kind])
            return True
        if kind in ("cohort", "teacher", "room"):
            self.board_page.show_record(kind, record_id)
            self.show_page(self.board_page)
            return True
        if kind in ("day_type", "block", "bell_schedule"):
            self.show_page(self.designer_page)
            return True
        if kind == "term":
            self.show_page(self.calendar_page)
            return True
        if kind == "looping_rule" and self.looping_page.rules.select(record_id):
            self.show_page(self.looping_page)
            return True
        if kind == "student" and self.students_page.select(record_id):
            self.show_page(self.students_page)
            return True
        return False

    def show_student_week(self, student_id: str) -> None:
        """The board showing one student's week (the Students page's "Show week")."""
        self.board_page.show_record("student", student_id)
        self.show_page(self.board_page)

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def current_board(self) -> BoardView | None:
        """The board on screen (card shortcuts such as Del do nothing on the other pages)."""
        pages = {self.board_page: self.board_page.board, self.master_page: self.master_page.board}
        return pages.get(self.stack.currentWidget())

    def _selected_card(self) -> PlacementKey | None:
        board = self.current_board()
        return board.selected_key if board is not None else None

    def toggle_pin(self) -> None:
        scenario, key = self.document.scenario, self._selected_card()
        placement = (
            next((p for p in scenario.solution.placements if (p.section_id, p.meeting) == key), None)
            if scenario
            else None
        )
        if placement is not None:
            self.document.push(PinCommand(self.document, scenario, [key], not placement.pinned))

    def unschedule_selected(self) -> None:
        scenario, key = self.document.scenario, self._selected_card()
        if scenario is not None and key is not None:
            self.document.push(UnscheduleCommand(self.document, scenario, [key]))
            self.document.select_card(None)

    # -- tables, printing and help ------------------------------------------------------------------------
    def current_editor(self) -> RecordEditor | None:
        page = self.stack.currentWidget()
        return page if isinstance(page, RecordEditor) else None

    def _update_table_actions(self) -> None:
        """Paste rows / Delete rows work on the table on screen (their keys are the table's own)."""
        editor = self.current_editor()
        for action, key in ((self.paste_rows_action, std_key("Paste")), (self.delete_rows_action, std_key("Delete"))):
            action.setEnabled(editor is not None)
            action.setText(action.text().split("\t", 1)[0] + f"\t{key}")

    def paste_rows(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.paste()

    def delete_rows(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            editor.remove_selected()

    def board_to_print(self) -> tuple[BoardView, str]:
        """The board on screen (the Board page's when another page is shown) and a title saying what it is."""
        board = self.current_board() or self.board_page.board
        project, scenario = self.document.project, self.document.scenario
        if board is self.master_page.board:
            shown = self.master_page.rows_combo.currentText().replace("Rows: ", "Master board, rows: ")
        else:
            shown = f"{self.board_page.kind_combo.currentText()}: {self.board_page.record_combo.currentText()}"
        parts = [project.name if project else "", scenario.name if scenario else "", shown]
        return board, " — ".join(p for p in parts if p)

    def print_board(self) -> bool:
        """File → Print… (Ctrl+P): the current board, through the print dialog."""
        if self.document.scenario is None:
            QMessageBox.information(self, "Print", "Open a project first.")
            return False
        if self.current_board() is None:
            self.show_page(self.board_page)  # a hidden board is not kept up to date: show what is printed
        board, title = self.board_to_print()
        return printing.print_with_dialog(self, board, title)

    def show_guide(self) -> help_pages.GuideBrowser:
        """Help → User guide: the guide shipped with the package, offline."""
        guide = help_pages.GuideBrowser(self)
        guide.show()
        return guide

    def show_shortcuts(self) -> help_pages.ShortcutsDialog:
        dialog = help_pages.ShortcutsDialog(self)
        dialog.show()
        return dialog

    def _solve(self) -> None:
        self.show_page(self.solve_panel)
        self.solve_panel.start()

    def choose_language(self, language: str) -> None:
        """View → Language: remembered for the next start (menus are built once, in the language of the start)."""
        translations.remember_language(language, self.settings)
        self.statusBar().showMessage(self.tr("The new language shows when dlplanner starts again"), 10000)

    def _about(self) -> None:
        QMessageBox.about(self, "About dlplanner", f"dlplanner {__version__}\nSchedules for deeper-learning schools.")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self.solve_panel.shutdown()
        self.compare_page.shutdown()
        self.autosave_timer.stop()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.discard_recovery()  # saved or knowingly discarded: nothing to recover
        self.document.session.close()  # the database connection goes with the window
        # Saved or knowingly discarded: empty the history now, while the window that listens to it
        # still exists (the stack emptying itself at exit would call into a deleted window).
        self.document.undo_stack.clear()
        event.accept()
