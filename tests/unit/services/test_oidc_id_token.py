"""The ID token checks, against a provider on loopback that answers whatever token a test mints.

A well-behaved provider never sends a forged, expired or misaddressed token, so this one does.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from pydantic import SecretStr

from portail_famille.config import OidcProvider
from portail_famille.services import oidc

CLIENT_ID = "portail"
NONCE = "nonce-of-this-sign-in"
SIGNING_KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "k1"})  # same kid, another key


class _Issuer(ThreadingHTTPServer):
    id_token: str = ""


class _Handler(BaseHTTPRequestHandler):
    server: _Issuer

    def _json(self, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        issuer = f"http://localhost:{self.server.server_port}"
        if self.path == "/.well-known/openid-configuration":
            self._json(
                {
                    "issuer": issuer,
                    "authorization_endpoint": f"{issuer}/authorize",
                    "token_endpoint": f"{issuer}/token",
                    "jwks_uri": f"{issuer}/jwks",
                    "id_token_signing_alg_values_supported": ["RS256", "none", "HS256"],
                }
            )
        else:
            self._json({"keys": [SIGNING_KEY.as_dict(private=False)]})

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["content-length"]))
        self._json({"access_token": "at", "token_type": "Bearer", "id_token": self.server.id_token})

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture(scope="module")
def issuer() -> Iterator[_Issuer]:
    server = _Issuer(("localhost", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def _provider(server: _Issuer) -> OidcProvider:
    return OidcProvider(
        name="hostile",
        issuer=f"http://localhost:{server.server_port}",
        client_id=CLIENT_ID,
        client_secret=SecretStr("s"),
        label="Hostile",
    )


def _claims(server: _Issuer, **changes: object) -> dict[str, object]:
    now = int(time.time())
    claims: dict[str, object] = {
        "iss": f"http://localhost:{server.server_port}",
        "sub": "someone",
        "aud": CLIENT_ID,
        "iat": now,
        "exp": now + 300,
        "nonce": NONCE,
        "email": "luc.gagnon@example.org",
        "email_verified": True,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(claims: dict[str, object], key: RSAKey = SIGNING_KEY) -> str:
    return jwt.encode({"alg": "RS256", "kid": "k1"}, claims, key)


def _unsigned(claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part(claims)}."


def _finish(server: _Issuer) -> oidc.ProviderAccount:
    return oidc.finish(
        _provider(server), redirect_uri="http://x/cb", code="c", code_verifier="v", nonce=NONCE
    )


def test_a_well_formed_token_gives_the_subject_and_a_verified_email(issuer: _Issuer) -> None:
    issuer.id_token = _signed(_claims(issuer))
    assert _finish(issuer) == oidc.ProviderAccount("someone", "luc.gagnon@example.org", True)


@pytest.mark.parametrize(
    "mint",
    [
        pytest.param(lambda s: _signed(_claims(s), OTHER_KEY), id="signed-by-another-key"),
        pytest.param(lambda s: _unsigned(_claims(s)), id="alg-none"),
        pytest.param(lambda s: _signed(_claims(s, aud="x", azp=CLIENT_ID)), id="other-audience"),
        pytest.param(lambda s: _signed(_claims(s, iss="http://evil.example")), id="other-issuer"),
        pytest.param(lambda s: _signed(_claims(s, exp=int(time.time()) - 600)), id="expired"),
        pytest.param(lambda s: _signed(_claims(s, nonce="replayed")), id="other-nonce"),
        pytest.param(lambda s: _signed(_claims(s, nonce=None)), id="no-nonce"),
        pytest.param(lambda s: "not.a.token", id="garbage"),
    ],
)
def test_a_token_that_does_not_check_out_is_refused(issuer: _Issuer, mint: Any) -> None:
    issuer.id_token = mint(issuer)
    with pytest.raises(oidc.OidcFailure):
        _finish(issuer)


def test_email_verified_as_a_string_is_read_as_the_provider_means_it(issuer: _Issuer) -> None:
    issuer.id_token = _signed(_claims(issuer, email_verified="true"))
    assert _finish(issuer).email_verified is True
    issuer.id_token = _signed(_claims(issuer, email_verified="false"))
    assert _finish(issuer).email_verified is False


def test_a_discovery_document_naming_another_issuer_is_refused(issuer: _Issuer) -> None:
    provider = _provider(issuer)
    moved = OidcProvider(
        name=provider.name,
        issuer=provider.issuer.replace("localhost", "127.0.0.1"),
        client_id=CLIENT_ID,
        client_secret=provider.client_secret,
        label="Hostile",
    )
    with pytest.raises(oidc.OidcFailure):
        oidc.metadata(moved)
