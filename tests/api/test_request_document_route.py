"""A request's supporting document: served to the household's guardians and the organisation's
staff of the child's school, to nobody else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select
from starlette.testclient import TestClient

from portail_famille.api.request_documents import child_photo_url, request_document_url
from portail_famille.api.routes import create_api
from portail_famille.models import AuditEntry, ChildRecord
from portail_famille.models.requests import ChangeRequest, RequestDocument, RequestField
from portail_famille.services.demo import DEMO_PASSWORD
from portail_famille.services.requests import submit_request
from tests.unit.services.request_fixtures import (
    BOISE_SECRETARY_EMAIL,
    CLAIRE_EMAIL,
    COMMUNE_AGENT_EMAIL,
    JEAN_EMAIL,
    SECRETARY_EMAIL,
    child_named,
    user_id,
)

pytestmark = pytest.mark.db

PDF = b"%PDF-1.7\n1 0 obj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0 a re-encoded photo"


@pytest.fixture
def document_reference(portal_env: None, demo_engine: Engine) -> Iterator[str]:
    """Jean's health request for Félix (les Érables) with a medical certificate."""
    with Session(demo_engine) as session:
        request = submit_request(
            session,
            user_id=user_id(session, JEAN_EMAIL),
            category="health",
            child_id=child_named(session, "Félix").id,
            values={"allergies": "Pollen (route test)"},
            documents=[("certificat médical.pdf", PDF)],
        )
        session.commit()
        request_id = request.id
        reference = session.exec(
            select(RequestDocument.reference).where(RequestDocument.request_id == request_id)
        ).one()
    yield reference
    with Session(demo_engine) as session:
        session.exec(delete(RequestDocument).where(col(RequestDocument.request_id) == request_id))
        session.exec(delete(RequestField).where(col(RequestField.request_id) == request_id))
        session.exec(delete(AuditEntry).where(col(AuditEntry.object_type) == "request"))
        session.exec(delete(ChangeRequest).where(col(ChangeRequest.id) == request_id))
        session.commit()


def _client_for(email: str | None) -> TestClient:
    client = TestClient(create_api(), base_url="http://testserver", follow_redirects=False)
    if email is not None:
        response = client.post(
            "/api/auth/signin",
            data={"email": email, "password": DEMO_PASSWORD},
            headers={"origin": "http://testserver"},
        )
        assert response.status_code == 303
    return client


@pytest.mark.parametrize("email", [JEAN_EMAIL, SECRETARY_EMAIL])
def test_the_guardian_and_the_school_s_staff_get_the_document(
    document_reference: str, email: str
) -> None:
    response = _client_for(email).get(request_document_url(document_reference))
    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "certificat" in response.headers["content-disposition"]


@pytest.mark.parametrize("email", [None, CLAIRE_EMAIL, COMMUNE_AGENT_EMAIL, BOISE_SECRETARY_EMAIL])
def test_anyone_else_gets_not_found(document_reference: str, email: str | None) -> None:
    response = _client_for(email).get(request_document_url(document_reference))
    assert response.status_code == 404
    assert response.content != PDF


def test_an_unknown_reference_is_not_found(portal_env: None) -> None:
    response = _client_for(JEAN_EMAIL).get(request_document_url("nope"))
    assert response.status_code == 404


@pytest.fixture
def felix_photo(portal_env: None, demo_engine: Engine) -> Iterator[str]:
    """Félix's record holding a photo (as an approved photo request leaves it)."""
    with Session(demo_engine) as session:
        felix = child_named(session, "Félix")
        record = session.exec(select(ChildRecord).where(ChildRecord.child_id == felix.id)).one()
        record.photo_jpeg = JPEG
        session.add(record)
        session.commit()
        reference = record.reference
    yield reference
    with Session(demo_engine) as session:
        record = session.exec(select(ChildRecord).where(ChildRecord.reference == reference)).one()
        record.photo_jpeg = None
        session.add(record)
        session.commit()


@pytest.mark.parametrize("email", [JEAN_EMAIL, SECRETARY_EMAIL])
def test_the_child_s_photo_for_its_guardian_and_school(felix_photo: str, email: str) -> None:
    response = _client_for(email).get(child_photo_url(felix_photo))
    assert response.status_code == 200
    assert response.content == JPEG and response.headers["content-type"] == "image/jpeg"


@pytest.mark.parametrize("email", [None, CLAIRE_EMAIL, COMMUNE_AGENT_EMAIL, BOISE_SECRETARY_EMAIL])
def test_the_child_s_photo_for_nobody_else(felix_photo: str, email: str | None) -> None:
    response = _client_for(email).get(child_photo_url(felix_photo))
    assert response.status_code == 404
