"""One small test per student rule (student_clash, section_capacity, request_unmet, section_balance).

Every result is judged by the checker.

Each instance needs its rule: the greedy first load (the students' model's hint) fills sections in order,
and the sections' times are pinned where the test is about seating, so without the rule the result breaks it.
"""

from __future__ import annotations

from solver_kit import C, add_section, blocks_of, judged, run, school

from dlplanner.domain.model import (
    Advisory,
    BlockKind,
    CourseRequest,
    Enrolment,
    Internship,
    Placement,
    Project,
    Student,
    Subject,
    Teacher,
    TimeWindow,
)


def _electives(p: Project, *subjects: str) -> None:
    for sid in subjects:
        p.subjects.append(Subject(sid, sid.title()))
        p.teachers.append(Teacher(f"t-{sid}", f"Teacher {sid}", {sid}))


def _pin(p: Project, section_id: str, start: int, day: str = "d0", end: int | None = None) -> None:
    bell = p.scenarios[0].bell_schedules[0]
    block = next(b for b in bell.blocks if b.start == start)
    section = p.scenarios[0].section(section_id)
    teachers = section.teacher_ids
    p.scenarios[0].solution.placements.append(
        Placement(
            section_id,
            len([q for q in p.scenarios[0].solution.placements if q.section_id == section_id]),
            day,
            block.start,
            end or block.end,
            None,
            list(teachers),
            pinned=True,
        )
    )


def _students(p: Project, n: int, *subjects: str, rank: int = 1, cohort: str | None = None) -> list[Student]:
    made = []
    for _ in range(n):
        student = Student(f"st{len(p.students)}", f"Student {len(p.students)}", 9, cohort)
        p.students.append(student)
        p.requests += [CourseRequest(student.id, s, rank) for s in subjects]
        made.append(student)
    return made


def _enrolled(result, student_id: str) -> set[str]:
    return {e.section_id for e in result.enrolments if e.student_id == student_id}


def test_student_clash_between_two_open_sections():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art", "music")
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "music-1", subject_id="music", teacher_ids=["t-music"])
    _pin(p, "art-1", 480)
    _pin(p, "music-1", 480)  # the same time: a student can take one of them
    (student,) = _students(p, 1, "art", "music")
    result = run(p)
    judged(p, result)
    assert len(_enrolled(result, student.id)) == 1


def test_student_clash_with_the_cohorts_meetings_sittings_and_internship():
    blocks = [(480, 540, C), (545, 605, C), (610, 640, BlockKind.ADVISORY), (645, 705, C)]
    p = school(blocks=blocks, days=2, teachers=1, cohorts=1)
    _electives(p, "art", "music", "drama")
    add_section(p, "core", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "music-1", subject_id="music", teacher_ids=["t-music"])
    add_section(p, "drama-1", subject_id="drama", teacher_ids=["t-drama"], length_blocks=2, allow_break_span=True)
    _pin(p, "core", 480)
    _pin(p, "art-1", 480)  # with the cohort's own meeting
    p.scenarios[0].internships.append(Internship("lti", "LTI", ["c0"], [TimeWindow("d0", 645, 705)]))
    _pin(p, "music-1", 645)  # during the internship
    p.advisories.append(Advisory("adv", "Crew", "t0", ["c0"]))
    _pin(p, "drama-1", 545, day="d1", end=705)  # across the advisory sitting of d1
    (student,) = _students(p, 1, "art", "music", "drama", cohort="c0")
    result = run(p)
    judged(p, result)
    assert _enrolled(result, student.id) == set()


def test_section_capacity():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art")
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"], max_enrolment=2)
    students = _students(p, 3, "art")
    result = run(p)
    judged(p, result)
    assert sum(len(_enrolled(result, s.id)) for s in students) == 2


def test_section_capacity_counts_the_cohorts_seats_and_the_room():
    p = school(blocks=blocks_of(3), teachers=1, cohorts=1, rooms=2)
    p.rooms[0].capacity, p.rooms[1].capacity = 40, 2
    _electives(p, "art", "music")
    add_section(p, "art-1", subject_id="art", cohort_ids=["c0"], teacher_ids=["t-art"], max_enrolment=23, room_id="r0")
    add_section(p, "music-1", subject_id="music", teacher_ids=["t-music"], room_id="r1")  # no maximum: the room's 2
    students = _students(p, 5, "art", "music")  # the cohort's 20 leave 3 seats of art's 23
    result = run(p)
    judged(p, result)
    seated = [e.section_id for e in result.enrolments]
    assert (seated.count("art-1"), seated.count("music-1")) == (3, 2)
    assert len(students) == 5


def test_request_unmet_seats_every_student_it_can_and_prefers_the_request_to_its_alternate():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art", "music", "drama")
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"], max_enrolment=1)
    add_section(p, "music-1", subject_id="music", teacher_ids=["t-music"])
    add_section(p, "drama-1", subject_id="drama", teacher_ids=["t-drama"])
    _pin(p, "art-1", 480)
    _pin(p, "music-1", 545)
    _pin(p, "drama-1", 610)
    first, second = _students(p, 2, "art", "drama")
    for student in (first, second):
        p.requests.append(CourseRequest(student.id, "music", 2, alternate_for="art"))
    result = run(p)
    report = judged(p, result)
    seated = {s.id: {p.scenarios[0].section(x).subject_id for x in _enrolled(result, s.id)} for s in (first, second)}
    assert sorted(map(sorted, seated.values())) == [["art", "drama"], ["drama", "music"]]  # one art seat, one alternate
    assert report.penalties["request_unmet"] == 10 * 1  # the alternate costs one unit


def test_request_unmet_rank_decides_who_gets_the_last_seat():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art")
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"], max_enrolment=1)
    (low,) = _students(p, 1, "art", rank=3)
    (high,) = _students(p, 1, "art", rank=1)
    result = run(p)
    report = judged(p, result)
    assert _enrolled(result, high.id) == {"art-1"} and _enrolled(result, low.id) == set()
    assert report.penalties["request_unmet"] == 10 * 2


def test_request_unmet_keeps_sections_that_students_need_together_apart():
    p = school(blocks=blocks_of(2), teachers=0, cohorts=0)
    _electives(p, "art", "music")
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "music-1", subject_id="music", teacher_ids=["t-music"])
    students = _students(p, 6, "art", "music")
    together = [
        Placement("art-1", 0, "d0", 480, 540, None, ["t-art"]),
        Placement("music-1", 0, "d0", 480, 540, None, ["t-music"]),
    ]
    result = run(p, hint=together)  # a re-solve keeps what it is given unless a penalty says otherwise
    judged(p, result)
    starts = {q.section_id: q.start for q in result.placements}
    assert starts["art-1"] != starts["music-1"]
    assert all(len(_enrolled(result, s.id)) == 2 for s in students)


def test_section_balance():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art")
    p.teachers.append(Teacher("t-art2", "Teacher art 2", {"art"}))
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "art-2", subject_id="art", teacher_ids=["t-art2"])
    _students(p, 6, "art")
    result = run(p)
    report = judged(p, result)
    seated = [e.section_id for e in result.enrolments]
    assert (seated.count("art-1"), seated.count("art-2")) == (3, 3)
    assert report.penalties["section_balance"] == 0


def test_pinned_enrolment_stays():
    p = school(blocks=blocks_of(3), teachers=0, cohorts=0)
    _electives(p, "art")
    p.teachers.append(Teacher("t-art2", "Teacher art 2", {"art"}))
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "art-2", subject_id="art", teacher_ids=["t-art2"])
    (student,) = _students(p, 1, "art")
    p.scenarios[0].solution.enrolments = [Enrolment(student.id, "art-2", pinned=True)]
    result = run(p)
    judged(p, result)
    assert result.enrolments == [Enrolment(student.id, "art-2", pinned=True)]


def test_request_unmet_leaves_a_cohort_one_section_of_a_subject_it_requests():
    p = school(blocks=blocks_of(2), teachers=1, cohorts=1)
    _electives(p, "art")
    p.teachers.append(Teacher("t-art2", "Teacher art 2", {"art"}))
    add_section(p, "core", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "art-2", subject_id="art", teacher_ids=["t-art2"])
    _pin(p, "core", 480)
    students = _students(p, 4, "art", cohort="c0")
    both_with_core = [
        Placement("art-1", 0, "d0", 480, 540, None, ["t-art"]),
        Placement("art-2", 0, "d0", 480, 540, None, ["t-art2"]),
    ]
    result = run(p, hint=both_with_core)
    judged(p, result)
    assert {q.section_id for q in result.placements if q.start == 545} & {"art-1", "art-2"}
    assert all(len(_enrolled(result, s.id)) == 1 for s in students)
