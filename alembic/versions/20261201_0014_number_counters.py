"""number counters: one row per organisation, kind and year, seeded from the numbers given

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 22:30:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The shapes services/numbering.py writes: (kind, table, column, pattern, floor). A yearly pattern
# captures (year, value); file numbers never reset (year 0) and start after 1000000.
_SERIES = (
    ('receipt', 'payment', 'receipt_number', re.compile(r'^R(\d{4})-(\d+)$'), 0),
    ('invoice', 'invoice', 'number', re.compile(r'^(\d{4})-(\d+)$'), 0),
    ('file_number', 'child', 'file_number', re.compile(r'^()(\d+)$'), 1_000_000),
)


def upgrade() -> None:
    counters = op.create_table('numbercounter',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('organisation_id', 'kind', 'year')
    )
    connection = op.get_bind()
    highest: dict[tuple[int, str, int], int] = {}
    for kind, table, column, pattern, floor in _SERIES:
        rows = connection.execute(sa.text(f'SELECT organisation_id, {column} FROM {table}'))
        for organisation_id, number in rows:
            match = pattern.match(number or '')
            if match:
                key = (organisation_id, kind, int(match.group(1) or 0))
                highest[key] = max(highest.get(key, floor), int(match.group(2)))
    op.bulk_insert(counters, [
        {'organisation_id': o, 'kind': k, 'year': y, 'value': v}
        for (o, k, y), v in sorted(highest.items())
    ])


def downgrade() -> None:
    op.drop_table('numbercounter')
