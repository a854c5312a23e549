"""one absence per child, day, kind and time; form submissions handled once

Revision ID: 0018
Revises: 0020
Create Date: 2026-12-01 22:30:00

Absences recorded twice (the family's declaration and the school's record of it, or a double
submit) are merged first: the justified row is kept (a family's declaration carries its reason),
else the oldest.
"""

from collections.abc import Sequence

import sqlalchemy as sa

import portail_famille.models.base
from alembic import op

revision: str = "0018"
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

absence = sa.table(
    "absence",
    sa.column("id", sa.Integer),
    sa.column("child_id", sa.Integer),
    sa.column("starts_on", sa.Date),
    sa.column("kind", sa.String),
    sa.column("at_time", sa.Time),
    sa.column("at_key", sa.String),
    sa.column("justified", sa.Boolean),
)


def _merge_duplicate_absences(connection: sa.engine.Connection) -> None:
    rows = connection.execute(
        sa.select(
            absence.c.id,
            absence.c.child_id,
            absence.c.starts_on,
            absence.c.kind,
            absence.c.at_time,
            absence.c.justified,
        ).order_by(absence.c.id)
    ).all()
    kept: dict[tuple[object, ...], tuple[int, bool]] = {}
    dropped: list[int] = []
    for row in rows:
        timed = row.kind != "full_day" and row.at_time is not None
        at_key = row.at_time.strftime("%H:%M") if timed else ""
        if at_key:
            connection.execute(absence.update().where(absence.c.id == row.id).values(at_key=at_key))
        key = (row.child_id, row.starts_on, row.kind, at_key)
        if key not in kept:
            kept[key] = (row.id, bool(row.justified))
        elif row.justified and not kept[key][1]:
            dropped.append(kept[key][0])  # the justified one tells more: keep it
            kept[key] = (row.id, True)
        else:
            dropped.append(row.id)
    for start in range(0, len(dropped), 500):
        connection.execute(absence.delete().where(absence.c.id.in_(dropped[start : start + 500])))


def upgrade() -> None:
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("at_key", sa.String(length=5), nullable=False, server_default="")
        )
    _merge_duplicate_absences(op.get_bind())
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.alter_column("at_key", server_default=None)
        batch_op.create_unique_constraint(
            "uq_absence_same", ["child_id", "starts_on", "kind", "at_key"]
        )

    op.create_table(
        "formsubmission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", portail_famille.models.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(["user_id"], ["useraccount.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token", name="uq_formsubmission_token"),
    )
    with op.batch_alter_table("formsubmission", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_formsubmission_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_formsubmission_user_id"), ["user_id"])


def downgrade() -> None:
    with op.batch_alter_table("formsubmission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_formsubmission_user_id"))
        batch_op.drop_index(batch_op.f("ix_formsubmission_created_at"))
    op.drop_table("formsubmission")
    with op.batch_alter_table("absence", schema=None) as batch_op:
        batch_op.drop_constraint("uq_absence_same", type_="unique")
        batch_op.drop_column("at_key")
