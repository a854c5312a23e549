"""Opening an account: only with an e-mail address that staff registered on a guardian's record.

The page says the same thing for every address; the e-mail tells the truth to its owner only.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from portail_famille.domain.codes import is_plausible_email, normalise_email
from portail_famille.models import CodePurpose, Guardian, GuardianEmail, UserAccount
from portail_famille.services import audit, throttle
from portail_famille.services.accounts import AccountError, account_by_email
from portail_famille.services.mail import send_message
from portail_famille.services.password_policy import password_problem
from portail_famille.services.passwords import hash_password
from portail_famille.services.verification import CheckResult, check_code, issue_code

# Mails per address before each new one must wait longer: nobody's inbox is flooded.
MAILS_PER_ADDRESS = 5


def registered_guardians(session: Session, email: str) -> list[Guardian]:
    """Guardian records on which staff registered `email`."""
    return list(
        session.exec(
            select(Guardian)
            .join(GuardianEmail, col(GuardianEmail.guardian_id) == Guardian.id)
            .where(GuardianEmail.email == normalise_email(email))
        ).all()
    )


def request_sign_up(session: Session, email: str, language: str) -> None:
    """Sends the right mail for `email`; the caller learns nothing about which one it was.

    Raises AccountError only for a malformed address (that reveals nothing about the records).
    """
    email = normalise_email(email)
    if not is_plausible_email(email):
        raise AccountError("signup.email_invalid")
    if throttle.wait_seconds(session, "signup_mail", email, free=MAILS_PER_ADDRESS) > 0:
        return  # silently: the previous mails are in the inbox already
    throttle.record_failure(session, "signup_mail", email)  # counts mails, not failures
    has_account = account_by_email(session, email) is not None
    guardians = registered_guardians(session, email)
    # Every address costs the same work (a code, one mail): only the mail's reader learns which.
    issued = issue_code(session, CodePurpose.SIGN_UP, email, decoy=has_account or not guardians)
    if has_account:
        send_message(session, recipient=email, template="account_exists", language=language)
        return
    if not guardians:
        send_message(session, recipient=email, template="not_on_file", language=language)
        return
    send_message(
        session,
        recipient=email,
        template="sign_up_code",
        language=language,
        organisation_id=guardians[0].organisation_id,
        code=issued.code,
        minutes=10,
    )


def complete_sign_up(
    session: Session, email: str, code: str, password: str, language: str
) -> UserAccount:
    """Checks the code and opens the account. AccountError.code says which field is wrong."""
    email = normalise_email(email)
    problem = password_problem(password, email=email)
    if problem:
        raise AccountError(problem)  # checked first, so a weak password does not burn the code
    result, _row = check_code(session, CodePurpose.SIGN_UP, email, code)
    if result is CheckResult.WRONG:
        raise AccountError("code.wrong")
    if result is CheckResult.SPENT:
        raise AccountError("code.spent")
    guardians = registered_guardians(session, email)
    if not guardians or account_by_email(session, email) is not None:
        raise AccountError("code.spent")  # records changed since the code was sent
    first = guardians[0]
    user = UserAccount(
        email=email,
        display_name=f"{first.first_name} {first.last_name}",
        password_hash=hash_password(password),
        locale=language,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        action="account.signed_up",
        actor_user_id=user.id,
        organisation_id=first.organisation_id,
        object_type="user",
        object_id=user.id,
    )
    return user
