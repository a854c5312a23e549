"""The staff side of payments: open invoices to settle at the desk, and every payment received.

A staff member sees and records only for their organisations, and a school-bound secretary only
for the billing services of her school; everything recorded is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    CardCheckout,
    CheckoutStatus,
    Family,
    Guardian,
    Invoice,
    InvoiceStatus,
    Organisation,
    Payment,
    PaymentAllocation,
    PaymentMethod,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.family_credit import spend_credit
from portail_famille.services.payments import apply_payment
from portail_famille.services.submissions import submit_once

DESK_METHODS = (
    PaymentMethod.CHEQUE,
    PaymentMethod.CASH,
    PaymentMethod.TRANSFER,
    PaymentMethod.CREDIT,
)


@dataclass(frozen=True)
class StaffInvoice:
    invoice_id: int
    family: str
    payer: str
    number: str
    label: str
    service: str
    due_cents: int
    currency: str
    country: str


@dataclass(frozen=True)
class StaffPayment:
    reference: str
    receipt_number: str
    family: str
    payer: str
    method: str
    amount_cents: int
    currency: str
    country: str
    timezone: str
    received_at: datetime
    invoices: str


def _services_in_scope(session: Session, scope: StaffScope) -> dict[int, BillingService]:
    services = session.exec(
        select(BillingService).where(
            col(BillingService.organisation_id).in_(list(scope.organisation_ids))
        )
    ).all()
    allowed: dict[int, BillingService] = {}
    for service in services:
        schools = scope.schools_by_organisation[service.organisation_id]
        if schools is None or (service.school_id is not None and service.school_id in schools):
            assert service.id is not None
            allowed[service.id] = service
    return allowed


def _names(session: Session, guardian_ids: set[int]) -> dict[int, tuple[str, str]]:
    rows = session.exec(
        select(Guardian, Family)
        .join(Family, col(Family.id) == Guardian.family_id)
        .where(col(Guardian.id).in_(guardian_ids))
    ).all()
    return {g.id: (f.name, f"{g.first_name} {g.last_name}") for g, f in rows if g.id is not None}


def open_invoices_for_staff(session: Session, user_id: int) -> list[StaffInvoice]:
    scope = staff_scope(session, user_id)
    services = _services_in_scope(session, scope)
    invoices = session.exec(
        select(Invoice)
        .where(
            col(Invoice.billing_service_id).in_(list(services)),
            Invoice.status == InvoiceStatus.OPEN,
        )
        .order_by(col(Invoice.due_on), col(Invoice.number))
    ).all()
    countries = {o.id: o.country for o in session.exec(select(Organisation)).all()}
    names = _names(session, {i.payer_guardian_id for i in invoices})
    return [
        StaffInvoice(
            invoice_id=i.id or 0,
            family=names[i.payer_guardian_id][0],
            payer=names[i.payer_guardian_id][1],
            number=i.number,
            label=i.label,
            service=services[i.billing_service_id].name,
            due_cents=i.total_cents - i.paid_cents,
            currency=i.currency,
            country=countries[i.organisation_id],
        )
        for i in invoices
    ]


def payments_for_staff(session: Session, user_id: int, limit: int = 100) -> list[StaffPayment]:
    """Payments of every method, card included, newest first."""
    scope = staff_scope(session, user_id)
    services = _services_in_scope(session, scope)
    rows = session.exec(
        select(Payment, PaymentAllocation, Invoice)
        .join(PaymentAllocation, col(PaymentAllocation.payment_id) == Payment.id)
        .join(Invoice, col(Invoice.id) == PaymentAllocation.invoice_id)
        .where(col(Payment.organisation_id).in_(list(scope.organisation_ids)))
        .order_by(col(Payment.received_at).desc(), col(Payment.id).desc())
    ).all()
    numbers: dict[int, list[str]] = {}
    payments: dict[int, Payment] = {}
    hidden: set[int] = set()
    for payment, _allocation, invoice in rows:
        assert payment.id is not None
        payments[payment.id] = payment
        numbers.setdefault(payment.id, []).append(invoice.number)
        if invoice.billing_service_id not in services:
            hidden.add(payment.id)  # part of it belongs to another school's service
    shown = [p for pid, p in payments.items() if pid not in hidden][:limit]
    organisations = {o.id: o for o in session.exec(select(Organisation)).all()}
    names = _names(session, {p.payer_guardian_id for p in shown})
    return [
        StaffPayment(
            reference=p.reference,
            receipt_number=p.receipt_number,
            family=names[p.payer_guardian_id][0],
            payer=names[p.payer_guardian_id][1],
            method=str(p.method),
            amount_cents=p.amount_cents,
            currency=p.currency,
            country=organisations[p.organisation_id].country,
            timezone=organisations[p.organisation_id].timezone,
            received_at=p.received_at,
            invoices=", ".join(numbers[p.id or 0]),
        )
        for p in shown
    ]


@dataclass(frozen=True)
class CheckoutToReview:
    family: str
    payer: str
    amount_cents: int
    currency: str
    country: str
    payment_intent: str
    invoices: str


def checkouts_to_review(session: Session, user_id: int) -> list[CheckoutToReview]:
    """Card payments Stripe took that paid nothing here (an invoice was settled meanwhile, or
    the amount differed): staff refund them at Stripe or credit the family."""
    scope = staff_scope(session, user_id)
    services = _services_in_scope(session, scope)
    checkouts = session.exec(
        select(CardCheckout)
        .where(
            col(CardCheckout.organisation_id).in_(list(scope.organisation_ids)),
            CardCheckout.status == CheckoutStatus.NEEDS_REVIEW,
        )
        .order_by(col(CardCheckout.created_at).desc())
    ).all()
    invoices = {
        i.id: i
        for i in session.exec(
            select(Invoice).where(
                col(Invoice.id).in_([x for c in checkouts for x in c.invoice_ids])
            )
        ).all()
    }
    countries = {o.id: o.country for o in session.exec(select(Organisation)).all()}
    names = _names(session, {c.payer_guardian_id for c in checkouts})
    found = []
    for checkout in checkouts:
        covered = [invoices[i] for i in checkout.invoice_ids if i in invoices]
        if not covered or any(i.billing_service_id not in services for i in covered):
            continue
        found.append(
            CheckoutToReview(
                family=names[checkout.payer_guardian_id][0],
                payer=names[checkout.payer_guardian_id][1],
                amount_cents=checkout.amount_cents,
                currency=checkout.currency,
                country=countries[checkout.organisation_id],
                payment_intent=checkout.stripe_payment_intent or "",
                invoices=", ".join(i.number for i in covered),
            )
        )
    return found


def record_desk_payment(
    session: Session,
    user_id: int,
    *,
    invoice_id: int,
    method: PaymentMethod,
    amount_cents: int,
    note: str | None,
    token: str = "",
) -> Payment:
    """A cheque, cash or transfer a staff member received for one open invoice of their scope;
    the same form sent twice (`token`) records one payment."""
    return submit_once(
        session,
        user_id=user_id,
        token=token,
        action="payment.recorded",
        model=Payment,
        create=lambda: _record_desk_payment(
            session, user_id, invoice_id, method, amount_cents, note
        ),
    )


def _record_desk_payment(
    session: Session,
    user_id: int,
    invoice_id: int,
    method: PaymentMethod,
    amount_cents: int,
    note: str | None,
) -> Payment:
    """A cheque, cash or transfer a staff member received for one open invoice of their scope,
    or the family's credit used for it."""
    if method not in DESK_METHODS:
        raise Forbidden  # card payments come only from Stripe's verified webhook
    scope = staff_scope(session, user_id)
    services = _services_in_scope(session, scope)
    invoice = session.get(Invoice, invoice_id)
    if invoice is None or invoice.billing_service_id not in services:
        raise Forbidden
    if method == PaymentMethod.CREDIT:
        spend_credit(session, invoice, amount_cents, user_id)
    payment = apply_payment(
        session,
        organisation_id=invoice.organisation_id,
        payer_guardian_id=invoice.payer_guardian_id,
        family_id=invoice.family_id,
        method=method,
        amount_cents=amount_cents,
        invoice_ids=[invoice_id],
        note=note,
        recorded_by=user_id,
    )
    audit.record(
        session,
        action="payment.recorded",
        actor_user_id=user_id,
        organisation_id=invoice.organisation_id,
        object_type="payment",
        object_id=payment.id,
        method=str(method),
        amount_cents=amount_cents,
        invoice=invoice.number,
    )
    return payment
