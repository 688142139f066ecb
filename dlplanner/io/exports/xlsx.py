"""XLSX export: a master-schedule sheet plus one sheet per teacher and per cohort, set up for printing.

Sheets print landscape, fitted to one page wide, with their header rows repeated; cells are
coloured by subject and wrap their text. Names follow docs/exports.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dlplanner.domain import Project, Scenario
from dlplanner.io.exports.common import Owner, Timetable, block_label, entry_lines, scenario_caption

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
KIND_PREFIX = {"teacher": "T", "cohort": "C", "room": "R"}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # XML 1.0 cannot hold these


def light(color: str, amount: float = 0.65) -> str:
    """A pale version of a #rrggbb subject colour, so black text stays readable on it."""
    c = color.lstrip("#")
    if len(c) != 6 or not re.fullmatch(r"[0-9a-fA-F]{6}", c):
        c = "8aa4c8"
    rgb = [int(c[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(v + (255 - v) * amount):02X}" for v in rgb)


def _clean(text: str) -> str:
    """``text`` without the characters an XLSX file cannot hold (each becomes U+FFFD)."""
    return NOT_XML.sub("\ufffd", text)


def _put(ws: Worksheet, row: int, column: int, value: str | int) -> Cell:
    """Write a value into a cell; text is always stored as text, never as a formula.

    openpyxl turns any text starting with ``=`` into a formula, so a teacher named
    ``=HYPERLINK(…)`` or ``=WEBSERVICE(…)`` would run when the file is opened.
    """
    cell = ws.cell(row, column)
    if isinstance(value, str):
        cell.value = _clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _sheet_title(wb: Workbook, wanted: str) -> str:
    base = re.sub(r"[\[\]\*\?/\\:]", "-", _clean(wanted))[:28].strip() or "Sheet"
    title, n = base, 2
    existing = {ws.title.casefold() for ws in wb.worksheets}
    while title.casefold() in existing:
        title, n = f"{base[:25]} {n}", n + 1
    return title


def _print_setup(ws: Worksheet, header_rows: str, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = header_rows
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def _titles(ws: Worksheet, tt: Timetable, title: str) -> None:
    _put(ws, 1, 1, title).font = Font(size=14, bold=True)
    _put(ws, 2, 1, scenario_caption(tt)).font = Font(size=9, italic=True, color="555555")


def write_master_sheet(ws: Worksheet, tt: Timetable) -> None:
    """Rows: teachers. Columns: each day type's class and advisory blocks with their real times."""
    _titles(ws, tt, f"Master schedule — {tt.school_name}")
    _put(ws, 4, 1, "Teacher").font = Font(bold=True)
    ws.cell(4, 1).fill = HEADER_FILL
    ws.merge_cells(start_row=4, start_column=1, end_row=5, end_column=1)
    col = 2
    columns = []
    for day in tt.day_types:
        slots = tt.teaching_slots(day.id)
        if not slots:
            continue
        _put(ws, 4, col, f"{day.name} ({tt.bell_name(day.id)})" if tt.bell_name(day.id) else day.name)
        if len(slots) > 1:
            ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + len(slots) - 1)
        for block in slots:
            cell = _put(ws, 5, col, f"{block_label(block)}\n{_time(block.start, block.end)}")
            cell.alignment, cell.fill, cell.border = CENTER, HEADER_FILL, BORDER
            cell.font = Font(bold=True, size=9)
            ws.column_dimensions[get_column_letter(col)].width = 18
            columns.append((col, day.id, block))
            col += 1
    for c in range(2, col):
        head = ws.cell(4, c)
        head.font, head.alignment, head.fill, head.border = Font(bold=True), CENTER, HEADER_FILL, BORDER
    ws.column_dimensions["A"].width = 22
    ws.row_dimensions[5].height = 28
    for r, (teacher_id, name) in enumerate(tt.master_rows(), start=6):
        _put(ws, r, 1, name).font = Font(bold=True)
        ws.cell(r, 1).border = BORDER
        ws.cell(r, 1).alignment = WRAP
        for c, day_type_id, block in columns:
            entries = tt.master_entries(teacher_id, day_type_id, block)
            cell = ws.cell(r, c)
            cell.border, cell.alignment = BORDER, WRAP
            cell.font = Font(size=9)
            if entries:
                text = "\n".join(
                    " · ".join(
                        x for x in (e.title, e.room, ", ".join(e.cohorts) if not e.is_advisory else "", e.term) if x
                    )
                    for e in entries
                )
                _put(ws, r, c, text)
                cell.fill = PatternFill("solid", fgColor=light(entries[0].color))
        ws.row_dimensions[r].height = 32
    ws.freeze_panes = "B6"
    _print_setup(ws, "4:5")
    ws.print_title_cols = "A:A"


def write_owner_sheet(ws: Worksheet, tt: Timetable, owner: Owner) -> None:
    """One column per day type; its rows are that day's blocks, a double block merged over two rows."""
    _titles(ws, tt, owner.title)
    _put(ws, 4, 1, "#").font = Font(bold=True)
    ws.cell(4, 1).fill, ws.cell(4, 1).border, ws.cell(4, 1).alignment = HEADER_FILL, BORDER, CENTER
    ws.column_dimensions["A"].width = 4
    rows = max((len(tt.slots(d.id)) for d in tt.day_types), default=0)
    for r in range(rows):
        _put(ws, 5 + r, 1, r + 1).alignment = CENTER
        ws.cell(5 + r, 1).border = BORDER
        ws.row_dimensions[5 + r].height = 44
    for c, day in enumerate(tt.day_types, start=2):
        head = _put(ws, 4, c, day.name)
        head.font, head.fill, head.border, head.alignment = Font(bold=True), HEADER_FILL, BORDER, CENTER
        ws.column_dimensions[get_column_letter(c)].width = 24
        for cell_info in tt.grid(owner.entries, day.id):
            row = 5 + cell_info.first
            lines = [f"{_time(cell_info.start, cell_info.end)}"]
            cell = ws.cell(row, c)
            if cell_info.entries:
                for e in cell_info.entries:
                    lines.extend(entry_lines(e, owner.kind))
                cell.fill = PatternFill("solid", fgColor=light(cell_info.entries[0].color))
                cell.font = Font(size=9)
            else:
                lines.append(" / ".join(block_label(b) for b in cell_info.blocks))
                cell.font = Font(size=8, color="888888")
            _put(ws, row, c, "\n".join(lines))
            cell.alignment, cell.border = WRAP, BORDER
            if cell_info.span > 1:
                ws.merge_cells(start_row=row, start_column=c, end_row=row + cell_info.span - 1, end_column=c)
    _print_setup(ws, "4:4", landscape=len(tt.day_types) > 3)


def _time(start: int, end: int) -> str:
    return f"{start // 60}:{start % 60:02d}–{end // 60}:{end % 60:02d}"


def write_xlsx(project: Project, scenario: Scenario, out: Path, view: str | None = None) -> list[Path]:
    """Master sheet (unless another view is asked for) and a sheet per teacher and cohort (or per ``view``)."""
    tt = Timetable(project, scenario)
    wb = Workbook()
    first = wb.active
    if view in (None, "master"):
        first.title = "Master"
        write_master_sheet(first, tt)
    else:
        wb.remove(first)
    if view != "master":
        for owner in tt.owners_for(view, ("teacher", "cohort")):
            ws = wb.create_sheet(_sheet_title(wb, f"{KIND_PREFIX[owner.kind]} {owner.name}"))
            write_owner_sheet(ws, tt, owner)
    wb.properties.title = _clean(f"{tt.school_name} — {scenario.name}")
    wb.properties.creator = "dlplanner"
    wb.save(out)
    return [out]
