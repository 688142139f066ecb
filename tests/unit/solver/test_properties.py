"""Property tests: random small schools that are feasible by construction.

Each school is built around a timetable drawn first (every meeting put where its cohorts, teacher
and room are free); sections, rooms, availability, internships, advisories, teams, loads, looping
and terms are then derived so that this timetable satisfies every hard rule. So the solver must
never say infeasible, and whatever timetable it returns, the checker must find nothing wrong.
"""

from __future__ import annotations

import math
import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solver_kit import A, C, L, P, schedule

from dlplanner.domain.calendar import Term
from dlplanner.domain.checker import check_pins, check_timetable
from dlplanner.domain.model import (
    Advisory,
    BlockRef,
    Cohort,
    CourseRequest,
    DayType,
    Internship,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Project,
    Room,
    Scenario,
    Section,
    SolveStatus,
    Student,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)
from dlplanner.solver import SolveRequest, solve


def random_school(seed: int) -> tuple[Project, list[Placement]]:
    rng = random.Random(seed)
    n_days = rng.randint(1, 3)
    n_class = rng.randint(2, 5)
    spec: list = []
    t = 480
    if rng.random() < 0.4:
        spec.append((t, t + 20, A))
        t += 25
    for i in range(n_class):
        length = rng.choice([50, 60, 90])
        spec.append((t, t + length, C))
        t += length
        if i == 1 and n_class >= 4 and rng.random() < 0.5:
            spec.append((t, t + 30, L))
            t += 30
        elif i < n_class - 1:
            spec.append((t, t + 5, P))
            t += 5
    bell = schedule(*spec)
    days = [DayType(f"d{i}", f"Day {i}", bell.id) for i in range(n_days)]
    class_blocks = [b for b in bell.sorted_blocks() if b.kind == C]
    runs = bell.class_runs()
    subjects = [Subject("math", "Math"), Subject("eng", "English"), Subject("pbl", "Projects", project_based=True)]
    teachers = [Teacher(f"t{i}", f"Teacher {i}", {s.id for s in subjects}) for i in range(rng.randint(2, 5))]
    cohorts = [Cohort(f"c{i}", f"Cohort {i}", 9 + i % 4, rng.randint(10, 25)) for i in range(rng.randint(1, 4))]
    rooms = [
        Room(f"r{i}", f"Room {i}", rng.randint(25, 40), {"lab"} if rng.random() < 0.3 else set())
        for i in range(rng.choice([0, 1, 2, 3, 4]))
    ]
    busy: set[tuple[str, str, int]] = set()  # (resource, day, class block index)
    index = {b.id: i for i, b in enumerate(class_blocks)}

    def free(resources: list[str], day: str, blocks: list[int]) -> bool:
        return all((r, day, b) not in busy for r in resources for b in blocks)

    # an advisory in a class block, sometimes
    advisories = []
    if rng.random() < 0.3:
        day, b = rng.choice(days).id, rng.randrange(len(class_blocks))
        advisories.append(
            Advisory("adv", "Crew", "t0", [cohorts[0].id], meeting_blocks=[BlockRef(day, class_blocks[b].id)])
        )
        busy |= {("t0", day, b), (cohorts[0].id, day, b)}

    sections, placements = [], []
    for s in range(rng.randint(1, 8)):
        group = rng.sample([c.id for c in cohorts], k=rng.choice([0, 1, 1, 1, 2]) if len(cohorts) > 1 else 1)
        teacher = rng.choice(teachers).id
        room = rng.choice(rooms) if rooms else None
        k = 2 if rng.random() < 0.2 else 1
        starts = [(d.id, run, i) for d in days for run in runs for i in range(len(run) - k + 1)]
        rng.shuffle(starts)
        chosen = []
        want = rng.randint(1, 3)
        for day, run, i in starts:
            blocks = [index[b.id] for b in run[i : i + k]]
            res = [*group, teacher] + ([room.id] if room else [])
            if free(res, day, blocks):
                busy.update((r, day, b) for r in res for b in blocks)
                chosen.append((day, run[i].start, run[i + k - 1].end, blocks))
                if len(chosen) == want:
                    break
        if not chosen:
            continue
        length_minutes = None
        if k == 1 and rng.random() < 0.2:
            length_minutes = min(b.minutes for b in class_blocks) - 10
        section = Section(
            f"s{s}",
            f"Section {s}",
            rng.choice(subjects).id,
            cohort_ids=group,
            meetings_per_cycle=len(chosen),
            length_blocks=k,
            length_minutes=length_minutes,
            enrolment=rng.randint(5, 25),
        )
        if rng.random() < 0.5:
            section.teacher_ids = [teacher]
        else:
            others = [t.id for t in teachers if t.id != teacher]
            section.teacher_pool = [teacher, *rng.sample(others, k=min(len(others), rng.randint(0, 2)))]
        if room is not None:
            section.room_features = set(room.features)
            section.min_capacity = rng.randint(1, room.capacity)
            if rng.random() < 0.2:
                section.room_id = room.id
        sections.append(section)
        for m, (day, start, _, _) in enumerate(chosen):
            end = start + length_minutes if length_minutes else chosen[m][2]
            placements.append(Placement(section.id, m, day, start, end, room.id if room else None, [teacher]))

    # unavailability and internships where the drawn timetable leaves people free
    for teacher in teachers:
        if rng.random() < 0.5:
            day, b = rng.choice(days).id, rng.randrange(len(class_blocks))
            if free([teacher.id], day, [b]):
                blk = class_blocks[b]
                teacher.unavailable.append(TimeWindow(day, blk.start, blk.end))
                busy.add((teacher.id, day, b))
        if rng.random() < 0.3:
            blk = rng.choice(class_blocks)
            teacher.avoid.append(TimeWindow(None, blk.start, blk.end))
    internships = []
    for cohort in cohorts:
        if rng.random() < 0.4:
            day, b = rng.choice(days).id, rng.randrange(len(class_blocks))
            if free([cohort.id], day, [b]):
                blk = class_blocks[b]
                internships.append(
                    Internship(
                        f"i{cohort.id}", f"WBL {cohort.name}", [cohort.id], [TimeWindow(day, blk.start, blk.end)]
                    )
                )
    # a team with the common planning time this timetable leaves them
    teams = []
    if len(teachers) >= 2 and rng.random() < 0.5:
        members = [t.id for t in rng.sample(teachers, 2)]
        common = sum(b.minutes for d in days for i, b in enumerate(class_blocks) if free(members, d.id, [i]))
        weekly = math.floor(common * 5 / n_days * rng.random())
        teams.append(TeacherTeam("team", "Team", members, [c.id for c in cohorts], planning_minutes_per_week=weekly))
    # loads within limits, looping that the drawn teachers keep
    for teacher in teachers:
        load = sum(p.end - p.start for p in placements if teacher.id in p.teacher_ids)
        if rng.random() < 0.5:
            teacher.max_minutes_per_week = math.ceil(load * 5 / n_days) + rng.randint(0, 60)
    looping, prior = [], []
    pooled = [s for s in sections if s.teacher_pool and s.cohort_ids]
    if pooled and rng.random() < 0.5:
        s = rng.choice(pooled)
        cohort = s.cohort_ids[0]
        kept = sorted(
            {
                p.teacher_ids[0]
                for p in placements
                for x in sections
                if x.id == p.section_id and x.subject_id == s.subject_id and cohort in x.cohort_ids
            }
        )
        prior.append(PriorPairing(cohort, PairingKind.SUBJECT_TEACHER, subject_id=s.subject_id, teacher_ids=kept))
        looping.append(
            LoopingRule("loop", cohort, PairingKind.SUBJECT_TEACHER, subject_id=s.subject_id, hard=rng.random() < 0.6)
        )
    scenario = Scenario(
        "s",
        "Main",
        bell_schedules=[bell],
        day_types=days,
        sections=sections,
        internships=internships,
        looping_rules=looping,
    )
    if placements and rng.random() < 0.3:
        pin = rng.choice(placements)
        pin.pinned = True
        scenario.solution.placements = [pin]
    if rng.random() < 0.4:
        # terms only take clashes away and lighten each part of the year: the drawn timetable stays valid
        scenario.calendar.terms = [
            Term("S1", "Semester 1", date(2026, 8, 24), date(2027, 1, 15)),
            Term("S2", "Semester 2", date(2027, 1, 19), date(2027, 6, 4)),
            Term("Q1", "Quarter 1", date(2026, 8, 24), date(2026, 10, 30)),
        ]
        for section in sections:
            section.term_id = rng.choice([None, "S1", "S2", "Q1"])
    project = Project(
        "Random",
        subjects=subjects,
        teachers=teachers,
        rooms=rooms,
        cohorts=cohorts,
        advisories=advisories,
        teams=teams,
        prior_pairings=prior,
        scenarios=[scenario],
    )
    return project, placements


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
def test_feasible_by_construction_is_never_called_infeasible_and_every_result_checks(seed: int):
    project, drawn = random_school(seed)
    scenario = project.scenarios[0]
    assert check_timetable(project, scenario, drawn).ok, "the generator itself drew an invalid timetable"
    pins = [p for p in scenario.solution.placements if p.pinned]
    result = solve(SolveRequest(project, "s", time_limit=2.0, workers=2, seed=seed % 1000))
    assert result.status != SolveStatus.INFEASIBLE, [c.message for c in result.conflicts]
    if result.placements:
        report = check_timetable(project, scenario, result.placements)
        assert report.ok, [v.message for v in report.violations]
        assert not check_pins(pins, result.placements)
        if result.penalties:
            assert result.penalties == report.penalties


def add_random_students(project: Project, seed: int) -> None:
    """Students (some in cohorts, some with an advisory) requesting random subjects, ranks and alternates;
    some open sections get a maximum enrolment. Requests never make a school infeasible (they are soft)."""
    rng = random.Random(seed)
    scenario = project.scenarios[0]
    for section in scenario.sections:
        if rng.random() < 0.5 and (section.min_capacity is not None or not project.rooms):
            section.max_enrolment = project.cohort_seats(section) + rng.randint(0 if section.cohort_ids else 1, 4)
    subjects = [s.id for s in project.subjects]
    for i in range(rng.randint(1, 12)):
        cohort = rng.choice([None, *[c.id for c in project.cohorts]])
        advisory = rng.choice([None, *[a.id for a in project.advisories]])
        student = Student(f"st{i}", f"Student {i}", 9, cohort, advisory, flags={"ELL"} if rng.random() < 0.3 else set())
        project.students.append(student)
        wanted = rng.sample(subjects, k=rng.randint(1, len(subjects)))
        for rank, subject_id in enumerate(wanted, start=1):
            if rank > 1 and rng.random() < 0.3:
                project.requests.append(CourseRequest(student.id, subject_id, rank, alternate_for=wanted[0]))
            else:
                project.requests.append(CourseRequest(student.id, subject_id, rng.randint(1, 4)))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
def test_with_students_every_feasible_result_checks_students_included(seed: int):
    project, _ = random_school(seed)
    add_random_students(project, seed)
    scenario = project.scenarios[0]
    result = solve(SolveRequest(project, "s", time_limit=2.0, workers=2, seed=seed % 1000))
    assert result.status != SolveStatus.INFEASIBLE, [c.message for c in result.conflicts]
    if result.placements:
        report = check_timetable(project, scenario, result.placements, enrolments=result.enrolments)
        assert report.ok, [v.message for v in report.violations]
        assert result.penalties == report.penalties
        assert {e.student_id for e in result.enrolments} <= {s.id for s in project.students}
