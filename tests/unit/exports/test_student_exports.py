"""Per-student exports (PDF page, ICS calendar, CSV rows, HTML page) read back with real readers.

The tiny school (tests/support/dlp_tiny_school.py) plus an open Art elective on A days, block 3
(11:30–12:20, 5 A days), and three students: Ada in cohort Grade 9 (its meetings and Crew Cy's
sittings), Bo in cohort Grade 10 (Math 10 on A days, the LTI internship on B days 10:00–13:00), and
Cy with no cohort; all three enrolled in Art. Counts by hand in each test.
"""

from __future__ import annotations

import csv
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from dlp_tiny_school import h, with_students
from icalendar import Calendar
from pypdf import PdfReader

from dlplanner.io.exports.common import ExportError, Timetable
from dlplanner.io.exports.csv_export import STUDENT_COLUMNS, write_csv
from dlplanner.io.exports.html_site import write_html_site
from dlplanner.io.exports.ics import write_ics
from dlplanner.io.exports.pdf import write_pdf
from dlplanner.services import exporting
from dlplanner.services.errors import ServiceError


def _titles(owner) -> list[str]:
    return [f"{e.day_type_id} {e.start} {e.title}" for e in owner.entries]


def test_a_students_week_is_cohort_advisory_enrolments_and_internship() -> None:
    proj = with_students()
    owners = {o.id: o for o in Timetable(proj, proj.scenarios[0]).owners("student")}
    assert [o.name for o in owners.values()] == ["Ada Park", "Bo Reyes", "Cy Nomad"]  # by grade
    # Ada: Humanities 9 (A, B), Math 9 (A, B), Science 9 (A), Crew Cy (A, B), Art (A)
    ada = _titles(owners["s-ada"])
    assert sorted(ada) == sorted(
        [
            f"A {h(8)} Humanities 9",
            f"B {h(8)} Humanities 9",
            f"A {h(10, 10)} Math 9",
            f"B {h(10, 10)} Math 9",
            f"A {h(11, 30)} Science 9",
            f"A {h(9, 40)} Advisory Crew Cy",
            f"B {h(9, 40)} Advisory Crew Cy",
            f"A {h(11, 30)} Art elective",
        ]
    )
    assert sorted(_titles(owners["s-bo"])) == sorted(
        [f"A {h(8)} Math 10", f"A {h(11, 30)} Art elective", f"B {h(10)} LTI"]
    )
    assert _titles(owners["s-cy"]) == [f"A {h(11, 30)} Art elective"]
    assert owners["s-bo"].detail == "Grade 10 · Cohort Grade 10"


def test_pdf_has_one_page_per_student_of_the_chosen_students(tmp_path: Path) -> None:
    proj = with_students()
    (out,) = write_pdf(proj, proj.scenarios[0], tmp_path / "students.pdf", "student", student_ids=["s-ada", "s-bo"])
    pages = [page.extract_text() for page in PdfReader(out).pages]
    assert len(pages) == 2
    assert "Student: Ada Park" in pages[0] and "Humanities 9" in pages[0] and "Art elective" in pages[0]
    assert "Student: Bo Reyes" in pages[1] and "LTI" in pages[1] and "Humanities 9" not in pages[1]


def test_ics_has_one_calendar_per_student_with_real_dates(tmp_path: Path) -> None:
    proj = with_students()
    (out,) = write_ics(proj, proj.scenarios[0], tmp_path / "students.zip", "student")
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["student-s-ada.ics", "student-s-bo.ics", "student-s-cy.ics"]
        bo = [c for c in Calendar.from_ical(zf.read("student-s-bo.ics")).walk() if c.name == "VEVENT"]
        ada = [c for c in Calendar.from_ical(zf.read("student-s-ada.ics")).walk() if c.name == "VEVENT"]
    # Bo: Math 10 and Art on the 5 A days, the internship on the 4 B days
    assert len(bo) == 14
    lti = sorted(e.decoded("dtstart") for e in bo if str(e.get("summary")) == "LTI")
    assert [d.day for d in lti] == [8, 10, 15, 17] and lti[0].hour == 10
    # Ada: the cohort's 25 events (test_export_ics) and Art on 5 A days
    assert len(ada) == 30


def test_one_students_calendar_in_one_ics_file(tmp_path: Path) -> None:
    proj = with_students()
    (out,) = write_ics(proj, proj.scenarios[0], tmp_path / "cy.ics", "student", student_ids=["s-cy"])
    events = [c for c in Calendar.from_ical(out.read_bytes()).walk() if c.name == "VEVENT"]
    assert len(events) == 5 and {str(e.get("summary")) for e in events} == {"Art elective"}
    with pytest.raises(ExportError, match="one calendar"):
        write_ics(proj, proj.scenarios[0], tmp_path / "all.ics", "student")


def test_csv_has_one_row_per_student_meeting(tmp_path: Path) -> None:
    proj = with_students()
    (out,) = write_csv(proj, proj.scenarios[0], tmp_path / "students.csv", "student")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == STUDENT_COLUMNS
    by_student: dict[str, list[dict]] = {}
    for row in rows:
        by_student.setdefault(row["student_id"], []).append(row)
    assert {k: len(v) for k, v in by_student.items()} == {"s-ada": 8, "s-bo": 3, "s-cy": 1}
    art = next(r for r in by_student["s-cy"])
    assert (art["section_id"], art["day_type"], art["start"], art["end"], art["room"], art["grade"]) == (
        "art",
        "A day",
        "11:30",
        "12:20",
        "Room 101",
        "11",
    )
    assert {r["kind"] for r in by_student["s-bo"]} == {"meeting", "internship"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.links += [v for k, v in attrs if tag == "a" and k == "href"]


def _parse(path: Path) -> _Text:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_site_has_a_page_per_student_linked_by_grade(tmp_path: Path) -> None:
    proj = with_students()
    write_html_site(proj, proj.scenarios[0], tmp_path / "site", "student")
    index = _parse(tmp_path / "site" / "index.html")
    assert {"student-s-ada.html", "student-s-bo.html", "student-s-cy.html"} <= set(index.links)
    assert "Students — grade 10" in index.text
    bo = " ".join(_parse(tmp_path / "site" / "student-s-bo.html").text)
    assert "Student: Bo Reyes" in bo and "LTI" in bo and "Math 10" in bo and "Humanities 9" not in bo


def test_service_chooses_students_by_grade_or_name(tmp_path: Path) -> None:
    proj = with_students()
    written = exporting.export(proj, "ab", "pdf", tmp_path / "g9.pdf", grade=9)
    assert len(PdfReader(written[0]).pages) == 1
    written = exporting.export(proj, "ab", "ics", tmp_path / "bo.ics", student="bo reyes")
    assert "Bo Reyes" in written[0].read_text(encoding="utf-8")
    with pytest.raises(ServiceError, match="No student 'Zed'"):
        exporting.export(proj, "ab", "csv", tmp_path / "z.csv", student="Zed")
    with pytest.raises(ServiceError, match="student view"):
        exporting.export(proj, "ab", "pdf", tmp_path / "x.pdf", view="teacher", grade=9)
    with pytest.raises(ServiceError, match="no per-student export"):
        exporting.export(proj, "ab", "json", tmp_path / "x.json", grade=9)
