"""Recovery codes: ten one-time codes for the day the authenticator is lost, kept only as keyed
hashes (HMAC-SHA-256 under a key derived from the secret key)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlmodel import Session, col, delete, select, update

from portail_famille.config import get_settings
from portail_famille.models import RecoveryCode
from portail_famille.models.base import utcnow

COUNT = 10
# No 0/o, 1/l/i: read off paper and typed on a phone without doubt. 10 characters: 50 bits.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_LENGTH = 10


def _hash(code: str) -> str:
    # Keyed by the secret key: a copy of the database alone is not enough to search 50 bits.
    secret = get_settings().secret_key.get_secret_value().encode()
    key = hashlib.sha256(b"portail-famille/recovery-codes/v1\0" + secret).digest()
    return hmac.new(key, normalise(code).encode(), hashlib.sha256).hexdigest()


def normalise(code: str) -> str:
    """What the person typed, without spaces, dashes or capitals."""
    return "".join(c for c in code.lower() if c.isalnum())


def looks_like_recovery_code(code: str) -> bool:
    return len(normalise(code)) == _LENGTH and not normalise(code).isdigit()


def replace_all(session: Session, user_id: int) -> list[str]:
    """New codes, shown once; every earlier code stops working."""
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id))
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH)) for _ in range(COUNT)]
    for code in codes:
        session.add(RecoveryCode(user_id=user_id, code_hash=_hash(code)))
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def consume(session: Session, user_id: int, code: str, *, now: datetime | None = None) -> bool:
    """True once per code: it is marked used in the same statement that checks it is unused."""
    row_id = session.exec(
        select(RecoveryCode.id).where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == _hash(code),
            col(RecoveryCode.used_at).is_(None),
        )
    ).first()
    if row_id is None:
        return False
    # Two submits at the same instant: only one UPDATE finds the code still unused.
    spent = session.exec(
        update(RecoveryCode)
        .where(col(RecoveryCode.id) == row_id, col(RecoveryCode.used_at).is_(None))
        .values(used_at=now or utcnow())
    )
    return spent.rowcount == 1


def remaining(session: Session, user_id: int) -> int:
    return len(
        session.exec(
            select(RecoveryCode.id).where(
                RecoveryCode.user_id == user_id, col(RecoveryCode.used_at).is_(None)
            )
        ).all()
    )


def forget(session: Session, user_id: int) -> None:
    session.exec(delete(RecoveryCode).where(col(RecoveryCode.user_id) == user_id))
