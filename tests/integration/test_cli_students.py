"""Students end to end on a real project file: import-csv of open sections, students and requests, solve,
export the timetable JSON, check it, and write every students' report (read back with csv and openpyxl)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from dlplanner.cli import main
from dlplanner.services import projects

SCENARIO = "Two internship days"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Big Picture with two open electives, 14 students and their requests, solved and saved.

    Two students are in cohort g11-a, whose own sections give them Spanish and Science already; the
    other twelve (dual-enrolment students, say) have no cohort and need the open sections.
    """
    tmp = tmp_path_factory.mktemp("students")
    path = tmp / "bp.dlp"
    projects.create_project(str(path), projects.load_sample("big-picture"))
    sections = _write(
        tmp / "sections.csv",
        "id,name,subject,meetings_per_cycle,length_blocks,max_enrolment\n"
        "spanish-club,Spanish conversation,spanish,2,1,8\n"
        "science-lab,Science lab elective,science,2,1,8\n",
    )
    students = "student_id,name,grade,cohort,pathway,flags\n" + "".join(
        f"s{i:02d},Student {i:02d},11,{'g11-a' if i < 2 else ''},,{'ELL' if i % 3 == 0 else ''}\n" for i in range(14)
    )
    requests = "student_id,subject,rank,alternate_for\n" + "".join(
        f"s{i:02d},spanish,1,\ns{i:02d},science,2,\n" if i % 2 else f"s{i:02d},science,1,\ns{i:02d},spanish,3,science\n"
        for i in range(14)
    )
    runs = [
        ("import-csv", str(path), "--kind", "sections", str(sections), "--scenario", SCENARIO),
        ("import-csv", str(path), "--kind", "students", str(_write(tmp / "students.csv", students))),
        ("import-csv", str(path), "--kind", "requests", str(_write(tmp / "requests.csv", requests))),
        ("solve", str(path), "-s", SCENARIO, "--time-limit", "10", "--save"),
    ]
    for args in runs:  # module scope has no capsys: main's output is not needed here
        assert main(list(args)) == 0, args
    return path


def test_imported_students_are_solved_exported_and_checked(solved: Path, capsys: pytest.CaptureFixture[str]):
    project = projects.open_project(str(solved))
    assert len(project.students) == 14 and len(project.requests) == 28
    scenario = project.scenario(SCENARIO)
    assert scenario.solution.enrolments, "no student was seated"
    out_json = solved.parent / "bp.json"
    code, out, err = run(capsys, "export", str(solved), "-s", SCENARIO, "-f", "json", "-o", str(out_json))
    assert code == 0, out + err
    document = json.loads(out_json.read_text(encoding="utf-8"))
    assert len(document["students"]) == 14 and len(document["requests"]) == 28
    assert {e["section"] for e in document["enrolments"]} <= {"spanish-club", "science-lab"}
    seated = [e["section"] for e in document["enrolments"]]
    assert seated.count("spanish-club") <= 8 and seated.count("science-lab") <= 8
    code, out, _ = run(capsys, "check", str(out_json))
    assert code == 0 and "Checker: valid" in out, out


@pytest.mark.parametrize("kind", ["conflict-matrix", "singletons", "requests", "student-gaps"])
def test_reports_are_written_as_csv_and_xlsx_naming_the_students(
    solved: Path, kind: str, capsys: pytest.CaptureFixture[str]
):
    csv_path, xlsx_path = solved.parent / f"{kind}.csv", solved.parent / f"{kind}.xlsx"
    for out in (csv_path, xlsx_path):
        code, text, err = run(capsys, "report", str(solved), "--scenario", SCENARIO, "--kind", kind, "--out", str(out))
        assert code == 0, text + err
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    book = openpyxl.load_workbook(xlsx_path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == list(rows[0].keys()) if rows else header
    notes = 2 if kind == "requests" else 0  # the requests' bound: an empty row and its note below the data
    assert sheet.max_row == len(rows) + 1 + notes
    named = " ".join(" ".join(r.values()) for r in rows)
    if kind == "conflict-matrix":
        pair = next(r for r in rows if {r["subject_a"], r["subject_b"]} == {"Spanish", "Science"})
        assert pair["students"] == "14" and "Student 00 (s00)" in pair["student_names"]
        matrix = book["Conflict matrix"]
        assert matrix.cell(1, 1).value == "subject" and matrix.max_row == 3  # Science, Spanish
    elif kind == "singletons":
        assert {r["subject"] for r in rows} == {"Spanish", "Science"}
        assert all(r["kind"] == "singleton" and r["requests"] == "14" for r in rows)
        assert "Student 13 (s13)" in named
    elif kind == "requests":
        assert all(r["rank"] for r in rows)  # data rows only: the bound's meaning is printed
        overall = [r for r in rows if r["subject"] == "(all subjects)"]
        assert sum(int(r["requests"]) for r in overall) == 14 + 7  # 7 with an alternate: one group each
        assert all(int(r["met"]) + int(r["met_by_alternate"]) + int(r["unmet"]) == int(r["requests"]) for r in rows)
        assert all(int(r["met"]) <= int(r["at_most_met"]) <= int(r["at_most_met_or_alternate"]) for r in rows)
        assert all(int(r["met"]) + int(r["met_by_alternate"]) <= int(r["at_most_met_or_alternate"]) for r in rows)
        assert "Bound: at most" in text and "whatever the seats" in text
    else:
        assert all(r["student_id"].startswith("s") for r in rows)
        assert all(r["unmet_requests"] or int(r["gap_blocks"]) > 0 for r in rows)


def test_report_errors_are_one_line(solved: Path, capsys: pytest.CaptureFixture[str]):
    code, _, err = run(capsys, "report", str(solved), "-s", SCENARIO, "--kind", "requests", "--out", "x.pdf")
    assert code == 2 and err.strip() == "dlplanner: error: A report goes to a .csv or .xlsx file, not 'x.pdf'"


def test_export_per_student_pdf_of_a_grade_and_one_students_calendar(solved: Path, capsys: pytest.CaptureFixture[str]):
    from icalendar import Calendar
    from pypdf import PdfReader

    pdf = solved.parent / "grade11.pdf"
    code, out, err = run(capsys, "export", str(solved), "-s", SCENARIO, "-f", "pdf", "-o", str(pdf), "--grade", "11")
    assert code == 0, out + err
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) == 14 and all("Student: Student" in p for p in pages)
    project = projects.open_project(str(solved))
    enrolled = {e.section_id for e in project.scenario(SCENARIO).solution.enrolments if e.student_id == "s05"}
    ics = solved.parent / "s05.ics"
    code, out, err = run(capsys, "export", str(solved), "-s", SCENARIO, "-f", "ics", "-o", str(ics), "--student", "s05")
    assert code == 0, out + err
    summaries = {str(e.get("summary")) for e in Calendar.from_ical(ics.read_bytes()).walk() if e.name == "VEVENT"}
    names = {s.id: s.name for s in project.scenario(SCENARIO).sections}
    assert enrolled and {names[s] for s in enrolled} <= summaries
    code, _, err = run(capsys, "export", str(solved), "-s", SCENARIO, "-f", "csv", "-o", "x.csv", "--grade", "3")
    assert code == 2 and "No student in grade 3" in err
