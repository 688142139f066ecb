"""Reading and writing .fet files, and turning one into a dlplanner project."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from lxml import etree

from dlplanner.fet.files import fet_to_project, read_fet, read_fet_timetable, write_fet_timetable
from dlplanner.fet.model import SUPPORTED_TYPES, FetFormatError, FetPlacement, FetTimetable

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"


def test_reads_days_hours_students_and_activities():
    inst = read_fet(DATA / "time.fet")
    assert inst.days == ["Mon", "Tue", "Wed", "Thu", "Fri"]
    assert len(inst.hours) == 6
    assert inst.subgroup_names() == ["7a1", "7a2", "7b", "Year 8"]
    smap = inst.students_map()
    assert smap["Year 7"] == ["7a1", "7a2", "7b"]
    assert smap["7a"] == ["7a1", "7a2"]
    assert smap["Year 8"] == ["Year 8"]  # a year without groups is its own subgroup
    assert len(inst.activities) == 18
    assert [a.id for a in inst.activities if not a.active] == [17]
    eng = inst.activity(4)
    assert (eng.duration, eng.total_duration, eng.group_id, eng.teachers) == (2, 4, 4, ["Bob"])
    assert inst.activity(18).teachers == ["Ann", "Bob"]
    assert inst.activity(18).students == ["7a", "7b"]
    assert inst.activity(6).tags == ["Lab"]


def test_reads_constraints_with_weights_slots_and_fields():
    inst = read_fet(DATA / "time.fet")
    soft = [c for c in inst.time_constraints if not c.hard]
    assert sorted((c.type, c.weight) for c in soft) == [
        ("ActivityPreferredStartingTime", 60.0),
        ("MinDaysBetweenActivities", 95.0),
    ]
    breaks = next(c for c in inst.time_constraints if c.type == "BreakTimes")
    assert breaks.slots == [(d, "11:00") for d in inst.days]
    md = next(c for c in inst.time_constraints if c.type == "MinDaysBetweenActivities" and c.hard)
    assert md.all("Activity_Id") == ["1", "2", "3"]
    assert md.get_bool("Consecutive_If_Same_Day") is True
    assert md.line > 0


def test_data_files_cover_every_supported_family():
    seen = set()
    for name in ("time.fet", "people.fet", "rooms.fet"):
        inst = read_fet(DATA / name)
        assert inst.fully_supported, name
        assert not inst.unsupported(), name
        seen |= {c.type for c in inst.constraints}
    assert SUPPORTED_TYPES - seen == set()


def test_unsupported_types_are_reported_by_name_and_count():
    inst = read_fet(DATA / "unsupported.fet")
    assert inst.version == "5.41.0"
    assert dict(inst.unsupported()) == {
        "ConstraintTeachersMaxBuildingChangesPerDay": 2,
        "ConstraintMinGapsBetweenActivities": 1,
    }
    # inactive constraints are not counted; soft ones do not make the file "not fully supported"
    assert dict(inst.unsupported_hard()) == {"ConstraintTeachersMaxBuildingChangesPerDay": 2}
    assert not inst.fully_supported


def test_reads_gzipped_files(tmp_path):
    gz = tmp_path / "rooms.fet.gz"
    gz.write_bytes(gzip.compress((DATA / "rooms.fet").read_bytes()))
    inst = read_fet(gz)
    assert inst.name == "rooms"
    assert len(inst.rooms) == 7


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("<fet version='6'>\n<Days_List>\n<Day><Name>x</Name></Day>\n</Hours_List>\n</fet>", 4, "not well-formed"),
        ("<?xml version='1.0'?>\n<timetable/>\n", 2, "expected <fet>"),
        (
            "<fet>\n<Days_List><Day><Name>d</Name></Day></Days_List>\n<Hours_List><Hour><Name>h</Name></Hour>"
            "</Hours_List>\n<Activities_List>\n<Activity>\n<Subject>s</Subject>\n<Duration>1</Duration>\n"
            "</Activity>\n</Activities_List>\n</fet>",
            5,
            "has no <Id>",
        ),
        (
            "<fet>\n<Days_List><Day><Name>d</Name></Day></Days_List>\n<Hours_List><Hour><Name>h</Name></Hour>"
            "</Hours_List>\n<Time_Constraints_List>\n<ConstraintBreakTimes>\n<Weight_Percentage>lots"
            "</Weight_Percentage>\n</ConstraintBreakTimes>\n</Time_Constraints_List>\n</fet>",
            5,
            "not a number",
        ),
        (
            "<fet>\n<Days_List><Day><Name>d</Name></Day></Days_List>\n<Hours_List><Hour><Name>h</Name></Hour>"
            "</Hours_List>\n<Activities_List>\n<Activity><Id>1</Id><Subject>s</Subject><Duration>1</Duration>"
            "</Activity>\n<Activity><Id>1</Id><Subject>s</Subject><Duration>1</Duration></Activity>\n"
            "</Activities_List>\n</fet>",
            6,
            "used twice",
        ),
    ],
)
def test_bad_files_name_the_file_and_line(tmp_path, text, line, words):
    bad = tmp_path / "broken.fet"
    bad.write_text(text)
    with pytest.raises(FetFormatError) as err:
        read_fet(bad)
    message = str(err.value)
    assert message.startswith(f"{bad}:{line}:"), message
    assert words in message


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such FET file"):
        read_fet(tmp_path / "nope.fet")


def _timetable(inst) -> FetTimetable:
    tt = FetTimetable()
    for i, a in enumerate(inst.active_activities()):
        tt.placements[a.id] = FetPlacement(i % len(inst.days), 0, "R101" if a.id in (5, 6) else None)
    return tt


def test_writer_adds_one_permanently_locked_start_per_activity_and_rooms(tmp_path):
    src = DATA / "rooms.fet"
    inst = read_fet(src)
    tt = _timetable(inst)
    out = tmp_path / "out.fet"
    write_fet_timetable(src, inst, tt, out)
    root = etree.parse(str(out)).getroot()
    starts = root.findall("Time_Constraints_List/ConstraintActivityPreferredStartingTime")
    assert sorted(int(e.findtext("Activity_Id")) for e in starts) == sorted(tt.placements)
    assert all(e.findtext("Permanently_Locked") == "true" for e in starts)
    assert all(e.findtext("Weight_Percentage") == "100" for e in starts)
    rooms = root.findall("Space_Constraints_List/ConstraintActivityPreferredRoom")
    # activity 5 already had a hard, identical preferred room: not written twice
    assert sorted((e.findtext("Activity_Id"), e.findtext("Room")) for e in rooms) == [("5", "R101"), ("6", "R101")]
    again = read_fet(out)
    assert len(again.constraints) == len(inst.constraints) + len(starts) + 1
    back = read_fet_timetable(out, inst)
    assert back.placements == tt.placements
    assert not list(tmp_path.glob(".*partial"))


def test_import_maps_days_hours_subgroups_and_split_activities():
    inst = read_fet(DATA / "time.fet")
    notes: list[str] = []
    project = fet_to_project(inst, notes)
    scenario = project.scenarios[0]
    assert [d.name for d in scenario.day_types] == inst.days
    schedule = scenario.schedule_of(scenario.day_types[0].id)
    assert len(schedule.blocks) == 6
    assert [b.kind.value for b in schedule.blocks].count("lunch") == 1  # the break hour
    assert [c.name for c in project.cohorts] == inst.subgroup_names()
    math = scenario.section("a1")
    assert (math.meetings_per_cycle, math.length_blocks) == (3, 1)
    eng = scenario.section("a4")
    assert (eng.meetings_per_cycle, eng.length_blocks) == (2, 2)
    assert len(set(scenario.section("a18").cohort_ids)) == 3  # 7a1, 7a2, 7b
    ann = next(t for t in project.teachers if t.name == "Ann")
    assert len(ann.unavailable) == 6 and {w.day_type_id for w in ann.unavailable} == {"d1"}
    assert sum(s.meetings_per_cycle for s in scenario.sections) == len(inst.active_activities())
    assert any("ConstraintMinDaysBetweenActivities" in n for n in notes)
