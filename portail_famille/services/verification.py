"""Codes sent by e-mail: 6 digits, 10 minutes, 5 attempts, single use; a new one voids the last.

Only a keyed hash of each code is stored. Checking a code never raises: a wrong guess must be
saved (one attempt fewer) even though the user's action fails, so callers commit either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.codes import normalise_email
from portail_famille.domain.secrets import keyed_hash, new_numeric_code, same_digest
from portail_famille.models import CodePurpose, VerificationCode
from portail_famille.models.base import utcnow

CODE_LIFETIME = timedelta(minutes=10)
CODE_ATTEMPTS = 5


class CheckResult(StrEnum):
    ACCEPTED = "accepted"
    WRONG = "wrong"  # wrong code, attempts remain
    SPENT = "spent"  # no usable code: none, expired, used, voided or out of attempts


@dataclass(frozen=True)
class IssuedCode:
    code: str
    replaced_previous: bool


def _hash(code: str) -> str:
    return keyed_hash(get_settings().secret_key.get_secret_value(), code)


def _open_codes(
    session: Session, purpose: CodePurpose, email: str, now: datetime, user_id: int | None = None
) -> list[VerificationCode]:
    statement = select(VerificationCode).where(
        VerificationCode.purpose == purpose,
        VerificationCode.email == email,
        col(VerificationCode.used_at).is_(None),
        col(VerificationCode.voided_at).is_(None),
        col(VerificationCode.expires_at) > now,
    )
    if user_id is not None:
        statement = statement.where(VerificationCode.user_id == user_id)
    return list(session.exec(statement).all())


def issue_code(
    session: Session,
    purpose: CodePurpose,
    email: str,
    *,
    user_id: int | None = None,
    payload: dict[str, object] | None = None,
    lifetime: timedelta = CODE_LIFETIME,
    digits: int = 6,
    now: datetime | None = None,
    decoy: bool = False,
) -> IssuedCode:
    """A new code for (purpose, e-mail); every older open one stops working.

    A `decoy` does the same work and is stored already void: for an address that gets no code,
    so that the answer takes as long as for one that does."""
    now = now or utcnow()
    email = normalise_email(email)
    previous = _open_codes(session, purpose, email, now)
    for row in previous:
        row.voided_at = now
        session.add(row)
    code = new_numeric_code(digits)
    session.add(
        VerificationCode(
            purpose=purpose,
            email=email,
            user_id=user_id,
            code_hash=_hash(code),
            attempts_left=CODE_ATTEMPTS,
            created_at=now,
            expires_at=now + lifetime,
            voided_at=now if decoy else None,
            payload=payload or {},
        )
    )
    return IssuedCode(code=code, replaced_previous=bool(previous))


def check_code(
    session: Session,
    purpose: CodePurpose,
    email: str,
    code: str,
    *,
    user_id: int | None = None,
    now: datetime | None = None,
) -> tuple[CheckResult, VerificationCode | None]:
    """Checks `code` against the one open code; a right code is used up, a wrong one costs a try.

    With `user_id`, only that account's codes count: nobody else can spend its tries."""
    now = now or utcnow()
    rows = _open_codes(session, purpose, normalise_email(email), now, user_id)
    if not rows:
        return CheckResult.SPENT, None
    row = max(rows, key=lambda r: r.created_at)
    typed = "".join(ch for ch in code if ch.isdigit())
    if typed and same_digest(_hash(typed), row.code_hash):
        row.used_at = now
        session.add(row)
        return CheckResult.ACCEPTED, row
    row.attempts_left -= 1
    if row.attempts_left <= 0:
        row.voided_at = now
    session.add(row)
    return (CheckResult.WRONG if row.attempts_left > 0 else CheckResult.SPENT), None
