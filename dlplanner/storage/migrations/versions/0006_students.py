"""Students as people: students, their course requests, enrolments, and sections' maximum enrolment.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

Adds the project tables ``students`` and ``course_requests``, the scenario table ``enrolments``
(a scenario's solution, like ``placements``) and the nullable column ``sections.max_enrolment``.
Older projects get no rows and NULL (no limit but the room), so they open and solve as before.
Plain ``ADD COLUMN`` (as in 0002): SQLite adds a nullable column in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('students',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('project_pk', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.Text(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('cohort_id', sa.Text(), nullable=True),
    sa.Column('advisory_id', sa.Text(), nullable=True),
    sa.Column('pathway', sa.Text(), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['project_pk'], ['projects.pk'], name=op.f('fk_students_project_pk_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_students')),
    sa.UniqueConstraint('project_pk', 'position', name=op.f('uq_students_project_pk_position'))
    )
    op.create_table('course_requests',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('project_pk', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Text(), nullable=False),
    sa.Column('subject_id', sa.Text(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('alternate_for', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['project_pk'], ['projects.pk'], name=op.f('fk_course_requests_project_pk_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_course_requests')),
    sa.UniqueConstraint('project_pk', 'position', name=op.f('uq_course_requests_project_pk_position'))
    )
    op.create_table('enrolments',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('scenario_pk', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Text(), nullable=False),
    sa.Column('section_id', sa.Text(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['scenario_pk'], ['scenarios.pk'], name=op.f('fk_enrolments_scenario_pk_scenarios'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_enrolments')),
    sa.UniqueConstraint('scenario_pk', 'position', name=op.f('uq_enrolments_scenario_pk_position'))
    )
    op.add_column('sections', sa.Column('max_enrolment', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sections', schema=None) as batch_op:
        batch_op.drop_column('max_enrolment')
    op.drop_table('enrolments')
    op.drop_table('course_requests')
    op.drop_table('students')
