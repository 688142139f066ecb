"""Rule ``class_time``."""

from dlplanner.solver.model_builder import Context


def add_class_time(ctx: Context) -> None:
    """A meeting lies inside one class run of its day type (the whole day with ``allow_break_span``).

    Holds by construction of the candidates; asserted here.
    """
    for info in ctx.sections:
        for cand in info.candidates:
            runs = ctx.runs(cand.day, info.section.allow_break_span)
            assert any(r[0].start <= cand.start and cand.end <= r[-1].end for r in runs), (info.section.id, cand.day)
