"""The same absence exists once, whoever records it; every create form sent twice makes one
record (issue 13, item 5): one row, one e-mail, one thread."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from portail_famille.models import (
    Absence,
    AbsenceKind,
    AbsenceSource,
    AuditEntry,
    ContactMessage,
    FormSubmission,
    MessageThread,
    OutboxMail,
    PaymentAllocation,
    PaymentMethod,
    ThreadMessage,
)
from portail_famille.models.requests import ChangeRequest
from portail_famille.services.absences import AbsenceError, Declaration, declare_absence
from portail_famille.services.absences_staff import AbsenceAlreadyRecorded, record_absence
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.help import send_contact_message
from portail_famille.services.messaging import reply, start_thread, unread_count
from portail_famille.services.payments_staff import record_desk_payment
from portail_famille.services.requests import submit_request
from portail_famille.state.submission_token import fresh_token
from tests.payment_fixtures import new_invoice
from tests.smtp import Mailbox
from tests.unit.services.agenda_fixtures import child_id, user_id
from tests.unit.services.staff_fixtures import school_id

pytestmark = pytest.mark.db
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # a Monday, 10:00 in Quebec
# Days the demo leaves free (its absences sit on the school days before today).
DAY, NEXT = date(2027, 5, 19), date(2027, 5, 20)
MARIE, LEA = ("Marie", "Tremblay"), ("Léa", "Gagnon")


def _full_day(first: date = DAY, last: date | None = None) -> Declaration:
    return Declaration(
        starts_on=first,
        ends_on=last,
        kind=AbsenceKind.FULL_DAY,
        at_time=None,
        reason_id=None,
        reason_text="Rendez-vous chez le dentiste",
    )


def _count(session: Session, model: type, *where: Any) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _mails_to(mailbox: Mailbox, address: str) -> int:
    return sum(address in str(m["To"]).lower() for m in mailbox.messages)


def test_declared_by_the_family_then_recorded_by_the_school_is_one_absence_one_mail_no_thread(
    session: Session, mailbox: Mailbox
) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    secretary = user_id(session, SECRETARY_EMAIL)
    declare_absence(session, marie, lea, _full_day(DAY, NEXT), NOW)
    unread = unread_count(session, marie)
    with pytest.raises(AbsenceAlreadyRecorded):  # the 10th is inside the declared days
        record_absence(session, secretary, lea, NEXT, AbsenceKind.FULL_DAY, None)
    assert (
        _count(session, Absence, Absence.child_id == lea, col(Absence.starts_on).in_([DAY, NEXT]))
        == 1
    )
    assert _mails_to(mailbox, PARENT_EMAIL) == 0 and unread_count(session, marie) == unread


def test_recorded_by_the_school_twice_or_then_declared_is_one_absence_one_mail_one_thread(
    session: Session, mailbox: Mailbox
) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    secretary = user_id(session, SECRETARY_EMAIL)
    unread = unread_count(session, marie)
    record_absence(session, secretary, lea, DAY, AbsenceKind.FULL_DAY, None)
    with pytest.raises(AbsenceAlreadyRecorded):  # a double tap in the console
        record_absence(session, secretary, lea, DAY, AbsenceKind.FULL_DAY, None)
    with pytest.raises(AbsenceError) as refused:  # the family, unaware, declares it too
        declare_absence(session, marie, lea, _full_day(), NOW)
    assert refused.value.errors == {"starts_on": "absences.error.already_recorded"}
    assert _count(session, Absence, Absence.child_id == lea, Absence.starts_on == DAY) == 1
    assert _mails_to(mailbox, PARENT_EMAIL) == 1
    assert unread_count(session, marie) == unread + 1
    # Another time of day is another absence.
    record_absence(session, secretary, lea, DAY, AbsenceKind.LATE_ARRIVAL, time(9, 0))
    assert _count(session, Absence, Absence.child_id == lea, Absence.starts_on == DAY) == 2


def test_the_database_itself_refuses_the_same_absence_twice(session: Session) -> None:
    lea = child_id(session, "Léa")
    model = session.exec(select(Absence)).first()
    assert model is not None

    def twin(source: AbsenceSource) -> Absence:
        return Absence(
            organisation_id=model.organisation_id,
            school_id=model.school_id,
            child_id=lea,
            starts_on=DAY,
            ends_on=DAY,
            kind=AbsenceKind.FULL_DAY,
            source=source,
        )

    session.add(twin(AbsenceSource.FAMILY))
    session.flush()
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(twin(AbsenceSource.SCHOOL))
        session.flush()


def test_a_declaration_sent_twice_files_one_absence(session: Session) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    token = fresh_token()
    first = declare_absence(session, marie, lea, _full_day(), NOW, token=token)
    again = declare_absence(session, marie, lea, _full_day(), NOW, token=token)
    assert again.id == first.id
    assert _count(session, Absence, Absence.child_id == lea, Absence.starts_on == DAY) == 1
    assert (
        _count(
            session,
            AuditEntry,
            AuditEntry.action == "absence.declare",
            AuditEntry.object_id == first.id,
        )
        == 1
    )
    with pytest.raises(Forbidden):  # someone else's token gets nothing of Marie's
        declare_absence(
            session,
            user_id(session, "claire.martin@example.org"),
            child_id(session, "Jade"),
            _full_day(),
            NOW,
            token=token,
        )


def test_a_request_sent_twice_is_one_request(session: Session) -> None:
    jean, felix = user_id(session, "jean.cote@example.org"), child_id(session, "Félix")
    before = _count(session, ChangeRequest, ChangeRequest.child_id == felix)
    token = fresh_token()
    for _ in range(2):
        submit_request(
            session,
            user_id=jean,
            category="health",
            child_id=felix,
            values={"allergies": "Pollen (deux fois)"},
            token=token,
        )
    assert _count(session, ChangeRequest, ChangeRequest.child_id == felix) == before + 1


def test_a_new_thread_and_a_reply_sent_twice_are_one_thread_one_message_one_mail(
    session: Session, mailbox: Mailbox
) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    secretary = user_id(session, SECRETARY_EMAIL)
    threads = _count(session, MessageThread, MessageThread.guardian_user_id == marie)
    token = fresh_token()
    sent = [
        start_thread(
            session,
            user_id=marie,
            child_id=lea,
            recipient=0,
            subject="Sortie",
            body="Léa peut-elle venir ?",
            token=token,
        )
        for _ in range(2)
    ]
    assert sent[0].id == sent[1].id
    assert _count(session, MessageThread, MessageThread.guardian_user_id == marie) == threads + 1
    answer = fresh_token()
    for _ in range(2):
        reply(
            session,
            user_id=secretary,
            thread_id=sent[0].id or 0,
            as_staff=True,
            body="Oui, bien sûr.",
            token=answer,
        )
    assert _count(session, ThreadMessage, ThreadMessage.thread_id == sent[0].id) == 2
    assert _mails_to(mailbox, PARENT_EMAIL) == 1


def test_the_contact_form_sent_twice_is_one_message_and_one_mail(session: Session) -> None:
    fields = {
        "name": "Sophie Lavoie",
        "email": "sophie.lavoie@example.org",
        "phone": "819 555-0199",
        "child_name": "Éloi Lavoie",
        "subject": "Double envoi",
        "message": "Bonjour, je clique deux fois.",
    }
    token = fresh_token()
    erables = school_id(session, "001")
    for _ in range(2):
        send_contact_message(
            session, school_id=erables, fields=fields, client_key="10.9.9.9", token=token
        )
    assert _count(session, ContactMessage, col(ContactMessage.subject) == "Double envoi") == 1
    assert (
        _count(session, OutboxMail, OutboxMail.recipient == "erables@mille-lacs.example.org") == 1
    )


def test_an_action_rolled_back_leaves_neither_its_record_nor_its_claim(
    demo_engine: Engine,
) -> None:
    # On SQLite a savepoint taken before the first write used to be the outermost transaction,
    # and releasing it committed: the unique insert must stay inside the caller's transaction.
    token = fresh_token()
    with Session(demo_engine) as session:
        marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
        declare_absence(session, marie, lea, _full_day(), NOW, token=token)
        session.rollback()
    with Session(demo_engine) as session:
        assert _count(session, Absence, Absence.child_id == lea, Absence.starts_on == DAY) == 0
        assert _count(session, FormSubmission, FormSubmission.token == token) == 0


def test_a_desk_payment_sent_twice_is_one_payment(session: Session) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    invoice = new_invoice(session, MARIE, LEA, 5_000)
    assert invoice.id is not None
    token = fresh_token()
    paid = [
        record_desk_payment(
            session,
            secretary,
            invoice_id=invoice.id,
            method=PaymentMethod.CASH,
            amount_cents=2_000,  # part of it: a second one would have been accepted
            note=None,
            token=token,
        )
        for _ in range(2)
    ]
    assert paid[0].id == paid[1].id and invoice.paid_cents == 2_000
    assert _count(session, PaymentAllocation, PaymentAllocation.invoice_id == invoice.id) == 1


def test_a_refused_form_corrected_and_sent_again_with_its_token_is_filed(
    session: Session,
) -> None:
    marie, lea = user_id(session, PARENT_EMAIL), child_id(session, "Léa")
    token = fresh_token()
    with pytest.raises(AbsenceError):
        declare_absence(
            session, marie, lea, _full_day(date(2026, 11, 20)), NOW, token=token
        )  # in the past
    filed = declare_absence(session, marie, lea, _full_day(), NOW, token=token)
    assert filed.id is not None and filed.starts_on == DAY
