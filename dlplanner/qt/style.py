"""Icons and the style sheet from ``resources/``, so every widget shares one look."""

from __future__ import annotations

import os
import re
from functools import cache

from PySide6.QtGui import QColor, QIcon, QPalette
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
# Text drawn on the board's white sheet and on its blocks (KIND_COLORS): 4.5:1 or more on each of them.
BOARD_TIME_TEXT = "#5b6878"
BOARD_TAG_TEXT = "#4d5866"  # a block's name (Lunch, Advisory …); the lighter grey it had read at 3.1:1
# The drag check's two answers, from Okabe & Ito's colour-blind-safe palette: bluish green (fits) and
# vermillion (breaks a hard rule) stay apart under deuteranopia and protanopia, where the old green and
# red merged (CIE ΔE 39 → 5 under simulated deuteranopia). Breaking targets also carry a hatch, the edge
# of the hovered one is dashed and the hint line starts with ✗: cues that need no colour at all.
FITS_COLOR = "#009E73"
BREAKS_COLOR = "#D55E00"
DRAG_FILL_ALPHA = 115  # of 255: the block beneath stays visible, the two answers apart (see above)

PATHWAY_PALETTE = ["#5b8bd0", "#d07a5b", "#5bb08b", "#b05bb0", "#c9a23c", "#4fa3b8", "#8c7ad0", "#b8615f"]
NO_PATHWAY_COLOR = "#8aa4c8"
THEME_ENV = "DLPLANNER_THEME"

# The two themes' colours, named as the style sheet uses them (@text, @window …). The light theme is
# dlplanner's own look; the dark one follows a dark system palette so that nothing is dark on dark.
# The timetable itself (@board) stays a white sheet in both: its blocks and cards have their own colours.
LIGHT: dict[str, str] = {
    "window": "#f4f6f9",
    "text": "#1f2a37",
    "base": "#ffffff",
    "alt_base": "#f5f8fc",
    "panel": "#e9edf3",
    "border": "#cfd6e0",
    "header_border": "#d5dbe4",
    "input_border": "#c3ccd8",
    "grid": "#e1e6ee",
    "button": "#ffffff",
    "button_border": "#b9c4d2",
    "button_hover": "#eef3fa",
    "hover": "#d6e2f2",
    "accent": "#3d6aa5",
    "accent_border": "#2f568a",
    "accent_text": "#ffffff",
    "selection": "#cfe0f6",
    "disabled_text": "#9aa5b3",
    "disabled_bg": "#f0f2f5",
    "group_bg": "#fbfcfd",
    "group_title": "#2f4a6d",
    "title": "#233247",
    "hint": "#5b6878",
    "ok": "#2c6b43",
    "bad": "#a02622",
    "link": "#2f568a",
    "tooltip_bg": "#ffffe8",
    "board": "#ffffff",
}
DARK: dict[str, str] = {
    "window": "#1e242c",
    "text": "#e6edf6",
    "base": "#262d36",
    "alt_base": "#2b333d",
    "panel": "#2c3440",
    "border": "#3e4957",
    "header_border": "#3e4957",
    "input_border": "#56637a",
    "grid": "#38424f",
    "button": "#2f3843",
    "button_border": "#56637a",
    "button_hover": "#3a4553",
    "hover": "#34465e",
    "accent": "#3d6aa5",
    "accent_border": "#5b8bd0",
    "accent_text": "#ffffff",
    "selection": "#2f4f7a",
    "disabled_text": "#8b96a4",
    "disabled_bg": "#262d36",
    "group_bg": "#222932",
    "group_title": "#9fc1ea",
    "title": "#e6edf6",
    "hint": "#a9b4c2",
    "ok": "#7fd19b",
    "bad": "#ff8a7a",
    "link": "#9fc1ea",
    "tooltip_bg": "#2c3440",
    "board": "#ffffff",
}


@cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons (empty icon when missing, so a typo never crashes the app)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (light text on a dark window), as a dark system theme gives."""
    return (
        palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def theme_colors(dark: bool) -> dict[str, str]:
    return DARK if dark else LIGHT


def style_sheet(dark: bool = False) -> str:
    """The style sheet with the theme's colours in place of its @names."""
    path = resources_dir() / "style" / "dlplanner.qss"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    colors = theme_colors(dark)
    return re.sub(r"@([a-z_]+)", lambda m: colors.get(m.group(1), m.group(0)), text)


def theme_palette(dark: bool) -> QPalette:
    """A palette of the theme's colours, so what the style sheet does not reach (menus, tabs, check boxes,
    tooltips, scroll bars) agrees with it."""
    c = {name: QColor(value) for name, value in theme_colors(dark).items()}
    role = QPalette.ColorRole
    palette = QPalette()
    for r, name in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alt_base"),
        (role.Text, "text"),
        (role.Button, "button"),
        (role.ButtonText, "text"),
        (role.BrightText, "accent_text"),
        (role.Highlight, "accent"),
        (role.HighlightedText, "accent_text"),
        (role.ToolTipBase, "tooltip_bg"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "hint"),
        (role.Link, "link"),
        (role.Light, "button_hover"),
        (role.Midlight, "border"),
        (role.Mid, "input_border"),
        (role.Dark, "border"),
    ):
        palette.setColor(r, c[name])
    for r, name in (
        (role.WindowText, "disabled_text"),
        (role.Text, "disabled_text"),
        (role.ButtonText, "disabled_text"),
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, r, c[name])
    return palette


def apply_style(app: QApplication, dark: bool | None = None) -> None:
    """Fusion, the theme's palette and style sheet; the theme follows the system palette unless ``dark``
    or ``$DLPLANNER_THEME`` (dark / light) says otherwise."""
    app.setStyle("Fusion")
    if dark is None and os.environ.get(THEME_ENV, "").strip().lower() in ("dark", "light"):
        dark = os.environ[THEME_ENV].strip().lower() == "dark"
    dark = is_dark(app.palette()) if dark is None else dark
    app.setPalette(theme_palette(dark))
    app.setStyleSheet(style_sheet(dark))
    app.setWindowIcon(icon("app"))


def pathway_colors(pathways: list[str]) -> dict[str, QColor]:
    """A colour per pathway of a project, no two alike (while the palette lasts), the same for the same list.

    Given in name order rather than from a hash of the name, which gave two pathways of a sample one colour.
    """
    names = sorted({p for p in pathways if p})
    colors = {name: QColor(PATHWAY_PALETTE[i % len(PATHWAY_PALETTE)]) for i, name in enumerate(names)}
    colors[""] = QColor(NO_PATHWAY_COLOR)
    return colors


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of ``color``."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.red()) + 0.7152 * linear(color.green()) + 0.0722 * linear(color.blue())


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21; text needs 4.5)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_color_for(background: QColor) -> QColor:
    """Dark or white text, whichever has the higher WCAG contrast on ``background``."""
    dark, white = QColor("#000000"), QColor("#ffffff")  # the extremes: any fill gets 4.58:1 or more
    return dark if contrast_ratio(dark, background) >= contrast_ratio(white, background) else white


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
