"""Minimise room changes for team-taught and lab sections: each extra room they use costs."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.objective import Penalty


def add_room_changes(ctx: Context) -> None:
    """Minimise room changes for team-taught and lab sections: each extra distinct room they use costs.

    The model counts distinct room classes (rooms of one class are interchangeable, so this is a lower
    bound); the room pass keeps such a section in one room of a class where it can, and the reported
    penalty counts the actual rooms it gave.
    """
    weight = ctx.objective.weight("room_changes")
    if weight == 0 or not ctx.project.rooms:
        return
    model = ctx.model
    for info in ctx.sections:
        s = info.section
        if not s.keeps_one_room or s.meetings_per_cycle < 2:
            continue
        per_room: dict[str, list] = {}
        for cand in info.candidates:
            for rid, w in cand.room_lits.items():
                per_room.setdefault(rid, []).append(w)
        if len(per_room) < 2 and all(len(ctx.room_classes[c].rooms) == 1 for c in per_room):
            continue
        used = {}
        for rid, ws in per_room.items():
            u = model.new_bool_var("")
            model.add_max_equality(u, ws)
            used[rid] = u

        def evaluate(solver, used=used, info=info) -> int:
            if ctx.assignment is None:
                return max(0, sum(solver.value(u) for u in used.values()) - 1)
            rooms = {ctx.assignment[id(c)] for c in info.candidates if id(c) in ctx.assignment and solver.value(c.lit)}
            return max(0, len(rooms) - 1)

        extra = model.new_int_var(0, len(used), "")
        model.add(extra >= sum(used.values()) - 1)
        ctx.objective.add(Penalty("room_changes", weight, [], extra, evaluate, ("section", s.id)))


RULE = Rule(add_room_changes)
