"""The static HTML site read back with html.parser: every link resolves, nothing is fetched online."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from dlp_tiny_school import project

from dlplanner.io.exports.html_site import write_html_site


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.sources: list[str] = []
        self.text: list[str] = []
        self.rowspans: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        for key in ("src", "srcset"):
            if values.get(key):
                self.sources.append(values[key] or "")
        if tag == "link" and values.get("href"):
            self.sources.append(values["href"] or "")
        if tag == "td" and values.get("rowspan"):
            self.rowspans.append(int(values["rowspan"] or 1))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def _parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_site_pages_and_links(tmp_path: Path) -> None:
    proj = project()
    written = write_html_site(proj, proj.scenarios[0], tmp_path / "site")
    names = sorted(p.name for p in written)
    assert names == sorted(
        ["index.html", "master.html"]
        + [f"teacher-{t}.html" for t in ("t1", "t2", "t3")]
        + ["cohort-c9.html", "cohort-c10.html", "room-r1.html", "room-r2.html"]
    )
    for path in written:
        page = _parse(path)
        assert page.sources == []  # no external style sheets, scripts or images
        for link in page.links:
            assert not link.startswith(("http:", "https:", "/"))
            assert (path.parent / link).is_file(), f"{path.name} links to missing {link}"
    index = _parse(tmp_path / "site" / "index.html")
    assert "Ana Alvarez" in index.text and "Lab 2" in index.text
    assert any("A day" in t and "5 school days" in t for t in index.text)


def test_teacher_page_shows_entries_with_real_times(tmp_path: Path) -> None:
    proj = project()
    write_html_site(proj, proj.scenarios[0], tmp_path / "site", view="teacher")
    page = _parse(tmp_path / "site" / "teacher-t2.html")
    text = " | ".join(page.text)
    assert "Teacher: Ben Brook" in text
    assert "8:00–9:30 | Math 10 | Grade 10 · Lab 2" in text
    assert "10:10–11:00 | Math 9 | Grade 9 · Room 101 · Term 1" in text
    assert not (tmp_path / "site" / "cohort-c9.html").exists()
    master = " | ".join(_parse(tmp_path / "site" / "master.html").text)
    assert "A day — Block day" in master and "Humanities 9" in master
