"""CSV import of students and course requests: by id or name, every problem named, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from dlp_tiny_school import project

from dlplanner.domain import CourseRequest, Student
from dlplanner.io.csv_import import CsvImportError
from dlplanner.services import importing
from dlplanner.services.projects import ServiceError
from dlplanner.services.scenarios import ScenarioStatus, status_of


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_students_added_by_cohort_name_and_updated(tmp_path: Path) -> None:
    proj = project()
    path = write(
        tmp_path,
        "students.csv",
        "student_id,name,grade,cohort,advisory,pathway,flags\n"
        "s1,Ana Reyes,9,grade 9,Crew Cy,Health,ELL; IEP\n"
        "s2,Bo Chen,10,c10,,,\n",
    )
    result = importing.import_csv_into(proj, "students", path)
    assert result.describe() == "2 students added, 0 updated"
    assert proj.students == [
        Student("s1", "Ana Reyes", 9, "c9", "adv1", "Health", {"ELL", "IEP"}),
        Student("s2", "Bo Chen", 10, "c10", None, "", set()),
    ]
    assert status_of(proj.scenarios[0]) == ScenarioStatus.STALE
    again = write(tmp_path, "again.csv", "student_id,name\ns1,Ana Reyes-Lopez\n")
    assert importing.import_csv_into(proj, "students", again).describe() == "0 students added, 1 updated"
    assert proj.students[0] == Student("s1", "Ana Reyes-Lopez", 9, "c9", "adv1", "Health", {"ELL", "IEP"})


def test_requests_by_name_replace_a_students_earlier_requests(tmp_path: Path) -> None:
    proj = project()
    proj.students = [Student("s1", "Ana Reyes", 9), Student("s2", "Bo Chen", 10)]
    proj.requests = [CourseRequest("s1", "hum", 1), CourseRequest("s2", "sci", 1)]
    path = write(
        tmp_path,
        "requests.csv",
        "student_id,subject,rank,alternate_for\nAna Reyes,Math,2,\ns1,science,3,math\n",
    )
    result = importing.import_csv_into(proj, "requests", path)
    assert result.describe() == "2 requests added, 0 updated"
    assert proj.requests == [
        CourseRequest("s2", "sci", 1),  # Bo is not in the file: his request stays
        CourseRequest("s1", "math", 2),
        CourseRequest("s1", "sci", 3, "math"),
    ]


def test_problems_are_named_by_line_and_column_and_nothing_is_imported(tmp_path: Path) -> None:
    proj = project()
    proj.students = [Student("s1", "Ana Reyes", 9)]
    path = write(
        tmp_path,
        "requests.csv",
        "student_id,subject,rank,alternate_for\ns9,math,1,\ns1,art,1,\ns1,math,0,\ns1,sci,2,hum\ns1,math,2,\n",
    )
    with pytest.raises(CsvImportError) as caught:
        importing.import_csv_into(proj, "requests", path)
    messages = [str(p) for p in caught.value.problems]
    assert messages[0].startswith("requests.csv, line 2, column 'student_id': no student 's9'")
    assert messages[1].startswith("requests.csv, line 3, column 'subject': no subject 'art'")
    assert messages[2] == "requests.csv, line 4, column 'rank': '0' is too small (at least 1)"
    assert any("line 5, column 'alternate_for': the student does not request 'hum'" in m for m in messages)
    assert any("line 6, column 'subject': the student already requests this subject on line 4" in m for m in messages)
    assert proj.requests == []
    bad_students = write(tmp_path, "students.csv", "student_id,name,grade\ns1,Ana,nine\nS-1,Other,9\ns1,Again,9\n")
    with pytest.raises(CsvImportError) as caught:
        importing.import_csv_into(proj, "students", bad_students)
    assert [p.line for p in caught.value.problems] == [2, 3, 4]  # not a number; too like s1; s1 again
    assert proj.students == [Student("s1", "Ana Reyes", 9)]


def test_students_belong_to_the_project_not_a_scenario(tmp_path: Path) -> None:
    path = write(tmp_path, "students.csv", "student_id,name\ns1,Ana\n")
    with pytest.raises(ServiceError, match="leave out --scenario"):
        importing.import_csv_into(project(), "students", path, "ab")
