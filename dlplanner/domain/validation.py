"""Pre-solve validation: find what makes a scenario impossible (or suspicious) before solving it.

The solver can only say "infeasible"; these checks say *why* in words a scheduler can act on
("Ms. Rivera must teach 1,650 min per cycle but may teach at most 1,500 min"). Errors block
solving; warnings and infos are shown but do not. Each problem has a stable ``code``.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from zoneinfo import available_timezones

from dlplanner.domain.calendar import WEEKDAYS, RotationKind, SchoolYear
from dlplanner.domain.geometry import (
    Interval,
    Sitting,
    advisory_sittings,
    away_intervals,
    class_runs,
    common_free_minutes,
    day_blocks,
    free_minutes,
    in_term_slice,
    meeting_spans,
    slice_names,
    term_slices,
)
from dlplanner.domain.model import (
    Advisory,
    Block,
    BlockKind,
    PairingKind,
    Project,
    Scenario,
    Section,
    fmt_minutes,
    fmt_time,
)
from dlplanner.domain.problems import RecordRef, named

MAX_ADVISORY_SIZE = 18


class Severity(StrEnum):
    ERROR = "error"  # blocks solving
    WARNING = "warning"
    INFO = "info"


@dataclass
class Problem:
    severity: Severity
    code: str
    message: str
    records: list[RecordRef] = field(default_factory=list)


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop the solver from running."""
    return [p for p in problems if p.severity == Severity.ERROR]


def validate(project: Project, scenario: Scenario | None = None) -> list[Problem]:
    """Every problem of the project, and of one scenario (or of every scenario when None)."""
    problems = _project_problems(project)
    scenarios = [scenario] if scenario is not None else project.scenarios
    for one in scenarios:
        found = _ScenarioValidator(project, one).run()
        if scenario is None:
            for problem in found:
                problem.message += f" (scenario {one.name})"
        problems.extend(found)
    return problems


# -- small helpers -------------------------------------------------------------------------------


def _ref(kind: str, record: object) -> RecordRef:
    return RecordRef(kind, getattr(record, "id", ""), getattr(record, "name", "") or getattr(record, "id", ""))


def _max_disjoint(intervals: list[Interval]) -> int:
    count, last_end = 0, None
    for s, e in sorted(intervals, key=lambda i: i[1]):
        if last_end is None or s >= last_end:
            count += 1
            last_end = e
    return count


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- project-level problems ----------------------------------------------------------------------


def _duplicates(items: list, kind: str, what: str) -> list[Problem]:
    problems = []
    for item_id, n in Counter(item.id for item in items).items():
        if n > 1:
            names = ", ".join(repr(i.name) for i in items if i.id == item_id)
            first = next(i.name for i in items if i.id == item_id)
            problems.append(
                Problem(
                    Severity.ERROR,
                    "duplicate_id",
                    f"{_plural(n, what)} share the id '{item_id}' ({names})",
                    [RecordRef(kind, item_id, first)],
                )
            )
    return problems


def _project_problems(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    for items, kind, what in [
        (project.subjects, "subject", "subject"),
        (project.teachers, "teacher", "teacher"),
        (project.rooms, "room", "room"),
        (project.campuses, "campus", "campus"),
        (project.cohorts, "cohort", "cohort"),
        (project.advisories, "advisory", "advisory"),
        (project.teams, "team", "team"),
        (project.scenarios, "scenario", "scenario"),
    ]:
        problems += _duplicates(items, kind, what)
    subjects = {s.id for s in project.subjects}
    teachers = {t.id: t for t in project.teachers}
    cohorts = {c.id for c in project.cohorts}
    rooms = {r.id for r in project.rooms}
    campuses = {c.id for c in project.campuses}

    def unknown(record_kind: str, record: object, field_what: str, value: str) -> Problem:
        label = getattr(record, "name", "") or getattr(record, "id", "")
        return Problem(
            Severity.ERROR,
            "unknown_reference",
            f"{record_kind.capitalize()} {label} refers to {field_what} '{value}', which does not exist",
            [_ref(record_kind, record)],
        )

    for teacher in project.teachers:
        problems += [unknown("teacher", teacher, "subject", s) for s in sorted(teacher.subject_ids - subjects)]
        if teacher.campus_id and teacher.campus_id not in campuses:
            problems.append(unknown("teacher", teacher, "campus", teacher.campus_id))
        if teacher.max_minutes_per_week is not None and teacher.max_minutes_per_week < 0:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "bad_number",
                    f"{teacher.name} has a negative maximum teaching load",
                    [_ref("teacher", teacher)],
                )
            )
    for room in project.rooms:
        if room.campus_id and room.campus_id not in campuses:
            problems.append(unknown("room", room, "campus", room.campus_id))
    for cohort in project.cohorts:
        if cohort.campus_id and cohort.campus_id not in campuses:
            problems.append(unknown("cohort", cohort, "campus", cohort.campus_id))
    for travel in project.travel:
        for campus_id in (travel.campus_a, travel.campus_b):
            if campus_id not in campuses:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        "unknown_reference",
                        f"Travel time {travel.campus_a}–{travel.campus_b} refers to campus '{campus_id}', "
                        "which does not exist",
                        [RecordRef("campus", campus_id, campus_id)],
                    )
                )
    sizes = advisory_sizes(project)
    for advisory in project.advisories:
        label = named("Advisory", advisory.name)
        problems += [unknown("advisory", advisory, "teacher", t) for t in advisory.advisor_pool if t not in teachers]
        if advisory.advisor_id and advisory.advisor_id not in teachers:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "advisor_unknown",
                    f"{label} has advisor '{advisory.advisor_id}', who is not a teacher of the school",
                    [_ref("advisory", advisory)],
                )
            )
        problems += [unknown("advisory", advisory, "cohort", c) for c in advisory.cohort_ids if c not in cohorts]
        if advisory.room_id and advisory.room_id not in rooms:
            problems.append(unknown("advisory", advisory, "room", advisory.room_id))
        size = sizes[advisory.id]
        if size > MAX_ADVISORY_SIZE:
            problems.append(
                Problem(
                    Severity.WARNING,
                    "advisory_too_big",
                    f"{label} has {size} students; advisories work best with at most {MAX_ADVISORY_SIZE}",
                    [_ref("advisory", advisory)],
                )
            )
    problems += _advisories_overfill_cohorts(project)
    for teacher in project.teachers:
        led = [a for a in project.advisories if a.advisor_id == teacher.id]
        if teacher.max_advisories is not None and len(led) > teacher.max_advisories:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "advisories_over_limit",
                    f"{teacher.name} leads {len(led)} advisories but may lead at most {teacher.max_advisories}; "
                    "give one to another advisor or raise the limit",
                    [_ref("teacher", teacher), *(_ref("advisory", a) for a in led)],
                )
            )
    for team in project.teams:
        problems += [unknown("team", team, "teacher", t) for t in team.member_ids if t not in teachers]
        problems += [unknown("team", team, "cohort", c) for c in team.cohort_ids if c not in cohorts]
        problems += [unknown("team", team, "cohort", c) for c in team.cohort_pool if c not in cohorts]
        pool = {c for c in team.cohort_pool if c in cohorts and c not in team.cohort_ids}
        if team.cohorts_needed > len(pool):
            problems.append(
                Problem(
                    Severity.ERROR,
                    "team_pool_too_small",
                    f"Team {team.name} needs {team.cohorts_needed} more cohort(s) but its pool holds {len(pool)}; "
                    "add cohorts to its pool or lower the number it needs",
                    [_ref("team", team)],
                )
            )
    for subject_id in sorted(set(project.minimums.subject_annual_minutes) - subjects):
        problems.append(
            Problem(
                Severity.ERROR,
                "unknown_reference",
                f"The project's minimums require annual minutes of subject '{subject_id}', which does not exist; "
                "remove that requirement or fix the subject id",
                [RecordRef("subject", subject_id, subject_id)],
            )
        )
    return problems


def _least_draw(advisory: Advisory, cohort_id: str, cohort_sizes: dict[str, int]) -> int:
    """The fewest students an advisory with a size set must take from one of its cohorts.

    All of them when it serves that cohort alone; with several cohorts, what its other cohorts
    cannot supply (so a mixed advisory is never blamed on a cohort that may not fill it).
    """
    others = sum(cohort_sizes.get(c, 0) for c in dict.fromkeys(advisory.cohort_ids) if c != cohort_id)
    return max(0, advisory.size - others)


def advisory_sizes(project: Project) -> dict[str, int]:
    """Students in each advisory (by id): its ``size``, or its share of its cohorts when ``size`` is 0.

    Advisories sharing a cohort split it into disjoint groups (docs/rules.md). An advisory with
    ``size`` 0 takes, from each of its cohorts, an even share (rounded up) of the students the
    cohort's advisories with a size set leave over: alone in its cohort, the whole cohort; two
    advisories of size 0 in a cohort of 27 have 14 each (the bigger half, so warnings are not missed).
    """
    cohort_sizes = {c.id: c.size for c in project.cohorts}
    taken: dict[str, int] = defaultdict(int)
    unsized: dict[str, int] = defaultdict(int)
    for advisory in project.advisories:
        for cohort_id in dict.fromkeys(advisory.cohort_ids):
            if advisory.size:
                taken[cohort_id] += _least_draw(advisory, cohort_id, cohort_sizes)
            else:
                unsized[cohort_id] += 1
    result = {}
    for advisory in project.advisories:
        if advisory.size:
            result[advisory.id] = advisory.size
            continue
        result[advisory.id] = sum(
            -(-max(0, cohort_sizes.get(c, 0) - taken[c]) // unsized[c]) for c in dict.fromkeys(advisory.cohort_ids)
        )
    return result


def _advisories_overfill_cohorts(project: Project) -> list[Problem]:
    """Advisories sharing a cohort are disjoint parts of it: together they hold at most its students."""
    cohort_sizes = {c.id: c.size for c in project.cohorts}
    problems = []
    for cohort in project.cohorts:
        if cohort.size <= 0:
            continue  # size not known: nothing to compare with
        mine = [a for a in project.advisories if a.size and cohort.id in a.cohort_ids]
        draws = [(a, _least_draw(a, cohort.id, cohort_sizes)) for a in mine]
        total = sum(n for _, n in draws)
        if total > cohort.size:
            listed = ", ".join(f"{a.name} ({n})" for a, n in draws if n)
            problems.append(
                Problem(
                    Severity.ERROR,
                    "advisories_overfill_cohort",
                    f"{named('Cohort', cohort.name)} has {cohort.size} students but its advisories {listed} "
                    f"hold {total}; advisories sharing a cohort split it, so make them smaller or the cohort bigger",
                    [_ref("cohort", cohort), *(_ref("advisory", a) for a, n in draws if n)],
                )
            )
    return problems


@cache
def _time_zones() -> frozenset[str]:
    """The IANA time zone names zoneinfo knows (the system's database or the tzdata package)."""
    return frozenset(available_timezones())


# -- the school year ------------------------------------------------------------------------------


def calendar_problems(year: SchoolYear, scenario: Scenario) -> list[Problem]:
    """What is wrong with a school year for a scenario: validation reports these, the calendar page refuses them.

    Unknown day types, bell schedules, terms and time zones are errors; dates that do not fit the
    year, an empty rotation or an unnamed holiday are warnings (they change dated counts and
    exports, not what the solver may do).
    """
    problems: list[Problem] = []
    scenario_ref = RecordRef("scenario", scenario.id, scenario.name)
    first, last = year.first_day, year.last_day
    span = f"{first.isoformat()} – {last.isoformat()}"
    day_types = {d.id for d in scenario.day_types}
    schedules = {b.id for b in scenario.bell_schedules}

    def add(severity: Severity, code: str, message: str, *records: RecordRef) -> None:
        problems.append(Problem(severity, code, message, list(records) or [scenario_ref]))

    def inside(day: date) -> bool:
        return first <= day <= last

    def check_span(what: str, start: date, end: date) -> None:
        if end < start:
            add(
                Severity.WARNING,
                "calendar_dates",
                f"{what} ends ({end.isoformat()}) before it starts ({start.isoformat()})",
            )
        elif not (inside(start) and inside(end)):
            add(
                Severity.WARNING,
                "calendar_dates",
                f"{what} ({start.isoformat()} – {end.isoformat()}) is not within the school year ({span})",
            )

    def unknown_day(where: str, day_type_id: str) -> None:
        if day_type_id not in day_types:
            add(
                Severity.ERROR,
                "unknown_reference",
                f"{where} refers to day type '{day_type_id}', which is not a day type of the scenario",
            )

    if last < first:
        add(
            Severity.WARNING,
            "calendar_dates",
            f"The last day ({last.isoformat()}) is before the first day ({first.isoformat()})",
        )
    zone = year.time_zone.strip()
    zones = _time_zones()
    if zone and zones and zone not in zones:
        add(
            Severity.ERROR,
            "unknown_time_zone",
            f"The calendar's time zone '{zone}' is not a known IANA time zone name; use one such as "
            "America/Chicago or Europe/Berlin, or leave it empty for floating times",
        )
    rotation = year.rotation
    if not rotation.school_weekdays:
        add(Severity.WARNING, "calendar_rotation", "Tick at least one school weekday")
    for weekday, day_type_id in sorted(rotation.weekday_map.items()):
        unknown_day(f"The rotation's {WEEKDAYS[weekday % 7]}", day_type_id)
    for position, day_type_id in enumerate(rotation.sequence):
        unknown_day(f"Day {position + 1} of the rotation's cycle", day_type_id)
    if rotation.kind == RotationKind.CYCLE and not rotation.sequence:
        add(Severity.WARNING, "calendar_rotation", "A cycle rotation needs at least one day type: add one to the cycle")
    for day, day_type_id in sorted(rotation.overrides.items()):
        if not inside(day):
            add(
                Severity.WARNING,
                "calendar_dates",
                f"The override on {day.isoformat()} is outside the school year ({span})",
            )
        unknown_day(f"The rotation's override for {day.isoformat()}", day_type_id)
    for holiday in year.holidays:
        name = holiday.name.strip() or "(no name)"
        if not holiday.name.strip():
            add(Severity.WARNING, "calendar_holiday_name", f"The holiday starting {holiday.start} needs a name")
        check_span(f"Holiday '{name}'", holiday.start, holiday.end)
    problems += _duplicates(year.terms, "term", "term")
    for term in year.terms:
        if not term.id.strip():
            add(Severity.WARNING, "term_without_id", f"The term '{term.name}' needs an id (sections name it by id)")
        check_span(f"Term '{term.id}'", term.start, term.end)
    term_ids = {t.id for t in year.terms}
    for term_id in sorted({s.term_id for s in scenario.sections if s.term_id and s.term_id not in term_ids}):
        limited = [s for s in scenario.sections if s.term_id == term_id]
        add(
            Severity.ERROR,
            "unknown_reference",
            f"Sections {', '.join(s.name for s in limited)} are limited to term '{term_id}', which the calendar "
            "does not have: change their Term on the Sections page, or add the term",
            *(_ref("section", s) for s in limited),
        )
    for day, n in Counter(s.day for s in year.special_days).items():
        if n > 1:
            add(
                Severity.WARNING,
                "duplicate_special_day",
                f"{n} special days fall on {day.isoformat()}: keep one per date",
            )
    for special in year.special_days:
        if not inside(special.day):
            add(
                Severity.WARNING,
                "calendar_dates",
                f"The special day on {special.day.isoformat()} is outside the school year ({span})",
            )
        if special.day_type_id:
            unknown_day(f"Special day {special.day.isoformat()}", special.day_type_id)
        if special.bell_schedule_id and special.bell_schedule_id not in schedules:
            when = f"Special day {special.day.isoformat()} ({special.kind.value.replace('_', ' ')})"
            add(
                Severity.ERROR,
                "unknown_reference",
                f"{when} follows bell schedule '{special.bell_schedule_id}', which does not exist; "
                "pick one of the scenario's bell schedules or clear it",
            )
    return problems


# -- scenario-level problems ---------------------------------------------------------------------


class _ScenarioValidator:
    def __init__(self, project: Project, scenario: Scenario) -> None:
        self.project = project
        self.scenario = scenario
        self.problems: list[Problem] = []
        self.teachers = {t.id: t for t in project.teachers}
        self.rooms = {r.id: r for r in project.rooms}
        self.cohorts = {c.id: c for c in project.cohorts}
        self.subjects = {s.id: s for s in project.subjects}
        self.teams = {t.id: t for t in project.teams}
        self.terms = {t.id: t for t in scenario.calendar.terms}
        # day type id -> its blocks (empty when the bell schedule is unknown)
        self.blocks: dict[str, list[Block]] = day_blocks(scenario)
        self.day_names = {d.id: d.name for d in scenario.day_types}
        self._sittings_of: dict[int, list[Sitting]] = {}

    def add(self, severity: Severity, code: str, message: str, *records: RecordRef) -> None:
        self.problems.append(Problem(severity, code, message, list(records)))

    def run(self) -> list[Problem]:
        self._ids()
        self._bell_schedules()
        self._day_types()
        self._calendar()
        self._internships()
        self._advisories()
        self._sections()
        self._teacher_load()
        self._cohort_demand()
        self._team_planning()
        from dlplanner.domain.capacity import capacity_problems  # late: capacity builds this module's Problems

        self.problems += capacity_problems(self.project, self.scenario)
        self._looping()
        self._windows()
        return self.problems

    # identities and references
    def _ids(self) -> None:
        s = self.scenario
        for items, kind, what in [
            (s.bell_schedules, "bell_schedule", "bell schedule"),
            (s.day_types, "day_type", "day type"),
            (s.sections, "section", "section"),
            (s.internships, "internship", "internship"),
        ]:
            self.problems += _duplicates(items, kind, what)
        counts = Counter(r.id for r in s.looping_rules)
        for rule_id, n in counts.items():
            if n > 1:
                self.add(
                    Severity.ERROR,
                    "duplicate_id",
                    f"{n} looping rules share the id '{rule_id}'",
                    RecordRef("looping_rule", rule_id, rule_id),
                )
        for schedule in s.bell_schedules:
            for block_id, n in Counter(b.id for b in schedule.blocks).items():
                if n > 1:
                    self.add(
                        Severity.ERROR,
                        "duplicate_id",
                        f"Bell schedule {schedule.name} has {n} blocks with the id '{block_id}'",
                        _ref("bell_schedule", schedule),
                    )

    def _bell_schedules(self) -> None:
        for schedule in self.scenario.bell_schedules:
            ref = _ref("bell_schedule", schedule)
            ordered = sorted(schedule.blocks, key=lambda b: (b.start, b.end))
            for block in ordered:
                if block.end <= block.start:
                    self.add(
                        Severity.ERROR,
                        "bad_block",
                        f"Block {block.label or block.id} of bell schedule {schedule.name} ends "
                        f"({fmt_time(block.end)}) before it starts ({fmt_time(block.start)})",
                        ref,
                        RecordRef("block", block.id, block.label or block.id),
                    )
            valid = [b for b in ordered if b.end > b.start]
            for a, b in itertools.pairwise(valid):
                if b.start < a.end:
                    self.add(
                        Severity.ERROR,
                        "blocks_overlap",
                        f"Blocks {a.label or a.id} ({fmt_time(a.start)}–{fmt_time(a.end)}) and "
                        f"{b.label or b.id} ({fmt_time(b.start)}–{fmt_time(b.end)}) of bell schedule "
                        f"{schedule.name} overlap",
                        ref,
                    )

    def _day_types(self) -> None:
        schedules = {b.id for b in self.scenario.bell_schedules}
        if not self.scenario.day_types:
            self.add(Severity.ERROR, "no_day_types", f"Scenario {self.scenario.name} has no day types")
        for day_type in self.scenario.day_types:
            ref = _ref("day_type", day_type)
            if day_type.bell_schedule_id not in schedules:
                self.add(
                    Severity.ERROR,
                    "unknown_reference",
                    f"Day type {day_type.name} follows bell schedule '{day_type.bell_schedule_id}', "
                    "which does not exist",
                    ref,
                )
            elif not any(b.kind == BlockKind.CLASS and b.end > b.start for b in self.blocks[day_type.id]):
                self.add(Severity.WARNING, "no_class_time", f"Day type {day_type.name} has no class time", ref)

    def _unknown_day_type(self, where: str, day_type_id: str, *records: RecordRef) -> None:
        self.add(
            Severity.ERROR,
            "unknown_reference",
            f"{where} refers to day type '{day_type_id}', which is not a day type of the scenario",
            *(records or [RecordRef("scenario", self.scenario.id, self.scenario.name)]),
        )

    def _calendar(self) -> None:
        """The school year (:func:`calendar_problems`) and what the special days' own bells lack."""
        calendar = self.scenario.calendar
        self.problems += calendar_problems(calendar, self.scenario)
        # a special day's own bell schedule should have the blocks its day type uses
        schedules = {b.id: b for b in self.scenario.bell_schedules}
        day_types: dict[date, str] | None = None
        for special in calendar.special_days:
            if special.bell_schedule_id is None or special.bell_schedule_id not in schedules:
                continue  # none, or an unknown one (reported by calendar_problems)
            schedule = schedules[special.bell_schedule_id]
            when = f"Special day {special.day.isoformat()} ({special.kind.value.replace('_', ' ')})"
            if day_types is None:
                day_types = dict(calendar.school_days())
            day_type_id = day_types.get(special.day)
            if day_type_id not in self.blocks:
                continue  # no school that day, or an unknown day type (reported above)
            have = {b.id for b in schedule.blocks}
            used = [b for b in self.blocks[day_type_id] if b.kind in (BlockKind.CLASS, BlockKind.ADVISORY)]
            missing = [b for b in used if b.id not in have]
            if missing:
                names = ", ".join(f"{b.label} ({b.id})" if b.label else b.id for b in missing)
                self.add(
                    Severity.WARNING,
                    "special_bells_missing_blocks",
                    f"{when} follows bell schedule {schedule.name}, which has no {names} of "
                    f"{self.day_names[day_type_id]}: what meets in {'it' if len(missing) == 1 else 'them'} "
                    "does not happen that day",
                    _ref("bell_schedule", schedule),
                )

    def _internships(self) -> None:
        for internship in self.scenario.internships:
            ref = _ref("internship", internship)
            for cohort_id in internship.cohort_ids:
                if cohort_id not in self.cohorts:
                    self.add(
                        Severity.ERROR,
                        "unknown_reference",
                        f"Internship {internship.name} refers to cohort '{cohort_id}', which does not exist",
                        ref,
                    )
            for window in internship.windows:
                days = [window.day_type_id] if window.day_type_id else list(self.blocks)
                if window.day_type_id and window.day_type_id not in self.blocks:
                    self._unknown_day_type(f"Internship {internship.name}", window.day_type_id, ref)
                    continue
                for day_type_id in days:
                    blocks = self.blocks[day_type_id]
                    if not blocks:
                        continue
                    first, last = blocks[0].start, max(b.end for b in blocks)
                    if window.start < first or window.end > last:
                        self.add(
                            Severity.WARNING,
                            "internship_outside_day",
                            f"Internship {internship.name} window {fmt_time(window.start)}–{fmt_time(window.end)} "
                            f"on {self.day_names[day_type_id]} is outside the school day "
                            f"({fmt_time(first)}–{fmt_time(last)})",
                            ref,
                        )

    def _sittings(self, advisory: Advisory) -> list[Sitting]:
        """The advisory's sittings (:func:`dlplanner.domain.geometry.advisory_sittings`), worked out once."""
        found = self._sittings_of.get(id(advisory))
        if found is None:
            found = self._sittings_of[id(advisory)] = advisory_sittings(self.scenario, advisory, self.blocks)
        return found

    def _sat(self, advisories: Iterable[Advisory], day_type_id: str) -> list[Interval]:
        """The times on a day type when one of ``advisories`` sits."""
        return [(s.start, s.end) for a in advisories for s in self._sittings(a) if s.day_type_id == day_type_id]

    def _advisories(self) -> None:
        for advisory in self.project.advisories:
            ref = _ref("advisory", advisory)
            label = named("Advisory", advisory.name)
            for block_ref in advisory.meeting_blocks:
                if block_ref.day_type_id not in self.blocks:
                    self._unknown_day_type(label, block_ref.day_type_id, ref)
                elif not any(b.id == block_ref.block_id for b in self.blocks[block_ref.day_type_id]):
                    self.add(
                        Severity.ERROR,
                        "unknown_reference",
                        f"{label} meets in block '{block_ref.block_id}', which {self.day_names[block_ref.day_type_id]}"
                        " does not have",
                        ref,
                    )
            if not advisory.meeting_blocks and not self._sittings(advisory):
                has_blocks = any(b.kind == BlockKind.ADVISORY for blocks in self.blocks.values() for b in blocks)
                why = "all advisory blocks fall in its cohorts' internships" if has_blocks else "there is none"
                self.add(
                    Severity.ERROR,
                    "advisory_no_block",
                    f"{label} has no advisory block to meet in ({why})",
                    ref,
                )

        self._advisory_clashes()

    def _advisory_clashes(self) -> None:
        """Sittings are fixed by the bell schedule, so two that share an advisor or a room can never be solved."""
        for kind, key in (("advisor", lambda a: a.advisor_id), ("room", lambda a: a.room_id)):
            by_resource: dict[str, list[tuple[Advisory, str, Interval]]] = {}
            for advisory in self.project.advisories:
                if key(advisory):
                    for sitting in self._sittings(advisory):
                        by_resource.setdefault(key(advisory), []).append(
                            (advisory, sitting.day_type_id, (sitting.start, sitting.end))
                        )
            for resource, sittings in by_resource.items():
                reported: set[tuple[str, str]] = set()
                for (a, day_a, (s1, e1)), (b, day_b, (s2, e2)) in itertools.combinations(sittings, 2):
                    pair = (a.id, b.id)
                    if a is b or day_a != day_b or not (s1 < e2 and s2 < e1) or pair in reported:
                        continue
                    reported.add(pair)
                    who = (
                        self.teachers[resource].name
                        if kind == "advisor" and resource in self.teachers
                        else self.rooms[resource].name
                        if resource in self.rooms
                        else resource
                    )
                    self.add(
                        Severity.ERROR,
                        "advisory_clash",
                        f"{named('Advisory', a.name)} and {named('advisory', b.name)} both meet with {who} on "
                        f"{self.day_names[day_a]} {fmt_time(max(s1, s2))}–{fmt_time(min(e1, e2))}",
                        _ref("advisory", a),
                        _ref("advisory", b),
                    )

    # sections
    def _starts(self, section: Section) -> dict[str, list[Interval]]:
        """Every (start, end) a meeting of the section may take, per day type."""
        result: dict[str, list[Interval]] = {}
        for day_type_id, blocks in self.blocks.items():
            result[day_type_id] = meeting_spans(blocks, section)
        return result

    def _min_length(self, section: Section) -> int | None:
        lengths = [e - s for options in self._starts(section).values() for s, e in options]
        return min(lengths) if lengths else None

    def _sections(self) -> None:
        for section in self.scenario.sections:
            ref = _ref("section", section)
            for what, values, known in [
                ("subject", [section.subject_id], self.subjects),
                ("cohort", section.cohort_ids, self.cohorts),
                ("teacher", section.teacher_ids, self.teachers),
                ("teacher", section.teacher_pool, self.teachers),
                ("room", [section.room_id] if section.room_id else [], self.rooms),
            ]:
                for value in values:
                    if value not in known:
                        self.add(
                            Severity.ERROR,
                            "unknown_reference",
                            f"{section.name} refers to {what} '{value}', which does not exist",
                            ref,
                        )
            if section.meetings_per_cycle < 1:
                self.add(
                    Severity.ERROR,
                    "no_meetings",
                    f"{section.name} meets {section.meetings_per_cycle} times per cycle; it needs at least 1",
                    ref,
                )
            bad_length = (section.length_minutes is not None and section.length_minutes <= 0) or (
                section.length_minutes is None and section.length_blocks is not None and section.length_blocks < 1
            )
            if bad_length:
                self.add(Severity.ERROR, "bad_length", f"{section.name} has a length of zero or less", ref)
            else:
                self._section_fits(section, ref)
            self._section_room(section, ref)
            self._section_teachers(section, ref)

    def _length_text(self, section: Section) -> str:
        if section.length_minutes is not None:
            return f"{fmt_minutes(section.length_minutes)} min"
        return _plural(section.length_blocks or 1, "class block")

    def _section_fits(self, section: Section, ref: RecordRef) -> None:
        starts = self._starts(section)
        if not any(starts.values()):
            self.add(
                Severity.ERROR,
                "length_fits_nowhere",
                f"{section.name} lasts {self._length_text(section)}, which fits no class run of any day type",
                ref,
            )
            return
        possible = sum(_max_disjoint(options) for options in starts.values())
        if section.meetings_per_cycle > possible:
            self.add(
                Severity.ERROR,
                "too_many_meetings",
                f"{section.name} needs {section.meetings_per_cycle} meetings of {self._length_text(section)} per "
                f"cycle but at most {possible} fit in the cycle's class time",
                ref,
            )

    def _section_room(self, section: Section, ref: RecordRef) -> None:
        if not self.project.rooms:
            return
        need = self.project.seats_needed(section)
        features = sorted(section.room_features)
        wanted = " and ".join(
            [f"feature{'s' if len(features) > 1 else ''} {', '.join(f'`{f}`' for f in features)}"] if features else []
        )
        wanted = f"{wanted} and capacity ≥ {need}" if wanted else f"capacity ≥ {need}"
        if section.room_id:
            room = self.rooms.get(section.room_id)
            if room and (not section.room_features <= room.features or room.capacity < need):
                self.add(
                    Severity.ERROR,
                    "room_impossible",
                    f"{section.name} must meet in {room.name}, which does not have {wanted}",
                    ref,
                    _ref("room", room),
                )
            return
        if not any(section.room_features <= r.features and r.capacity >= need for r in self.project.rooms):
            self.add(Severity.ERROR, "room_impossible", f"No room with {wanted} for {section.name}", ref)

    def _section_teachers(self, section: Section, ref: RecordRef) -> None:
        subject = self.subjects.get(section.subject_id)
        subject_name = subject.name if subject else section.subject_id
        if section.fixed_teachers:
            for teacher_id in section.teacher_ids:
                teacher = self.teachers.get(teacher_id)
                if teacher and section.subject_id not in teacher.subject_ids:
                    self.add(
                        Severity.WARNING,
                        "teacher_not_qualified",
                        f"{teacher.name} teaches {section.name} but is not listed as qualified for {subject_name}",
                        ref,
                        _ref("teacher", teacher),
                    )
            return
        if section.teachers_needed < 1:
            self.add(
                Severity.ERROR, "no_teachers_needed", f"{section.name} needs no teacher (teachers needed < 1)", ref
            )
            return
        qualified = self.project.qualified_teachers(section)
        if not qualified:
            why = (
                "its teacher pool names no teacher of the school"
                if section.teacher_pool
                else (f"nobody is qualified for {subject_name}")
            )
            self.add(Severity.ERROR, "no_qualified_teacher", f"No qualified teacher for {section.name} ({why})", ref)
        elif len(qualified) < section.teachers_needed:
            self.add(
                Severity.ERROR,
                "pool_too_small",
                f"{section.name} needs {section.teachers_needed} teachers but only {len(qualified)} can teach it "
                f"({', '.join(t.name for t in qualified)})",
                ref,
            )

    # capacity: teachers and cohorts
    def _slices(self, sections: list[Section]) -> list[tuple[str, list[Section]]]:
        """Sections running together in each part of the year between term boundaries (domain geometry)."""
        parts = term_slices(self.terms, (s.term_id for s in sections))
        if parts == [frozenset()]:
            return [("", sections)]
        return [
            (
                f" in {slice_names(self.terms, active)}" if active else " outside the terms",
                [s for s in sections if in_term_slice(s.term_id, self.terms, active)],
            )
            for active in parts
        ]

    def _demand(self, sections: list[Section]) -> int:
        total = 0
        for section in sections:
            length = self._min_length(section)
            if length is not None and section.meetings_per_cycle > 0:
                total += section.meetings_per_cycle * length
        return total

    def _class_time(self, day_type_id: str) -> list[Interval]:
        return [(run[0].start, run[-1].end) for run in class_runs(self.blocks[day_type_id])]

    def _teacher_load(self) -> None:
        for teacher in self.project.teachers:
            own = [s for s in self.scenario.sections if teacher.id in s.teacher_ids]
            if not own:
                continue
            ref = _ref("teacher", teacher)
            available = 0
            advisories = [a for a in self.project.advisories if a.advisor_id == teacher.id]
            for day_type_id in self.blocks:
                runs = self._class_time(day_type_id)
                blocked = [(w.start, w.end) for w in teacher.unavailable if w.applies_to(day_type_id)]
                blocked += self._sat(advisories, day_type_id)
                available += free_minutes(runs, blocked)
            limit = (
                self.scenario.per_cycle_limit(teacher.max_minutes_per_week)
                if teacher.max_minutes_per_week is not None
                else None
            )
            for label, sections in self._slices(own):
                demand = self._demand(sections)
                if limit is not None and demand > limit:
                    self.add(
                        Severity.ERROR,
                        "teacher_overloaded",
                        f"{teacher.name} must teach {fmt_minutes(demand)} min per cycle{label} but may teach at most "
                        f"{fmt_minutes(limit)} min ({fmt_minutes(teacher.max_minutes_per_week or 0)} min per week)",
                        ref,
                    )
                if demand > available:
                    self.add(
                        Severity.ERROR,
                        "teacher_unavailable",
                        f"{teacher.name} must teach {fmt_minutes(demand)} min per cycle{label} but is available "
                        f"{fmt_minutes(available)} min",
                        ref,
                    )

    def _cohort_demand(self) -> None:
        for cohort in self.project.cohorts:
            own = [s for s in self.scenario.sections if cohort.id in s.cohort_ids]
            if not own:
                continue
            advisories = [a for a in self.project.advisories if cohort.id in a.cohort_ids]
            available = 0
            for day_type_id in self.blocks:
                runs = self._class_time(day_type_id)
                blocked = away_intervals(self.scenario.internships, [cohort.id], day_type_id)
                blocked += self._sat(advisories, day_type_id)
                available += free_minutes(runs, blocked)
            for label, sections in self._slices(own):
                demand = self._demand(sections)
                if demand > available:
                    self.add(
                        Severity.ERROR,
                        "cohort_overloaded",
                        f"{named('Cohort', cohort.name)} needs {fmt_minutes(demand)} min of classes{label} but has "
                        f"{fmt_minutes(available)} class minutes in the cycle",
                        _ref("cohort", cohort),
                    )

    def _team_planning(self) -> None:
        for team in self.project.teams:
            if team.planning_minutes_per_week <= 0:
                continue
            members = [self.teachers[m] for m in team.member_ids if m in self.teachers]
            needed = self.scenario.per_cycle_requirement(team.planning_minutes_per_week)
            # the most the members could have: every sitting of their advisories, no meeting yet
            sittings = [s for a in self.project.advisories for s in self._sittings(a)]
            member_ids = [m.id for m in members]
            possible = common_free_minutes(
                self.blocks.items(), self.teachers, member_ids, team.min_meeting_minutes, sittings
            )
            if possible < needed:
                self.add(
                    Severity.ERROR,
                    "team_planning_impossible",
                    f"{named('Team', team.name)} needs {fmt_minutes(needed)} min of common planning per cycle "
                    f"({fmt_minutes(team.planning_minutes_per_week)} min per week) but its members are all free "
                    f"for at most {fmt_minutes(possible)} min of class and planning blocks",
                    _ref("team", team),
                    *(_ref("teacher", m) for m in members),
                )

    def _looping(self) -> None:
        advisories = {a.id: a for a in self.project.advisories}
        for rule in self.scenario.looping_rules:
            ref = RecordRef("looping_rule", rule.id, rule.id)
            if rule.advisory_id is not None:
                advisory = advisories.get(rule.advisory_id)
                if advisory is None or rule.kind != PairingKind.ADVISOR:
                    self.add(
                        Severity.ERROR,
                        "unknown_reference" if advisory is None else "looping_rule_kind",
                        f"Looping rule {rule.id} refers to advisory '{rule.advisory_id}', which does not exist"
                        if advisory is None
                        else f"Looping rule {rule.id} is for advisory {advisory.name}: it can only keep its advisor "
                        "(kind 'advisor'); state subject teacher and team rules per cohort",
                        ref,
                    )
                    continue
                owner_name, owner_ref = named("Advisory", advisory.name), _ref("advisory", advisory)
                pairings = [
                    p
                    for p in self.project.prior_pairings
                    if p.kind == PairingKind.ADVISOR and p.advisory_id == rule.advisory_id
                ]
            else:
                cohort = self.cohorts.get(rule.cohort_id)
                if cohort is None:
                    self.add(
                        Severity.ERROR,
                        "unknown_reference",
                        f"Looping rule {rule.id} refers to cohort '{rule.cohort_id}', which does not exist",
                        ref,
                    )
                    continue
                owner_name, owner_ref = named("Cohort", cohort.name), _ref("cohort", cohort)
                pairings = [
                    p
                    for p in self.project.prior_pairings
                    if p.cohort_id == rule.cohort_id
                    and p.kind == rule.kind
                    and (rule.kind != PairingKind.SUBJECT_TEACHER or p.subject_id == rule.subject_id)
                ]
            what = rule.kind.value.replace("_", " ")
            if rule.kind == PairingKind.SUBJECT_TEACHER:
                subject = self.subjects.get(rule.subject_id or "")
                what = f"{subject.name if subject else rule.subject_id} teacher"
            strength = "hard" if rule.hard else "soft"
            if not pairings:
                self.add(
                    Severity.WARNING if rule.hard else Severity.INFO,
                    "looping_no_prior",
                    f"The {strength} looping rule for {owner_name}'s {what} has no pairing from last year to keep",
                    ref,
                    owner_ref,
                )
                continue
            if rule.kind == PairingKind.TEAM:
                gone = [p.team_id for p in pairings if p.team_id and p.team_id not in self.teams]
                left = [p.team_id for p in pairings if p.team_id in self.teams]
                kind_word = "team"
            else:
                gone = [t for p in pairings for t in p.teacher_ids if t not in self.teachers]
                left = [t for p in pairings for t in p.teacher_ids if t in self.teachers]
                kind_word = "teacher"
            if gone:
                severity = Severity.ERROR if rule.hard and not left else Severity.WARNING
                self.add(
                    severity,
                    "looping_prior_gone",
                    f"The {strength} looping rule for {owner_name}'s {what} keeps last year's {kind_word} "
                    f"{', '.join(repr(g) for g in gone)}, who is no longer in the school"
                    if kind_word == "teacher"
                    else f"The {strength} looping rule for {owner_name}'s {what} keeps last year's team "
                    f"{', '.join(repr(g) for g in gone)}, which no longer exists",
                    ref,
                    owner_ref,
                )

    def _windows(self) -> None:
        for teacher in self.project.teachers:
            for kind, windows in (("unavailable time", teacher.unavailable), ("avoid window", teacher.avoid)):
                for window in windows:
                    if window.day_type_id and window.day_type_id not in self.blocks:
                        self.add(
                            Severity.INFO,
                            "window_day_type_unknown",
                            f"{teacher.name}'s {kind} on day type '{window.day_type_id}' "
                            f"({fmt_time(window.start)}–{fmt_time(window.end)}) matches no day type of scenario "
                            f"{self.scenario.name}",
                            _ref("teacher", teacher),
                        )
