"""Rule ``cohort_clash``."""

from dlplanner.solver.model_builder import Context


def add_cohort_clash(ctx: Context) -> None:
    """A cohort (and so every student in it) is in at most one meeting or advisory sitting at a time.

    Sections with neither cohorts nor teachers are kept from overlapping themselves here too.
    """
    ctx.add_no_overlap("cohort")
    ctx.add_no_overlap("section")
