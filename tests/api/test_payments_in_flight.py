"""Payments in flight, against the loopback Stripe server: the family back from Checkout before the
webhook, the session retrieved from Stripe's API, the periodic check, and a second charge that
staff close with one action (a refund through Stripe's Refund API, or a credit), the family told.

The portal's webhook route runs on loopback too; `hold_webhooks` makes Stripe's events late.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.db import make_engine
from portail_famille.models import (
    CardCheckout,
    CaseStatus,
    CheckoutStatus,
    FamilyCredit,
    Invoice,
    InvoiceStatus,
    MessageThread,
    OverpaymentCase,
    Payment,
    PaymentMethod,
    ThreadMessage,
)
from portail_famille.models.base import utcnow
from portail_famille.services.access import Forbidden
from portail_famille.services.card_checkout import CheckoutStart, start_checkout, stripe_client
from portail_famille.services.card_sync import (
    invoices_in_progress,
    reconcile_open_checkouts,
    returned_from_checkout,
)
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.family_credit import credit_balances_for_user, credit_for_invoices
from portail_famille.services.messaging import guardian_threads
from portail_famille.services.overpayments import (
    CaseError,
    credit_case,
    open_cases_for_staff,
    refund_case,
)
from portail_famille.services.payments import PaymentError
from portail_famille.services.payments_staff import record_desk_payment
from portail_famille.state.payment_rows import InvoiceRow, read_payments, totals
from tests.payment_fixtures import new_invoice, user_id
from tests.smtp import Mailbox
from tests.stripe_server import SECRET_KEY, StripeServer

pytestmark = pytest.mark.db

MARIE, LEA = ("Marie", "Tremblay"), ("Léa", "Gagnon")
RETURN_URL = "http://portal.test/famille/paiements"


@pytest.fixture
def portal(portal: str, stripe: StripeServer) -> Iterator[str]:
    """The shared portal (tests/api/conftest.py), with every webhook late unless a test sends it."""
    stripe.hold_webhooks, stripe.held = True, []
    yield portal
    stripe.hold_webhooks = False


def _start(db: Session, invoices: list[Invoice], attempt: str | None = None) -> CheckoutStart:
    started = start_checkout(
        db,
        user_id=user_id(db, PARENT_EMAIL),
        invoice_ids=[i.id for i in invoices if i.id is not None],
        attempt=attempt or f"test-{time.monotonic_ns()}",
        return_url=RETURN_URL,
        language="fr",
    )
    db.commit()
    return started


def _new(db: Session, *cents: int) -> list[Invoice]:
    invoices = [new_invoice(db, MARIE, LEA, c) for c in cents]
    db.commit()
    return invoices


def _pay_on_stripe(started: CheckoutStart) -> str:
    """The family pays on the hosted page; the session id the success address carries back."""
    paid = httpx.post(started.url, follow_redirects=False)
    assert paid.status_code == 303
    back = urlsplit(paid.headers["location"])
    assert back.path == "/famille/paiements"
    query = parse_qs(back.query)
    assert query["paiement"] == ["ok"]
    return query["session"][0]


def _return(db: Session, session_id: str) -> str:
    result = returned_from_checkout(
        db, stripe_client(), user_id=user_id(db, PARENT_EMAIL), stripe_session_id=session_id
    )
    assert result is not None
    return result.outcome


def _status(db: Session, invoice: Invoice) -> InvoiceStatus:
    db.expire_all()
    found = db.get(Invoice, invoice.id)
    assert found is not None
    return found.status


def _card_payments(db: Session, invoice: Invoice) -> list[Payment]:
    db.expire_all()
    checkouts = [c.id for c in db.exec(select(CardCheckout)).all() if invoice.id in c.invoice_ids]
    return [p for p in db.exec(select(Payment)).all() if p.checkout_id in checkouts]


def _row_for(user: int, invoice: Invoice) -> InvoiceRow:
    view = read_payments(user)
    return next(
        row
        for v, row in zip(view.open_views, view.open_invoices, strict=True)
        if v.invoice_id == invoice.id
    )


def test_back_before_stripe_confirms_the_invoice_is_in_progress_and_no_second_checkout_opens(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    [invoice] = _new(db, 6_400)
    started = _start(db, [invoice])
    session_id = started.url.rsplit("/", 1)[1]
    # A delayed method: Stripe says "complete" but the money is not in yet (payment_status unpaid).
    stripe.sessions[session_id].update(status="complete", payment_status="unpaid")
    assert _return(db, session_id) == "not_paid_yet"
    assert ("GET", f"/v1/checkout/sessions/{session_id}") in stripe.requests

    marie = user_id(db, PARENT_EMAIL)
    row = _row_for(marie, invoice)
    assert row.in_progress and not row.selected  # "paiement en cours", no Pay button
    shown = read_payments(marie)
    assert shown.payable_count == len(shown.open_views) - 1  # "pay everything" leaves it out
    others = [v for v in shown.open_views if v.invoice_id != invoice.id]
    assert shown.payable_total == totals(others) != totals(shown.open_views)
    assert invoices_in_progress(db, [invoice.id or 0], utcnow()) == {invoice.id}
    count = len(stripe.sessions)
    with pytest.raises(PaymentError) as refused:
        _start(db, [invoice], attempt="second-tab")
    assert refused.value.reason == "in_progress"
    db.rollback()
    assert len(stripe.sessions) == count  # nothing new opened at Stripe
    assert _status(db, invoice) == InvoiceStatus.OPEN

    # Once Stripe says that session expired (the money never came), paying again is possible.
    stripe.sessions[session_id].update(status="expired")
    again = _start(db, [invoice], attempt="after-expiry")
    assert again.url != started.url and len(stripe.sessions) == count + 1
    assert not _row_for(marie, invoice).in_progress


def test_the_return_retrieves_the_paid_session_and_the_late_webhook_records_nothing_twice(
    portal: str, db: Session, stripe: StripeServer, mailbox: Mailbox
) -> None:
    [invoice] = _new(db, 8_250)
    session_id = _pay_on_stripe(_start(db, [invoice]))
    assert stripe.held and _status(db, invoice) == InvoiceStatus.OPEN  # the webhook is late

    assert _return(db, session_id) == "paid"
    assert _status(db, invoice) == InvoiceStatus.PAID
    [payment] = _card_payments(db, invoice)
    assert payment.amount_cents == 8_250
    assert payment.receipt_number in mailbox.text_of_last_to(PARENT_EMAIL)

    late = stripe.deliver(stripe.held.pop())
    assert late.status_code == 200 and late.json()["outcome"] == "already_handled"
    assert _return(db, session_id) == "already_handled"  # a reload of the success address
    assert len(_card_payments(db, invoice)) == 1
    assert not any(c.invoice_ids == [invoice.id] for c in db.exec(select(OverpaymentCase)).all())


def test_a_foreign_or_forged_session_id_on_the_return_changes_nothing(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    [invoice] = _new(db, 1_900)
    session_id = _pay_on_stripe(_start(db, [invoice]))
    admin = user_id(db, ADMIN_EMAIL)  # another account presenting Marie's session id
    assert (
        returned_from_checkout(db, stripe_client(), user_id=admin, stripe_session_id=session_id)
        is None
    )
    assert (
        returned_from_checkout(
            db, stripe_client(), user_id=user_id(db, PARENT_EMAIL), stripe_session_id="cs_forged"
        )
        is None
    )
    db.expire_all()
    checkout = db.exec(
        select(CardCheckout).where(CardCheckout.stripe_session_id == session_id)
    ).one()
    assert checkout.returned_at is None and checkout.status == CheckoutStatus.OPEN


def test_the_periodic_check_records_a_lost_webhook_and_closes_expired_sessions(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    [paid, abandoned] = _new(db, 2_500, 3_100)
    paid_session = _pay_on_stripe(_start(db, [paid]))  # no return, webhook lost
    abandoned_session = _start(db, [abandoned]).url.rsplit("/", 1)[1]
    stripe.sessions[abandoned_session].update(status="expired")
    client = stripe_client()

    reconcile_open_checkouts(db, client, utcnow())  # too young: still on Stripe's page
    assert _status(db, paid) == InvoiceStatus.OPEN
    assert ("GET", f"/v1/checkout/sessions/{paid_session}") not in stripe.requests

    later = reconcile_open_checkouts(db, client, utcnow() + timedelta(minutes=5))
    outcomes = {r.outcome for r in later}
    assert {"paid", "expired"} <= outcomes
    assert _status(db, paid) == InvoiceStatus.PAID and len(_card_payments(db, paid)) == 1
    db.expire_all()
    gone = db.exec(select(CardCheckout).where(CardCheckout.stripe_session_id == abandoned_session))
    assert gone.one().status == CheckoutStatus.EXPIRED
    assert stripe.deliver(stripe.held[-1]).json()["outcome"] == "already_handled"
    assert len(_card_payments(db, paid)) == 1


def _double_charge(db: Session, stripe: StripeServer, cents: int) -> OverpaymentCase:
    """Two tabs paid the same invoice at the same instant: the second charge pays nothing."""
    [invoice] = _new(db, cents)
    first = _start(db, [invoice], attempt="tab-1")
    second = _start(db, [invoice], attempt="tab-2")  # expires the first at Stripe...
    first_session = stripe.complete(first.url.rsplit("/", 1)[1])  # ...which was paid meanwhile
    _pay_on_stripe(second)
    assert stripe.deliver(stripe.held.pop()).json()["outcome"] == "paid"
    again = stripe.deliver(stripe.event(first_session, "checkout.session.completed"))
    assert again.status_code == 200 and again.json()["outcome"] == "invoices_changed"
    assert _status(db, invoice) == InvoiceStatus.PAID and len(_card_payments(db, invoice)) == 1
    db.expire_all()
    [case] = [c for c in db.exec(select(OverpaymentCase)).all() if c.invoice_ids == [invoice.id]]
    assert case.status == CaseStatus.OPEN
    assert (case.amount_cents, case.currency) == (cents, "CAD")
    assert case.stripe_payment_intent == first_session["payment_intent"]
    return case


def _threads_for_marie(db: Session) -> list[tuple[str, str]]:
    db.expire_all()
    rows = db.exec(
        select(MessageThread, ThreadMessage)
        .join(ThreadMessage, ThreadMessage.thread_id == MessageThread.id)  # type: ignore[arg-type]
        .where(MessageThread.guardian_user_id == user_id(db, PARENT_EMAIL))
    ).all()
    return [(t.subject, m.body) for t, m in rows]


def test_a_second_charge_is_a_case_staff_see_and_a_refund_goes_through_stripe_once(
    portal: str, db: Session, stripe: StripeServer, mailbox: Mailbox
) -> None:
    case = _double_charge(db, stripe, 4_475)
    admin = user_id(db, ADMIN_EMAIL)
    [shown] = [c for c in open_cases_for_staff(db, admin) if c.case_id == case.id]
    assert shown.amount_cents == 4_475 and shown.reason == "invoices_changed"
    before = len(_threads_for_marie(db))

    closed, first = refund_case(db, stripe_client(), admin, case.id or 0)
    assert first and closed.status == CaseStatus.REFUNDED
    [refund] = [
        r for r in stripe.refunds.values() if r["payment_intent"] == case.stripe_payment_intent
    ]
    assert refund["amount"] == 4_475 and refund["status"] == "succeeded"
    assert closed.stripe_refund_id == refund["id"]
    assert (
        httpx.get(
            f"{stripe.url}/v1/refunds/{refund['id']}",
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
        ).json()["amount"]
        == 4_475
    )
    # The family is told: a message in the portal and an e-mail.
    threads = _threads_for_marie(db)
    assert len(threads) == before + 1
    assert "44,75" in threads[-1][0] and "remboursé" in threads[-1][1]
    [newest, *_older] = guardian_threads(db, user_id(db, PARENT_EMAIL))  # her inbox, unread
    assert newest.subject == threads[-1][0] and newest.unread == 1
    mail = mailbox.text_of_last_to(PARENT_EMAIL)
    assert "44,75" in mail and "remboursé" in mail
    assert not any(c.case_id == case.id for c in open_cases_for_staff(db, admin))

    # A double click, then a late "keep as credit": nothing more is refunded nor credited.
    _again, second = refund_case(db, stripe_client(), admin, case.id or 0)
    assert not second
    with pytest.raises(CaseError):
        credit_case(db, admin, case.id or 0)
    assert (
        len(
            [
                r
                for r in stripe.refunds.values()
                if r["payment_intent"] == case.stripe_payment_intent
            ]
        )
        == 1
    )
    assert len(_threads_for_marie(db)) == before + 1
    assert not db.exec(select(FamilyCredit).where(FamilyCredit.case_id == case.id)).all()


def test_two_clicks_at_the_same_instant_refund_once(
    portal: str, database_url: str, db: Session, stripe: StripeServer
) -> None:
    case = _double_charge(db, stripe, 2_210)
    admin = user_id(db, ADMIN_EMAIL)
    before = len(_threads_for_marie(db))
    engine = make_engine(database_url)
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def click() -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            results.append(refund_case(session, stripe_client(), admin, case.id or 0)[1])

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for thread in clicks:
        thread.start()
    for thread in clicks:
        thread.join(timeout=30)
    engine.dispose()
    assert sorted(results) == [False, True]
    refunds = [
        r for r in stripe.refunds.values() if r["payment_intent"] == case.stripe_payment_intent
    ]
    assert [r["amount"] for r in refunds] == [2_210]
    assert len(_threads_for_marie(db)) == before + 1


def test_keeping_a_second_charge_as_credit_shows_it_to_the_family_and_tells_them(
    portal: str, db: Session, stripe: StripeServer, mailbox: Mailbox
) -> None:
    marie = user_id(db, PARENT_EMAIL)
    held_before = {c: cents for _o, c, cents in credit_balances_for_user(db, marie)}
    case = _double_charge(db, stripe, 3_000)
    secretary = user_id(db, SECRETARY_EMAIL)  # the Érables secretary: her school's daycare
    closed, first = credit_case(db, secretary, case.id or 0)
    assert first and closed.status == CaseStatus.CREDITED
    [credit] = db.exec(select(FamilyCredit).where(FamilyCredit.case_id == case.id)).all()
    assert credit.amount_cents == 3_000 and credit.payer_guardian_id == case.payer_guardian_id
    held = {c: cents for _o, c, cents in credit_balances_for_user(db, marie)}
    assert held["CAD"] == held_before.get("CAD", 0) + 3_000
    shown = read_payments(marie).credit
    assert (
        shown["fr"]
        .replace("\u202f", " ")
        .replace("\xa0", " ")
        .startswith(f"{held['CAD'] // 100},{held['CAD'] % 100:02d}")
    )
    subject, body = _threads_for_marie(db)[-1]
    assert "crédit" in subject and "30,00" in body
    assert "crédit" in mailbox.text_of_last_to(PARENT_EMAIL)

    assert not credit_case(db, secretary, case.id or 0)[1]  # a double click credits once
    with pytest.raises(CaseError):
        refund_case(db, stripe_client(), secretary, case.id or 0)
    assert not [
        r for r in stripe.refunds.values() if r["payment_intent"] == case.stripe_payment_intent
    ]
    assert len(db.exec(select(FamilyCredit).where(FamilyCredit.case_id == case.id)).all()) == 1


def test_another_organisations_staff_and_a_parent_can_neither_see_nor_close_a_case(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    case = _double_charge(db, stripe, 1_111)
    agent = user_id(db, COMMUNE_AGENT_EMAIL)
    assert not any(c.case_id == case.id for c in open_cases_for_staff(db, agent))
    for who in (agent, user_id(db, PARENT_EMAIL)):
        with pytest.raises(Forbidden):
            refund_case(db, stripe_client(), who, case.id or 0)
        with pytest.raises(Forbidden):
            credit_case(db, who, case.id or 0)
        db.rollback()
    db.expire_all()
    assert db.get(OverpaymentCase, case.id).status == CaseStatus.OPEN  # type: ignore[union-attr]
    assert not [
        r for r in stripe.refunds.values() if r["payment_intent"] == case.stripe_payment_intent
    ]
    assert not db.exec(select(FamilyCredit).where(FamilyCredit.case_id == case.id)).all()


def test_the_credit_pays_a_later_invoice_at_the_desk_and_never_more_than_it_holds(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    marie, admin = user_id(db, PARENT_EMAIL), user_id(db, ADMIN_EMAIL)
    case = _double_charge(db, stripe, 2_000)
    credit_case(db, admin, case.id or 0)
    held = {c: cents for _o, c, cents in credit_balances_for_user(db, marie)}["CAD"]
    [later] = _new(db, held + 500)
    assert credit_for_invoices(db, [later.id or 0]) == {later.id: held}  # shown to staff
    with pytest.raises(PaymentError) as refused:
        record_desk_payment(
            db,
            admin,
            invoice_id=later.id or 0,
            method=PaymentMethod.CREDIT,
            amount_cents=held + 1,
            note=None,
        )
    assert refused.value.reason == "no_credit"
    db.rollback()
    payment = record_desk_payment(
        db,
        admin,
        invoice_id=later.id or 0,
        method=PaymentMethod.CREDIT,
        amount_cents=held,
        note=None,
    )
    db.commit()
    assert payment.method == PaymentMethod.CREDIT and payment.amount_cents == held
    db.expire_all()
    assert db.get(Invoice, later.id).paid_cents == held  # type: ignore[union-attr]
    left = {c: cents for _o, c, cents in credit_balances_for_user(db, marie)}
    assert left.get("CAD", 0) == 0
    assert read_payments(marie).credit["fr"] == ""
    assert credit_for_invoices(db, [later.id or 0]) == {}


def test_the_console_handlers_answer_each_staff_member_in_words(
    portal: str, db: Session, stripe: StripeServer
) -> None:
    """What PaymentsConsoleState.refund / keep_as_credit run, with the case's own id."""
    from portail_famille.state.payments import _start as pay_handler_start
    from portail_famille.state.payments_console import resolve_case

    case = _double_charge(db, stripe, 1_500)
    agent, admin = user_id(db, COMMUNE_AGENT_EMAIL), user_id(db, ADMIN_EMAIL)
    assert resolve_case(agent, case.id or 0, "refund") == ("payments.error.forbidden", None)
    key, before = resolve_case(admin, case.id or 0, "refund")
    assert key == "payments_inflight.console.refunded" and before is not None
    assert before.family == "Famille Tremblay" and before.amount_cents == 1_500
    assert (
        resolve_case(admin, case.id or 0, "refund")[0]
        == "payments_inflight.console.already_resolved"
    )
    assert (
        resolve_case(admin, case.id or 0, "credit")[0]
        == "payments_inflight.console.already_resolved"
    )
    assert (
        len(
            [
                r
                for r in stripe.refunds.values()
                if r["payment_intent"] == case.stripe_payment_intent
            ]
        )
        == 1
    )

    # The family's Pay handler, for an invoice whose checkout is in progress, says so in words.
    [invoice] = _new(db, 2_700)
    session_id = _start(db, [invoice]).url.rsplit("/", 1)[1]
    stripe.sessions[session_id].update(status="complete", payment_status="unpaid")
    assert _return(db, session_id) == "not_paid_yet"
    marie = user_id(db, PARENT_EMAIL)
    refused = pay_handler_start(marie, [invoice.id or 0], "state-attempt", "fr")
    assert refused == ("payments_inflight.error.in_progress", None)


def _race(
    stripe: StripeServer, engine: Engine, marie: int, event: dict, session_id: str
) -> list[str]:
    """The late webhook and the family's return, released at the same instant."""
    barrier = threading.Barrier(2)
    answers: list[str] = []

    def webhook() -> None:
        barrier.wait()
        answers.append(stripe.deliver(event).json()["outcome"])

    def back() -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            result = returned_from_checkout(
                session, stripe_client(), user_id=marie, stripe_session_id=session_id
            )
            answers.append(result.outcome if result else "none")

    both = [threading.Thread(target=webhook), threading.Thread(target=back)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join(timeout=30)
    return answers


def test_the_webhook_and_the_return_at_the_same_instant_record_one_payment(
    portal: str, database_url: str, db: Session, stripe: StripeServer
) -> None:
    marie = user_id(db, PARENT_EMAIL)
    engine = make_engine(database_url)
    for _round in range(4):
        [invoice] = _new(db, 1_234)
        session_id = _pay_on_stripe(_start(db, [invoice]))
        answers = _race(stripe, engine, marie, stripe.held.pop(), session_id)
        assert "paid" in answers and len(answers) == 2
        assert _status(db, invoice) == InvoiceStatus.PAID
        assert len(_card_payments(db, invoice)) == 1
    engine.dispose()
    cases = db.exec(select(OverpaymentCase)).all()
    assert not any(c.amount_cents == 1_234 for c in cases)  # the loser is no "second charge"


def test_the_scheduled_round_and_the_command_settle_a_checkout_left_open(
    portal: str, db: Session, stripe: StripeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from portail_famille.cli import main

    [invoice] = _new(db, 4_040)
    session_id = _pay_on_stripe(_start(db, [invoice]))  # paid, no return, webhook lost
    checkout = db.exec(
        select(CardCheckout).where(CardCheckout.stripe_session_id == session_id)
    ).one()
    checkout.created_at = utcnow() - timedelta(minutes=10)  # left open ten minutes ago
    db.add(checkout)
    db.commit()
    assert main(["reconcile-checkouts"]) == 0
    assert "checked with Stripe" in capsys.readouterr().out
    assert _status(db, invoice) == InvoiceStatus.PAID and len(_card_payments(db, invoice)) == 1
