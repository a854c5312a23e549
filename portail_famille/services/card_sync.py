"""Asking Stripe itself how a Checkout Session stands, when its webhook is late or lost.

Three callers: the family's return on the success address (returned_from_checkout), a new
checkout for an invoice whose earlier session is still in flight (card_checkout.py), and the
periodic reconcile_open_checkouts (scheduled by the app's lifespan task in
portail_famille.py, and runnable as `portail reconcile-checkouts` from cron). Each records a paid
session through card_events.record_paid_session, the webhook's own path, so nothing is recorded
twice whichever of them and the webhook comes first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import stripe
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from portail_famille.models import CardCheckout, CheckoutStatus, Payment
from portail_famille.models.base import utcnow
from portail_famille.services.card_events import record_paid_session
from portail_famille.services.receipt_mail import send_receipt_mail

# Stripe refuses a session that expires in less than 30 minutes; a little more is kinder.
SESSION_LIFETIME = timedelta(minutes=35)
# A session younger than this is most likely still on Stripe's page: the periodic check leaves it.
RECONCILE_AFTER = timedelta(minutes=3)
RECONCILE_BATCH = 100
# What record_paid_session answers when the money was taken (recorded here, or set aside).
SETTLED = {"paid", "already_handled", "amount_mismatch", "invoices_changed"}

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    checkout_id: int
    outcome: str  # paid, already_handled, amount_mismatch, invoices_changed, expired, open, ...
    payment_id: int | None = None


def _locked(session: Session, checkout_id: int) -> CardCheckout:
    return session.exec(
        select(CardCheckout)
        .where(CardCheckout.id == checkout_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def apply_retrieved(session: Session, checkout_id: int, obj: dict[str, Any]) -> CheckResult:
    """Records what a retrieved Checkout Session says. Flushes; the caller commits."""
    checkout = _locked(session, checkout_id)
    status = obj.get("status")
    if status == "complete":
        outcome, payment_id = record_paid_session(session, checkout, obj)
        return CheckResult(checkout_id, outcome, payment_id)
    if status == "expired" and checkout.status == CheckoutStatus.OPEN:
        checkout.status = CheckoutStatus.EXPIRED
        session.add(checkout)
        session.flush()
        return CheckResult(checkout_id, "expired")
    return CheckResult(checkout_id, "open" if status == "open" else "ignored")


def check_with_stripe(
    session: Session, client: stripe.StripeClient, checkout_id: int
) -> CheckResult:
    """Retrieves the checkout's session from Stripe (no lock held meanwhile) and records it;
    commits. Raises stripe.StripeError when Stripe does not answer."""
    checkout = session.get(CardCheckout, checkout_id)
    if checkout is None or not checkout.stripe_session_id:
        return CheckResult(checkout_id, "unknown_session")
    session_id = checkout.stripe_session_id
    session.commit()  # end the read: nothing of ours is held while Stripe answers
    found = client.v1.checkout.sessions.retrieve(session_id)
    try:
        result = apply_retrieved(session, checkout_id, found.to_dict())
        session.commit()
    except IntegrityError:
        session.rollback()  # the webhook recorded it at the same instant
        return CheckResult(checkout_id, "already_handled")
    return result


def mail_receipt(session: Session, payment_id: int | None) -> None:
    """The receipt for a payment just recorded; a mail server down loses no money."""
    if payment_id is None:
        return
    try:
        payment = session.get(Payment, payment_id)
        if payment is not None:
            send_receipt_mail(session, payment)
            session.commit()
    except Exception:
        session.rollback()
        _log.exception("receipt mail for payment %s not sent", payment_id)


def returned_from_checkout(
    session: Session, client: stripe.StripeClient, *, user_id: int, stripe_session_id: str
) -> CheckResult | None:
    """The family is back on the success address: the checkout is "payment in progress" from
    now on, and Stripe is asked at once whether it was paid. None for a session that is not this
    account's own (a forged or foreign address changes nothing)."""
    checkout = session.exec(
        select(CardCheckout).where(CardCheckout.stripe_session_id == stripe_session_id[:255])
    ).first()
    if checkout is None or checkout.user_id != user_id or checkout.id is None:
        return None
    if checkout.returned_at is None:
        checkout.returned_at = utcnow()
        session.add(checkout)
        session.commit()
    if checkout.status != CheckoutStatus.OPEN:
        return CheckResult(checkout.id, "already_handled")
    try:
        result = check_with_stripe(session, client, checkout.id)
    except stripe.StripeError:
        session.rollback()
        _log.warning("Stripe did not answer for checkout %s; checked again later", checkout.id)
        return CheckResult(checkout.id, "unreachable")
    mail_receipt(session, result.payment_id)
    return result


def in_progress_checkouts(
    session: Session, invoice_ids: list[int], now: datetime
) -> list[CardCheckout]:
    """Open checkouts the family came back from, not yet expired at Stripe, for these invoices."""
    wanted = set(invoice_ids)
    if not wanted:
        return []
    rows = session.exec(
        select(CardCheckout).where(
            CardCheckout.status == CheckoutStatus.OPEN,
            col(CardCheckout.returned_at).is_not(None),
            CardCheckout.created_at > now - SESSION_LIFETIME,
        )
    ).all()
    return [c for c in rows if wanted & set(c.invoice_ids)]


def invoices_in_progress(session: Session, invoice_ids: list[int], now: datetime) -> set[int]:
    """Which of these invoices show "payment in progress" instead of a Pay button."""
    covered = {i for c in in_progress_checkouts(session, invoice_ids, now) for i in c.invoice_ids}
    return covered & set(invoice_ids)


def reconcile_open_checkouts(
    session: Session, client: stripe.StripeClient, now: datetime
) -> list[CheckResult]:
    """Retrieves every open checkout older than RECONCILE_AFTER from Stripe and records what it
    says (paid, or expired); commits after each, so no lock is held during the next call."""
    ids = session.exec(
        select(CardCheckout.id)
        .where(
            CardCheckout.status == CheckoutStatus.OPEN,
            col(CardCheckout.stripe_session_id).is_not(None),
            CardCheckout.created_at <= now - RECONCILE_AFTER,
        )
        .order_by(col(CardCheckout.created_at))
        .limit(RECONCILE_BATCH)
    ).all()
    session.commit()
    results = []
    for checkout_id in ids:
        assert checkout_id is not None
        try:
            result = check_with_stripe(session, client, checkout_id)
        except stripe.StripeError:
            session.rollback()
            _log.warning("Stripe did not answer for checkout %s; next round", checkout_id)
            continue
        mail_receipt(session, result.payment_id)
        results.append(result)
    return results
