"""Shared fixtures: a migrated database with the demo families, and the settings pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from portail_famille.db import dispose_cached_engine, make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.services.demo import load_demo
from tests.databases import drop_created_schemas, fresh_database_url


@pytest.fixture(scope="session")
def demo_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = fresh_database_url(tmp_path_factory.mktemp("db"))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        assert load_demo(session)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def demo_engine(demo_database_url: str) -> Iterator[Engine]:
    engine = make_engine(demo_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(demo_engine: Engine) -> Iterator[Session]:
    """A session on the demo database; what a test writes is rolled back after it."""
    with Session(demo_engine, expire_on_commit=False) as db_session:
        yield db_session
        db_session.rollback()


@pytest.fixture
def point_portal_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Points the app's settings and engine at a database for this test."""

    def point(url: str) -> None:
        monkeypatch.setenv("PORTAIL_DATABASE_URL", url)
        dispose_cached_engine()

    yield point
    dispose_cached_engine()


@pytest.fixture
def portal_env(demo_database_url: str, point_portal_at: Callable[[str], None]) -> None:
    point_portal_at(demo_database_url)


@pytest.fixture
def empty_database_url(tmp_path: Path) -> str:
    return fresh_database_url(tmp_path)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    drop_created_schemas()
