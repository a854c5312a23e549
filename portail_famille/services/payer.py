"""What a signed-in guardian owes and has paid, seen only through their own payer records.

An invoice is reachable when its payer is one of the account's guardian records and that guardian
holds a claimed link with the right to pay for every child the invoice bills (shared custody:
each payer sees their own invoices, never the other household's).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    Guardian,
    GuardianChildLink,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Organisation,
    Payment,
    PaymentAllocation,
)
from portail_famille.services.access import active_user, guardian_pays_for


@dataclass(frozen=True)
class InvoiceView:
    invoice_id: int
    number: str
    reference: str
    label: str
    service: str  # the régie or service that bills
    payer: str
    issued_on: date
    due_on: date
    total_cents: int
    paid_cents: int
    due_cents: int
    currency: str
    country: str
    organisation: str
    paid_on: datetime | None  # the last payment's date, for paid invoices
    method: str  # the last payment's method


def payer_guardians(session: Session, user_id: int) -> list[Guardian]:
    """The account's guardian records that hold at least one claimed link allowing payment."""
    rows = session.exec(
        select(Guardian)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(
            Guardian.user_id == user_id,
            col(GuardianChildLink.claimed_at).is_not(None),
            col(GuardianChildLink.can_pay).is_(True),
        )
        .distinct()
    ).all()
    return list(rows)


def _payable_children(session: Session, guardian_ids: list[int]) -> dict[int, set[int]]:
    links = session.exec(
        select(GuardianChildLink).where(
            col(GuardianChildLink.guardian_id).in_(guardian_ids),
            col(GuardianChildLink.claimed_at).is_not(None),
            col(GuardianChildLink.can_pay).is_(True),
        )
    ).all()
    children: dict[int, set[int]] = defaultdict(set)
    for link in links:
        children[link.guardian_id].add(link.child_id)
    return children


def reachable_invoices(
    session: Session, user_id: int, *, status: InvoiceStatus | None = None
) -> list[Invoice]:
    """Invoices this account may see and pay, newest due date first."""
    active_user(session, user_id)
    guardians = payer_guardians(session, user_id)
    guardian_ids = [g.id for g in guardians if g.id is not None]
    if not guardian_ids:
        return []
    query = select(Invoice).where(
        col(Invoice.payer_guardian_id).in_(guardian_ids),
        Invoice.status != InvoiceStatus.CANCELLED,
    )
    if status is not None:
        query = query.where(Invoice.status == status)
    invoices = list(session.exec(query.order_by(col(Invoice.due_on), col(Invoice.id))).all())
    if not invoices:
        return []
    allowed = _payable_children(session, guardian_ids)
    billed: dict[int, set[int]] = defaultdict(set)
    for line in session.exec(
        select(InvoiceLine).where(col(InvoiceLine.invoice_id).in_([i.id for i in invoices]))
    ).all():
        if line.child_id is not None:
            billed[line.invoice_id].add(line.child_id)
    return [
        invoice
        for invoice in invoices
        if invoice.id is not None
        and billed[invoice.id] <= allowed.get(invoice.payer_guardian_id, set())
    ]


def _last_payments(session: Session, invoice_ids: list[int]) -> dict[int, Payment]:
    latest: dict[int, Payment] = {}
    rows = session.exec(
        select(PaymentAllocation, Payment)
        .join(Payment, col(Payment.id) == PaymentAllocation.payment_id)
        .where(col(PaymentAllocation.invoice_id).in_(invoice_ids))
        .order_by(col(Payment.received_at), col(Payment.id))
    ).all()
    for allocation, payment in rows:
        latest[allocation.invoice_id] = payment
    return latest


def invoice_views(session: Session, invoices: list[Invoice]) -> list[InvoiceView]:
    ids = [invoice.id for invoice in invoices if invoice.id is not None]
    services = {s.id: s for s in session.exec(select(BillingService)).all()}
    organisations = {o.id: o for o in session.exec(select(Organisation)).all()}
    guardians = {
        g.id: g
        for g in session.exec(
            select(Guardian).where(
                col(Guardian.id).in_({invoice.payer_guardian_id for invoice in invoices})
            )
        ).all()
    }
    last = _last_payments(session, ids)
    views = []
    for invoice in invoices:
        assert invoice.id is not None
        organisation = organisations[invoice.organisation_id]
        payer = guardians[invoice.payer_guardian_id]
        payment = last.get(invoice.id)
        views.append(
            InvoiceView(
                invoice_id=invoice.id,
                number=invoice.number,
                reference=invoice.reference,
                label=invoice.label,
                service=services[invoice.billing_service_id].name,
                payer=f"{payer.first_name} {payer.last_name}",
                issued_on=invoice.issued_on,
                due_on=invoice.due_on,
                total_cents=invoice.total_cents,
                paid_cents=invoice.paid_cents,
                due_cents=invoice.total_cents - invoice.paid_cents,
                currency=invoice.currency,
                country=organisation.country,
                organisation=organisation.name,
                paid_on=payment.received_at if payment else None,
                method=str(payment.method) if payment else "",
            )
        )
    return views


def open_invoices_for_user(session: Session, user_id: int) -> list[InvoiceView]:
    return invoice_views(session, reachable_invoices(session, user_id, status=InvoiceStatus.OPEN))


def paid_invoices_for_user(session: Session, user_id: int) -> list[InvoiceView]:
    """Seed 004's "factures déjà payées": the most recently paid first."""
    views = invoice_views(session, reachable_invoices(session, user_id, status=InvoiceStatus.PAID))
    return sorted(views, key=lambda v: (v.paid_on is not None, v.paid_on), reverse=True)


def payments_for_user(session: Session, user_id: int) -> list[tuple[Payment, Organisation]]:
    """The payments made by the account's payer records (their receipts), newest first."""
    active_user(session, user_id)
    guardian_ids = [g.id for g in payer_guardians(session, user_id) if g.id is not None]
    if not guardian_ids:
        return []
    rows = session.exec(
        select(Payment, Organisation)
        .join(Organisation, col(Organisation.id) == Payment.organisation_id)
        .where(col(Payment.payer_guardian_id).in_(guardian_ids))
        .order_by(col(Payment.received_at).desc(), col(Payment.id).desc())
    ).all()
    billed = _billed_by_payment(session, [p.id for p, _o in rows if p.id is not None])
    return [
        (payment, organisation)
        for payment, organisation in rows
        if guardian_pays_for(
            session,
            user_id,
            payer_guardian_id=payment.payer_guardian_id,
            family_id=payment.family_id,
            billed=billed.get(payment.id or 0, set()),
        )
    ]


def _billed_by_payment(session: Session, payment_ids: list[int]) -> dict[int, set[int]]:
    """The children each payment paid for (through its invoices' lines)."""
    billed: dict[int, set[int]] = defaultdict(set)
    for payment_id, child_id in session.exec(
        select(PaymentAllocation.payment_id, InvoiceLine.child_id)
        .join(InvoiceLine, col(InvoiceLine.invoice_id) == PaymentAllocation.invoice_id)
        .where(col(PaymentAllocation.payment_id).in_(payment_ids))
    ).all():
        if child_id is not None:
            billed[payment_id].add(child_id)
    return billed
