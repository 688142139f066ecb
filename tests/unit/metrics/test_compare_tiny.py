"""The comparison of two tiny scenarios, checked against figures computed by hand (see dlp_tiny_school)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from dlp_tiny_school import project, second_scenario
from pypdf import PdfReader

from dlplanner.domain.metrics import Minimums
from dlplanner.services.compare import chart_svg, compare, write_comparison
from dlplanner.services.projects import ServiceError


@pytest.fixture
def comparison():
    proj = project()
    proj.scenarios.append(second_scenario(proj))
    return compare(proj, ["A/B block", "ab2"], Minimums(annual_instructional_minutes=400))


def test_tables_hold_the_hand_computed_figures(comparison) -> None:
    v = comparison.value
    assert comparison.scenario_names == ["A/B block", "A/B moved"]
    assert v("calendar", "School days", 0) == 9
    assert v("calendar", "School days per day type", 1) == "A day 5, B day 4"
    # Math 10 moves from 5 A days to 4 B days: 450 → 360 minutes
    assert [v("cohort_minutes", "Grade 10", i) for i in (0, 1)] == [450, 360]
    assert [v("cohort_minutes", "Grade 9", i) for i in (0, 1)] == [1160, 1160]
    assert [v("subject_minutes", "Math", i) for i in (0, 1)] == [650, 560]
    assert [v("long_blocks", "Math", i) for i in (0, 1)] == [450, 360]
    assert v("long_blocks", "Project-based subjects: share in long blocks (%)", 0) == 100.0
    assert v("advisory_week", "Grade 9", 0) == pytest.approx(150.0)
    assert v("advisory_year", "Grade 9", 1) == pytest.approx(4.5)
    assert v("internship_hours", "Grade 10", 0) == pytest.approx(12.0)
    assert v("internship_days", "Grade 10", 1) == 4
    assert v("team_planning", "Team 9 (needs 40)", 0) == pytest.approx(450.0)
    assert v("teacher_load", "Ben Brook", 0) == pytest.approx(475.0)
    assert v("preparations", "Ben Brook", 0) == 1
    assert v("transitions", "Grade 9", 0) == pytest.approx(16 / 9)
    assert v("transitions", "Grade 9 — most in one day", 0) == 2
    # Room 101: 1010 of 1980 minutes; with Science 9 moved in, + 3 T2 A days × 50
    assert v("rooms", "Room 101", 0) == pytest.approx(51.0)
    assert v("rooms", "Room 101", 1) == pytest.approx(round(100 * 1160 / 1980, 1))
    assert v("shortfalls", "Grade 10: instructional minutes", 1) == "360 of 400 min/year (short 40)"
    assert v("shortfalls", "Grade 10: instructional minutes", 0) == "met"
    assert v("solver", "Hard-rule violations (checker)", 0) == 0
    assert v("glance", "Minimums not met", 0) == 0 and v("glance", "Minimums not met", 1) == 1
    assert v("glance", "Instructional minutes, lowest cohort (min/year)", 1) == 360


def test_placement_diff(comparison) -> None:
    (diff,) = comparison.diffs
    assert (diff.a_name, diff.b_name, diff.unchanged) == ("A/B block", "A/B moved", 4)
    changes = {(c.section, c.meeting): c for c in diff.changes}
    assert set(changes) == {("Math 10", 0), ("Science 9", 0)}
    assert changes[("Math 10", 0)].what == ["day"]
    assert changes[("Math 10", 0)].before == "A day 8:00–9:30 · Lab 2 · Ben Brook"
    assert changes[("Math 10", 0)].after == "B day 8:00–9:30 · Lab 2 · Ben Brook"
    assert changes[("Science 9", 0)].what == ["room"]
    assert diff.teacher_days == [("Ben Brook", ["A day", "B day"]), ("Cy Chen", ["A day"])]


def test_reports(comparison, tmp_path: Path) -> None:
    html = write_comparison(comparison, tmp_path / "r.html").read_text(encoding="utf-8")

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.text: list[str] = []
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            assert tag not in ("script", "link", "img", "iframe")  # self-contained: nothing fetched

        def handle_data(self, data: str) -> None:
            self.text.append(data.strip())

    parser = Collect()
    parser.feed(html)
    assert "At a glance" in parser.text and "What moved" in parser.text
    assert parser.tags.count("svg") >= 3  # charts where the scenarios differ
    assert "360" in parser.text and "1,160" in parser.text
    pdf = write_comparison(comparison, tmp_path / "r.pdf", paper="letter")
    reader = PdfReader(pdf)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Annual instructional minutes per cohort" in text and "A day 8:00–9:30 · Lab 2 · Ben Brook" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]


def test_scenario_count_and_duplicates() -> None:
    proj = project()
    with pytest.raises(ServiceError, match="2 to 4"):
        compare(proj, ["ab"])
    with pytest.raises(ServiceError, match="twice"):
        compare(proj, ["ab", "A/B block"])


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_names_are_drawn_as_plain_text_not_mathematics(suffix: str, tmp_path: Path) -> None:
    """Issue 19, item 12: matplotlib read ``Pay $5_$`` as mathtext and the report crashed."""
    proj = project()
    proj.scenarios.append(second_scenario(proj))
    proj.scenarios[0].name = "Pay $5_$"
    proj.scenarios[1].name = "_draft $x^2$"
    proj.cohorts[1].name = r"Grade $\frac{1}{0}$"
    comparison = compare(proj, ["ab", "ab2"], Minimums(annual_instructional_minutes=400))
    out = write_comparison(comparison, tmp_path / f"report{suffix}")
    assert out.stat().st_size > 0
    svg = chart_svg(comparison.table("cohort_minutes"), comparison.scenario_names)
    # both names in the legend as written (the second starts with "_", which matplotlib would leave out)
    assert ">Pay $5_$<" in svg and ">_draft $x^2$<" in svg and r"Grade $\frac{1}{0}$" in svg
