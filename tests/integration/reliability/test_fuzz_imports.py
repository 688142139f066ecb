"""Bad input never crashes and never half-imports: fuzzed CSV, FET and timetable-JSON files.

Hypothesis mutates valid files (truncation, UTF-16/latin-1 re-encoding, byte flips, huge and
negative numbers, unknown references, duplicated records) and generates structured JSON
mutations. Every outcome must be either a clean import or a known exception whose message names
the file; after a refused import the target project file is byte-for-byte unchanged. A few
representative bad files also go through the CLI: non-zero exit, one error line naming the file.

Issue 19 added properties: CSV cells holding line separators, quotes and delimiters read back
exactly (only CR and LF end a row); ids alike but for case or punctuation are refused; times are
stored exactly or refused naming the cell; JSON nested to any depth is refused with a message;
exports of long or alike ids write one short file each, and names starting like a formula are
never a formula in the CSV or XLSX export.

Examples per test: ``DLPLANNER_FUZZ_EXAMPLES`` (default 40; a quarter of that for the export properties).
"""

from __future__ import annotations

import copy
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
from dlplanner.domain import Placement, Project, TimeWindow, codec
from dlplanner.fet import service as fet_service
from dlplanner.fet.model import FetFormatError
from dlplanner.io.csv_import import CsvImportError
from dlplanner.io.timetable_json import TimetableFormatError, read_timetable, timetable_document
from dlplanner.paths import samples_dir
from dlplanner.services import exporting, importing, projects
from dlplanner.services.projects import ServiceError
from dlplanner.storage import StorageError

EXAMPLES = int(os.environ.get("DLPLANNER_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("CI") == "true",  # CI: the same examples every run
)
FUZZ_EXPORTS = settings(FUZZ, max_examples=max(5, EXAMPLES // 4))  # a whole export per example: slower
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
        assert "\n" not in str(exc) and "\r" not in str(exc), f"not one line: {exc!r}"[:2000]
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


def _solved_sample() -> Project:
    """The sample with eight sections placed (its scenarios come unsolved): enough to export."""
    project = _sample()
    scenario = project.scenarios[0]
    day_types = [d.id for d in scenario.day_types]
    blocks = scenario.schedule_of(day_types[0]).blocks
    scenario.solution.placements = [
        Placement(s.id, 0, day_types[i % len(day_types)], blocks[0].start, blocks[0].end, None, list(s.teacher_ids))
        for i, s in enumerate(scenario.sections[:8])
    ]
    return project


def _valid_timetable() -> dict:
    project = _solved_sample()
    return timetable_document(project, project.scenarios[0])


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


# -- issue 19: CSV line separators, quoting, ids by case, impossible times ------------------------

SAMPLE = _sample()
LINE_SEPARATORS = ["\u2028", "\u2029", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85"]
CELL_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from([*LINE_SEPARATORS, "\r", "\n", '"', "'", ",", ";", "\t", " ", "=", "é"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=30,
)


def _in_memory(kind: str, path: Path) -> tuple[Project, Any]:
    """Import into a copy of the sample without touching a file: (the project, result or the CsvImportError)."""
    project = copy.deepcopy(SAMPLE)
    scenario = project.scenarios[0].id if kind == "sections" else None
    try:
        return project, importing.import_csv_into(project, kind, path, scenario)
    except CsvImportError as exc:
        assert "\n" not in str(exc) and "\r" not in str(exc), repr(str(exc))[:300]
        assert all(len(str(p)) < 1000 for p in exc.problems), [str(p)[:300] for p in exc.problems]
        return project, exc


def _refused_without_change(target: Path, kind: str, path: Path) -> None:
    assert _expect_clean(lambda: _import_csv(target, kind, path), (CsvImportError, ServiceError), path, target) == (
        "refused"
    )


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_fuzzed_quoted_cells_read_back_exactly(delimiter: str, target: Path, tmp_path: Path):
    """Cells written as Excel writes them (quoted when needed, quotes doubled) come back as written."""
    path = tmp_path / "teachers.csv"

    @FUZZ
    @given(names=st.lists(CELL_TEXT, min_size=1, max_size=5))
    def check(names: list[str]) -> None:
        out = io.StringIO()
        # CRLF as Excel ends rows: Python's writer then quotes a cell holding CR or LF, as Excel does
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        writer.writerows([["id", "name", "email"], *([f"t-fz{i}", n, "x@y.org"] for i, n in enumerate(names))])
        path.write_bytes(out.getvalue().encode("utf-8"))
        project, outcome = _in_memory("teachers", path)
        if any(not n.strip() for n in names):
            assert isinstance(outcome, CsvImportError)
            assert {p.column for p in outcome.problems} == {"name"}, outcome.problems
            _refused_without_change(target, "teachers", path)
            return
        assert not isinstance(outcome, Exception), outcome
        assert outcome.added == [f"t-fz{i}" for i in range(len(names))]
        assert [project.teacher(f"t-fz{i}").name for i in range(len(names))] == [n.strip() for n in names]
        assert all(project.teacher(f"t-fz{i}").email == "x@y.org" for i in range(len(names)))

    check()


def test_fuzzed_line_separators_inside_unquoted_cells_never_split_a_row(tmp_path: Path):
    path = tmp_path / "teachers.csv"
    word = st.text(alphabet="abcxyz ", min_size=1, max_size=6)

    @FUZZ
    @given(cells=st.lists(st.tuples(word, st.sampled_from(LINE_SEPARATORS), word), min_size=1, max_size=6))
    def check(cells: list[tuple[str, str, str]]) -> None:
        rows = [f"t-fz{i},{a}{sep}{b}\n" for i, (a, sep, b) in enumerate(cells)]
        path.write_text("id,name\n" + "".join(rows), encoding="utf-8")
        project, outcome = _in_memory("teachers", path)
        if isinstance(outcome, CsvImportError):  # only a name that is all blanks may be refused
            assert all(p.column == "name" and "empty" in p.message for p in outcome.problems), outcome.problems
            return
        assert outcome.added == [f"t-fz{i}" for i in range(len(cells))]
        assert [t.name for t in project.teachers[-len(cells) :]] == [f"{a}{s}{b}".strip() for a, s, b in cells]

    check()


def _id_key(record_id: str) -> str:
    return re.sub(r"[-_.]", "", record_id.casefold())


def test_fuzzed_ids_alike_by_case_or_punctuation_are_refused(target: Path, tmp_path: Path):
    path = tmp_path / "teachers.csv"
    existing = [t.id for t in SAMPLE.teachers]
    ids = st.one_of(
        st.text(alphabet="tTlLeE-._1", min_size=1, max_size=5).filter(lambda s: s[0].isalnum()),
        st.sampled_from(existing)
        .map(lambda i: st.sampled_from([i, i.upper(), i.replace("-", "."), i + "_"]))
        .flatmap(lambda s: s),
    )

    @FUZZ
    @given(chosen=st.lists(ids, min_size=1, max_size=6))
    def check(chosen: list[str]) -> None:
        path.write_text("id,name\n" + "".join(f"{i},Name {n}\n" for n, i in enumerate(chosen)), encoding="utf-8")
        project, outcome = _in_memory("teachers", path)
        keys = [_id_key(i) for i in chosen]
        clash = len(set(keys)) < len(keys) or any(_id_key(i) == _id_key(e) and i != e for i in chosen for e in existing)
        if clash:
            assert isinstance(outcome, CsvImportError), (chosen, outcome)
            assert all(p.column == "id" for p in outcome.problems), outcome.problems
            _refused_without_change(target, "teachers", path)
        else:
            assert not isinstance(outcome, Exception), (chosen, outcome)
            assert sorted(outcome.added + outcome.updated) == sorted(chosen)
            assert len({_id_key(t.id) for t in project.teachers}) == len(project.teachers)

    check()


def test_fuzzed_times_are_stored_exactly_or_refused(target: Path, tmp_path: Path):
    path = tmp_path / "teachers.csv"
    day = SAMPLE.scenarios[0].day_types[0].id
    hours, minutes = st.integers(0, 99), st.integers(0, 99)

    @FUZZ
    @given(h1=hours, m1=minutes, h2=hours, m2=minutes)
    def check(h1: int, m1: int, h2: int, m2: int) -> None:
        window = f"{day} {h1}:{m1:02d}-{h2}:{m2:02d}"
        path.write_text(f"id,name,unavailable\nt-fz,Fuzz,{window}\n", encoding="utf-8")
        project, outcome = _in_memory("teachers", path)
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59 or end <= start:
            assert isinstance(outcome, CsvImportError), (window, outcome)
            (problem,) = outcome.problems
            assert (problem.file, problem.line, problem.column) == (path.name, 2, "unavailable")
            assert problem.message.startswith(f"'{window}' ")
        else:
            assert not isinstance(outcome, Exception), (window, outcome)
            assert project.teacher("t-fz").unavailable == [TimeWindow(day, start, end)]

    check()
    path.write_text(f"id,name,unavailable\nt-fz,Fuzz,{day} 8:75-9:90\n", encoding="utf-8")
    _refused_without_change(target, "teachers", path)


# -- issue 19: nested JSON -----------------------------------------------------------------------


def test_fuzzed_nesting_in_timetable_json_never_crashes(tmp_path: Path):
    path = tmp_path / "timetable.json"
    paths = [p for p in _json_paths(VALID_TIMETABLE) if p]

    @FUZZ
    @given(
        depth=st.one_of(st.integers(1, 80), st.integers(900, 3000), st.just(100_000)),
        kind=st.sampled_from(["[", "{"]),
        at=st.integers(0, len(paths)),
    )
    def check(depth: int, kind: str, at: int) -> None:
        nested = ("[" * depth + "1" + "]" * depth) if kind == "[" else ('{"a":' * depth + "1" + "}" * depth)
        if at == len(paths):
            text = nested
        else:
            document = json.loads(json.dumps(VALID_TIMETABLE))
            parent: Any = document
            for key in paths[at][:-1]:
                parent = parent[key]
            parent[paths[at][-1]] = "NESTED-HERE"
            text = json.dumps(document).replace('"NESTED-HERE"', nested, 1)
        path.write_text(text, encoding="utf-8")
        _expect_clean(lambda: read_timetable(path), (TimetableFormatError,), path, None)

    check()


def test_cli_check_of_deeply_nested_json(tmp_path: Path):
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _one_error_line(_cli("check", str(bad)), bad)


def test_cli_import_csv_of_a_folder(target: Path, tmp_path: Path):
    folder = tmp_path / "csv-folder"
    folder.mkdir()
    before = file_hash(target)
    result = _cli("import-csv", str(target), "--kind", "rooms", str(folder))
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"  csv-folder: {folder} is a folder; give the CSV file inside it" in result.output.splitlines()
    assert file_hash(target) == before


# -- issue 19: long ids and formula cells in exports ----------------------------------------------


def _with_ids(project: Project, ids: dict[str, str]) -> Project:
    text = json.dumps(codec.to_data(project))
    for old, new in ids.items():
        text = text.replace(json.dumps(old), json.dumps(new))
    return codec.from_data(Project, json.loads(text))


SOLVED = _solved_sample()
ID_CHARS = "abcXYZ019-_."


@st.composite
def long_and_alike_ids(draw: st.DrawFn, count: int) -> list[str]:
    """``count`` distinct ids: short ones, ones of 250–400 characters, and variants of earlier ones by case or
    punctuation (``fz-a`` → ``FZ-A``, ``fz.a``, ``fz-a_``). All start with ``fz``, which no id of the sample does."""
    ids: list[str] = []
    while len(ids) < count:
        kind = draw(st.sampled_from(["short", "long", "alike"] if ids else ["short", "long"]))
        if kind == "short":
            new = "fz" + draw(st.text(alphabet=ID_CHARS, max_size=8))
        elif kind == "long":
            new = "fz" + draw(st.text(alphabet=ID_CHARS, min_size=250, max_size=400))
        else:
            other = draw(st.sampled_from(ids))
            new = draw(st.sampled_from([other.upper(), other.replace("-", "."), other + "_", other.swapcase()]))
        ids.append(new if new not in ids else f"fz-{len(ids)}")
    return ids


def test_fuzzed_long_and_alike_ids_export_one_short_file_each(tmp_path: Path):
    teachers = [t.id for t in SOLVED.teachers]

    @FUZZ_EXPORTS
    @given(new_ids=long_and_alike_ids(len(teachers)))
    def check(new_ids: list[str]) -> None:
        project = _with_ids(SOLVED, dict(zip(teachers, new_ids, strict=True)))
        shutil.rmtree(tmp_path / "out", ignore_errors=True)
        (tmp_path / "out").mkdir()
        for fmt, name in (("html", "site"), ("ics", "calendars")):
            written = exporting.export(project, project.scenarios[0].id, fmt, tmp_path / "out" / name)
            teacher_files = [p.name for p in written if p.name.startswith("teacher-")]
            assert len(teacher_files) == len({n.casefold() for n in teacher_files}) == len(teachers), teacher_files
            assert all(len(p.name.encode()) <= 120 for p in written)

    check()


FORMULA_TEXT = st.builds(
    lambda start, rest: start + rest, st.sampled_from(["=", "+", "-", "@", "\t", "\r", "=HYPERLINK("]), CELL_TEXT
)


def test_fuzzed_formula_names_are_never_formulas_in_csv_or_xlsx(tmp_path: Path):
    from openpyxl import load_workbook

    @FUZZ_EXPORTS
    @given(names=st.lists(FORMULA_TEXT, min_size=3, max_size=3))
    def check(names: list[str]) -> None:
        project = copy.deepcopy(SOLVED)
        scenario = project.scenarios[0]
        placed = {p.section_id for p in scenario.solution.placements}
        teacher = next(t for t in project.teachers if any(t.id in p.teacher_ids for p in scenario.solution.placements))
        teacher.name = names[0]
        next(s for s in scenario.sections if s.id in placed).name = names[1]
        scenario.day_types[0].name = names[2]
        flat, dated = exporting.export(project, scenario.id, "csv", tmp_path / "timetable.csv")
        for path in (flat, dated):
            with path.open(newline="", encoding="utf-8") as fh:
                cells = [cell for row in csv.reader(fh) for cell in row]
            assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], path.name
        (book,) = exporting.export(project, scenario.id, "xlsx", tmp_path / "timetable.xlsx")
        for ws in load_workbook(book).worksheets:
            for row in ws.iter_rows():
                assert not [c.coordinate for c in row if c.data_type == "f"], ws.title

    check()
