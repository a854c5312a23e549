"""Who may read which invoice, and the invoice as the pages, PDFs and CSV show it.

A guardian reads an invoice when they are its payer, or a guardian of the same household whose
link to a child billed on it gives the pay right; never before their link was claimed. Staff read
the invoices of their organisation (a school-bound secretary: her school's services only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from portail_famille.domain.invoices import still_owed
from portail_famille.models import (
    BillingService,
    BillingSource,
    Child,
    Guardian,
    GuardianChildLink,
    Invoice,
    InvoiceStatus,
    Organisation,
)
from portail_famille.services.access import (
    Forbidden,
    StaffScope,
    active_user,
    guardian_pays_for,
    staff_scope,
)
from portail_famille.services.invoices import invoice_lines


@dataclass(frozen=True)
class LineView:
    label: str
    child_name: str
    service_date: date | None
    quantity: int
    unit_cents: int
    amount_cents: int


@dataclass(frozen=True)
class InvoiceView:
    reference: str
    number: str
    label: str
    service_name: str
    source: BillingSource
    organisation_name: str
    organisation_country: str
    payer_name: str
    issued_on: date
    due_on: date
    period_start: date | None
    period_end: date | None
    currency: str
    previous_balance_cents: int
    total_cents: int
    paid_cents: int
    status: InvoiceStatus
    lines: tuple[LineView, ...]

    @property
    def owed_cents(self) -> int:
        return still_owed(self.total_cents, self.paid_cents)


def _claimed_guardians(session: Session, user_id: int) -> list[tuple[Guardian, GuardianChildLink]]:
    active_user(session, user_id)
    return list(
        session.exec(
            select(Guardian, GuardianChildLink)
            .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
            .where(Guardian.user_id == user_id, col(GuardianChildLink.claimed_at).is_not(None))
        ).all()
    )


def guardian_may_read(session: Session, user_id: int, invoice: Invoice) -> bool:
    assert invoice.id is not None
    billed = {line.child_id for line in invoice_lines(session, invoice.id) if line.child_id}
    return guardian_pays_for(
        session,
        user_id,
        payer_guardian_id=invoice.payer_guardian_id,
        family_id=invoice.family_id,
        billed=billed,
    )


def staff_may_read(scope: StaffScope, service: BillingService) -> bool:
    if service.school_id is not None:
        return scope.allows_school(service.organisation_id, service.school_id)
    # An organisation-wide service (a commune's régie) is for organisation-wide staff.
    return (
        service.organisation_id in scope.organisation_ids
        and scope.schools_by_organisation[service.organisation_id] is None
    )


def invoices_for_guardian(session: Session, *, user_id: int) -> list[InvoiceView]:
    """Every invoice this parent may read, the newest first."""
    rows = _claimed_guardians(session, user_id)
    payer_ids = {guardian.id for guardian, _link in rows}
    family_ids = {guardian.family_id for guardian, link in rows if link.can_pay}
    candidates = session.exec(
        select(Invoice)
        .where(
            col(Invoice.payer_guardian_id).in_(payer_ids) | col(Invoice.family_id).in_(family_ids)
        )
        .order_by(col(Invoice.issued_on).desc(), col(Invoice.number).desc())
    ).all()
    return [
        invoice_view(session, invoice)
        for invoice in candidates
        if invoice.status != InvoiceStatus.CANCELLED
        and guardian_may_read(session, user_id, invoice)
    ]


def _by_reference(session: Session, reference: str) -> Invoice:
    invoice = session.exec(select(Invoice).where(Invoice.reference == reference)).first()
    if invoice is None:
        raise Forbidden
    return invoice


def invoice_for_guardian(session: Session, *, user_id: int, reference: str) -> InvoiceView:
    invoice = _by_reference(session, reference)
    if not guardian_may_read(session, user_id, invoice):
        raise Forbidden
    return invoice_view(session, invoice)


def invoice_for_staff(session: Session, *, user_id: int, reference: str) -> InvoiceView:
    scope = staff_scope(session, user_id)
    invoice = _by_reference(session, reference)
    service = session.get(BillingService, invoice.billing_service_id)
    if service is None or not staff_may_read(scope, service):
        raise Forbidden
    return invoice_view(session, invoice)


def invoice_view(session: Session, invoice: Invoice) -> InvoiceView:
    assert invoice.id is not None
    service = session.get(BillingService, invoice.billing_service_id)
    organisation = session.get(Organisation, invoice.organisation_id)
    payer = session.get(Guardian, invoice.payer_guardian_id)
    assert service is not None and organisation is not None and payer is not None
    lines = invoice_lines(session, invoice.id)
    children = {
        child.id: f"{child.first_name} {child.last_name}"
        for child in session.exec(
            select(Child).where(col(Child.id).in_({line.child_id for line in lines}))
        ).all()
    }
    return InvoiceView(
        reference=invoice.reference,
        number=invoice.number,
        label=invoice.label,
        service_name=service.name,
        source=BillingSource(service.source),
        organisation_name=organisation.name,
        organisation_country=organisation.country,
        payer_name=f"{payer.first_name} {payer.last_name}",
        issued_on=invoice.issued_on,
        due_on=invoice.due_on,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        currency=invoice.currency,
        previous_balance_cents=invoice.previous_balance_cents,
        total_cents=invoice.total_cents,
        paid_cents=invoice.paid_cents,
        status=InvoiceStatus(invoice.status),
        lines=tuple(
            LineView(
                label=line.label,
                child_name=children.get(line.child_id, "") if line.child_id else "",
                service_date=line.service_date,
                quantity=line.quantity,
                unit_cents=line.unit_cents,
                amount_cents=line.amount_cents,
            )
            for line in lines
        ),
    )
