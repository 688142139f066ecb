"""When the project has rooms, every meeting has one room that fits."""

from dlplanner.domain.model import Section
from dlplanner.solver.explanation import section_label
from dlplanner.solver.model_builder import Context, Rule


def room_fit_rooms(ctx: Context, section: Section, rooms: list[str]) -> list[str]:
    """The rooms that fit: the section's fixed room, or every room with its features and capacity."""
    if section.room_id:
        return [r for r in rooms if r == section.room_id]
    need = ctx.project.seats_needed(section)
    return [r for r in rooms if section.room_features <= ctx.rooms[r].features and ctx.rooms[r].capacity >= need]


def add_room_fit(ctx: Context) -> None:
    """When the project has rooms, every meeting has one room that fits.

    Only fitting rooms get a literal (:func:`room_fit_rooms`), and exactly one of them is true when the
    meeting is placed (a meeting with one room class uses its start literal for it).
    """
    if not ctx.project.rooms:
        return
    for info in ctx.sections:
        s = info.section
        need = ctx.project.seats_needed(s)
        what = (
            f"room {s.room_id}"
            if s.room_id
            else f"a room for {need} with {', '.join(sorted(s.room_features)) or 'no special features'}"
        )
        enforce = ctx.explanation.group(f"room:{s.id}", f"{section_label(s)}'s need for {what}", [("section", s.id)])
        for cand in info.candidates:
            rooms = list(cand.room_lits.values())
            if len(rooms) == 1 and rooms[0] is cand.lit:
                continue
            ctx.model.add(sum(rooms) == cand.lit).only_enforce_if(enforce)
            if enforce:
                ctx.model.add(sum(rooms) <= cand.lit)


RULE = Rule(add_room_fit, rooms=room_fit_rooms)
