"""Tiny hand-built schools for the solver tests, and the checker as the judge of every result."""

from __future__ import annotations

from datetime import date

from dlplanner.domain.calendar import Term
from dlplanner.domain.model import (
    BellSchedule,
    Block,
    BlockKind,
    Cohort,
    DayType,
    Placement,
    Project,
    Room,
    Scenario,
    Section,
    SolveStatus,
    Subject,
    Teacher,
)
from dlplanner.solver import SolveRequest, SolveResult, solve

C, P, L, A = BlockKind.CLASS, BlockKind.PASSING, BlockKind.LUNCH, BlockKind.ADVISORY


def schedule(*spec: tuple[int, int, BlockKind], sid: str = "bell") -> BellSchedule:
    """Blocks from (start, end, kind); ids b0, b1, ... in order."""
    return BellSchedule(sid, sid, [Block(f"b{i}", s, e, k) for i, (s, e, k) in enumerate(spec)])


def blocks_of(n: int, length: int = 60, passing: int = 5, start: int = 480) -> list[tuple[int, int, BlockKind]]:
    """n class blocks of ``length`` minutes joined by passing time."""
    out = []
    t = start
    for i in range(n):
        out.append((t, t + length, C))
        t += length
        if i < n - 1 and passing:
            out.append((t, t + passing, P))
            t += passing
    return out


def school(
    blocks: list[tuple[int, int, BlockKind]] | None = None,
    days: int = 1,
    teachers: int = 2,
    cohorts: int = 2,
    rooms: int = 0,
) -> Project:
    """A project with one scenario 's' of ``days`` day types d0… sharing one bell schedule."""
    bell = schedule(*(blocks or blocks_of(3)))
    scenario = Scenario(
        "s",
        "Main",
        bell_schedules=[bell],
        day_types=[DayType(f"d{i}", f"Day {i}", bell.id) for i in range(days)],
    )
    return Project(
        "Tiny",
        subjects=[Subject("math", "Math"), Subject("eng", "English"), Subject("bio", "Biology")],
        teachers=[Teacher(f"t{i}", f"Teacher {i}", {"math", "eng", "bio"}) for i in range(teachers)],
        rooms=[Room(f"r{i}", f"Room {i}", 30) for i in range(rooms)],
        cohorts=[Cohort(f"c{i}", f"Cohort {i}", 9, 20) for i in range(cohorts)],
        scenarios=[scenario],
    )


def semesters(project: Project) -> None:
    """Give the scenario two non-overlapping terms, S1 and S2 (sections choose one with ``term_id``)."""
    project.scenarios[0].calendar.terms = [
        Term("S1", "Semester 1", date(2026, 8, 24), date(2027, 1, 15)),
        Term("S2", "Semester 2", date(2027, 1, 19), date(2027, 6, 4)),
    ]


def add_section(project: Project, sid: str, **kw) -> Section:
    kw.setdefault("subject_id", "math")
    kw.setdefault("name", sid)
    section = Section(sid, **kw)
    project.scenarios[0].sections.append(section)
    return section


def run(project: Project, time_limit: float = 5.0, **kw) -> SolveResult:
    return solve(SolveRequest(project, "s", time_limit=time_limit, workers=2, **kw))


def judged(project: Project, result: SolveResult, pins: list[Placement] | None = None):
    """Assert the checker finds zero violations and the same penalties; returns its report."""
    from dlplanner.domain.checker import check_pins, check_timetable

    assert result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE), (result.status, result.conflicts)
    report = check_timetable(
        project,
        project.scenarios[0],
        result.placements,
        advisors=result.advisors,
        team_cohorts=result.team_cohorts,
        enrolments=result.enrolments,
    )
    assert report.ok, [v.message for v in report.violations]
    if pins:
        bad = check_pins(pins, result.placements)
        assert not bad, [v.message for v in bad]
    if result.penalties:
        assert result.penalties == report.penalties
    return report


def by_section(result: SolveResult) -> dict[str, list[Placement]]:
    out: dict[str, list[Placement]] = {}
    for p in result.placements:
        out.setdefault(p.section_id, []).append(p)
    return out
