"""Icons and the style sheet from ``resources/``, so every widget shares one look."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication

from dlplanner.domain import BlockKind
from dlplanner.paths import resources_dir

# Fill colours of the block kinds, shared by the boards and the block designer.
KIND_COLORS: dict[BlockKind, str] = {
    BlockKind.CLASS: "#e8f0fb",
    BlockKind.ADVISORY: "#fdf0d5",
    BlockKind.LUNCH: "#e9f5e1",
    BlockKind.PASSING: "#f3f4f6",
    BlockKind.PLANNING: "#efe6f7",
    BlockKind.INTERNSHIP: "#fde4dc",
    BlockKind.FLEX: "#e0f4f1",
}
KIND_LABELS: dict[BlockKind, str] = {
    BlockKind.CLASS: "Class",
    BlockKind.ADVISORY: "Advisory",
    BlockKind.LUNCH: "Lunch",
    BlockKind.PASSING: "Passing",
    BlockKind.PLANNING: "Planning / PD",
    BlockKind.INTERNSHIP: "Internship window",
    BlockKind.FLEX: "Flex",
}
# The drag check's two answers, from Okabe & Ito's colour-blind-safe palette: bluish green (fits) and
# vermillion (breaks a hard rule) stay apart under deuteranopia and protanopia, where the old green and
# red merged (CIE ΔE 39 → 5 under simulated deuteranopia). Breaking targets also carry a hatch, the edge
# of the hovered one is dashed and the hint line starts with ✗: cues that need no colour at all.
FITS_COLOR = "#009E73"
BREAKS_COLOR = "#D55E00"
DRAG_FILL_ALPHA = 115  # of 255: the block beneath stays visible, the two answers apart (see above)

PATHWAY_PALETTE = ["#5b8bd0", "#d07a5b", "#5bb08b", "#b05bb0", "#c9a23c", "#4fa3b8", "#8c7ad0", "#b8615f"]


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (empty icon when missing, so a typo never crashes the app)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def style_sheet() -> str:
    path = resources_dir() / "style" / "dlplanner.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(style_sheet())
    app.setWindowIcon(icon("app"))


def pathway_color(pathway: str) -> QColor:
    """A stable colour per pathway name (the same pathway always gets the same colour)."""
    if not pathway:
        return QColor("#8aa4c8")
    return QColor(PATHWAY_PALETTE[sum(map(ord, pathway)) % len(PATHWAY_PALETTE)])


def text_color_for(background: QColor) -> QColor:
    """Dark or white text, whichever reads better on ``background``."""
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#1b2430") if luminance > 150 else QColor("#ffffff")


# The calendar page's year preview: a colour per day type (in the cycle's order) and for days without classes.
DAY_TYPE_PALETTE = ["#a9c8ec", "#f5cd8c", "#b3dcae", "#dcb6df", "#f2b0a6", "#9fd8d1", "#d8d190", "#c0bcec"]
CALENDAR_COLORS = {
    "holiday": "#c9cfd8",  # a holiday or break
    "no_students": "#f7dccf",  # a special day without students (PD)
    "special": "#d9822b",  # outline of a special day with students (late start, early release …)
    "override": "#1f2a37",  # marker of a date whose day type is set by hand
    "no_day_type": "#ffffff",  # a school weekday the rotation gives no day type (shown with a red frame)
    "weekend": "#ffffff",
}
