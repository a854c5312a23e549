"""import keys for families and guardians: the ids of the school's system, to match re-imports

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 22:05:59.350602
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ('family', 'guardian'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
            )
            batch_op.create_unique_constraint(
                f'uq_{table}_external_id', ['organisation_id', 'external_id']
            )


def downgrade() -> None:
    for table in ('guardian', 'family'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'uq_{table}_external_id', type_='unique')
            batch_op.drop_column('external_id')
