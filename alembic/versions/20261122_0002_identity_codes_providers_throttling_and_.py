"""identity codes providers throttling and help messages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 21:40:06.524078
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portail_famille.models.base


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('oidclogin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('state_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('browser_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('nonce', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('code_verifier', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
    sa.Column('remember', sa.Boolean(), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('state_hash')
    )
    op.create_table('throttleevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('key_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('throttleevent', schema=None) as batch_op:
        batch_op.create_index('ix_throttleevent_lookup', ['kind', 'key_hash', 'at'], unique=False)

    op.create_table('externalidentity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('provider', 'subject')
    )
    with op.batch_alter_table('externalidentity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_externalidentity_user_id'), ['user_id'], unique=False)

    op.create_table('notificationemail',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'email')
    )
    with op.batch_alter_table('notificationemail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notificationemail_user_id'), ['user_id'], unique=False)

    op.create_table('verificationcode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=32), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('attempts_left', sa.Integer(), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('voided_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('verificationcode', schema=None) as batch_op:
        batch_op.create_index('ix_verificationcode_lookup', ['purpose', 'email'], unique=False)
        batch_op.create_index(batch_op.f('ix_verificationcode_user_id'), ['user_id'], unique=False)

    op.create_table('contactmessage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('sender_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('sender_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('sender_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('child_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('handled_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('handled_by_user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['handled_by_user_id'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('contactmessage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contactmessage_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contactmessage_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contactmessage_school_id'), ['school_id'], unique=False)

    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.add_column(sa.Column('child_code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_child_child_code_hash'), ['child_code_hash'], unique=False)

    with op.batch_alter_table('guardian', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payer_code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_guardian_payer_code_hash'), ['payer_code_hash'], unique=False)

    with op.batch_alter_table('guardianchildlink', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True))

    # Links that an account already reached before this revision stay reachable.
    op.execute(
        "UPDATE guardianchildlink SET claimed_at = CURRENT_TIMESTAMP "
        "WHERE guardian_id IN (SELECT id FROM guardian WHERE user_id IS NOT NULL)"
    )



def downgrade() -> None:
    with op.batch_alter_table('guardianchildlink', schema=None) as batch_op:
        batch_op.drop_column('claimed_at')

    with op.batch_alter_table('guardian', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guardian_payer_code_hash'))
        batch_op.drop_column('payer_code_hash')

    with op.batch_alter_table('child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_child_child_code_hash'))
        batch_op.drop_column('child_code_hash')

    with op.batch_alter_table('contactmessage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contactmessage_school_id'))
        batch_op.drop_index(batch_op.f('ix_contactmessage_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_contactmessage_created_at'))

    op.drop_table('contactmessage')
    with op.batch_alter_table('verificationcode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verificationcode_user_id'))
        batch_op.drop_index('ix_verificationcode_lookup')

    op.drop_table('verificationcode')
    with op.batch_alter_table('notificationemail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notificationemail_user_id'))

    op.drop_table('notificationemail')
    with op.batch_alter_table('externalidentity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_externalidentity_user_id'))

    op.drop_table('externalidentity')
    with op.batch_alter_table('throttleevent', schema=None) as batch_op:
        batch_op.drop_index('ix_throttleevent_lookup')

    op.drop_table('throttleevent')
    op.drop_table('oidclogin')
