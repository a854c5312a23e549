"""Broadcasts reach the families of the chosen school, group or activity, and no others."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import MessageThread, OutboxMail, UserAccount
from portail_famille.services.access import Forbidden
from portail_famille.services.broadcast import broadcast, broadcast_targets
from portail_famille.services.messaging import guardian_threads
from tests.unit.services.staff_fixtures import user_id

pytestmark = pytest.mark.db


def _recipients(session: Session, since: int) -> set[str]:
    threads = session.exec(select(MessageThread).where(col(MessageThread.id) > since)).all()
    return {session.get(UserAccount, t.guardian_user_id).email for t in threads}  # type: ignore[union-attr]


def _last_thread_id(session: Session) -> int:
    return max([t.id or 0 for t in session.exec(select(MessageThread)).all()] or [0])


def test_the_erables_secretary_writes_to_her_school_only(session: Session) -> None:
    secretary = user_id(session, "secretariat.erables@example.org")
    labels = [t.label for t in broadcast_targets(session, secretary)]
    assert "École primaire des Érables" in labels
    assert "École secondaire du Boisé" not in labels
    assert not [label for label in labels if "Jules-Ferry" in label]
    since = _last_thread_id(session)
    reached = broadcast(
        session,
        user_id=secretary,
        target=labels.index("École primaire des Érables"),
        subject="Photo scolaire",
        body="La photo aura lieu mardi.",
    )
    # Léa (Marie) and Félix (Jean) have accounts; Émile's and Alice's guardians do not.
    assert _recipients(session, since) == {"marie.tremblay@example.org", "jean.cote@example.org"}
    assert reached == 2
    mails = session.exec(select(OutboxMail).where(OutboxMail.subject.contains("Photo"))).all()  # type: ignore[attr-defined]
    assert {m.recipient for m in mails} == {"marie.tremblay@example.org", "jean.cote@example.org"}


def test_a_group_reaches_only_its_pupils_families(session: Session) -> None:
    secretary = user_id(session, "secretariat.erables@example.org")
    labels = [t.label for t in broadcast_targets(session, secretary)]
    since = _last_thread_id(session)
    broadcast(
        session,
        user_id=secretary,
        target=labels.index("École primaire des Érables · 401"),
        subject="Sortie de la classe 401",
        body="Sortie au verger vendredi.",
    )
    assert _recipients(session, since) == {"marie.tremblay@example.org"}
    marie = user_id(session, "marie.tremblay@example.org")
    assert "Sortie de la classe 401" in [r.subject for r in guardian_threads(session, marie)]


def test_a_commune_activity_reaches_the_commune_families_only(session: Session) -> None:
    agent = user_id(session, "enfance@saint-aubin.example.org")
    targets = broadcast_targets(session, agent)
    position = [t.label for t in targets].index("Restauration scolaire")
    assert targets[position].kind == "activity"
    since = _last_thread_id(session)
    assert broadcast(session, user_id=agent, target=position, subject="Menus", body="Voir.") == 1
    assert _recipients(session, since) == {"claire.martin@example.org"}


def test_a_parent_cannot_broadcast(session: Session) -> None:
    with pytest.raises(Forbidden):
        broadcast(
            session,
            user_id=user_id(session, "marie.tremblay@example.org"),
            target=0,
            subject="x",
            body="y",
        )
