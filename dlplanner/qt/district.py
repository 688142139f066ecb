"""District mode in the desktop app: the conflict dialog shown when a save is refused.

A save to a database URL goes through ``services.district.save_changes``; each piece someone else
saved since this window read it comes back as a :class:`~dlplanner.services.district.Conflict`, and
the user chooses, per piece, "Reload theirs" or "Keep mine as a new scenario". Nothing is ever
overwritten silently.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from dlplanner.services.district import Conflict

RELOAD, KEEP = "reload", "keep"
KEEP_TEXT = "Keep mine as a new scenario: your version is saved as a copy beside theirs."


def describe_conflict(conflict: Conflict) -> str:
    what = f"Scenario '{conflict.name}'" if conflict.scenario_id is not None else "The people, rooms and groups"
    verb = "was deleted" if conflict.deleted else "was changed"
    who = f" by {conflict.changed_by}" if conflict.changed_by else " by another planner"
    when = f" at {conflict.changed_at.astimezone():%Y-%m-%d %H:%M}" if conflict.changed_at else ""
    return f"{what} {verb}{who}{when} after you opened it."


def choose_resolution(parent: QWidget | None, conflict: Conflict) -> str | None:
    """Ask what to do with one refused piece: RELOAD, KEEP (scenarios only) or None (decide later)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Someone else saved this first")
    box.setText(describe_conflict(conflict))
    box.setInformativeText(
        "Your changes to it were not saved, and theirs were not overwritten.\n\n"
        "Reload theirs: drop your changes to it and take the saved version.\n"
        + (KEEP_TEXT if conflict.scenario_id else "")
    )
    box.setDetailedText(conflict.message)
    reload_button = box.addButton("Reload theirs", QMessageBox.ButtonRole.DestructiveRole)
    keep_button = (
        box.addButton("Keep mine as a new scenario", QMessageBox.ButtonRole.AcceptRole)
        if conflict.scenario_id is not None
        else None
    )
    box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is reload_button:
        return RELOAD
    if keep_button is not None and clicked is keep_button:
        return KEEP
    return None
