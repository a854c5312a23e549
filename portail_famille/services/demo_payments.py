"""Demo invoices to pay and payments already made, so the payment pages show real data.

Until the finances demo (demo_finances.py) gives Marie open invoices, this module issues its own
through create_invoice; when hers already exist it adds nothing, so both can run in either order.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from portail_famille.domain.invoices import NewLine
from portail_famille.models import (
    BillingService,
    BillingSource,
    Child,
    Guardian,
    Invoice,
    InvoiceStatus,
    Organisation,
    PaymentMethod,
    School,
)
from portail_famille.services.invoices import create_invoice
from portail_famille.services.payments import apply_payment


def _service(
    session: Session,
    org: Organisation,
    code: str,
    name: str,
    source: BillingSource,
    school: str | None,
) -> BillingService:
    assert org.id is not None
    found = session.exec(
        select(BillingService).where(
            BillingService.organisation_id == org.id, BillingService.code == code
        )
    ).first()
    if found is not None:
        return found
    school_id = (
        session.exec(
            select(School.id).where(School.organisation_id == org.id, School.code == school)
        ).one()
        if school
        else None
    )
    service = BillingService(
        organisation_id=org.id,
        school_id=school_id,
        code=code,
        name=name,
        source=source,
        tax_receipt_eligible=source in (BillingSource.DAYCARE, BillingSource.PERISCOLAIRE),
    )
    session.add(service)
    session.flush()
    return service


def _invoice(
    session: Session,
    service: BillingService,
    payer: Guardian,
    child: Child,
    key: str,
    label: str,
    cents: int,
    issued_on: date,
    due_on: date,
) -> Invoice:
    assert service.id is not None and payer.id is not None and child.id is not None
    return create_invoice(
        session,
        organisation_id=service.organisation_id,
        billing_service_id=service.id,
        family_id=payer.family_id,
        payer_guardian_id=payer.id,
        label=label,
        lines=[NewLine(label=label, unit_cents=cents, child_id=child.id)],
        issued_on=issued_on,
        due_on=due_on,
        origin_key=f"demo-payments:{key}",
    )


def _guardian(session: Session, first: str, last: str) -> Guardian:
    return session.exec(
        select(Guardian).where(Guardian.first_name == first, Guardian.last_name == last)
    ).one()


def _child(session: Session, first: str, last: str) -> Child:
    return session.exec(
        select(Child).where(Child.first_name == first, Child.last_name == last)
    ).one()


def load_payments_demo(session: Session) -> None:
    marie = _guardian(session, "Marie", "Tremblay")
    already = session.exec(
        select(Invoice.id).where(
            Invoice.payer_guardian_id == marie.id, col(Invoice.status) == InvoiceStatus.OPEN
        )
    ).first()
    if already is not None:
        return  # the finances demo billed her already
    css = session.exec(select(Organisation).where(Organisation.slug == "css-mille-lacs")).one()
    commune = session.exec(select(Organisation).where(Organisation.slug == "saint-aubin")).one()
    daycare = _service(
        session, css, "GARDE-ERABLES", "Service de garde des Érables", BillingSource.DAYCARE, "001"
    )
    fees = _service(
        session, css, "FRAIS-BOISE", "Frais scolaires du Boisé", BillingSource.SCHOOL_FEES, "002"
    )
    regie = _service(
        session,
        commune,
        "REGIE-PERI",
        "Régie restauration et garderie",
        BillingSource.PERISCOLAIRE,
        None,
    )
    lea, thomas = _child(session, "Léa", "Gagnon"), _child(session, "Thomas", "Gagnon")
    luc, jean, claire = (
        _guardian(session, "Luc", "Gagnon"),
        _guardian(session, "Jean", "Côté"),
        _guardian(session, "Claire", "Martin"),
    )
    felix, jade = _child(session, "Félix", "Côté"), _child(session, "Jade", "Martin")
    september = _invoice(
        session,
        daycare,
        marie,
        lea,
        "marie-garde-2026-09",
        "Service de garde — septembre 2026",
        17200,
        date(2026, 10, 1),
        date(2026, 10, 15),
    )
    canteen = _invoice(
        session,
        regie,
        claire,
        jade,
        "claire-cantine-2026-09",
        "Cantine et garderie — septembre 2026",
        5830,
        date(2026, 10, 2),
        date(2026, 10, 31),
    )
    # Paid before the next invoices are issued, so those carry no previous balance.
    for invoice, method, note, when in (
        (september, PaymentMethod.CHEQUE, "Chèque nº 418", datetime(2026, 10, 9, 15, tzinfo=UTC)),
        (canteen, PaymentMethod.TRANSFER, None, datetime(2026, 10, 20, 9, 30, tzinfo=UTC)),
    ):
        assert invoice.id is not None
        apply_payment(
            session,
            organisation_id=invoice.organisation_id,
            payer_guardian_id=invoice.payer_guardian_id,
            family_id=invoice.family_id,
            method=method,
            amount_cents=invoice.total_cents,
            invoice_ids=[invoice.id],
            note=note,
            received_at=when,
        )
    # Marie's two open invoices: the ones the demo pays by card, in two taps.
    for service, payer, child, key, label, cents, issued, due in (
        (
            daycare,
            marie,
            lea,
            "marie-garde-2026-10",
            "Service de garde — octobre 2026",
            18500,
            date(2026, 11, 2),
            date(2026, 11, 30),
        ),
        (
            fees,
            marie,
            thomas,
            "marie-effets-2026",
            "Effets scolaires 2026-2027",
            9650,
            date(2026, 9, 15),
            date(2026, 12, 15),
        ),
        # Shared custody: Luc's share is his alone, Marie never sees it.
        (
            daycare,
            luc,
            lea,
            "luc-garde-2026-10",
            "Service de garde — octobre 2026",
            18500,
            date(2026, 11, 2),
            date(2026, 11, 30),
        ),
        (
            daycare,
            jean,
            felix,
            "jean-garde-2026-10",
            "Daycare — October 2026",
            21000,
            date(2026, 11, 2),
            date(2026, 11, 30),
        ),
        (
            regie,
            claire,
            jade,
            "claire-cantine-2026-10",
            "Cantine et garderie — octobre 2026",
            6120,
            date(2026, 11, 3),
            date(2026, 11, 30),
        ),
    ):
        _invoice(session, service, payer, child, key, label, cents, issued, due)
