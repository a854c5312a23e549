"""Slows down guessing: after a few failures for the same key, each try must wait longer.

Keys are hashed (an e-mail, a client address, an account id) and kinds name what is guessed.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from portail_famille.models import ThrottleEvent
from portail_famille.models.base import utcnow

WINDOW = timedelta(minutes=30)
FREE_FAILURES = 5
MAX_DELAY = timedelta(minutes=15)


def _key(kind: str, key: str) -> str:
    return hashlib.sha256(f"{kind}\0{key}".encode()).hexdigest()


def required_delay(failures: int, free: int = FREE_FAILURES) -> timedelta:
    """No wait for the first `free` failures, then 2, 4, 8 ... seconds, at most 15 minutes."""
    if failures < free:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - free + 1, 20)), MAX_DELAY)


def wait_seconds(
    session: Session, kind: str, key: str, *, free: int = FREE_FAILURES, now: datetime | None = None
) -> int:
    """How long the caller must still wait before trying again (0: go ahead).

    `free` failures cost nothing: more for keys many people share, like a school's address."""
    now = now or utcnow()
    hashed = _key(kind, key)
    count, last = session.exec(
        select(func.count(), func.max(ThrottleEvent.at)).where(
            ThrottleEvent.kind == kind,
            ThrottleEvent.key_hash == hashed,
            col(ThrottleEvent.at) > now - WINDOW,
        )
    ).one()
    if not count or last is None:
        return 0
    if last.tzinfo is None:  # SQLite's max() bypasses the column type
        last = last.replace(tzinfo=now.tzinfo)
    remaining = last + required_delay(count, free) - now
    return max(0, int(remaining.total_seconds() + 0.999))


def record_failure(session: Session, kind: str, key: str, *, now: datetime | None = None) -> None:
    session.add(ThrottleEvent(kind=kind, key_hash=_key(kind, key), at=now or utcnow()))


def clear(session: Session, kind: str, key: str) -> None:
    """A success forgives the key's past failures."""
    session.exec(
        delete(ThrottleEvent).where(
            col(ThrottleEvent.kind) == kind, col(ThrottleEvent.key_hash) == _key(kind, key)
        )
    )
