"""Family-facing exports in the family's language: dlplanner's own words in Spanish, names as typed.

The tiny school with students (tests/support/dlp_tiny_school.py): Ada Park in cohort Grade 9 with
Crew Cy's advisory; Bo Reyes in Grade 10 with the LTI internship.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from dlp_tiny_school import with_students
from icalendar import Calendar
from pypdf import PdfReader

from dlplanner.cli.reports import export_command
from dlplanner.io.exports.common import Timetable
from dlplanner.services import exporting, projects
from dlplanner.services.errors import ServiceError


def test_a_students_page_says_grade_cohort_and_advisory_in_spanish() -> None:
    proj = with_students()
    owners = {o.id: o for o in Timetable(proj, proj.scenarios[0], language="es").owners("student")}

    assert owners["s-bo"].detail == "Grado 10 · Grupo Grade 10"  # the cohort's name stays as typed
    assert owners["s-bo"].title == "Estudiante: Bo Reyes"
    ada = {e.title: e.subject for e in owners["s-ada"].entries}
    assert ada["Asesoría Crew Cy"] == "Asesoría"  # the advisory sitting, named in Spanish
    assert "Prácticas" in {e.subject for e in owners["s-bo"].entries}  # the internship window


def test_spanish_pdf_html_and_calendar_read_back(tmp_path: Path) -> None:
    proj = with_students()
    key = proj.scenarios[0].id

    pdf = exporting.export(proj, key, "pdf", tmp_path / "s.pdf", "student", student="Ada Park", language="es")[0]
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Estudiante: Ada Park" in text and "Grado 9" in text and "Asesoría Crew Cy" in text
    assert "Student:" not in text and "Advisory Crew" not in text

    site = exporting.export(proj, key, "html", tmp_path / "site", "student", language="es")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Estudiantes — grado 9" in index and "días de clase" in index and "Calendario" in index
    assert any("Horario general" in p.read_text(encoding="utf-8") for p in site if p.name == "master.html")

    ics = exporting.export(proj, key, "ics", tmp_path / "bo.ics", "student", student="Bo Reyes", language="es")[0]
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    descriptions = "\n".join(str(e.get("DESCRIPTION")) for e in events)
    assert "Materia: Math" in descriptions and "Escenario: A/B block" in descriptions
    assert "Subject:" not in descriptions


def test_english_stays_the_default_and_other_formats_or_languages_are_refused(tmp_path: Path) -> None:
    proj = with_students()
    key = proj.scenarios[0].id
    pdf = exporting.export(proj, key, "pdf", tmp_path / "s.pdf", "student", student="Ada Park")[0]
    assert "Student: Ada Park" in PdfReader(pdf).pages[0].extract_text()
    with pytest.raises(ServiceError, match="Unknown language 'fr'"):
        exporting.export(proj, key, "pdf", tmp_path / "f.pdf", language="fr")
    with pytest.raises(ServiceError, match="xlsx format is written in English only"):
        exporting.export(proj, key, "xlsx", tmp_path / "s.xlsx", language="es")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.pdf"]


def test_the_cli_writes_a_spanish_calendar(tmp_path: Path) -> None:
    path = tmp_path / "school.dlp"
    projects.create_project(str(path), with_students())  # Ada's Art clashes with Science 9: hence --force
    out = tmp_path / "cy.ics"

    result = CliRunner().invoke(
        export_command,
        [
            str(path),
            "-s",
            "A/B block",
            "-f",
            "ics",
            "-o",
            str(out),
            "--student",
            "Cy Nomad",
            "--language",
            "es",
            "--force",
        ],
    )

    assert result.exit_code == 0, result.output
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert events and all("Escenario: A/B block" in str(e.get("DESCRIPTION")) for e in events)
