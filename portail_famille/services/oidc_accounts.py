"""Which portal account a provider's account signs in as.

A provider account joins a portal account once, through an e-mail the provider marks verified and
that is on file: an account's e-mail, or one staff registered for a guardian. After that the
provider's subject alone is enough, whatever e-mail the provider shows later.
"""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.domain.codes import normalise_email
from portail_famille.models import (
    AccountStatus,
    ExternalIdentity,
    UserAccount,
)
from portail_famille.services import audit
from portail_famille.services.accounts import account_by_email
from portail_famille.services.oidc import ProviderAccount
from portail_famille.services.signup import registered_guardians


class SignInRefused(Exception):
    """No portal account for this provider account; `reason` is unverified, unknown or disabled."""

    def __init__(self, reason: str, user_id: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.user_id = user_id


def account_for(
    session: Session, *, provider: str, account: ProviderAccount, locale: str
) -> UserAccount:
    """The active portal account for `account`, joining it on first use; SignInRefused otherwise."""
    identity = session.exec(
        select(ExternalIdentity).where(
            ExternalIdentity.provider == provider, ExternalIdentity.subject == account.subject
        )
    ).first()
    if identity is not None:
        return _active(session.get(UserAccount, identity.user_id), identity.user_id)
    if not account.email or not account.email_verified:
        raise SignInRefused("unverified")
    email = normalise_email(account.email)
    user = account_by_email(session, email) or _account_for_guardian(session, email, locale)
    user = _active(user, user.id)
    assert user.id is not None
    session.add(
        ExternalIdentity(user_id=user.id, provider=provider, subject=account.subject, email=email)
    )
    audit.record(
        session,
        action="auth.oidc_joined",
        actor_user_id=user.id,
        object_type="user",
        object_id=user.id,
        provider=provider,
    )
    return user


def _active(user: UserAccount | None, user_id: int | None) -> UserAccount:
    if user is None or user.status != AccountStatus.ACTIVE:
        raise SignInRefused("disabled", user_id)
    return user


def _account_for_guardian(session: Session, email: str, locale: str) -> UserAccount:
    """A new account, without password, as sign-up opens one: children wait for their own proof."""
    guardians = registered_guardians(session, email)
    if not guardians:
        raise SignInRefused("unknown")
    first = guardians[0]
    user = UserAccount(
        email=email, display_name=f"{first.first_name} {first.last_name}", locale=locale
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        action="account.created_by_oidc",
        actor_user_id=user.id,
        organisation_id=first.organisation_id,
        object_type="user",
        object_id=user.id,
    )
    return user
