"""The comparison report: what a comparison holds, and its HTML and PDF renderings with charts.

The data classes live here (not in services) because the report writers need them and ``io`` may
not import ``services``; :mod:`dlplanner.services.compare` fills them in. The HTML report is one
self-contained file (charts as inline SVG); the PDF report has the same tables and the same charts
(as PNG images), landscape A4 or Letter.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

# -- what a comparison holds -------------------------------------------------------------------


@dataclass
class Row:
    """One line of a measure table: a label and one value per compared scenario."""

    label: str
    values: list[float | int | str | None]


@dataclass
class MeasureTable:
    """One measure across the compared scenarios (a column per scenario)."""

    id: str
    title: str
    unit: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    chart: bool = True  # draw a grouped bar chart of the numeric values
    decimals: int = 0

    def numeric(self) -> bool:
        return any(isinstance(v, (int, float)) for r in self.rows for v in r.values)

    def differs(self) -> bool:
        """Whether any row has different values in different scenarios (else a chart shows nothing)."""
        return any(len({repr(v) for v in r.values}) > 1 for r in self.rows)

    def charted(self) -> bool:
        return self.chart and self.numeric() and self.differs()


@dataclass
class PlacementChange:
    """One meeting that differs between two scenarios."""

    section_id: str
    section: str
    meeting: int
    before: str  # "A day 8:00–9:30 · Room 101 · Ana Alvarez", or "" when not placed
    after: str
    what: list[str]  # "time", "day", "room", "teachers", "added", "removed"


@dataclass
class PairDiff:
    """What moved between scenario ``a`` and scenario ``b``, and whose days changed."""

    a_name: str
    b_name: str
    changes: list[PlacementChange] = field(default_factory=list)
    unchanged: int = 0
    teacher_days: list[tuple[str, list[str]]] = field(default_factory=list)  # teacher, day names changed
    same_cycle: bool = True  # False: different day types, so every meeting is on another day

    @property
    def summary(self) -> str:
        moved = sum(1 for c in self.changes if {"day", "time"} & set(c.what))
        text = f"{len(self.changes)} meeting(s) differ ({moved} moved), {self.unchanged} unchanged"
        if not self.same_cycle:
            return text + "; the two scenarios have different cycles of day types, so every meeting changes day"
        return text + f"; {len(self.teacher_days)} teacher(s) have a changed day"


@dataclass
class Comparison:
    """Everything the comparison view and report show, for 2–4 scenarios of one project."""

    project_name: str
    school_name: str
    scenario_names: list[str]
    scenario_ids: list[str]
    tables: list[MeasureTable] = field(default_factory=list)
    diffs: list[PairDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    created: datetime | None = None

    def table(self, table_id: str) -> MeasureTable:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def value(self, table_id: str, label: str, scenario: int) -> float | int | str | None:
        for row in self.table(table_id).rows:
            if row.label == label:
                return row.values[scenario]
        raise KeyError(f"{table_id}: {label}")


# -- formatting ----------------------------------------------------------------------------------

COLORS = ["#3b6ea8", "#e08a2c", "#4a9a5b", "#a8508a"]
MAX_CHART_ROWS = 24
MAX_DIFF_LINES = 60
SAME = "The same in every scenario (no chart)."


def fmt_value(value: float | int | str | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and decimals:
        return f"{value:,.{decimals}f}"
    return f"{round(value):,}"


def _chart_figure(table: MeasureTable, names: list[str]):
    """A grouped horizontal bar chart of a table's numeric rows (first MAX_CHART_ROWS rows).

    Names are drawn as plain text: matplotlib would read ``Pay $5_$`` as mathematics (and fail).
    """
    import matplotlib

    with matplotlib.rc_context({"text.parse_math": False}):
        return _draw_chart(table, names)


def _draw_chart(table: MeasureTable, names: list[str]):
    from matplotlib.figure import Figure  # no pyplot, no backend switch: safe inside the Qt app
    from matplotlib.ticker import FuncFormatter

    rows = [r for r in table.rows if any(isinstance(v, (int, float)) for v in r.values)][:MAX_CHART_ROWS]
    n = len(names)
    height = min(8.5, max(1.6, 0.28 * len(rows) * max(n, 2) / 2 + 0.9))
    fig = Figure(figsize=(7.2, height), dpi=100)
    ax = fig.add_subplot(111)
    bar_h = 0.8 / n
    bars = []
    for i in range(n):
        ys = [k + i * bar_h for k in range(len(rows))]
        xs = [float(r.values[i]) if isinstance(r.values[i], (int, float)) else 0.0 for r in rows]
        bars.append(ax.barh(ys, xs, height=bar_h * 0.92, color=COLORS[i % len(COLORS)]))
    ax.set_yticks([k + (n - 1) * bar_h / 2 for k in range(len(rows))])
    ax.set_yticklabels([r.label if len(r.label) <= 32 else r.label[:31] + "…" for r in rows], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:,.0f}"))
    ax.set_xlabel(table.unit, fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    # handles and labels given, so that a name starting with "_" is listed too
    ax.legend(bars, names, fontsize=8, loc="lower right", frameon=False, ncol=min(n, 4), bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def chart_svg(table: MeasureTable, names: list[str]) -> str:
    import matplotlib

    fig = _chart_figure(table, names)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "dlplanner"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.find("<svg") :]


def chart_png(table: MeasureTable, names: list[str], dpi: int = 150) -> bytes:
    fig = _chart_figure(table, names)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


# -- HTML ----------------------------------------------------------------------------------------

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .1em; }
h2 { font-size: 1.15em; margin-top: 1.8em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
.caption, .note { color: #555; font-size: .85em; }
table { border-collapse: collapse; margin: .6em 0; font-size: .85em; }
table.measure { width: 100%; table-layout: fixed; }
table.measure th:first-child { width: 34%; }
th, td { border: 1px solid #bbb; padding: 3px 8px; }
th { background: #dde4ee; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: baseline; }
.chart svg { max-width: 100%; height: auto; }
ul.diff { font-size: .85em; }
h2, h3 { break-after: avoid; }
.chart, tr { break-inside: avoid; }
"""


def _html_table(table: MeasureTable, names: list[str]) -> str:
    head = "".join(
        f'<th><span class="swatch" style="background:{COLORS[i % len(COLORS)]}"></span>{escape(n)}</th>'
        for i, n in enumerate(names)
    )
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<td class="num">{escape(fmt_value(v, table.decimals))}</td>'
            if not isinstance(v, str)
            else f"<td>{escape(v)}</td>"
            for v in row.values
        )
        rows.append(f"<tr><th>{escape(row.label)}</th>{cells}</tr>")
    return f'<table class="measure"><tr><th>{escape(table.unit)}</th>{head}</tr>{"".join(rows)}</table>'


def render_html(comparison: Comparison) -> str:
    names = comparison.scenario_names
    title = f"Scenario comparison — {comparison.school_name or comparison.project_name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<div class="caption">Project {escape(comparison.project_name)} · scenarios: '
        f"{escape(', '.join(names))}"
        + (f" · made {comparison.created:%d %b %Y %H:%M}" if comparison.created else "")
        + "</div>",
    ]
    if comparison.notes:
        parts.append('<ul class="note">' + "".join(f"<li>{escape(n)}</li>" for n in comparison.notes) + "</ul>")
    for table in comparison.tables:
        parts.append(f'<h2 id="{escape(table.id)}">{escape(table.title)}</h2>')
        if table.note:
            parts.append(f'<p class="note">{escape(table.note)}</p>')
        if not table.rows:
            parts.append('<p class="note">Nothing to compare.</p>')
            continue
        parts.append(_html_table(table, names))
        if table.charted():
            parts.append(f'<div class="chart">{chart_svg(table, names)}</div>')
        elif table.chart and table.numeric():
            parts.append(f'<p class="note">{SAME}</p>')
    parts.append('<h2 id="diff">What moved</h2>')
    for diff in comparison.diffs:
        parts.append(f"<h3>{escape(diff.a_name)} → {escape(diff.b_name)}</h3>")
        parts.append(f'<p class="note">{escape(diff.summary)}</p>')
        if diff.teacher_days:
            items = "".join(f"<li>{escape(name)}: {escape(', '.join(days))}</li>" for name, days in diff.teacher_days)
            parts.append(f'<p>Teachers whose days changed:</p><ul class="diff">{items}</ul>')
        if diff.changes:
            rows = "".join(
                f"<tr><td>{escape(c.section)} #{c.meeting + 1}</td><td>{escape(c.before or 'not placed')}</td>"
                f"<td>{escape(c.after or 'not placed')}</td><td>{escape(', '.join(c.what))}</td></tr>"
                for c in diff.changes[:MAX_DIFF_LINES]
            )
            parts.append(
                f"<table><tr><th>Meeting</th><th>{escape(diff.a_name)}</th><th>{escape(diff.b_name)}</th>"
                f"<th>Changed</th></tr>{rows}</table>"
            )
            if len(diff.changes) > MAX_DIFF_LINES:
                parts.append(f'<p class="note">… and {len(diff.changes) - MAX_DIFF_LINES} more.</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html_report(comparison: Comparison, path: Path) -> Path:
    path.write_text(render_html(comparison), encoding="utf-8")
    return path


# -- PDF -----------------------------------------------------------------------------------------


def write_pdf_report(comparison: Comparison, path: Path, paper: str = "a4") -> Path:
    """The same tables and charts as the HTML report, on portrait A4 or Letter pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import (
        Image,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from dlplanner.io.exports.pdf import fonts

    regular, bold = fonts()
    size = {"a4": A4, "letter": letter}.get(paper.lower())
    if size is None:
        raise ValueError(f"Unknown paper '{paper}' (papers: a4, letter)")
    width = min(A4[0], letter[0]) - 2 * 42
    st = {
        "title": ParagraphStyle("t", fontName=bold, fontSize=16, leading=20),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", fontName=bold, fontSize=9.5, leading=12, spaceBefore=6, spaceAfter=2),
        "note": ParagraphStyle("n", fontName=regular, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("c", fontName=regular, fontSize=7.5, leading=9),
        "num": ParagraphStyle("num", fontName=regular, fontSize=7.5, leading=9, alignment=2),
        "head": ParagraphStyle("h", fontName=bold, fontSize=7.5, leading=9),
    }

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    names = comparison.scenario_names
    story: list = [
        Paragraph(esc(f"Scenario comparison — {comparison.school_name or comparison.project_name}"), st["title"]),
        Paragraph(esc(f"Project {comparison.project_name} · scenarios: {', '.join(names)}"), st["note"]),
    ]
    for note in comparison.notes:
        story.append(Paragraph(esc(f"• {note}"), st["note"]))
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#aaaaaa")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    label_w = width * 0.34
    value_w = (width - label_w) / max(len(names), 1)
    for table in comparison.tables:
        head = [Paragraph(esc(table.title), st["h2"])]
        if table.note:
            head.append(Paragraph(esc(table.note), st["note"]))
        if not table.rows:
            story.append(KeepTogether([*head, Paragraph("Nothing to compare.", st["note"])]))
            continue
        data = [[Paragraph(esc(table.unit), st["head"])] + [Paragraph(esc(n), st["head"]) for n in names]]
        for row in table.rows:
            data.append(
                [Paragraph(esc(row.label), st["cell"])]
                + [
                    Paragraph(esc(fmt_value(v, table.decimals)), st["cell"] if isinstance(v, str) else st["num"])
                    for v in row.values
                ]
            )
        t = Table(data, colWidths=[label_w] + [value_w] * len(names), repeatRows=1)
        t.setStyle(grid)
        story.append(KeepTogether([*head, t]) if len(data) < 25 else head[0])
        if len(data) >= 25:
            story.extend(head[1:])
            story.append(t)
        if table.charted():
            png = chart_png(table, names)
            image = Image(io.BytesIO(png))
            scale = width / image.imageWidth
            image.drawWidth, image.drawHeight = width, image.imageHeight * scale
            tallest = size[1] - 84 - 24
            if image.drawHeight > tallest:  # keep the aspect ratio, shrink to one page
                image.drawWidth, image.drawHeight = width * tallest / image.drawHeight, tallest
            story.append(Spacer(1, 4))
            story.append(image)
        elif table.chart and table.numeric():
            story.append(Paragraph(SAME, st["note"]))
    story.append(Paragraph("What moved", st["h2"]))
    for diff in comparison.diffs:
        story.append(Paragraph(esc(f"{diff.a_name} → {diff.b_name}"), st["h3"]))
        story.append(Paragraph(esc(diff.summary), st["note"]))
        if diff.teacher_days:
            text = "; ".join(f"{name}: {', '.join(days)}" for name, days in diff.teacher_days)
            story.append(Paragraph(esc(f"Teachers whose days changed — {text}"), st["cell"]))
        if diff.changes:
            data = [[Paragraph(x, st["head"]) for x in ("Meeting", esc(diff.a_name), esc(diff.b_name), "Changed")]]
            for c in diff.changes[:MAX_DIFF_LINES]:
                data.append(
                    [
                        Paragraph(esc(f"{c.section} #{c.meeting + 1}"), st["cell"]),
                        Paragraph(esc(c.before or "not placed"), st["cell"]),
                        Paragraph(esc(c.after or "not placed"), st["cell"]),
                        Paragraph(esc(", ".join(c.what)), st["cell"]),
                    ]
                )
            t = Table(data, colWidths=[width * 0.22, width * 0.33, width * 0.33, width * 0.12], repeatRows=1)
            t.setStyle(grid)
            story.append(Spacer(1, 3))
            story.append(t)
            if len(diff.changes) > MAX_DIFF_LINES:
                story.append(Paragraph(f"… and {len(diff.changes) - MAX_DIFF_LINES} more.", st["note"]))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(42, 24, f"{comparison.school_name or comparison.project_name} · scenario comparison")
        canvas.drawRightString(size[0] - 42, 24, f"page {doc.page} · dlplanner")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=(size[0] - width) / 2,
        rightMargin=(size[0] - width) / 2,
        topMargin=42,
        bottomMargin=42,
        title=f"Scenario comparison — {comparison.project_name}",
        author="dlplanner",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


def write_report(comparison: Comparison, path: Path, paper: str = "a4") -> Path:
    """HTML or PDF by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return write_html_report(comparison, path)
    if suffix == ".pdf":
        return write_pdf_report(comparison, path, paper)
    raise ValueError(f"A comparison report is .html or .pdf, not '{path.name}'")
