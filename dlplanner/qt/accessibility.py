"""Accessible names for every control, worked out once from what a sighted person reads next to it.

A screen reader says a control's accessible name. Most controls already *show* their name: a form
label, a label just before it, a group box title, a tooltip, a placeholder, a column header. So
instead of a ``setAccessibleName`` line per widget, :func:`install` puts one event filter on the
application that names each control when it is shown, from the
first of these it finds:

1. the label a ``QFormLayout`` row puts before it (the label also becomes its buddy, so Alt+letter works);
2. a ``QLabel`` right before it in the same box layout ("Scenario:" then the combo box);
3. its tooltip, or a line edit's placeholder text;
4. for a widget inside a table cell: the column header, and the row's header when there is one;
5. for lists, tables, trees and text views: the nearest group box title, dock title or page title.

A name set by hand (``setAccessibleName``) always wins; so does a button's own text. New pages get
names without doing anything; a control that none of the above describes gets ``setAccessibleName``
by hand (``tests/gui/test_accessibility.py`` lists any control left without a name).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGraphicsView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

# The widgets a person operates (and a screen reader must name).
CONTROL_TYPES = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QGraphicsView,
    QTextEdit,
    QPlainTextEdit,
    QSlider,
)
# Controls that show many things at once: the title of the area they sit in names them.
_AREA_TYPES = (QAbstractItemView, QGraphicsView, QTextEdit, QPlainTextEdit)
_TAGS = re.compile(r"<[^>]+>")


def is_control(widget: QWidget) -> bool:
    """Whether ``widget`` is a control a person operates (Qt's own inner parts are named by their owner)."""
    if not isinstance(widget, CONTROL_TYPES) or isinstance(widget, QHeaderView):
        return False
    if widget.objectName().startswith("qt_"):  # scroll-bar, corner and extension buttons of Qt's own
        return False
    parent = widget.parentWidget()
    grandparent = parent.parentWidget() if parent is not None else None
    # the line edit inside a spin box or an editable combo box, a combo box's pop-up list: the box is the control
    # a line edit's clear button (the line edit is the control)
    inner = isinstance(parent, (QAbstractSpinBox, QComboBox, QLineEdit)) or isinstance(grandparent, QComboBox)
    return not inner


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for ``widget``: its accessible name as Qt's accessibility layer reports it."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def given_name(widget: QWidget) -> str:
    """The name ``widget`` was given: its accessible name, or a button's own text.

    Stricter than :func:`spoken_name`: for a combo box, Qt on Linux speaks the current item as the
    name, while Windows and macOS speak the accessible name, which must therefore be set.
    """
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    return plain(widget.text()) if isinstance(widget, QAbstractButton) else ""


def plain(text: str) -> str:
    """Label text as spoken: no markup, no mnemonic '&', no trailing colon, one line."""
    text = _TAGS.sub("", text or "").replace("&&", "\0").replace("&", "").replace("\0", "&")
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first.rstrip(":").strip()[:120]


def _layout_of(widget: QWidget) -> tuple[QLayout, int] | None:
    """The layout holding ``widget`` directly, and its index there."""
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return None
    stack = [parent.layout()]
    while stack:
        layout = stack.pop()
        index = layout.indexOf(widget)
        if index >= 0:
            return layout, index
        for i in range(layout.count()):
            child = layout.itemAt(i).layout()
            if child is not None:
                stack.append(child)
    return None


def _inside(layout: QLayout, widget: QWidget) -> bool:
    """Whether ``widget`` is in ``layout`` (searching nested layouts)."""
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget or (item.layout() is not None and _inside(item.layout(), widget)):
            return True
    return False


def _form_label(widget: QWidget) -> tuple[QLabel, bool] | None:
    """The label of the QFormLayout row ``widget`` is the field of, or is in (a row of several controls),
    and whether ``widget`` is the row's field itself."""
    parent = widget.parentWidget()
    if parent is None or parent.layout() is None:
        return None
    stack = [parent.layout()]
    while stack:
        layout = stack.pop()
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                label = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if field is None or label is None or not isinstance(label.widget(), QLabel):
                    continue
                if field.widget() is widget:
                    return label.widget(), True
                if field.layout() is not None and _inside(field.layout(), widget):
                    return label.widget(), False
        stack.extend(layout.itemAt(i).layout() for i in range(layout.count()) if layout.itemAt(i).layout())
    return None


def _label_before(widget: QWidget) -> QLabel | None:
    """A plain label right before ``widget`` in its box layout (skipping spacing)."""
    found = _layout_of(widget)
    if found is None:
        return None
    layout, index = found
    for i in range(index - 1, -1, -1):
        item = layout.itemAt(i)
        if item.spacerItem() is not None:
            continue  # a stretch or spacing
        previous = item.widget()
        if not isinstance(previous, QLabel) or previous.objectName() == "title":
            return None  # a control or a row of them, or a page's title (it names the page, not this control)
        return previous if plain(previous.text()) and previous.buddy() in (None, widget) else None
    return None


def _cell_name(widget: QWidget) -> str:
    """Column header (and row header) of the table cell ``widget`` is the editor of."""
    viewport = widget.parentWidget()
    table = viewport.parentWidget() if viewport is not None else None
    if not isinstance(table, QTableWidget):
        return ""
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            if table.cellWidget(row, column) is widget:
                head = table.horizontalHeaderItem(column)
                side = table.verticalHeaderItem(row)
                parts = [plain(head.text()) if head else f"Column {column + 1}", plain(side.text()) if side else ""]
                return ", ".join(p for p in parts if p)
    return ""


def _area_title(widget: QWidget) -> str:
    """The title of the box, dock, tab or page ``widget`` sits in."""
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox) and plain(parent.title()):
            return plain(parent.title())
        if isinstance(parent, QDockWidget) and plain(parent.windowTitle()):
            return plain(parent.windowTitle())
        tabs = parent.parentWidget()
        if isinstance(tabs, QTabWidget):  # a tab's page sits in the tab widget's own stacked widget
            index = tabs.indexOf(child)
            if index >= 0 and plain(tabs.tabText(index)):
                return plain(tabs.tabText(index))
        if isinstance(parent, QTabWidget):
            index = parent.indexOf(child)
            if index >= 0 and plain(parent.tabText(index)):
                return plain(parent.tabText(index))
        title = parent.findChild(QLabel, "title", Qt.FindChildOption.FindDirectChildrenOnly)
        if title is not None and plain(title.text()):
            return plain(title.text())
        if parent.isWindow() and plain(parent.windowTitle()):
            return plain(parent.windowTitle())
        child, parent = parent, parent.parentWidget()
    return ""


def derived_name(widget: QWidget) -> str:
    """The name ``widget`` gets from what is shown around it (empty: nothing describes it)."""
    in_form = _form_label(widget)
    if in_form is not None and plain(in_form[0].text()):
        label, alone = in_form
        if alone and label.buddy() is None:
            label.setBuddy(widget)
        elif not alone:  # one of a row's controls: "Advisory (min)", or the row's name when nothing says more
            own = _label_before(widget)
            suffix = (
                widget.suffix().strip() if isinstance(widget, QAbstractSpinBox) and hasattr(widget, "suffix") else ""
            )
            detail = plain(own.text()) if own is not None else suffix
            return f"{plain(label.text())} ({detail})" if detail else plain(label.text())
        return plain(label.text())
    label = _label_before(widget)
    if label is not None:
        if label.buddy() is None:
            label.setBuddy(widget)
        return plain(label.text())
    if plain(widget.toolTip()):
        return plain(widget.toolTip())
    if isinstance(widget, QLineEdit) and plain(widget.placeholderText()):
        return plain(widget.placeholderText())
    cell = _cell_name(widget)
    if cell:
        return cell
    if isinstance(widget, _AREA_TYPES):
        return _area_title(widget)
    return ""


def name_control(widget: QWidget) -> str:
    """Give ``widget`` an accessible name when it has none; returns the name it now has."""
    if not is_control(widget) or widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and plain(widget.text()):
        return plain(widget.text())  # Qt speaks a button's text
    name = derived_name(widget)
    if name:
        widget.setAccessibleName(name)
    return name


def name_controls(root: QWidget) -> list[QWidget]:
    """Name every control under ``root``; returns the controls still without a name."""
    unnamed = []
    for widget in [root, *root.findChildren(QWidget)]:
        if is_control(widget):
            name_control(widget)
            if not given_name(widget):
                unnamed.append(widget)
    return unnamed


class _Namer(QObject):
    """Names each control as it is shown (never earlier: a widget still being built must not be touched)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, CONTROL_TYPES):
            name_control(watched)
        return False


def install(app: QApplication) -> None:
    """Name the controls of every window this application shows (once per application)."""
    if app.property("dlplanner_namer"):
        return
    namer = _Namer(app)
    app.installEventFilter(namer)
    app.setProperty("dlplanner_namer", True)


__all__ = [
    "CONTROL_TYPES",
    "given_name",
    "install",
    "is_control",
    "name_control",
    "name_controls",
    "plain",
    "spoken_name",
]
