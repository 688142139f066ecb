"""Keep open sections of one subject balanced: the spread of their enrolments (max − min) costs per student."""

from __future__ import annotations

from dlplanner.domain.students import open_sections_by_subject
from dlplanner.solver.model_builder import Context
from dlplanner.solver.student_model import LoadContext, StudentRule


def add_section_balance(ctx: Context) -> None:
    """Nothing in the sections' model: balance is a matter of seating students."""


def load_section_balance(ctx: LoadContext) -> None:
    """Keep open sections of one subject balanced: per subject with two or more open sections, max − min of
    their students from requests."""
    weight = ctx.weight("section_balance")
    if weight == 0:
        return
    by_section = ctx.choices_by_section()
    students = len(ctx.students)
    for sections in open_sections_by_subject(ctx.project, ctx.scenario).values():
        if len(sections) < 2 or not any(s.id in by_section for s in sections):
            continue
        hi, lo = ctx.model.new_int_var(0, students, ""), ctx.model.new_int_var(0, students, "")
        for section in sections:
            count = sum(c.lit for c in by_section.get(section.id, []))
            ctx.model.add(hi >= count)
            ctx.model.add(lo <= count)
        ctx.add_penalty("section_balance", weight, hi - lo)


RULE = StudentRule(add_section_balance, load=load_section_balance)
