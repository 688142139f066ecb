"""The Solve page's "Stop at first timetable" and "Stop within gap %" reach the solving service."""

from __future__ import annotations

import pytest

import dlplanner.qt.solve as solve_page
from dlplanner.qt.mainwindow import MainWindow


@pytest.fixture
def service_calls(monkeypatch) -> list[dict]:
    """What the page asks of ``services.solving.solve_scenario`` (the real service still runs)."""
    calls: list[dict] = []
    real = solve_page.solve_scenario

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(solve_page, "solve_scenario", spy)
    return calls


def _solve(window: MainWindow, qtbot) -> None:
    panel = window.solve_panel
    panel.time_limit.setValue(20)
    panel.workers.setValue(1)
    with qtbot.waitSignal(panel.solve_finished, timeout=180_000):
        assert panel.start()


def test_stop_at_first_timetable_reaches_the_service(window: MainWindow, qtbot, service_calls) -> None:
    window.new_from_sample("big-picture")
    panel = window.solve_panel
    panel.first_only.setChecked(True)
    assert not panel.gap_enabled.isEnabled()  # the first timetable makes a gap meaningless
    _solve(window, qtbot)
    assert service_calls[-1]["first_only"] is True and service_calls[-1]["gap_percent"] is None
    assert panel.last_report is not None and panel.last_report.ok  # the checker judged the first timetable


def test_stop_within_gap_reaches_the_service(window: MainWindow, qtbot, service_calls) -> None:
    window.new_from_sample("big-picture")
    panel = window.solve_panel
    assert not panel.gap.isEnabled()
    panel.gap_enabled.setChecked(True)
    assert panel.gap.isEnabled()
    panel.gap.setValue(12.5)
    _solve(window, qtbot)
    assert service_calls[-1]["first_only"] is False and service_calls[-1]["gap_percent"] == pytest.approx(12.5)
    assert panel.last_report is not None and panel.last_report.ok


def test_by_default_the_search_runs_to_its_limit(window: MainWindow) -> None:
    assert window.solve_panel.stop_options() == {"first_only": False, "gap_percent": None}
