"""Helpers of the finance tests: demo organisations, families and guardians by name, and a
billing service made for the test (the session rolls it back)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from portail_famille.models import (
    BillingService,
    BillingSource,
    Guardian,
    Invoice,
    Organisation,
    School,
)
from portail_famille.services.invoices import NewLine, create_invoice


def organisation(session: Session, slug_part: str) -> Organisation:
    for org in session.exec(select(Organisation)).all():
        if slug_part in org.slug:
            return org
    raise LookupError(slug_part)


def guardian(session: Session, first_name: str) -> Guardian:
    return session.exec(select(Guardian).where(Guardian.first_name == first_name)).one()


def school(session: Session, code_part: str) -> School:
    for found in session.exec(select(School)).all():
        if code_part in found.code or code_part in found.name:
            return found
    raise LookupError(code_part)


def a_service(
    session: Session,
    org: Organisation,
    *,
    code: str = "TEST",
    source: BillingSource = BillingSource.DAYCARE,
    school_id: int | None = None,
) -> BillingService:
    assert org.id is not None
    service = BillingService(
        organisation_id=org.id,
        school_id=school_id,
        code=code,
        name=f"Service {code}",
        source=source,
    )
    session.add(service)
    session.flush()
    return service


def an_invoice(
    session: Session,
    service: BillingService,
    payer: Guardian,
    origin_key: str,
    *,
    cents: tuple[int, ...] = (1250, 800),
    due_on: date = date(2026, 12, 15),
    child_id: int | None = None,
) -> Invoice:
    assert service.id is not None and payer.id is not None
    return create_invoice(
        session,
        organisation_id=service.organisation_id,
        billing_service_id=service.id,
        family_id=payer.family_id,
        payer_guardian_id=payer.id,
        label="Novembre 2026",
        lines=[
            NewLine(label=f"Ligne {i + 1}", unit_cents=c, child_id=child_id)
            for i, c in enumerate(cents)
        ],
        issued_on=date(2026, 11, 30),
        due_on=due_on,
        origin_key=origin_key,
    )
