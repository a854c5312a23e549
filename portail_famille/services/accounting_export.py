"""CSV for accounting: the invoices and the payments staff may see, amounts in units with a dot.

Amounts are exact (from cents, through Decimal) and unformatted so a spreadsheet or an accounting
import reads them as numbers; the headers are in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, col, select

from portail_famille.i18n.catalog import translate
from portail_famille.models import (
    BillingService,
    Family,
    Guardian,
    Invoice,
    Payment,
    PaymentAllocation,
)
from portail_famille.services import audit
from portail_famille.services.access import staff_scope
from portail_famille.services.csv_cells import csv_text
from portail_famille.services.invoice_views import staff_may_read


def _units(cents: int) -> str:
    return str(Decimal(cents).scaleb(-2).quantize(Decimal("0.01")))


def _readable_services(session: Session, user_id: int) -> dict[int, BillingService]:
    scope = staff_scope(session, user_id)
    services = session.exec(
        select(BillingService).where(
            col(BillingService.organisation_id).in_(scope.organisation_ids)
        )
    ).all()
    return {s.id: s for s in services if s.id is not None and staff_may_read(scope, s)}


def _names(session: Session) -> tuple[dict[int, str], dict[int, str]]:
    families = {f.id: f.name for f in session.exec(select(Family)).all() if f.id}
    guardians = {
        g.id: f"{g.first_name} {g.last_name}" for g in session.exec(select(Guardian)).all() if g.id
    }
    return families, guardians


def invoices_csv(session: Session, *, user_id: int, language: str) -> str:
    services = _readable_services(session, user_id)
    families, guardians = _names(session)
    keys = (
        "number",
        "service",
        "family",
        "payer",
        "label",
        "issued_on",
        "due_on",
        "previous_balance",
        "total",
        "paid",
        "status",
        "currency",
    )
    header = [translate(language, f"finances.csv.{key}") for key in keys]
    audit.record(session, action="finances.exported", actor_user_id=user_id, export="invoices")
    invoices = session.exec(
        select(Invoice)
        .where(col(Invoice.billing_service_id).in_(list(services)))
        .order_by(col(Invoice.organisation_id), col(Invoice.number))
    ).all()
    rows = (
        [
            invoice.number,
            services[invoice.billing_service_id].code,
            families.get(invoice.family_id, ""),
            guardians.get(invoice.payer_guardian_id, ""),
            invoice.label,
            invoice.issued_on.isoformat(),
            invoice.due_on.isoformat(),
            _units(invoice.previous_balance_cents),
            _units(invoice.total_cents),
            _units(invoice.paid_cents),
            translate(language, f"finances.status.{invoice.status}"),
            invoice.currency,
        ]
        for invoice in invoices
    )
    return csv_text(header, rows)


def payments_csv(session: Session, *, user_id: int, language: str) -> str:
    """Payments allocated to invoices this staff member may see (one row per allocation)."""
    services = _readable_services(session, user_id)
    families, guardians = _names(session)
    keys = (
        "receipt",
        "received_at",
        "method",
        "family",
        "payer",
        "invoice",
        "allocated",
        "payment_total",
        "currency",
        "note",
    )
    header = [translate(language, f"finances.csv.{key}") for key in keys]
    audit.record(session, action="finances.exported", actor_user_id=user_id, export="payments")
    rows = session.exec(
        select(Payment, PaymentAllocation, Invoice)
        .join(PaymentAllocation, col(PaymentAllocation.payment_id) == Payment.id)
        .join(Invoice, col(Invoice.id) == PaymentAllocation.invoice_id)
        .where(col(Invoice.billing_service_id).in_(list(services)))
        .order_by(col(Payment.received_at), col(Payment.id), col(Invoice.number))
    ).all()
    return csv_text(
        header,
        (
            [
                payment.receipt_number,
                payment.received_at.isoformat(timespec="seconds"),
                translate(language, f"finances.method.{payment.method}"),
                families.get(payment.family_id, ""),
                guardians.get(payment.payer_guardian_id, ""),
                invoice.number,
                _units(allocation.amount_cents),
                _units(payment.amount_cents),
                payment.currency,
                payment.note or "",
            ]
            for payment, allocation, invoice in rows
        ),
    )
