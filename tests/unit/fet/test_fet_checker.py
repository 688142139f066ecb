"""The FET checker: one small case per constraint family, with counts worked out by hand."""

from __future__ import annotations

import pytest
from fet_builders import act, con, instance

from dlplanner.fet.checker import check_fet
from dlplanner.fet.model import FetPlacement, FetTimetable


def tt(**placements) -> FetTimetable:
    """tt(a1=(day, hour), a2=(day, hour, room))."""
    return FetTimetable({int(k[1:]): FetPlacement(*v) for k, v in placements.items()})


def hard(inst, timetable) -> dict[str, int]:
    return dict(check_fet(inst, timetable).hard)


def test_clash_and_unplaced_activities_are_basic_time_violations():
    inst = instance()
    act(inst, 1, "A", "S1")
    act(inst, 2, "A", "G2")  # same teacher
    act(inst, 3, "B", "G1")  # G1 = S1 + S2: clashes with 1 through S1
    act(inst, 4, "B", "G2", dur=2)
    assert hard(inst, tt(a1=(0, 0), a2=(0, 1), a3=(1, 0), a4=(2, 0))) == {}
    assert hard(inst, tt(a1=(0, 0), a2=(0, 0), a3=(0, 0), a4=(2, 3))) == {"ConstraintBasicCompulsoryTime": 3}
    # teacher A twice at (0,0), subgroup S1 twice at (0,0); activity 4 runs past the day's end
    assert hard(inst, tt(a1=(0, 0), a2=(1, 0), a3=(2, 0))) == {"ConstraintBasicCompulsoryTime": 1}  # a4 unplaced


def test_rooms_clash_and_capacity():
    inst = instance(rooms=["R1", "R2"])
    inst.rooms[1].capacity = 5
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "G2")
    con(inst, "ActivityPreferredRooms", space=True, Activity_Id=1, Preferred_Room=["R1", "R2"])
    assert hard(inst, tt(a1=(0, 0, "R1"), a2=(0, 0, "R1"))) == {"ConstraintBasicCompulsorySpace": 1}
    assert hard(inst, tt(a1=(0, 0, "R2"), a2=(0, 1, "R1"))) == {"ConstraintBasicCompulsorySpace": 1}  # 10 > 5
    assert hard(inst, tt(a1=(0, 0, "R1"), a2=(0, 0))) == {}


def test_break_and_not_available_times():
    inst = instance()
    act(inst, 1, "A", "S1", dur=2)
    act(inst, 2, "B", "G2")
    con(inst, "BreakTimes", slots=[("D1", "H2")])
    con(inst, "TeacherNotAvailableTimes", Teacher="B", slots=[("D2", "H1")])
    con(inst, "StudentsSetNotAvailableTimes", Students="G1", slots=[("D3", "H4")])
    assert hard(inst, tt(a1=(1, 1), a2=(0, 0))) == {}
    assert hard(inst, tt(a1=(0, 0), a2=(1, 0))) == {"ConstraintBreakTimes": 1, "ConstraintTeacherNotAvailableTimes": 1}
    assert hard(inst, tt(a1=(2, 2), a2=(0, 0))) == {"ConstraintStudentsSetNotAvailableTimes": 1}


def test_room_not_available():
    inst = instance(rooms=["R1"])
    act(inst, 1, "A", "S1")
    con(inst, "ActivityPreferredRoom", space=True, Activity_Id=1, Room="R1")
    con(inst, "RoomNotAvailableTimes", space=True, Room="R1", slots=[("D1", "H1")])
    assert hard(inst, tt(a1=(0, 0, "R1"))) == {"ConstraintRoomNotAvailableTimes": 1}
    assert hard(inst, tt(a1=(0, 1, "R1"))) == {}


def test_preferred_starting_times_and_time_slots():
    inst = instance()
    act(inst, 1, "A", "S1", dur=2)
    act(inst, 2, "A", "G2", subject="E")
    act(inst, 3, "B", "G2", subject="E")
    con(inst, "ActivityPreferredStartingTime", Activity_Id=1, Preferred_Day="D2", Preferred_Hour="H1")
    con(inst, "ActivitiesPreferredStartingTimes", Subject_Name="E", slots=[("D3", "H1"), ("D3", "H2")])
    con(inst, "ActivityPreferredTimeSlots", weight=50, Activity_Id=1, slots=[("D2", "H1")])
    report = check_fet(inst, tt(a1=(1, 0), a2=(2, 0), a3=(2, 1)))
    assert dict(report.hard) == {}
    assert report.soft_penalty == 0.5  # activity 1 also occupies D2 H2, not a preferred slot
    assert hard(inst, tt(a1=(1, 1), a2=(2, 0), a3=(0, 0))) == {
        "ConstraintActivityPreferredStartingTime": 1,
        "ConstraintActivitiesPreferredStartingTimes": 1,
    }


def test_a_students_filter_selects_activities_sharing_students_with_the_set():
    # FET's setsShareStudents: a filter on year Y selects the activities of its groups and
    # subgroups too, and a filter on subgroup S1 selects an activity of its group G1
    inst = instance()
    act(inst, 1, "A", "S1")
    act(inst, 2, "B", "G2")
    con(inst, "ActivitiesPreferredStartingTimes", Students_Name="Y", slots=[("D1", "H1"), ("D2", "H1")])
    assert hard(inst, tt(a1=(0, 0), a2=(1, 0))) == {}
    assert hard(inst, tt(a1=(0, 1), a2=(1, 2))) == {"ConstraintActivitiesPreferredStartingTimes": 2}
    inst = instance()
    act(inst, 1, "A", "G1")
    act(inst, 2, "B", "G2")
    con(inst, "ActivitiesPreferredTimeSlots", Students_Name="S1", slots=[("D1", "H1")])
    assert hard(inst, tt(a1=(0, 1), a2=(0, 2))) == {"ConstraintActivitiesPreferredTimeSlots": 1}  # only G1's


def test_consecutive_and_grouped_may_span_a_break():
    inst = instance(days=2, hours=4)
    for i, t in ((1, "A"), (2, "B"), (3, "A"), (4, "B")):
        act(inst, i, t, "S1")
    con(inst, "BreakTimes", slots=[("D1", "H2"), ("D2", "H2")])
    con(inst, "TwoActivitiesConsecutive", First_Activity_Id=1, Second_Activity_Id=2)
    con(inst, "TwoActivitiesGrouped", First_Activity_Id=3, Second_Activity_Id=4)
    # H1, break at H2, then H3: "right after", as FET reads it (grouped: in either order)
    assert hard(inst, tt(a1=(0, 0), a2=(0, 2), a4=(1, 0), a3=(1, 2))) == {}
    assert hard(inst, tt(a1=(0, 0), a2=(0, 3), a3=(1, 0), a4=(1, 3))) == {
        "ConstraintTwoActivitiesConsecutive": 1,
        "ConstraintTwoActivitiesGrouped": 1,
    }


def test_subactivities_use_the_component_number():
    inst = instance()
    for i in (1, 2, 3):
        act(inst, i, "A", "S1", group_id=1)
    con(inst, "SubactivitiesPreferredTimeSlots", Component_Number=2, Subject_Name="M", slots=[("D1", "H1")])
    assert hard(inst, tt(a1=(1, 0), a2=(0, 0), a3=(2, 0))) == {}
    assert hard(inst, tt(a1=(0, 0), a2=(1, 0), a3=(2, 0))) == {"ConstraintSubactivitiesPreferredTimeSlots": 1}


def test_min_days_counts_the_shortfall_and_consecutive_if_same_day_is_hard():
    inst = instance(days=5)
    for i in (1, 2, 3):
        act(inst, i, "A", "S1")
    con(inst, "MinDaysBetweenActivities", weight=95, Activity_Id=[1, 2, 3], MinDays=2, Consecutive_If_Same_Day="true")
    report = check_fet(inst, tt(a1=(0, 0), a2=(2, 0), a3=(4, 0)))
    assert report.valid and report.soft_penalty == 0
    report = check_fet(inst, tt(a1=(0, 0), a2=(1, 0), a3=(4, 0)))  # 1 and 2 one day apart: shortfall 1
    assert report.valid and report.soft_penalty == pytest.approx(0.95)
    report = check_fet(inst, tt(a1=(0, 0), a2=(0, 1), a3=(4, 0)))  # same day, adjacent: shortfall 2
    assert report.valid and report.soft_penalty == pytest.approx(1.9)
    report = check_fet(inst, tt(a1=(0, 0), a2=(0, 2), a3=(4, 0)))  # same day, not adjacent
    assert dict(report.hard) == {"ConstraintMinDaysBetweenActivities": 1}


def test_max_days_between_and_same_start_families():
    inst = instance(days=5)
    for i in (1, 2, 3, 4):
        act(inst, i, "A" if i < 3 else "B", "S1" if i < 3 else "G2")
    con(inst, "MaxDaysBetweenActivities", Activity_Id=[1, 2], MaxDays=1)
    con(inst, "ActivitiesSameStartingHour", Activity_Id=[1, 3])
    con(inst, "ActivitiesSameStartingDay", Activity_Id=[2, 4])
    con(inst, "ActivitiesSameStartingTime", weight=40, Activity_Id=[3, 4])
    report = check_fet(inst, tt(a1=(0, 1), a2=(1, 0), a3=(3, 1), a4=(1, 2)))
    assert report.valid and report.soft_penalty == pytest.approx(0.4)
    assert hard(inst, tt(a1=(0, 1), a2=(3, 0), a3=(3, 2), a4=(1, 2))) == {
        "ConstraintMaxDaysBetweenActivities": 2,
        "ConstraintActivitiesSameStartingHour": 1,
        "ConstraintActivitiesSameStartingDay": 1,
    }


def test_not_overlapping_consecutive_grouped_and_ends_day():
    inst = instance()
    act(inst, 1, "A", "S1", dur=2)
    act(inst, 2, "B", "G2")
    act(inst, 3, "A", "S2")
    act(inst, 4, "B", "S2")
    con(inst, "ActivitiesNotOverlapping", Activity_Id=[1, 2])
    con(inst, "TwoActivitiesConsecutive", First_Activity_Id=1, Second_Activity_Id=4)
    con(inst, "TwoActivitiesGrouped", First_Activity_Id=2, Second_Activity_Id=3)
    con(inst, "ActivityEndsStudentsDay", Activity_Id=4)
    assert hard(inst, tt(a1=(0, 0), a2=(1, 1), a3=(1, 0), a4=(0, 2))) == {}
    # 1 and 2 share D1 H3; 4 does not follow 1; 3 (S2) comes after 4 (S2) on D1; 2 and 3 adjacent
    assert hard(inst, tt(a1=(0, 1), a2=(0, 2), a3=(0, 3), a4=(0, 0))) == {
        "ConstraintActivitiesNotOverlapping": 1,
        "ConstraintTwoActivitiesConsecutive": 1,
        "ConstraintActivityEndsStudentsDay": 1,
    }
    assert hard(inst, tt(a1=(0, 0), a2=(1, 1), a3=(2, 0), a4=(0, 2))) == {"ConstraintTwoActivitiesGrouped": 1}


def _week(inst, busy: dict[str, list[tuple[int, int]]]) -> FetTimetable:
    """One 1-hour activity per (person, day, hour); teacher X teaches subgroup-less filler G2."""
    timetable = FetTimetable()
    aid = 100
    for who, slots in busy.items():
        for d, h in slots:
            aid += 1
            if who in ("A", "B"):
                act(inst, aid, who, [])
            else:
                act(inst, aid, [], who)
            timetable.placements[aid] = FetPlacement(d, h)
    return timetable


def test_gaps_skip_breaks_and_not_available_hours():
    inst = instance(days=2, hours=6)
    con(inst, "BreakTimes", slots=[("D1", "H3")])
    con(inst, "TeacherNotAvailableTimes", Teacher="A", slots=[("D1", "H4")])
    con(inst, "TeacherMaxGapsPerWeek", Teacher_Name="A", Max_Gaps=0)
    con(inst, "TeachersMaxGapsPerDay", Max_Gaps=0)
    con(inst, "StudentsSetMaxGapsPerWeek", Students="G2", Max_Gaps=1)
    con(inst, "StudentsMaxGapsPerDay", weight=50, Max_Gaps=0)
    # A: D1 H1,H2,H5 — H3 break and H4 not available are not gaps; D2 H1,H3 — one gap
    # G2: D1 H1,H6 — gaps H2,H4,H5 (H3 is a break) = 3
    timetable = _week(inst, {"A": [(0, 0), (0, 1), (0, 4), (1, 0), (1, 2)], "G2": [(0, 0), (0, 5)]})
    report = check_fet(inst, timetable)
    assert dict(report.hard) == {
        "ConstraintTeacherMaxGapsPerWeek": 1,
        "ConstraintTeachersMaxGapsPerDay": 1,
        "ConstraintStudentsSetMaxGapsPerWeek": 2,
    }
    assert report.soft_penalty == pytest.approx(1.5)  # 3 excess gaps on one day × 0.5


def test_hours_daily_continuously_and_days_per_week():
    inst = instance(days=3, hours=6)
    con(inst, "TeachersMaxHoursDaily", Maximum_Hours_Daily=3)
    con(inst, "TeacherMinHoursDaily", Teacher_Name="B", Minimum_Hours_Daily=2, Allow_Empty_Days="true")
    con(inst, "StudentsSetMinHoursDaily", Students="G2", Minimum_Hours_Daily=1, Allow_Empty_Days="false")
    con(inst, "TeacherMaxHoursContinuously", Teacher_Name="A", Maximum_Hours_Continuously=2)
    con(inst, "TeacherMaxDaysPerWeek", Teacher_Name="A", Max_Days_Per_Week=1)
    con(inst, "TeachersMinDaysPerWeek", Minimum_Days_Per_Week=2)
    con(
        inst,
        "TeacherIntervalMaxDaysPerWeek",
        Teacher_Name="B",
        Interval_Start_Hour="H5",
        Interval_End_Hour="",
        Max_Days_Per_Week=0,
    )
    timetable = _week(inst, {"A": [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0)], "B": [(1, 5)], "G2": [(2, 0)]})
    assert hard(inst, timetable) == {
        "ConstraintTeachersMaxHoursDaily": 1,  # A: 4 hours on D1
        "ConstraintTeacherMinHoursDaily": 1,  # B: 1 hour on D2
        "ConstraintStudentsSetMinHoursDaily": 2,  # G2 empty on D1 and D2
        "ConstraintTeacherMaxHoursContinuously": 1,  # A: 4 in a row on D1
        "ConstraintTeacherMaxDaysPerWeek": 1,  # A works 2 days
        "ConstraintTeachersMinDaysPerWeek": 1,  # B works 1 day
        "ConstraintTeacherIntervalMaxDaysPerWeek": 1,  # B at H6
    }


def test_early_beginnings_at_second_hour():
    inst = instance(days=4, hours=4)
    con(inst, "BreakTimes", slots=[("D4", "H1")])
    con(inst, "StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=1)
    # G2 starts D1 H1 (fine), D2 H2 (second hour), D3 H3 (too late: 1), D4 H2 (first usable hour)
    timetable = _week(inst, {"G2": [(0, 0), (1, 1), (2, 2), (3, 1)]})
    assert hard(inst, timetable) == {"ConstraintStudentsEarlyMaxBeginningsAtSecondHour": 1}
    con(inst, "StudentsSetEarlyMaxBeginningsAtSecondHour", Students="G2", Max_Beginnings_At_Second_Hour=0)
    assert hard(inst, timetable)["ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour"] == 2  # D2 + D3


def test_room_preferences_and_home_rooms():
    inst = instance(rooms=["R1", "R2", "R3"])
    act(inst, 1, "A", "G2", subject="E")
    act(inst, 2, "A", "G2", tags=["Lab"])
    act(inst, 3, "B", "G1")
    act(inst, 4, ["A", "B"], "G1")
    con(inst, "SubjectPreferredRoom", space=True, Subject="E", Room="R1")
    con(inst, "ActivityTagPreferredRooms", space=True, Activity_Tag="Lab", Preferred_Room=["R2", "R3"])
    con(inst, "TeacherHomeRoom", space=True, Teacher="A", Room="R3")  # not for 1, 2 (preferred), 4 (two teachers)
    con(inst, "StudentsSetHomeRoom", space=True, weight=70, Students="G1", Room="R2")
    good = tt(a1=(0, 0, "R1"), a2=(0, 1, "R2"), a3=(0, 2, "R2"), a4=(0, 3, "R2"))
    report = check_fet(inst, good)
    assert report.valid and report.soft_penalty == 0
    bad = tt(a1=(0, 0, "R3"), a2=(0, 1), a3=(0, 2, "R1"), a4=(0, 3, "R2"))
    report = check_fet(inst, bad)
    assert dict(report.hard) == {"ConstraintSubjectPreferredRoom": 1, "ConstraintActivityTagPreferredRooms": 1}
    assert report.soft_penalty == pytest.approx(0.7)


def test_verdict_mentions_unsupported_constraints():
    inst = instance()
    act(inst, 1, "A", "S1")
    con(inst, "TeachersMaxBuildingChangesPerDay", Max_Building_Changes_Per_Day=1)
    report = check_fet(inst, tt(a1=(0, 0)))
    assert report.valid
    assert "not checked: 1 unsupported" in report.verdict()
