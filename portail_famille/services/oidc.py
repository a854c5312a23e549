"""OpenID Connect with Authlib: discovery, the authorization URL, the code exchange, the ID token.

Only the authorization-code flow with PKCE (S256) is used. The ID token's signature is checked
against the provider's published keys, and its iss, aud, exp and nonce against what we expect.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet, KeySetSerialization
from joserfc.jws import JWSRegistry

from portail_famille.config import OidcProvider

SCOPE = "openid email profile"
CACHE_SECONDS = 3600.0  # providers rotate keys slowly; an unknown key id refetches at once
TIMEOUT = httpx.Timeout(10.0)
CLOCK_LEEWAY = 120  # seconds of clock difference tolerated on exp and iat

_cache: dict[str, tuple[float, dict[str, Any]]] = {}


class OidcFailure(Exception):
    """The provider could not be reached or answered something we must not trust."""


@dataclass(frozen=True)
class ProviderAccount:
    """Who the provider says signed in: its subject and what it says about the e-mail."""

    subject: str
    email: str | None
    email_verified: bool


def _get_json(url: str, *, fresh: bool = False) -> dict[str, Any]:
    cached = _cache.get(url)
    if cached and not fresh and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    try:
        response = httpx.get(url, timeout=TIMEOUT, follow_redirects=False)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OidcFailure(f"cannot read {url}") from error
    if not isinstance(data, dict):
        raise OidcFailure(f"{url} is not a JSON object")
    _cache[url] = (time.monotonic(), data)
    return data


def metadata(provider: OidcProvider) -> dict[str, Any]:
    """The provider's discovery document, which must name the configured issuer."""
    document = _get_json(f"{provider.issuer}/.well-known/openid-configuration")
    if str(document.get("issuer", "")).rstrip("/") != provider.issuer:
        raise OidcFailure("the discovery document names another issuer")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(key), str):
            raise OidcFailure(f"the discovery document lacks {key}")
    return document


def _client(provider: OidcProvider, redirect_uri: str) -> OAuth2Client:
    return OAuth2Client(
        client_id=provider.client_id,
        client_secret=provider.client_secret.get_secret_value(),
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        timeout=TIMEOUT,
    )


def authorization_url(
    provider: OidcProvider, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
) -> str:
    """Where to send the browser: the provider's sign-in page, carrying state, nonce and PKCE."""
    endpoint = metadata(provider)["authorization_endpoint"]
    with _client(provider, redirect_uri) as client:
        url, _state = client.create_authorization_url(
            endpoint, state=state, nonce=nonce, code_verifier=code_verifier
        )
    return str(url)


def finish(
    provider: OidcProvider, *, redirect_uri: str, code: str, code_verifier: str, nonce: str
) -> ProviderAccount:
    """Exchanges the code (with the PKCE verifier) and returns the ID token's checked claims."""
    document = metadata(provider)
    with _client(provider, redirect_uri) as client:
        try:
            token = client.fetch_token(
                document["token_endpoint"], code=code, code_verifier=code_verifier
            )
        except Exception as error:  # Authlib raises OAuthError or httpx errors
            raise OidcFailure("the code exchange failed") from error
        claims = _checked_id_token(provider, document, token, nonce)
        email, verified = claims.get("email"), claims.get("email_verified")
        if email is None and isinstance(document.get("userinfo_endpoint"), str):
            email, verified = _userinfo_email(client, document["userinfo_endpoint"], claims)
    return ProviderAccount(
        subject=str(claims["sub"]),
        email=email if isinstance(email, str) else None,
        # Some providers send the string "true"; anything else is not verified.
        email_verified=verified is True or verified == "true",
    )


def _checked_id_token(
    provider: OidcProvider, document: dict[str, Any], token: dict[str, Any], nonce: str
) -> CodeIDToken:
    raw = token.get("id_token")
    if not isinstance(raw, str):
        raise OidcFailure("the provider sent no ID token")
    algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    # "none" and HMAC keyed by a public value would let anyone mint a token.
    registry = JWSRegistry(
        algorithms=[a for a in algorithms if a != "none" and a[:2] != "HS"],
        strict_check_header=False,
    )
    jwks_uri = document["jwks_uri"]
    try:
        try:
            decoded = jwt.decode(raw, _key_set(jwks_uri), registry=registry)
        except InvalidKeyIdError:  # the provider rotated its keys since we cached them
            decoded = jwt.decode(raw, _key_set(jwks_uri, fresh=True), registry=registry)
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {
                "iss": {"essential": True, "value": provider.issuer},
                "aud": {"essential": True, "value": provider.client_id},
                "exp": {"essential": True},
            },
            {
                "nonce": nonce,
                "client_id": provider.client_id,
                "access_token": token.get("access_token"),
            },
        )
        claims.validate(leeway=CLOCK_LEEWAY)
    except (JoseError, ValueError) as error:
        raise OidcFailure("the ID token is not valid") from error
    if claims.get("nonce") != nonce:  # Authlib skips the check when no nonce was expected
        raise OidcFailure("the ID token carries another nonce")
    return claims


def _key_set(jwks_uri: str, *, fresh: bool = False) -> KeySet:
    return KeySet.import_key_set(cast(KeySetSerialization, _get_json(jwks_uri, fresh=fresh)))


def _userinfo_email(
    client: OAuth2Client, endpoint: str, claims: CodeIDToken
) -> tuple[object, object]:
    try:
        response = client.get(endpoint)
        response.raise_for_status()
        info = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OidcFailure("the userinfo endpoint failed") from error
    if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
        return None, None  # userinfo about someone else must never be believed
    return info.get("email"), info.get("email_verified")
