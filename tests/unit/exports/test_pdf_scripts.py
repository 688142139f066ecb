"""PDF timetables show Arabic (shaped, right to left), Chinese and Bengali names: read back with pypdf."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from dlp_tiny_school import project
from pypdf import PdfReader

from dlplanner.io.exports import pdf_fonts
from dlplanner.io.exports.pdf import write_pdf

NAMES = {"t1": "فاطمة الزهراء", "t2": "王小明", "t3": "অমিত রায়"}
# Bengali vowel signs drawn before the consonant they follow in the text (PDF text is in drawing order)
PRE_BASE_SIGNS = "\u09bf\u09c7\u09c8"


def _logical(text: str) -> str:
    """Extracted PDF text as typed: Arabic presentation forms folded (NFKC),
    Bengali pre-base vowel signs put back after their consonant."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(f"([{PRE_BASE_SIGNS}])([\u0995-\u09b9\u09dc-\u09df])", r"\2\1", text)


def _fonts_present() -> None:
    missing = [s for s in (pdf_fonts.ARABIC, pdf_fonts.BENGALI, pdf_fonts.CJK) if pdf_fonts.script_fonts()[s] is None]
    if missing:
        pytest.fail(f"no font for {missing}: scripts/install-debian-deps installs them (fonts-noto-core, ...)")


def test_arabic_chinese_and_bengali_names_are_in_the_pdf_text(tmp_path: Path) -> None:
    _fonts_present()
    proj = project()
    for teacher in proj.teachers:
        teacher.name = NAMES[teacher.id]
    proj.cohorts[0].name = "Grade 9 — 李华"
    proj.rooms[0].name = "قاعة الفنون"  # beside Latin text and bold markup in the master schedule's cells
    (out,) = write_pdf(proj, proj.scenarios[0], tmp_path / "t.pdf")
    pages = [_logical(page.extract_text()) for page in PdfReader(out).pages]
    for name in NAMES.values():
        assert name in pages[0], name  # the master schedule's teacher column (paragraphs)
    assert "Humanities 9 · قاعة الفنون" in pages[0]  # Latin and separators stay in the Latin font
    titles = [line for page in pages for line in page.splitlines() if line.startswith(("Teacher:", "Cohort:"))]
    expected = [f"Teacher: {NAMES[t]}" for t in ("t1", "t2", "t3")] + ["Cohort: Grade 9 — 李华"]
    assert titles[:4] == expected
    cohort_page = next(p for p in pages if "Cohort: Grade 9 — 李华" in p)
    assert NAMES["t1"] in cohort_page  # the teacher's name inside a meeting card (drawn on the canvas)


def test_each_script_gets_its_own_font_and_arabic_is_shaped() -> None:
    _fonts_present()
    runs = pdf_fonts.runs("Ms 王 فاطمة অমিত")
    latin, cjk, arabic, bengali = pdf_fonts.LATIN, pdf_fonts.CJK, pdf_fonts.ARABIC, pdf_fonts.BENGALI
    assert [r.script for r in runs] == [latin, cjk, arabic, latin, bengali]
    assert len({r.font for r in runs}) == 4
    arabic_run = next(r for r in runs if r.script == arabic)
    assert arabic_run.right_to_left and arabic_run.shaped


def test_a_missing_script_font_warns_once_naming_the_script(monkeypatch, caplog) -> None:
    fonts = dict(pdf_fonts.script_fonts())
    fonts[pdf_fonts.BENGALI] = None
    monkeypatch.setattr(pdf_fonts, "_REGISTERED", fonts)
    monkeypatch.setattr(pdf_fonts, "_WARNED", set())
    with caplog.at_level("WARNING", logger=pdf_fonts.__name__):
        pdf_fonts.runs("অমিত")
        pdf_fonts.runs("রায়")
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "Bengali" in warnings[0] and "fonts-noto-core" in warnings[0]


@pytest.mark.parametrize(
    ("lang", "paper"), [("en_US.UTF-8", "letter"), ("es_MX.UTF-8", "letter"), ("de_DE.UTF-8", "a4"), ("en_GB", "a4")]
)
def test_paper_follows_the_locale(monkeypatch, lang: str, paper: str) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_PAPER", raising=False)
    monkeypatch.setenv("LANG", lang)
    assert pdf_fonts.default_paper() == paper


def test_an_unset_locale_prints_on_letter(monkeypatch, tmp_path: Path) -> None:
    for name in ("LC_ALL", "LC_PAPER", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(pdf_fonts.locale, "getlocale", lambda: (None, None))
    proj = project()
    (out,) = write_pdf(proj, proj.scenarios[0], tmp_path / "t.pdf", view="cohort")
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((792.0, 612.0), abs=0.01)
