"""A real OpenID Connect provider on loopback (oidc-provider-mock), for tests to sign in through."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

import flask
import httpx
import oidc_provider_mock
from authlib import jose

# The provider logs every code it issues; tests need only failures.
logging.getLogger("oidc_provider_mock").setLevel(logging.WARNING)
logging.getLogger("werkzeug").setLevel(logging.WARNING)


@dataclass(frozen=True)
class MockProvider:
    issuer: str

    def register_client(self, redirect_uri: str) -> tuple[str, str]:
        """A client the provider knows, allowed only `redirect_uri`: (client id, secret)."""
        response = httpx.post(
            f"{self.issuer}/oauth2/clients", json={"redirect_uris": [redirect_uri]}
        )
        response.raise_for_status()
        body = response.json()
        return body["client_id"], body["client_secret"]

    def add_person(self, email: str, *, verified: bool) -> str:
        """A new subject whose claims say `email`, verified or not; returns the subject."""
        subject = f"sub-{uuid.uuid4().hex[:12]}"
        response = httpx.put(
            f"{self.issuer}/users/{quote(subject)}",
            json={"email": email, "email_verified": verified, "name": "Test"},
        )
        assert response.status_code == 204
        return subject

    def set_claims(self, subject: str, claims: dict[str, object]) -> None:
        response = httpx.put(f"{self.issuer}/users/{quote(subject)}", json=claims)
        assert response.status_code == 204

    def rotate_key(self) -> None:
        """A new signing key published under the old key's id, as some providers rotate."""
        response = httpx.post(f"{self.issuer}/test/rotate-key")
        assert response.status_code == 204

    def authorize(self, authorization_url: str, subject: str) -> str:
        """Fills the provider's sign-in form as `subject`; returns where it sends the browser."""
        form = httpx.get(authorization_url)
        assert form.status_code == 200 and 'name="sub"' in form.text
        answer = httpx.post(authorization_url, data={"sub": subject})
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]


@contextmanager
def mock_provider(*, require_client_registration: bool) -> Iterator[MockProvider]:
    """The provider in a thread on a free port; it insists on a nonce, as real ones may."""
    with oidc_provider_mock.run_server_in_thread(
        require_client_registration=require_client_registration, require_nonce=True
    ) as server:
        _add_key_rotation(server.app)
        yield MockProvider(issuer=f"http://localhost:{server.server_port}")


def _add_key_rotation(app: flask.Flask) -> None:
    """POST /test/rotate-key on the provider (added before its first request, as Flask asks)."""

    def rotate_key() -> tuple[str, int]:
        storage = flask.g.oidc_provider_mock_storage
        kid = storage.jwk.as_dict()["kid"]
        fresh = jose.RSAKey.generate_key(is_private=True).as_dict(is_private=True)
        storage.jwk = jose.RSAKey.import_key({**fresh, "kid": kid})
        return "", 204

    app.add_url_rule("/test/rotate-key", "test_rotate_key", rotate_key, methods=["POST"])
