"""What a payment receipt and a yearly tax receipt say, and who may read them.

A receipt reaches its payer, a guardian of the same household with the right to pay for a child it
covers, and the staff of its organisation; in shared custody the other household never sees it.
Tax receipts are per payer: each guardian gets the sum of what they paid themselves.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    Child,
    Guardian,
    Invoice,
    InvoiceLine,
    Organisation,
    Payment,
    PaymentAllocation,
)
from portail_famille.services.access import (
    Forbidden,
    active_user,
    guardian_pays_for,
    staff_scope,
)
from portail_famille.services.payer import payer_guardians


@dataclass(frozen=True)
class ReceiptLine:
    invoice_number: str
    label: str
    service: str
    amount_cents: int


@dataclass(frozen=True)
class Receipt:
    organisation: Organisation
    payment: Payment
    payer: str
    lines: list[ReceiptLine]


@dataclass(frozen=True)
class TaxLine:
    child: str
    birth_date: date | None
    amount_cents: int


@dataclass(frozen=True)
class TaxReceipt:
    organisation: Organisation
    payer: str
    year: int
    currency: str
    lines: list[TaxLine]

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)


def _allocations(
    session: Session, payment_ids: list[int]
) -> list[tuple[PaymentAllocation, Invoice]]:
    rows = session.exec(
        select(PaymentAllocation, Invoice)
        .join(Invoice, col(Invoice.id) == PaymentAllocation.invoice_id)
        .where(col(PaymentAllocation.payment_id).in_(payment_ids))
        .order_by(col(PaymentAllocation.id))
    ).all()
    return [(allocation, invoice) for allocation, invoice in rows]


def _billed_children(session: Session, invoice_ids: list[int]) -> set[int]:
    return {
        child_id
        for child_id in session.exec(
            select(InvoiceLine.child_id).where(col(InvoiceLine.invoice_id).in_(invoice_ids))
        ).all()
        if child_id is not None
    }


def _guardian_may_read(session: Session, user_id: int, payment: Payment) -> bool:
    invoice_ids = [invoice.id for _a, invoice in _allocations(session, [payment.id or 0])]
    return guardian_pays_for(
        session,
        user_id,
        payer_guardian_id=payment.payer_guardian_id,
        family_id=payment.family_id,
        billed=_billed_children(session, [i for i in invoice_ids if i is not None]),
    )


def _staff_may_read(session: Session, user_id: int, payment: Payment) -> bool:
    try:
        scope = staff_scope(session, user_id)
    except Forbidden:
        return False
    if payment.organisation_id not in scope.organisation_ids:
        return False
    schools = scope.schools_by_organisation[payment.organisation_id]
    if schools is None:
        return True
    # A school-bound secretary reads receipts of her school's billing services only.
    services = {
        invoice.billing_service_id for _a, invoice in _allocations(session, [payment.id or 0])
    }
    school_ids = {
        s.school_id
        for s in session.exec(
            select(BillingService).where(col(BillingService.id).in_(services))
        ).all()
    }
    return bool(school_ids) and all(s is not None and s in schools for s in school_ids)


def receipt_for_reader(session: Session, user_id: int | None, reference: str) -> Receipt:
    """The receipt behind `reference` if this account may read it; Forbidden otherwise."""
    user = active_user(session, user_id)
    assert user.id is not None
    payment = session.exec(select(Payment).where(Payment.reference == reference)).first()
    if payment is None or not (
        _guardian_may_read(session, user.id, payment) or _staff_may_read(session, user.id, payment)
    ):
        raise Forbidden
    return build_receipt(session, payment)


def build_receipt(session: Session, payment: Payment) -> Receipt:
    assert payment.id is not None
    organisation = session.get(Organisation, payment.organisation_id)
    payer = session.get(Guardian, payment.payer_guardian_id)
    assert organisation is not None and payer is not None
    services = {s.id: s.name for s in session.exec(select(BillingService)).all()}
    lines = [
        ReceiptLine(
            invoice.number, invoice.label, services[invoice.billing_service_id], a.amount_cents
        )
        for a, invoice in _allocations(session, [payment.id])
    ]
    return Receipt(organisation, payment, f"{payer.first_name} {payer.last_name}", lines)


def _split_by_child(amount: int, lines: list[InvoiceLine]) -> dict[int | None, int]:
    """An allocation shared among the invoice's children pro rata to what each was billed.

    To the cent and never more than a cent from the exact share: each child gets the whole cents
    of its share, and the cents left go to the largest fractions (ties by child, so the order of
    the lines never matters). A child whose lines are a credit overall gets nothing.
    """
    billed: dict[int | None, int] = defaultdict(int)
    for line in lines:
        billed[line.child_id] += line.amount_cents
    weights = {child: cents for child, cents in billed.items() if cents > 0}
    total = sum(weights.values())
    if total <= 0:
        return {None: amount}
    shares = {child: amount * cents // total for child, cents in weights.items()}
    left = amount - sum(shares.values())
    by_fraction = sorted(
        weights,
        key=lambda child: (-(amount * weights[child] % total), child is None, child or 0),
    )
    for child in by_fraction[:left]:
        shares[child] += 1
    return shares


def _year_bounds(organisation: Organisation, year: int) -> tuple[datetime, datetime]:
    zone = ZoneInfo(organisation.timezone)
    start = datetime(year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    return start, end


def tax_receipt(session: Session, guardian: Guardian, year: int) -> TaxReceipt:
    """What `guardian` paid in `year` (organisation's calendar) for eligible services, per child."""
    organisation = session.get(Organisation, guardian.organisation_id)
    assert organisation is not None and guardian.id is not None
    start, end = _year_bounds(organisation, year)
    eligible = {
        s.id
        for s in session.exec(
            select(BillingService).where(
                BillingService.organisation_id == organisation.id,
                col(BillingService.tax_receipt_eligible).is_(True),
            )
        ).all()
    }
    payments = session.exec(
        select(Payment).where(
            Payment.payer_guardian_id == guardian.id,
            col(Payment.received_at) >= start,
            col(Payment.received_at) < end,
        )
    ).all()
    per_child: dict[int | None, int] = defaultdict(int)
    allocations = _allocations(session, [p.id for p in payments if p.id is not None])
    invoice_ids = [invoice.id for _a, invoice in allocations if invoice.id is not None]
    lines_by_invoice: dict[int, list[InvoiceLine]] = defaultdict(list)
    for line in session.exec(
        select(InvoiceLine).where(col(InvoiceLine.invoice_id).in_(invoice_ids))
    ).all():
        lines_by_invoice[line.invoice_id].append(line)
    for allocation, invoice in allocations:
        if invoice.billing_service_id in eligible and invoice.id is not None:
            for child_id, cents in _split_by_child(
                allocation.amount_cents, lines_by_invoice[invoice.id]
            ).items():
                per_child[child_id] += cents
    children = {
        c.id: c
        for c in session.exec(
            select(Child).where(col(Child.id).in_([k for k in per_child if k is not None]))
        ).all()
    }
    lines = [
        TaxLine(
            f"{children[k].first_name} {children[k].last_name}" if k in children else "—",
            children[k].birth_date if k in children else None,
            cents,
        )
        for k, cents in sorted(per_child.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        if cents
    ]
    return TaxReceipt(
        organisation,
        f"{guardian.first_name} {guardian.last_name}",
        year,
        organisation.currency,
        lines,
    )


def tax_years_for_user(session: Session, user_id: int) -> list[tuple[Guardian, Organisation, int]]:
    """(payer record, organisation, year) for every year with an eligible payment, newest first."""
    found: set[tuple[int, int]] = set()
    guardians = {g.id: g for g in payer_guardians(session, user_id) if g.id is not None}
    organisations = {o.id: o for o in session.exec(select(Organisation)).all()}
    eligible = {
        s.id
        for s in session.exec(
            select(BillingService).where(col(BillingService.tax_receipt_eligible).is_(True))
        ).all()
    }
    rows = session.exec(
        select(Payment, Invoice)
        .join(PaymentAllocation, col(PaymentAllocation.payment_id) == Payment.id)
        .join(Invoice, col(Invoice.id) == PaymentAllocation.invoice_id)
        .where(col(Payment.payer_guardian_id).in_(list(guardians)))
    ).all()
    for payment, invoice in rows:
        if invoice.billing_service_id in eligible:
            zone = ZoneInfo(organisations[payment.organisation_id].timezone)
            found.add((payment.payer_guardian_id, payment.received_at.astimezone(zone).year))
    return [
        (guardians[g], organisations[guardians[g].organisation_id], year)
        for g, year in sorted(found, key=lambda gy: (-gy[1], gy[0]))
    ]


def tax_receipt_for_reader(
    session: Session, user_id: int | None, organisation_slug: str, year: int
) -> TaxReceipt:
    """The signed-in payer's own tax receipt for that organisation and year; Forbidden if none."""
    user = active_user(session, user_id)
    assert user.id is not None
    for guardian, organisation, found_year in tax_years_for_user(session, user.id):
        if organisation.slug == organisation_slug and found_year == year:
            return tax_receipt(session, guardian, year)
    raise Forbidden
