"""Issuing invoices and reading what a family owes.

`create_invoice` is the one door every generator uses (monthly planning, imports, staff, demo):
it numbers per organisation and year, records the previous balance, and is idempotent on
`origin_key` — running a generator twice bills once.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from portail_famille.db import take_write_lock
from portail_famille.domain.invoices import (
    InvalidInvoice,
    NewLine,
    check_dates,
    check_lines,
)
from portail_famille.models import (
    BillingService,
    Family,
    Guardian,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Organisation,
)
from portail_famille.services.numbering import INVOICES, next_number

if TYPE_CHECKING:
    from portail_famille.services.invoice_views import InvoiceView

__all__ = [
    "InvalidInvoice",
    "NewLine",
    "create_invoice",
    "family_balance_cents",
    "invoice_by_origin",
    "invoices_for_guardian",
    "open_invoices",
    "payer_balance_cents",
]

# Numbers come from the counter (services/numbering.py) and cannot collide; the attempts are for a
# number some import wrote meanwhile without it, and for a twin run issuing the same origin.
_NUMBERING_ATTEMPTS = 5


def new_reference() -> str:
    return secrets.token_urlsafe(16)[:22]


def invoice_by_origin(session: Session, organisation_id: int, origin_key: str) -> Invoice | None:
    return session.exec(
        select(Invoice).where(
            Invoice.organisation_id == organisation_id, Invoice.origin_key == origin_key
        )
    ).first()


def create_invoice(
    session: Session,
    *,
    organisation_id: int,
    billing_service_id: int,
    family_id: int,
    payer_guardian_id: int,
    label: str,
    lines: Sequence[NewLine],
    issued_on: date,
    due_on: date,
    origin_key: str,
    period_start: date | None = None,
    period_end: date | None = None,
) -> Invoice:
    """The invoice for `origin_key`: the existing one if it was already issued, else a new one.

    The caller commits. Raises InvalidInvoice for lines or dates that cannot be billed, and for a
    service, family or payer that is not the organisation's (or a payer outside the family).
    """
    # SQLite: one transaction for the whole run, begun before the reads (Python's sqlite3 would
    # otherwise let each invoice's savepoint begin, and commit, a transaction of its own).
    take_write_lock(session)
    existing = invoice_by_origin(session, organisation_id, origin_key)
    if existing is not None:
        return existing
    total = check_lines(list(lines))
    check_dates(issued_on, due_on)
    organisation = session.get(Organisation, organisation_id)
    service = session.get(BillingService, billing_service_id)
    family = session.get(Family, family_id)
    payer = session.get(Guardian, payer_guardian_id)
    if (
        organisation is None
        or service is None
        or service.organisation_id != organisation_id
        or family is None
        or family.organisation_id != organisation_id
        or payer is None
        or payer.family_id != family_id
    ):
        raise InvalidInvoice("service, family and payer must be the organisation's")
    previous = payer_balance_cents(
        session,
        family_id=family_id,
        payer_guardian_id=payer_guardian_id,
        billing_service_id=billing_service_id,
    )
    for _attempt in range(_NUMBERING_ATTEMPTS):
        invoice = Invoice(
            organisation_id=organisation_id,
            billing_service_id=billing_service_id,
            family_id=family_id,
            payer_guardian_id=payer_guardian_id,
            number="",  # taken inside the savepoint: a rolled-back attempt gives it back
            reference=new_reference(),
            origin_key=origin_key,
            label=label,
            issued_on=issued_on,
            due_on=due_on,
            period_start=period_start,
            period_end=period_end,
            currency=organisation.currency,
            previous_balance_cents=previous,
            total_cents=total,
        )
        savepoint = session.begin_nested()
        try:
            invoice.number = next_number(session, INVOICES, organisation_id, issued_on.year)
            session.add(invoice)
            session.flush()
            assert invoice.id is not None
            session.add_all(
                InvoiceLine(
                    invoice_id=invoice.id,
                    child_id=line.child_id,
                    label=line.label,
                    service_date=line.service_date,
                    quantity=line.quantity,
                    unit_cents=line.unit_cents,
                    amount_cents=line.amount_cents,
                    position=position,
                )
                for position, line in enumerate(lines)
            )
            session.flush()
            savepoint.commit()
            return invoice
        except IntegrityError:
            savepoint.rollback()
            # Another run issued the same origin meanwhile: that one is the invoice.
            raced = invoice_by_origin(session, organisation_id, origin_key)
            if raced is not None:
                return raced
    raise RuntimeError("could not number the invoice")


def payer_balance_cents(
    session: Session, *, family_id: int, payer_guardian_id: int, billing_service_id: int
) -> int:
    """What this payer still owes this service (a régie keeps its own account)."""
    owed = session.exec(
        select(func.coalesce(func.sum(Invoice.total_cents - Invoice.paid_cents), 0)).where(
            Invoice.family_id == family_id,
            Invoice.payer_guardian_id == payer_guardian_id,
            Invoice.billing_service_id == billing_service_id,
            Invoice.status == InvoiceStatus.OPEN,
        )
    ).one()
    return int(owed)


def family_balance_cents(session: Session, *, family_id: int) -> int:
    """What the household still owes, all services and payers together (seed 003's balance)."""
    owed = session.exec(
        select(func.coalesce(func.sum(Invoice.total_cents - Invoice.paid_cents), 0)).where(
            Invoice.family_id == family_id, Invoice.status == InvoiceStatus.OPEN
        )
    ).one()
    return int(owed)


def open_invoices(session: Session, *, guardian_id: int) -> list[Invoice]:
    """This payer's unpaid invoices, the soonest due first."""
    return list(
        session.exec(
            select(Invoice)
            .where(Invoice.payer_guardian_id == guardian_id, Invoice.status == InvoiceStatus.OPEN)
            .order_by(col(Invoice.due_on), col(Invoice.number))
        ).all()
    )


def invoice_lines(session: Session, invoice_id: int) -> list[InvoiceLine]:
    return list(
        session.exec(
            select(InvoiceLine)
            .where(InvoiceLine.invoice_id == invoice_id)
            .order_by(col(InvoiceLine.position), col(InvoiceLine.id))
        ).all()
    )


def invoices_for_guardian(session: Session, *, user_id: int) -> list[InvoiceView]:
    """Every invoice this parent may read, newest first (see services/invoice_views.py)."""
    from portail_famille.services.invoice_views import invoices_for_guardian as readable

    return readable(session, user_id=user_id)
