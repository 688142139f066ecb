"""The Subjects page: name, colour, department and project-based, like the other record tables.

Subjects are then picked by name in the teachers' and sections' columns. The colour cell shows
a swatch and takes a colour name or ``#rrggbb`` (checked: an unknown colour is refused with a
message); the "Colour…" button opens a colour chooser for the current subject. Every change is
one undoable step through the same commands as the other tables.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QColorDialog, QLineEdit, QPushButton, QStyleOptionViewItem, QWidget

from dlplanner.domain import Subject
from dlplanner.qt.commands import SetFieldCommand
from dlplanner.qt.document import Document
from dlplanner.qt.tables import Column, EditorSpec, Index, RecordEditor, RefDelegate

SUBJECTS = EditorSpec(
    "subject",
    "Subjects",
    "subjects",
    [
        Column("Id", "id"),
        Column("Name", "name"),
        Column("Colour", "color", tip="A colour name or #rrggbb; cards of the subject's sections use it"),
        Column("Department", "department"),
        Column("Project-based", "project_based", "bool", tip="Project-based courses prefer long blocks (soft rule)"),
    ],
    lambda d: d.project.subjects,
    lambda d, i: Subject(i, "New subject"),
)
COLOR_COLUMN = 2


def swatch(color: str) -> QPixmap:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return pixmap


class ColorDelegate(RefDelegate):
    """The table's usual editors, plus a swatch in the colour cells and a check of typed colours."""

    def __init__(self, editor: RecordEditor) -> None:
        super().__init__(editor.model, editor._choices)
        self.refuse = editor.message.setText

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if self._source(index).column() == COLOR_COLUMN and QColor(str(index.data() or "")).isValid():
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.icon = swatch(str(index.data()))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if self._source(index).column() == COLOR_COLUMN:
            text = editor.text().strip() if isinstance(editor, QLineEdit) else ""
            color = QColor(text)
            if not color.isValid():
                self.refuse(f"⚠ Colour: '{text}' is not a colour; type a name such as teal, or #3a7bd5")
                return
            model.setData(index, color.name())
            return
        super().setModelData(editor, model, index)


class SubjectsEditor(RecordEditor):
    """The Subjects table with a colour chooser."""

    def __init__(self, document: Document) -> None:
        super().__init__(document, SUBJECTS)
        self.delegate = ColorDelegate(self)  # kept: the view does not own its delegate
        self.table.setItemDelegate(self.delegate)
        self.color_button = QPushButton("Colour…")
        self.color_button.setToolTip("Choose the colour of the selected subject")
        self.color_button.clicked.connect(self.choose_color)
        self.layout().itemAt(0).layout().insertWidget(3, self.color_button)

    def fit_columns(self) -> None:
        """As the other tables, but names get room even while the table is still empty (a new school)."""
        super().fit_columns()
        header = self.table.horizontalHeader()
        header.resizeSection(1, max(header.sectionSize(1), 200))
        header.resizeSection(COLOR_COLUMN, max(header.sectionSize(COLOR_COLUMN), 110))

    def current_subject(self) -> Subject | None:
        record_id = self.current_id()
        return next((s for s in self.document.project.subjects if s.id == record_id), None) if record_id else None

    def choose_color(self, color: QColor | None = None) -> bool:
        """Give the selected subject a colour (asked with the colour chooser when none is given)."""
        subject = self.current_subject()
        if subject is None:
            self.message.setText("Select a subject first.")
            return False
        if color is None:
            color = QColorDialog.getColor(QColor(subject.color), self, f"Colour of {subject.name}")
        if not color.isValid() or color.name() == subject.color:
            return False
        self.document.push(SetFieldCommand(self.document, subject, "color", color.name(), self.document.scenario))
        return True
