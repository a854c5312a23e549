"""Social sign-in, full round trips through a real OpenID Connect provider on loopback.

The portal's own database here is a fresh demo (accounts get created); the provider is
oidc-provider-mock with a registered client, so the client secret and redirect URI are checked.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from portail_famille.api.routes import create_api
from portail_famille.db import dispose_cached_engine, make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    AccountStatus,
    AuditEntry,
    ExternalIdentity,
    OidcLogin,
    UserAccount,
)
from portail_famille.services import sessions
from portail_famille.services.access import guardian_links
from portail_famille.services.demo import GUARDIAN_WITHOUT_ACCOUNT_EMAIL, PARENT_EMAIL, load_demo
from tests.databases import fresh_database_url
from tests.oidc_provider import MockProvider, mock_provider

pytestmark = pytest.mark.db

BASE = "http://testserver"
CALLBACK = f"{BASE}/api/auth/oidc/test/callback"


@pytest.fixture(scope="module")
def provider() -> Iterator[MockProvider]:
    with mock_provider(require_client_registration=True) as running:
        yield running


@pytest.fixture(scope="module")
def registered_client(provider: MockProvider) -> tuple[str, str]:
    return provider.register_client(CALLBACK)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    """A demo database of this module's own: these tests create accounts."""
    url = fresh_database_url(Path(tmp_path_factory.mktemp("oidc")))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    yield url, engine
    engine.dispose()


@pytest.fixture
def db(database: tuple[str, Engine]) -> Iterator[Session]:
    with Session(database[1], expire_on_commit=False) as session:
        yield session


@pytest.fixture
def client(
    monkeypatch: pytest.MonkeyPatch,
    database: tuple[str, Engine],
    provider: MockProvider,
    registered_client: tuple[str, str],
) -> Iterator[TestClient]:
    client_id, secret = registered_client
    for name, value in {
        "PORTAIL_DATABASE_URL": database[0],
        "PORTAIL_BASE_URL": BASE,
        "PORTAIL_OIDC_TEST_ISSUER": provider.issuer,
        "PORTAIL_OIDC_TEST_CLIENT_ID": client_id,
        "PORTAIL_OIDC_TEST_CLIENT_SECRET": secret,
        "PORTAIL_OIDC_TEST_LABEL": "Fournisseur test",
    }.items():
        monkeypatch.setenv(name, value)
    dispose_cached_engine()
    yield TestClient(create_api(), base_url=BASE, follow_redirects=False)
    dispose_cached_engine()


def _round_trip(client: TestClient, provider: MockProvider, subject: str, query: str = ""):
    """Login, the provider's form as `subject`, then the callback: the portal's last answer."""
    start = client.get(f"/api/auth/oidc/test/login{query}")
    assert start.status_code == 303, start.text
    back = provider.authorize(start.headers["location"], subject)
    assert back.startswith(f"{CALLBACK}?")
    return client.get(back)


def _session_cookie(response) -> str | None:
    return response.cookies.get(sessions.COOKIE_NAME)


def _set_cookie(response, name: str) -> str:
    return next(c for c in response.headers.get_list("set-cookie") if c.startswith(f"{name}="))


def _refused_with(response, code: str) -> None:
    assert response.status_code == 303
    assert response.headers["location"] == f"/connexion?erreur={code}"
    assert _session_cookie(response) is None


def test_a_verified_email_on_file_signs_in_and_lands_home(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    response = _round_trip(client, provider, subject)
    assert response.status_code == 303 and response.headers["location"] == "/famille"
    user = sessions.user_for_token(db, _session_cookie(response))
    assert user is not None and user.email == PARENT_EMAIL
    identity = db.exec(select(ExternalIdentity).where(ExternalIdentity.subject == subject)).one()
    assert identity.user_id == user.id and identity.provider == "test"
    assert "Max-Age" not in _set_cookie(response, "pf_session")  # no "stay signed in" asked


def test_stay_signed_in_is_kept_through_the_provider(
    client: TestClient, provider: MockProvider
) -> None:
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    response = _round_trip(client, provider, subject, "?remember=1")
    assert f"Max-Age={30 * 24 * 3600}" in _set_cookie(response, "pf_session")


def test_a_guardian_registered_by_staff_gets_an_account_without_children(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    subject = provider.add_person(GUARDIAN_WITHOUT_ACCOUNT_EMAIL.upper(), verified=True)
    response = _round_trip(client, provider, subject)
    assert response.headers["location"] == "/famille"
    user = sessions.user_for_token(db, _session_cookie(response))
    assert user is not None and user.id is not None
    assert (user.email, user.display_name) == (GUARDIAN_WITHOUT_ACCOUNT_EMAIL, "Luc Gagnon")
    assert user.password_hash is None
    assert guardian_links(db, user.id) == []  # children are claimed elsewhere, with proof


def test_a_verified_email_nobody_registered_gets_no_account(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    subject = provider.add_person("inconnu@example.org", verified=True)
    _refused_with(_round_trip(client, provider, subject), "oidc_inconnu")
    assert (
        db.exec(select(UserAccount).where(UserAccount.email == "inconnu@example.org")).first()
        is None
    )
    assert (
        db.exec(select(ExternalIdentity).where(ExternalIdentity.subject == subject)).first() is None
    )


@pytest.mark.parametrize("email", [PARENT_EMAIL, "sophie.roy@example.org"])
def test_an_unverified_email_is_refused(
    client: TestClient, provider: MockProvider, db: Session, email: str
) -> None:
    subject = provider.add_person(email, verified=False)
    _refused_with(_round_trip(client, provider, subject), "oidc_non_verifie")
    assert (
        db.exec(select(UserAccount).where(UserAccount.email == "sophie.roy@example.org")).first()
        is None
    )


def test_a_known_identity_signs_in_again_whatever_email_it_shows_now(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    assert _round_trip(client, provider, subject).headers["location"] == "/famille"
    provider.set_claims(subject, {"email": "autre@example.org", "email_verified": False})
    again = _round_trip(client, provider, subject)
    user = sessions.user_for_token(db, _session_cookie(again))
    assert user is not None and user.email == PARENT_EMAIL


def test_a_disabled_account_never_signs_in(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    jean = db.exec(select(UserAccount).where(UserAccount.email == "jean.cote@example.org")).one()
    subject = provider.add_person(jean.email, verified=True)
    assert _round_trip(client, provider, subject).headers["location"] == "/famille"
    jean.status = AccountStatus.DISABLED
    db.add(jean)
    db.commit()
    try:
        _refused_with(_round_trip(client, provider, subject), "oidc_desactive")
    finally:
        jean.status = AccountStatus.ACTIVE
        db.add(jean)
        db.commit()


def _login_and_authorize(client: TestClient, provider: MockProvider) -> str:
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    start = client.get("/api/auth/oidc/test/login")
    return provider.authorize(start.headers["location"], subject)


def test_a_tampered_state_is_refused(client: TestClient, provider: MockProvider) -> None:
    back = _login_and_authorize(client, provider)
    state = parse_qs(urlsplit(back).query)["state"][0]
    tampered = back.replace(f"state={state}", f"state={state[:-2]}xy")
    _refused_with(client.get(tampered), "oidc_echec")


def test_a_state_is_spent_at_first_use(client: TestClient, provider: MockProvider) -> None:
    back = _login_and_authorize(client, provider)
    assert client.get(back).headers["location"] == "/famille"
    _refused_with(client.get(back), "oidc_echec")


def test_a_callback_from_another_browser_is_refused(
    client: TestClient, provider: MockProvider
) -> None:
    back = _login_and_authorize(client, provider)
    client.cookies.clear()
    _refused_with(client.get(back), "oidc_echec")


def test_the_login_carries_pkce_nonce_and_a_bound_state(client: TestClient, db: Session) -> None:
    start = client.get("/api/auth/oidc/test/login")
    cookie = _set_cookie(start, "pf_oidc")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Path=/api/auth/oidc" in cookie
    query = {k: v[0] for k, v in parse_qs(urlsplit(start.headers["location"]).query).items()}
    assert query["redirect_uri"] == CALLBACK and query["code_challenge_method"] == "S256"
    state_hash = hashlib.sha256(query["state"].encode()).hexdigest()
    row = db.exec(select(OidcLogin).where(OidcLogin.state_hash == state_hash)).one()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(row.code_verifier.encode()).digest())
    assert query["code_challenge"] == challenge.rstrip(b"=").decode()
    assert query["nonce"] == row.nonce and query["state"] not in cookie


def test_a_wrong_client_secret_fails_at_the_code_exchange(
    client: TestClient, provider: MockProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAIL_OIDC_TEST_CLIENT_SECRET", "not-the-secret")
    subject = provider.add_person(PARENT_EMAIL, verified=True)
    _refused_with(_round_trip(client, provider, subject), "oidc_echec")


def test_an_unknown_provider_is_not_found(client: TestClient) -> None:
    assert client.get("/api/auth/oidc/nowhere/login").status_code == 404


def test_refusals_are_audited_with_their_reason(
    client: TestClient, provider: MockProvider, db: Session
) -> None:
    subject = provider.add_person("personne@example.org", verified=True)
    _round_trip(client, provider, subject)
    entries = db.exec(select(AuditEntry).where(AuditEntry.action == "auth.oidc_refused")).all()
    assert {"provider": "test", "reason": "unknown"} in [entry.detail for entry in entries]
