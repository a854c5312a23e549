"""The migrations build exactly the tables the models describe, and undo cleanly."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from alembic import command
from portail_famille.db import make_engine
from portail_famille.migrations import alembic_config, upgrade_to_head

pytestmark = pytest.mark.db


def test_migrations_match_the_models(empty_database_url: str) -> None:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_downgrade_removes_every_table(empty_database_url: str) -> None:
    upgrade_to_head(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "base")
    engine = make_engine(empty_database_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_the_demo_goes_down_and_up_again_with_its_rows(empty_database_url: str) -> None:
    """A table SQLite rebuilds (0017 widens school years) keeps the rows that point at it: the
    demo's enrolments still name their year after going back before it and up again."""
    from sqlmodel import Session, func, select

    from portail_famille.models import Enrolment, SchoolYear
    from portail_famille.services.demo import load_demo

    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        assert load_demo(session)
        session.commit()
        years = session.exec(select(func.count()).select_from(SchoolYear)).one()
        enrolments = session.exec(select(func.count()).select_from(Enrolment)).one()
    engine.dispose()
    command.downgrade(alembic_config(empty_database_url), "0016")
    command.upgrade(alembic_config(empty_database_url), "head")
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SchoolYear)).one() == years
        assert session.exec(select(func.count()).select_from(Enrolment)).one() == enrolments
    engine.dispose()
