"""Threads between families and their school or service: list, write, reply, read."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, func, select

from portail_famille.models import (
    Child,
    Enrolment,
    Guardian,
    GuardianChildLink,
    MessageAttachment,
    MessageThread,
    Organisation,
    School,
    SchoolYear,
    ThreadMessage,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import child_for_guardian, staff_scope
from portail_famille.services.attachments import StoredFile
from portail_famille.services.mail import send_message
from portail_famille.services.submissions import submit_once
from portail_famille.services.thread_access import (
    staff_reaches,
    thread_for_guardian,
    thread_for_staff,
)


@dataclass(frozen=True)
class Recipient:
    """Who a guardian may write to about a child: the child's school, or the whole service."""

    label: str
    organisation_id: int
    school_id: int | None


def recipients_for_child(session: Session, user_id: int, child_id: int) -> list[Recipient]:
    """The child's current school, then its organisation's service; else Forbidden."""
    child, _link = child_for_guardian(session, user_id, child_id, "view")
    organisation = session.get(Organisation, child.organisation_id)
    assert organisation is not None
    school = session.exec(
        select(School)
        .join(Enrolment, col(Enrolment.school_id) == School.id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(Enrolment.child_id == child_id, col(SchoolYear.is_current).is_(True))
        .order_by(col(Enrolment.active).desc())
    ).first()
    found = [Recipient(school.name, child.organisation_id, school.id)] if school else []
    return [*found, Recipient(organisation.name, child.organisation_id, None)]


def add_message(
    session: Session,
    thread: MessageThread,
    author_id: int,
    from_staff: bool,
    body: str,
    files: Sequence[StoredFile],
) -> ThreadMessage:
    message = ThreadMessage(
        thread_id=thread.id or 0, author_user_id=author_id, from_staff=from_staff, body=body.strip()
    )
    session.add(message)
    session.flush()
    for stored in files:
        session.add(
            MessageAttachment(
                message_id=message.id or 0,
                storage_key=stored.storage_key,
                filename=stored.filename,
                content_type=stored.content_type,
                size=stored.size,
            )
        )
    thread.last_message_at = message.created_at
    session.add(thread)
    return message


def start_thread(
    session: Session,
    *,
    user_id: int,
    child_id: int,
    recipient: int,
    subject: str,
    body: str,
    files: Sequence[StoredFile] = (),
    token: str = "",
) -> MessageThread:
    """A guardian writes to the `recipient`-th of recipients_for_child; Forbidden otherwise.
    The same form sent twice (`token`) starts one thread."""
    return submit_once(
        session,
        user_id=user_id,
        token=token,
        action="message.thread_started",
        model=MessageThread,
        create=lambda: _start_thread(session, user_id, child_id, recipient, subject, body, files),
    )


def _start_thread(
    session: Session,
    user_id: int,
    child_id: int,
    recipient: int,
    subject: str,
    body: str,
    files: Sequence[StoredFile],
) -> MessageThread:
    options = recipients_for_child(session, user_id, child_id)
    if not 0 <= recipient < len(options):
        raise ValueError("recipient")
    target = options[recipient]
    thread = MessageThread(
        organisation_id=target.organisation_id,
        school_id=target.school_id,
        guardian_user_id=user_id,
        child_id=child_id,
        subject=subject.strip(),
    )
    session.add(thread)
    session.flush()
    add_message(session, thread, user_id, False, body, files)
    audit.record(
        session,
        action="message.thread_started",
        actor_user_id=user_id,
        organisation_id=target.organisation_id,
        object_type="thread",
        object_id=thread.id,
    )
    return thread


def reply(
    session: Session,
    *,
    user_id: int,
    thread_id: int,
    as_staff: bool,
    body: str,
    files: Sequence[StoredFile] = (),
    token: str = "",
) -> ThreadMessage:
    """Adds a message to a thread the author takes part in; staff replies notify the family.
    The same form sent twice (`token`) adds one message and sends one e-mail."""
    return submit_once(
        session,
        user_id=user_id,
        token=token,
        action="message.replied",
        model=ThreadMessage,
        create=lambda: _reply(session, user_id, thread_id, as_staff, body, files),
    )


def _reply(
    session: Session,
    user_id: int,
    thread_id: int,
    as_staff: bool,
    body: str,
    files: Sequence[StoredFile],
) -> ThreadMessage:
    if as_staff:
        thread = thread_for_staff(session, user_id, thread_id)
    else:
        thread = thread_for_guardian(session, user_id, thread_id)
    message = add_message(session, thread, user_id, as_staff, body, files)
    if as_staff:
        guardian = session.get(UserAccount, thread.guardian_user_id)
        assert guardian is not None
        send_message(
            session,
            recipient=guardian.email,
            template="message_received",
            language=guardian.locale,
            organisation_id=thread.organisation_id,
            subject=thread.subject,
        )
    audit.record(
        session,
        action="message.replied",
        actor_user_id=user_id,
        organisation_id=thread.organisation_id,
        object_type="thread",
        object_id=thread.id,
    )
    return message


@dataclass(frozen=True)
class ThreadSummary:
    thread_id: int
    subject: str
    counterpart: str  # the school or service for a family; the family for staff
    child_name: str
    last_message_at: datetime
    unread: int
    timezone: str
    country: str


def _summaries(
    session: Session, threads: Sequence[MessageThread], for_staff: bool
) -> list[ThreadSummary]:
    if not threads:
        return []
    ids = [t.id for t in threads]
    unread = dict(
        session.exec(
            select(ThreadMessage.thread_id, func.count())
            .where(
                col(ThreadMessage.thread_id).in_(ids),
                col(ThreadMessage.read_at).is_(None),
                col(ThreadMessage.from_staff).is_(not for_staff),
            )
            .group_by(col(ThreadMessage.thread_id))
        ).all()
    )
    organisations = {o.id: o for o in session.exec(select(Organisation)).all()}
    schools = {s.id: s.name for s in session.exec(select(School)).all()}
    children = {
        c.id: f"{c.first_name} {c.last_name}"
        for c in session.exec(
            select(Child).where(col(Child.id).in_({t.child_id for t in threads}))
        ).all()
    }
    users = {
        u.id: u.display_name
        for u in session.exec(
            select(UserAccount).where(
                col(UserAccount.id).in_({t.guardian_user_id for t in threads})
            )
        ).all()
    }
    rows = []
    for thread in threads:
        organisation = organisations[thread.organisation_id]
        service = schools[thread.school_id] if thread.school_id else organisation.name
        rows.append(
            ThreadSummary(
                thread_id=thread.id or 0,
                subject=thread.subject,
                counterpart=users.get(thread.guardian_user_id, "") if for_staff else service,
                child_name=children.get(thread.child_id, ""),
                last_message_at=thread.last_message_at,
                unread=unread.get(thread.id or 0, 0),
                timezone=organisation.timezone,
                country=organisation.country,
            )
        )
    return rows


def guardian_threads(session: Session, user_id: int) -> list[ThreadSummary]:
    """The guardian's threads, newest first, leaving out those about a child they no longer see."""
    threads = session.exec(
        select(MessageThread)
        .where(MessageThread.guardian_user_id == user_id)
        .order_by(col(MessageThread.last_message_at).desc(), col(MessageThread.id).desc())
    ).all()
    from portail_famille.services.access import guardian_links

    visible = {child.id for _g, _l, child in guardian_links(session, user_id, "view")}
    kept = [t for t in threads if t.child_id is None or t.child_id in visible]
    return _summaries(session, kept, for_staff=False)


def staff_threads(session: Session, user_id: int, limit: int = 200) -> list[ThreadSummary]:
    """Threads of the staff member's schools and services: unread first, then newest first."""
    scope = staff_scope(session, user_id)
    threads = session.exec(
        select(MessageThread)
        .where(col(MessageThread.organisation_id).in_(scope.organisation_ids))
        .order_by(col(MessageThread.last_message_at).desc(), col(MessageThread.id).desc())
    ).all()
    kept = [t for t in threads if staff_reaches(scope, t.organisation_id, t.school_id)][:limit]
    rows = _summaries(session, kept, for_staff=True)
    return sorted(rows, key=lambda row: row.unread == 0)  # stable: newest first within each


def unread_count(session: Session, user_id: int) -> int:
    """Messages from schools and services the guardian has not opened yet."""
    return sum(row.unread for row in guardian_threads(session, user_id))


@dataclass(frozen=True)
class AttachmentLink:
    filename: str
    storage_key: str
    size: int


@dataclass(frozen=True)
class MessageDetail:
    author: str
    from_staff: bool
    body: str
    created_at: datetime
    attachments: list[AttachmentLink] = field(default_factory=list)


def open_thread(
    session: Session, user_id: int, thread_id: int, *, as_staff: bool
) -> tuple[MessageThread, list[MessageDetail]]:
    """The thread's messages, oldest first; the other side's messages are now read."""
    thread = (thread_for_staff if as_staff else thread_for_guardian)(session, user_id, thread_id)
    messages = session.exec(
        select(ThreadMessage)
        .where(ThreadMessage.thread_id == thread_id)
        .order_by(col(ThreadMessage.created_at), col(ThreadMessage.id))
    ).all()
    attachments: dict[int, list[AttachmentLink]] = {}
    for attachment in session.exec(
        select(MessageAttachment)
        .where(col(MessageAttachment.message_id).in_([m.id for m in messages]))
        .order_by(col(MessageAttachment.id))
    ).all():
        attachments.setdefault(attachment.message_id, []).append(
            AttachmentLink(attachment.filename, attachment.storage_key, attachment.size)
        )
    organisation = session.get(Organisation, thread.organisation_id)
    school = session.get(School, thread.school_id) if thread.school_id else None
    service = school.name if school else (organisation.name if organisation else "")
    guardian = session.get(UserAccount, thread.guardian_user_id)
    now = utcnow()
    details = []
    for message in messages:
        if message.read_at is None and message.from_staff != as_staff:
            message.read_at = now
            session.add(message)
        details.append(
            MessageDetail(
                author=service
                if message.from_staff
                else (guardian.display_name if guardian else ""),
                from_staff=message.from_staff,
                body=message.body,
                created_at=message.created_at,
                attachments=attachments.get(message.id or 0, []),
            )
        )
    return thread, details


def notify_child_guardians(
    session: Session,
    *,
    author_id: int,
    organisation_id: int,
    school_id: int | None,
    child_id: int,
    text_for: Callable[[str], tuple[str, str]],
) -> int:
    """Opens a thread from the school to each account that may view the child.

    `text_for(language)` gives (subject, body) in that account's language; returns how many
    accounts were reached.
    """
    accounts = session.exec(
        select(UserAccount)
        .join(Guardian, col(Guardian.user_id) == UserAccount.id)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(
            GuardianChildLink.child_id == child_id,
            col(GuardianChildLink.can_view).is_(True),
            col(GuardianChildLink.claimed_at).is_not(None),
        )
        .distinct()
    ).all()
    for account in accounts:
        subject, body = text_for(account.locale)
        thread = MessageThread(
            organisation_id=organisation_id,
            school_id=school_id,
            guardian_user_id=account.id or 0,
            child_id=child_id,
            subject=subject[:200],
        )
        session.add(thread)
        session.flush()
        add_message(session, thread, author_id, True, body, ())
    return len(accounts)
