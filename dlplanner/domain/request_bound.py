"""An upper bound on the course requests a timetable can meet, given its sections' times (stdlib only).

Each student alone: the sections' times as placed (their cohort's meetings, advisory sittings, internships
and the open sections' meetings), the seats unlimited and the other students ignored. An exact search finds
the most of their requests that can be met (per rank, by the subject itself or also by an alternate) and the
fewest ``request_unmet`` units. No load of the same timetable does better for any student, so the sums over
the students bound what the solver's load can reach: the gap between the two is what seats, balance and the
search cost, not the section times. Requests none of whose subjects has an open section are counted apart: no
timetable of these sections meets them (the one bound here that does not depend on the times). Read with the
checker's geometry (:class:`CheckContext`), so the bound and the checker judge clashes alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dlplanner.domain.checker import CheckContext, Event
from dlplanner.domain.geometry import away_intervals, overlap
from dlplanner.domain.model import Placement, Project, Scenario, Student
from dlplanner.domain.students import (
    ALTERNATE_UNITS,
    RequestGroup,
    cohort_subjects,
    open_sections_by_subject,
    request_groups,
    unmet_units,
)

NONE, ALTERNATE, OWN = 0, 1, 2  # how well a request is met: not, by an alternate, by its own subject
NODE_LIMIT = 200_000  # per search; past it the search's own optimistic bound is kept (still a bound, not exact)


@dataclass
class StudentBound:
    """The best one student can do with these section times, each figure on its own (they need not be met
    by one and the same load)."""

    student_id: str
    own: dict[int, int] = field(default_factory=dict)  # rank -> most requests met by the subject itself
    met: dict[int, int] = field(default_factory=dict)  # rank -> most met by the subject or an alternate
    total: int = 0  # most requests met, every rank, alternates counted
    least_units: int = 0  # fewest `request_unmet` units (before the rule's weight)
    exact: bool = True  # every search finished (else a figure is the search's optimistic bound, still valid)


@dataclass
class RequestBound:
    """The per-student bounds and, per (subject, rank), how many of its requests can be met at all."""

    students: list[StudentBound]
    # (subject, rank) -> (requests, those the subject itself can meet, those it or an alternate can meet)
    by_subject: dict[tuple[str, int], tuple[int, int, int]]
    # rank -> requests no timetable of these sections can meet: none of their subjects has an open section
    # (but of the student's own cohort) or comes with the cohort. Does not depend on the times
    without_section: dict[int, int] = field(default_factory=dict)

    def own(self, rank: int) -> int:
        """At most this many requests of ``rank`` can be met by the subject itself."""
        return sum(s.own.get(rank, 0) for s in self.students)

    def met(self, rank: int) -> int:
        """At most this many requests of ``rank`` can be met, by the subject or an alternate."""
        return sum(s.met.get(rank, 0) for s in self.students)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.students)

    @property
    def least_units(self) -> int:
        return sum(s.least_units for s in self.students)

    @property
    def exact(self) -> bool:
        return all(s.exact for s in self.students)


@dataclass
class _Student:
    """One student's search: their request groups, levels already met by the cohort, and candidate sections."""

    groups: list[RequestGroup]
    base: list[int]  # per group: OWN or ALTERNATE when the cohort meets it, else NONE
    options: list[list[tuple[int, int]]]  # per group: (candidate index, level it gives), best level first
    conflicts: list[int]  # per candidate: bit mask of the candidates it cannot be taken with


def request_bound(project: Project, scenario: Scenario, placements: list[Placement] | None = None) -> RequestBound:
    """The bound for the timetable ``placements`` (by default the scenario's solution)."""
    ctx = CheckContext(project, scenario, scenario.solution.placements if placements is None else placements)
    students = {s.id: s for s in project.students}
    by_cohort = cohort_subjects(project, scenario)
    open_by_subject = open_sections_by_subject(project, scenario)
    meetings: dict[str, list[Event]] = defaultdict(list)
    for event in ctx.meetings:
        meetings[event.ref.id].append(event)
    pair_clash: dict[tuple[str, str], bool] = {}

    def sections_clash(a: str, b: str) -> bool:
        key = (min(a, b), max(a, b))
        if key not in pair_clash:
            pair_clash[key] = any(ctx.events_clash(x, y) for x in meetings[a] for y in meetings[b])
        return pair_clash[key]

    bounds: list[StudentBound] = []
    by_subject: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    without_section: dict[int, int] = defaultdict(int)
    for student_id, groups in request_groups(project).items():
        student = students.get(student_id)
        if student is None:
            continue
        mine = by_cohort.get(student.cohort_id or "", set())
        free = _free_sections(ctx, student, open_by_subject, meetings, mine)
        search = _student_search(groups, mine, free, sections_clash)
        bound = StudentBound(student_id)
        for rank in sorted({g.rank for g in groups}):
            own, exact_own = _best(search, [(0, 0, 1) if g.rank == rank else (0, 0, 0) for g in groups])
            met, exact_met = _best(search, [(0, 1, 1) if g.rank == rank else (0, 0, 0) for g in groups])
            bound.own[rank], bound.met[rank] = own, met
            bound.exact = bound.exact and exact_own and exact_met
        bound.total, exact_total = _best(search, [(0, 1, 1)] * len(groups))
        units = [unmet_units(g.rank) for g in groups]
        saved, exact_units = _best(search, [(0, u - ALTERNATE_UNITS, u) for u in units])
        bound.least_units = sum(units) - saved
        bound.exact = bound.exact and exact_total and exact_units
        bounds.append(bound)
        for i, group in enumerate(groups):
            levels = [search.base[i], *(level for _, level in search.options[i])]
            row = by_subject[(group.subject_id, group.rank)]
            row[0] += 1
            row[1] += OWN in levels
            row[2] += max(levels) > NONE
            cohort = student.cohort_id or ""
            if search.base[i] == NONE and not any(
                cohort not in s.cohort_ids for subject in group.subjects for s in open_by_subject.get(subject, [])
            ):
                without_section[group.rank] += 1
    rows = {key: (n, own, met) for key, (n, own, met) in by_subject.items()}
    return RequestBound(bounds, rows, dict(without_section))


def _free_sections(
    ctx: CheckContext, student: Student, open_by_subject: dict, meetings: dict[str, list[Event]], mine: set[str]
) -> dict[str, list[str]]:
    """Subject -> the open sections of it the student could sit in: none of their meetings clashes with the
    student's fixed week (cohort, advisory) or falls while the cohort is away on an internship."""
    fixed = ctx.student_fixed_events(student)
    cohort = student.cohort_id or ""
    free: dict[str, list[str]] = {}
    for subject_id, sections in open_by_subject.items():
        if subject_id in mine:
            continue
        free[subject_id] = [
            s.id
            for s in sections
            if cohort not in s.cohort_ids
            and not any(ctx.events_clash(m, f) for m in meetings[s.id] for f in fixed)
            and not (
                cohort
                and any(
                    overlap(m.start, m.end, a, b)
                    for m in meetings[s.id]
                    for a, b in away_intervals(ctx.scenario.internships, [cohort], m.day_type_id)
                )
            )
        ]
    return free


def _student_search(groups: list[RequestGroup], mine: set[str], free: dict[str, list[str]], sections_clash) -> _Student:
    """The candidates (the free sections of the subjects a student's groups name) and what each gives."""
    index: dict[str, int] = {}
    subject_of: list[str] = []
    base: list[int] = []
    options: list[list[tuple[int, int]]] = []
    for group in groups:
        level = OWN if group.subject_id in mine else ALTERNATE if any(s in mine for s in group.alternates) else NONE
        base.append(level)
        mine_options = []
        for k, subject_id in enumerate(group.subjects):
            for section_id in free.get(subject_id, []):
                if section_id not in index:
                    index[section_id] = len(subject_of)
                    subject_of.append(subject_id)
                mine_options.append((index[section_id], OWN if k == 0 else ALTERNATE))
        options.append([o for o in mine_options if o[1] > level])
    ids = list(index)
    conflicts = [0] * len(ids)
    for i, a in enumerate(ids):
        for j in range(i + 1, len(ids)):
            if subject_of[i] == subject_of[j] or sections_clash(a, ids[j]):
                conflicts[i] |= 1 << j
                conflicts[j] |= 1 << i
    return _Student(groups, base, options, conflicts)


def _best(search: _Student, weights: list[tuple[int, int, int]]) -> tuple[int, bool]:
    """The most ``sum(weights[g][level of g])`` over the sets of candidates that clash with none of each other.

    Depth first over the groups in order: a group either gets a candidate of a subject better than what it
    has, or nothing new (a candidate taken for a later group may still meet it, as an alternate of both).
    Every best set is reached this way: taking, group by group, the candidate that gives it its level there.
    Pruned by each group's best level among the candidates still compatible. Returns (value, exact).
    """
    n = len(search.groups)
    levels_of = [
        [(i, level) for i, level in search.options[g] if weights[g][level] > weights[g][search.base[g]]]
        for g in range(n)
    ]

    def level(g: int, taken: int) -> int:
        return max([search.base[g], *(lv for i, lv in search.options[g] if taken >> i & 1)])

    def optimistic(taken: int) -> int:
        total = 0
        for g in range(n):
            best = level(g, taken)
            for i, lv in levels_of[g]:
                if lv > best and not search.conflicts[i] & taken:
                    best = lv
            total += weights[g][best]
        return total

    ceiling = optimistic(0)
    best_value = sum(weights[g][search.base[g]] for g in range(n))
    nodes = 0

    def visit(g: int, taken: int) -> bool:
        """False when the node limit stopped the search."""
        nonlocal best_value, nodes
        nodes += 1
        if nodes > NODE_LIMIT:
            return False
        if best_value >= ceiling or optimistic(taken) <= best_value:
            return True
        if g == n:
            best_value = max(best_value, sum(weights[k][level(k, taken)] for k in range(n)))
            return True
        now = level(g, taken)
        for i, lv in levels_of[g]:
            better = weights[g][lv] > weights[g][now]
            if better and not taken >> i & 1 and not search.conflicts[i] & taken and not visit(g + 1, taken | 1 << i):
                return False
        return visit(g + 1, taken)

    if visit(0, 0):
        return best_value, True
    return ceiling, False
