"""Domain objects to ORM rows and back: the only place that knows both shapes.

Every function is a plain field-by-field copy so a new domain field shows up here as an obvious
omission (and the rich round-trip test, which sets every field, fails until it is mapped).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dlplanner.domain import codec
from dlplanner.domain.calendar import SchoolYear
from dlplanner.domain.model import (
    Advisory,
    BellSchedule,
    Block,
    BlockKind,
    BlockRef,
    Campus,
    CampusTravel,
    Cohort,
    DayType,
    Internship,
    LoopingRule,
    PairingKind,
    Placement,
    PriorPairing,
    Project,
    Room,
    RuleSettings,
    Scenario,
    Section,
    Solution,
    SolveStatus,
    Subject,
    Teacher,
    TeacherTeam,
    TimeWindow,
)
from dlplanner.storage.orm import (
    AdvisoryRow,
    BellScheduleRow,
    BlockRow,
    CampusRow,
    CampusTravelRow,
    CohortRow,
    DayTypeRow,
    InternshipRow,
    LoopingRuleRow,
    PlacementRow,
    PriorPairingRow,
    ProjectRow,
    RoomRow,
    RuleSettingsRow,
    ScenarioRow,
    SectionRow,
    SolutionRow,
    SubjectRow,
    TeacherRow,
    TeacherTeamRow,
)


def _data(value: Any) -> Any:
    return codec.to_data(value)


def _windows(data: Any, path: str) -> list[TimeWindow]:
    return codec.from_data(list[TimeWindow], data, path)


def _ids(data: Any, path: str) -> list[str]:
    return codec.from_data(list[str], data, path)


def _id_set(data: Any, path: str) -> set[str]:
    return codec.from_data(set[str], data, path)


# -- domain -> rows ----------------------------------------------------------------------------


def project_part_rows(project: Project, project_pk: int) -> list[Any]:
    """New rows for everything a project owns except its scenarios."""
    rows: list[Any] = []
    for i, s in enumerate(project.subjects):
        rows.append(
            SubjectRow(
                project_pk=project_pk,
                position=i,
                id=s.id,
                name=s.name,
                color=s.color,
                department=s.department,
                project_based=s.project_based,
            )
        )
    for i, c in enumerate(project.campuses):
        rows.append(CampusRow(project_pk=project_pk, position=i, id=c.id, name=c.name, address=c.address))
    for i, t in enumerate(project.travel):
        rows.append(
            CampusTravelRow(
                project_pk=project_pk, position=i, campus_a=t.campus_a, campus_b=t.campus_b, minutes=t.minutes
            )
        )
    for i, t in enumerate(project.teachers):
        rows.append(
            TeacherRow(
                project_pk=project_pk,
                position=i,
                id=t.id,
                name=t.name,
                subject_ids=_data(t.subject_ids),
                max_minutes_per_week=t.max_minutes_per_week,
                unavailable=_data(t.unavailable),
                avoid=_data(t.avoid),
                campus_id=t.campus_id,
                email=t.email,
            )
        )
    for i, r in enumerate(project.rooms):
        rows.append(
            RoomRow(
                project_pk=project_pk,
                position=i,
                id=r.id,
                name=r.name,
                capacity=r.capacity,
                features=_data(r.features),
                campus_id=r.campus_id,
            )
        )
    for i, c in enumerate(project.cohorts):
        rows.append(
            CohortRow(
                project_pk=project_pk,
                position=i,
                id=c.id,
                name=c.name,
                grade=c.grade,
                size=c.size,
                pathway=c.pathway,
                identity=c.identity,
                campus_id=c.campus_id,
            )
        )
    for i, a in enumerate(project.advisories):
        rows.append(
            AdvisoryRow(
                project_pk=project_pk,
                position=i,
                id=a.id,
                name=a.name,
                advisor_id=a.advisor_id,
                cohort_ids=_data(a.cohort_ids),
                size=a.size,
                room_id=a.room_id,
                meeting_blocks=_data(a.meeting_blocks),
            )
        )
    for i, t in enumerate(project.teams):
        rows.append(
            TeacherTeamRow(
                project_pk=project_pk,
                position=i,
                id=t.id,
                name=t.name,
                member_ids=_data(t.member_ids),
                cohort_ids=_data(t.cohort_ids),
                planning_minutes_per_week=t.planning_minutes_per_week,
                min_meeting_minutes=t.min_meeting_minutes,
            )
        )
    for i, p in enumerate(project.prior_pairings):
        rows.append(
            PriorPairingRow(
                project_pk=project_pk,
                position=i,
                cohort_id=p.cohort_id,
                kind=p.kind.value,
                subject_id=p.subject_id,
                teacher_ids=_data(p.teacher_ids),
                team_id=p.team_id,
            )
        )
    return rows


def scenario_row(scenario: Scenario, project_pk: int, position: int, version: int) -> ScenarioRow:
    """A new scenario row with all of its child rows attached, stored as ``version``."""
    solution = scenario.solution
    return ScenarioRow(
        project_pk=project_pk,
        position=position,
        id=scenario.id,
        name=scenario.name,
        description=scenario.description,
        calendar=_data(scenario.calendar),
        version=version,
        bell_schedules=[
            BellScheduleRow(
                position=i,
                id=b.id,
                name=b.name,
                blocks=[
                    BlockRow(position=j, id=k.id, start=k.start, end=k.end, kind=k.kind.value, label=k.label)
                    for j, k in enumerate(b.blocks)
                ],
            )
            for i, b in enumerate(scenario.bell_schedules)
        ],
        day_types=[
            DayTypeRow(position=i, id=d.id, name=d.name, bell_schedule_id=d.bell_schedule_id)
            for i, d in enumerate(scenario.day_types)
        ],
        sections=[
            SectionRow(
                position=i,
                id=s.id,
                name=s.name,
                subject_id=s.subject_id,
                cohort_ids=_data(s.cohort_ids),
                meetings_per_cycle=s.meetings_per_cycle,
                length_minutes=s.length_minutes,
                length_blocks=s.length_blocks,
                teacher_ids=_data(s.teacher_ids),
                teacher_pool=_data(s.teacher_pool),
                teachers_needed=s.teachers_needed,
                room_id=s.room_id,
                room_features=_data(s.room_features),
                min_capacity=s.min_capacity,
                enrolment=s.enrolment,
                allow_break_span=s.allow_break_span,
                term_id=s.term_id,
            )
            for i, s in enumerate(scenario.sections)
        ],
        internships=[
            InternshipRow(
                position=i,
                id=n.id,
                name=n.name,
                cohort_ids=_data(n.cohort_ids),
                windows=_data(n.windows),
                travel_minutes=n.travel_minutes,
                description=n.description,
            )
            for i, n in enumerate(scenario.internships)
        ],
        looping_rules=[
            LoopingRuleRow(
                position=i,
                id=r.id,
                cohort_id=r.cohort_id,
                kind=r.kind.value,
                subject_id=r.subject_id,
                hard=r.hard,
                weight=r.weight,
            )
            for i, r in enumerate(scenario.looping_rules)
        ],
        rules=RuleSettingsRow(
            weights=_data(scenario.rules.weights),
            max_consecutive_teaching_blocks=scenario.rules.max_consecutive_teaching_blocks,
            long_block_minutes=scenario.rules.long_block_minutes,
            time_limit_seconds=scenario.rules.time_limit_seconds,
        ),
        solution=SolutionRow(
            status=solution.status.value,
            objective=solution.objective,
            best_bound=solution.best_bound,
            penalties=_data(solution.penalties),
            wall_time=solution.wall_time,
            solved_at=solution.solved_at.isoformat() if solution.solved_at is not None else None,
            stale=solution.stale,
        ),
        placements=[
            PlacementRow(
                position=i,
                section_id=p.section_id,
                meeting=p.meeting,
                day_type_id=p.day_type_id,
                start=p.start,
                end=p.end,
                room_id=p.room_id,
                teacher_ids=_data(p.teacher_ids),
                pinned=p.pinned,
            )
            for i, p in enumerate(solution.placements)
        ],
    )


# -- rows -> domain ----------------------------------------------------------------------------


def project_from_rows(row: ProjectRow) -> Project:
    """The domain project of a fully loaded project row (collections already ordered)."""
    where = f"project '{row.name}'"
    return Project(
        name=row.name,
        school_name=row.school_name,
        description=row.description,
        subjects=[
            Subject(id=s.id, name=s.name, color=s.color, department=s.department, project_based=s.project_based)
            for s in row.subjects
        ],
        teachers=[
            Teacher(
                id=t.id,
                name=t.name,
                subject_ids=_id_set(t.subject_ids, f"{where} teacher {t.id} subject_ids"),
                max_minutes_per_week=t.max_minutes_per_week,
                unavailable=_windows(t.unavailable, f"{where} teacher {t.id} unavailable"),
                avoid=_windows(t.avoid, f"{where} teacher {t.id} avoid"),
                campus_id=t.campus_id,
                email=t.email,
            )
            for t in row.teachers
        ],
        rooms=[
            Room(
                id=r.id,
                name=r.name,
                capacity=r.capacity,
                features=_id_set(r.features, f"{where} room {r.id} features"),
                campus_id=r.campus_id,
            )
            for r in row.rooms
        ],
        campuses=[Campus(id=c.id, name=c.name, address=c.address) for c in row.campuses],
        travel=[CampusTravel(campus_a=t.campus_a, campus_b=t.campus_b, minutes=t.minutes) for t in row.travel],
        cohorts=[
            Cohort(
                id=c.id,
                name=c.name,
                grade=c.grade,
                size=c.size,
                pathway=c.pathway,
                identity=c.identity,
                campus_id=c.campus_id,
            )
            for c in row.cohorts
        ],
        advisories=[
            Advisory(
                id=a.id,
                name=a.name,
                advisor_id=a.advisor_id,
                cohort_ids=_ids(a.cohort_ids, f"{where} advisory {a.id} cohort_ids"),
                size=a.size,
                room_id=a.room_id,
                meeting_blocks=codec.from_data(list[BlockRef], a.meeting_blocks, f"{where} advisory {a.id} blocks"),
            )
            for a in row.advisories
        ],
        teams=[
            TeacherTeam(
                id=t.id,
                name=t.name,
                member_ids=_ids(t.member_ids, f"{where} team {t.id} member_ids"),
                cohort_ids=_ids(t.cohort_ids, f"{where} team {t.id} cohort_ids"),
                planning_minutes_per_week=t.planning_minutes_per_week,
                min_meeting_minutes=t.min_meeting_minutes,
            )
            for t in row.teams
        ],
        prior_pairings=[
            PriorPairing(
                cohort_id=p.cohort_id,
                kind=PairingKind(p.kind),
                subject_id=p.subject_id,
                teacher_ids=_ids(p.teacher_ids, f"{where} prior pairing {p.position} teacher_ids"),
                team_id=p.team_id,
            )
            for p in row.prior_pairings
        ],
        scenarios=[scenario_from_row(s, where) for s in row.scenarios],
    )


def scenario_from_row(row: ScenarioRow, where: str) -> Scenario:
    where = f"{where} scenario {row.id}"
    return Scenario(
        id=row.id,
        name=row.name,
        description=row.description,
        calendar=codec.from_data(SchoolYear, row.calendar, f"{where} calendar"),
        bell_schedules=[
            BellSchedule(
                id=b.id,
                name=b.name,
                blocks=[
                    Block(id=k.id, start=k.start, end=k.end, kind=BlockKind(k.kind), label=k.label) for k in b.blocks
                ],
            )
            for b in row.bell_schedules
        ],
        day_types=[DayType(id=d.id, name=d.name, bell_schedule_id=d.bell_schedule_id) for d in row.day_types],
        sections=[
            Section(
                id=s.id,
                name=s.name,
                subject_id=s.subject_id,
                cohort_ids=_ids(s.cohort_ids, f"{where} section {s.id} cohort_ids"),
                meetings_per_cycle=s.meetings_per_cycle,
                length_minutes=s.length_minutes,
                length_blocks=s.length_blocks,
                teacher_ids=_ids(s.teacher_ids, f"{where} section {s.id} teacher_ids"),
                teacher_pool=_ids(s.teacher_pool, f"{where} section {s.id} teacher_pool"),
                teachers_needed=s.teachers_needed,
                room_id=s.room_id,
                room_features=_id_set(s.room_features, f"{where} section {s.id} room_features"),
                min_capacity=s.min_capacity,
                enrolment=s.enrolment,
                allow_break_span=s.allow_break_span,
                term_id=s.term_id,
            )
            for s in row.sections
        ],
        internships=[
            Internship(
                id=n.id,
                name=n.name,
                cohort_ids=_ids(n.cohort_ids, f"{where} internship {n.id} cohort_ids"),
                windows=_windows(n.windows, f"{where} internship {n.id} windows"),
                travel_minutes=n.travel_minutes,
                description=n.description,
            )
            for n in row.internships
        ],
        looping_rules=[
            LoopingRule(
                id=r.id,
                cohort_id=r.cohort_id,
                kind=PairingKind(r.kind),
                subject_id=r.subject_id,
                hard=r.hard,
                weight=r.weight,
            )
            for r in row.looping_rules
        ],
        rules=RuleSettings(
            weights=codec.from_data(dict[str, int], row.rules.weights, f"{where} rule weights"),
            max_consecutive_teaching_blocks=row.rules.max_consecutive_teaching_blocks,
            long_block_minutes=row.rules.long_block_minutes,
            time_limit_seconds=row.rules.time_limit_seconds,
        ),
        solution=Solution(
            placements=[
                Placement(
                    section_id=p.section_id,
                    meeting=p.meeting,
                    day_type_id=p.day_type_id,
                    start=p.start,
                    end=p.end,
                    room_id=p.room_id,
                    teacher_ids=_ids(p.teacher_ids, f"{where} placement {p.position} teacher_ids"),
                    pinned=p.pinned,
                )
                for p in row.placements
            ],
            status=SolveStatus(row.solution.status),
            objective=row.solution.objective,
            best_bound=row.solution.best_bound,
            penalties=codec.from_data(dict[str, int], row.solution.penalties, f"{where} penalties"),
            wall_time=row.solution.wall_time,
            solved_at=datetime.fromisoformat(row.solution.solved_at) if row.solution.solved_at is not None else None,
            stale=row.solution.stale,
        ),
        version=row.version,
    )
