"""OpenID Connect sign-ins under way: what the callback must find to believe a provider's answer.

The browser gets a random secret in a cookie, the provider gets the state; the database keeps only
their hashes, with the nonce and the PKCE verifier, for ten minutes and for one use.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from portail_famille.models import OidcLogin
from portail_famille.models.base import utcnow

LIFETIME = timedelta(minutes=10)


@dataclass(frozen=True)
class StartedLogin:
    state: str  # sent to the provider, comes back on the callback
    nonce: str
    code_verifier: str


@dataclass(frozen=True)
class PendingLogin:
    provider: str
    nonce: str
    code_verifier: str
    remember: bool


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_browser_secret() -> str:
    return secrets.token_urlsafe(32)


def start(
    session: Session,
    *,
    provider: str,
    browser_secret: str,
    remember: bool,
    now: datetime | None = None,
) -> StartedLogin:
    """Records a sign-in about to leave for `provider`; forgets the ones nobody finished."""
    now = now or utcnow()
    session.exec(delete(OidcLogin).where(col(OidcLogin.created_at) < now - LIFETIME))
    started = StartedLogin(
        state=secrets.token_urlsafe(32),
        nonce=secrets.token_urlsafe(32),
        code_verifier=secrets.token_urlsafe(64),  # 86 characters, within RFC 7636's 43-128
    )
    session.add(
        OidcLogin(
            state_hash=_hash(started.state),
            browser_hash=_hash(browser_secret),
            provider=provider,
            nonce=started.nonce,
            code_verifier=started.code_verifier,
            remember=remember,
            created_at=now,
        )
    )
    return started


def consume(
    session: Session,
    *,
    provider: str,
    state: str | None,
    browser_secret: str | None,
    now: datetime | None = None,
) -> PendingLogin | None:
    """The sign-in this callback finishes, deleted at first use; None when anything disagrees."""
    if not state or len(state) > 200:
        return None
    row = session.exec(select(OidcLogin).where(OidcLogin.state_hash == _hash(state))).first()
    if row is None:
        return None
    # Delete first and check that this request did it: two callbacks racing get one answer.
    deleted = session.exec(delete(OidcLogin).where(col(OidcLogin.id) == row.id))
    if deleted.rowcount != 1:
        return None
    now = now or utcnow()
    fresh = now - row.created_at < LIFETIME
    same_browser = browser_secret is not None and hmac.compare_digest(
        row.browser_hash, _hash(browser_secret)
    )
    if not (fresh and same_browser and row.provider == provider):
        return None
    return PendingLogin(
        provider=row.provider,
        nonce=row.nonce,
        code_verifier=row.code_verifier,
        remember=row.remember,
    )
