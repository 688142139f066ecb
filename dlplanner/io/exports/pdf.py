"""Printable PDF timetables: master schedule pages, then one page per teacher, cohort and room (or per student).

Pages are landscape A4 or US Letter; everything is laid out inside the frame both share
(720 × 523 pt), so one file prints on either paper without clipping. Owner pages draw each day
type as a column on a real time scale with its bell schedule's blocks behind the meetings, so
day types with different bell times read correctly side by side.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dlplanner.domain import BlockKind, Project, Scenario
from dlplanner.io.exports.common import ExportError, Owner, Timetable, block_label, entry_lines, scenario_caption
from dlplanner.io.exports.pdf_fonts import default_paper, draw_string, fonts, markup, paragraph_style, string_width
from dlplanner.io.exports.xlsx import light

PAPERS = {"a4": landscape(A4), "letter": landscape(letter)}
MARGIN = 36
# the frame both papers share, so a page laid out for one fits the other
FRAME_W = min(PAPERS["a4"][0], PAPERS["letter"][0]) - 2 * MARGIN
FRAME_H = min(PAPERS["a4"][1], PAPERS["letter"][1]) - 2 * MARGIN - 14  # room for the footer


def _hex(color: str) -> colors.Color:
    return colors.HexColor("#" + light(color))


def _time(start: int, end: int) -> str:
    return f"{start // 60}:{start % 60:02d}–{end // 60}:{end % 60:02d}"


class TimeGrid(Flowable):
    """Day types as columns on a real time axis: bell blocks in grey, entries in subject colours."""

    AXIS = 34
    HEADER = 30

    def __init__(self, tt: Timetable, owner: Owner, width: float, height: float) -> None:
        super().__init__()
        self.tt, self.owner = tt, owner
        self.width, self.height = width, height
        terms = sorted(tt.scenario.calendar.terms, key=lambda t: (t.start, t.end))
        self.term_rank = {t.id: i for i, t in enumerate(terms)}

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        regular, bold = fonts()
        c = self.canv
        tt = self.tt
        days = tt.day_types or []
        start, end = tt.day_span()
        start, end = (start // 30) * 30, -(-end // 30) * 30
        body_h = self.height - self.HEADER
        col_w = (self.width - self.AXIS) / max(len(days), 1)
        scale = body_h / max(end - start, 1)

        def y_of(minutes: int) -> float:
            return body_h - (minutes - start) * scale

        # hour lines and labels
        c.setFont(regular, 7)
        for minute in range(start, end + 1, 30):
            y = y_of(minute)
            c.setStrokeColor(colors.HexColor("#dddddd") if minute % 60 else colors.HexColor("#bbbbbb"))
            c.setLineWidth(0.4)
            c.line(self.AXIS - 3, y, self.width, y)
            if minute % 60 == 0:
                c.setFillColor(colors.HexColor("#555555"))
                c.drawRightString(self.AXIS - 5, y - 2.5, f"{minute // 60}:00")
        for i, day in enumerate(days):
            x = self.AXIS + i * col_w
            # header
            c.setFillColor(colors.HexColor("#dde4ee"))
            c.rect(x, body_h, col_w, self.HEADER, stroke=0, fill=1)
            c.setFillColor(colors.black)
            c.setFont(bold, 9)
            c.drawCentredString(x + col_w / 2, body_h + 17, _fit(day.name, bold, 9, col_w - 4))
            c.setFont(regular, 6.5)
            c.drawCentredString(x + col_w / 2, body_h + 6, _fit(tt.bell_name(day.id), regular, 6.5, col_w - 4))
            # bell blocks
            for block in tt.slots(day.id):
                y0, y1 = y_of(block.end), y_of(block.start)
                shade = "#f4f4f4" if block.kind in (BlockKind.CLASS, BlockKind.ADVISORY) else "#e9e9e9"
                c.setFillColor(colors.HexColor(shade))
                c.setStrokeColor(colors.HexColor("#cccccc"))
                c.setLineWidth(0.3)
                c.rect(x + 1, y0, col_w - 2, y1 - y0, stroke=1, fill=1)
                if y1 - y0 >= 8:
                    c.setFillColor(colors.HexColor("#999999"))
                    c.setFont(regular, 6)
                    label = f"{block_label(block)} {_time(block.start, block.end)}"
                    c.drawString(x + 3, y1 - 7, _fit(label, regular, 6, col_w - 6))
            # entries
            todays = [e for e in self.owner.entries if e.day_type_id == day.id]
            lanes = _lanes(todays, self.term_rank)
            for entry, lane, lane_count in lanes:
                lane_w = (col_w - 4) / lane_count
                ex = x + 2 + lane * lane_w
                y0, y1 = y_of(entry.end), y_of(entry.start)
                c.setFillColor(_hex(entry.color))
                c.setStrokeColor(colors.HexColor("#666666"))
                c.setLineWidth(0.6)
                c.roundRect(ex, y0 + 0.5, lane_w, y1 - y0 - 1, 2, stroke=1, fill=1)
                self._entry_text(entry, ex, y0, lane_w, y1 - y0)
        c.setStrokeColor(colors.HexColor("#888888"))
        c.setLineWidth(0.6)
        c.rect(self.AXIS, 0, self.width - self.AXIS, self.height, stroke=1, fill=0)

    def _entry_text(self, entry, x: float, y0: float, w: float, h: float) -> None:
        regular, bold = fonts()
        c = self.canv
        lines = entry_lines(entry, self.owner.kind)
        size = 7.5 if h >= 30 else 6.5
        lead = size + 1.5
        rows: list[tuple[str, str]] = []
        rows += [(bold, t) for t in simpleSplit(lines[0], bold, size, w - 4)]
        rows.append((regular, entry.time))
        for detail in lines[1:]:
            rows += [(regular, t) for t in simpleSplit(detail, regular, size - 0.5, w - 4)]
        room = int((h - 2) // lead)
        if room <= 0:
            return
        if len(rows) > room and room <= 2:  # short sitting: title and time on one line
            rows = [(bold, f"{lines[0]}  {entry.time}"), *rows[len(simpleSplit(lines[0], bold, size, w - 4)) + 1 :]]
        if len(rows) > room:
            rows = rows[:room]
            font, text = rows[-1]
            rows[-1] = (font, _fit(text + "…", font, size, w - 4))
        c.setFillColor(colors.black)
        y = y0 + h - size - 1.5
        for font, text in rows:
            draw_string(c, x + 2, y, _fit(text, font, size, w - 4), font, size if font == bold else size - 0.5)
            y -= lead


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it is at most ``width`` points wide."""
    if string_width(text, font, size) <= width:
        return text
    while text and string_width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…" if text else ""


def _lanes(entries, term_rank: dict[str, int]):
    """Side-by-side lanes for entries that overlap (term courses sharing a block, earlier term left)."""
    ordered = sorted(entries, key=lambda e: (e.start, term_rank.get(e.event.term_id or "", -1), e.end))
    placed: list[tuple[object, int]] = []
    groups: list[list[tuple[object, int]]] = []
    group_end = -1
    for entry in ordered:
        if entry.start >= group_end:
            groups.append([])
        group = groups[-1]
        used = {lane for other, lane in group if other.end > entry.start}
        lane = next(i for i in range(len(group) + 1) if i not in used)
        group.append((entry, lane))
        group_end = max(group_end, entry.end)
    for group in groups:
        count = max(lane for _, lane in group) + 1
        placed.extend((entry, lane, count) for entry, lane in group)
    return placed


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=15, leading=18, spaceAfter=2),
        "caption": ParagraphStyle("caption", fontName=regular, fontSize=8, leading=10, textColor=colors.grey),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=6.5, leading=7.8),
        "cellb": ParagraphStyle("cellb", fontName=bold, fontSize=6.8, leading=8),
        "head": ParagraphStyle("head", fontName=bold, fontSize=7, leading=8.5, alignment=1),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=11, leading=14, spaceBefore=4, spaceAfter=4),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _para(text_markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph whose words in Arabic or Bengali are shaped (see pdf_fonts)."""
    return Paragraph(text_markup, paragraph_style(text_markup, style))


def _text(text: str, bold: bool = False) -> str:
    """Escaped markup for a name or title: each script in a font that has its letters."""
    return markup(text, _esc, bold)


def master_story(tt: Timetable) -> list:
    """One table per day type: teachers as rows, the day's class and advisory blocks as columns."""
    st = _styles()
    story: list = []
    first = True
    for day in tt.day_types:
        slots = tt.teaching_slots(day.id)
        if not slots:
            continue
        if not first:
            story.append(PageBreak())
        first = False
        bell = tt.bell_name(day.id)
        title = tt.words("Master schedule — {name}", name=day.name) + (f" ({bell})" if bell else "")
        story.append(_para(_text(title, bold=True), st["title"]))
        story.append(_para(_text(scenario_caption(tt)), st["caption"]))
        story.append(Spacer(1, 6))
        name_w = 96
        col_w = (FRAME_W - name_w) / len(slots)
        header = [Paragraph(tt.words("Teacher"), st["head"])] + [
            Paragraph(f"{_esc(block_label(b))}<br/>{_time(b.start, b.end)}", st["head"]) for b in slots
        ]
        data = [header]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
            ("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#f0f3f7")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        for r, (teacher_id, name) in enumerate(tt.master_rows(), start=1):
            row = [_para(_text(name, bold=True), st["cellb"])]
            for c, block in enumerate(slots, start=1):
                entries = tt.master_entries(teacher_id, day.id, block)
                text = "<br/>".join(
                    f"<b>{_text(e.title, bold=True)}</b>"
                    + (f" · {_text(e.room)}" if e.room else "")
                    + (f" · <i>{_text(e.term)}</i>" if e.term else "")
                    for e in entries
                )
                row.append(_para(text, st["cell"]))
                if entries:
                    style.append(("BACKGROUND", (c, r), (c, r), _hex(entries[0].color)))
            data.append(row)
        table = Table(data, colWidths=[name_w] + [col_w] * len(slots), repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    return story


def owner_story(tt: Timetable, owner: Owner) -> list:
    st = _styles()
    title = _para(_text(owner.title, bold=True), st["title"])
    caption = _para(_text(" · ".join(filter(None, [owner.detail, scenario_caption(tt)]))), st["caption"])
    used = 18 + 10 + 8
    return [title, caption, Spacer(1, 8), TimeGrid(tt, owner, FRAME_W, FRAME_H - used - 4)]


def write_pdf(
    project: Project,
    scenario: Scenario,
    out: Path,
    view: str | None = None,
    paper: str | None = None,
    student_ids: Collection[str] | None = None,
    language: str = "en",
) -> list[Path]:
    """Master pages (unless another view is asked for), then a page per teacher, cohort and room (or per ``view``;
    the student view: a page per student of ``student_ids``, or per student); dlplanner's own words in
    ``language``."""
    paper = paper or default_paper()
    if paper.lower() not in PAPERS:
        raise ExportError(f"Unknown paper '{paper}' (papers: a4, letter)")
    tt = Timetable(project, scenario, student_ids, language)
    page_w, page_h = PAPERS[paper.lower()]
    regular, _ = fonts()

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.grey)
        draw_string(canvas, MARGIN, MARGIN - 14, f"{tt.school_name} · {scenario.name}", regular, 7)
        canvas.setFont(regular, 7)
        canvas.drawRightString(page_w - MARGIN, MARGIN - 14, f"page {doc.page} · dlplanner")
        canvas.restoreState()

    x0 = (page_w - FRAME_W) / 2
    y0 = (page_h - FRAME_H) / 2 + 4
    frame = Frame(x0, y0, FRAME_W, FRAME_H, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc = BaseDocTemplate(
        str(out),
        pagesize=(page_w, page_h),
        title=f"{tt.school_name} — {scenario.name}",
        author="dlplanner",
        subject=tt.words("Timetable"),
    )
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=footer)])
    story: list = []
    if view in (None, "master"):
        story.extend(master_story(tt))
    if view != "master":
        for owner in tt.owners_for(view, ("teacher", "cohort", "room")):
            if story:
                story.append(PageBreak())
            story.extend(owner_story(tt, owner))
    if not story:
        empty = "no students" if view == "student" else "no day types"
        story.append(Paragraph(f"Nothing to print: the scenario has {empty}.", _styles()["caption"]))
    doc.build(story)
    return [out]
