"""Compare across years: a scenario of last year's project file beside this year's, read only."""

from __future__ import annotations

import copy

from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import projects, rollover


def test_compare_adds_a_scenario_from_last_years_file(window: MainWindow, solved_sample, qtbot, tmp_path) -> None:
    last, this = tmp_path / "last.dlp", tmp_path / "this.dlp"
    projects.create_project(str(last), copy.deepcopy(solved_sample))
    rollover.roll_over_project(copy.deepcopy(solved_sample), str(this), "two-internship-days", incoming={9: 32})
    assert window.open_project(str(this))
    page = window.compare_page
    window.show_page(page)

    assert page.add_from_file(str(last), "two-internship-days")
    assert "read only" in page.choices.item(page.choices.count() - 1).text()
    page.choose(["two-internship-days", ("other", 0)])
    assert page.chosen() == ["two-internship-days", ("other", 0)]
    assert page.start()
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)

    comparison = page.comparison
    assert comparison is not None, page.state.text()
    assert comparison.scenario_names == ["Two internship days", "Two internship days (Big Picture sample)"]
    solver = comparison.table("solver")
    violations = next(r for r in solver.rows if r.label == "Hard-rule violations (checker)")
    assert violations.values == [None, 0]  # last year's timetable judged against last year's project
    across = comparison.table("advisors_across")
    rows = {r.label: r.values for r in across.rows}
    assert rows["Advisory 11A"] == ["Dev Yilmaz", "Dev Yilmaz"]  # advisory 10A last year kept its advisor
    assert rows["Advisory 12A"] == ["Grace Nakamura", "Grace Nakamura"]  # last year as 11A: followed by identity
    assert rows["Advisory 12A (Big Picture sample)"] == [None, "Imani Bianchi"]  # graduated last year
    assert "Advisors and teams across years" in page.details.toPlainText()
    assert window.document.project.name != "Big Picture sample"  # this year's project is the one open
    assert projects.open_project(str(last)).scenarios[0].solution.placements  # last year's file unchanged
