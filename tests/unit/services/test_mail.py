"""Mail goes through a real SMTP server when configured, and is always kept in the outbox."""

import smtplib

import pytest
from sqlmodel import Session, select

from portail_famille.models import OutboxMail
from portail_famille.services.mail import parse_smtp_url, send_mail
from tests.smtp import free_port, smtp_server

pytestmark = pytest.mark.db


def test_mail_reaches_the_smtp_server_and_the_outbox(session: Session) -> None:
    with smtp_server() as (url, mailbox):
        row = send_mail(
            session,
            smtp_url=url,
            sender="Portail <portail@example.org>",
            recipient="luc.gagnon@example.org",
            subject="Votre code : 123456",
            body="Bonjour,\nvotre code est 123456.",
        )
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "luc.gagnon@example.org"
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes) and "123456" in payload.decode()
    assert row.sent_at is not None
    session.flush()
    assert session.exec(select(OutboxMail).where(OutboxMail.id == row.id)).one().subject


def test_without_smtp_the_mail_waits_in_the_outbox(session: Session) -> None:
    row = send_mail(
        session,
        smtp_url=None,
        sender="p@example.org",
        recipient="a@example.org",
        subject="Sujet",
        body="Corps",
    )
    session.flush()
    assert row.id is not None and row.sent_at is None


def test_a_refused_delivery_raises_so_the_action_rolls_back(session: Session) -> None:
    with pytest.raises((smtplib.SMTPException, OSError)):
        send_mail(
            session,
            smtp_url=f"smtp://127.0.0.1:{free_port()}",
            sender="p@example.org",
            recipient="a@example.org",
            subject="S",
            body="B",
        )


def test_smtp_urls() -> None:
    target = parse_smtp_url("smtp://user%40x:p%2Fw@mail.example.org:587?starttls=1")
    assert (target.host, target.port, target.username, target.password, target.starttls) == (
        "mail.example.org",
        587,
        "user@x",
        "p/w",
        True,
    )
    assert parse_smtp_url("smtps://mail.example.org").port == 465
    with pytest.raises(ValueError):
        parse_smtp_url("http://mail.example.org")
