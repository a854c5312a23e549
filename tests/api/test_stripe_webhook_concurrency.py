"""Webhooks delivered at the same instant, signed as Stripe signs them, through the real route.

N distinct paid events at once record N payments with N distinct receipt numbers; the same event
delivered N times at once pays once and answers 2xx to every delivery; an event the database
refuses answers 5xx (so Stripe retries), is logged, records nothing, and pays on the retry.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session, col, select

from portail_famille.api.stripe_webhook import WEBHOOK_PATH
from portail_famille.db import make_engine
from portail_famille.models import (
    CardCheckout,
    CheckoutStatus,
    Invoice,
    InvoiceStatus,
    NumberCounter,
    Payment,
    PaymentAllocation,
    PaymentMethod,
    StripeEvent,
)
from portail_famille.services.card_checkout import start_checkout
from portail_famille.services.demo import ADMIN_EMAIL, PARENT_EMAIL
from portail_famille.services.payments import PaymentError
from portail_famille.services.payments_staff import record_desk_payment
from tests.payment_fixtures import new_invoice, user_id
from tests.stripe_server import StripeServer, sign

pytestmark = pytest.mark.db

MARIE, LEA = ("Marie", "Tremblay"), ("Léa", "Gagnon")
JSON = "application/json"
RECEIPT = re.compile(r"^R\d{4}-\d{6}$")


def paid_events(db: Session, stripe: StripeServer, count: int) -> list[tuple[int, dict]]:
    """`count` checkouts of Marie, each for its own new invoice, paid on the hosted page."""
    out = []
    for n in range(count):
        invoice = new_invoice(db, MARIE, LEA, 1_000 + n)
        db.commit()
        assert invoice.id is not None
        started = start_checkout(
            db,
            user_id=user_id(db, PARENT_EMAIL),
            invoice_ids=[invoice.id],
            attempt=f"burst-{time.monotonic_ns()}",
            return_url="http://portal.test/famille/paiements",
            language="fr",
        )
        db.commit()
        session = stripe.complete(started.url.rsplit("/", 1)[1])
        out.append((invoice.id, stripe.event(session, "checkout.session.completed")))
    return out


def deliver_at_once(portal: str, events: list[dict]) -> list[httpx.Response]:
    """Every event posted by its own thread, all released at the same instant."""
    bodies = [json.dumps(event).encode() for event in events]
    start = threading.Barrier(len(bodies))
    responses: list[httpx.Response | None] = [None] * len(bodies)

    def post(index: int) -> None:
        with httpx.Client(timeout=60) as client:
            start.wait()
            responses[index] = client.post(
                f"{portal}{WEBHOOK_PATH}",
                content=bodies[index],
                headers={
                    "Stripe-Signature": sign(bodies[index]),
                    "Content-Type": "application/json",
                },
            )

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r is not None for r in responses)
    return [r for r in responses if r is not None]


def payments_of(db: Session, invoice_ids: list[int]) -> list[Payment]:
    db.expire_all()
    checkouts = [
        c.id
        for c in db.exec(select(CardCheckout)).all()
        if c.invoice_ids and c.invoice_ids[0] in invoice_ids
    ]
    return list(db.exec(select(Payment).where(col(Payment.checkout_id).in_(checkouts))).all())


@pytest.mark.parametrize("count", [2, 8, 32])
def test_distinct_paid_events_at_once_each_record_their_payment_and_receipt_number(
    portal: str, db: Session, stripe: StripeServer, count: int
) -> None:
    burst = paid_events(db, stripe, count)
    invoice_ids = [invoice_id for invoice_id, _e in burst]

    responses = deliver_at_once(portal, [event for _i, event in burst])

    assert [(r.status_code, r.json()["outcome"]) for r in responses] == [(200, "paid")] * count
    payments = payments_of(db, invoice_ids)
    assert len(payments) == count  # zero lost
    numbers = [p.receipt_number for p in payments]
    assert len(set(numbers)) == count and all(RECEIPT.match(n) for n in numbers)
    every_number = db.exec(select(Payment.receipt_number)).all()
    assert len(every_number) == len(set(every_number))
    invoices = db.exec(select(Invoice).where(col(Invoice.id).in_(invoice_ids))).all()
    assert [i.status for i in invoices] == [InvoiceStatus.PAID] * count


def test_the_same_event_delivered_eight_times_at_once_pays_once_and_answers_2xx(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    [(invoice_id, event)] = paid_events(db, stripe, 1)
    counters_before = [c.value for c in db.exec(select(NumberCounter)).all()]

    responses = deliver_at_once(portal, [event] * 8)

    outcomes = sorted(r.json()["outcome"] for r in responses)
    assert [r.status_code for r in responses] == [200] * 8
    assert outcomes == ["duplicate"] * 7 + ["paid"]
    assert len(payments_of(db, [invoice_id])) == 1
    # A replay later changes nothing either: no payment, no number taken.
    counters_paid = [c.value for c in db.exec(select(NumberCounter)).all()]
    replay = deliver_at_once(portal, [event])
    assert [(r.status_code, r.json()["outcome"]) for r in replay] == [(200, "duplicate")]
    db.expire_all()
    assert [c.value for c in db.exec(select(NumberCounter)).all()] == counters_paid
    assert sum(counters_paid) == sum(counters_before) + 1
    assert len(payments_of(db, [invoice_id])) == 1


_REFUSE = {
    "sqlite": [
        "CREATE TRIGGER refuse_allocation BEFORE INSERT ON paymentallocation "
        "BEGIN SELECT RAISE(ABORT, 'allocation refused'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_allocation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'allocation refused' USING ERRCODE = 'check_violation'; END $$",
        "CREATE TRIGGER refuse_allocation BEFORE INSERT ON paymentallocation "
        "FOR EACH ROW EXECUTE FUNCTION refuse_allocation()",
    ],
}
_ALLOW = {
    "sqlite": ["DROP TRIGGER refuse_allocation"],
    "postgresql": [
        "DROP TRIGGER refuse_allocation ON paymentallocation",
        "DROP FUNCTION refuse_allocation()",
    ],
}


def _run(db: Session, statements: list[str]) -> None:
    for statement in statements:
        db.execute(text(statement))
    db.commit()


def test_an_event_the_database_refuses_answers_5xx_is_logged_and_pays_on_stripes_retry(
    portal: str, db: Session, stripe: StripeServer, caplog: pytest.LogCaptureFixture
) -> None:
    [(invoice_id, event)] = paid_events(db, stripe, 1)
    dialect = db.get_bind().dialect.name
    # A constraint violation that is not a twin event: it used to be answered 200 "duplicate".
    _run(db, _REFUSE[dialect])
    try:
        with caplog.at_level(logging.ERROR, logger="portail_famille.api.stripe_webhook"):
            [refused] = deliver_at_once(portal, [event])
    finally:
        _run(db, _ALLOW[dialect])

    assert refused.status_code == 500
    assert refused.json()["received"] is False
    assert any(event["id"] in r.getMessage() for r in caplog.records)
    db.expire_all()
    assert db.exec(select(StripeEvent).where(StripeEvent.event_id == event["id"])).first() is None
    assert payments_of(db, [invoice_id]) == []
    assert db.get(Invoice, invoice_id).status == InvoiceStatus.OPEN  # type: ignore[union-attr]

    # Stripe delivers the same event again later: now it pays, once.
    [retried] = deliver_at_once(portal, [event])
    assert (retried.status_code, retried.json()["outcome"]) == (200, "paid")
    [payment] = payments_of(db, [invoice_id])
    assert payment.amount_cents == db.get(Invoice, invoice_id).total_cents  # type: ignore[union-attr]
    checkout = db.get(CardCheckout, payment.checkout_id)
    assert checkout is not None and checkout.status == CheckoutStatus.PAID


def test_a_card_payment_and_a_desk_payment_of_one_invoice_at_once_pay_it_once(
    portal: str, db: Session, stripe: StripeServer, database_url: str
) -> None:
    [(invoice_id, event)] = paid_events(db, stripe, 1)
    invoice = db.get(Invoice, invoice_id)
    assert invoice is not None
    engine = make_engine(database_url)
    agent = user_id(db, ADMIN_EMAIL)
    desk: list[object] = []
    start = threading.Barrier(2)

    def at_the_desk() -> None:
        start.wait()
        try:
            with Session(engine) as session:
                payment = record_desk_payment(
                    session,
                    agent,
                    invoice_id=invoice_id,
                    method=PaymentMethod.CASH,
                    amount_cents=invoice.total_cents,
                    note=None,
                )
                desk.append(payment.receipt_number)
                session.commit()
        except PaymentError as error:
            desk.append(error)

    clerk = threading.Thread(target=at_the_desk)
    clerk.start()
    start.wait()
    body = json.dumps(event).encode()
    card = httpx.post(
        f"{portal}{WEBHOOK_PATH}",
        content=body,
        headers={"Stripe-Signature": sign(body), "Content-Type": JSON},
        timeout=60,
    )
    clerk.join()
    engine.dispose()
    if card.status_code >= 500:  # the desk won under the lock: Stripe delivers again
        [card] = deliver_at_once(portal, [event])

    db.expire_all()
    paid = db.get(Invoice, invoice_id)
    assert paid is not None and (paid.status, paid.paid_cents) == (
        InvoiceStatus.PAID,
        paid.total_cents,
    )
    allocations = db.exec(
        select(PaymentAllocation).where(PaymentAllocation.invoice_id == invoice_id)
    ).all()
    assert len(allocations) == 1
    checkout = db.exec(
        select(CardCheckout).where(CardCheckout.stripe_session_id == event["data"]["object"]["id"])
    ).one()
    if card.json()["outcome"] == "paid":
        assert isinstance(desk[0], PaymentError) and checkout.status == CheckoutStatus.PAID
    else:  # the money Stripe took is set aside for staff, not applied a second time
        assert isinstance(desk[0], str) and card.status_code == 200
        assert checkout.status == CheckoutStatus.NEEDS_REVIEW


def test_a_signed_event_without_an_id_is_refused_not_acknowledged(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    [(invoice_id, event)] = paid_events(db, stripe, 1)
    [response] = deliver_at_once(portal, [{**event, "id": ""}])
    assert (response.status_code, response.json()["outcome"]) == (400, "invalid")
    assert payments_of(db, [invoice_id]) == []
