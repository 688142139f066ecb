"""A whole-project save from the command line racing a planner's piece save in the GUI (issue 19, item 2).

The command line (``solve URL --save``, ``import-csv URL``) opens the project, changes it and
saves it through :class:`ProjectSession` all or nothing; the GUI saves piece by piece
(:func:`district.save_changes`). For every order of the four steps (CLI opens, CLI saves, GUI
opens, GUI saves) on a real PostgreSQL server: every save that was acknowledged is in the
database afterwards, a refused save wrote nothing, and a save is refused exactly when the other
side saved the same piece after it was opened here. Before, the CLI's save checked only the
scenarios' versions: it silently put back the people, rooms and groups it had read and deleted
a scenario the GUI had just added.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from rich_project import build_rich_project

from dlplanner.cli import main as cli_main
from dlplanner.domain import Project
from dlplanner.services import district, importing, scenarios
from dlplanner.services.session import ProjectSession, SaveConflictError
from dlplanner.storage import ProjectStore

pytestmark = pytest.mark.postgres

NAME = "Harbor High"
ORDERS = [
    "".join(order)
    for order in itertools.permutations("CcGg")
    if order.index("C") < order.index("c") and order.index("G") < order.index("g")
]  # C: the CLI opens, c: the CLI saves, G: the GUI opens, g: the GUI saves


@pytest.fixture
def url(pg_database: str) -> str:
    """A real PostgreSQL database with dlplanner's schema."""
    ProjectStore.create(pg_database).close()
    return pg_database


@pytest.fixture
def teachers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "teachers.csv"
    path.write_text("id,name,max_minutes_per_week\nt-cli,Imported By Cli,600\n", encoding="utf-8")
    return path


def _fresh(url: str) -> Project:
    """The database holds exactly one freshly saved rich project (whatever the last round left)."""
    with ProjectStore.open(url) as store:
        if NAME in store.list_projects():
            store.delete_project(NAME)
        project = build_rich_project()
        project.name = NAME
        store.save(project, user="setup@district")
    return project


def _stored(url: str) -> Project:
    with ProjectStore.open(url) as store:
        return store.load(NAME)


# -- what each side changes, and how to see it in the database --------------------------------------
# A change edits the project and returns a check that its edit is in the stored project.

Change = Callable[[Project], Callable[[Project], bool]]


def _touched(before: Project, after: Project) -> set[str]:
    """The pieces an edit changed: "data" (people, rooms and groups) and the ids of changed scenarios."""
    pieces = {"data"} if any(getattr(before, f) != getattr(after, f) for f in district.PROJECT_DATA_FIELDS) else set()
    old = {s.id: s for s in before.scenarios}
    pieces |= {s.id for s in after.scenarios if old.get(s.id) != s}
    return pieces | (old.keys() - {s.id for s in after.scenarios})


def _change(change: Change, project: Project) -> tuple[set[str], Callable[[Project], bool]]:
    before = copy.deepcopy(project)
    check = change(project)
    return _touched(before, project), check


def cli_solve(project: Project) -> Callable[[Project], bool]:
    """What ``solve --save`` changes: the timetable (solution) of the first scenario."""
    scenario = project.scenarios[0]
    scenario.solution.objective = 4242.0
    sid = scenario.id
    return lambda stored: any(s.id == sid and s.solution.objective == 4242.0 for s in stored.scenarios)


def cli_import(csv: Path) -> Change:
    """What ``import-csv --kind teachers`` changes: the people, and every scenario becomes stale."""

    def change(project: Project) -> Callable[[Project], bool]:
        importing.import_csv_into(project, "teachers", csv)
        return lambda stored: any(t.id == "t-cli" for t in stored.teachers)

    return change


def gui_rename_teacher(project: Project) -> Callable[[Project], bool]:
    project.teachers[0].name = "Renamed In The Gui"
    return lambda stored: stored.teachers[0].name == "Renamed In The Gui"


def gui_add_scenario(project: Project) -> Callable[[Project], bool]:
    scenarios.copy_scenario(project, project.scenarios[0].id, "Added In The Gui")
    return lambda stored: any(s.name == "Added In The Gui" for s in stored.scenarios)


def gui_edit_first_scenario(project: Project) -> Callable[[Project], bool]:
    scenario = project.scenarios[0]
    scenario.description = "Edited In The Gui"
    sid = scenario.id
    return lambda stored: any(s.id == sid and s.description == "Edited In The Gui" for s in stored.scenarios)


def _race(url: str, order: str, cli_change: Change, gui_change: Change) -> dict[str, object]:
    """Run the four steps in ``order``; returns each side's outcome, what it touched and its check."""
    _fresh(url)
    cli: ProjectSession | None = None
    gui: district.DistrictSession | None = None
    outcome: dict[str, object] = {}
    try:
        for step in order:
            if step == "C":
                cli = ProjectSession.open(url, NAME, user="cli@district")
                outcome["cli_touched"], outcome["cli_check"] = _change(cli_change, cli.project)
            elif step == "G":
                gui = district.open_for_editing(url, NAME, user="gui@district")
                outcome["gui_touched"], outcome["gui_check"] = _change(gui_change, gui.project)
            elif step == "c":
                try:
                    cli.save_or_refuse()
                    outcome["cli_saved"] = True
                except SaveConflictError as refused:
                    outcome["cli_saved"], outcome["cli_message"] = False, str(refused)
            else:
                report = district.save_changes(gui)
                outcome["gui_saved"] = report.ok
    finally:
        for session in (cli, gui):
            if session is not None:
                session.close()
    outcome["stored"] = _stored(url)
    return outcome


def _expect(order: str, outcome: dict[str, object]) -> None:
    stored = outcome["stored"]
    # the side that saves second opened before the first one saved: a race on the pieces both touched
    first_save = min(order.index("c"), order.index("g"))
    second = "cli" if order.index("c") > order.index("g") else "gui"
    second_opened = order.index("C" if second == "cli" else "G")
    racing = second_opened < first_save
    overlap = bool(outcome["cli_touched"] & outcome["gui_touched"])  # type: ignore[operator]
    refused_expected = racing and overlap
    for side in ("cli", "gui"):
        saved, check = outcome[f"{side}_saved"], outcome[f"{side}_check"]
        if saved:
            assert check(stored), f"{order}: the {side}'s acknowledged save was lost"
        else:
            assert not check(stored), f"{order}: the {side}'s refused save was written anyway"
        assert saved == (not (refused_expected and side == second)), f"{order}: {side} saved={saved}"
    if not outcome["cli_saved"]:
        message = outcome["cli_message"]
        assert "Nothing was saved" in message and "gui@district" in message  # type: ignore[operator]


@pytest.mark.parametrize(
    "gui_change", [gui_rename_teacher, gui_add_scenario, gui_edit_first_scenario], ids=lambda f: f.__name__
)
def test_solve_save_racing_a_gui_save_loses_no_acknowledged_save(url: str, gui_change: Change) -> None:
    for order in ORDERS:
        _expect(order, _race(url, order, cli_solve, gui_change))


@pytest.mark.parametrize(
    "gui_change", [gui_rename_teacher, gui_add_scenario, gui_edit_first_scenario], ids=lambda f: f.__name__
)
def test_import_csv_racing_a_gui_save_loses_no_acknowledged_save(
    url: str, teachers_csv: Path, gui_change: Change
) -> None:
    for order in ORDERS:
        _expect(order, _race(url, order, cli_import(teachers_csv), gui_change))


def test_the_import_csv_command_refuses_when_a_planner_saved_the_people_meanwhile(
    url: str, teachers_csv: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real command: Maria saves a teacher's new name while the CLI reads its CSV file."""
    _fresh(url)
    maria = district.open_for_editing(url, NAME, user="maria@district")
    maria.project.teachers[0].name = "Maria's Edit"
    real_import = importing.import_csv_into

    def import_while_maria_saves(project: Project, *args: object, **kwargs: object) -> object:
        assert district.save_changes(maria).ok  # acknowledged to Maria
        return real_import(project, *args, **kwargs)

    monkeypatch.setattr(importing, "import_csv_into", import_while_maria_saves)
    code = cli_main(["import-csv", url, "--kind", "teachers", str(teachers_csv)])
    maria.close()

    err = capsys.readouterr().err
    assert code == 2
    assert "Nothing was saved" in err and "maria@district" in err and "people, rooms and groups" in err
    stored = _stored(url)
    assert stored.teachers[0].name == "Maria's Edit"  # her acknowledged save is kept
    assert all(t.id != "t-cli" for t in stored.teachers)  # and nothing of the import was written

    assert cli_main(["import-csv", url, "--kind", "teachers", str(teachers_csv)]) == 0  # run again: it saves
    stored = _stored(url)
    assert stored.teachers[0].name == "Maria's Edit" and any(t.id == "t-cli" for t in stored.teachers)
