"""Who reaches which invoice and payment: own payer records only; staff of the organisation only."""

import pytest
from sqlmodel import Session

from portail_famille.models import InvoiceStatus, PaymentMethod
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.payer import open_invoices_for_user, paid_invoices_for_user
from portail_famille.services.payments_staff import (
    open_invoices_for_staff,
    payments_for_staff,
    record_desk_payment,
)
from portail_famille.services.receipts import tax_receipt
from tests.payment_fixtures import guardian, new_invoice, record_sample_payments, user_id

pytestmark = pytest.mark.db

MARIE, LUC, LEA, THOMAS = (
    ("Marie", "Tremblay"),
    ("Luc", "Gagnon"),
    ("Léa", "Gagnon"),
    (
        "Thomas",
        "Gagnon",
    ),
)


def test_marie_sees_her_invoices_and_never_lucs_share(session: Session) -> None:
    record_sample_payments(session)  # rolled back with the test
    mine = new_invoice(session, MARIE, LEA, 1_000)
    lucs = new_invoice(session, LUC, LEA, 1_000)
    numbers = {v.number for v in open_invoices_for_user(session, user_id(session, PARENT_EMAIL))}
    assert mine.number in numbers and lucs.number not in numbers
    paid = {v.label: v for v in paid_invoices_for_user(session, user_id(session, PARENT_EMAIL))}
    october = paid["Service de garde — octobre 2026"]
    assert october.method == "cheque" and october.payer == "Marie Tremblay"
    assert october.service == "Service de garde des Érables" and october.paid_cents == 11_650
    assert paid["Frais scolaires 2026-2027"].method == "transfer"


def test_a_link_without_the_right_to_pay_hides_the_invoice(session: Session) -> None:
    from sqlmodel import select

    from portail_famille.models import GuardianChildLink

    invoice = new_invoice(session, MARIE, THOMAS, 1_000, service="FRAIS-002")
    marie = guardian(session, *MARIE)
    assert invoice.number in {
        v.number for v in open_invoices_for_user(session, user_id(session, PARENT_EMAIL))
    }
    links = session.exec(
        select(GuardianChildLink).where(GuardianChildLink.guardian_id == marie.id)
    ).all()
    for row in links:
        row.can_pay = False
        session.add(row)
    session.flush()
    assert open_invoices_for_user(session, user_id(session, PARENT_EMAIL)) == []


def test_a_secretary_records_a_cheque_for_her_school_only(session: Session) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    daycare = new_invoice(session, MARIE, LEA, 2_000)  # Érables daycare: her school
    fees = new_invoice(session, MARIE, THOMAS, 2_000, service="FRAIS-002")  # another school
    listed = {i.number for i in open_invoices_for_staff(session, secretary)}
    assert daycare.number in listed and fees.number not in listed
    assert daycare.id is not None and fees.id is not None
    payment = record_desk_payment(
        session,
        secretary,
        invoice_id=daycare.id,
        method=PaymentMethod.CHEQUE,
        amount_cents=2_000,
        note="Chèque nº 77",
    )
    assert daycare.status == InvoiceStatus.PAID and payment.recorded_by == secretary
    assert payment.reference in {p.reference for p in payments_for_staff(session, secretary)}
    with pytest.raises(Forbidden):
        record_desk_payment(
            session,
            secretary,
            invoice_id=fees.id,
            method=PaymentMethod.CASH,
            amount_cents=2_000,
            note=None,
        )
    with pytest.raises(Forbidden):  # a card payment is never typed in by staff
        record_desk_payment(
            session,
            secretary,
            invoice_id=fees.id,
            method=PaymentMethod.CARD,
            amount_cents=2_000,
            note=None,
        )
    assert fees.paid_cents == 0


def test_staff_of_another_organisation_get_nothing(session: Session) -> None:
    agent = user_id(session, COMMUNE_AGENT_EMAIL)
    invoice = new_invoice(session, MARIE, LEA, 2_000)
    assert invoice.number not in {i.number for i in open_invoices_for_staff(session, agent)}
    assert all(p.family != "Famille Tremblay" for p in payments_for_staff(session, agent))
    assert invoice.id is not None
    with pytest.raises(Forbidden):
        record_desk_payment(
            session,
            agent,
            invoice_id=invoice.id,
            method=PaymentMethod.CASH,
            amount_cents=2_000,
            note=None,
        )
    assert invoice.paid_cents == 0


def test_tax_receipts_are_per_payer_in_shared_custody(session: Session) -> None:
    record_sample_payments(session)
    marie, luc = guardian(session, *MARIE), guardian(session, *LUC)
    lucs = new_invoice(session, LUC, LEA, 9_999)
    assert lucs.id is not None
    record_desk_payment(
        session,
        user_id(session, SECRETARY_EMAIL),
        invoice_id=lucs.id,
        method=PaymentMethod.TRANSFER,
        amount_cents=9_999,
        note=None,
    )
    marie_slip, luc_slip = (tax_receipt(session, g, 2026) for g in (marie, luc))
    assert [(line.child, line.amount_cents) for line in marie_slip.lines] == [
        ("Léa Gagnon", 11_650)
    ]
    assert [(x.child, x.amount_cents) for x in luc_slip.lines] == [("Léa Gagnon", 9_999)]
