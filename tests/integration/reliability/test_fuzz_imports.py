"""Bad input never crashes and never half-imports: fuzzed CSV, FET and timetable-JSON files.

Hypothesis mutates valid files (truncation, UTF-16/latin-1 re-encoding, byte flips, huge and
negative numbers, unknown references, duplicated records) and generates structured JSON
mutations. Every outcome must be either a clean import or a known exception whose message names
the file; after a refused import the target project file is byte-for-byte unchanged. A few
representative bad files also go through the CLI: non-zero exit, one error line naming the file.

Examples per test: ``DLPLANNER_FUZZ_EXAMPLES`` (default 40).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dlplanner.cli import cli
from dlplanner.domain import Placement, Project, codec
from dlplanner.fet import service as fet_service
from dlplanner.fet.model import FetFormatError
from dlplanner.io.csv_import import CsvImportError
from dlplanner.io.timetable_json import TimetableFormatError, read_timetable, timetable_document
from dlplanner.paths import samples_dir
from dlplanner.services import importing, projects
from dlplanner.services.projects import ServiceError
from dlplanner.storage import StorageError

EXAMPLES = int(os.environ.get("DLPLANNER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("CI") == "true",  # CI: the same examples every run
)
FET_DIR = Path(__file__).resolve().parents[2] / "data" / "fet"
TEN_MB = 10 * 1024 * 1024
ODD_NUMBERS = ["99999999999999999999999999999", "-5", "0", "-0", "9223372036854775808", "1e309", "NaN", "", "3.5"]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- mutations -----------------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, valid: bytes, record: bytes | None = None) -> bytes:
    """``valid`` damaged in one to three ways a real file gets damaged."""
    data = valid
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(["truncate", "encoding", "flip", "insert", "number", "reference", "duplicate", "drop"])
        )
        if kind == "truncate":
            data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
        elif kind == "encoding":
            text = data.decode("utf-8", errors="replace") + "\nÅsa Øberg – café\n"
            data = text.encode(draw(st.sampled_from(["utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"])), "replace")
        elif kind == "flip" and data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif kind == "insert":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.text(max_size=40)).encode("utf-8", "surrogatepass") + data[at:]
        elif kind == "number":
            numbers = list(re.finditer(rb"\d+", data))
            if numbers:
                m = numbers[draw(st.integers(0, len(numbers) - 1))]
                data = data[: m.start()] + draw(st.sampled_from(ODD_NUMBERS)).encode() + data[m.end() :]
        elif kind == "reference":
            words = list(re.finditer(rb"[A-Za-z][A-Za-z0-9_\-]{2,}", data))
            if words:
                m = words[draw(st.integers(0, len(words) - 1))]
                data = data[: m.start()] + b"Nobody-Known" + data[m.end() :]
        elif kind == "duplicate" and record:
            at = data.find(record)
            if at >= 0:
                data = data[:at] + record + data[at:]
        elif kind == "drop":
            lines = data.split(b"\n")
            if len(lines) > 1:
                del lines[draw(st.integers(0, len(lines) - 1))]
                data = b"\n".join(lines)
    return data


def _json_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            paths += _json_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            paths += _json_paths(item, (*prefix, i))
    return paths


ODD_VALUES = st.one_of(
    st.sampled_from([10**30, -(10**30), -1, -90, 0, 2**63, 1e308, float("inf"), "", "Nobody-Known", None, True]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.text(max_size=20),
)


@st.composite
def mutated_document(draw: st.DrawFn, document: dict) -> bytes:
    """A JSON document with one to three values replaced, removed or duplicated."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _json_paths(document) if p]
        if not paths:
            break
        path = paths[draw(st.integers(0, len(paths) - 1))]
        parent: Any = document
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "remove", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(ODD_VALUES)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.insert(path[-1], json.loads(json.dumps(parent[path[-1]])))
    return json.dumps(document, allow_nan=True).encode("utf-8")


# -- shared fixtures -----------------------------------------------------------------------------


def _sample() -> Project:
    return codec.load_project_json(samples_dir() / "big-picture.json")


@pytest.fixture(scope="module")
def pristine_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "pristine.dlp"
    projects.create_project(str(path), _sample())
    return path


@pytest.fixture
def target(pristine_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "school.dlp"
    shutil.copyfile(pristine_project, path)
    return path


def _expect_clean(action: Callable[[], Any], errors: tuple[type[Exception], ...], bad: Path, target: Path | None):
    """Run ``action``: success, or a known error naming ``bad`` with ``target`` unchanged."""
    before = file_hash(target) if target is not None else None
    try:
        action()
    except errors as exc:
        assert bad.name in str(exc), f"the message does not name the file: {exc}"
        assert "\n" not in str(exc).strip() or isinstance(exc, CsvImportError), f"not one line: {exc!r}"
        if target is not None:
            assert file_hash(target) == before, "a refused import changed the project"
        return "refused"
    return "imported"


# -- CSV -----------------------------------------------------------------------------------------


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _valid_csvs() -> dict[str, tuple[bytes, bytes]]:
    """A valid file per kind, built from the sample's own references, and one of its data rows."""
    project = _sample()
    scenario = project.scenarios[0]
    subjects = [s.id for s in project.subjects]
    cohorts = [c.id for c in project.cohorts]
    teachers = [t.id for t in project.teachers]
    day = scenario.day_types[0].id
    teacher_rows = [
        [f"t-fz{i}", f"Fuzz Teacher {i}", subjects[i % len(subjects)], "1200", f"{day} 08:00-09:00", ""]
        for i in range(4)
    ]
    section_rows = [
        [f"s-fz{i}", f"Section {i}", subjects[i % len(subjects)], cohorts[i % len(cohorts)], "2", "90", teachers[i]]
        for i in range(4)
    ]
    files = {
        "teachers": [["id", "name", "subjects", "max_minutes_per_week", "unavailable", "email"], *teacher_rows],
        "rooms": [["id", "name", "capacity", "features"]] + [[f"r-fz{i}", f"Room {i}", "30", "lab"] for i in range(4)],
        "cohorts": [["id", "name", "grade", "size", "pathway"]]
        + [[f"c-fz{i}", f"Cohort {i}", "10", "25", "arts"] for i in range(4)],
        "sections": [
            ["id", "name", "subject", "cohorts", "meetings_per_cycle", "length_minutes", "teachers"],
            *section_rows,
        ],
    }
    result = {}
    for kind, rows in files.items():
        data = _csv(rows)
        result[kind] = (data, _csv(rows[1:2]))
    return result


VALID_CSV = _valid_csvs()


def _import_csv(target: Path, kind: str, path: Path) -> None:
    scenario = _sample().scenarios[0].id if kind == "sections" else None
    importing.import_csv_at(str(target), kind, path, scenario)


def test_the_valid_csv_files_import(target: Path, tmp_path: Path):
    for kind, (data, _) in VALID_CSV.items():
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(data)
        _import_csv(target, kind, path)


@pytest.mark.parametrize("kind", list(VALID_CSV))
def test_fuzzed_csv_never_crashes_and_never_half_imports(kind: str, target: Path, tmp_path: Path):
    valid, row = VALID_CSV[kind]
    path = tmp_path / f"{kind}-fuzzed.csv"

    @FUZZ
    @given(data=mutated(valid, row))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        before = file_hash(target)
        try:
            _expect_clean(lambda: _import_csv(target, kind, path), (CsvImportError, ServiceError), path, target)
        except StorageError as exc:  # refused cleanly, naming the project
            assert "too large to store" in str(exc), exc
            assert file_hash(target) == before

    check()


def test_a_csv_number_too_large_to_store_is_refused_naming_the_cell(target: Path, tmp_path: Path):
    path = tmp_path / "rooms.csv"
    path.write_bytes(_csv([["id", "name", "capacity"], ["r-big", "Big room", "99999999999999999999999999999"]]))
    before = file_hash(target)
    with pytest.raises(CsvImportError) as info:
        _import_csv(target, "rooms", path)
    assert file_hash(target) == before
    message = str(info.value)
    assert path.name in message and "capacity" in message and "too large" in message


# -- FET -----------------------------------------------------------------------------------------

FET_FILES = ["people.fet", "time.fet", "rooms.fet"]


def _fet_activity(data: bytes) -> bytes:
    match = re.search(rb"<Activity>.*?</Activity>\s*", data, re.S)
    assert match, "the FET sample has no activity"
    return match.group(0)


@pytest.mark.parametrize("name", FET_FILES)
def test_fuzzed_fet_never_crashes_and_never_half_imports(name: str, target: Path, tmp_path: Path):
    valid = (FET_DIR / name).read_bytes()
    path = tmp_path / f"fuzzed-{name}"

    @FUZZ
    @given(data=mutated(valid, _fet_activity(valid)))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        before = file_hash(target)
        outcome = _expect_clean(
            lambda: fet_service.import_fet(str(path), str(target), overwrite=True),
            (FetFormatError, ServiceError),
            path,
            target,
        )
        if outcome == "imported":  # a complete new project replaced the old one: put the old one back
            assert projects.open_project(str(target)).scenarios
            shutil.copyfile(target.with_name("pristine-copy.dlp"), target)
        else:
            assert file_hash(target) == before

    shutil.copyfile(target, target.with_name("pristine-copy.dlp"))
    check()


# -- timetable JSON ------------------------------------------------------------------------------


def _valid_timetable() -> dict:
    project = _sample()
    scenario = project.scenarios[0]
    day_types = [d.id for d in scenario.day_types]
    blocks = scenario.schedule_of(day_types[0]).blocks
    scenario.solution.placements = [
        Placement(s.id, 0, day_types[i % len(day_types)], blocks[0].start, blocks[0].end, None, list(s.teacher_ids))
        for i, s in enumerate(scenario.sections[:8])
    ]
    return timetable_document(project, scenario)


VALID_TIMETABLE = _valid_timetable()


def test_the_valid_timetable_reads(tmp_path: Path):
    path = tmp_path / "timetable.json"
    path.write_text(json.dumps(VALID_TIMETABLE), encoding="utf-8")
    read_timetable(path)


def test_fuzzed_timetable_bytes_never_crash(tmp_path: Path):
    valid = json.dumps(VALID_TIMETABLE, indent=1).encode("utf-8")
    path = tmp_path / "timetable.json"

    @FUZZ
    @given(data=mutated(valid))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        _expect_clean(lambda: read_timetable(path), (TimetableFormatError,), path, None)

    check()


def test_fuzzed_timetable_documents_never_crash(tmp_path: Path):
    path = tmp_path / "timetable.json"

    @FUZZ
    @given(data=mutated_document(VALID_TIMETABLE))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        _expect_clean(lambda: read_timetable(path), (TimetableFormatError,), path, None)

    check()


# -- 10 MB fields ---------------------------------------------------------------------------------


def test_a_10_mb_csv_field_is_refused_or_imported_cleanly(target: Path, tmp_path: Path):
    path = tmp_path / "huge.csv"
    path.write_bytes(_csv([["id", "name", "capacity"], ["r-huge", "x" * TEN_MB, "30"], ["r-2", "Room", "x" * 1000]]))
    assert _expect_clean(lambda: _import_csv(target, "rooms", path), (CsvImportError, ServiceError), path, target)


def test_a_10_mb_fet_name_is_refused_or_imported_cleanly(target: Path, tmp_path: Path):
    valid = (FET_DIR / "people.fet").read_bytes()
    path = tmp_path / "huge.fet"
    path.write_bytes(valid.replace(b"dlplanner test school", b"x" * TEN_MB, 1).replace(b"<Duration>1", b"<Duration>-1"))
    _expect_clean(
        lambda: fet_service.import_fet(str(path), str(target), overwrite=True),
        (FetFormatError, ServiceError),
        path,
        target,
    )


def test_a_10_mb_timetable_field_is_refused_or_read_cleanly(tmp_path: Path):
    document = json.loads(json.dumps(VALID_TIMETABLE))
    document["scenario"]["name"] = "x" * TEN_MB
    document["scenario"]["placements" if "placements" in document["scenario"] else "id"] = -(10**40)
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    _expect_clean(lambda: read_timetable(path), (TimetableFormatError,), path, None)


# -- the CLI: non-zero exit, one line naming the file, project unchanged ---------------------------


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args))


def _one_error_line(result, bad: Path) -> None:
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.output.splitlines() if "error" in line.lower()]
    assert len(lines) == 1, result.output
    assert bad.name in lines[0], result.output


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b.replace(b"dlplanner test school", "École Saint-Férréol".encode("latin-1")),  # claims UTF-8
        lambda b: b.replace(b"<Duration>1</Duration>", b"<Duration>-3</Duration>", 1),
        lambda b: b.replace(b"<Id>2</Id>", b"<Id>1</Id>", 1),
        lambda b: b.replace(b"<Days_List>", b"<Days_List_Gone>").replace(b"</Days_List>", b"</Days_List_Gone>"),
    ],
    ids=["truncated", "latin-1", "negative-duration", "duplicate-id", "no-days"],
)
def test_cli_fet_import_of_a_bad_file(damage, target: Path, tmp_path: Path):
    bad = tmp_path / "bad.fet"
    bad.write_bytes(damage((FET_DIR / "people.fet").read_bytes()))
    before = file_hash(target)
    _one_error_line(_cli("fet", "import", str(bad), str(target), "--force"), bad)
    assert file_hash(target) == before


@pytest.mark.parametrize(
    "content",
    [b'{"format": "dlplanner-timetable", "scen', "caf\xe9".encode("latin-1"), b"[1, 2, 3]"],
    ids=["truncated", "latin-1", "wrong-shape"],
)
def test_cli_check_of_a_bad_timetable(content: bytes, tmp_path: Path):
    bad = tmp_path / "bad-timetable.json"
    bad.write_bytes(content)
    _one_error_line(_cli("check", str(bad)), bad)


def test_cli_import_csv_of_a_bad_file(target: Path, tmp_path: Path):
    bad = tmp_path / "bad-rooms.csv"
    bad.write_bytes(VALID_CSV["rooms"][0].replace(b"30", b"-30", 1).decode().encode("utf-16"))
    before = file_hash(target)
    result = _cli("import-csv", str(target), "--kind", "rooms", str(bad))
    assert result.exit_code != 0 and bad.name in result.output
    assert file_hash(target) == before
