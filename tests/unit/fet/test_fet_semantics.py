"""FET semantics that differed from FET's own (found by the differential check against fet-cl):
virtual rooms, FET 3-era files, bounded input. Each test names the behaviour whose loss it catches."""

from __future__ import annotations

import copy
import gzip
from pathlib import Path

import pytest

from dlplanner.fet import files
from dlplanner.fet.checker import check_fet
from dlplanner.fet.files import read_fet, timetable_of, write_fet_timetable
from dlplanner.fet.model import FetFormatError, FetInstance, FetPlacement, FetTimetable
from dlplanner.fet.solver import solve_fet
from dlplanner.fet.solver.rooms import Rooms

DATA = Path(__file__).resolve().parents[2] / "data" / "fet"


def _tt(**placements: tuple) -> FetTimetable:
    """``a1=(day, hour, room, [real rooms])`` → a timetable."""
    return FetTimetable({int(k[1:]): FetPlacement(*v) for k, v in placements.items()})


VALID = {
    "a1": (0, 0, "Sport", ["R1", "R2"]),
    "a2": (0, 1, "R1", []),
    "a3": (0, 2, "Sport", ["R2", "R1"]),
    "a4": (0, 0, "R3", []),
    "a5": (0, 1, "Lab", ["R4", "R6"]),
}


def _shared_sport() -> FetInstance:
    """virtual_rooms.fet with Sport's sets widened to R1, R2, R5, R6: two activities can then be in
    Sport at once, each with two real rooms of their own."""
    inst = copy.deepcopy(read_fet(DATA / "virtual_rooms.fet"))
    sport = next(r for r in inst.rooms if r.name == "Sport")
    sport.real_room_sets = [["R1", "R2", "R5", "R6"], ["R1", "R2", "R5", "R6"]]
    inst.activities = [a for a in inst.activities if a.id in (1, 3)]
    inst.space_constraints = [c for c in inst.space_constraints if c.get("Activity_Id") in ("", "1", "3")]
    return inst


def test_reads_virtual_rooms_and_counts_them_as_supported():
    inst = read_fet(DATA / "virtual_rooms.fet")
    assert inst.virtual_rooms() == {"Sport": [["R1", "R2"], ["R1", "R2"]], "Lab": [["R3", "R4"], ["R5", "R6"]]}
    assert inst.fully_supported and not inst.unsupported()


def test_solver_gives_an_activity_in_a_virtual_room_one_different_real_room_of_each_set():
    """Was: "the hard constraints dlplanner models admit no timetable (proved)" (virtual rooms were
    left out of every room domain); fet-cl solves the file at once."""
    inst = read_fet(DATA / "virtual_rooms.fet")
    result = solve_fet(inst, 10, workers=2, seed=0)
    assert result.status in ("optimal", "feasible"), result.messages
    places = result.timetable.placements
    assert check_fet(inst, result.timetable).valid
    assert sorted(places[1].real_rooms) == sorted(places[3].real_rooms) == ["R1", "R2"]
    # Sport holds both R1 and R2, and activity 2 holds R1: three different hours
    assert len({places[1].hour, places[2].hour, places[3].hour}) == 3
    # locked real rooms, although soft not-available times make them the dearer choice
    assert places[5].room == "Lab" and sorted(places[5].real_rooms) == ["R4", "R6"]


def test_a_virtual_room_hosts_several_activities_at_once(tmp_path):
    """fet-cl puts two activities in one virtual room at the same hour, each with its own real rooms;
    counting the virtual room as one room would refuse that."""
    inst = _shared_sport()
    together = _tt(a1=(0, 0, "Sport", ["R1", "R2"]), a3=(0, 0, "Sport", ["R5", "R6"]))
    assert check_fet(inst, together).valid
    stage = Rooms(inst).assign({1: (0, 0), 3: (0, 0)}, 10, 1, 0, optimise=False)
    assert stage.rooms == {1: "Sport", 3: "Sport"}
    assert set(stage.real_rooms[1]).isdisjoint(stage.real_rooms[3])


@pytest.mark.parametrize(
    ("change", "broken"),
    [
        ({"a1": (0, 0, "Sport", ["R1", "R1"])}, "ConstraintBasicCompulsorySpace"),  # one room twice
        ({"a1": (0, 1, "Sport", ["R1", "R2"])}, "ConstraintBasicCompulsorySpace"),  # R1 also held by a2
        ({"a1": (0, 0, "Sport", ["R1", "R5"])}, "ConstraintBasicCompulsorySpace"),  # R5 is in no set
        ({"a1": (0, 0, "Sport", [])}, "ConstraintBasicCompulsorySpace"),  # no real rooms
        ({"a5": (0, 1, "Lab", ["R3", "R6"])}, "ConstraintActivityPreferredRoom"),  # not the locked ones
    ],
)
def test_checker_holds_real_rooms_of_virtual_rooms(change, broken):
    inst = read_fet(DATA / "virtual_rooms.fet")
    assert check_fet(inst, _tt(**VALID)).valid
    report = check_fet(inst, _tt(**{**VALID, **change}))
    assert report.hard[broken] >= 1, report.verdict()


def test_real_rooms_are_written_and_read_back(tmp_path):
    inst = read_fet(DATA / "virtual_rooms.fet")
    out = tmp_path / "out.fet"
    write_fet_timetable(DATA / "virtual_rooms.fet", inst, _tt(**VALID), out)
    back = timetable_of(read_fet(out), inst)
    assert back.placements[1].real_rooms == ["R1", "R2"]
    assert back.placements[2].real_rooms == []


def test_reads_fet3_files_with_an_upper_case_root():
    """fet-cl reads files from FET 3 (root <FET>, day and hour names straight under their list,
    a <Weight> of 1 on the basic constraints); they were refused."""
    inst = read_fet(DATA / "fet3.fet")
    assert inst.days == ["Mon", "Tue"] and inst.hours == ["08:00", "09:00", "10:00"]
    assert [a.id for a in inst.active_activities()] == [1, 2, 3]
    basic = [c for c in inst.constraints if c.type.startswith("BasicCompulsory")]
    assert len(basic) == 2 and all(c.hard for c in basic)
    result = solve_fet(inst, 5, workers=1, seed=0)
    assert check_fet(inst, result.timetable).valid
    assert (0, 1) not in {(p.day, p.hour) for p in result.timetable.placements.values()}  # the break


def test_gzip_expanding_beyond_the_bound_is_refused(tmp_path, monkeypatch):
    """A small gzip file that expands enormously is refused with a clear message before it fills
    memory (a 4 MB file expanding to 4 GiB was decompressed whole)."""
    monkeypatch.setattr(files, "MAX_FET_BYTES", 4096)
    bomb = tmp_path / "bomb.fet.gz"
    bomb.write_bytes(gzip.compress(b"<fet>" + b" " * 1_000_000 + b"</fet>"))
    assert bomb.stat().st_size < 4096
    with pytest.raises(FetFormatError, match=r"unzipped content is larger than") as err:
        read_fet(bomb)
    assert str(err.value).startswith(str(bomb))
    big = tmp_path / "big.fet"
    big.write_bytes(b"<fet>" + b" " * 5000 + b"</fet>")
    with pytest.raises(FetFormatError, match=r"the file is larger than"):
        read_fet(big)


def test_damaged_gzip_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.fet.gz"
    broken.write_bytes(gzip.compress((DATA / "time.fet").read_bytes())[:300])
    with pytest.raises(FetFormatError, match="damaged gzip"):
        read_fet(broken)


def test_mornings_afternoons_mode_leaves_day_counting_constraints_unmodelled(tmp_path):
    """In FET's mornings-afternoons mode a FET day is half a real day: fet-cl solves this file with
    an empty afternoon, which students' "min hours daily, no empty days" read per FET day forbids
    (dlplanner called such files infeasible and fet-cl's own timetables invalid)."""
    inst = read_fet(DATA / "mornings_afternoons.fet")
    assert inst.mode == "Mornings_Afternoons"
    assert dict(inst.unsupported_hard()) == {"ConstraintStudentsMinHoursDaily (in mornings-afternoons mode)": 1}
    result = solve_fet(inst, 5, workers=1, seed=0)
    assert result.status == "optimal" and check_fet(inst, result.timetable).valid
    # the same file in FET's official mode is infeasible: the mode is what makes the difference
    official = tmp_path / "official.fet"
    official.write_text((DATA / "mornings_afternoons.fet").read_text().replace("Mornings_Afternoons", "Official"))
    assert solve_fet(read_fet(official), 5, workers=1, seed=0).status == "infeasible"


@pytest.mark.parametrize(
    ("version", "mode"),
    [("5.27.3-algeria29", "Mornings_Afternoons"), ("5.27.3-ma9", "Mornings_Afternoons"), ("5.41.0", "Official")],
)
def test_fet5_special_builds_name_their_mode_in_the_version(tmp_path, version, mode):
    path = tmp_path / "v.fet"
    path.write_text((DATA / "infeasible.fet").read_text().replace('version="6.8.5"', f'version="{version}"'))
    assert read_fet(path).mode == mode
