"""The staff's view of what families owe: per household, the open invoices of the services the
staff member may see (a school-bound secretary: her school's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.models import BillingService, Family, Invoice, InvoiceStatus, Organisation
from portail_famille.services.access import staff_scope
from portail_famille.services.invoice_views import staff_may_read


@dataclass(frozen=True)
class FamilyBalance:
    family: str
    organisation: str
    country: str
    currency: str
    owed_cents: int
    open_invoices: int
    next_due: date | None


def family_balances_for_staff(session: Session, *, user_id: int) -> list[FamilyBalance]:
    scope = staff_scope(session, user_id)
    services = [
        s.id
        for s in session.exec(
            select(BillingService).where(
                col(BillingService.organisation_id).in_(scope.organisation_ids)
            )
        ).all()
        if s.id is not None and staff_may_read(scope, s)
    ]
    rows = session.exec(
        select(Invoice, Family, Organisation)
        .join(Family, col(Family.id) == Invoice.family_id)
        .join(Organisation, col(Organisation.id) == Invoice.organisation_id)
        .where(col(Invoice.billing_service_id).in_(services), Invoice.status == InvoiceStatus.OPEN)
        .order_by(col(Family.name), col(Invoice.due_on))
    ).all()
    totals: dict[int, FamilyBalance] = {}
    for invoice, family, organisation in rows:
        assert family.id is not None
        before = totals.get(family.id)
        owed = invoice.total_cents - invoice.paid_cents
        totals[family.id] = FamilyBalance(
            family=family.name,
            organisation=organisation.name,
            country=organisation.country,
            currency=invoice.currency,
            owed_cents=owed + (before.owed_cents if before else 0),
            open_invoices=1 + (before.open_invoices if before else 0),
            next_due=before.next_due if before else invoice.due_on,
        )
    return sorted(totals.values(), key=lambda b: (-b.owed_cents, b.family))
