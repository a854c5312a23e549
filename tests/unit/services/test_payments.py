"""apply_payment: allocation in cents, "paid" when fully paid, receipt numbers, refusals."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import InvoiceStatus, PaymentAllocation, PaymentMethod
from portail_famille.services.payments import PaymentError, apply_payment
from tests.payment_fixtures import new_invoice

pytestmark = pytest.mark.db

MARIE, LEA, LUC = ("Marie", "Tremblay"), ("Léa", "Gagnon"), ("Luc", "Gagnon")


def _pay(session: Session, invoices: list, cents: int, method=PaymentMethod.CHEQUE):
    first = invoices[0]
    return apply_payment(
        session,
        organisation_id=first.organisation_id,
        payer_guardian_id=first.payer_guardian_id,
        family_id=first.family_id,
        method=method,
        amount_cents=cents,
        invoice_ids=[i.id for i in invoices],
        note="Chèque nº 12",
    )


def test_a_partial_then_a_final_payment_settle_an_invoice_to_the_cent(session: Session) -> None:
    invoice = new_invoice(session, MARIE, LEA, 10_001)
    first = _pay(session, [invoice], 3_333)
    assert invoice.paid_cents == 3_333 and invoice.status == InvoiceStatus.OPEN
    second = _pay(session, [invoice], 6_668, PaymentMethod.CASH)
    assert invoice.paid_cents == 10_001 and invoice.status == InvoiceStatus.PAID
    assert invoice.paid_at is not None
    year, number = first.receipt_number[1:].split("-")
    assert second.receipt_number == f"R{year}-{int(number) + 1:06d}"
    assert first.reference != second.reference


def test_one_payment_over_two_invoices_fills_them_in_the_order_given(session: Session) -> None:
    a = new_invoice(session, MARIE, LEA, 5_000)
    b = new_invoice(session, MARIE, LEA, 2_550)
    payment = _pay(session, [a, b], 6_000)
    shares = {
        row.invoice_id: row.amount_cents
        for row in session.exec(
            select(PaymentAllocation).where(PaymentAllocation.payment_id == payment.id)
        )
    }
    assert shares == {a.id: 5_000, b.id: 1_000}
    assert a.status == InvoiceStatus.PAID and b.status == InvoiceStatus.OPEN
    assert sum(shares.values()) == payment.amount_cents


@pytest.mark.parametrize("cents", [0, -5, 5_001])
def test_no_payment_of_nothing_or_of_more_than_is_owed(session: Session, cents: int) -> None:
    invoice = new_invoice(session, MARIE, LEA, 5_000)
    with pytest.raises(PaymentError):
        _pay(session, [invoice], cents)
    assert invoice.paid_cents == 0


def test_a_paid_invoice_is_never_paid_twice(session: Session) -> None:
    invoice = new_invoice(session, MARIE, LEA, 5_000)
    _pay(session, [invoice], 5_000)
    with pytest.raises(PaymentError) as refused:
        _pay(session, [invoice], 1)
    assert refused.value.reason == "already_paid"


def test_a_payment_for_one_payer_cannot_settle_the_other_households_invoice(
    session: Session,
) -> None:
    marie_invoice = new_invoice(session, MARIE, LEA, 5_000)
    luc_invoice = new_invoice(session, LUC, LEA, 5_000)
    with pytest.raises(PaymentError):
        _pay(session, [marie_invoice, luc_invoice], 10_000)
    assert luc_invoice.paid_cents == 0 and marie_invoice.paid_cents == 0
