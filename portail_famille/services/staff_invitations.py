"""Inviting staff by e-mail: an 8-digit code, then the invitee's own password.

Only the code's HMAC is stored. It lasts 72 hours, allows 5 attempts, works once, and a newer
invitation to the same address voids the older ones. Failures never say whether an address exists.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.codes import normalise_email
from portail_famille.domain.contact import is_plausible_email
from portail_famille.domain.secrets import keyed_hash, new_numeric_code, same_digest
from portail_famille.i18n.catalog import translate
from portail_famille.models import (
    AccountStatus,
    CodePurpose,
    Organisation,
    School,
    StaffRole,
    UserAccount,
    VerificationCode,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.accounts import account_by_email
from portail_famille.services.mail import send_message
from portail_famille.services.password_policy import password_problem
from portail_famille.services.passwords import hash_password
from portail_famille.services.sessions import close_all_sessions
from portail_famille.services.staff import StaffError, check_role_target, grant_role
from portail_famille.services.staff_access import admin_organisation_ids

CODE_DIGITS = 8
LIFETIME = timedelta(hours=72)
ATTEMPTS = 5
# The organisation's language: the invitee has no account (or preference) yet.
INVITATION_LANGUAGE = "fr"


def _hash(code: str) -> str:
    return keyed_hash(get_settings().secret_key.get_secret_value(), code)


def _open_invitations(session: Session, email: str) -> list[VerificationCode]:
    return list(
        session.exec(
            select(VerificationCode)
            .where(
                VerificationCode.purpose == CodePurpose.STAFF_INVITATION,
                VerificationCode.email == email,
                col(VerificationCode.used_at).is_(None),
                col(VerificationCode.voided_at).is_(None),
            )
            .order_by(col(VerificationCode.created_at).desc(), col(VerificationCode.id).desc())
        ).all()
    )


def invite_staff(
    session: Session,
    actor_id: int,
    *,
    email: str,
    name: str,
    role: str,
    organisation_id: int | None,
    school_id: int | None,
    now: datetime | None = None,
) -> VerificationCode:
    """Mails an invitation code for a role in one of the actor's organisations."""
    orgs = admin_organisation_ids(session, actor_id)
    staff_role = check_role_target(session, orgs, role, organisation_id, school_id)
    email, name = normalise_email(email), name.strip()
    if not is_plausible_email(email):
        raise StaffError("staff.error.email")
    if not name or len(name) > 200:
        raise StaffError("staff.error.name")
    now = now or utcnow()
    for older in _open_invitations(session, email):
        older.voided_at = now
        session.add(older)
    code = new_numeric_code(CODE_DIGITS)
    invitation = VerificationCode(
        purpose=CodePurpose.STAFF_INVITATION,
        email=email,
        code_hash=_hash(code),
        attempts_left=ATTEMPTS,
        created_at=now,
        expires_at=now + LIFETIME,
        payload={
            "role": staff_role.value,
            "organisation_id": organisation_id,
            "school_id": school_id,
            "name": name,
            "invited_by": actor_id,
        },
    )
    session.add(invitation)
    session.flush()
    organisation = session.get(Organisation, organisation_id)
    school = session.get(School, school_id) if school_id is not None else None
    assert organisation is not None
    send_message(
        session,
        recipient=email,
        template="staff_invitation",
        language=INVITATION_LANGUAGE,
        organisation_id=organisation_id,
        name=name,
        code=code,
        organisation=organisation.name,
        role=translate(INVITATION_LANGUAGE, f"staff.role.{staff_role.value}"),
        school=school.name if school else organisation.name,
        hours=int(LIFETIME.total_seconds() // 3600),
    )
    audit.record(
        session,
        action="staff.invited",
        actor_user_id=actor_id,
        organisation_id=organisation_id,
        object_type="invitation",
        object_id=invitation.id,
        role=staff_role.value,
        school_id=school_id,
    )
    return invitation


def accept_invitation(
    session: Session,
    *,
    email: str,
    code: str,
    password: str,
    now: datetime | None = None,
) -> UserAccount | None:
    """Creates the account (or adds the role to an existing one) once the code is right.

    None for every unknown address and wrong, used, voided or expired code alike; the attempt a
    wrong code costs is saved with the caller's transaction. A weak password costs no attempt.
    """
    email = normalise_email(email)
    now = now or utcnow()
    problem = password_problem(password, email=email)
    if problem is not None:
        raise StaffError(problem)
    invitation = next(iter(_open_invitations(session, email)), None)
    if invitation is None or invitation.expires_at <= now or invitation.attempts_left <= 0:
        return None
    typed = "".join(ch for ch in code if ch.isdigit())
    if not same_digest(invitation.code_hash, _hash(typed)):
        invitation.attempts_left -= 1
        session.add(invitation)
        audit.record(session, action="staff.invitation_failed", actor_user_id=None)
        return None
    invitation.used_at = now
    session.add(invitation)
    payload = invitation.payload
    user = account_by_email(session, email)
    if user is None:
        user = UserAccount(email=email, display_name=str(payload["name"]))
    elif user.id is not None:
        close_all_sessions(session, user.id)  # a new password: other devices sign in again
    user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    assert user.id is not None
    organisation_id = int(str(payload["organisation_id"]))
    school = payload.get("school_id")
    grant_role(
        session,
        user.id,
        StaffRole(str(payload["role"])),
        organisation_id,
        int(str(school)) if school is not None else None,
    )
    audit.record(
        session,
        action="staff.invitation_accepted",
        actor_user_id=user.id,
        organisation_id=organisation_id,
        object_type="invitation",
        object_id=invitation.id,
        account_disabled=user.status != AccountStatus.ACTIVE,
    )
    return user
