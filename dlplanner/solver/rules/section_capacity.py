"""No section holds more students from requests than its open seats: its room and max_enrolment, less its cohorts."""

from __future__ import annotations

from dlplanner.domain.students import open_seats
from dlplanner.solver.model_builder import Context
from dlplanner.solver.student_model import LoadContext, StudentRule


def add_section_capacity(ctx: Context) -> None:
    """Nothing in the sections' model: ``room_fit`` already gives a section with ``max_enrolment`` a room that big."""


def load_section_capacity(ctx: LoadContext) -> None:
    """No section holds more students from requests than its open seats (the smallest room of its meetings and its
    ``max_enrolment``, less the seats of its cohorts)."""
    for sid, choices in ctx.choices_by_section().items():
        seats = open_seats(ctx.project, choices[0].section, ctx.rooms.get(sid, []))
        if seats is not None and len(choices) > seats:
            ctx.model.add(sum(c.lit for c in choices) <= seats)


RULE = StudentRule(add_section_capacity, load=load_section_capacity)
