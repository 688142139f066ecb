"""PDF export read back with pypdf: pages, text, paper sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from dlp_tiny_school import project
from pypdf import PdfReader

from dlplanner.io.exports.common import ExportError
from dlplanner.io.exports.pdf import FRAME_H, FRAME_W, write_pdf


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_master_then_one_page_per_teacher_cohort_and_room(tmp_path: Path) -> None:
    proj = project()
    (out,) = write_pdf(proj, proj.scenarios[0], tmp_path / "t.pdf")
    texts = _texts(out)
    assert len(texts) == 2 + 3 + 2 + 2  # master per day type, 3 teachers, 2 cohorts, 2 rooms
    assert "Master schedule — A day" in texts[0] and "Master schedule — B day" in texts[1]
    assert "Block 1" in texts[0] and "8:00–9:30" in texts[0]
    assert "Ben Brook" in texts[0] and "Math 10 · Lab 2" in texts[0]
    titles = [
        next(line for line in t.splitlines() if line.startswith(("Teacher:", "Cohort:", "Room:"))) for t in texts[2:]
    ]
    assert titles == [
        "Teacher: Ana Alvarez",
        "Teacher: Ben Brook",
        "Teacher: Cy Chen",
        "Cohort: Grade 9",
        "Cohort: Grade 10",
        "Room: Room 101",
        "Room: Lab 2",
    ]
    for text in texts:
        assert "Tiny Deeper Learning High" in text and "A/B block" in text
    ben = texts[3]
    assert "Math 10" in ben and "Math 9" in ben and "A day" in ben and "B day" in ben
    assert "10:10–11:00" in ben


@pytest.mark.parametrize(("paper", "size"), [("a4", (841.89, 595.28)), ("letter", (792.0, 612.0))])
def test_paper_sizes_and_the_shared_frame(tmp_path: Path, paper: str, size: tuple[float, float]) -> None:
    proj = project()
    (out,) = write_pdf(proj, proj.scenarios[0], tmp_path / "t.pdf", view="cohort", paper=paper)
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)
    assert float(box.width) >= FRAME_W + 72 and float(box.height) >= FRAME_H + 72


def test_unknown_paper(tmp_path: Path) -> None:
    proj = project()
    with pytest.raises(ExportError, match="paper"):
        write_pdf(proj, proj.scenarios[0], tmp_path / "t.pdf", paper="a3")
