"""Outgoing mail. Every message is kept in the outbox; with PORTAIL_SMTP_URL set it is also sent.

PORTAIL_SMTP_URL looks like smtp://user:pass@host:587?starttls=1 (or smtps://host:465).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from sqlmodel import Session

from portail_famille.models import OutboxMail
from portail_famille.models.base import utcnow
from portail_famille.services.sealing import seal, unseal


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    implicit_tls: bool


def parse_smtp_url(url: str) -> SmtpTarget:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("PORTAIL_SMTP_URL must look like smtp://user:pass@host:587?starttls=1")
    query = parse_qs(parts.query)
    implicit = parts.scheme == "smtps"
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or (465 if implicit else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=query.get("starttls", ["0"])[0] in ("1", "true", "yes"),
        implicit_tls=implicit,
    )


def _deliver(target: SmtpTarget, message: EmailMessage) -> None:
    smtp_class = smtplib.SMTP_SSL if target.implicit_tls else smtplib.SMTP
    with smtp_class(target.host, target.port, timeout=20) as smtp:
        if target.starttls:
            smtp.starttls()
        if target.username:
            smtp.login(target.username, target.password or "")
        smtp.send_message(message)


def send_mail(
    session: Session,
    *,
    smtp_url: str | None,
    sender: str,
    recipient: str,
    subject: str,
    body: str,
    organisation_id: int | None = None,
    sealed: bool = False,
) -> OutboxMail:
    """Keeps the message in the outbox and sends it when SMTP is configured.

    A `sealed` body (one that carries a code) is kept encrypted: a copy of the database or a look
    at the table does not hand out codes that still work. readable_body() opens it.
    A failed delivery raises, so the caller's transaction (and what the mail was about) rolls back.
    """
    row = OutboxMail(
        organisation_id=organisation_id,
        recipient=recipient,
        subject=subject,
        body=seal(body) if sealed else body,
        sealed=sealed,
    )
    if smtp_url:
        message = EmailMessage()
        message["From"] = sender
        message["To"] = recipient
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain="portail-famille")
        message.set_content(body)
        _deliver(parse_smtp_url(smtp_url), message)
        row.sent_at = utcnow()
    session.add(row)
    return row


def send_message(
    session: Session,
    *,
    recipient: str,
    template: str,
    language: str,
    organisation_id: int | None = None,
    **params: object,
) -> OutboxMail:
    """Sends catalogue message `mail.<template>` (subject and body) in the reader's language."""
    from portail_famille.config import get_settings
    from portail_famille.i18n.catalog import translate

    settings = get_settings()
    return send_mail(
        session,
        smtp_url=settings.smtp_url,
        sender=settings.mail_from,
        recipient=recipient,
        subject=translate(language, f"mail.{template}.subject", **params),
        body=translate(language, f"mail.{template}.body", base_url=settings.base_url, **params),
        organisation_id=organisation_id,
        sealed="code" in params,  # sign-up, reset, e-mail change, staff invitation codes
    )


def readable_body(row: OutboxMail) -> str:
    """The text of an outbox mail, sealed or not (for whoever holds the secret key)."""
    if not row.sealed:
        return row.body
    return unseal(row.body) or ""
