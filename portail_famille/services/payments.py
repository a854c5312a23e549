"""Money received: one function records a payment and settles invoices, whoever took the money.

The card webhook and staff recording a cheque, cash or a transfer both go through apply_payment,
so allocation, "paid" and receipt numbering follow one rule. It flushes and never commits: the
caller's transaction holds the payment, its allocations and the invoices' new state together.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from portail_famille.db import take_write_lock
from portail_famille.models import (
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentMethod,
)
from portail_famille.models.base import utcnow
from portail_famille.services.numbering import RECEIPTS, next_number


class PaymentError(Exception):
    """A payment that cannot be applied as asked; `reason` is a catalogue key suffix."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def new_reference() -> str:
    """Opaque and unguessable: what a receipt's link carries instead of an id."""
    return secrets.token_urlsafe(18)


def remaining_cents(invoice: Invoice) -> int:
    return invoice.total_cents - invoice.paid_cents


def next_receipt_number(session: Session, organisation_id: int, when: datetime) -> str:
    """R2026-000042: per organisation and calendar year, in the order payments are recorded."""
    return next_number(session, RECEIPTS, organisation_id, when.year)


def _locked_invoices(session: Session, invoice_ids: Sequence[int]) -> list[Invoice]:
    """The invoices in the order given, locked for this transaction (the whole file on SQLite)."""
    take_write_lock(session)
    # populate_existing: an invoice the caller loaded before the lock is read again under it,
    # or two clerks paying it at once would both see it open.
    rows = session.exec(
        select(Invoice)
        .where(col(Invoice.id).in_(list(invoice_ids)))
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    by_id = {invoice.id: invoice for invoice in rows}
    if len(by_id) != len(set(invoice_ids)):
        raise PaymentError("unknown_invoice")
    return [by_id[invoice_id] for invoice_id in dict.fromkeys(invoice_ids)]


def apply_payment(
    session: Session,
    *,
    organisation_id: int,
    payer_guardian_id: int,
    family_id: int,
    method: PaymentMethod,
    amount_cents: int,
    invoice_ids: Sequence[int],
    note: str | None = None,
    recorded_by: int | None = None,
    checkout_id: int | None = None,
    received_at: datetime | None = None,
) -> Payment:
    """Records `amount_cents` and allocates it to the invoices in the order given.

    Every invoice must be open, of this organisation and of this payer; the amount must be
    positive and no more than what they still ask (no overpayment, nothing counted twice).
    An invoice whose remaining amount reaches zero is marked paid.
    """
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        raise PaymentError("amount")
    if not invoice_ids:
        raise PaymentError("no_invoice")
    invoices = _locked_invoices(session, invoice_ids)
    currencies = {invoice.currency for invoice in invoices}
    for invoice in invoices:
        if (
            invoice.organisation_id != organisation_id
            or invoice.payer_guardian_id != payer_guardian_id
        ):
            raise PaymentError("unknown_invoice")
        if invoice.status != InvoiceStatus.OPEN or remaining_cents(invoice) <= 0:
            raise PaymentError("already_paid")
    if len(currencies) != 1:
        raise PaymentError("currency")
    if amount_cents > sum(remaining_cents(invoice) for invoice in invoices):
        raise PaymentError("too_much")
    when = received_at or utcnow()
    payment = Payment(
        organisation_id=organisation_id,
        family_id=family_id,
        payer_guardian_id=payer_guardian_id,
        method=method,
        amount_cents=amount_cents,
        currency=currencies.pop(),
        received_at=when,
        receipt_number=next_receipt_number(session, organisation_id, when),
        reference=new_reference(),
        note=(note or "").strip()[:200] or None,
        recorded_by=recorded_by,
        checkout_id=checkout_id,
    )
    session.add(payment)
    session.flush()
    assert payment.id is not None
    left = amount_cents
    for invoice in invoices:
        share = min(left, remaining_cents(invoice))
        if share <= 0:
            break
        assert invoice.id is not None
        session.add(
            PaymentAllocation(payment_id=payment.id, invoice_id=invoice.id, amount_cents=share)
        )
        invoice.paid_cents += share
        left -= share
        if remaining_cents(invoice) == 0:
            invoice.status = InvoiceStatus.PAID
            invoice.paid_at = when
        session.add(invoice)
    session.flush()
    return payment
