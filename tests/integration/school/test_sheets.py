"""One sheet of any kind of record (CSV or XLSX), any common encoding and delimiter; the shipped templates."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from dlplanner.cli import main
from dlplanner.services import projects, school_data

TEMPLATES = Path(__file__).parents[3] / "resources" / "templates"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def empty(tmp_path: Path, capsys) -> Path:
    location = tmp_path / "empty.dlp"
    assert run(capsys, "new", str(location))[0] == 0
    return location


def test_every_shipped_template_imports_into_an_empty_project(empty: Path, capsys) -> None:
    assert sorted(p.name for p in TEMPLATES.glob("*.csv")) == [
        "cohorts.csv",
        "requests.csv",
        "rooms.csv",
        "sections.csv",
        "students.csv",
        "subjects.csv",
        "teachers.csv",
    ]
    code, out, err = run(capsys, "import", str(empty), str(TEMPLATES / "subjects.csv"))
    assert code == 0, err
    for kind in ("teachers", "rooms", "cohorts", "students", "requests"):  # read once subjects exist
        code, out, err = run(capsys, "import-csv", str(empty), "--kind", kind, str(TEMPLATES / f"{kind}.csv"))
        assert code == 0, err
    code, out, err = run(capsys, "import", str(empty), str(TEMPLATES / "sections.csv"), "--scenario", "Main")
    assert code == 0, err
    assert "made 'Main' for the sections" in out

    project = projects.open_project(str(empty))
    assert [len(project.subjects), len(project.teachers), len(project.rooms), len(project.cohorts)] == [2, 2, 2, 2]
    assert [len(project.students), len(project.requests)] == [2, 3]
    sections = project.scenario("Main").sections
    assert [s.id for s in sections] == ["biolit-9a", "eng10-a"]
    assert sections[0].teacher_ids == ["t-okafor", "t-garcia"] and sections[1].teacher_pool == ["t-garcia", "t-okafor"]


TEACHERS = [
    ["Teacher ID", "Teacher Name", "Subjects", "E-mail", "Favourite colour"],
    ["t-nunez", "José Núñez", "Biology", "jose@example.org", "green"],
    ["t-oconnor", "Siobhán O'Connor", "English; Biology", "", "blue"],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_sheet_in_any_common_encoding_and_delimiter_imports_the_same(
    encoding: str, delimiter: str, empty: Path, tmp_path: Path, capsys
) -> None:
    assert run(capsys, "import", str(empty), str(TEMPLATES / "subjects.csv"))[0] == 0
    rows = [[f'"{c}"' if ";" in c or delimiter in c else c for c in row] for row in TEACHERS]  # as Excel quotes
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path = tmp_path / "teachers.csv"
    path.write_bytes(text.encode(encoding))

    code, out, err = run(capsys, "import", str(empty), str(path))

    assert code == 0, err
    assert "2 teachers: 2 added" in out
    assert "column 'Favourite colour' is not one dlplanner reads" in out
    if encoding == "cp1252":
        assert "not UTF-8; read as" in out
    teachers = projects.open_project(str(empty)).teachers
    assert [(t.id, t.name, sorted(t.subject_ids)) for t in teachers] == [
        ("t-nunez", "José Núñez", ["biology"]),
        ("t-oconnor", "Siobhán O'Connor", ["biology", "english"]),
    ]
    assert teachers[0].email == "jose@example.org"


def test_text_in_no_known_encoding_is_refused_not_guessed(empty: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "rooms.csv"
    path.write_bytes(bytes(range(128, 256)) * 4)
    code, _, err = run(capsys, "import", str(empty), str(path))
    assert code == 2
    assert "rooms.csv" in err


def test_one_sheet_of_an_xlsx_file_of_another_kind_with_synonyms(empty: Path, tmp_path: Path, capsys) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Rooms"
    sheet.append(["Room number", "Seats", "Type"])
    sheet.append(["Room 7", 30, "lab"])
    sheet.append(["Gym", 120, ""])
    path = tmp_path / "export from the district.xlsx"
    book.save(path)

    code, _out, err = run(capsys, "import", str(empty), str(path), "--kind", "rooms")

    assert code == 0, err
    rooms = projects.open_project(str(empty)).rooms
    assert [(r.id, r.name, r.capacity, r.features) for r in rooms] == [
        ("room-7", "Room 7", 30, {"lab"}),
        ("gym", "Gym", 120, set()),
    ]


def test_bell_schedules_blocks_and_day_types_as_csv_files(tmp_path: Path, capsys) -> None:
    location = tmp_path / "nt.dlp"
    assert run(capsys, "new", str(location), "--sample", "new-tech")[0] == 0
    (tmp_path / "bell schedules.csv").write_text("id;name\nshort;Short day\n", encoding="utf-8")
    (tmp_path / "blocks.csv").write_text(
        "bell schedule,id,start,end,kind\nShort day,p1,8:30,9:30,class\nShort day,p2,9:35,10:35,class\n",
        encoding="utf-8",
    )
    for name in ("bell schedules.csv", "blocks.csv"):
        code, _out, err = run(capsys, "import", str(location), str(tmp_path / name), "--scenario", "A/B block")
        assert code == 0, err
    scenario = projects.open_project(str(location)).scenario("A/B block")
    short = scenario.bell_schedule("short")
    assert [(b.id, b.start, b.end) for b in short.blocks] == [("p1", 510, 570), ("p2", 575, 635)]


def test_a_bad_sheet_lists_every_problem_by_file_row_and_column_and_changes_nothing(
    empty: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "cohorts.csv"
    path.write_text("id,name,grade,size\ng9,Grade 9,nine,25\ng10,Grade 10,10,-3\ng9,Again,9,20\n", encoding="utf-8")
    before = hashlib.sha256(empty.read_bytes()).hexdigest()

    code, _, err = run(capsys, "import", str(empty), str(path))

    assert code == 2
    assert "cohorts.csv, row 2, column 'grade': 'nine' is not a whole number" in err
    assert "cohorts.csv, row 3, column 'size': -3 is too small (at least 0)" in err
    assert "cohorts.csv, row 4, column 'id': 'g9' is already on row 2" in err
    assert hashlib.sha256(empty.read_bytes()).hexdigest() == before


def test_preview_says_what_would_change_without_changing_the_project(tmp_path: Path) -> None:
    project = projects.load_sample("new-tech")
    path = tmp_path / "teachers.csv"
    first, teachers_before = project.teachers[0], len(project.teachers)
    path.write_text(f"id,name,email\n{first.id},{first.name},changed@example.org\n,Brand New,\n", encoding="utf-8")

    preview = school_data.preview_import(project, path)

    assert preview.ok
    assert [(c.key, c.status) for c in preview.changes] == [(first.id, "changed"), ("brand-new", "added")]
    assert project.teachers[0].email != "changed@example.org" and len(project.teachers) == teachers_before
    school_data.apply_import(project, preview)
    assert project.teachers[0].email == "changed@example.org" and project.teachers[-1].name == "Brand New"
