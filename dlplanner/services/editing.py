"""Use cases behind the desktop editor that are not Qt: bell-schedule templates.

Crash recovery copies live in :mod:`dlplanner.services.recovery`.
"""

from __future__ import annotations

from collections.abc import Callable

from dlplanner.domain import Block, BlockKind

# -- bell-schedule templates -----------------------------------------------------------------------


def _blocks(prefix: str, rows: list[tuple[int, int, BlockKind, str]]) -> list[Block]:
    return [Block(f"{prefix}{i + 1}", start, end, kind, label) for i, (start, end, kind, label) in enumerate(rows)]


def _periods(start: int, count: int, length: int, passing: int, breaks: dict[int, tuple[int, BlockKind, str]]) -> list:
    """``count`` class periods from ``start`` with passing time; ``breaks[i]`` inserts a block after period i."""
    rows: list[tuple[int, int, BlockKind, str]] = []
    t = start
    for i in range(1, count + 1):
        rows.append((t, t + length, BlockKind.CLASS, f"Period {i}"))
        t += length
        if i in breaks:
            minutes, kind, label = breaks[i]
            rows.append((t, t + minutes, kind, label))
            t += minutes
        elif i < count:
            rows.append((t, t + passing, BlockKind.PASSING, ""))
            t += passing
    return rows


def traditional_seven_period() -> list[Block]:
    """Seven 50-minute periods, homeroom advisory, lunch after period 4."""
    rows = [(8 * 60, 8 * 60 + 15, BlockKind.ADVISORY, "Homeroom"), (8 * 60 + 15, 8 * 60 + 20, BlockKind.PASSING, "")]
    rows += _periods(8 * 60 + 20, 7, 50, 5, {4: (35, BlockKind.LUNCH, "Lunch")})
    return _blocks("p", rows)


def ab_block() -> list[Block]:
    """A/B block day: advisory, four 90-minute blocks, lunch between blocks 2 and 3."""
    rows = [(8 * 60, 8 * 60 + 25, BlockKind.ADVISORY, "Advisory"), (8 * 60 + 25, 8 * 60 + 30, BlockKind.PASSING, "")]
    rows += _periods(8 * 60 + 30, 4, 90, 5, {2: (35, BlockKind.LUNCH, "Lunch")})
    rows = [(s, e, k, lbl.replace("Period", "Block")) for s, e, k, lbl in rows]
    return _blocks("b", rows)


def four_by_four() -> list[Block]:
    """4x4 block: four 85-minute blocks a day (a term's courses meet daily), lunch and flex time at midday."""
    rows = [
        (8 * 60, 9 * 60 + 25, BlockKind.CLASS, "Block 1"),
        (9 * 60 + 25, 9 * 60 + 30, BlockKind.PASSING, ""),
        (9 * 60 + 30, 10 * 60 + 55, BlockKind.CLASS, "Block 2"),
        (10 * 60 + 55, 11 * 60 + 25, BlockKind.LUNCH, "Lunch"),
        (11 * 60 + 25, 11 * 60 + 45, BlockKind.FLEX, "Flex"),
        (11 * 60 + 45, 13 * 60 + 10, BlockKind.CLASS, "Block 3"),
        (13 * 60 + 10, 13 * 60 + 15, BlockKind.PASSING, ""),
        (13 * 60 + 15, 14 * 60 + 40, BlockKind.CLASS, "Block 4"),
    ]
    return _blocks("q", rows)


def big_picture_internship_day() -> list[Block]:
    """Big Picture LTI day: morning advisory pick-me-up, then out to internships until the afternoon."""
    rows = [
        (8 * 60 + 30, 9 * 60, BlockKind.ADVISORY, "Pick-me-up"),
        (9 * 60, 15 * 60, BlockKind.INTERNSHIP, "Internship (LTI)"),
        (15 * 60, 15 * 60 + 30, BlockKind.ADVISORY, "Debrief"),
    ]
    return _blocks("i", rows)


def big_picture_school_day() -> list[Block]:
    """Big Picture in-school day: long advisory, project time, workshops, adult planning."""
    rows = [
        (8 * 60 + 30, 9 * 60 + 15, BlockKind.ADVISORY, "Advisory"),
        (9 * 60 + 15, 10 * 60 + 45, BlockKind.CLASS, "Project time"),
        (10 * 60 + 45, 10 * 60 + 50, BlockKind.PASSING, ""),
        (10 * 60 + 50, 12 * 60 + 5, BlockKind.CLASS, "Workshop"),
        (12 * 60 + 5, 12 * 60 + 40, BlockKind.LUNCH, "Lunch"),
        (12 * 60 + 40, 14 * 60, BlockKind.CLASS, "Workshop"),
        (14 * 60, 15 * 60, BlockKind.PLANNING, "Staff planning"),
    ]
    return _blocks("s", rows)


def rotating_drop(day_number: int = 1) -> list[Block]:
    """Rotating drop: eight courses, seven meet each day; day N drops course N (and the rest rotate)."""
    order = [((day_number - 1 + i) % 8) + 1 for i in range(8)][1:]
    rows = _periods(8 * 60, 7, 50, 5, {4: (35, BlockKind.LUNCH, "Lunch")})
    labels = iter(order)
    named = [(s, e, k, f"Course {next(labels)}" if k == BlockKind.CLASS else lbl) for s, e, k, lbl in rows]
    return _blocks("r", named)


BELL_TEMPLATES: dict[str, Callable[[], list[Block]]] = {
    "Traditional 7-period": traditional_seven_period,
    "A/B block": ab_block,
    "4x4 block": four_by_four,
    "Big Picture: internship (LTI) day": big_picture_internship_day,
    "Big Picture: in-school day": big_picture_school_day,
    "Rotating drop (day 1)": rotating_drop,
}
