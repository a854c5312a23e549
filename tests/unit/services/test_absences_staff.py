"""The school's side: the day's list per school, recording (with mail), marking justified."""

from datetime import date

import pytest
from sqlmodel import Session, select

from portail_famille.models import Absence, AbsenceKind, AbsenceSource
from portail_famille.services.absences_staff import (
    day_absences,
    mark_justified,
    pupils_for_staff,
    record_absence,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL, PARENT_EMAIL, SECRETARY_EMAIL
from portail_famille.services.messaging import guardian_threads, unread_count
from tests.smtp import Mailbox
from tests.unit.services.agenda_fixtures import child_id, user_id

pytestmark = pytest.mark.db
DAY = date(2026, 11, 24)


def test_the_erables_secretary_sees_and_records_for_her_school_only(session: Session) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    names = " ".join(p.label for p in pupils_for_staff(session, secretary))
    assert "Léa Gagnon" in names and "Thomas" not in names and "Jade" not in names
    with pytest.raises(Forbidden):
        record_absence(
            session, secretary, child_id(session, "Thomas"), DAY, AbsenceKind.FULL_DAY, None
        )
    with pytest.raises(Forbidden):
        record_absence(
            session, secretary, child_id(session, "Jade"), DAY, AbsenceKind.FULL_DAY, None
        )
    with pytest.raises(Forbidden):
        day_absences(session, user_id(session, PARENT_EMAIL), DAY)


def test_recording_mails_the_guardians_and_lists_declared_first(
    session: Session, mailbox: Mailbox
) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    lea, emile = child_id(session, "Léa"), child_id(session, "Émile")
    record_absence(session, secretary, emile, DAY, AbsenceKind.FULL_DAY, None)
    record_absence(session, secretary, lea, DAY, AbsenceKind.LATE_ARRIVAL, None)
    assert "Léa" in mailbox.text_of_last_to(PARENT_EMAIL)
    assert mailbox.last_to("luc.gagnon@example.org") is not None
    session.add(
        Absence(
            organisation_id=1,
            school_id=1,
            child_id=lea,
            starts_on=DAY,
            ends_on=DAY,
            kind=AbsenceKind.FULL_DAY,
            source=AbsenceSource.FAMILY,
            justified=True,
        )
    )
    session.flush()
    rows = day_absences(session, secretary, DAY)
    assert rows[0].source == "family"
    assert {r.child_name for r in rows} == {"Léa Gagnon", "Émile Roy"}


def test_marking_justified_stays_inside_the_staff_members_schools(session: Session) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    jade_absence = session.exec(
        select(Absence).where(Absence.child_id == child_id(session, "Jade"))
    ).first()
    thomas_absence = session.exec(
        select(Absence).where(
            Absence.child_id == child_id(session, "Thomas"),
            Absence.justified == False,  # noqa: E712
        )
    ).first()
    assert jade_absence and thomas_absence
    for other in (jade_absence, thomas_absence):
        with pytest.raises(Forbidden):
            mark_justified(session, secretary, other.id or 0)
        assert not other.justified
    agent = user_id(session, COMMUNE_AGENT_EMAIL)
    assert mark_justified(session, agent, jade_absence.id or 0).justified


def test_recording_also_leaves_a_message_in_the_familys_portal_inbox(
    session: Session, mailbox: Mailbox
) -> None:
    secretary = user_id(session, SECRETARY_EMAIL)
    marie = user_id(session, PARENT_EMAIL)
    claire = user_id(session, "claire.martin@example.org")
    before, before_claire = unread_count(session, marie), unread_count(session, claire)
    record_absence(session, secretary, child_id(session, "Léa"), DAY, AbsenceKind.FULL_DAY, None)
    assert unread_count(session, marie) == before + 1
    assert unread_count(session, claire) == before_claire  # another family hears nothing
    newest = guardian_threads(session, marie)[0]
    assert "Léa" in newest.subject
