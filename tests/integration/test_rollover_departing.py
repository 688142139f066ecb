"""`dlplanner rollover --departing`: a teacher who leaves is removed, what they led is flagged, the solver
chooses a new advisor for their looping advisory."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlplanner.cli import main
from dlplanner.domain import PairingKind
from dlplanner.domain.validation import blocking, validate
from dlplanner.services import projects, rollover
from dlplanner.services.solving import solve_scenario

SCENARIO = "Two internship days"


def test_departing_teacher_leaves_and_the_solver_chooses_a_new_advisor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    this, nxt = tmp_path / "bp.dlp", tmp_path / "bp-next.dlp"
    projects.create_project(str(this), projects.load_sample("big-picture"))

    code = main(["rollover", str(this), str(nxt), "--scenario", SCENARIO, "--departing", "Dev Yilmaz"])
    out, err = capsys.readouterr()

    assert code == 0, err
    assert "1 teacher(s) left: Dev Yilmaz" in out
    assert "Advisory 11A: its advisor Dev Yilmaz is leaving (a looping advisory" in out
    assert "loses Dev Yilmaz; check who joins it" in out
    project = projects.open_project(str(nxt))
    assert "adv-04" not in {t.id for t in project.teachers}
    assert {"adv-04"}.isdisjoint(t.id for t in project.teachers)
    advisory = next(a for a in project.advisories if a.identity == "advisory-g10-a")
    assert advisory.advisor_id == ""  # left to the solver
    scenario = project.scenario(SCENARIO)
    assert not [r for r in scenario.looping_rules if r.advisory_id == advisory.id]
    assert not [p for p in project.prior_pairings if p.kind == PairingKind.ADVISOR and "adv-04" in p.teacher_ids]
    everyone = {t.id for t in project.teachers}
    for s in project.scenarios:
        assert all(set(sec.teacher_ids) | set(sec.teacher_pool) <= everyone for sec in s.sections)
    assert blocking(validate(project)) == []

    result, report = solve_scenario(project, SCENARIO, time_limit=10, workers=2)
    assert report is not None and report.ok, [v.message for v in report.violations] if report else result
    chosen = scenario.solution.advisor_of(advisory)
    assert chosen and chosen in everyone  # a new advisor, chosen by the solver, who stays


def test_unknown_departing_teacher_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    this = tmp_path / "bp.dlp"
    projects.create_project(str(this), projects.load_sample("big-picture"))
    code = main(["rollover", str(this), str(tmp_path / "n.dlp"), "--scenario", SCENARIO, "--departing", "Nobody"])
    _, err = capsys.readouterr()
    assert code == 2 and "No teacher 'Nobody' to leave" in err
    assert not (tmp_path / "n.dlp").exists()


def test_a_departing_subject_teacher_leaves_sections_to_the_solver_and_the_report_says_so() -> None:
    result = rollover.next_year(projects.load_sample("big-picture"), SCENARIO, departing=["Luis Quintero"])
    text = "\n".join(result.report.review)
    assert "was taught by Luis Quintero, who is leaving; the solver chooses a teacher" in text
    assert "validation error: Keiko Jensen must teach" in text  # one math teacher left: a person must hire
    for scenario in result.project.scenarios:
        assert all("math-2" not in s.teacher_ids + s.teacher_pool for s in scenario.sections)
