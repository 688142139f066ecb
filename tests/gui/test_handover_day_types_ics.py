"""Master board handover to another teacher, adding and removing day types, one person's iCalendar.

Driven through the real widgets, offscreen, on the solved Big Picture sample (checker-judged in
conftest); each edit is undone and redone and the model compared with what it was.
"""

from __future__ import annotations

import copy
from pathlib import Path

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from dlplanner.domain import BlockKind, Placement, Project, Teacher
from dlplanner.domain.checker import check_timetable
from dlplanner.domain.editing import MoveChecker, Target, find_placement, key_of
from dlplanner.qt.board import MasterBoard
from dlplanner.qt.mainwindow import MainWindow

POOL = "g9-a-math"  # made a pool section (Math 1, Math 2 or a new hire) for these tests


def _pool_board(window: MainWindow, solved_sample: Project) -> tuple[MasterBoard, Placement, list[tuple]]:
    """The solved sample with one section any math teacher may take, on the master board (teacher rows).

    A new hire with a free week joins the math teachers, so a handover to them can fit. Returns the
    board, a meeting of the pool section and the section's meetings as they are.
    """
    project = copy.deepcopy(solved_sample)
    project.teachers.append(Teacher("math-3", "Nia New-Hire", {"math"}))
    section = project.scenarios[0].section(POOL)
    section.teacher_ids, section.teacher_pool = [], ["math-1", "math-2", "math-3"]
    assert check_timetable(project, project.scenarios[0]).ok  # still a valid timetable: math-1 is in the pool
    window.load_project(project, None)
    window.show_page(window.master_page)
    assert window.master_page.board.rows_kind == "teacher"
    placement = next(p for p in window.document.scenario.solution.placements if p.section_id == POOL)
    return window.master_page.board, placement, _state(window, POOL)


def _state(window: MainWindow, section_id: str) -> list[tuple]:
    scenario = window.document.scenario
    return sorted(
        (p.meeting, p.day_type_id, p.start, p.end, p.room_id, tuple(p.teacher_ids))
        for p in scenario.solution.placements
        if p.section_id == section_id
    )


def _card_in_row(board: MasterBoard, key, row_id: str):
    return next(c for c in board.cards[key] if c.row_id == row_id)


def test_drag_to_another_teachers_row_hands_the_section_over_as_one_undo_step(
    window: MainWindow, solved_sample: Project
) -> None:
    board, placement, before = _pool_board(window, solved_sample)
    scenario, project, key = window.document.scenario, window.document.project, key_of(placement)
    assert len(before) > 1 and all(t == ("math-1",) for *_, t in before)
    checker = MoveChecker(project, scenario, placement)
    targets = [
        Target(d, b.start, placement.room_id, ("math-3",))
        for d, b in board._cols
        if b.kind == BlockKind.CLASS and (d, b.start) != (placement.day_type_id, placement.start)
    ]
    free = [t for t in targets if not checker.conflicts(t)]
    assert free, "the new hire is free whenever the cohort is"
    target = free[0]
    asked: list = []
    board.confirm = lambda _parent, conflicts: asked.append(conflicts) or True

    press = board.mapFromScene(_card_in_row(board, key, "math-1").sceneBoundingRect().center())
    release = board.mapFromScene(board.cell_center(Target(target.day_type_id, target.start, None), "math-3"))
    QTest.mousePress(board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    assert board._drag is not None and board._drag.row_id == "math-1"
    QTest.mouseMove(board.viewport(), release)
    assert board._drag.target == target
    assert board._drag.overlays[target].data(0) == "good"  # the new hire's row is coloured as the pointer enters
    assert window.master_page.hint.text().startswith("✓")
    QTest.mouseRelease(board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, release)

    assert not asked  # green: no question
    after = _state(window, POOL)
    assert all(t == ("math-3",) for *_, t in after)  # every meeting of the section changed hands
    moved = find_placement(scenario, key)
    assert (moved.day_type_id, moved.start) == (target.day_type_id, target.start)
    others_before = [row[:5] for row in before if row[0] != key[1]]
    assert [row[:5] for row in after if row[0] != key[1]] == others_before  # the others kept their times
    assert _card_in_row(board, key, "math-3")  # redrawn in the new hire's row
    assert all(c.row_id != "math-1" for c in board.cards[key])
    assert key not in window.document.conflicts()
    assert window.undo_action.text().endswith("to Nia New-Hire")

    window.undo_action.trigger()
    assert _state(window, POOL) == before
    window.redo_action.trigger()
    assert _state(window, POOL) == after
    window.undo_action.trigger()

    # Math 2 teaches at another meeting's time: red, the same question as any clash, and it names why
    busy = Target(target.day_type_id, target.start, placement.room_id, ("math-2",))
    clashes = checker.conflicts(busy)
    assert "teacher_clash" in {v.rule_id for v in clashes}
    assert board.drop_card(key, busy)
    assert asked == [clashes]
    assert all(t == ("math-2",) for *_, t in _state(window, POOL))
    assert "teacher_clash" in {v.rule_id for vs in window.document.conflicts().values() for v in vs}
    window.undo_action.trigger()
    assert _state(window, POOL) == before


def test_drag_to_a_teacher_the_section_does_not_allow_is_refused_with_the_reason(
    window: MainWindow, solved_sample: Project
) -> None:
    board, placement, before = _pool_board(window, solved_sample)
    scenario, project, key = window.document.scenario, window.document.project, key_of(placement)
    board.confirm = lambda _parent, _conflicts: (_ for _ in ()).throw(AssertionError("asked on a refusal"))
    science, section = project.teacher("sci-1").name, scenario.section(POOL).name

    cell = Target(placement.day_type_id, placement.start, None)
    press = board.mapFromScene(_card_in_row(board, key, "math-1").sceneBoundingRect().center())
    release = board.mapFromScene(board.cell_center(cell, "sci-1"))
    QTest.mousePress(board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    QTest.mouseMove(board.viewport(), release)
    refused = Target(placement.day_type_id, placement.start, placement.room_id, ("sci-1",))
    assert board._drag.target == refused
    assert board._drag.overlays[refused].data(0) == "bad"
    expected = f"{science} cannot take {section}: {science} is not in its teacher pool"
    assert window.master_page.hint.text() == f"✗ {expected}"
    QTest.mouseRelease(board.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, release)

    assert _state(window, POOL) == before
    assert not window.document.undo_stack.canUndo()
    assert window.statusBar().currentMessage() == expected

    # a section with fixed teachers changes hands only in its record
    fixed = next(p for p in scenario.solution.placements if p.section_id == "g9-a-science")
    science_before = _state(window, "g9-a-science")
    handover = Target(fixed.day_type_id, fixed.start, fixed.room_id, ("sci-2",))
    assert not board.drop_card(key_of(fixed), handover)
    assert _state(window, "g9-a-science") == science_before
    science_section = scenario.section("g9-a-science").name
    assert window.statusBar().currentMessage() == (
        f"{project.teacher('sci-2').name} cannot take {science_section}: its teachers are fixed "
        f"({project.teacher('sci-1').name}); change them in the section's record to hand it over"
    )
    assert not window.document.undo_stack.canUndo()


def test_add_and_remove_day_types_with_confirmation_refusal_and_undo(solved_window: MainWindow) -> None:
    window = solved_window
    designer = window.designer_page
    window.show_page(designer)
    designer.tabs.setCurrentIndex(1)
    scenario = window.document.scenario
    days_before = [(d.id, d.name, d.bell_schedule_id) for d in scenario.day_types]
    placements_before = sorted((key_of(p), p.day_type_id, p.start) for p in scenario.solution.placements)
    questions: list[str] = []
    refusals: list[str] = []
    designer.confirm = lambda _parent, text: questions.append(text) or True
    designer.explain = lambda _parent, text: refusals.append(text)

    added = designer.add_day_type()
    assert added is not None and (added.id, added.name) == ("day-1", "Day 6")
    assert added.bell_schedule_id == designer.schedule().id
    assert scenario.day_types[-1] is added and designer.days.rowCount() == 6
    assert designer.days.item(5, 0).text() == "Day 6" and designer.days.currentRow() == 5
    assert scenario.solution.stale
    assert "rotation" in designer.message.text()

    # the weekday rotation names Friday: refused, naming where, nothing changed
    friday = scenario.day_type("fri")
    assert not designer.remove_day_type("fri")
    assert refusals == [
        f"{friday.name} cannot be removed while 1 place(s) name it: the rotation's Friday. "
        "Point them at another day type first."
    ]
    assert designer.message.text() == refusals[0] and not questions
    assert scenario.day_type("fri") is friday

    # the new day type, selected in the list, goes after a confirmation (nothing placed on it)
    designer.days.selectRow(5)
    assert designer.remove_day_type()
    assert questions[-1].startswith("Remove day type Day 6 from the cycle?")
    assert "0 meeting(s) placed on it" in questions[-1] and "0 rotation entries use it" in questions[-1]
    assert [d.id for d in scenario.day_types] == [d for d, _, _ in days_before]

    # once the rotation no longer names Friday, removing it sends Friday's meetings to the tray
    del scenario.calendar.rotation.weekday_map[4]
    scenario.internships[:] = [i for i in scenario.internships if all(w.day_type_id != "fri" for w in i.windows)]
    on_friday = sum(1 for p in scenario.solution.placements if p.day_type_id == "fri")
    assert on_friday > 0
    assert designer.remove_day_type("fri")
    assert f"{on_friday} meeting(s) placed on it go to the unscheduled tray" in questions[-1]
    assert all(d.id != "fri" for d in scenario.day_types)
    assert not any(p.day_type_id == "fri" for p in scenario.solution.placements)
    assert window.tray.list.count() == on_friday
    window.show_page(window.master_page)  # the board has no Friday columns any more
    assert window.master_page.board._cols and all(d != "fri" for d, _ in window.master_page.board._cols)
    window.show_page(designer)

    window.undo_action.trigger()  # Friday and its meetings come back
    assert [(d.id, d.name, d.bell_schedule_id) for d in scenario.day_types] == days_before
    assert sorted((key_of(p), p.day_type_id, p.start) for p in scenario.solution.placements) == placements_before
    assert window.tray.list.count() == 0
    window.redo_action.trigger()
    assert all(d.id != "fri" for d in scenario.day_types) and window.tray.list.count() == on_friday
    window.undo_action.trigger()
    window.undo_action.trigger()  # the removal of Day 6
    assert scenario.day_types[-1].name == "Day 6"
    window.undo_action.trigger()  # its addition
    assert [(d.id, d.name, d.bell_schedule_id) for d in scenario.day_types] == days_before


def test_export_one_teachers_calendar_as_a_single_ics(solved_window: MainWindow, qtbot, tmp_path: Path) -> None:
    window = solved_window
    project, scenario = window.document.project, window.document.scenario
    dialog = window.export_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("ics"))
    assert dialog.entity.isEnabled() and dialog.entity.currentData() is None  # everyone by default
    teacher = project.teacher("sci-1")
    # searchable: the completer finds the teacher by part of the name
    completer = dialog.entity.completer()
    completer.setCompletionPrefix(teacher.name.split()[-1])
    assert f"Teacher: {teacher.name}" in [
        completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())
    ]
    dialog.choose_entity("teacher", teacher.id)
    assert not dialog.view.isEnabled()
    assert dialog.path.text().endswith(".ics")
    out = tmp_path / "science.ics"
    dialog.path.setText(str(out))
    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=300_000)
    assert dialog.written == [out], dialog.error
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert teacher.name in str(calendar.get("X-WR-CALNAME"))  # this teacher's calendar, not the school's
    events = list(calendar.walk("VEVENT"))
    assert events and all(teacher.name in str(e.get("DESCRIPTION")) for e in events)
    own = {scenario.section(p.section_id).name for p in scenario.solution.placements if teacher.id in p.teacher_ids}
    assert own <= {str(e.get("SUMMARY")) for e in events}

    dialog.entity.setCurrentIndex(0)  # back to everyone: the view and .ics or .zip decide again
    assert dialog.view.isEnabled() and dialog.chosen_entity() is None
    dialog.reject()
