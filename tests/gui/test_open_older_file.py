"""Opening a file an older dlplanner saved: the app offers to update it and keeps the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from old_files import downgrade
from PySide6.QtWidgets import QMessageBox

from dlplanner.domain import codec
from dlplanner.paths import samples_dir
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.services import projects
from dlplanner.storage import schema_revision
from dlplanner.storage.schema import head_revision

OLD = "0005"


@pytest.fixture
def last_years_file(tmp_path: Path) -> Path:
    (tmp_path / "files").mkdir()
    path = tmp_path / "files" / "school.dlp"
    projects.create_project(str(path), codec.load_project_json(samples_dir() / "big-picture.json"))
    downgrade(str(path), OLD)
    return path


def _answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, title, text, *_args, **_kwargs):
        asked.append(f"{title}: {text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text, *_a: asked.append(f"ERROR {title}: {text}"))
    return asked


def test_yes_updates_the_file_keeps_a_copy_and_opens_it(
    window: MainWindow, last_years_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)

    assert window.open_project(str(last_years_file))

    kept = last_years_file.with_name(f"school (before upgrade {OLD}).dlp")
    assert len(asked) == 1 and asked[0].startswith("Update this project file?") and kept.name in asked[0]
    assert schema_revision(str(last_years_file)) == head_revision()
    assert schema_revision(str(kept)) == OLD
    assert window.document.project is not None and window.document.project.teachers
    assert kept.name in window.statusBar().currentMessage()


def test_no_leaves_the_file_as_it_was_and_opens_nothing(
    window: MainWindow, last_years_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = last_years_file.read_bytes()
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)

    assert not window.open_project(str(last_years_file))

    assert len(asked) == 1 and not asked[0].startswith("ERROR")
    assert last_years_file.read_bytes() == before
    assert sorted(p.name for p in last_years_file.parent.iterdir()) == ["school.dlp"]
