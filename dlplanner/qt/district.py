"""District mode in the desktop app: the conflict dialog shown when a save is refused.

A save to a database URL goes through ``services.district.save_changes``; each piece someone else
saved since this window read it comes back as a :class:`~dlplanner.services.district.Conflict`, and
the user chooses, per piece, what to do. Only choices that can apply are offered:

- both changed it: "Reload theirs" or "Keep mine as a new scenario";
- they deleted what I changed: "Keep mine as a new scenario" or "Accept the deletion";
- I deleted what they changed: "Keep their version" or "Delete anyway".

Nothing is ever overwritten or deleted silently.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from dlplanner.services.district import Conflict

RELOAD, KEEP, DELETE_ANYWAY = "reload", "keep", "delete"
KEEP_TEXT = "Keep mine as a new scenario: your version is saved as a copy beside theirs."


def describe_conflict(conflict: Conflict) -> str:
    what = f"Scenario '{conflict.name}'" if conflict.scenario_id is not None else "The people, rooms and groups"
    verb = "was deleted" if conflict.deleted else "was changed"
    who = f" by {conflict.changed_by}" if conflict.changed_by else " by another planner"
    when = f" at {conflict.changed_at.astimezone():%Y-%m-%d %H:%M}" if conflict.changed_at else ""
    after = "after you deleted it" if conflict.deleted_here else "after you opened it"
    return f"{what} {verb}{who}{when} {after}."


def choices(conflict: Conflict) -> list[tuple[str, str, str]]:
    """(answer, button label, explanation) for every choice that can apply to ``conflict``."""
    if conflict.deleted_here:
        return [
            (RELOAD, "Keep their version", "Keep their version: your deletion is dropped and theirs is shown."),
            (DELETE_ANYWAY, "Delete anyway", "Delete anyway: the scenario is deleted, their changes to it too."),
        ]
    if conflict.deleted:
        return [
            (KEEP, "Keep mine as a new scenario", "Keep mine as a new scenario: your version is saved under a new id."),
            (RELOAD, "Accept the deletion", "Accept the deletion: your changes to it are dropped with it."),
        ]
    reload = (RELOAD, "Reload theirs", "Reload theirs: drop your changes to it and take the saved version.")
    return [reload, (KEEP, "Keep mine as a new scenario", KEEP_TEXT)] if conflict.scenario_id else [reload]


def choose_resolution(parent: QWidget | None, conflict: Conflict) -> str | None:
    """Ask what to do with one refused piece: one answer of :func:`choices`, or None (decide later)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("district", "Someone else saved this first"))
    box.setText(describe_conflict(conflict))
    offered = choices(conflict)
    mine = (
        QCoreApplication.translate("district", "Your deletion was not saved, and theirs were not overwritten.")
        if conflict.deleted_here
        else QCoreApplication.translate(
            "district", "Your changes to it were not saved, and theirs were not overwritten."
        )
    )
    box.setInformativeText(f"{mine}\n\n" + "\n".join(text for _answer, _label, text in offered))
    box.setDetailedText(conflict.message)
    roles = (QMessageBox.ButtonRole.DestructiveRole, QMessageBox.ButtonRole.AcceptRole)
    buttons = {box.addButton(label, roles[min(i, 1)]): answer for i, (answer, label, _text) in enumerate(offered)}
    box.addButton(QCoreApplication.translate("district", "Decide later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return buttons.get(box.clickedButton())
