"""dlplanner's FET semantics against FET itself, on a sample of FET's official examples (the whole
set: ``benchmarks/fet_differential.py``). fet-cl's timetable must pass dlplanner's checker and fit
its model; where fet-cl finds a timetable, dlplanner must never prove the file infeasible."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dlplanner.fet.differential import (
    FET_EXAMPLES,
    check_fet_timetable,
    compare_with_fet_cl,
    official_examples,
    shipped_timetables,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"
# small, quick for fet-cl, and between them: breaks, not-available times, min days, gaps, rooms,
# home rooms, and virtual rooms (SPAIN_20-21-locked was "proved infeasible" before they were read)
SAMPLE = ["small-school.fet", "EXAM-2013-2014-S1.fet", "Horario_ISJ.fet", "SPAIN_20-21-locked.fet"]

needs_fet_cl = pytest.mark.skipif(
    (shutil.which("fet-cl") is None or not FET_EXAMPLES.is_dir()) and os.environ.get("CI") != "true",
    reason="fet-cl and FET's examples (Debian packages fet, fet-data) are not installed",
)


def _example(name: str) -> Path:
    found = [p for p in official_examples() if p.name == name]
    assert found, f"{name} is not among FET's official examples"
    return found[0]


@needs_fet_cl
@pytest.mark.parametrize("name", SAMPLE)
def test_fet_cl_timetables_pass_dlplanners_checker_and_model(tmp_path, name):
    solve_limit = 8.0 if name == "SPAIN_20-21-locked.fet" else None
    row = compare_with_fet_cl(_example(name), tmp_path, fet_cl_limit=60, solve_limit=solve_limit)
    assert row.fet_cl.solved, f"fet-cl found no timetable for {name} in 60 s"
    assert row.accepted, f"{row.checker.verdict() if row.checker else ''}: {row.notes}"
    assert row.model_admits is True, row.model_note
    assert not row.wrongly_infeasible


@needs_fet_cl
@pytest.mark.parametrize("name", ["virtual_rooms.fet", "fet3.fet", "mornings_afternoons.fet"])
def test_hand_made_regression_files_agree_with_fet_cl(tmp_path, name):
    row = compare_with_fet_cl(DATA / name, tmp_path, fet_cl_limit=30, solve_limit=5)
    assert row.fet_cl.solved
    assert row.accepted and row.model_admits is True, (row.notes, row.model_note)
    assert row.solve_status in ("optimal", "feasible")


@needs_fet_cl
@pytest.mark.parametrize(
    "name",
    # mornings-afternoons mode: "min hours daily" and "max days per week" count real days there
    ["abc_test_15_data_and_timetable.fet", "Sample-Morocco-2018_data_and_timetable.fet"],
)
def test_timetables_fet_ships_pass_dlplanners_checker(name):
    pairs = [(source, out) for source, out in shipped_timetables() if out.name == name]
    assert pairs, f"{name} is not among FET's examples"
    report = check_fet_timetable(*pairs[0])
    assert report.valid, report.messages[:5]
