"""Rule ``room_fit``."""

from dlplanner.solver.model_builder import Context


def add_room_fit(ctx: Context) -> None:
    """When the project has rooms, every meeting has one room that fits.

    Only fitting rooms (the fixed room, or every room with the features and capacity) get a
    literal, and exactly one of them is true when the meeting is placed.
    """
    if not ctx.project.rooms:
        return
    for info in ctx.sections:
        s = info.section
        need = s.min_capacity if s.min_capacity is not None else ctx.project.section_enrolment(s)
        what = (
            f"room {s.room_id}"
            if s.room_id
            else f"a room for {need} with {', '.join(sorted(s.room_features)) or 'no special features'}"
        )
        enforce = ctx.group(f"room:{s.id}", f"{ctx.section_label(s)}'s need for {what}", [("section", s.id)])
        for cand in info.candidates:
            rooms = list(cand.room_lits.values())
            if len(rooms) == 1 and rooms[0] is cand.lit:
                continue
            ctx.model.Add(sum(rooms) == cand.lit).OnlyEnforceIf(enforce)
            if enforce:
                ctx.model.Add(sum(rooms) <= cand.lit)
