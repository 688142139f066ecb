"""A room hosts at most one meeting or advisory sitting at a time."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import add_no_overlap


def add_room_clash(ctx: Context) -> None:
    """A room hosts at most one meeting or advisory sitting at a time.

    Per room class (interchangeable rooms, see :mod:`dlplanner.solver.room_classes`): at most as many
    meetings as it has rooms at each time point; sittings hold a class's rooms at the same times, so
    meetings then were ruled out by ``advisory_time``. The room pass (:mod:`dlplanner.solver.rooms`)
    then gives each meeting a room of its class that is free for the whole meeting.
    """
    add_no_overlap(ctx, "room")


RULE = Rule(add_room_clash)
