"""Help → User guide and Help → Keyboard shortcuts.

The user guide is ``docs/user-guide.md``, shipped inside the package as ``dlplanner/_docs/`` (see
``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml), so it opens offline from an
installed app. It is shown as Markdown in a ``QTextBrowser``; a link to another shipped page opens
there too, a web link in the browser. Screenshots show where they resolve (a checkout has them in
``docs/screenshots/``); where they do not, their caption stands in.

The shortcuts list is read from the window's menus (and from the widget shortcuts that describe
themselves with ``whatsThis``), so it can never disagree with what the keys really do.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QShortcut, QTextCursor, QTextImageFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

GUIDE = "user-guide.md"
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def docs_dir() -> Path | None:
    """The folder holding the user guide: ``dlplanner/_docs`` when installed, ``docs/`` in a checkout."""
    shipped = resources.files("dlplanner").joinpath("_docs")
    if shipped.joinpath(GUIDE).is_file():
        return Path(str(shipped))
    checkout = Path(__file__).resolve().parents[2] / "docs"
    return checkout if (checkout / GUIDE).is_file() else None


def guide_path() -> Path | None:
    folder = docs_dir()
    return folder / GUIDE if folder is not None else None


def markdown_with_captions(text: str, folder: Path) -> str:
    """The page's Markdown, each picture that is not there replaced by its caption (no broken-image icons)."""

    def picture(match: re.Match[str]) -> str:
        caption, target = match.group(1), match.group(2)
        if "://" in target or (folder / target).is_file():
            return match.group(0)
        return f"*[Picture: {caption}]*"

    return IMAGE.sub(picture, text)


class GuideBrowser(QDialog):
    """The user guide (and the shipped pages it links to), read offline."""

    def __init__(self, parent: QWidget | None = None, page: str = GUIDE) -> None:
        super().__init__(parent)
        self.setObjectName("user-guide")
        self.setWindowTitle("dlplanner user guide")
        self.resize(960, 720)
        self.browser = QTextBrowser(objectName="guide-text")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self.follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.folder = docs_dir()
        self.page = ""
        self.show_page(page)

    def show_page(self, page: str) -> bool:
        """Show a shipped Markdown page by its file name; False (and a note) when it is not shipped."""
        path = self.folder / page if self.folder is not None else None
        if path is None or not path.is_file():
            self.browser.setMarkdown(
                f"# Page not found\n\n`{page}` is not part of this installation. "
                "The guide is online at the project's repository, in `docs/`."
            )
            return False
        self.page = page
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setMarkdown(markdown_with_captions(path.read_text(encoding="utf-8"), path.parent))
        self.fit_images()
        return True

    def fit_images(self) -> None:
        """Scale screenshots down to the page width (they are taken at 1366 pixels)."""
        width = max(300, self.browser.viewport().width() - 40, self.width() - 80)
        document = self.browser.document()
        images = []  # (position, length, format), gathered first: the document changes as they are set
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().isImageFormat():
                    images.append((fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()))
                it += 1
            block = block.next()
        for position, length, fmt in images:
            image = QTextImageFormat(fmt)
            image.setWidth(width)
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(image)

    def follow(self, url: QUrl) -> None:
        """A web link opens in the browser; a shipped page opens here; ``#anchor`` scrolls."""
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
            return
        target = url.fileName() if url.isLocalFile() or not url.scheme() else ""
        if target.endswith(".md") and target != self.page:
            self.show_page(target)
        if url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())


def _menu_rows(menu: QMenu, path: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for action in menu.actions():
        text = action.whatsThis() or action.text()  # Undo/Redo name the edit in their text: their fixed name then
        name = text.split("\t", 1)[0].replace("&", "").rstrip("…").strip()
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), f"{path} › {name}")
        elif action.shortcuts() and not action.isSeparator():
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            rows.append((f"{path} › {name}", keys))
    return rows


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(what, keys) for every menu action with a shortcut, then every self-describing widget shortcut."""
    rows: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu(), action.text().replace("&", ""))
    seen = set()
    for shortcut in window.findChildren(QShortcut):
        what = shortcut.whatsThis()
        if what and what not in seen:
            seen.add(what)
            rows.append((what, shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)))
    for action in window.findChildren(QAction):  # actions outside the menus that still have keys
        if action.shortcuts() and action.whatsThis() and action.whatsThis() not in seen:
            seen.add(action.whatsThis())
            rows.append((action.whatsThis(), action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
    return rows


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every key of the app, read from its actions."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcuts")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 620)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (what, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(what))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
