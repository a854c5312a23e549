"""A fresh demo database per test, for services whose tests commit (imports, letters)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.services.demo import load_demo


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    yield engine
    engine.dispose()
