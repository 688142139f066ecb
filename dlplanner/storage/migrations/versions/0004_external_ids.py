"""What the student information system calls a record: ``external_ids`` on six tables.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Adds a nullable JSON column ``external_ids`` to ``projects``, ``subjects``, ``teachers``, ``rooms``,
``cohorts`` and ``sections``: the OneRoster ``sourcedId`` (and course/class codes) of the record, kept so
a schedule can be written back to the SIS and a re-import updates instead of duplicating. Existing rows
get NULL, which reads as "no external ids", so their data is kept as is.

Nullable without a server default for the reasons given in 0003; plain ``ADD COLUMN`` (SQLite adds a
nullable column in place).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('projects', 'subjects', 'teachers', 'rooms', 'cohorts', 'sections')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('external_ids', sa.JSON(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('external_ids')
