"""Room classes and the room pass; the first timetable's penalties when nothing better turns up."""

from __future__ import annotations

from datetime import date

from solver_kit import add_section, blocks_of, by_section, judged, run, school

from dlplanner.domain.calendar import Term
from dlplanner.domain.model import Campus, CampusTravel, Placement, Room
from dlplanner.solver import HARD_RULES, engine, rooms
from dlplanner.solver.model_builder import Context


def test_interchangeable_rooms_form_one_class_and_pinned_or_special_rooms_their_own():
    p = school(days=2, teachers=3, cohorts=3)
    p.rooms = [Room(f"r{i}", f"Room {i}", 30) for i in range(4)] + [Room("lab", "Lab", 30, {"lab"})]
    p.rooms.append(Room("far", "Far", 30, campus_id="south"))
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t1"], room_features={"lab"})
    pins = [Placement("a", 0, "d0", 480, 540, "r2", ["t0"], pinned=True)]
    ctx = Context(p, p.scenarios[0], rules=HARD_RULES, pins=pins)
    groups = sorted(sorted(c.rooms) for c in ctx.room_classes.values())
    assert groups == [["far"], ["lab"], ["r0", "r1", "r3"], ["r2"]]
    assert all(
        len(c.rooms) == 1
        for c in Context(p, p.scenarios[0], rules=HARD_RULES, room_classes=False).room_classes.values()
    )


def test_a_class_hosts_as_many_meetings_at_once_as_it_has_rooms():
    p = school(days=1, teachers=3, cohorts=3, rooms=2)  # three blocks, two rooms, three cohorts
    for i in range(3):
        add_section(p, f"s{i}", cohort_ids=[f"c{i}"], teacher_ids=[f"t{i}"], meetings_per_cycle=2)
    result = run(p)
    judged(p, result)
    per_start: dict[int, set[str]] = {}
    for m in result.placements:
        per_start.setdefault(m.start, set()).add(m.room_id)
    assert all(len(rooms) == sum(1 for m in result.placements if m.start == s) for s, rooms in per_start.items())


def test_rooms_of_a_class_shared_by_sections_of_different_terms():
    p = school(days=1, teachers=4, cohorts=4, rooms=2)
    year = p.scenarios[0].calendar
    year.terms = [
        Term("fall", "Fall", date(2026, 8, 24), date(2027, 1, 15)),
        Term("spring", "Spring", date(2027, 1, 18), date(2027, 6, 11)),
    ]
    add_section(p, "f1", cohort_ids=["c0"], teacher_ids=["t0"], term_id="fall", meetings_per_cycle=3)
    add_section(p, "f2", cohort_ids=["c1"], teacher_ids=["t1"], term_id="fall", meetings_per_cycle=2)
    add_section(p, "s1", cohort_ids=["c2"], teacher_ids=["t2"], term_id="spring", meetings_per_cycle=3)
    add_section(p, "y", cohort_ids=["c3"], teacher_ids=["t3"], meetings_per_cycle=1)
    result = run(p)
    judged(p, result)


def test_lab_sections_keep_one_room_of_their_class():
    p = school(days=3, teachers=3, cohorts=3)
    p.rooms = [Room(f"lab{i}", f"Lab {i}", 30, {"lab"}) for i in range(3)]
    for i in range(3):
        add_section(
            p, f"lab{i}", cohort_ids=[f"c{i}"], teacher_ids=[f"t{i}"], room_features={"lab"}, meetings_per_cycle=3
        )
    result = run(p)
    judged(p, result)
    assert result.penalties["room_changes"] == 0
    assert all(len({m.room_id for m in ms}) == 1 for ms in by_section(result).values())


def test_campus_travel_with_a_class_on_each_campus():
    p = school(days=1, teachers=2, cohorts=1)
    p.campuses = [Campus("north", "North"), Campus("south", "South")]
    p.travel = [CampusTravel("north", "south", 30)]
    p.rooms = [Room(f"n{i}", "N", 30, campus_id="north") for i in range(2)]
    p.rooms += [Room(f"s{i}", "S", 30, campus_id="south") for i in range(2)]
    add_section(p, "a", cohort_ids=["c0"], teacher_pool=["t0", "t1"], teachers_needed=1, meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c0"], teacher_ids=["t1"], room_features=set())
    result = run(p)
    judged(p, result)


def test_first_timetable_keeps_its_penalties_when_the_soft_phase_finds_nothing(monkeypatch):
    p = school(days=2, teachers=2, cohorts=2, rooms=2)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=3)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t1"], meetings_per_cycle=2)
    real = engine._extract
    calls = []

    def extract(*args):
        calls.append(1)
        return real(*args) if len(calls) == 1 else None  # the soft phase "finds nothing"

    monkeypatch.setattr(engine, "_extract", extract)
    result = run(p)
    report = judged(p, result)
    assert result.penalties and result.penalties == report.penalties
    assert result.objective == report.total_penalty
    assert report.penalties["spread_days"] > 0  # three meetings on two day types


def test_a_room_pass_that_fails_falls_back_to_one_class_per_room(monkeypatch):
    p = school(days=2, teachers=2, cohorts=2, rooms=3)
    add_section(p, "a", cohort_ids=["c0"], teacher_ids=["t0"], meetings_per_cycle=2)
    add_section(p, "b", cohort_ids=["c1"], teacher_ids=["t1"], meetings_per_cycle=2)
    real = engine.assign_rooms
    calls = []

    def assign(ctx, *args):
        calls.append(ctx.use_room_classes)
        return None if ctx.use_room_classes else real(ctx, *args)

    monkeypatch.setattr(engine, "assign_rooms", assign)
    result = run(p)
    judged(p, result)
    assert calls[:2] == [True, False]
    assert any("one class per room" in m for m in result.messages)


def _crown_of_labs():
    """Six lab sections, two labs, one day of six blocks: a_i clashes with b_j exactly when i ≠ j.

    Two labs house them all (the a's in one, the b's in the other), but placing them in the order they
    come, each in the first lab free for both its meetings, leaves a3 and b3 with no lab of their own.
    """
    p = school(blocks=blocks_of(6), days=1, teachers=6, cohorts=6)
    p.rooms = [Room(f"lab{i}", f"Lab {i}", 30, {"lab"}) for i in range(2)]
    blocks = {"a1": (0, 1), "b1": (2, 4), "a2": (2, 3), "b2": (0, 5), "a3": (4, 5), "b3": (1, 3)}
    for k, sid in enumerate(blocks):
        add_section(p, sid, cohort_ids=[f"c{k}"], teacher_ids=[f"t{k}"], room_features={"lab"}, meetings_per_cycle=2)
    ctx = Context(p, p.scenarios[0], rules=HARD_RULES)
    starts = [480 + 65 * b for b in range(6)]  # blocks_of: 60 minutes and 5 of passing
    cands = [
        c for info in ctx.sections for c in info.candidates if c.start in {starts[b] for b in blocks[info.section.id]}
    ]
    assert len(cands) == 12
    return ctx, cands, sorted(r.id for r in p.rooms)


def test_lab_sections_get_one_lab_each_when_an_order_of_them_allows_it():
    ctx, cands, labs = _crown_of_labs()
    got = rooms._greedy(ctx, cands, labs, {})
    assert got is not None and rooms._extra_changes(ctx, cands, got) == 0
    per_section: dict[str, set[str]] = {}
    for c in cands:
        per_section.setdefault(c.info.section.id, set()).add(got[id(c)])
    assert {sid: len(r) for sid, r in per_section.items()} == dict.fromkeys(per_section, 1)


def test_a_lab_sections_own_lab_comes_before_its_meetings_old_rooms():
    ctx, cands, labs = _crown_of_labs()
    # the first timetable put every section's two meetings in different labs
    wanted = {
        (c.info.section.id, c.day, c.start, c.end): labs[i % 2]
        for i, c in enumerate(sorted(cands, key=lambda c: (c.info.section.id, c.start)))
    }
    got = rooms._greedy(ctx, cands, labs, wanted)
    assert got is not None and rooms._extra_changes(ctx, cands, got) == 0
