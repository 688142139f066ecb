"""The whole school as one workbook: export, import into a new or an existing project, the blank template."""

from __future__ import annotations

import copy
import hashlib
from datetime import date, time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich_project import build_rich_project

from dlplanner.cli import main
from dlplanner.domain import Project, Solution
from dlplanner.services import projects, school_data

SAMPLES = ["big-picture", "internationals", "linked-learning", "new-tech"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _without_solutions(project: Project, version: int | None = None) -> Project:
    """What a workbook carries into a new project: everything but the timetables (and the storage's save
    counters); of a timetable's enrolments only the pinned ones (they mean something without one)."""
    expected = copy.deepcopy(project)
    for scenario in expected.scenarios:
        scenario.solution = Solution(enrolments=[e for e in scenario.solution.enrolments if e.pinned])
        scenario.version = scenario.version if version is None else version
    return expected


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sample_round_trips_through_a_workbook(sample: str, tmp_path: Path, capsys) -> None:
    source = tmp_path / "sample.dlp"
    assert run(capsys, "new", str(source), "--sample", sample)[0] == 0
    book = tmp_path / "school.xlsx"
    code, out, err = run(capsys, "export-school", str(source), "--out", str(book))
    assert code == 0, err
    target = tmp_path / "copy.dlp"

    code, out, err = run(capsys, "new", str(target), "--from", str(book))

    assert code == 0, err
    assert "teachers:" in out and "added" in out
    assert projects.open_project(str(target)) == _without_solutions(projects.open_project(str(source)))


def test_every_field_of_the_rich_project_round_trips_and_a_second_import_changes_nothing(tmp_path: Path) -> None:
    project = build_rich_project()
    book = school_data.export_school(project, tmp_path / "rich.xlsx")
    empty = Project(name="scratch")

    fresh = school_data.preview_import(empty, book)
    assert fresh.ok, fresh.problems
    school_data.apply_import(empty, fresh)
    expected = _without_solutions(project, version=1)  # a new scenario in memory is at version 1
    expected.name = "scratch"  # importing into a project keeps its name
    assert empty == expected

    again = school_data.preview_import(project, book)
    assert again.ok and again.changes
    assert {c.status for c in again.changes} == {"unchanged"}


def test_the_workbook_has_names_in_reference_columns_header_comments_and_drop_down_lists(tmp_path: Path) -> None:
    book = school_data.export_school(projects.load_sample("new-tech"), tmp_path / "nt.xlsx")
    wb = load_workbook(book)
    sections = wb["Sections"]
    header = [c.value for c in sections[1]]
    subject_col = header.index("subject") + 1
    subject_names = {s.name for s in projects.load_sample("new-tech").subjects}
    assert sections.cell(row=2, column=subject_col).value in subject_names
    assert sections.cell(row=1, column=subject_col).comment is not None
    ranges = {str(rng) for dv in sections.data_validations.dataValidation for rng in dv.sqref.ranges}
    letter = sections.cell(row=1, column=subject_col).column_letter
    assert any(r.startswith(f"{letter}2:") for r in ranges)
    formulas = [dv.formula1 for dv in sections.data_validations.dataValidation]
    assert any("'Subjects'!" in (f or "") for f in formulas)
    assert {"Teachers", "Rooms", "Cohorts", "Advisories", "Teams", "Blocks", "Day types", "Internships"} <= set(
        wb.sheetnames
    )


def test_import_merges_by_id_then_by_name_and_reports_added_changed_unchanged(tmp_path: Path, capsys) -> None:
    location = tmp_path / "nt.dlp"
    assert run(capsys, "new", str(location), "--sample", "new-tech")[0] == 0
    project = projects.open_project(str(location))
    book = school_data.export_school(project, tmp_path / "nt.xlsx")
    wb = load_workbook(book)
    teachers = wb["Teachers"]
    header = [c.value for c in teachers[1]]
    first = project.teachers[0]
    teachers.cell(row=2, column=header.index("max_minutes_per_week") + 1).value = 999
    second = project.teachers[1]
    teachers.cell(row=3, column=header.index("id") + 1).value = None  # matched by its name instead
    teachers.cell(row=3, column=header.index("email") + 1).value = "new@example.org"
    teachers.append(["", "Ada Newcomer", project.subjects[0].name, 1200])
    wb.save(book)

    code, out, err = run(capsys, "import", str(location), str(book))

    assert code == 0, err
    assert "teachers: 1 added, 2 changed" in out
    merged = projects.open_project(str(location))
    assert len(merged.teachers) == len(project.teachers) + 1
    assert merged.teacher(first.id).max_minutes_per_week == 999
    assert merged.teacher(second.id).email == "new@example.org"
    added = merged.teachers[-1]
    assert added.id == "ada-newcomer" and added.subject_ids == {project.subjects[0].id}
    assert [s.sections for s in merged.scenarios] == [s.sections for s in project.scenarios]


def test_a_sheet_without_a_column_keeps_that_column_of_existing_records(tmp_path: Path) -> None:
    project = projects.load_sample("new-tech")
    book = school_data.export_school(project, tmp_path / "nt.xlsx")
    wb = load_workbook(book)
    for title in wb.sheetnames:
        if title not in ("Read me", "Rooms"):
            del wb[title]
    rooms = wb["Rooms"]
    rooms.delete_cols([c.value for c in rooms[1]].index("features") + 1)
    rooms.cell(row=2, column=3).value = 99  # capacity
    wb.save(book)

    preview = school_data.preview_import(project, book)

    assert preview.ok, preview.problems
    after = preview.plan.result
    assert after.rooms[0].capacity == 99
    assert [r.features for r in after.rooms] == [r.features for r in project.rooms]
    assert [c.status for c in preview.changes].count("changed") == 1


def test_a_bad_workbook_is_refused_whole_with_every_problem_named_and_the_project_unchanged(
    tmp_path: Path, capsys
) -> None:
    location = tmp_path / "nt.dlp"
    assert run(capsys, "new", str(location), "--sample", "new-tech")[0] == 0
    book = school_data.export_school(projects.open_project(str(location)), tmp_path / "nt.xlsx")
    wb = load_workbook(book)
    rooms = wb["Rooms"]
    rooms.cell(row=3, column=3).value = "thirty"
    sections = wb["Sections"]
    header = [c.value for c in sections[1]]
    sections.cell(row=4, column=header.index("subject") + 1).value = "Underwater basket weaving"
    blocks = wb["Blocks"]
    blocks.cell(row=2, column=4).value = "25:99"
    teachers = wb["Teachers"]
    teachers.append(["t-new", "Fine new teacher"])  # a good row: must not be imported either
    wb.save(book)
    before = _digest(location)

    code, _, err = run(capsys, "import", str(location), str(book))

    assert code == 2
    assert "nt.xlsx, sheet 'Rooms', row 3, column 'capacity': 'thirty' is not a whole number" in err
    assert "sheet 'Sections', row 4, column 'subject': no subject 'Underwater basket weaving' (known:" in err
    assert "sheet 'Blocks', row 2, column 'start': '25:99' is not a time of day" in err
    assert "3 problem(s) in the file" in err and "nothing was imported" in err
    assert _digest(location) == before


def test_a_truncated_workbook_is_refused_with_the_file_named(tmp_path: Path, capsys) -> None:
    location = tmp_path / "empty.dlp"
    assert run(capsys, "new", str(location))[0] == 0
    book = school_data.export_school(projects.load_sample("big-picture"), tmp_path / "bp.xlsx")
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 2])
    before = _digest(location)

    code, _, err = run(capsys, "import", str(location), str(book))

    assert code == 2
    assert "bp.xlsx: not a readable .xlsx workbook" in err
    assert _digest(location) == before


def _fill_template(path: Path) -> None:
    """What a person does in Excel: type a small school into the blank workbook."""
    wb = load_workbook(path)
    about = wb["About"]
    for row in about.iter_rows(min_row=2):
        if row[0].value == "name":
            row[1].value = "Filled-in Academy"
        if row[0].value == "school_name":
            row[1].value = "Filled-in Academy High School"
    wb["Subjects"].append(["", "Mathematics"])
    wb["Subjects"].append(["", "English"])
    wb["Subjects"].append(["sci", "Science", "", "", "yes"])
    wb["Teachers"].append(["", "Ana Math", "Mathematics", 1500])
    wb["Teachers"].append(["", "Ben English", "English"])
    wb["Teachers"].append(["", "Cleo Science", "Science; Mathematics"])
    wb["Rooms"].append(["", "Room 1", 30])
    wb["Rooms"].append(["", "Room 2", 30])
    wb["Rooms"].append(["lab", "Lab", 28, "lab"])
    wb["Cohorts"].append(["", "Grade 9 A", 9, 25])
    wb["Cohorts"].append(["", "Grade 9 B", 9, 24])
    wb["Scenarios"].append(
        [
            "",
            "Weekly",
            "",
            "2026–27",
            date(2026, 8, 24),
            date(2027, 6, 4),
            "",
            "weekday",
            "mon=mon; tue=tue; wed=wed; thu=thu; fri=fri",
        ]
    )
    wb["Terms"].append(["Weekly", "", "Fall", date(2026, 8, 24), date(2027, 1, 15), "semester"])
    wb["Holidays"].append(["Weekly", "Winter break", date(2026, 12, 21), date(2027, 1, 1)])
    wb["Bell schedules"].append(["Weekly", "", "Regular"])
    for block_id, start, end, kind in (
        ("p1", time(8, 30), time(9, 30), "class"),
        ("p2", time(9, 35), time(10, 35), "class"),
        ("lunch", time(10, 35), time(11, 5), "lunch"),
        ("p3", "11:05", "12:05", "class"),
        ("p4", "12:10", "13:10", "class"),
    ):
        wb["Blocks"].append(["Weekly", "Regular", block_id, start, end, kind])
    for day_id, name in (
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
    ):
        wb["Day types"].append(["Weekly", day_id, name, "Regular"])
    sections = wb["Sections"]
    for cohort in ("Grade 9 A", "Grade 9 B"):
        sections.append(
            ["Weekly", "", f"Math {cohort}", "Mathematics", cohort, 4, "", "", "Ana Math", "", "", "Room 1"]
        )
        sections.append(
            ["Weekly", "", f"English {cohort}", "English", cohort, 4, "", "", "Ben English", "", "", "Room 2"]
        )
        sections.append(
            [
                "Weekly",
                "",
                f"Science {cohort}",
                "Science",
                cohort,
                2,
                "",
                2,
                "Cleo Science",
                "",
                "",
                "",
                "lab",
                "",
                "",
                "",
                "Fall",
            ]
        )
    wb.save(path)


def test_a_filled_in_blank_template_makes_a_project_that_solves(tmp_path: Path, capsys) -> None:
    blank = tmp_path / "blank.xlsx"
    code, out, err = run(capsys, "export-school", "--template", "--out", str(blank))
    assert code == 0, err
    assert not load_workbook(blank)["Teachers"]["A2"].value  # blank: headers only
    _fill_template(blank)
    location = tmp_path / "filled.dlp"

    code, out, err = run(capsys, "new", str(location), "--from", str(blank))
    assert code == 0, err
    project = projects.open_project(str(location))
    assert project.name == "Filled-in Academy"
    assert [s.id for s in project.subjects] == ["mathematics", "english", "sci"]
    assert project.scenarios[0].sections[2].term_id == "fall"

    code, out, err = run(capsys, "solve", str(location), "--time-limit", "20")
    assert code == 0, out + err
    assert "Checker: valid" in out
