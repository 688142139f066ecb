"""Looping per advisory, loop lengths, and the solver's choice of advisors and of a team's cohorts.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Adds ``advisory_id`` and ``years`` to ``looping_rules`` and ``prior_pairings`` (a crew's own looping
rule, and how long a pairing has held / may hold), ``identity`` and ``advisor_pool`` to
``advisories``, ``max_advisories`` to ``teachers``, ``cohort_pool`` and ``cohorts_needed`` to
``teacher_teams``, and ``advisors`` and ``team_cohorts`` (the solver's choices) to ``solutions``.

Existing rows read as before: NULL ids, ``years`` 1 for a prior pairing (last year only) and NULL
(no end) for a looping rule, '' identity, no pool, no limit, no chosen records. JSON columns are
nullable without a server default for the reasons given in 0003; every column is a plain
``ADD COLUMN`` (SQLite adds it in place).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS: tuple[tuple[str, sa.Column], ...] = (
    ('looping_rules', sa.Column('advisory_id', sa.Text(), nullable=True)),
    ('looping_rules', sa.Column('years', sa.Integer(), nullable=True)),
    ('prior_pairings', sa.Column('advisory_id', sa.Text(), nullable=True)),
    ('prior_pairings', sa.Column('years', sa.Integer(), server_default=sa.text('1'), nullable=False)),
    ('advisories', sa.Column('identity', sa.Text(), server_default=sa.text("''"), nullable=False)),
    ('advisories', sa.Column('advisor_pool', sa.JSON(), nullable=True)),
    ('teachers', sa.Column('max_advisories', sa.Integer(), nullable=True)),
    ('teacher_teams', sa.Column('cohort_pool', sa.JSON(), nullable=True)),
    ('teacher_teams', sa.Column('cohorts_needed', sa.Integer(), server_default=sa.text('0'), nullable=False)),
    ('solutions', sa.Column('advisors', sa.JSON(), nullable=True)),
    ('solutions', sa.Column('team_cohorts', sa.JSON(), nullable=True)),
)


def upgrade() -> None:
    for table, column in COLUMNS:
        op.add_column(table, column)


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column(column.name)
