"""The drag check's fits / breaks cues survive colour blindness, and breaking targets have a cue without colour.

Colour vision deficiency is simulated with Machado, Oliveira and Fernandes (2009), severity 1.0, in
linear RGB; distances are CIE76 ΔE in CIELAB (D65). A ΔE of 20 or more is told apart at a glance.
The fills are judged as seen: translucent over a class block of the board.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from dlplanner.domain import BlockKind
from dlplanner.domain.editing import MoveChecker, Target, find_placement, key_of, start_times
from dlplanner.qt import board as board_module
from dlplanner.qt.board import EntityBoard
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.style import KIND_COLORS

RGB = tuple[float, float, float]
DEUTERANOPIA = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
PROTANOPIA = ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998))


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 255 * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def simulate(rgb: RGB, matrix: tuple[RGB, RGB, RGB]) -> RGB:
    linear = [_linear(v) for v in rgb]
    r, g, b = (_gamma(sum(row[j] * linear[j] for j in range(3))) for row in matrix)
    return r, g, b


def lab(rgb: RGB) -> RGB:
    r, g, b = (_linear(v) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: RGB, b: RGB) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


def seen(color: QColor, background: QColor) -> RGB:
    """``color`` drawn with its alpha over ``background``."""
    alpha = color.alphaF()
    front = (color.red(), color.green(), color.blue())
    back = (background.red(), background.green(), background.blue())
    r, g, b = (alpha * fg + (1 - alpha) * bg for fg, bg in zip(front, back, strict=True))
    return r, g, b


BLOCK = QColor(KIND_COLORS[BlockKind.CLASS])


def test_the_simulation_finds_the_old_green_and_red_merge() -> None:
    """The check is able to fail: the old pair (ΔE 39 in normal vision) merged under deuteranopia."""
    old_fits, old_breaks = seen(QColor(60, 170, 90, 95), BLOCK), seen(QColor(210, 60, 50, 95), BLOCK)
    assert delta_e(old_fits, old_breaks) > 35
    assert delta_e(simulate(old_fits, DEUTERANOPIA), simulate(old_breaks, DEUTERANOPIA)) < 10


def test_fits_and_breaks_stay_apart_under_deuteranopia_and_protanopia() -> None:
    fills = seen(board_module.FITS_FILL, BLOCK), seen(board_module.BREAKS_FILL, BLOCK)
    edges = (
        seen(board_module.FITS_EDGE, BLOCK),
        seen(board_module.BREAKS_EDGE, BLOCK),
    )
    for fits, breaks in (fills, edges):
        assert delta_e(fits, breaks) >= 20
        for deficiency in (DEUTERANOPIA, PROTANOPIA):
            assert delta_e(simulate(fits, deficiency), simulate(breaks, deficiency)) >= 20


def test_a_breaking_target_is_hatched_and_its_hover_edge_dashed(solved_window: MainWindow) -> None:
    window = solved_window
    scenario, project = window.document.scenario, window.document.project
    window.show_page(window.board_page)
    board: EntityBoard = window.board_page.board
    placement = next(p for p in scenario.solution.placements if len(scenario.section(p.section_id).cohort_ids) == 1)
    section = scenario.section(placement.section_id)
    window.board_page.show_record("cohort", section.cohort_ids[0])
    checker = MoveChecker(project, scenario, placement)
    targets = [
        Target(d.id, s, placement.room_id) for d in scenario.day_types for s in start_times(scenario, section, d.id)
    ]
    clash = next(t for t in targets if checker.conflicts(t))
    free = next(
        t
        for t in targets
        if not checker.conflicts(t) and (t.day_type_id, t.start) != (placement.day_type_id, placement.start)
    )

    key = key_of(placement)
    card = board.cards[key][0]
    center = card.sceneBoundingRect().center()
    QTest.mousePress(
        board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, board.mapFromScene(center)
    )
    try:
        drag = board._drag
        assert drag is not None
        hatches = [child.brush().style() for child in drag.overlays[clash].childItems()]
        assert hatches == [Qt.BrushStyle.BDiagPattern]
        assert drag.overlays[free].childItems() == []
        for target, style in ((clash, Qt.PenStyle.DashLine), (free, Qt.PenStyle.SolidLine)):
            grabbed = find_placement(scenario, key)
            x = board.x_of(board._days.index(target.day_type_id)) + board._col_w / 2
            y = board.y_of(target.start) + (center.y() - board.y_of(grabbed.start))
            QTest.mouseMove(board.viewport(), board.mapFromScene(x, y))
            assert drag.target == target
            assert drag.hover is not None and drag.hover.pen().style() == style
    finally:
        board.cancel_drag()
        QTest.mouseRelease(
            board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, board.mapFromScene(center)
        )
