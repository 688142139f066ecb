"""A meeting lies inside one class run of its day type, the whole day with ``allow_break_span``."""

from dlplanner.domain.model import Section
from dlplanner.solver.model_builder import Context, Rule, Span


def class_time_spans(ctx: Context, section: Section, day: str, spans: list[Span]) -> list[Span]:
    """The options inside one class run of the day type (runs span breaks with ``allow_break_span``)."""
    runs = ctx.grid.runs(day, section.allow_break_span)
    return [(s, e) for s, e in spans if any(r[0].start <= s and e <= r[-1].end for r in runs)]


def add_class_time(ctx: Context) -> None:
    """A meeting lies inside one class run of its day type (the whole day with ``allow_break_span``).

    Holds by the candidates: :func:`class_time_spans` keeps only starts and ends inside a run.
    """


RULE = Rule(add_class_time, spans=class_time_spans)
