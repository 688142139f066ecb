"""The bundled sample schools: in sync with their build script, consistent, and solvable with slack.

The capacity checks are computed here from the data alone (no validator, no solver), so a sample that
slowly loses its slack fails here before a solver test times out.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
from collections import defaultdict
from pathlib import Path

import pytest

from dlplanner.domain.codec import load_project_json, project_to_json
from dlplanner.domain.model import (
    SCHEMA_NOTE,
    BlockKind,
    PairingKind,
    Project,
    Scenario,
    Section,
    TimeWindow,
)

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SAMPLE_IDS = ("big-picture", "new-tech", "internationals", "linked-learning")
COHORT_SHARE = 0.85  # class minutes a cohort needs per cycle vs. the class minutes it has
TEACHER_SHARE = 0.80  # a teacher's fixed minutes vs. the load limit and vs. the class minutes available
ROOM_SHARE = 0.80  # room-minutes needed by sections that need a feature vs. what those rooms offer


def _load_builder():
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES / "build_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def projects() -> dict[str, Project]:
    return {sample_id: load_project_json(SAMPLES / f"{sample_id}.json") for sample_id in SAMPLE_IDS}


def _scenarios(projects):
    return [(sid, p, s) for sid, p in projects.items() for s in p.scenarios]


# --------------------------------------------------------------------------------------------
# arithmetic helpers, independent of any validator
# --------------------------------------------------------------------------------------------
def _windows_of(project: Project, scenario: Scenario, cohort_id: str) -> list[TimeWindow]:
    """Internship windows of a cohort widened by the travel buffer."""
    result = []
    for internship in scenario.internships:
        if cohort_id in internship.cohort_ids:
            buf = internship.travel_minutes
            result += [TimeWindow(w.day_type_id, w.start - buf, w.end + buf) for w in internship.windows]
    return result


def _free_class_minutes(scenario: Scenario, blocked: list[TimeWindow]) -> int:
    total = 0
    for day in scenario.day_types:
        for block in scenario.schedule_of(day.id).blocks_of(BlockKind.CLASS):
            if not any(w.overlaps(day.id, block.start, block.end) for w in blocked):
                total += block.minutes
    return total


def _starts(scenario: Scenario, section: Section, blocked: list[TimeWindow]) -> dict[str, list[tuple[int, int]]]:
    """Every (start, end) a meeting of the section may take, per day type, avoiding the blocked windows."""
    result: dict[str, list[tuple[int, int]]] = {}
    for day in scenario.day_types:
        options = []
        for run in scenario.schedule_of(day.id).class_runs(section.allow_break_span):
            for i, first in enumerate(run):
                if section.length_minutes is not None:
                    end = first.start + section.length_minutes
                    if end > run[-1].end:
                        continue
                else:
                    k = section.length_blocks or 1
                    if i + k > len(run):
                        continue
                    end = run[i + k - 1].end
                if not any(w.overlaps(day.id, first.start, end) for w in blocked):
                    options.append((first.start, end))
        if options:
            result[day.id] = options
    return result


def _meeting_minutes(scenario: Scenario, section: Section) -> int:
    """The longest a meeting of the section can last in this scenario (conservative for demand)."""
    spans = [end - start for options in _starts(scenario, section, []).values() for start, end in options]
    assert spans, f"{scenario.id}: section {section.id} fits no class run"
    return max(spans)


def _terms(scenario: Scenario) -> list[str | None]:
    used = {s.term_id for s in scenario.sections if s.term_id}
    return sorted(used) or [None]


def _in_term(section: Section, term: str | None) -> bool:
    return section.term_id is None or term is None or section.term_id == term


def _cohort_load(project: Project, scenario: Scenario) -> dict[tuple[str, str | None], tuple[int, int]]:
    """(cohort, term) -> (class minutes needed per cycle, class minutes available per cycle)."""
    result = {}
    for cohort in project.cohorts:
        supply = _free_class_minutes(scenario, _windows_of(project, scenario, cohort.id))
        for term in _terms(scenario):
            demand = sum(
                s.meetings_per_cycle * _meeting_minutes(scenario, s)
                for s in scenario.sections
                if cohort.id in s.cohort_ids and _in_term(s, term)
            )
            result[(cohort.id, term)] = (demand, supply)
    return result


def _teacher_fixed(project: Project, scenario: Scenario) -> dict[tuple[str, str | None], int]:
    result: dict[tuple[str, str | None], int] = defaultdict(int)
    for term in _terms(scenario):
        for s in scenario.sections:
            if _in_term(s, term):
                for teacher_id in s.teacher_ids:
                    result[(teacher_id, term)] += s.meetings_per_cycle * _meeting_minutes(scenario, s)
    return result


# --------------------------------------------------------------------------------------------
# the files
# --------------------------------------------------------------------------------------------
def test_json_files_equal_a_fresh_build(builder):
    built = builder.build_all()
    assert tuple(built) == SAMPLE_IDS
    for sample_id, project in built.items():
        text = (SAMPLES / f"{sample_id}.json").read_text(encoding="utf-8")
        assert text == project_to_json(project), f"{sample_id}.json is stale: run resources/samples/build_samples.py"
        assert project_to_json(builder.BUILDERS[sample_id]()) == text  # deterministic


def test_round_trip(projects):
    for sample_id, project in projects.items():
        assert project_to_json(project) == (SAMPLES / f"{sample_id}.json").read_text(encoding="utf-8")


def test_descriptions_say_it_is_sample_data(projects):
    for project in projects.values():
        assert SCHEMA_NOTE in project.description
        assert "not a real school" in project.description


# --------------------------------------------------------------------------------------------
# counts and shapes
# --------------------------------------------------------------------------------------------
def _students(project):
    return sum(c.size for c in project.cohorts)


def test_big_picture_shape(projects):
    p = projects["big-picture"]
    assert 150 <= _students(p) <= 170
    assert len(p.cohorts) == len(p.advisories) == 10
    assert {c.grade for c in p.cohorts} == {9, 10, 11, 12}
    assert all(14 <= c.size <= 16 for c in p.cohorts)
    for a in p.advisories:  # each advisory is one cohort, taught by its advisor
        assert len(a.cohort_ids) == 1 and a.size == p.cohort(a.cohort_ids[0]).size <= 16
    assert {pp.kind for pp in p.prior_pairings} == {PairingKind.ADVISOR}
    assert [s.name for s in p.scenarios] == ["Two internship days", "Internship afternoons"]
    for s in p.scenarios:
        assert all(r.kind == PairingKind.ADVISOR and r.hard for r in s.looping_rules)
        assert len(s.looping_rules) == len(p.prior_pairings) >= 6
        for day in s.day_types:
            assert len(s.schedule_of(day.id).blocks_of(BlockKind.ADVISORY)) == 2  # twice daily
        upper = {c.id for c in p.cohorts if c.grade >= 11}
        lti = next(i for i in s.internships if set(i.cohort_ids) == upper)
        assert lti.travel_minutes >= 15
    first = p.scenarios[0]
    lti = next(i for i in first.internships if i.id == "lti")
    assert {w.day_type_id for w in lti.windows} == {"tue", "thu"}
    assert all((w.start, w.end) == (9 * 60, 13 * 60 + 30) for w in lti.windows)


def test_new_tech_shape(projects):
    p = projects["new-tech"]
    assert 400 <= _students(p) <= 440
    assert len(p.cohorts) == 16
    assert {s.name for s in p.scenarios} == {"A/B block", "Traditional 7-period", "4x4 block"}
    assert all(t.planning_minutes_per_week >= 90 for t in p.teams) and len(p.teams) == 4
    ab = p.scenario("A/B block")
    assert ab.calendar.rotation.sequence == ["a", "b"] and [d.id for d in ab.day_types] == ["a", "b"]
    for s in p.scenarios:
        team_taught = [x for x in s.sections if x.team_taught]
        assert team_taught and all(len(x.cohort_ids) == 2 and len(x.teacher_ids) == 2 for x in team_taught)
        assert all(45 <= p.section_enrolment(x) <= 60 for x in team_taught)
        assert {x.subject_id for x in team_taught} == {"biolit", "whlit"}
        for day in s.day_types:
            advisory = s.schedule_of(day.id).blocks_of(BlockKind.ADVISORY)
            assert [b.minutes for b in advisory] == [25]
    four = p.scenario("4x4 block")
    assert all(x.term_id in ("S1", "S2") and x.meetings_per_cycle == 5 for x in four.sections)
    seven = p.scenario("Traditional 7-period")
    assert all(len(seven.schedule_of(d.id).blocks_of(BlockKind.CLASS)) == 7 for d in seven.day_types)


def test_internationals_shape(projects):
    p = projects["internationals"]
    assert 380 <= _students(p) <= 420
    assert len(p.teams) == 4 and all(len(t.member_ids) == 5 and len(t.cohort_ids) == 4 for t in p.teams)
    assert all(90 <= sum(p.cohort(c).size for c in t.cohort_ids) <= 110 for t in p.teams)
    assert all(t.min_meeting_minutes >= 45 and t.planning_minutes_per_week >= 90 for t in p.teams)
    assert {pp.kind for pp in p.prior_pairings} == {PairingKind.TEAM}
    loop, free = p.scenario("Teams loop"), p.scenario("No looping")
    assert loop.looping_rules and all(r.kind == PairingKind.TEAM and r.hard for r in loop.looping_rules)
    assert not free.looping_rules
    team_of = {c: t for t in p.teams for c in t.cohort_ids}
    for s in loop.sections:
        assert s.teacher_ids and set(s.teacher_ids) <= set(team_of[s.cohort_ids[0]].member_ids)
    assert all(not s.teacher_ids and len(s.teacher_pool) == 4 for s in free.sections)


def test_linked_learning_shape(projects):
    p = projects["linked-learning"]
    assert 1150 <= _students(p) <= 1250
    assert {c.pathway for c in p.cohorts} == {"engineering", "health", "performing-arts", "general"}
    assert all(28 <= c.size <= 32 for c in p.cohorts)
    assert len(p.campuses) == 2 and p.travel_minutes("main", "hsc") > 0
    assert {r.campus_id for r in p.rooms} == {"main", "hsc"}
    features = set().union(*(r.features for r in p.rooms))
    assert {"lab", "shop", "studio", "health-lab"} <= features
    assert {s.name for s in p.scenarios} == {"Block with Friday WBL", "7-period"}
    block = p.scenario("Block with Friday WBL")
    (wbl,) = block.internships
    assert {w.day_type_id for w in wbl.windows} == {"fri"}
    assert set(wbl.cohort_ids) == {c.id for c in p.cohorts if c.grade == 12}
    for s in p.scenarios:
        pooled = [x for x in s.sections if not x.teacher_ids]
        assert len(pooled) >= len(s.sections) // 3  # the solver has real choices
        core_pooled = [x for x in pooled if x.subject_id in ("english", "math", "science", "history")]
        assert len(core_pooled) >= 50


def test_common_shape(projects):
    for sample_id, p in projects.items():
        assert len(p.scenarios) >= 2, sample_id
        assert any(s.project_based for s in p.subjects)
        assert all(s.color.startswith("#") and len(s.color) == 7 for s in p.subjects)
        assert all(t.max_minutes_per_week for t in p.teachers)
        assert any(t.unavailable for t in p.teachers) and any(t.avoid for t in p.teachers), sample_id
        for s in p.scenarios:
            cal = s.calendar
            assert cal.first_day.year == 2026 and cal.last_day.year == 2027
            names = " ".join(h.name for h in cal.holidays)
            for holiday in (
                "Labor",
                "Thanksgiving",
                "Winter",
                "Martin Luther King",
                "Presidents",
                "Spring",
                "Memorial",
            ):
                assert holiday in names
            assert cal.terms and cal.special_days
            counts = cal.day_type_counts()
            assert set(counts) == {d.id for d in s.day_types}
            assert 170 <= sum(counts.values()) <= 182, (sample_id, s.id, sum(counts.values()))
            if {d.id for d in s.day_types} >= {"mon", "fri"}:
                assert [d.id for d in s.day_types] == ["mon", "tue", "wed", "thu", "fri"]


# --------------------------------------------------------------------------------------------
# references
# --------------------------------------------------------------------------------------------
def test_every_reference_resolves(projects):
    for sample_id, p in projects.items():
        records = {
            "subject": p.subjects,
            "teacher": p.teachers,
            "room": p.rooms,
            "cohort": p.cohorts,
            "campus": p.campuses,
            "team": p.teams,
        }
        ids = {kind: {x.id for x in items} for kind, items in records.items()}
        for kind, items in records.items():
            assert len(ids[kind]) == len(items), f"{sample_id}: duplicate {kind} id"

        def check(kind, value, where, ids=ids, sample_id=sample_id):
            assert value in ids[kind], f"{sample_id}: {where} refers to unknown {kind} '{value}'"

        for t in p.teachers:
            for subject_id in t.subject_ids:
                check("subject", subject_id, f"teacher {t.id}")
            if t.campus_id:
                check("campus", t.campus_id, f"teacher {t.id}")
        for r in p.rooms:
            if r.campus_id:
                check("campus", r.campus_id, f"room {r.id}")
        for c in p.cohorts:
            if c.campus_id:
                check("campus", c.campus_id, f"cohort {c.id}")
        for tr in p.travel:
            check("campus", tr.campus_a, "travel")
            check("campus", tr.campus_b, "travel")
        for a in p.advisories:
            check("teacher", a.advisor_id, f"advisory {a.id}")
            for c in a.cohort_ids:
                check("cohort", c, f"advisory {a.id}")
            assert a.room_id, f"{sample_id}: advisory {a.id} has no room"
            check("room", a.room_id, f"advisory {a.id}")
            assert p.room(a.room_id).capacity >= a.size
        for team in p.teams:
            for m in team.member_ids:
                check("teacher", m, f"team {team.id}")
            for c in team.cohort_ids:
                check("cohort", c, f"team {team.id}")
        for pp in p.prior_pairings:
            check("cohort", pp.cohort_id, "prior pairing")
            for t in pp.teacher_ids:
                check("teacher", t, "prior pairing")
            if pp.team_id:
                check("team", pp.team_id, "prior pairing")
            if pp.subject_id:
                check("subject", pp.subject_id, "prior pairing")
        assert len({a.room_id for a in p.advisories}) == len(p.advisories), f"{sample_id}: advisories share a room"
        for s in p.scenarios:
            where = f"scenario {s.id}"
            day_ids = {d.id for d in s.day_types}
            bell_ids = {b.id for b in s.bell_schedules}
            term_ids = {t.id for t in s.calendar.terms}
            assert len({x.id for x in s.sections}) == len(s.sections), f"{sample_id} {where}: duplicate section id"
            for d in s.day_types:
                assert d.bell_schedule_id in bell_ids
            rotation = s.calendar.rotation
            assert set(rotation.weekday_map.values()) | set(rotation.sequence) <= day_ids
            for special in s.calendar.special_days:
                assert special.day_type_id is None or special.day_type_id in day_ids
            for bs in s.bell_schedules:
                blocks = bs.sorted_blocks()
                assert len({b.id for b in blocks}) == len(blocks)
                assert all(a.end <= b.start for a, b in itertools.pairwise(blocks)), f"{bs.id} overlaps"
            for x in s.sections:
                check("subject", x.subject_id, f"{where} section {x.id}")
                for c in x.cohort_ids:
                    check("cohort", c, f"{where} section {x.id}")
                for t in x.teacher_ids + x.teacher_pool:
                    check("teacher", t, f"{where} section {x.id}")
                for t in x.teacher_ids + x.teacher_pool:
                    assert x.subject_id in p.teacher(t).subject_ids, f"{x.id}: {t} not qualified"
                if x.room_id:
                    check("room", x.room_id, f"{where} section {x.id}")
                if x.term_id:
                    assert x.term_id in term_ids
                assert x.teachers_needed == 1 or not x.teacher_ids
            for i in s.internships:
                for c in i.cohort_ids:
                    check("cohort", c, f"{where} internship {i.id}")
                for w in i.windows:
                    assert w.day_type_id in day_ids
            for r in s.looping_rules:
                check("cohort", r.cohort_id, f"{where} looping rule {r.id}")
                assert any(pp.cohort_id == r.cohort_id and pp.kind == r.kind for pp in p.prior_pairings)
            for t in p.teachers:
                for w in t.unavailable + t.avoid:
                    assert w.day_type_id is None or w.day_type_id in {"mon", "tue", "wed", "thu", "fri", "a", "b"}


# --------------------------------------------------------------------------------------------
# solvable with slack
# --------------------------------------------------------------------------------------------
def test_every_meeting_fits_and_spreads(projects):
    for sample_id, p, s in _scenarios(projects):
        for x in s.sections:
            blocked = [w for c in x.cohort_ids for w in _windows_of(p, s, c)]
            for t in x.teacher_ids:
                blocked += p.teacher(t).unavailable
            days = _starts(s, x, blocked)
            assert days, f"{sample_id} {s.id}: section {x.id} has no possible start"
            assert x.meetings_per_cycle <= len(days), f"{sample_id} {s.id}: {x.id} cannot spread over the days"


def test_cohort_demand_fits_supply(projects):
    for sample_id, p, s in _scenarios(projects):
        for (cohort_id, term), (demand, supply) in _cohort_load(p, s).items():
            assert demand > 0, f"{sample_id} {s.id}: cohort {cohort_id} has no classes"
            assert demand <= COHORT_SHARE * supply, (
                f"{sample_id} {s.id} {term}: cohort {cohort_id} needs {demand} of {supply} class minutes"
            )


def test_teacher_fixed_load_has_slack(projects):
    for sample_id, p, s in _scenarios(projects):
        fixed = _teacher_fixed(p, s)
        for (teacher_id, term), minutes in fixed.items():
            teacher = p.teacher(teacher_id)
            limit = s.per_cycle_limit(teacher.max_minutes_per_week)
            available = _free_class_minutes(s, teacher.unavailable)
            assert minutes <= TEACHER_SHARE * limit, f"{sample_id} {s.id} {term}: {teacher_id} {minutes}/{limit}"
            assert minutes <= TEACHER_SHARE * available, (
                f"{sample_id} {s.id} {term}: {teacher_id} {minutes}/{available}"
            )


def test_pool_demand_has_slack(projects):
    """Each pool's sections fit in what its teachers have left after their fixed sections."""
    for sample_id, p, s in _scenarios(projects):
        fixed = _teacher_fixed(p, s)
        for term in _terms(s):
            by_pool: dict[frozenset[str], int] = defaultdict(int)
            for x in s.sections:
                if not x.teacher_ids and _in_term(x, term):
                    pool = frozenset(t.id for t in p.qualified_teachers(x))
                    assert len(pool) >= x.teachers_needed
                    by_pool[pool] += x.teachers_needed * x.meetings_per_cycle * _meeting_minutes(s, x)
            for pool, demand in by_pool.items():
                capacity = 0
                for t in pool:
                    teacher = p.teacher(t)
                    room = min(
                        s.per_cycle_limit(teacher.max_minutes_per_week), _free_class_minutes(s, teacher.unavailable)
                    )
                    capacity += room - fixed.get((t, term), 0)
                assert demand <= TEACHER_SHARE * capacity, (
                    f"{sample_id} {s.id}: pool {sorted(pool)} {demand}/{capacity}"
                )
                # and no single section is bigger than what one pool teacher can take
                assert all(
                    x.meetings_per_cycle * _meeting_minutes(s, x)
                    <= s.per_cycle_limit(p.teacher(t).max_minutes_per_week)
                    for x in s.sections
                    if not x.teacher_ids
                    for t in x.teacher_pool
                )


def _suitable_rooms(p: Project, x: Section) -> list[str]:
    if x.room_id:
        return [x.room_id]
    need = x.min_capacity if x.min_capacity is not None else p.section_enrolment(x)
    return [r.id for r in p.rooms if x.room_features <= r.features and r.capacity >= need]


def test_rooms_fit_with_slack(projects):
    for sample_id, p, s in _scenarios(projects):
        class_minutes = s.minutes_per_cycle(BlockKind.CLASS)
        for term in _terms(s):
            demand: dict[frozenset[str], int] = defaultdict(int)
            for x in s.sections:
                suitable = _suitable_rooms(p, x)
                assert suitable, f"{sample_id} {s.id}: no room for {x.id}"
                if _in_term(x, term):
                    demand[frozenset(suitable)] += x.meetings_per_cycle * _meeting_minutes(s, x)
            # any union of suitable-room sets must offer enough room-minutes to the sections needing them
            for rooms in demand:
                inside = sum(m for other, m in demand.items() if other <= rooms)
                assert inside <= ROOM_SHARE * class_minutes * len(rooms), (
                    f"{sample_id} {s.id} {term}: rooms {sorted(rooms)[:4]}… {inside}/{class_minutes * len(rooms)}"
                )
            total = sum(demand.values())
            assert total <= ROOM_SHARE * class_minutes * len(p.rooms)


def test_team_taught_sections_get_big_rooms(projects):
    for sample_id, p, s in _scenarios(projects):
        for x in s.sections:
            if x.team_taught:
                assert all(p.room(r).capacity >= p.section_enrolment(x) for r in _suitable_rooms(p, x)), sample_id


def test_advisories_sit_in_advisory_blocks_only(projects):
    for sample_id, p, s in _scenarios(projects):
        advisory_minutes = s.minutes_per_cycle(BlockKind.ADVISORY)
        assert advisory_minutes > 0, f"{sample_id} {s.id}: no advisory blocks"
        for a in p.advisories:
            assert not a.meeting_blocks  # every advisory block, skipping internship windows
            per_cohort = defaultdict(int)
            for c in a.cohort_ids:
                per_cohort[c] += 1
            assert max(per_cohort.values()) == 1
        # advisories of at most 18 split the cohorts: every student in exactly one, an advisor advises one group
        assert all(0 < a.size <= 18 for a in p.advisories), sample_id
        assert sum(a.size for a in p.advisories) == _students(p), sample_id
        for cohort in p.cohorts:
            mine = [a for a in p.advisories if cohort.id in a.cohort_ids]
            alone = sum(a.size for a in mine if len(a.cohort_ids) == 1)
            assert mine and alone <= cohort.size <= alone + sum(a.size for a in mine if len(a.cohort_ids) > 1)
        advisors = [a.advisor_id for a in p.advisories]
        assert len(advisors) == len(set(advisors))
        for a in p.advisories:  # an advisor is never unavailable in an advisory block
            advisor = p.teacher(a.advisor_id)
            for day in s.day_types:
                for block in s.schedule_of(day.id).blocks_of(BlockKind.ADVISORY):
                    assert not any(w.overlaps(day.id, block.start, block.end) for w in advisor.unavailable)


def test_team_planning_is_guaranteed_by_planning_blocks(projects):
    """Common planning comes from planning blocks in the bell schedule, where nobody teaches."""
    for sample_id, p, s in _scenarios(projects):
        for team in p.teams:
            members = [p.teacher(m) for m in team.member_ids]
            assert len(team.member_ids) == len(set(team.member_ids))
            minutes = 0
            for day in s.day_types:
                for block in s.schedule_of(day.id).blocks_of(BlockKind.PLANNING):
                    free = not any(w.overlaps(day.id, block.start, block.end) for t in members for w in t.unavailable)
                    if free and block.minutes >= team.min_meeting_minutes:
                        minutes += block.minutes
            need = s.per_cycle_requirement(team.planning_minutes_per_week)
            assert minutes >= need, f"{sample_id} {s.id}: team {team.id} {minutes}/{need}"


def test_campus_travel_is_possible(projects):
    """Travelling teachers have breaks long enough to change campus between their runs of classes."""
    p = projects["linked-learning"]
    travel = p.travel_minutes("main", "hsc")
    for s in p.scenarios:
        for day in s.day_types:
            blocks = s.schedule_of(day.id).sorted_blocks()
            gaps = [b.minutes for b in blocks if b.kind in (BlockKind.LUNCH, BlockKind.ADVISORY)]
            assert max(gaps) + 10 >= travel
        travellers = {t for x in s.sections for t in x.teacher_ids if p.teacher(t).campus_id == "main"} & {
            t for x in s.sections if "health-campus" in x.room_features for t in x.teacher_ids
        }
        assert travellers, "someone must exercise campus travel"


def test_sizes_stay_reasonable_for_the_solver(projects):
    for sample_id, _p, s in _scenarios(projects):
        meetings = sum(x.meetings_per_cycle for x in s.sections)
        # Linked Learning's 7-period week: 952 cohort meetings and 306 of the students' open sections
        assert meetings <= 1300, f"{sample_id} {s.id}: {meetings} meetings"
        assert math.isfinite(meetings)


def test_validation_and_the_capacity_checks_find_nothing_blocking(projects):
    """The pre-solve checks (capacity included) agree with the arithmetic above: every sample is solvable."""
    from dlplanner.domain.capacity import capacity_problems
    from dlplanner.domain.validation import blocking, validate

    for sample_id, p, s in _scenarios(projects):
        errors = blocking(validate(p, s))
        assert not errors, f"{sample_id} {s.id}: {[e.message for e in errors]}"
        tight = [pr.message for pr in capacity_problems(p, s)]
        assert not tight, f"{sample_id} {s.id}: {tight}"


@pytest.mark.parametrize("sample_id", ["new-tech", "linked-learning"])
def test_students_fill_the_cohorts_empty_time(projects, sample_id):
    """Every cohort seat is a student; each asks for open courses (electives, languages, AP and dual enrolment,
    ELD for English learners) that every scenario offers with seats for the first choices, and a student's
    rank-1 courses fit in the class time their cohort leaves (so the empty time is where they go)."""
    from dlplanner.domain.students import cohort_subjects, open_sections_by_subject, request_groups

    p = projects[sample_id]
    assert len(p.students) == sum(c.size for c in p.cohorts)
    assert len({s.name for s in p.students}) == len(p.students)
    groups = request_groups(p)
    assert set(groups) == {s.id for s in p.students}
    ell = {s.id for s in p.students if "ELL" in s.flags}
    assert ell and all(any(g.subject_id == "eld" and g.rank == 1 for g in groups[s]) for s in ell)
    assert any(g.alternates for gs in groups.values() for g in gs)
    kinds = {r.subject_id for r in p.requests}
    assert {"eld", "french", "ap-calc"} <= kinds
    students = {s.id: s for s in p.students}
    for scenario in p.scenarios:
        offered = open_sections_by_subject(p, scenario)
        assert not set(cohort_subjects(p, scenario).get(p.cohorts[0].id, set())) & kinds
        first = defaultdict(int)
        for gs in groups.values():
            for g in gs:
                first[g.subject_id] += 1
        for subject_id, count in first.items():
            assert sum(x.max_enrolment or 0 for x in offered[subject_id]) >= count, (scenario.id, subject_id)
        load = _cohort_load(p, scenario)
        minutes = {
            subject: max(x.meetings_per_cycle * _meeting_minutes(scenario, x) for x in sections)
            for subject, sections in offered.items()
        }
        for student_id, gs in groups.items():
            cohort = students[student_id].cohort_id
            extra = sum(minutes[g.subject_id] for g in gs if g.rank == 1)
            for term in _terms(scenario):
                need, have = load[(cohort, term)]
                assert need < have and need + extra <= have, (scenario.id, student_id, term, need, extra, have)
