"""Administrator rights: which organisations an account may manage staff of."""

from __future__ import annotations

from sqlmodel import Session, col, select

from portail_famille.models import StaffMembership, StaffRole
from portail_famille.services.access import Forbidden, active_user


def admin_organisation_ids(session: Session, user_id: int | None) -> frozenset[int]:
    """The organisations this active account administers; Forbidden if none."""
    account = active_user(session, user_id)
    # An admin role narrowed to one school would be a contradiction: only organisation-wide counts.
    ids = session.exec(
        select(StaffMembership.organisation_id).where(
            StaffMembership.user_id == account.id,
            StaffMembership.role == StaffRole.ADMIN,
            col(StaffMembership.school_id).is_(None),
        )
    ).all()
    if not ids:
        raise Forbidden
    return frozenset(ids)
