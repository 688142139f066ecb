"""iCalendar (.ics) exports: real dated events through the school year, one calendar per owner.

Each meeting becomes one event per school date of its day type (the rotation, holidays, days
without students and terms applied), in floating local time (the project has no time zone).
UIDs are derived from the project, scenario, owner, meeting and date only, so exporting again
after a re-solve updates events in a calendar app instead of duplicating them.
"""

from __future__ import annotations

import hashlib
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

from icalendar import Calendar, Event

from dlplanner.domain import Project, Scenario
from dlplanner.io.exports.common import Entry, ExportError, Owner, Timetable

DEFAULT_VIEWS = ("teacher", "cohort")
PRODID = "-//dlplanner//timetable export//EN"


def event_uid(tt: Timetable, owner: Owner, entry: Entry, day: date) -> str:
    """Stable across exports: the same meeting of the same owner on the same date keeps its UID."""
    key = "|".join(
        [
            tt.project.name,
            tt.scenario.id,
            owner.kind,
            owner.id,
            entry.event.kind,
            entry.event.record_id,
            str(entry.event.meeting),
            day.isoformat(),
        ]
    )
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()[:24]}@dlplanner"


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def build_calendar(tt: Timetable, owner: Owner, stamp: datetime | None = None) -> Calendar:
    """One VCALENDAR with a VEVENT per entry of ``owner`` per school date it happens."""
    stamp = stamp or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = f"{tt.school_name} — {owner.title} ({tt.scenario.name})"
    cal.add("x-wr-calname", name)
    for day, day_type_id, entries in tt.dated(owner.entries):
        for entry in entries:
            event = Event()
            event.add("uid", event_uid(tt, owner, entry, day))
            event.add("dtstamp", stamp)
            event.add("dtstart", _at(day, entry.start))
            event.add("dtend", _at(day, entry.end))
            event.add("summary", entry.title)
            if entry.room:
                event.add("location", entry.room)
            details = [f"{tt.day_name(day_type_id)} · {entry.time}", f"Subject: {entry.subject}"]
            if entry.teachers:
                details.append("Teachers: " + ", ".join(entry.teachers))
            if entry.cohorts:
                details.append("Cohorts: " + ", ".join(entry.cohorts))
            if entry.term:
                details.append(f"Term: {entry.term}")
            special = tt.special_label(day)
            if special:
                details.append(f"Special day ({special}): check the day's bell times")
            details.append(f"Scenario: {tt.scenario.name}")
            event.add("description", "\n".join(details))
            event.add("categories", [entry.subject])
            cal.add_component(event)
    return cal


def write_ics(
    project: Project,
    scenario: Scenario,
    out: Path,
    view: str | None = None,
    entity: str | None = None,
    stamp: datetime | None = None,
) -> list[Path]:
    """Write calendars: ``x.zip`` (one .ics per owner), ``x.ics`` (the whole school or ``entity``), or a folder."""
    tt = Timetable(project, scenario)
    if entity:
        owners = [o for o in tt.owners_for(view, (*DEFAULT_VIEWS, "room")) if entity in (o.id, o.name)]
        if not owners:
            raise ExportError(f"No teacher, cohort or room '{entity}' in project '{project.name}'")
        owners = owners[:1]
    elif out.suffix.lower() == ".ics":
        if view not in (None, "master"):
            raise ExportError(f"One .ics file holds one calendar: export the {view} view to a .zip or a folder")
        owners = tt.owners("master")
    else:
        owners = tt.owners_for(None if view == "master" else view, DEFAULT_VIEWS)
    if out.suffix.lower() == ".ics":
        out.write_bytes(build_calendar(tt, owners[0], stamp).to_ical())
        return [out]
    files = {f"{o.slug}.ics": build_calendar(tt, o, stamp).to_ical() for o in owners}
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
