"""A family's credit: money kept for them (an overpayment staff chose not to refund) and what
they have used of it. The balance is the sum of FamilyCredit rows; nothing else holds it."""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from portail_famille.models import FamilyCredit, Invoice, Organisation
from portail_famille.services.payer import payer_guardians
from portail_famille.services.payments import PaymentError


def credit_balances_for_user(session: Session, user_id: int) -> list[tuple[Organisation, str, int]]:
    """(organisation, currency, cents) of credit this account's payer records hold."""
    guardian_ids = [g.id for g in payer_guardians(session, user_id) if g.id is not None]
    if not guardian_ids:
        return []
    rows = session.exec(
        select(
            FamilyCredit.organisation_id, FamilyCredit.currency, func.sum(FamilyCredit.amount_cents)
        )
        .where(col(FamilyCredit.payer_guardian_id).in_(guardian_ids))
        .group_by(col(FamilyCredit.organisation_id), col(FamilyCredit.currency))
    ).all()
    found = []
    for organisation_id, currency, cents in rows:
        organisation = session.get(Organisation, organisation_id)
        if organisation is not None and cents:
            found.append((organisation, currency, int(cents)))
    return found


def credit_for_invoices(session: Session, invoice_ids: list[int]) -> dict[int, int]:
    """Per invoice, the credit its payer holds that could pay it (same organisation, currency)."""
    invoices = session.exec(select(Invoice).where(col(Invoice.id).in_(invoice_ids))).all()
    payers = {i.payer_guardian_id for i in invoices}
    held: dict[tuple[int, int, str], int] = {}
    for row in session.exec(
        select(FamilyCredit).where(col(FamilyCredit.payer_guardian_id).in_(payers))
    ).all():
        key = (row.payer_guardian_id, row.organisation_id, row.currency)
        held[key] = held.get(key, 0) + row.amount_cents
    found = {}
    for invoice in invoices:
        cents = held.get((invoice.payer_guardian_id, invoice.organisation_id, invoice.currency), 0)
        if cents > 0 and invoice.id is not None:
            found[invoice.id] = cents
    return found


def spend_credit(session: Session, invoice: Invoice, amount_cents: int, user_id: int) -> None:
    """Takes `amount_cents` from the invoice's payer's credit, in the caller's transaction (the
    caller records the matching payment). The payer's credit rows are locked where the database
    can, so two desk payments at once cannot spend the same credit."""
    if amount_cents <= 0:
        raise PaymentError("amount")  # a negative use would add credit
    rows = session.exec(
        select(FamilyCredit)
        .where(
            FamilyCredit.payer_guardian_id == invoice.payer_guardian_id,
            FamilyCredit.organisation_id == invoice.organisation_id,
            FamilyCredit.currency == invoice.currency,
        )
        .with_for_update()
    ).all()
    if amount_cents > sum(row.amount_cents for row in rows):
        raise PaymentError("no_credit")
    session.add(
        FamilyCredit(
            organisation_id=invoice.organisation_id,
            family_id=invoice.family_id,
            payer_guardian_id=invoice.payer_guardian_id,
            amount_cents=-amount_cents,
            currency=invoice.currency,
            recorded_by=user_id,
        )
    )
