"""Meet students' course requests, higher ranks first: each request unmet costs by its rank, an alternate 1."""

from __future__ import annotations

from collections import defaultdict

from dlplanner.domain.students import (
    ALTERNATE_UNITS,
    cohort_subjects,
    open_sections_by_subject,
    request_groups,
    unmet_units,
)
from dlplanner.solver.model_builder import Context
from dlplanner.solver.student_model import LoadContext, StudentRule


def add_request_unmet(ctx: Context) -> None:
    """Meet students' course requests: in the sections' model, the conflict matrix keeps apart the open sections
    that students need together.

    A request for a subject with one open section (a *singleton*) needs that section. Each pair of such
    sections needed by the same students, and each such section and a cohort whose members need it, costs
    what the cheaper of the two requests costs unmet (a request with alternates: an alternate's units), for
    every such student, when they overlap (share a time point of a day type and a part of the year).
    For a subject with several open sections, a cohort whose members request it needs one section of it
    that does not overlap the cohort's meetings, sittings and internships: when every section does, it
    costs the same way. Clashes between two subjects with several sections each are left to the
    students' model (a student can take another section).
    """
    weight = ctx.objective.weight("request_unmet")
    if weight == 0 or not ctx.project.requests:
        return
    open_by_subject = open_sections_by_subject(ctx.project, ctx.scenario)
    singleton = {subject: sections[0].id for subject, sections in open_by_subject.items() if len(sections) == 1}
    by_cohort = cohort_subjects(ctx.project, ctx.scenario)
    students = {s.id: s for s in ctx.project.students}
    pairs: dict[tuple[str, str], int] = defaultdict(int)  # (section, section) -> units at stake
    with_cohort: dict[tuple[str, str], int] = defaultdict(int)  # (section, cohort) -> units at stake
    needs_one: dict[tuple[str, str], int] = defaultdict(int)  # (subject with several sections, cohort) -> units
    for student_id, groups in request_groups(ctx.project).items():
        student = students.get(student_id)
        if student is None:
            continue
        cohort = student.cohort_id
        mine = by_cohort.get(cohort or "", set())
        needs = [
            (singleton[g.subject_id], ALTERNATE_UNITS if g.alternates else unmet_units(g.rank))
            for g in groups
            if g.subject_id in singleton and g.subject_id not in mine
        ]
        if cohort:
            for g in groups:
                if len(open_by_subject.get(g.subject_id, [])) > 1 and g.subject_id not in mine:
                    needs_one[(g.subject_id, cohort)] += ALTERNATE_UNITS if g.alternates else unmet_units(g.rank)
        for i, (a, units_a) in enumerate(needs):
            if cohort:
                with_cohort[(a, cohort)] += units_a
            for b, units_b in needs[i + 1 :]:
                if a != b:
                    pairs[(min(a, b), max(a, b))] += min(units_a, units_b)
    wanted = set(singleton.values()) | {s.id for subject, _ in needs_one for s in open_by_subject[subject]}
    infos = {info.section.id: info for info in ctx.sections if info.section.id in wanted}
    busy = {
        sid: _busy_points(ctx, [(c.lit, c.day, c.start, c.end, info.atoms) for c in info.candidates])
        for sid, info in infos.items()
    }
    for (a, b), units in pairs.items():
        met = _overlap(ctx, busy.get(a, {}), busy.get(b, {}))
        if met is not None:
            ctx.objective.add_penalty("request_unmet", weight * units, [met], upper=1, direct=True)
    cohort_usages = ctx.usages_of("cohort")
    cohort_busy: dict[str, tuple[dict, list]] = {}

    def overlaps_cohort(section_id: str, cohort: str):
        if cohort not in cohort_busy:
            usages = cohort_usages.get(("cohort", cohort), [])
            fixed = [(s.day, s.start, s.end) for s in ctx.grid.busy_fixed.get(("cohort", cohort), [])]
            fixed += [(day, s, e) for day in ctx.grid.day_ids for s, e, _ in ctx.grid.internship_windows(cohort, day)]
            cohort_busy[cohort] = (_busy_points(ctx, [(u.lit, u.day, u.start, u.end, u.atoms) for u in usages]), fixed)
        points, fixed = cohort_busy[cohort]
        info = infos[section_id]
        always = [c.lit for c in info.candidates if any(d == c.day and s < c.end and c.start < e for d, s, e in fixed)]
        return _overlap(ctx, busy.get(section_id, {}), points, always)

    for (a, cohort), units in with_cohort.items():
        met = overlaps_cohort(a, cohort)
        if met is not None:
            ctx.objective.add_penalty("request_unmet", weight * units, [met], upper=1, direct=True)
    for (subject, cohort), units in needs_one.items():
        clashes = [overlaps_cohort(s.id, cohort) for s in open_by_subject[subject]]
        if any(c is None for c in clashes):
            continue  # a section that can never overlap the cohort: its members can always take that one
        shut_out = ctx.model.new_bool_var("")
        ctx.model.add(shut_out >= sum(clashes) - len(clashes) + 1)  # every section overlaps the cohort
        ctx.objective.add_penalty("request_unmet", weight * units, [shut_out], upper=1, direct=True)


def _busy_points(ctx: Context, items: list) -> dict[tuple[str, int, int], list]:
    """(day, time point, term atom) -> the literals of the meetings covering it."""
    points: dict[tuple[str, int, int], list] = defaultdict(list)
    for lit, day, start, end, atoms in items:
        if lit is None:
            continue
        for p in ctx.covered_points(day, start, end):
            for atom in atoms:
                points[(day, p, atom)].append(lit)
    return points


def _overlap(ctx: Context, a: dict, b: dict, always: list | None = None):
    """A boolean that is 1 when a literal of ``a`` and one of ``b`` cover one point (or one of ``always`` is
    true); None when that can never happen."""
    common = [key for key in a if key in b]
    if not common and not always:
        return None
    met = ctx.model.new_bool_var("")
    for key in common:
        ctx.model.add(met >= sum(a[key]) + sum(b[key]) - 1)
    for lit in always or []:
        ctx.model.add_implication(lit, met)
    return met


def load_request_unmet(ctx: LoadContext) -> None:
    """Meet students' course requests: each request group left unmet costs its rank's units, one met by an
    alternate costs ``ALTERNATE_UNITS`` (docs/rules.md)."""
    weight = ctx.weight("request_unmet")
    if weight == 0:
        return
    for info in ctx.students:
        by_group: dict[int, tuple[list, list]] = {id(g): ([], []) for g in info.groups}
        for choice in info.choices:
            own, alternates = by_group[id(choice.group)]
            (own if choice.section.subject_id == choice.group.subject_id else alternates).append(choice.lit)
        for group in info.groups:
            own, alternates = by_group[id(group)]
            # unmet: its rank's units, or an alternate's when the student's cohort meets an alternate
            units = ALTERNATE_UNITS if id(group) in info.alternate_by_cohort else unmet_units(group.rank)
            # at most one of them is taken (one subject of a request and its alternates)
            ctx.add_penalty(
                "request_unmet", weight, units - units * sum(own) - (units - ALTERNATE_UNITS) * sum(alternates)
            )


RULE = StudentRule(add_request_unmet, load=load_request_unmet)
