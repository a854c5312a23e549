"""Sign-in sessions: the browser holds an opaque token in an HttpOnly cookie, the server a hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from portail_famille.models import AccountStatus, AuthSession, StaffMembership, UserAccount
from portail_famille.models.base import utcnow

COOKIE_NAME = "pf_session"
IDLE_TIMEOUT = timedelta(minutes=30)
REMEMBER_LIFETIME = timedelta(days=30)
STAFF_LIFETIME = timedelta(hours=12)
# Writing last_seen on every event would turn reads into writes; a minute of slack is harmless.
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class NewSession:
    token: str
    max_age_seconds: int | None  # None: a browser-session cookie


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_staff(session: Session, user_id: int) -> bool:
    return (
        session.exec(select(StaffMembership.id).where(StaffMembership.user_id == user_id)).first()
        is not None
    )


def open_session(
    session: Session,
    user: UserAccount,
    *,
    remember: bool,
    user_agent: str | None = None,
    now: datetime | None = None,
) -> NewSession:
    """A fresh token at every sign-in. Staff sessions last 12 hours at most, whatever they ask."""
    assert user.id is not None
    now = now or utcnow()
    staff = is_staff(session, user.id)
    if staff:
        lifetime, idle = STAFF_LIFETIME, IDLE_TIMEOUT
    elif remember:
        lifetime, idle = REMEMBER_LIFETIME, REMEMBER_LIFETIME
    else:
        lifetime, idle = REMEMBER_LIFETIME, IDLE_TIMEOUT
    token = secrets.token_urlsafe(32)  # 256 bits
    session.add(
        AuthSession(
            user_id=user.id,
            token_hash=token_hash(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            idle_timeout_seconds=int(idle.total_seconds()),
            user_agent=(user_agent or "")[:300] or None,
        )
    )
    max_age = int(lifetime.total_seconds()) if remember and not staff else None
    return NewSession(token=token, max_age_seconds=max_age)


def user_for_token(
    session: Session, token: str | None, *, now: datetime | None = None
) -> UserAccount | None:
    """The active account behind a session token, or None if the token is unknown or expired."""
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    idle_deadline = row.last_seen_at + timedelta(seconds=row.idle_timeout_seconds)
    if now >= row.expires_at or now >= idle_deadline:
        session.delete(row)
        return None
    user = session.get(UserAccount, row.user_id)
    if user is None or user.status != AccountStatus.ACTIVE:
        return None
    if now - row.last_seen_at >= _TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    return user


def close_session(session: Session, token: str | None) -> None:
    if token:
        session.exec(delete(AuthSession).where(col(AuthSession.token_hash) == token_hash(token)))


def close_all_sessions(session: Session, user_id: int) -> None:
    """Sign out everywhere."""
    session.exec(delete(AuthSession).where(col(AuthSession.user_id) == user_id))
