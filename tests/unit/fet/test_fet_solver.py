"""The CP-SAT engine for FET: every timetable it returns is judged by the independent checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from fet_builders import act, con, instance
from ortools.sat.python import cp_model

from dlplanner.fet.checker import check_fet
from dlplanner.fet.files import read_fet
from dlplanner.fet.model import FetYear
from dlplanner.fet.solver import solve_fet
from dlplanner.fet.solver.model import build_time_model, room_domains
from dlplanner.fet.solver.rooms import assign_rooms, hall_violations

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"


def solved(inst, limit: float = 10.0):
    result = solve_fet(inst, limit, workers=2, seed=1)
    assert result.status in ("optimal", "feasible"), result.messages
    report = check_fet(inst, result.timetable)
    assert report.valid, report.messages
    assert result.soft_penalty == pytest.approx(report.soft_penalty)
    return result.timetable.placements, result, report


@pytest.mark.parametrize("name", ["time.fet", "people.fet", "rooms.fet"])
def test_data_files_solve_to_checked_timetables(name):
    inst = read_fet(DATA / name)
    placements, result, _ = solved(inst)
    assert set(placements) == {a.id for a in inst.active_activities()}
    assert result.time_to_first is not None and result.best_bound is not None
    assert result.best_bound <= result.soft_penalty + 1e-9


def test_time_file_soft_optimum_is_proved():
    # activity 18 (Ann + Bob) prefers Monday 08:00 at 60 %, but Ann is never available on Monday
    inst = read_fet(DATA / "time.fet")
    _, result, report = solved(inst)
    assert result.status == "optimal"
    assert report.soft_penalty == pytest.approx(0.6)
    assert dict(report.soft) == {"ConstraintActivityPreferredStartingTime": pytest.approx(0.6)}


def test_infeasible_data_is_proved_infeasible():
    result = solve_fet(read_fet(DATA / "infeasible.fet"), 10, workers=2, seed=0)
    assert result.status == "infeasible"
    assert not result.has_timetable


def test_breaks_and_not_available_leave_one_slot():
    inst = instance(days=1, hours=3)
    act(inst, 1, "A", "S1")
    con(inst, "BreakTimes", slots=[("D1", "H1")])
    con(inst, "TeacherNotAvailableTimes", Teacher="A", slots=[("D1", "H2")])
    placements, _, _ = solved(inst)
    assert (placements[1].day, placements[1].hour) == (0, 2)


def test_min_days_spreads_and_soft_min_days_pays_the_shortfall():
    inst = instance(days=3, hours=2)
    for i in (1, 2, 3):
        act(inst, i, "A", "S1")
    con(inst, "MinDaysBetweenActivities", Activity_Id=[1, 2, 3], MinDays=1)
    placements, _, _ = solved(inst)
    assert sorted(p.day for p in placements.values()) == [0, 1, 2]
    inst = instance(days=2, hours=3)
    for i in (1, 2, 3):
        act(inst, i, "A", "S1")
    con(inst, "MinDaysBetweenActivities", weight=95, Activity_Id=[1, 2, 3], MinDays=1, Consecutive_If_Same_Day="true")
    placements, result, report = solved(inst)
    assert result.status == "optimal" and report.soft_penalty == pytest.approx(0.95)  # one pair must share a day
    same = [p for p in placements.values() if [q.day for q in placements.values()].count(p.day) == 2]
    assert abs(same[0].hour - same[1].hour) == 1  # consecutive if same day


def test_same_start_consecutive_grouped_and_ends_day():
    inst = instance(days=2, hours=4)
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "S2")
    act(inst, 3, "A", "G2", dur=2)
    act(inst, 4, "B", "G2")
    act(inst, 5, "B", "S1")
    con(inst, "ActivitiesSameStartingTime", Activity_Id=[1, 2])
    con(inst, "TwoActivitiesConsecutive", First_Activity_Id=3, Second_Activity_Id=4)
    con(inst, "TwoActivitiesGrouped", First_Activity_Id=1, Second_Activity_Id=5)
    con(inst, "ActivityEndsStudentsDay", Activity_Id=4)
    con(inst, "ActivityPreferredStartingTime", Activity_Id=3, Preferred_Day="D2", Preferred_Hour="H1")
    placements, _, _ = solved(inst)
    p = placements
    assert (p[1].day, p[1].hour) == (p[2].day, p[2].hour)
    assert (p[4].day, p[4].hour) == (1, 2)
    assert p[5].day == p[1].day and abs(p[5].hour - p[1].hour) == 1


def test_people_limits_bind():
    inst = instance(days=3, hours=4)
    for i in range(1, 7):
        act(inst, i, "A", "G2")
    con(inst, "TeacherMaxDaysPerWeek", Teacher_Name="A", Max_Days_Per_Week=2)
    con(inst, "TeachersMaxHoursContinuously", Maximum_Hours_Continuously=3)
    con(inst, "StudentsMaxGapsPerWeek", Max_Gaps=0)
    con(inst, "StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=0)
    placements, _, _ = solved(inst)
    days = {p.day for p in placements.values()}
    assert len(days) == 2
    for d in days:  # 3 hours a day, starting at the first hour, without gaps
        assert sorted(p.hour for p in placements.values() if p.day == d) == [0, 1, 2]
    con(inst, "TeacherMaxHoursContinuously", Teacher_Name="A", Maximum_Hours_Continuously=2)
    result = solve_fet(inst, 10, workers=2, seed=0)
    assert result.status == "infeasible"  # now 3 a day cannot avoid both gaps and 3 in a row


def test_soft_gaps_are_minimised_with_a_proved_bound():
    inst = instance(days=1, hours=4)
    act(inst, 1, "A", "S1")
    act(inst, 2, "A", "S2")
    con(inst, "ActivityPreferredStartingTime", Activity_Id=1, Preferred_Day="D1", Preferred_Hour="H1")
    con(inst, "ActivityPreferredTimeSlots", Activity_Id=2, slots=[("D1", "H3"), ("D1", "H4")])
    con(inst, "TeacherMaxGapsPerDay", weight=80, Teacher_Name="A", Max_Gaps=0)
    placements, result, report = solved(inst)
    assert placements[2].hour == 2
    assert result.status == "optimal"
    assert report.soft_penalty == pytest.approx(0.8) == result.best_bound


def test_rooms_respect_preferences_home_rooms_and_clashes():
    inst = instance(days=1, hours=3, rooms=["R1", "R2", "Hall"])
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "S2")
    act(inst, 3, "A", "G2")
    act(inst, 4, "B", "G2")
    con(inst, "SubjectPreferredRooms", space=True, Subject="M", Preferred_Room=["R1", "R2"])
    con(inst, "TeacherHomeRoom", space=True, weight=90, Teacher="B", Room="Hall")
    con(inst, "RoomNotAvailableTimes", space=True, Room="R1", slots=[("D1", "H1")])
    placements, _, report = solved(inst)
    rooms = {(p.day, p.hour): [] for p in placements.values()}
    for p in placements.values():
        assert p.room in ("R1", "R2")
        rooms[(p.day, p.hour)].append(p.room)
    assert all(len(r) == len(set(r)) for r in rooms.values())
    assert len(rooms.get((0, 0), [])) <= 1
    assert "R1" not in rooms.get((0, 0), [])
    assert report.soft_penalty == 0  # home room ignored: every activity has a preferred-rooms constraint


def test_stop_request_is_honoured():
    inst = read_fet(DATA / "people.fet")
    result = solve_fet(inst, 30, workers=2, seed=0, should_stop=lambda: True)
    assert result.status == "unknown"
    assert not result.has_timetable


def test_a_students_filter_on_a_year_restricts_its_groups_activities():
    inst = instance(days=2, hours=3)
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "G2")
    act(inst, 3, "B", "S2", subject="E")
    con(inst, "ActivitiesPreferredStartingTimes", Students_Name="Y", Subject_Name="M", slots=[("D2", "H3")])
    placements, _, _ = solved(inst)
    assert (placements[1].day, placements[1].hour) == (1, 2) == (placements[2].day, placements[2].hour)


def test_consecutive_activities_are_placed_across_a_break():
    # only H1 and H3 are usable for both; H2 is a break: FET counts H1 then H3 as consecutive
    inst = instance(days=1, hours=4)
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "S1")
    con(inst, "BreakTimes", slots=[("D1", "H2")])
    con(inst, "TeacherNotAvailableTimes", Teacher="A", slots=[("D1", "H3"), ("D1", "H4")])
    con(inst, "TwoActivitiesConsecutive", First_Activity_Id=1, Second_Activity_Id=2)
    con(inst, "TeacherNotAvailableTimes", Teacher="B", slots=[("D1", "H4")])
    placements, _, _ = solved(inst)
    assert (placements[1].hour, placements[2].hour) == (0, 2)


def _triangle_rooms_instance():
    """Two hours, four student sets with two activities each (so four activities an hour), rooms
    R1–R4; six activities may use two of R1–R3 each (domains that are not nested), two any room."""
    inst = instance(days=1, hours=2, rooms=["R1", "R2", "R3", "R4"])
    inst.years.append(FetYear("Z", 10, []))
    pairs = {1: "S1", 2: "S1", 3: "S2", 4: "S2", 5: "G2", 7: "G2", 6: "Z", 8: "Z"}
    triangle = {1: ["R1", "R2"], 2: ["R2", "R3"], 3: ["R1", "R3"], 4: ["R1", "R2"], 5: ["R2", "R3"], 6: ["R1", "R3"]}
    for aid, students in pairs.items():
        act(inst, aid, f"T{aid}", students)
        rooms = triangle.get(aid, ["R1", "R2", "R3", "R4"])
        con(inst, "ActivityPreferredRooms", space=True, Activity_Id=aid, Preferred_Room=rooms)
    return inst


def test_room_sets_over_capacity_are_found_slot_by_slot():
    inst = _triangle_rooms_instance()
    # 7 and 8 together in the first hour leave four activities confined to R1–R3 in the second
    times = {1: (0, 1), 2: (0, 0), 3: (0, 1), 4: (0, 0), 5: (0, 1), 6: (0, 1), 7: (0, 0), 8: (0, 0)}
    found = hall_violations(room_domains(inst), {}, times, dict.fromkeys(times, 1))
    assert found == {frozenset({"R1", "R2", "R3"})}
    times.update({6: (0, 0), 8: (0, 1)})
    assert hall_violations(room_domains(inst), {}, times, dict.fromkeys(times, 1)) == set()


def test_a_learnt_room_set_is_a_constraint_of_the_time_model():
    inst = _triangle_rooms_instance()
    for room_sets, expected in ((None, cp_model.OPTIMAL), ({frozenset({"R1", "R2", "R3"})}, cp_model.INFEASIBLE)):
        fm = build_time_model(inst, with_soft=False, room_sets=room_sets)
        fm.model.add(fm.x[7][(0, 0)] == 1)
        fm.model.add(fm.x[8][(0, 0)] == 1)
        assert cp_model.CpSolver().solve(fm.model) == expected


def test_non_nested_room_domains_solve_to_a_checked_timetable():
    inst = _triangle_rooms_instance()
    placements, _, _ = solved(inst)
    assert {p.hour for aid, p in placements.items() if aid in (7, 8)} == {0, 1}


def test_soft_room_preferences_may_leave_an_activity_without_a_room():
    # one hour, one room, two activities preferring it at 95 %: FET leaves one unallocated
    inst = instance(days=1, hours=1, rooms=["R1"])
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "S2")
    con(inst, "SubjectPreferredRoom", space=True, weight=95, Subject="M", Room="R1")
    placements, _result, report = solved(inst)
    assert sorted(str(p.room) for p in placements.values()) == ["None", "R1"]
    assert report.soft_penalty == pytest.approx(0.95)


def _two_hour_room_instance():
    """A two-hour lesson may use R1 or R2; a one-hour lesson needs R1, another R2."""
    inst = instance(days=1, hours=3, rooms=["R1", "R2"])
    act(inst, 1, "A", "S1", dur=2)
    act(inst, 2, "B", "S2")
    act(inst, 3, "C", "G2")
    con(inst, "ActivityPreferredRooms", space=True, Activity_Id=1, Preferred_Room=["R1", "R2"])
    con(inst, "ActivityPreferredRoom", space=True, Activity_Id=2, Room="R1")
    con(inst, "ActivityPreferredRoom", space=True, Activity_Id=3, Room="R2")
    return inst


def test_a_lesson_that_cannot_keep_one_room_gives_a_nogood():
    inst = _two_hour_room_instance()
    # each hour alone has rooms enough, but lesson 1 would have to change rooms between them
    stage = assign_rooms(inst, {1: (0, 0), 2: (0, 0), 3: (0, 1)}, 10, 1, 0)
    assert stage.rooms is None and not stage.hall_sets
    assert {aid for aid, _ in stage.nogood} == {1, 2, 3}
    assert assign_rooms(inst, {1: (0, 0), 2: (0, 0), 3: (0, 0)}, 10, 1, 0).rooms is None  # Hall: 3 in 2 rooms
    assert assign_rooms(inst, {1: (0, 0), 2: (0, 2), 3: (0, 1)}, 10, 1, 0).rooms is not None


def test_room_nogoods_lead_to_a_checked_timetable():
    inst = _two_hour_room_instance()
    placements, _, _ = solved(inst)
    assert placements[1].room in ("R1", "R2")


# -- the heuristic's first timetable, checked by the pinned model, and the exact penalty -------------


def _gappy_week():
    """Teacher A's six lessons in a 3 × 4 week, at most two days and no student gaps: a timetable
    the heuristic builds may well break the rules it does not know."""
    inst = instance(days=3, hours=4)
    for i in range(1, 7):
        act(inst, i, "A", "G2")
    con(inst, "TeacherMaxDaysPerWeek", Teacher_Name="A", Max_Days_Per_Week=2)
    con(inst, "StudentsMaxGapsPerWeek", Max_Gaps=0)
    return inst


def test_the_pinned_model_accepts_only_starts_that_keep_every_hard_constraint():
    inst = _gappy_week()
    compact = {i: ((i - 1) // 3, (i - 1) % 3) for i in range(1, 7)}  # two days, hours 1-3
    spread = {i: ((i - 1) % 3, (i - 1) // 3) for i in range(1, 7)}  # three days
    gappy = dict(compact) | {3: (0, 3)}  # a free hour before the last lesson of day 1
    verdicts = {}
    for name, times in (("compact", compact), ("spread", spread), ("gappy", gappy)):
        pinned = build_time_model(inst, with_soft=False, fixed=times)
        assert pinned.starts == {aid: [st] for aid, st in times.items()}  # one start each
        verdicts[name] = cp_model.CpSolver().solve(pinned.model)
    assert verdicts == {"compact": cp_model.OPTIMAL, "spread": cp_model.INFEASIBLE, "gappy": cp_model.INFEASIBLE}


def test_a_first_timetable_comes_from_the_heuristic_when_it_keeps_every_constraint():
    inst = instance(days=3, hours=3)
    for subject in range(3):  # teacher A's nine lessons fill the week, one of each subject a day
        ids = [10 * subject + k for k in range(1, 4)]
        for aid in ids:
            act(inst, aid, "A", "S1" if aid % 2 else "S2")
        con(inst, "MinDaysBetweenActivities", Activity_Id=ids, MinDays=1, Consecutive_If_Same_Day="false")
    _, result, _ = solved(inst)
    assert "first timetable by the place-and-evict heuristic, before the model was built" in result.messages


def test_a_heuristic_timetable_that_breaks_an_unknown_rule_is_not_returned():
    inst = _gappy_week()
    for seed in range(4):
        result = solve_fet(inst, 10, workers=2, seed=seed)
        report = check_fet(inst, result.timetable)
        assert report.valid, (seed, report.messages, result.messages)
        assert len({p.day for p in result.timetable.placements.values()}) == 2


def test_the_reported_penalty_is_that_of_exactly_the_returned_starts():
    # soft rules that a search incumbent could over-count: penalty indicators bounded from below only
    from dlplanner.fet.model import FetPlacement, FetTimetable
    from dlplanner.fet.solver.solve import _exact_penalty

    inst = instance(days=3, hours=4)
    for i in range(1, 5):
        act(inst, i, "A", "G2")
    con(inst, "MinDaysBetweenActivities", weight=95, Activity_Id=[1, 2, 3], MinDays=1, Consecutive_If_Same_Day="true")
    con(inst, "TeacherMaxGapsPerDay", weight=80, Teacher_Name="A", Max_Gaps=0)
    con(inst, "ActivityPreferredStartingTime", weight=60, Activity_Id=4, Preferred_Day="D3", Preferred_Hour="H1")
    for times in (
        {1: (0, 0), 2: (0, 1), 3: (1, 0), 4: (2, 0)},  # 1 and 2 share a day: 0.95
        {1: (0, 0), 2: (0, 1), 3: (1, 1), 4: (0, 3)},  # 1 and 2, A's gap on day 1, 4 not preferred: 2.35
        {1: (0, 0), 2: (1, 0), 3: (2, 0), 4: (2, 2)},  # a gap of A's on day 3, 4 not preferred: 0.8 + 0.6
    ):
        report = check_fet(inst, FetTimetable({aid: FetPlacement(d, h, None) for aid, (d, h) in times.items()}))
        assert report.valid
        assert _exact_penalty(inst, times, 5.0, 0) == pytest.approx(report.soft_penalty)


def test_soft_unavailable_room_hours_are_paid_for_and_avoided():
    # a double lesson in R1 or R2: R1 is unwanted for one hour at 70 %, R2 for both at 40 %
    inst = instance(days=1, hours=2, rooms=["R1", "R2"])
    act(inst, 1, "A", "S1", dur=2)
    con(inst, "ActivityPreferredRooms", space=True, Activity_Id=1, Preferred_Room=["R1", "R2"])
    con(inst, "RoomNotAvailableTimes", weight=70, space=True, Room="R1", slots=[("D1", "H1")])
    con(inst, "RoomNotAvailableTimes", weight=40, space=True, Room="R2", slots=[("D1", "H1"), ("D1", "H2")])
    placements, result, report = solved(inst)
    assert placements[1].room == "R1"
    assert result.soft_penalty == pytest.approx(0.7) == report.soft_penalty
