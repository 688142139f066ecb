"""OneRoster import at the size of a large high school: how long it takes and how much memory it needs.

Generates a plausible OneRoster 1.1 bulk bundle (made-up names) for one school: ``--students`` students in
grades 9–12 (default 3,000), ``--teachers`` teachers (default 150), each student in 6 core classes with
their grade's group of about 25 and one of the electives; classes of 25–35 with one teacher (every
tenth co-taught), two semesters. Then, in a fresh process, imports it into an empty project with
:func:`dlplanner.services.school_data.preview_import` (read, match, derive cohorts: everything but
saving) and reports the wall time and the peak memory (``ru_maxrss`` of that process after the import,
and, from a second traced run, the peak of Python's own allocations from ``tracemalloc``). The
imported project is then saved to a new project file, timed apart.

    python benchmarks/oneroster_import.py [--students 3000] [--teachers 150] \\
        [--out benchmarks/results/oneroster_import.md]

Timings are written down, never asserted (target from issue 21: ≤ 10 s, ≤ 500 MB).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from dlplanner.io.oneroster import (
    CLASSES_COLUMNS,
    COURSES_COLUMNS,
    ENROLLMENTS_COLUMNS,
    ORGS_COLUMNS,
    SESSIONS_COLUMNS,
    USERS_COLUMNS,
)

GRADES = (9, 10, 11, 12)
CORE = ("English", "Mathematics", "Science", "Social Studies", "World Language", "Health")
ELECTIVES = ("Studio Art", "Music", "Physical Education", "Computer Science", "Drama", "Journalism")


def _write(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def make_bundle(target: Path, students: int, teachers: int, seed: int = 21) -> dict[str, int]:
    """Write the bundle to ``target`` (.zip); returns the number of rows per file."""
    rng = random.Random(seed)
    folder = target.with_suffix("")
    folder.mkdir(parents=True, exist_ok=True)
    school = "org-bench"
    sessions = [
        ["as-year", "", "", "2026-27", "schoolYear", "2026-08-24", "2027-06-04", "", "2027"],
        ["as-s1", "", "", "Fall", "semester", "2026-08-24", "2027-01-15", "as-year", "2027"],
        ["as-s2", "", "", "Spring", "semester", "2027-01-19", "2027-06-04", "as-year", "2027"],
    ]
    courses, classes, enrollments = [], [], []
    staff = [f"usr-t-{i:04d}" for i in range(teachers)]
    next_teacher = 0

    def teacher() -> str:
        nonlocal next_teacher
        next_teacher += 1
        return staff[(next_teacher - 1) % len(staff)]

    for grade in GRADES:
        for subject in CORE:
            courses.append(
                [
                    f"crs-{grade}-{subject[:4].lower()}",
                    "",
                    "",
                    "as-year",
                    f"{subject} {grade}",
                    f"{subject[:4].upper()}{grade}",
                    f"{grade:02d}",
                    school,
                    subject,
                    "",
                ]
            )
    for subject in ELECTIVES:
        courses.append(
            [
                f"crs-el-{subject[:4].lower()}",
                "",
                "",
                "as-year",
                subject,
                subject[:4].upper(),
                "09,10,11,12",
                school,
                "Electives",
                "",
            ]
        )
    per_grade = students // len(GRADES)
    student_ids = []
    users = []
    for grade in GRADES:
        groups = max(1, per_grade // 25)
        group_classes = {g: [f"cls-{grade}-{subject[:4].lower()}-{g}" for subject in CORE] for g in range(groups)}
        for g, ids in group_classes.items():
            for class_id, subject in zip(ids, CORE, strict=True):
                term = rng.choice(["as-year", "as-year", "as-s1", "as-s2"])
                classes.append(
                    [
                        class_id,
                        "",
                        "",
                        f"{subject} {grade} {g + 1}",
                        f"{grade:02d}",
                        f"crs-{grade}-{subject[:4].lower()}",
                        f"{subject[:4].upper()}{grade}-{g + 1}",
                        "scheduled",
                        f"Room {100 + (len(classes) % 90)}",
                        school,
                        term,
                        "",
                        "",
                        str(1 + len(classes) % 7),
                    ]
                )
                lead = teacher()
                enrollments.append([f"enr-{class_id}-t", "", "", class_id, school, lead, "teacher", "true", "", ""])
                if len(classes) % 10 == 0:
                    enrollments.append(
                        [f"enr-{class_id}-t2", "", "", class_id, school, teacher(), "teacher", "false", "", ""]
                    )
        for i in range(per_grade):
            sid = f"usr-s-{grade}-{i:04d}"
            student_ids.append((sid, grade))
            users.append(
                [
                    sid,
                    "",
                    "",
                    "true",
                    school,
                    "student",
                    sid[4:],
                    "",
                    f"Student{i}",
                    f"Grade{grade}",
                    "",
                    sid[6:],
                    "",
                    "",
                    "",
                    "",
                    f"{grade:02d}",
                    "",
                ]
            )
            for class_id in group_classes[i % groups]:
                enrollments.append([f"enr-{class_id}-{sid}", "", "", class_id, school, sid, "student", "", "", ""])
    electives = []
    for subject in ELECTIVES:
        for section in range(max(1, students // (len(ELECTIVES) * 30))):
            class_id = f"cls-el-{subject[:4].lower()}-{section}"
            electives.append(class_id)
            classes.append(
                [
                    class_id,
                    "",
                    "",
                    f"{subject} {section + 1}",
                    "09,10,11,12",
                    f"crs-el-{subject[:4].lower()}",
                    f"{subject[:4].upper()}-{section + 1}",
                    "scheduled",
                    f"Room {200 + section % 40}",
                    school,
                    "as-year",
                    "",
                    "",
                    str(1 + section % 7),
                ]
            )
            enrollments.append([f"enr-{class_id}-t", "", "", class_id, school, teacher(), "teacher", "true", "", ""])
    for sid, _grade in student_ids:
        class_id = rng.choice(electives)
        enrollments.append([f"enr-{class_id}-{sid}", "", "", class_id, school, sid, "student", "", "", ""])
    for i, tid in enumerate(staff):
        users.append(
            [
                tid,
                "",
                "",
                "true",
                school,
                "teacher",
                f"t{i:04d}",
                "",
                f"Teacher{i}",
                "Bench",
                "",
                f"E{i:04d}",
                f"t{i:04d}@bench.example",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    _write(
        folder,
        "manifest.csv",
        ["propertyName", "value"],
        [["manifest.version", "1.0"], ["oneroster.version", "1.1"], ["source.systemName", "benchmark"]],
    )
    _write(
        folder,
        "orgs.csv",
        ORGS_COLUMNS,
        [[school, "", "", "Benchmark High School", "school", "BHS", ""]],
    )
    _write(
        folder,
        "academicSessions.csv",
        SESSIONS_COLUMNS,
        sessions,
    )
    _write(
        folder,
        "courses.csv",
        COURSES_COLUMNS,
        courses,
    )
    _write(
        folder,
        "classes.csv",
        CLASSES_COLUMNS,
        classes,
    )
    _write(
        folder,
        "users.csv",
        USERS_COLUMNS,
        users,
    )
    _write(
        folder,
        "enrollments.csv",
        ENROLLMENTS_COLUMNS,
        enrollments,
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    return {"classes": len(classes), "users": len(users), "enrollments": len(enrollments), "courses": len(courses)}


def _measure(bundle: str, project_file: str) -> None:
    """Runs in a fresh process: import into an empty project, then save; prints JSON."""
    import tracemalloc

    from dlplanner.domain import Project
    from dlplanner.services import projects, school_data

    start = time.perf_counter()
    project = Project(name="bench")
    preview = school_data.preview_import(project, bundle)
    school_data.apply_import(project, preview)
    elapsed = time.perf_counter() - start
    assert preview.ok, preview.problems[:5]
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the import's peak (the save comes later)
    tracemalloc.start()  # again, traced: what the import allocates at its peak
    school_data.preview_import(Project(name="bench"), bundle)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    save_start = time.perf_counter()
    projects.create_project(project_file, project)
    save = time.perf_counter() - save_start
    print(
        json.dumps(
            {
                "import_seconds": elapsed,
                "save_seconds": save,
                "peak_rss_mb": rss_kib / 1024,
                "traced_peak_mb": traced_peak / 2**20,
                "teachers": len(project.teachers),
                "cohorts": len(project.cohorts),
                "sections": len(project.scenarios[0].sections),
                "subjects": len(project.subjects),
                "rooms": len(project.rooms),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3000)
    parser.add_argument("--teachers", type=int, default=150)
    parser.add_argument("--out", type=Path, default=None, help="Write the result as Markdown here.")
    parser.add_argument("--measure", nargs=2, metavar=("BUNDLE", "PROJECT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure(*args.measure)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        bundle = Path(tmp) / "bundle.zip"
        counts = make_bundle(bundle, args.students, args.teachers)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        result = subprocess.run(
            [sys.executable, __file__, "--measure", str(bundle), str(Path(tmp) / "bench.dlp")],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    machine = (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}"
    )
    lines = [
        "# OneRoster import benchmark",
        "",
        f"Bundle: {args.students:,} students, {args.teachers} teachers; {counts['classes']:,} classes, "
        f"{counts['courses']} courses, {counts['users']:,} users, {counts['enrollments']:,} enrollments.",
        f"Project: {figures['teachers']} teachers, {figures['subjects']} subjects, {figures['cohorts']} cohorts, "
        f"{figures['sections']:,} sections, {figures['rooms']} rooms.",
        "",
        "| import (read, match, cohorts) | peak memory (process RSS) | peak Python allocations | save to a new .dlp |",
        "|---|---|---|---|",
        f"| {figures['import_seconds']:.2f} s | {figures['peak_rss_mb']:.0f} MB | {figures['traced_peak_mb']:.0f} MB "
        f"| {figures['save_seconds']:.2f} s |",
        "",
        f"Machine: {machine}. Measured in a fresh process by `benchmarks/oneroster_import.py` "
        "(the time without tracemalloc).",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
