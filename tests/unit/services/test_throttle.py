"""Throttling: free failures, then a wait that doubles up to 15 minutes, over a 30-minute window."""

import itertools
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from portail_famille.models.base import utcnow
from portail_famille.services import throttle

pytestmark = pytest.mark.db

_keys = itertools.count()
with_session = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=30
)


def _key() -> str:
    return f"guesser-{next(_keys)}@example.org"


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=1, max_value=40))
def test_the_delay_is_free_then_doubles_up_to_15_minutes(failures: int, free: int) -> None:
    delay = throttle.required_delay(failures, free)
    if failures < free:
        assert delay == timedelta(0)
    else:
        assert delay.total_seconds() == min(2 ** (failures - free + 1), 15 * 60)
    assert throttle.required_delay(failures + 1, free) >= delay


def test_the_first_paid_failure_costs_two_seconds() -> None:
    assert throttle.required_delay(4) == timedelta(0)
    assert throttle.required_delay(5) == timedelta(seconds=2)
    assert throttle.required_delay(6) == timedelta(seconds=4)
    assert throttle.required_delay(10_000) == timedelta(minutes=15)


@with_session
@given(
    failures=st.integers(min_value=1, max_value=20),
    later=st.integers(min_value=0, max_value=40 * 60),
)
def test_the_wait_runs_from_the_last_failure(session: Session, failures: int, later: int) -> None:
    key, start = _key(), utcnow()
    for _ in range(failures):
        throttle.record_failure(session, "signin_email", key, now=start)
    delay = throttle.required_delay(failures).total_seconds()
    wait = throttle.wait_seconds(session, "signin_email", key, now=start + timedelta(seconds=later))
    assert wait == max(0, delay - later)


@with_session
@given(old=st.integers(min_value=0, max_value=30), recent=st.integers(min_value=0, max_value=4))
def test_only_the_last_30_minutes_count(session: Session, old: int, recent: int) -> None:
    key, now = _key(), utcnow()
    for _ in range(old):
        throttle.record_failure(session, "signin_email", key, now=now - timedelta(minutes=31))
    for _ in range(recent):
        throttle.record_failure(session, "signin_email", key, now=now - timedelta(seconds=1))
    assert throttle.wait_seconds(session, "signin_email", key, now=now) == 0


def test_clear_forgets_one_key_only(session: Session) -> None:
    forgiven, other = _key(), _key()
    for _ in range(6):
        throttle.record_failure(session, "signin_email", forgiven)
        throttle.record_failure(session, "signin_email", other)
    assert throttle.wait_seconds(session, "signin_email", forgiven) > 0
    throttle.clear(session, "signin_email", forgiven)
    assert throttle.wait_seconds(session, "signin_email", forgiven) == 0
    assert throttle.wait_seconds(session, "signin_email", other) > 0


def test_kinds_and_keys_do_not_mix(session: Session) -> None:
    key = _key()
    for _ in range(10):
        throttle.record_failure(session, "signin_email", key)
    assert throttle.wait_seconds(session, "signin_email", key) > 0
    assert throttle.wait_seconds(session, "signup_mail", key) == 0
    assert throttle.wait_seconds(session, "signin_email", key.upper()) == 0
    throttle.clear(session, "signup_mail", key)
    assert throttle.wait_seconds(session, "signin_email", key) > 0


def test_a_shared_address_gets_more_free_failures(session: Session) -> None:
    school = "203.0.113.7"
    for _ in range(10):
        throttle.record_failure(session, "signin_client", school)
    assert throttle.wait_seconds(session, "signin_client", school, free=30) == 0
    assert throttle.wait_seconds(session, "signin_client", school) > 0
