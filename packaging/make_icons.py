"""Render resources/icons/app.svg into the bundle's icons: PNGs, a Windows .ico and a macOS .icns.

Qt's SVG renderer draws the PNGs (the same renderer the app uses for its icons); Pillow, already
installed with matplotlib, packs them into .ico and .icns.

    python packaging/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(path)):
        raise SystemExit(f"cannot write {path}")


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (the renderer needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        render(renderer, size, out / f"dlplanner-{size}.png")
    largest = Image.open(out / "dlplanner-1024.png")
    largest.save(out / "dlplanner.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    largest.save(out / "dlplanner.icns")
    print(f"icons in {out}: dlplanner.ico, dlplanner.icns, dlplanner-<size>.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/icons"))
