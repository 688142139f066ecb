"""Deleting a record used elsewhere: where it is used, in plain words (services, no Qt)."""

from __future__ import annotations

from dlp_tiny_school import project, second_scenario

from dlplanner.domain import Teacher
from dlplanner.services.references import describe_references, references


def test_a_teacher_lists_sections_in_each_scenario_the_advisory_and_the_team() -> None:
    proj = project()
    proj.scenarios.append(second_scenario(proj))
    ben = references(proj, "teacher", "t2")
    assert "teaches section(s) in scenario “A/B block”: Math 9, Math 10" in ben
    assert "teaches section(s) in scenario “A/B moved”: Math 9, Math 10" in ben  # the other scenario too
    assert "is in 3 placed meeting(s) of the timetable in scenario “A/B block”" in ben
    assert "is in team: Team 9" in ben
    cy = references(proj, "teacher", "t3")
    assert "advises: Crew Cy" in cy


def test_a_room_a_cohort_a_subject_and_a_campus() -> None:
    proj = project()
    assert "is the room of advisory: Crew Cy" in references(proj, "room", "r2")
    assert "hosts 4 placed meeting(s) of the timetable in scenario “A/B block”" in references(proj, "room", "r1")
    cohort = references(proj, "cohort", "c10")
    assert "takes section(s) in scenario “A/B block”: Math 10" in cohort
    assert "goes on internship(s) in scenario “A/B block”: LTI" in cohort
    c9 = references(proj, "cohort", "c9")
    assert "is advised in advisory: Crew Cy" in c9 and "is taught by team: Team 9" in c9
    subject = references(proj, "subject", "math")
    assert "is taught by teacher(s): Ben Brook" in subject
    assert references(proj, "campus", "nowhere") == []


def test_a_section_lists_its_placed_meetings_in_its_own_scenario() -> None:
    proj = project()
    scenario = proj.scenarios[0]
    assert references(proj, "section", "hum9", scenario) == ["has 2 meeting(s) placed in the timetable"]


def test_a_record_used_nowhere_has_nothing_to_say() -> None:
    proj = project()
    proj.teachers.append(Teacher("t9", "Nobody Yet"))
    assert references(proj, "teacher", "t9") == []
    assert describe_references(proj, "teacher", [proj.teachers[-1]]) == ""


def test_describe_names_each_record_and_caps_the_list() -> None:
    proj = project()
    text = describe_references(proj, "teacher", proj.teachers[:2])
    assert text.startswith("• Ana Alvarez: teaches section(s)")
    assert "• Ben Brook: is in team: Team 9" in text
    capped = describe_references(proj, "teacher", proj.teachers, limit=2).splitlines()
    assert len(capped) == 3 and capped[-1].startswith("• … and ")
