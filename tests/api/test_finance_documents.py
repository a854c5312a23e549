"""Invoice and statement PDFs and the accounting CSV: read back, and served to nobody else."""

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from portail_famille.api.finance_documents import export_href, invoice_href, statement_href
from portail_famille.api.routes import create_api
from portail_famille.models import BillingService, Guardian, Invoice, Statement
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from tests.results_fixtures import child_id
from tests.second_factor import finish_second_factor

pytestmark = pytest.mark.db

CLAIRE = "claire.martin@example.org"
JEAN = "jean.cote@example.org"
BOISE_SECRETARY = "secretariat.boise@example.org"


def _client(email: str | None) -> TestClient:
    client = TestClient(create_api(), base_url="http://testserver", follow_redirects=False)
    if email:
        response = client.post(
            "/api/auth/signin",
            data={"email": email, "password": DEMO_PASSWORD},
            headers={"origin": "http://testserver"},
        )
        response = finish_second_factor(client, response)
        assert response.status_code == 303
    return client


def _text(pdf: bytes) -> str:
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _invoice(session: Session, payer: str, service_code: str) -> Invoice:
    return session.exec(
        select(Invoice)
        .join(Guardian, col(Guardian.id) == Invoice.payer_guardian_id)
        .join(BillingService, col(BillingService.id) == Invoice.billing_service_id)
        .where(Guardian.first_name == payer, BillingService.code == service_code)
        .order_by(col(Invoice.issued_on).desc())
    ).first()  # type: ignore[return-value]


def test_marie_opens_her_invoice_with_its_lines_and_previous_balance(
    portal_env: None, session: Session
) -> None:
    invoice = _invoice(session, "Marie", "GARDE-001")
    response = _client(PARENT_EMAIL).get(invoice_href(invoice.reference))
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    text = _text(response.content)
    assert f"Facture n° {invoice.number}" in text and "Marie Tremblay" in text
    assert "Sortie au musée" in text and "Léa Gagnon" in text
    assert "Solde précédent 116,50 $" in text  # October: 10 × 10,00 + 16,50, unpaid
    assert "Total de la facture 118,50 $" in text  # 90,00 + 16,50 + 12,00


def test_an_english_parent_reads_the_statement_in_english(
    portal_env: None, session: Session
) -> None:
    felix = child_id(session, "Félix")
    statement = session.exec(
        select(Statement).where(
            Statement.child_id == felix,
            Statement.source == "daycare",
            col(Statement.superseded_at).is_(None),
        )
    ).one()
    response = _client(JEAN).get(statement_href(statement.reference))
    assert response.status_code == 200
    text = _text(response.content)
    assert "Account statement" in text and "Félix Côté" in text
    assert "Balance $120.00" in text  # 12 days of daycare, nothing paid yet


def test_a_statement_is_rendered_on_first_open_and_stored(
    portal_env: None, session: Session
) -> None:
    lea = child_id(session, "Léa")
    marie = session.exec(select(Guardian).where(Guardian.first_name == "Marie")).one()
    share = session.exec(
        select(Statement).where(
            Statement.child_id == lea,
            Statement.guardian_id == marie.id,
            Statement.source == "daycare",
            col(Statement.superseded_at).is_(None),
        )
    ).one()
    response = _client(PARENT_EMAIL).get(statement_href(share.reference))
    assert response.status_code == 200
    text = _text(response.content)
    assert "Payeur (garde partagée) : Marie Tremblay" in text and "Solde 235,00 $" in text
    session.expire_all()
    stored = session.get(Statement, share.id)
    assert stored is not None and stored.pdf == response.content


def test_nobody_else_gets_an_invoice_or_a_statement(portal_env: None, session: Session) -> None:
    invoice = _invoice(session, "Marie", "GARDE-001")
    lucs = _invoice(session, "Luc", "GARDE-001")
    luc = session.exec(select(Guardian).where(Guardian.first_name == "Luc")).one()
    luc_share = session.exec(
        select(Statement).where(
            Statement.guardian_id == luc.id, col(Statement.superseded_at).is_(None)
        )
    ).first()
    assert luc_share is not None
    marie = _client(PARENT_EMAIL)
    assert marie.get(invoice_href(lucs.reference)).status_code == 404
    assert marie.get(statement_href(luc_share.reference)).status_code == 404
    for email in (None, CLAIRE, JEAN, BOISE_SECRETARY, COMMUNE_AGENT_EMAIL):
        client = _client(email)
        assert client.get(invoice_href(invoice.reference)).status_code == 404, email
        assert client.get(statement_href(luc_share.reference)).status_code == 404, email
    for email in (SECRETARY_EMAIL, ADMIN_EMAIL):
        assert _client(email).get(invoice_href(invoice.reference)).status_code == 200
        assert _client(email).get(statement_href(luc_share.reference)).status_code == 200
    assert marie.get(invoice_href("not-a-reference")).status_code == 404


def test_accounting_csv_for_staff_of_the_organisation_only(
    portal_env: None, session: Session
) -> None:
    invoice = _invoice(session, "Marie", "FRAIS-002")  # the Boisé's fees
    admin = _client(ADMIN_EMAIL).get(export_href("factures"))
    assert admin.status_code == 200 and admin.headers["content-type"].startswith("text/csv")
    text = admin.content.decode("utf-8-sig")
    assert text.startswith("Numéro,Service,Famille,Payeur")
    assert f"{invoice.number},FRAIS-002,Famille Tremblay,Marie Tremblay" in text
    assert ",118.75," in text  # 84,75 + 9,00 + 25,00
    assert "REGIE-" not in text  # the commune's invoices are not the centre's
    erables = _client(SECRETARY_EMAIL).get(export_href("factures")).text
    assert "GARDE-001" in erables and "FRAIS-002" not in erables  # her school only
    commune = _client(COMMUNE_AGENT_EMAIL).get(export_href("factures")).text
    assert "REGIE-CANT" in commune and "GARDE-001" not in commune
    assert _client(COMMUNE_AGENT_EMAIL).get(export_href("paiements")).status_code == 200
    for email in (None, PARENT_EMAIL, CLAIRE):
        assert _client(email).get(export_href("factures")).status_code == 404
        assert _client(email).get(export_href("paiements")).status_code == 404
    assert _client(ADMIN_EMAIL).get(export_href("autre")).status_code == 404
