"""Honest status: a timetable that breaks hard rules says so, judged by the independent checker."""

from __future__ import annotations

from dlp_tiny_school import h, project

from dlplanner.domain import Solution
from dlplanner.services.compare import compare
from dlplanner.services.timetable_status import timetable_status


def _clash(proj) -> None:
    """Math 9 moved onto Humanities 9 (A day 8:00): Ben Brook, Grade 9 and Room 101 double-booked."""
    moved = next(p for p in proj.scenarios[0].solution.placements if (p.section_id, p.meeting) == ("math9", 0))
    moved.start, moved.end = h(8), h(8, 50)


def test_a_clean_timetable_reads_solved_with_the_solver_word() -> None:
    proj = project()
    status = timetable_status(proj, proj.scenarios[0])
    assert not status.breaks_rules
    assert status.text() == "solved · optimal"


def test_a_timetable_that_breaks_rules_says_how_many_not_optimal() -> None:
    proj = project()
    _clash(proj)
    status = timetable_status(proj, proj.scenarios[0])
    assert status.breaks_rules and status.broken == 3
    assert status.text() == "breaks 3 hard rules"
    assert "optimal" not in status.text()
    problems = status.problems()
    assert any("Ben Brook" in line and "same time" in line for line in problems)  # plain words, not rule ids
    assert not any("teacher_clash" in line for line in problems)


def test_stale_and_unsolved_read_as_such() -> None:
    proj = project()
    scenario = proj.scenarios[0]
    scenario.solution.stale = True
    assert timetable_status(proj, scenario).text() == "solved · optimal · stale: data changed"
    scenario.solution = Solution()
    status = timetable_status(proj, scenario)
    assert status.text() == "not solved" and not status.breaks_rules  # nothing to judge


def test_problems_are_capped_with_a_count_of_the_rest() -> None:
    proj = project()
    _clash(proj)
    lines = timetable_status(proj, proj.scenarios[0]).problems(limit=1)
    assert len(lines) == 2 and lines[1] == "… and 2 more"


def test_compare_status_row_says_the_timetable_breaks_rules() -> None:
    proj = project()
    clean = proj.scenarios[0].copy("clean", "Clean")
    proj.scenarios.append(clean)
    _clash(proj)
    result = compare(proj, ["ab", "clean"])
    status = next(r for r in result.table("glance").rows if r.label == "Status")
    assert status.values[0] == "breaks 3 hard rules (optimal)"
    assert status.values[1] == "solved (optimal)"


def test_the_list_label_is_short_unless_rules_are_broken() -> None:
    proj = project()
    assert timetable_status(proj, proj.scenarios[0]).label() == "solved"
    _clash(proj)
    assert timetable_status(proj, proj.scenarios[0]).label() == "breaks 3 hard rules"


def test_an_edit_that_makes_the_stored_timetable_break_a_rule_shows() -> None:
    from dlplanner.domain import TimeWindow

    proj = project()
    ana = proj.teacher("t1")
    ana.unavailable.append(TimeWindow("A", h(8), h(9)))  # she teaches Humanities 9 on A days at 8:00
    status = timetable_status(proj, proj.scenarios[0])
    assert status.breaks_rules and status.text().startswith("breaks 1 hard rule")
    assert any("Ana Alvarez" in line for line in status.problems())


def test_a_damaged_meeting_count_is_judged_without_walking_through_it() -> None:
    """A damaged file may say a section meets 2**63-1 times; the checker names the first missing
    meetings and the count (it once listed them all, which never ended)."""
    proj = project()
    proj.scenarios[0].section("hum9").meetings_per_cycle = 2**63 - 1
    status = timetable_status(proj, proj.scenarios[0])
    line = next(line for line in status.problems() if line.startswith("Humanities 9: meeting"))
    assert line.startswith("Humanities 9: meeting 3, 4, 5,")
    assert f"… ({2**63 - 1 - 2} in all) of {2**63 - 1} is not placed" in line
