"""school year labels kept whole: a OneRoster session title of up to 100 characters

Revision ID: 0017
Revises: 0019
Create Date: 2026-12-01 22:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0017"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("schoolyear", schema=None) as batch_op:
        batch_op.alter_column(
            "label",
            existing_type=sa.String(length=16),
            type_=sa.String(length=100),
            existing_nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("schoolyear", schema=None) as batch_op:
        batch_op.alter_column(
            "label",
            existing_type=sa.String(length=100),
            type_=sa.String(length=16),
            existing_nullable=False,
        )
