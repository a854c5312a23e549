"""A child's record for staff: everything on one page, every opening audited, health data only
with a reason, and nothing at all for outsiders."""

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import AuditEntry, Child, ChildRecord, RequestCategory
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import SECRETARY_EMAIL
from portail_famille.services.requests import submit_request
from portail_famille.services.staff_child_record import (
    ReasonMissing,
    open_child_record,
    open_health_data,
    requests_for_child,
)
from tests.unit.services.records_admin_fixtures import OUTSIDERS, lea, user_id

pytestmark = pytest.mark.db


def _entries(session: Session, child: int, action: str) -> list[AuditEntry]:
    return list(
        session.exec(
            select(AuditEntry)
            .where(AuditEntry.child_id == child, AuditEntry.action == action)
            .order_by(col(AuditEntry.id))
        ).all()
    )


def test_the_secretary_opens_leas_record_and_it_is_audited(session: Session) -> None:
    secretary, child = user_id(session, SECRETARY_EMAIL), lea(session)
    before = len(_entries(session, child, "child.record_viewed"))
    found = open_child_record(session, user_id=secretary, child_id=child)
    assert found.sheet.full_name == "Léa Gagnon" and found.permanent_code == "GAGL14531701"
    assert {g.family for g in found.guardians} == {"Famille Tremblay", "Famille Gagnon"}
    assert all(g.shared_custody for g in found.guardians)
    assert [e.school_year for e in found.enrolments] == ["2026-2027", "2025-2026"]
    assert any(d.kind == "child_sheet" for d in found.documents)
    assert any(d.kind == "report_card" for d in found.documents)
    # Seed 000: the last statement deposited for the child is among her documents.
    statements = [d for d in found.documents if d.kind == "statement"]
    assert statements and all(
        d.title_key.startswith("records_admin.doc.statement.") for d in statements
    )
    assert requests_for_child(session, child=session.get_one(Child, child)) == []
    entries = _entries(session, child, "child.record_viewed")
    assert len(entries) == before + 1
    assert entries[-1].actor_user_id == secretary and entries[-1].organisation_id is not None
    assert found.history[0].action == "child.record_viewed"  # the opening itself is history


def test_health_data_needs_a_reason_that_is_logged(session: Session) -> None:
    secretary, child = user_id(session, SECRETARY_EMAIL), lea(session)
    with pytest.raises(ReasonMissing):
        open_health_data(session, user_id=secretary, child_id=child, reason="  ok ")
    assert _entries(session, child, "child.health_viewed") == []
    record = session.exec(select(ChildRecord).where(ChildRecord.child_id == child)).one()
    health = open_health_data(
        session, user_id=secretary, child_id=child, reason="Sortie au musée jeudi"
    )
    assert health.allergies == (record.allergies or "")
    [entry] = _entries(session, child, "child.health_viewed")
    assert entry.detail == {"reason": "Sortie au musée jeudi"}


@pytest.mark.parametrize("email", OUTSIDERS)
def test_outsiders_get_nothing_and_leave_no_trace(session: Session, email: str) -> None:
    outsider, child = user_id(session, email), lea(session)
    with pytest.raises(Forbidden):
        open_child_record(session, user_id=outsider, child_id=child)
    with pytest.raises(Forbidden):
        open_health_data(session, user_id=outsider, child_id=child, reason="Curiosité pure")
    assert not session.exec(
        select(AuditEntry).where(AuditEntry.actor_user_id == outsider, AuditEntry.child_id == child)
    ).first()


def test_no_one_and_no_child_get_nothing(session: Session) -> None:
    with pytest.raises(Forbidden):
        open_child_record(session, user_id=None, child_id=lea(session))
    with pytest.raises(Forbidden):
        open_child_record(session, user_id=user_id(session, SECRETARY_EMAIL), child_id=10**9)


def test_the_childs_requests_are_listed_newest_first(session: Session) -> None:
    felix = session.exec(select(Child).where(Child.first_name == "Félix")).one()
    jean = user_id(session, "jean.cote@example.org")
    submit_request(
        session,
        user_id=jean,
        category=RequestCategory.HEALTH,
        child_id=felix.id,
        values={"allergies": "Arachides", "medication": "", "doctor_name": "", "doctor_phone": ""},
    )
    found = open_child_record(session, user_id=user_id(session, SECRETARY_EMAIL), child_id=felix.id)
    assert [(r.category, r.status) for r in found.requests][:1] == [("health", "pending")]
