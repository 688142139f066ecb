"""Facts about students as people that the solver, the checker and the reports all read (stdlib only).

Like :mod:`dlplanner.domain.geometry`, these are definitions from ``docs/rules.md``, not rules: what a
request group is (a request with its alternates), which sections a student's cohort already gives,
how many seats a section has open to requests, how many units an unmet request costs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dlplanner.domain.model import CourseRequest, Project, Scenario, Section, Student

# units of `request_unmet` for a request left unmet, by rank (rank 4 and lower: 1); met by an alternate: 1
UNMET_UNITS_BY_RANK = {1: 4, 2: 3, 3: 2}
ALTERNATE_UNITS = 1


def unmet_units(rank: int) -> int:
    """The units of `request_unmet` a request of ``rank`` costs when neither it nor an alternate is met."""
    return UNMET_UNITS_BY_RANK.get(rank, 1 if rank > 3 else 4)


@dataclass
class RequestGroup:
    """One request of a student with the alternates standing in for it ("if not X then Y", in order)."""

    student_id: str
    subject_id: str
    rank: int
    alternates: list[str] = field(default_factory=list)

    @property
    def subjects(self) -> list[str]:
        return [self.subject_id, *self.alternates]


def request_groups(project: Project) -> dict[str, list[RequestGroup]]:
    """Each student's request groups, in the order of their requests.

    An alternate names the subject of another request of the same student in ``alternate_for``; an
    alternate for a subject the student did not request (or for itself) counts as a request of its
    own. A subject requested twice by a student is one request (the better rank).
    """
    by_student: dict[str, list[CourseRequest]] = defaultdict(list)
    for request in project.requests:
        by_student[request.student_id].append(request)
    groups: dict[str, list[RequestGroup]] = {}
    for student_id, requests in by_student.items():
        primary = {r.subject_id for r in requests if r.alternate_for is None}
        mine: dict[str, RequestGroup] = {}
        for r in requests:
            if r.alternate_for is None or r.alternate_for not in primary or r.alternate_for == r.subject_id:
                known = mine.get(r.subject_id)
                if known is None:
                    mine[r.subject_id] = RequestGroup(student_id, r.subject_id, r.rank)
                else:
                    known.rank = min(known.rank, r.rank)
        for r in requests:
            if r.alternate_for is not None and r.alternate_for in mine and r.alternate_for != r.subject_id:
                group = mine[r.alternate_for]
                if r.subject_id not in group.subjects:
                    group.alternates.append(r.subject_id)
        groups[student_id] = list(mine.values())
    return groups


def cohort_subjects(project: Project, scenario: Scenario) -> dict[str, set[str]]:
    """Cohort id -> the subjects of the sections serving it: a member's request for one is met by the cohort."""
    subjects: dict[str, set[str]] = defaultdict(set)
    for section in scenario.sections:
        for cohort_id in section.cohort_ids:
            subjects[cohort_id].add(section.subject_id)
    return subjects


def open_sections_by_subject(project: Project, scenario: Scenario) -> dict[str, list[Section]]:
    """Subject id -> the sections of it that students may join from requests (see ``Project.is_open``)."""
    by_subject: dict[str, list[Section]] = defaultdict(list)
    for section in scenario.sections:
        if project.is_open(section):
            by_subject[section.subject_id].append(section)
    return by_subject


def open_seats(project: Project, section: Section, room_ids: list[str | None]) -> int | None:
    """Seats of ``section`` open to requests: its ``max_enrolment`` and the smallest room of its meetings,
    less the seats its cohorts fill; None when nothing limits it. 0 for a section that is not open.

    ``room_ids`` are the rooms of its meetings in the timetable (None: a meeting without room).
    """
    if not project.is_open(section):
        return 0
    rooms = {r.id: r for r in project.rooms}
    limits = [rooms[rid].capacity for rid in room_ids if rid is not None and rid in rooms]
    if section.max_enrolment is not None:
        limits.append(section.max_enrolment)
    if not limits:
        return None
    return max(0, min(limits) - project.cohort_seats(section))


def students_by_id(project: Project) -> dict[str, Student]:
    return {s.id: s for s in project.students}


@dataclass
class RequestOutcome:
    """How one request group fared in a timetable: met by its own subject, by an alternate, or not at all."""

    group: RequestGroup
    met_by: str | None  # the subject that met it (its own or an alternate); None: unmet
    by_cohort: bool = False  # met by a section of the student's cohort, not by an enrolment

    @property
    def met(self) -> bool:
        return self.met_by is not None

    @property
    def units(self) -> int:
        """Units of `request_unmet`: 0 met, ALTERNATE_UNITS by an alternate, else by rank."""
        if self.met_by == self.group.subject_id:
            return 0
        return ALTERNATE_UNITS if self.met_by is not None else unmet_units(self.group.rank)


def request_outcomes(project: Project, scenario: Scenario, enrolments: list) -> list[RequestOutcome]:
    """Each request group of each known student, with what meets it: an enrolment in a section of the
    subject (or of an alternate, in order), or a section of the student's cohort."""
    students = students_by_id(project)
    sections = {s.id: s for s in scenario.sections}
    by_cohort = cohort_subjects(project, scenario)
    enrolled: dict[str, set[str]] = defaultdict(set)
    for e in enrolments:
        if e.section_id in sections:
            enrolled[e.student_id].add(sections[e.section_id].subject_id)
    outcomes = []
    for student_id, groups in request_groups(project).items():
        student = students.get(student_id)
        if student is None:
            continue
        cohort = by_cohort.get(student.cohort_id or "", set())
        for group in groups:
            met_by, via_cohort = None, False
            for subject_id in group.subjects:
                if subject_id in enrolled[student_id] or subject_id in cohort:
                    met_by, via_cohort = subject_id, subject_id not in enrolled[student_id]
                    break
            outcomes.append(RequestOutcome(group, met_by, via_cohort))
    return outcomes
