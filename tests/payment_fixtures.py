"""Invoices made for one test, on the demo's payers and billing services (demo_payments.py)."""

from __future__ import annotations

import secrets
from datetime import date

from sqlmodel import Session, select

from portail_famille.models import (
    BillingService,
    Child,
    Guardian,
    Invoice,
    InvoiceLine,
    UserAccount,
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
