"""The Looping page (last year's pairings and looping rules, undoable) and advisors the solver chooses,
shown in the advisory table and on the board."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dlplanner.domain import PairingKind
from dlplanner.qt.board import CardItem
from dlplanner.qt.mainwindow import MainWindow


def test_looping_page_edits_pairings_and_rules_by_name_and_undo_takes_them_back(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    project = window.document.project
    page = window.looping_page
    window.show_page(page)
    model = page.pairings.model
    assert model.rowCount() == len(project.prior_pairings) == 7
    first = project.prior_pairings[0]
    teachers = model.index(0, 4)
    assert model.data(teachers) == "Dev Yilmaz"  # names, not ids

    assert model.setData(teachers, "Ana Diallo")  # picked by name
    assert project.prior_pairings[0].teacher_ids == ["adv-01"]
    assert window.document.undo_stack.undoText().startswith("Edit teacher ids of last year's advisor")
    assert not model.setData(teachers, "Nobody Here")  # refused, nothing changed
    assert project.prior_pairings[0].teacher_ids == ["adv-01"]
    page.pairings.add_pairing()
    assert len(project.prior_pairings) == 8 and model.rowCount() == 8
    assert model.setData(model.index(7, 0), "team") and model.setData(
        model.index(7, 5), "Lower house (grades 9–10) advisors and specialists"
    )
    assert project.prior_pairings[7].kind == PairingKind.TEAM and project.prior_pairings[7].team_id == "lower-house"

    rules = page.rules.model
    scenario = window.document.scenario
    hard = rules.index(0, 5)
    assert rules.data(hard, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert rules.setData(hard, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)  # soft now
    assert scenario.looping_rules[0].hard is False
    assert rules.setData(rules.index(0, 3), "Advisory 10A")  # a rule per advisory (crew)
    assert scenario.looping_rules[0].advisory_id == "advisory-g10-a"

    for _ in range(6):  # teachers, add, kind, team, hard, advisory
        window.undo_action.trigger()
    assert scenario.looping_rules[0].hard is True and scenario.looping_rules[0].advisory_id is None
    assert len(project.prior_pairings) == 7 and model.rowCount() == 7
    assert project.prior_pairings[0] == first and model.data(teachers) == "Dev Yilmaz"
    window.redo_action.trigger()
    assert project.prior_pairings[0].teacher_ids == ["adv-01"]


def test_an_empty_advisor_is_chosen_by_the_solver_and_shown(window: MainWindow, qtbot) -> None:
    window.new_from_sample("big-picture")
    project = window.document.project
    editor = window.editors["advisory"]
    row = editor.model.row_of("advisory-g9-a")
    advisor = editor.model.index(row, 2)
    assert editor.model.setData(advisor, "")  # emptied: the solver chooses
    advisory = project.advisories[row]
    assert advisory.advisor_id == ""
    assert editor.model.data(advisor) == "(the solver chooses)"

    panel = window.solve_panel
    panel.time_limit.setValue(10)
    with qtbot.waitSignal(panel.solve_finished, timeout=120_000):
        assert panel.start()
    assert panel.last_report is not None and panel.last_report.ok
    chosen = window.document.scenario.solution.advisors["advisory-g9-a"]
    name = window.document.name_of("teacher", chosen)
    assert editor.model.data(advisor) == f"chosen: {name}"
    assert f"Advisory 9A → {name}" in window.looping_page.chosen.text()

    window.show_page(window.board_page)
    window.board_page.show_record("teacher", chosen)  # the sitting is in the chosen advisor's timetable
    QApplication.processEvents()
    sittings = [i for i in window.board_page.board.scene().items() if isinstance(i, CardItem) and i.key is None]
    assert any(card.lines == ["Advisory 9A", f"chosen: {name}"] for card in sittings)


def test_the_looping_page_says_which_cohorts_a_team_took_from_its_pool(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    project, scenario = window.document.project, window.document.scenario
    team = project.teams[0]
    team.cohort_pool, team.cohorts_needed = ["g9-a", "g9-b"], 1
    window.document.changed.emit("data")
    assert f"{team.name} takes 1 cohort(s): (the solver chooses)" in window.looping_page.chosen.text()
    scenario.solution.team_cohorts = {team.id: ["g9-b"]}  # what a solve would keep
    window.document.changed.emit("timetable")
    assert f"{team.name} takes 1 cohort(s): Grade 9 advisory B" in window.looping_page.chosen.text()


def test_looping_rules_live_on_the_looping_page_only_and_problem_links_land_there(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    titles = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert "Looping" in titles and "Looping rules" not in titles  # one page for looping, not two
    rule = window.document.scenario.looping_rules[1]

    assert window.select_record("looping_rule", rule.id)

    assert window.stack.currentWidget() is window.looping_page
    selected = window.looping_page.rules.table.selectionModel().selectedRows()
    assert [window.looping_page.rules.proxy.data(index) for index in selected] == [rule.id]


def test_the_teams_table_shows_the_pool_and_what_the_solver_took(window: MainWindow) -> None:
    window.new_from_sample("big-picture")
    project, scenario = window.document.project, window.document.scenario
    team = project.teams[0]
    editor = window.editors["team"]
    model = editor.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    pool, needed = model.index(0, headers.index("Cohort pool")), model.index(0, headers.index("From pool"))

    assert model.setData(pool, "Grade 9 advisory A, Grade 9 advisory B")  # picked by name, undoable
    assert model.setData(needed, "1")
    assert (team.cohort_pool, team.cohorts_needed) == (["g9-a", "g9-b"], 1)
    assert model.data(pool) == "Grade 9 advisory A, Grade 9 advisory B (the solver chooses)"
    scenario.solution.team_cohorts = {team.id: ["g9-b"]}  # what a solve keeps
    window.document.changed.emit("timetable")
    assert model.data(pool) == "Grade 9 advisory A, Grade 9 advisory B (chosen: Grade 9 advisory B)"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert (team.cohort_pool, team.cohorts_needed) == ([], 0)
