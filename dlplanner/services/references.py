"""Where a record is used, in plain words, so deleting it can say what would be left pointing at nothing.

A teacher may teach sections (in any scenario), advise an advisory, be in a team; a room may be a
section's or an advisory's room; a cohort may be taught, advised, in a team, on an internship…
Deleting such a record leaves those references dangling (the scenario then shows errors), so the
desktop app lists them and asks first. Both front ends can use :func:`references` (no Qt here).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dlplanner.domain import Project, Scenario


@dataclass
class _Uses:
    """Uses gathered as (what, where) -> names, so "teaches 3 sections in scenario X: A, B, C" reads as one line."""

    found: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, what: str, name: str, where: str = "") -> None:
        self.found.setdefault((what, where), []).append(name)

    def count(self, text: str, number: int, where: str = "") -> None:
        """A use by number ("{n}" in ``text`` becomes "3 placed meetings" style words); nothing when 0."""
        if number:
            self.found.setdefault((text.format(n=number), where), [])

    def lines(self) -> list[str]:
        lines = []
        for (what, where), names in self.found.items():
            place = f" in scenario “{where}”" if where else ""
            if not names:  # a counted use
                lines.append(what + place)
                continue
            counted = Counter(names)  # sections of one name for several cohorts: "Algebra I ×4"
            named = [name if n == 1 else f"{name} ×{n}" for name, n in counted.items()]
            shown = ", ".join(named[:6]) + (f" and {len(named) - 6} more" if len(named) > 6 else "")
            lines.append(f"{what}{place}: {shown}")
        return lines


def _sections(uses: _Uses, scenario: Scenario, verb: str, matches: Iterable[Any]) -> None:
    for section in matches:
        uses.add(verb, section.name, scenario.name)


def _teacher_uses(project: Project, teacher_id: str, uses: _Uses) -> None:
    for scenario in project.scenarios:
        _sections(uses, scenario, "teaches section(s)", (s for s in scenario.sections if teacher_id in s.teacher_ids))
        _sections(
            uses,
            scenario,
            "may teach section(s) (pool)",
            (s for s in scenario.sections if teacher_id in s.teacher_pool),
        )
        placed = sum(1 for p in scenario.solution.placements if teacher_id in p.teacher_ids)
        uses.count("is in {n} placed meeting(s) of the timetable", placed, scenario.name)
        chosen = [a.name for a in project.advisories if scenario.solution.advisors.get(a.id) == teacher_id]
        for name in chosen:
            uses.add("advises (chosen by the solver)", name, scenario.name)
    for advisory in project.advisories:
        if advisory.advisor_id == teacher_id:
            uses.add("advises", advisory.name)
        if teacher_id in advisory.advisor_pool:
            uses.add("may advise (pool)", advisory.name)
    for team in project.teams:
        if teacher_id in team.member_ids:
            uses.add("is in team", team.name)
    uses.count(
        "is named in {n} of last year's pairings (looping)",
        sum(1 for p in project.prior_pairings if teacher_id in p.teacher_ids),
    )


def _room_uses(project: Project, room_id: str, uses: _Uses) -> None:
    for scenario in project.scenarios:
        _sections(uses, scenario, "is the room of section(s)", (s for s in scenario.sections if s.room_id == room_id))
        placed = sum(1 for p in scenario.solution.placements if p.room_id == room_id)
        uses.count("hosts {n} placed meeting(s) of the timetable", placed, scenario.name)
    for advisory in project.advisories:
        if advisory.room_id == room_id:
            uses.add("is the room of advisory", advisory.name)


def _campus_uses(project: Project, campus_id: str, uses: _Uses) -> None:
    for kind, records in (("teacher", project.teachers), ("room", project.rooms), ("cohort", project.cohorts)):
        for record in records:
            if record.campus_id == campus_id:
                uses.add(f"is the campus of {kind}(s)", record.name)
    travel = sum(1 for t in project.travel if campus_id in (t.campus_a, t.campus_b))
    uses.count("has {n} travel time(s) to other campuses", travel)


def _cohort_uses(project: Project, cohort_id: str, uses: _Uses) -> None:
    for scenario in project.scenarios:
        _sections(uses, scenario, "takes section(s)", (s for s in scenario.sections if cohort_id in s.cohort_ids))
        for internship in scenario.internships:
            if cohort_id in internship.cohort_ids:
                uses.add("goes on internship(s)", internship.name, scenario.name)
        for rule in scenario.looping_rules:
            if rule.cohort_id == cohort_id and not rule.advisory_id:
                uses.add("has looping rule(s)", rule.id, scenario.name)
        for team in project.teams:
            if cohort_id in scenario.solution.team_cohorts.get(team.id, []):
                uses.add("is with team (chosen by the solver)", team.name, scenario.name)
    for advisory in project.advisories:
        if cohort_id in advisory.cohort_ids:
            uses.add("is advised in advisory", advisory.name)
    for team in project.teams:
        if cohort_id in team.cohort_ids:
            uses.add("is taught by team", team.name)
        if cohort_id in team.cohort_pool:
            uses.add("may go to team (pool)", team.name)
    uses.count("has {n} student(s)", sum(1 for s in project.students if s.cohort_id == cohort_id))
    uses.count(
        "is in {n} of last year's pairings (looping)",
        sum(1 for p in project.prior_pairings if p.cohort_id == cohort_id),
    )


def _subject_uses(project: Project, subject_id: str, uses: _Uses) -> None:
    for teacher in project.teachers:
        if subject_id in teacher.subject_ids:
            uses.add("is taught by teacher(s)", teacher.name)
    for scenario in project.scenarios:
        _sections(
            uses, scenario, "is the subject of section(s)", (s for s in scenario.sections if s.subject_id == subject_id)
        )
        for rule in scenario.looping_rules:
            if rule.subject_id == subject_id:
                uses.add("is named by looping rule(s)", rule.id, scenario.name)
    uses.count("is asked for in {n} course request(s)", sum(1 for r in project.requests if r.subject_id == subject_id))
    uses.count(
        "is in {n} of last year's pairings (looping)",
        sum(1 for p in project.prior_pairings if p.subject_id == subject_id),
    )


def _advisory_uses(project: Project, advisory_id: str, uses: _Uses) -> None:
    uses.count("has {n} student(s)", sum(1 for s in project.students if s.advisory_id == advisory_id))
    for scenario in project.scenarios:
        for rule in scenario.looping_rules:
            if rule.advisory_id == advisory_id:
                uses.add("has looping rule(s)", rule.id, scenario.name)
    uses.count(
        "is in {n} of last year's pairings (looping)",
        sum(1 for p in project.prior_pairings if p.advisory_id == advisory_id),
    )


def _team_uses(project: Project, team_id: str, uses: _Uses) -> None:
    uses.count(
        "is in {n} of last year's pairings (looping)", sum(1 for p in project.prior_pairings if p.team_id == team_id)
    )


def _section_uses(project: Project, section_id: str, uses: _Uses, scenario: Scenario | None) -> None:
    for each in [scenario] if scenario is not None else project.scenarios:
        solution = each.solution
        placed = sum(1 for p in solution.placements if p.section_id == section_id)
        uses.count("has {n} meeting(s) placed in the timetable", placed, "" if scenario else each.name)
        seated = sum(1 for e in solution.enrolments if e.section_id == section_id)
        uses.count("has {n} student(s) seated in it", seated, "" if scenario else each.name)


FINDERS = {
    "teacher": _teacher_uses,
    "room": _room_uses,
    "campus": _campus_uses,
    "cohort": _cohort_uses,
    "subject": _subject_uses,
    "advisory": _advisory_uses,
    "team": _team_uses,
}


def references(project: Project, kind: str, record_id: str, scenario: Scenario | None = None) -> list[str]:
    """Where the record of ``kind`` with ``record_id`` is used, one plain line per use (empty: used nowhere).

    Project records (teachers, rooms, cohorts …) are looked up in every scenario, each named; a
    scenario's own record (a section) only in ``scenario`` when given. Kinds nothing refers to
    (internships, looping rules) have no uses.
    """
    uses = _Uses()
    if kind == "section":
        _section_uses(project, record_id, uses, scenario)
    elif kind in FINDERS:
        FINDERS[kind](project, record_id, uses)
    return uses.lines()


def describe_references(
    project: Project, kind: str, records: list[Any], scenario: Scenario | None = None, limit: int = 15
) -> str:
    """The uses of the records about to be deleted, as text for a question (empty: none is used)."""
    lines: list[str] = []
    for record in records:
        found = references(project, kind, record.id, scenario)
        name = getattr(record, "name", "") or record.id
        lines += [f"{name}: {line}" for line in found]
    if len(lines) > limit:
        lines = [*lines[:limit], f"… and {len(lines) - limit} more"]
    return "\n".join(f"• {line}" for line in lines)


__all__ = ["describe_references", "references"]
