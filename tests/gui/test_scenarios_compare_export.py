"""Scenario management, the Compare page and File → Export, driven through the real main window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from dlplanner.qt.mainwindow import MainWindow


def test_copy_rename_delete_scenarios_are_undoable_and_show_status(solved_window: MainWindow, monkeypatch) -> None:
    window = solved_window
    project = window.document.project
    solved = window.document.scenario
    count = len(project.scenarios)
    assert window.scenario_combo.currentText() == f"{solved.name} — solved"

    assert window.copy_scenario(with_solution=False, name="Fresh start")
    copy = window.document.scenario
    assert copy.name == "Fresh start" and not copy.solution.placements
    assert len(project.scenarios) == count + 1
    assert window.scenario_combo.currentText() == "Fresh start — not solved"

    assert window.rename_scenario("Fresh start, renamed")
    assert copy.name == "Fresh start, renamed"
    window.undo_action.trigger()
    assert copy.name == "Fresh start"
    window.undo_action.trigger()
    assert len(project.scenarios) == count and window.document.scenario_id == solved.id

    assert window.copy_scenario(with_solution=True, name="Keeps timetable")
    kept = window.document.scenario
    assert kept.solution.placements == solved.solution.placements and kept is not solved

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert not window.rename_scenario(solved.name)  # names are unique
    assert warnings and "already has a scenario" in warnings[-1]

    assert window.delete_scenario()
    assert kept not in project.scenarios and window.document.scenario is not None
    window.undo_action.trigger()
    assert kept in project.scenarios and window.document.scenario_id == kept.id


def test_the_last_scenario_cannot_be_deleted(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("big-picture")
    project = window.document.project
    while len(project.scenarios) > 1:
        assert window.delete_scenario()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert not window.delete_scenario()
    assert "only scenario" in warnings[0]
    window.delete_scenario_action.trigger()  # the menu item says why too (a greyed-out item would not)
    assert len(warnings) == 2 and "keeps at least one" in warnings[1] and len(project.scenarios) == 1


def test_compare_two_scenarios_shows_the_glance_table_and_charts_then_saves_the_report(
    solved_window: MainWindow, qtbot, tmp_path
) -> None:
    window = solved_window
    page = window.compare_page
    window.show_page(page)
    solved = window.document.scenario
    assert window.copy_scenario(with_solution=False, name="Unsolved copy")
    page.choose([solved.id, window.document.scenario_id])
    assert page.chosen() == [solved.id, window.document.scenario_id]
    assert page.start()
    assert page.busy.isVisible() or page.job is None
    qtbot.waitUntil(lambda: page.job is None and page.comparison is not None, timeout=300_000)
    assert page.glance.columnCount() == 3
    assert page.glance.horizontalHeaderItem(1).text() == solved.name
    labels = [page.glance.item(r, 0).text() for r in range(page.glance.rowCount())]
    assert "School days" in labels and "Status" in labels
    assert page.charts and all(png.startswith(b"\x89PNG") for png in page.charts.values())
    assert "Teaching" in page.details.toPlainText() or "What moved" in page.details.toPlainText()

    out = tmp_path / "compare.html"
    assert page.save_report(str(out))
    qtbot.waitUntil(lambda: page.job is None, timeout=300_000)
    assert out.is_file() and "At a glance" in out.read_text(encoding="utf-8")
    assert "saved" in page.state.text()


def test_export_xlsx_through_the_dialog_on_a_worker(solved_window: MainWindow, qtbot, tmp_path, monkeypatch) -> None:
    import openpyxl

    dialog = solved_window.export_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert not dialog.paper.isEnabled() and dialog.view.isEnabled()
    assert dialog.path.text().endswith(".xlsx")
    out = tmp_path / "timetable.xlsx"
    dialog.path.setText(str(out))
    assert dialog.start()
    assert dialog.busy.isVisible()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=300_000)
    assert dialog.written and out.is_file(), dialog.error
    book = openpyxl.load_workbook(out)
    assert len(book.sheetnames) > 1
    assert "Exported to" in dialog.state.text()

    errors = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: errors.append(text))
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    assert dialog.paper.isEnabled()
    dialog.path.setText(str(tmp_path / "no such folder" / "t.pdf"))
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=300_000)
    assert errors and "does not exist" in errors[0]
    assert "Export failed" in dialog.state.text()
    dialog.reject()


def test_closing_the_window_during_a_comparison_waits_for_its_thread(solved_window: MainWindow) -> None:
    page = solved_window.compare_page
    page.choose([s.id for s in solved_window.document.project.scenarios[:2]])
    assert page.start()
    page.shutdown()
    assert page.job is None
