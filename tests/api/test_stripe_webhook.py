"""Card payment against the loopback Stripe server, and webhooks signed as Stripe signs them.

The portal's routes run on loopback too, so the hosted page's Pay button really posts the signed
event to the portal. Forged, stale, repeated, reordered or tampered events pay nothing wrongly.
"""

from __future__ import annotations

import inspect
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, select

from portail_famille.api.stripe_webhook import WEBHOOK_PATH
from portail_famille.db import dispose_cached_engine, make_engine
from portail_famille.models import (
    CardCheckout,
    CheckoutStatus,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    StripeEvent,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.card_checkout import CheckoutStart, start_checkout
from portail_famille.services.demo import ADMIN_EMAIL, COMMUNE_AGENT_EMAIL, PARENT_EMAIL
from portail_famille.services.payments import apply_payment
from portail_famille.services.payments_staff import checkouts_to_review
from tests.payment_fixtures import new_invoice, user_id
from tests.smtp import Mailbox
from tests.stripe_server import StripeServer, sign

pytestmark = pytest.mark.db

MARIE, LEA, THOMAS, LUC = (
    ("Marie", "Tremblay"),
    ("Léa", "Gagnon"),
    ("Thomas", "Gagnon"),
    (
        "Luc",
        "Gagnon",
    ),
)


def _checkout(db: Session, cents: list[int], payer=MARIE) -> tuple[list[Invoice], CheckoutStart]:
    invoices = [new_invoice(db, payer, LEA, c) for c in cents]
    db.commit()
    started = start_checkout(
        db,
        user_id=user_id(db, PARENT_EMAIL),
        invoice_ids=[i.id for i in invoices if i.id is not None],
        attempt=f"test-{time.monotonic_ns()}",
        return_url="http://portal.test/famille/paiements",
        language="fr",
    )
    db.commit()
    return invoices, started


def _session_of(db: Session, invoices: list[Invoice]) -> CardCheckout:
    db.expire_all()
    checkouts = db.exec(select(CardCheckout)).all()
    return next(c for c in checkouts if c.invoice_ids == [i.id for i in invoices])


def _fresh(db: Session, invoices: list[Invoice]) -> list[Invoice]:
    db.expire_all()
    return [db.get(Invoice, i.id) for i in invoices]  # type: ignore[misc]


def _payments_for(db: Session, checkout: CardCheckout) -> list[Payment]:
    return list(db.exec(select(Payment).where(Payment.checkout_id == checkout.id)).all())


def _post(portal: str, event: dict, header: Callable[[bytes], str] | None = None) -> httpx.Response:
    body = json.dumps(event).encode()
    signature = header(body) if header else sign(body)
    return httpx.post(
        f"{portal}{WEBHOOK_PATH}",
        content=body,
        headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
    )


def test_two_invoices_paid_on_the_hosted_page_are_paid_by_the_signed_webhook(
    portal: str, db: Session, stripe: StripeServer, mailbox: Mailbox
) -> None:
    invoices, started = _checkout(db, [18_500, 9_650])
    assert started.amount_cents == 28_150
    session_id = started.url.rsplit("/", 1)[1]
    assert stripe.sessions[session_id]["amount_total"] == 28_150
    assert stripe.sessions[session_id]["currency"] == "cad"
    assert all(i.status == InvoiceStatus.OPEN for i in _fresh(db, invoices))

    page = httpx.get(started.url)
    assert "281.50 CAD" in page.text
    paid = httpx.post(started.url, follow_redirects=False)
    assert paid.status_code == 303
    assert paid.headers["location"].startswith("http://portal.test/famille/paiements?paiement=ok")
    assert stripe.deliveries[-1] == ("checkout.session.completed", 200)

    assert all(i.status == InvoiceStatus.PAID for i in _fresh(db, invoices))
    checkout = _session_of(db, invoices)
    assert checkout.status == CheckoutStatus.PAID
    [payment] = _payments_for(db, checkout)
    assert payment.method == PaymentMethod.CARD and payment.amount_cents == 28_150
    text = mailbox.text_of_last_to(PARENT_EMAIL)
    assert payment.receipt_number in text and "281,50" in text
    assert "/famille/paiements" in text
    message = mailbox.last_to(PARENT_EMAIL)
    assert message is not None and not message.is_multipart()  # a link, no attachment


def test_a_second_tap_reuses_the_same_session_and_idempotency_key(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoice = new_invoice(db, MARIE, LEA, 4_000)
    db.commit()
    args = {
        "user_id": user_id(db, PARENT_EMAIL),
        "invoice_ids": [invoice.id],
        "attempt": "same-visit",
        "return_url": "http://portal.test/p",
        "language": "en",
    }
    first = start_checkout(db, **args)  # type: ignore[arg-type]
    db.commit()
    second = start_checkout(db, **args)  # type: ignore[arg-type]
    db.commit()
    assert first.url == second.url
    assert (
        len([c for c in db.exec(select(CardCheckout)).all() if c.invoice_ids == [invoice.id]]) == 1
    )


def test_a_new_checkout_closes_the_earlier_one_for_the_same_invoice(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoice = new_invoice(db, MARIE, LEA, 3_300)
    db.commit()
    args = {
        "user_id": user_id(db, PARENT_EMAIL),
        "invoice_ids": [invoice.id],
        "return_url": "http://portal.test/p",
        "language": "fr",
    }
    first = start_checkout(db, attempt="first-tab", **args)  # type: ignore[arg-type]
    db.commit()
    second = start_checkout(db, attempt="second-tab", **args)  # type: ignore[arg-type]
    db.commit()
    assert first.url != second.url
    # The first tab's page can no longer take the money; the second pays once.
    assert httpx.post(first.url, follow_redirects=False).status_code == 400
    assert httpx.post(second.url, follow_redirects=False).status_code == 303
    assert _fresh(db, [invoice])[0].status == InvoiceStatus.PAID
    checkouts = [c for c in db.exec(select(CardCheckout)).all() if c.invoice_ids == [invoice.id]]
    assert sorted(c.status for c in checkouts) == [CheckoutStatus.EXPIRED, CheckoutStatus.PAID]


def test_a_forged_signature_is_refused_and_marks_nothing(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoices, started = _checkout(db, [5_000])
    session = stripe.complete(started.url.rsplit("/", 1)[1])
    event = stripe.event(session, "checkout.session.completed")
    response = _post(portal, event, lambda body: sign(body, secret="whsec_forged"))
    assert response.status_code == 400
    unsigned = httpx.post(f"{portal}{WEBHOOK_PATH}", json=event)
    assert unsigned.status_code == 400
    assert _fresh(db, invoices)[0].status == InvoiceStatus.OPEN
    assert db.exec(select(StripeEvent).where(StripeEvent.event_id == event["id"])).first() is None


def test_a_stale_timestamp_is_refused(portal: str, db: Session, stripe: StripeServer) -> None:
    invoices, started = _checkout(db, [5_000])
    session = stripe.complete(started.url.rsplit("/", 1)[1])
    event = stripe.event(session, "checkout.session.completed")
    old = int(time.time()) - 301
    assert _post(portal, event, lambda body: sign(body, timestamp=old)).status_code == 400
    assert _fresh(db, invoices)[0].status == InvoiceStatus.OPEN
    # The same event, signed now, is accepted: it was the age that was refused.
    assert _post(portal, event).json()["outcome"] == "paid"


def test_the_same_event_twice_and_two_completions_pay_once(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoices, started = _checkout(db, [5_000, 1_250])
    session = stripe.complete(started.url.rsplit("/", 1)[1])
    event = stripe.event(session, "checkout.session.completed")
    assert _post(portal, event).json()["outcome"] == "paid"
    assert _post(portal, event).json()["outcome"] == "duplicate"
    again = stripe.event(session, "checkout.session.completed")  # a new event id
    assert _post(portal, again).json()["outcome"] == "already_handled"
    checkout = _session_of(db, invoices)
    [payment] = _payments_for(db, checkout)
    assert payment.amount_cents == 6_250
    assert [i.paid_cents for i in _fresh(db, invoices)] == [5_000, 1_250]


def test_expired_after_completed_changes_nothing_and_before_it_does_not_lose_the_payment(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoices, started = _checkout(db, [3_000])
    session = stripe.complete(started.url.rsplit("/", 1)[1])
    completed = stripe.event(session, "checkout.session.completed")
    expired = stripe.event({**session, "status": "expired"}, "checkout.session.expired")
    assert _post(portal, completed).json()["outcome"] == "paid"
    assert _post(portal, expired).json()["outcome"] == "ignored"
    assert _session_of(db, invoices).status == CheckoutStatus.PAID

    later, started2 = _checkout(db, [2_000])
    session2 = stripe.complete(started2.url.rsplit("/", 1)[1])
    late_expired = stripe.event({**session2, "status": "expired"}, "checkout.session.expired")
    assert _post(portal, late_expired).json()["outcome"] == "expired"
    # The money was taken: the completion, arriving last, still pays the invoice, once.
    assert _post(portal, stripe.event(session2, "checkout.session.completed")).json()[
        "outcome"
    ] == ("paid")
    assert _fresh(db, later)[0].status == InvoiceStatus.PAID


def test_an_amount_other_than_the_servers_is_set_aside_not_paid(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoices, started = _checkout(db, [5_000])
    session = stripe.complete(started.url.rsplit("/", 1)[1])
    tampered = {**session, "amount_total": 100}
    assert _post(portal, stripe.event(tampered, "checkout.session.completed")).json()[
        "outcome"
    ] == ("amount_mismatch")
    assert _fresh(db, invoices)[0].paid_cents == 0
    assert _session_of(db, invoices).status == CheckoutStatus.NEEDS_REVIEW


def test_an_invoice_paid_meanwhile_at_the_desk_is_not_paid_twice(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    invoices, started = _checkout(db, [4_000, 1_000])
    first = invoices[0]
    apply_payment(
        db,
        organisation_id=first.organisation_id,
        payer_guardian_id=first.payer_guardian_id,
        family_id=first.family_id,
        method=PaymentMethod.CASH,
        amount_cents=4_000,
        invoice_ids=[first.id],  # type: ignore[list-item]
    )
    db.commit()
    session = stripe.complete(started.url.rsplit("/", 1)[1])
    outcome = _post(portal, stripe.event(session, "checkout.session.completed")).json()["outcome"]
    assert outcome == "invoices_changed"
    assert [i.paid_cents for i in _fresh(db, invoices)] == [4_000, 0]
    assert _session_of(db, invoices).status == CheckoutStatus.NEEDS_REVIEW
    # Staff see the money Stripe took, to refund or credit it.
    numbers = ", ".join(i.number for i in invoices)
    review = checkouts_to_review(db, user_id(db, ADMIN_EMAIL))
    assert [(c.amount_cents, c.invoices) for c in review if c.invoices == numbers] == [
        (5_000, numbers)
    ]
    assert not any(
        c.invoices == numbers for c in checkouts_to_review(db, user_id(db, COMMUNE_AGENT_EMAIL))
    )


def test_the_client_cannot_send_an_amount_nor_pay_another_familys_invoice(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    # The handler's only inputs are which invoices: no amount parameter exists to tamper with.
    assert "amount" not in "".join(inspect.signature(start_checkout).parameters)
    luc_invoice = new_invoice(db, LUC, LEA, 7_000)
    db.commit()
    count = len(stripe.sessions)
    with pytest.raises(Forbidden):
        start_checkout(
            db,
            user_id=user_id(db, PARENT_EMAIL),
            invoice_ids=[luc_invoice.id],  # type: ignore[list-item]
            attempt="tamper",
            return_url="http://portal.test/p",
            language="fr",
        )
    db.rollback()
    assert len(stripe.sessions) == count  # nothing reached Stripe
    assert _fresh(db, [luc_invoice])[0].paid_cents == 0


def test_live_stripe_test_mode_round_trip(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Against Stripe itself when STRIPE_TEST_SECRET_KEY is set: the session Stripe opens asks
    for the amount the server computed."""
    import os

    key = os.environ.get("STRIPE_TEST_SECRET_KEY")
    if not key:
        pytest.skip("STRIPE_TEST_SECRET_KEY not set")
    monkeypatch.setenv("PORTAIL_DATABASE_URL", database_url)
    monkeypatch.setenv("PORTAIL_STRIPE_SECRET_KEY", key)
    monkeypatch.setenv("PORTAIL_STRIPE_WEBHOOK_SECRET", "whsec_live_round_trip")
    monkeypatch.delenv("PORTAIL_STRIPE_API_BASE", raising=False)
    monkeypatch.delenv("STRIPE_API_BASE", raising=False)
    dispose_cached_engine()
    engine = make_engine(database_url)
    with Session(engine, expire_on_commit=False) as db:
        invoice = new_invoice(db, MARIE, LEA, 1_234)
        db.commit()
        started = start_checkout(
            db,
            user_id=user_id(db, PARENT_EMAIL),
            invoice_ids=[invoice.id],  # type: ignore[list-item]
            attempt=f"live-{time.time_ns()}",
            return_url="https://example.org/famille/paiements",
            language="fr",
        )
        db.commit()
    engine.dispose()
    dispose_cached_engine()
    assert started.url.startswith("https://checkout.stripe.com/")
    assert started.amount_cents == 1_234
