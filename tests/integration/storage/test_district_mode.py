"""District mode: several planners on one database; conflicts refused with who/when, refresh, resolve.

Runs on SQLite and on the real PostgreSQL server (the ``postgres`` half of ``new_location``).
"""

from __future__ import annotations

import copy
import threading

import pytest
from rich_project import build_rich_project

from dlplanner.domain import Project, Teacher
from dlplanner.services import district
from dlplanner.storage import ConcurrentEditError, ProjectStore


def _district(location: str, *names: str) -> list[Project]:
    """A database holding one rich project per name."""
    projects = []
    with ProjectStore.create(location) as store:
        for name in names or ("Harbor High",):
            project = build_rich_project()
            project.name = name
            store.save(project, user="setup@district")
            projects.append(project)
    return projects


def _stored(location: str, name: str = "Harbor High") -> Project:
    with ProjectStore.open(location) as store:
        return store.load(name)


def test_second_save_of_the_same_scenario_is_refused_naming_who_and_when(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, "Harbor High", user="maria@district")
    jon = district.open_for_editing(new_location, "Harbor High", user="jon@district")
    maria.project.scenarios[0].description = "Maria's bell times"
    jon.project.scenarios[0].description = "Jon's bell times"

    assert district.save_changes(maria).saved == [maria.project.scenarios[0].id]
    report = district.save_changes(jon)

    assert report.saved == []
    [conflict] = report.conflicts
    name = jon.project.scenarios[0].name
    assert conflict.scenario_id == jon.project.scenarios[0].id and not conflict.deleted
    assert conflict.changed_by == "maria@district" and conflict.changed_at is not None
    assert f"Scenario '{name}'" in conflict.message
    assert "was changed by maria@district at " in conflict.message and "after you opened it" in conflict.message
    assert _stored(new_location).scenarios[0].description == "Maria's bell times"  # no silent overwrite
    assert jon.project.scenarios[0].description == "Jon's bell times"  # Jon's work is still there
    assert jon.has_unsaved_changes()


def test_the_storage_error_carries_the_details(new_location: str):
    _district(new_location)
    with ProjectStore.open(new_location) as store:
        snapshot = store.load_snapshot("Harbor High")
        scenario = snapshot.project.scenarios[1]
        opened = snapshot.versions.scenarios[scenario.id].version
        store.save_scenario("Harbor High", copy.deepcopy(scenario), opened, "maria@district")
        with pytest.raises(ConcurrentEditError) as info:
            store.save_scenario("Harbor High", scenario, opened, "jon@district")
    error = info.value
    assert (error.scenario_id, error.changed_by, error.current_version, error.your_version) == (
        scenario.id,
        "maria@district",
        opened + 1,
        opened,
    )
    assert scenario.version == opened  # the refused scenario keeps the version it was opened at


def test_keep_as_new_scenario_keeps_both_versions(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    scenario_id = maria.project.scenarios[0].id
    original_name = maria.project.scenarios[0].name
    maria.project.scenarios[0].description = "Maria"
    jon.project.scenarios[0].description = "Jon"
    district.save_changes(maria)
    assert not district.save_changes(jon).ok

    copy_ = district.keep_as_new_scenario(jon, scenario_id)

    assert copy_.id != scenario_id and copy_.name == f"{original_name} (my copy)"
    assert copy_.description == "Jon"
    assert jon.project.scenario(scenario_id).description == "Maria"  # the stored one, taken back
    assert not jon.has_unsaved_changes()
    stored = _stored(new_location)
    assert stored.scenario(scenario_id).description == "Maria"
    assert stored.scenario(copy_.id).description == "Jon"
    assert district.save_changes(jon).ok  # nothing left to save


def test_reload_takes_theirs_and_then_my_next_edit_saves(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    scenario_id = maria.project.scenarios[0].id
    maria.project.scenarios[0].description = "Maria"
    jon.project.scenarios[0].description = "Jon"
    district.save_changes(maria)
    [conflict] = district.save_changes(jon).conflicts

    reloaded = district.reload_scenario(jon, conflict.scenario_id)

    assert reloaded is not None and reloaded.description == "Maria"
    reloaded.description = "Jon, after reading Maria's"
    assert district.save_changes(jon).saved == [scenario_id]
    assert _stored(new_location).scenario(scenario_id).description == "Jon, after reading Maria's"


def test_different_scenarios_save_without_conflict(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    maria.project.scenarios[0].description = "Maria"
    jon.project.scenarios[1].description = "Jon"
    assert district.save_changes(maria).ok
    assert district.save_changes(jon).ok
    stored = _stored(new_location)
    assert [s.description for s in stored.scenarios[:2]] == ["Maria", "Jon"]


def test_refresh_brings_in_others_saves_and_keeps_my_conflicting_edit(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    first, second = (s.id for s in maria.project.scenarios[:2])
    maria.project.scenarios[0].description = "Maria 1"
    maria.project.scenarios[1].description = "Maria 2"
    maria.project.teachers[0].name = "Renamed by Maria"
    added = maria.project.scenarios[0].copy("maria-new", "Maria's new calendar")
    maria.project.scenarios.append(added)
    assert district.save_changes(maria).ok
    jon.project.scenarios[1].description = "Jon 2"  # Jon edits the second one too, unsaved

    assert {(c.scenario_id, c.action) for c in district.check_for_changes(jon)} == {
        (None, "changed"),
        (first, "changed"),
        (second, "changed"),
        ("maria-new", "added"),
    }
    report = district.refresh(jon)

    assert {(c.scenario_id, c.action) for c in report.changes} == {
        (None, "changed"),
        (first, "changed"),
        ("maria-new", "added"),
    }
    assert all("maria@district" in c.describe() for c in report.changes)
    [conflict] = report.conflicts
    assert conflict.scenario_id == second and "maria@district" in conflict.message
    assert jon.project.scenario(first).description == "Maria 1"
    assert jon.project.teachers[0].name == "Renamed by Maria"
    assert jon.project.scenario("maria-new").name == "Maria's new calendar"
    assert jon.project.scenario(second).description == "Jon 2"  # mine kept, still unsaved
    assert jon.scenario_dirty(second) and not jon.scenario_dirty(first)
    assert [c.scenario_id for c in district.save_changes(jon).conflicts] == [second]
    assert district.check_for_changes(maria) == []


def test_refresh_removes_a_scenario_deleted_elsewhere(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    gone = maria.project.scenarios.pop(1)
    assert district.save_changes(maria).saved == [gone.id]
    report = district.refresh(jon)
    assert [(c.scenario_id, c.action) for c in report.changes] == [(gone.id, "deleted")]
    assert gone.id not in {s.id for s in jon.project.scenarios}
    assert not jon.has_unsaved_changes()


def test_saving_a_scenario_deleted_elsewhere_is_a_conflict(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    gone = maria.project.scenarios.pop(1)
    district.save_changes(maria)
    jon.project.scenario(gone.id).description = "Jon's edit"
    [conflict] = district.save_changes(jon).conflicts
    assert conflict.deleted and "was deleted" in conflict.message
    kept = district.keep_as_new_scenario(jon, gone.id)
    assert gone.id not in {s.id for s in jon.project.scenarios}
    assert _stored(new_location).scenario(kept.id).description == "Jon's edit"


def _i_delete_what_maria_changed(location: str) -> tuple[district.DistrictSession, str, str]:
    """Maria saves a change to the second scenario; Jon deleted it (unsaved). Returns (jon, id, name)."""
    _district(location)
    maria = district.open_for_editing(location, user="maria@district")
    jon = district.open_for_editing(location, user="jon@district")
    doomed = maria.project.scenarios[1]
    doomed.description = "Maria's work"
    assert district.save_changes(maria).ok
    jon.project.scenarios = [s for s in jon.project.scenarios if s.id != doomed.id]
    return jon, doomed.id, doomed.name


def test_deleting_a_scenario_another_planner_changed_is_a_conflict_offering_theirs(new_location: str):
    jon, doomed_id, name = _i_delete_what_maria_changed(new_location)

    [conflict] = district.save_changes(jon).conflicts

    assert conflict.scenario_id == doomed_id and conflict.deleted_here and not conflict.deleted
    assert conflict.changed_by == "maria@district" and conflict.changed_at is not None
    assert f"Scenario '{name}'" in conflict.message and "after you opened it" in conflict.message
    assert "you deleted it" in conflict.message and "keep their version, or delete it anyway" in conflict.message
    assert _stored(new_location).scenario(doomed_id).description == "Maria's work"  # not deleted
    with pytest.raises(district.ResolutionError, match="you deleted it"):  # nothing of mine to keep
        district.keep_as_new_scenario(jon, doomed_id)
    assert _stored(new_location).scenario(doomed_id).description == "Maria's work"

    kept = district.reload_scenario(jon, doomed_id)  # "Keep their version"

    assert kept is not None and jon.project.scenario(doomed_id).description == "Maria's work"
    assert not jon.has_unsaved_changes() and district.save_changes(jon).ok


def test_delete_anyway_deletes_the_scenario_another_planner_changed(new_location: str):
    jon, doomed_id, _name = _i_delete_what_maria_changed(new_location)
    [conflict] = district.save_changes(jon).conflicts

    district.delete_anyway(jon, doomed_id, conflict.version)

    assert doomed_id not in {s.id for s in _stored(new_location).scenarios}
    assert doomed_id not in {s.id for s in jon.project.scenarios}
    assert not jon.has_unsaved_changes() and district.save_changes(jon).ok
    assert district.check_for_changes(jon) == []


def test_delete_anyway_never_deletes_a_change_saved_after_the_conflict_was_shown(new_location: str):
    jon, doomed_id, _name = _i_delete_what_maria_changed(new_location)
    [conflict] = district.save_changes(jon).conflicts
    maria = district.open_for_editing(new_location, user="maria@district")
    maria.project.scenario(doomed_id).description = "Maria, once more"
    assert district.save_changes(maria).ok

    with pytest.raises(ConcurrentEditError) as info:
        district.delete_anyway(jon, doomed_id, conflict.version)

    assert info.value.changed_by == "maria@district"
    assert _stored(new_location).scenario(doomed_id).description == "Maria, once more"
    assert jon.has_unsaved_changes()  # my deletion is still there, to decide again


def test_delete_anyway_refuses_a_scenario_i_still_have(new_location: str):
    _district(new_location)
    jon = district.open_for_editing(new_location, user="jon@district")
    scenario_id = jon.project.scenarios[0].id
    with pytest.raises(district.ResolutionError, match="not deleted"):
        district.delete_anyway(jon, scenario_id)
    assert _stored(new_location).scenario(scenario_id) is not None


def test_refresh_reports_a_scenario_i_deleted_that_another_planner_changed(new_location: str):
    jon, doomed_id, name = _i_delete_what_maria_changed(new_location)

    report = district.refresh(jon)

    assert report.changes == []
    [conflict] = report.conflicts
    assert conflict.scenario_id == doomed_id and conflict.deleted_here and conflict.name == name
    assert conflict.changed_by == "maria@district" and conflict.changed_at is not None
    assert "maria@district" in conflict.message and "you deleted it" in conflict.message
    assert doomed_id not in {s.id for s in jon.project.scenarios}  # my deletion is kept, not silently undone
    assert jon.has_unsaved_changes()
    [again] = district.save_changes(jon).conflicts  # saving asks again
    assert again.scenario_id == doomed_id and again.deleted_here
    assert _stored(new_location).scenario(doomed_id).description == "Maria's work"


def test_the_choices_for_a_scenario_deleted_elsewhere_that_i_changed(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    gone = maria.project.scenarios.pop(1)
    assert district.save_changes(maria).ok
    jon.project.scenario(gone.id).description = "Jon's edit"
    [conflict] = district.save_changes(jon).conflicts
    assert conflict.deleted and not conflict.deleted_here
    with pytest.raises(district.ResolutionError, match="not deleted in your copy"):  # no deletion of mine
        district.delete_anyway(jon, gone.id)
    assert jon.project.scenario(gone.id).description == "Jon's edit"  # still mine, unsaved
    assert district.reload_scenario(jon, gone.id) is None  # "Accept the deletion"
    assert not jon.has_unsaved_changes()


def test_people_rooms_and_groups_conflict_on_their_own_version(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    jon = district.open_for_editing(new_location, user="jon@district")
    maria.project.teachers.append(Teacher(id="t-new", name="New hire", subject_ids={"math"}))
    jon.project.rooms[0].capacity += 5
    assert district.save_changes(maria).saved == [None]
    [conflict] = district.save_changes(jon).conflicts
    assert conflict.scenario_id is None
    assert "people, rooms and groups" in conflict.message and "maria@district" in conflict.message
    stored = _stored(new_location)
    assert stored.teachers[-1].id == "t-new"
    assert stored.rooms[0].capacity == build_rich_project().rooms[0].capacity  # Jon's edit refused
    district.reload_project_data(jon)
    assert jon.project.teachers == stored.teachers and not jon.has_unsaved_changes()


def test_minimums_are_saved_with_the_project_data_piece(new_location: str):
    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    maria.project.minimums.annual_instructional_minutes = 66_000
    assert maria.has_unsaved_changes()
    assert district.save_changes(maria).saved == [None]
    assert _stored(new_location).minimums.annual_instructional_minutes == 66_000
    assert not maria.has_unsaved_changes()


def test_many_projects_in_one_database_do_not_interfere(new_location: str):
    _district(new_location, "Harbor High", "Lakeside Academy")
    harbor = district.open_for_editing(new_location, "Harbor High", user="maria@district")
    lakeside = district.open_for_editing(new_location, "Lakeside Academy", user="jon@district")
    harbor.project.scenarios[0].description = "Harbor"
    lakeside.project.scenarios[0].description = "Lakeside"
    lakeside.project.teachers[0].name = "Lakeside teacher"
    assert district.save_changes(harbor).ok and district.save_changes(lakeside).ok
    assert _stored(new_location, "Harbor High").scenarios[0].description == "Harbor"
    assert _stored(new_location, "Harbor High").teachers[0].name == build_rich_project().teachers[0].name
    assert _stored(new_location, "Lakeside Academy").scenarios[0].description == "Lakeside"
    assert district.check_for_changes(harbor) == []


def test_simultaneous_saves_of_one_scenario_let_exactly_one_through(new_location: str):
    _district(new_location)
    planners = 4
    sessions = [district.open_for_editing(new_location, user=f"p{i}@district") for i in range(planners)]
    for i, session in enumerate(sessions):
        session.project.scenarios[0].description = f"planner {i}"
    barrier = threading.Barrier(planners)
    outcomes: list[str] = [""] * planners
    messages: list[str] = []

    def save(i: int) -> None:
        barrier.wait()
        try:
            district.save_scenario(sessions[i], sessions[i].project.scenarios[0].id)
            outcomes[i] = "saved"
        except ConcurrentEditError as error:
            outcomes[i] = "refused"
            messages.append(str(error))

    threads = [threading.Thread(target=save, args=(i,)) for i in range(planners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * (planners - 1) + ["saved"]
    winner = outcomes.index("saved")
    assert _stored(new_location).scenarios[0].description == f"planner {winner}"
    # those that waited for the winner's lock are told who changed it, not that it was deleted
    assert all(f"was changed by p{winner}@district" in m for m in messages), messages


def test_saves_of_different_scenarios_at_once_all_succeed(new_location: str):
    _district(new_location)
    sessions = [district.open_for_editing(new_location, user=f"p{i}@district") for i in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def save(i: int) -> None:
        scenario = sessions[i].project.scenarios[i]
        scenario.description = f"planner {i}"
        barrier.wait()
        try:
            for _ in range(3):
                scenario.name = f"{scenario.name}+"
                district.save_scenario(sessions[i], scenario.id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stored = _stored(new_location)
    assert [s.description for s in stored.scenarios[:2]] == ["planner 0", "planner 1"]
    assert [s.name for s in stored.scenarios[:2]] == [s.project.scenarios[i].name for i, s in enumerate(sessions)]


# -- one store per session (the connection is kept, never left behind) ------------------------------


def _connections_to(location: str) -> set[int]:
    """The server processes connected to the test database, other than this query's own."""
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.pool import NullPool

    probe = create_engine(location, poolclass=NullPool)
    try:
        with probe.connect() as connection:
            query = "SELECT pid FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
            return set(connection.execute(text(query), {"db": make_url(location).database}).scalars())
    finally:
        probe.dispose()


def _until(condition, attempts: int = 100) -> bool:
    """Wait (a little at a time) for the server to notice a closed connection."""
    import time

    for _ in range(attempts):
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.postgres
def test_sessions_on_a_server_reuse_one_pooled_connection_and_close_it_with_the_last_session(pg_database: str):
    from dlplanner.storage import shared_engine_users

    _district(pg_database)
    maria = district.open_for_editing(pg_database, user="maria@district")
    jon = district.open_for_editing(pg_database, user="jon@district")
    assert shared_engine_users(pg_database) == 2  # one engine for both sessions of this process

    maria.project.scenarios[0].description = "first"
    district.save_changes(maria)
    after_first = _connections_to(pg_database)
    for n in range(3):  # saves, polls and refreshes come back to the same server connection
        maria.project.scenarios[0].description = f"again {n}"
        assert district.save_changes(maria).ok
        assert district.check_for_changes(jon)
        district.refresh(jon)
    # No new server connection was opened. The first look may still list a connection of the set-up
    # that the server has not finished closing (pg_stat_activity lags), so compare as a subset.
    still_open = _connections_to(pg_database)
    assert after_first and still_open and still_open <= after_first
    assert jon.project.scenarios[0].description == "again 2"

    maria.close()
    assert shared_engine_users(pg_database) == 1 and _connections_to(pg_database)
    jon.close()
    jon.close()  # closing twice is harmless
    assert shared_engine_users(pg_database) == 0
    assert _until(lambda: not _connections_to(pg_database)), "the last session left a connection open"

    maria.project.scenarios[0].description = "after close"  # a closed session opens the database again
    assert district.save_changes(maria).ok and shared_engine_users(pg_database) == 1
    del maria  # a session nobody closed lets go when it is collected
    import gc

    gc.collect()
    assert shared_engine_users(pg_database) == 0
    assert _stored(pg_database).scenarios[0].description == "after close"


def _open_files(path) -> list[str]:
    """This process's open file descriptors on ``path`` (or its journal)."""
    import os

    fds = os.listdir("/proc/self/fd")
    found = []
    for fd in fds:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self/fd"), reason="needs /proc to list open files")
def test_a_session_on_a_file_holds_it_open_only_during_an_action_and_follows_a_replaced_file(tmp_path):
    from dlplanner.services import projects

    path = tmp_path / "school.dlp"
    _district(str(path))
    maria = district.open_for_editing(str(path), user="maria@district")
    maria.project.scenarios[0].description = "Maria"
    assert district.save_changes(maria).ok
    assert _open_files(path) == []  # nothing open or locked between actions

    # "Save As" over the file from another window writes a new file and renames it into place
    replacement = _stored(str(path))
    replacement.scenarios[1].name = "In the new file"
    projects.create_project(str(path), replacement, overwrite=True)

    changes = district.check_for_changes(maria)  # reads the file now at that path, not the old one
    assert replacement.scenarios[1].id in [c.scenario_id for c in changes]
    district.refresh(maria)
    assert maria.project.scenarios[1].name == "In the new file"
    maria.close()
    assert _open_files(path) == []


def test_a_schema_upgraded_by_a_newer_dlplanner_while_a_session_is_open_is_refused(new_location: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from dlplanner.storage import NewerSchemaError, location_to_url

    _district(new_location)
    maria = district.open_for_editing(new_location, user="maria@district")
    maria.project.scenarios[0].description = "Maria"
    engine = create_engine(location_to_url(new_location), poolclass=NullPool)
    with engine.begin() as connection:  # what a newer dlplanner's `db upgrade` leaves behind
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(NewerSchemaError, match="newer dlplanner"):
        district.save_changes(maria)
    with pytest.raises(NewerSchemaError, match="newer dlplanner"):
        district.check_for_changes(maria)
    maria.close()
    assert maria.project.scenarios[0].description == "Maria"  # the edit is still here to save elsewhere


@pytest.mark.postgres
def test_a_session_whose_server_connection_was_cut_reconnects_on_its_next_save(pg_database: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    _district(pg_database)
    maria = district.open_for_editing(pg_database, user="maria@district")
    kept = _connections_to(pg_database)
    assert kept  # the session's pooled connection
    probe = create_engine(pg_database, poolclass=NullPool)
    with probe.connect() as connection:  # the server restarts, or an administrator ends the session
        for pid in kept:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    probe.dispose()
    assert _until(lambda: not (_connections_to(pg_database) & kept))

    maria.project.scenarios[0].description = "after the cut"
    assert district.save_changes(maria).ok  # the pool notices the dead connection and opens a new one
    assert _stored(pg_database).scenarios[0].description == "after the cut"
    maria.close()
