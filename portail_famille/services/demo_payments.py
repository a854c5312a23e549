"""Demo payments on the finances demo's invoices (demo_finances.py), so the payment pages,
receipts and tax receipts show real data.

Marie pays October's daycare by cheque and Léa's school fees by transfer, which leaves her two
open invoices to pay by card in two taps; Claire pays her after-school care by transfer, so
she has an attestation fiscale. Runs after load_demo_finances.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    Guardian,
    Invoice,
    InvoiceStatus,
    PaymentMethod,
)
from portail_famille.services.payments import apply_payment

# (payer first name, service code, invoice label, method, note, received at)
_PAYMENTS = [
    (
        "Marie",
        "GARDE-001",
        "Service de garde — octobre 2026",
        PaymentMethod.CHEQUE,
        "Chèque nº 418",
        datetime(2026, 11, 10, 15, 0, tzinfo=UTC),
    ),
    (
        "Marie",
        "FRAIS-001",
        "Frais scolaires 2026-2027",
        PaymentMethod.TRANSFER,
        "Virement 2026-11-12",
        datetime(2026, 11, 12, 14, 0, tzinfo=UTC),
    ),
    (
        "Claire",
        "REGIE-PERI",
        "Accueils périscolaires — novembre 2026",
        PaymentMethod.TRANSFER,
        None,
        datetime(2026, 11, 21, 9, 30, tzinfo=UTC),
    ),
]


def load_payments_demo(session: Session) -> None:
    for first, code, label, method, note, when in _PAYMENTS:
        invoice = session.exec(
            select(Invoice)
            .join(Guardian, col(Guardian.id) == Invoice.payer_guardian_id)
            .join(BillingService, col(BillingService.id) == Invoice.billing_service_id)
            .where(
                Guardian.first_name == first,
                BillingService.code == code,
                Invoice.label == label,
                Invoice.status == InvoiceStatus.OPEN,
            )
        ).first()
        if invoice is None or invoice.id is None:
            continue  # the finances demo changed: nothing to pay here
        apply_payment(
            session,
            organisation_id=invoice.organisation_id,
            payer_guardian_id=invoice.payer_guardian_id,
            family_id=invoice.family_id,
            method=method,
            amount_cents=invoice.total_cents - invoice.paid_cents,
            invoice_ids=[invoice.id],
            note=note,
            received_at=when,
        )
