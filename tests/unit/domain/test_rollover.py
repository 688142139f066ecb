"""Rollover without solving: what next year's project holds, from the samples and a tiny school."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dlplanner.domain.model import PairingKind, Placement
from dlplanner.domain.rollover import RolloverError, next_label, roll_over
from dlplanner.domain.validation import blocking, validate
from dlplanner.services.projects import load_sample


def test_next_label() -> None:
    assert next_label("2026–27") == "2027–28"
    assert next_label("2029-2030") == "2030-2031"
    assert next_label("Harbor 2099–00") == "Harbor 2100–01"
    assert next_label("Main") == "Main"


def test_big_picture_advances_a_grade_keeping_identities_and_advisors() -> None:
    this = load_sample("big-picture")
    nxt, report = roll_over(this, "Two internship days", incoming={9: 32})
    cohorts = {c.id: c for c in nxt.cohorts}
    assert cohorts["g10-a"].name == "Grade 10 advisory A" and cohorts["g10-a"].identity == "class-2030-a"
    assert cohorts["g12-b"].identity == "class-2028-b"  # last year's g11-b
    assert not any(c.identity in {"class-2027-a", "class-2027-b"} for c in nxt.cohorts)  # graduated
    incoming = [c for c in nxt.cohorts if c.grade == 9]
    assert [(c.id, c.size, c.identity) for c in incoming] == [
        ("g9-a", 16, "class-2031-a"),
        ("g9-b", 16, "class-2031-b"),
    ]
    advisories = {a.id: a for a in nxt.advisories}
    assert advisories["advisory-g10-a"].advisor_id == "adv-01"  # last year's 9A: its advisor loops with it
    assert advisories["advisory-g10-a"].identity == "advisory-g9-a"
    for new in ("advisory-g9-a", "advisory-g9-b"):  # the solver chooses among the graduates' advisors
        assert advisories[new].advisor_id == "" and advisories[new].advisor_pool == ["adv-09", "adv-10"]
    assert {advisories["advisory-g9-a"].room_id, advisories["advisory-g9-b"].room_id} == {"adv-room-09", "adv-room-10"}
    pairing = next(p for p in nxt.prior_pairings if p.advisory_id == "advisory-g12-b")
    assert (pairing.teacher_ids, pairing.years, pairing.cohort_id) == (["adv-08"], 2, "g12-b")  # 2nd year recorded
    scenario = nxt.scenario("Two internship days")
    rules = {r.advisory_id: r for r in scenario.looping_rules}
    assert set(rules) == {a.id for a in nxt.advisories if a.advisor_id} and all(r.hard for r in rules.values())
    sections = {s.id: s for s in scenario.sections}
    assert sections["g10-a-project"].teacher_ids == ["adv-01"]  # the advisor's workshop follows the advisor
    assert sections["g10-a-math"].teacher_ids == ["math-2"]  # grade 10 math stays with grade 10
    assert sections["g11-c-math"].cohort_ids == ["g11-c"]  # a third grade-11 cohort: a copy, for review
    assert any("g11-c-math" in line for line in report.review)
    lti = next(i for i in scenario.internships if i.id == "lti")
    assert sorted(lti.cohort_ids) == ["g11-a", "g11-b", "g11-c", "g12-a", "g12-b"]
    assert scenario.solution.placements == [] and scenario.version == 1
    assert blocking(validate(nxt)) == []


def test_the_calendar_moves_a_year_keeping_holidays_by_name() -> None:
    this = load_sample("big-picture")
    nxt, report = roll_over(this, "Two internship days")
    old, new = this.scenarios[0].calendar, nxt.scenarios[0].calendar
    assert (new.label, new.first_day, new.first_day.weekday()) == ("2027–28", date(2027, 8, 23), 0)
    assert [h.name for h in new.holidays] == [h.name for h in old.holidays]
    assert next(h for h in new.holidays if h.name == "Labor Day").start == date(2027, 9, 6)  # first Monday
    assert [t.start for t in new.terms] == [t.start + timedelta(weeks=52) for t in old.terms]
    assert any("holidays kept by name" in line for line in report.review)
    later, report = roll_over(this, "Two internship days", year_start=date(2027, 8, 25))
    assert later.scenarios[0].calendar.first_day == date(2027, 8, 25)
    assert any("different weekday" in line for line in report.review)
    assert nxt.name == "Big Picture sample 2027–28"


def test_the_chosen_timetable_gives_last_years_teachers_and_chosen_advisors() -> None:
    this = load_sample("big-picture")
    scenario = this.scenario("Two internship days")
    scenario.solution.placements = [Placement("g10-a-math", 0, "mon", 480, 555, "math-room-2", ["math-2"])]
    this.advisories[0].advisor_id = ""  # 9A's advisor was the solver's choice
    scenario.solution.advisors = {"advisory-g9-a": "adv-01"}
    nxt, report = roll_over(this, "Two internship days")
    kept = next(p for p in nxt.prior_pairings if p.kind == PairingKind.SUBJECT_TEACHER)
    assert (kept.cohort_id, kept.subject_id, kept.teacher_ids, kept.years) == ("g11-a", "math", ["math-2"], 1)
    assert next(a for a in nxt.advisories if a.id == "advisory-g10-a").advisor_id == "adv-01"
    assert not any("has no timetable" in line for line in report.review)


def test_internationals_teams_keep_their_first_year_cohorts_and_take_new_ones() -> None:
    this = load_sample("internationals")
    nxt, _ = roll_over(this, "Teams loop")
    teams = {t.id: t for t in nxt.teams}
    assert teams["team-1"].cohort_ids == ["t1-c3", "t1-c4"]  # first year with the team: they loop
    assert teams["team-1"].cohorts_needed == 2
    assert teams["team-1"].cohort_pool == [c.id for c in nxt.cohorts if c.grade == 9]
    assert teams["team-3"].cohort_pool == ["t1-c1", "t1-c2", "t2-c1", "t2-c2"]  # second year done: a new team
    rules = nxt.scenario("Teams loop").looping_rules
    assert {r.cohort_id for r in rules} == {"t1-c3", "t1-c4", "t2-c3", "t2-c4", "t3-c3", "t3-c4", "t4-c3", "t4-c4"}
    assert all(r.kind == PairingKind.TEAM and r.years == 2 for r in rules)
    assert nxt.scenario("No looping").looping_rules == []
    sections = {s.id: s for s in nxt.scenario("Teams loop").sections}
    assert sections["t1-c3-math"].teacher_ids == ["t1-math"]  # kept by its team
    assert sections["t1-c1-math"].teacher_pool == ["t3-math", "t4-math"]  # team 3 or 4, as the solver chooses
    assert sections["t1-c1-math"].room_id is None
    assert blocking(validate(nxt)) == []


def test_a_project_without_cohorts_cannot_roll_over() -> None:
    this = load_sample("big-picture")
    this.cohorts = []
    with pytest.raises(RolloverError, match="no cohorts"):
        roll_over(this, "Two internship days")
