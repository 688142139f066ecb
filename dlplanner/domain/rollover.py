"""Next school year in one step: a copy of the school one year on, with last year's pairings recorded.

:func:`roll_over` takes this year's project and the scenario whose timetable the school ran, and
returns next year's project and a report of what changed and what needs a person:

- every scenario's calendar moves a year (52 weeks, or to ``year_start``): holidays keep their names
  and are flagged for review, terms and special days move with them;
- each cohort and advisory advances one grade keeping its identity (ids and names that spell the
  grade follow it: ``g9-a`` "Grade 9 advisory A" becomes ``g10-a`` "Grade 10 advisory A"); the top
  grade graduates; incoming cohorts are created like this year's cohorts of their grade, sized from
  ``incoming`` (students per grade) or this year's entry grade, with advisories like theirs whose
  advisors the solver chooses from the advisors set free by the graduates;
- teachers, rooms and teams stay; sections are carried with the grade they serve (this year's grade-10
  sections serve next year's grade-10 cohorts), with the teacher who follows a cohort (its advisor,
  its team) kept with it;
- last year's pairings are recorded from the chosen scenario's timetable (each advisory's advisor, each
  cohort's team and teacher per subject), with how many years each has held; looping rules carry
  over as each scenario's policy per kind: a rule for every pairing still within the rule's ``years``;
  a team whose looping cohorts leave takes as many incoming cohorts of its entry grade, chosen by the
  solver (``cohort_pool``, ``cohorts_needed``);
- departing teachers (``departing``, by id or name) leave: an advisory they advised has its advisor
  chosen by the solver (its looping pairing with them is dropped), and the advisories, teams and
  sections they led are flagged for a person.

Pure domain code (stdlib only): services/rollover.py reads and writes the project files.
"""

from __future__ import annotations

import copy
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from dlplanner.domain.calendar import SchoolYear
from dlplanner.domain.model import (
    Advisory,
    Cohort,
    LoopingRule,
    PairingKind,
    PriorPairing,
    Project,
    Scenario,
    Section,
    Solution,
    TeacherTeam,
)


@dataclass
class RolloverReport:
    """What the rollover changed, and what a person should look at before solving."""

    changed: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = ["Changed:", *(f"  {line}" for line in self.changed)]
        out += ["Needs a person:", *(f"  {line}" for line in self.review or ["nothing"])]
        return out


class RolloverError(ValueError):
    """The rollover cannot be done as asked (the message says why and what to do)."""


# -- text: grades, years --------------------------------------------------------------------------


def _advance_id(text: str, grade: int) -> str:
    """An id that spells the grade once (``g9-a``) with the next grade; any other id unchanged."""
    pattern = rf"(?<![0-9]){grade}(?![0-9])"
    if len(re.findall(pattern, text)) != 1:
        return text
    return re.sub(pattern, str(grade + 1), text)


def _advance_name(text: str, grade: int) -> str:
    """'Grade 9 advisory A' / 'Advisory 9A' with the next grade; other names unchanged."""
    text = re.sub(rf"(?i)\b(grade\s+){grade}\b", lambda m: f"{m.group(1)}{grade + 1}", text)
    return re.sub(rf"\b{grade}(?=[A-Z]\b)", str(grade + 1), text)


def next_label(label: str) -> str:
    """'2026–27' -> '2027–28', '2026-2027' -> '2027-2028'; other text: each year one on."""
    span = re.search(r"(\d{4})(\s*[–-]\s*)(\d{2}|\d{4})\b", label)
    if span:
        first, sep, second = span.groups()
        second_next = str(int(second) + 1).zfill(len(second))[-len(second) :]
        return label[: span.start()] + f"{int(first) + 1}{sep}{second_next}" + label[span.end() :]
    return _bump_years(label)


def _bump_years(text: str) -> str:
    return re.sub(r"(?<!\d)(20\d\d)(?!\d)", lambda m: str(int(m.group(1)) + 1), text)


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    taken.add(candidate)
    return candidate


# -- the calendar ---------------------------------------------------------------------------------


def _next_calendar(year: SchoolYear, start: date, report: RolloverReport, scenario: Scenario) -> SchoolYear:
    """The same calendar from ``start``: every date moved by the same number of days."""
    delta = start - year.first_day
    moved = copy.deepcopy(year)
    moved.label = next_label(year.label) if year.label else year.label
    moved.first_day, moved.last_day = year.first_day + delta, year.last_day + delta
    kept = []
    for holiday in moved.holidays:
        holiday.start, holiday.end = holiday.start + delta, holiday.end + delta
        if holiday.end < moved.first_day or holiday.start > moved.last_day:
            report.review.append(
                f"Scenario {scenario.name}: holiday '{holiday.name}' falls outside the new year; left out"
            )
            continue
        kept.append(holiday)
    moved.holidays = kept
    for term in moved.terms:
        term.start, term.end = term.start + delta, term.end + delta
    for special in moved.special_days:
        special.day = special.day + delta
    moved.rotation.overrides = {day + delta: day_type for day, day_type in moved.rotation.overrides.items()}
    if kept:
        listed = ", ".join(f"{h.name} {h.start.isoformat()}" for h in kept)
        report.review.append(
            f"Scenario {scenario.name}: holidays kept by name and moved {delta.days} days ({listed}); "
            "check them against next year's district calendar"
        )
    if delta.days % 7:
        report.review.append(
            f"Scenario {scenario.name}: the year starts on a different weekday ({start:%A}); special days and "
            "holidays moved by date may now fall on other weekdays"
        )
    return moved


# -- the rollover ---------------------------------------------------------------------------------


@dataclass
class _Plan:
    """Old -> new records, worked out once for the project and used for every scenario."""

    graduating: set[str] = field(default_factory=set)  # old cohort ids
    cohort_id: dict[str, str] = field(default_factory=dict)  # continuing: old id -> new id
    cohorts: list[Cohort] = field(default_factory=list)  # next year's, continuing then incoming
    grade_of: dict[str, int] = field(default_factory=dict)  # new cohort id -> grade
    templates: dict[str, list[str]] = field(default_factory=dict)  # old cohort id -> new cohorts it serves as
    advisory_id: dict[str, str] = field(default_factory=dict)  # continuing: old id -> new id
    advisories: list[Advisory] = field(default_factory=list)
    advisor_taught: dict[str, str] = field(default_factory=dict)  # new cohort id -> its advisory's new id
    team_of: dict[str, str | None] = field(default_factory=dict)  # new cohort id -> its fixed team (None: open)
    candidate_teams: dict[str, list[str]] = field(default_factory=dict)  # new cohort id -> teams that may take it
    old_team_of: dict[str, str] = field(default_factory=dict)  # old cohort id -> team that served it


def roll_over(
    project: Project,
    scenario_key: str,
    *,
    year_start: date | None = None,
    incoming: dict[int, int] | None = None,
    name: str | None = None,
    departing: list[str] | tuple[str, ...] = (),
) -> tuple[Project, RolloverReport]:
    """Next year's project from this year's and the timetable of scenario ``scenario_key`` (see the module)."""
    chosen = project.scenario(scenario_key)
    if not project.cohorts:
        raise RolloverError(f"Project '{project.name}' has no cohorts to advance")
    gone = departing_ids(project, departing)
    report = RolloverReport()
    if not chosen.solution.placements:
        report.review.append(
            f"Scenario {chosen.name} has no timetable: no teacher per subject was recorded (solve it, then roll over)"
        )
    plan = _Plan()
    _cohorts(project, incoming or {}, plan, report)
    _advisories(project, chosen.solution, plan, report)
    old = copy.deepcopy(project)
    nxt = Project(
        name=name or _next_project_name(project, next_label(chosen.calendar.label)),
        school_name=project.school_name,
        description=project.description,
        subjects=copy.deepcopy(project.subjects),
        teachers=copy.deepcopy(project.teachers),
        rooms=copy.deepcopy(project.rooms),
        campuses=copy.deepcopy(project.campuses),
        travel=copy.deepcopy(project.travel),
        cohorts=plan.cohorts,
        advisories=plan.advisories,
        minimums=copy.deepcopy(project.minimums),
    )
    nxt.teams = _teams(old, chosen, plan, report)
    nxt.prior_pairings = _pairings(old, chosen, plan)
    _depart(nxt, gone, report)
    first = chosen.calendar.first_day
    start = year_start or first + timedelta(weeks=52)
    for scenario in old.scenarios:
        nxt.scenarios.append(_scenario(old, nxt, scenario, start, plan, report))
        _depart_sections(nxt, nxt.scenarios[-1], gone, report)
    report.changed.insert(
        0,
        f"School year {chosen.calendar.label or first.year} -> {nxt.scenarios[0].calendar.label}"
        f" (first day {start.isoformat()})"
        if nxt.scenarios
        else "No scenarios to carry over",
    )
    return nxt, report


def _next_project_name(project: Project, label: str) -> str:
    """This year's name one year on ('… 2026–27' -> '… 2027–28'), or with next year's label added."""
    bumped = next_label(project.name)
    return bumped if bumped != project.name else f"{project.name} {label or '(next year)'}"


def _cohorts(project: Project, incoming: dict[int, int], plan: _Plan, report: RolloverReport) -> None:
    top = max(c.grade for c in project.cohorts)
    entry = min(c.grade for c in project.cohorts)
    plan.graduating = {c.id for c in project.cohorts if c.grade == top}
    continuing = [c for c in project.cohorts if c.grade != top]
    proposed = {c.id: _advance_id(c.id, c.grade) for c in continuing}
    if len(set(proposed.values())) != len(proposed):
        proposed = {c.id: c.id for c in continuing}
    plan.cohort_id = proposed
    taken = set(proposed.values())
    for cohort in continuing:
        new = copy.deepcopy(cohort)
        new.id, new.grade, new.name = proposed[cohort.id], cohort.grade + 1, _advance_name(cohort.name, cohort.grade)
        new.identity = cohort.identity or cohort.id
        plan.cohorts.append(new)
        plan.grade_of[new.id] = new.grade
    graduates = [c for c in project.cohorts if c.grade == top]
    report.changed.append(
        f"{len(graduates)} cohort(s) of grade {top} graduated ({', '.join(c.name for c in graduates)}); "
        f"{len(continuing)} advanced one grade"
    )
    wanted = dict(incoming) or {entry: sum(c.size for c in project.cohorts if c.grade == entry)}
    identities = {c.identity for c in plan.cohorts if c.identity}
    for grade, students in sorted(wanted.items()):
        templates = sorted((c for c in project.cohorts if c.grade == grade), key=lambda c: c.id)
        templates = templates or sorted((c for c in project.cohorts if c.grade == entry), key=lambda c: c.id)
        average = sum(c.size for c in templates) / len(templates)
        count = max(1, round(students / average)) if students > 0 else 0
        sizes = [students // count + (1 if i < students % count else 0) for i in range(count)] if count else []
        made = []
        for i, size in enumerate(sizes):
            template = templates[i % len(templates)]
            reuse = template.id not in taken
            new_id = _unique(template.id if reuse else f"{_untagged(template.id)}-{_year_tag(project)}", taken)
            new_name = template.name if template.grade == grade and reuse else f"Grade {grade} cohort {i + 1} (new)"
            identity = _bump_years(template.identity) if template.identity else ""
            identity = _unique(identity if identity and identity != template.identity else f"{new_id}-new", identities)
            cohort = Cohort(new_id, new_name, grade, size, template.pathway, identity, template.campus_id)
            plan.cohorts.append(cohort)
            plan.grade_of[new_id] = grade
            made.append(cohort)
        if made:
            report.changed.append(
                f"{len(made)} incoming cohort(s) of grade {grade}, {students} students "
                f"({', '.join(f'{c.name} ({c.size})' for c in made)})"
            )
    # which of this year's cohorts each new cohort takes its sections (and advisories) from
    plan.templates = _templates(project, plan)


def _untagged(record_id: str) -> str:
    """An id without the year tag an earlier rollover gave it ('t1-c3-2027' -> 't1-c3')."""
    return re.sub(r"-20\d\d$", "", record_id)


def _year_tag(project: Project) -> str:
    first = min((s.calendar.first_day for s in project.scenarios), default=date.today())
    return str(first.year + 1)


def _templates(project: Project, plan: _Plan) -> dict[str, list[str]]:
    """Old cohort id -> the new cohorts of its grade that take its place, in order (several: a copy each).

    New cohorts of a grade are paired with this year's cohorts of that grade in id order; when there are
    more new cohorts than old, the old ones serve again in turn.
    """
    out: dict[str, list[str]] = defaultdict(list)
    by_grade: dict[int, list[str]] = defaultdict(list)
    for cohort in plan.cohorts:
        by_grade[cohort.grade].append(cohort.id)
    for grade, new_ids in by_grade.items():
        olds = sorted(c.id for c in project.cohorts if c.grade == grade)
        if not olds:
            continue
        for i, new_id in enumerate(sorted(new_ids, key=_natural)):
            out[olds[i % len(olds)]].append(new_id)
    return dict(out)


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _advisories(project: Project, solution: Solution, plan: _Plan, report: RolloverReport) -> None:
    freed_advisors: list[str] = []
    freed_rooms: list[str] = []
    proposed: dict[str, str] = {}
    continuing: list[tuple[Advisory, list[str]]] = []
    for advisory in project.advisories:
        staying = [c for c in advisory.cohort_ids if c in plan.cohort_id]
        if not staying:
            if advisory.cohort_ids and all(c in plan.graduating for c in advisory.cohort_ids):
                advisor = solution.advisor_of(advisory)
                if advisor:
                    freed_advisors.append(advisor)
                if advisory.room_id:
                    freed_rooms.append(advisory.room_id)
            continue
        grade = max((c.grade for c in project.cohorts if c.id in staying), default=0)
        proposed[advisory.id] = _advance_id(advisory.id, grade)
        continuing.append((advisory, staying))
    if len(set(proposed.values())) != len(proposed):
        proposed = {a: a for a in proposed}
    plan.advisory_id = proposed
    taken = set(proposed.values())
    for advisory, staying in continuing:
        new = copy.deepcopy(advisory)
        grade = max((c.grade for c in project.cohorts if c.id in staying), default=0)
        new.id, new.name = proposed[advisory.id], _advance_name(advisory.name, grade)
        new.identity = advisory.identity or advisory.id
        new.cohort_ids = [plan.cohort_id[c] for c in staying]
        advisor = solution.advisor_of(advisory)
        if not advisor:
            report.review.append(
                f"Advisory {advisory.name} had no advisor in the chosen timetable: the solver will choose one"
            )
        new.advisor_id, new.advisor_pool = advisor, [] if advisor else new.advisor_pool
        if len(staying) < len(advisory.cohort_ids):
            report.review.append(f"Advisory {new.name} lost its graduating cohort(s); check its size")
            new.size = 0
        plan.advisories.append(new)
    gone = len(project.advisories) - len(continuing)
    report.changed.append(
        f"{len(continuing)} advisories advanced with their advisors; {gone} left with their graduates"
    )
    # incoming advisories, like this year's advisories of the incoming cohorts' template cohorts
    continuing_new = set(plan.cohort_id.values())
    incoming = [c for c in plan.cohorts if c.id not in continuing_new]
    incoming_ids = {c.id for c in incoming}
    made: list[Advisory] = []
    for advisory in project.advisories:
        rounds: list[list[str]] = []
        for old_cohort in advisory.cohort_ids:
            mapped = [n for n in plan.templates.get(old_cohort, []) if n in incoming_ids]
            for r, new_id in enumerate(mapped):
                while len(rounds) <= r:
                    rounds.append([])
                rounds[r].append(new_id)
        for cohort_ids in rounds:
            if not all(c in incoming_ids for c in cohort_ids):
                continue
            base = advisory.id
            new_id = _unique(base if base not in taken else f"{_untagged(base)}-{_year_tag(project)}", taken)
            old_sizes = sum(c.size for c in project.cohorts if c.id in advisory.cohort_ids) or 1
            new_sizes = sum(c.size for c in plan.cohorts if c.id in cohort_ids)
            size = math.floor(advisory.size * new_sizes / old_sizes) if advisory.size else 0
            name = advisory.name if new_id == advisory.id else f"{advisory.name} (new)"
            made.append(
                Advisory(
                    new_id,
                    name,
                    "",
                    list(cohort_ids),
                    size,
                    None,
                    copy.deepcopy(advisory.meeting_blocks),
                    identity=f"{new_id}-{_year_tag(project)}",
                )
            )
    pool = list(dict.fromkeys(freed_advisors))
    rooms = list(dict.fromkeys(freed_rooms))
    for i, advisory in enumerate(made):
        advisory.advisor_pool = list(pool) if len(pool) >= len(made) else []
        advisory.room_id = rooms[i] if i < len(rooms) else None
        if advisory.room_id is None:
            report.review.append(f"Incoming advisory {advisory.name} has no room (no room was set free); give it one")
    if made and len(pool) < len(made):
        report.review.append(
            f"{len(made)} incoming advisories but only {len(pool)} advisor(s) set free by the graduates: the solver "
            "chooses their advisors among all teachers; set advisor pools if some should not advise"
        )
    if made:
        report.changed.append(
            f"{len(made)} incoming advisories ({', '.join(a.name for a in made)}); the solver chooses their advisors"
            + (f" from {', '.join(pool)}" if len(pool) >= len(made) else "")
        )
    plan.advisories += made
    for advisory in plan.advisories:
        for cohort_id in advisory.cohort_ids:
            plan.advisor_taught.setdefault(cohort_id, advisory.id)
    counts = defaultdict(int)
    for advisory in plan.advisories:
        for cohort_id in advisory.cohort_ids:
            counts[cohort_id] += 1
    plan.advisor_taught = {c: a for c, a in plan.advisor_taught.items() if counts[c] == 1}


def _teams(old: Project, chosen: Scenario, plan: _Plan, report: RolloverReport) -> list[TeacherTeam]:
    """Teams stay; their cohorts follow the team's looping policy in the chosen scenario."""
    policy = _policies(chosen).get((PairingKind.TEAM, None))
    new_of_old = plan.cohort_id
    teams = []
    kept_anywhere: set[str] = set()
    served: dict[str, list[str]] = {}
    for team in old.teams:
        cohorts = chosen.solution.cohorts_of(team)
        served[team.id] = cohorts
        for c in cohorts:
            plan.old_team_of.setdefault(c, team.id)
    years = _team_years(old, chosen)
    for team in old.teams:
        new = copy.deepcopy(team)
        cohorts = served[team.id]
        if policy is None:
            grades = {c.grade for c in old.cohorts if c.id in cohorts}
            new.cohort_ids = [c.id for c in plan.cohorts if c.grade in grades]
            new.cohort_pool, new.cohorts_needed = [], 0
        else:
            kept = [
                new_of_old[c]
                for c in cohorts
                if c in new_of_old and (policy.years is None or years.get((c, team.id), 1) < policy.years)
            ]
            kept_anywhere.update(kept)
            new.cohort_ids = kept
            new.cohorts_needed = len(cohorts) - len(kept)
        teams.append(new)
    if policy is not None:
        for team, new in zip(old.teams, teams, strict=True):
            if new.cohorts_needed <= 0:
                new.cohort_pool, new.cohorts_needed = [], 0
                continue
            entry = min((c.grade for c in old.cohorts if c.id in served[team.id]), default=None)
            new.cohort_pool = [c.id for c in plan.cohorts if c.grade == entry and c.id not in kept_anywhere]
            report.changed.append(
                f"Team {team.name} keeps {len(new.cohort_ids)} cohort(s) and takes {new.cohorts_needed} of grade "
                f"{entry} chosen by the solver from {len(new.cohort_pool)}"
            )
        for cohort in plan.cohorts:
            fixed = [t.id for t in teams if cohort.id in t.cohort_ids]
            plan.team_of[cohort.id] = fixed[0] if fixed else None
            plan.candidate_teams[cohort.id] = [t.id for t in teams if cohort.id in t.cohort_pool]
    else:
        for cohort in plan.cohorts:
            fixed = [t.id for t in teams if cohort.id in t.cohort_ids]
            plan.team_of[cohort.id] = fixed[0] if len(fixed) == 1 else None
    return teams


def _team_years(old: Project, chosen: Scenario) -> dict[tuple[str, str], int]:
    """(old cohort, team) -> years the cohort has been with the team, this year included."""
    out = {}
    for team in old.teams:
        for cohort in chosen.solution.cohorts_of(team):
            before = next(
                (
                    p.years
                    for p in old.prior_pairings
                    if p.kind == PairingKind.TEAM and p.cohort_id == cohort and p.team_id == team.id
                ),
                0,
            )
            out[(cohort, team.id)] = before + 1
    return out


def _policies(scenario: Scenario) -> dict[tuple[PairingKind, str | None], LoopingRule]:
    """The scenario's looping policy per (kind, subject): its first rule of that kind."""
    out: dict[tuple[PairingKind, str | None], LoopingRule] = {}
    for rule in scenario.looping_rules:
        key = (rule.kind, rule.subject_id if rule.kind == PairingKind.SUBJECT_TEACHER else None)
        out.setdefault(key, rule)
    return out


def _pairings(old: Project, chosen: Scenario, plan: _Plan) -> list[PriorPairing]:
    """This year's pairings of the cohorts and advisories that carry on, with the years each has held."""

    def years_before(kind: PairingKind, match) -> dict[tuple, int]:
        return {match(p): p.years for p in old.prior_pairings if p.kind == kind}

    pairings: list[PriorPairing] = []
    for advisory in old.advisories:
        new_id = plan.advisory_id.get(advisory.id)
        advisor = chosen.solution.advisor_of(advisory)
        if new_id is None or not advisor:
            continue
        cohort = next(c for c in advisory.cohort_ids if c in plan.cohort_id)
        before = [
            p.years
            for p in old.prior_pairings
            if p.kind == PairingKind.ADVISOR
            and advisor in p.teacher_ids
            and (p.advisory_id == advisory.id or (p.advisory_id is None and p.cohort_id in advisory.cohort_ids))
        ]
        held = max(before, default=0) + 1
        pairings.append(
            PriorPairing(plan.cohort_id[cohort], PairingKind.ADVISOR, None, [advisor], advisory_id=new_id, years=held)
        )
    team_years = _team_years(old, chosen)
    for team in old.teams:
        for cohort in chosen.solution.cohorts_of(team):
            if cohort in plan.cohort_id:
                held = team_years[(cohort, team.id)]
                pairings.append(PriorPairing(plan.cohort_id[cohort], PairingKind.TEAM, team_id=team.id, years=held))
    subject_years = years_before(
        PairingKind.SUBJECT_TEACHER, lambda p: (p.cohort_id, p.subject_id, tuple(sorted(p.teacher_ids)))
    )
    taught: dict[tuple[str, str], list[str]] = defaultdict(list)
    sections = {s.id: s for s in chosen.sections}
    for placement in chosen.solution.placements:
        section = sections.get(placement.section_id)
        if section is None:
            continue
        for cohort in section.cohort_ids:
            taught[(cohort, section.subject_id)] += placement.teacher_ids
    for (cohort, subject), teachers in taught.items():
        if cohort not in plan.cohort_id:
            continue
        teachers = list(dict.fromkeys(teachers))
        held = subject_years.get((cohort, subject, tuple(sorted(teachers))), 0) + 1
        pairings.append(
            PriorPairing(plan.cohort_id[cohort], PairingKind.SUBJECT_TEACHER, subject, teachers, years=held)
        )
    return pairings


def _scenario(
    old: Project, nxt: Project, scenario: Scenario, start: date, plan: _Plan, report: RolloverReport
) -> Scenario:
    new = copy.deepcopy(scenario)
    new.version = 1
    new.solution = Solution()
    new.calendar = _next_calendar(scenario.calendar, start, report, scenario)
    new.sections = _sections(old, nxt, scenario, plan, report)
    for internship in new.internships:
        internship.cohort_ids = [n for o in internship.cohort_ids for n in plan.templates.get(o, [])]
    new.looping_rules = _looping_rules(scenario, nxt, report)
    return new


def _sections(old: Project, nxt: Project, scenario: Scenario, plan: _Plan, report: RolloverReport) -> list[Section]:
    """Each section carried with the grade it serves: one copy per round of new cohorts in its cohorts' places."""
    out: list[Section] = []
    taken: set[str] = set()
    dropped = 0
    served: set[str] = set()
    for section in scenario.sections:
        rounds: list[list[tuple[str, str]]] = []
        for old_cohort in section.cohort_ids:
            for r, new_id in enumerate(plan.templates.get(old_cohort, [])):
                while len(rounds) <= r:
                    rounds.append([])
                rounds[r].append((old_cohort, new_id))
        if not rounds and section.cohort_ids:
            dropped += 1
            continue
        for r, pairs in enumerate(rounds or [[]]):
            new = copy.deepcopy(section)
            new.cohort_ids = [n for _, n in pairs]
            wanted = section.id
            for old_cohort, new_id in pairs:
                wanted = wanted.replace(old_cohort, new_id) if old_cohort in wanted else wanted
            new.id = _unique(wanted if r == 0 or wanted != section.id else f"{section.id}-{r + 1}", taken)
            for old_cohort, new_id in pairs:
                new.name = re.sub(rf"(?<![\w-]){re.escape(old_cohort)}(?![\w-])", new_id, new.name)
            _follow_the_cohort(old, nxt, scenario, section, new, pairs, plan, report)
            served.update(new.cohort_ids)
            if r > 0:
                report.review.append(
                    f"Scenario {scenario.name}: section {new.name} ({new.id}) copied from {section.id} for "
                    f"{', '.join(new.cohort_ids)}, which had no section of its own for the grade; check its teachers"
                )
            out.append(new)
    if dropped:
        report.changed.append(f"Scenario {scenario.name}: {dropped} section(s) of the graduating grade dropped")
    for cohort in nxt.cohorts:
        if cohort.id not in served:
            report.review.append(f"Scenario {scenario.name}: {cohort.name} has no section for grade {cohort.grade}")
    return out


def _follow_the_cohort(
    old: Project,
    nxt: Project,
    scenario: Scenario,
    section: Section,
    new: Section,
    pairs: list[tuple[str, str]],
    plan: _Plan,
    report: RolloverReport,
) -> None:
    """The teachers who follow a cohort rather than a grade: its advisor, its team."""
    if not section.teacher_ids or len(pairs) != 1:
        return
    old_cohort, new_cohort = pairs[0]
    old_advisories = [a for a in old.advisories if old_cohort in a.cohort_ids]
    if len(old_advisories) == 1 and section.teacher_ids == [scenario.solution.advisor_of(old_advisories[0])]:
        advisory = next((a for a in nxt.advisories if a.id == plan.advisor_taught.get(new_cohort)), None)
        if advisory is None:
            return
        if advisory.advisor_id:
            new.teacher_ids = [advisory.advisor_id]
        else:
            qualified = [t.id for t in nxt.teachers if section.subject_id in t.subject_ids]
            new.teacher_ids, new.teachers_needed = [], 1
            new.teacher_pool = [t for t in advisory.advisor_pool if t in qualified] or list(advisory.advisor_pool)
            report.review.append(
                f"Scenario {scenario.name}: {new.name} ({new.id}) was taught by its cohort's advisor; the solver "
                "chooses its teacher from the new advisory's pool: check it is the advisor"
            )
        if section.room_id and section.room_id == old_advisories[0].room_id:
            new.room_id = advisory.room_id
        return
    old_team = plan.old_team_of.get(old_cohort)
    team = next((t for t in old.teams if t.id == old_team), None)
    if team is None or not set(section.teacher_ids) <= set(team.member_ids):
        return
    new_team = plan.team_of.get(new_cohort)
    if new_team == old_team:
        return
    teams = [new_team] if new_team else plan.candidate_teams.get(new_cohort, [])
    members = {m for t in nxt.teams if t.id in teams for m in t.member_ids}
    qualified = [t.id for t in nxt.teachers if t.id in members and section.subject_id in t.subject_ids]
    if not qualified:
        return
    new.teacher_ids, new.teacher_pool = [], qualified
    new.teachers_needed = len(section.teacher_ids)
    new.room_id = None


def _looping_rules(scenario: Scenario, nxt: Project, report: RolloverReport) -> list[LoopingRule]:
    """The scenario's looping policy applied to next year's pairings that are still within its years."""
    rules: list[LoopingRule] = []
    taken: set[str] = set()
    policies = _policies(scenario)
    for pairing in nxt.prior_pairings:
        key = (pairing.kind, pairing.subject_id if pairing.kind == PairingKind.SUBJECT_TEACHER else None)
        policy = policies.get(key)
        if policy is None or (policy.years is not None and pairing.years >= policy.years):
            continue
        if pairing.kind == PairingKind.ADVISOR:
            rule = LoopingRule(
                _unique(f"loop-{pairing.advisory_id}", taken),
                pairing.cohort_id,
                pairing.kind,
                advisory_id=pairing.advisory_id,
            )
        else:
            suffix = "team" if pairing.kind == PairingKind.TEAM else pairing.subject_id or "subject"
            rule = LoopingRule(
                _unique(f"loop-{pairing.cohort_id}-{suffix}", taken),
                pairing.cohort_id,
                pairing.kind,
                pairing.subject_id,
            )
        rule.hard, rule.weight, rule.years = policy.hard, policy.weight, policy.years
        rules.append(rule)
    if rules or scenario.looping_rules:
        report.changed.append(
            f"Scenario {scenario.name}: {len(rules)} looping rule(s) carried over from {len(scenario.looping_rules)} "
            "(advisor rules now per advisory)"
        )
    return rules


# -- departing teachers ---------------------------------------------------------------------------


def departing_ids(project: Project, departing: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Departing teachers named by id or name (any case) -> ``{id: name}``; an unknown one says what to do."""
    out: dict[str, str] = {}
    for wanted in departing:
        text = wanted.strip()
        found = next((t for t in project.teachers if t.id == text), None)
        found = found or next((t for t in project.teachers if t.name.casefold() == text.casefold()), None)
        if found is None:
            raise RolloverError(f"No teacher '{text}' to leave (give a teacher's id or name as in the Teachers page)")
        out[found.id] = found.name
    return out


def _depart(nxt: Project, gone: dict[str, str], report: RolloverReport) -> None:
    """Departing teachers leave next year's project; whatever they led is left to the solver and flagged."""
    if not gone:
        return
    nxt.teachers = [t for t in nxt.teachers if t.id not in gone]
    report.changed.append(f"{len(gone)} teacher(s) left: {', '.join(gone.values())}")
    looping = {p.advisory_id for p in nxt.prior_pairings if p.kind == PairingKind.ADVISOR and p.advisory_id}
    for advisory in nxt.advisories:
        if advisory.advisor_id in gone:
            loops = " (a looping advisory: its students lose their advisor)" if advisory.id in looping else ""
            report.review.append(
                f"{_advisory_label(advisory.name)}: its advisor {gone[advisory.advisor_id]} is leaving{loops}; "
                "the solver chooses a new advisor — set one by hand or give the advisory an advisor pool"
            )
            advisory.advisor_id = ""
    shrunk: dict[tuple[str, ...], list] = defaultdict(list)
    for advisory in nxt.advisories:
        if any(t in gone for t in advisory.advisor_pool):
            advisory.advisor_pool = [t for t in advisory.advisor_pool if t not in gone]
            shrunk[tuple(advisory.advisor_pool)].append(advisory)
    for pool, sharing in shrunk.items():
        if len(pool) < len(sharing):  # too few advisors left for the advisories that share the pool
            for advisory in sharing:
                advisory.advisor_pool = []
            report.review.append(
                f"Advisories {', '.join(a.name for a in sharing)}: their advisor pool lost departing teachers; the "
                "solver chooses their advisors among all teachers — set advisor pools if some should not advise"
            )
    for team in nxt.teams:
        leaving = [gone[m] for m in team.member_ids if m in gone]
        if leaving:
            team.member_ids = [m for m in team.member_ids if m not in gone]
            report.review.append(
                f"Team {team.name} loses {', '.join(leaving)}; check who joins it"
                + ("" if team.member_ids else " (it has no members left)")
            )
    kept = []
    for pairing in nxt.prior_pairings:
        pairing.teacher_ids = [t for t in pairing.teacher_ids if t not in gone]
        if pairing.kind != PairingKind.TEAM and not pairing.teacher_ids:
            continue  # nobody left to loop with: no looping rule for it
        kept.append(pairing)
    nxt.prior_pairings = kept


def _advisory_label(name: str) -> str:
    return name if name.casefold().startswith("advisory") else f"Advisory {name}"


def _depart_sections(nxt: Project, scenario: Scenario, gone: dict[str, str], report: RolloverReport) -> None:
    """A section a departing teacher taught gets its teacher chosen by the solver among the qualified."""
    if not gone:
        return
    for section in scenario.sections:
        section.teacher_pool = [t for t in section.teacher_pool if t not in gone]
        leaving = [t for t in section.teacher_ids if t in gone]
        if not leaving:
            continue
        section.teacher_ids = [t for t in section.teacher_ids if t not in gone]
        if not section.teacher_ids:
            section.teachers_needed = max(section.teachers_needed, len(leaving))
            section.teacher_pool = section.teacher_pool or [
                t.id for t in nxt.teachers if section.subject_id in t.subject_ids
            ]
        report.review.append(
            f"Scenario {scenario.name}: {section.name} ({section.id}) was taught by "
            f"{', '.join(gone[t] for t in leaving)}, who is leaving; "
            + ("the solver chooses a teacher" if not section.teacher_ids else "check its teachers")
        )
