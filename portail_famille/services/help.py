"""Help without an account: the schools' contacts, the contact form, and staff's inbox of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, or_, select

from portail_famille.domain.codes import normalise_email
from portail_famille.domain.contact import is_plausible_email, is_plausible_phone
from portail_famille.models import ContactMessage, Organisation, School
from portail_famille.models.base import utcnow
from portail_famille.services import audit, throttle
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.mail import send_message
from portail_famille.services.paging import Page, count_of
from portail_famille.services.submissions import submit_once

# Field name -> the most characters ContactMessage keeps of it.
CONTACT_FIELDS: dict[str, int] = {
    "name": 200,
    "email": 254,
    "phone": 32,
    "child_name": 200,
    "subject": 200,
    "message": 5000,
}
THROTTLE_KIND = "contact_form"
# The school's own language: the portal's organisations write French first.
NOTIFICATION_LANGUAGE = "fr"


@dataclass(frozen=True)
class SchoolContact:
    school_id: int
    organisation: str
    name: str
    address: str
    phone: str
    email: str


def school_directory(session: Session) -> list[SchoolContact]:
    """Every school with its contacts, by organisation then name (public information)."""
    rows = session.exec(
        select(School, Organisation)
        .join(Organisation, col(Organisation.id) == School.organisation_id)
        .order_by(col(Organisation.name), col(School.name))
    ).all()
    return [
        SchoolContact(
            school_id=school.id or 0,
            organisation=organisation.name,
            name=school.name,
            address=school.address or "",
            phone=school.phone or "",
            email=school.email or "",
        )
        for school, organisation in rows
    ]


def organisation_directory(session: Session) -> list[SchoolContact]:
    """Each organisation's own contacts as its administrators set them (public information)."""
    return [
        SchoolContact(
            school_id=0,
            organisation=organisation.name,
            name=organisation.name,
            address=organisation.address or "",
            phone=organisation.phone or "",
            email=organisation.email or "",
        )
        for organisation in session.exec(select(Organisation).order_by(col(Organisation.name)))
        if organisation.address or organisation.phone or organisation.email
    ]


def contact_form_problems(fields: dict[str, str], school_chosen: bool) -> dict[str, str]:
    """Field name -> catalogue key of what is wrong with it (empty when the form is fine)."""
    problems: dict[str, str] = {}
    if not school_chosen:
        problems["school"] = "help.error.school"
    for name, limit in CONTACT_FIELDS.items():
        value = fields.get(name, "").strip()
        if not value:
            problems[name] = "help.error.required"
        elif len(value) > limit:
            problems[name] = "help.error.too_long"
    if "email" not in problems and not is_plausible_email(fields["email"].strip()):
        problems["email"] = "help.error.email"
    if "phone" not in problems and not is_plausible_phone(fields["phone"].strip()):
        problems["phone"] = "help.error.phone"
    return problems


def contact_wait_seconds(session: Session, client_key: str) -> int:
    """How long this client must wait before sending another message (0: go ahead)."""
    return throttle.wait_seconds(session, THROTTLE_KIND, client_key)


def send_contact_message(
    session: Session,
    *,
    school_id: int,
    fields: dict[str, str],
    client_key: str,
    token: str = "",
) -> ContactMessage:
    """Files a checked message in the school's inbox and tells the school by e-mail; the same
    form sent twice (`token`) files one message and sends one e-mail."""
    return submit_once(
        session,
        user_id=None,
        token=token,
        action="contact_message.sent",
        model=ContactMessage,
        create=lambda: _send_contact_message(session, school_id, fields, client_key),
    )


def _send_contact_message(
    session: Session, school_id: int, fields: dict[str, str], client_key: str
) -> ContactMessage:
    if contact_form_problems(fields, True):
        raise ValueError("the contact form has problems; check contact_form_problems first")
    school = session.get(School, school_id)
    if school is None or school.id is None:
        raise Forbidden
    # Every message counts towards the flood limit, not only refused ones.
    throttle.record_failure(session, THROTTLE_KIND, client_key)
    message = ContactMessage(
        organisation_id=school.organisation_id,
        school_id=school.id,
        sender_name=fields["name"].strip(),
        sender_email=normalise_email(fields["email"]),
        sender_phone=fields["phone"].strip(),
        child_name=fields["child_name"].strip(),
        subject=fields["subject"].strip(),
        body=fields["message"].strip(),
    )
    session.add(message)
    session.flush()
    if school.email:
        send_message(
            session,
            recipient=school.email,
            template="contact_message",
            language=NOTIFICATION_LANGUAGE,
            organisation_id=school.organisation_id,
            school=school.name,
        )
    return message


@dataclass(frozen=True)
class InboxMessage:
    message_id: int
    school: str
    sender_name: str
    sender_email: str
    sender_phone: str
    child_name: str
    subject: str
    body: str
    created_at: datetime
    timezone: str  # the organisation's, to show the time as the school lives it
    country: str
    handled: bool


def contact_messages_for_staff(session: Session, user_id: int) -> list[InboxMessage]:
    """The contact messages of the schools in the staff member's scope, newest first."""
    return contact_messages_page(session, user_id).rows


def contact_messages_page(session: Session, user_id: int, limit: int = 200) -> Page[InboxMessage]:
    """The newest `limit` contact messages in the staff member's scope, and how many in all."""
    scope = staff_scope(session, user_id)
    allowed: list[ColumnElement[bool]] = []
    for organisation_id, schools in scope.schools_by_organisation.items():
        if schools is None:
            allowed.append(col(ContactMessage.organisation_id) == organisation_id)
        else:
            allowed.append(col(ContactMessage.school_id).in_(schools))
    statement = (
        select(ContactMessage, School, Organisation)
        .join(School, col(School.id) == ContactMessage.school_id)
        .join(Organisation, col(Organisation.id) == ContactMessage.organisation_id)
        .where(or_(*allowed))
    )
    rows = session.exec(
        statement.order_by(
            col(ContactMessage.created_at).desc(), col(ContactMessage.id).desc()
        ).limit(limit)
    ).all()
    total = len(rows) if len(rows) < limit else count_of(session, statement)
    shown = [
        InboxMessage(
            message_id=message.id or 0,
            school=school.name,
            sender_name=message.sender_name,
            sender_email=message.sender_email,
            sender_phone=message.sender_phone,
            child_name=message.child_name,
            subject=message.subject,
            body=message.body,
            created_at=message.created_at,
            timezone=organisation.timezone,
            country=organisation.country,
            handled=message.handled_at is not None,
        )
        for message, school, organisation in rows
    ]
    return Page(shown, total)


def mark_contact_message_handled(session: Session, user_id: int, message_id: int) -> None:
    """Marks a message handled, if its school is in the staff member's scope."""
    scope = staff_scope(session, user_id)
    message = session.get(ContactMessage, message_id)
    if message is None or not scope.allows_school(message.organisation_id, message.school_id):
        raise Forbidden
    if message.handled_at is None:
        message.handled_at = utcnow()
        message.handled_by_user_id = user_id
        session.add(message)
        audit.record(
            session,
            action="contact_message.handled",
            actor_user_id=user_id,
            organisation_id=message.organisation_id,
            object_type="contact_message",
            object_id=message.id,
        )
