"""One student's week, and measures per group of students (cohort, pathway, grade, flag): stdlib only.

A student's week is what the checker's ``student_clash`` counts as theirs: the meetings of their cohort's
sections and of the sections they are enrolled in, the sittings of their cohort's advisories and of their
own advisory, and their cohort's internship windows (± travel). The board shows it; the Compare page
breaks its measures down by group of students with :func:`group_measures`, so a leader sees whether a
calendar shuts some students out of electives or leaves them idle between classes.

A project without students as people still has its cohorts: each cohort then stands for its students
(weighted by its size), so the break-down by cohort, pathway and grade works for every school.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from dlplanner.domain.geometry import advisory_sittings, away_windows, day_blocks, overlap
from dlplanner.domain.model import Block, BlockKind, Enrolment, Project, Scenario, Student
from dlplanner.domain.students import request_outcomes

#: How the Compare page may break its measures down: key -> label.
GROUP_KINDS: dict[str, str] = {"cohort": "Cohort", "pathway": "Pathway", "grade": "Grade", "flag": "Student flag"}

ALL_STUDENTS = "All students"

Interval = tuple[int, int]


@dataclass
class StudentWeek:
    """What belongs to one student's week in a scenario (ids of sections, advisories, internships)."""

    student_id: str
    cohort_id: str | None
    cohort_section_ids: set[str] = field(default_factory=set)
    enrolled_section_ids: set[str] = field(default_factory=set)
    advisory_ids: set[str] = field(default_factory=set)
    internship_ids: set[str] = field(default_factory=set)

    @property
    def section_ids(self) -> set[str]:
        return self.cohort_section_ids | self.enrolled_section_ids


def student_week(
    project: Project, scenario: Scenario, student: Student, enrolments: Iterable[Enrolment] | None = None
) -> StudentWeek:
    """The sections, advisories and internships of ``student``'s week (enrolments: the scenario's by default)."""
    enrolments = scenario.solution.enrolments if enrolments is None else enrolments
    cohort = student.cohort_id
    week = StudentWeek(student.id, cohort)
    if cohort:
        week.cohort_section_ids = {s.id for s in scenario.sections if cohort in s.cohort_ids}
        week.advisory_ids = {a.id for a in project.advisories if cohort in a.cohort_ids}
        week.internship_ids = {i.id for i in scenario.internships if cohort in i.cohort_ids}
    known = {s.id for s in scenario.sections}
    week.enrolled_section_ids = {e.section_id for e in enrolments if e.student_id == student.id} & known
    if student.advisory_id and any(a.id == student.advisory_id for a in project.advisories):
        week.advisory_ids.add(student.advisory_id)
    return week


def week_intervals(
    project: Project, scenario: Scenario, week: StudentWeek, blocks_by_day: Mapping[str, Sequence[Block]] | None = None
) -> dict[str, list[Interval]]:
    """Day type id -> the (start, end) stretches the student is busy: meetings, sittings, away on internship."""
    blocks_by_day = day_blocks(scenario) if blocks_by_day is None else blocks_by_day
    busy: dict[str, list[Interval]] = defaultdict(list)
    for p in scenario.solution.placements:
        if p.section_id in week.section_ids:
            busy[p.day_type_id].append((p.start, p.end))
    for advisory in project.advisories:
        if advisory.id in week.advisory_ids:
            for sitting in advisory_sittings(scenario, advisory, blocks_by_day):
                busy[sitting.day_type_id].append((sitting.start, sitting.end))
    for internship in scenario.internships:
        if internship.id in week.internship_ids:
            for day in scenario.day_types:
                busy[day.id] += [
                    (away_from, away_until) for _, _, away_from, away_until in away_windows(internship, day.id)
                ]
    return busy


def free_and_gaps(
    scenario: Scenario, busy: Mapping[str, list[Interval]], blocks_by_day: Mapping[str, Sequence[Block]]
) -> tuple[int, int]:
    """Over one cycle: minutes of class blocks with nothing to attend, and idle class blocks between a
    day's first and last commitment (a "gap", as the student-gaps report counts them)."""
    free = gaps = 0
    for day in scenario.day_types:
        mine = busy.get(day.id, [])
        class_blocks = [b for b in blocks_by_day.get(day.id, []) if b.kind == BlockKind.CLASS]
        used = [any(overlap(b.start, b.end, s, e) for s, e in mine) for b in class_blocks]
        for block, taken in zip(class_blocks, used, strict=True):
            if not taken:
                free += block.minutes
        if any(used):
            first, last = used.index(True), len(used) - 1 - used[::-1].index(True)
            gaps += sum(1 for i in range(first, last + 1) if not used[i])
    return free, gaps


@dataclass
class GroupMeasures:
    """One group's students and how the scenario serves them (means are per student, per cycle)."""

    group: str
    students: int = 0
    requests: int = 0
    requests_met: int = 0  # by the subject asked for or by an alternate
    rank1_requests: int = 0
    rank1_met: int = 0  # by the subject asked for itself
    free_minutes: float = 0.0  # mean class-block minutes with nothing to attend, per cycle
    gap_blocks: float = 0.0  # mean idle class blocks between classes, per cycle
    full_schedules: int = 0  # students with every request met (by an alternate too)

    @property
    def met_percent(self) -> float | None:
        return round(100 * self.requests_met / self.requests, 1) if self.requests else None

    @property
    def rank1_percent(self) -> float | None:
        return round(100 * self.rank1_met / self.rank1_requests, 1) if self.rank1_requests else None


def _members(project: Project) -> list[tuple[Student, int]]:
    """The students as people with weight 1, or, in a project without students, each cohort as its students."""
    if project.students:
        return [(s, 1) for s in project.students]
    return [
        (Student(f"cohort:{c.id}", c.name, c.grade, c.id, pathway=c.pathway), max(c.size, 0)) for c in project.cohorts
    ]


def groups_of(project: Project, student: Student, by: str) -> list[str]:
    """The groups a student belongs to when measures are broken down ``by`` (see :data:`GROUP_KINDS`)."""
    cohort = next((c for c in project.cohorts if c.id == student.cohort_id), None)
    if by == "cohort":
        return [cohort.name if cohort else "(no cohort)"]
    if by == "pathway":
        pathway = student.pathway or (cohort.pathway if cohort else "")
        return [pathway or "(no pathway)"]
    if by == "grade":
        grade = student.grade or (cohort.grade if cohort else 0)
        return [f"Grade {grade}" if grade else "(no grade)"]
    if by == "flag":
        return sorted(student.flags) or ["(no flag)"]
    raise ValueError(f"unknown group kind {by!r}; one of {', '.join(GROUP_KINDS)}")


def _group_order(group: str) -> tuple:
    """Named groups before "(no …)", numbers in number order (Grade 9 before Grade 10)."""
    return (group.startswith("("), [int(t) if t.isdigit() else t.casefold() for t in re.split(r"(\d+)", group)])


def group_measures(
    project: Project, scenario: Scenario, by: str, enrolments: list[Enrolment] | None = None
) -> list[GroupMeasures]:
    """Every group's measures in ``scenario``, "All students" first, then the groups by name."""
    if by not in GROUP_KINDS:
        raise ValueError(f"unknown group kind {by!r}; one of {', '.join(GROUP_KINDS)}")
    enrolments = scenario.solution.enrolments if enrolments is None else enrolments
    blocks_by_day = day_blocks(scenario)
    outcomes_of: dict[str, list] = defaultdict(list)
    for outcome in request_outcomes(project, scenario, enrolments):
        outcomes_of[outcome.group.student_id].append(outcome)
    by_enrolled: dict[str, list[Enrolment]] = defaultdict(list)
    for e in enrolments:
        by_enrolled[e.student_id].append(e)
    totals: dict[str, GroupMeasures] = {}
    free_sum: dict[str, float] = defaultdict(float)
    gap_sum: dict[str, float] = defaultdict(float)
    for student, weight in _members(project):
        if weight == 0:
            continue
        week = student_week(project, scenario, student, by_enrolled.get(student.id, []))
        free, gaps = free_and_gaps(scenario, week_intervals(project, scenario, week, blocks_by_day), blocks_by_day)
        outcomes = outcomes_of.get(student.id, [])
        for group in [ALL_STUDENTS, *groups_of(project, student, by)]:
            m = totals.setdefault(group, GroupMeasures(group))
            m.students += weight
            m.requests += len(outcomes)
            m.requests_met += sum(1 for o in outcomes if o.met)
            m.rank1_requests += sum(1 for o in outcomes if o.group.rank == 1)
            m.rank1_met += sum(1 for o in outcomes if o.group.rank == 1 and o.met_by == o.group.subject_id)
            m.full_schedules += weight if all(o.met for o in outcomes) else 0
            free_sum[group] += free * weight
            gap_sum[group] += gaps * weight
    for group, m in totals.items():
        m.free_minutes = round(free_sum[group] / m.students, 1)
        m.gap_blocks = round(gap_sum[group] / m.students, 2)
    ordered = sorted((g for g in totals if g != ALL_STUDENTS), key=_group_order)
    return [totals[g] for g in [ALL_STUDENTS, *ordered] if g in totals]
