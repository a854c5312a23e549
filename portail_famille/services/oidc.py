"""OpenID Connect with Authlib: discovery, the authorization URL, the code exchange, the ID token.

Only the authorization-code flow with PKCE (S256) is used. The ID token's signature is checked
against the provider's published keys, and its iss, aud, exp and nonce against what we expect.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, cast

import httpx
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import BadSignatureError, InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet, KeySetSerialization
from joserfc.jws import JWSRegistry

from portail_famille.config import OidcProvider

SCOPE = "openid email profile"
CACHE_SECONDS = 3600.0  # providers rotate keys slowly; a key that fails refetches at once
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


def authorization_url(
    provider: OidcProvider, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
) -> str:
    """Where to send the browser: the provider's sign-in page, carrying state, nonce and PKCE."""
    return add_params_to_uri(
        metadata(provider)["authorization_endpoint"],
        [
            ("response_type", "code"),
            ("client_id", provider.client_id),
            ("redirect_uri", redirect_uri),
            ("scope", SCOPE),
            ("state", state),
            ("nonce", nonce),
            ("code_challenge", create_s256_code_challenge(code_verifier)),
            ("code_challenge_method", "S256"),
        ],
    )


def finish(
    provider: OidcProvider, *, redirect_uri: str, code: str, code_verifier: str, nonce: str
) -> ProviderAccount:
    """Exchanges the code (with the PKCE verifier) and returns the ID token's checked claims."""
    document = metadata(provider)
    token = _exchange(provider, document["token_endpoint"], redirect_uri, code, code_verifier)
    claims = _checked_id_token(provider, document, token, nonce)
    email, verified = claims.get("email"), claims.get("email_verified")
    userinfo = document.get("userinfo_endpoint")
    if email is None and isinstance(userinfo, str):
        email, verified = _userinfo_email(userinfo, token, claims)
    return ProviderAccount(
        subject=str(claims["sub"]),
        email=email if isinstance(email, str) else None,
        # Some providers send the string "true"; anything else is not verified.
        email_verified=verified is True or verified == "true",
    )


def _exchange(
    provider: OidcProvider, endpoint: str, redirect_uri: str, code: str, code_verifier: str
) -> dict[str, Any]:
    try:
        response = httpx.post(
            endpoint,
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "code_verifier": code_verifier,
            },
            # client_secret_basic, which every provider accepts; sent unencoded, as Authlib does.
            auth=(provider.client_id, provider.client_secret.get_secret_value()),
            headers={"Accept": "application/json"},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        token = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OidcFailure("the code exchange failed") from error
    if not isinstance(token, dict) or not isinstance(token.get("access_token"), str):
        raise OidcFailure("the token answer has no access token")
    return token


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
        except (InvalidKeyIdError, BadSignatureError):
            # The provider rotated its keys since we cached them, maybe under the same key id:
            # read them again once. The token came from the provider's own token endpoint, over
            # our authenticated exchange, so a stranger cannot make us refetch at will.
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
    return claims


def _key_set(jwks_uri: str, *, fresh: bool = False) -> KeySet:
    return KeySet.import_key_set(cast(KeySetSerialization, _get_json(jwks_uri, fresh=fresh)))


def _userinfo_email(
    endpoint: str, token: dict[str, Any], claims: CodeIDToken
) -> tuple[object, object]:
    try:
        response = httpx.get(
            endpoint,
            headers={"Authorization": f"Bearer {token['access_token']}"},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        info = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise OidcFailure("the userinfo endpoint failed") from error
    if not isinstance(info, dict) or info.get("sub") != claims["sub"]:
        return None, None  # userinfo about someone else must never be believed
    return info.get("email"), info.get("email_verified")
