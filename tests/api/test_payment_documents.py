"""Receipts and tax receipts as PDF: read back in French and English, served to nobody else."""

from collections.abc import Callable, Iterator
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select
from starlette.testclient import TestClient

from portail_famille.api.payment_documents import receipt_href, tax_receipt_href
from portail_famille.api.routes import create_api
from portail_famille.db import make_engine
from portail_famille.migrations import upgrade_to_head
from portail_famille.models import Payment
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
    load_demo,
)
from tests.databases import fresh_database_url
from tests.payment_fixtures import guardian, record_sample_payments
from tests.second_factor import finish_second_factor

pytestmark = pytest.mark.db

CLAIRE = "claire.martin@example.org"
BOISE_SECRETARY = "secretariat.boise@example.org"


@pytest.fixture(scope="module")
def paid_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo with a few payments made: a database of this module's own, as the shared demo's
    invoices stay open for the finance tests."""
    url = fresh_database_url(tmp_path_factory.mktemp("paid"))
    upgrade_to_head(url)
    engine = make_engine(url)
    with Session(engine) as db:
        load_demo(db)
        record_sample_payments(db)
        db.commit()
    engine.dispose()
    return url


@pytest.fixture
def portal_env(paid_database_url: str, point_portal_at: Callable[[str], None]) -> None:
    point_portal_at(paid_database_url)


@pytest.fixture
def session(paid_database_url: str) -> Iterator[Session]:
    engine = make_engine(paid_database_url)
    with Session(engine) as db:
        yield db
    engine.dispose()


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


def _marie_cheque(session: Session) -> Payment:
    marie = guardian(session, "Marie", "Tremblay")
    return session.exec(
        select(Payment).where(Payment.payer_guardian_id == marie.id, Payment.method == "cheque")
    ).one()


def test_marie_reads_her_receipt_in_french_and_in_english(
    portal_env: None, session: Session
) -> None:
    payment = _marie_cheque(session)
    client = _client(PARENT_EMAIL)
    response = client.get(receipt_href(payment.reference))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    text = _text(response.content)
    assert f"Reçu de paiement {payment.receipt_number}" in text
    assert "Marie Tremblay" in text and "Chèque" in text and "116,50 $" in text
    assert "Service de garde — octobre 2026" in text and "Chèque nº 418" in text
    english = _text(client.get(receipt_href(payment.reference) + "?lang=en").content)
    assert f"Payment receipt {payment.receipt_number}" in english
    assert "Cheque" in english and "$116.50" in english


@pytest.mark.parametrize("email", [ADMIN_EMAIL, SECRETARY_EMAIL])
def test_the_organisations_staff_read_it(portal_env: None, session: Session, email: str) -> None:
    response = _client(email).get(receipt_href(_marie_cheque(session).reference))
    assert response.status_code == 200


@pytest.mark.parametrize("email", [None, CLAIRE, COMMUNE_AGENT_EMAIL, BOISE_SECRETARY])
def test_nobody_else_gets_a_byte(portal_env: None, session: Session, email: str | None) -> None:
    # Another family, another organisation's staff, another school's secretary, nobody signed in.
    response = _client(email).get(receipt_href(_marie_cheque(session).reference))
    assert response.status_code == 404 and response.content == b""


def test_a_made_up_reference_is_a_plain_404(portal_env: None) -> None:
    assert _client(PARENT_EMAIL).get(receipt_href("not-a-reference")).status_code == 404


def test_marie_gets_a_releve_24_for_her_own_payments_only(portal_env: None) -> None:
    client = _client(PARENT_EMAIL)
    response = client.get(tax_receipt_href("css-mille-lacs", 2026))
    assert response.status_code == 200
    text = _text(response.content)
    # Daycare only: Léa's school fees, paid too, are not childcare expenses.
    assert "Relevé 24" in text and "Léa Gagnon" in text and "116,50 $" in text
    assert "77,30" not in text
    assert "Marie Tremblay" in text and "Luc" not in text
    english = _text(client.get(tax_receipt_href("css-mille-lacs", 2026) + "?lang=en").content)
    assert "RL-24" in english and "$116.50" in english
    assert client.get(tax_receipt_href("css-mille-lacs", 2025)).status_code == 404
    assert client.get(tax_receipt_href("saint-aubin", 2026)).status_code == 404


def test_claire_gets_an_attestation_fiscale_from_her_commune(portal_env: None) -> None:
    response = _client(CLAIRE).get(tax_receipt_href("saint-aubin", 2026))
    assert response.status_code == 200
    text = _text(response.content)
    # 8 mornings at 2,50 € for Jade, 11 evenings at 3,20 € for Hugo: one line per child.
    assert "Attestation fiscale" in text and "Jade Martin" in text and "20,00 €" in text
    assert "Hugo Martin" in text and "35,20 €" in text and "55,20 €" in text
    assert _client(None).get(tax_receipt_href("saint-aubin", 2026)).status_code == 404
