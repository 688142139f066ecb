"""Readable in a light and a dark system theme (WCAG 2 contrast of text on its background), card text
readable on every subject and pathway colour, and no two pathways of a sample sharing a colour."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QMenu, QTabBar, QWidget

from dlplanner.qt.style import (
    BOARD_TAG_TEXT,
    BOARD_TIME_TEXT,
    DARK,
    KIND_COLORS,
    LIGHT,
    PATHWAY_PALETTE,
    apply_style,
    contrast_ratio,
    is_dark,
    pathway_colors,
    style_sheet,
    text_color_for,
)
from dlplanner.services import projects

TEXT = 4.5  # WCAG 2 AA for normal text
# (text, background) pairs of the style sheet's colours that carry text
TEXT_PAIRS = [
    ("text", "window"),
    ("text", "base"),
    ("text", "alt_base"),
    ("text", "panel"),
    ("text", "button"),
    ("text", "group_bg"),
    ("text", "selection"),
    ("text", "tooltip_bg"),
    ("text", "hover"),
    ("hint", "window"),
    ("hint", "base"),
    ("hint", "group_bg"),
    ("title", "window"),
    ("group_title", "group_bg"),
    ("ok", "window"),
    ("bad", "window"),
    ("accent_text", "accent"),
    ("link", "base"),
]


def dark_system_palette() -> QPalette:
    """A dark system theme as a desktop gives it (Fusion's usual dark colours)."""
    palette = QPalette()
    role = QPalette.ColorRole
    for r, color in (
        (role.Window, "#353535"),
        (role.WindowText, "#ffffff"),
        (role.Base, "#2a2a2a"),
        (role.Text, "#ffffff"),
        (role.Button, "#353535"),
        (role.ButtonText, "#ffffff"),
        (role.ToolTipBase, "#353535"),
        (role.ToolTipText, "#ffffff"),
        (role.Highlight, "#2a82da"),
    ):
        palette.setColor(r, QColor(color))
    return palette


@pytest.fixture
def dark_app(qapp: QApplication) -> Iterator[QApplication]:
    """The application as it starts on a dark desktop; the light look is put back afterwards."""
    qapp.setPalette(dark_system_palette())
    apply_style(qapp)
    yield qapp
    # the test's window is closed by now: let Qt delete what its close scheduled before everything is restyled
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    apply_style(qapp, dark=False)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_of_the_theme_reads_on_its_background(theme: dict[str, str]) -> None:
    low = [
        f"{fg} on {bg}: {contrast_ratio(QColor(theme[fg]), QColor(theme[bg])):.2f}"
        for fg, bg in TEXT_PAIRS
        if contrast_ratio(QColor(theme[fg]), QColor(theme[bg])) < TEXT
    ]
    assert not low


def test_the_old_fixed_text_colour_was_dark_on_dark() -> None:
    """The check can fail: the style sheet's fixed #1f2a37 text on a dark window reads at about 1.3:1."""
    assert contrast_ratio(QColor("#1f2a37"), dark_system_palette().color(QPalette.ColorRole.Window)) < 2
    assert "#1f2a37" not in style_sheet(dark=True)


def _shown_colors(widget: QWidget) -> tuple[QColor, QColor]:
    widget.ensurePolished()
    palette = widget.palette()
    return palette.color(widget.foregroundRole()), palette.color(widget.backgroundRole())


def test_a_dark_system_palette_gives_menus_tabs_and_check_boxes_light_text(dark_app, window) -> None:
    assert is_dark(dark_app.palette())
    menu = window.menuBar().findChildren(QMenu)[0]
    tabs = window.findChildren(QTabBar)[0]  # the docks' tabs
    check = window.calendar_page.findChildren(QCheckBox)[0]
    for widget in (menu, tabs, check, window.menuBar(), window.statusBar()):
        text, background = _shown_colors(widget)
        assert background.lightness() < 100, type(widget).__name__  # it is the dark theme
        assert contrast_ratio(text, background) >= TEXT, type(widget).__name__
    palette = check.palette()  # the box itself: the tick (Text) on the box (Base)
    assert contrast_ratio(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)) >= TEXT


def test_the_light_theme_stays_dlplanners_look(qapp: QApplication) -> None:
    apply_style(qapp, dark=False)
    assert not is_dark(qapp.palette())
    assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT["window"])
    assert "#1f2a37" in qapp.styleSheet()


def test_the_theme_can_be_chosen_by_name(qapp: QApplication, monkeypatch) -> None:
    monkeypatch.setenv("DLPLANNER_THEME", "dark")
    apply_style(qapp)
    assert is_dark(qapp.palette()) and DARK["text"] in qapp.styleSheet()
    monkeypatch.setenv("DLPLANNER_THEME", "light")
    apply_style(qapp)
    assert not is_dark(qapp.palette())


def _sample_colors() -> list[QColor]:
    colors = [QColor(c) for c in PATHWAY_PALETTE]
    for sample in projects.list_samples():
        project = projects.load_sample(sample.id)
        colors += [QColor(s.color) for s in project.subjects if s.color]
    return colors


def test_card_text_reads_on_every_subject_and_pathway_colour() -> None:
    low = [c.name() for c in _sample_colors() if contrast_ratio(text_color_for(c), c) < TEXT]
    assert not low


def test_board_text_reads_on_the_sheet_and_on_every_block() -> None:
    for background in ["#ffffff", *KIND_COLORS.values()]:
        assert contrast_ratio(QColor(BOARD_TAG_TEXT), QColor(background)) >= TEXT, background
    assert contrast_ratio(QColor(BOARD_TIME_TEXT), QColor("#ffffff")) >= TEXT


def test_no_two_pathways_of_a_sample_share_a_colour() -> None:
    checked = 0
    for sample in projects.list_samples():
        pathways = [c.pathway for c in projects.load_sample(sample.id).cohorts]
        named = sorted({p for p in pathways if p})
        colors = pathway_colors(pathways)
        assert len({colors[p].name() for p in named}) == len(named), sample.id
        checked += len(named)
    assert checked >= 4  # the Linked Learning sample's four pathways (the old hash gave two of them one colour)
    assert pathway_colors(["b", "a"])["a"] == pathway_colors(["a", "b", "a"])["a"]  # stable for the same pathways
