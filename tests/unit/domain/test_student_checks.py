"""The checker's student rules on hand-made timetables: each finds what it names, and nothing more."""

from __future__ import annotations

from solver_kit import add_section, blocks_of, school

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.model import CourseRequest, Enrolment, Placement, Project, Student, Subject, Teacher
from dlplanner.domain.students import open_seats, request_groups


def _school() -> Project:
    p = school(blocks=blocks_of(3), teachers=1, cohorts=1, rooms=3)
    for sid in ("art", "music"):
        p.subjects.append(Subject(sid, sid.title()))
        p.teachers.append(Teacher(f"t-{sid}", sid, {sid}))
    add_section(p, "core", cohort_ids=["c0"], teacher_ids=["t0"], room_id="r0")
    add_section(p, "art-1", subject_id="art", teacher_ids=["t-art"], max_enrolment=2)
    add_section(p, "art-2", subject_id="art", teacher_ids=["t-art"])
    add_section(p, "music-1", subject_id="music", teacher_ids=["t-music"])
    p.scenarios[0].solution.placements = [
        Placement("core", 0, "d0", 480, 540, "r0", ["t0"]),
        Placement("art-1", 0, "d0", 545, 605, "r1", ["t-art"]),
        Placement("art-2", 0, "d0", 610, 670, "r1", ["t-art"]),
        Placement("music-1", 0, "d0", 545, 605, "r2", ["t-music"]),
    ]
    p.students = [Student(f"s{i}", f"Student {i}", 9, "c0" if i == 0 else None) for i in range(4)]
    return p


def _violations(p: Project, enrolments: list[Enrolment]) -> dict[str, list[str]]:
    report = check_timetable(p, p.scenarios[0], enrolments=enrolments)
    return {rule: [v.message for v in vs] for rule, vs in report.by_rule().items()}


def test_a_clean_load_has_no_violation():
    p = _school()
    assert _violations(p, [Enrolment("s0", "art-1"), Enrolment("s1", "art-1"), Enrolment("s2", "music-1")]) == {}


def test_student_clash_finds_two_open_sections_at_once_and_a_repeat():
    p = _school()
    found = _violations(p, [Enrolment("s1", "art-1"), Enrolment("s1", "music-1"), Enrolment("s2", "art-2")])
    assert list(found) == ["student_clash"] and len(found["student_clash"]) == 1
    assert "art-1 and music-1 at the same time" in found["student_clash"][0]
    twice = _violations(p, [Enrolment("s2", "art-2"), Enrolment("s2", "art-2")])
    assert len(twice["student_clash"]) == 1 and twice["student_clash"][0].endswith("art-2 more than once")


def test_student_clash_finds_a_seat_during_the_cohorts_meeting():
    p = _school()
    p.scenarios[0].solution.placements[1] = Placement("art-1", 0, "d0", 480, 540, "r1", ["t-art"])
    assert len(_violations(p, [Enrolment("s0", "art-1")])["student_clash"]) == 1
    assert _violations(p, [Enrolment("s1", "art-1")]) == {}  # no cohort: free then


def test_section_capacity_finds_a_full_section_a_closed_one_and_unknown_records():
    p = _school()
    over = _violations(p, [Enrolment(f"s{i}", "art-1") for i in range(1, 4)])
    assert (
        list(over) == ["section_capacity"]
        and "3 students from requests in 2 open seat(s)" in over["section_capacity"][0]
    )
    closed = _violations(p, [Enrolment("s1", "core")])
    assert "no seats open to requests" in closed["section_capacity"][0]
    unknown = _violations(p, [Enrolment("nobody", "art-1"), Enrolment("s1", "gone")])
    assert len(unknown["section_capacity"]) == 2


def test_open_seats_take_the_room_the_maximum_and_the_cohorts():
    p = _school()
    core = p.scenarios[0].section("core")
    assert open_seats(p, core, ["r0"]) == 0  # cohorts only
    core.max_enrolment = 25  # the cohort has 20
    assert open_seats(p, core, ["r0"]) == 5
    p.rooms[0].capacity = 22
    assert open_seats(p, core, ["r0"]) == 2
    assert open_seats(p, p.scenarios[0].section("art-2"), [None]) is None


def test_request_penalties_count_rank_alternates_and_the_cohort():
    p = _school()
    p.requests = [
        CourseRequest("s1", "art", 1),  # unmet: 4
        CourseRequest("s1", "music", 2, alternate_for="art"),
        CourseRequest("s2", "art", 3),  # unmet: 2
        CourseRequest("s3", "music", 1),  # met
        CourseRequest("s0", "math", 1),  # met by the cohort's section (core is math)
    ]
    groups = request_groups(p)
    assert groups["s1"][0].alternates == ["music"]
    report = check_timetable(p, p.scenarios[0], enrolments=[Enrolment("s3", "music-1")])
    assert report.penalties["request_unmet"] == (4 + 2) * 10
    report = check_timetable(p, p.scenarios[0], enrolments=[Enrolment("s3", "music-1"), Enrolment("s1", "music-1")])
    assert report.penalties["request_unmet"] == (1 + 2) * 10
    balanced = check_timetable(p, p.scenarios[0], enrolments=[Enrolment("s1", "art-1"), Enrolment("s2", "art-1")])
    assert balanced.penalties["section_balance"] == 2  # art-1 has 2, art-2 none
