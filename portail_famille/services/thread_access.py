"""Who takes part in a thread: the guardian's account, and staff of its school or service."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portail_famille.models import MessageAttachment, MessageThread, ThreadMessage
from portail_famille.services.access import (
    Forbidden,
    StaffScope,
    active_user,
    child_for_guardian,
    staff_scope,
)


def staff_reaches(scope: StaffScope, organisation_id: int, school_id: int | None) -> bool:
    """A school's thread: its staff; the service's thread (no school): organisation-wide staff."""
    if school_id is not None:
        return scope.allows_school(organisation_id, school_id)
    return (
        organisation_id in scope.schools_by_organisation
        and scope.schools_by_organisation[organisation_id] is None
    )


def thread_for_guardian(session: Session, user_id: int, thread_id: int) -> MessageThread:
    """The guardian's own thread while they may view its child; else Forbidden."""
    active_user(session, user_id)
    thread = session.get(MessageThread, thread_id)
    if thread is None or thread.guardian_user_id != user_id:
        raise Forbidden
    if thread.child_id is not None:
        child_for_guardian(session, user_id, thread.child_id, "view")
    return thread


def thread_for_staff(session: Session, user_id: int, thread_id: int) -> MessageThread:
    """A thread of the staff member's school or service; else Forbidden."""
    scope = staff_scope(session, user_id)
    thread = session.get(MessageThread, thread_id)
    if thread is None or not staff_reaches(scope, thread.organisation_id, thread.school_id):
        raise Forbidden
    return thread


def attachment_for_user(session: Session, user_id: int, storage_key: str) -> MessageAttachment:
    """The attachment if `user_id` takes part in its thread; else Forbidden."""
    row = session.exec(
        select(MessageAttachment, ThreadMessage)
        .join(ThreadMessage, col(ThreadMessage.id) == MessageAttachment.message_id)
        .where(MessageAttachment.storage_key == storage_key)
    ).first()
    if row is None:
        raise Forbidden
    attachment, message = row
    thread = session.get(MessageThread, message.thread_id)
    assert thread is not None
    if thread.guardian_user_id == user_id:
        thread_for_guardian(session, user_id, message.thread_id)
    else:
        thread_for_staff(session, user_id, message.thread_id)
    return attachment
