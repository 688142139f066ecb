"""Fonts for PDF exports that show every family's name: Latin, Arabic (shaped, right to left), CJK, Bengali.

ReportLab draws a string in one font and never falls back to another, so a name in Chinese drawn in
DejaVu Sans prints as empty boxes. Here each string is cut into runs by script, each run gets a font
that has its letters (Noto Sans Arabic and Bengali, a TrueType CJK font), and runs in scripts that
need shaping (Arabic joining forms, Bengali conjuncts) are shaped by HarfBuzz (``uharfbuzz``, which
ReportLab uses when it is installed). Right-to-left runs come out of HarfBuzz in visual order; the
words of a right-to-left run are put in visual order here, which is all a name or a title needs.

Fonts are looked for in ``DLPLANNER_FONT_DIR``, then the operating system's font folders (Debian's
``fonts-noto-core`` and ``fonts-droid-fallback``, Windows' and macOS's own fonts). When a script has
no font, the export still works and a warning names the script and the fix, once per script.
Paper: US Letter unless the locale names a country that uses A4.
"""

from __future__ import annotations

import locale
import logging
import os
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

LATIN, ARABIC, BENGALI, CJK = "Latin", "Arabic", "Bengali", "Chinese/Japanese/Korean"
RIGHT_TO_LEFT = {ARABIC}
SHAPED = {ARABIC, BENGALI}

# file names tried in each font folder, best first: (regular, bold); bold None = the regular one
_CANDIDATES: dict[str, list[tuple[str, str | None]]] = {
    LATIN: [("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"), ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")],
    ARABIC: [
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),  # Windows
        ("Arial Unicode.ttf", None),  # macOS
    ],
    BENGALI: [
        ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"),
        ("NotoSerifBengali-Regular.ttf", "NotoSerifBengali-Bold.ttf"),
        ("Nirmala.ttf", "NirmalaB.ttf"),  # Windows
        ("Arial Unicode.ttf", None),
    ],
    CJK: [
        ("DroidSansFallbackFull.ttf", None),  # Debian fonts-droid-fallback (TrueType; Noto CJK is CFF)
        ("wqy-microhei.ttc", None),
        ("wqy-zenhei.ttc", None),
        ("msyh.ttc", "msyhbd.ttc"),  # Windows
        ("simsun.ttc", None),
        ("Arial Unicode.ttf", None),
    ],
}

_INSTALL_HINT = {
    ARABIC: "Noto Sans Arabic (Debian/Ubuntu: fonts-noto-core)",
    BENGALI: "Noto Sans Bengali (Debian/Ubuntu: fonts-noto-core)",
    CJK: "a TrueType CJK font such as Droid Sans Fallback (Debian/Ubuntu: fonts-droid-fallback)",
    LATIN: "DejaVu Sans (Debian/Ubuntu: fonts-dejavu-core)",
}

# countries whose paper is US Letter (everyone else uses A4)
_LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR", "SV", "NI", "PA", "DO", "BZ"}


def default_paper() -> str:
    """ "letter" for the US and the Americas (and when the locale says nothing), "a4" elsewhere."""
    name = os.environ.get("LC_ALL") or os.environ.get("LC_PAPER") or os.environ.get("LANG") or ""
    if not name or name in ("C", "POSIX") or name.startswith("C."):
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:  # pragma: no cover - a malformed locale setting
            name = ""
    territory = name.split(".")[0].split("@")[0].partition("_")[2].upper()
    if not territory:
        return "letter"  # dlplanner serves US schools first; the C locale says nothing
    return "letter" if territory in _LETTER_COUNTRIES else "a4"


def font_dirs() -> list[Path]:
    """Folders searched for fonts, the user's choice first."""
    dirs: list[Path] = []
    if os.environ.get("DLPLANNER_FONT_DIR"):
        dirs += [Path(p) for p in os.environ["DLPLANNER_FONT_DIR"].split(os.pathsep) if p]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        dirs += [windir / "Fonts", Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        dirs += [Path("/System/Library/Fonts/Supplemental"), Path("/System/Library/Fonts"), Path("/Library/Fonts")]
        dirs.append(Path.home() / "Library" / "Fonts")
    else:
        dirs += [Path.home() / ".local/share/fonts", Path("/usr/local/share/fonts"), Path("/usr/share/fonts")]
    try:  # DejaVu Sans ships inside matplotlib's wheel: Latin works from any pip install
        import matplotlib

        dirs.append(Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        pass
    return dirs


def _find(file_name: str, dirs: list[Path]) -> Path | None:
    for folder in dirs:
        direct = folder / file_name
        if direct.is_file():
            return direct
        if folder.name == "fonts" and folder.is_dir():  # /usr/share/fonts/truetype/<family>/...
            for found in folder.glob(f"*/*/{file_name}"):
                return found
            for found in folder.glob(f"*/{file_name}"):
                return found
    return None


@dataclass(frozen=True)
class FontPair:
    regular: str
    bold: str


_REGISTERED: dict[str, FontPair | None] | None = None
_WARNED: set[str] = set()


def _register(script: str, dirs: list[Path]) -> FontPair | None:
    for regular_file, bold_file in _CANDIDATES[script]:
        regular = _find(regular_file, dirs)
        if regular is None:
            continue
        bold = _find(bold_file, dirs) if bold_file else None
        tag = "DLP-" + script.split("/")[0]
        # the base (Latin) font can be shaped too: a paragraph shapes its words only when the style's
        # own font can, and the base font stays the style's font, for the spaces and separators
        shapable = script in SHAPED or script == LATIN
        try:
            pdfmetrics.registerFont(TTFont(tag, str(regular), shapable=shapable))
            if bold is not None:
                pdfmetrics.registerFont(TTFont(tag + "-Bold", str(bold), shapable=shapable))
        except Exception as error:  # a font ReportLab cannot read (e.g. CFF outlines): try the next
            log.debug("font %s unusable: %s", regular, error)
            continue
        pair = FontPair(tag, tag + "-Bold" if bold is not None else tag)
        # <b> and <i> in paragraph markup find the bold face of the font they are in (no italics here)
        registerFontFamily(tag, normal=pair.regular, bold=pair.bold, italic=pair.regular, boldItalic=pair.bold)
        return pair
    return None


def script_fonts() -> dict[str, FontPair | None]:
    """The font registered for each script (None: none found); registered once per process."""
    global _REGISTERED
    if _REGISTERED is None:
        dirs = font_dirs()
        _REGISTERED = {script: _register(script, dirs) for script in _CANDIDATES}
        if _REGISTERED[LATIN] is None:
            _REGISTERED[LATIN] = FontPair("Helvetica", "Helvetica-Bold")
    return _REGISTERED


def fonts() -> tuple[str, str]:
    """(regular, bold) names of the base font, used for Latin text and as the style's font."""
    base = script_fonts()[LATIN]
    assert base is not None
    return base.regular, base.bold


def script_of(char: str) -> str | None:
    """The script a letter needs a font for; None for spaces, digits and punctuation (any font has them)."""
    code = ord(char)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF:
        return ARABIC
    if 0x0980 <= code <= 0x09FF:
        return BENGALI
    if (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FA1F
    ):
        return CJK
    if unicodedata.category(char)[0] in "LM":
        return LATIN
    return None


@dataclass(frozen=True)
class Run:
    """A piece of a string drawn in one font: ``text`` is in logical order."""

    text: str
    script: str
    font: str

    @property
    def right_to_left(self) -> bool:
        return self.script in RIGHT_TO_LEFT

    @property
    def shaped(self) -> bool:
        return self.script in SHAPED and pdfmetrics.getFont(self.font).shapable


def _warn_missing(script: str) -> None:
    if script not in _WARNED:
        _WARNED.add(script)
        log.warning(
            "PDF export: no font for %s text was found, so those names print as empty boxes; install %s "
            "or put such a TrueType font in a folder named by DLPLANNER_FONT_DIR",
            script,
            _INSTALL_HINT[script],
        )


def runs(text: str, bold: bool = False) -> list[Run]:
    """``text`` cut into runs of one script each; spaces and punctuation stay with the run they sit in."""
    table = script_fonts()
    base = table[LATIN]
    assert base is not None
    pieces: list[list[str]] = []  # [script, text]
    for char in text:
        script = script_of(char)
        if script is None:
            if pieces:
                pieces[-1][1] += char
            else:
                pieces.append([LATIN, char])
        elif pieces and pieces[-1][0] == script:
            pieces[-1][1] += char
        else:
            pieces.append([script, char])
    result: list[Run] = []
    for script, piece in pieces:
        pair = table.get(script)
        if pair is None:
            _warn_missing(script)
            pair = base
        if script in RIGHT_TO_LEFT:  # trailing spaces/punctuation read left to right after the name
            core = piece.rstrip(" ,.;:·—–-()")
            tail = piece[len(core) :]
            result.append(Run(core, script, pair.bold if bold else pair.regular))
            if tail:
                result.append(Run(tail, LATIN, base.bold if bold else base.regular))
            continue
        result.append(Run(piece, script, pair.bold if bold else pair.regular))
    return result


def needs_fallback(text: str) -> bool:
    """True when ``text`` has letters the base font should not draw (another script's font is needed)."""
    return any(script_of(c) not in (None, LATIN) for c in text)


def _visual_words(run: Run) -> str:
    """A right-to-left run's words in visual order (each word is shaped right to left by HarfBuzz)."""
    return " ".join(reversed(run.text.split(" "))) if run.right_to_left else run.text


def markup(text: str, escape, bold: bool = False) -> str:
    """Paragraph markup for ``text``: each run in its font (``escape`` escapes &, < and >)."""
    if not needs_fallback(text):
        return escape(text)
    parts = []
    for run in runs(text, bold):
        body = escape(_visual_words(run))
        parts.append(f'<font name="{run.font}">{body}</font>')
    return "".join(parts)


def paragraph_style(text_markup: str, style):
    """``style``, made to shape its words when ``text_markup`` (from :func:`markup`) holds a shaped script."""
    shaped = [f for s, f in script_fonts().items() if s in SHAPED and f is not None]
    if not any(f'name="{f.regular}"' in text_markup or f'name="{f.bold}"' in text_markup for f in shaped):
        return style
    if not pdfmetrics.getFont(style.fontName).shapable:  # Helvetica: no TrueType base font was found
        return style
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(style.name + "-shaped", parent=style, shaping=1)


def string_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` as :func:`draw_string` draws it."""
    if not needs_fallback(text):
        return pdfmetrics.stringWidth(text, font, size)
    bold = font.endswith("Bold")
    return sum(pdfmetrics.stringWidth(r.text, r.font, size) for r in runs(text, bold))


def draw_string(canvas, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
    """``canvas.drawString`` with a font per script and shaped right-to-left runs (``right``: x is the right edge)."""
    if not needs_fallback(text):
        canvas.setFont(font, size)
        (canvas.drawRightString if right else canvas.drawString)(x, y, text)
        return
    bold = font.endswith("Bold")
    pieces = runs(text, bold)
    if right:
        x -= sum(pdfmetrics.stringWidth(r.text, r.font, size) for r in pieces)
    for run in pieces:
        canvas.setFont(run.font, size)
        if run.shaped:
            from reportlab.pdfbase.ttfonts import shapeStr

            shaped = shapeStr(run.text, run.font, size)  # HarfBuzz orders a right-to-left run visually
            canvas.drawString(x, y, shaped)
            x += sum(g.x_advance for g in shaped.__shapeData__) * size / 1000
        else:
            canvas.drawString(x, y, run.text)
            x += pdfmetrics.stringWidth(run.text, run.font, size)
    canvas.setFont(font, size)
