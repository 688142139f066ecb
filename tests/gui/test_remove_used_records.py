"""Removing a record used elsewhere lists where and asks; No keeps everything (single and multi-row)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from dlplanner.qt.mainwindow import MainWindow


def _ask(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, _title, text, *_a: asked.append(text) or answer)
    return asked


def test_no_keeps_a_teacher_who_teaches_advises_and_is_in_a_team(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("new-tech")
    editor = window.editors["teacher"]
    project = window.document.project
    teacher = next(t for t in project.teachers if any(t.id in team.member_ids for team in project.teams))
    before = list(window.document.project.teachers)
    asked = _ask(monkeypatch, QMessageBox.StandardButton.No)
    editor.select(teacher.id)
    editor.remove_button.click()
    assert len(asked) == 1
    assert "teaches section(s) in scenario “A/B block”" in asked[0]  # every scenario that uses the teacher
    assert "is in team" in asked[0] and teacher.name in asked[0]
    assert window.document.project.teachers == before and not window.document.undo_stack.canUndo()


def test_multi_row_remove_lists_every_used_row_and_yes_removes_them(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("big-picture")
    editor = window.editors["room"]
    window.show_page(editor)
    rooms = window.document.project.rooms
    chosen = [rooms[0], rooms[1]]
    selection = editor.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for room in chosen:
        selection.select(editor.proxy.mapFromSource(editor.model.index(editor.model.row_of(room.id), 0)), flags)
    asked = _ask(monkeypatch, QMessageBox.StandardButton.No)
    editor.remove_button.click()
    assert len(asked) == 1 and all(f"• {room.name}:" in asked[0] for room in chosen)
    assert all(room in rooms for room in chosen)  # No: both kept
    asked = _ask(monkeypatch, QMessageBox.StandardButton.Yes)
    editor.remove_button.click()
    assert asked and not any(room in rooms for room in chosen)
    window.document.undo_stack.undo()  # one undo step brings both back
    assert all(room in rooms for room in chosen)


def test_a_record_used_nowhere_is_removed_without_a_question(window: MainWindow, monkeypatch) -> None:
    window.new_from_sample("big-picture")
    editor = window.editors["teacher"]
    editor.add_button.click()
    new = window.document.project.teachers[-1]
    asked = _ask(monkeypatch, QMessageBox.StandardButton.No)
    editor.select(new.id)
    editor.remove_button.click()
    assert not asked and new not in window.document.project.teachers
