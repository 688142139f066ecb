"""Students, course requests and enrolments in the school workbook and in OneRoster bundles."""

from __future__ import annotations

import copy
import csv
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from rich_project import build_rich_project

from dlplanner.domain import CourseRequest, Enrolment, Project, Student
from dlplanner.services import exporting, projects, school_data

BUNDLE = Path(__file__).parents[2] / "data" / "oneroster" / "maple-ridge"


def _import(project: Project, path: Path) -> school_data.ImportPreview:
    preview = school_data.preview_import(project, path)
    assert preview.ok, [str(p) for p in preview.problems]
    school_data.apply_import(project, preview)
    return preview


def _bundle_rows(name: str) -> list[dict[str, str]]:
    with (BUNDLE / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_workbook_has_student_sheets_with_names_in_reference_columns_and_drop_down_lists(tmp_path) -> None:
    project = build_rich_project()
    book = load_workbook(school_data.export_school(project, tmp_path / "rich.xlsx"))
    cohort = next(c.name for c in project.cohorts if c.id == "g9-eng")
    crew = next(a.name for a in project.advisories if a.id == "crew-1")

    students = [[c.value for c in row] for row in book["Students"].iter_rows()]
    assert students[0] == ["id", "name", "grade", "cohort", "advisory", "pathway", "flags"]
    assert students[1] == ["s-ana", "Ana Reyes", 9, cohort, crew, "Engineering", "ELL; IEP"]
    requests = [[c.value for c in row] for row in book["Requests"].iter_rows()]
    assert requests[0] == ["student", "subject", "rank", "alternate_for"]
    subjects = {s.id: s.name for s in project.subjects}
    assert ["Bo Chen", subjects["bio"], 3, subjects["eng"]] in requests  # names, not ids
    section = next(s.name for s in project.scenarios[0].sections if s.id == "biolit-1")
    enrolments = [[c.value for c in row][1:] for row in book["Enrolments"].iter_rows()]
    assert ["Ana Reyes", section, "yes"] in enrolments
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in book["Students"].data_validations.dataValidation}
    assert lists["D2"].startswith("'Cohorts'!$B$2:$B$")
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in book["Requests"].data_validations.dataValidation}
    assert lists["A2"].startswith("'Students'!$B$2:$B$") and lists["B2"].startswith("'Subjects'!$B$2:$B$")
    assert book["Requests"]["A1"].comment is not None


def test_a_workbook_into_a_new_project_keeps_students_requests_and_pinned_enrolments(tmp_path) -> None:
    project = build_rich_project()
    book = school_data.export_school(project, tmp_path / "rich.xlsx")
    empty = Project(name="scratch")

    preview = _import(empty, book)

    assert empty.students == project.students and empty.requests == project.requests
    main = empty.scenarios[0]
    assert main.solution.enrolments == [Enrolment("s-ana", "biolit-1", pinned=True)]  # no timetable: pinned only
    assert any("not pinned" in note and "no timetable" in note for note in preview.notes)


def test_requests_on_the_sheet_replace_that_students_requests_and_bad_alternates_are_named(tmp_path) -> None:
    project = build_rich_project()
    book_path = school_data.export_school(project, tmp_path / "rich.xlsx")
    book = load_workbook(book_path)
    sheet = book["Requests"]
    sheet.delete_rows(2, sheet.max_row)
    sheet.append(["Bo Chen", "bio", 1, None])
    book.save(book_path)

    target = copy.deepcopy(project)
    _import(target, book_path)

    assert target.requests == [CourseRequest("s-ana", "bio", 1, None), CourseRequest("s-bo", "bio", 1, None)]

    sheet.append(["Ana Reyes", "eng", 2, "Art"])
    sheet.append(["Ana Reyes", "bio", 2, "bio"])
    book.save(book_path)
    preview = school_data.preview_import(project, book_path)
    problems = [str(p) for p in preview.problems]
    assert problems[0].startswith("rich.xlsx, sheet 'Requests', row 3, column 'alternate_for': no subject 'Art'")
    assert (
        problems[1]
        == "rich.xlsx, sheet 'Requests', row 4, column 'alternate_for': a request cannot stand in for itself"
    )
    assert not preview.ok and len(problems) == 2


def test_a_students_csv_from_another_tool_imports_as_one_sheet(tmp_path) -> None:
    project = build_rich_project()
    path = tmp_path / "students.csv"
    path.write_text("Student ID,Student name,Grade,Cohort\ns-cy,Cy Park,10,Grade 10\n", encoding="utf-8")

    _import(project, path)

    assert project.students[-1] == Student("s-cy", "Cy Park", 10, "g10")


def test_oneroster_students_become_students_in_their_cohorts_and_a_reimport_changes_nothing(tmp_path) -> None:
    project = Project(name="maple")
    _import(project, BUNDLE)

    bundle_students = {r["sourcedId"]: r for r in _bundle_rows("users.csv") if r["role"] == "student"}
    assert {s.id for s in project.students} == set(bundle_students)
    cohorts = {c.id: c for c in project.cohorts}
    for student in project.students:
        row = bundle_students[student.id]
        assert student.name == f"{row['givenName']} {row['familyName']}"
        assert student.cohort_id in cohorts and cohorts[student.cohort_id].grade == student.grade
    sizes = {c.id: c.size for c in project.cohorts}
    assert all(sizes[c] == sum(s.cohort_id == c for s in project.students) for c in sizes)

    again = school_data.preview_import(project, BUNDLE)
    assert {c.status for c in again.changes if c.kind == "students"} == {"unchanged"}


def test_oneroster_export_then_import_keeps_the_students(tmp_path) -> None:
    project = build_rich_project()
    scenario = project.scenarios[0]
    out = tmp_path / "to-sis.zip"
    exporting.export(project, scenario.id, "oneroster", out)
    with zipfile.ZipFile(out) as archive:
        users = list(csv.DictReader(archive.read("users.csv").decode("utf-8").splitlines()))
        enrollments = list(csv.DictReader(archive.read("enrollments.csv").decode("utf-8").splitlines()))
    assert {(u["sourcedId"], u["role"]) for u in users if u["role"] == "student"} == {
        ("s-ana", "student"),
        ("s-bo", "student"),
    }
    seated = {(e["classSourcedId"], e["userSourcedId"]) for e in enrollments if e["role"] == "student"}
    assert any(user == "s-bo" for _, user in seated)  # Bo has no cohort: his open-section enrolment is written

    fresh = Project(name="from the SIS")
    _import(fresh, out)

    by_id = {s.id: s for s in fresh.students}
    assert set(by_id) >= {"s-ana", "s-bo"}
    assert by_id["s-ana"].name == "Ana Reyes" and by_id["s-ana"].grade == 9
    assert by_id["s-bo"].name == "Bo Chen"


def test_the_import_step_shows_the_scenario_it_adds_and_its_undo_forgets_it() -> None:
    from dlplanner.services.session import ProjectSession

    session = ProjectSession(Project(name="empty"))
    preview = school_data.preview_import(session.project, BUNDLE)

    session.apply(school_data.ImportSchoolData(preview))

    assert session.scenario_id == "sis" and len(session.project.students) == 21
    session.undo()
    assert session.scenario_id is None and session.project == Project(name="empty")
    session.redo()
    assert session.scenario_id == "sis"


def test_an_open_section_stays_open_on_reimport_and_its_sis_students_become_pinned_enrolments() -> None:
    project = Project(name="maple")
    _import(project, BUNDLE)
    scenario = project.scenarios[0]
    elective = scenario.sections[-1]
    elective.cohort_ids, elective.max_enrolment = [], 30  # made an open section in dlplanner
    class_id = elective.external_ids["sourcedId"]
    expected = {
        (r["userSourcedId"], elective.id)
        for r in _bundle_rows("enrollments.csv")
        if r["role"] == "student" and r["classSourcedId"] == class_id
    }
    assert expected

    preview = _import(project, BUNDLE)

    assert scenario is not project.scenarios[0]  # the import's copy
    again = project.scenarios[0]
    section = next(s for s in again.sections if s.id == elective.id)
    assert section.cohort_ids == [] and section.max_enrolment == 30
    assert {(e.student_id, e.section_id) for e in again.solution.enrolments} == expected
    assert all(e.pinned for e in again.solution.enrolments)
    assert any(c.kind == "enrolments" and c.status == "added" for c in preview.changes)


def test_the_shipped_students_and_requests_templates_import_as_single_sheets(tmp_path) -> None:
    templates = Path(__file__).parents[3] / "resources" / "templates"
    project = projects.load_sample("big-picture")  # has the templates' cohort g9-a
    for kind in ("subjects", "students", "requests"):
        _import(project, templates / f"{kind}.csv")

    assert {"s-1001", "s-1002"} <= {s.id for s in project.students}
    assert {(r.student_id, r.rank) for r in project.requests} >= {("s-1001", 2), ("s-1002", 1)}
