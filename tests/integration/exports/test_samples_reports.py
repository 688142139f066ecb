"""Comparison reports and exports on the bundled sample schools.

Unsolved: every sample's scenarios compare (calendar, advisory, internship and planning figures do
not need a timetable). Solved (slow): two samples are solved by the engine, judged by the checker,
exported in every format, and the figures are recomputed from the files.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from dlplanner.domain import BlockKind
from dlplanner.domain.metrics import Minimums, compute_metrics
from dlplanner.services import exporting, projects
from dlplanner.services.compare import compare, write_comparison

SAMPLES = ["big-picture", "internationals", "linked-learning", "new-tech"]


class Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = 0
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tables += tag == "table"
        self.svgs += tag == "svg"


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sample_compares_before_solving(sample: str, tmp_path: Path) -> None:
    proj = projects.load_sample(sample)
    keys = [s.id for s in proj.scenarios[:4]]
    comparison = compare(proj, keys, Minimums(annual_instructional_minutes=64_800))
    assert comparison.scenario_names == [s.name for s in proj.scenarios[:4]]
    for i, scenario in enumerate(proj.scenarios[:4]):
        assert comparison.value("calendar", "School days", i) == len(scenario.calendar.school_days())
        counts = scenario.calendar.day_type_counts()
        m = compute_metrics(proj, scenario)
        # advisory hours per year by hand: each advisory's sittings per day type × that day type's dates
        for advisory in proj.advisories:
            if advisory.meeting_blocks:
                continue
            minutes = 0
            for day_type in scenario.day_types:
                for block in scenario.schedule_of(day_type.id).blocks_of(BlockKind.ADVISORY):
                    blocked = any(
                        set(advisory.cohort_ids) & set(i.cohort_ids)
                        and any(
                            w.applies_to(day_type.id)
                            and block.start < w.end + i.travel_minutes
                            and w.start - i.travel_minutes < block.end
                            for w in i.windows
                        )
                        for i in scenario.internships
                    )
                    if not blocked:
                        minutes += block.minutes * counts.get(day_type.id, 0)
            assert m.advisory_hours_per_year[advisory.id] == pytest.approx(minutes / 60)
    html = write_comparison(comparison, tmp_path / "report.html")
    parser = Tables()
    parser.feed(html.read_text(encoding="utf-8"))
    assert parser.tables >= len(comparison.tables) - sum(1 for t in comparison.tables if not t.rows)
    pdf = write_comparison(comparison, tmp_path / "report.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "At a glance" in text and "Solver status and per-rule penalties" in text


@pytest.mark.slow
@pytest.mark.parametrize(("sample", "scenario_ids"), [("big-picture", None), ("new-tech", ["ab-block"])])
def test_solved_sample_exports_and_compares(sample: str, scenario_ids: list[str] | None, tmp_path: Path) -> None:
    from dlplanner.services.solving import solve_scenario

    proj = projects.load_sample(sample)
    ids = scenario_ids or [s.id for s in proj.scenarios]
    for scenario_id in ids:
        # the exports want a checker-valid timetable, not the best one: the first will do
        result, report = solve_scenario(proj, scenario_id, time_limit=20, workers=1, seed=0, first_only=True)
        assert result.placements, f"{sample}/{scenario_id}: {result.status}"
        assert report is not None and report.ok, [v.message for v in report.violations][:3]
    scenario = proj.scenario(ids[0])

    written = exporting.export(proj, scenario.id, "pdf", tmp_path / "t.pdf")
    pages = PdfReader(written[0]).pages
    day_pages = sum(1 for d in scenario.day_types if scenario.schedule_of(d.id).blocks_of(BlockKind.CLASS))
    assert len(pages) >= day_pages + len(proj.teachers) + len(proj.cohorts) + len(proj.rooms)

    exporting.export(proj, scenario.id, "xlsx", tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    assert len(wb.sheetnames) == 1 + len(proj.teachers) + len(proj.cohorts)

    _flat, dated = exporting.export(proj, scenario.id, "csv", tmp_path / "t.csv")
    with dated.open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] == "meeting"]
    holidays = {h.start for h in scenario.calendar.holidays}
    assert not holidays & {r["date"] for r in rows}
    per_cohort: Counter[str] = Counter()
    cohort_names = {c.name: c.id for c in proj.cohorts}
    for r in rows:
        for name in r["cohorts"].split("; "):
            if name:
                per_cohort[cohort_names[name]] += int(r["minutes"])
    metrics = compute_metrics(proj, scenario)
    assert {c: v for c, v in metrics.cohort_minutes.items() if v} == dict(per_cohort)

    (zip_path,) = exporting.export(proj, scenario.id, "ics", tmp_path / "cal.zip", view="teacher")
    school_dates = {d for d, _ in scenario.calendar.school_days()}
    with zipfile.ZipFile(zip_path) as zf:
        assert len(zf.namelist()) == len(proj.teachers)
        for name in zf.namelist():
            for event in Calendar.from_ical(zf.read(name)).walk("VEVENT"):
                assert event.decoded("dtstart").date() in school_dates

    exporting.export(proj, scenario.id, "html", tmp_path / "site")
    assert len(list((tmp_path / "site").glob("*.html"))) == 2 + len(proj.teachers) + len(proj.cohorts) + len(proj.rooms)
    (json_path,) = exporting.export(proj, scenario.id, "json", tmp_path / "t.json")
    assert json.loads(json_path.read_text(encoding="utf-8"))

    keys = [s.id for s in proj.scenarios[:4]]
    comparison = compare(proj, keys)
    assert comparison.value("solver", "Hard-rule violations (checker)", 0) == 0
    write_comparison(comparison, tmp_path / "r.pdf")
    assert len(PdfReader(tmp_path / "r.pdf").pages) >= 2
