"""Compare 2–4 scenarios of one project on the measures a leadership team decides by.

Builds a :class:`~dlplanner.io.report.Comparison` from each scenario's dated metrics
(:mod:`dlplanner.domain.metrics`), its solver status and the checker's per-rule penalties, plus a
placement diff for every pair of scenarios; writes it as an HTML or PDF report. The GUI's
comparison view shows the same object.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from dlplanner.domain import Placement, Project, Scenario, fmt_time
from dlplanner.domain.checker import DEFAULT_WEIGHTS, check_timetable
from dlplanner.domain.metrics import Minimums, ScenarioMetrics, compute_metrics, describe_minimums
from dlplanner.io.report import (
    Comparison,
    MeasureTable,
    PairDiff,
    PlacementChange,
    Row,
    chart_png,
    chart_svg,
    write_report,
)
from dlplanner.services import projects
from dlplanner.services.projects import ServiceError
from dlplanner.services.scenarios import status_of
from dlplanner.services.timetable_status import plural

__all__ = [
    "Comparison",
    "MeasureTable",
    "Minimums",
    "PairDiff",
    "PlacementChange",
    "Row",
    "chart_png",
    "chart_svg",
    "compare",
    "compare_at",
    "placement_diff",
    "write_comparison",
]


def compare(
    project: Project,
    scenario_keys: list[str],
    minimums: Minimums | None = None,
    *,
    check: bool = True,
    others: Sequence[tuple[Project, str]] = (),
) -> Comparison:
    """The comparison of the named scenarios (ids or names), in the order given.

    Scenarios are checked against ``minimums``, by default the project's own (``Project.minimums``).
    ``check`` recomputes hard-rule violations and soft penalties with the independent checker (the
    judge) instead of trusting the penalties stored with each solution. ``others``: scenarios of
    other projects (last year's file) shown after this project's, each measured and checked against
    its own project and named with it; their advisors and teams are lined up by advisory identity.
    """
    total = len(scenario_keys) + len(others)
    if not 2 <= total <= 4:
        raise ServiceError(f"Compare 2 to 4 scenarios, not {total}")
    chosen = [project.scenario(k) for k in scenario_keys]
    if len({s.id for s in chosen}) != len(chosen):
        raise ServiceError("The same scenario is named twice; compare different scenarios")
    owners = [project] * len(chosen)
    for n, (other, key) in enumerate(others):
        theirs = copy.copy(other.scenario(key))  # read only: a new name and id, the same contents
        theirs.name, theirs.id = f"{theirs.name} ({other.name})", f"other-{n + 1}:{theirs.id}"
        chosen.append(theirs)
        owners.append(other)
    minimums = project.minimums if minimums is None else minimums
    unknown = sorted(set(minimums.subject_annual_minutes) - {s.id for s in project.subjects})
    if unknown:
        known = ", ".join(s.id for s in project.subjects) or "none"
        raise ServiceError(f"No subject '{unknown[0]}' for a subject minimum (subject ids: {known})")
    metrics = [compute_metrics(owner, s, minimums=minimums) for owner, s in zip(owners, chosen, strict=True)]
    if others:
        project = _with_names_of(project, [o for o, _ in others])
    result = Comparison(
        project_name=project.name,
        school_name=project.school_name,
        scenario_names=[s.name for s in chosen],
        scenario_ids=[s.id for s in chosen],
        created=datetime.now().replace(microsecond=0),
    )
    result.tables = _tables(project, chosen, metrics, minimums, check, owners)
    if others:
        result.tables.append(_advisors_across(owners, chosen))
    result.diffs = [  # meetings moved between scenarios of one project (across years every id differs)
        placement_diff(project, a, b)
        for (owner_a, a), (owner_b, b) in itertools.combinations(zip(owners, chosen, strict=True), 2)
        if owner_a is owner_b
    ]
    for s in chosen:
        if not s.solution.placements:
            result.notes.append(f"'{s.name}' has no timetable yet: minutes of classes are 0 until it is solved.")
        elif s.solution.stale:
            result.notes.append(f"'{s.name}' was edited after its last solve: its timetable may be out of date.")
    return result


def compare_at(
    location: str, scenario_keys: list[str], minimums: Minimums | None = None, project_name: str | None = None
) -> Comparison:
    return compare(projects.open_project(location, project_name), scenario_keys, minimums)


def write_comparison(comparison: Comparison, out: str | Path, paper: str = "a4") -> Path:
    """Write the report as HTML or PDF (by suffix), replacing ``out`` only once it is complete."""
    target = Path(out)
    if target.suffix.lower() not in (".html", ".htm", ".pdf"):
        raise ServiceError(f"The comparison report is written as .html or .pdf, not '{target.name}'")
    if not target.parent.is_dir():
        raise ServiceError(f"Folder {target.parent} does not exist")
    partial = target.with_name(f".{target.stem}.partial{target.suffix}")
    try:
        write_report(comparison, partial, paper)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


# -- tables ------------------------------------------------------------------------------------


def _rows(labels: list[tuple[str, str]], values: list[dict], convert=lambda v: v) -> list[Row]:
    """One row per (id, label) with each scenario's value for that id (None when the scenario lacks it)."""
    return [Row(label, [convert(v[rid]) if rid in v else None for v in values]) for rid, label in labels]


def _tables(
    project: Project,
    chosen: list[Scenario],
    ms: list[ScenarioMetrics],
    minimums: Minimums,
    check: bool,
    owners: list[Project] | None = None,
) -> list[MeasureTable]:
    cohorts = [(c.id, c.name) for c in project.cohorts]
    subjects = [(s.id, s.name) for s in project.subjects if any(s.id in m.subject_minutes for m in ms)]
    teachers = [(t.id, t.name) for t in project.teachers]
    rooms = [(r.id, r.name) for r in project.rooms]
    long_min = sorted({m.long_block_minutes for m in ms})
    tables: list[MeasureTable] = []

    calendar = MeasureTable("calendar", "Calendar and cycle", "", chart=False)
    calendar.rows = [
        Row("School days", [m.school_days for m in ms]),
        Row("First – last day", [f"{m.first_day:%d %b %Y} – {m.last_day:%d %b %Y}" for m in ms]),
        Row("Day types in the cycle", [", ".join(d.name for d in s.day_types) for s in chosen]),
        Row(
            "School days per day type",
            [
                ", ".join(f"{_day_name(s, d)} {n}" for d, n in m.day_type_counts.items())
                for s, m in zip(chosen, ms, strict=True)
            ],
        ),
        Row(
            "School days per term",
            [
                ", ".join(f"{t.name} {m.term_days.get(t.id, 0)}" for t in s.calendar.terms) or "no terms"
                for s, m in zip(chosen, ms, strict=True)
            ],
        ),
        Row(
            "Special days",
            [", ".join(f"{k.replace('_', ' ')} {n}" for k, n in sorted(m.special_days.items())) or "none" for m in ms],
        ),
        Row("Cycle length (weeks)", [f"{m.weeks_per_cycle:.2f}" for m in ms]),
        Row("Meetings placed / required", [f"{m.placed_meetings} / {m.required_meetings}" for m in ms]),
    ]
    tables.append(calendar)

    def measure(table_id: str, title: str, unit: str, labels: list[tuple[str, str]], values: str, **options) -> None:
        """A table of one row per (id, label) from the metrics' ``values`` dict of each scenario."""
        tables.append(MeasureTable(table_id, title, unit, _rows(labels, [getattr(m, values) for m in ms]), **options))

    measure(
        "cohort_minutes",
        "Annual instructional minutes per cohort",
        "min/year",
        cohorts,
        "cohort_minutes",
        note="Class meetings counted on every school date of their day type, within their term.",
    )
    measure(
        "subject_minutes",
        "Annual instructional minutes per subject",
        "min/year",
        subjects,
        "subject_minutes",
        note="All sections of the subject together.",
    )
    long_rows = _rows(subjects, [m.subject_long_minutes for m in ms])
    long_rows.append(
        Row(
            "Project-based subjects: share in long blocks (%)",
            [round(100 * m.pbl_long_minutes / m.pbl_minutes, 1) if m.pbl_minutes else None for m in ms],
        )
    )
    tables.append(
        MeasureTable(
            "long_blocks",
            f"Minutes in long blocks (≥ {'/'.join(str(x) for x in long_min)} min) per subject",
            "min/year",
            long_rows,
            note="Long blocks leave room for project-based work.",
        )
    )
    adv_cohorts = [(c, n) for c, n in cohorts if any(c in m.cohort_advisory_minutes_per_week for m in ms)]
    measure("advisory_week", "Advisory minutes per week", "min/week", adv_cohorts, "cohort_advisory_minutes_per_week")
    measure(
        "advisory_year",
        "Advisory contact hours per year",
        "h/year",
        adv_cohorts,
        "cohort_advisory_hours_per_year",
        decimals=1,
    )
    intern_cohorts = [(c, n) for c, n in cohorts if any(c in m.internship_hours for m in ms)]
    measure(
        "internship_hours",
        "Internship hours per year",
        "h/year",
        intern_cohorts,
        "internship_hours",
        note="Time in the internship windows on school dates; travel time not counted.",
        decimals=1,
    )
    measure("internship_days", "Internship days per year", "days", intern_cohorts, "internship_days", chart=False)
    teams = [(t.id, f"{t.name} (needs {t.planning_minutes_per_week})") for t in project.teams]
    measure(
        "team_planning",
        "Common planning minutes per team per week",
        "min/week",
        teams,
        "team_planning_per_week",
        note="Class and planning blocks during which every member is free (the team_planning rule); "
        "with terms, the lowest part of the year.",
    )
    measure(
        "teacher_load",
        "Teacher teaching load per week",
        "min/week",
        teachers,
        "teacher_minutes_per_week",
        note="Minutes of class meetings (advisory not included); with terms, the busiest part of the year.",
    )
    measure(
        "preparations", "Different preparations per teacher", "subjects", teachers, "teacher_preparations", chart=False
    )
    tables.append(
        MeasureTable(
            "transitions",
            "Class changes per student per day",
            "changes/day",
            [
                Row(name, [m.transitions[cid].mean if cid in m.transitions else None for m in ms])
                for cid, name in cohorts
            ]
            + [
                Row(f"{name} — most in one day", [m.transitions[cid].max if cid in m.transitions else None for m in ms])
                for cid, name in cohorts
            ],
            note="Moves from one class or advisory to the next, averaged over every school date.",
            decimals=2,
            chart=False,
        )
    )
    util = _rows(rooms, [m.room_utilisation for m in ms], lambda v: round(100 * v, 1))
    util.append(Row("All rooms (mean)", [round(100 * m.overall_room_utilisation, 1) for m in ms]))
    tables.append(
        MeasureTable(
            "rooms",
            "Room utilisation",
            "% of class and advisory time",
            util,
            decimals=1,
        )
    )
    tables.append(_shortfall_table(ms, minimums, {s.id: s.name for s in project.subjects}))
    tables.append(_solver_table(project, chosen, check, owners))
    tables.insert(0, _glance_table(tables, ms))
    return tables


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _glance_table(tables: list[MeasureTable], ms: list[ScenarioMetrics]) -> MeasureTable:
    """One line per measure, so the differences that matter are seen before the detail tables."""
    solver = next(t for t in tables if t.id == "solver")
    shortfall_rows = next(t for t in tables if t.id == "shortfalls").rows

    def per(m: ScenarioMetrics, values: dict, keep=lambda k: True) -> list[float]:
        return [float(v) for k, v in values.items() if keep(k)]

    rows = [
        Row("School days", [m.school_days for m in ms]),
        Row("Instructional minutes per cohort, mean (min/year)", [_mean(per(m, m.cohort_minutes)) for m in ms]),
        Row(
            "Instructional minutes, lowest cohort (min/year)",
            [min(m.cohort_minutes.values(), default=None) for m in ms],
        ),
        Row(
            "Project-based minutes in long blocks (%)",
            [round(100 * m.pbl_long_minutes / m.pbl_minutes, 1) if m.pbl_minutes else None for m in ms],
        ),
        Row("Advisory minutes per week, mean", [_mean(per(m, m.cohort_advisory_minutes_per_week)) for m in ms]),
        Row("Advisory contact hours per year, mean", [_mean(per(m, m.cohort_advisory_hours_per_year)) for m in ms]),
        Row("Internship hours per year, mean", [_mean(per(m, m.internship_hours)) for m in ms]),
        Row(
            "Common planning per team, lowest (min/week)",
            [min(m.team_planning_per_week.values(), default=None) for m in ms],
        ),
        Row(
            "Teaching load, mean of teaching teachers (min/week)",
            [_mean([v for v in m.teacher_minutes_per_week.values() if v > 0]) for m in ms],
        ),
        Row(
            "Preparations per teaching teacher, mean",
            [_mean([float(v) for v in m.teacher_preparations.values() if v > 0]) for m in ms],
        ),
        Row("Class changes per student per day, mean", [_mean([t.mean for t in m.transitions.values()]) for m in ms]),
        Row("Room utilisation, mean (%)", [round(100 * m.overall_room_utilisation, 1) for m in ms]),
        Row(
            "Minimums not met",
            [sum(1 for r in shortfall_rows if r.values[i] not in ("met", NOT_PER_STUDENT)) for i in range(len(ms))],
        ),
        *(
            [
                Row(
                    "Students below the instructional minimum",
                    [len(m.student_minimum.below) if m.student_minimum else None for m in ms],
                )
            ]
            if any(m.student_minimum for m in ms)
            else []
        ),
        *[r for r in solver.rows if r.label in ("Status", "Hard-rule violations (checker)", "Total penalty")],
    ]
    return MeasureTable("glance", "At a glance", "", rows, chart=False, decimals=1)


def _day_name(scenario: Scenario, day_type_id: str) -> str:
    return next((d.name for d in scenario.day_types if d.id == day_type_id), day_type_id)


NOT_PER_STUDENT = "not counted per student"


def _shortfall_table(ms: list[ScenarioMetrics], minimums: Minimums, subject_names: dict[str, str]) -> MeasureTable:
    keys: dict[tuple[str, str], str] = {}
    for m in ms:
        for s in m.shortfalls:
            keys.setdefault((s.measure, s.record_id), f"{s.name}: {s.measure.replace('_', ' ')}")
    rows = []
    for key, label in keys.items():
        values: list[float | int | str | None] = []
        for m in ms:
            found = next((s for s in m.shortfalls if (s.measure, s.record_id) == key), None)
            if found is None and key == ("instructional_minutes", "students") and m.student_minimum is None:
                values.append(NOT_PER_STUDENT)  # this scenario seats no students: its cohorts are judged
                continue
            values.append(
                f"{found.actual:,.0f} of {found.required:,.0f} {found.unit} (short {found.missing:,.0f})"
                if found
                else "met"
            )
        rows.append(Row(label, values))
    required = describe_minimums(minimums, subject_names)
    if minimums.team_planning_from_teams:
        required.append("each team's own planning minutes")
    return MeasureTable(
        "shortfalls",
        "Compliance with minimums",
        "",
        rows,
        note=("Required: " + "; ".join(required) + ". ")
        + ("Every minimum is met." if not rows else "")
        + _per_student_note(ms),
        chart=False,
    )


def _per_student_note(ms: list[ScenarioMetrics]) -> str:
    """The instructional minimum counted per student, in words, for each scenario that seats students."""
    said = [(m, m.student_minimum) for m in ms if m.student_minimum is not None]
    if len(ms) == 1:
        return "".join(" " + summary.sentence() for _, summary in said)
    return "".join(f" {m.scenario_name}: {summary.sentence()}" for m, summary in said)


def _solver_table(
    project: Project, chosen: list[Scenario], check: bool, owners: list[Project] | None = None
) -> MeasureTable:
    statuses, objectives, violations, penalties = [], [], [], []
    for s, owner in zip(chosen, owners or [project] * len(chosen), strict=True):
        status = str(status_of(s))
        objectives.append(s.solution.objective)
        if check and s.solution.placements:
            report = check_timetable(owner, s)
            violations.append(len(report.violations))
            if report.violations:  # the checker's word: a drop on red is not "solved"
                status = f"breaks {plural(len(report.violations), 'hard rule')}"
            penalties.append(report.penalties)
        else:
            violations.append(None)
            penalties.append(dict(s.solution.penalties))
        statuses.append(f"{status} ({s.solution.status.value})")
    rule_ids = list(DEFAULT_WEIGHTS) + sorted({r for p in penalties for r in p} - set(DEFAULT_WEIGHTS))
    rows = [
        Row("Status", statuses),
        Row("Objective", objectives),
        Row("Hard-rule violations (checker)", violations),
        Row("Total penalty", [sum(p.values()) if p else None for p in penalties]),
    ]
    rows += [
        Row(f"penalty: {rule}", [p.get(rule) for p in penalties])
        for rule in rule_ids
        if any(rule in p for p in penalties)
    ]
    return MeasureTable(
        "solver",
        "Solver status and per-rule penalties",
        "",
        rows,
        note="Penalties recomputed by the independent checker from each timetable (rule ids of docs/rules.md).",
        chart=False,
    )


# -- across years ------------------------------------------------------------------------------


def _with_names_of(project: Project, others: list[Project]) -> Project:
    """This project with the records only other projects have (a teacher who left), for names in the tables."""
    lists = {}
    for name in ("teachers", "rooms", "subjects", "cohorts", "teams", "advisories"):
        records = list(getattr(project, name))
        known = {r.id for r in records}
        for other in others:
            for record in getattr(other, name):
                if record.id not in known:
                    known.add(record.id)
                    records.append(record)
        lists[name] = records
    return dataclasses.replace(project, **lists)


def _advisors_across(owners: list[Project], chosen: list[Scenario]) -> MeasureTable:
    """Each advisory (followed by its identity across years) with its advisor in each scenario, and each
    team with its cohorts: who kept their advisor or team."""
    labels: dict[str, str] = {}
    values: list[dict[str, str]] = []
    for owner, s in zip(owners, chosen, strict=True):
        teachers = {t.id: t.name for t in owner.teachers}
        cohorts = {c.id: c.name for c in owner.cohorts}
        row: dict[str, str] = {}
        for a in owner.advisories:
            key = f"advisory:{a.identity or a.id}"
            labels.setdefault(key, a.name if owner is owners[0] else f"{a.name} ({owner.name})")
            advisor = s.solution.advisor_of(a)
            row[key] = teachers.get(advisor, advisor) or "—"
        for t in owner.teams:
            key = f"team:{t.id}"
            labels.setdefault(key, f"Team {t.name}")
            row[key] = ", ".join(cohorts.get(c, c) for c in s.solution.cohorts_of(t)) or "—"
        values.append(row)
    return MeasureTable(
        "advisors_across",
        "Advisors and teams across years",
        "advisor / cohorts",
        _rows(list(labels.items()), values),
        note="Advisories are followed by their identity from year to year; — : none.",
        chart=False,
    )


# -- placement diff ----------------------------------------------------------------------------


def _describe(project: Project, scenario: Scenario, p: Placement) -> str:
    rooms = {r.id: r.name for r in project.rooms}
    teachers = {t.id: t.name for t in project.teachers}
    parts = [f"{_day_name(scenario, p.day_type_id)} {fmt_time(p.start)}–{fmt_time(p.end)}"]
    if p.room_id:
        parts.append(rooms.get(p.room_id, p.room_id))
    if p.teacher_ids:
        parts.append(", ".join(teachers.get(t, t) for t in p.teacher_ids))
    return " · ".join(parts)


def placement_diff(project: Project, a: Scenario, b: Scenario) -> PairDiff:
    """Meetings (section, meeting index) placed differently in ``b`` than in ``a``, and whose days changed."""
    diff = PairDiff(a.name, b.name, same_cycle=[d.id for d in a.day_types] == [d.id for d in b.day_types])
    before = {(p.section_id, p.meeting): p for p in a.solution.placements}
    after = {(p.section_id, p.meeting): p for p in b.solution.placements}
    names = _section_labels([*a.sections, *b.sections], project)
    same_cycle = diff.same_cycle
    for key in sorted(set(before) | set(after)):
        pa, pb = before.get(key), after.get(key)
        what = []
        if pa is None:
            what = ["added"]
        elif pb is None:
            what = ["removed"]
        else:
            if pa.day_type_id != pb.day_type_id or not same_cycle:
                what.append("day")
            if (pa.start, pa.end) != (pb.start, pb.end):
                what.append("time")
            if pa.room_id != pb.room_id:
                what.append("room")
            if sorted(pa.teacher_ids) != sorted(pb.teacher_ids):
                what.append("teachers")
        if not what:
            diff.unchanged += 1
            continue
        diff.changes.append(
            PlacementChange(
                section_id=key[0],
                section=names.get(key[0], key[0]),
                meeting=key[1],
                before=_describe(project, a, pa) if pa else "",
                after=_describe(project, b, pb) if pb else "",
                what=what,
            )
        )
    if same_cycle:  # with different cycles every teacher's every day differs: not worth listing
        diff.teacher_days = _teacher_days(project, a, b)
    return diff


def _section_labels(sections: list, project: Project) -> dict[str, str]:
    """Section names, with their cohorts (or id) added where two sections share a name."""
    unique = {s.id: s for s in sections}
    counts: dict[str, int] = {}
    for s in unique.values():
        counts[s.name] = counts.get(s.name, 0) + 1
    cohorts = {c.id: c.name for c in project.cohorts}
    labels = {}
    for s in unique.values():
        if counts[s.name] == 1:
            labels[s.id] = s.name
        else:
            who = ", ".join(cohorts.get(c, c) for c in s.cohort_ids) or s.id
            labels[s.id] = f"{s.name} ({who})"
    return labels


def _teacher_days(project: Project, a: Scenario, b: Scenario) -> list[tuple[str, list[str]]]:
    """Teachers whose timetable differs on some day type (by name, so A/B vs 4x4 calendars compare too)."""

    def days_of(s: Scenario, teacher_id: str) -> dict[str, set[tuple]]:
        result: dict[str, set[tuple]] = {}
        for p in s.solution.placements:
            if teacher_id in p.teacher_ids:
                result.setdefault(_day_name(s, p.day_type_id), set()).add((p.section_id, p.start, p.end, p.room_id))
        return result

    order = list(dict.fromkeys(d.name for d in [*a.day_types, *b.day_types]))
    changed = []
    for teacher in project.teachers:
        da, db = days_of(a, teacher.id), days_of(b, teacher.id)
        days = [d for d in order if da.get(d, set()) != db.get(d, set())]
        if days:
            changed.append((teacher.name, days))
    return changed
