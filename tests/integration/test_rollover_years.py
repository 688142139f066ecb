"""Done when: the samples roll forward three times (solve, roll over, solve, …) with no hand edits.

Each year is a real project file: validated with no blocking problem, solved, judged by the checker
and saved; then `rollover` makes next year's file from it. Advisories (and cohorts) are followed
across years by identity. Big Picture: every advisory that exists in two consecutive years keeps its
advisor, graduates leave, and incoming advisories get advisors the solver chose. Internationals: a
team keeps its cohorts for their second year and takes new incoming cohorts every year.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from dlplanner.domain import Project
from dlplanner.domain.validation import blocking, validate
from dlplanner.services import projects
from dlplanner.services.rollover import roll_over_file
from dlplanner.services.solving import solve_scenario


@dataclass
class Year:
    project: Project
    advisors: dict[str, str]  # advisory identity -> advisor
    teams: dict[str, set[str]]  # team id -> identities of the cohorts it serves
    chosen_advisors: dict[str, str]  # advisory id -> advisor the solver chose
    chosen_cohorts: dict[str, list[str]]  # team id -> cohort ids the solver chose


def _key(record) -> str:
    return record.identity or record.id


def _solve_and_roll(tmp_path: Path, sample: str, scenario: str, years: int, limit: float, **incoming) -> list[Year]:
    path = tmp_path / "year-1.dlp"
    projects.create_project(str(path), projects.load_sample(sample))
    out: list[Year] = []
    for n in range(1, years + 1):
        project = projects.open_project(str(path))
        assert blocking(validate(project)) == [], f"year {n}"
        result, report = solve_scenario(project, scenario, time_limit=limit, workers=2)
        assert report is not None and report.ok, (n, [v.message for v in report.violations] if report else result)
        projects.save_project(str(path), project)
        solution = project.scenario(scenario).solution
        cohorts = {c.id: c for c in project.cohorts}
        out.append(
            Year(
                project,
                {_key(a): solution.advisor_of(a) for a in project.advisories},
                {t.id: {_key(cohorts[c]) for c in solution.cohorts_of(t)} for t in project.teams},
                dict(result.advisors),
                {t: list(c) for t, c in result.team_cohorts.items()},
            )
        )
        if n < years:
            following = tmp_path / f"year-{n + 1}.dlp"
            roll_over_file(str(path), str(following), scenario, incoming=incoming.get("incoming"))
            path = following
    return out


def test_big_picture_rolls_forward_three_times_and_advisors_loop(tmp_path: Path) -> None:
    years = _solve_and_roll(tmp_path, "big-picture", "Two internship days", 4, 20.0, incoming={9: 32})
    for before, after in itertools.pairwise(years):
        top = max(c.grade for c in before.project.cohorts)
        graduates = {_key(c) for c in before.project.cohorts if c.grade == top}
        staying = [
            a
            for a in before.project.advisories
            if a.cohort_ids[0] not in {c.id for c in before.project.cohorts if c.grade == top}
        ]
        both = set(before.advisors) & set(after.advisors)
        assert len(both) == len(staying) >= 7  # every advisory but those of the graduates
        for identity in both:
            assert after.advisors[identity] == before.advisors[identity], identity
        assert graduates and not graduates & {_key(c) for c in after.project.cohorts}
        incoming = [a for a in after.project.advisories if _key(a) not in before.advisors]
        assert len(incoming) == 2
        for advisory in incoming:
            assert advisory.advisor_id == ""  # left to the solver …
            assert after.chosen_advisors[advisory.id] in advisory.advisor_pool  # … which chose one of the pool
    assert [len(y.chosen_advisors) for y in years] == [0, 2, 2, 2]


@pytest.mark.slow
def test_internationals_teams_keep_their_cohorts_two_years_and_take_new_ones(tmp_path: Path) -> None:
    years = _solve_and_roll(tmp_path, "internationals", "Teams loop", 4, 30.0)
    for before, after in itertools.pairwise(years):
        graded = {_key(c): c.grade for c in before.project.cohorts}
        for team, served in after.teams.items():
            first_year = {c for c in before.teams[team] if c in {_key(x) for x in after.project.cohorts}}
            # a cohort in its first year with the team last year stays with it this year
            new_last_year = {
                _key(c)
                for c in before.project.cohorts
                if c.id in before.chosen_cohorts.get(team, []) or (before is years[0] and c.grade in (9, 11))
            }
            assert new_last_year & first_year <= served, team
            taken = after.chosen_cohorts[team]
            assert len(taken) == 2 and all(_key(c) not in new_last_year for c in after.project.cohorts if c.id in taken)
        incoming = [c for c in after.project.cohorts if _key(c) not in graded]
        assert sorted(c.grade for c in incoming) == [9, 9, 9, 9]
        taken_by_lower = {c for t in ("team-1", "team-2") for c in after.chosen_cohorts[t]}
        assert taken_by_lower == {c.id for c in incoming}  # teams 1-2 take the incoming ninth graders
    third = years[2]
    team_1_second = years[1].chosen_cohorts["team-1"]  # taken in year two …
    kept = {_key(c) for c in years[1].project.cohorts if c.id in team_1_second}
    assert kept <= third.teams["team-1"]  # … kept in year three, with new incoming ones besides
    assert third.chosen_cohorts["team-1"] and not kept & {
        _key(c) for c in third.project.cohorts if c.id in third.chosen_cohorts["team-1"]
    }
