"""Fixtures of the services: the portal's mail on a loopback SMTP server, fresh accounts, and a
fresh demo database for services whose tests commit (imports, letters)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from portail_famille.db import dispose_cached_engine, make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import UserAccount
from portail_famille.services.demo import DEMO_PASSWORD, load_demo
from portail_famille.services.passwords import hash_password
from tests.accounts import NewAccount
from tests.smtp import Mailbox, smtp_server


@pytest.fixture
def mailbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    """What the portal sends during the test, as a real SMTP server on loopback received it."""
    with smtp_server() as (url, box):
        monkeypatch.setenv("PORTAIL_SMTP_URL", url)
        dispose_cached_engine()
        yield box
        monkeypatch.delenv("PORTAIL_SMTP_URL")
        dispose_cached_engine()


@cache
def _demo_password_hash() -> str:
    return hash_password(DEMO_PASSWORD)  # Argon2 is slow on purpose: once is enough


@pytest.fixture
def new_account(session: Session) -> NewAccount:
    """Opens an account (password DEMO_PASSWORD) as sign-up would: no child claimed yet."""

    def make(email: str) -> UserAccount:
        user = UserAccount(email=email, display_name=email, password_hash=_demo_password_hash())
        session.add(user)
        session.flush()
        return user

    return make


@pytest.fixture
def engine(empty_database_url: str) -> Iterator[Engine]:
    upgrade_to_head(empty_database_url)
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    yield engine
    engine.dispose()
