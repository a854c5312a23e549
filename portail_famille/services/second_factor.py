"""Second factor for staff: an authenticator app (TOTP, RFC 6238) with recovery codes.

Staff may enrol one; administrators must, and until they have one their sessions open nothing but
the enrolment page (services/sessions.py asks `must_enrol`). The secret is sealed at rest; a code
is accepted for at most one sign-in (the step it belongs to is remembered) and within one step
(30 s) either side of the server's clock.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

import pyotp
from sqlmodel import Session, col, delete, select, update

from portail_famille.models import StaffMembership, StaffRole, TotpFactor
from portail_famille.models.base import utcnow
from portail_famille.services import audit, recovery_codes, throttle
from portail_famille.services.access import Forbidden, active_user
from portail_famille.services.accounts import AccountError
from portail_famille.services.sealing import seal, unseal

ISSUER = "Portail Famille"
THROTTLE_KIND = "second_factor"  # shared with the sign-in route: one budget of wrong codes
WINDOW = 1  # steps of 30 s accepted either side: phones drift, people type slowly


@dataclass(frozen=True)
class Enrolment:
    """What the page shows once, while the factor waits for its first code."""

    secret: str  # base32, for typing into the app by hand
    uri: str  # otpauth://, which a phone opens in its authenticator app


def _is_staff(session: Session, user_id: int) -> bool:
    # sessions.is_staff asks the same, but services/sessions.py imports this module.
    return (
        session.exec(select(StaffMembership.id).where(StaffMembership.user_id == user_id)).first()
        is not None
    )


def is_admin(session: Session, user_id: int) -> bool:
    return (
        session.exec(
            select(StaffMembership.id).where(
                StaffMembership.user_id == user_id, StaffMembership.role == StaffRole.ADMIN
            )
        ).first()
        is not None
    )


def _factor(session: Session, user_id: int) -> TotpFactor | None:
    return session.exec(select(TotpFactor).where(TotpFactor.user_id == user_id)).first()


def has_second_factor(session: Session, user_id: int) -> bool:
    """True when a confirmed authenticator protects this account's sign-ins."""
    factor = _factor(session, user_id)
    return factor is not None and factor.confirmed_at is not None


def must_enrol(session: Session, user_id: int) -> bool:
    """An administrator without a second factor: nothing opens until one is enrolled."""
    return is_admin(session, user_id) and not has_second_factor(session, user_id)


def begin(session: Session, user_id: int) -> Enrolment:
    """A new secret for a staff account that has no confirmed factor (a restart replaces it)."""
    user = active_user(session, user_id)
    if not _is_staff(session, user_id):
        raise Forbidden
    factor = _factor(session, user_id)
    if factor is not None and factor.confirmed_at is not None:
        raise AccountError("mfa.error.already_enrolled")
    secret = pyotp.random_base32()
    if factor is None:
        factor = TotpFactor(user_id=user_id, secret_sealed=seal(secret))
    factor.secret_sealed, factor.created_at, factor.last_used_step = seal(secret), utcnow(), None
    session.add(factor)
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
    return Enrolment(secret=secret, uri=uri)


def confirm(session: Session, user_id: int, code: str, *, now: datetime | None = None) -> list[str]:
    """The first code proves the app holds the secret: the factor is on; the recovery codes."""
    factor = _factor(session, user_id)
    if factor is None or factor.confirmed_at is not None:
        raise AccountError("mfa.error.not_started")
    _not_throttled(session, user_id)
    _checked(session, user_id, _accept_totp(session, factor, code, now or utcnow()))
    factor.confirmed_at = now or utcnow()
    session.add(factor)
    codes = recovery_codes.replace_all(session, user_id)
    audit.record(
        session,
        action="auth.second_factor_enrolled",
        actor_user_id=user_id,
        object_type="user",
        object_id=user_id,
    )
    return codes


def verify(session: Session, user_id: int, code: str, *, now: datetime | None = None) -> str | None:
    """'totp' or 'recovery' when `code` is a valid, unused code for this account; None otherwise."""
    factor = _factor(session, user_id)
    if factor is None or factor.confirmed_at is None:
        return None
    if recovery_codes.looks_like_recovery_code(code):
        return "recovery" if recovery_codes.consume(session, user_id, code, now=now) else None
    return "totp" if _accept_totp(session, factor, code, now or utcnow()) else None


def regenerate_recovery_codes(session: Session, user_id: int, code: str) -> list[str]:
    """Ten new codes after a current authenticator code; the old ones stop working."""
    factor = _factor(session, user_id)
    if factor is None or factor.confirmed_at is None:
        raise AccountError("mfa.error.not_started")
    _not_throttled(session, user_id)
    _checked(session, user_id, _accept_totp(session, factor, code, utcnow()))
    audit.record(session, action="auth.recovery_codes_renewed", actor_user_id=user_id)
    return recovery_codes.replace_all(session, user_id)


def disable(session: Session, user_id: int, code: str) -> None:
    """Turns the factor off after a current code (or a recovery code); administrators cannot."""
    if is_admin(session, user_id):
        raise AccountError("mfa.error.required_for_admins")
    _not_throttled(session, user_id)
    _checked(session, user_id, verify(session, user_id, code) is not None)
    session.exec(delete(TotpFactor).where(col(TotpFactor.user_id) == user_id))
    recovery_codes.forget(session, user_id)
    audit.record(session, action="auth.second_factor_disabled", actor_user_id=user_id)


def _checked(session: Session, user_id: int, accepted: bool) -> None:
    """Counts a wrong code against the account's budget (the caller checked the wait first)."""
    if not accepted:
        throttle.record_failure(session, THROTTLE_KIND, str(user_id))
        raise AccountError("mfa.error.wrong_code")


def _not_throttled(session: Session, user_id: int) -> None:
    if throttle.wait_seconds(session, THROTTLE_KIND, str(user_id)):
        raise AccountError("mfa.error.throttled")


def _accept_totp(session: Session, factor: TotpFactor, code: str, now: datetime) -> bool:
    digits = "".join(c for c in code if c.isdigit())
    secret = unseal(factor.secret_sealed)
    if len(digits) != 6 or secret is None or factor.id is None:
        return False
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    matched = next(
        (
            step
            for step in range(current - WINDOW, current + WINDOW + 1)
            if hmac.compare_digest(totp.generate_otp(step), digits)
        ),
        None,
    )
    if matched is None:
        return False
    # Replay: the step must be newer than the last one accepted, checked in the UPDATE itself so
    # two sign-ins racing with one code get one success.
    moved = session.exec(
        update(TotpFactor)
        .where(
            col(TotpFactor.id) == factor.id,
            (col(TotpFactor.last_used_step).is_(None)) | (col(TotpFactor.last_used_step) < matched),
        )
        .values(last_used_step=matched)
    )
    if moved.rowcount != 1:
        return False
    factor.last_used_step = matched
    return True
