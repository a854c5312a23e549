"""A child's photo (re-encoded JPEG on the record): for the child's guardians with the view right
and the staff of the child's school or organisation, nobody else."""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import Child, ChildRecord
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, active_user, guardian_links, staff_scope
from portail_famille.services.placement import current_placement


def photo_for_user(session: Session, user_id: int, reference: str) -> bytes:
    """The JPEG of the record named by its opaque reference; Forbidden otherwise."""
    active_user(session, user_id)
    record = session.exec(select(ChildRecord).where(ChildRecord.reference == reference)).first()
    if record is None or record.photo_jpeg is None:
        raise Forbidden
    if any(child.id == record.child_id for _g, _l, child in guardian_links(session, user_id)):
        return record.photo_jpeg
    child = session.get(Child, record.child_id)
    assert child is not None
    scope = staff_scope(session, user_id)  # Forbidden for a guardian of another child
    placement = current_placement(session, record.child_id)
    schools = scope.schools_by_organisation.get(child.organisation_id, frozenset())
    if child.organisation_id not in scope.schools_by_organisation or (
        schools is not None and (placement is None or placement.school_id not in schools)
    ):
        raise Forbidden
    audit.record(
        session,
        action="child.photo_view",
        actor_user_id=user_id,
        organisation_id=child.organisation_id,
        object_type="child",
        object_id=child.id,
    )
    return record.photo_jpeg
