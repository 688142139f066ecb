"""A board that shows the school: internship bands, team planning time, advisories, a legend."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from dlplanner.domain import BlockKind
from dlplanner.domain.geometry import all_sittings
from dlplanner.qt.board import CardItem
from dlplanner.qt.commands import RemoveRecordCommand
from dlplanner.qt.mainwindow import MainWindow


def _show(window: MainWindow, kind: str, record_id: str) -> list:
    window.show_page(window.board_page)
    window.board_page.show_record(kind, record_id)
    QApplication.processEvents()
    return window.board_page.board.bands


def test_a_cohort_board_shows_its_internship_windows_as_labelled_bands(solved_window: MainWindow) -> None:
    scenario = solved_window.document.scenario
    internship = scenario.internships[0]
    away = internship.cohort_ids[0]
    bands = [b for b in _show(solved_window, "cohort", away) if b.kind == "internship"]
    board = solved_window.board_page.board
    days = board._days
    assert len(bands) == len(internship.windows) and {b.label for b in bands} == {internship.name}
    windows = sorted(internship.windows, key=lambda w: days.index(w.day_type_id))
    for band, window in zip(sorted(bands, key=lambda b: b.rect().left()), windows, strict=True):
        column = board._days.index(window.day_type_id)
        assert band.rect().left() == board.x_of(column)
        assert band.rect().top() == board.y_of(window.start) and band.rect().bottom() == board.y_of(window.end)
        assert internship.name in band.toolTip()
    if internship.travel_minutes:
        assert any(b.kind == "travel" for b in board.bands)
    elsewhere = next(c.id for c in solved_window.document.project.cohorts if c.id not in internship.cohort_ids)
    others = [i for i in scenario.internships if elsewhere in i.cohort_ids]
    shown = [b for b in _show(solved_window, "cohort", elsewhere) if b.kind == "internship"]
    assert {b.label for b in shown} == {i.name for i in others}  # only the shown cohort's internships


def test_team_planning_time_shows_on_the_teacher_board_and_the_master_board(solved_window: MainWindow) -> None:
    project = solved_window.document.project
    team = project.teams[0]
    member = team.member_ids[0]
    board = solved_window.board_page.board
    expected = board.planning_blocks_of(solved_window.document.scenario, member)
    assert expected, "the sample's team has common planning time"
    bands = [b for b in _show(solved_window, "teacher", member) if b.kind == "planning"]
    assert len(bands) == len(expected)
    assert all(team.name in b.toolTip() for b in bands if b.label.endswith(team.name))
    for band in bands:  # nobody on the team teaches then: no card of theirs overlaps the band
        for cards in board.cards.values():
            for card in cards:
                assert not card.sceneBoundingRect().adjusted(2, 2, -2, -2).intersects(band.rect())

    solved_window.show_page(solved_window.master_page)
    QApplication.processEvents()
    master = solved_window.master_page.board
    row = master._rows.index(member)
    in_row = [b for b in master.bands if master._row_at(b.rect().center().y()) == row]
    assert len(in_row) == len(expected) and {b.label for b in in_row} <= {t.name for t in project.teams}


def test_the_master_board_shows_advisories_and_refuses_drops_on_them(solved_window: MainWindow) -> None:
    solved_window.show_page(solved_window.master_page)
    QApplication.processEvents()
    master = solved_window.master_page.board
    scenario = solved_window.document.scenario
    sittings = all_sittings(solved_window.document.project, scenario)
    assert sittings
    sitting_cards = [i for i in master.scene().items() if isinstance(i, CardItem) and i.key is None]
    advisor_rows = {master._rows.index(s.advisory.advisor_id) for s in sittings}
    assert {master._row_at(c.sceneBoundingRect().center().y()) for c in sitting_cards} == advisor_rows
    assert len(sitting_cards) == len(sittings)
    column = next(i for i, (_, block) in enumerate(master._cols) if block.kind == BlockKind.ADVISORY)
    key = next(iter(master.cards))
    card = master.cards[key][0]
    placement = next(p for p in scenario.solution.placements if (p.section_id, p.meeting) == key[:2])
    drag = master.begin_drag(key, placement, row_id=card.row_id)
    point = QPointF((master._edges[column] + master._edges[column + 1]) / 2, card.sceneBoundingRect().center().y())
    assert master.target_at(point, drag) is None
    master.cancel_drag()


def test_the_legend_names_every_mark_and_the_cohort_list_follows_removals(solved_window: MainWindow) -> None:
    page = solved_window.board_page
    names = [label.text() for label in page.legend.entries]
    assert {"Internship / WBL", "Team planning", "Advisory", "Conflict", "Pinned"} <= set(names)
    assert all(label.toolTip() for label in page.legend.entries)
    assert solved_window.master_page.legend.entries
    cohorts = solved_window.document.project.cohorts
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("cohort"))
    gone = cohorts[-1]
    solved_window.document.push(RemoveRecordCommand(solved_window.document, cohorts, len(cohorts) - 1, None))
    assert page.record_combo.findData(gone.id) == -1
    solved_window.document.undo_stack.undo()
    assert page.record_combo.findData(gone.id) >= 0
