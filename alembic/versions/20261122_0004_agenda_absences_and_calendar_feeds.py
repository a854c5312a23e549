"""agenda absences and calendar feeds

Revision ID: 0004
Revises: 0005
Tables of the Agenda and Absences tiles; enums stored as strings.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portail_famille.models.base


revision: str = '0004'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('absencereason',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('label_fr', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('label_en', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('absencereason', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absencereason_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('calendarfeed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['useraccount.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('calendarfeed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendarfeed_user_id'), ['user_id'], unique=False)

    op.create_table('absence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('at_time', sa.Time(), nullable=True),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('reason_id', sa.Integer(), nullable=True),
    sa.Column('reason_text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('justified', sa.Boolean(), nullable=False),
    sa.Column('created_by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('justified_by_user_id', sa.Integer(), nullable=True),
    sa.Column('justified_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['created_by_user_id'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['justified_by_user_id'], ['useraccount.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['reason_id'], ['absencereason.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absence_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_absence_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_absence_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_absence_starts_on'), ['starts_on'], unique=False)

    op.create_table('calendarevent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('calendarevent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendarevent_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendarevent_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calendarevent_starts_on'), ['starts_on'], unique=False)

    op.create_table('timetableperiod',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('school_year_id', sa.Integer(), nullable=False),
    sa.Column('group_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('ends_at', sa.Time(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('teacher_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('room', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.ForeignKeyConstraint(['school_year_id'], ['schoolyear.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('timetableperiod', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timetableperiod_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timetableperiod_school_year_id'), ['school_year_id'], unique=False)

    op.create_table('workdue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('group_name', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('details', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workdue', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workdue_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_workdue_school_id'), ['school_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('workdue', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workdue_school_id'))
        batch_op.drop_index(batch_op.f('ix_workdue_due_on'))

    op.drop_table('workdue')
    with op.batch_alter_table('timetableperiod', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timetableperiod_school_year_id'))
        batch_op.drop_index(batch_op.f('ix_timetableperiod_school_id'))

    op.drop_table('timetableperiod')
    with op.batch_alter_table('calendarevent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendarevent_starts_on'))
        batch_op.drop_index(batch_op.f('ix_calendarevent_school_id'))
        batch_op.drop_index(batch_op.f('ix_calendarevent_organisation_id'))

    op.drop_table('calendarevent')
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absence_starts_on'))
        batch_op.drop_index(batch_op.f('ix_absence_school_id'))
        batch_op.drop_index(batch_op.f('ix_absence_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_absence_child_id'))

    op.drop_table('absence')
    with op.batch_alter_table('calendarfeed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendarfeed_user_id'))

    op.drop_table('calendarfeed')
    with op.batch_alter_table('absencereason', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absencereason_organisation_id'))

    op.drop_table('absencereason')
