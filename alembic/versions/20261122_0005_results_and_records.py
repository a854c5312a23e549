"""Results (subjects, marks, report cards, ministry exams) and records (child, pickups, family)

Revision ID: 0005
Revises: 0006
Create Date: 2026-11-22 22:31:29.589928
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import portail_famille.models.base


revision: str = '0005'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('childrecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('transport', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('allergies', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('medication', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('doctor_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('doctor_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('photo_consent', sa.Boolean(), nullable=False),
    sa.Column('may_leave_alone', sa.Boolean(), nullable=False),
    sa.Column('photo_jpeg', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('child_id'),
    sa.UniqueConstraint('reference')
    )
    op.create_table('examresult',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('school_year_id', sa.Integer(), nullable=False),
    sa.Column('exam', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('sat_on', sa.Date(), nullable=False),
    sa.Column('result', sa.Integer(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['school_year_id'], ['schoolyear.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('examresult', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_examresult_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_examresult_school_year_id'), ['school_year_id'], unique=False)

    op.create_table('familyrecord',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family_id', sa.Integer(), nullable=False),
    sa.Column('spouse_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('spouse_phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('tax_number', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('tax_year', sa.Integer(), nullable=True),
    sa.Column('family_quotient', sa.Integer(), nullable=True),
    sa.Column('caf_number', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('bank_holder', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('bank_account_sealed', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['family_id'], ['family.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('family_id')
    )
    op.create_table('pickupperson',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('relation', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pickupperson', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pickupperson_child_id'), ['child_id'], unique=False)

    op.create_table('reportcard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('school_year_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.ForeignKeyConstraint(['school_year_id'], ['schoolyear.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('reference')
    )
    with op.batch_alter_table('reportcard', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reportcard_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reportcard_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reportcard_school_year_id'), ['school_year_id'], unique=False)

    op.create_table('subject',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('school_id', sa.Integer(), nullable=False),
    sa.Column('school_year_id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('teacher_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('teacher_email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    sa.ForeignKeyConstraint(['child_id'], ['child.id'], ),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], ),
    sa.ForeignKeyConstraint(['school_year_id'], ['schoolyear.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subject_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subject_school_id'), ['school_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subject_school_year_id'), ['school_year_id'], unique=False)

    op.create_table('mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('out_of', sa.Float(), nullable=False),
    sa.Column('published_at', portail_famille.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mark_subject_id'), ['subject_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mark_subject_id'))

    op.drop_table('mark')
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subject_school_year_id'))
        batch_op.drop_index(batch_op.f('ix_subject_school_id'))
        batch_op.drop_index(batch_op.f('ix_subject_child_id'))

    op.drop_table('subject')
    with op.batch_alter_table('reportcard', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reportcard_school_year_id'))
        batch_op.drop_index(batch_op.f('ix_reportcard_school_id'))
        batch_op.drop_index(batch_op.f('ix_reportcard_child_id'))

    op.drop_table('reportcard')
    with op.batch_alter_table('pickupperson', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pickupperson_child_id'))

    op.drop_table('pickupperson')
    op.drop_table('familyrecord')
    with op.batch_alter_table('examresult', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_examresult_school_year_id'))
        batch_op.drop_index(batch_op.f('ix_examresult_child_id'))

    op.drop_table('examresult')
    op.drop_table('childrecord')
