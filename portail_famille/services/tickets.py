"""Sign-in tickets: how a page's event handler signs someone in.

Event handlers cannot set an HttpOnly cookie, so after a sign-up or a password reset the handler
issues a ticket (random, hashed, valid two minutes, single use) and the page posts it to
/api/auth/ticket, which exchanges it for a session cookie.

A ticket is bound to the browser tab that asked for it: the tab's own token (Reflex keeps it in
the tab's sessionStorage) is posted with it and must match. A ticket alone, kept from one's own
reset and sent to someone else's browser, signs nobody in (login CSRF); the route refuses GET and
other sites' posts as the sign-in form does.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.secrets import keyed_hash, same_digest
from portail_famille.models import CodePurpose, UserAccount, VerificationCode
from portail_famille.models.base import utcnow

TICKET_LIFETIME = timedelta(minutes=2)
TICKET_PATH = "/api/auth/ticket"


def _hash(ticket: str) -> str:
    return keyed_hash(get_settings().secret_key.get_secret_value(), f"ticket:{ticket}")


def _tab_hash(tab: str) -> str:
    return keyed_hash(get_settings().secret_key.get_secret_value(), f"ticket-tab:{tab}")


def issue_ticket(session: Session, user: UserAccount, *, remember: bool, tab: str) -> str:
    """A ticket that signs `user` in, for the browser tab whose token is `tab` only."""
    if not tab:
        raise ValueError("a ticket is bound to a browser tab")
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
            payload={"remember": remember, "tab": _tab_hash(tab)},
        )
    )
    return ticket


def redeem_ticket(
    session: Session, ticket: str, tab: str, *, now: datetime | None = None
) -> tuple[UserAccount, bool] | None:
    """The account and its "stay signed in" choice, once, for the tab it was issued to.

    None for anything else; a ticket posted from another tab is spent all the same."""
    if not ticket or len(ticket) > 100 or len(tab) > 100:
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
    if not tab or not same_digest(_tab_hash(tab), str(row.payload.get("tab", ""))):
        return None
    user = session.get(UserAccount, row.user_id)
    if user is None:
        return None
    return user, bool(row.payload.get("remember"))
