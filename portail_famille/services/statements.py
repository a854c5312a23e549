"""Depositing statements (états de compte) and reading the current ones, by seed 000's rules.

A statement is an immutable snapshot: what the PDF shows is frozen in `Statement.snapshot` at
deposit time, and depositing supersedes the previous current statement in the same transaction.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from portail_famille.domain.statements import (
    Recipient,
    may_deposit,
    settle_lines,
    slot_sources,
    statement_recipients,
)
from portail_famille.i18n import DEFAULT_LANGUAGE, supported_language
from portail_famille.models import (
    BillingService,
    Child,
    Enrolment,
    Guardian,
    GuardianChildLink,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Organisation,
    School,
    SchoolYear,
    Statement,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services.school_years import current_school_year


def active_children(session: Session, school_id: int, school_year_id: int) -> list[int]:
    """The children ACTIVE in the school's year: the only ones who get statements (seed 000)."""
    return list(
        session.exec(
            select(Enrolment.child_id)
            .where(
                Enrolment.school_id == school_id,
                Enrolment.school_year_id == school_year_id,
                col(Enrolment.active).is_(True),
            )
            .order_by(col(Enrolment.child_id))
        ).all()
    )


def _is_active(session: Session, child_id: int, school_id: int, school_year_id: int) -> bool:
    enrolment = session.exec(
        select(Enrolment).where(
            Enrolment.child_id == child_id,
            Enrolment.school_id == school_id,
            Enrolment.school_year_id == school_year_id,
        )
    ).first()
    return may_deposit(enrolment.active if enrolment else None)


def _recipients(session: Session, child: Child) -> list[int | None]:
    links = session.exec(
        select(GuardianChildLink).where(GuardianChildLink.child_id == child.id)
    ).all()
    return statement_recipients(
        [
            Recipient(
                link.guardian_id, link.shared_custody, link.receives_statements, link.is_payer
            )
            for link in links
        ]
    )


def _language(session: Session, child: Child, guardian_id: int | None) -> str:
    """The language the stored PDF is rendered in: the reader's (the payer's in shared custody,
    else the first guardian with an account); others get theirs rendered when they open it."""
    query = (
        select(UserAccount.locale)
        .join(Guardian, col(Guardian.user_id) == UserAccount.id)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(GuardianChildLink.child_id == child.id)
        .order_by(col(Guardian.id))
    )
    if guardian_id is not None:
        query = query.where(Guardian.id == guardian_id)
    return supported_language(session.exec(query).first() or DEFAULT_LANGUAGE)


def snapshot_for(
    session: Session,
    *,
    service: BillingService,
    child: Child,
    school: School,
    year: SchoolYear,
    guardian_id: int | None,
    deposited_at: datetime,
) -> dict[str, object]:
    """Everything the statement's PDF shows, frozen: the child's lines of this service's invoices
    (the guardian's own invoices in shared custody), what was paid on them, and the balance."""
    organisation = session.get(Organisation, service.organisation_id)
    assert organisation is not None and child.id is not None and service.id is not None
    query = (
        select(Invoice, InvoiceLine)
        .join(InvoiceLine, col(InvoiceLine.invoice_id) == Invoice.id)
        .where(
            Invoice.billing_service_id == service.id,
            Invoice.status != InvoiceStatus.CANCELLED,
            # Only invoices billing this child (their other lines settle payments in order).
            col(Invoice.id).in_(
                select(InvoiceLine.invoice_id).where(InvoiceLine.child_id == child.id)
            ),
        )
        .order_by(col(Invoice.issued_on), col(Invoice.id), col(InvoiceLine.position))
    )
    if guardian_id is not None:
        query = query.where(Invoice.payer_guardian_id == guardian_id)
    pairs = session.exec(query).all()
    rows: list[dict[str, object]] = []
    by_invoice: dict[int, list[InvoiceLine]] = {}
    invoices: dict[int, Invoice] = {}
    for invoice, line in pairs:
        assert invoice.id is not None
        by_invoice.setdefault(invoice.id, []).append(line)
        invoices[invoice.id] = invoice
    for invoice_id, lines in by_invoice.items():
        invoice = invoices[invoice_id]
        shares = settle_lines(invoice.paid_cents, [line.amount_cents for line in lines])
        for line, paid in zip(lines, shares, strict=True):
            if line.child_id != child.id:
                continue
            rows.append(
                {
                    "date": (line.service_date or invoice.issued_on).isoformat(),
                    "number": invoice.number,
                    "label": line.label,
                    "charge": line.amount_cents,
                    "paid": paid,
                }
            )
    billed = sum(int(str(row["charge"])) for row in rows)
    paid_total = sum(int(str(row["paid"])) for row in rows)
    payer = session.get(Guardian, guardian_id) if guardian_id is not None else None
    return {
        "organisation": organisation.name,
        "country": organisation.country,
        "school": school.name,
        "school_year": year.label,
        "service": service.name,
        "source": str(service.source),
        "child": f"{child.first_name} {child.last_name}",
        "file_number": child.file_number,
        "payer": f"{payer.first_name} {payer.last_name}" if payer else "",
        "deposited_on": deposited_at.date().isoformat(),
        "language": _language(session, child, guardian_id),
        "currency": organisation.currency,
        "rows": rows,
        "billed_cents": billed,
        "paid_cents": paid_total,
        "balance_cents": billed - paid_total,
    }


def _supersede(session: Session, child_id: int, service: BillingService, now: datetime) -> None:
    """The new deposit is the child's whole set for the slot: every current one of it goes,
    whoever it was for (a guardian who stopped paying keeps no stale share)."""
    query = select(Statement).where(
        Statement.child_id == child_id,
        col(Statement.source).in_([str(s) for s in slot_sources(service.source)]),
        col(Statement.superseded_at).is_(None),
    )
    for old in session.exec(query.with_for_update()).all():
        old.superseded_at = now
        session.add(old)


def deposit_for_child(
    session: Session,
    *,
    service: BillingService,
    child_id: int,
    school_id: int,
    batch_id: int | None = None,
) -> list[Statement]:
    """The child's new statements (one, or one per paying guardian in shared custody), replacing
    the current ones of the slot; none for a child not ACTIVE in the school's current year.

    The caller commits: one transaction per child keeps either the old or the new statements.
    """
    # Two runs for the same child (two secretaries, a batch and a retry) queue up here, so the
    # second sees the first's statements and supersedes them: never two current ones.
    child = session.exec(select(Child).where(Child.id == child_id).with_for_update()).first()
    school = session.get(School, school_id)
    if child is None or school is None or school.organisation_id != service.organisation_id:
        return []
    year = current_school_year(session, school.organisation_id)
    if year is None or year.id is None or not _is_active(session, child_id, school_id, year.id):
        return []
    now = utcnow()
    deposited = []
    assert service.id is not None
    recipients = _recipients(session, child)
    if recipients:
        _supersede(session, child_id, service, now)
    for guardian_id in recipients:
        snapshot = snapshot_for(
            session,
            service=service,
            child=child,
            school=school,
            year=year,
            guardian_id=guardian_id,
            deposited_at=now,
        )
        statement = Statement(
            organisation_id=service.organisation_id,
            billing_service_id=service.id,
            source=service.source,
            child_id=child_id,
            guardian_id=guardian_id,
            school_id=school_id,
            school_year_id=year.id,
            batch_id=batch_id,
            reference=secrets.token_urlsafe(16)[:22],
            deposited_at=now,
            currency=str(snapshot["currency"]),
            balance_cents=int(str(snapshot["balance_cents"])),
            snapshot=snapshot,
        )
        session.add(statement)
        deposited.append(statement)
    session.flush()
    return deposited


def current_statements(session: Session, child_ids: list[int]) -> list[Statement]:
    return list(
        session.exec(
            select(Statement)
            .where(col(Statement.child_id).in_(child_ids), col(Statement.superseded_at).is_(None))
            .order_by(col(Statement.child_id), col(Statement.source), col(Statement.id))
        ).all()
    )
