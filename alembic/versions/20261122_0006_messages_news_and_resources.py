"""Message threads with attachments, resources, and news that staff can withdraw

Revision ID: 0006
Revises: 0003
Create Date: 2026-11-22 22:31:04.361134
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portail_famille.models.base


revision: str = '0006'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('resource',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('resource', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('messagethread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('guardian_user_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_message_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['guardian_user_id'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('messagethread', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messagethread_guardian_user_id'), ['guardian_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_messagethread_last_message_at'), ['last_message_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_messagethread_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_messagethread_school_id'), ['school_id'], unique=False)

    op.create_table('threadmessage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('author_user_id', sa.Integer(), nullable=False),
    sa.Column('from_staff', sa.Boolean(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=5000), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['author_user_id'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['thread_id'], ['messagethread.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('threadmessage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_threadmessage_thread_id'), ['thread_id'], unique=False)

    op.create_table('messageattachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('storage_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['threadmessage.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('storage_key')
    )
    with op.batch_alter_table('messageattachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messageattachment_message_id'), ['message_id'], unique=False)

    with op.batch_alter_table('newsitem', schema=None) as batch_op:
        # Existing news stays published.
        batch_op.add_column(
            sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.true())
        )



def downgrade() -> None:
    with op.batch_alter_table('newsitem', schema=None) as batch_op:
        batch_op.drop_column('published')

    with op.batch_alter_table('messageattachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messageattachment_message_id'))

    op.drop_table('messageattachment')
    with op.batch_alter_table('threadmessage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_threadmessage_thread_id'))

    op.drop_table('threadmessage')
    with op.batch_alter_table('messagethread', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messagethread_school_id'))
        batch_op.drop_index(batch_op.f('ix_messagethread_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_messagethread_last_message_at'))
        batch_op.drop_index(batch_op.f('ix_messagethread_guardian_user_id'))

    op.drop_table('messagethread')
    with op.batch_alter_table('resource', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_organisation_id'))

    op.drop_table('resource')
