"""District mode: a version for project-level records, and who saved what when.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Adds ``projects.data_version`` (optimistic concurrency for people, rooms and groups) and
``updated_by`` / ``updated_at`` on projects and scenarios. Existing rows get version 1, an empty
``updated_by`` and no ``updated_at``: their data is kept as is.

Plain ``ADD COLUMN`` (no batch mode) on purpose: SQLite adds a NOT NULL column with a constant
default in place, while a batch rebuild of ``projects`` would copy and drop the table.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('projects', sa.Column('data_version', sa.Integer(), server_default=sa.text('1'), nullable=False))
    op.add_column('projects', sa.Column('updated_by', sa.Text(), server_default=sa.text("''"), nullable=False))
    op.add_column('projects', sa.Column('updated_at', sa.Text(), nullable=True))
    op.add_column('scenarios', sa.Column('updated_by', sa.Text(), server_default=sa.text("''"), nullable=False))
    op.add_column('scenarios', sa.Column('updated_at', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('scenarios', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('updated_by')

    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('updated_by')
        batch_op.drop_column('data_version')
