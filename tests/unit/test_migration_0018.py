"""Migration 0018 merges absences recorded twice before it makes them unique."""

from datetime import date, time

import pytest
from sqlalchemy import Date, Time, bindparam, text
from sqlmodel import Session, select

from alembic import command
from portail_famille.db import make_engine
from portail_famille.migrations import alembic_config, upgrade_to_head
from portail_famille.models import Absence
from portail_famille.services.demo import load_demo

pytestmark = pytest.mark.db

COPY = """
INSERT INTO absence (organisation_id, school_id, child_id, starts_on, ends_on, kind, at_time,
    source, reason_id, reason_text, justified, created_by_user_id, created_at)
SELECT organisation_id, school_id, child_id, :day, :day, :kind, :at, :source, NULL, '',
    :justified, NULL, created_at FROM absence WHERE id = :model
"""


def test_duplicates_are_merged_keeping_the_justified_one(empty_database_url: str) -> None:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
        model = session.exec(select(Absence)).first()
        assert model is not None
        child_id = model.child_id
    engine.dispose()
    command.downgrade(alembic_config(empty_database_url), "0013")
    engine = make_engine(empty_database_url)
    day, late = date(2027, 3, 1), time(8, 30)
    rows = [  # (kind, at, source, justified)
        ("full_day", None, "school", False),
        ("full_day", None, "family", True),  # the family had declared it: kept
        ("full_day", None, "school", False),
        ("late_arrival", late, "school", False),
        ("late_arrival", late, "school", False),
        ("late_arrival", time(9, 0), "school", False),  # another time: another absence
    ]
    with engine.begin() as connection:
        for kind, at, source, justified in rows:
            connection.execute(
                text(COPY).bindparams(bindparam("day", type_=Date), bindparam("at", type_=Time)),
                {
                    "day": day,
                    "kind": kind,
                    "at": at,
                    "source": source,
                    "justified": justified,
                    "model": model.id,
                },
            )
    engine.dispose()
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        left = session.exec(
            select(Absence).where(Absence.child_id == child_id, Absence.starts_on == day)
        ).all()
        assert sorted((a.kind, a.at_key, a.source, a.justified) for a in left) == [
            ("full_day", "", "family", True),
            ("late_arrival", "08:30", "school", False),
            ("late_arrival", "09:00", "school", False),
        ]
    engine.dispose()
