"""A meeting starts at a class block and lasts its section's blocks or minutes."""

from dlplanner.domain.model import Section
from dlplanner.solver.model_builder import Context, Rule, Span


def meeting_length_spans(ctx: Context, section: Section, day: str, spans: list[Span]) -> list[Span]:
    """The options of the section's length: ``length_minutes`` long, or ending at the end of its k-th class block.

    Class blocks are counted in day order from the first one; ``class_time`` keeps the meeting inside
    one class run, so the k blocks are those of its run.
    """
    if section.length_minutes is not None:
        return [(s, e) for s, e in spans if e - s == section.length_minutes]
    day_blocks = [b for run in ctx.grid.runs(day, True) for b in run]
    k = section.length_blocks or 1
    end_of = {b.start: day_blocks[i + k - 1].end for i, b in enumerate(day_blocks) if i + k <= len(day_blocks)}
    return [(s, e) for s, e in spans if end_of.get(s) == e]


def add_meeting_length(ctx: Context) -> None:
    """A meeting starts at a class block and lasts its section's blocks or minutes.

    Holds by the candidates: :func:`meeting_length_spans` keeps only starts at a class block with the
    section's length.
    """


RULE = Rule(add_meeting_length, spans=meeting_length_spans)
