"""Capacity checks before solving: what the sections ask of rooms, teachers, cohorts and teams vs what exists.

A school whose demand exceeds a supply has no timetable, but the solver can take minutes to prove it,
or end "unknown" at its time limit with no reason. Each check here compares one demand with one supply
in plain numbers ("the 4 rooms with `gym` have 4 × 35 = 140 class blocks, 216 meetings need them").

Every check is a *necessary* condition, computed the generous way (shortest meeting lengths, every
class block counted as usable), so an ERROR is certain: no timetable can exist. A WARNING says a
demand takes nearly all of its supply (at least ``TIGHT`` of it): a timetable may exist, but it is
the likely reason when the solver finds none in time. Terms are read through the domain geometry: a
section only competes with the sections meeting in the same part of the year.

The groups, as in Hall's marriage theorem: the sections that can only use rooms of a group (rooms with
a feature, on a campus, one fixed room, all rooms) must fit in those rooms; the pool sections whose
candidates all belong to a group of teachers (one pool, one subject's teachers) must fit, with those
teachers' own sections, in what those teachers may teach.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from dlplanner.domain.calendar import Term
from dlplanner.domain.geometry import (
    Interval,
    advisory_sittings,
    away_intervals,
    free_minutes,
    in_term_slice,
    internship_blocks,
    overlap,
    term_slices,
    union_minutes,
)
from dlplanner.domain.model import Block, BlockKind, Project, Room, Scenario, Section, Teacher, fmt_minutes
from dlplanner.domain.problems import RecordRef, named
from dlplanner.domain.validation import Problem, Severity

TIGHT = 0.98  # a demand taking at least this share of its supply is worth a warning
MAX_NAMES = 4  # records named in one message before "and N more"


def capacity_problems(project: Project, scenario: Scenario) -> list[Problem]:
    """Every capacity problem of the scenario: rooms, teacher pools, teachers, cohorts, teams."""
    return _Capacity(project, scenario).run()


# -- small helpers -------------------------------------------------------------------------------


def _names(items: list[str]) -> str:
    if len(items) <= MAX_NAMES:
        return ", ".join(items)
    return f"{', '.join(items[:MAX_NAMES])} and {len(items) - MAX_NAMES} more"


@dataclass
class _Need:
    """What one section asks per cycle: its meetings, and the least each meeting can take."""

    section: Section
    meetings: int
    minutes: int  # the shortest meeting it can have
    blocks: int | None  # class blocks per meeting (None: a length in minutes)
    overlap: int  # the fewest class-block minutes one meeting can overlap


@dataclass
class _Group:
    """Rooms or teachers that a set of sections can only draw from."""

    label: str
    members: frozenset[str]


class _Capacity:
    def __init__(self, project: Project, scenario: Scenario) -> None:
        self.project, self.scenario = project, scenario
        self.problems: list[Problem] = []
        self.terms: dict[str, Term] = {t.id: t for t in scenario.calendar.terms}
        schedules = {b.id: b for b in scenario.bell_schedules}
        self.days = [d for d in scenario.day_types if d.bell_schedule_id in schedules]
        self.schedules = {d.id: schedules[d.bell_schedule_id] for d in self.days}
        self.blocks: dict[str, list[Block]] = {d: s.sorted_blocks() for d, s in self.schedules.items()}
        self.class_blocks = {d: [b for b in bl if b.kind == BlockKind.CLASS] for d, bl in self.blocks.items()}
        self.teachers: dict[str, Teacher] = {t.id: t for t in project.teachers}
        self.rooms: dict[str, Room] = {r.id: r for r in project.rooms}
        self.needs = [n for n in (self._need(s) for s in scenario.sections) if n is not None]
        self.parts = term_slices(self.terms, (n.section.term_id for n in self.needs))
        # a meeting allowed to span a break may take minutes outside the class runs: count the whole day then
        self.wide = any(n.section.allow_break_span for n in self.needs)
        self._running_cache: dict[frozenset[str], list[_Need]] = {}
        self.cohort_sizes = {c.id: c.size for c in project.cohorts}
        every_day = {d.id: self.blocks.get(d.id, []) for d in scenario.day_types}
        self.sittings = {
            a.id: [(s.day_type_id, s.block) for s in advisory_sittings(scenario, a, every_day)]
            for a in project.advisories
        }

    def run(self) -> list[Problem]:
        if not self.days:
            return []
        self._rooms()
        loads = self._teachers()
        self._cohorts()
        self._teams(loads)
        return self.problems

    def add(self, severity: Severity, code: str, message: str, records: list[RecordRef]) -> None:
        self.problems.append(Problem(severity, code, message, records))

    # geometry --------------------------------------------------------------------------------
    def _options(self, section: Section) -> dict[str, list[Interval]]:
        """(start, end) of every meeting the section may have, per day type (class runs, as meeting_length says)."""
        result: dict[str, list[Interval]] = {}
        for day in self.days:
            options: list[Interval] = []
            for run in self.schedules[day.id].class_runs(section.allow_break_span):
                for i, block in enumerate(run):
                    if section.length_minutes is not None:
                        if section.length_minutes > 0 and block.start + section.length_minutes <= run[-1].end:
                            options.append((block.start, block.start + section.length_minutes))
                    else:
                        k = section.length_blocks or 1
                        if k >= 1 and i + k <= len(run):
                            options.append((block.start, run[i + k - 1].end))
            result[day.id] = options
        return result

    def _need(self, section: Section) -> _Need | None:
        if section.meetings_per_cycle < 1:
            return None
        options = self._options(section)
        if not any(options.values()):
            return None  # fits nowhere: validation says so
        overlaps = [
            sum(b.minutes for b in self.class_blocks[day] if overlap(s, e, b.start, b.end))
            for day, spans in options.items()
            for s, e in spans
        ]
        return _Need(
            section,
            section.meetings_per_cycle,
            min(e - s for spans in options.values() for s, e in spans),
            (section.length_blocks or 1) if section.length_minutes is None else None,
            min(overlaps),
        )

    def _running(self, part: frozenset[str], needs: list[_Need] | None = None) -> list[_Need]:
        if needs is None:
            if part not in self._running_cache:
                self._running_cache[part] = self._running(part, self.needs)
            return self._running_cache[part]
        return [n for n in needs if in_term_slice(n.section.term_id, self.terms, part)]

    def _part_label(self, part: frozenset[str]) -> str:
        if len(self.parts) <= 1:
            return ""
        if not part:
            return " outside the terms"
        return " in " + ", ".join(self.terms[t].name for t in sorted(part, key=lambda t: self.terms[t].start))

    def _sittings_run(self, part: frozenset[str]) -> bool:
        """Advisories sit in every part of the year but an intersession (like year-long sections)."""
        return in_term_slice(None, self.terms, part)

    def _run_minutes(self, day: str, wide: bool) -> list[Interval]:
        return [(run[0].start, run[-1].end) for run in self.schedules[day].class_runs(wide)]

    # rooms -----------------------------------------------------------------------------------
    def _fitting_rooms(self, section: Section) -> frozenset[str]:
        if section.room_id:
            return frozenset([section.room_id]) if section.room_id in self.rooms else frozenset()
        need = section.min_capacity
        if need is None:
            enrolled = section.enrolment
            need = enrolled if enrolled is not None else sum(self.cohort_sizes.get(c, 0) for c in section.cohort_ids)
        return frozenset(r.id for r in self.project.rooms if section.room_features <= r.features and r.capacity >= need)

    def _room_groups(self) -> list[_Group]:
        rooms = self.project.rooms
        campuses = sorted({r.campus_id for r in rooms if r.campus_id})
        campus_names = {c.id: c.name for c in self.project.campuses}
        features = sorted({f for n in self.needs for f in n.section.room_features})
        groups: list[_Group] = []
        for feature in features:
            having = [r for r in rooms if feature in r.features]
            groups.append(_Group(f"rooms with `{feature}`", frozenset(r.id for r in having)))
            on = sorted({r.campus_id for r in having if r.campus_id})
            if len(on) > 1:
                for campus in on:
                    members = frozenset(r.id for r in having if r.campus_id == campus)
                    groups.append(_Group(f"rooms with `{feature}` on {campus_names.get(campus, campus)}", members))
        if len(campuses) > 1:
            for campus in campuses:
                members = frozenset(r.id for r in rooms if r.campus_id == campus)
                groups.append(_Group(f"rooms on {campus_names.get(campus, campus)}", members))
        for room_id in sorted({n.section.room_id for n in self.needs if n.section.room_id in self.rooms}):
            groups.append(_Group(f"{self.rooms[room_id].name} (their fixed room)", frozenset([room_id])))
        groups.append(_Group("the school's rooms", frozenset(r.id for r in rooms)))
        seen: set[frozenset[str]] = set()
        unique = []
        for group in groups:
            if group.members and group.members not in seen:
                seen.add(group.members)
                unique.append(group)
        return unique

    def _rooms(self) -> None:
        if not self.project.rooms:
            return
        fitting = {n.section.id: self._fitting_rooms(n.section) for n in self.needs}
        # a section no room fits is validation's room_impossible; it does not count against any group
        roomed = [n for n in self.needs if fitting[n.section.id]]
        for group in self._room_groups():
            for part in self.parts:
                inside = [n for n in self._running(part, roomed) if fitting[n.section.id] <= group.members]
                if inside:
                    self._room_group(group, inside, part)

    def _room_group(self, group: _Group, inside: list[_Need], part: frozenset[str]) -> None:
        rooms = len(group.members)
        meetings = sum(n.meetings for n in inside)
        if all(n.blocks is not None for n in inside):
            demand = sum(n.meetings * (n.blocks or 1) for n in inside)
            per_room = sum(len(blocks) for blocks in self.class_blocks.values())
            unit = "class blocks"
            asked = f"{fmt_minutes(demand)} class blocks" if demand != meetings else ""
        else:
            wide = any(n.section.allow_break_span for n in inside)
            demand = sum(n.meetings * n.minutes for n in inside)
            per_room = sum(union_minutes(self._run_minutes(d.id, wide)) for d in self.days)
            unit = "class minutes"
            asked = f"at least {fmt_minutes(demand)} room-minutes"
        supply = rooms * per_room
        severity = self._severity(demand, supply)
        if severity is None:
            return
        what = f"{fmt_minutes(meetings)} meetings per cycle{self._part_label(part)} must meet in {group.label}"
        if asked:
            what += f" ({asked})"
        those = "that room offers" if rooms == 1 else f"those {rooms} rooms offer"
        offer = f"{those} {rooms} × {fmt_minutes(per_room)} = {fmt_minutes(supply)} {unit}"
        if severity == Severity.ERROR:
            message = f"{what}, but {offer}: add rooms, or fewer or shorter meetings"
        else:
            message = f"{what}, and {offer}: {self._share(demand, supply)} full, which leaves the solver little room"
        sections = sorted(n.section.name for n in inside)
        message += f" (sections: {_names(sections)})"
        records = [RecordRef("room", r, self.rooms[r].name) for r in sorted(group.members)][:MAX_NAMES]
        self.add(severity, "rooms_over_capacity", message, records)

    # teachers --------------------------------------------------------------------------------
    def _teacher_supply(self, teacher: Teacher, part: frozenset[str]) -> tuple[int, str]:
        """Minutes per cycle the teacher can teach in a part of the year, and why no more."""
        available = 0
        sittings_run = self._sittings_run(part)
        for day in self.days:
            runs = self._run_minutes(day.id, self.wide)
            blocked = [(w.start, w.end) for w in teacher.unavailable if w.applies_to(day.id)]
            if sittings_run:
                blocked += [
                    (b.start, b.end)
                    for a in self.project.advisories
                    if self.scenario.solution.advisor_of(a) == teacher.id
                    for d, b in self.sittings.get(a.id, [])
                    if d == day.id
                ]
            available += free_minutes(runs, blocked)
        if teacher.max_minutes_per_week is not None:
            limit = self.scenario.per_cycle_limit(teacher.max_minutes_per_week)
            if limit <= available:
                weekly = fmt_minutes(teacher.max_minutes_per_week)
                return limit, f"may teach at most {fmt_minutes(limit)} min ({weekly} min per week)"
        return available, f"is free to teach {fmt_minutes(available)} min of the cycle's class time"

    def _teachers(self) -> dict[tuple[str, frozenset[str]], list[_Need]]:
        """Teachers that must take more than they can, alone or as a pool; returns each teacher's certain sections."""
        certain: dict[tuple[str, frozenset[str]], list[_Need]] = defaultdict(list)
        for part in self.parts:
            running = self._running(part)
            supply = {t.id: self._teacher_supply(t, part) for t in self.project.teachers}
            fixed: dict[str, list[_Need]] = defaultdict(list)
            candidates: dict[str, frozenset[str]] = {}
            for need in running:
                section = need.section
                if section.teacher_ids:
                    for tid in dict.fromkeys(section.teacher_ids):
                        fixed[tid].append(need)
                elif section.teachers_needed >= 1:
                    candidates[section.id] = frozenset(t.id for t in self.project.qualified_teachers(section))
            forced: dict[str, list[_Need]] = defaultdict(list)
            for need in running:
                pool = candidates.get(need.section.id)
                if pool and len(pool) <= need.section.teachers_needed:
                    for tid in pool:
                        forced[tid].append(need)
            for tid in self.teachers:
                certain[(tid, part)] = fixed[tid] + forced[tid]
                self._one_teacher(tid, fixed[tid], forced[tid], supply[tid], part)
            self._pools(running, candidates, fixed, supply, part)
        return certain

    def _one_teacher(
        self, tid: str, fixed: list[_Need], forced: list[_Need], supply: tuple[int, str], part: frozenset[str]
    ) -> None:
        """A teacher's own sections and the pool sections nobody else can teach, against what they may teach."""
        if not forced:
            return  # own sections alone: validation's teacher_overloaded / teacher_unavailable
        own = sum(n.meetings * n.minutes for n in fixed)
        theirs = sum(n.meetings * n.minutes for n in forced)
        cap, why = supply
        if own > cap:
            return  # reported by validation already
        severity = self._severity(own + theirs, cap)
        if severity is None:
            return
        teacher = self.teachers[tid]
        names = _names(sorted(n.section.name for n in forced))
        message = (
            f"{teacher.name} must teach {fmt_minutes(own + theirs)} min per cycle{self._part_label(part)} "
            f"({fmt_minutes(own)} of their own sections + {fmt_minutes(theirs)} of pool sections only they can "
            f"teach: {names}) but {why}"
        )
        if severity == Severity.WARNING:
            message += f": {self._share(own + theirs, cap)} of it"
        else:
            message += ": widen the pools or lighten the load"
        sections = (RecordRef("section", n.section.id, n.section.name) for n in forced)
        records = [RecordRef("teacher", tid, teacher.name), *sections]
        self.add(severity, "teacher_over_capacity", message, records[: MAX_NAMES + 1])

    def _pools(
        self,
        running: list[_Need],
        candidates: dict[str, frozenset[str]],
        fixed: dict[str, list[_Need]],
        supply: dict[str, tuple[int, str]],
        part: frozenset[str],
    ) -> None:
        """Each pool (and each subject's pools together) against its teachers' capacity, as a group."""
        subjects = {s.id: s.name for s in self.project.subjects}
        groups: dict[frozenset[str], str] = {}
        by_subject: dict[str, set[str]] = defaultdict(set)
        for need in running:
            pool = candidates.get(need.section.id)
            if pool:
                subject = subjects.get(need.section.subject_id, need.section.subject_id)
                groups.setdefault(pool, f"{subject} pool")
                by_subject[subject] |= pool
        for subject, members in sorted(by_subject.items()):
            groups.setdefault(frozenset(members), f"{subject} teachers")
        for members, label in groups.items():
            if len(members) < 2:
                continue  # one teacher: _one_teacher
            inside = [n for n in running if n.section.id in candidates and candidates[n.section.id] <= members]
            pooled = sum(n.section.teachers_needed * n.meetings * n.minutes for n in inside)
            own = sum(n.meetings * n.minutes for t in members for n in fixed[t])
            cap = sum(supply[t][0] for t in members)
            if any(sum(n.meetings * n.minutes for n in fixed[t]) > supply[t][0] for t in members):
                continue  # one of them is overloaded by their own sections: validation says so
            severity = self._severity(pooled + own, cap)
            if severity is None:
                continue
            who = _names(sorted(self.teachers[t].name for t in members))
            sections = _names(sorted(n.section.name for n in inside))
            message = (
                f"The {label} ({who}) must teach {fmt_minutes(pooled + own)} min per cycle{self._part_label(part)}: "
                f"{fmt_minutes(pooled)} of pool sections only they can teach ({sections}) + {fmt_minutes(own)} of "
                f"their own sections, but together they can teach at most {fmt_minutes(cap)} min"
            )
            if severity == Severity.WARNING:
                message += f" ({self._share(pooled + own, cap)} of it)"
            else:
                message += ": add teachers to the pool, or fewer or shorter meetings"
            records = [RecordRef("teacher", t, self.teachers[t].name) for t in sorted(members)]
            self.add(severity, "pool_over_capacity", message, records[:MAX_NAMES])

    # cohorts ---------------------------------------------------------------------------------
    def _cohorts(self) -> None:
        """A cohort's meetings each start at a distinct class block start free of internships and advisories."""
        of_cohort: dict[tuple[str, frozenset[str]], list[_Need]] = defaultdict(list)
        for part in self.parts:
            for need in self._running(part):
                for cohort_id in dict.fromkeys(need.section.cohort_ids):
                    of_cohort[(cohort_id, part)].append(need)
        for cohort in self.project.cohorts:
            advisories = [a for a in self.project.advisories if cohort.id in a.cohort_ids]
            for part in self.parts:
                mine = of_cohort.get((cohort.id, part), [])
                if not mine:
                    continue
                meetings = sum(n.meetings for n in mine)
                total = in_internship = in_advisory = minutes_free = 0
                for day in self.days:
                    sat = [b for a in advisories for d, b in self.sittings.get(a.id, []) if d == day.id]
                    runs = self._run_minutes(day.id, self.wide)
                    away = away_intervals(self.scenario.internships, [cohort.id], day.id)
                    blocked = away + ([(b.start, b.end) for b in sat] if self._sittings_run(part) else [])
                    minutes_free += free_minutes(runs, blocked)
                    for block in self.class_blocks[day.id]:
                        total += 1
                        if internship_blocks(self.scenario, [cohort.id], day.id, block.start, block.start + 1):
                            in_internship += 1
                        elif self._sittings_run(part) and any(b.start <= block.start < b.end for b in sat):
                            in_advisory += 1
                free = total - in_internship - in_advisory
                if meetings <= free or sum(n.meetings * n.minutes for n in mine) > minutes_free:
                    continue  # fits, or short of minutes too: validation's cohort_overloaded says so
                self.add(
                    Severity.ERROR,
                    "cohort_over_capacity",
                    f"{named('Cohort', cohort.name)} has {meetings} meetings per cycle{self._part_label(part)} but "
                    f"only {free} class blocks to start them in ({total} class blocks, {in_internship} during its "
                    f"internships, {in_advisory} during its advisories); each meeting needs a block of its own",
                    [RecordRef("cohort", cohort.id, cohort.name)],
                )

    # teams -----------------------------------------------------------------------------------
    def _teams(self, certain: dict[tuple[str, frozenset[str]], list[_Need]]) -> None:
        """Common planning is at most the members' common free blocks minus what the busiest member's classes take."""
        for team in self.project.teams:
            members = [self.teachers[m] for m in dict.fromkeys(team.member_ids) if m in self.teachers]
            need = self.scenario.per_cycle_requirement(team.planning_minutes_per_week)
            if need <= 0 or not members:
                continue
            for part in self.parts:
                counted = uncounted = 0
                for day in self.days:
                    busy = [(w.start, w.end) for m in members for w in m.unavailable if w.applies_to(day.id)]
                    if self._sittings_run(part):
                        busy += [
                            (b.start, b.end)
                            for a in self.project.advisories
                            if self.scenario.solution.advisor_of(a) in {m.id for m in members}
                            for d, b in self.sittings.get(a.id, [])
                            if d == day.id
                        ]
                    for block in self.blocks[day.id]:
                        if block.kind not in (BlockKind.CLASS, BlockKind.PLANNING):
                            continue
                        free = block.minutes >= team.min_meeting_minutes and not any(
                            overlap(s, e, block.start, block.end) for s, e in busy
                        )
                        if free:
                            counted += block.minutes
                        elif block.kind == BlockKind.CLASS:
                            uncounted += block.minutes
                if counted < need:
                    continue  # not even without classes: validation's team_planning_impossible
                taken = {m.id: sum(n.meetings * n.overlap for n in certain[(m.id, part)]) - uncounted for m in members}
                busiest = max(taken, key=lambda t: taken[t])
                best = counted - max(0, taken[busiest])
                severity = self._severity(need, best)
                if severity is None:
                    continue
                teacher = self.teachers[busiest]
                message = (
                    f"{named('Team', team.name)} needs {fmt_minutes(need)} min of common planning per cycle"
                    f"{self._part_label(part)} ({fmt_minutes(team.planning_minutes_per_week)} min per week) but can "
                    f"have at most {fmt_minutes(max(0, best))}: its members are all free of other duties in "
                    f"{fmt_minutes(counted)} min of class and planning blocks, and {teacher.name}'s classes take at "
                    f"least {fmt_minutes(counted - best)} of them"
                )
                message += ": lower the target or lighten that load" if severity == Severity.ERROR else ""
                records = [RecordRef("team", team.id, team.name), RecordRef("teacher", teacher.id, teacher.name)]
                self.add(severity, "team_planning_over_capacity", message, records)

    # verdicts --------------------------------------------------------------------------------
    @staticmethod
    def _severity(demand: int, supply: int) -> Severity | None:
        if demand > supply:
            return Severity.ERROR
        if demand > 0 and demand >= TIGHT * supply:
            return Severity.WARNING
        return None

    @staticmethod
    def _share(demand: int, supply: int) -> str:
        return f"{100 * demand / supply:.0f} %" if supply else "all"
