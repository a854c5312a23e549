"""The outbox keeps every mail, but a code that still works is never readable there in clear."""

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import OutboxMail
from portail_famille.services.account_settings import request_password_reset
from portail_famille.services.demo import GUARDIAN_WITHOUT_ACCOUNT_EMAIL
from portail_famille.services.mail import readable_body
from portail_famille.services.signup import request_sign_up
from tests.accounts import NewAccount, code_in
from tests.smtp import Mailbox

pytestmark = pytest.mark.db


def _kept_for(session: Session, email: str) -> OutboxMail:
    session.flush()
    row = session.exec(
        select(OutboxMail).where(OutboxMail.recipient == email).order_by(col(OutboxMail.id).desc())
    ).first()
    assert row is not None
    return row


def test_a_reset_code_is_sealed_in_the_outbox(
    session: Session, mailbox: Mailbox, new_account: NewAccount
) -> None:
    email = new_account("sealed.reset@example.org").email
    request_password_reset(session, email, "fr")
    code = code_in(mailbox.text_of_last_to(email))  # the owner's inbox has it in clear
    kept = _kept_for(session, email)
    assert code not in kept.body and "Bonjour" not in kept.body
    assert code in readable_body(kept)  # whoever holds the secret key can still read it


def test_a_sign_up_code_is_sealed_and_a_mail_without_code_is_not(
    session: Session, mailbox: Mailbox
) -> None:
    request_sign_up(session, GUARDIAN_WITHOUT_ACCOUNT_EMAIL, "fr")
    code = code_in(mailbox.text_of_last_to(GUARDIAN_WITHOUT_ACCOUNT_EMAIL))
    assert code not in _kept_for(session, GUARDIAN_WITHOUT_ACCOUNT_EMAIL).body
    request_sign_up(session, "nobody.on.file@example.org", "fr")
    plain = _kept_for(session, "nobody.on.file@example.org")
    assert not plain.sealed and "Bonjour" in plain.body
