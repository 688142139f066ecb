"""The export dialog's Language reaches the files: a master PDF in Spanish; staff formats have no language."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from dlplanner.qt.mainwindow import MainWindow


def test_a_spanish_pdf_through_the_dialog(solved_window: MainWindow, tmp_path: Path, qtbot) -> None:
    dialog = solved_window.export_dialog()
    dialog.format.setCurrentIndex(dialog.format.findData("pdf"))
    dialog.view.setCurrentIndex(dialog.view.findData("master"))
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.path.setText(str(tmp_path / "general.pdf"))

    assert dialog.start()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60000)

    text = PdfReader(tmp_path / "general.pdf").pages[0].extract_text()
    assert "Horario general" in text and "Docente" in text and "Master schedule" not in text
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    assert not dialog.language.isEnabled()  # spreadsheets are for staff: English only
    dialog.reject()
