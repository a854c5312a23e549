"""yearly records confirmation

Revision ID: 0008
Revises: 0007 (0004 before the requests core was merged)
One row per household and campaign year: when its records were confirmed and its consents given.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import portail_famille.models.base


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('recordsconfirmation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('records_confirmed_by', sa.Integer(), nullable=True),
    sa.Column('records_confirmed_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('consents_given_by', sa.Integer(), nullable=True),
    sa.Column('consents_given_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['consents_given_by'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['records_confirmed_by'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('family_id', 'year', name='uq_records_confirmation_year')
    )
    with op.batch_alter_table('recordsconfirmation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recordsconfirmation_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recordsconfirmation_organisation_id'), ['organisation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('recordsconfirmation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recordsconfirmation_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_recordsconfirmation_family_id'))
    op.drop_table('recordsconfirmation')
