"""A small static HTML site of a timetable: index, master schedule, one page per teacher, cohort and room
(or per student).

Plain HTML with the style sheet inlined in every page and relative links only, so the folder works
offline, from a USB stick or a shared drive, and prints one timetable per page.
"""

from __future__ import annotations

from collections.abc import Collection
from html import escape
from pathlib import Path

from dlplanner.domain import Project, Scenario
from dlplanner.io.exports.common import ExportError, Owner, Timetable, block_label, entry_lines, scenario_caption
from dlplanner.io.exports.words import Words
from dlplanner.io.exports.xlsx import light

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .2em 0; }
h2 { font-size: 1.1em; margin: 1.2em 0 .4em 0; }
.caption { color: #555; font-size: .85em; margin-bottom: 1em; }
nav { font-size: .85em; margin-bottom: 1em; }
table.tt { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.tt th, table.tt td { border: 1px solid #aaa; padding: 3px 5px; vertical-align: top; font-size: .8em; }
table.tt th { background: #dde4ee; }
td.empty { color: #999; background: #fafafa; }
td .time { font-size: .85em; color: #444; }
td .title { font-weight: bold; }
td .detail { font-size: .9em; }
th.rowhead { text-align: left; width: 12em; }
ul.owners { columns: 3; }
@media print { nav { display: none; } body { margin: 0; } }
"""


def _page(title: str, caption: str, body: str, nav: bool = True, words: Words | None = None) -> str:
    words = words or Words()
    links = (
        f'<nav><a href="index.html">{words("Index")}</a> · <a href="master.html">{words("Master schedule")}</a></nav>'
        if nav
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{links}\n"
        f'<h1>{escape(title)}</h1>\n<div class="caption">{escape(caption)}</div>\n{body}\n</body>\n</html>\n'
    )


def _time(start: int, end: int) -> str:
    return f"{start // 60}:{start % 60:02d}–{end // 60}:{end % 60:02d}"


def owner_table(tt: Timetable, owner: Owner) -> str:
    """Day types as columns, each day's blocks as rows; a double block spans rows."""
    days = tt.day_types
    grids = {d.id: {c.first: c for c in tt.grid(owner.entries, d.id)} for d in days}
    rows = max((len(tt.slots(d.id)) for d in days), default=0)
    covered: dict[str, set[int]] = {d.id: set() for d in days}
    out = ['<table class="tt">', "<tr>" + "".join(f"<th>{escape(d.name)}</th>" for d in days) + "</tr>"]
    for r in range(rows):
        cells = []
        for d in days:
            if r in covered[d.id]:
                continue
            cell = grids[d.id].get(r)
            if cell is None:
                cells.append('<td class="empty"></td>')
                continue
            covered[d.id].update(range(r, r + cell.span))
            span = f' rowspan="{cell.span}"' if cell.span > 1 else ""
            time = f'<div class="time">{_time(cell.start, cell.end)}</div>'
            if cell.entries:
                parts = [time]
                for e in cell.entries:
                    lines = entry_lines(e, owner.kind)
                    parts.append(f'<div class="title">{escape(lines[0])}</div>')
                    parts.extend(f'<div class="detail">{escape(line)}</div>' for line in lines[1:])
                color = light(cell.entries[0].color)
                cells.append(f'<td{span} style="background:#{color}">{"".join(parts)}</td>')
            else:
                label = " / ".join(block_label(b) for b in cell.blocks)
                cells.append(f'<td{span} class="empty">{time}{escape(label)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def master_tables(tt: Timetable) -> str:
    parts = []
    for day in tt.day_types:
        slots = tt.teaching_slots(day.id)
        if not slots:
            continue
        bell = tt.bell_name(day.id)
        parts.append(f"<h2>{escape(day.name)}{escape(f' — {bell}' if bell else '')}</h2>")
        head = "".join(f"<th>{escape(block_label(b))}<br>{_time(b.start, b.end)}</th>" for b in slots)
        rows = ['<table class="tt">', f'<tr><th class="rowhead">Teacher</th>{head}</tr>']
        for teacher_id, name in tt.master_rows():
            cells = []
            for block in slots:
                entries = tt.master_entries(teacher_id, day.id, block)
                if entries:
                    text = "<br>".join(
                        f'<span class="title">{escape(e.title)}</span> {escape(e.room)}'
                        + (f" <i>{escape(e.term)}</i>" if e.term else "")
                        for e in entries
                    )
                    cells.append(f'<td style="background:#{light(entries[0].color)}">{text}</td>')
                else:
                    cells.append('<td class="empty"></td>')
            rows.append(f'<tr><th class="rowhead">{escape(name)}</th>{"".join(cells)}</tr>')
        rows.append("</table>")
        parts.append("\n".join(rows))
    return "\n".join(parts)


def index_page(tt: Timetable, owners: dict[str, list[Owner]]) -> str:
    words = tt.words
    counts = tt.scenario.calendar.day_type_counts()
    days = "".join(
        f"<li>{escape(d.name)}: {escape(tt.bell_name(d.id))} — {school_days}</li>"
        for d in tt.day_types
        for school_days in [words("{days} school days", days=counts.get(d.id, 0))]
    )
    body = [
        f"<h2>{words('Calendar')}</h2>",
        f"<ul>{days}</ul>",
        f'<p><a href="master.html">{words("Master schedule")}</a></p>',
    ]
    titles = {"teacher": "Teachers", "cohort": "Cohorts", "room": "Rooms", "student": "Students"}
    for kind, group in owners.items():
        if not group:
            continue
        if kind == "student":  # a list per grade
            grades = sorted({o.grade or 0 for o in group})
            for grade in grades:
                items = "".join(
                    f'<li><a href="{o.slug}.html">{escape(o.name)}</a></li>' for o in group if (o.grade or 0) == grade
                )
                heading = words("Students — grade {grade}", grade=grade) if grade else words("Students")
                body.append(f'<h2>{heading}</h2><ul class="owners">{items}</ul>')
            continue
        items = "".join(f'<li><a href="{o.slug}.html">{escape(o.name)}</a></li>' for o in group)
        body.append(f'<h2>{words(titles[kind])}</h2><ul class="owners">{items}</ul>')
    return _page(
        f"{tt.school_name} — {tt.scenario.name}", scenario_caption(tt), "\n".join(body), nav=False, words=words
    )


def write_html_site(
    project: Project,
    scenario: Scenario,
    out: Path,
    view: str | None = None,
    student_ids: Collection[str] | None = None,
    language: str = "en",
) -> list[Path]:
    """Write ``index.html``, ``master.html`` and one page per owner into the folder ``out`` (the student view:
    a page per student of ``student_ids``, or per student); dlplanner's own words in ``language``."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; the HTML export writes a folder (index.html and one page per timetable)")
    tt = Timetable(project, scenario, student_ids, language)
    out.mkdir(parents=True, exist_ok=True)
    kinds = ("teacher", "cohort", "room") if view in (None, "master") else (view,)
    owners = {kind: tt.owners(kind) for kind in kinds} if view != "master" else {}
    written = []
    caption = scenario_caption(tt)
    (out / "index.html").write_text(index_page(tt, owners), encoding="utf-8")
    (out / "master.html").write_text(
        _page(tt.words("Master schedule — {name}", name=tt.school_name), caption, master_tables(tt), words=tt.words),
        encoding="utf-8",
    )
    written += [out / "index.html", out / "master.html"]
    for group in owners.values():
        for owner in group:
            path = out / f"{owner.slug}.html"
            text = " · ".join(filter(None, [owner.detail, caption]))
            path.write_text(_page(owner.title, text, owner_table(tt, owner), words=tt.words), encoding="utf-8")
            written.append(path)
    return written
