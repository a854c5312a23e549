"""Sessions: opaque tokens, only their hash stored, idle and absolute expiry, sign-out all."""

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import AccountStatus, AuthSession, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services import sessions
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL

pytestmark = pytest.mark.db


def _user(session: Session, email: str) -> UserAccount:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).one()


def test_the_token_is_random_and_only_its_hash_is_stored(session: Session) -> None:
    marie = _user(session, PARENT_EMAIL)
    first = sessions.open_session(session, marie, remember=False)
    second = sessions.open_session(session, marie, remember=False)
    assert first.token != second.token and len(first.token) >= 43  # 256 bits, base64
    stored = session.exec(select(AuthSession.token_hash)).all()
    assert first.token not in stored
    user = sessions.user_for_token(session, first.token)
    assert user is not None and user.id == marie.id


def test_idle_sessions_end_after_30_minutes(session: Session) -> None:
    marie = _user(session, PARENT_EMAIL)
    start = utcnow()
    new = sessions.open_session(session, marie, remember=False, now=start)
    assert new.max_age_seconds is None  # the cookie dies with the browser
    assert sessions.user_for_token(session, new.token, now=start + timedelta(minutes=29))
    later = start + timedelta(minutes=29) + timedelta(minutes=30, seconds=1)
    assert sessions.user_for_token(session, new.token, now=later) is None


def test_stay_signed_in_lasts_30_days_at_most(session: Session) -> None:
    marie = _user(session, PARENT_EMAIL)
    start = utcnow()
    new = sessions.open_session(session, marie, remember=True, now=start)
    assert new.max_age_seconds == 30 * 24 * 3600
    assert sessions.user_for_token(session, new.token, now=start + timedelta(days=20))
    assert sessions.user_for_token(session, new.token, now=start + timedelta(days=30)) is None


def test_staff_sessions_last_12_hours_whatever_they_ask(session: Session) -> None:
    secretary = _user(session, SECRETARY_EMAIL)
    start = utcnow()
    new = sessions.open_session(session, secretary, remember=True, now=start)
    assert new.max_age_seconds is None
    for minutes in range(25, 12 * 60, 25):  # active all day
        assert sessions.user_for_token(session, new.token, now=start + timedelta(minutes=minutes))
    assert sessions.user_for_token(session, new.token, now=start + timedelta(hours=12)) is None


def test_sign_out_everywhere_and_disabled_accounts(session: Session) -> None:
    marie = _user(session, PARENT_EMAIL)
    phone = sessions.open_session(session, marie, remember=True)
    laptop = sessions.open_session(session, marie, remember=False)
    sessions.close_session(session, phone.token)
    assert sessions.user_for_token(session, phone.token) is None
    assert sessions.user_for_token(session, laptop.token) is not None
    marie.status = AccountStatus.DISABLED
    session.add(marie)
    assert sessions.user_for_token(session, laptop.token) is None
    marie.status = AccountStatus.ACTIVE
    assert marie.id is not None
    sessions.close_all_sessions(session, marie.id)
    assert sessions.user_for_token(session, laptop.token) is None


@pytest.mark.parametrize("token", [None, "", "x" * 500, "not-a-token"])
def test_garbage_tokens_are_nobody(session: Session, token: str | None) -> None:
    assert sessions.user_for_token(session, token) is None
