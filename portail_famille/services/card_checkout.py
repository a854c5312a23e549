"""Card payment with Stripe Checkout: the server picks the invoices' amounts and opens a session.

The browser only ever says which of its own open invoices it wants to pay; the amount comes from
the database. Nothing is marked paid from what the browser says: only what Stripe reports (its
verified webhook, or the session retrieved from its API: card_events.py, card_sync.py). An invoice
whose checkout the family came back from is "payment in progress": no new checkout until Stripe
says that one expired.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import stripe
from sqlmodel import Session, select

from portail_famille.config import Settings, get_settings
from portail_famille.models import CardCheckout, CheckoutStatus, InvoiceStatus
from portail_famille.models.base import utcnow
from portail_famille.services.access import Forbidden, active_user
from portail_famille.services.card_sync import (
    SESSION_LIFETIME,
    SETTLED,
    check_with_stripe,
    in_progress_checkouts,
    mail_receipt,
)
from portail_famille.services.payer import reachable_invoices
from portail_famille.services.payments import PaymentError, remaining_cents


class CardPaymentUnavailable(Exception):
    """No Stripe keys configured: the page offers the other ways to pay instead."""


@dataclass(frozen=True)
class CheckoutStart:
    url: str
    amount_cents: int
    currency: str


def card_payment_available(settings: Settings | None = None) -> bool:
    return (settings or get_settings()).card_payment_configured


def stripe_client(settings: Settings | None = None) -> stripe.StripeClient:
    settings = settings or get_settings()
    if not settings.stripe_secret_key:
        raise CardPaymentUnavailable
    stripe.enable_telemetry = False
    base = settings.stripe_api_base.strip().rstrip("/")
    # StripeClient ignores stripe.api_base; an empty base address would send requests to "None".
    return stripe.StripeClient(
        settings.stripe_secret_key.get_secret_value(),
        base_addresses={"api": base} if base else None,
        max_network_retries=2,
    )


def _idempotency_key(attempt: str, user_id: int, invoice_ids: list[int], amount: int) -> str:
    """Same page visit, same invoices, same amount: the same key, so a double tap pays once."""
    material = f"{attempt}|{user_id}|{','.join(map(str, sorted(invoice_ids)))}|{amount}"
    return "pf-" + hashlib.sha256(material.encode()).hexdigest()[:60]


def _prepare(
    session: Session, user_id: int, invoice_ids: list[int], attempt: str
) -> tuple[CardCheckout, list[dict[str, Any]], str]:
    user = active_user(session, user_id)
    wanted = list(dict.fromkeys(invoice_ids))
    if not wanted:
        raise PaymentError("no_invoice")
    reachable = {i.id: i for i in reachable_invoices(session, user_id, status=InvoiceStatus.OPEN)}
    if any(invoice_id not in reachable for invoice_id in wanted):
        raise Forbidden
    invoices = [reachable[invoice_id] for invoice_id in wanted]
    if (
        len({(i.organisation_id, i.payer_guardian_id, i.family_id, i.currency) for i in invoices})
        != 1
    ):
        raise PaymentError("mixed")  # one payment, one payer, one currency
    amount = sum(remaining_cents(invoice) for invoice in invoices)
    if amount <= 0:
        raise PaymentError("already_paid")
    key = _idempotency_key(attempt, user_id, wanted, amount)
    checkout = session.exec(select(CardCheckout).where(CardCheckout.idempotency_key == key)).first()
    if checkout is None:
        first = invoices[0]
        checkout = CardCheckout(
            organisation_id=first.organisation_id,
            family_id=first.family_id,
            payer_guardian_id=first.payer_guardian_id,
            user_id=user_id,
            idempotency_key=key,
            amount_cents=amount,
            currency=first.currency,
            invoice_ids=wanted,
        )
        session.add(checkout)
        session.flush()
    line_items = [
        {
            "quantity": 1,
            "price_data": {
                "currency": invoice.currency.lower(),
                "unit_amount": remaining_cents(invoice),
                "product_data": {"name": f"{invoice.number} — {invoice.label}"[:250]},
            },
        }
        for invoice in invoices
    ]
    return checkout, line_items, user.email


def _refuse_while_in_progress(
    session: Session, client: stripe.StripeClient, user_id: int, invoice_ids: list[int]
) -> None:
    """A checkout the family came back from holds its invoices until Stripe says how it ended:
    asked now, a paid one is recorded (and this new one refused), an expired one frees them."""
    mine = {i.id for i in reachable_invoices(session, user_id, status=InvoiceStatus.OPEN)}
    pending = in_progress_checkouts(session, [i for i in invoice_ids if i in mine], utcnow())
    for checkout in pending:
        assert checkout.id is not None
        try:
            result = check_with_stripe(session, client, checkout.id)
        except stripe.StripeError as unanswered:
            session.rollback()
            raise PaymentError("in_progress") from unanswered
        mail_receipt(session, result.payment_id)
        if result.outcome in SETTLED:
            raise PaymentError("already_paid")
        if result.outcome != "expired":
            raise PaymentError("in_progress")


def _expire_overlapping(
    session: Session, client: stripe.StripeClient, checkout: CardCheckout
) -> None:
    """Closes at Stripe the earlier sessions still open for any of these invoices (another tab,
    an earlier visit), so the same invoice cannot be paid twice by card. One that completed
    meanwhile refuses to expire: it is retrieved and recorded now, and this checkout refused."""
    earlier = session.exec(
        select(CardCheckout).where(
            CardCheckout.payer_guardian_id == checkout.payer_guardian_id,
            CardCheckout.status == CheckoutStatus.OPEN,
            CardCheckout.id != checkout.id,
        )
    ).all()
    for other in earlier:
        if not set(other.invoice_ids) & set(checkout.invoice_ids):
            continue
        if other.stripe_session_id:
            try:
                client.v1.checkout.sessions.expire(other.stripe_session_id)
            except stripe.StripeError:
                _settle_unexpirable(session, client, other, checkout)
                continue
        other.status = CheckoutStatus.EXPIRED
        session.add(other)
    session.commit()


def _settle_unexpirable(
    session: Session, client: stripe.StripeClient, other: CardCheckout, checkout: CardCheckout
) -> None:
    assert other.id is not None and checkout.id is not None
    try:
        result = check_with_stripe(session, client, other.id)
    except stripe.StripeError:
        session.rollback()
        return  # Stripe unreachable: the webhook or the periodic check settles it
    mail_receipt(session, result.payment_id)
    if result.outcome in SETTLED:
        dropped = session.get(CardCheckout, checkout.id)
        assert dropped is not None
        dropped.status = CheckoutStatus.EXPIRED
        session.add(dropped)
        session.commit()
        raise PaymentError("already_paid")


def start_checkout(
    session: Session,
    *,
    user_id: int,
    invoice_ids: list[int],
    attempt: str,
    return_url: str,
    language: str,
    settings: Settings | None = None,
) -> CheckoutStart:
    """Opens (or finds again) the Checkout Session for these invoices; the page sends the browser
    to its url. Commits the CardCheckout row before calling Stripe, so no database lock is held
    during the call and a crash leaves a row the webhook can still match."""
    settings = settings or get_settings()
    if not settings.card_payment_configured:
        raise CardPaymentUnavailable
    client = stripe_client(settings)
    _refuse_while_in_progress(session, client, user_id, invoice_ids)
    checkout, line_items, email = _prepare(session, user_id, invoice_ids, attempt)
    session.commit()
    if checkout.status != CheckoutStatus.OPEN:
        raise PaymentError("already_paid")
    assert checkout.id is not None
    _expire_overlapping(session, client, checkout)
    separator = "&" if "?" in return_url else "?"
    params: dict[str, Any] = {
        "mode": "payment",
        "line_items": line_items,
        "client_reference_id": f"checkout-{checkout.id}",
        "customer_email": email,
        "locale": "fr" if language == "fr" else "en",
        "expires_at": int((utcnow() + SESSION_LIFETIME).timestamp()),
        # Stripe puts the session's id in place of the braces: the return is checked with its API.
        "success_url": f"{return_url}{separator}paiement=ok&session={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{return_url}{separator}paiement=annule",
        "metadata": {"checkout": str(checkout.id)},
        "payment_intent_data": {"metadata": {"checkout": str(checkout.id)}},
    }
    if checkout.stripe_session_id:
        found = client.v1.checkout.sessions.retrieve(checkout.stripe_session_id)
        if found.status == "open" and found.url:
            return CheckoutStart(found.url, checkout.amount_cents, checkout.currency)
    created = client.v1.checkout.sessions.create(
        params=params,  # type: ignore[arg-type]
        options={"idempotency_key": checkout.idempotency_key},
    )
    if int(created.amount_total or 0) != checkout.amount_cents or not created.url:
        raise PaymentError("amount")  # never send a family to pay another amount
    checkout.stripe_session_id = created.id
    session.add(checkout)
    session.flush()
    return CheckoutStart(created.url, checkout.amount_cents, checkout.currency)
