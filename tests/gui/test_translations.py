"""The interface in Spanish: the .ts file translates every marked string, the shipped .qm is compiled
from it, and a main window built with --lang es reads "Archivo", "Editar" … ."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import PySide6
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFormLayout, QGroupBox, QLabel

from dlplanner.paths import resources_dir
from dlplanner.qt import translations
from dlplanner.qt.mainwindow import MainWindow
from dlplanner.qt.scenarios import what_deleting_loses
from dlplanner.services import projects

TS = resources_dir() / "translations" / "dlplanner_es.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(PySide6.__file__).parent  # lupdate and lrelease come with PySide6-Essentials
SOURCES = ["mainwindow.py", "panels.py", "designer.py", "calendar_page.py", "minimums.py", "district.py"]
SOURCES += ["export.py", "solve.py", "new_project.py", "scenarios.py", "compare.py"]


@pytest.fixture
def spanish_window(qapp: QApplication, tmp_path, monkeypatch) -> Iterator[MainWindow]:
    monkeypatch.setenv(translations.LANGUAGE_ENV, "es")  # what `dlplanner gui --lang es` sets
    monkeypatch.setenv("DLPLANNER_RECOVERY_DIR", str(tmp_path / "recovery"))
    assert translations.install(qapp) == "es"
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    yield window
    window.close()
    translations.install(qapp, "en")


def test_the_menus_and_pages_read_in_spanish(spanish_window: MainWindow) -> None:
    menus = [action.text() for action in spanish_window.menuBar().actions()]
    assert menus[:3] == ["&Archivo", "&Editar", "&Ver"]
    assert "Ay&uda" in menus
    assert spanish_window.save_action.text() == "&Guardar"
    assert spanish_window.nav.item(0).text() == "Tablero"
    titles = {label.text() for label in spanish_window.findChildren(QLabel, "title")}
    assert {"Tablero del horario", "Calendario del curso escolar", "Diseño del horario por bloques"} <= titles


def form_labels(form: QFormLayout) -> list[str]:
    rows = (form.itemAt(row, QFormLayout.ItemRole.LabelRole) for row in range(form.rowCount()))
    return [item.widget().text() for item in rows if item is not None and isinstance(item.widget(), QLabel)]


def test_the_export_solve_new_project_scenario_and_compare_pages_read_in_spanish(
    spanish_window: MainWindow,
) -> None:
    spanish_window.load_project(projects.load_sample("big-picture"), None)
    export = spanish_window.export_dialog()
    assert export.windowTitle() == "Exportar el horario"
    assert export.export_button.text() == "Exportar"
    assert {"Escenario", "Formato", "Vista", "Idioma", "Guardar en"} <= set(form_labels(export.findChild(QFormLayout)))
    assert export.view.itemText(export.view.findData("master")) == "Horario general"
    export.reject()

    solve = spanish_window.solve_panel
    assert solve.solve_button.text() == "Resolver"
    assert {"Ejecución", "Progreso", "Resultado"} <= {box.title() for box in solve.findChildren(QGroupBox)}

    wizard = spanish_window.new_project()
    assert wizard.windowTitle() == "Nuevo proyecto" and wizard.school_page.title() == "Su escuela"
    assert wizard.day_form.advisory.text() == "Empezar el día con asesoría"
    wizard.reject()
    scenario_dialog = spanish_window.new_scenario()
    assert scenario_dialog.windowTitle() == "Nuevo escenario"
    scenario_dialog.reject()
    question = what_deleting_loses(spanish_window.document.scenario)
    assert question.startswith("¿Eliminar el escenario") and "sección(es)" in question

    compare = spanish_window.compare_page
    assert compare.compare_button.text() == "Comparar"
    assert compare.state.text() == "Marque de 2 a 4 escenarios y pulse Comparar."


def test_english_stays_english_after_spanish(qapp: QApplication, tmp_path) -> None:
    assert translations.install(qapp, "en") == "en"
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert window.menuBar().actions()[0].text() == "&File"
    window.close()


def test_a_language_without_a_translation_falls_back_to_english(qapp: QApplication) -> None:
    assert translations.install(qapp, "xx") == "en"


def test_the_language_comes_from_lang_then_the_setting_then_the_system(tmp_path, monkeypatch) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv(translations.LANGUAGE_ENV, raising=False)
    translations.remember_language("es", settings)
    assert translations.chosen_language(settings) == "es"
    monkeypatch.setenv(translations.LANGUAGE_ENV, "en_US")
    assert translations.chosen_language(settings) == "en"


def test_every_marked_string_is_translated_and_the_ts_file_is_up_to_date(tmp_path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = [str(Path(translations.__file__).parent / name) for name in SOURCES]
    out = subprocess.run(
        [str(TOOLS / "lupdate"), "-no-obsolete", *sources, "-ts", str(copy)], capture_output=True, text=True, check=True
    )
    assert "(0 new " in out.stdout, (
        f"strings marked with tr() are missing from {TS.name}: run scripts/update-translations"
    )
    unfinished = [
        m.findtext("source")
        for m in ElementTree.parse(copy).iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
    ]
    assert not unfinished


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path) -> None:
    compiled = tmp_path / "es.qm"
    subprocess.run([str(TOOLS / "lrelease"), "-silent", str(TS), "-qm", str(compiled)], check=True)
    assert compiled.read_bytes() == QM.read_bytes()
