"""What every timetable export shares: display-ready entries, views (master, teacher, cohort, room, student), grids.

A day type's *slots* are its bell-schedule blocks without passing time, in order, each with its
real start and end; a grid puts the entries of one person, group or room on those slots (a double
block spans two slots). Exports only format what this module computes, so a PDF page, a sheet and
an HTML page of the same teacher always agree.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from dlplanner.domain import Block, BlockKind, DayType, Project, Scenario, fmt_time
from dlplanner.domain.metrics import ScheduleEvent, dated_pairs, schedule_events
from dlplanner.io.exports.words import Words

VIEWS = ("master", "teacher", "cohort", "room", "student")
INTERNSHIP_COLOR = "#b6d7a8"


class ExportError(Exception):
    """A user-facing export failure (unknown view, unsupported output path)."""


@dataclass(frozen=True)
class Entry:
    """One meeting or advisory sitting with names resolved for display."""

    event: ScheduleEvent
    title: str
    subject: str
    color: str
    room: str
    teachers: tuple[str, ...]
    cohorts: tuple[str, ...]
    term: str
    section_name: str

    @property
    def day_type_id(self) -> str:
        return self.event.day_type_id

    @property
    def start(self) -> int:
        return self.event.start

    @property
    def end(self) -> int:
        return self.event.end

    @property
    def time(self) -> str:
        return f"{fmt_time(self.start)}–{fmt_time(self.end)}"

    @property
    def is_advisory(self) -> bool:
        return self.event.kind == "advisory"

    @property
    def is_internship(self) -> bool:
        return self.event.kind == "internship"


KIND_LABELS = {
    "teacher": "Teacher",
    "cohort": "Cohort",
    "room": "Room",
    "student": "Student",
    "master": "Master schedule",
}


@dataclass
class Owner:
    """Whose timetable a page, sheet or calendar shows: a teacher, cohort, room or student (or the master)."""

    kind: str  # "teacher", "cohort", "room", "student", "master"
    id: str
    name: str
    entries: list[Entry] = field(default_factory=list)
    file_slug: str = ""  # set by Timetable.owners so that no two owners share a file name
    detail: str = ""  # a student's grade, cohort and advisory: shown under the title
    grade: int | None = None  # a student's grade
    kind_label: str = ""  # "Teacher", "Student"… in the export's language (set by Timetable.owners)

    @property
    def slug(self) -> str:
        """The owner's file name without suffix, e.g. ``teacher-t-garcia``: short and unique within its kind."""
        return f"{self.kind}-{self.file_slug or slugify(self.id)}"

    @property
    def title(self) -> str:
        label = self.kind_label or KIND_LABELS[self.kind]
        return label + ("" if self.kind == "master" else f": {self.name}")


@dataclass(frozen=True)
class SlotCell:
    """One cell of a grid column: ``span`` consecutive slots starting at ``first`` with these entries."""

    first: int
    span: int
    blocks: tuple[Block, ...]
    entries: tuple[Entry, ...]

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: str) -> str:
    """``value`` as a spreadsheet cannot run it: text starting like a formula gets a leading ``'``.

    OWASP's advice against CSV injection: a name such as ``=HYPERLINK(…)`` or ``@SUM(…)`` opened
    from a CSV file by Excel or LibreOffice would otherwise be a live formula.
    """
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


MAX_SLUG = 60  # file names stay far below the 255 bytes file systems allow


def slugify(text: str) -> str:
    """A file-name-safe form of ``text``; a long one is cut and ends in a digest of the whole."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"
    if len(slug) > MAX_SLUG:
        slug = f"{slug[:MAX_SLUG].rstrip('-')}-{digest(text)}"
    return slug


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def unique_slugs(ids: list[str]) -> dict[str, str]:
    """A distinct slug per id: ids whose slugs clash (``t.lee``, ``T-LEE``) get a digest of the id appended."""
    wanted = {i: slugify(i) for i in ids}
    clashes = Counter(wanted.values())
    result = {i: slug for i, slug in wanted.items() if clashes[slug] == 1}
    taken = set(result.values())
    for i in ids:
        if i in result:
            continue
        slug, n = f"{wanted[i]}-{digest(i)}", 2
        while slug in taken:
            slug, n = f"{wanted[i]}-{digest(i)}-{n}", n + 1
        result[i] = slug
        taken.add(slug)
    return result


class Timetable:
    """A scenario's timetable ready for display: entries, day types, slots and owners."""

    def __init__(
        self, project: Project, scenario: Scenario, student_ids: Collection[str] | None = None, language: str = "en"
    ) -> None:
        self.project = project
        self.scenario = scenario
        self.words = Words(language)  # the fixed words of family-facing pages in the family's language
        self.student_ids = None if student_ids is None else set(student_ids)  # the student view's students (None: all)
        subjects = {s.id: s for s in project.subjects}
        teachers = {t.id: t.name for t in project.teachers}
        rooms = {r.id: r.name for r in project.rooms}
        cohorts = {c.id: c.name for c in project.cohorts}
        sections = {s.id: s for s in scenario.sections}
        advisories = {a.id: a for a in project.advisories}
        terms = {t.id: t.name for t in scenario.calendar.terms}
        self.entries: list[Entry] = []
        for event in schedule_events(project, scenario):
            if event.kind == "meeting":
                section = sections[event.record_id]
                subject = subjects.get(section.subject_id)
                title, section_name = section.name, section.name
                subject_name = subject.name if subject else section.subject_id
                color = subject.color if subject else "#8aa4c8"
            else:
                advisory = advisories[event.record_id]
                named = "advis" in advisory.name.casefold() or "asesor" in advisory.name.casefold()
                title = advisory.name if named else self.words("Advisory {name}", name=advisory.name)
                section_name, subject_name, color = advisory.name, self.words("Advisory"), "#c8c8c8"
            self.entries.append(
                Entry(
                    event=event,
                    title=title,
                    subject=subject_name,
                    color=color or "#8aa4c8",
                    room=rooms.get(event.room_id or "", event.room_id or ""),
                    teachers=tuple(teachers.get(t, t) for t in event.teacher_ids),
                    cohorts=tuple(cohorts.get(c, c) for c in event.cohort_ids),
                    term=terms.get(event.term_id or "", event.term_id or ""),
                    section_name=section_name,
                )
            )
        self._schedules = {b.id: b for b in scenario.bell_schedules}

    # -- names -----------------------------------------------------------------------------
    @property
    def school_name(self) -> str:
        return self.project.school_name or self.project.name

    @property
    def day_types(self) -> list[DayType]:
        return list(self.scenario.day_types)

    def day_name(self, day_type_id: str) -> str:
        for d in self.scenario.day_types:
            if d.id == day_type_id:
                return d.name
        return day_type_id

    def bell_name(self, day_type_id: str) -> str:
        """The bell schedule's name, or "" when it only repeats the day type's name."""
        for d in self.scenario.day_types:
            if d.id == day_type_id and d.bell_schedule_id in self._schedules:
                name = self._schedules[d.bell_schedule_id].name
                return "" if name.casefold() == d.name.casefold() else name
        return ""

    # -- slots -----------------------------------------------------------------------------
    def slots(self, day_type_id: str) -> list[Block]:
        """The day type's blocks except passing time, in order of time."""
        for d in self.scenario.day_types:
            if d.id == day_type_id and d.bell_schedule_id in self._schedules:
                schedule = self._schedules[d.bell_schedule_id]
                return [b for b in schedule.sorted_blocks() if b.kind != BlockKind.PASSING]
        return []

    def teaching_slots(self, day_type_id: str) -> list[Block]:
        """Slots where meetings or sittings happen (class and advisory blocks): the master's columns."""
        return [b for b in self.slots(day_type_id) if b.kind in (BlockKind.CLASS, BlockKind.ADVISORY)]

    def day_span(self) -> tuple[int, int]:
        """Earliest start and latest end over every block and entry (for time-scaled drawings)."""
        starts = [b.start for d in self.day_types for b in self.slots(d.id)] + [e.start for e in self.entries]
        ends = [b.end for d in self.day_types for b in self.slots(d.id)] + [e.end for e in self.entries]
        return (min(starts, default=8 * 60), max(ends, default=15 * 60))

    # -- owners ----------------------------------------------------------------------------
    def owners(self, view: str) -> list[Owner]:
        """One owner per teacher, cohort or room (with their entries); the master view is one owner."""
        owners = self._owners(view)
        for owner in owners:
            owner.kind_label = self.words(KIND_LABELS[owner.kind])
        return owners

    def _owners(self, view: str) -> list[Owner]:
        if view == "master":
            return [Owner("master", "master", self.words("Master schedule"), list(self.entries))]
        if view == "teacher":
            records = [(t.id, t.name) for t in self.project.teachers]
            pick = lambda e, rid: rid in e.event.teacher_ids  # noqa: E731
        elif view == "cohort":
            records = [(c.id, c.name) for c in self.project.cohorts]
            pick = lambda e, rid: rid in e.event.cohort_ids  # noqa: E731
        elif view == "room":
            records = [(r.id, r.name) for r in self.project.rooms]
            pick = lambda e, rid: e.event.room_id == rid  # noqa: E731
        elif view == "student":
            return self.student_owners()
        else:
            raise ExportError(f"Unknown view '{view}' (views: {', '.join(VIEWS)})")
        slugs = unique_slugs([rid for rid, _ in records])
        return [Owner(view, rid, name, [e for e in self.entries if pick(e, rid)], slugs[rid]) for rid, name in records]

    def owners_for(self, view: str | None, default: tuple[str, ...] = VIEWS) -> list[Owner]:
        """Owners of one view, or of every view in ``default`` when ``view`` is None."""
        result: list[Owner] = []
        for v in (view,) if view else default:
            result.extend(self.owners(v))
        return result

    def student_owners(self) -> list[Owner]:
        """One owner per student (those of ``student_ids``, by grade, cohort and name): their cohort's
        meetings, the sittings of their advisory (else of their cohort's advisories), the open sections
        they are enrolled in, and their cohort's internship windows."""
        project, scenario = self.project, self.scenario
        chosen = [s for s in project.students if self.student_ids is None or s.id in self.student_ids]
        cohorts = {c.id: c.name for c in project.cohorts}
        advisories = {a.id: a.name for a in project.advisories}
        chosen.sort(key=lambda s: (s.grade, cohorts.get(s.cohort_id or "", ""), s.name.casefold(), s.id))
        meetings: dict[str, list[Entry]] = defaultdict(list)  # section id -> its meetings
        sittings: dict[str, list[Entry]] = defaultdict(list)  # advisory id -> its sittings
        of_cohort: dict[str, list[Entry]] = defaultdict(list)  # cohort id -> its meetings
        for entry in self.entries:
            if entry.event.kind == "meeting":
                meetings[entry.event.record_id].append(entry)
                for cohort_id in entry.event.cohort_ids:
                    of_cohort[cohort_id].append(entry)
            else:
                sittings[entry.event.record_id].append(entry)
        cohort_advisories: dict[str, list[str]] = defaultdict(list)
        for advisory in project.advisories:
            for cohort_id in advisory.cohort_ids:
                cohort_advisories[cohort_id].append(advisory.id)
        enrolled: dict[str, list[str]] = defaultdict(list)
        for enrolment in scenario.solution.enrolments:
            enrolled[enrolment.student_id].append(enrolment.section_id)
        away = self._internship_entries()
        order = {d.id: i for i, d in enumerate(scenario.day_types)}
        slugs = unique_slugs([s.id for s in chosen])
        owners = []
        for student in chosen:
            cohort = student.cohort_id or ""
            mine = list(of_cohort.get(cohort, []))
            seen = {id(e) for e in mine}
            mine += [e for sid in enrolled.get(student.id, []) for e in meetings.get(sid, []) if id(e) not in seen]
            advisory_ids = [student.advisory_id] if student.advisory_id else cohort_advisories.get(cohort, [])
            mine += [e for aid in advisory_ids for e in sittings.get(aid or "", [])]
            mine += away.get(cohort, [])
            mine.sort(key=lambda e: (order.get(e.day_type_id, len(order)), e.start, e.end, e.title))
            words = self.words
            detail = [words("Grade {grade}", grade=student.grade) if student.grade else ""]
            detail.append(words("Cohort {name}", name=cohorts.get(cohort, cohort)) if cohort else "")
            if student.advisory_id:
                detail.append(words("Advisory {name}", name=advisories.get(student.advisory_id, student.advisory_id)))
            owner = Owner("student", student.id, student.name, mine, slugs[student.id])
            owner.detail, owner.grade = " · ".join(d for d in detail if d), student.grade
            owners.append(owner)
        return owners

    def _internship_entries(self) -> dict[str, list[Entry]]:
        """Cohort id -> an entry per internship window of the cohort on each day type (the window itself,
        without travel), for students' timetables."""
        result: dict[str, list[Entry]] = defaultdict(list)
        cohorts = {c.id: c.name for c in self.project.cohorts}
        for internship in self.scenario.internships:
            number = 0
            for day in self.scenario.day_types:
                for window in internship.windows:
                    if not window.applies_to(day.id):
                        continue
                    event = ScheduleEvent(
                        kind="internship",
                        record_id=internship.id,
                        meeting=number,
                        day_type_id=day.id,
                        start=window.start,
                        end=window.end,
                        term_id=None,
                        room_id=None,
                        teacher_ids=(),
                        cohort_ids=tuple(internship.cohort_ids),
                    )
                    number += 1
                    entry = Entry(
                        event=event,
                        title=internship.name,
                        subject=self.words("Internship"),
                        color=INTERNSHIP_COLOR,
                        room="",
                        teachers=(),
                        cohorts=tuple(cohorts.get(c, c) for c in internship.cohort_ids),
                        term="",
                        section_name=internship.name,
                    )
                    for cohort_id in internship.cohort_ids:
                        result[cohort_id].append(entry)
        return result

    # -- grids -----------------------------------------------------------------------------
    def grid(self, entries: list[Entry], day_type_id: str) -> list[SlotCell]:
        """Cells of one day column: consecutive slots holding the same entries are merged."""
        slots = self.slots(day_type_id)
        todays = [e for e in entries if e.day_type_id == day_type_id]
        keys = []
        for block in slots:
            keys.append(tuple(e for e in todays if e.start < block.end and block.start < e.end))
        cells: list[SlotCell] = []
        i = 0
        while i < len(slots):
            j = i + 1
            while keys[i] and j < len(slots) and keys[j] == keys[i]:
                j += 1
            cells.append(SlotCell(i, j - i, tuple(slots[i:j]), keys[i]))
            i = j
        return cells

    def master_cell(self, teacher_id: str, day_type_id: str, block: Block) -> list[Entry]:
        return [
            e
            for e in self.entries
            if e.day_type_id == day_type_id
            and teacher_id in e.event.teacher_ids
            and e.start < block.end
            and block.start < e.end
        ]

    def master_rows(self) -> list[tuple[str, str]]:
        """(teacher id, name) of the master schedule's rows: every teacher, then unstaffed meetings."""
        rows = [(t.id, t.name) for t in self.project.teachers]
        if any(not e.event.teacher_ids for e in self.entries):
            rows.append(("", "(no teacher)"))
        return rows

    def master_entries(self, teacher_id: str, day_type_id: str, block: Block) -> list[Entry]:
        if teacher_id:
            return self.master_cell(teacher_id, day_type_id, block)
        return [
            e
            for e in self.entries
            if e.day_type_id == day_type_id and not e.event.teacher_ids and e.start < block.end and block.start < e.end
        ]

    # -- dates -----------------------------------------------------------------------------
    def special_label(self, day: date) -> str:
        """'late start: staff meeting' for a special day students attend, else ""."""
        for special in self.scenario.calendar.special_days:
            if special.day == day and special.students_attend:
                label = special.kind.value.replace("_", " ")
                return f"{label}: {special.note}" if special.note else label
        return ""

    def dated(self, entries: list[Entry] | None = None) -> list[tuple[date, str, list[Entry]]]:
        """Every school date with its day type and the entries on it, at that date's times.

        :func:`~dlplanner.domain.metrics.dated_events` decides (terms, intersessions, a special
        day's own bells); an entry retimed for a date is a copy holding the retimed event.
        """
        chosen = self.entries if entries is None else entries
        by_event = {id(e.event): e for e in chosen}

        def entry(original: ScheduleEvent, timed: ScheduleEvent) -> Entry:
            found = by_event[id(original)]
            return found if timed is original else dataclasses.replace(found, event=timed)

        events = [e.event for e in chosen]
        return [(day, dt, [entry(*pair) for pair in pairs]) for day, dt, pairs in dated_pairs(self.scenario, events)]


def block_label(block: Block) -> str:
    return block.label or block.id


def entry_lines(entry: Entry, owner_kind: str) -> list[str]:
    """The lines a grid cell shows for an entry, leaving out what the page's owner already says."""
    lines = [entry.title]
    details = []
    if owner_kind not in ("cohort", "student") and entry.cohorts:
        details.append(", ".join(entry.cohorts))
    if owner_kind != "teacher" and entry.teachers:
        details.append(", ".join(entry.teachers))
    if owner_kind != "room" and entry.room:
        details.append(entry.room)
    if entry.term:
        details.append(entry.term)
    if details:
        lines.append(" · ".join(details))
    return lines


def scenario_caption(tt: Timetable) -> str:
    year = tt.scenario.calendar
    label = f" · {year.label}" if year.label else ""
    words = tt.words
    return (
        f"{tt.school_name} · {words('scenario {name}', name=tt.scenario.name)}{label} · "
        f"{words.date(year.first_day)} – {words.date(year.last_day)}"
    )
