"""The ticket hop to a session cookie, and sign-in throttling as a browser meets them."""

import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from functools import cache

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, delete, select
from starlette.testclient import TestClient

from portail_famille.api.routes import create_api
from portail_famille.models import AccountStatus, ThrottleEvent, UserAccount
from portail_famille.services import sessions
from portail_famille.services.passwords import hash_password
from portail_famille.services.tickets import TICKET_PATH, issue_ticket

pytestmark = pytest.mark.db

ORIGIN = {"origin": "http://testserver"}
PASSWORD = "Quatre-saisons-au-lac"


@pytest.fixture
def client(portal_env: None) -> TestClient:
    return TestClient(create_api(), base_url="http://testserver", follow_redirects=False)


@cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def new_parent(demo_engine: Engine) -> Iterator[Callable[[], UserAccount]]:
    """Opens parents' accounts of their own, committed: the demo accounts stay as they are."""

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
    with Session(demo_engine) as session:  # this test's failures must not slow the next ones
        session.exec(delete(ThrottleEvent))
        session.commit()


@pytest.fixture
def parent(new_parent: Callable[[], UserAccount]) -> UserAccount:
    return new_parent()


TAB = "0b7d5c52-9a3e-4f0e-8d7c-3a1e2b4c5d6f"  # the Reflex token of the tab that asked


def _ticket(demo_engine: Engine, user: UserAccount, *, remember: bool = False) -> str:
    with Session(demo_engine) as session:
        ticket = issue_ticket(session, user, remember=remember, tab=TAB)
        session.commit()
    return ticket


def _redeem(
    client: TestClient, ticket: str, *, tab: str = TAB, headers: dict[str, str] = ORIGIN
) -> httpx.Response:
    """What the page's script does: a form post of the ticket and its tab's token."""
    return client.post(TICKET_PATH, data={"t": ticket, "tab": tab}, headers=headers)


def _session_cookie(response: httpx.Response) -> str | None:
    return next(
        (c for c in response.headers.get_list("set-cookie") if c.startswith("pf_session=")), None
    )


def _sign_in(client: TestClient, email: str, password: str) -> httpx.Response:
    return client.post(
        "/api/auth/signin", data={"email": email, "password": password}, headers=ORIGIN
    )


@pytest.mark.parametrize("remember", [False, True])
def test_a_ticket_sets_the_session_cookie_and_goes_home(
    client: TestClient, demo_engine: Engine, session: Session, parent: UserAccount, remember: bool
) -> None:
    response = _redeem(client, _ticket(demo_engine, parent, remember=remember))
    assert response.status_code == 303 and response.headers["location"] == "/famille"
    cookie = _session_cookie(response)
    assert cookie is not None and "HttpOnly" in cookie
    assert ("Max-Age" in cookie) is remember
    signed_in = sessions.user_for_token(session, response.cookies["pf_session"])
    assert signed_in is not None and signed_in.id == parent.id


def test_a_used_ticket_sends_back_to_sign_in_without_cookie(
    client: TestClient, demo_engine: Engine, parent: UserAccount
) -> None:
    ticket = _ticket(demo_engine, parent)
    assert _session_cookie(_redeem(client, ticket)) is not None
    again = _redeem(client, ticket)
    assert again.status_code == 303 and again.headers["location"] == "/connexion"
    assert _session_cookie(again) is None


@pytest.mark.parametrize("ticket", ["", f"{uuid.uuid4().hex}{uuid.uuid4().hex}", "A" * 300])
def test_a_forged_ticket_sends_back_to_sign_in_without_cookie(
    client: TestClient, ticket: str
) -> None:
    response = _redeem(client, ticket)
    assert response.status_code == 303 and response.headers["location"] == "/connexion"
    assert _session_cookie(response) is None


def test_a_ticket_of_a_disabled_account_opens_nothing(
    client: TestClient, demo_engine: Engine, parent: UserAccount
) -> None:
    ticket = _ticket(demo_engine, parent)
    with Session(demo_engine) as session:
        user = session.get(UserAccount, parent.id)
        assert user is not None
        user.status = AccountStatus.DISABLED
        session.commit()
    response = _redeem(client, ticket)
    assert response.headers["location"] == "/connexion" and _session_cookie(response) is None


def test_a_ticket_kept_from_ones_own_reset_signs_no_other_browser_in(
    client: TestClient, demo_engine: Engine, parent: UserAccount
) -> None:
    """The login CSRF: an attacker keeps his own ticket and sends a victim's browser to it."""
    ticket = _ticket(demo_engine, parent)
    link = client.get(f"{TICKET_PATH}?t={ticket}")  # a link, an image, a redirect: all GET
    assert link.headers["location"] == "/connexion" and _session_cookie(link) is None
    other_site = _redeem(client, ticket, headers={"origin": "https://evil.example"})
    assert other_site.status_code == 403 and _session_cookie(other_site) is None
    other_tab = _redeem(client, ticket, tab="the-victims-own-tab")
    assert other_tab.headers["location"] == "/connexion" and _session_cookie(other_tab) is None
    untabbed = _redeem(client, _ticket(demo_engine, parent), tab="")
    assert _session_cookie(untabbed) is None


def _time_passes(demo_engine: Engine, seconds: int) -> None:
    with Session(demo_engine) as session:
        for event in session.exec(select(ThrottleEvent)).all():
            event.at -= timedelta(seconds=seconds)
            session.add(event)
        session.commit()


def test_after_five_wrong_passwords_even_the_right_one_waits(
    client: TestClient, demo_engine: Engine, parent: UserAccount
) -> None:
    for _ in range(5):
        assert _sign_in(client, parent.email, "Not-the-password-1").headers["location"] == (
            "/connexion?erreur=identifiants"
        )
    response = _sign_in(client, parent.email, PASSWORD)
    assert response.headers["location"] == "/connexion?erreur=attente"
    assert _session_cookie(response) is None
    _time_passes(demo_engine, 3)
    assert _sign_in(client, parent.email, PASSWORD).headers["location"] == "/famille"


def test_an_unknown_address_is_throttled_the_same_way(
    client: TestClient, parent: UserAccount
) -> None:
    """Throttling must not tell which addresses have an account."""
    stranger = f"nobody-{uuid.uuid4().hex[:12]}@example.org"
    answers = {
        email: [_sign_in(client, email, "Not-the-password-1").headers["location"] for _ in range(7)]
        for email in (parent.email, stranger)
    }
    assert answers[parent.email] == answers[stranger]
    assert answers[stranger][-1] == "/connexion?erreur=attente"


def test_one_addresss_failures_do_not_block_others_from_the_same_client(
    client: TestClient, parent: UserAccount, new_parent: Callable[[], UserAccount]
) -> None:
    neighbour = new_parent()
    for _ in range(8):
        _sign_in(client, parent.email, "Not-the-password-1")
    assert _sign_in(client, parent.email, PASSWORD).headers["location"] == (
        "/connexion?erreur=attente"
    )
    assert _sign_in(client, neighbour.email, PASSWORD).headers["location"] == "/famille"
