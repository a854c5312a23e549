"""planning: each booked day billed, by which invoice line, and its credit

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 22:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portail_famille.models.base

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('billedday',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('payer_guardian_id', sa.Integer(), nullable=False),
    sa.Column('billing_service_id', sa.Integer(), nullable=False),
    sa.Column('unit_cents', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('credit_invoice_id', sa.Integer(), nullable=True),
    sa.Column('credit_line_id', sa.Integer(), nullable=True),
    sa.Column('open_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ),
    sa.ForeignKeyConstraint(['billing_service_id'], ['billingservice.id'], ),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['credit_invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['credit_line_id'], ['invoiceline.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], ),
    sa.ForeignKeyConstraint(['line_id'], ['invoiceline.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['payer_guardian_id'], ['guardian.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('open_key')
    )
    with op.batch_alter_table('billedday', schema=None) as batch_op:
        for column in (
            'activity_id', 'child_id', 'credit_invoice_id', 'day', 'family_id', 'invoice_id',
            'organisation_id', 'payer_guardian_id',
        ):
            batch_op.create_index(batch_op.f(f'ix_billedday_{column}'), [column], unique=False)


def downgrade() -> None:
    op.drop_table('billedday')
