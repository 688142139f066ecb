"""Build the four bundled sample schools and write them as ``resources/samples/<id>.json``.

Run from the repository root::

    .venv/bin/python resources/samples/build_samples.py

Every number here is plausible sample data made up for dlplanner, not a real school. The output is
deterministic (same bytes on every run); ``tests/unit/test_samples.py`` checks that the committed JSON
files equal a fresh build and that every scenario has room to spare (demand vs. supply).
"""

from __future__ import annotations

import functools
import math
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from dlplanner.domain.calendar import (
    Holiday,
    Minimums,
    Rotation,
    RotationKind,
    SchoolYear,
    SpecialDay,
    SpecialDayKind,
    Term,
    TermKind,
)
from dlplanner.domain.codec import project_to_json
from dlplanner.domain.model import (
    SCHEMA_NOTE,
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    Campus,
    CampusTravel,
    Cohort,
    CourseRequest,
    DayType,
    Internship,
    LoopingRule,
    PairingKind,
    PriorPairing,
    Project,
    Room,
    RuleSettings,
    Scenario,
    Section,
    Student,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)

HERE = Path(__file__).resolve().parent
SAMPLE_IDS = ("big-picture", "new-tech", "internationals", "linked-learning")

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
WEEKDAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday"}

C, A, L, P = BlockKind.CLASS, BlockKind.ADVISORY, BlockKind.LUNCH, BlockKind.PLANNING


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------
def hm(text: str) -> int:
    """Minutes after midnight for '8:30'."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def window(day_type_id: str | None, start: str, end: str) -> TimeWindow:
    return TimeWindow(day_type_id, hm(start), hm(end))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (0 = Monday) of a month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def us_holidays_2026_27() -> list[Holiday]:
    thanksgiving = nth_weekday(2026, 11, 3, 4)
    return [
        Holiday("Labor Day", nth_weekday(2026, 9, 0, 1), nth_weekday(2026, 9, 0, 1)),
        Holiday("Thanksgiving break", thanksgiving - timedelta(days=1), thanksgiving + timedelta(days=1)),
        Holiday("Winter break", date(2026, 12, 21), date(2027, 1, 1)),
        Holiday("Martin Luther King Jr. Day", nth_weekday(2027, 1, 0, 3), nth_weekday(2027, 1, 0, 3)),
        Holiday("Presidents' Day", nth_weekday(2027, 2, 0, 3), nth_weekday(2027, 2, 0, 3)),
        Holiday("Spring break", date(2027, 3, 29), date(2027, 4, 2)),
        Holiday("Memorial Day", nth_weekday(2027, 5, 0, -1), nth_weekday(2027, 5, 0, -1)),
    ]


SEMESTERS = [
    Term("S1", "Semester 1", date(2026, 8, 24), date(2027, 1, 15), TermKind.SEMESTER),
    Term("S2", "Semester 2", date(2027, 1, 19), date(2027, 6, 4), TermKind.SEMESTER),
]
FOUR_BY_FOUR_TERMS = [  # the halves of a 4x4 year: same dates and ids as the semesters
    Term("S1", "4x4 term 1", date(2026, 8, 24), date(2027, 1, 15), TermKind.TERM),
    Term("S2", "4x4 term 2", date(2027, 1, 19), date(2027, 6, 4), TermKind.TERM),
]
TRIMESTERS = [
    Term("T1", "Trimester 1", date(2026, 8, 24), date(2026, 11, 20), TermKind.TRIMESTER),
    Term("T2", "Trimester 2", date(2026, 11, 30), date(2027, 3, 5), TermKind.TRIMESTER),
    Term("T3", "Trimester 3", date(2027, 3, 8), date(2027, 6, 4), TermKind.TRIMESTER),
]
LATE_BELLS = "late-start"  # a scenario whose late-start days follow their own bells has this bell schedule

# each sample school's city (made up, like the schools) and its time zone, for calendar exports
TIME_ZONES = {
    "big-picture": "America/Chicago",  # Chicago, Illinois
    "new-tech": "America/Los_Angeles",  # Riverside, California
    "internationals": "America/New_York",  # Bridgeport, Connecticut
    "linked-learning": "America/Los_Angeles",  # Long Beach, California
}


# each school's state requirements (Project.minimums), checked by every comparison: instructional
# days everywhere; California's 64,800 annual minutes for grades 9–12 only where the scenarios are
# meant to be judged by them (Linked Learning: Friday work-based learning against class time)
STATE_MINIMUMS = {
    "big-picture": Minimums(instructional_days=176),  # Illinois
    "new-tech": Minimums(instructional_days=180),  # California
    "internationals": Minimums(instructional_days=180),  # Connecticut
    "linked-learning": Minimums(annual_instructional_minutes=64_800, instructional_days=180),  # California
}


def state_minimums(sample_id: str) -> Callable[[Callable[[], Project]], Callable[[], Project]]:
    """Decorate a sample's builder so that its project carries its state's minimums."""

    def decorate(build: Callable[[], Project]) -> Callable[[], Project]:
        @functools.wraps(build)
        def built() -> Project:
            project = build()
            project.minimums = STATE_MINIMUMS[sample_id]
            return project

        return built

    return decorate


def special_days(late_start_note: str, late_bells: str | None = None) -> list[SpecialDay]:
    """Two PD days without students and four late-start PD mornings (same day type, later start,
    following ``late_bells`` when the scenario has its own late-start bell schedule)."""
    days = [
        SpecialDay(date(2026, 10, 9), SpecialDayKind.PD, students_attend=False, note="Staff PD day: no students"),
        SpecialDay(date(2027, 3, 5), SpecialDayKind.PD, students_attend=False, note="Staff PD day: no students"),
    ]
    for late in (date(2026, 9, 23), date(2026, 11, 18), date(2027, 2, 24), date(2027, 4, 21)):
        days.append(SpecialDay(late, SpecialDayKind.LATE_START, bell_schedule_id=late_bells, note=late_start_note))
    return days


def weekly_rotation() -> Rotation:
    return Rotation(RotationKind.WEEKDAY, weekday_map=dict(enumerate(WEEKDAYS)))


def ab_rotation() -> Rotation:
    return Rotation(RotationKind.CYCLE, sequence=["a", "b"])


def school_year(
    terms: list[Term], rotation: Rotation, late_start_note: str, time_zone: str, late_bells: str | None = None
) -> SchoolYear:
    return SchoolYear(
        label="2026–27",
        first_day=date(2026, 8, 24),
        last_day=date(2027, 6, 4),
        holidays=us_holidays_2026_27(),
        terms=[Term(t.id, t.name, t.start, t.end, t.kind) for t in terms],
        special_days=special_days(late_start_note, late_bells),
        rotation=rotation,
        time_zone=time_zone,
    )


def bell(bell_id: str, name: str, spec: Sequence[tuple[str, str, str, BlockKind, str]]) -> BellSchedule:
    """A bell schedule from (id, start, end, kind, label) rows; gaps between rows become passing blocks."""
    blocks: list[Block] = []
    for block_id, start, end, kind, label in spec:
        if blocks and blocks[-1].end < hm(start):
            gap_start = blocks[-1].end
            blocks.append(Block(f"pass-{gap_start}", gap_start, hm(start), BlockKind.PASSING, "Passing"))
        blocks.append(Block(block_id, hm(start), hm(end), kind, label))
    return BellSchedule(bell_id, name, blocks)


def weekly_day_types(bell_of: dict[str, str]) -> list[DayType]:
    return [DayType(d, WEEKDAY_NAMES[d], bell_of[d]) for d in WEEKDAYS]


def section(
    section_id: str,
    name: str,
    subject_id: str,
    cohort_ids: Iterable[str],
    meetings: int,
    *,
    teachers: Iterable[str] = (),
    pool: Iterable[str] = (),
    blocks: int = 1,
    features: Iterable[str] = (),
    room_id: str | None = None,
    term_id: str | None = None,
) -> Section:
    return Section(
        id=section_id,
        name=name,
        subject_id=subject_id,
        cohort_ids=list(cohort_ids),
        meetings_per_cycle=meetings,
        length_blocks=blocks,
        teacher_ids=list(teachers),
        teacher_pool=list(pool),
        teachers_needed=1,
        room_id=room_id,
        room_features=set(features),
        term_id=term_id,
    )


def rooms(prefix: str, name: str, count: int, capacity: int, features: Iterable[str] = (), campus: str | None = None):
    return [Room(f"{prefix}-{i}", f"{name} {i}", capacity, set(features), campus) for i in range(1, count + 1)]


def description(text: str) -> str:
    return f"{text} {SCHEMA_NOTE} Every name, size and number is plausible sample data, not a real school."


# Made-up teacher names: (given, family) pairs combined in order, so every sample gets distinct names.
GIVEN = (  # noqa: SIM905 - easier to read and extend as one text
    "Ana Ben Carla Dev Elena Farid Grace Hugo Imani Jonah Keiko Luis Maya Nikhil Olivia Pablo Quinn Rosa Sam "
    "Tariq Uma Victor Wen Ximena Yusuf Zoe Amara Bruno Chloe Diego Esme Felix Gia Hamid Ines Jae Kofi Lena "
    "Marco Noor Omar Priya Rafael Sofia Theo Valeria Will Yara Zane Aisha Boris Celia Dmitri Eva Femi Gabe"
).split()
FAMILY = (  # noqa: SIM905
    "Alvarez Brooks Chen Diallo Evans Fischer Garcia Hughes Ito Jensen Kim Lopez Mensah Nakamura Okafor Patel "
    "Quintero Rossi Singh Torres Usman Vargas Walsh Xu Yilmaz Zhou Abara Bianchi Castro Dubois Eriksen Flores"
).split()


def person(index: int) -> str:
    return f"{GIVEN[index % len(GIVEN)]} {FAMILY[(index * 7 + 3) % len(FAMILY)]}"


class Staff:
    """Collects teachers with generated names in a stable order."""

    def __init__(self, name_offset: int) -> None:
        self.teachers: list[Teacher] = []
        self.offset = name_offset

    def add(self, teacher_id: str, subjects: Iterable[str], max_week: int = 1500, **extra) -> str:
        index = self.offset + len(self.teachers)
        name = person(index)
        email = f"{name.split()[0][0].lower()}.{name.split()[1].lower()}@example.org"
        self.teachers.append(Teacher(teacher_id, name, set(subjects), max_week, email=email, **extra))
        return teacher_id


# --------------------------------------------------------------------------------------------
# Students and their course requests (New Tech, Linked Learning)
# --------------------------------------------------------------------------------------------
# Each cohort's students follow its sections; their requests fill the class time the cohorts leave empty
# with open sections: electives, world languages, AP and dual-enrolment courses, ELD.
ELECTIVE_SEATS = 28  # max_enrolment of an open section (its room holds 30)
SECTIONS_PER_TEACHER = 4  # open sections an elective teacher teaches (slack for the load checks)


class Offering(NamedTuple):
    """A course students ask for, open to some grades: kind elective, language, advanced (AP or dual
    enrolment) or eld (English language development, requested by English learners only)."""

    subject: Subject
    grades: tuple[int, ...]
    kind: str
    weight: float = 1.0  # how popular, relative to the other offerings of its kind
    features: tuple[str, ...] = ()


class StudentPlan(NamedTuple):
    offerings: tuple[Offering, ...]
    patterns: dict[str, tuple[int, int, tuple[str | None, ...]]]  # scenario -> (meetings, blocks, terms in turn)
    name_offset: int  # elective teachers' names continue the sample's staff names
    campus: str | None = None  # where the elective rooms are
    time_limit: float = 60.0  # the scenarios' solve limit: sections first, then the students


def student_name(index: int) -> str:
    """Made-up student names, distinct for the first 1,792 indices (given name varies fastest)."""
    return f"{GIVEN[index % len(GIVEN)]} {FAMILY[(index // len(GIVEN) + index) % len(FAMILY)]}"


def _advisory_of(project: Project) -> dict[str, list[str]]:
    """Cohort id -> an advisory id per student seat in order: the cohort's own advisories filled to their size,
    then the advisories it shares with other cohorts (as the samples split their cohorts)."""
    result: dict[str, list[str]] = {}
    for cohort in project.cohorts:
        own = [a for a in project.advisories if a.cohort_ids == [cohort.id]]
        shared = [a for a in project.advisories if cohort.id in a.cohort_ids and a.cohort_ids != [cohort.id]]
        seats = [a.id for a in own for _ in range(a.size)][: cohort.size]
        rest = shared or own
        while rest and len(seats) < cohort.size:
            seats.append(rest[0].id)
        result[cohort.id] = seats
    return result


def add_students(project: Project, plan: StudentPlan, seed: int) -> Project:
    """Students for every cohort seat, their requests, and open sections of the requested courses in every
    scenario (as many 28-seat sections as a course's first-choice requests need plus 10 %, at least one),
    taught by added elective teachers in rooms of their own."""
    rng = random.Random(seed)
    advisory_of = _advisory_of(project)
    project.subjects += [o.subject for o in plan.offerings]
    students: list[Student] = []
    requests: list[CourseRequest] = []
    demand: dict[str, int] = defaultdict(int)

    def pick(kind: str, grade: int, taken: list[str]) -> str | None:
        choices = [o for o in plan.offerings if o.kind == kind and grade in o.grades and o.subject.id not in taken]
        if not choices:
            return None
        return rng.choices([o.subject.id for o in choices], [o.weight for o in choices])[0]

    for cohort in project.cohorts:
        for seat in range(cohort.size):
            index = len(students)
            flags = {"ELL"} if rng.random() < 0.14 else set()
            if rng.random() < 0.11:
                flags.add("IEP")
            student = Student(
                f"st{index + 1:04d}",
                student_name(index),
                cohort.grade,
                cohort.id,
                advisory_of[cohort.id][seat] if seat < len(advisory_of[cohort.id]) else None,
                cohort.pathway,
                flags,
            )
            students.append(student)
            wanted: list[str] = []  # first choices, in rank order
            if "ELL" in flags:
                wanted.append(pick("eld", cohort.grade, wanted))
            if cohort.grade >= 11 and rng.random() < 0.6:
                wanted.append(pick("advanced", cohort.grade, wanted))
            elif rng.random() < 0.4:
                wanted.append(pick("language", cohort.grade, wanted))
            while len(wanted) < 2:
                wanted.append(pick("elective", cohort.grade, wanted))
            wanted = [w for w in wanted if w]
            taken = list(wanted)
            for rank, subject_id in enumerate(wanted, start=1):
                requests.append(CourseRequest(student.id, subject_id, rank))
                demand[subject_id] += 1
                kind = next(o.kind for o in plan.offerings if o.subject.id == subject_id)
                if kind == "eld":
                    continue  # no alternate for English language development
                alternate = pick("elective", cohort.grade, taken)
                if alternate:
                    taken.append(alternate)
                    requests.append(CourseRequest(student.id, alternate, rank, alternate_for=subject_id))
    project.students, project.requests = students, requests

    # open sections: per course, sized to its first choices; packed onto teachers by department
    counts = {o.subject.id: max(1, math.ceil(demand[o.subject.id] * 1.1 / ELECTIVE_SEATS)) for o in plan.offerings}
    departments: dict[str, list[Offering]] = defaultdict(list)
    for offering in plan.offerings:
        departments[offering.subject.department].append(offering)
    staff = Staff(plan.name_offset)
    teacher_of: dict[tuple[str, int], str] = {}
    room_of: dict[str, str] = {}
    new_rooms: list[Room] = []  # a classroom for each elective teacher
    for department, offerings in departments.items():
        slots = [(o.subject.id, n) for o in offerings for n in range(counts[o.subject.id])]
        for start in range(0, len(slots), SECTIONS_PER_TEACHER):
            mine = slots[start : start + SECTIONS_PER_TEACHER]
            slug = re.sub(r"[^a-z0-9]+", "-", department.casefold()).strip("-")
            teacher_id = staff.add(f"teach-{slug}-{start // SECTIONS_PER_TEACHER + 1}", {s for s, _ in mine})
            k = len(new_rooms) + 1
            new_rooms.append(Room(f"elective-{k:02d}", f"Elective room {k}", 30, campus_id=plan.campus))
            room_of[teacher_id] = new_rooms[-1].id
            for slot in mine:
                teacher_of[slot] = teacher_id
    project.teachers += staff.teachers
    project.rooms += new_rooms
    features = {o.subject.id: o.features for o in plan.offerings}
    names = {o.subject.id: o.subject.name for o in plan.offerings}
    for scenario in project.scenarios:
        scenario.rules.time_limit_seconds = max(scenario.rules.time_limit_seconds, plan.time_limit)
        meetings, blocks, terms = plan.patterns[scenario.id]
        for k, ((subject_id, n), teacher_id) in enumerate(teacher_of.items()):
            term = terms[k % len(terms)]
            open_section = section(
                f"{subject_id}-{n + 1}",
                f"{names[subject_id]} ({n + 1})" if counts[subject_id] > 1 else names[subject_id],
                subject_id,
                [],
                meetings,
                teachers=[teacher_id],
                blocks=blocks,
                features=features[subject_id],
                room_id=None if features[subject_id] else room_of[teacher_id],
                term_id=term,
            )
            open_section.max_enrolment = ELECTIVE_SEATS
            scenario.sections.append(open_section)
    return project


def students_added(plan: StudentPlan, seed: int) -> Callable[[Callable[[], Project]], Callable[[], Project]]:
    """Decorate a sample's builder so that its project has students, requests and open sections."""

    def decorate(build: Callable[[], Project]) -> Callable[[], Project]:
        @functools.wraps(build)
        def built() -> Project:
            return add_students(build(), plan, seed)

        return built

    return decorate


def _subject(subject_id: str, name: str, color: str, department: str) -> Subject:
    return Subject(subject_id, name, color, department)


NEW_TECH_STUDENTS = StudentPlan(
    offerings=(
        Offering(_subject("eld", "English Language Development", "#45818e", "ELD"), (9, 10, 11, 12), "eld"),
        Offering(_subject("french", "French I", "#bf9000", "World languages"), (9, 10, 11, 12), "language"),
        Offering(_subject("spanish-3", "Spanish III", "#f6b26b", "World languages"), (11, 12), "language"),
        Offering(_subject("ap-calc", "AP Calculus AB", "#1155cc", "Advanced"), (11, 12), "advanced"),
        Offering(_subject("ap-csp", "AP Computer Science Principles", "#0b5394", "Advanced"), (11, 12), "advanced"),
        Offering(
            _subject("de-psych", "College Psychology (dual enrolment)", "#741b47", "Advanced"),
            (11, 12),
            "advanced",
            0.6,
        ),
        Offering(_subject("band", "Band", "#d5a6bd", "Electives"), (9, 10, 11, 12), "elective", 1.2),
        Offering(_subject("robotics", "Robotics", "#e69138", "Electives"), (9, 10, 11, 12), "elective", 1.2),
        Offering(_subject("journalism", "Journalism & Yearbook", "#a64d79", "Electives"), (9, 10, 11, 12), "elective"),
        Offering(_subject("ethnic", "Ethnic Studies", "#783f04", "Electives"), (9, 10, 11, 12), "elective"),
        Offering(_subject("drawing", "Drawing & Painting", "#c27ba0", "Electives"), (9, 10, 11, 12), "elective", 0.5),
    ),
    patterns={"ab-block": (1, 1, (None,)), "traditional-7": (5, 1, (None,)), "4x4-block": (5, 1, ("S1", "S2"))},
    name_offset=70,
)

LINKED_LEARNING_STUDENTS = StudentPlan(
    offerings=(
        Offering(_subject("eld", "English Language Development", "#45818e", "ELD"), (9, 10, 11, 12), "eld"),
        Offering(_subject("french", "French I", "#bf9000", "World languages"), (9, 10, 11, 12), "language"),
        Offering(_subject("mandarin", "Mandarin I", "#e06666", "World languages"), (9, 10, 11, 12), "language", 0.6),
        Offering(_subject("ap-calc", "AP Calculus AB", "#1155cc", "Advanced"), (11, 12), "advanced"),
        Offering(_subject("ap-bio", "AP Biology", "#274e13", "Advanced"), (11, 12), "advanced", 0.8),
        Offering(_subject("ap-lit", "AP English Literature", "#990000", "Advanced"), (12,), "advanced", 0.8),
        Offering(
            _subject("de-eng", "Intro to Engineering (dual enrolment)", "#b45f06", "Advanced"),
            (11, 12),
            "advanced",
            0.6,
        ),
        Offering(
            _subject("de-med", "Medical Terminology (dual enrolment)", "#a64d79", "Advanced"), (11, 12), "advanced", 0.6
        ),
        Offering(_subject("band", "Band", "#d5a6bd", "Electives"), (9, 10, 11, 12), "elective", 1.2),
        Offering(_subject("ethnic", "Ethnic Studies", "#783f04", "Electives"), (9, 10, 11, 12), "elective", 1.2),
        Offering(_subject("yearbook", "Yearbook", "#a61c00", "Electives"), (9, 10, 11, 12), "elective", 0.5),
        Offering(_subject("coding", "Coding", "#0b5394", "Electives"), (9, 10, 11, 12), "elective"),
        Offering(_subject("ceramics", "Ceramics", "#c27ba0", "Electives"), (9, 10, 11, 12), "elective"),
    ),
    patterns={"block-friday-wbl": (2, 1, (None,)), "seven-period": (3, 1, (None,))},
    name_offset=140,
    campus="main",
)


# --------------------------------------------------------------------------------------------
# Big Picture
# --------------------------------------------------------------------------------------------
@state_minimums("big-picture")
def build_big_picture() -> Project:
    subjects = [
        Subject("project", "Advisory project (learning plan)", "#e07a5f", "Advisory", project_based=True),
        Subject("math", "Mathematics", "#3d85c6", "Math"),
        Subject("science", "Science", "#6aa84f", "Science", project_based=True),
        Subject("spanish", "Spanish", "#f1c232", "World languages"),
    ]
    sizes = {9: [16, 16, 16], 10: [16, 15, 15], 11: [16, 16], 12: [16, 15]}
    staff = Staff(0)
    cohorts: list[Cohort] = []
    advisories: list[Advisory] = []
    room_list: list[Room] = []
    prior: list[PriorPairing] = []
    advisor_of: dict[str, str] = {}
    room_of: dict[str, str] = {}
    for grade, grade_sizes in sizes.items():
        for k, size in enumerate(grade_sizes):
            letter = "abc"[k]
            cohort_id = f"g{grade}-{letter}"
            n = len(cohorts) + 1
            advisor = staff.add(f"adv-{n:02d}", ["project"], 1200)
            room_id = f"adv-room-{n:02d}"
            room_list.append(Room(room_id, f"Advisory room {n}", 18))
            cohorts.append(
                Cohort(
                    cohort_id,
                    f"Grade {grade} advisory {letter.upper()}",
                    grade,
                    size,
                    "",
                    f"class-{2039 - grade}-{letter}",
                )
            )
            advisories.append(
                Advisory(
                    f"advisory-{cohort_id}", f"Advisory {grade}{letter.upper()}", advisor, [cohort_id], size, room_id
                )
            )
            advisor_of[cohort_id], room_of[cohort_id] = advisor, room_id
            if grade > 9:  # grade 9 advisories are new; the others kept their advisor from last year
                prior.append(PriorPairing(cohort_id, PairingKind.ADVISOR, teacher_ids=[advisor]))
    staff.add("math-1", ["math"], 1200, avoid=[window("fri", "12:40", "13:55")])
    staff.add("math-2", ["math"], 1200)
    staff.add("sci-1", ["science"], 1200)
    # part-time (0.8): not in on Fridays
    staff.add("sci-2", ["science"], 900, unavailable=[window("fri", "7:00", "17:00")])
    staff.add("spanish-1", ["spanish"], 1200, avoid=[window(None, "9:20", "10:35")])
    room_list += rooms("math-room", "Math room", 2, 20)
    room_list += rooms("lab", "Science lab", 2, 20, ["lab"])
    room_list += [Room("spanish-room", "Spanish room", 20), Room("commons", "Commons", 90, {"commons"})]

    lower = [c.id for c in cohorts if c.grade <= 10]
    upper = [c.id for c in cohorts if c.grade >= 11]
    teams = [
        TeacherTeam(
            "lower-house",
            "Lower house (grades 9–10) advisors and specialists",
            [advisor_of[c] for c in lower] + ["math-1", "math-2", "sci-1", "sci-2", "spanish-1"],
            lower,
            60,
            45,
        ),
        TeacherTeam(
            "upper-house",
            "Upper house (grades 11–12) advisors and specialists",
            [advisor_of[c] for c in upper] + ["math-1", "math-2", "sci-1", "sci-2", "spanish-1"],
            upper,
            60,
            45,
        ),
    ]

    def sections_for_cohorts() -> list[Section]:
        result: list[Section] = []
        for group, per_week in ((lower, 2), (upper, 1)):
            half = len(group) // 2
            for i, cohort_id in enumerate(group):
                math_t, sci_t = ("math-1", "sci-1") if i < half else ("math-2", "sci-2")
                result += [
                    section(f"{cohort_id}-math", f"Math {cohort_id}", "math", [cohort_id], per_week, teachers=[math_t]),
                    section(
                        f"{cohort_id}-science",
                        f"Science {cohort_id}",
                        "science",
                        [cohort_id],
                        per_week,
                        teachers=[sci_t],
                        features=["lab"],
                    ),
                    section(
                        f"{cohort_id}-spanish",
                        f"Spanish {cohort_id}",
                        "spanish",
                        [cohort_id],
                        1,
                        teachers=["spanish-1"],
                    ),
                    section(
                        f"{cohort_id}-project",
                        f"Project workshop {cohort_id}",
                        "project",
                        [cohort_id],
                        1,
                        teachers=[advisor_of[cohort_id]],
                        blocks=2,
                        room_id=room_of[cohort_id],
                    ),
                ]
        return result

    day_bell = [
        ("adv-am", "8:30", "9:15", A, "Morning advisory (pick-me-up)"),
        ("b1", "9:20", "10:35", C, "Block 1"),
        ("b2", "10:45", "12:00", C, "Block 2"),
        ("lunch", "12:00", "12:40", L, "Lunch"),
        ("b3", "12:40", "13:55", C, "Block 3"),
        ("adv-pm", "14:05", "14:50", A, "Afternoon advisory (reflection)"),
    ]
    bells = [
        bell("regular", "Regular day", day_bell),
        bell(
            "wednesday",
            "Wednesday (staff meeting after school)",
            [*day_bell, ("staff", "15:00", "16:00", P, "Staff meeting")],
        ),
    ]
    day_types = weekly_day_types({d: "wednesday" if d == "wed" else "regular" for d in WEEKDAYS})
    job_shadow = Internship(
        "job-shadow",
        "Grades 9–10 job shadow day",
        lower,
        [window("wed", "9:00", "13:30")],
        20,
        "Grades 9–10 spend Wednesday mornings at a mentor's workplace.",
    )

    def scenario(scenario_id: str, name: str, text: str, upper_windows: list[TimeWindow]) -> Scenario:
        lti = Internship(
            "lti",
            "Learning Through Internship (LTI)",
            upper,
            upper_windows,
            20,
            "Grades 11–12 at their internship sites with a mentor.",
        )
        return Scenario(
            scenario_id,
            name,
            text,
            school_year(
                TRIMESTERS,
                weekly_rotation(),
                "Late start: students arrive 10:00 after staff PD",
                TIME_ZONES["big-picture"],
            ),
            bells,
            day_types,
            sections_for_cohorts(),
            [lti, job_shadow],
            [LoopingRule(f"loop-{p.cohort_id}", p.cohort_id, PairingKind.ADVISOR) for p in prior],
            RuleSettings(long_block_minutes=75),
        )

    scenarios = [
        scenario(
            "two-internship-days",
            "Two internship days",
            "Grades 11–12 at internships Tuesday and Thursday 9:00–13:30 (20 min travel), back for afternoon "
            "advisory; grades 9–10 job shadow on Wednesday mornings.",
            [window("tue", "9:00", "13:30"), window("thu", "9:00", "13:30")],
        ),
        scenario(
            "internship-afternoons",
            "Internship afternoons",
            "Grades 11–12 at internships Monday to Thursday afternoons 12:40–14:50 (20 min travel, so they leave "
            "after lunch) instead of two full days; grades 9–10 job shadow on Wednesday mornings.",
            [window(d, "12:40", "14:50") for d in ("mon", "tue", "wed", "thu")],
        ),
    ]
    return Project(
        name="Big Picture sample",
        school_name="Harbor View Big Picture Academy",
        description=description(
            "A small Big Picture Learning school: 157 students in ten advisories of 15–16 that stay with the same "
            "advisor for four years, advisory twice a day, internships (LTI) two days a week for grades 11–12 and "
            "one job-shadow morning for grades 9–10, and a few specialists (math, science, Spanish) who teach the "
            "advisories."
        ),
        subjects=subjects,
        teachers=staff.teachers,
        rooms=room_list,
        cohorts=cohorts,
        advisories=advisories,
        teams=teams,
        prior_pairings=prior,
        scenarios=scenarios,
    )


# --------------------------------------------------------------------------------------------
# New Tech
# --------------------------------------------------------------------------------------------
# Per grade: (key, subject, name, teachers, A/B meetings, 7-period meetings, room features).
# Courses with two teachers are team-taught integrated courses for two cohorts at once (~52 students).
NEW_TECH_COURSES: dict[int, list[tuple[str, str, str, tuple[str, ...], int, int, tuple[str, ...]]]] = {
    9: [
        ("biolit", "biolit", "BioLit (Biology + English 9)", ("bio9", "eng9"), 2, 5, ("lab",)),
        ("math", "math", "Algebra I", ("math9",), 1, 5, ()),
        ("spanish", "spanish", "Spanish I", ("span9",), 1, 5, ()),
        ("pe", "pe", "PE & Health", ("pe9",), 1, 3, ("gym",)),
        ("art", "art", "Art & Design", ("art9",), 1, 2, ("studio",)),
    ],
    10: [
        ("whlit", "whlit", "World History + English 10", ("hist10", "eng10"), 2, 5, ()),
        ("math", "math", "Geometry", ("math10",), 1, 5, ()),
        ("chem", "science", "Chemistry", ("chem10",), 1, 4, ("lab",)),
        ("spanish", "spanish", "Spanish II", ("span10",), 1, 5, ()),
        ("media", "media", "Digital Media", ("media10",), 1, 3, ("computers",)),
    ],
    11: [
        ("english", "english", "American Literature", ("eng11",), 1, 5, ()),
        ("history", "history", "US History", ("hist11",), 1, 5, ()),
        ("physics", "science", "Physics", ("phys11",), 1, 5, ("lab",)),
        ("math", "math", "Algebra II", ("math11",), 1, 5, ()),
        ("engineering", "engineering", "Engineering Design", ("engin11",), 1, 5, ("shop",)),
    ],
    12: [
        ("english", "english", "English 12: Rhetoric", ("eng12",), 1, 5, ()),
        ("gov", "history", "Government & Economics", ("gov12",), 1, 5, ()),
        ("physics", "science", "Environmental Science", ("env12",), 1, 5, ("lab",)),
        ("math", "math", "Statistics", ("math12",), 1, 5, ()),
        ("capstone", "capstone", "Senior Capstone Project", ("capstone12",), 1, 5, ()),
    ],
}


@students_added(NEW_TECH_STUDENTS, seed=22)
@state_minimums("new-tech")
def build_new_tech() -> Project:
    subjects = [
        Subject("biolit", "BioLit (Biology + English 9)", "#38761d", "Integrated", project_based=True),
        Subject("whlit", "World History + English 10", "#a61c00", "Integrated", project_based=True),
        Subject("english", "English", "#cc4125", "English", project_based=True),
        Subject("history", "History & Social Science", "#b45f06", "History", project_based=True),
        Subject("math", "Mathematics", "#3c78d8", "Math"),
        Subject("science", "Science", "#6aa84f", "Science", project_based=True),
        Subject("spanish", "Spanish", "#f1c232", "World languages"),
        Subject("pe", "PE & Health", "#76a5af", "PE"),
        Subject("art", "Art & Design", "#c27ba0", "Arts", project_based=True),
        Subject("media", "Digital Media", "#8e7cc3", "CTE", project_based=True),
        Subject("engineering", "Engineering Design", "#e69138", "CTE", project_based=True),
        Subject("capstone", "Senior Capstone", "#674ea7", "Integrated", project_based=True),
    ]
    base_subject = {"bio9": "science", "eng9": "english", "hist10": "history", "eng10": "english"}
    sizes = {9: [26, 26, 27, 26], 10: [27, 26, 26, 26], 11: [26, 27, 26, 25], 12: [27, 26, 26, 27]}
    staff = Staff(10)
    cohorts: list[Cohort] = []
    advisories: list[Advisory] = []
    teams: list[TeacherTeam] = []
    advisors_of: dict[int, list[str]] = {}
    for grade, courses in NEW_TECH_COURSES.items():
        members: list[str] = []
        for _key, subject_id, _name, teacher_ids, *_ in courses:
            for teacher_id in teacher_ids:
                extra: dict = {}
                if teacher_id == "art9":  # part-time: leaves at noon on Fridays
                    extra["unavailable"] = [window("fri", "12:00", "17:00")]
                if teacher_id == "media10":  # teaches at the district CTE center first thing every day
                    extra["unavailable"] = [window(None, "7:00", "10:00")]
                if teacher_id == "math12":
                    extra["avoid"] = [window(None, "14:00", "17:00")]
                subject_ids = {subject_id} | ({base_subject[teacher_id]} if teacher_id in base_subject else set())
                members.append(staff.add(teacher_id, subject_ids, 1500, **extra))
        grade_cohorts = [f"g{grade}-{x}" for x in "abcd"]
        for cohort_id, size in zip(grade_cohorts, sizes[grade], strict=True):
            letter = cohort_id[-1].upper()
            cohorts.append(
                Cohort(
                    cohort_id, f"Grade {grade} cohort {letter}", grade, size, "", f"nt-{2039 - grade}-{letter.lower()}"
                )
            )
        advisors_of[grade] = [m for m in members if m != "media10"]  # media10 is away at advisory time
        teams.append(TeacherTeam(f"team-{grade}", f"Grade {grade} team", members, grade_cohorts, 90, 45))
    room_list = [Room(f"room-{g}{k:02d}", f"Room {g}{k:02d}", 30) for g in range(9, 13) for k in range(1, 5)]
    room_list += [
        Room("large-lab", "Large lab (BioLit)", 56, {"lab"}),
        Room("commons", "Commons studio", 60),
        *rooms("lab", "Science lab", 3, 30, ["lab"]),
        Room("gym", "Gym", 60, {"gym"}),
        Room("art-room", "Art room", 30, {"studio"}),
        Room("media-lab", "Media lab", 30, {"computers"}),
        Room("shop", "Engineering shop", 30, {"shop"}),
    ]

    # every course is taught in its teacher's room (team-taught courses in the two big rooms)
    home: dict[tuple[str, ...], str] = {}
    labs = iter(["lab-1", "lab-2", "lab-3"])
    classrooms = iter(r.id for r in room_list if r.id.startswith("room-"))
    special = {"gym": "gym", "studio": "art-room", "computers": "media-lab", "shop": "shop"}
    for courses in NEW_TECH_COURSES.values():
        for _key, _subject, _name, teacher_ids, _ab, _trad, features in courses:
            if len(teacher_ids) > 1:
                home[teacher_ids] = "large-lab" if "lab" in features else "commons"
            elif "lab" in features:
                home[teacher_ids] = next(labs)
            else:
                home[teacher_ids] = special[features[0]] if features else next(classrooms)

    # Advisories of at most 18: each cohort keeps two thirds of its students in an advisory of its own, and
    # the other third of two sister cohorts share one, so six advisories per grade, all at once. Grade teams
    # have 5-6 teachers free then; grades 10-12 each also have a special-education teacher who advises.
    for grade in NEW_TECH_COURSES:
        if grade > 9:
            advisors_of[grade].append(staff.add(f"sped{grade}", [], 1500))
    room_of_teacher = {t: room for ts, room in home.items() for t in ts[:1]}
    spare_rooms = iter(r.id for r in room_list if r.id not in room_of_teacher.values())
    for grade in NEW_TECH_COURSES:
        grade_cohorts = [c for c in cohorts if c.grade == grade]
        groups = [([c], c.size - c.size // 3) for c in grade_cohorts]
        groups += [(pair, sum(c.size // 3 for c in pair)) for pair in (grade_cohorts[:2], grade_cohorts[2:])]
        for advisor, (members_of, size) in zip(advisors_of[grade], groups, strict=True):
            letters = "".join(c.id[-1] for c in members_of)
            advisories.append(
                Advisory(
                    f"advisory-g{grade}-{letters}",
                    f"Advisory {grade}{letters.upper()}",
                    advisor,
                    [c.id for c in members_of],
                    size,
                    room_of_teacher.get(advisor) or next(spare_rooms),
                )
            )

    def section_nt(*args, teachers: tuple[str, ...], **kwargs) -> Section:
        return section(*args, teachers=teachers, room_id=home[teachers], **kwargs)

    def sections(kind: str) -> list[Section]:
        result: list[Section] = []
        for grade, courses in NEW_TECH_COURSES.items():
            group_x, group_y = [f"g{grade}-a", f"g{grade}-b"], [f"g{grade}-c", f"g{grade}-d"]
            singles = [c for c in courses if len(c[3]) == 1]
            cut = (len(singles) + 1) // 2
            for key, subject_id, name, teacher_ids, ab, trad, features in courses:
                if len(teacher_ids) > 1:  # team-taught, two cohorts together
                    for pair in (group_x, group_y):
                        sid = f"{key}-{pair[0][-1]}{pair[1][-1]}"
                        if kind == "ab":
                            result.append(
                                section_nt(sid, name, subject_id, pair, ab, teachers=teacher_ids, features=features)
                            )
                        elif kind == "trad":
                            result.append(
                                section_nt(
                                    sid, name, subject_id, pair, trad, teachers=teacher_ids, blocks=2, features=features
                                )
                            )
                        else:
                            for term in ("S1", "S2"):
                                result.append(
                                    section_nt(
                                        f"{sid}-{term.lower()}",
                                        f"{name} ({term})",
                                        subject_id,
                                        pair,
                                        5,
                                        teachers=teacher_ids,
                                        features=features,
                                        term_id=term,
                                    )
                                )
                    continue
                index = singles.index((key, subject_id, name, teacher_ids, ab, trad, features))
                for cohort_id in group_x + group_y:
                    sid = f"{cohort_id}-{key}"
                    if kind == "ab":
                        result.append(
                            section_nt(sid, name, subject_id, [cohort_id], ab, teachers=teacher_ids, features=features)
                        )
                    elif kind == "trad":
                        result.append(
                            section_nt(
                                sid, name, subject_id, [cohort_id], trad, teachers=teacher_ids, features=features
                            )
                        )
                    else:  # 4x4: one semester, daily; the two halves of the grade take the courses in opposite terms
                        first = (index < cut) == (cohort_id in group_x)
                        result.append(
                            section_nt(
                                sid,
                                name,
                                subject_id,
                                [cohort_id],
                                5,
                                teachers=teacher_ids,
                                features=features,
                                term_id="S1" if first else "S2",
                            )
                        )
        return result

    block_day = [
        ("advisory", "8:00", "8:25", A, "Advisory"),
        ("b1", "8:30", "10:00", C, "Block 1"),
        ("b2", "10:10", "11:40", C, "Block 2"),
        ("lunch", "11:40", "12:15", L, "Lunch"),
        ("b3", "12:15", "13:45", C, "Block 3"),
        ("b4", "13:55", "15:25", C, "Block 4"),
    ]
    collab = ("collab", "15:35", "16:20", P, "Grade-team collaboration")
    period_day = [
        ("p1", "8:00", "8:50", C, "Period 1"),
        ("p2", "8:55", "9:45", C, "Period 2"),
        ("advisory", "9:50", "10:15", A, "Advisory"),
        ("p3", "10:20", "11:10", C, "Period 3"),
        ("p4", "11:15", "12:05", C, "Period 4"),
        ("lunch", "12:05", "12:40", L, "Lunch"),
        ("p5", "12:40", "13:30", C, "Period 5"),
        ("p6", "13:35", "14:25", C, "Period 6"),
        ("p7", "14:30", "15:20", C, "Period 7"),
    ]
    collab7 = ("collab", "15:30", "16:15", P, "Grade-team collaboration")
    tue_thu = {d: "collab" if d in ("tue", "thu") else "plain" for d in WEEKDAYS}
    year = "Late start: first block 10:00 after staff PD"
    # late-start mornings: the same blocks (ids) later and shorter, advisory first and as long as usual
    late_block_day = [
        ("advisory", "10:00", "10:25", A, "Advisory"),
        ("b1", "10:30", "11:35", C, "Block 1"),
        ("b2", "11:40", "12:45", C, "Block 2"),
        ("lunch", "12:45", "13:15", L, "Lunch"),
        ("b3", "13:15", "14:20", C, "Block 3"),
        ("b4", "14:25", "15:30", C, "Block 4"),
    ]
    late_period_day = [
        ("p1", "10:00", "10:35", C, "Period 1"),
        ("p2", "10:40", "11:15", C, "Period 2"),
        ("advisory", "11:20", "11:45", A, "Advisory"),
        ("p3", "11:50", "12:25", C, "Period 3"),
        ("p4", "12:30", "13:05", C, "Period 4"),
        ("lunch", "13:05", "13:35", L, "Lunch"),
        ("p5", "13:35", "14:10", C, "Period 5"),
        ("p6", "14:15", "14:50", C, "Period 6"),
        ("p7", "14:55", "15:30", C, "Period 7"),
    ]
    late_block = bell(LATE_BELLS, "Late start (blocks)", late_block_day)
    zone = TIME_ZONES["new-tech"]
    scenarios = [
        Scenario(
            "ab-block",
            "A/B block",
            "Two-day A/B rotation of four 90-minute blocks and a daily 25-minute advisory; each course meets "
            "every other day, the integrated courses (BioLit, World History + English) every day. Grade teams "
            "meet after school on A days.",
            school_year(SEMESTERS, ab_rotation(), year, zone, LATE_BELLS),
            [bell("a-day", "A day", [*block_day, collab]), bell("b-day", "B day", block_day), late_block],
            [DayType("a", "A day", "a-day"), DayType("b", "B day", "b-day")],
            sections("ab"),
        ),
        Scenario(
            "traditional-7",
            "Traditional 7-period",
            "Weekly Monday–Friday schedule of seven 50-minute periods and a 25-minute advisory; the integrated "
            "courses meet in a daily double period. Grade teams meet after school Tuesday and Thursday.",
            school_year(SEMESTERS, weekly_rotation(), year, zone, LATE_BELLS),
            [
                bell("plain", "7-period day", period_day),
                bell("collab", "7-period day + team time", [*period_day, collab7]),
                bell(LATE_BELLS, "Late start (periods)", late_period_day),
            ],
            weekly_day_types(tue_thu),
            sections("trad"),
        ),
        Scenario(
            "4x4-block",
            "4x4 block",
            "Four 90-minute blocks every day; each course meets daily for one semester (S1 or S2), the "
            "integrated courses all year. Grade teams meet after school Tuesday and Thursday.",
            school_year(FOUR_BY_FOUR_TERMS, weekly_rotation(), year, zone, LATE_BELLS),
            [
                bell("plain", "4x4 day", block_day),
                bell("collab", "4x4 day + team time", [*block_day, collab]),
                late_block,
            ],
            weekly_day_types(tue_thu),
            sections("4x4"),
        ),
    ]
    return Project(
        name="New Tech sample",
        school_name="Riverside New Tech High School",
        description=description(
            "A New Tech Network high school: 420 students in grades 9–12, 16 cohorts of about 26, team-taught "
            "integrated project-based courses for two cohorts at a time (BioLit, World History + English 10), "
            "grade-level teacher teams with 90 minutes of common planning a week and a daily advisory. Three "
            "calendars to compare: A/B block, traditional 7-period and 4x4 block."
        ),
        subjects=subjects,
        teachers=staff.teachers,
        rooms=room_list,
        cohorts=cohorts,
        advisories=advisories,
        teams=teams,
        scenarios=scenarios,
    )


# --------------------------------------------------------------------------------------------
# Internationals
# --------------------------------------------------------------------------------------------
# (key, subject, name, meetings per week, length in blocks, room features)
INTERNATIONALS_COURSES = [
    ("math", "math", "Math", 3, 1, ()),
    ("science-lab", "science", "Science lab", 1, 2, ("lab",)),
    ("science", "science", "Science", 1, 1, ("lab",)),
    ("social", "social", "Social studies", 3, 1, ()),
    ("ela", "ela", "English / ESL", 3, 1, ()),
    ("art", "art", "Art", 2, 1, ("studio",)),
]
INTERNATIONALS_ROLES = ("ela", "social", "math", "science", "art")
own_room = {
    "ela": "{t}-room-1",
    "social": "{t}-room-2",
    "math": "{t}-room-3",
    "science": "{t}-lab",
    "art": "{t}-studio",
}


@state_minimums("internationals")
def build_internationals() -> Project:
    subjects = [
        Subject("math", "Math", "#3d85c6", "Math"),
        Subject("science", "Science", "#6aa84f", "Science", project_based=True),
        Subject("social", "Social studies", "#b45f06", "Social studies", project_based=True),
        Subject("ela", "English / ESL", "#cc0000", "English", project_based=True),
        Subject("art", "Art", "#c27ba0", "Arts", project_based=True),
    ]
    staff = Staff(20)
    cohorts: list[Cohort] = []
    advisories: list[Advisory] = []
    teams: list[TeacherTeam] = []
    prior: list[PriorPairing] = []
    room_list: list[Room] = []
    team_sizes = [[25, 26, 25, 24], [26, 25, 24, 25], [25, 25, 26, 24], [24, 26, 25, 25]]
    for t in range(1, 5):
        team_id = f"team-{t}"
        low = 9 if t <= 2 else 11
        members = []
        for role in INTERNATIONALS_ROLES:
            extra: dict = {}
            max_week = 1500
            if (t, role) == (4, "art"):  # part-time artist in residence: not in on Fridays
                extra["unavailable"] = [window("fri", "7:00", "17:00")]
                max_week = 900
            if (t, role) == (2, "math"):
                extra["avoid"] = [window(None, "8:30", "9:45")]
            members.append(staff.add(f"t{t}-{role}", [role], max_week, **extra))
        floor = f"team-{t}-floor"  # each team has its own floor: four classrooms, a lab and a studio
        room_list += [Room(f"t{t}-room-{k}", f"Team {t} room {k}", 28, {floor}) for k in range(1, 5)]
        room_list += [
            Room(f"t{t}-lab", f"Team {t} science lab", 28, {"lab", floor}),
            Room(f"t{t}-studio", f"Team {t} art studio", 28, {"studio", floor}),
        ]
        ids = []
        for k, size in enumerate(team_sizes[t - 1], start=1):
            looping = k <= 2  # cohorts 1-2 are in their second year with the team
            grade = low + 1 if looping else low
            cohort_id = f"t{t}-c{k}"
            ids.append(cohort_id)
            cohorts.append(
                Cohort(
                    cohort_id,
                    f"Team {t} cohort {k} (grades {low}/{low + 1} team, year {2 if looping else 1})",
                    grade,
                    size,
                    "",
                    f"intl-{2039 - grade}-t{t}c{k}",
                )
            )
            advisories.append(  # two thirds of the cohort; the rest shares an advisory with a sister cohort
                Advisory(
                    f"advisory-{cohort_id}",
                    f"Advisory T{t}-{k}",
                    members[k - 1],
                    [cohort_id],
                    size - size // 3,
                    f"t{t}-room-{k}",
                )
            )
            if looping:
                prior.append(PriorPairing(cohort_id, PairingKind.TEAM, team_id=team_id))
        teams.append(TeacherTeam(team_id, f"Team {t} (grades {low}/{low + 1})", members, ids, 100, 45))

    # Advisories of at most 18: per team six at once, four of one cohort each (above) and two shared by the
    # cohorts in the same year with the team; the art teacher and the team's guidance counselor lead those
    # (team 4's part-time artist is out on Fridays, so its special-education teacher advises instead).
    counselors = {t: staff.add(f"t{t}-counselor", [], 1500) for t in range(1, 5)}
    sixth = {t: f"t{t}-art" for t in range(1, 4)} | {4: staff.add("t4-sped", [], 1500)}
    for t in range(1, 5):
        for (k1, k2), advisor, room in (((1, 2), sixth[t], f"t{t}-studio"), ((3, 4), counselors[t], f"t{t}-lab")):
            pair = [next(c for c in cohorts if c.id == f"t{t}-c{k}") for k in (k1, k2)]
            advisories.append(
                Advisory(
                    f"advisory-t{t}-c{k1}{k2}",
                    f"Advisory T{t}-{k1}{k2}",
                    advisor,
                    [c.id for c in pair],
                    sum(c.size // 3 for c in pair),
                    room,
                )
            )

    def sections(pooled: bool) -> list[Section]:
        result = []
        for cohort in cohorts:
            t = cohort.id.split("-")[0]
            for key, subject_id, name, meetings, length, features in INTERNATIONALS_COURSES:
                role = subject_id
                # with looping each teacher teaches in their own room; without, the cohort stays on its floor
                if pooled:
                    who = {
                        "pool": [f"t{n}-{role}" for n in range(1, 5)],
                        "features": [*features, f"team-{t[1:]}-floor"],
                    }
                else:
                    who = {"teachers": [f"{t}-{role}"], "room_id": own_room[role].format(t=t), "features": features}
                result.append(
                    section(
                        f"{cohort.id}-{key}",
                        name,
                        subject_id,
                        [cohort.id],
                        meetings,
                        blocks=length,
                        **who,
                    )
                )
        return result

    day = [
        ("b1", "8:30", "9:45", C, "Block 1"),
        ("b2", "9:50", "11:05", C, "Block 2"),
        ("advisory", "11:10", "11:40", A, "Advisory"),
        ("lunch", "11:40", "12:15", L, "Lunch"),
        ("b3", "12:15", "13:30", C, "Block 3"),
        ("b4", "13:35", "14:50", C, "Block 4"),
    ]
    bells = [
        bell("regular", "Regular day", day),
        bell("team-day", "Team meeting day", [*day, ("team", "15:00", "15:50", P, "Team meeting")]),
    ]
    day_types = weekly_day_types({d: "team-day" if d in ("tue", "thu") else "regular" for d in WEEKDAYS})

    def scenario(scenario_id, name, text, pooled, looping) -> Scenario:
        return Scenario(
            scenario_id,
            name,
            text,
            school_year(
                SEMESTERS,
                weekly_rotation(),
                "Late start: classes begin 10:00 after team inquiry time",
                TIME_ZONES["internationals"],
            ),
            bells,
            day_types,
            sections(pooled),
            [],
            [LoopingRule(f"loop-{p.cohort_id}", p.cohort_id, PairingKind.TEAM, years=2) for p in prior]
            if looping
            else [],
            RuleSettings(long_block_minutes=75),
        )

    scenarios = [
        scenario(
            "teams-loop",
            "Teams loop",
            "Each interdisciplinary team keeps its cohorts for two years (hard looping rule) and teaches all of "
            "their classes; teams meet Tuesday and Thursday after school.",
            False,
            True,
        ),
        scenario(
            "no-looping",
            "No looping",
            "No looping: every class is taught by any teacher of its subject, chosen by the solver from the four "
            "teams; the teams still meet Tuesday and Thursday.",
            True,
            False,
        ),
    ]
    return Project(
        name="Internationals sample",
        school_name="Bridgeport International High School",
        description=description(
            "An Internationals Network school for recent immigrants learning English: 400 students in four "
            "interdisciplinary teams of five teachers, each team with about 100 students in four cohorts of 25, "
            "mixed grades 9/10 and 11/12; teams loop for two years and meet twice a week."
        ),
        subjects=subjects,
        teachers=staff.teachers,
        rooms=room_list,
        cohorts=cohorts,
        advisories=advisories,
        teams=teams,
        prior_pairings=prior,
        scenarios=scenarios,
    )


# --------------------------------------------------------------------------------------------
# Linked Learning
# --------------------------------------------------------------------------------------------
PATHWAYS = ("engineering", "health", "performing-arts", "general")
LL_GROUPS = [("eng", "engineering", 2), ("hlth", "health", 2), ("arts", "performing-arts", 2), ("gen", "general", 4)]
LL_SIZES = [31, 29, 30, 28, 32, 30, 29, 31, 30, 30]  # one grade, in LL_GROUPS order: 300 students
CTE = {
    "engineering": ("eng-design", "shop"),
    "health": ("health-sci", "health-lab"),
    "performing-arts": ("perf-arts", "studio"),
}
HSC = "health-campus"  # room feature of the Health Sciences Center rooms
GEN = "general-wing"  # room feature of the main-campus rooms of the general program


@students_added(LINKED_LEARNING_STUDENTS, seed=23)
@state_minimums("linked-learning")
def build_linked_learning() -> Project:
    subjects = [
        Subject("english", "English", "#cc4125", "English"),
        Subject("math", "Mathematics", "#3c78d8", "Math"),
        Subject("science", "Science", "#6aa84f", "Science"),
        Subject("history", "History", "#b45f06", "History"),
        Subject("spanish", "Spanish", "#f1c232", "World languages"),
        Subject("pe", "Physical education", "#76a5af", "PE"),
        Subject("eng-design", "Engineering Design (CTE)", "#e69138", "Engineering pathway", project_based=True),
        Subject("health-sci", "Health Science (CTE)", "#a64d79", "Health pathway", project_based=True),
        Subject("perf-arts", "Performing Arts (CTE)", "#8e7cc3", "Arts pathway", project_based=True),
    ]
    campuses = [
        Campus("main", "Main campus", "1200 Harbor Blvd"),
        Campus("hsc", "Health Sciences Center", "Community hospital, 400 Mercy Way"),
    ]
    cohorts: list[Cohort] = []
    for grade in range(9, 13):
        sizes = iter(LL_SIZES)
        for key, pathway, count in LL_GROUPS:
            for k in range(1, count + 1):
                cohort_id = f"g{grade}-{key}-{k}"
                cohorts.append(
                    Cohort(
                        cohort_id,
                        f"Grade {grade} {pathway.replace('-', ' ')} {k}",
                        grade,
                        next(sizes),
                        pathway,
                        f"ll-{2039 - grade}-{key}-{k}",
                        "hsc" if pathway == "health" else "main",
                    )
                )
    by = {
        (c.grade, c.pathway): [x.id for x in cohorts if x.grade == c.grade and x.pathway == c.pathway] for c in cohorts
    }

    def group(pathway: str, grades: Iterable[int]) -> list[str]:
        return [cid for g in grades for cid in by[(g, pathway)]]

    staff = Staff(40)
    fixed: dict[tuple[str, str], str] = {}  # (subject, cohort) -> teacher
    pools: dict[tuple[str, str], list[str]] = {}  # (subject, cohort) -> pool

    def assign(teacher_id: str, subject_id: str, cohort_ids: Iterable[str]) -> None:
        for cid in cohort_ids:
            fixed[(subject_id, cid)] = teacher_id

    # core subjects: health cohorts by teachers based at the Health Sciences Center, engineering and arts
    # cohorts by their pathway teachers, general cohorts by a pool the solver chooses from
    for subject_id, short in (("english", "en"), ("math", "ma"), ("science", "sc"), ("history", "hi")):
        if subject_id == "math":
            staff.add("ma-hsc-1", ["math"], campus_id="hsc")
            # part-time (0.6), off Friday afternoons
            staff.add("ma-hsc-2", ["math"], 900, campus_id="hsc", unavailable=[window("fri", "12:00", "17:00")])
            # based on the main campus, teaches the grade-12 health cohorts at the HSC: needs travel time
            staff.add("ma-travel", ["math"], campus_id="main", avoid=[window("mon", "8:00", "9:30")])
            assign("ma-hsc-1", "math", group("health", (9, 10)))
            assign("ma-hsc-2", "math", group("health", (11,)))
            assign("ma-travel", "math", group("health", (12,)) + by[(12, "general")][:2])
        else:
            for half, grades in ((1, (9, 10)), (2, (11, 12))):
                staff.add(f"{short}-hsc-{half}", [subject_id], campus_id="hsc")
                assign(f"{short}-hsc-{half}", subject_id, group("health", grades))
        for k, (pathway, grades) in enumerate(
            (
                ("engineering", (9, 10)),
                ("engineering", (11, 12)),
                ("performing-arts", (9, 10)),
                ("performing-arts", (11, 12)),
            ),
            start=1,
        ):
            extra = {"avoid": [window(None, "14:30", "15:30")]} if (subject_id, k) == ("history", 2) else {}
            staff.add(f"{short}-path-{k}", [subject_id], campus_id="main", **extra)
            assign(f"{short}-path-{k}", subject_id, group(pathway, grades))
        pool = [staff.add(f"{short}-gen-{k}", [subject_id], campus_id="main") for k in range(1, 5)]
        for cid in group("general", range(9, 13)):
            if (subject_id, cid) not in fixed:
                pools[(subject_id, cid)] = pool
    for pathway, (subject_id, _feature) in CTE.items():
        short = {"engineering": "eng", "health": "hlth", "performing-arts": "arts"}[pathway]
        campus = "hsc" if pathway == "health" else "main"
        pool = [staff.add(f"cte-{short}-{k}", [subject_id], campus_id=campus) for k in range(1, 4)]
        for cid in group(pathway, range(9, 13)):
            pools[(subject_id, cid)] = pool
    spanish_pool = [staff.add(f"sp-{k}", ["spanish"], campus_id="main") for k in range(1, 5)]
    for cid in group("general", range(9, 13)):
        pools[("spanish", cid)] = spanish_pool
    pe_pool = [staff.add(f"pe-{k}", ["pe"], campus_id="main") for k in range(1, 5)]
    staff.add("pe-hsc", ["pe"], campus_id="hsc")
    for cohort in cohorts:
        if cohort.pathway == "health":
            fixed[("pe", cohort.id)] = "pe-hsc"
        else:
            pools[("pe", cohort.id)] = pe_pool

    room_list = [
        *rooms("m-room", "Room", 12, 32, campus="main"),
        *[Room(f"m-room-{k}", f"Room {k}", 32, {GEN}, "main") for k in range(13, 31)],
        *rooms("m-lab", "Science lab", 4, 32, ["lab"], "main"),
        *[Room(f"m-lab-{k}", f"Science lab {k}", 32, {"lab", GEN}, "main") for k in range(5, 9)],
        *rooms("m-shop", "Engineering shop", 3, 32, ["shop"], "main"),
        *rooms("m-studio", "Performing arts studio", 3, 40, ["studio"], "main"),
        *rooms("m-gym", "Gym", 3, 70, ["gym"], "main"),
        *rooms("hsc-room", "HSC room", 7, 32, [HSC], "hsc"),
        *rooms("hsc-lab", "HSC science lab", 2, 32, ["lab", HSC], "hsc"),
        *rooms("hsc-hlab", "HSC health lab", 3, 32, ["health-lab", HSC], "hsc"),
        Room("hsc-fitness", "HSC fitness room", 40, {"gym", HSC}, "hsc"),
    ]
    # core teachers of the pathways and of the Health Sciences Center have rooms of their own
    home: dict[str, str] = {}
    for short in ("en", "ma", "hi"):
        for k in range(1, 5):
            home[f"{short}-path-{k}"] = f"m-room-{len(home) + 1}"
    home |= {f"sc-path-{k}": f"m-lab-{k}" for k in range(1, 5)}
    home["ma-travel"] = "m-room-13"
    hsc_owners = ["en-hsc-1", "en-hsc-2", "ma-hsc-1", "ma-hsc-2", "hi-hsc-1", "hi-hsc-2"]
    home |= {t: f"hsc-room-{k}" for k, t in enumerate(hsc_owners, start=1)}
    home |= {"sc-hsc-1": "hsc-lab-1", "sc-hsc-2": "hsc-lab-2"}
    # Advisories of at most 18: every cohort is split in two (14-16 students), 80 advisories at once, each led
    # by a teacher of the cohort where one is free (its own teachers, then its pools' teachers) on the cohort's
    # campus. That takes every teacher but the one travelling between campuses, and the school's counselors,
    # special-education and ELD teachers, librarian, intervention specialists and work-based learning
    # coordinators lead the rest; small seminar rooms (18 seats, too small for any class) add the rooms needed.
    support = {
        "main": [
            *(staff.add(f"counselor-{k}", [], campus_id="main") for k in range(1, 5)),
            *(staff.add(f"sped-{k}", [], campus_id="main") for k in range(1, 9)),
            *(staff.add(f"eld-{k}", [], campus_id="main") for k in range(1, 3)),
            staff.add("librarian", [], campus_id="main"),
            *(staff.add(f"intervention-{k}", [], campus_id="main") for k in range(1, 3)),
            staff.add("wbl-main", [], campus_id="main"),
        ],
        "hsc": [
            staff.add("counselor-hsc", [], campus_id="hsc"),
            *(staff.add(f"sped-hsc-{k}", [], campus_id="hsc") for k in range(1, 3)),
            staff.add("wbl-hsc", [], campus_id="hsc"),
        ],
    }
    room_list += [
        *rooms("m-seminar", "Seminar room", 20, 18, campus="main"),
        *rooms("hsc-seminar", "HSC seminar room", 4, 18, campus="hsc"),
    ]
    teacher_campus = {t.id: t.campus_id for t in staff.teachers}
    room_campus = {r.id: r.campus_id for r in room_list if "gym" not in r.features}
    used_rooms: set[str] = set()

    def advisory_room(advisor: str, campus: str) -> str:
        """The advisor's own room when they have one, else the next free room of the campus."""
        room = home.get(advisor)
        if room in used_rooms or room_campus.get(room or "") != campus:
            free = [r for r, c in room_campus.items() if c == campus and r not in used_rooms]
            room = next((r for r in free if r not in home.values()), free[0])  # keep others' rooms for them
        used_rooms.add(room)
        return room

    taken: set[str] = {"ma-travel"}  # teaches on both campuses: no advisory
    advisories = []
    for cohort in cohorts:
        campus = cohort.campus_id or "main"
        own = [fixed[key] for key in fixed if key[1] == cohort.id]
        own += [t for key, pool in pools.items() if key[1] == cohort.id for t in pool]
        own += support[campus]
        advisors = [t for t in dict.fromkeys(own) if t not in taken and teacher_campus[t] == campus][:2]
        taken.update(advisors)
        for half, advisor in enumerate(advisors, start=1):
            advisories.append(
                Advisory(
                    f"advisory-{cohort.id}-{half}",
                    f"Advisory {cohort.name}.{half}",
                    advisor,
                    [cohort.id],
                    (cohort.size + 2 - half) // 2,
                    advisory_room(advisor, campus),
                )
            )

    teams = []
    for pathway in ("engineering", "health", "performing-arts"):
        members = sorted(
            {fixed[key] for key in fixed if key[1] in group(pathway, range(9, 13)) and fixed[key] != "ma-travel"}
        )
        cte_subject = CTE[pathway][0]
        members += next(pools[key] for key in pools if key[0] == cte_subject)
        teams.append(
            TeacherTeam(
                f"team-{pathway}",
                f"{pathway.replace('-', ' ').title()} pathway team",
                members,
                group(pathway, range(9, 13)),
                60,
                45,
            )
        )

    names = {
        "english": "English {g}",
        "math": "Math {g}",
        "science": "Science {g}",
        "history": "History {g}",
        "spanish": "Spanish",
        "pe": "PE",
        "eng-design": "Engineering Design {g}",
        "health-sci": "Health Science {g}",
        "perf-arts": "Performing Arts {g}",
    }

    def sections(kind: str) -> list[Section]:
        # meetings per week (block: 90-minute blocks; 7-period: 50-minute periods, CTE as double periods)
        per_week = {
            "block": {"english": 2, "math": 2, "science": 2, "history": 2, "cte": 2, "spanish": 2, "pe": 1},
            "7": {"english": 5, "math": 5, "science": 4, "history": 4, "cte": 3, "spanish": 5, "pe": 2},
        }[kind]
        result = []
        for cohort in cohorts:
            cte_subject = CTE[cohort.pathway][0] if cohort.pathway in CTE else "spanish"
            for subject_id in ("english", "math", "science", "history", cte_subject, "pe"):
                is_cte = subject_id in ("eng-design", "health-sci", "perf-arts")
                features = []
                if subject_id == "science":
                    features.append("lab")
                elif subject_id == "pe":
                    features.append("gym")
                elif is_cte:
                    features.append(CTE[cohort.pathway][1])
                if cohort.pathway == "health":
                    features.append(HSC)
                elif cohort.pathway == "general" and subject_id != "pe":
                    features.append(GEN)
                key = (subject_id, cohort.id)
                who = {"teachers": [fixed[key]]} if key in fixed else {"pool": pools[key]}
                room_id = home.get(fixed.get(key, ""))  # teachers with a room of their own teach there
                if fixed.get(key) == "ma-travel" and cohort.pathway == "health":
                    room_id = "hsc-room-7"  # the visiting teacher's room at the Health Sciences Center
                result.append(
                    section(
                        f"{cohort.id}-{subject_id}",
                        names[subject_id].format(g=cohort.grade),
                        subject_id,
                        [cohort.id],
                        per_week["cte" if is_cte else subject_id],
                        blocks=2 if is_cte and kind == "7" else 1,
                        features=features,
                        room_id=room_id,
                        **who,
                    )
                )
        return result

    block_day = [
        ("b1", "8:00", "9:30", C, "Block 1"),
        ("b2", "9:40", "11:10", C, "Block 2"),
        ("advisory", "11:15", "11:45", A, "Advisory"),
        ("lunch", "11:45", "12:20", L, "Lunch"),
        ("b3", "12:20", "13:50", C, "Block 3"),
        ("b4", "14:00", "15:30", C, "Block 4"),
    ]
    period_day = [
        ("p1", "8:00", "8:50", C, "Period 1"),
        ("p2", "8:55", "9:45", C, "Period 2"),
        ("advisory", "9:50", "10:15", A, "Advisory"),
        ("p3", "10:20", "11:10", C, "Period 3"),
        ("p4", "11:15", "12:05", C, "Period 4"),
        ("lunch", "12:05", "12:40", L, "Lunch"),
        ("p5", "12:40", "13:30", C, "Period 5"),
        ("p6", "13:35", "14:25", C, "Period 6"),
        ("p7", "14:30", "15:20", C, "Period 7"),
    ]
    wed = {d: "wednesday" if d == "wed" else "regular" for d in WEEKDAYS}
    seniors = [c.id for c in cohorts if c.grade == 12]
    year_note = "Late start: classes begin 9:30 after pathway team PD"
    scenarios = [
        Scenario(
            "block-friday-wbl",
            "Block with Friday WBL",
            "Four 90-minute blocks a day; each core course meets twice a week. Seniors spend Fridays in "
            "work-based learning with industry partners (30 min travel). Pathway teams meet Wednesday after school.",
            school_year(SEMESTERS, weekly_rotation(), year_note, TIME_ZONES["linked-learning"]),
            [
                bell("regular", "Block day", block_day),
                bell(
                    "wednesday",
                    "Block day + pathway team time",
                    [*block_day, ("team", "15:40", "16:40", P, "Pathway team time")],
                ),
            ],
            weekly_day_types(wed),
            sections("block"),
            [
                Internship(
                    "senior-wbl",
                    "Senior work-based learning",
                    seniors,
                    [window("fri", "8:00", "15:30")],
                    30,
                    "Grade 12 at internships with industry partners of their pathway every Friday.",
                )
            ],
        ),
        Scenario(
            "seven-period",
            "7-period",
            "Seven 50-minute periods Monday–Friday and a 25-minute advisory; CTE courses meet three times a week in "
            "double periods; no Friday work-based learning. Pathway teams meet Wednesday after school.",
            school_year(SEMESTERS, weekly_rotation(), year_note, TIME_ZONES["linked-learning"]),
            [
                bell("regular", "7-period day", period_day),
                bell(
                    "wednesday",
                    "7-period day + pathway team time",
                    [*period_day, ("team", "15:30", "16:30", P, "Pathway team time")],
                ),
            ],
            weekly_day_types(wed),
            sections("7"),
        ),
    ]
    return Project(
        name="Linked Learning sample",
        school_name="Harborview Linked Learning High School",
        description=description(
            "A comprehensive Linked Learning high school: 1,200 students in grades 9–12, three career pathways "
            "(engineering, health, performing arts) and a general program in cohorts of 28–32 that travel together "
            "through English, math, science, history and their CTE course. The health pathway is housed at the "
            "Health Sciences Center, 15 minutes from the main campus. Seniors do work-based learning on Fridays."
        ),
        subjects=subjects,
        teachers=staff.teachers,
        rooms=room_list,
        campuses=campuses,
        travel=[CampusTravel("main", "hsc", 15)],
        cohorts=cohorts,
        advisories=advisories,
        teams=teams,
        scenarios=scenarios,
    )


BUILDERS = {
    "big-picture": build_big_picture,
    "new-tech": build_new_tech,
    "internationals": build_internationals,
    "linked-learning": build_linked_learning,
}


def build_all() -> dict[str, Project]:
    return {sample_id: BUILDERS[sample_id]() for sample_id in SAMPLE_IDS}


def main(argv: list[str] | None = None) -> int:
    out_dir = Path(argv[0]) if argv else HERE
    for sample_id, project in build_all().items():
        path = out_dir / f"{sample_id}.json"
        path.write_text(project_to_json(project), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
