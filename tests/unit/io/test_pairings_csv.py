"""Prior pairings as CSV: written, edited in a spreadsheet, read back exactly; bad rows named, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlplanner.domain.model import PairingKind, PriorPairing
from dlplanner.io.csv_import import CsvImportError
from dlplanner.io.pairings_csv import read_pairings, write_pairings
from dlplanner.services.projects import load_sample


def test_written_pairings_read_back_exactly(tmp_path: Path) -> None:
    project = load_sample("big-picture")
    project.prior_pairings += [
        PriorPairing("g10-a", PairingKind.ADVISOR, None, ["adv-04"], advisory_id="advisory-g10-a", years=2),
        PriorPairing("g10-a", PairingKind.SUBJECT_TEACHER, "math", ["math-1", "math-2"], years=3),
        PriorPairing("g11-a", PairingKind.TEAM, team_id="upper-house"),
    ]
    path = write_pairings(project, tmp_path / "pairings.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0] == "kind,cohort,advisory,subject,teachers,team,years"
    assert read_pairings(project, path) == project.prior_pairings


def test_names_work_as_well_as_ids(tmp_path: Path) -> None:
    project = load_sample("big-picture")
    path = tmp_path / "p.csv"
    path.write_text(
        "Kind;Advisory;Teachers;Years\nadvisor;Advisory 11A;Grace Nakamura;3\n", encoding="utf-8"
    )  # a semicolon file is no CSV of ours: its one column is unknown
    with pytest.raises(CsvImportError, match="unknown column"):
        read_pairings(project, path)
    path.write_text("Kind,Advisory,Teachers,Years\nadvisor,Advisory 11A,Grace Nakamura,3\n", encoding="utf-8")
    assert read_pairings(project, path) == [
        PriorPairing("g11-a", PairingKind.ADVISOR, None, ["adv-07"], advisory_id="advisory-g11-a", years=3)
    ]


def test_every_bad_cell_is_named_and_nothing_is_read(tmp_path: Path) -> None:
    project = load_sample("big-picture")
    path = tmp_path / "bad.csv"
    path.write_text(
        "kind,cohort,subject,teachers,team,years\n"
        "advisor,g10-a,,adv-04,,1\n"
        "mentor,g10-a,,adv-04,,1\n"
        "team,g10-a,,,no-such-team,1\n"
        "subject_teacher,g10-a,,Nobody,,0\n",
        encoding="utf-8",
    )
    with pytest.raises(CsvImportError) as caught:
        read_pairings(project, path)
    assert [str(p) for p in caught.value.problems] == [
        "bad.csv, line 3, column 'kind': 'mentor' is not advisor, team or subject_teacher",
        "bad.csv, line 4, column 'team': no team 'no-such-team'",
        "bad.csv, line 5, column 'teachers': no teacher 'Nobody'",
        "bad.csv, line 5, column 'years': '0' is not a whole number of at least 1",
        "bad.csv, line 5, column 'subject': a subject teacher pairing needs the subject",
    ]
