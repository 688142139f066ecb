"""Requirement groups for the explanation pass: each is switched on by one assumption literal.

Normally no group exists and rules add their constraints unconditionally; when explaining, a rule's
requirement holds only under its group's literal, so an infeasible core names groups in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from dlplanner.domain.model import Project, Scenario, Section, fmt_time

Lit = cp_model.IntVar


@dataclass
class Group:
    """A requirement group: what one assumption literal switches on in the explanation pass."""

    key: str
    message: str
    records: list[tuple[str, str]]


class Explanation:
    """The groups and their assumption literals (none unless ``enabled``)."""

    def __init__(self, model: cp_model.CpModel, project: Project, scenario: Scenario, enabled: bool) -> None:
        self.model = model
        self.project = project
        self.scenario = scenario
        self.enabled = enabled
        self.groups: dict[str, Group] = {}
        self.assumptions: dict[str, Lit] = {}

    def group(self, key: str, message: str, records: list[tuple[str, str]]) -> list[Lit]:
        """Enforcement literals for a requirement group: none normally, its assumption when explaining."""
        if not self.enabled:
            return []
        if key not in self.assumptions:
            self.groups[key] = Group(key, message, records)
            self.assumptions[key] = self.model.new_bool_var(f"assume[{key}]")
        return [self.assumptions[key]]

    def reason_group(self, key: str) -> list[Lit]:
        """The enforcement literals of a group named by a forbid reason ("kind:record id")."""
        kind, _, rec = key.partition(":")
        teachers = {t.id: t for t in self.project.teachers}
        if kind == "unavailable":
            t = teachers[rec]
            return self.group(key, f"{t.name}'s unavailability{self._days_of(t.unavailable)}", [("teacher", rec)])
        if kind == "internship":
            cohorts = {c.id: c for c in self.project.cohorts}
            i = next(i for i in self.scenario.internships if i.id == rec)
            names = ", ".join(cohorts[c].name for c in i.cohort_ids if c in cohorts)
            return self.group(
                key,
                f"the internship '{i.name}' ({names} off campus{self._days_of(i.windows)})",
                [("internship", rec)] + [("cohort", c) for c in i.cohort_ids],
            )
        if kind == "advisory":
            a = next(a for a in self.project.advisories if a.id == rec)
            advisor = teachers[a.advisor_id].name if a.advisor_id in teachers else a.advisor_id or "its advisor"
            return self.group(key, f"advisory '{a.name}' with {advisor} at its blocks", [("advisory", rec)])
        raise KeyError(key)

    def _days_of(self, windows: list) -> str:
        day_names = {d.id: d.name for d in self.scenario.day_types}
        days = []
        for w in windows:
            name = "every day" if w.day_type_id is None else day_names.get(w.day_type_id, w.day_type_id)
            label = f"{name} {fmt_time(w.start)}–{fmt_time(w.end)}"
            if label not in days:
                days.append(label)
        return f" on {', '.join(days)}" if days else ""


def section_label(section: Section) -> str:
    """How explanations name a section."""
    return section.name or section.id
