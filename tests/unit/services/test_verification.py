"""E-mailed codes: 6 random digits, only a keyed hash kept, 10 minutes, 5 tries, single use."""

import itertools
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from portail_famille.models import CodePurpose, VerificationCode
from portail_famille.models.base import utcnow
from portail_famille.services.verification import CheckResult, check_code, issue_code

pytestmark = pytest.mark.db

SIGN_UP = CodePurpose.SIGN_UP
_addresses = itertools.count()
# Hypothesis examples share the test's session (rolled back at its end): each takes a new address.
with_session = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, max_examples=40
)


def _address() -> str:
    return f"code-{next(_addresses)}@example.org"


def test_a_code_is_six_digits_and_only_its_hash_is_stored(session: Session) -> None:
    email = _address()
    issued = issue_code(session, SIGN_UP, email)
    assert re.fullmatch(r"\d{6}", issued.code)
    row = session.exec(select(VerificationCode).where(VerificationCode.email == email)).one()
    stored = " ".join(str(getattr(row, name)) for name in VerificationCode.model_fields)
    assert issued.code not in stored
    assert len(row.code_hash) == 64


def test_codes_are_unpredictable(session: Session) -> None:
    codes = [issue_code(session, SIGN_UP, _address()).code for _ in range(300)]
    # 300 draws from a million: a repeat is a 4% chance, three would mean a poor generator.
    assert len(set(codes)) >= 298
    assert len({code[0] for code in codes}) == 10  # leading digits vary, zeros included


@with_session
@given(elapsed=st.integers(min_value=0, max_value=30 * 60))
def test_a_code_works_for_10_minutes(session: Session, elapsed: int) -> None:
    email, issued_at = _address(), utcnow()
    issued = issue_code(session, SIGN_UP, email, now=issued_at)
    result, _ = check_code(
        session, SIGN_UP, email, issued.code, now=issued_at + timedelta(seconds=elapsed)
    )
    assert result is (CheckResult.ACCEPTED if elapsed < 10 * 60 else CheckResult.SPENT)


@with_session
@given(wrong_guesses=st.integers(min_value=0, max_value=8))
def test_five_wrong_guesses_spend_the_code(session: Session, wrong_guesses: int) -> None:
    email = _address()
    issued = issue_code(session, SIGN_UP, email)
    wrong = f"{(int(issued.code) + 1) % 10**6:06d}"
    for guess in range(1, wrong_guesses + 1):
        result, row = check_code(session, SIGN_UP, email, wrong)
        assert row is None
        assert result is (CheckResult.WRONG if guess < 5 else CheckResult.SPENT)
    result, _ = check_code(session, SIGN_UP, email, issued.code)
    assert result is (CheckResult.ACCEPTED if wrong_guesses < 5 else CheckResult.SPENT)


def test_a_code_is_used_once(session: Session) -> None:
    email = _address()
    issued = issue_code(session, SIGN_UP, email)
    assert check_code(session, SIGN_UP, email, issued.code)[0] is CheckResult.ACCEPTED
    assert check_code(session, SIGN_UP, email, issued.code)[0] is CheckResult.SPENT


@with_session
@given(requests=st.integers(min_value=2, max_value=5))
def test_a_new_code_voids_the_previous_ones(session: Session, requests: int) -> None:
    email = _address()
    issued = [issue_code(session, SIGN_UP, email) for _ in range(requests)]
    assert [i.replaced_previous for i in issued] == [False] + [True] * (requests - 1)
    latest = issued[-1].code
    for old in issued[:-1]:
        assume(old.code != latest)
        assert check_code(session, SIGN_UP, email, old.code)[0] is not CheckResult.ACCEPTED
    assert check_code(session, SIGN_UP, email, latest)[0] is CheckResult.ACCEPTED


def test_a_code_spent_or_expired_is_not_replaced(session: Session) -> None:
    email, start = _address(), utcnow()
    first = issue_code(session, SIGN_UP, email, now=start)
    check_code(session, SIGN_UP, email, first.code, now=start)
    assert not issue_code(session, SIGN_UP, email, now=start).replaced_previous
    later = start + timedelta(minutes=11)
    assert not issue_code(session, SIGN_UP, email, now=later).replaced_previous


def test_a_code_opens_only_its_own_purpose_and_address(session: Session) -> None:
    email = _address()
    issued = issue_code(session, SIGN_UP, email)
    assert check_code(session, CodePurpose.PASSWORD_RESET, email, issued.code)[0] is (
        CheckResult.SPENT
    )
    assert check_code(session, SIGN_UP, _address(), issued.code)[0] is CheckResult.SPENT
    typed = f" {issued.code[:3]} {issued.code[3:]} "  # as people copy it from a mail
    assert check_code(session, SIGN_UP, email.upper(), typed)[0] is CheckResult.ACCEPTED
