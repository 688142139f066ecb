"""Judge a timetable file with the independent checker (the ``check`` command's use case)."""

from __future__ import annotations

from dlplanner.domain.checker import CheckReport, check_timetable
from dlplanner.domain.model import Scenario
from dlplanner.io.timetable_json import read_timetable


def check_timetable_file(path: str) -> tuple[Scenario, CheckReport]:
    """Read a timetable JSON file and recompute every rule from it alone."""
    project, scenario = read_timetable(path)
    return scenario, check_timetable(project, scenario)
