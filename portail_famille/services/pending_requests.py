"""Which parts of a child's and household's records already have a request waiting for staff."""

from __future__ import annotations

from sqlmodel import Session, col, or_, select

from portail_famille.models import ChangeRequest, RequestStatus
from portail_famille.services.access import child_for_guardian, guardian_links


def pending_categories(session: Session, *, user_id: int, child_id: int) -> set[str]:
    """Categories with a pending request about this child or the guardian's household with it."""
    child_for_guardian(session, user_id, child_id, "view")  # Forbidden otherwise
    families = {
        guardian.family_id
        for guardian, _link, child in guardian_links(session, user_id, "view")
        if child.id == child_id
    }
    rows = session.exec(
        select(ChangeRequest.category).where(
            col(ChangeRequest.family_id).in_(families),
            col(ChangeRequest.status) == RequestStatus.PENDING,
            or_(col(ChangeRequest.child_id) == child_id, col(ChangeRequest.child_id).is_(None)),
        )
    ).all()
    return {str(category) for category in rows}
