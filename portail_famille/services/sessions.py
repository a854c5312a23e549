"""Sign-in sessions: the browser holds an opaque token in an HttpOnly cookie, the server a hash."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from portail_famille.models import AccountStatus, AuthSession, StaffMembership, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services import second_factor

COOKIE_NAME = "pf_session"
IDLE_TIMEOUT = timedelta(minutes=30)
REMEMBER_LIFETIME = timedelta(days=30)
STAFF_LIFETIME = timedelta(hours=12)
PENDING_LIFETIME = timedelta(minutes=10)  # to type the second factor's code, no more
# Writing last_seen on every event would turn reads into writes; a minute of slack is harmless.
_TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class NewSession:
    token: str
    max_age_seconds: int | None  # None: a browser-session cookie
    # Staff with a second factor: this session opens nothing until the code is given.
    second_factor_pending: bool = False


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
    second_factor_passed: bool = False,
) -> NewSession:
    """A fresh token at every sign-in. Staff sessions last 12 hours at most, whatever they ask.

    A staff account with a second factor gets a pending session unless the factor was just given.
    """
    assert user.id is not None
    now = now or utcnow()
    staff = is_staff(session, user.id)
    pending = (
        staff and not second_factor_passed and second_factor.has_second_factor(session, user.id)
    )
    if staff:
        lifetime, idle = STAFF_LIFETIME, IDLE_TIMEOUT
    elif remember:
        lifetime, idle = REMEMBER_LIFETIME, REMEMBER_LIFETIME
    else:
        lifetime, idle = REMEMBER_LIFETIME, IDLE_TIMEOUT
    if pending:
        lifetime = idle = PENDING_LIFETIME
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
            second_factor_pending=pending,
        )
    )
    max_age = int(lifetime.total_seconds()) if remember and not staff else None
    return NewSession(token=token, max_age_seconds=max_age, second_factor_pending=pending)


def user_for_token(
    session: Session, token: str | None, *, now: datetime | None = None
) -> UserAccount | None:
    """The active account behind a session token, or None if the token is unknown or expired.

    Also None while the session waits for its second factor, or the account (an administrator)
    must enrol one: every page, handler and route asks here, so such a session opens nothing.
    """
    found = _signed_in(session, token, now=now)
    if found is None or _restriction(session, *found) is not None:
        return None
    return found[1]


def restricted_user_for_token(
    session: Session, token: str | None, *, now: datetime | None = None
) -> tuple[UserAccount, str] | None:
    """For the second-factor pages only: the account of a session that opens nothing yet, and
    what it lacks: "verify" (a code) or "enrol" (an administrator without a second factor)."""
    found = _signed_in(session, token, now=now)
    if found is None:
        return None
    restriction = _restriction(session, *found)
    return (found[1], restriction) if restriction is not None else None


def _restriction(session: Session, row: AuthSession, user: UserAccount) -> str | None:
    if row.second_factor_pending:
        return "verify"
    if user.id is not None and second_factor.must_enrol(session, user.id):
        return "enrol"
    return None


def _signed_in(
    session: Session, token: str | None, *, now: datetime | None = None
) -> tuple[AuthSession, UserAccount] | None:
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
    return row, user


def close_session(session: Session, token: str | None) -> None:
    if token:
        session.exec(delete(AuthSession).where(col(AuthSession.token_hash) == token_hash(token)))


def close_all_sessions(session: Session, user_id: int) -> None:
    """Sign out everywhere."""
    session.exec(delete(AuthSession).where(col(AuthSession.user_id) == user_id))
