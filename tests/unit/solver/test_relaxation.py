"""The cohorts' side bound (:mod:`dlplanner.solver.relaxation`): hand-computed, never above a timetable's cost.

The tiny school: two day types of three 60-minute blocks. A cohort with one 3-meeting math section
must meet twice on one day: one pair on a day (spread_days, 10), one extra math meeting that day
(subject_twice_daily, 5), and 120 against 60 minutes of class (daily_load_balance, 60 min = 2 units,
weight 1): 17 at best. With all three meetings on one day: 3 pairs (30), 2 extra (10) and 180
against 0 minutes (6): 46.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solver_kit import add_section, blocks_of, judged, run, school
from test_properties import random_school

from dlplanner.domain.checker import check_timetable
from dlplanner.domain.model import Internship, Placement, SolveStatus, TimeWindow
from dlplanner.solver.relaxation import COHORT_SOFT_RULES, cohort_bound, cohort_groups

SPREAD_ONE_DAY_EXTRA, ALL_ON_ONE_DAY = 17, 46


def _two_cohorts():
    """c0 and c1, each with a 3-meeting math section taught by t0 (who teaches all six meetings)."""
    p = school(blocks=blocks_of(3), days=2, teachers=2, cohorts=2, rooms=2)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=3)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t0"], meetings_per_cycle=3)
    return p


def _bound(p, pins=None) -> float:
    found = cohort_bound(p, p.scenarios[0], pins or [], None, 10.0)
    assert found is not None
    assert found.proved == found.groups and found.skipped == 0
    return found.bound


def test_each_cohort_group_counts_its_unavoidable_penalties() -> None:
    p = _two_cohorts()
    assert _bound(p) == 2 * SPREAD_ONE_DAY_EXTRA
    result = run(p, time_limit=10)
    judged(p, result)
    assert result.objective is not None and result.objective >= 2 * SPREAD_ONE_DAY_EXTRA


def test_a_cohorts_internship_is_kept_in_its_group() -> None:
    p = _two_cohorts()
    p.scenarios[0].internships = [Internship("i0", "Away", ["c0"], [TimeWindow("d1", 0, 24 * 60)])]
    assert _bound(p) == ALL_ON_ONE_DAY + SPREAD_ONE_DAY_EXTRA


def test_each_groups_floor_is_its_own_share_of_the_bound() -> None:
    p = _two_cohorts()
    p.scenarios[0].internships = [Internship("i0", "Away", ["c0"], [TimeWindow("d1", 0, 24 * 60)])]
    found = cohort_bound(p, p.scenarios[0], [], None, 10.0)
    assert found is not None
    assert sorted(found.floors) == [(("c0",), ALL_ON_ONE_DAY), (("c1",), SPREAD_ONE_DAY_EXTRA)]


def test_pins_keep_their_time_but_not_their_teachers_or_room() -> None:
    p = _two_cohorts()
    starts = [480, 545, 610]  # blocks_of(3): 60 minutes and 5 of passing
    pins = [
        Placement("a", i, "d0", s, s + 60, room_id="r0", teacher_ids=["t0"], pinned=True) for i, s in enumerate(starts)
    ]
    # the relaxed model has no rooms or teachers: a pin naming them must not make the group impossible
    assert _bound(p, pins) == ALL_ON_ONE_DAY + SPREAD_ONE_DAY_EXTRA


def test_cohorts_sharing_a_section_form_one_group_and_open_sections_are_left_out() -> None:
    p = school(blocks=blocks_of(3), days=2, cohorts=4)
    add_section(p, "joint", cohort_ids=["c0", "c1"])
    add_section(p, "c1-own", cohort_ids=["c1"])
    add_section(p, "c2-own", cohort_ids=["c2"])
    add_section(p, "elective", cohort_ids=[])
    groups = sorted(sorted(s.id for s in g) for g in cohort_groups(p.scenarios[0]))
    assert groups == [["c1-own", "joint"], ["c2-own"]]


def test_negative_weights_give_no_bound() -> None:
    p = _two_cohorts()
    assert cohort_bound(p, p.scenarios[0], [], {"teacher_gaps": -1}, 5.0) is None


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
def test_the_bound_never_exceeds_what_a_valid_timetable_pays(seed: int) -> None:
    """Each random school comes with a timetable keeping every hard rule: its cohort penalties are ≥ the bound."""
    project, drawn = random_school(seed)
    scenario = project.scenarios[0]
    report = check_timetable(project, scenario, drawn)
    assert report.ok, [v.message for v in report.violations]
    found = cohort_bound(project, scenario, [p for p in drawn if p.pinned], None, 10.0)
    paid = sum(report.penalties.get(rule_id, 0) for rule_id in COHORT_SOFT_RULES)
    assert found is None or found.bound <= paid


@pytest.mark.parametrize("seed", [3, 11])
def test_the_bound_is_at_most_a_proved_optimum(seed: int) -> None:
    project, _ = random_school(seed)
    found = cohort_bound(project, project.scenarios[0], [], None, 10.0)
    result = run(project, time_limit=20)
    judged(project, result)
    assert result.status == SolveStatus.OPTIMAL and found is not None and found.bound > 0
    assert found.bound <= result.objective
