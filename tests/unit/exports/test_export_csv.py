"""CSV exports read back with Python's csv module."""

from __future__ import annotations

import csv
from pathlib import Path

from dlp_tiny_school import project

from dlplanner.io.exports.csv_export import DATED_COLUMNS, FLAT_COLUMNS, write_csv


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_flat_and_dated_csv(tmp_path: Path) -> None:
    proj = project()
    flat, dated = write_csv(proj, proj.scenarios[0], tmp_path / "timetable.csv")
    assert dated.name == "timetable-by-date.csv"
    rows = _read(flat)
    assert list(rows[0]) == FLAT_COLUMNS
    assert len(rows) == 6 + 2  # six meetings and the advisory's two sittings
    math9 = [r for r in rows if r["section_id"] == "math9"]
    assert {(r["day_type"], r["start"], r["end"], r["room"], r["teachers"], r["term"]) for r in math9} == {
        ("A day", "10:10", "11:00", "Room 101", "Ben Brook", "Term 1"),
        ("B day", "10:10", "11:00", "Room 101", "Ben Brook", "Term 1"),
    }
    assert next(r for r in rows if r["section_id"] == "hum9")["cohorts"] == "Grade 9"

    by_date = _read(dated)
    assert list(by_date[0]) == DATED_COLUMNS
    # Humanities 9 days, Math 9 4 (T1), Science 9 3 (T2 A days), Math 10 5 (A days), advisory 9
    assert len(by_date) == 9 + 4 + 3 + 5 + 9
    assert "2026-09-11" not in {r["date"] for r in by_date}  # the holiday
    science = sorted(r["date"] for r in by_date if r["section_id"] == "sci9")
    assert science == ["2026-09-14", "2026-09-16", "2026-09-18"]
    assert {r["weekday"] for r in by_date if r["date"] == "2026-09-14"} == {"Monday"}


def test_special_days_are_flagged_in_the_dated_csv(tmp_path: Path) -> None:
    from datetime import date

    from dlplanner.domain import SpecialDay, SpecialDayKind

    proj = project()
    proj.scenarios[0].calendar.special_days.append(
        SpecialDay(date(2026, 9, 9), SpecialDayKind.LATE_START, note="staff meeting")
    )
    _, dated = write_csv(proj, proj.scenarios[0], tmp_path / "t.csv")
    rows = _read(dated)
    assert {r["special_day"] for r in rows if r["date"] == "2026-09-09"} == {"late start: staff meeting"}
    assert {r["special_day"] for r in rows if r["date"] != "2026-09-09"} == {""}
    assert len(rows) == 30  # the late-start day keeps its day type and its meetings


def test_the_dated_csv_uses_a_late_start_days_own_bells(tmp_path: Path) -> None:
    from dlp_tiny_school import with_late_start

    proj = with_late_start()
    _, dated = write_csv(proj, proj.scenarios[0], tmp_path / "t.csv")
    rows = [r for r in _read(dated) if r["date"] == "2026-09-16"]
    assert {(r["section_id"], r["start"], r["end"], r["minutes"]) for r in rows} == {
        ("hum9", "09:30", "10:30", "60"),
        ("math10", "09:30", "10:30", "60"),
        ("sci9", "11:50", "12:30", "40"),
    }
    assert {r["special_day"] for r in rows} == {"late start"}
    assert {r["day_type_id"] for r in rows} == {"A"}  # the day keeps its rotation day type


def test_the_dated_csv_has_only_intersession_courses_inside_it(tmp_path: Path) -> None:
    from dlp_tiny_school import with_intersession

    proj = with_intersession()
    _, dated = write_csv(proj, proj.scenarios[0], tmp_path / "t.csv")
    rows = _read(dated)
    assert [(r["date"], r["section_id"]) for r in rows if r["date"] in ("2026-09-14", "2026-09-15")] == [
        ("2026-09-15", "lab")
    ]
    assert len(rows) == 9 + 4 + 3 + 5 + 9 - (2 + 1 + 1 + 2) + 1  # year-long and T2 rows leave the two days
