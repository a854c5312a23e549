"""staff second factor (TOTP, recovery codes) and the providers staff may use

Revision ID: 0020
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import portail_famille.models.base


revision: str = '0020'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('totpfactor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('secret_sealed', sa.String(length=255), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('confirmed_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_used_step', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id')
    )
    op.create_table('recoverycode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recoverycode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recoverycode_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('authsession', schema=None) as batch_op:
        batch_op.add_column(sa.Column('second_factor_pending', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('organisationsettings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_oidc_providers', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('organisationsettings', schema=None) as batch_op:
        batch_op.drop_column('staff_oidc_providers')
    with op.batch_alter_table('authsession', schema=None) as batch_op:
        batch_op.drop_column('second_factor_pending')
    with op.batch_alter_table('recoverycode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recoverycode_user_id'))
    op.drop_table('recoverycode')
    op.drop_table('totpfactor')
