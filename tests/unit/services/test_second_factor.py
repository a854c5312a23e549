"""Staff second factor: enrolment, codes accepted once within ±1 step, recovery codes once."""

from datetime import timedelta

import pyotp
import pytest
from sqlmodel import Session, select

from portail_famille.models import RecoveryCode, TotpFactor, UserAccount
from portail_famille.models.base import utcnow
from portail_famille.services import second_factor, sessions
from portail_famille.services.access import Forbidden
from portail_famille.services.accounts import AccountError
from portail_famille.services.demo import ADMIN_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.demo_second_factor import DEMO_TOTP_SECRET
from portail_famille.services.sealing import unseal

pytestmark = pytest.mark.db


def _user(session: Session, email: str) -> UserAccount:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).one()


def _enrolled(session: Session, email: str = SECRETARY_EMAIL) -> tuple[int, pyotp.TOTP, list[str]]:
    user_id = _user(session, email).id
    assert user_id is not None
    enrolment = second_factor.begin(session, user_id)
    totp = pyotp.TOTP(enrolment.secret)
    codes = second_factor.confirm(session, user_id, totp.at(utcnow() - timedelta(seconds=30)))
    return user_id, totp, codes


def test_enrolment_seals_the_secret_and_needs_a_first_code(session: Session) -> None:
    user = _user(session, SECRETARY_EMAIL)
    assert user.id is not None
    enrolment = second_factor.begin(session, user.id)
    assert enrolment.uri.startswith("otpauth://totp/Portail%20Famille:")
    assert f"secret={enrolment.secret}" in enrolment.uri
    session.flush()
    row = session.exec(select(TotpFactor).where(TotpFactor.user_id == user.id)).one()
    assert enrolment.secret not in row.secret_sealed
    assert unseal(row.secret_sealed) == enrolment.secret
    assert not second_factor.has_second_factor(session, user.id)  # not before a first code
    with pytest.raises(AccountError, match="wrong_code"):
        second_factor.confirm(session, user.id, "000000")
    codes = second_factor.confirm(session, user.id, pyotp.TOTP(enrolment.secret).now())
    assert second_factor.has_second_factor(session, user.id)
    assert len(codes) == len(set(codes)) == 10
    stored = session.exec(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id))
    assert not set(codes) & set(stored.all())  # only hashes are kept


def test_families_cannot_enrol(session: Session) -> None:
    parent = _user(session, PARENT_EMAIL)
    assert parent.id is not None
    with pytest.raises(Forbidden):
        second_factor.begin(session, parent.id)


def test_a_code_is_accepted_once_and_within_one_step(session: Session) -> None:
    user_id, totp, _codes = _enrolled(session)
    now = utcnow()
    assert second_factor.verify(session, user_id, totp.at(now + timedelta(seconds=90))) is None
    code = totp.at(now)
    assert second_factor.verify(session, user_id, code) == "totp"
    assert second_factor.verify(session, user_id, code) is None  # replayed
    # An older code, still inside the window, is refused too once a newer one was used.
    assert second_factor.verify(session, user_id, totp.at(now - timedelta(seconds=30))) is None
    assert second_factor.verify(session, user_id, totp.at(now + timedelta(seconds=30))) == "totp"


def test_a_recovery_code_works_once(session: Session) -> None:
    user_id, _totp, codes = _enrolled(session)
    assert second_factor.verify(session, user_id, codes[3].upper()) == "recovery"
    assert second_factor.verify(session, user_id, codes[3]) is None
    assert second_factor.verify(session, user_id, codes[4].replace("-", " ")) == "recovery"


def test_regenerating_needs_a_code_and_voids_the_old_codes(session: Session) -> None:
    user_id, totp, codes = _enrolled(session)
    with pytest.raises(AccountError, match="wrong_code"):
        second_factor.regenerate_recovery_codes(session, user_id, codes[0])
    fresh = second_factor.regenerate_recovery_codes(session, user_id, totp.now())
    assert second_factor.verify(session, user_id, codes[1]) is None
    assert second_factor.verify(session, user_id, fresh[0]) == "recovery"


def test_staff_may_disable_after_a_code_admins_may_not(session: Session) -> None:
    user_id, totp, _codes = _enrolled(session)
    with pytest.raises(AccountError, match="wrong_code"):
        second_factor.disable(session, user_id, "123456")
    second_factor.disable(session, user_id, totp.now())
    assert not second_factor.has_second_factor(session, user_id)
    admin = _user(session, ADMIN_EMAIL)
    assert admin.id is not None
    with pytest.raises(AccountError, match="required_for_admins"):
        second_factor.disable(session, admin.id, pyotp.TOTP(DEMO_TOTP_SECRET).now())
    assert second_factor.has_second_factor(session, admin.id)


def test_a_staff_session_with_a_factor_opens_nothing_until_the_code(session: Session) -> None:
    user_id, _totp, _codes = _enrolled(session)
    user = session.get(UserAccount, user_id)
    assert user is not None
    pending = sessions.open_session(session, user, remember=True)
    assert pending.second_factor_pending and pending.max_age_seconds is None
    assert sessions.user_for_token(session, pending.token) is None
    assert sessions.restricted_user_for_token(session, pending.token) == (user, "verify")
    full = sessions.open_session(session, user, remember=False, second_factor_passed=True)
    assert sessions.user_for_token(session, full.token) == user
    # A pending session lasts ten minutes, to type the code.
    later = utcnow() + timedelta(minutes=11)
    assert sessions.restricted_user_for_token(session, pending.token, now=later) is None


def test_an_admin_without_a_factor_is_held_at_enrolment(session: Session) -> None:
    admin = _user(session, ADMIN_EMAIL)
    assert admin.id is not None
    for row in session.exec(select(TotpFactor).where(TotpFactor.user_id == admin.id)).all():
        session.delete(row)
    session.flush()
    new = sessions.open_session(session, admin, remember=False)
    assert not new.second_factor_pending
    assert sessions.user_for_token(session, new.token) is None
    assert sessions.restricted_user_for_token(session, new.token) == (admin, "enrol")
    enrolment = second_factor.begin(session, admin.id)
    second_factor.confirm(session, admin.id, pyotp.TOTP(enrolment.secret).now())
    assert sessions.user_for_token(session, new.token) == admin  # the same session opens now


def test_families_sessions_are_unaffected(session: Session) -> None:
    parent = _user(session, PARENT_EMAIL)
    new = sessions.open_session(session, parent, remember=False)
    assert not new.second_factor_pending
    assert sessions.user_for_token(session, new.token) == parent
