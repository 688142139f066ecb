"""The export registry: formats, views, output checks, and nothing half-written on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from dlp_tiny_school import project

from dlplanner.domain import Solution
from dlplanner.services import exporting
from dlplanner.services.projects import ServiceError


@pytest.mark.parametrize(
    ("fmt", "name", "files"),
    [
        ("pdf", "t.pdf", ["t.pdf"]),
        ("xlsx", "t.xlsx", ["t.xlsx"]),
        ("csv", "t.csv", ["t-by-date.csv", "t.csv"]),
        ("ics", "t.zip", ["t.zip"]),
        ("ics", "t.ics", ["t.ics"]),
    ],
)
def test_each_format_writes_its_files_and_nothing_else(tmp_path: Path, fmt: str, name: str, files: list[str]) -> None:
    written = exporting.export(project(), "A/B block", fmt, tmp_path / name)
    assert sorted(p.name for p in written) == files
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no temporary files left behind
    assert all(p.stat().st_size > 0 for p in written)


def test_folder_formats(tmp_path: Path) -> None:
    written = exporting.export(project(), "ab", "html", tmp_path / "site", view="cohort")
    assert sorted(p.name for p in written) == ["cohort-c10.html", "cohort-c9.html", "index.html", "master.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    again = exporting.export(project(), "ab", "html", tmp_path / "site", view="room")  # replaces the folder
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == sorted(p.name for p in again)


@pytest.mark.parametrize(
    ("fmt", "name", "view", "message"),
    [
        ("docx", "t.docx", None, "Unknown export format 'docx'"),
        ("pdf", "t.xlsx", None, "A pdf export goes to .pdf"),
        ("html", "t.html", None, "a folder"),
        ("pdf", "t.pdf", "parents", "Unknown view 'parents'"),
    ],
)
def test_user_errors(tmp_path: Path, fmt: str, name: str, view: str | None, message: str) -> None:
    with pytest.raises(ServiceError, match=message):
        exporting.export(project(), "ab", fmt, tmp_path / name, view=view)
    assert list(tmp_path.iterdir()) == []


def test_unsolved_scenario_and_missing_folder(tmp_path: Path) -> None:
    proj = project()
    proj.advisories.clear()
    proj.scenarios[0].solution = Solution()
    with pytest.raises(ServiceError, match="solve it first"):
        exporting.export(proj, "ab", "pdf", tmp_path / "t.pdf")
    with pytest.raises(ServiceError, match="does not exist"):
        exporting.export(project(), "ab", "pdf", tmp_path / "nope" / "t.pdf")


def test_a_failing_writer_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> list[Path]:
        out = args[2]
        assert isinstance(out, Path)
        out.write_text("half")
        raise RuntimeError("disk full")

    spec = exporting.FORMATS["xlsx"]
    monkeypatch.setitem(exporting.FORMATS, "xlsx", exporting.ExportFormat("xlsx", "", spec.suffixes, broken))
    (tmp_path / "t.xlsx").write_text("the old export")
    with pytest.raises(RuntimeError):
        exporting.export(project(), "ab", "xlsx", tmp_path / "t.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]
    assert (tmp_path / "t.xlsx").read_text() == "the old export"


def test_a_folder_export_never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "thesis.docx").write_text("years of work")
    with pytest.raises(ServiceError, match="already holds other files"):
        exporting.export(project(), "ab", "html", documents)
    assert (documents / "thesis.docx").read_text() == "years of work"
    (tmp_path / "site").write_text("a file")
    with pytest.raises(ServiceError, match="is a file"):
        exporting.export(project(), "ab", "html", tmp_path / "site")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert exporting.export(project(), "ab", "ics", empty, view="room")
    assert sorted(p.name for p in empty.iterdir()) == ["room-r1.ics", "room-r2.ics"]


def test_json_delegates_to_the_timetable_document(tmp_path: Path) -> None:
    import json

    (path,) = exporting.export(project(), "ab", "json", tmp_path / "t.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict) and document
    assert "Math 10" in path.read_text(encoding="utf-8")
