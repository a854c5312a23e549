"""Staff sign-in with a second factor, through the real routes: the password alone opens nothing.

The demo administrator has an authenticator (services/demo_second_factor.py); the audit CSV is
a console route only administrators reach, so it shows what a session can open.
"""

from collections.abc import Iterator

import pyotp
import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from portail_famille.api.audit_export import AUDIT_CSV_PATH
from portail_famille.db import session_scope
from portail_famille.models import RecoveryCode, TotpFactor, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.pages.records_admin_routes import register
from portail_famille.services import recovery_codes, sessions
from portail_famille.services.demo import ADMIN_EMAIL, DEMO_PASSWORD
from portail_famille.services.demo_second_factor import DEMO_TOTP_SECRET
from portail_famille.services.sealing import seal
from tests.second_factor import ORIGIN, forget_last_code

pytestmark = pytest.mark.db


class _App:
    def __init__(self) -> None:
        from portail_famille.api.routes import create_api

        self.api_transformer = create_api()

    def add_page(self, *_args: object, **_kwargs: object) -> None:
        return None


@pytest.fixture
def client(portal_env: None) -> TestClient:
    app = _App()
    register(app)  # type: ignore[arg-type]
    return TestClient(app.api_transformer, base_url="http://testserver", follow_redirects=False)


@pytest.fixture
def admin_id(portal_env: None) -> Iterator[int]:
    with session_scope() as session:
        admin = session.exec(select(UserAccount).where(UserAccount.email == ADMIN_EMAIL)).one()
        assert admin.id is not None
        admin_id = admin.id
    forget_last_code(admin_id)
    yield admin_id
    with session_scope() as session:  # leave the demo as found: the factor, no recovery codes
        recovery_codes.forget(session, admin_id)
        if session.exec(select(TotpFactor).where(TotpFactor.user_id == admin_id)).first() is None:
            session.add(
                TotpFactor(
                    user_id=admin_id, secret_sealed=seal(DEMO_TOTP_SECRET), confirmed_at=utcnow()
                )
            )
    forget_last_code(admin_id)


def _password(client: TestClient):
    return client.post(
        "/api/auth/signin", data={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD}, headers=ORIGIN
    )


def _code(client: TestClient, code: str):
    return client.post("/api/auth/second-factor", data={"code": code}, headers=ORIGIN)


def test_staff_with_totp_needs_the_code_before_the_console(
    client: TestClient, admin_id: int
) -> None:
    signed = _password(client)
    assert signed.status_code == 303 and signed.headers["location"] == "/connexion/code"
    pending_cookie = client.cookies.get(sessions.COOKIE_NAME)
    assert pending_cookie
    assert client.get(AUDIT_CSV_PATH).status_code == 403  # the password alone opens nothing
    wrong = _code(client, "000000")
    assert wrong.headers["location"] == "/connexion/code?erreur=code"
    assert client.get(AUDIT_CSV_PATH).status_code == 403
    passed = _code(client, pyotp.TOTP(DEMO_TOTP_SECRET).now())
    assert passed.status_code == 303 and passed.headers["location"] == "/console"
    assert client.get(AUDIT_CSV_PATH).status_code == 200
    new_cookie = client.cookies.get(sessions.COOKIE_NAME)
    assert new_cookie and new_cookie != pending_cookie
    with session_scope() as session:  # the pending token is spent
        assert sessions.restricted_user_for_token(session, pending_cookie) is None


def test_a_replayed_code_is_refused(client: TestClient, admin_id: int) -> None:
    code = pyotp.TOTP(DEMO_TOTP_SECRET).now()
    _password(client)
    assert _code(client, code).headers["location"] == "/console"
    client.cookies.clear()
    _password(client)  # someone who saw the code and knows the password, a moment later
    assert _code(client, code).headers["location"] == "/connexion/code?erreur=code"
    assert client.get(AUDIT_CSV_PATH).status_code == 403


def test_a_recovery_code_works_once(client: TestClient, admin_id: int) -> None:
    with session_scope() as session:
        codes = recovery_codes.replace_all(session, admin_id)
    _password(client)
    assert _code(client, codes[0]).headers["location"] == "/console"
    client.cookies.clear()
    _password(client)
    assert _code(client, codes[0]).headers["location"] == "/connexion/code?erreur=code"
    assert client.get(AUDIT_CSV_PATH).status_code == 403
    with session_scope() as session:
        used = session.exec(
            select(RecoveryCode).where(
                RecoveryCode.user_id == admin_id,
                RecoveryCode.used_at != None,  # noqa: E711
            )
        ).all()
        assert len(used) == 1


def test_wrong_codes_are_throttled(client: TestClient, admin_id: int) -> None:
    _password(client)
    answers = [_code(client, "111111").headers["location"] for _ in range(6)]
    assert answers[-1] == "/connexion/code?erreur=attente"
    # Even the right code waits: guessing a million codes is not an option.
    assert (
        _code(client, pyotp.TOTP(DEMO_TOTP_SECRET).now())
        .headers["location"]
        .endswith("erreur=attente")
    )
    with session_scope() as session:
        from portail_famille.services import throttle

        throttle.clear(session, "second_factor", str(admin_id))


def test_an_admin_without_a_second_factor_is_refused_the_console(
    client: TestClient, admin_id: int
) -> None:
    with session_scope() as session:
        for row in session.exec(select(TotpFactor).where(TotpFactor.user_id == admin_id)).all():
            session.delete(row)
    signed = _password(client)
    assert signed.headers["location"] == "/parametres/double-authentification"
    assert client.get(AUDIT_CSV_PATH).status_code == 403
    # An earlier session, opened before the rule, opens nothing either: the check is at use.
    with session_scope() as session:
        admin = session.get(UserAccount, admin_id)
        assert admin is not None
        old = sessions.open_session(session, admin, remember=False)
    client.cookies.set(sessions.COOKIE_NAME, old.token)
    assert client.get(AUDIT_CSV_PATH).status_code == 403


def test_the_code_route_refuses_other_sites_and_full_sessions(
    client: TestClient, admin_id: int, session: Session
) -> None:
    _password(client)
    assert (
        client.post(
            "/api/auth/second-factor",
            data={"code": "1"},
            headers={"origin": "https://evil.example"},
        ).status_code
        == 403
    )
    client.cookies.clear()
    assert _code(client, "123456").headers["location"] == "/connexion"
