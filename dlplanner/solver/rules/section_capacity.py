"""No section holds more students from requests than its open seats: its room and max_enrolment, less its cohorts."""

from __future__ import annotations

from dlplanner.domain.students import open_seats
from dlplanner.solver.model_builder import Context
from dlplanner.solver.student_model import LoadContext, StudentRule


def add_section_capacity(ctx: Context) -> None:
    """Nothing in the sections' model: ``room_fit`` already gives a section with ``max_enrolment`` a room that big."""


def load_section_capacity(ctx: LoadContext) -> None:
    """No section holds more students from requests than its open seats (the smallest room of its meetings and its
    ``max_enrolment``, less the seats of its cohorts).

    In turns a free section's rooms are chosen with its times: its seats are limited by each room class its
    meetings may take, by the class's smallest room (the room pass picks a room of the class afterwards).
    """
    for sid, choices in ctx.choices_by_section().items():
        if sid in ctx.free and ctx.sections is not None and ctx.project.rooms:
            _limit_by_room_class(ctx, sid, choices)
            continue
        seats = open_seats(ctx.project, choices[0].section, ctx.rooms.get(sid, []))
        if seats is not None and len(choices) > seats:
            ctx.model.add(sum(c.lit for c in choices) <= seats)


RULE = StudentRule(add_section_capacity, load=load_section_capacity)


def _limit_by_room_class(ctx: LoadContext, section_id: str, choices: list) -> None:
    sections = ctx.sections
    assert sections is not None
    section = choices[0].section
    capacity = {r.id: r.capacity for r in ctx.project.rooms}
    seated = ctx.model.new_int_var(0, len(choices), "")
    ctx.model.add(seated == sum(c.lit for c in choices))
    unroomed = open_seats(ctx.project, section, [])  # its max_enrolment, whatever the room
    if unroomed is not None and len(choices) > unroomed:
        ctx.model.add(seated <= unroomed)
    limits: dict[str, int | None] = {}
    for cand in ctx.free[section_id].candidates:
        for cid, w in cand.room_lits.items():
            if cid not in limits:
                smallest = min(sections.room_classes[cid].rooms, key=lambda rid: capacity.get(rid, 0))
                limits[cid] = open_seats(ctx.project, section, [smallest])
            seats = limits[cid]
            if seats is not None and len(choices) > seats:
                ctx.model.add(seated <= seats).only_enforce_if(w)
