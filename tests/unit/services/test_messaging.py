"""Threads: a guardian writes to a child's school, staff of that school answer, nobody else sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from portail_famille.db import dispose_cached_engine
from portail_famille.domain.attachments import AttachmentRefused
from portail_famille.models import Child, MessageAttachment, MessageThread, OutboxMail
from portail_famille.services.access import Forbidden
from portail_famille.services.attachments import store_file
from portail_famille.services.messaging import (
    guardian_threads,
    open_thread,
    recipients_for_child,
    reply,
    staff_threads,
    start_thread,
    unread_count,
)
from portail_famille.services.thread_access import attachment_for_user
from tests.unit.services.staff_fixtures import user_id

pytestmark = pytest.mark.db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PORTAIL_DATA_DIR", str(tmp_path))
    dispose_cached_engine()  # forgets the cached settings too
    yield tmp_path / "attachments"
    dispose_cached_engine()


def _child(session: Session, file_number: str) -> int:
    child = session.exec(select(Child).where(Child.file_number == file_number)).one()
    assert child.id is not None
    return child.id


LEA, THOMAS, JADE = "1000001", "1000002", "2000001"


def test_marie_writes_to_leas_school_with_a_pdf_and_the_secretary_answers(
    session: Session, data_dir: Path
) -> None:
    marie = user_id(session, "marie.tremblay@example.org")
    erables = user_id(session, "secretariat.erables@example.org")
    lea = _child(session, LEA)
    assert [r.label for r in recipients_for_child(session, marie, lea)] == [
        "École primaire des Érables",
        "Centre de services scolaire des Mille-Lacs",
    ]
    before = unread_count(session, marie)
    stored = store_file("billet médical.pdf", PDF)
    thread = start_thread(
        session,
        user_id=marie,
        child_id=lea,
        recipient=0,
        subject="Absence de Léa",
        body="Léa sera absente lundi.",
        files=[stored],
    )
    assert thread.id is not None
    staff_rows = staff_threads(session, erables)
    assert staff_rows[0].subject == "Absence de Léa" and staff_rows[0].unread == 1
    _thread, messages = open_thread(session, erables, thread.id, as_staff=True)
    assert messages[0].attachments[0].filename == "billet médical.pdf"
    assert staff_threads(session, erables)[0].unread == 0
    reply(session, user_id=erables, thread_id=thread.id, as_staff=True, body="Bien reçu, merci.")
    assert unread_count(session, marie) == before + 1
    mail = session.exec(select(OutboxMail).order_by(col(OutboxMail.id).desc())).first()
    assert mail is not None and mail.recipient == "marie.tremblay@example.org"
    assert "Absence de Léa" in mail.subject
    open_thread(session, marie, thread.id, as_staff=False)
    assert unread_count(session, marie) == before
    key = stored.storage_key
    assert attachment_for_user(session, erables, key).filename == "billet médical.pdf"
    assert attachment_for_user(session, marie, key).content_type == "application/pdf"


def test_nobody_else_reaches_the_thread_or_its_attachment(session: Session, data_dir: Path) -> None:
    marie = user_id(session, "marie.tremblay@example.org")
    stored = store_file("note.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    thread = start_thread(
        session,
        user_id=marie,
        child_id=_child(session, LEA),
        recipient=0,
        subject="Sortie",
        body="Question",
        files=[stored],
    )
    assert thread.id is not None
    outsiders = [
        ("claire.martin@example.org", False),
        ("jean.cote@example.org", False),  # same school, another family
        ("secretariat.boise@example.org", True),  # same organisation, another school
        ("enfance@saint-aubin.example.org", True),
    ]
    for email, as_staff in outsiders:
        other = user_id(session, email)
        with pytest.raises(Forbidden):
            open_thread(session, other, thread.id, as_staff=as_staff)
        with pytest.raises(Forbidden):
            reply(session, user_id=other, thread_id=thread.id, as_staff=as_staff, body="x")
        with pytest.raises(Forbidden):
            attachment_for_user(session, other, stored.storage_key)
        listed = staff_threads(session, other) if as_staff else guardian_threads(session, other)
        assert thread.id not in [row.thread_id for row in listed]
    # The centre's administrator reaches every school of the centre.
    admin = user_id(session, "admin@mille-lacs.example.org")
    assert open_thread(session, admin, thread.id, as_staff=True)[0].id == thread.id


def test_a_guardian_cannot_write_about_another_familys_child(session: Session) -> None:
    claire = user_id(session, "claire.martin@example.org")
    with pytest.raises(Forbidden):
        recipients_for_child(session, claire, _child(session, LEA))
    with pytest.raises(Forbidden):
        start_thread(
            session,
            user_id=claire,
            child_id=_child(session, LEA),
            recipient=0,
            subject="x",
            body="y",
        )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("devoir.pdf", b"ceci est du texte, pas un PDF", "messages.attachment_type"),
        ("photo.png", b"GIF89a" + b"0" * 20, "messages.attachment_type"),
        ("gros.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "messages.attachment_too_large"),
        ("vide.pdf", b"", "messages.attachment_empty"),
    ],
)
def test_a_file_that_is_not_what_it_claims_or_too_large_is_refused_and_nothing_stored(
    session: Session, data_dir: Path, name: str, data: bytes, reason: str
) -> None:
    rows_before = len(session.exec(select(MessageAttachment)).all())
    with pytest.raises(AttachmentRefused) as refused:
        store_file(name, data)
    assert refused.value.key == reason
    assert not data_dir.exists() or list(data_dir.iterdir()) == []
    assert len(session.exec(select(MessageAttachment)).all()) == rows_before


def test_the_demo_gives_marie_an_unread_message_from_thomass_school(session: Session) -> None:
    marie = user_id(session, "marie.tremblay@example.org")
    rows = guardian_threads(session, marie)
    assert [(r.counterpart, r.unread) for r in rows] == [("École secondaire du Boisé", 1)]
    boise = user_id(session, "secretariat.boise@example.org")
    assert session.exec(select(MessageThread)).all()
    assert [r.counterpart for r in staff_threads(session, boise)] == ["Marie Tremblay"]
