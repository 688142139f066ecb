"""A pinned placement comes back at exactly the same day type, start, end, room and teachers."""

from dlplanner.domain.model import fmt_time
from dlplanner.solver.explanation import section_label
from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import impossible


def add_pinned(ctx: Context) -> None:
    """A pinned placement comes back at exactly the same day type, start, end, room and teachers."""
    model = ctx.model
    for info in ctx.sections:
        s = info.section
        for pin in info.pinned:
            day = ctx.grid.day_names.get(pin.day_type_id, pin.day_type_id)
            enforce = ctx.explanation.group(
                f"pin:{s.id}:{pin.meeting}",
                f"the pinned meeting {pin.meeting + 1} of {section_label(s)} ({day} {fmt_time(pin.start)})",
                [("section", s.id), ("placement", f"{s.id}#{pin.meeting}")],
            )
            cand = next((c for c in info.candidates if c.pinned_index == pin.meeting), None)
            if cand is None:
                impossible(ctx, enforce)
                continue
            model.add(cand.lit == 1).only_enforce_if(enforce)
            if ctx.project.rooms and pin.room_id is not None:
                w = cand.room_lits.get(ctx.class_of_room.get(pin.room_id, ""))  # a pinned room is a class alone
                if w is None:
                    impossible(ctx, enforce)
                else:
                    model.add(w == 1).only_enforce_if(enforce)
            if info.fixed_teachers:
                if pin.teacher_ids and set(pin.teacher_ids) != set(info.fixed_teachers):
                    impossible(ctx, enforce)
            else:
                for tid in pin.teacher_ids:
                    y = info.teacher_vars.get(tid)
                    if y is None or tid not in cand.teacher_lits:
                        impossible(ctx, enforce)
                    else:
                        model.add(y == 1).only_enforce_if(enforce)


RULE = Rule(add_pinned)
