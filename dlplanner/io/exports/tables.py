"""Plain tables (a title, columns, rows) to CSV or XLSX: the students' reports and other listings.

Every text a spreadsheet would take for a formula is made inert (see :func:`common.inert`); XLSX cells
hold text as text. One CSV file holds the first table (the one naming students) and only its data
rows, so a program can read every row alike; an XLSX file holds each table on a sheet of its own, its
notes below the rows after an empty one.
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from dlplanner.domain.student_reports import Table
from dlplanner.io.exports.common import inert
from dlplanner.io.exports.xlsx import _put, _sheet_title

TABLE_SUFFIXES = (".csv", ".xlsx")


def write_tables(tables: list[Table], path: Path) -> Path:
    """Write ``tables`` by the file's suffix (.csv: the first table; .xlsx: one sheet each)."""
    if path.suffix.lower() == ".csv":
        return write_csv_table(tables[0], path)
    if path.suffix.lower() == ".xlsx":
        return write_xlsx_tables(tables, path)
    raise ValueError(f"{path}: a report is written as .csv or .xlsx")


def write_csv_table(table: Table, path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([inert(c) if isinstance(c, str) else c for c in row])
    return path


def write_xlsx_tables(tables: list[Table], path: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for table in tables:
        ws = wb.create_sheet(_sheet_title(wb, table.title))
        for column, name in enumerate(table.columns, start=1):
            _put(ws, 1, column, name).font = Font(bold=True)
        for r, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                _put(ws, r, column, value)
        for r, note in enumerate(table.notes, start=len(table.rows) + 3):
            _put(ws, r, 1, note)
        ws.freeze_panes = "B2"
    wb.save(path)
    return path
