"""The database schema as SQLAlchemy 2.0 typed ORM classes (rows never leave this package).

Design choices, and why:

- Every record is one row with a surrogate integer primary key ``pk`` and its domain ``id`` as a
  plain column. References *between* records (a section's subject, a teacher's campus ...) are
  stored as those domain ids without foreign keys: a project being edited may briefly hold a
  dangling reference, which validation reports, and saving must never refuse (and so lose) the
  user's work because of it. Foreign keys with ``ON DELETE CASCADE`` tie every row to its owner
  (project, scenario, bell schedule), so deleting a project or scenario removes all of its rows.
- ``position`` keeps the order of each list (unique per owner); loads order by it.
- Small nested values (sets of ids, lists of time windows, the school-year calendar, rule
  weights) are JSON columns holding :func:`dlplanner.domain.codec.to_data` output.
- Enumerations are stored as their text value (no PostgreSQL enum types to migrate).
- ``Solution.solved_at`` is ISO 8601 text: both naive and timezone-aware datetimes round-trip
  exactly on SQLite and PostgreSQL, which a ``DateTime`` column does not guarantee.
- District mode (revision 0002): ``projects.data_version`` counts saves of the project-level
  records (people, rooms, groups) the way ``scenarios.version`` counts saves of a scenario, and
  both tables record who saved last and when (``updated_by``, ``updated_at`` as ISO 8601 UTC
  text), so a refused save can say "changed by maria@district at 14:03".
- ``projects.minimums`` (revision 0003) is the project's :class:`~dlplanner.domain.calendar.Minimums`
  as JSON, always written; rows older than 0003 hold SQL NULL, which reads as "no requirements".
  Nullable rather than a ``'{}'`` server default: PostgreSQL has no ``=`` for ``json``, so a JSON
  default cannot be compared by the schema check, and dropping a default on SQLite rebuilds the table.
- ``external_ids`` (revision 0004) on projects, subjects, teachers, rooms, cohorts and sections holds
  what the student information system calls the record (``{"sourcedId": …}``) as JSON; nullable for the
  same reason as ``minimums``: rows older than 0004 hold SQL NULL, which reads as "none".
- Revision 0005 (looping and rollover): looping rules and prior pairings name an advisory
  (``advisory_id``) and how long a pairing lasts (``years``); advisories carry an ``identity`` across
  years and may leave their advisor to the solver (``advisor_pool``); teachers have ``max_advisories``;
  teams may leave cohorts to the solver (``cohort_pool``, ``cohorts_needed``); a solution keeps the
  solver's choices (``advisors``, ``team_cohorts``). New JSON columns are nullable (NULL reads as
  empty), numbers and text have server defaults or are nullable, so older projects open unchanged.
- Students as people (revision 0006): ``students`` and ``course_requests`` are project rows like
  cohorts, ``enrolments`` are scenario rows like placements (part of its solution), and
  ``sections.max_enrolment`` is nullable (NULL: no limit but the room), so older projects read as
  before: no students, no requests, no enrolments.
- Constraint names follow :data:`NAMING_CONVENTION`, so later migrations (including SQLite batch
  mode, which recreates tables) can refer to them by name.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Double, ForeignKey, Integer, MetaData, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonData = Any  # whatever codec.to_data returns: dict / list / str / int / float / bool / None


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {str: Text(), float: Double()}


def _json() -> Any:
    """A JSON column for a small nested value (never SQL NULL: the values are lists and dicts)."""
    return mapped_column(JSON(), nullable=False)


def _owner(table: str) -> Any:
    """A not-null foreign key to the owning row that cascades deletes in the database.

    No index of its own: the unique (owner, position) constraint every owned table has serves it.
    """
    return mapped_column(ForeignKey(f"{table}.pk", ondelete="CASCADE"), nullable=False, sort_order=-9)


def _children(cls: str) -> Any:
    """An ordered one-to-many collection whose deletes the database cascades."""
    return relationship(
        cls, order_by=f"{cls}.position", cascade="all, delete-orphan", passive_deletes=True, lazy="raise"
    )


def _child(cls: str) -> Any:
    """A one-to-one child row (rule settings, solution) whose deletes the database cascades."""
    return relationship(cls, uselist=False, cascade="all, delete-orphan", passive_deletes=True, lazy="raise")


def _external_ids() -> Any:
    """The SIS's ids of a record (JSON object); NULL in rows older than 0004, read as none."""
    return mapped_column(JSON(), nullable=True)


def _updated_by() -> Any:
    """Who saved the row last (``user@host`` or a district login); '' for rows older than 0002."""
    return mapped_column(Text(), nullable=False, server_default=text("''"))


def _updated_at() -> Any:
    """When the row was saved last, ISO 8601 in UTC; NULL for rows older than 0002."""
    return mapped_column(Text(), nullable=True)


# -- the project and its people, places and student groups ------------------------------------


class ProjectRow(Base):
    """A project; ``data_version`` is bumped on every save of its project-level records."""

    __tablename__ = "projects"

    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    school_name: Mapped[str]
    description: Mapped[str]
    data_version: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))
    updated_by: Mapped[str] = _updated_by()
    updated_at: Mapped[str | None] = _updated_at()
    minimums: Mapped[JsonData | None] = mapped_column(JSON(), nullable=True)
    external_ids: Mapped[JsonData | None] = _external_ids()

    subjects: Mapped[list[SubjectRow]] = _children("SubjectRow")
    teachers: Mapped[list[TeacherRow]] = _children("TeacherRow")
    rooms: Mapped[list[RoomRow]] = _children("RoomRow")
    campuses: Mapped[list[CampusRow]] = _children("CampusRow")
    travel: Mapped[list[CampusTravelRow]] = _children("CampusTravelRow")
    cohorts: Mapped[list[CohortRow]] = _children("CohortRow")
    advisories: Mapped[list[AdvisoryRow]] = _children("AdvisoryRow")
    teams: Mapped[list[TeacherTeamRow]] = _children("TeacherTeamRow")
    prior_pairings: Mapped[list[PriorPairingRow]] = _children("PriorPairingRow")
    students: Mapped[list[StudentRow]] = _children("StudentRow")
    requests: Mapped[list[CourseRequestRow]] = _children("CourseRequestRow")
    scenarios: Mapped[list[ScenarioRow]] = _children("ScenarioRow")


class _ProjectPart:
    """Columns shared by the rows a project owns directly."""

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)
    project_pk: Mapped[int] = _owner("projects")
    position: Mapped[int] = mapped_column(sort_order=-8)


class SubjectRow(_ProjectPart, Base):
    __tablename__ = "subjects"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    color: Mapped[str]
    department: Mapped[str]
    project_based: Mapped[bool] = mapped_column(Boolean)
    external_ids: Mapped[JsonData | None] = _external_ids()


class CampusRow(_ProjectPart, Base):
    __tablename__ = "campuses"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    address: Mapped[str]


class CampusTravelRow(_ProjectPart, Base):
    __tablename__ = "campus_travel"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    campus_a: Mapped[str]
    campus_b: Mapped[str]
    minutes: Mapped[int]


class TeacherRow(_ProjectPart, Base):
    __tablename__ = "teachers"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    subject_ids: Mapped[JsonData] = _json()
    max_minutes_per_week: Mapped[int | None]
    unavailable: Mapped[JsonData] = _json()
    avoid: Mapped[JsonData] = _json()
    campus_id: Mapped[str | None]
    email: Mapped[str]
    external_ids: Mapped[JsonData | None] = _external_ids()
    max_advisories: Mapped[int | None]


class RoomRow(_ProjectPart, Base):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    capacity: Mapped[int]
    features: Mapped[JsonData] = _json()
    campus_id: Mapped[str | None]
    external_ids: Mapped[JsonData | None] = _external_ids()


class CohortRow(_ProjectPart, Base):
    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    grade: Mapped[int]
    size: Mapped[int]
    pathway: Mapped[str]
    identity: Mapped[str]
    campus_id: Mapped[str | None]
    external_ids: Mapped[JsonData | None] = _external_ids()


class AdvisoryRow(_ProjectPart, Base):
    __tablename__ = "advisories"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    advisor_id: Mapped[str]
    cohort_ids: Mapped[JsonData] = _json()
    size: Mapped[int]
    room_id: Mapped[str | None]
    meeting_blocks: Mapped[JsonData] = _json()
    identity: Mapped[str] = mapped_column(Text(), nullable=False, server_default=text("''"))
    advisor_pool: Mapped[JsonData | None] = mapped_column(JSON(), nullable=True)


class TeacherTeamRow(_ProjectPart, Base):
    __tablename__ = "teacher_teams"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    member_ids: Mapped[JsonData] = _json()
    cohort_ids: Mapped[JsonData] = _json()
    planning_minutes_per_week: Mapped[int]
    min_meeting_minutes: Mapped[int]
    cohort_pool: Mapped[JsonData | None] = mapped_column(JSON(), nullable=True)
    cohorts_needed: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("0"))


class PriorPairingRow(_ProjectPart, Base):
    __tablename__ = "prior_pairings"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    cohort_id: Mapped[str]
    kind: Mapped[str]
    subject_id: Mapped[str | None]
    teacher_ids: Mapped[JsonData] = _json()
    team_id: Mapped[str | None]
    advisory_id: Mapped[str | None]
    years: Mapped[int] = mapped_column(Integer, nullable=False, server_default=text("1"))


class StudentRow(_ProjectPart, Base):
    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    grade: Mapped[int]
    cohort_id: Mapped[str | None]
    advisory_id: Mapped[str | None]
    pathway: Mapped[str]
    flags: Mapped[JsonData] = _json()


class CourseRequestRow(_ProjectPart, Base):
    __tablename__ = "course_requests"
    __table_args__ = (UniqueConstraint("project_pk", "position"),)

    student_id: Mapped[str]
    subject_id: Mapped[str]
    rank: Mapped[int]
    alternate_for: Mapped[str | None]


# -- scenarios -------------------------------------------------------------------------------


class ScenarioRow(_ProjectPart, Base):
    """One alternative calendar; ``version`` is bumped on every save (optimistic concurrency)."""

    __tablename__ = "scenarios"
    __table_args__ = (UniqueConstraint("project_pk", "position"), UniqueConstraint("project_pk", "id"))

    id: Mapped[str]
    name: Mapped[str]
    description: Mapped[str]
    calendar: Mapped[JsonData] = _json()
    version: Mapped[int]
    updated_by: Mapped[str] = _updated_by()
    updated_at: Mapped[str | None] = _updated_at()

    bell_schedules: Mapped[list[BellScheduleRow]] = _children("BellScheduleRow")
    day_types: Mapped[list[DayTypeRow]] = _children("DayTypeRow")
    sections: Mapped[list[SectionRow]] = _children("SectionRow")
    internships: Mapped[list[InternshipRow]] = _children("InternshipRow")
    looping_rules: Mapped[list[LoopingRuleRow]] = _children("LoopingRuleRow")
    rules: Mapped[RuleSettingsRow] = _child("RuleSettingsRow")
    solution: Mapped[SolutionRow] = _child("SolutionRow")
    placements: Mapped[list[PlacementRow]] = _children("PlacementRow")
    enrolments: Mapped[list[EnrolmentRow]] = _children("EnrolmentRow")


class _ScenarioPart:
    """Columns shared by the rows a scenario owns."""

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)
    scenario_pk: Mapped[int] = _owner("scenarios")
    position: Mapped[int] = mapped_column(sort_order=-8)


class BellScheduleRow(_ScenarioPart, Base):
    __tablename__ = "bell_schedules"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]

    blocks: Mapped[list[BlockRow]] = _children("BlockRow")


class BlockRow(Base):
    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("bell_schedule_pk", "position"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)
    bell_schedule_pk: Mapped[int] = _owner("bell_schedules")
    position: Mapped[int] = mapped_column(sort_order=-8)
    id: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]
    kind: Mapped[str]
    label: Mapped[str]


class DayTypeRow(_ScenarioPart, Base):
    __tablename__ = "day_types"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    bell_schedule_id: Mapped[str]


class SectionRow(_ScenarioPart, Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    subject_id: Mapped[str]
    cohort_ids: Mapped[JsonData] = _json()
    meetings_per_cycle: Mapped[int]
    length_minutes: Mapped[int | None]
    length_blocks: Mapped[int | None]
    teacher_ids: Mapped[JsonData] = _json()
    teacher_pool: Mapped[JsonData] = _json()
    teachers_needed: Mapped[int]
    room_id: Mapped[str | None]
    room_features: Mapped[JsonData] = _json()
    min_capacity: Mapped[int | None]
    enrolment: Mapped[int | None]
    allow_break_span: Mapped[bool] = mapped_column(Boolean)
    term_id: Mapped[str | None]
    external_ids: Mapped[JsonData | None] = _external_ids()
    max_enrolment: Mapped[int | None]


class InternshipRow(_ScenarioPart, Base):
    __tablename__ = "internships"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    id: Mapped[str]
    name: Mapped[str]
    cohort_ids: Mapped[JsonData] = _json()
    windows: Mapped[JsonData] = _json()
    travel_minutes: Mapped[int]
    description: Mapped[str]


class LoopingRuleRow(_ScenarioPart, Base):
    __tablename__ = "looping_rules"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    id: Mapped[str]
    cohort_id: Mapped[str]
    kind: Mapped[str]
    subject_id: Mapped[str | None]
    hard: Mapped[bool] = mapped_column(Boolean)
    weight: Mapped[int]
    advisory_id: Mapped[str | None]
    years: Mapped[int | None]


class RuleSettingsRow(Base):
    """A scenario's soft-rule weights and rule knobs (one row per scenario)."""

    __tablename__ = "rule_settings"

    scenario_pk: Mapped[int] = mapped_column(ForeignKey("scenarios.pk", ondelete="CASCADE"), primary_key=True)
    weights: Mapped[JsonData] = _json()
    max_consecutive_teaching_blocks: Mapped[int]
    long_block_minutes: Mapped[int]
    time_limit_seconds: Mapped[float]


class SolutionRow(Base):
    """The solver's verdict on a scenario (one row per scenario); its placements are rows of their own."""

    __tablename__ = "solutions"

    scenario_pk: Mapped[int] = mapped_column(ForeignKey("scenarios.pk", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str]
    objective: Mapped[float | None]
    best_bound: Mapped[float | None]
    penalties: Mapped[JsonData] = _json()
    wall_time: Mapped[float | None]
    solved_at: Mapped[str | None]
    stale: Mapped[bool] = mapped_column(Boolean)
    advisors: Mapped[JsonData | None] = mapped_column(JSON(), nullable=True)
    team_cohorts: Mapped[JsonData | None] = mapped_column(JSON(), nullable=True)


class PlacementRow(_ScenarioPart, Base):
    __tablename__ = "placements"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    section_id: Mapped[str]
    meeting: Mapped[int]
    day_type_id: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]
    room_id: Mapped[str | None]
    teacher_ids: Mapped[JsonData] = _json()
    pinned: Mapped[bool] = mapped_column(Boolean)


class EnrolmentRow(_ScenarioPart, Base):
    """A student seated in an open section: part of the scenario's solution, like a placement."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("scenario_pk", "position"),)

    student_id: Mapped[str]
    section_id: Mapped[str]
    pinned: Mapped[bool] = mapped_column(Boolean)
