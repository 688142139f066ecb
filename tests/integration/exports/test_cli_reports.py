"""The export, compare and import-csv commands on real project files, read back by real readers."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from dlp_export_helpers import expected_events
from dlp_tiny_school import project, second_scenario
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from dlplanner.cli.reports import COMMANDS
from dlplanner.services import projects

group = click.Group("dlplanner", commands={c.name: c for c in COMMANDS})


@pytest.fixture
def dlp(tmp_path: Path) -> Path:
    proj = project()
    proj.scenarios.append(second_scenario(proj))
    path = tmp_path / "tiny.dlp"
    projects.create_project(str(path), proj)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(group, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_every_format(dlp: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, stderr = run(
        "export",
        str(dlp),
        "--scenario",
        "A/B block",
        "--format",
        "pdf",
        "--out",
        str(out / "t.pdf"),
        "--paper",
        "letter",
    )
    assert code == 0, stderr
    assert "Exported scenario 'A/B block' as pdf: 1 file(s)" in stdout
    reader = PdfReader(out / "t.pdf")
    assert len(reader.pages) == 9 and float(reader.pages[0].mediabox.width) == pytest.approx(792)

    code, _, stderr = run("export", str(dlp), "-s", "ab", "-f", "xlsx", "-o", str(out / "t.xlsx"), "--view", "teacher")
    assert code == 0, stderr
    assert load_workbook(out / "t.xlsx").sheetnames == ["T Ana Alvarez", "T Ben Brook", "T Cy Chen"]

    code, _, stderr = run("export", str(dlp), "-s", "ab2", "-f", "csv", "-o", str(out / "t.csv"))
    assert code == 0, stderr
    with (out / "t.csv").open(newline="", encoding="utf-8") as fh:
        math10 = [r for r in csv.DictReader(fh) if r["section_id"] == "math10"]
    assert [r["day_type"] for r in math10] == ["B day"]  # the second scenario moved it

    code, _, stderr = run("export", str(dlp), "-s", "ab", "-f", "ics", "-o", str(out / "cal.zip"), "--view", "cohort")
    assert code == 0, stderr
    proj = projects.open_project(str(dlp))
    with zipfile.ZipFile(out / "cal.zip") as zf:
        assert sorted(zf.namelist()) == ["cohort-c10.ics", "cohort-c9.ics"]
        events = [c for c in Calendar.from_ical(zf.read("cohort-c9.ics")).walk() if c.name == "VEVENT"]
    assert len(events) == expected_events(proj, proj.scenarios[0], cohort="c9") == 25

    code, _, stderr = run(
        "export", str(dlp), "-s", "ab", "-f", "ics", "-o", str(out / "ben.ics"), "--entity", "Ben Brook"
    )
    assert code == 0, stderr
    assert len([c for c in Calendar.from_ical((out / "ben.ics").read_bytes()).walk() if c.name == "VEVENT"]) == 9

    code, _, stderr = run("export", str(dlp), "-s", "ab", "-f", "html", "-o", str(out / "site"))
    assert code == 0, stderr
    assert (out / "site" / "index.html").is_file() and (out / "site" / "room-r2.html").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-s", "nope", "-f", "pdf", "-o", "{tmp}/t.pdf"], "No scenario 'nope'"),
        (["-s", "ab", "-f", "pdf", "-o", "{tmp}/t.xlsx"], "A pdf export goes to .pdf"),
        (["-s", "ab", "-f", "pdf", "-o", "{tmp}/missing/t.pdf"], "does not exist"),
        (["-s", "ab", "-f", "pdf", "-o", "{tmp}/t.pdf", "--entity", "t1"], "--entity applies to the ics format only"),
        (["-s", "ab", "-f", "ics", "-o", "{tmp}/t.ics", "--entity", "Nobody"], "No teacher, cohort or room 'Nobody'"),
    ],
)
def test_export_user_errors_are_one_line(dlp: Path, tmp_path: Path, args: list[str], message: str) -> None:
    code, _, stderr = run("export", str(dlp), *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dlplanner: error: ") and message in lines[0]


def test_missing_project_is_a_user_error(tmp_path: Path) -> None:
    code, _, stderr = run("export", str(tmp_path / "none.dlp"), "-s", "ab", "-f", "pdf", "-o", str(tmp_path / "t.pdf"))
    assert code == 2 and stderr.startswith("dlplanner: error: ")


def test_compare_writes_html_and_pdf(dlp: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run(
        "compare",
        str(dlp),
        "--scenarios",
        "ab",
        "A/B moved",
        "--out",
        str(tmp_path / "r.html"),
        "--min-annual-minutes",
        "1000",
    )
    assert code == 0, stderr
    assert "report written to" in stdout and "Minimums not met: 1 | 1" in stdout
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Grade 10: instructional minutes" in html
    code, _, stderr = run("compare", str(dlp), "-s", "ab", "-s", "ab2", "-o", str(tmp_path / "r.pdf"))
    assert code == 0, stderr
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "Annual instructional minutes per cohort" in text and "Math 10 #1" in text


@pytest.mark.parametrize(
    ("scenarios", "out", "message"),
    [
        (["ab"], "r.html", "Compare 2 to 4 scenarios, not 1"),
        (["ab", "ab"], "r.html", "named twice"),
        (["ab", "ab2"], "r.docx", "written as .html or .pdf"),
    ],
)
def test_compare_user_errors(dlp: Path, tmp_path: Path, scenarios: list[str], out: str, message: str) -> None:
    code, _, stderr = run("compare", str(dlp), "--scenarios", *scenarios, "--out", str(tmp_path / out))
    assert code == 2 and message in stderr
    assert not (tmp_path / out).exists()


def test_import_csv_saves_all_or_nothing(dlp: Path, tmp_path: Path) -> None:
    good = tmp_path / "rooms.csv"
    good.write_text("id,name,capacity,features\nr3,Studio,20,studio\n", encoding="utf-8")
    code, stdout, stderr = run("import-csv", str(dlp), "--kind", "rooms", str(good))
    assert code == 0, stderr
    assert "1 rooms added, 0 updated" in stdout
    assert projects.open_project(str(dlp)).room("r3").features == {"studio"}

    bad = tmp_path / "teachers.csv"
    bad.write_text("id,name,max_minutes_per_week\nt7,Gil,600\nt8,Hal,lots\n", encoding="utf-8")
    code, _, stderr = run("import-csv", str(dlp), "--kind", "teachers", str(bad))
    assert code == 2
    assert "teachers.csv, line 3, column 'max_minutes_per_week': 'lots' is not a whole number" in stderr
    assert stderr.strip().splitlines()[-1] == (
        "dlplanner: error: 1 problem(s) in the CSV file (listed above); nothing was imported"
    )
    assert [t.id for t in projects.open_project(str(dlp)).teachers] == ["t1", "t2", "t3"]


def test_import_sections_needs_a_scenario_when_there_are_several(dlp: Path, tmp_path: Path) -> None:
    path = tmp_path / "sections.csv"
    path.write_text("id,name,subject,cohorts\nart9,Art 9,hum,c9\n", encoding="utf-8")
    code, _, stderr = run("import-csv", str(dlp), "--kind", "sections", str(path))
    assert code == 2 and "pass --scenario" in stderr
    code, _, stderr = run("import-csv", str(dlp), "--kind", "sections", str(path), "--scenario", "A/B moved")
    assert code == 0, stderr
    saved = projects.open_project(str(dlp))
    assert saved.scenario("ab2").section("art9").cohort_ids == ["c9"]
    assert saved.scenario("ab2").solution.stale and not saved.scenario("ab").solution.stale


def test_compare_with_grade_and_subject_minimums(dlp: Path, tmp_path: Path) -> None:
    code, stdout, stderr = run(
        "compare", str(dlp), "-s", "ab", "ab2", "-o", str(tmp_path / "r.html"),
        "--min-grade-minutes", "10=400", "--min-subject-minutes", "math=300",
    )  # fmt: skip
    assert code == 0, stderr
    # Grade 10: 450 then 360 (< 400); Math for Grade 9: 200 (< 300) in both, Grade 10's 450/360 pass
    assert "Minimums not met: 1 | 2" in stdout
    code, _, stderr = run("compare", str(dlp), "-s", "ab", "ab2", "-o", str(tmp_path / "r.html"),
                          "--min-subject-minutes", "art=5")  # fmt: skip
    assert code == 2 and "No subject 'art' for a subject minimum (subject ids: hum, math, sci)" in stderr
    code, _, stderr = run("compare", str(dlp), "-s", "ab", "ab2", "-o", str(tmp_path / "r.html"),
                          "--min-grade-minutes", "nine=5")  # fmt: skip
    assert code == 2 and "--min-grade-minutes takes GRADE=MINUTES" in stderr


def test_compare_uses_the_stored_minimums_and_options_override_them(tmp_path: Path) -> None:
    from dlplanner.domain.calendar import Minimums

    proj = project()
    proj.scenarios.append(second_scenario(proj))
    # Grade 10: 450 (ab) and 360 (ab2) min/year; Math for Grade 9: 200 in both
    proj.minimums = Minimums(by_grade={10: 400}, subject_annual_minutes={"math": 300})
    path = tmp_path / "stored.dlp"
    projects.create_project(str(path), proj)
    out = str(tmp_path / "r.html")

    code, stdout, stderr = run("compare", str(path), "-s", "ab", "ab2", "-o", out)
    assert code == 0, stderr
    assert "Minimums not met: 1 | 2" in stdout  # the stored minimums, no option needed
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "grade 10: 400 instructional min/year" in html and "Math: 300 min/year per cohort taking it" in html

    code, stdout, stderr = run("compare", str(path), "-s", "ab", "ab2", "-o", out, "--min-grade-minutes", "10=300")
    assert code == 0, stderr
    assert "Minimums not met: 1 | 1" in stdout  # grade 10 now met in both; the stored math minimum still applies

    code, stdout, stderr = run("compare", str(path), "-s", "ab", "ab2", "-o", out, "--min-subject-minutes", "math=0")
    assert code == 0, stderr
    assert "Minimums not met: 0 | 1" in stdout
    assert projects.open_project(str(path)).minimums == proj.minimums  # options do not change the project


def test_export_refuses_a_timetable_that_breaks_hard_rules_unless_forced(tmp_path: Path) -> None:
    proj = project()
    moved = next(p for p in proj.scenarios[0].solution.placements if (p.section_id, p.meeting) == ("math9", 0))
    moved.start, moved.end = 8 * 60, 8 * 60 + 50  # onto Humanities 9: three hard rules broken
    path = tmp_path / "broken.dlp"
    projects.create_project(str(path), proj)
    out = tmp_path / "t.json"
    code, _, stderr = run("export", str(path), "-s", "ab", "-f", "json", "-o", str(out))
    assert code == 2 and not out.exists()  # nothing written
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dlplanner: error: ")  # one clear line, naming the file
    assert str(path) in lines[0] and "breaks 3 hard rules" in lines[0] and "--force" in lines[0]
    assert "Ben Brook teaches Math 9 and Math 10 at the same time" in lines[0]  # the first rule in plain words
    code, stdout, stderr = run("export", str(path), "-s", "ab", "-f", "json", "-o", str(out), "--force")
    assert code == 0 and out.exists()
    assert "warning" in stderr and "breaks 3 hard rules" in stderr and "Exported scenario" in stdout
    assert "Cohort Grade 9 has Math 9 and Humanities 9 at the same time" in stderr  # --force lists them all
