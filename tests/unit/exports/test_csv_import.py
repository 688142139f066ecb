"""CSV import: records added and updated, every problem named by file, line and column, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from dlp_tiny_school import project

from dlplanner.domain import Teacher, TimeWindow, codec
from dlplanner.io.csv_import import COLUMNS, CsvImportError, import_csv, template_header
from dlplanner.paths import resources_dir
from dlplanner.services import importing
from dlplanner.services.projects import ServiceError
from dlplanner.services.scenarios import ScenarioStatus, status_of


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_teachers_added_and_updated(tmp_path: Path) -> None:
    proj = project()
    path = write(
        tmp_path,
        "teachers.csv",
        "id,name,subjects,max_minutes_per_week,unavailable\n"
        "t1,Ana Alvarez-Ruiz,Humanities; math,900,A 8:00-9:30; * 15:00-16:00\n"
        "t9,Dee Diaz,sci,,\n",
    )
    result = import_csv(proj, "teachers", path)
    assert (result.added, result.updated) == (["t9"], ["t1"])
    ana = proj.teacher("t1")
    assert ana.name == "Ana Alvarez-Ruiz" and ana.subject_ids == {"hum", "math"} and ana.max_minutes_per_week == 900
    assert ana.unavailable == [TimeWindow("A", 480, 570), TimeWindow(None, 900, 960)]
    assert proj.teacher("t9").subject_ids == {"sci"}


def test_columns_absent_from_the_file_keep_their_values(tmp_path: Path) -> None:
    proj = project()
    proj.teachers[0].email = "ana@example.org"
    import_csv(proj, "teachers", write(tmp_path, "t.csv", "id,name\nt1,Ana A.\n"))
    assert proj.teacher("t1").email == "ana@example.org" and proj.teacher("t1").subject_ids == {"hum"}


def test_rooms_and_cohorts(tmp_path: Path) -> None:
    proj = project()
    # a semicolon-separated file (as Excel writes in many locales): lists use | instead
    import_csv(proj, "rooms", write(tmp_path, "rooms.csv", "id;name;capacity;features\nr3;Studio;20;Studio|Lab\n"))
    assert proj.room("r3").capacity == 20 and proj.room("r3").features == {"studio", "lab"}
    result = import_csv(proj, "cohorts", write(tmp_path, "c.csv", "\ufeffID,Name,Grade,Size\nc11,Grade 11,11,22\n"))
    assert result.added == ["c11"] and proj.cohort("c11").size == 22


def test_sections_into_a_scenario(tmp_path: Path) -> None:
    proj = project()
    scenario = proj.scenarios[0]
    path = write(
        tmp_path,
        "sections.csv",
        "id,name,subject,cohorts,meetings_per_cycle,length_minutes,length_blocks,teachers,teacher_pool,term,"
        "room_features,allow_break_span\n"
        'art9,Art 9,Humanities,Grade 9,2,,2,"Ana Alvarez; t2",,Term 2,lab,yes\n'
        "sci10,Science 10,sci,c10,1,50,,,t3,,,no\n",
    )
    result = import_csv(proj, "sections", path, scenario)
    assert result.added == ["art9", "sci10"]
    art = scenario.section("art9")
    assert (art.subject_id, art.cohort_ids, art.length_blocks, art.length_minutes) == ("hum", ["c9"], 2, None)
    assert art.teacher_ids == ["t1", "t2"] and art.term_id == "T2" and art.room_features == {"lab"}
    assert art.allow_break_span is True
    sci = scenario.section("sci10")
    assert sci.teacher_pool == ["t3"] and sci.length_minutes == 50 and sci.length_blocks is None


def test_every_problem_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    proj = project()
    before = codec.to_data(proj)
    path = write(
        tmp_path,
        "rooms.csv",
        "id,name,capacity,features\n"
        "r7,Room 7,30,\n"  # a good row: still not imported
        "r8,Room 8,thirty,\n"
        "r7,Room 7 again,10,\n"
        ",No id,5,\n",
    )
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "rooms", path)
    problems = [str(p) for p in info.value.problems]
    assert problems == [
        "rooms.csv, line 3, column 'capacity': 'thirty' is not a whole number",
        "rooms.csv, line 4, column 'id': 'r7' is already used on line 2",
        "rooms.csv, line 5, column 'id': is empty; it is required",
    ]
    assert str(info.value).endswith("Nothing was imported.")
    assert codec.to_data(proj) == before


def test_header_problems(tmp_path: Path) -> None:
    proj = project()
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "cohorts", write(tmp_path, "c.csv", "id,name,grade,students\nc1,A,9,20\n"))
    assert [str(p) for p in info.value.problems] == [
        "c.csv, line 1, column 'students': unknown column for cohorts "
        "(columns: campus, grade, id, identity, name, pathway, size)",
        "c.csv, line 1, column 'size': required column is missing (number of students (whole number))",
    ]


def test_unknown_references_say_what_exists(tmp_path: Path) -> None:
    proj = project()
    path = write(tmp_path, "s.csv", "id,name,subject,cohorts,length_minutes,length_blocks\nx,X,art,Grade 12,50,2\n")
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "sections", path, proj.scenarios[0])
    problems = [str(p) for p in info.value.problems]
    assert problems == [
        "s.csv, line 2, column 'length_blocks': give length_minutes or length_blocks, not both",
        "s.csv, line 2, column 'subject': no subject 'art' (known: hum, math, sci)",
        "s.csv, line 2, column 'cohorts': no cohort 'Grade 12' (known: c10, c9)",
    ]


def test_bad_times_and_flags(tmp_path: Path) -> None:
    proj = project()
    path = write(tmp_path, "t.csv", "id,name,unavailable\nt5,E,Z 8:00-9:00; A 10:00-9:00; A 8\n")
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "teachers", path)
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith("no day type 'Z'")
    assert messages[1] == "'A 10:00-9:00' ends before it starts"
    assert messages[2].startswith("'A 8' is not DAYTYPE HH:MM-HH:MM")


def test_service_marks_scenarios_stale_and_checks_the_scenario(tmp_path: Path) -> None:
    proj = project()
    importing.import_csv_into(proj, "rooms", write(tmp_path, "r.csv", "id,name,capacity\nr9,Gym,60\n"))
    assert status_of(proj.scenarios[0]) == ScenarioStatus.STALE
    with pytest.raises(ServiceError, match="leave out --scenario"):
        importing.import_csv_into(proj, "rooms", tmp_path / "r.csv", "ab")
    with pytest.raises(ServiceError, match="Unknown kind"):
        importing.import_csv_into(proj, "parents", tmp_path / "r.csv")


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_templates_have_the_documented_header(kind: str) -> None:
    header = (resources_dir() / "templates" / f"{kind}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == template_header(kind)
    doc = (Path(__file__).parents[3] / "docs" / "csv-import.md").read_text(encoding="utf-8")
    for column in template_header(kind):
        assert f"`{column}`" in doc


# -- issue 19, item 9: rows, quotes, ids and times are read exactly ---------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\f", "\v", "\x1c", "\x85"])
def test_only_cr_and_lf_end_a_row(separator: str, tmp_path: Path) -> None:
    proj = project()
    path = write(tmp_path, "t.csv", f"id,name\nt-x,Ann{separator}t-bogus,Bogus\n")
    with pytest.raises(CsvImportError, match="line 2: 3 cells but the header has 2"):
        import_csv(proj, "teachers", path)
    result = import_csv(proj, "teachers", write(tmp_path, "t.csv", f"id,name\nt-x,Ann{separator}Lee\n"))
    assert result.added == ["t-x"] and proj.teacher("t-x").name == f"Ann{separator}Lee"
    assert all(t.id != "t-bogus" for t in proj.teachers)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_doubled_quotes_as_excel_writes_them(delimiter: str, tmp_path: Path) -> None:
    proj = project()
    text = f'id{delimiter}name{delimiter}email\nt-x{delimiter}"Maria ""Mia"" Garcia"{delimiter}m@x.org\n'
    import_csv(proj, "teachers", write(tmp_path, "t.csv", text))
    assert proj.teacher("t-x").name == 'Maria "Mia" Garcia' and proj.teacher("t-x").email == "m@x.org"


def test_a_row_spanning_lines_is_reported_at_its_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "r.csv", 'id,name,capacity\nr8,"Room\nwith a break",many\n')
    with pytest.raises(CsvImportError) as info:
        import_csv(project(), "rooms", path)
    assert [str(p) for p in info.value.problems] == ["r.csv, line 2, column 'capacity': 'many' is not a whole number"]


def test_ids_differing_only_in_case_or_punctuation_are_refused(tmp_path: Path) -> None:
    proj = project()
    before = codec.to_data(proj)
    path = write(tmp_path, "t.csv", "id,name\nt.lee,Tom Lee\nt-lee,Tia Lee\nT-LEE,Ty Lee\nT1,Ana again\n")
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "teachers", path)
    assert [str(p) for p in info.value.problems] == [
        "t.csv, line 3, column 'id': 't-lee' is too like 't.lee' on line 2; ids must differ by more than letter "
        "case and - _ . (use that id to update it, or another id)",
        "t.csv, line 4, column 'id': 'T-LEE' is too like 't.lee' on line 2; ids must differ by more than letter "
        "case and - _ . (use that id to update it, or another id)",
        "t.csv, line 5, column 'id': 'T1' is too like the existing teacher 't1'; ids must differ by more than "
        "letter case and - _ . (use that id to update it, or another id)",
    ]
    assert codec.to_data(proj) == before


def test_references_resolve_to_the_exact_id(tmp_path: Path) -> None:
    proj = project()
    # ids like these came in before imports refused them (or from elsewhere): the exact one is meant
    proj.teachers += [Teacher("t-lee", "Tia Lee"), Teacher("T-LEE", "Ty Lee")]
    path = write(tmp_path, "s.csv", "id,name,subject,teachers\nx1,X,hum,t-lee\nx2,Y,hum,T-LEE; t1\nx3,Z,hum,t-LEE\n")
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "sections", path, proj.scenarios[0])
    assert [str(p) for p in info.value.problems] == [
        "s.csv, line 4, column 'teachers': 't-LEE' could be the teacher 'T-LEE', 't-lee': give the exact id"
    ]
    path = write(tmp_path, "s.csv", "id,name,subject,teachers\nx1,X,hum,t-lee\nx2,Y,hum,T-LEE; T1\n")
    import_csv(proj, "sections", path, proj.scenarios[0])
    assert proj.scenarios[0].section("x1").teacher_ids == ["t-lee"]
    assert proj.scenarios[0].section("x2").teacher_ids == ["T-LEE", "t1"]  # a unique case-insensitive match is fine


@pytest.mark.parametrize(
    "window",
    ["A 8:75-9:90", "A 23:00-99:99", "A 24:00-24:30", "* 7:60-8:00", "A 9:00-9:00", "A 10:00-9:00", "A ٨:٠٠-٩:٠٠"],
)
def test_impossible_times_are_refused_naming_the_cell(window: str, tmp_path: Path) -> None:
    proj = project()
    with pytest.raises(CsvImportError) as info:
        import_csv(proj, "teachers", write(tmp_path, "t.csv", f"id,name,unavailable\nt5,E,{window}\n"))
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == ("t.csv", 2, "unavailable")
    assert problem.message.startswith(f"'{window}' ")
    assert all(t.id != "t5" for t in proj.teachers)


def test_the_edges_of_the_day_are_times(tmp_path: Path) -> None:
    proj = project()
    import_csv(proj, "teachers", write(tmp_path, "t.csv", "id,name,unavailable\nt5,E,A 0:00-0:59; * 23:00-23:59\n"))
    assert proj.teacher("t5").unavailable == [TimeWindow("A", 0, 59), TimeWindow(None, 1380, 1439)]


def test_a_folder_is_not_a_csv_file(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match="is a folder; give the CSV file inside it"):
        import_csv(project(), "teachers", tmp_path)
    with pytest.raises(ServiceError, match="is a folder"):
        importing.import_csv_at(str(tmp_path / "nowhere.dlp"), "teachers", tmp_path)


def test_long_values_are_shortened_and_line_breaks_escaped_in_messages(tmp_path: Path) -> None:
    huge = "x\n" * 50_000
    path = write(tmp_path, "r.csv", f'id,name,capacity,features\nr8,Room,"{huge}",\n"{huge}",Room,3,\n')
    with pytest.raises(CsvImportError) as info:
        import_csv(project(), "rooms", path)
    message = str(info.value)
    assert "\n" not in message and len(message) < 600, message[:2000]
    assert "'x\\nx\\nx" in message and "(99,999 characters)" in message  # stripped of its last line break


def test_a_quoted_cell_keeps_its_carriage_returns(tmp_path: Path) -> None:
    proj = project()
    path = tmp_path / "t.csv"
    path.write_bytes(b'id,name\r\nt-x,"Ann\rLee"\r\nt-y,"Bo\r\nLi"\r\n')
    import_csv(proj, "teachers", path)
    assert (proj.teacher("t-x").name, proj.teacher("t-y").name) == ("Ann\rLee", "Bo\r\nLi")
