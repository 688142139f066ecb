"""The place-and-evict heuristic: its timetables respect the constraints it knows, as the
independent checker judges them."""

from __future__ import annotations

import pytest
from fet_builders import act, con, instance

from dlplanner.fet.checker import check_fet
from dlplanner.fet.model import FetPlacement, FetTimetable
from dlplanner.fet.solver import greedy, solve
from dlplanner.fet.solver.greedy import PlaceAndEvict, greedy_times, knows_every_hard_time_constraint
from dlplanner.fet.solver.model import build_time_model
from dlplanner.fet.solver.rooms import Rooms


def packed_instance():
    """Teacher A fills all nine hours of a 3 × 3 week, three lessons each of three subjects, each
    subject on three different days; B's lesson starts with one of A's; two lessons never overlap."""
    inst = instance(days=3, hours=3)
    for subject in range(3):
        ids = [10 * subject + k for k in range(1, 4)]
        for aid in ids:
            act(inst, aid, "A", "S1" if aid % 2 else "S2")
        con(inst, "MinDaysBetweenActivities", Activity_Id=ids, MinDays=1, Consecutive_If_Same_Day="false")
    act(inst, 40, "B", "G2")
    act(inst, 41, "B", "G2")
    con(inst, "ActivitiesSameStartingTime", Activity_Id=[40, 11])
    con(inst, "ActivitiesNotOverlapping", Activity_Id=[41, 21])
    con(inst, "ActivityPreferredStartingTime", Activity_Id=1, Preferred_Day="D2", Preferred_Hour="H3")
    return inst


def test_a_packed_week_is_placed_completely_and_checks_valid():
    inst = packed_instance()
    starts = build_time_model(inst, with_soft=False).starts
    for seed in range(5):
        times, complete = greedy_times(inst, starts, 5.0, seed)
        assert complete and set(times) == {a.id for a in inst.active_activities()}
        report = check_fet(inst, FetTimetable({aid: FetPlacement(d, h, None) for aid, (d, h) in times.items()}))
        assert report.valid, report.messages
        assert times[1] == (1, 2) and times[40] == times[11] and times[41] != times[21]


def test_an_impossible_week_is_reported_incomplete():
    inst = packed_instance()
    act(inst, 50, "A", "G2")  # a tenth lesson for A in nine hours
    starts = build_time_model(inst, with_soft=False).starts
    times, complete = greedy_times(inst, starts, 0.3, 0)
    assert not complete
    assert len(times) < len(inst.active_activities())


def test_a_stalled_run_is_not_worth_resuming():
    inst = packed_instance()
    act(inst, 50, "A", "G2")  # a tenth lesson for A in nine hours: nine placed at most
    heuristic = PlaceAndEvict(inst, build_time_model(inst, with_soft=False).starts, seed=0)
    heuristic.run(0.5)
    assert 0 < heuristic.gained_at < heuristic.seconds / 2
    assert not heuristic.progressing()


def test_a_stalled_quick_run_leaves_the_race_a_fresh_seed():
    inst = packed_instance()
    act(inst, 50, "A", "G2")  # never complete: the quick run stalls
    quick, heuristic = solve._quick_first(inst, 10.0, 0, None)  # a 0.5 s quick run
    assert quick is None and heuristic is not None
    assert heuristic.seconds == 0.0 and not heuristic.times  # not the stalled run, resumed
    assert heuristic.seed == 1


def test_a_run_that_stalls_gives_way_to_fresh_seeds():
    inst = packed_instance()
    act(inst, 50, "A", "G2")  # never complete: every run stalls
    heuristic = PlaceAndEvict(inst, build_time_model(inst, with_soft=False).starts, seed=0)
    times, seeds = greedy.run_with_fresh_seeds(heuristic, 0.5, 1.5, lambda: False, lambda times: True)
    assert times is None
    assert seeds >= 2  # a stalled run is not resumed to the end of the budget
    assert heuristic.seconds < 1.5


def test_a_timetable_that_does_not_hold_gives_way_to_the_next_seed():
    inst = packed_instance()
    heuristic = PlaceAndEvict(inst, build_time_model(inst, with_soft=False).starts, seed=0)
    judged: list[dict] = []

    def second_holds(times) -> bool:
        judged.append(times)
        return len(judged) == 2

    times, seeds = greedy.run_with_fresh_seeds(heuristic, 5.0, 30.0, lambda: False, second_holds)
    assert seeds == 2 and times is judged[1]
    assert len(times) == len(inst.active_activities())
    stopped, seeds = greedy.run_with_fresh_seeds(heuristic.reseeded(), 5.0, 30.0, lambda: True, second_holds)
    assert stopped is None and seeds == 1 and len(judged) == 2  # stopped before it ran


def test_soft_min_days_that_share_a_day_are_placed_adjacent():
    # one day, three hours, three lessons of one subgroup: two of them may share the day only adjacent
    inst = instance(days=1, hours=3)
    for aid in (1, 2, 3):
        act(inst, aid, "A", "S1")
    con(inst, "MinDaysBetweenActivities", weight=95, Activity_Id=[1, 3], MinDays=1, Consecutive_If_Same_Day="true")
    starts = build_time_model(inst, with_soft=False).starts
    for seed in range(8):
        times, complete = greedy_times(inst, starts, 5.0, seed)
        assert complete
        assert abs(times[1][1] - times[3][1]) == 1


def _valid_over_seeds(inst, seeds: int = 6) -> None:
    """Every seed places every activity, and the checker finds no broken hard constraint."""
    starts = build_time_model(inst, with_soft=False).starts
    for seed in range(seeds):
        times, complete = greedy_times(inst, starts, 5.0, seed)
        assert complete, seed
        report = check_fet(inst, FetTimetable({aid: FetPlacement(d, h, None) for aid, (d, h) in times.items()}))
        assert report.valid, (seed, report.messages)


@pytest.mark.parametrize("ctype", ["ActivitiesSameStartingDay", "ActivitiesSameStartingHour"])
def test_same_starting_day_or_hour_holds(ctype):
    # five days of four hours, nearly empty: three lessons (two share teacher A) rarely meet by chance
    inst = instance(days=5, hours=4)
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "S2")
    act(inst, 3, "A", "G2")
    for aid in range(4, 8):
        act(inst, aid, "B", "G2")
    con(inst, ctype, Activity_Id=[1, 2, 3])
    _valid_over_seeds(inst)


@pytest.mark.parametrize("ctype", ["TeacherMaxDaysPerWeek", "TeachersMaxDaysPerWeek"])
def test_max_days_per_week_holds(ctype):
    # A's six lessons fit in two of five days; B's four fill one day
    inst = instance(days=5, hours=4)
    for aid in range(1, 7):
        act(inst, aid, "A", "S1" if aid % 2 else "G2")
    for aid in range(7, 11):
        act(inst, aid, "B", "S2")
    if ctype == "TeacherMaxDaysPerWeek":
        con(inst, ctype, Teacher_Name="A", Max_Days_Per_Week=2)
    else:
        con(inst, ctype, Max_Days_Per_Week=2)
    _valid_over_seeds(inst)


@pytest.mark.parametrize(
    ("ctype", "fields"),
    [
        ("TeacherMaxHoursDaily", {"Teacher_Name": "A"}),
        ("TeachersMaxHoursDaily", {}),
        ("StudentsSetMaxHoursDaily", {"Students": "G2"}),
        ("StudentsMaxHoursDaily", {}),
    ],
)
def test_max_hours_daily_holds(ctype, fields):
    # teacher A and students G2 have ten hours (one a double lesson) in five days of six: two a day
    inst = instance(days=5, hours=6)
    act(inst, 1, "A", "G2", dur=2)
    for aid in range(2, 10):
        act(inst, aid, "A" if aid % 2 else "B", "G2")
    act(inst, 10, "A", "S1")
    act(inst, 11, "B", "S1")
    con(inst, ctype, Maximum_Hours_Daily=2, **fields)
    _valid_over_seeds(inst)


@pytest.mark.parametrize(
    ("ctype", "fields"),
    [
        ("TeacherMaxHoursContinuously", {"Teacher_Name": "A"}),
        ("TeachersMaxHoursContinuously", {}),
        ("StudentsSetMaxHoursContinuously", {"Students": "G2"}),
        ("StudentsMaxHoursContinuously", {}),
    ],
)
def test_max_hours_continuously_holds(ctype, fields):
    # A and G2 have eight hours in two days of six, at most two in a row: four a day, in two runs
    inst = instance(days=2, hours=6)
    act(inst, 1, "A", "G2", dur=2)
    for aid in range(2, 8):
        act(inst, aid, "A", "G2")
    act(inst, 8, "B", "S1")
    con(inst, ctype, Maximum_Hours_Continuously=2, **fields)
    _valid_over_seeds(inst)


def test_activities_confined_to_a_room_set_never_outnumber_its_rooms():
    # six lessons with nobody in common may only use R1 or R2: at most two at a time, in 2 × 2 hours
    inst = instance(days=2, hours=2, rooms=["R1", "R2", "R3"])
    for aid in range(1, 7):
        act(inst, aid, [], [])
    act(inst, 7, [], [], subject="E")
    con(
        inst, "SubjectPreferredRooms", space=True, Subject="M", Number_of_Preferred_Rooms=2, Preferred_Room=["R1", "R2"]
    )
    starts = build_time_model(inst, with_soft=False).starts
    for seed in range(6):
        times, complete = greedy_times(inst, starts, 5.0, seed)
        assert complete, seed
        at_once = [sum(1 for aid in range(1, 7) if times[aid] == slot) for slot in set(times.values())]
        assert max(at_once) <= 2, (seed, times)
        rooms = Rooms(inst).assign(times, 5.0, 1, seed).rooms
        assert rooms is not None
        report = check_fet(
            inst, FetTimetable({aid: FetPlacement(d, h, rooms.get(aid)) for aid, (d, h) in times.items()})
        )
        assert report.valid, (seed, report.messages)


def test_no_activity_goes_where_every_room_of_its_set_is_unavailable():
    # four lessons with nobody in common may only use R1 or R2, both closed on day 1: all go to day 2
    # (found on Arabic_Saudi_Examination, where the heuristic's timetables never held)
    inst = instance(days=2, hours=2, rooms=["R1", "R2", "R3"])
    for aid in range(1, 5):
        act(inst, aid, [], [])
    con(
        inst, "SubjectPreferredRooms", space=True, Subject="M", Number_of_Preferred_Rooms=2, Preferred_Room=["R1", "R2"]
    )
    for room in ("R1", "R2"):
        con(inst, "RoomNotAvailableTimes", space=True, Room=room, slots=[("D1", "H1"), ("D1", "H2")])
    starts = build_time_model(inst, with_soft=False).starts
    for seed in range(6):
        times, complete = greedy_times(inst, starts, 5.0, seed)
        assert complete, seed
        assert all(day == 1 for day, _ in times.values()), (seed, times)


def test_a_stalled_search_goes_back_to_its_best_partial_timetable(monkeypatch):
    # ten lessons for A in nine hours never all fit: the search stalls and, restarting after one
    # step per unit without a better timetable, goes back to its best again and again; what it
    # returns is still the best possible (all but one of A's lessons) and still clash-free
    monkeypatch.setattr(greedy, "RESTART_AFTER", 1)
    inst = packed_instance()
    act(inst, 50, "A", "G2")
    starts = build_time_model(inst, with_soft=False).starts
    heuristic = PlaceAndEvict(inst, starts, seed=0)
    times, complete = heuristic.run(1.0)
    assert not complete and heuristic.stats.restarts > 0
    assert len(times) == len(inst.active_activities()) - 1
    slots_of_a = [times[a.id] for a in inst.active_activities() if "A" in a.teachers and a.id in times]
    assert len(set(slots_of_a)) == len(slots_of_a) == 9


def test_the_heuristic_is_used_only_when_it_knows_every_hard_time_rule():
    inst = packed_instance()
    con(inst, "TeacherMaxHoursDaily", Teacher_Name="A", Maximum_Hours_Daily=3)
    con(inst, "StudentsMaxGapsPerWeek", weight=95, Max_Gaps=0)  # soft: CP-SAT optimises it later
    con(inst, "SubjectPreferredRoom", space=True, Subject="M", Room="R1")  # rooms: kept as room sets
    assert knows_every_hard_time_constraint(inst)
    con(inst, "StudentsMaxGapsPerWeek", Max_Gaps=0)
    assert knows_every_hard_time_constraint(inst)
    con(inst, "StudentsMinHoursDaily", Minimum_Hours_Daily=2, Allow_Empty_Days="true")
    assert knows_every_hard_time_constraint(inst)
    con(inst, "TeacherMinDaysPerWeek", Teacher_Name="A", Minimum_Days_Per_Week=2)
    assert not knows_every_hard_time_constraint(inst)


def test_a_stopped_run_resumes_where_it_stopped():
    # 300 lessons with nobody in common: one placement per step, and a run with no time left stops
    # at its first report (after 256 steps)
    inst = instance(days=5, hours=6)
    for aid in range(1, 301):
        act(inst, aid, [], [])
    starts = build_time_model(inst, with_soft=False).starts
    heuristic = PlaceAndEvict(inst, starts, seed=0)
    first, complete = heuristic.run(0.0)
    assert not complete and 0 < len(first) < 300
    assert heuristic.progressing()  # it has just placed more: worth resuming
    resumed, complete = heuristic.run(0.0)  # a restart would stop at the same point again
    assert complete and len(resumed) == 300
    assert not heuristic.progressing()  # done
    assert all(resumed[aid] == slot for aid, slot in first.items())
    assert greedy_times(inst, starts, 5.0, seed=0) == (resumed, True)  # as if never stopped


@pytest.mark.parametrize(
    ("ctype", "fields"),
    [
        ("StudentsMaxGapsPerWeek", {}),
        ("StudentsSetMaxGapsPerWeek", {"Students": "G2"}),
        ("StudentsMaxGapsPerDay", {}),
        ("TeacherMaxGapsPerWeek", {"Teacher_Name": "A"}),
        ("TeachersMaxGapsPerDay", {}),
    ],
)
def test_max_gaps_hold(ctype, fields):
    # A teaches G2 ten lessons (one double) in three days of six hours; B teaches S1 two: no gaps
    inst = instance(days=3, hours=6)
    act(inst, 1, "A", "G2", dur=2)
    for aid in range(2, 11):
        act(inst, aid, "A", "G2")
    act(inst, 11, "B", "S1")
    act(inst, 12, "B", "S1")
    con(inst, "BreakTimes", slots=[("D2", "H4")])  # not a gap
    con(inst, ctype, Max_Gaps=0, **fields)
    _valid_over_seeds(inst)


@pytest.mark.parametrize(
    ("ctype", "fields"),
    [("StudentsEarlyMaxBeginningsAtSecondHour", {}), ("StudentsSetEarlyMaxBeginningsAtSecondHour", {"Students": "G1"})],
)
def test_early_beginnings_hold(ctype, fields):
    # G1's eight lessons in four days of five hours: every day it has lessons begins at the first hour
    inst = instance(days=4, hours=5)
    for aid in range(1, 9):
        act(inst, aid, "A" if aid % 2 else "B", "G1")
    con(inst, ctype, Max_Beginnings_At_Second_Hour=0, **fields)
    con(inst, "StudentsMaxGapsPerWeek", Max_Gaps=0)
    _valid_over_seeds(inst)


def test_late_beginnings_count_over_the_week_and_a_last_lesson_makes_room():
    # one subgroup, no beginning at the second hour allowed, two days of three hours, four lessons:
    # one placed at the third hour of day 1 (late by two hours, three lessons still to place)
    occ = [-1] * 6
    shapes = greedy._Shapes(2, 3, {0: [None, None, 0, None]}, {0: [(True, True, True)] * 2}, occ)
    shapes.people = {u: [(0, 1)] for u in (1, 2, 3, 4)}
    shapes.remaining[0] = 4
    occ[2] = 1
    shapes.place(1, (0, 2))
    assert shapes.late[0] == [2, 0] and shapes.remaining[0] == 3
    weight = dict.fromkeys((1, 2, 3, 4), 1)
    # lesson 3 at the second hour of day 2: three late hours in the week, two lessons left to fill
    # them: as FET does, day 1's last lesson goes back to be placed again
    out: set[int] = set()
    shapes.conflicts(3, (1, 1), out, weight)
    assert out == {1}
    # at the first hour of day 2 nothing new is late: two late hours, two lessons left
    out = set()
    assert shapes.conflicts(3, (1, 0), out, weight) < greedy.LATE_START
    assert out == set()


@pytest.mark.parametrize(
    ("ctype", "fields"),
    [
        ("TeacherMinHoursDaily", {"Teacher_Name": "A"}),
        ("TeachersMinHoursDaily", {}),
        ("StudentsSetMinHoursDaily", {"Students": "G2"}),
        ("StudentsMinHoursDaily", {}),
    ],
)
@pytest.mark.parametrize("allow_empty", ["true", "false"])
def test_min_hours_daily_holds(ctype, fields, allow_empty):
    # A teaches G2 six hours (one double lesson), B and C teach S1 and S2 six lessons each, in three
    # days of four hours: at least three hours on each day with lessons (two days when empty days
    # are allowed), or two hours on every day
    inst = instance(days=3, hours=4)
    act(inst, 1, "A", "G2", dur=2)
    for aid in range(2, 6):
        act(inst, aid, "A", "G2")
    for aid in range(6, 18):
        act(inst, aid, "B" if aid < 12 else "C", "S1" if aid < 12 else "S2")
    least = 3 if allow_empty == "true" else 2
    con(inst, ctype, Minimum_Hours_Daily=least, Allow_Empty_Days=allow_empty, **fields)
    _valid_over_seeds(inst)


def test_short_days_count_over_the_week_and_emptying_a_short_day_makes_room():
    # one subgroup, at least two hours on each day it has lessons, two days of three hours, three
    # lessons: one placed on day 1 (one hour short, two lessons still to place)
    occ = [-1] * 6
    shapes = greedy._Shapes(2, 3, {0: [None, None, None, 2]}, {0: [(True, True, True)] * 2}, occ)
    shapes.people = {u: [(0, 1)] for u in (1, 2, 3)}
    shapes.remaining[0] = 3
    occ[0] = 1
    shapes.place(1, (0, 0))
    assert shapes.lack_sum[0] == 1 and shapes.remaining[0] == 2
    weight = dict.fromkeys((1, 2, 3), 1)
    # lesson 2 on day 2: both days one hour short, one lesson left to fill them: as FET does, a
    # lesson goes back to be placed again; emptying day 1 leaves it nothing to lack
    out: set[int] = set()
    shapes.conflicts(2, (1, 0), out, weight)
    assert out == {1}
    # next to lesson 1 nothing is short any more: no eviction, and the day that lacked is dearer
    # to leave short than to fill
    out = set()
    assert shapes.conflicts(2, (0, 1), out, weight) < 0
    assert out == set()


@pytest.mark.parametrize("limits", [[None, None, 0, None], [None, None, None, 2], [None, 0, 0, 2]])
def test_a_days_floor_bounds_what_any_start_on_it_can_cost(limits):
    # the heuristic prices starts cheapest first and stops at the first whose evictions plus this
    # floor cannot beat the best: the floor must never exceed a start's true extra cost
    occ = [-1] * 6
    shapes = greedy._Shapes(2, 3, {0: limits}, {0: [(True, True, True)] * 2}, occ)
    shapes.people = {u: [(0, 1)] for u in (1, 2, 3, 4)}
    shapes.remaining[0] = 4
    occ[2] = 1
    shapes.place(1, (0, 2))  # a late, short day: gaps, late hours and lacking hours to give back
    weight = {1: 3, 2: 1, 3: 1, 4: 1}
    floor = shapes.floors(3)
    assert min(floor) < 0
    for st in [(d, h) for d in range(2) for h in range(3) if occ[d * 3 + h] == -1]:
        out: set[int] = set()
        extra = shapes.conflicts(3, st, out, weight) + sum(weight[v] for v in out)
        assert extra >= floor[st[0]], (st, extra, floor)


def test_an_activity_that_ends_the_students_day_comes_last():
    # G2 has four lessons in two days of three hours; lessons 1 and 2 end their students' day
    inst = instance(days=2, hours=3)
    for aid in range(1, 5):
        act(inst, aid, "A" if aid % 2 else "B", "G2")
    act(inst, 5, "B", "S1")
    con(inst, "ActivityEndsStudentsDay", Activity_Id=1)
    con(inst, "ActivityEndsStudentsDay", Activity_Id=2)
    _valid_over_seeds(inst)


@pytest.mark.parametrize("ctype", ["TwoActivitiesConsecutive", "TwoActivitiesGrouped"])
def test_two_activities_consecutive_or_grouped_hold(ctype):
    # lesson 2 (a double) right after lesson 1 (or next to it, for grouped), only a break between
    # them, in a week of two days of five hours where others fill some hours
    inst = instance(days=2, hours=5)
    act(inst, 1, "A", "G2")
    act(inst, 2, "B", "G2", dur=2)
    for aid in range(3, 7):
        act(inst, aid, "A" if aid % 2 else "B", "S1")
    act(inst, 7, "A", "G2")
    con(inst, "BreakTimes", slots=[("D1", "H3")])
    con(inst, ctype, First_Activity_Id=1, Second_Activity_Id=2)
    _valid_over_seeds(inst)
