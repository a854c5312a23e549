"""Invoices: numbering per organisation, idempotent origin, previous balance, family balance,
and no invoice of another family or organisation reachable."""

from datetime import date

import pytest
from sqlmodel import Session, select

from portail_famille.models import InvoiceLine, InvoiceStatus
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.invoice_views import (
    invoice_for_guardian,
    invoice_for_staff,
    invoices_for_guardian,
)
from portail_famille.services.invoices import (
    InvalidInvoice,
    NewLine,
    create_invoice,
    family_balance_cents,
    open_invoices,
)
from portail_famille.services.invoices import invoices_for_guardian as contract_listing
from tests.finance_fixtures import a_service, an_invoice, guardian, organisation, school
from tests.results_fixtures import child_id, user_id

pytestmark = pytest.mark.db


def test_numbers_follow_each_other_per_organisation_and_year(session: Session) -> None:
    css, commune = organisation(session, "css"), organisation(session, "saint-aubin")
    marie, claire = guardian(session, "Marie"), guardian(session, "Claire")
    first = an_invoice(session, a_service(session, css), marie, "t:1")
    second = an_invoice(session, a_service(session, css, code="T2"), marie, "t:2")
    other = an_invoice(session, a_service(session, commune), claire, "t:3")
    year, seq = first.number.split("-")
    assert year == "2026"
    assert second.number == f"2026-{int(seq) + 1:06d}"
    assert other.organisation_id != first.organisation_id
    assert other.number.startswith("2026-")
    assert len({first.reference, second.reference, other.reference}) == 3


def test_the_same_origin_bills_once(session: Session) -> None:
    service = a_service(session, organisation(session, "css"))
    marie = guardian(session, "Marie")
    first = an_invoice(session, service, marie, "planning:2026-11:x")
    again = an_invoice(session, service, marie, "planning:2026-11:x", cents=(99999,))
    assert again.id == first.id and again.total_cents == 2050
    lines = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id == first.id)).all()
    assert [line.amount_cents for line in lines] == [1250, 800]


def test_previous_balance_is_what_the_payer_still_owes_this_service(session: Session) -> None:
    css = organisation(session, "css")
    service, other_service = a_service(session, css), a_service(session, css, code="T2")
    marie = guardian(session, "Marie")
    first = an_invoice(session, service, marie, "t:a")
    assert first.previous_balance_cents == 0
    an_invoice(session, other_service, marie, "t:other", cents=(5000,))  # another account
    first.paid_cents = 50
    session.flush()
    second = an_invoice(session, service, marie, "t:b", cents=(300,))
    assert second.previous_balance_cents == 2000
    first.status = InvoiceStatus.PAID
    first.paid_cents = first.total_cents
    session.flush()
    assert an_invoice(session, service, marie, "t:c").previous_balance_cents == 300


def test_family_balance_and_open_invoices_soonest_due_first(session: Session) -> None:
    service = a_service(session, organisation(session, "css"))
    marie = guardian(session, "Marie")
    assert marie.id is not None
    before = family_balance_cents(session, family_id=marie.family_id)
    late = an_invoice(session, service, marie, "t:late", due_on=date(2027, 1, 15))
    soon = an_invoice(session, service, marie, "t:soon", due_on=date(2026, 12, 5), cents=(700,))
    assert family_balance_cents(session, family_id=marie.family_id) == before + 2050 + 700
    ours = [
        i.id for i in open_invoices(session, guardian_id=marie.id) if i.id in {late.id, soon.id}
    ]
    assert ours == [soon.id, late.id]
    # The co-parent's household keeps its own balance.
    luc = guardian(session, "Luc")
    luc_before = family_balance_cents(session, family_id=luc.family_id)
    an_invoice(session, service, luc, "t:luc", cents=(400,))
    assert family_balance_cents(session, family_id=luc.family_id) == luc_before + 400
    assert family_balance_cents(session, family_id=marie.family_id) == before + 2750


def test_what_cannot_be_billed_is_refused(session: Session) -> None:
    css, commune = organisation(session, "css"), organisation(session, "saint-aubin")
    marie, claire = guardian(session, "Marie"), guardian(session, "Claire")
    service = a_service(session, css)
    with pytest.raises(InvalidInvoice):
        an_invoice(session, service, marie, "t:empty", cents=())
    with pytest.raises(InvalidInvoice):
        an_invoice(session, a_service(session, commune), marie, "t:other-org")
    assert service.id is not None and claire.id is not None
    with pytest.raises(InvalidInvoice):  # a payer outside the family
        create_invoice(
            session,
            organisation_id=service.organisation_id,
            billing_service_id=service.id,
            family_id=marie.family_id,
            payer_guardian_id=claire.id,
            label="x",
            lines=[NewLine(label="x", unit_cents=100)],
            issued_on=date(2026, 11, 1),
            due_on=date(2026, 12, 1),
            origin_key="t:wrong-payer",
        )
    with pytest.raises(InvalidInvoice):
        create_invoice(
            session,
            organisation_id=service.organisation_id,
            billing_service_id=service.id,
            family_id=marie.family_id,
            payer_guardian_id=marie.id or 0,
            label="x",
            lines=[NewLine(label="x", unit_cents=100, quantity=0)],
            issued_on=date(2026, 11, 1),
            due_on=date(2026, 12, 1),
            origin_key="t:zero",
        )


def test_parent_sees_own_invoices_with_lines_and_nobody_else_does(session: Session) -> None:
    css = organisation(session, "css")
    erables = school(session, "Érables")
    service = a_service(session, css, school_id=erables.id)
    marie, luc = guardian(session, "Marie"), guardian(session, "Luc")
    mine = an_invoice(session, service, marie, "t:m", child_id=child_id(session, "Léa"))
    lucs = an_invoice(session, service, luc, "t:l")
    marie_user = user_id(session, PARENT_EMAIL)
    seen = {v.reference: v for v in invoices_for_guardian(session, user_id=marie_user)}
    assert mine.reference in seen and lucs.reference not in seen
    assert [v.reference for v in contract_listing(session, user_id=marie_user)] == list(seen)
    view = seen[mine.reference]
    assert [line.amount_cents for line in view.lines] == [1250, 800]
    assert view.lines[0].child_name.startswith("Léa")
    assert view.owed_cents == 2050
    with pytest.raises(Forbidden):
        invoice_for_guardian(session, user_id=marie_user, reference=lucs.reference)
    claire_user = user_id(session, "claire.martin@example.org")
    with pytest.raises(Forbidden):
        invoice_for_guardian(session, user_id=claire_user, reference=mine.reference)
    assert (
        invoice_for_staff(
            session, user_id=user_id(session, SECRETARY_EMAIL), reference=mine.reference
        ).number
        == mine.number
    )
    for outsider in ("secretariat.boise@example.org", "enfance@saint-aubin.example.org"):
        with pytest.raises(Forbidden):
            invoice_for_staff(session, user_id=user_id(session, outsider), reference=mine.reference)
    with pytest.raises(Forbidden):  # a parent is not staff
        invoice_for_staff(session, user_id=marie_user, reference=mine.reference)
