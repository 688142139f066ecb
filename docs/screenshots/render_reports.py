"""Re-make the export and comparison screenshots in this folder from the bundled samples.

    .venv/bin/python docs/screenshots/render_reports.py [--time-limit 30]

Solves the New Tech and Big Picture samples (CP-SAT, 1 worker, seed 0), exports PDF timetables and
an HTML site, writes the comparison reports, and renders chosen pages with ``pdftoppm``. The HTML
pages are printed to PDF with Qt WebEngine (offscreen) first. Takes a few minutes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from dlplanner.domain.metrics import Minimums
from dlplanner.services import projects
from dlplanner.services.compare import compare, write_comparison
from dlplanner.services.exporting import export
from dlplanner.services.solving import solve_scenario

HERE = Path(__file__).resolve().parent


def page_of(pdf: Path, text: str) -> int:
    """The first page (1-based) whose text contains ``text``."""
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for number, page in enumerate(pages.split("\f"), start=1):
        if text in page:
            return number
    raise SystemExit(f"'{text}' not found in {pdf}")


def png(pdf: Path, page: int, name: str, dpi: int = 90) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(HERE / name),
        ],
        check=True,
    )
    print("wrote", HERE / f"{name}.png")


def html_to_pdf(html: Path, pdf: Path, landscape: bool) -> None:
    """Print an HTML file to PDF with Qt WebEngine in a child process (offscreen, no GPU)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu"}
    code = f"""
import sys
from PySide6.QtCore import QMarginsF, QTimer, QUrl
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication
app = QApplication(["render"])
page = QWebEnginePage()
orientation = QPageLayout.Landscape if {landscape!r} else QPageLayout.Portrait
layout = QPageLayout(QPageSize(QPageSize.A4), orientation, QMarginsF(10, 10, 10, 10))
page.loadFinished.connect(lambda ok: page.printToPdf({str(pdf)!r}, layout))
page.pdfPrintingFinished.connect(lambda path, ok: app.quit())
page.load(QUrl.fromLocalFile({str(html)!r}))
QTimer.singleShot(120000, app.quit)
app.exec()
"""
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        nt = projects.load_sample("new-tech")
        bp = projects.load_sample("big-picture")
        for proj in (nt, bp):
            for scenario in proj.scenarios:
                solve_scenario(proj, scenario.id, time_limit=args.time_limit, workers=1, seed=0)
        export(nt, "ab-block", "pdf", out / "ab.pdf")
        export(nt, "4x4-block", "pdf", out / "4x4.pdf")
        export(nt, "4x4-block", "html", out / "site")
        png(out / "ab.pdf", 1, "pdf-master", 100)
        png(out / "ab.pdf", page_of(out / "ab.pdf", "Teacher: Chloe Hughes"), "pdf-teacher", 100)
        png(out / "4x4.pdf", page_of(out / "4x4.pdf", "Cohort: Grade 9 cohort A"), "pdf-cohort-4x4", 100)

        comparison = compare(nt, [s.id for s in nt.scenarios], Minimums(annual_instructional_minutes=43_200))
        write_comparison(comparison, out / "nt.pdf")
        write_comparison(comparison, out / "nt.html")
        png(out / "nt.pdf", 1, "report-1")
        png(out / "nt.pdf", 2, "report-2")
        png(out / "nt.pdf", page_of(out / "nt.pdf", "Compliance with minimums"), "report-minimums")
        bp_comparison = compare(bp, [s.id for s in bp.scenarios], Minimums(annual_instructional_minutes=64_800))
        write_comparison(bp_comparison, out / "bp.pdf")
        png(out / "bp.pdf", page_of(out / "bp.pdf", "What moved"), "report-diff")

        html_to_pdf(out / "nt.html", out / "nt-html.pdf", landscape=False)
        png(out / "nt-html.pdf", 1, "report-html", 80)
        teacher = next(p for p in sorted((out / "site").glob("teacher-*.html")))
        html_to_pdf(teacher, out / "teacher-html.pdf", landscape=True)
        png(out / "teacher-html.pdf", 1, "html-teacher", 80)


if __name__ == "__main__":
    main()
