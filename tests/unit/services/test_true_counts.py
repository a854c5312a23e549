"""Every count is the true total, the list may page: "63 demandes en attente" with 63 pending,
not "50"; "60 enfants trouvés", not the page's 50 (issue 13, item 5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, func, select

from portail_famille.models import (
    AuditEntry,
    Child,
    ContactMessage,
    Enrolment,
    Family,
    School,
    SchoolYear,
)
from portail_famille.models.requests import ChangeRequest, RequestStatus
from portail_famille.services import audit
from portail_famille.services.access import staff_scope
from portail_famille.services.audit_log import LogFilters, search_log
from portail_famille.services.families import families_page
from portail_famille.services.help import contact_messages_page
from portail_famille.services.records_search import search_children_page
from portail_famille.services.request_decisions import QueueFilters
from portail_famille.state.request_console import PAGE_SIZE, load_console
from tests.unit.services.records_admin_fixtures import lea
from tests.unit.services.request_fixtures import ADMIN_EMAIL, SECRETARY_EMAIL, user_id
from tests.unit.services.test_audit_kinds import more_pending_requests

pytestmark = pytest.mark.db


def _leas_enrolment(session: Session) -> Enrolment:
    return session.exec(
        select(Enrolment)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(Enrolment.child_id == lea(session), col(SchoolYear.is_current).is_(True))
    ).one()


def test_the_request_console_counts_every_pending_request_beyond_its_page(
    session: Session,
) -> None:
    more_pending_requests(session, PAGE_SIZE + 13)
    session.flush()
    secretary = user_id(session, SECRETARY_EMAIL)
    school_id = _leas_enrolment(session).school_id
    pending = session.exec(
        select(func.count())
        .select_from(ChangeRequest)
        .where(ChangeRequest.status == RequestStatus.PENDING, ChangeRequest.school_id == school_id)
    ).one()
    loaded = load_console(session, secretary, QueueFilters())
    assert len(loaded.rows) == PAGE_SIZE
    assert loaded.total == pending >= PAGE_SIZE + 13


def test_the_record_search_counts_every_child_found_within_reach(session: Session) -> None:
    erables = _leas_enrolment(session)
    child = session.get(Child, erables.child_id)
    assert child is not None
    boise = session.exec(
        select(School).where(
            School.organisation_id == child.organisation_id, School.id != erables.school_id
        )
    ).first()
    assert boise is not None and boise.id is not None
    for n in range(60):
        pupil = Child(
            organisation_id=child.organisation_id,
            first_name="Zéphyrin",
            last_name=f"Comptage{n:02}",
            birth_date=date(2018, 1, 1) + timedelta(days=n),
            file_number=f"98{n:05}",
        )
        session.add(pupil)
        session.flush()
        assert pupil.id is not None
        session.add(
            Enrolment(
                child_id=pupil.id,
                school_id=erables.school_id if n < 55 else boise.id,
                school_year_id=erables.school_year_id,
                grade="2",
            )
        )
    session.flush()
    everyone = search_children_page(
        session, user_id=user_id(session, ADMIN_EMAIL), query="comptage"
    )
    assert (len(everyone.rows), everyone.total) == (50, 60)
    her_school = search_children_page(
        session, user_id=user_id(session, SECRETARY_EMAIL), query="comptage"
    )
    assert (len(her_school.rows), her_school.total) == (50, 55)  # not the Boisé's five
    few = search_children_page(
        session, user_id=user_id(session, ADMIN_EMAIL), query="comptage", limit=100
    )
    assert (len(few.rows), few.total) == (60, 60)


def test_the_family_search_counts_every_family(session: Session) -> None:
    organisation_id = session.get(Child, lea(session)).organisation_id  # type: ignore[union-attr]
    for n in range(205):
        session.add(Family(organisation_id=organisation_id, name=f"Famille Dénombrement {n:03}"))
    session.flush()
    admin = user_id(session, ADMIN_EMAIL)
    found = families_page(session, staff_scope(session, admin), "Dénombrement")
    assert (len(found.rows), found.total) == (200, 205)


def test_the_audit_log_counts_every_entry_matching_the_filters(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    for _ in range(230):
        audit.record(
            session,
            action="child.record_viewed",
            actor_user_id=admin,
            object_type="child",
            object_id=lea(session),
        )
    session.flush()
    filters = LogFilters(action="child.record_viewed")
    page = search_log(session, user_id=admin, filters=filters, limit=200)
    matching = session.exec(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "child.record_viewed")
    ).one()
    assert len(page.rows) == 200 and page.total == matching >= 230


def test_the_inbox_counts_every_message(session: Session) -> None:
    school_id = _leas_enrolment(session).school_id
    school = session.get(School, school_id)
    assert school is not None
    for n in range(210):
        session.add(
            ContactMessage(
                organisation_id=school.organisation_id,
                school_id=school_id,
                sender_name=f"Parent {n}",
                sender_email="parent@example.org",
                sender_phone="",
                child_name="",
                subject="Question",
                body="Bonjour",
            )
        )
    session.flush()
    found = contact_messages_page(session, user_id(session, SECRETARY_EMAIL))
    in_school = session.exec(
        select(func.count())
        .select_from(ContactMessage)
        .where(ContactMessage.school_id == school_id)
    ).one()
    assert len(found.rows) == 200 and found.total == in_school >= 210
