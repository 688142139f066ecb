"""A cohort (and so every student in it) is in at most one meeting at a time."""

from dlplanner.solver.model_builder import Context, Rule
from dlplanner.solver.rules._common import add_no_overlap


def add_cohort_clash(ctx: Context) -> None:
    """A cohort (and so every student in it) is in at most one meeting at a time, and in none during its sittings.

    Meetings overlapping a sitting of one of the cohort's advisories were ruled out by
    ``advisory_time`` (the cohort is busy then). Sittings are fixed and never constrained against each
    other here: advisories sharing a cohort are disjoint groups of it and may sit at the same time.
    Sections with neither cohorts nor teachers are kept from overlapping themselves here too.
    """
    add_no_overlap(ctx, "cohort")
    add_no_overlap(ctx, "section")


RULE = Rule(add_cohort_clash)
