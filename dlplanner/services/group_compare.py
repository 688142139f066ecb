"""Compare scenarios group by group: the Compare page's "Break down by" (cohort, pathway, grade, student flag).

The measures come from :func:`dlplanner.domain.student_groups.group_measures` (requests met, rank-1
requests met, students with every request met, free class minutes and gaps per student), one table per
measure with a row per group and a column per scenario, in the same :class:`MeasureTable` form as the
rest of the comparison so the page (and a report) shows them alike.
"""

from __future__ import annotations

from dlplanner.domain import Project
from dlplanner.domain.student_groups import GROUP_KINDS, group_measures
from dlplanner.io.report import MeasureTable, Row
from dlplanner.services.projects import ServiceError

__all__ = ["GROUP_KINDS", "group_tables"]


def group_tables(project: Project, scenario_keys: list[str], by: str) -> list[MeasureTable]:
    """The per-group tables of the named scenarios (ids or names), in the order given."""
    if by not in GROUP_KINDS:
        raise ServiceError(f"Unknown group '{by}' (groups: {', '.join(GROUP_KINDS)})")
    if by == "flag" and not project.students:
        raise ServiceError("Student flags need students: import students first")
    chosen = [project.scenario(k) for k in scenario_keys]
    measured = [{m.group: m for m in group_measures(project, s, by)} for s in chosen]
    groups = list(dict.fromkeys(g for per in measured for g in per))
    label = GROUP_KINDS[by].lower()
    who = "students" if project.students else "students (each cohort counted as its students)"

    def table(table_id: str, title: str, unit: str, value, note: str, decimals: int = 0) -> MeasureTable:
        rows = [Row(g, [value(per[g]) if g in per else None for per in measured]) for g in groups]
        return MeasureTable(f"group-{by}-{table_id}", title, unit, rows, note=note, decimals=decimals)

    tables = [
        table("students", f"Students by {label}", "students", lambda m: m.students, f"How many {who} each group has."),
    ]
    if project.requests:
        tables += [
            table(
                "requests-met",
                f"Course requests met by {label}",
                "% of requests",
                lambda m: m.met_percent,
                "Requests met by the subject asked for or by an alternate (a cohort's own section meets it too).",
                1,
            ),
            table(
                "rank1-met",
                f"Rank-1 requests met by {label}",
                "% of rank-1 requests",
                lambda m: m.rank1_percent,
                "Required (rank 1) requests met by the subject itself.",
                1,
            ),
            table(
                "full",
                f"Students with every request met, by {label}",
                "% of students",
                lambda m: _percent(m.full_schedules, m.students),
                "Students whose every request is met (by an alternate too).",
                1,
            ),
        ]
    tables += [
        table(
            "free",
            f"Free class minutes per student by {label}",
            "minutes per cycle",
            lambda m: m.free_minutes,
            "Minutes of class blocks a student has nothing to attend, per cycle, averaged over the group's "
            "students (internship time is not free).",
            1,
        ),
        table(
            "gaps",
            f"Gaps per student by {label}",
            "idle class blocks per cycle",
            lambda m: m.gap_blocks,
            "Idle class blocks between a student's first and last commitment of a day, per cycle, averaged.",
            2,
        ),
    ]
    return tables


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
