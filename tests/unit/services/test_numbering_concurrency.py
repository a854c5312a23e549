"""Numbers under concurrency, on SQLite and PostgreSQL: monthly invoicing runs and desk payments at
the same instant, each in its own transaction, never share a number nor lose an invoice or a
payment; the same invoice paid at the desk twice at once is paid once."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from portail_famille.db import make_engine
from portail_famille.domain.invoices import NewLine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import (
    BillingService,
    Booking,
    Guardian,
    Invoice,
    InvoiceStatus,
    Payment,
    PaymentAllocation,
    PaymentMethod,
)
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, load_demo
from portail_famille.services.invoices import create_invoice, invoice_by_origin
from portail_famille.services.payments import PaymentError
from portail_famille.services.payments_staff import record_desk_payment
from portail_famille.services.planning_invoicing import bill_month
from tests.databases import fresh_database_url
from tests.payment_fixtures import new_invoice, user_id
from tests.planning_fixtures import commune, family_with_child, small_activity

pytestmark = pytest.mark.db

INVOICE = re.compile(r"^2027-\d{6}$")
RECEIPT = re.compile(r"^R\d{4}-\d{6}$")
FAMILIES = 2
CASH, REGIE = PaymentMethod.CASH, "REGIE-PERI"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A demo database of this module's own: these tests commit from several threads."""
    url = fresh_database_url(tmp_path_factory.mktemp("numbering"))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as session:
        load_demo(session)
        session.commit()
    yield engine
    engine.dispose()


def at_once(engine: Engine, jobs: list[Callable[[Session], object]]) -> list[object]:
    """Each job in its own thread and transaction, all released together; results or errors."""
    start = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int) -> None:
        start.wait()
        try:
            with Session(engine, expire_on_commit=False) as session:
                results[index] = jobs[index](session)
                session.commit()
        except Exception as error:  # the test asserts on it
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _months(count: int, offset: int) -> list[date]:
    return [date(2030 + (offset + n) // 12, (offset + n) % 12 + 1, 1) for n in range(count)]


@pytest.mark.parametrize("count", [2, 8, 32])
def test_monthly_invoicing_and_desk_payments_at_once_number_everything_once(
    engine: Engine, count: int
) -> None:
    runs = count // 2
    months = _months(runs, {2: 0, 8: 1, 32: 5}[count])
    with Session(engine, expire_on_commit=False) as session:
        activity = small_activity(session, 500)
        org_id = commune(session).id or 0
        for f in range(FAMILIES):
            user, child = family_with_child(session, activity, f"Lot{count}x{f}")
            guardian = session.exec(select(Guardian).where(Guardian.user_id == user.id)).one()
            session.add_all(
                Booking(
                    activity_id=activity.id or 0,
                    child_id=child.id or 0,
                    day=month.replace(day=10),
                    family_id=guardian.family_id,
                    payer_guardian_id=guardian.id or 0,
                )
                for month in months
            )
        payer = ("Parent", f"Lot{count}x0")
        child_name = (f"EnfantLot{count}x0", f"Lot{count}x0")
        desk = [
            new_invoice(session, payer, child_name, 700 + n, service="REGIE-PERI").id or 0
            for n in range(count - runs)
        ]
        agent = user_id(session, COMMUNE_AGENT_EMAIL)
        session.commit()

    def billing(month: date) -> Callable[[Session], object]:
        return lambda s: bill_month(
            s, organisation_id=org_id, month=month, issued_on=date(2027, 7, 1), notify=False
        )

    def paying(invoice_id: int, cents: int) -> Callable[[Session], object]:
        return lambda s: (
            record_desk_payment(
                s,
                agent,
                invoice_id=invoice_id,
                method=PaymentMethod.CASH,
                amount_cents=cents,
                note=None,
            ).receipt_number
        )

    jobs = [billing(m) for m in months] + [paying(i, 700 + n) for n, i in enumerate(desk)]
    results = at_once(engine, jobs)

    assert [r for r in results if isinstance(r, Exception)] == []
    with Session(engine) as session:
        billed = session.exec(
            select(Invoice).where(
                Invoice.organisation_id == org_id,
                col(Invoice.period_start).in_(months),
            )
        ).all()
        assert len(billed) == FAMILIES * runs  # every family billed for every month, once
        assert all(INVOICE.match(i.number) for i in billed)
        numbers = session.exec(
            select(Invoice.number).where(Invoice.organisation_id == org_id)
        ).all()
        assert len(numbers) == len(set(numbers))
        receipts = [r for r in results[runs:] if isinstance(r, str)]
        assert len(set(receipts)) == count - runs and all(RECEIPT.match(r) for r in receipts)
        paid = session.exec(select(Invoice).where(col(Invoice.id).in_(desk))).all()
        assert [i.status for i in paid] == [InvoiceStatus.PAID] * len(desk)
        assert len(session.exec(select(Payment).where(Payment.recorded_by == agent)).all()) >= len(
            desk
        )


def test_one_invoice_paid_at_the_desk_by_eight_clerks_at_once_is_paid_once(
    engine: Engine,
) -> None:
    with Session(engine, expire_on_commit=False) as session:
        activity = small_activity(session, 50)
        family_with_child(session, activity, "Guichet")
        invoice = new_invoice(
            session,
            ("Parent", "Guichet"),
            ("EnfantGuichet", "Guichet"),
            4_200,
            service="REGIE-PERI",
        )
        agent = user_id(session, COMMUNE_AGENT_EMAIL)
        session.commit()
    invoice_id = invoice.id or 0

    results = at_once(
        engine,
        [
            lambda s: (
                record_desk_payment(
                    s,
                    agent,
                    invoice_id=invoice_id,
                    method=PaymentMethod.CHEQUE,
                    amount_cents=4_200,
                    note="Chèque",
                ).receipt_number
            )
        ]
        * 8,
    )

    assert len([r for r in results if isinstance(r, str)]) == 1
    assert all(isinstance(r, PaymentError) for r in results if not isinstance(r, str))
    with Session(engine) as session:
        refreshed = session.get(Invoice, invoice_id)
        assert refreshed is not None
        assert (refreshed.status, refreshed.paid_cents) == (InvoiceStatus.PAID, 4_200)
        allocations = session.exec(
            select(PaymentAllocation).where(PaymentAllocation.invoice_id == invoice_id)
        ).all()
        assert len(allocations) == 1  # one payment recorded, not one per clerk


def test_an_invoice_run_rolled_back_leaves_no_invoice_and_no_number_used(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session:
        payer = session.exec(select(Guardian).where(Guardian.first_name == "Marie")).first()
        service = session.exec(
            select(BillingService).where(BillingService.code == "GARDE-001")
        ).one()
    assert payer is not None and payer.id is not None and service.id is not None
    origin = "test:rolled-back-run"

    def issue(session: Session) -> Invoice:
        # Nothing written before it: the invoice is the transaction's first write.
        return create_invoice(
            session,
            organisation_id=service.organisation_id,
            billing_service_id=service.id or 0,
            family_id=payer.family_id,
            payer_guardian_id=payer.id or 0,
            label="Service de garde — essai",
            lines=[NewLine(label="Jour", unit_cents=1_250, quantity=2)],
            issued_on=date(2033, 1, 5),
            due_on=date(2033, 2, 5),
            origin_key=origin,
        )

    with Session(engine) as session:
        assert issue(session).number == "2033-000001"
        session.rollback()  # the clerk's action failed after the invoice was made
    with Session(engine) as session:
        assert invoice_by_origin(session, service.organisation_id, origin) is None
        again = issue(session)
        assert again.number == "2033-000001"  # the number was given back, no gap
        session.rollback()
