"""A teacher is in at most one meeting or advisory sitting at a time."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import add_no_overlap


def add_teacher_clash(ctx: Context) -> None:
    """A teacher is in at most one meeting or advisory sitting at a time.

    At most one "meets with teacher t" literal per (teacher, day type, time point, term atom); advisory
    sittings are fixed, so candidates overlapping them were ruled out by ``advisory_time``.
    """
    add_no_overlap(ctx, "teacher")


RULE = Rule(add_teacher_clash)
