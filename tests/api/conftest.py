"""Shared by the route tests. The payment route tests (Stripe webhook, payments in flight,
concurrent webhooks) each get a demo database of their module's own (they commit payments), the
loopback Stripe-compatible and SMTP servers, and the portal's routes served on loopback."""

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, delete

from portail_famille.api.routes import create_api
from portail_famille.api.stripe_webhook import WEBHOOK_PATH
from portail_famille.db import dispose_cached_engine, make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import ThrottleEvent
from portail_famille.services.demo import load_demo
from tests.databases import fresh_database_url
from tests.smtp import Mailbox, smtp_server
from tests.stripe_server import SECRET_KEY, StripeServer, serve, stripe_server


@pytest.fixture(autouse=True)
def no_past_failures(demo_engine: Engine) -> Iterator[None]:
    """Each test starts with no failed guesses on record, so throttling is what it tests."""
    with Session(demo_engine) as session:
        session.exec(delete(ThrottleEvent))
        session.commit()
    yield


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    """A demo database of this test module's own: these tests commit payments."""
    url = fresh_database_url(tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def stripe() -> Iterator[StripeServer]:
    with stripe_server() as server:
        yield server


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with smtp_server() as (url, box):
        box.url = url
        yield box


@pytest.fixture
def portal(
    database_url: str, stripe: StripeServer, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The portal's routes on loopback, configured for the loopback Stripe and SMTP servers."""
    monkeypatch.setenv("PORTAIL_DATABASE_URL", database_url)
    monkeypatch.setenv("PORTAIL_SMTP_URL", mailbox.url)
    monkeypatch.setenv("STRIPE_SECRET_KEY", SECRET_KEY)  # Stripe's own names are accepted
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", stripe.webhook_secret)
    monkeypatch.setenv("PORTAIL_STRIPE_API_BASE", stripe.url)
    dispose_cached_engine()
    with serve(create_api()) as url:
        stripe.webhook_url = f"{url}{WEBHOOK_PATH}"
        yield url
    dispose_cached_engine()


@pytest.fixture
def db(portal: str, database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()
