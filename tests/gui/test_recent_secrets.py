"""No database password is kept in the settings: Open recent remembers URLs without it."""

from __future__ import annotations

from pathlib import Path

from dlplanner.qt.mainwindow import MainWindow

WITH_PASSWORD = "postgresql+psycopg://planner:s3cr%40t@db.example.org:5432/district"
WITHOUT = "postgresql+psycopg://planner@db.example.org:5432/district"


def settings_text(window: MainWindow) -> str:
    window.settings.sync()
    return Path(window.settings.fileName()).read_text(encoding="utf-8")


def test_a_url_is_remembered_without_its_password(window: MainWindow) -> None:
    window._remember(WITH_PASSWORD)
    window._remember("school.dlp")
    assert window.recent() == ["school.dlp", WITHOUT]
    assert "s3cr" not in settings_text(window)


def test_a_password_an_older_version_stored_is_dropped_when_read(window: MainWindow) -> None:
    window.settings.setValue("recent", [WITH_PASSWORD, WITHOUT, "school.dlp"])
    assert window.recent() == [WITHOUT, "school.dlp"]
    assert "s3cr" not in settings_text(window)
