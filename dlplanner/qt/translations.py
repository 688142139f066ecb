"""The interface in the user's language: Qt Linguist translations from ``resources/translations``.

The language is, first that is set: ``--lang`` / ``$DLPLANNER_LANG``, the "language" setting (View →
Language), the system's locale. English needs no file; another language without a ``.qm`` file stays
English. Strings are marked with ``self.tr()`` (or ``QCoreApplication.translate`` outside a QObject);
``scripts/update-translations`` extracts them into the ``.ts`` files and compiles the ``.qm`` files.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from dlplanner.paths import resources_dir

LANGUAGE_ENV = "DLPLANNER_LANG"
LANGUAGES = {"en": "English", "es": "Español"}  # code → the language's own name, as the menu shows it


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def chosen_language(settings: QSettings | None = None) -> str:
    """The language code to show the interface in (two letters, e.g. "es")."""
    configured = os.environ.get(LANGUAGE_ENV, "").strip()
    if not configured:
        configured = str((settings or QSettings()).value("language", "") or "")
    return (configured or QLocale.system().name()).split("_")[0].split("-")[0].lower()


def install(app: QCoreApplication, language: str | None = None) -> str:
    """Load the translations of ``language`` (default: :func:`chosen_language`); returns the language shown."""
    language = language or chosen_language()
    for old in app.findChildren(QTranslator, "dlplanner-translator"):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    if language == "en":
        return "en"
    ours = QTranslator(app, objectName="dlplanner-translator")
    if not ours.load(f"dlplanner_{language}", translations_dir()):
        return "en"  # no translation of that language yet: English
    QCoreApplication.installTranslator(ours)
    qt_own = QTranslator(app, objectName="dlplanner-translator")  # Qt's standard buttons: Cancel, Yes …
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        QCoreApplication.installTranslator(qt_own)
    return language


def remember_language(language: str, settings: QSettings | None = None) -> None:
    """View → Language: the language of the next start ("" for the system's)."""
    (settings or QSettings()).setValue("language", language)
