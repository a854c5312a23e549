"""Stripe's webhook events, after their signature was checked: the only way a card pays an invoice.

Each event id is handled once (StripeEvent). Events may come twice, late or out of order: a
session already paid stays paid, an "expired" after "completed" changes nothing, and a payment
whose amount differs from what the server asked, or whose invoices were meanwhile settled another
way, is set aside for staff (NEEDS_REVIEW, with an OverpaymentCase to resolve) instead of paying
anything twice. The family's return from Checkout and the periodic check (card_sync.py) record a
paid session through the same record_paid_session, so whichever comes first records it once.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from portail_famille.models import (
    CardCheckout,
    CheckoutStatus,
    Invoice,
    InvoiceStatus,
    OverpaymentCase,
    Payment,
    PaymentMethod,
    StripeEvent,
)
from portail_famille.models.base import utcnow
from portail_famille.services.payments import apply_payment, remaining_cents

PAID_TYPES = {"checkout.session.completed", "checkout.session.async_payment_succeeded"}
ENDED_TYPES = {"checkout.session.expired", "checkout.session.async_payment_failed"}


def handle_event(session: Session, event: dict[str, Any]) -> tuple[str, int | None]:
    """(outcome, id of the payment it recorded or None). Flushes; the caller commits."""
    event_id = str(event.get("id", ""))[:255]
    event_type = str(event.get("type", ""))[:100]
    if not event_id:
        return "invalid", None
    if session.exec(select(StripeEvent).where(StripeEvent.event_id == event_id)).first():
        return "duplicate", None
    # Unique event_id: a twin delivered at the same moment fails at commit and is rolled back.
    session.add(StripeEvent(event_id=event_id, event_type=event_type))
    session.flush()
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict) or obj.get("object") != "checkout.session":
        return "ignored", None
    checkout = _checkout_for(session, obj)
    if checkout is None:
        return "unknown_session", None
    if event_type in PAID_TYPES:
        return record_paid_session(session, checkout, obj)
    if event_type in ENDED_TYPES and checkout.status == CheckoutStatus.OPEN:
        checkout.status = CheckoutStatus.EXPIRED
        session.add(checkout)
        return "expired", None
    return "ignored", None


def _checkout_for(session: Session, obj: dict[str, Any]) -> CardCheckout | None:
    session_id = str(obj.get("id", ""))
    checkout = session.exec(
        select(CardCheckout).where(CardCheckout.stripe_session_id == session_id).with_for_update()
    ).first()
    if checkout is not None:
        return checkout
    # The session was created but its id not yet saved (a crash in between): our own reference.
    reference = str(obj.get("client_reference_id") or "")
    if reference.startswith("checkout-") and reference[9:].isdigit():
        found = session.get(CardCheckout, int(reference[9:]), with_for_update=True)
        if found is not None and found.stripe_session_id in (None, session_id):
            found.stripe_session_id = session_id
            return found
    return None


def _needs_review(
    session: Session, checkout: CardCheckout, obj: dict[str, Any], outcome: str
) -> tuple[str, None]:
    """The money was taken but pays nothing here: a case staff close by refund or credit."""
    assert checkout.id is not None
    intent = str(obj.get("payment_intent") or "")[:255] or None
    checkout.status = CheckoutStatus.NEEDS_REVIEW
    checkout.completed_at = utcnow()
    checkout.stripe_payment_intent = intent
    session.add(checkout)
    amount = obj.get("amount_total")
    session.add(
        OverpaymentCase(
            organisation_id=checkout.organisation_id,
            family_id=checkout.family_id,
            payer_guardian_id=checkout.payer_guardian_id,
            checkout_id=checkout.id,
            invoice_ids=list(checkout.invoice_ids),
            reason=outcome,
            amount_cents=amount if isinstance(amount, int) else checkout.amount_cents,
            currency=str(obj.get("currency") or checkout.currency).upper()[:3],
            stripe_payment_intent=intent,
        )
    )
    session.flush()
    return outcome, None


def record_paid_session(
    session: Session, checkout: CardCheckout, obj: dict[str, Any]
) -> tuple[str, int | None]:
    """Records a Checkout Session Stripe reports paid (by webhook or by retrieving it), once.

    `checkout` must have been read under lock (with_for_update) in this transaction; the unique
    Payment.checkout_id and OverpaymentCase.checkout_id turn a concurrent twin into a rollback.
    """
    if obj.get("payment_status") != "paid":
        return "not_paid_yet", None  # a delayed method: async_payment_succeeded will follow
    if checkout.status in (CheckoutStatus.PAID, CheckoutStatus.NEEDS_REVIEW):
        return "already_handled", None
    if session.exec(select(Payment).where(Payment.checkout_id == checkout.id)).first():
        return "already_handled", None
    amount = obj.get("amount_total")
    currency = str(obj.get("currency") or "").upper()
    if amount != checkout.amount_cents or currency != checkout.currency.upper():
        return _needs_review(session, checkout, obj, "amount_mismatch")
    invoices = [session.get(Invoice, invoice_id) for invoice_id in checkout.invoice_ids]
    if any(
        invoice is None or invoice.status != InvoiceStatus.OPEN for invoice in invoices
    ) or checkout.amount_cents != sum(remaining_cents(i) for i in invoices if i is not None):
        return _needs_review(session, checkout, obj, "invoices_changed")
    payment = apply_payment(
        session,
        organisation_id=checkout.organisation_id,
        payer_guardian_id=checkout.payer_guardian_id,
        family_id=checkout.family_id,
        method=PaymentMethod.CARD,
        amount_cents=checkout.amount_cents,
        invoice_ids=list(checkout.invoice_ids),
        note=str(obj.get("payment_intent") or "")[:200] or None,
        checkout_id=checkout.id,
    )
    checkout.status = CheckoutStatus.PAID
    checkout.completed_at = utcnow()
    checkout.stripe_payment_intent = str(obj.get("payment_intent") or "")[:255] or None
    session.add(checkout)
    session.flush()
    return "paid", payment.id


def event_recorded(session: Session, event_id: str) -> bool:
    """Whether this Stripe event id was already processed (and committed)."""
    return bool(event_id) and (
        session.exec(select(StripeEvent.id).where(StripeEvent.event_id == event_id)).first()
        is not None
    )
