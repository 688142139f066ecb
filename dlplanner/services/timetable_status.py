"""What a scenario's timetable really is, as the independent checker judges it, in plain words.

The solver's status ("optimal") describes the timetable it returned; after a card is dropped on
red, or an edit makes the stored timetable break a rule, that word is no longer true. Every place
that shows a scenario's status (status bar, scenario box, Compare, Solve page, export) asks
:func:`timetable_status` instead, which recomputes the hard rules with ``domain.checker``.
"""

from __future__ import annotations

from dataclasses import dataclass

from dlplanner.domain import Project, Scenario, SolveStatus
from dlplanner.domain.checker import Violation, check_timetable
from dlplanner.services.scenarios import ScenarioStatus, status_of


@dataclass(frozen=True)
class TimetableStatus:
    """One scenario's timetable: the list status, the solver's word, and the checker's findings."""

    status: ScenarioStatus
    solve_status: SolveStatus
    placed: int
    stale: bool
    violations: tuple[Violation, ...] = ()

    @property
    def broken(self) -> int:
        """How many hard-rule violations the checker found (0 when there is no timetable to check)."""
        return len(self.violations)

    @property
    def breaks_rules(self) -> bool:
        return bool(self.violations)

    def text(self) -> str:
        """Short words for a status bar or a list: "breaks 2 hard rules", "solved · optimal", "not solved"."""
        if self.violations:
            words = f"breaks {plural(self.broken, 'hard rule')}"
        elif self.status in (ScenarioStatus.SOLVED, ScenarioStatus.STALE) and self.placed:
            words = f"solved · {self.solve_status.value.replace('_', ' ')}"
        else:
            words = self.status.value
        if self.stale and self.status == ScenarioStatus.STALE:
            words += " · stale: data changed"
        return words

    def label(self) -> str:
        """One word or so for a list of scenarios: "solved", "stale", "not solved" … or "breaks 2 hard rules"."""
        return f"breaks {plural(self.broken, 'hard rule')}" if self.violations else self.status.value

    def problems(self, limit: int = 20) -> list[str]:
        """The broken rules in plain words, one line each (at most ``limit``, then "… and N more")."""
        lines = [v.message for v in self.violations[:limit]]
        if self.broken > limit:
            lines.append(f"… and {self.broken - limit} more")
        return lines


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def timetable_status(project: Project, scenario: Scenario) -> TimetableStatus:
    """The scenario's status with its stored timetable judged by the independent checker.

    A scenario without placements has nothing to judge (not solved, or infeasible). Meetings left
    in the tray count as broken rules too ("meets fewer times than it should"): the timetable as it
    stands would not be what the school needs.
    """
    solution = scenario.solution
    violations: tuple[Violation, ...] = ()
    if solution.placements:
        violations = tuple(check_timetable(project, scenario).violations)
    return TimetableStatus(status_of(scenario), solution.status, len(solution.placements), solution.stale, violations)
