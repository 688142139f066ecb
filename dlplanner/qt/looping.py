"""The Looping page: last year's pairings and the looping rules that keep them, edited by name and undoable.

Looping is who stays with whom from one year to the next: an advisory with its advisor, a cohort with
its team, a cohort with its teacher of a subject. The page shows

- **last year's pairings** (``project.prior_pairings``, recorded by File → New school year… or typed
  here): each row a kind, the cohort or advisory, the teachers or team, and how many years it has
  held; every edit is one undoable ``services.rollover.ReplacePairings`` (pairings have no ids);
- **the looping rules** of the current scenario, per cohort or per advisory (crew), hard or soft,
  each an ordinary record edit;
- what the solver chose in the current timetable: the advisors of advisories left to it and the
  cohorts teams took from their pools.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dlplanner.domain import LoopingRule, PairingKind, PriorPairing
from dlplanner.qt.commands import EditCommand
from dlplanner.qt.document import DATA, PROJECT, SCENARIO, TIMETABLE, Document
from dlplanner.qt.style import icon
from dlplanner.qt.tables import Column, EditorSpec, Index, ParseError, RecordEditor, RecordTableModel, RefDelegate
from dlplanner.services import rollover

PAIRING_COLUMNS = [
    Column("Keeps", "kind", "enum", enum=PairingKind, tip="advisor, team or subject_teacher"),
    Column("Cohort", "cohort_id", "ref", "cohort", empty="", tip="The cohort (this year's) the pairing is about"),
    Column("Advisory", "advisory_id", "ref", "advisory", tip="For an advisor pairing: the advisory (crew)"),
    Column("Subject", "subject_id", "ref", "subject", tip="For a subject_teacher pairing"),
    Column("Teachers", "teacher_ids", "ids", "teacher", tip="Last year's advisor or subject teachers"),
    Column("Team", "team_id", "ref", "team", tip="For a team pairing"),
    Column("Years", "years", "int", tip="Years the pairing has held so far (1: last year only)"),
]

RULES_SPEC = EditorSpec(
    "looping_rule",
    "Looping rules (this scenario)",
    "looping",
    [
        Column("Id", "id"),
        Column("Keeps", "kind", "enum", enum=PairingKind),
        Column("Cohort", "cohort_id", "ref", "cohort", empty="", tip="A rule per cohort (empty: per advisory)"),
        Column("Advisory", "advisory_id", "ref", "advisory", tip="A rule per advisory (crew): it keeps its advisor"),
        Column("Subject", "subject_id", "ref", "subject", tip="For subject_teacher rules"),
        Column("Hard", "hard", "bool", tip="Ticked: must hold; else a soft wish with the weight as penalty"),
        Column("Weight", "weight", "int", tip="Penalty per broken soft pairing"),
        Column("Years", "years", "optint", tip="How long the pairing lasts; empty: as long as they stay"),
    ],
    lambda d: d.scenario.looping_rules,
    lambda d, i: LoopingRule(i, d.project.cohorts[0].id if d.project.cohorts else "", PairingKind.ADVISOR),
    scoped=True,
)


class PairingsModel(RecordTableModel):
    """Last year's pairings as rows; a cell edit is one undoable replacement of the list."""

    def __init__(self, document: Document) -> None:
        super().__init__(document, "prior_pairing", lambda: document.project.prior_pairings, PAIRING_COLUMNS, False)

    def record_problems(self, record: Any) -> list:
        return []  # validation names pairings through their cohort or advisory

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.column_spec(index.column()) if index.isValid() else None
        if column is None or role != Qt.ItemDataRole.EditRole:
            return False
        record = self.record_at(index.row())
        try:
            parsed = self.field_value(column, record, value)
        except ParseError as exc:
            self.last_error = str(exc)
            return False
        if column.attr == "years" and parsed < 1:
            self.last_error = "Years: a pairing has held at least 1 year"
            return False
        if parsed == getattr(record, column.attr):
            return True
        project = self.document.project
        position = next(i for i, p in enumerate(project.prior_pairings) if p is record)
        edit = rollover.edit_pairing(project, position, **{column.attr: parsed})
        self.document.push(EditCommand(self.document, edit))
        return True


class PairingsEditor(QWidget):
    """The table of last year's pairings with Add and Remove."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.model = PairingsModel(document)
        self.table = QTableView(objectName="pairings-table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setItemDelegate(RefDelegate(self.model, self._choices))
        self.table.setColumnHidden(self.model.problems_column, True)
        self.add_button = QPushButton(icon("add"), "Add")
        self.remove_button = QPushButton(icon("remove"), "Remove")
        self.add_button.clicked.connect(self.add_pairing)
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel(objectName="hint", wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Last year's pairings", objectName="title"))
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(
                "Who was with whom last year — recorded by File → New school year… from the timetable the school "
                "ran, or typed here. Looping rules below keep them.",
                objectName="hint",
                wordWrap=True,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        document.changed.connect(self._on_changed)

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        return [(r.id, r.name) for r in self.document.records_of(kind)]

    def _on_changed(self, kind: str) -> None:
        if kind == PROJECT:
            self.model.reload(reset=True)
            self.table.resizeColumnsToContents()
        elif kind == DATA:
            self.model.reload()
        if self.model.last_error:
            self.message.setText(f"⚠ {self.model.last_error}")
            self.model.last_error = ""

    def add_pairing(self) -> None:
        project = self.document.project
        if project is None:
            return
        pairing = PriorPairing(project.cohorts[0].id if project.cohorts else "", PairingKind.ADVISOR)
        self.document.push(EditCommand(self.document, rollover.add_pairing(project, pairing)))
        row = self.model.rowCount() - 1
        self.table.setCurrentIndex(self.model.index(row, 1))

    def remove_selected(self) -> None:
        project = self.document.project
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        if project is None or not rows:
            return
        chosen = [self.model.record_at(r) for r in rows]
        indexes = [i for i, p in enumerate(project.prior_pairings) if any(p is c for c in chosen)]
        self.document.push(EditCommand(self.document, rollover.remove_pairings(project, indexes)))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(rows[0], self.model.rowCount() - 1), 0, QModelIndex()))


class LoopingPage(QWidget):
    """Last year's pairings above, the scenario's looping rules below, the solver's choices at the foot."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("looping-page")
        self.document = document
        self.pairings = PairingsEditor(document)
        self.rules = RecordEditor(document, RULES_SPEC)
        self.chosen = QLabel(objectName="looping-chosen", wordWrap=True)
        self.chosen.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.pairings)
        splitter.addWidget(self.rules)
        splitter.setSizes([320, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(splitter, 1)
        foot = QHBoxLayout()
        foot.setContentsMargins(9, 0, 9, 0)
        foot.addWidget(self.chosen)
        layout.addLayout(foot)
        document.changed.connect(self._on_changed)
        self._on_changed(PROJECT)

    def _on_changed(self, kind: str) -> None:
        if kind in (PROJECT, SCENARIO, TIMETABLE, DATA):
            self.chosen.setText(chosen_text(self.document))


def chosen_text(document: Document) -> str:
    """What the current timetable's solver chose: advisors of open advisories, cohorts teams took."""
    project, scenario = document.project, document.scenario
    if project is None or scenario is None:
        return ""
    solution = scenario.solution
    open_advisories = [a for a in project.advisories if not a.advisor_id]
    open_teams = [t for t in project.teams if t.cohorts_needed > 0]
    if not open_advisories and not open_teams:
        return "Every advisory has its advisor and every team its cohorts: the solver chooses none."
    parts = []
    if open_advisories:
        parts.append(
            "Advisors left to the solver: "
            + "; ".join(f"{a.name} → {document.advisor_name(a).removeprefix('chosen: ')}" for a in open_advisories)
        )
    for team in open_teams:
        taken = solution.team_cohorts.get(team.id, [])
        who = ", ".join(document.name_of("cohort", c) for c in taken) if taken else "(the solver chooses)"
        parts.append(f"{team.name} takes {team.cohorts_needed} cohort(s): {who}")
    return "  ·  ".join(parts)
