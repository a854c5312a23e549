"""Sign-in tickets: how a page's event handler signs someone in.

Event handlers cannot set an HttpOnly cookie, so after a sign-up or a password reset the handler
issues a ticket (random, hashed, valid two minutes, single use) and sends the browser to
GET /api/auth/ticket, which exchanges it for a session cookie.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.secrets import keyed_hash
from portail_famille.models import CodePurpose, UserAccount, VerificationCode
from portail_famille.models.base import utcnow

TICKET_LIFETIME = timedelta(minutes=2)
TICKET_PATH = "/api/auth/ticket"


def _hash(ticket: str) -> str:
    return keyed_hash(get_settings().secret_key.get_secret_value(), f"ticket:{ticket}")


def issue_ticket(session: Session, user: UserAccount, *, remember: bool) -> str:
    """The address that signs `user` in, to send the browser to."""
    ticket = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        VerificationCode(
            purpose=CodePurpose.SIGN_IN_TICKET,
            email=user.email,
            user_id=user.id,
            code_hash=_hash(ticket),
            attempts_left=1,
            created_at=now,
            expires_at=now + TICKET_LIFETIME,
            payload={"remember": remember},
        )
    )
    return f"{TICKET_PATH}?t={ticket}"


def redeem_ticket(
    session: Session, ticket: str, *, now: datetime | None = None
) -> tuple[UserAccount, bool] | None:
    """The account and its "stay signed in" choice, once; None for anything else."""
    if not ticket or len(ticket) > 100:
        return None
    now = now or utcnow()
    row = session.exec(
        select(VerificationCode).where(
            VerificationCode.purpose == CodePurpose.SIGN_IN_TICKET,
            VerificationCode.code_hash == _hash(ticket),
            col(VerificationCode.used_at).is_(None),
            col(VerificationCode.expires_at) > now,
        )
    ).first()
    if row is None or row.user_id is None:
        return None
    row.used_at = now
    session.add(row)
    user = session.get(UserAccount, row.user_id)
    if user is None:
        return None
    return user, bool(row.payload.get("remember"))
