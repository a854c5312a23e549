"""The session cookie at rest in the browser: __Host- over HTTPS, one account per browser."""

from collections.abc import Iterator

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from portail_famille.api.cookies import session_token_from_header
from portail_famille.api.routes import create_api
from portail_famille.db import dispose_cached_engine
from portail_famille.services import sessions
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, DEMO_PASSWORD, PARENT_EMAIL

pytestmark = pytest.mark.db

ORIGIN = {"origin": "http://testserver"}


@pytest.fixture
def client(portal_env: None) -> TestClient:
    return TestClient(create_api(), base_url="http://testserver", follow_redirects=False)


@pytest.fixture
def https_client(portal_env: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The portal as deployed: its base address is https."""
    monkeypatch.setenv("PORTAIL_BASE_URL", "https://portail.example.org")
    dispose_cached_engine()
    yield TestClient(create_api(), base_url="https://portail.example.org", follow_redirects=False)
    monkeypatch.delenv("PORTAIL_BASE_URL")
    dispose_cached_engine()


def _sign_in(client: TestClient, email: str, origin: str = "http://testserver"):
    return client.post(
        "/api/auth/signin",
        data={"email": email, "password": DEMO_PASSWORD},
        headers={"origin": origin},
    )


def test_over_https_the_session_cookie_is_a_host_cookie(https_client: TestClient) -> None:
    response = _sign_in(https_client, PARENT_EMAIL, origin="https://portail.example.org")
    assert response.headers["location"] == "/famille"
    cookie = next(c for c in response.headers.get_list("set-cookie") if "_session=" in c)
    assert cookie.startswith("__Host-pf_session=")
    attributes = [part.strip().lower() for part in cookie.split(";")]
    assert "secure" in attributes and "path=/" in attributes and "httponly" in attributes
    assert not [a for a in attributes if a.startswith("domain=")]
    token = cookie.split(";")[0].split("=", 1)[1]
    assert session_token_from_header(f"__Host-pf_session={token}") == token
    # One planted without the prefix (by a subdomain, say) is not read at all.
    assert session_token_from_header(f"pf_session={token}") is None


def test_signing_in_as_someone_else_ends_the_first_session(
    client: TestClient, session: Session
) -> None:
    first = _sign_in(client, PARENT_EMAIL).cookies["pf_session"]
    client.cookies.set("pf_session", first)
    second = _sign_in(client, COMMUNE_AGENT_EMAIL).cookies["pf_session"]
    session.expire_all()
    assert sessions.user_for_token(session, first) is None
    signed_in = sessions.user_for_token(session, second)
    assert signed_in is not None and signed_in.email == COMMUNE_AGENT_EMAIL
