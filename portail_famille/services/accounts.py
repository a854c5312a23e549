"""Portal accounts: sign-in checks, the language preference, administrators."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.domain.codes import normalise_email
from portail_famille.i18n import supported_language
from portail_famille.models import (
    AccountStatus,
    Organisation,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.services import audit
from portail_famille.services.passwords import hash_password, verify_password

MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A request about accounts that cannot be done; `code` is a message-catalogue key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def account_by_email(session: Session, email: str) -> UserAccount | None:
    return session.exec(
        select(UserAccount).where(UserAccount.email == normalise_email(email))
    ).first()


def authenticate(session: Session, email: str, password: str) -> UserAccount | None:
    """The account if the password is right and the account active; one answer for every failure."""
    user = account_by_email(session, email)
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or user.status != AccountStatus.ACTIVE:
        audit.record(
            session,
            action="auth.sign_in_failed",
            actor_user_id=user.id if user else None,
        )
        return None
    audit.record(session, action="auth.sign_in", actor_user_id=user.id)
    return user


def set_language(session: Session, user_id: int, language: str) -> str:
    user = session.get(UserAccount, user_id)
    if user is None:
        raise AccountError("account.unknown")
    user.locale = supported_language(language)
    session.add(user)
    return user.locale


def create_admin(
    session: Session, *, email: str, display_name: str, password: str, organisation_slug: str
) -> UserAccount:
    """An administrator of one organisation (the `portail create-admin` command)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password.too_short")
    organisation = session.exec(
        select(Organisation).where(Organisation.slug == organisation_slug)
    ).first()
    if organisation is None:
        raise AccountError("organisation.unknown")
    email = normalise_email(email)
    user = account_by_email(session, email)
    if user is None:
        user = UserAccount(email=email, display_name=display_name)
    user.password_hash = hash_password(password)
    user.status = AccountStatus.ACTIVE
    session.add(user)
    session.flush()
    assert user.id is not None and organisation.id is not None
    existing = session.exec(
        select(StaffMembership).where(
            StaffMembership.user_id == user.id,
            StaffMembership.organisation_id == organisation.id,
            StaffMembership.role == StaffRole.ADMIN,
        )
    ).first()
    if existing is None:
        session.add(
            StaffMembership(user_id=user.id, organisation_id=organisation.id, role=StaffRole.ADMIN)
        )
    audit.record(
        session,
        action="staff.admin_created",
        actor_user_id=None,
        organisation_id=organisation.id,
        object_type="user",
        object_id=user.id,
    )
    return user


def account_timezone(session: Session, user_id: int) -> str:
    """The timezone of the account's first organisation: the one its days are lived in."""
    from portail_famille.models import Guardian

    organisation_id = (
        session.exec(select(Guardian.organisation_id).where(Guardian.user_id == user_id)).first()
        or session.exec(
            select(StaffMembership.organisation_id).where(StaffMembership.user_id == user_id)
        ).first()
    )
    organisation = session.get(Organisation, organisation_id) if organisation_id else None
    return organisation.timezone if organisation else "UTC"
