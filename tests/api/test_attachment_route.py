"""An attachment is served to the thread's guardian and its school's staff, to nobody else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select
from starlette.testclient import TestClient

from portail_famille.api.attachments import attachment_url
from portail_famille.api.routes import create_api
from portail_famille.db import dispose_cached_engine
from portail_famille.models import Child, MessageAttachment, MessageThread, ThreadMessage
from portail_famille.services.attachments import store_file
from portail_famille.services.demo import DEMO_PASSWORD
from portail_famille.services.messaging import start_thread
from tests.unit.services.staff_fixtures import user_id

pytestmark = pytest.mark.db

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def attachment_key(
    portal_env: None, demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Marie's thread with Léa's school, holding one PDF; removed after the test."""
    monkeypatch.setenv("PORTAIL_DATA_DIR", str(tmp_path))
    dispose_cached_engine()
    with Session(demo_engine) as session:
        marie = user_id(session, "marie.tremblay@example.org")
        lea = session.exec(select(Child).where(Child.file_number == "1000001")).one()
        stored = store_file("bulletin.pdf", PDF)
        thread = start_thread(
            session,
            user_id=marie,
            child_id=lea.id or 0,
            recipient=0,
            subject="Bulletin",
            body="Voici le document.",
            files=[stored],
        )
        session.commit()
        thread_id = thread.id
    yield stored.storage_key
    with Session(demo_engine) as session:
        message_ids = select(ThreadMessage.id).where(ThreadMessage.thread_id == thread_id)
        session.exec(
            delete(MessageAttachment).where(col(MessageAttachment.message_id).in_(message_ids))
        )
        session.exec(delete(ThreadMessage).where(col(ThreadMessage.thread_id) == thread_id))
        session.exec(delete(MessageThread).where(col(MessageThread.id) == thread_id))
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


@pytest.mark.parametrize("email", ["marie.tremblay@example.org", "secretariat.erables@example.org"])
def test_the_participants_download_it(attachment_key: str, email: str) -> None:
    response = _client_for(email).get(attachment_url(attachment_key))
    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "bulletin.pdf" in response.headers["content-disposition"]


@pytest.mark.parametrize(
    "email",
    [
        None,
        "claire.martin@example.org",
        "jean.cote@example.org",
        "secretariat.boise@example.org",
        "enfance@saint-aubin.example.org",
    ],
)
def test_anyone_else_gets_nothing(attachment_key: str, email: str | None) -> None:
    response = _client_for(email).get(attachment_url(attachment_key))
    assert response.status_code == 404
    assert response.content == b""


def test_a_made_up_key_gets_nothing(attachment_key: str) -> None:
    client = _client_for("marie.tremblay@example.org")
    assert client.get(attachment_url("../../portail.db")).status_code == 404
    assert client.get(attachment_url(attachment_key[:-1] + "x")).status_code == 404
