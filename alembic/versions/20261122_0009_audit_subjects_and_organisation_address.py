"""audit subjects and organisation address

Revision ID: 0009
Revises: 0008
The audit log says whose record an entry is about (child, family), indexed for the guardian's
"who viewed" list and the admin's search; organisations get a postal address for "Nous joindre".
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('child_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('family_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_auditentry_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditentry_family_id'), ['family_id'], unique=False)
    # Entries written before this revision already name the child as their object.
    op.execute("UPDATE auditentry SET child_id = object_id WHERE object_type = 'child'")
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('address')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditentry_family_id'))
        batch_op.drop_index(batch_op.f('ix_auditentry_child_id'))
        batch_op.drop_column('family_id')
        batch_op.drop_column('child_id')
