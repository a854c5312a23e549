"""What a signed-in person changes about their own account: password, e-mail, notification
addresses, signed-in devices. Changing the password or the e-mail asks for the current password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, delete, select

from portail_famille.domain.codes import is_plausible_email, normalise_email
from portail_famille.models import AuthSession, CodePurpose, NotificationEmail, UserAccount
from portail_famille.services import audit, throttle
from portail_famille.services.access import Forbidden, active_user
from portail_famille.services.accounts import AccountError, account_by_email
from portail_famille.services.mail import send_message
from portail_famille.services.password_policy import password_problem
from portail_famille.services.passwords import hash_password, verify_password
from portail_famille.services.sessions import token_hash
from portail_famille.services.verification import CheckResult, check_code, issue_code

MAX_NOTIFICATION_EMAILS = 3
# Mails per address before each new one must wait longer: nobody's inbox is flooded.
MAILS_PER_ADDRESS = 5


def _fresh_password_check(session: Session, user: UserAccount, current_password: str) -> None:
    """A fresh proof of identity before a sensitive change; throttled like sign-in."""
    key = str(user.id)
    if throttle.wait_seconds(session, "reauth", key) > 0:
        raise AccountError("signin.throttled")
    if not verify_password(user.password_hash, current_password):
        throttle.record_failure(session, "reauth", key)
        raise AccountError("settings.current_password_wrong")


def change_password(
    session: Session, user_id: int, current_password: str, new_password: str, keep_token: str | None
) -> None:
    """Sets a new password and signs out every other device."""
    user = active_user(session, user_id)
    _fresh_password_check(session, user, current_password)
    problem = password_problem(new_password, email=user.email)
    if problem:
        raise AccountError(problem)
    user.password_hash = hash_password(new_password)
    session.add(user)
    end_other_sessions(session, user_id, keep_token)
    audit.record(
        session,
        action="account.password_changed",
        actor_user_id=user_id,
        object_type="user",
        object_id=user_id,
    )


def reset_password(session: Session, email: str, code: str, new_password: str) -> UserAccount:
    """Forgotten password: the e-mailed code proves the address. Ends every session."""
    problem = password_problem(new_password, email=email)
    if problem:
        raise AccountError(problem)
    result, _row = check_code(session, CodePurpose.PASSWORD_RESET, email, code)
    if result is not CheckResult.ACCEPTED:
        raise AccountError("code.wrong" if result is CheckResult.WRONG else "code.spent")
    user = account_by_email(session, email)
    if user is None:
        raise AccountError("code.spent")
    assert user.id is not None
    active_user(session, user.id)  # a disabled account stays disabled
    user.password_hash = hash_password(new_password)
    session.add(user)
    end_other_sessions(session, user.id, None)
    audit.record(
        session,
        action="account.password_reset",
        actor_user_id=user.id,
        object_type="user",
        object_id=user.id,
    )
    return user


def request_password_reset(session: Session, email: str, language: str) -> None:
    """Mails a reset code when an active account has this address, and a mail saying there is
    none otherwise: every address costs the same work, so neither the page nor the time it takes
    tells which addresses have an account."""
    email = normalise_email(email)
    if not is_plausible_email(email):
        raise AccountError("signup.email_invalid")
    if throttle.wait_seconds(session, "reset_mail", email, free=MAILS_PER_ADDRESS) > 0:
        return
    throttle.record_failure(session, "reset_mail", email)  # counts mails sent
    user = account_by_email(session, email)
    try:
        if user is None or user.id is None:
            raise Forbidden
        active_user(session, user.id)
    except Forbidden:  # no account, or a disabled one: no code, the same work
        issue_code(session, CodePurpose.PASSWORD_RESET, email, decoy=True)
        send_message(session, recipient=email, template="reset_no_account", language=language)
        return
    issued = issue_code(session, CodePurpose.PASSWORD_RESET, email, user_id=user.id)
    send_message(
        session,
        recipient=email,
        template="password_reset_code",
        language=user.locale or language,
        code=issued.code,
        minutes=10,
    )


def request_email_change(
    session: Session, user_id: int, current_password: str, new_email: str
) -> bool:
    """Sends a code to the new address; nothing changes until it is typed back."""
    user = active_user(session, user_id)
    new_email = normalise_email(new_email)
    if not is_plausible_email(new_email):
        raise AccountError("signup.email_invalid")
    if new_email == user.email:
        raise AccountError("settings.email_same")
    _fresh_password_check(session, user, current_password)
    if account_by_email(session, new_email) is not None:
        raise AccountError("settings.email_taken")
    issued = issue_code(
        session, CodePurpose.EMAIL_CHANGE, new_email, user_id=user_id, payload={"user_id": user_id}
    )
    send_message(
        session,
        recipient=new_email,
        template="email_change_code",
        language=user.locale,
        code=issued.code,
        minutes=10,
    )
    return issued.replaced_previous


def confirm_email_change(session: Session, user_id: int, new_email: str, code: str) -> None:
    user = active_user(session, user_id)
    new_email = normalise_email(new_email)
    result, row = check_code(session, CodePurpose.EMAIL_CHANGE, new_email, code, user_id=user_id)
    if result is not CheckResult.ACCEPTED or row is None or row.user_id != user_id:
        raise AccountError("code.wrong" if result is CheckResult.WRONG else "code.spent")
    if account_by_email(session, new_email) is not None:
        raise AccountError("settings.email_taken")
    old_email = user.email
    user.email = new_email
    session.add(user)
    # The old address learns of the change: if it was not its owner, they can react.
    send_message(
        session,
        recipient=old_email,
        template="email_changed",
        language=user.locale,
        new_email=new_email,
    )
    audit.record(
        session,
        action="account.email_changed",
        actor_user_id=user_id,
        object_type="user",
        object_id=user_id,
        old=old_email,
        new=new_email,
    )


def notification_emails(session: Session, user_id: int) -> list[str]:
    active_user(session, user_id)
    return list(
        session.exec(
            select(NotificationEmail.email)
            .where(NotificationEmail.user_id == user_id)
            .order_by(col(NotificationEmail.id))
        ).all()
    )


def add_notification_email(session: Session, user_id: int, email: str) -> None:
    user = active_user(session, user_id)
    email = normalise_email(email)
    if not is_plausible_email(email):
        raise AccountError("signup.email_invalid")
    existing = notification_emails(session, user_id)
    if email == user.email or email in existing:
        raise AccountError("settings.notification_duplicate")
    if len(existing) >= MAX_NOTIFICATION_EMAILS:
        raise AccountError("settings.notification_limit")
    session.add(NotificationEmail(user_id=user_id, email=email))


def remove_notification_email(session: Session, user_id: int, email: str) -> None:
    active_user(session, user_id)
    session.exec(
        delete(NotificationEmail).where(
            col(NotificationEmail.user_id) == user_id,
            col(NotificationEmail.email) == normalise_email(email),
        )
    )


@dataclass(frozen=True)
class Device:
    session_id: int
    user_agent: str
    created_at: datetime
    last_seen_at: datetime
    current: bool


def devices(session: Session, user_id: int, current_token: str | None) -> list[Device]:
    """The account's signed-in devices, the one asking first."""
    active_user(session, user_id)
    current_hash = token_hash(current_token) if current_token else ""
    rows = session.exec(
        select(AuthSession)
        .where(AuthSession.user_id == user_id)
        .order_by(col(AuthSession.last_seen_at).desc())
    ).all()
    found = [
        Device(
            session_id=row.id or 0,
            user_agent=row.user_agent or "",
            created_at=row.created_at,
            last_seen_at=row.last_seen_at,
            current=row.token_hash == current_hash,
        )
        for row in rows
    ]
    return sorted(found, key=lambda d: not d.current)


def sign_out_device(session: Session, user_id: int, session_id: int) -> None:
    """Ends one of the account's own sessions (an id of another account's is ignored)."""
    session.exec(
        delete(AuthSession).where(
            col(AuthSession.id) == session_id, col(AuthSession.user_id) == user_id
        )
    )


def end_other_sessions(session: Session, user_id: int, keep_token: str | None) -> None:
    statement = delete(AuthSession).where(col(AuthSession.user_id) == user_id)
    if keep_token:
        statement = statement.where(col(AuthSession.token_hash) != token_hash(keep_token))
    session.exec(statement)
