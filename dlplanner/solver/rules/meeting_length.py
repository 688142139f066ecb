"""Rule ``meeting_length``."""

from dlplanner.solver.model_builder import Context


def add_meeting_length(ctx: Context) -> None:
    """A meeting starts at a class block and lasts its section's blocks or minutes.

    Holds by construction: candidates are only made from :meth:`Context.allowed_intervals`, which
    starts them at class block starts and ends them after ``length_blocks`` blocks of the run or
    exactly ``length_minutes`` later. Checked here so a change there cannot slip through.
    """
    for info in ctx.sections:
        for cand in info.candidates:
            starts = {b.start for b in ctx.class_blocks[cand.day]}
            assert cand.start in starts, (info.section.id, cand.day, cand.start)
            if info.section.length_minutes is not None:
                assert cand.end - cand.start == info.section.length_minutes
