"""A private demo database for the tests that drive tabs (they sign in, read health data, audit),
and the two state managers a deployment uses: in-process and Redis."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from reflex.istate.manager import StateManager
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.redis import StateManagerRedis
from sqlmodel import Session

from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.services import sessions
from portail_famille.services.demo import load_demo
from tests.accounts import account
from tests.databases import fresh_database_url

REDIS_URL = os.environ.get("REFLEX_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="module")
def tab_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = fresh_database_url(tmp_path_factory.mktemp("tabs"))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        assert load_demo(session)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture
def tab_db(tab_database_url: str, point_portal_at: Callable[[str], None]) -> Iterator[Session]:
    point_portal_at(tab_database_url)
    engine = make_engine(tab_database_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def signed_in(session: Session, email: str) -> str:
    """A fresh session token for `email`, as the sign-in route would set in the cookie."""
    new = sessions.open_session(session, account(session, email), remember=False)
    session.commit()
    return new.token


def redis_manager() -> StateManager:
    import redis.asyncio

    client = redis.asyncio.Redis.from_url(REDIS_URL)
    return StateManagerRedis(redis=client, token_expiration=600, lock_expiration=10_000)  # type: ignore[abstract]


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


MANAGERS: dict[str, Callable[[], StateManager]] = {
    "memory": StateManagerMemory,
    "redis": redis_manager,
}


def manager_params() -> list[object]:
    return [
        pytest.param("memory"),
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(not _redis_answers(), reason=f"no Redis at {REDIS_URL}"),
        ),
    ]


def new_token() -> str:
    return str(uuid.uuid4())
