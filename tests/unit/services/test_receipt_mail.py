"""The receipt e-mail: a link to the portal; the PDF attached only with recorded written consent."""

from datetime import date

import pytest
from sqlmodel import Session

from portail_famille.models import AttachmentConsent, PaymentMethod
from portail_famille.models.base import utcnow
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.payments_staff import record_desk_payment
from portail_famille.services.receipt_mail import send_receipt_mail
from tests.payment_fixtures import guardian, new_invoice, user_id
from tests.smtp import Mailbox

pytestmark = pytest.mark.db


def _paid(session: Session):
    invoice = new_invoice(session, ("Marie", "Tremblay"), ("Léa", "Gagnon"), 4_210)
    assert invoice.id is not None
    return record_desk_payment(
        session,
        user_id(session, SECRETARY_EMAIL),
        invoice_id=invoice.id,
        method=PaymentMethod.CASH,
        amount_cents=4_210,
        note=None,
    )


def test_without_consent_the_mail_carries_a_link_and_no_attachment(
    session: Session, mailbox: Mailbox
) -> None:
    payment = _paid(session)
    send_receipt_mail(session, payment)
    message = mailbox.last_to(PARENT_EMAIL)
    assert message is not None and not message.is_multipart()
    text = mailbox.text_of_last_to(PARENT_EMAIL)
    assert payment.receipt_number in text and "42,10" in text
    assert "/famille/paiements" in text


def test_with_written_consent_the_receipt_pdf_is_attached(
    session: Session, mailbox: Mailbox
) -> None:
    marie = guardian(session, "Marie", "Tremblay")
    assert marie.id is not None
    session.add(
        AttachmentConsent(
            guardian_id=marie.id,
            consented_on=date(2026, 9, 1),
            evidence="Formulaire signé reçu le 1er septembre 2026",
            recorded_by=user_id(session, SECRETARY_EMAIL),
        )
    )
    session.flush()
    payment = _paid(session)
    send_receipt_mail(session, payment)
    message = mailbox.last_to(PARENT_EMAIL)
    assert message is not None and message.is_multipart()
    [attachment] = [part for part in message.walk() if part.get_filename()]
    assert attachment.get_filename() == f"{payment.receipt_number}.pdf"
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes) and payload.startswith(b"%PDF")


def test_a_withdrawn_consent_attaches_nothing(session: Session, mailbox: Mailbox) -> None:
    marie = guardian(session, "Marie", "Tremblay")
    assert marie.id is not None
    session.add(
        AttachmentConsent(
            guardian_id=marie.id,
            consented_on=date(2026, 9, 1),
            evidence="Formulaire signé",
            recorded_by=user_id(session, SECRETARY_EMAIL),
            withdrawn_at=utcnow(),
        )
    )
    session.flush()
    send_receipt_mail(session, _paid(session))
    message = mailbox.last_to(PARENT_EMAIL)
    assert message is not None and not message.is_multipart()
