"""XLSX export read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

from dlp_tiny_school import h, project
from openpyxl import load_workbook

from dlplanner.io.exports.xlsx import write_xlsx


def test_master_and_one_sheet_per_teacher_and_cohort(tmp_path: Path) -> None:
    proj = project()
    (out,) = write_xlsx(proj, proj.scenarios[0], tmp_path / "t.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Master", "T Ana Alvarez", "T Ben Brook", "T Cy Chen", "C Grade 9", "C Grade 10"]
    master = wb["Master"]
    assert "Master schedule" in master["A1"].value
    assert "A/B block" in master["A2"].value
    # row 4: day types, row 5: blocks with times, rows 6-8: teachers
    assert master.cell(4, 2).value.startswith("A day")
    assert master.cell(5, 2).value == "Block 1\n8:00–9:30"
    assert [master.cell(r, 1).value for r in (6, 7, 8)] == ["Ana Alvarez", "Ben Brook", "Cy Chen"]
    day_columns = [c for c in range(2, master.max_column + 1) if master.cell(4, c).value]
    assert day_columns == [2, 6]  # one merged day-type header over each day type's four blocks
    assert master.cell(4, 6).value.startswith("B day")
    row_of = {master.cell(r, 1).value: r for r in range(6, 9)}
    a_block1 = 2
    assert master.cell(row_of["Ben Brook"], a_block1).value.startswith("Math 10 · Lab 2")
    assert master.print_title_rows == "$4:$5"
    assert master.page_setup.orientation == "landscape"
    assert master.sheet_properties.pageSetUpPr.fitToPage


def test_owner_sheet_lists_real_times_and_merges_long_meetings(tmp_path: Path) -> None:
    proj = project()
    scenario = proj.scenarios[0]
    proj.advisories.clear()
    scenario.solution.placements = [p for p in scenario.solution.placements if p.section_id != "math9"]
    hum_a = next(p for p in scenario.solution.placements if p.section_id == "hum9" and p.day_type_id == "A")
    hum_a.end = h(11)  # over block 1, the advisory block and block 2
    (out,) = write_xlsx(proj, scenario, tmp_path / "t.xlsx", view="teacher")
    wb = load_workbook(out)
    assert "Master" not in wb.sheetnames
    ws = wb["T Ana Alvarez"]
    assert ws["A1"].value == "Teacher: Ana Alvarez"
    assert ws.cell(4, 2).value == "A day" and ws.cell(4, 3).value == "B day"
    assert ws.cell(5, 2).value.split("\n")[:2] == ["8:00–11:00", "Humanities 9"]
    assert "B5:B7" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(5, 3).value.split("\n")[:2] == ["8:00–9:30", "Humanities 9"]
    assert ws.cell(6, 3).value == "9:40–10:10\nAdvisory"  # an empty slot shows its block
