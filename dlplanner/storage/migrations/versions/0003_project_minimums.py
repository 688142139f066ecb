"""The project's minimums: the requirements every scenario is checked against.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Adds ``projects.minimums``, a JSON column holding the project's
:class:`~dlplanner.domain.calendar.Minimums`. Existing projects get NULL, which reads as "no
requirements" (every save writes the object), so their data is kept as is.

Nullable without a server default: PostgreSQL cannot compare ``json`` values, so a ``'{}'`` default
would break the schema check, and making it NOT NULL afterwards would rebuild ``projects`` on SQLite.
Plain ``ADD COLUMN`` (as in 0002): SQLite adds a nullable column in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('projects', sa.Column('minimums', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_column('minimums')
