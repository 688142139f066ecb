"""Intersessions: only the sections limited to one meet inside it, so they never clash with the others.

Validation, the solver and the checker read terms through the same domain geometry; each is asked here
about an intersession section and a year-long (or fall) section sharing a teacher and a cohort at the
same time, and about two year-long ones, which still clash.
"""

from __future__ import annotations

from datetime import date

import pytest
from solver_kit import add_section, blocks_of, judged, run, school

from dlplanner.domain.calendar import Term, TermKind
from dlplanner.domain.checker import check_timetable
from dlplanner.domain.model import Placement, Project, SolveStatus
from dlplanner.domain.validation import blocking, validate

FALL = Term("fall", "Fall", date(2026, 8, 24), date(2027, 1, 15))
WINTER = Term("winter", "Winter intersession", date(2026, 11, 30), date(2026, 12, 11), TermKind.INTERSESSION)


def sharing_one_slot(other_term: str | None) -> Project:
    """One class block a cycle; 'other' (of ``other_term``) and 'inter' (the intersession) both need it."""
    p = school(blocks=blocks_of(1), days=1, teachers=1, cohorts=1)
    p.scenarios[0].calendar.terms = [FALL, WINTER]
    add_section(p, "other", cohort_ids=["c0"], teacher_ids=["t0"], term_id=other_term)
    add_section(p, "inter", cohort_ids=["c0"], teacher_ids=["t0"], term_id="winter")
    return p


@pytest.mark.parametrize("other_term", [None, "fall"])
def test_an_intersession_section_shares_teacher_cohort_and_time_with_the_rest_of_the_year(other_term) -> None:
    p = sharing_one_slot(other_term)
    together = [Placement(s, 0, "d0", 480, 540, None, ["t0"]) for s in ("other", "inter")]
    assert check_timetable(p, p.scenarios[0], together).ok
    assert blocking(validate(p, p.scenarios[0])) == []
    result = run(p, explain=False)
    judged(p, result)  # the checker accepts it
    assert {(m.day_type_id, m.start) for m in result.placements} == {("d0", 480)}  # both in the one block


def test_two_year_long_sections_still_clash() -> None:
    p = sharing_one_slot(None)
    p.scenarios[0].section("inter").term_id = None
    problems = blocking(validate(p, p.scenarios[0]))
    assert {pr.code for pr in problems} >= {"cohort_overloaded", "teacher_unavailable"}, [pr.message for pr in problems]
    placements = [Placement(s, 0, "d0", 480, 540, None, ["t0"]) for s in ("other", "inter")]
    rules = set(check_timetable(p, p.scenarios[0], placements).by_rule())
    assert rules == {"teacher_clash", "cohort_clash"}


@pytest.mark.parametrize(("inter_term", "feasible"), [("winter", True), (None, False)])
def test_the_solver_lets_pinned_meetings_share_a_time_only_with_an_intersession(inter_term, feasible) -> None:
    """With room for both, validation has nothing to say; the pins force the overlap onto the solver's clash rules."""
    p = school(blocks=blocks_of(2), days=1, teachers=1, cohorts=1)
    p.scenarios[0].calendar.terms = [FALL, WINTER]
    add_section(p, "other", cohort_ids=["c0"], teacher_ids=["t0"])
    add_section(p, "inter", cohort_ids=["c0"], teacher_ids=["t0"], term_id=inter_term)
    pins = [Placement(s, 0, "d0", 480, 540, None, ["t0"], pinned=True) for s in ("other", "inter")]
    p.scenarios[0].solution.placements = list(pins)
    assert blocking(validate(p, p.scenarios[0])) == []
    result = run(p, explain=False)
    if feasible:
        judged(p, result, pins=pins)
    else:
        assert result.status == SolveStatus.INFEASIBLE and not result.placements
