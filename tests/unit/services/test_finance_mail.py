"""New invoice and statement mail through a real SMTP server: a link in the reader's language,
the extra addresses, and a confidential attachment only with recorded consent."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from portail_famille.domain.local_time import local_today
from portail_famille.models import Guardian, Invoice, NotificationEmail, Statement
from portail_famille.services.access import Forbidden
from portail_famille.services.attachment_consent import (
    InvalidConsent,
    consent_rows,
    record_consent,
    withdraw_consent,
)
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.finance_mail import notify_new_invoice, notify_new_statement
from tests.finance_fixtures import guardian
from tests.results_fixtures import child_id, user_id
from tests.smtp import Mailbox

pytestmark = pytest.mark.db


def _marie_invoice(session: Session) -> Invoice:
    marie = guardian(session, "Marie")
    return session.exec(
        select(Invoice).where(Invoice.payer_guardian_id == marie.id).order_by(col(Invoice.id))
    ).first()  # type: ignore[return-value]


def _attachments(box: Mailbox, address: str) -> list[str]:
    message = box.last_to(address)
    assert message is not None
    return [part.get_filename() or "" for part in message.walk() if part.get_filename()]


def test_a_new_invoice_mail_goes_to_the_guardian_and_extra_addresses_with_a_link_only(
    session: Session, mailbox: Mailbox
) -> None:
    marie_user = user_id(session, PARENT_EMAIL)
    for extra in ("papa.marie@example.org", "bureau.marie@example.org"):
        session.add(NotificationEmail(user_id=marie_user, email=extra))
    invoice = _marie_invoice(session)
    assert notify_new_invoice(session, invoice)
    assert not notify_new_invoice(session, invoice)  # once
    text = mailbox.text_of_last_to(PARENT_EMAIL)
    assert f"n° {invoice.number}) est disponible" in text
    assert "/famille/finances" in text
    assert _attachments(mailbox, PARENT_EMAIL) == []
    assert "/famille/finances" in mailbox.text_of_last_to("bureau.marie@example.org")
    assert len(mailbox.messages) == 3


def test_the_pdf_is_attached_only_with_recorded_consent_and_only_to_the_guardians_address(
    session: Session, mailbox: Mailbox
) -> None:
    marie = guardian(session, "Marie")
    assert marie.id is not None
    marie_user = user_id(session, PARENT_EMAIL)
    session.add(NotificationEmail(user_id=marie_user, email="bureau.marie@example.org"))
    secretary = user_id(session, SECRETARY_EMAIL)
    record_consent(
        session,
        user_id=secretary,
        guardian_id=marie.id,
        consented_on=date(2026, 9, 2),
        evidence="Formulaire signé reçu le 2 septembre 2026",
    )
    assert any(r.consented_on == date(2026, 9, 2) for r in consent_rows(session, user_id=secretary))
    invoice = _marie_invoice(session)
    notify_new_invoice(session, invoice)
    assert _attachments(mailbox, PARENT_EMAIL) == [f"facture-{invoice.number}.pdf"]
    message = mailbox.last_to(PARENT_EMAIL)
    assert message is not None
    pdf = next(p for p in message.walk() if p.get_filename()).get_payload(decode=True)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert _attachments(mailbox, "bureau.marie@example.org") == []
    withdraw_consent(session, user_id=secretary, guardian_id=marie.id)
    statement = session.exec(
        select(Statement).where(
            Statement.guardian_id == marie.id, col(Statement.superseded_at).is_(None)
        )
    ).first()
    assert statement is not None
    assert notify_new_statement(session, statement) == 1
    assert "disponible pour Léa Gagnon" in mailbox.text_of_last_to(PARENT_EMAIL)
    assert _attachments(mailbox, PARENT_EMAIL) == []


def test_statement_mail_in_each_guardians_language(session: Session, mailbox: Mailbox) -> None:
    statement = session.exec(
        select(Statement).where(
            Statement.child_id == child_id(session, "Félix"),
            col(Statement.superseded_at).is_(None),
        )
    ).first()
    assert statement is not None and statement.guardian_id is None
    assert notify_new_statement(session, statement) == 2  # Jean (account, English) and Nadia
    assert "is available for Félix Côté" in mailbox.text_of_last_to("jean.cote@example.org")
    assert "est disponible pour Félix Côté" in mailbox.text_of_last_to("nadia.cote@example.org")


def test_consent_is_recorded_only_by_staff_reaching_the_guardian(session: Session) -> None:
    marie = guardian(session, "Marie")
    claire = session.exec(select(Guardian).where(Guardian.first_name == "Claire")).one()
    assert marie.id is not None and claire.id is not None
    for outsider in ("enfance@saint-aubin.example.org", PARENT_EMAIL):
        with pytest.raises(Forbidden):
            record_consent(
                session,
                user_id=user_id(session, outsider),
                guardian_id=marie.id,
                consented_on=date(2026, 9, 2),
                evidence="x",
            )
    secretary = user_id(session, SECRETARY_EMAIL)
    with pytest.raises(Forbidden):  # another organisation's parent
        withdraw_consent(session, user_id=secretary, guardian_id=claire.id)
    with pytest.raises(InvalidConsent):
        record_consent(
            session,
            user_id=secretary,
            guardian_id=marie.id,
            consented_on=date(2026, 9, 2),
            evidence="  ",
        )
    with pytest.raises(InvalidConsent):
        record_consent(
            session,
            user_id=secretary,
            guardian_id=marie.id,
            consented_on=local_today("America/Montreal") + timedelta(days=1),
            evidence="formulaire",
        )
    names = {r.name for r in consent_rows(session, user_id=secretary)}
    assert "Marie Tremblay" in names and "Claire Martin" not in names
    assert "Sophie Roy" in names  # Émile is at the Érables


def test_invoices_not_told_yet_are_told_once_after_a_billing_run(
    session: Session, mailbox: Mailbox
) -> None:
    from portail_famille.services.finance_mail import notify_unnotified_invoices
    from tests.finance_fixtures import organisation

    commune = organisation(session, "saint-aubin")
    assert commune.id is not None
    assert notify_unnotified_invoices(session, organisation_id=commune.id) == 2  # Claire's two
    assert notify_unnotified_invoices(session, organisation_id=commune.id) == 0
    assert len(mailbox.messages) == 2
    assert "/famille/finances" in mailbox.text_of_last_to("claire.martin@example.org")
