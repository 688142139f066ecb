"""iCalendar (.ics) exports: real dated events through the school year, one calendar per owner.

Each meeting becomes one event per school date of its day type (the rotation, holidays, days
without students, terms and intersessions applied), at that date's times (a late-start day with its
own bell schedule moves them). With the calendar's ``time_zone`` set the times carry that TZID and
the file holds its VTIMEZONE (made by the icalendar package from zoneinfo, covering the school
year); without it they are floating local time. UIDs are derived from the project, scenario,
owner, meeting and date only, so exporting again after a re-solve (or setting the time zone)
updates events in a calendar app instead of duplicating them.

The events are written here (RFC 5545: escaped text, lines folded at 75 octets, CRLF) rather than
with the icalendar package, which is about fifty times slower for a large school's 100,000 events;
the tests read every file back with icalendar's parser.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from icalendar import Timezone

from dlplanner.domain import Project, Scenario
from dlplanner.domain.metrics import special_bells
from dlplanner.io.exports.common import Entry, ExportError, Owner, Timetable

DEFAULT_VIEWS = ("teacher", "cohort")
PRODID = "-//dlplanner//timetable export//EN"


def event_uid(tt: Timetable, owner: Owner, entry: Entry, day: date, nth: int = 0) -> str:
    """Stable across exports: the ``nth`` meeting of a section (or advisory) on a date keeps its UID.

    The UID names the date, not the time, room or meeting number, so a re-solve that moves
    Tuesday's Biology from 8:00 to 10:10 updates the event in a calendar app instead of adding one.
    """
    key = "|".join(
        [
            tt.project.name,
            tt.scenario.id,
            owner.kind,
            owner.id,
            entry.event.kind,
            entry.event.record_id,
            day.isoformat(),
            str(nth),
        ]
    )
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:24]}@dlplanner"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(day: date, minutes: int) -> str:
    return datetime.combine(day, time(minutes // 60, minutes % 60)).strftime("%Y%m%dT%H%M%S")


@cache
def _vtimezone(tzid: str, first_day: date, last_day: date) -> tuple[str, ...]:
    """The VTIMEZONE lines of ``tzid`` for the school year (cached: building one takes a while)."""
    try:
        component = Timezone.from_tzid(
            tzid, first_date=first_day - timedelta(days=1), last_date=last_day + timedelta(2)
        )
    except ValueError:
        raise ExportError(
            f"The calendar's time zone '{tzid}' is not a known IANA time zone (e.g. America/Chicago); "
            "fix it on the Calendar page, or clear it to export floating times"
        ) from None
    return tuple(component.to_ical().decode("utf-8").splitlines())


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (continuation lines start with a space), never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current, size = [], [], 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space of a continuation line counts
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def build_calendar(tt: Timetable, owner: Owner, stamp: datetime | None = None) -> bytes:
    """One VCALENDAR with a VEVENT per entry of ``owner`` per school date it happens."""
    dtstamp = _stamp(stamp or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(f'{tt.school_name} — {owner.title} ({tt.scenario.name})')}",
    ]
    year = tt.scenario.calendar
    tzid = year.time_zone.strip()
    start_key, end_key = "DTSTART", "DTEND"
    if tzid:
        lines += _vtimezone(tzid, year.first_day, year.last_day)
        start_key, end_key = f"DTSTART;TZID={tzid}", f"DTEND;TZID={tzid}"
    own_times = set(special_bells(tt.scenario)) | {s.day for s in year.special_days if s.day_type_id}
    for day, day_type_id, entries in tt.dated(owner.entries):
        special = tt.special_label(day)
        own_bells = day in own_times
        seen: dict[tuple[str, str], int] = {}
        for entry in sorted(entries, key=lambda e: (e.start, e.end)):
            nth = seen.get((entry.event.kind, entry.event.record_id), 0)
            seen[(entry.event.kind, entry.event.record_id)] = nth + 1
            words = tt.words
            details = [f"{tt.day_name(day_type_id)} · {entry.time}", words("Subject: {name}", name=entry.subject)]
            if entry.teachers:
                details.append(words("Teachers: {names}", names=", ".join(entry.teachers)))
            if entry.cohorts:
                details.append(words("Cohorts: {names}", names=", ".join(entry.cohorts)))
            if entry.term:
                details.append(words("Term: {name}", name=entry.term))
            if special:
                phrase = "Special day ({name})" if own_bells else "Special day ({name}): check the day's bell times"
                details.append(words(phrase, name=special))
            details.append(words("Scenario: {name}", name=tt.scenario.name))
            lines += [
                "BEGIN:VEVENT",
                f"UID:{event_uid(tt, owner, entry, day, nth)}",
                f"DTSTAMP:{dtstamp}",
                f"{start_key}:{_local(day, entry.start)}",
                f"{end_key}:{_local(day, entry.end)}",
                f"SUMMARY:{_text(entry.title)}",
            ]
            if entry.room:
                lines.append(f"LOCATION:{_text(entry.room)}")
            lines += [
                f"DESCRIPTION:{_text(chr(10).join(details))}",
                f"CATEGORIES:{_text(entry.subject)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def write_ics(
    project: Project,
    scenario: Scenario,
    out: Path,
    view: str | None = None,
    entity: str | None = None,
    stamp: datetime | None = None,
    student_ids: Collection[str] | None = None,
    language: str = "en",
) -> list[Path]:
    """Write calendars: ``x.zip`` (one .ics per owner), ``x.ics`` (the whole school, ``entity``, or the one
    student of ``student_ids``), or a folder. The student view: one calendar per student of ``student_ids``.
    dlplanner's own words in the events are in ``language``."""
    tt = Timetable(project, scenario, student_ids, language)
    if view == "student" and not entity:
        owners = tt.owners("student")
        if not owners:
            raise ExportError("No student to export: the project has no students (or none matches)")
        if out.suffix.lower() == ".ics" and len(owners) > 1:
            raise ExportError(
                f"One .ics file holds one calendar: export {len(owners)} students to a .zip or a folder, "
                "or choose one student"
            )
    elif entity:
        owners = [o for o in tt.owners_for(view, (*DEFAULT_VIEWS, "room")) if entity in (o.id, o.name)]
        if not owners:
            what = "student" if view == "student" else "teacher, cohort or room"
            raise ExportError(f"No {what} '{entity}' in project '{project.name}'")
        owners = owners[:1]
    elif out.suffix.lower() == ".ics":
        if view not in (None, "master"):
            raise ExportError(f"One .ics file holds one calendar: export the {view} view to a .zip or a folder")
        owners = tt.owners("master")
    else:
        owners = tt.owners_for(None if view == "master" else view, DEFAULT_VIEWS)
    if out.suffix.lower() == ".ics":
        out.write_bytes(build_calendar(tt, owners[0], stamp))
        return [out]
    files = {f"{o.slug}.ics": build_calendar(tt, o, stamp) for o in owners}
    if out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                zf.writestr(name, data)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written
