"""File → Export offers the students' timetables: a CSV with one row per student meeting, on a worker."""

from __future__ import annotations

import csv

from dlp_tiny_school import with_students

from dlplanner.qt.mainwindow import MainWindow


def test_export_dialog_writes_the_students_csv(window: MainWindow, qtbot, tmp_path) -> None:
    window.load_project(with_students(), None)
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.view.isEnabled()
    dialog.view.setCurrentIndex(dialog.view.findData("student"))
    assert dialog.view.currentIndex() > 0
    out = tmp_path / "students.csv"
    dialog.path.setText(str(out))
    asked: list[str] = []  # the tiny school's Art elective clashes with Ada's Science 9: export anyway
    dialog.confirm = lambda _parent, name, status: asked.append(status.text()) or True
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert dialog.written == [out], dialog.error
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["student"] for r in rows} == {"Ada Park", "Bo Reyes", "Cy Nomad"} and len(rows) == 12
    assert asked == ["breaks 1 hard rule"]  # the export warned first (the checker's word)
    dialog.reject()
