"""Sign-in throttles as deployed: behind the HTTPS proxy, and with strangers guessing at an account.

Every family reaches the portal through the same proxy; its X-Forwarded-For must separate them,
and a stranger's wrong passwords must not lock out the owner's own browser.
"""

import uuid
from collections.abc import Callable, Iterator
from functools import cache

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, delete
from starlette.testclient import TestClient

from portail_famille.api.routes import create_api
from portail_famille.db import dispose_cached_engine
from portail_famille.models import ThrottleEvent, UserAccount
from portail_famille.services.passwords import hash_password
from portail_famille.services.tickets import TICKET_PATH, issue_ticket

pytestmark = pytest.mark.db

ORIGIN = {"origin": "http://testserver"}
PASSWORD = "Quatre-saisons-au-lac"
PROXY = ("10.0.0.2", 40000)  # the HTTPS proxy in front of the portal, as the portal sees it
HOME = "/famille"
WAIT = "/connexion?erreur=attente"
WRONG = "/connexion?erreur=identifiants"


@cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def behind_proxy(portal_env: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("PORTAIL_TRUSTED_PROXIES", "10.0.0.0/8")
    dispose_cached_engine()
    yield
    monkeypatch.delenv("PORTAIL_TRUSTED_PROXIES")
    dispose_cached_engine()


@pytest.fixture
def browser(portal_env: None) -> Callable[..., TestClient]:
    """A browser of its own (its own cookie jar), reaching the portal from `peer`."""

    def open_browser(peer: tuple[str, int] = ("192.0.2.10", 50000)) -> TestClient:
        return TestClient(
            create_api(), base_url="http://testserver", follow_redirects=False, client=peer
        )

    return open_browser


@pytest.fixture
def new_parent(demo_engine: Engine) -> Iterator[Callable[[], UserAccount]]:
    def make() -> UserAccount:
        user = UserAccount(
            email=f"parent-{uuid.uuid4().hex[:12]}@example.org",
            display_name="Parent de test",
            password_hash=_password_hash(),
        )
        with Session(demo_engine, expire_on_commit=False) as session:
            session.add(user)
            session.commit()
        return user

    yield make
    with Session(demo_engine) as session:
        session.exec(delete(ThrottleEvent))
        session.commit()


def _sign_in(
    client: TestClient, email: str, password: str, forwarded_for: str | None = None
) -> str:
    headers = {**ORIGIN, **({"x-forwarded-for": forwarded_for} if forwarded_for else {})}
    response = client.post(
        "/api/auth/signin", data={"email": email, "password": password}, headers=headers
    )
    return response.headers["location"]


def _signed_out(client: TestClient) -> TestClient:
    """The browser signed out: its session is gone, what it remembers about itself stays."""
    client.post("/api/auth/signout", headers=ORIGIN)
    assert "pf_session" not in client.cookies
    return client


def test_behind_the_proxy_one_familys_failures_do_not_slow_another(
    behind_proxy: None, browser: Callable[..., TestClient], new_parent: Callable[[], UserAccount]
) -> None:
    here, neighbour = new_parent(), new_parent()
    noisy = browser(PROXY)
    for _ in range(30):  # a school's worth of free failures, each on another address
        stranger = f"nobody-{uuid.uuid4().hex[:10]}@example.org"
        assert _sign_in(noisy, stranger, "Not-it-1", "203.0.113.5") == WRONG
    assert _sign_in(browser(PROXY), here.email, PASSWORD, "203.0.113.5") == WAIT
    assert _sign_in(browser(PROXY), neighbour.email, PASSWORD, "198.51.100.9") == HOME
    # A client that writes its own header before the proxy's gets no other bucket for it.
    spoofed = "198.51.100.77, 203.0.113.5"
    assert _sign_in(browser(PROXY), here.email, PASSWORD, spoofed) == WAIT


def test_the_owners_browser_signs_in_whatever_strangers_tried(
    browser: Callable[..., TestClient], new_parent: Callable[[], UserAccount]
) -> None:
    owner = new_parent()
    own = browser(("192.0.2.10", 50000))
    assert _sign_in(own, owner.email, PASSWORD) == HOME  # signed in here before
    _signed_out(own)
    attacker = browser(("198.51.100.66", 50000))
    for _ in range(8):
        _sign_in(attacker, owner.email, "Not-the-password-1")
    assert _sign_in(attacker, owner.email, PASSWORD) == WAIT  # the account stays locked to him
    assert _sign_in(own, owner.email, PASSWORD) == HOME
    # The browser's own wrong guesses still slow it, on its own.
    _signed_out(own)
    for _ in range(5):
        _sign_in(own, owner.email, "Not-the-password-1")
    assert _sign_in(own, owner.email, PASSWORD) == WAIT


def test_a_cookie_vouches_for_its_own_account_only(
    browser: Callable[..., TestClient], new_parent: Callable[[], UserAccount]
) -> None:
    owner, target = new_parent(), new_parent()
    shared = browser()
    assert _sign_in(shared, owner.email, PASSWORD) == HOME
    attacker = browser(("198.51.100.66", 50000))
    for _ in range(8):
        _sign_in(attacker, target.email, "Not-the-password-1")
    assert _sign_in(_signed_out(shared), target.email, PASSWORD) == WAIT
    forged = shared.cookies["pf_device"].replace(".", ".x", 1)
    shared.cookies.set("pf_device", forged)
    for _ in range(8):
        _sign_in(attacker, owner.email, "Not-the-password-1")
    assert _sign_in(shared, owner.email, PASSWORD) == WAIT


def test_after_a_code_by_email_the_browser_is_known(
    browser: Callable[..., TestClient], demo_engine: Engine, new_parent: Callable[[], UserAccount]
) -> None:
    owner = new_parent()
    attacker = browser(("198.51.100.66", 50000))
    for _ in range(8):
        _sign_in(attacker, owner.email, "Not-the-password-1")
    own = browser()
    assert _sign_in(own, owner.email, PASSWORD) == WAIT  # a browser never seen: locked as well
    tab = "1e2d3c4b-aaaa-bbbb-cccc-0123456789ab"
    with Session(demo_engine) as session:  # the forgotten-password code, then its ticket
        ticket = issue_ticket(session, owner, remember=False, tab=tab)
        session.commit()
    redeemed: httpx.Response = own.post(TICKET_PATH, data={"t": ticket, "tab": tab}, headers=ORIGIN)
    assert redeemed.headers["location"] == HOME
    assert _sign_in(_signed_out(own), owner.email, PASSWORD) == HOME
