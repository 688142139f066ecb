"""Synthetic schools with students as people: the solver benchmark's school plus electives and requests.

Starts from :func:`school_generator.generate_school` (cohorts of 25 on an A/B block schedule) and
frees two of each cohort's eight-or-six weekly class slots by taking two cohort courses out; in their
place every student requests two of 40 elective subjects, each with an alternate. A third of the
electives (the 13 least popular) get one section (singletons); the others as many 30-seat sections
as their requests need plus 10 %. Each student has 8 requests: 6 of their cohort's subjects (rank 1;
their cohort's sections meet them), elective 1 (rank 1) and elective 2 (rank 2), each with an
alternate ("if not X then Y").

    python benchmarks/student_generator.py 1200 out.json
"""

from __future__ import annotations

import math
import random
import sys
from collections import defaultdict
from pathlib import Path

from school_generator import MAX_MINUTES_PER_WEEK, MEETINGS_PER_TEACHER, generate_school

from dlplanner.domain import CourseRequest, Project, Room, Section, Student, Subject, Teacher, codec

ELECTIVES = 40
SINGLETONS = 13
SEATS = 30
SINGLETON_DEMAND = 18  # expected first-choice requests of a singleton elective, whatever the school's size
# two cohort courses per grade make way for the electives
DROPPED = {9: {"art", "pe"}, 10: {"span", "art"}, 11: {"span", "phys"}, 12: {"elect", "capstone"}}


def generate_school_with_students(students: int, seed: int = 0) -> Project:
    rng = random.Random(seed + 7)
    project = generate_school(students, seed=seed)
    scenario = project.scenarios[0]
    grades = {c.id: c.grade for c in project.cohorts}
    scenario.sections = [
        s
        for s in scenario.sections
        if not (len(s.cohort_ids) == 1 and s.subject_id in DROPPED[grades[s.cohort_ids[0]]])
    ]
    cohort_subjects: dict[str, list[str]] = defaultdict(list)
    for section in scenario.sections:
        for cid in section.cohort_ids:
            if section.subject_id not in cohort_subjects[cid]:
                cohort_subjects[cid].append(section.subject_id)

    electives = [f"el{i + 1:02d}" for i in range(ELECTIVES)]
    project.subjects += [Subject(e, f"Elective {e[2:]}", "#8e7cc3") for e in electives]
    popular, rare = electives[:-SINGLETONS], electives[-SINGLETONS:]
    ratio = max(1.0, (2 * students / SINGLETON_DEMAND - SINGLETONS) / len(popular))
    weights = [ratio] * len(popular) + [1.0] * len(rare)

    people: list[Student] = []
    requests: list[CourseRequest] = []
    demand: dict[str, int] = defaultdict(int)
    for cohort in project.cohorts:
        for k in range(cohort.size):
            student = Student(
                f"s-{cohort.id}-{k + 1:02d}",
                f"Student {cohort.name}-{k + 1:02d}",
                cohort.grade,
                cohort.id,
                flags={"ELL"} if rng.random() < 0.15 else ({"IEP"} if rng.random() < 0.12 else set()),
            )
            people.append(student)
            for subject in cohort_subjects[cohort.id][:6]:
                requests.append(CourseRequest(student.id, subject, 1))
            picks: list[str] = []
            while len(picks) < 4:
                choice = rng.choices(electives, weights)[0]
                if choice not in picks:
                    picks.append(choice)
            first, second, alt_first, alt_second = picks
            requests += [
                CourseRequest(student.id, first, 1),
                CourseRequest(student.id, second, 2),
                CourseRequest(student.id, alt_first, 1, alternate_for=first),
                CourseRequest(student.id, alt_second, 2, alternate_for=second),
            ]
            demand[first] += 1
            demand[second] += 1
    project.students, project.requests = people, requests

    sections: list[Section] = []
    for subject in electives:
        count = 1 if subject in rare else max(1, math.ceil(demand[subject] * 1.1 / SEATS))
        for n in range(count):
            sections.append(
                Section(f"{subject}-{n + 1}", f"Elective {subject[2:]} ({n + 1})", subject, [], 1, max_enrolment=SEATS)
            )
    teachers = [
        Teacher(f"t-el-{i + 1}", f"Elective teacher {i + 1}", set(), MAX_MINUTES_PER_WEEK)
        for i in range(math.ceil(len(sections) / MEETINGS_PER_TEACHER))
    ]
    for i, section in enumerate(sections):
        teacher = teachers[i // MEETINGS_PER_TEACHER]
        teacher.subject_ids.add(section.subject_id)
        section.teacher_ids = [teacher.id]
    scenario.sections += sections
    project.teachers += teachers
    project.rooms += [
        Room(f"e{i + 1}", f"Elective room {i + 1}", SEATS) for i in range(math.ceil(len(sections) / 8 * 1.3) + 2)
    ]
    project.name = f"Synthetic school {students} with students"
    return project


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1200
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"synthetic-students-{size}.json")
    out.write_text(codec.project_to_json(generate_school_with_students(size)), encoding="utf-8")
    print(f"wrote {out}")
