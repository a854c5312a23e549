"""Sign-ins under way: ten minutes, one use, one browser, one provider."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import OidcLogin
from portail_famille.models.base import utcnow
from portail_famille.services import oidc_logins

pytestmark = pytest.mark.db

BROWSER = oidc_logins.new_browser_secret()


def _start(session: Session, now: datetime | None = None) -> oidc_logins.StartedLogin:
    return oidc_logins.start(
        session, provider="google", browser_secret=BROWSER, remember=True, now=now
    )


def test_only_hashes_of_the_state_and_browser_secret_are_kept(session: Session) -> None:
    started = _start(session)
    session.flush()
    stored = [(r.state_hash, r.browser_hash) for r in session.exec(select(OidcLogin)).all()]
    assert all(started.state not in row and BROWSER not in row for row in stored)


@pytest.mark.parametrize(
    ("minutes_later", "provider", "browser", "finished"),
    [
        (9, "google", BROWSER, True),
        (11, "google", BROWSER, False),
        (1, "microsoft", BROWSER, False),
        (1, "google", oidc_logins.new_browser_secret(), False),
        (1, "google", None, False),
    ],
)
def test_a_sign_in_finishes_only_fresh_from_its_browser_and_provider(
    session: Session, minutes_later: int, provider: str, browser: str | None, finished: bool
) -> None:
    now = utcnow()
    started = _start(session, now=now)
    pending = oidc_logins.consume(
        session,
        provider=provider,
        state=started.state,
        browser_secret=browser,
        now=now + timedelta(minutes=minutes_later),
    )
    assert (pending is not None) is finished
    if pending is not None:
        assert (pending.nonce, pending.code_verifier, pending.remember) == (
            started.nonce,
            started.code_verifier,
            True,
        )
    # Spent either way: a second try with everything right finds nothing.
    again = oidc_logins.consume(
        session, provider="google", state=started.state, browser_secret=BROWSER, now=now
    )
    assert again is None


def test_starting_forgets_sign_ins_nobody_finished(session: Session) -> None:
    long_ago = utcnow() - timedelta(hours=1)
    old = _start(session, now=long_ago)
    _start(session)
    session.flush()
    hashes = {row.state_hash for row in session.exec(select(OidcLogin)).all()}
    assert hashlib.sha256(old.state.encode()).hexdigest() not in hashes and len(hashes) >= 1
