"""iCalendar exports read back with the icalendar parser: real dated events, no holidays, stable UIDs."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from dlp_export_helpers import expected_events
from dlp_tiny_school import project
from icalendar import Calendar

from dlplanner.io.exports.common import ExportError
from dlplanner.io.exports.ics import write_ics


def _events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_zip_has_one_calendar_per_teacher_and_cohort(tmp_path: Path) -> None:
    proj = project()
    scenario = proj.scenarios[0]
    (out,) = write_ics(proj, scenario, tmp_path / "cal.zip")
    with zipfile.ZipFile(out) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(
            ["teacher-t1.ics", "teacher-t2.ics", "teacher-t3.ics", "cohort-c9.ics", "cohort-c10.ics"]
        )
        for teacher in ("t1", "t2", "t3"):
            events = _events(zf.read(f"teacher-{teacher}.ics"))
            assert len(events) == expected_events(proj, scenario, teacher=teacher)
        for cohort in ("c9", "c10"):
            events = _events(zf.read(f"cohort-{cohort}.ics"))
            assert len(events) == expected_events(proj, scenario, cohort=cohort)
    # by hand: Humanities 9 + Math 9 4 + Science 9 3 + advisory 9 = 25 events for Grade 9
    assert expected_events(proj, scenario, cohort="c9") == 25


def test_events_are_dated_and_skip_the_holiday(tmp_path: Path) -> None:
    proj = project()
    (out,) = write_ics(proj, proj.scenarios[0], tmp_path / "t2.ics", entity="t2")
    events = _events(out.read_bytes())
    starts = sorted(e.decoded("dtstart") for e in events)
    assert len(events) == 9  # Math 9 on 4 T1 days, Math 10 on 5 A days
    assert all(s.date() != date(2026, 9, 11) for s in starts)
    math10 = sorted(e.decoded("dtstart") for e in events if str(e.get("summary")) == "Math 10")
    assert [d.day for d in math10] == [7, 9, 14, 16, 18]
    assert math10[0] == datetime(2026, 9, 7, 8, 0)
    first = next(e for e in events if e.decoded("dtstart") == datetime(2026, 9, 8, 10, 10))
    assert str(first.get("summary")) == "Math 9"
    assert first.decoded("dtend") == datetime(2026, 9, 8, 11, 0)
    assert str(first.get("location")) == "Room 101"


def test_uids_are_unique_and_stable_across_exports(tmp_path: Path) -> None:
    proj = project()
    first = write_ics(proj, proj.scenarios[0], tmp_path / "a.ics", stamp=datetime(2026, 1, 1, tzinfo=UTC))[0]
    again = write_ics(proj, proj.scenarios[0], tmp_path / "b.ics", stamp=datetime(2026, 2, 1, tzinfo=UTC))[0]
    uids_a = [str(e.get("uid")) for e in _events(first.read_bytes())]
    uids_b = [str(e.get("uid")) for e in _events(again.read_bytes())]
    assert len(set(uids_a)) == len(uids_a) == expected_events(proj, proj.scenarios[0])
    assert uids_a == uids_b


def test_a_single_ics_cannot_hold_every_teacher(tmp_path: Path) -> None:
    proj = project()
    with pytest.raises(ExportError, match="zip"):
        write_ics(proj, proj.scenarios[0], tmp_path / "all.ics", view="teacher")


def test_folder_output(tmp_path: Path) -> None:
    proj = project()
    written = write_ics(proj, proj.scenarios[0], tmp_path / "cals", view="room")
    assert sorted(p.name for p in written) == ["room-r1.ics", "room-r2.ics"]


def test_text_is_escaped_and_long_lines_folded(tmp_path: Path) -> None:
    proj = project()
    proj.rooms[0].name = "Room 101, East wing; 2nd floor \\ annex"
    proj.teachers[1].name = "Zoë Ōkawa-Brook"
    long_name = "Integrated Mathematics and Engineering Design Studio — Année 1 (ΣΔ)"
    proj.scenarios[0].section("math9").name = long_name
    (out,) = write_ics(proj, proj.scenarios[0], tmp_path / "t2.ics", entity="t2")
    raw = out.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded by octets
    events = _events(raw)
    math9 = [e for e in events if str(e.get("summary")) == long_name]
    assert len(math9) == 4
    assert str(math9[0].get("location")) == "Room 101, East wing; 2nd floor \\ annex"
    description = str(math9[0].get("description"))
    assert "Teachers: Zoë Ōkawa-Brook" in description and "Term: Term 1" in description
    assert description.splitlines()[0] == "A day · 10:10–11:00" or description.splitlines()[0].startswith("B day")


def test_a_meeting_moved_within_its_day_keeps_its_uid(tmp_path: Path) -> None:
    from dlp_tiny_school import h

    proj = project()
    scenario = proj.scenarios[0]
    before = write_ics(proj, scenario, tmp_path / "a.ics", entity="t2", stamp=datetime(2026, 1, 1, tzinfo=UTC))[0]
    math9_a = next(p for p in scenario.solution.placements if p.section_id == "math9" and p.day_type_id == "A")
    math9_a.start, math9_a.end, math9_a.room_id = h(11, 30), h(12, 20), "r2"  # re-solved: block 3, the lab
    after = write_ics(proj, scenario, tmp_path / "b.ics", entity="t2", stamp=datetime(2026, 2, 1, tzinfo=UTC))[0]
    old = {str(e.get("uid")): e for e in _events(before.read_bytes())}
    new = {str(e.get("uid")): e for e in _events(after.read_bytes())}
    assert set(old) == set(new)  # a calendar app updates the two A-day events instead of adding two
    moved = [u for u in new if new[u].decoded("dtstart") != old[u].decoded("dtstart")]
    assert len(moved) == 2 and all(new[u].decoded("dtstart").hour == 11 for u in moved)
    assert {str(new[u].get("location")) for u in moved} == {"Lab 2"}


def test_a_late_start_day_has_its_own_times_and_no_advisory(tmp_path: Path) -> None:
    from dlp_tiny_school import with_late_start

    proj = with_late_start()
    (out,) = write_ics(proj, proj.scenarios[0], tmp_path / "c9.ics", entity="c9")
    events = _events(out.read_bytes())
    late = {str(e.get("summary")): e for e in events if e.decoded("dtstart").date() == date(2026, 9, 16)}
    assert set(late) == {"Humanities 9", "Science 9"}  # the late bells have no advisory block
    assert (late["Humanities 9"].decoded("dtstart"), late["Humanities 9"].decoded("dtend")) == (
        datetime(2026, 9, 16, 9, 30),
        datetime(2026, 9, 16, 10, 30),
    )
    assert late["Science 9"].decoded("dtstart") == datetime(2026, 9, 16, 11, 50)
    assert "Special day (late start)" in str(late["Science 9"].get("description"))
    assert "check the day's bell times" not in str(late["Science 9"].get("description"))
    assert len(events) == expected_events(proj, proj.scenarios[0], cohort="c9") - 1


def test_intersession_dates_hold_only_the_intersession_course(tmp_path: Path) -> None:
    from dlp_tiny_school import with_intersession

    proj = with_intersession()
    (out,) = write_ics(proj, proj.scenarios[0], tmp_path / "c9.ics", entity="c9")
    inside = [
        e for e in _events(out.read_bytes()) if date(2026, 9, 14) <= e.decoded("dtstart").date() <= date(2026, 9, 15)
    ]
    assert [(str(e.get("summary")), e.decoded("dtstart")) for e in inside] == [
        ("Lab week", datetime(2026, 9, 15, 11, 30))
    ]


def test_time_zone_gives_tzid_times_and_a_vtimezone_with_the_same_uids(tmp_path: Path) -> None:
    from zoneinfo import ZoneInfo

    proj = project()
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    floating = write_ics(proj, proj.scenarios[0], tmp_path / "a.ics", entity="t2", stamp=stamp)[0]
    proj.scenarios[0].calendar.time_zone = "America/Chicago"
    zoned = write_ics(proj, proj.scenarios[0], tmp_path / "b.ics", entity="t2", stamp=stamp)[0]
    calendar = Calendar.from_ical(zoned.read_bytes())
    [vtimezone] = [c for c in calendar.walk() if c.name == "VTIMEZONE"]
    assert str(vtimezone.get("tzid")) == "America/Chicago"
    events = _events(zoned.read_bytes())
    first = min(e.decoded("dtstart") for e in events)
    assert first == datetime(2026, 9, 7, 8, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert first.utcoffset() is not None and first.utcoffset().total_seconds() == -5 * 3600  # CDT
    assert all(e.decoded("dtend").tzinfo is not None for e in events)
    assert [str(e.get("uid")) for e in events] == [str(e.get("uid")) for e in _events(floating.read_bytes())]
    assert b"TZID=" not in floating.read_bytes() and b"VTIMEZONE" not in floating.read_bytes()
    assert all(e.decoded("dtstart").tzinfo is None for e in _events(floating.read_bytes()))


def test_an_unknown_time_zone_is_a_clear_export_error(tmp_path: Path) -> None:
    proj = project()
    proj.scenarios[0].calendar.time_zone = "America/Springfield"
    with pytest.raises(ExportError, match=r"America/Springfield.*not a known IANA time zone"):
        write_ics(proj, proj.scenarios[0], tmp_path / "a.ics", entity="t2")
