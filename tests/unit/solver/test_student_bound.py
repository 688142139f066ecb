"""The bound on requests met holds for the solver's loads: random small schools with scarce seats, solved and
judged by the checker, never meet more requests (per rank, by the subject or an alternate) than the bound."""

from __future__ import annotations

import random

import pytest
from solver_kit import add_section, blocks_of, judged, run, school

from dlplanner.domain.model import CourseRequest, Project, Student, Subject, Teacher
from dlplanner.domain.request_bound import request_bound
from dlplanner.domain.students import request_outcomes

ELECTIVES = ("art", "music", "drama", "chess", "film")


def _random_school(seed: int) -> Project:
    rng = random.Random(seed)
    p = school(blocks=blocks_of(4), days=rng.randint(1, 2), teachers=2, cohorts=2)
    for cohort, subject in (("c0", "math"), ("c1", "eng")):
        for k in range(rng.randint(1, 3)):
            add_section(p, f"{subject}-{cohort}-{k}", subject_id=subject, cohort_ids=[cohort])
    for subject in ELECTIVES:
        p.subjects.append(Subject(subject, subject.title()))
        p.teachers.append(Teacher(f"t-{subject}", f"Teacher {subject}", {subject}))
        for k in range(rng.choice([1, 1, 2])):
            add_section(
                p, f"{subject}-{k}", subject_id=subject, teacher_ids=[f"t-{subject}"], max_enrolment=rng.randint(2, 5)
            )
    for i in range(rng.randint(8, 14)):
        student = Student(f"st{i}", f"Student {i}", 9, rng.choice(["c0", "c1", None]))
        p.students.append(student)
        wanted = rng.sample(ELECTIVES, 4)
        for rank, subject in enumerate(wanted[:3], start=1):
            p.requests.append(CourseRequest(student.id, subject, min(rank, 2)))
        if rng.random() < 0.5:
            p.requests.append(CourseRequest(student.id, wanted[3], 1, alternate_for=wanted[0]))
        if rng.random() < 0.3:
            p.requests.append(CourseRequest(student.id, "math", 1))  # the cohort c0 meets it
    return p


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_no_load_meets_more_requests_than_the_bound(seed: int):
    p = _random_school(seed)
    scenario = p.scenarios[0]
    result = run(p, time_limit=4.0, seed=seed)
    report = judged(p, result)
    bound = request_bound(p, scenario, result.placements)
    assert bound.exact
    outcomes = request_outcomes(p, scenario, result.enrolments)
    for rank in {o.group.rank for o in outcomes}:
        mine = [o for o in outcomes if o.group.rank == rank]
        assert sum(o.met_by == o.group.subject_id for o in mine) <= bound.own(rank)
        assert sum(o.met for o in mine) <= bound.met(rank)
    assert sum(o.met for o in outcomes) <= bound.total
    assert sum(o.units for o in outcomes) >= bound.least_units
    assert report.penalties.get("request_unmet", 0) >= 10 * bound.least_units  # the default weight
    for (subject_id, rank), (requests, own, met) in bound.by_subject.items():
        mine = [o for o in outcomes if (o.group.subject_id, o.group.rank) == (subject_id, rank)]
        assert len(mine) == requests
        assert sum(o.met_by == subject_id for o in mine) <= own <= met
        assert sum(o.met for o in mine) <= met
