"""File → Print… (Ctrl+P): the board on screen, on paper or to a PDF, through Qt's print dialog.

The board is a ``QGraphicsScene``; printing renders the whole scene (not only the part scrolled
into view), scaled to fit one landscape page under a title line that says which school, scenario
and timetable it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QGraphicsView, QWidget


def make_printer() -> QPrinter:
    """A landscape printer with small margins (a timetable is wider than tall).

    Screen resolution on purpose: the cards measure their text with the painter's font, which a
    1200 dpi printer would size for itself (the text then no longer fits, and is left out). The
    output stays vector (text and shapes), so nothing is lost on paper or in the PDF.
    """
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(10, 10, 10, 10),
            QPageLayout.Unit.Millimeter,
        )
    )
    return printer


def print_board(board: QGraphicsView, printer: QPrinter, title: str) -> bool:
    """Render the whole board under ``title`` onto one page of ``printer``; False when nothing could be drawn."""
    scene = board.scene()
    source = scene.itemsBoundingRect() if scene is not None else QRectF()
    if source.isEmpty():
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        page.moveTo(0, 0)
        font = QFont(board.font())
        font.setPointSizeF(11)
        font.setBold(True)
        painter.setFont(font)
        title_height = painter.fontMetrics().height() * 1.6
        painter.drawText(
            QRectF(0, 0, page.width(), title_height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        target = QRectF(0, title_height, page.width(), page.height() - title_height)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        painter.end()
    return True


def print_with_dialog(parent: QWidget, board: QGraphicsView, title: str) -> bool:
    """Ask where and how to print (Qt's print dialog, which also offers a PDF file), then print."""
    printer = make_printer()
    printer.setDocName(re.sub(r'[\\/:*?"<>|]+', " ", title))  # also the PDF's default file name: no ':' or '/'
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print board")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    return print_board(board, printer, title)
