"""Rule ``room_clash``."""

from dlplanner.solver.model_builder import Context


def add_room_clash(ctx: Context) -> None:
    """A room hosts at most one meeting or advisory sitting at a time."""
    ctx.add_no_overlap("room")
