"""Supporting documents and proposed photos of requests: only the household's guardians and the
organisation's staff (of the request's school when school-bound) may open them."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Guardian
from portail_famille.models.requests import ChangeRequest, RequestDocument
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, active_user, guardian_links
from portail_famille.services.request_decisions import request_for_staff


def _guardian_reaches(session: Session, user_id: int, request: ChangeRequest) -> bool:
    links = guardian_links(session, user_id, "view")
    if request.child_id is not None:
        return any(
            child.id == request.child_id and guardian.family_id == request.family_id
            for guardian, _link, child in links
        )
    if any(guardian.family_id == request.family_id for guardian, _l, _c in links):
        return True
    # A household whose only child came with this very request (add a child) has no link yet.
    return (
        session.exec(
            select(Guardian).where(
                Guardian.family_id == request.family_id, Guardian.user_id == user_id
            )
        ).first()
        is not None
        and request.requested_by == user_id
    )


def document_for_user(session: Session, user_id: int, reference: str) -> RequestDocument:
    """The document if `user_id` may open it; Forbidden otherwise (or when it does not exist)."""
    active_user(session, user_id)
    document = session.exec(
        select(RequestDocument).where(RequestDocument.reference == reference)
    ).first()
    if document is None:
        raise Forbidden
    request = session.get(ChangeRequest, document.request_id)
    assert request is not None
    if _guardian_reaches(session, user_id, request):
        return document
    request_for_staff(session, user_id, request.id or 0)  # Forbidden outside the scope
    audit.record(
        session,
        action="request.document_view",
        actor_user_id=user_id,
        organisation_id=request.organisation_id,
        object_type="request",
        object_id=request.id,
        child_id=request.child_id,
    )
    return document
