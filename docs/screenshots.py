"""Screenshots of the main screens on each sample school, taken from the real app under Xvfb.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/screenshots.py [sample ...]

(re-runs itself under xvfb-run when no display is set). For each sample the first scenario is
solved in the solve panel's worker thread, then the board, master board, block designer and
solve panel are saved as PNGs in docs/screenshots/. New Tech also gets the Compare page (its first
two scenarios, both solved), the File → Export dialog (``export-dialog.png``), the Calendar page of
its A/B cycle (``new-tech-calendar.png``) and Project → Minimums… (``minimums-dialog.png``). The Big Picture
sample also gets a drag in progress (green/red targets), the board of a cohort on an internship
(``-internship``) and of a team teacher with common planning time (``-planning``), a teacher's
subjects ticked in the table's picker (``-picker``), an editor with a validation message, a
1920×1080 board and an infeasibility explanation (a teacher made unavailable all week).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "screenshots"
SIZE = (1366, 768)


def _under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("No display and no xvfb-run: install xvfb or set DISPLAY")
    command = [xvfb, "-a", "-s", "-screen 0 1920x1080x24", sys.executable, __file__, *sys.argv[1:]]
    sys.exit(subprocess.call(command))


def main(samples: list[str]) -> int:
    _under_xvfb()
    sys.path.insert(0, str(HERE.parent))
    from PySide6.QtCore import QSettings, QStandardPaths, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractItemDelegate, QWidget

    from dlplanner.domain import BlockKind, TimeWindow
    from dlplanner.domain.editing import MoveChecker, Target, key_of, start_times
    from dlplanner.qt.app import make_app
    from dlplanner.qt.commands import PinCommand, SetFieldCommand
    from dlplanner.qt.mainwindow import MainWindow
    from dlplanner.services import projects

    app = make_app([])
    QStandardPaths.setTestModeEnabled(True)
    OUT.mkdir(exist_ok=True)
    settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat)  # leave the user's alone

    def settle(ms: int = 300) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def shot(window: MainWindow, name: str) -> None:
        settle()
        path = OUT / f"{name}.png"
        window.grab().save(str(path))
        print(f"wrote {path.relative_to(HERE.parent)}")

    def shot_dialog(dialog: object, name: str) -> None:
        dialog.show()
        settle()
        path = OUT / f"{name}.png"
        dialog.grab().save(str(path))
        print(f"wrote {path.relative_to(HERE.parent)}")

    def solve(window: MainWindow, seconds: float) -> None:
        panel = window.solve_panel
        panel.time_limit.setValue(seconds)
        window.show_page(panel)
        panel.start()
        while panel.running:
            settle(100)

    def compare_and_export(window: MainWindow) -> None:
        """The Compare page on the first two scenarios (both solved) and the File → Export dialog."""
        first = window.document.scenario_id
        second = window.document.project.scenarios[1].id
        window.document.set_scenario(second)
        solve(window, 20)
        window.document.set_scenario(first)
        page = window.compare_page
        window.show_page(page)
        page.choose([first, second])
        page.start()
        while page.running:
            settle(100)
        settle(300)
        page.details.verticalScrollBar().setValue(0)
        shot(window, "new-tech-compare")
        dialog = window.export_dialog()
        dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
        dialog.view.setCurrentIndex(dialog.view.findData("teacher"))
        dialog.path.setText("/home/planner/Documents/new-tech-a-b-block-teachers.pdf")
        dialog.path.setCursorPosition(0)
        shot_dialog(dialog, "export-dialog")
        dialog.close()
        window.show_page(window.solve_panel)

    def calendar_and_minimums(window: MainWindow) -> None:
        """The Calendar page of the current scenario and the Minimums dialog with a state's requirements filled in."""
        page = window.calendar_page
        window.show_page(page)
        page.tabs.setCurrentIndex(0)
        shot(window, "new-tech-calendar")
        dialog = window.compare_page.minimums_dialog()
        dialog.annual.setValue(64_800)
        dialog.add_grade(9, 66_000)
        dialog.count_advisory.setChecked(True)
        dialog.add_subject(window.document.project.subjects[0].id, 7_200)
        dialog.days.setValue(180)
        shot_dialog(dialog, "minimums-dialog")
        dialog.reject()

    chosen = samples or [s.id for s in projects.list_samples()]
    for sample in chosen:
        window = MainWindow(settings)
        window.resize(*SIZE)
        window.show()
        window.new_from_sample(sample)
        solve(window, 20)
        shot(window, f"{sample}-solve")
        scenario = window.document.scenario
        busiest = max(
            window.document.project.cohorts,
            key=lambda c: sum(
                1 for p in scenario.solution.placements if c.id in scenario.section(p.section_id).cohort_ids
            ),
        )
        own = [p for p in scenario.solution.placements if busiest.id in scenario.section(p.section_id).cohort_ids]
        window.document.push(PinCommand(window.document, scenario, [key_of(p) for p in own[:2]], True))
        window.board_page.show_record("cohort", busiest.id)
        window.show_page(window.board_page)
        shot(window, f"{sample}-board")
        window.show_page(window.master_page)
        shot(window, f"{sample}-master")
        window.show_page(window.designer_page)
        schedule = window.designer_page.schedule()
        window.designer_page.timeline.select(schedule.blocks_of(BlockKind.CLASS)[0].id if schedule else None)
        shot(window, f"{sample}-designer")

        if sample == "new-tech":
            compare_and_export(window)
            calendar_and_minimums(window)

        if sample == "big-picture":
            # a drag in progress: green and red targets, the hovered one outlined
            window.show_page(window.board_page)
            settle()
            board = window.board_page.board
            placement = next(
                p for p in scenario.solution.placements if busiest.id in scenario.section(p.section_id).cohort_ids
            )
            section = scenario.section(placement.section_id)
            checker = MoveChecker(window.document.project, scenario, placement)
            targets = [
                Target(d.id, s, placement.room_id)
                for d in scenario.day_types
                for s in start_times(scenario, section, d.id)
            ]
            red = next((t for t in targets if checker.conflicts(t)), targets[0])
            card = board.cards[(placement.section_id, placement.meeting)][0]
            center = card.sceneBoundingRect().center()
            grab = board.mapFromScene(center)
            QTest.mousePress(board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, grab)
            day = board._days.index(red.day_type_id)
            to = board.mapFromScene(board.x_of(day) + board._col_w / 2, board.y_of(red.start) + (center.y() - card.y()))
            QTest.mouseMove(board.viewport(), to)
            shot(window, f"{sample}-drag")
            board.cancel_drag()
            QTest.mouseRelease(board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, grab)
            board.confirm = lambda _parent, _conflicts: True  # "Place it anyway?" answered yes
            board.drop_card(key_of(placement), red)
            window.conflicts_dock.raise_()
            shot(window, f"{sample}-conflict")
            window.document.undo_stack.undo()
            window.tray_dock.raise_()

            window.resize(1920, 1080)
            shot(window, f"{sample}-board-1920")
            window.resize(*SIZE)

            # the board of a cohort away on an internship (labelled bands) and a team teacher's planning time
            away = scenario.internships[0].cohort_ids[0] if scenario.internships else busiest.id
            window.board_page.show_record("cohort", away)
            window.show_page(window.board_page)
            shot(window, f"{sample}-internship")
            member = window.document.project.teams[0].member_ids[0] if window.document.project.teams else None
            if member is not None:
                window.board_page.show_record("teacher", member)
                shot(window, f"{sample}-planning")

            # a table edited with a picker: a teacher's subjects, ticked by name
            teachers = window.editors["teacher"]
            window.show_page(teachers)
            cell = teachers.proxy.mapFromSource(teachers.model.index(6, 2))
            teachers.table.setCurrentIndex(cell)
            teachers.table.edit(cell)
            settle()
            shot(window, f"{sample}-picker")
            teachers.table.closeEditor(
                teachers.table.viewport().findChild(QWidget, "namesChecklist"),
                QAbstractItemDelegate.EndEditHint.RevertModelCache,
            )

            editor = window.editors["advisory"]
            window.show_page(editor)
            advisory = window.document.project.advisories[0]
            window.document.push(SetFieldCommand(window.document, advisory, "advisor_id", "t-unknown", None))
            settle(600)
            editor.select(advisory.id)
            shot(window, f"{sample}-editor-problem")
            window.document.undo_stack.undo()

            # infeasible: the only teacher of a section is unavailable all week
            fixed = next(s for s in scenario.sections if s.teacher_ids)
            teacher = window.document.project.teacher(fixed.teacher_ids[0])
            teacher.unavailable = [TimeWindow(None, 0, 24 * 60)]
            solve(window, 20)
            shot(window, f"{sample}-infeasible")
        window.document.undo_stack.setClean()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
