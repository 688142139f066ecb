"""OneRoster 1.1 / 1.2 bundles from the SIS into a project, and the solved schedule back to OneRoster."""

from __future__ import annotations

import csv
import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dlplanner.cli import main
from dlplanner.services import projects, school_data

BUNDLE = Path(__file__).parents[2] / "data" / "oneroster" / "maple-ridge"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return target


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLE, tmp_path / "bundle"))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def imported(tmp_path: Path, capsys) -> Path:
    location = tmp_path / "maple.dlp"
    code, _out, err = run(capsys, "new", str(location), "--from", str(_zip(BUNDLE, tmp_path / "maple.zip")))
    assert code == 0, err
    return location


def test_a_small_school_bundle_becomes_a_project_with_cohorts_sections_and_terms(imported: Path) -> None:
    project = projects.open_project(str(imported))
    assert project.name == project.school_name == "Maple Ridge High School"
    assert project.external_ids["sourcedId"] == "org-mrhs"
    cohorts = sorted((c.grade, c.size) for c in project.cohorts)
    assert cohorts == [(9, 1), (9, 7), (9, 7), (10, 6)]  # group A, group B, the accelerated student, grade 10
    scenario = project.scenarios[0]
    calendar = scenario.calendar
    assert (calendar.label, calendar.first_day.isoformat(), calendar.last_day.isoformat()) == (
        "2026-27",
        "2026-08-24",
        "2027-06-04",
    )
    assert [(t.name, t.kind.value, t.external_ids["sourcedId"]) for t in calendar.terms] == [
        ("Fall 2026", "semester", "as-s1"),
        ("Spring 2027", "semester", "as-s2"),
    ]  # the unused grading period is not a term
    sections = {s.external_ids["sourcedId"]: s for s in scenario.sections}
    assert len(sections) == 14
    teachers = {t.id: t.external_ids["sourcedId"] for t in project.teachers}
    assert [teachers[t] for t in sections["cls-bio-b"].teacher_ids] == ["usr-t-okafor", "usr-t-novak"]  # primary first
    assert [teachers[t] for t in sections["cls-eng9-a"].teacher_ids] == ["usr-t-rivera", "usr-t-brooks"]
    assert sections["cls-whist-9"].term_id == calendar.terms[0].id and sections["cls-eng9-a"].term_id is None
    assert sections["cls-pe"].external_ids["periods"] == "1,2"
    assert project.room(sections["cls-bio-a"].room_id).name == "Lab 201"
    by_id = {c.id: c for c in project.cohorts}
    geometry = sorted((by_id[c].grade, by_id[c].size) for c in sections["cls-geom"].cohort_ids)
    assert geometry == [(9, 1), (10, 6)] and sections["cls-geom"].enrolment == 7
    assert len(sections["cls-whist-9"].cohort_ids) == 3
    assert "usr-a-grant" not in teachers.values()  # an administrator is no teacher
    assert project.subject(sections["cls-chem"].subject_id).external_ids == {"sourcedId": "crs-chem", "code": "CHEM"}


def test_importing_the_bundle_again_updates_instead_of_duplicating(imported: Path, tmp_path: Path, capsys) -> None:
    before = projects.open_project(str(imported))
    code, out, err = run(capsys, "import", str(imported), str(BUNDLE))
    assert code == 0, err
    assert "14 sections: 14 unchanged" in out and "8 teachers: 8 unchanged" in out and "4 cohorts: 4 unchanged" in out
    again = projects.open_project(str(imported))
    for scenario, old in zip(again.scenarios, before.scenarios, strict=True):
        scenario.version = old.version  # a save counts saves
    assert again == before

    bundle = _copy(tmp_path)
    classes = (bundle / "classes.csv").read_text(encoding="utf-8").replace("Biology B (co-taught)", "Biology B")
    (bundle / "classes.csv").write_text(classes, encoding="utf-8")
    with (bundle / "users.csv").open("a", encoding="utf-8") as users:
        users.write("usr-t-new,,,true,org-mrhs,teacher,jnew,,Jo,New,,E1009,jnew@mapleridge.example,,,,,\n")
    code, out, err = run(capsys, "import", str(imported), str(bundle))

    assert code == 0, err
    assert "14 sections: 1 changed, 13 unchanged" in out and "9 teachers: 1 added, 8 unchanged" in out
    after = projects.open_project(str(imported))
    assert len(after.scenarios[0].sections) == 14 and len(after.teachers) == 9


def test_a_oneroster_1_2_bundle_with_roles_csv_gives_the_same_teachers(tmp_path: Path, imported: Path) -> None:
    bundle = _copy(tmp_path)
    manifest = (
        (bundle / "manifest.csv").read_text(encoding="utf-8").replace("oneroster.version,1.1", "oneroster.version,1.2")
    )
    (bundle / "manifest.csv").write_text(manifest, encoding="utf-8")
    users = _rows(bundle / "users.csv")
    columns = [c for c in users[0] if c not in ("role", "orgSourcedIds")] + ["primaryOrgSourcedId"]
    with (bundle / "users.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**u, "primaryOrgSourcedId": "org-mrhs"} for u in users)
    with (bundle / "roles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "orgSourcedId"]
        )
        for u in users:
            writer.writerow([f"role-{u['sourcedId']}", "", "", u["sourcedId"], "primary", u["role"], "org-mrhs"])
    location = tmp_path / "v12.dlp"

    project, _ = school_data.new_project_from(str(location), bundle)

    expected = projects.open_project(str(imported))
    assert [(t.name, t.external_ids) for t in project.teachers] == [(t.name, t.external_ids) for t in expected.teachers]


def _break(bundle: Path, file: str, old: str, new: str) -> None:
    text = (bundle / file).read_text(encoding="utf-8")
    assert old in text
    (bundle / file).write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: (b / "enrollments.csv").unlink(), "bundle/enrollments.csv: is missing"),
        (
            lambda b: _break(b, "classes.csv", "crs-chem,CHEM", "crs-chemistry,CHEM"),
            "bundle/classes.csv, row 11, column 'courseSourcedId': no course 'crs-chemistry' in courses.csv",
        ),
        (
            lambda b: _break(b, "users.csv", "usr-t-chen,", "usr-t-rivera,"),
            "bundle/users.csv, row 3, column 'sourcedId': sourcedId 'usr-t-rivera' is already on row 2",
        ),
        (
            lambda b: _break(b, "manifest.csv", "oneroster.version,1.1", "oneroster.version,1.0"),
            "bundle/manifest.csv, row 3, column 'value': oneroster.version is '1.0'; dlplanner reads OneRoster 1.1",
        ),
        (
            lambda b: _break(b, "enrollments.csv", "cls-pe,org-mrhs,usr-t-kim", "cls-pe,org-mrhs,usr-t-ghost"),
            "column 'userSourcedId': no user 'usr-t-ghost' in users.csv",
        ),
        (
            lambda b: _break(b, "academicSessions.csv", "2027-01-15", "2027-15-01"),
            "bundle/academicSessions.csv, row 3, column 'endDate': '2027-15-01' is not a date",
        ),
        (
            lambda b: _break(b, "manifest.csv", "file.classes,bulk", "file.classes,delta"),
            "file.classes is 'delta'; dlplanner reads bulk bundles",
        ),
        (
            lambda b: (b / "courses.csv").write_bytes("sourcedId,title\ncrs-x,Fran\xe7ais\n".encode("cp1252")),
            "bundle/courses.csv: not UTF-8 text",
        ),
    ],
    ids=[
        "missing-file",
        "unknown-course",
        "duplicate-id",
        "manifest-version",
        "unknown-user",
        "bad-date",
        "delta",
        "encoding",
    ],
)
def test_a_bad_bundle_is_refused_whole_with_file_and_row_named(change, message, imported: Path, tmp_path, capsys):
    bundle = _copy(tmp_path)
    change(bundle)
    before = _digest(imported)

    code, _, err = run(capsys, "import", str(imported), str(bundle))

    assert code == 2
    assert message in err
    assert "nothing was imported" in err
    assert _digest(imported) == before


def test_a_truncated_zip_is_refused_and_creates_no_project(tmp_path: Path, capsys) -> None:
    archive = _zip(BUNDLE, tmp_path / "maple.zip")
    archive.write_bytes(archive.read_bytes()[:-200])
    location = tmp_path / "new.dlp"

    code, _, err = run(capsys, "new", str(location), "--from", str(archive))

    assert code == 2 and "maple.zip: not a readable zip file" in err
    assert not location.exists()


def test_a_bundle_with_two_schools_needs_school(tmp_path: Path, capsys) -> None:
    bundle = _copy(tmp_path)
    with (bundle / "orgs.csv").open("a", encoding="utf-8") as orgs:
        orgs.write("org-other,,,Maple Valley Middle,school,MVMS,org-district\n")
    location = tmp_path / "two.dlp"

    code, _, err = run(capsys, "new", str(location), "--from", str(bundle))
    assert code == 2 and "2 schools in the bundle: choose one with --school (org-mrhs" in err

    code, _out, err = run(capsys, "new", str(location), "--from", str(bundle), "--school", "org-mrhs")
    assert code == 0, err


def _add_bells(path: Path, scenario: str) -> Path:
    """What the planner adds after the import: a weekly rotation of five days with four periods."""
    wb = Workbook()
    wb.remove(wb.active)
    scenarios = wb.create_sheet("Scenarios")
    scenarios.append(["id", "name", "rotation", "weekday_map"])
    scenarios.append([scenario, "From the SIS", "weekday", "mon=mon; tue=tue; wed=wed; thu=thu; fri=fri"])
    bells = wb.create_sheet("Bell schedules")
    bells.append(["scenario", "id", "name"])
    bells.append([scenario, "regular", "Regular day"])
    blocks = wb.create_sheet("Blocks")
    blocks.append(["scenario", "bell_schedule", "id", "start", "end", "kind"])
    for row in (
        ("1", "8:30", "9:25", "class"),
        ("2", "9:30", "10:25", "class"),
        ("lunch", "10:25", "11:00", "lunch"),
        ("3", "11:00", "11:55", "class"),
        ("4", "12:00", "12:55", "class"),
    ):
        blocks.append([scenario, "Regular day", *row])
    days = wb.create_sheet("Day types")
    days.append(["scenario", "id", "name", "bell_schedule"])
    for day, name in (
        ("mon", "Monday"),
        ("tue", "Tuesday"),
        ("wed", "Wednesday"),
        ("thu", "Thursday"),
        ("fri", "Friday"),
    ):
        days.append([scenario, day, name, "Regular day"])
    wb.save(path)
    return path


def test_import_validate_solve_and_export_back_to_oneroster_keeps_every_sourced_id(
    imported: Path, tmp_path: Path, capsys
) -> None:
    project = projects.open_project(str(imported))
    scenario = project.scenarios[0].id
    assert run(capsys, "import", str(imported), str(_add_bells(tmp_path / "bells.xlsx", scenario)))[0] == 0
    code, out, err = run(capsys, "validate", str(imported))
    assert code == 0 and "0 blocking problem(s)" in out, out + err
    code, out, err = run(capsys, "solve", str(imported), "--save", "--time-limit", "20")
    assert code == 0 and "Checker: valid" in out, out + err
    folder = tmp_path / "to-sis"

    code, out, err = run(capsys, "export", str(imported), "-s", scenario, "-f", "oneroster", "-o", str(folder))

    assert code == 0, err
    manifest = {r["propertyName"]: r["value"] for r in _rows(folder / "manifest.csv")}
    assert manifest["oneroster.version"] == "1.1" and manifest["file.classes"] == "bulk"
    exported = {r["sourcedId"]: r for r in _rows(folder / "classes.csv")}
    imported_classes = {r["sourcedId"]: r for r in _rows(BUNDLE / "classes.csv")}
    assert set(exported) == set(imported_classes)
    for sourced_id, row in exported.items():
        assert row["periods"], f"class {sourced_id} has no periods"
        assert row["location"] == imported_classes[sourced_id]["location"]  # the fixed room of the import
        assert row["courseSourcedId"] == imported_classes[sourced_id]["courseSourcedId"]
        assert row["termSourcedIds"] == imported_classes[sourced_id]["termSourcedIds"]
    users = {r["sourcedId"] for r in _rows(folder / "users.csv") if r["role"] == "teacher"}
    bundle_teachers = {r["sourcedId"] for r in _rows(BUNDLE / "users.csv") if r["role"] == "teacher"}
    assert users == bundle_teachers
    students = {r["sourcedId"] for r in _rows(folder / "users.csv") if r["role"] == "student"}
    assert students == {r["sourcedId"] for r in _rows(BUNDLE / "users.csv") if r["role"] == "student"}
    seated = {
        (r["classSourcedId"], r["userSourcedId"]) for r in _rows(folder / "enrollments.csv") if r["role"] == "student"
    }
    bundle_seated = {
        (r["classSourcedId"], r["userSourcedId"]) for r in _rows(BUNDLE / "enrollments.csv") if r["role"] == "student"
    }
    assert bundle_seated <= seated  # every student keeps their classes (a cohort's students follow all its classes)
    teaching = {
        (r["classSourcedId"], r["userSourcedId"]) for r in _rows(folder / "enrollments.csv") if r["role"] == "teacher"
    }
    bundle_teaching = {
        (r["classSourcedId"], r["userSourcedId"]) for r in _rows(BUNDLE / "enrollments.csv") if r["role"] == "teacher"
    }
    assert teaching == bundle_teaching  # co-taught classes keep both teachers
    assert {r["sourcedId"] for r in _rows(folder / "courses.csv")} <= {
        r["sourcedId"] for r in _rows(BUNDLE / "courses.csv")
    }
    sessions = {r["sourcedId"] for r in _rows(folder / "academicSessions.csv")}
    assert {"as-2627", "as-s1", "as-s2"} <= sessions

    # the export is a bundle our own reader accepts: it adds no section, and records the new periods
    solved = projects.open_project(str(imported))
    preview = school_data.preview_import(solved, folder)
    assert preview.ok, preview.problems
    assert not [c for c in preview.changes if c.kind in ("sections", "teachers", "subjects") and c.status == "added"]
    school_data.apply_import(solved, preview)
    periods = {s.external_ids["sourcedId"]: s.external_ids["periods"] for s in solved.scenarios[0].sections}
    assert periods == {sourced_id: row["periods"] for sourced_id, row in exported.items()}

    sis = tmp_path / "master.csv"
    code, out, err = run(capsys, "export", str(imported), "-s", scenario, "-f", "sis-csv", "-o", str(sis))
    assert code == 0, err
    patterns = _rows(sis)
    assert {r["section_sourced_id"] for r in patterns} == set(imported_classes)
    assert all(r["periods"] in {"1", "2", "3", "4"} and r["days"] for r in patterns)
    eng = next(r for r in patterns if r["section_sourced_id"] == "cls-eng9-a")
    assert eng["teacher_ids"] == "E1001;E1007" and eng["room"] == "Room 101"
