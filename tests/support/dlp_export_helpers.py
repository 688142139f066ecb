"""Expected counts computed straight from the calendar, independently of the exporters."""

from __future__ import annotations

from datetime import date

from dlplanner.domain import Project, Scenario


def school_dates(scenario: Scenario, day_type_id: str, term_id: str | None) -> list[date]:
    """School dates of a day type, limited to a term: read from SchoolYear.school_days() and the term."""
    term = next((t for t in scenario.calendar.terms if t.id == term_id), None)
    return [
        d
        for d, dt in scenario.calendar.school_days()
        if dt == day_type_id and (term is None or term.start <= d <= term.end)
    ]


def expected_events(
    project: Project, scenario: Scenario, *, teacher: str | None = None, cohort: str | None = None
) -> int:
    """Meetings × school dates of their day type (terms applied), plus advisory sittings × dates."""
    sections = {s.id: s for s in scenario.sections}
    total = 0
    for p in scenario.solution.placements:
        section = sections[p.section_id]
        if teacher and teacher not in p.teacher_ids:
            continue
        if cohort and cohort not in section.cohort_ids:
            continue
        total += len(school_dates(scenario, p.day_type_id, section.term_id))
    for advisory in project.advisories:
        if teacher and advisory.advisor_id != teacher:
            continue
        if cohort and cohort not in advisory.cohort_ids:
            continue
        # the tiny school's advisories sit in the one advisory block of every day type
        total += len(scenario.calendar.school_days())
    return total
