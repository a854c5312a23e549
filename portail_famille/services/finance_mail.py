"""E-mail when a new invoice or statement is available: a link to the portal, in the reader's
language, to the guardian's address and the up to three extra addresses of their account.

Seed 000: a confidential document (invoice, statement) is never attached unless staff recorded
the guardian's written consent (AttachmentConsent, not withdrawn) — and then only to the
guardian's own address, never to the extra ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from sqlmodel import Session, col, select

from portail_famille.config import get_settings
from portail_famille.i18n import supported_language
from portail_famille.i18n.catalog import translate
from portail_famille.models import (
    AttachmentConsent,
    Guardian,
    GuardianChildLink,
    GuardianEmail,
    Invoice,
    NotificationEmail,
    OutboxMail,
    Statement,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.paths import FINANCES_PAGE
from portail_famille.services.finance_pdf import invoice_pdf, statement_pdf
from portail_famille.services.invoice_views import invoice_view
from portail_famille.services.mail import _deliver, parse_smtp_url

MAX_EXTRA_ADDRESSES = 3


@dataclass(frozen=True)
class Reader:
    guardian_id: int
    address: str
    extra: tuple[str, ...]
    language: str


def reader(session: Session, guardian: Guardian) -> Reader | None:
    """Where and in which language a guardian is told; None without any address on file."""
    assert guardian.id is not None
    account = session.get(UserAccount, guardian.user_id) if guardian.user_id else None
    if account is not None:
        extra = session.exec(
            select(NotificationEmail.email)
            .where(NotificationEmail.user_id == account.id)
            .order_by(col(NotificationEmail.id))
            .limit(MAX_EXTRA_ADDRESSES)
        ).all()
        return Reader(guardian.id, account.email, tuple(extra), supported_language(account.locale))
    on_file = session.exec(
        select(GuardianEmail.email)
        .where(GuardianEmail.guardian_id == guardian.id)
        .order_by(col(GuardianEmail.id))
    ).first()
    return Reader(guardian.id, on_file, (), "fr") if on_file else None


def has_consent(session: Session, guardian_id: int) -> bool:
    consent = session.exec(
        select(AttachmentConsent).where(AttachmentConsent.guardian_id == guardian_id)
    ).first()
    return consent is not None and consent.withdrawn_at is None


def _send(
    session: Session,
    *,
    organisation_id: int,
    to: str,
    subject: str,
    body: str,
    attachment: tuple[str, bytes] | None,
) -> None:
    settings = get_settings()
    row = OutboxMail(organisation_id=organisation_id, recipient=to, subject=subject, body=body)
    if settings.smtp_url:
        message = EmailMessage()
        message["From"] = settings.mail_from
        message["To"] = to
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain="portail-famille")
        message.set_content(body)
        if attachment is not None:
            name, content = attachment
            message.add_attachment(content, maintype="application", subtype="pdf", filename=name)
        _deliver(parse_smtp_url(settings.smtp_url), message)
        row.sent_at = utcnow()
    session.add(row)


def _tell(
    session: Session,
    who: Reader,
    organisation_id: int,
    template: str,
    document: tuple[str, object] | None,
    **params: object,
) -> None:
    """`document` is (file name, a function of the language giving the PDF), used on consent."""
    link = f"{get_settings().base_url.rstrip('/')}{FINANCES_PAGE}"
    subject = translate(who.language, f"mail.{template}.subject", **params)
    body = translate(who.language, f"mail.{template}.body", link=link, **params)
    attachment = None
    if document is not None and has_consent(session, who.guardian_id):
        name, render = document
        assert callable(render)
        attachment = (name, render(who.language))
    _send(
        session,
        organisation_id=organisation_id,
        to=who.address,
        subject=subject,
        body=body,
        attachment=attachment,
    )
    for extra in who.extra:  # the link only: consent covers the guardian's own address
        _send(
            session,
            organisation_id=organisation_id,
            to=extra,
            subject=subject,
            body=body,
            attachment=None,
        )


def notify_new_invoice(session: Session, invoice: Invoice) -> bool:
    """Tells the payer once; False when already told or nobody can be reached."""
    if invoice.notified_at is not None:
        return False
    payer = session.get(Guardian, invoice.payer_guardian_id)
    who = reader(session, payer) if payer else None
    if who is None:
        return False
    view = invoice_view(session, invoice)
    _tell(
        session,
        who,
        invoice.organisation_id,
        "finance_invoice",
        (f"facture-{invoice.number}.pdf", lambda language: invoice_pdf(view, language)),
        number=invoice.number,
        service=view.service_name,
    )
    invoice.notified_at = utcnow()
    session.add(invoice)
    return True


def notify_new_statement(session: Session, statement: Statement) -> int:
    """Tells each guardian the statement is for (its payer in shared custody); how many."""
    if statement.notified_at is not None or statement.superseded_at is not None:
        return 0
    if statement.guardian_id is not None:
        guardian_ids = [statement.guardian_id]
    else:
        guardian_ids = list(
            session.exec(
                select(GuardianChildLink.guardian_id).where(
                    GuardianChildLink.child_id == statement.child_id,
                    col(GuardianChildLink.receives_statements).is_(True),
                )
            ).all()
        )
    told = 0
    snapshot = statement.snapshot
    for guardian_id in guardian_ids:
        guardian = session.get(Guardian, guardian_id)
        who = reader(session, guardian) if guardian else None
        if who is None:
            continue
        _tell(
            session,
            who,
            statement.organisation_id,
            "finance_statement",
            ("etat-de-compte.pdf", lambda language: statement_pdf(snapshot, language)),
            child=str(snapshot.get("child", "")),
            service=str(snapshot.get("service", "")),
        )
        told += 1
    statement.notified_at = utcnow()
    session.add(statement)
    return told


def notify_unnotified_invoices(session: Session, *, organisation_id: int) -> int:
    """Tells the payers of the organisation's invoices not told yet (after a monthly billing
    run or an import); how many invoices. The caller commits."""
    pending = session.exec(
        select(Invoice)
        .where(Invoice.organisation_id == organisation_id, col(Invoice.notified_at).is_(None))
        .order_by(col(Invoice.id))
    ).all()
    return sum(notify_new_invoice(session, invoice) for invoice in pending)
