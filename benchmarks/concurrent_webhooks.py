"""Delivers N distinct paid `checkout.session.completed` events at the same instant to the real
webhook route (served by uvicorn on loopback, signed as Stripe signs) and prints how many payments
were recorded and how long the burst took. A temporary SQLite database by default; with
--postgres URL a fresh schema on that server (dropped afterwards).

    .venv/bin/python benchmarks/concurrent_webhooks.py [N ...]
    .venv/bin/python benchmarks/concurrent_webhooks.py 2 8 32 \
        --postgres postgresql+psycopg2://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlmodel import Session, col, select

from portail_famille.api.routes import create_api
from portail_famille.api.stripe_webhook import WEBHOOK_PATH
from portail_famille.db import dispose_cached_engine, make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import CardCheckout, Invoice, InvoiceStatus, Payment
from portail_famille.services.demo import load_demo
from tests.payment_fixtures import new_invoice, user_id
from tests.stripe_server import WEBHOOK_SECRET, serve, sign

PARENT = "marie.tremblay@example.org"


def checkouts(session: Session, count: int) -> list[tuple[int, int, dict[str, object]]]:
    """(invoice id, checkout id, event): `count` open invoices of Marie, each with its checkout
    and the event Stripe would send once it is paid."""
    out = []
    for n in range(count):
        invoice = new_invoice(session, ("Marie", "Tremblay"), ("Léa", "Gagnon"), 1_000 + n)
        assert invoice.id is not None
        checkout = CardCheckout(
            organisation_id=invoice.organisation_id,
            family_id=invoice.family_id,
            payer_guardian_id=invoice.payer_guardian_id,
            user_id=user_id(session, PARENT),
            idempotency_key=secrets.token_hex(16),
            stripe_session_id=f"cs_bench_{secrets.token_hex(8)}",
            amount_cents=invoice.total_cents,
            currency=invoice.currency,
            invoice_ids=[invoice.id],
        )
        session.add(checkout)
        session.flush()
        event: dict[str, object] = {
            "id": f"evt_{secrets.token_hex(12)}",
            "object": "event",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "object": "checkout.session",
                    "id": checkout.stripe_session_id,
                    "client_reference_id": f"checkout-{checkout.id}",
                    "payment_status": "paid",
                    "status": "complete",
                    "amount_total": checkout.amount_cents,
                    "currency": checkout.currency.lower(),
                    "payment_intent": f"pi_{secrets.token_hex(8)}",
                }
            },
        }
        assert checkout.id is not None
        out.append((invoice.id, checkout.id, event))
    session.commit()
    return out


def burst(url: str, events: list[dict[str, object]]) -> tuple[float, Counter[int]]:
    bodies = [json.dumps(event).encode() for event in events]
    start = threading.Barrier(len(bodies) + 1)
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def post(body: bytes) -> None:
        with httpx.Client(timeout=120) as client:
            start.wait()
            response = client.post(
                f"{url}{WEBHOOK_PATH}",
                content=body,
                headers={"Stripe-Signature": sign(body), "Content-Type": "application/json"},
            )
        with lock:
            statuses[response.status_code] += 1

    threads = [threading.Thread(target=post, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, statuses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("counts", nargs="*", type=int, default=[2, 8, 32])
    parser.add_argument("--postgres", default=None, help="a PostgreSQL server URL")
    args = parser.parse_args()
    if args.postgres:
        os.environ["PORTAIL_TEST_DATABASE_URL"] = args.postgres
    from tests.databases import drop_created_schemas, fresh_database_url

    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database_url(Path(folder))
        upgrade_to_head(url)
        engine = make_engine(url)
        with Session(engine) as session:
            load_demo(session)
            session.commit()
        os.environ.update(PORTAIL_DATABASE_URL=url, STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET)
        dispose_cached_engine()
        database = engine.dialect.name
        try:
            with serve(create_api()) as portal:
                for count in args.counts:
                    with Session(engine) as session:
                        made = checkouts(session, count)
                    elapsed, statuses = burst(portal, [event for _i, _c, event in made])
                    with Session(engine) as session:
                        ids = [invoice_id for invoice_id, _c, _e in made]
                        mine = session.exec(
                            select(Payment).where(
                                col(Payment.checkout_id).in_([c for _i, c, _e in made])
                            )
                        ).all()
                        paid = session.exec(
                            select(Invoice).where(
                                col(Invoice.id).in_(ids), Invoice.status == InvoiceStatus.PAID
                            )
                        ).all()
                    numbers = {p.receipt_number for p in mine}
                    print(
                        f"{database:10} N={count:3}  payments recorded={len(mine):3}  "
                        f"distinct receipts={len(numbers):3}  invoices paid={len(paid):3}  "
                        f"lost={count - len(mine):3}  HTTP={dict(sorted(statuses.items()))}  "
                        f"elapsed={elapsed * 1000:.0f} ms"
                    )
        finally:
            dispose_cached_engine()
            engine.dispose()
            drop_created_schemas()


if __name__ == "__main__":
    main()
