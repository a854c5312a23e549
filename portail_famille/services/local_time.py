"""Today for an organisation, a staff member or a family: the one place that reads the clock."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from portail_famille.domain.local_time import local_today
from portail_famille.models import Organisation, StaffMembership
from portail_famille.services.access import guardian_links


def organisation_today(session: Session, organisation_id: int, now: datetime | None = None) -> date:
    organisation = session.get(Organisation, organisation_id)
    return local_today(organisation.timezone if organisation else None, now)


def staff_today(session: Session, user_id: int, now: datetime | None = None) -> date:
    """Today in the staff member's (first) organisation: the console's default day."""
    organisation_id = session.exec(
        select(StaffMembership.organisation_id)
        .where(StaffMembership.user_id == user_id)
        .order_by(StaffMembership.organisation_id)  # type: ignore[arg-type]
    ).first()
    if organisation_id is None:
        return local_today(None, now)
    return organisation_today(session, organisation_id, now)


def guardian_today(session: Session, user_id: int, now: datetime | None = None) -> date:
    """Today where the family's children go to school (their first organisation)."""
    links = guardian_links(session, user_id, "view")
    organisation_ids = sorted({child.organisation_id for _g, _l, child in links})
    if not organisation_ids:
        return local_today(None, now)
    return organisation_today(session, organisation_ids[0], now)
