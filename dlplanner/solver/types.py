"""Plain inputs and outputs of the engine: no sessions, no Qt objects, no OR-Tools types."""

from __future__ import annotations

from dataclasses import dataclass, field

from dlplanner.domain.model import Enrolment, Placement, Project, SolveStatus


@dataclass
class SolveRequest:
    """What to solve and how hard to try."""

    project: Project
    scenario_id: str
    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    hint: list[Placement] | None = None  # None: the scenario's current solution is the warm start
    respect_pins: bool = True  # pinned placements of the scenario's solution stay exactly
    weights: dict[str, int] | None = None  # override soft weights (else scenario.rules.weights, else defaults)
    explain: bool = True  # run the feasibility/explanation pass when infeasible
    first_only: bool = False  # stop at the first timetable (no soft-rule optimisation)
    gap_percent: float | None = None  # stop once within this relative gap (in %) of the bound


@dataclass
class Progress:
    elapsed: float
    objective: float
    bound: float
    solutions: int


@dataclass
class Conflict:
    """One reason no timetable exists, in plain words, with the records it names as (kind, id)."""

    message: str
    records: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SolveResult:
    status: SolveStatus
    placements: list[Placement] = field(default_factory=list)
    objective: float | None = None
    best_bound: float | None = None  # a lower bound of the school's problem (None: none proven)
    # the bound CP-SAT proved for a big school's narrowed model (teacher pools, room classes): it bounds
    # the timetables with those narrowed choices only, so it is reported apart from best_bound
    narrowed_bound: float | None = None
    penalties: dict[str, int] = field(default_factory=dict)
    wall_time: float = 0.0
    time_to_first: float | None = None
    solutions: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    advisors: dict[str, str] = field(default_factory=dict)  # advisory id -> the advisor chosen (advisor left open)
    team_cohorts: dict[str, list[str]] = field(default_factory=dict)  # team id -> the cohorts chosen from its pool
    enrolments: list[Enrolment] = field(default_factory=list)  # students seated in open sections
