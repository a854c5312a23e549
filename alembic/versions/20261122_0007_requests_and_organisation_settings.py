"""requests, documents, organisation settings and activity registrations

Revision ID: 0007
Revises: 0004
Requests with their fields and documents, organisation settings (re-enrolment period, yearly
records confirmation) and activity registrations; enums stored as strings.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portail_famille.models.base


revision: str = '0007'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('organisationsettings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('reenrolment_opens_on', sa.Date(), nullable=True),
    sa.Column('reenrolment_closes_on', sa.Date(), nullable=True),
    sa.Column('records_confirmation_due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('organisation_id')
    )
    op.create_table('changerequest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=True),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sa.Integer(), nullable=True),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('staff_comment', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['decided_by'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['requested_by'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('changerequest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changerequest_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_changerequest_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changerequest_family_id'), ['family_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changerequest_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changerequest_requested_by'), ['requested_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_changerequest_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_changerequest_status'), ['status'], unique=False)

    op.create_table('activityregistration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('registered_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['request_id'], ['changerequest.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('child_id', 'activity_id')
    )
    with op.batch_alter_table('activityregistration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activityregistration_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activityregistration_child_id'), ['child_id'], unique=False)

    op.create_table('requestdocument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('is_photo', sa.Boolean(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['changerequest.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference')
    )
    with op.batch_alter_table('requestdocument', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requestdocument_request_id'), ['request_id'], unique=False)

    op.create_table('requestfield',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('before', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('proposed', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('sealed', sa.Boolean(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['changerequest.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id', 'name')
    )
    with op.batch_alter_table('requestfield', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requestfield_request_id'), ['request_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('requestfield', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requestfield_request_id'))

    op.drop_table('requestfield')
    with op.batch_alter_table('requestdocument', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requestdocument_request_id'))

    op.drop_table('requestdocument')
    with op.batch_alter_table('activityregistration', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activityregistration_child_id'))
        batch_op.drop_index(batch_op.f('ix_activityregistration_activity_id'))

    op.drop_table('activityregistration')
    with op.batch_alter_table('changerequest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changerequest_status'))
        batch_op.drop_index(batch_op.f('ix_changerequest_school_id'))
        batch_op.drop_index(batch_op.f('ix_changerequest_requested_by'))
        batch_op.drop_index(batch_op.f('ix_changerequest_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_changerequest_family_id'))
        batch_op.drop_index(batch_op.f('ix_changerequest_child_id'))
        batch_op.drop_index(batch_op.f('ix_changerequest_category'))

    op.drop_table('changerequest')
    op.drop_table('organisationsettings')
