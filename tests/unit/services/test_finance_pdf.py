"""Invoices and statements read back from their PDFs: names, lines, totals, balance, FR and EN."""

from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import Session

from portail_famille.models import BillingService, BillingSource, Invoice
from portail_famille.services.finance_pdf import invoice_pdf, statement_pdf
from portail_famille.services.invoice_views import invoice_view
from portail_famille.services.invoices import NewLine, create_invoice
from portail_famille.services.statements import deposit_for_child
from tests.finance_fixtures import a_service, guardian, organisation, school
from tests.results_fixtures import child_id

pytestmark = pytest.mark.db


def _text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    return " ".join((p.extract_text() or "") for p in PdfReader(BytesIO(pdf)).pages)


def _flat(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _invoice(session: Session) -> tuple[BillingService, Invoice]:
    erables = school(session, "Érables")
    service = a_service(session, organisation(session, "css"), code="T-GARDE", school_id=erables.id)
    marie = guardian(session, "Marie")
    assert service.id is not None and marie.id is not None
    first = create_invoice(
        session,
        organisation_id=service.organisation_id,
        billing_service_id=service.id,
        family_id=marie.family_id,
        payer_guardian_id=marie.id,
        label="Octobre 2026",
        lines=[NewLine("Garde régulière", 1500, 2, child_id(session, "Léa"))],
        issued_on=date(2026, 10, 31),
        due_on=date(2026, 11, 20),
        origin_key="t:pdf:oct",
    )
    first.paid_cents = 1000
    session.flush()
    second = create_invoice(
        session,
        organisation_id=service.organisation_id,
        billing_service_id=service.id,
        family_id=marie.family_id,
        payer_guardian_id=marie.id,
        label="Novembre 2026",
        lines=[
            NewLine("Garde régulière", 1500, 3, child_id(session, "Léa"), date(2026, 11, 2)),
            NewLine("Journée pédagogique", 2450, 1, child_id(session, "Léa"), date(2026, 11, 13)),
        ],
        issued_on=date(2026, 11, 30),
        due_on=date(2026, 12, 18),
        origin_key="t:pdf:nov",
    )
    return service, second


def test_invoice_pdf_in_french_and_english(session: Session) -> None:
    _service, invoice = _invoice(session)
    view = invoice_view(session, invoice)
    french = _flat(_text(invoice_pdf(view, "fr")))
    assert f"Facture n° {invoice.number}" in french
    assert "Marie Tremblay" in french and "Léa Gagnon" in french
    assert "Journée pédagogique" in french
    assert "45,00 $" in french and "24,50 $" in french  # 3 × 15,00 ; 1 × 24,50
    assert "Solde précédent 20,00 $" in french  # 30,00 billed in October, 10,00 paid
    assert "Total de la facture 69,50 $" in french
    assert "89,50 $" in french  # total due with the previous balance
    assert "18 décembre 2026" in french
    english = _flat(_text(invoice_pdf(view, "en")))
    assert f"Invoice no. {invoice.number}" in english
    assert "Previous balance $20.00" in english and "Invoice total $69.50" in english
    assert "December 18, 2026" in english


def test_statement_pdf_per_payer_in_french_and_english(session: Session) -> None:
    service, _invoice_row = _invoice(session)
    erables = school(session, "Érables")
    assert erables.id is not None
    shares = deposit_for_child(
        session, service=service, child_id=child_id(session, "Léa"), school_id=erables.id
    )
    marie = guardian(session, "Marie")
    mine = next(s for s in shares if s.guardian_id == marie.id)
    lucs = next(s for s in shares if s.guardian_id != marie.id)
    assert mine.balance_cents == 2000 + 6950 and lucs.balance_cents == 0
    french = _flat(_text(statement_pdf(mine.snapshot, "fr")))
    assert "État de compte" in french and "Léa Gagnon" in french
    assert "Payeur (garde partagée) : Marie Tremblay" in french
    assert "Journée pédagogique" in french and "Total facturé 99,50 $" in french
    assert "Payé 10,00 $" in french and "Solde 89,50 $" in french
    english = _flat(_text(statement_pdf(mine.snapshot, "en")))
    assert "Account statement" in english and "Balance $89.50" in english
    assert "Payer (shared custody) : Marie Tremblay" in english
    theirs = _flat(_text(statement_pdf(lucs.snapshot, "fr")))
    assert "Luc Gagnon" in theirs and "Solde 0,00 $" in theirs
    assert "Journée pédagogique" not in theirs
    assert service.source == BillingSource.DAYCARE
