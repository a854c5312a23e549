"""The audit log: one call per thing worth answering "who did that, and when?"."""

from __future__ import annotations

from sqlmodel import Session

from portail_famille.domain.audit_kinds import kind_of
from portail_famille.models import AuditEntry


def record(
    session: Session,
    *,
    action: str,
    actor_user_id: int | None,
    organisation_id: int | None = None,
    object_type: str | None = None,
    object_id: int | None = None,
    child_id: int | None = None,
    family_id: int | None = None,
    **detail: object,
) -> None:
    """Adds an entry in the caller's transaction, so it is saved exactly when the action is.

    `child_id` / `family_id` say whose record the entry is about (an entry whose object is a
    child is about that child): the guardian's "who viewed" list and the admin's search use them.
    """
    kind_of(action)  # every logged action says what happened: an unclassified one is a bug
    if child_id is None and object_type == "child":
        child_id = object_id
    if family_id is None and object_type == "family":
        family_id = object_id
    session.add(
        AuditEntry(
            action=action,
            actor_user_id=actor_user_id,
            organisation_id=organisation_id,
            object_type=object_type,
            object_id=object_id,
            child_id=child_id,
            family_id=family_id,
            detail=dict(detail),
        )
    )
