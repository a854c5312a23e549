"""Invoices made for one test, on the demo's payers and billing services (demo_payments.py)."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    BillingService,
    Child,
    Guardian,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    PaymentMethod,
    UserAccount,
)
from portail_famille.services.payments import apply_payment

# Payments on the finances demo's invoices (demo_finances.py), which all start open: Marie pays
# October's daycare by cheque and Léa's school fees by transfer; Claire her after-school care.
# (payer first name, service code, invoice label, method, note, received at)
SAMPLE_PAYMENTS = [
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


def record_sample_payments(session: Session) -> None:
    """Records SAMPLE_PAYMENTS through apply_payment; the caller commits or rolls back."""
    for first, code, label, method, note, when in SAMPLE_PAYMENTS:
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
        ).one()
        assert invoice.id is not None
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


def guardian(session: Session, first: str, last: str) -> Guardian:
    return session.exec(
        select(Guardian).where(Guardian.first_name == first, Guardian.last_name == last)
    ).one()


def user_id(session: Session, email: str) -> int:
    found = session.exec(select(UserAccount.id).where(UserAccount.email == email)).one()
    assert found is not None
    return found


def new_invoice(
    session: Session,
    payer: tuple[str, str],
    child: tuple[str, str],
    cents: int,
    *,
    service: str = "GARDE-001",
    label: str = "Service de garde — test",
) -> Invoice:
    """An open invoice of `cents` for one child, with a number no other test uses."""
    who = guardian(session, *payer)
    kid = session.exec(
        select(Child).where(Child.first_name == child[0], Child.last_name == child[1])
    ).one()
    billing = session.exec(select(BillingService).where(BillingService.code == service)).one()
    number = f"T-{secrets.token_hex(4)}"
    assert who.id is not None and billing.id is not None and kid.id is not None
    invoice = Invoice(
        organisation_id=billing.organisation_id,
        billing_service_id=billing.id,
        family_id=who.family_id,
        payer_guardian_id=who.id,
        number=number,
        reference=secrets.token_urlsafe(16),
        origin_key=f"test:{number}",
        label=label,
        issued_on=date(2026, 11, 1),
        due_on=date(2026, 11, 30),
        currency="EUR" if service == "REGIE-PERI" else "CAD",
        total_cents=cents,
    )
    session.add(invoice)
    session.flush()
    assert invoice.id is not None
    session.add(
        InvoiceLine(
            invoice_id=invoice.id,
            child_id=kid.id,
            label=label,
            unit_cents=cents,
            amount_cents=cents,
        )
    )
    session.flush()
    return invoice
