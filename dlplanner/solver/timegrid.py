"""The scenario's time as the model sees it: day types and their blocks, parts of the year, fixed sittings.

Computed once per model with plain loops; no variables here. Terms cut the year into *atoms*: two
sections' terms overlap iff they share an atom. Advisory sittings are fixed by the bell schedule
(rule ``advisory_time``): they only pre-occupy their advisor, cohorts and room.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from dlplanner.domain.geometry import in_term_slice, term_slices
from dlplanner.domain.model import Advisory, Block, BlockKind, Project, Scenario, Section


@dataclass
class Sitting:
    """An advisory in one of its blocks: fixed, it only pre-occupies its advisor, cohorts and room."""

    advisory: Advisory
    day: str
    start: int
    end: int


class TimeGrid:
    """Day types, blocks, class runs, term atoms, internship windows and advisory sittings of a scenario."""

    def __init__(self, project: Project, scenario: Scenario) -> None:
        self.project = project
        self.scenario = scenario
        self.day_ids = [d.id for d in scenario.day_types]
        self.day_names = {d.id: d.name for d in scenario.day_types}
        self._schedules = {d.id: scenario.bell_schedule(d.bell_schedule_id) for d in scenario.day_types}
        self.blocks: dict[str, list[Block]] = {d: s.sorted_blocks() for d, s in self._schedules.items()}
        self.class_blocks: dict[str, list[Block]] = {
            d: [b for b in bl if b.kind == BlockKind.CLASS] for d, bl in self.blocks.items()
        }
        self._runs: dict[tuple[str, bool], list[list[Block]]] = {}
        self._spans: dict[tuple[str, int | None], list[tuple[int, int]]] = {}
        self.n_atoms, self._term_atoms = self._compute_term_atoms()
        self.all_atoms = tuple(range(self.n_atoms))
        self.soft_atoms = self._compute_soft_atoms()
        self.internships_of: dict[str, list] = defaultdict(list)
        for internship in scenario.internships:
            for cid in internship.cohort_ids:
                self.internships_of[cid].append(internship)
        self.sittings = self._compute_sittings()
        self.busy_fixed: dict[tuple[str, str], list[Sitting]] = defaultdict(list)
        for sitting in self.sittings:
            for res in sitting_resources(sitting):
                self.busy_fixed[res].append(sitting)

    def runs(self, day: str, allow_breaks: bool) -> list[list[Block]]:
        key = (day, allow_breaks)
        if key not in self._runs:
            self._runs[key] = self._schedules[day].class_runs(allow_breaks)
        return self._runs[key]

    def spans(self, section: Section, day: str) -> list[tuple[int, int]]:
        """Every (start, end) from a class block's start to a later class block's end or ``length_minutes`` on.

        The widest choice the model could offer; the rules ``meeting_length`` and ``class_time`` narrow
        it to the meetings they allow. Class blocks are taken in day order (as one run spanning breaks).
        """
        key = (day, section.length_minutes)
        if key not in self._spans:
            day_blocks = [b for run in self.runs(day, True) for b in run]
            out: list[tuple[int, int]] = []
            for i, block in enumerate(day_blocks):
                ends = [b.end for b in day_blocks[i:]]
                if section.length_minutes is not None and section.length_minutes > 0:
                    ends.append(block.start + section.length_minutes)
                out += [(block.start, end) for end in sorted(set(ends))]
            self._spans[key] = out
        return self._spans[key]

    def _compute_term_atoms(self) -> tuple[int, dict[str | None, tuple[int, ...]]]:
        """The parts of the year (domain ``term_slices``) as atoms: two sections can clash iff they share one.

        An intersession's atom holds only its own sections (see ``in_term_slice``).
        """
        terms = {t.id: t for t in self.scenario.calendar.terms}
        year_parts = term_slices(terms, (s.term_id for s in self.scenario.sections))
        of_term = {
            tid: tuple(i for i, part in enumerate(year_parts) if in_term_slice(tid, terms, part))
            for tid in [None, *{s.term_id for s in self.scenario.sections if s.term_id is not None}]
        }
        return len(year_parts), of_term

    def _compute_soft_atoms(self) -> list[int]:
        """Every atom: each is a part of the year with its own set of running terms (docs/rules.md)."""
        return list(range(self.n_atoms))

    def atoms_of(self, section: Section) -> tuple[int, ...]:
        return self._term_atoms[section.term_id]

    def atoms_of_term(self, term_id: str | None) -> tuple[int, ...]:
        """The atoms of a term (None: the year-long parts, where advisory sittings are)."""
        return self._term_atoms[term_id]

    def internship_windows(self, cohort_id: str, day: str) -> list[tuple[int, int, str]]:
        """[start − travel, end + travel) of the cohort's internship windows on a day type."""
        out = []
        for internship in self.internships_of.get(cohort_id, []):
            for w in internship.windows:
                if w.applies_to(day):
                    out.append((w.start - internship.travel_minutes, w.end + internship.travel_minutes, internship.id))
        return out

    def _compute_sittings(self) -> list[Sitting]:
        """The advisory sittings fixed by the bell schedule (see rule ``advisory_time``)."""
        sittings = []
        for advisory in self.project.advisories:
            if advisory.meeting_blocks:
                for ref in advisory.meeting_blocks:
                    block = next((b for b in self.blocks.get(ref.day_type_id, []) if b.id == ref.block_id), None)
                    if block is not None:
                        sittings.append(Sitting(advisory, ref.day_type_id, block.start, block.end))
                continue
            for day in self.day_ids:
                for block in self.blocks[day]:
                    if block.kind != BlockKind.ADVISORY:
                        continue
                    away = any(
                        s < block.end and block.start < e
                        for cid in advisory.cohort_ids
                        for s, e, _ in self.internship_windows(cid, day)
                    )
                    if not away:
                        sittings.append(Sitting(advisory, day, block.start, block.end))
        return sittings


def sitting_resources(sitting: Sitting) -> list[tuple[str, str]]:
    """What a sitting keeps busy: its advisor (when fixed), its cohorts and its room."""
    a = sitting.advisory
    res = [("teacher", a.advisor_id)] if a.advisor_id else []
    res += [("cohort", c) for c in a.cohort_ids]
    if a.room_id:
        res.append(("room", a.room_id))
    return res
