"""The second model: students loaded into the open sections of a placed timetable (the sections' times are fixed).

One boolean per (student, open section of a subject the student requests or takes as an alternate), built
by :func:`dlplanner.solver.students.load_students`; the student rules add their constraints and penalties
over them through their :class:`StudentRule`'s ``load``. What the sections' times are is read from the
placements only, so this model is small: no time variables, only seats.

In turns (:func:`dlplanner.solver.students.place_open_sections`) the same choices are added to a sections'
model instead: ``model`` is that model's and ``free`` names the open sections whose times it decides (their
candidates' literals); the student rules then state their constraints over those times too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from dlplanner.domain.model import Project, Scenario, Section, Student
from dlplanner.domain.students import RequestGroup
from dlplanner.solver.model_builder import Context, Rule, SectionInfo
from dlplanner.solver.objective import DEFAULT_WEIGHTS
from dlplanner.solver.timegrid import TimeGrid

Interval = tuple[str, int, int, tuple[int, ...]]  # day type, start, end, term atoms


@dataclass(frozen=True)
class StudentRule(Rule):
    """A rule about students: ``add`` works on the sections' model (times), ``load`` on the students' model."""

    load: Callable[[LoadContext], None] | None = None


@dataclass
class Choice:
    """A student may sit in an open section: ``lit`` is true when they do."""

    student: Student
    section: Section
    lit: cp_model.IntVar
    group: RequestGroup
    forbidden: bool = False  # a rule ruled it out before solving (the lit is fixed to 0)
    pinned: bool = False  # a pinned enrolment: the lit is fixed to 1


@dataclass
class StudentInfo:
    student: Student
    groups: list[RequestGroup]  # the requests the student's cohort does not meet
    choices: list[Choice] = field(default_factory=list)
    alternate_by_cohort: set[int] = field(default_factory=set)  # id() of groups an alternate of which the cohort meets
    fixed: list[Interval] = field(default_factory=list)  # cohort meetings and advisory sittings
    away: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # day -> internship windows ± travel


class LoadContext:
    """The students' model: choices, the sections' fixed times and seats, the objective terms."""

    def __init__(
        self,
        project: Project,
        scenario: Scenario,
        grid: TimeGrid,
        times: dict[str, list[Interval]],
        rooms: dict[str, list[str | None]],
        weights: dict[str, int] | None,
        sections: Context | None = None,
        free: dict[str, SectionInfo] | None = None,
    ) -> None:
        self.project = project
        self.scenario = scenario
        self.grid = grid
        # in turns: the sections' model, and the open sections whose times it decides (no entry in ``times``)
        self.sections = sections
        self.free = free or {}
        self.model = sections.model if sections is not None else cp_model.CpModel()
        self.times = times  # section id -> its meetings
        self.rooms = rooms  # section id -> the rooms of its meetings
        self.students: list[StudentInfo] = []
        self.weights = {**DEFAULT_WEIGHTS, **scenario.rules.weights, **(weights or {})}
        # (rule id, weight, expression, evaluate) — evaluate(values) gives the units from a solution
        self.penalties: list[tuple[str, int, object]] = []

    def weight(self, rule_id: str) -> int:
        return int(self.weights.get(rule_id, 0))

    def choices_by_section(self) -> dict[str, list[Choice]]:
        by_section: dict[str, list[Choice]] = defaultdict(list)
        for info in self.students:
            for choice in info.choices:
                by_section[choice.section.id].append(choice)
        return by_section

    def add_penalty(self, rule_id: str, weight: int, units: object) -> None:
        """Penalise ``weight × units`` (a linear expression of the model, ≥ 0)."""
        if weight:
            self.penalties.append((rule_id, weight, units))


def clash(a: Interval, b: Interval) -> bool:
    """Same day type, overlapping times, and a part of the year in common."""
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2] and not set(a[3]).isdisjoint(b[3])
