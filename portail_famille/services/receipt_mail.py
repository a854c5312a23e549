"""The payment receipt e-mail: a link to the portal, the PDF attached only with written consent.

Seed 000: a confidential document goes by e-mail as an attachment only when staff recorded the
guardian's written consent (AttachmentConsent, not withdrawn); otherwise the mail carries a link and
the receipt waits behind the sign-in.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.domain.money import Money
from portail_famille.i18n import supported_language
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_money, locale_for
from portail_famille.models import (
    AttachmentConsent,
    Guardian,
    GuardianEmail,
    OutboxMail,
    Payment,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.paths import PAYMENTS_PAGE
from portail_famille.services import mail
from portail_famille.services.receipts import build_receipt
from portail_famille.services.receipts_pdf import receipt_pdf


def has_attachment_consent(session: Session, guardian_id: int) -> bool:
    consent = session.exec(
        select(AttachmentConsent).where(
            AttachmentConsent.guardian_id == guardian_id,
            col(AttachmentConsent.withdrawn_at).is_(None),
        )
    ).first()
    return consent is not None


def _recipient(session: Session, guardian: Guardian) -> tuple[str, str] | None:
    """(address, language): the payer's account first, else the first address staff registered."""
    if guardian.user_id is not None:
        user = session.get(UserAccount, guardian.user_id)
        if user is not None:
            return user.email, supported_language(user.locale)
    address = session.exec(
        select(GuardianEmail.email).where(GuardianEmail.guardian_id == guardian.id)
    ).first()
    return (address, "fr") if address else None


def send_receipt_mail(session: Session, payment: Payment) -> OutboxMail | None:
    """Mails the payer their receipt; None when the payer has no address on file."""
    guardian = session.get(Guardian, payment.payer_guardian_id)
    assert guardian is not None and guardian.id is not None
    found = _recipient(session, guardian)
    if found is None:
        return None
    recipient, language = found
    receipt = build_receipt(session, payment)
    settings = get_settings()
    params = {
        "number": payment.receipt_number,
        "amount": format_money(
            Money(payment.amount_cents, payment.currency),
            locale_for(language, receipt.organisation.country),
        ),
        "organisation": receipt.organisation.name,
        "link": f"{settings.base_url}{PAYMENTS_PAGE}",
    }
    subject = translate(language, "mail.payment_receipt.subject", **params)
    body = translate(language, "mail.payment_receipt.body", **params)
    row = OutboxMail(
        organisation_id=payment.organisation_id, recipient=recipient, subject=subject, body=body
    )
    if settings.smtp_url:
        message = EmailMessage()
        message["From"] = settings.mail_from
        message["To"] = recipient
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain="portail-famille")
        message.set_content(body)
        if has_attachment_consent(session, guardian.id):
            message.add_attachment(
                receipt_pdf(receipt, language),
                maintype="application",
                subtype="pdf",
                filename=f"{payment.receipt_number}.pdf",
            )
        mail._deliver(mail.parse_smtp_url(settings.smtp_url), message)
        row.sent_at = utcnow()
    session.add(row)
    return row
