"""Report cards and child sheets as PDF: read back, and served to nobody but those allowed."""

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from portail_famille.api.documents import child_sheet_href, report_card_href
from portail_famille.api.routes import create_api
from portail_famille.models import AuditEntry, Child
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.demo_results import UNPUBLISHED_TITLE
from tests.results_fixtures import a_report_card, sheet_reference
from tests.second_factor import finish_second_factor

pytestmark = pytest.mark.db

CLAIRE = "claire.martin@example.org"
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
    """The PDF's text with line breaks as spaces: table cells wrap."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(pdf)).pages)


def test_thomas_report_card_reads_back_with_his_name_and_marks(
    portal_env: None, session: Session
) -> None:
    card = a_report_card(session, "Thomas")
    response = _client(PARENT_EMAIL).get(report_card_href(card.reference))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    text = _text(response.content)
    assert "Thomas Gagnon" in text and "1000002" in text
    for line in card.lines:
        assert str(line["subject"]) in text
        assert f"{line['result']} %" in text
    assert UNPUBLISHED_TITLE not in text


def test_the_child_sheet_reads_back_with_the_record(portal_env: None, session: Session) -> None:
    response = _client(CLAIRE).get(child_sheet_href(sheet_reference(session, "Jade")))
    assert response.status_code == 200
    text = _text(response.content)
    assert "Jade Martin" in text and "Lactose" in text and "Monique Martin" in text
    assert "0112" not in text  # the bank account is not on the child's sheet


@pytest.mark.parametrize("email", [None, CLAIRE, COMMUNE_AGENT_EMAIL, SECRETARY_EMAIL])
def test_thomas_report_card_is_nothing_to_others(
    portal_env: None, session: Session, email: str | None
) -> None:
    """Another family, the commune, and the primary school's secretary (Thomas is in secondary)."""
    response = _client(email).get(report_card_href(a_report_card(session, "Thomas").reference))
    assert response.status_code == 404
    assert response.content == b""


@pytest.mark.parametrize("email", [None, PARENT_EMAIL, ADMIN_EMAIL, BOISE_SECRETARY])
def test_jades_sheet_is_nothing_to_others(
    portal_env: None, session: Session, email: str | None
) -> None:
    response = _client(email).get(child_sheet_href(sheet_reference(session, "Jade")))
    assert response.status_code == 404
    assert response.content == b""


@pytest.mark.parametrize("email", [BOISE_SECRETARY, ADMIN_EMAIL])
def test_staff_of_the_school_read_the_report_card(
    portal_env: None, session: Session, email: str
) -> None:
    response = _client(email).get(report_card_href(a_report_card(session, "Thomas").reference))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_made_up_reference_is_nothing(portal_env: None) -> None:
    response = _client(PARENT_EMAIL).get(report_card_href("not-a-real-reference"))
    assert response.status_code == 404 and response.content == b""


def test_staff_get_the_sheet_without_health_data_and_the_view_is_logged_in_their_organisation(
    portal_env: None, session: Session
) -> None:
    """Health data reach staff only through the console's reason gate (issue 14, finding 5)."""
    jade = session.exec(select(Child).where(Child.first_name == "Jade")).one()
    response = _client(COMMUNE_AGENT_EMAIL).get(child_sheet_href(sheet_reference(session, "Jade")))
    assert response.status_code == 200
    text = _text(response.content)
    assert "Jade Martin" in text
    assert "Lactose" not in text
    assert "console" in text  # where to find them, with a reason
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.action == "child_sheet.viewed", AuditEntry.object_id == jade.id)
        .order_by(col(AuditEntry.id).desc())
    ).first()
    assert entry is not None and entry.organisation_id == jade.organisation_id
