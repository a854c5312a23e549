"""Sign-in and sign-out as a browser does them: form posts answered by redirects and cookies."""

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from portail_famille.api.routes import create_api
from portail_famille.models import AuditEntry, AuthSession, UserAccount
from portail_famille.services import sessions
from portail_famille.services.demo import (
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    GUARDIAN_WITHOUT_ACCOUNT_EMAIL,
    PARENT_EMAIL,
)

pytestmark = pytest.mark.db

ORIGIN = {"origin": "http://testserver"}


@pytest.fixture
def client(portal_env: None) -> TestClient:
    return TestClient(create_api(), base_url="http://testserver", follow_redirects=False)


def _sign_in(client: TestClient, email: str, password: str, **extra: str):
    return client.post(
        "/api/auth/signin", data={"email": email, "password": password, **extra}, headers=ORIGIN
    )


def test_a_parent_signs_in_with_an_httponly_cookie_and_lands_home(
    client: TestClient, session: Session
) -> None:
    response = _sign_in(client, PARENT_EMAIL, DEMO_PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "/famille"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("pf_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Max-Age" not in cookie  # without "stay signed in", it dies with the browser
    token = cookie.split(";")[0].split("=", 1)[1]
    assert session.exec(select(AuthSession).where(AuthSession.token_hash == token)).first() is None
    user = sessions.user_for_token(session, token)
    assert user is not None and user.email == PARENT_EMAIL


def test_stay_signed_in_keeps_the_cookie_30_days(client: TestClient) -> None:
    response = _sign_in(client, PARENT_EMAIL, DEMO_PASSWORD, remember="on")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("pf_session="))
    assert f"Max-Age={30 * 24 * 3600}" in cookie


def test_staff_land_in_the_console(client: TestClient) -> None:
    response = _sign_in(client, COMMUNE_AGENT_EMAIL, DEMO_PASSWORD)
    assert response.headers["location"] == "/console"


@pytest.mark.parametrize(
    ("email", "password"),
    [
        (PARENT_EMAIL, "wrong password!"),
        ("nobody-here@example.org", DEMO_PASSWORD),
        (GUARDIAN_WITHOUT_ACCOUNT_EMAIL, DEMO_PASSWORD),
        ("", ""),
    ],
)
def test_every_failure_gets_the_same_answer_and_no_cookie(
    client: TestClient, email: str, password: str
) -> None:
    response = _sign_in(client, email, password)
    assert response.status_code == 303
    assert response.headers["location"] == "/connexion?erreur=identifiants"
    assert "pf_session" not in response.headers.get("set-cookie", "")


def test_failures_are_audited(client: TestClient, session: Session) -> None:
    marie = session.exec(select(UserAccount).where(UserAccount.email == PARENT_EMAIL)).one()
    before = len(
        session.exec(
            select(AuditEntry).where(
                AuditEntry.action == "auth.sign_in_failed", AuditEntry.actor_user_id == marie.id
            )
        ).all()
    )
    _sign_in(client, PARENT_EMAIL, "wrong password!")
    session.expire_all()
    after = session.exec(
        select(AuditEntry).where(
            AuditEntry.action == "auth.sign_in_failed", AuditEntry.actor_user_id == marie.id
        )
    ).all()
    assert len(after) == before + 1


def test_a_form_posted_from_another_site_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/auth/signin",
        data={"email": PARENT_EMAIL, "password": DEMO_PASSWORD},
        headers={"origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "set-cookie" not in response.headers


def test_sign_out_ends_the_session_on_the_server(client: TestClient, session: Session) -> None:
    signed_in = _sign_in(client, PARENT_EMAIL, DEMO_PASSWORD)
    token = signed_in.cookies["pf_session"]
    client.cookies.set("pf_session", token)
    response = client.post("/api/auth/signout", headers=ORIGIN)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert 'pf_session=""' in response.headers["set-cookie"]
    session.expire_all()
    assert sessions.user_for_token(session, token) is None


def test_sign_out_everywhere_ends_every_session(client: TestClient, session: Session) -> None:
    phone = _sign_in(client, PARENT_EMAIL, DEMO_PASSWORD).cookies["pf_session"]
    client.cookies.clear()  # another browser: this one's sign-in would end the phone's session
    laptop = _sign_in(client, PARENT_EMAIL, DEMO_PASSWORD).cookies["pf_session"]
    assert sessions.user_for_token(session, phone) is not None
    client.cookies.set("pf_session", laptop)
    client.post("/api/auth/signout", data={"everywhere": "1"}, headers=ORIGIN)
    session.expire_all()
    assert sessions.user_for_token(session, phone) is None
    assert sessions.user_for_token(session, laptop) is None
