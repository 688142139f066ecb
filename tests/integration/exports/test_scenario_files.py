"""Scenario copy, rename and delete on a real project file, one session each."""

from __future__ import annotations

from pathlib import Path

from dlp_tiny_school import project

from dlplanner.services import importing, projects, scenarios
from dlplanner.services.compare import compare_at


def test_copy_rename_delete_are_saved(tmp_path: Path) -> None:
    path = str(tmp_path / "tiny.dlp")
    projects.create_project(path, project())
    copy = scenarios.copy_scenario_at(path, "ab", "Internship Fridays", with_solution=False)
    assert copy.id == "internship-fridays"
    scenarios.copy_scenario_at(path, "ab")
    scenarios.rename_scenario_at(path, "A/B block (copy)", "Late start")
    saved = projects.open_project(path)
    assert [(s.id, s.name, len(s.solution.placements)) for s in saved.scenarios] == [
        ("ab", "A/B block", 6),
        ("internship-fridays", "Internship Fridays", 0),
        ("a-b-block-copy", "Late start", 6),
    ]
    comparison = compare_at(path, ["ab", "Late start"])
    assert comparison.diffs[0].changes == [] and comparison.diffs[0].unchanged == 6
    scenarios.delete_scenario_at(path, "internship-fridays")
    assert [s.id for s in projects.open_project(path).scenarios] == ["ab", "a-b-block-copy"]


def test_import_at_saves_only_when_valid(tmp_path: Path) -> None:
    path = str(tmp_path / "tiny.dlp")
    projects.create_project(path, project())
    good = tmp_path / "cohorts.csv"
    good.write_text("id,name,grade,size\nc11,Grade 11,11,20\n", encoding="utf-8")
    assert importing.import_csv_at(path, "cohorts", good).added == ["c11"]
    saved = projects.open_project(path)
    assert saved.cohort("c11").grade == 11 and saved.scenarios[0].solution.stale
