"""The help form: every field checked, the message filed for its school, seen only in scope."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import AuditEntry, ContactMessage, OutboxMail, School
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.help import (
    contact_form_problems,
    contact_messages_for_staff,
    contact_wait_seconds,
    mark_contact_message_handled,
    school_directory,
    send_contact_message,
)
from tests.unit.services.staff_fixtures import school_id, user_id

pytestmark = pytest.mark.db

GOOD = {
    "name": "Sophie Lavoie",
    "email": "Sophie.Lavoie@example.org",
    "phone": "819 555-0199",
    "child_name": "Éloi Lavoie",
    "subject": "Adresse courriel refusée",
    "message": "Bonjour, le portail refuse mon adresse. Merci !",
}


def test_a_complete_form_has_no_problem() -> None:
    assert contact_form_problems(GOOD, True) == {}


def test_every_field_is_required() -> None:
    problems = contact_form_problems(dict.fromkeys(GOOD, "  "), False)
    assert problems == {
        "school": "help.error.school",
        **dict.fromkeys(GOOD, "help.error.required"),
    }


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("email", "sophie.example.org", "help.error.email"),
        ("email", "sophie@localhost", "help.error.email"),
        ("phone", "appelez-moi", "help.error.phone"),
        ("phone", "12345", "help.error.phone"),
        ("name", "x" * 201, "help.error.too_long"),
        ("message", "x" * 5001, "help.error.too_long"),
    ],
)
def test_each_field_is_checked(field: str, value: str, problem: str) -> None:
    assert contact_form_problems({**GOOD, field: value}, True) == {field: problem}


def test_the_message_reaches_its_schools_inbox_and_mailbox(session: Session) -> None:
    erables = school_id(session, "001")
    message = send_contact_message(session, school_id=erables, fields=GOOD, client_key="10.0.0.1")
    assert message.sender_email == "sophie.lavoie@example.org"
    school = session.get(School, erables)
    assert school is not None and message.organisation_id == school.organisation_id
    mail = session.exec(
        select(OutboxMail).where(OutboxMail.recipient == "erables@mille-lacs.example.org")
    ).one()
    assert "/console/messages-recus" in mail.body and GOOD["message"] not in mail.body


def _subjects(session: Session, email: str) -> set[str]:
    return {m.subject for m in contact_messages_for_staff(session, user_id(session, email))}


def test_messages_are_seen_only_by_staff_of_that_school_or_organisation(session: Session) -> None:
    send_contact_message(session, school_id=school_id(session, "001"), fields=GOOD, client_key="a")
    commune = {**GOOD, "subject": "Cantine de Jules-Ferry"}
    send_contact_message(
        session, school_id=school_id(session, "E01"), fields=commune, client_key="a"
    )
    assert _subjects(session, SECRETARY_EMAIL) == {GOOD["subject"]}
    assert _subjects(session, ADMIN_EMAIL) == {GOOD["subject"]}
    assert _subjects(session, "secretariat.boise@example.org") == set()
    assert _subjects(session, COMMUNE_AGENT_EMAIL) == {commune["subject"]}
    with pytest.raises(Forbidden):
        contact_messages_for_staff(session, user_id(session, PARENT_EMAIL))


def test_only_staff_in_scope_mark_a_message_handled(session: Session) -> None:
    message = send_contact_message(
        session, school_id=school_id(session, "001"), fields=GOOD, client_key="b"
    )
    assert message.id is not None
    for outsider in ("secretariat.boise@example.org", COMMUNE_AGENT_EMAIL, PARENT_EMAIL):
        with pytest.raises(Forbidden):
            mark_contact_message_handled(session, user_id(session, outsider), message.id)
    assert message.handled_at is None
    mark_contact_message_handled(session, user_id(session, SECRETARY_EMAIL), message.id)
    assert message.handled_at is not None
    assert session.exec(
        select(AuditEntry).where(AuditEntry.action == "contact_message.handled")
    ).first()


def test_a_flood_from_one_address_is_slowed_down(session: Session) -> None:
    school = school_id(session, "M01")  # no e-mail: nothing is mailed
    mails_before = len(session.exec(select(OutboxMail)).all())
    for _ in range(5):
        assert contact_wait_seconds(session, "10.9.9.9") == 0
        send_contact_message(session, school_id=school, fields=GOOD, client_key="10.9.9.9")
    assert contact_wait_seconds(session, "10.9.9.9") > 0
    assert contact_wait_seconds(session, "10.8.8.8") == 0
    assert len(session.exec(select(OutboxMail)).all()) == mails_before
    assert len(session.exec(select(ContactMessage)).all()) >= 5


def test_an_unknown_school_is_refused(session: Session) -> None:
    with pytest.raises(Forbidden):
        send_contact_message(session, school_id=10**9, fields=GOOD, client_key="c")


def test_the_directory_gives_every_schools_contacts(session: Session) -> None:
    schools = {row.name: row for row in school_directory(session)}
    assert len(schools) == 4
    assert schools["École primaire des Érables"].phone == "+1 819 555-0111"
    assert schools["École élémentaire Jules-Ferry"].email == ""
