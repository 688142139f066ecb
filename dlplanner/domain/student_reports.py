"""The students' reports as plain tables: conflict matrix, singletons, requests met, gappy schedules.

Each report is a list of :class:`Table` (a title, column names, rows of text and numbers) that any writer
(CSV, XLSX) can put on paper; every row about students names them ("Ana Reyes (s-ana); …"). Computed
from the project and a scenario's timetable alone, with the definitions of ``docs/rules.md`` ("Students").
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from dlplanner.domain.geometry import advisory_sittings, day_blocks, overlap
from dlplanner.domain.model import BlockKind, Enrolment, Project, Scenario, Student
from dlplanner.domain.request_bound import RequestBound, request_bound
from dlplanner.domain.students import (
    open_sections_by_subject,
    request_groups,
    request_outcomes,
    students_by_id,
)

REPORT_KINDS = ("conflict-matrix", "singletons", "requests", "student-gaps")

Cell = str | int


@dataclass
class Table:
    """A report's table; ``notes`` are lines for a person (what a figure means), kept out of the data rows."""

    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _named(students: list[Student]) -> str:
    return "; ".join(f"{s.name} ({s.id})" for s in sorted(students, key=lambda s: (s.name, s.id)))


def _subject_name(project: Project, subject_id: str) -> str:
    return next((s.name for s in project.subjects if s.id == subject_id), subject_id)


def report(project: Project, scenario: Scenario, kind: str, enrolments: list[Enrolment] | None = None) -> list[Table]:
    """The tables of one report kind (see :data:`REPORT_KINDS`)."""
    enrolments = scenario.solution.enrolments if enrolments is None else enrolments
    if kind == "conflict-matrix":
        return conflict_matrix(project, scenario)
    if kind == "singletons":
        return [singletons(project, scenario)]
    if kind == "requests":
        return [requests_met(project, scenario, enrolments)]
    if kind == "student-gaps":
        return [student_gaps(project, scenario, enrolments)]
    raise ValueError(f"unknown report kind {kind!r}; one of {', '.join(REPORT_KINDS)}")


def conflict_matrix(project: Project, scenario: Scenario) -> list[Table]:
    """Pairs of subjects requested together (each student named), and the subject × subject count matrix.

    A student "requests" a subject by a request or an alternate; pairs count each student once.
    ``share_a_time`` says whether every open section of one subject overlaps every open section of the
    other in the timetable (so nobody can take both), which is what the conflict matrix warns about.
    """
    students = students_by_id(project)
    wanted: dict[str, set[str]] = defaultdict(set)  # subject -> student ids
    for student_id, groups in request_groups(project).items():
        if student_id in students:
            for group in groups:
                for subject_id in group.subjects:
                    wanted[subject_id].add(student_id)
    subjects = sorted(wanted, key=lambda s: (_subject_name(project, s), s))
    open_by_subject = open_sections_by_subject(project, scenario)
    meetings: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for p in scenario.solution.placements:
        meetings[p.section_id].append((p.day_type_id, p.start, p.end))

    def always_clash(a: str, b: str) -> str:
        secs_a, secs_b = open_by_subject.get(a, []), open_by_subject.get(b, [])
        if not secs_a or not secs_b or not any(meetings[s.id] for s in [*secs_a, *secs_b]):
            return ""
        for x, y in itertools.product(secs_a, secs_b):
            if not any(
                d1 == d2 and overlap(s1, e1, s2, e2) for d1, s1, e1 in meetings[x.id] for d2, s2, e2 in meetings[y.id]
            ):
                return "no"
        return "yes"

    pairs = Table(
        "Subjects requested together",
        ["subject_a", "subject_b", "students", "open_sections_a", "open_sections_b", "share_a_time", "student_names"],
    )
    matrix = Table("Conflict matrix", ["subject", *(_subject_name(project, s) for s in subjects)])
    for a in subjects:
        row: list[Cell] = [_subject_name(project, a)]
        for b in subjects:
            row.append(len(wanted[a]) if a == b else len(wanted[a] & wanted[b]))
        matrix.rows.append(row)
    for a, b in itertools.combinations(subjects, 2):
        both = wanted[a] & wanted[b]
        if both:
            pairs.rows.append(
                [
                    _subject_name(project, a),
                    _subject_name(project, b),
                    len(both),
                    len(open_by_subject.get(a, [])),
                    len(open_by_subject.get(b, [])),
                    always_clash(a, b),
                    _named([students[s] for s in both]),
                ]
            )
    pairs.rows.sort(key=lambda r: (-int(r[2]), str(r[0]), str(r[1])))
    return [pairs, matrix]


def singletons(project: Project, scenario: Scenario) -> Table:
    """Subjects with one or two open sections (singletons, doubletons) and who requests them."""
    students = students_by_id(project)
    requested: dict[str, list[tuple[Student, int]]] = defaultdict(list)
    for student_id, groups in request_groups(project).items():
        if student_id in students:
            for group in groups:
                for subject_id in group.subjects:
                    requested[subject_id].append((students[student_id], group.rank))
    table = Table(
        "Singletons and doubletons",
        ["subject", "kind", "open_sections", "sections", "requests", "rank_1_requests", "student_names"],
    )
    for subject_id, sections in sorted(open_sections_by_subject(project, scenario).items()):
        if len(sections) > 2:
            continue
        who = requested.get(subject_id, [])
        table.rows.append(
            [
                _subject_name(project, subject_id),
                "singleton" if len(sections) == 1 else "doubleton",
                len(sections),
                "; ".join(s.name for s in sections),
                len(who),
                sum(1 for _, rank in who if rank == 1),
                _named([s for s, _ in who]),
            ]
        )
    table.rows.sort(key=lambda r: (-int(r[4]), str(r[0])))
    return table


def requests_met(project: Project, scenario: Scenario, enrolments: list[Enrolment]) -> Table:
    """Requests met per subject and rank (and for all subjects), with the students left unmet named.

    With a timetable, ``at_most_met`` (by the subject itself) and ``at_most_met_or_alternate`` bound each row
    (:mod:`dlplanner.domain.request_bound`: each student alone, these section times, seats unlimited), and a
    note says what the rank-1 bound means.
    """
    students = students_by_id(project)
    table = Table(
        "Requests met",
        [
            "subject",
            "rank",
            "requests",
            "met",
            "met_by_alternate",
            "unmet",
            "met_percent",
            "at_most_met",
            "at_most_met_or_alternate",
            "unmet_student_names",
        ],
    )
    bound = request_bound(project, scenario) if scenario.solution.placements else None
    buckets: dict[tuple[str, int], list] = defaultdict(list)
    for outcome in request_outcomes(project, scenario, enrolments):
        buckets[(outcome.group.subject_id, outcome.group.rank)].append(outcome)
        buckets[("", outcome.group.rank)].append(outcome)
    for (subject_id, rank), outcomes in sorted(buckets.items(), key=lambda kv: (kv[0][0] != "", kv[0][0], kv[0][1])):
        met = [o for o in outcomes if o.met_by == o.group.subject_id]
        alternate = [o for o in outcomes if o.met and o.met_by != o.group.subject_id]
        unmet = [o for o in outcomes if not o.met]
        limits: list[Cell] = ["", ""]
        if bound is not None:
            _, own, any_met = bound.by_subject.get((subject_id, rank), (0, 0, 0))
            limits = [bound.own(rank), bound.met(rank)] if subject_id == "" else [own, any_met]
        table.rows.append(
            [
                "(all subjects)" if subject_id == "" else _subject_name(project, subject_id),
                rank,
                len(outcomes),
                len(met),
                len(alternate),
                len(unmet),
                round(100 * (len(met) + len(alternate)) / len(outcomes), 1),
                *limits,
                _named([students[o.group.student_id] for o in unmet]),
            ]
        )
    if bound is not None and buckets:
        table.notes.append(bound_note(bound))
    return table


def bound_note(bound: RequestBound) -> str:
    """What the bound on rank-1 requests means, in one line (the report's note, the app's note)."""
    note = (
        f"Bound: at most {bound.own(1):,} rank-1 requests can be met by the subject itself ({bound.met(1):,} "
        "with alternates) with these section times, whatever the seats (each student alone, seats unlimited; "
        "the at_most columns give it per rank and subject)."
    )
    if bound.without_section.get(1):
        note += (
            f" {bound.without_section[1]:,} rank-1 requests name no subject with an open section (nor one their "
            "cohort takes): no timetable of these sections meets them."
        )
    if not bound.exact:
        note += " Some students' searches stopped early: their figures are looser, still bounds."
    return note


def student_gaps(project: Project, scenario: Scenario, enrolments: list[Enrolment]) -> Table:
    """Students with an incomplete schedule (a request unmet) or a gappy one (an idle class block between
    their first and last commitment of a day); all terms together."""
    sections = {s.id: s for s in scenario.sections}
    unmet: dict[str, list[str]] = defaultdict(list)
    for outcome in request_outcomes(project, scenario, enrolments):
        if not outcome.met:
            unmet[outcome.group.student_id].append(
                f"{_subject_name(project, outcome.group.subject_id)} (rank {outcome.group.rank})"
            )
    blocks_by_day = day_blocks(scenario)
    busy: dict[str, list[tuple[str, int, int]]] = defaultdict(list)  # student id -> (day, start, end)
    of_cohort: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for p in scenario.solution.placements:
        for cohort_id in sections[p.section_id].cohort_ids if p.section_id in sections else []:
            of_cohort[cohort_id].append((p.day_type_id, p.start, p.end))
    sittings = {a.id: advisory_sittings(scenario, a, blocks_by_day) for a in project.advisories}
    cohort_advisories: dict[str, list[str]] = defaultdict(list)
    for advisory in project.advisories:
        for cohort_id in advisory.cohort_ids:
            cohort_advisories[cohort_id].append(advisory.id)
    enrolled_meetings: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for p in scenario.solution.placements:
        enrolled_meetings[p.section_id].append((p.day_type_id, p.start, p.end))
    for e in enrolments:
        busy[e.student_id] += enrolled_meetings.get(e.section_id, [])
    table = Table(
        "Students with an incomplete or gappy schedule",
        ["student_id", "name", "grade", "cohort", "flags", "unmet_requests", "gap_blocks", "gaps"],
    )
    for student in project.students:
        mine = list(busy.get(student.id, []))
        if student.cohort_id:
            mine += of_cohort.get(student.cohort_id, [])
        advisories = {*cohort_advisories.get(student.cohort_id or "", []), student.advisory_id} - {None}
        for advisory_id in advisories:
            mine += [(s.day_type_id, s.start, s.end) for s in sittings.get(advisory_id or "", [])]
        gaps = []
        for day in scenario.day_types:
            class_blocks = [
                b for b in sorted(blocks_by_day.get(day.id, []), key=lambda b: b.start) if b.kind == BlockKind.CLASS
            ]
            used = [any(d == day.id and overlap(b.start, b.end, s, e) for d, s, e in mine) for b in class_blocks]
            if any(used):
                first, last = used.index(True), len(used) - 1 - used[::-1].index(True)
                gaps += [
                    f"{day.name} {class_blocks[i].label or class_blocks[i].id}"
                    for i in range(first, last + 1)
                    if not used[i]
                ]
        if gaps or unmet.get(student.id):
            table.rows.append(
                [
                    student.id,
                    student.name,
                    student.grade,
                    student.cohort_id or "",
                    "; ".join(sorted(student.flags)),
                    "; ".join(unmet.get(student.id, [])),
                    len(gaps),
                    "; ".join(gaps),
                ]
            )
    table.rows.sort(key=lambda r: (-len(str(r[5])), -int(r[6]), str(r[1])))
    return table
