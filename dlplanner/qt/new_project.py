"""File → New project: a short wizard that starts a school from nothing.

Three pages — the school and where to save it, the year and its week, the first bell schedule —
fill a :class:`~dlplanner.services.new_school.SchoolSetup`; Finish builds and stores the project
through ``services.new_school`` (the same safe write as ``dlplanner new``: an existing file is
replaced only when the planner ticked "Replace it"). Every answer has a default, so
Next, Next, Finish gives a usable empty school. What is wrong is said under the fields, and
Next/Finish stay disabled until it is right. The year and bell-schedule forms are reused by
Scenario → New scenario (``dlplanner.qt.scenarios``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QStandardPaths, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dlplanner.domain.calendar import WEEKDAYS
from dlplanner.services import new_school
from dlplanner.services.editing import BELL_TEMPLATES
from dlplanner.services.new_school import CUSTOM_PERIODS, CycleKind, SchoolSetup

CYCLES = [
    (CycleKind.WEEKLY, QT_TRANSLATE_NOOP("YearForm", "Weekly: each school day of the week is its own day type")),
    (CycleKind.AB, QT_TRANSLATE_NOOP("YearForm", "A/B days: two day types alternate")),
    (CycleKind.N_DAY, QT_TRANSLATE_NOOP("YearForm", "N-day cycle: Day 1 … Day N, advancing each school day")),
]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox(minimum=low, maximum=high, value=value)
    if suffix:
        box.setSuffix(suffix)
    return box


def message_label() -> QLabel:
    label = QLabel(objectName="hint", wordWrap=True)
    label.setStyleSheet("color: #a02622;")
    return label


class YearForm(QWidget):
    """The school year's first and last day, the school days of the week and the cycle of day types."""

    changed = Signal()

    def __init__(self, setup: SchoolSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_day = QDateEdit(_qdate(setup.first_day), calendarPopup=True, displayFormat="ddd d MMM yyyy")
        self.last_day = QDateEdit(_qdate(setup.last_day), calendarPopup=True, displayFormat="ddd d MMM yyyy")
        self.weekdays = [QCheckBox(name[:3]) for name in WEEKDAYS]
        for number, box in enumerate(self.weekdays):
            box.setChecked(number in setup.school_weekdays)
            box.setToolTip(WEEKDAYS[number])
            box.toggled.connect(self.changed)
        days_row = QHBoxLayout()
        for box in self.weekdays:
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.cycle = QComboBox()
        for kind, label in CYCLES:
            self.cycle.addItem(QCoreApplication.translate("YearForm", label), kind.value)
        self.cycle.setCurrentIndex(self.cycle.findData(setup.cycle.value))
        self.cycle_days = _spin(2, 20, setup.cycle_days, self.tr(" days"))
        form = QFormLayout(self)
        form.addRow(self.tr("First day of school:"), self.first_day)
        form.addRow(self.tr("Last day of school:"), self.last_day)
        form.addRow(self.tr("School days of the week:"), days_row)
        form.addRow(self.tr("Cycle of day types:"), self.cycle)
        form.addRow(self.tr("Days in the cycle:"), self.cycle_days)
        self._show_cycle_days()
        self.first_day.dateChanged.connect(self.changed)
        self.last_day.dateChanged.connect(self.changed)
        self.cycle.currentIndexChanged.connect(self._show_cycle_days)
        self.cycle.currentIndexChanged.connect(self.changed)
        self.cycle_days.valueChanged.connect(self.changed)

    def _show_cycle_days(self) -> None:
        self.cycle_days.setEnabled(self.cycle.currentData() == CycleKind.N_DAY.value)

    def apply_to(self, setup: SchoolSetup) -> SchoolSetup:
        return replace(
            setup,
            first_day=_date(self.first_day.date()),
            last_day=_date(self.last_day.date()),
            school_weekdays=[n for n, box in enumerate(self.weekdays) if box.isChecked()],
            cycle=CycleKind(self.cycle.currentData()),
            cycle_days=self.cycle_days.value(),
        )


class DayForm(QWidget):
    """The scenario's name and its first bell schedule: periods from a start time, or a template."""

    changed = Signal()

    def __init__(self, setup: SchoolSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario_name = QLineEdit(setup.scenario_name)
        self.template = QComboBox()
        self.template.addItems([CUSTOM_PERIODS, *BELL_TEMPLATES])
        self.template.setCurrentText(setup.template)
        self.periods = _spin(1, 16, setup.periods)
        self.period_minutes = _spin(10, 240, setup.period_minutes, " min")
        self.start = QTimeEdit(QTime(setup.start_minute // 60, setup.start_minute % 60), displayFormat="H:mm")
        self.passing = _spin(0, 30, setup.passing_minutes, " min")
        self.lunch_after = _spin(0, 16, setup.lunch_after)
        self.lunch_after.setSpecialValueText(self.tr("no lunch block"))
        self.lunch_minutes = _spin(10, 120, setup.lunch_minutes, " min")
        self.advisory = QCheckBox(self.tr("Start the day with advisory"))
        self.advisory.setChecked(setup.advisory_minutes > 0)
        self.advisory_minutes = _spin(5, 120, setup.advisory_minutes or 20, " min")
        self.long_block = QCheckBox(self.tr("Add one long block at the end of the day"))
        self.long_block.setChecked(setup.long_block_minutes > 0)
        self.long_minutes = _spin(60, 240, setup.long_block_minutes or 90, " min")
        self.preview = QLabel(objectName="hint")
        form = QFormLayout(self)
        form.addRow(self.tr("Scenario name:"), self.scenario_name)
        form.addRow(self.tr("Bell schedule:"), self.template)
        form.addRow(self.tr("Periods a day:"), self.periods)
        form.addRow(self.tr("Period length:"), self.period_minutes)
        form.addRow(self.tr("Day starts:"), self.start)
        advisory_row = QHBoxLayout()
        advisory_row.addWidget(self.advisory)
        advisory_row.addWidget(self.advisory_minutes)
        advisory_row.addStretch(1)
        form.addRow(self.tr("Advisory:"), advisory_row)
        form.addRow(self.tr("Passing time:"), self.passing)
        form.addRow(self.tr("Lunch after period:"), self.lunch_after)
        form.addRow(self.tr("Lunch length:"), self.lunch_minutes)
        long_row = QHBoxLayout()
        long_row.addWidget(self.long_block)
        long_row.addWidget(self.long_minutes)
        long_row.addStretch(1)
        form.addRow(self.tr("Long block:"), long_row)
        form.addRow("", self.preview)
        self.custom_fields = [
            self.periods,
            self.period_minutes,
            self.start,
            self.advisory,
            self.advisory_minutes,
            self.passing,
            self.lunch_after,
            self.lunch_minutes,
            self.long_block,
            self.long_minutes,
        ]
        self.scenario_name.textChanged.connect(self.changed)
        self.template.currentIndexChanged.connect(self.changed)
        for box in (self.periods, self.period_minutes, self.passing, self.lunch_after, self.lunch_minutes):
            box.valueChanged.connect(self.changed)
        self.long_minutes.valueChanged.connect(self.changed)
        self.advisory_minutes.valueChanged.connect(self.changed)
        self.advisory.toggled.connect(self.changed)
        self.start.timeChanged.connect(self.changed)
        self.long_block.toggled.connect(self.changed)
        self.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        custom = self.template.currentText() == CUSTOM_PERIODS
        for widget in self.custom_fields:
            widget.setEnabled(custom)
        self.long_minutes.setEnabled(custom and self.long_block.isChecked())
        self.advisory_minutes.setEnabled(custom and self.advisory.isChecked())
        self.lunch_minutes.setEnabled(custom and self.lunch_after.value() > 0)
        setup = self.apply_to(SchoolSetup())
        self.preview.setText(new_school.describe_day(setup) if not setup.day_problems() else "")

    def apply_to(self, setup: SchoolSetup) -> SchoolSetup:
        start = self.start.time()
        return replace(
            setup,
            scenario_name=self.scenario_name.text(),
            template=self.template.currentText(),
            periods=self.periods.value(),
            period_minutes=self.period_minutes.value(),
            start_minute=start.hour() * 60 + start.minute(),
            passing_minutes=self.passing.value(),
            lunch_after=self.lunch_after.value(),
            lunch_minutes=self.lunch_minutes.value(),
            long_block_minutes=self.long_minutes.value() if self.long_block.isChecked() else 0,
            advisory_minutes=self.advisory_minutes.value() if self.advisory.isChecked() else 0,
        )


def default_folder() -> Path:
    """Where a new project is saved unless the planner chooses: Documents, or home when there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def file_name_for(school: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", school.strip()).strip("-").lower() or "school"
    return f"{stem}.dlp"


class SchoolPage(QWizardPage):
    """The school's name and the project file it is saved in."""

    def __init__(self, wizard: NewProjectWizard, folder: Path) -> None:
        super().__init__()
        self.wiz = wizard
        self.folder = folder
        self.setTitle(self.tr("Your school"))
        self.setSubTitle(self.tr("The school's name, and the file the project is saved in (a .dlp file)."))
        self.school_name = QLineEdit(wizard.defaults.school_name)
        self.location = QLineEdit(str(folder / file_name_for(wizard.defaults.school_name)))
        self.location_edited = False  # the planner typed or chose a location: the name no longer changes it
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self.browse)
        self.replace = QCheckBox(self.tr("Replace it (its contents will be lost)"))
        self.replace.setVisible(False)
        self.message = message_label()
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("School name:"), self.school_name)
        form.addRow(self.tr("Save as:"), where)
        form.addRow("", self.replace)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        self.school_name.textChanged.connect(self._name_changed)
        self.location.textEdited.connect(self._location_edited)
        self.replace.toggled.connect(self._check)
        self._check()

    def _name_changed(self, text: str) -> None:
        if not self.location_edited:
            current = Path(self.location.text())
            self.location.setText(str(current.with_name(file_name_for(text))))
        self._check()

    def _location_edited(self) -> None:
        self.location_edited = True
        self._check()

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the new project as"), self.location.text(), self.tr("dlplanner projects (*.dlp)")
        )
        if path:
            self.location_edited = True
            self.location.setText(path if path.endswith(".dlp") else f"{path}.dlp")
            self.replace.setChecked(Path(self.location.text()).exists())  # the file dialog asked already
            self._check()

    def target(self) -> Path:
        text = self.location.text().strip()
        path = Path(text).expanduser()
        if not path.name or path.is_dir() or path.suffix == ".dlp":
            return path  # a folder is refused by problems(), with a message
        return path.with_name(path.name + ".dlp")

    def problems(self) -> list[str]:
        found = SchoolSetup(school_name=self.school_name.text()).school_problems()
        text = self.location.text().strip()
        if not text:
            return [*found, self.tr("Give a file to save the project in.")]
        path = self.target()
        exists = path.exists()
        self.replace.setVisible(exists and not path.is_dir())
        if path.is_dir():
            found.append(self.tr("{path} is a folder: add a file name such as school.dlp.").format(path=path))
        elif not path.parent.is_dir():
            found.append(self.tr("The folder {folder} does not exist.").format(folder=path.parent))
        elif exists and not self.replace.isChecked():
            found.append(
                self.tr("{name} already exists in {folder}: choose another name, or tick 'Replace it'.").format(
                    name=path.name, folder=path.parent
                )
            )
        return found

    def _check(self) -> None:
        self.message.setText("\n".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()


class FormPage(QWizardPage):
    """A wizard page around a form whose problems are shown under it."""

    def __init__(self, title: str, subtitle: str, form: YearForm | DayForm, part: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form, self.part = form, part
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        form.changed.connect(self._check)
        self._check()

    def problems(self) -> list[str]:
        setup = self.form.apply_to(SchoolSetup())
        return setup.year_problems() if self.part == "year" else setup.day_problems()

    def _check(self) -> None:
        self.message.setText("\n".join(self.problems()))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.problems()


class NewProjectWizard(QWizard):
    """File → New project…: ``created`` carries the location of the stored project after Finish."""

    created = Signal(str)

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.setObjectName("newProjectWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.defaults = SchoolSetup()
        self.school_page = SchoolPage(self, folder or default_folder())
        self.year_form = YearForm(self.defaults)
        self.day_form = DayForm(self.defaults)
        self.year_page = FormPage(
            self.tr("The school year"),
            self.tr("When the year starts and ends, which days of the week are school days, and how day types repeat."),
            self.year_form,
            "year",
        )
        self.day_page = FormPage(
            self.tr("The first scenario and its bell schedule"),
            self.tr("Every day type follows this bell schedule at first; change it later in the Block designer."),
            self.day_form,
            "day",
        )
        for page in (self.school_page, self.year_page, self.day_page):
            self.addPage(page)
        self.error = ""  # why the last Finish did not create the project
        self.resize(640, 520)

    def setup(self) -> SchoolSetup:
        setup = replace(self.defaults, school_name=self.school_page.school_name.text())
        return self.day_form.apply_to(self.year_form.apply_to(setup))

    def location(self) -> str:
        return str(self.school_page.target())

    def accept(self) -> None:
        """Finish: build and store the school; a failure is shown on the page and the wizard stays open."""
        try:
            new_school.create_new_project(self.location(), self.setup(), overwrite=self.school_page.replace.isChecked())
        except Exception as exc:  # ServiceError, StorageError, OSError: all said in one line
            self.error = str(exc)
            page = self.currentPage()
            if isinstance(page, FormPage | SchoolPage):
                page.message.setText(self.error)
            return
        self.error = ""
        super().accept()
        self.created.emit(self.location())
