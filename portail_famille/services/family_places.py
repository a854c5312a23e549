"""Where a guardian's family lives, for dates and times shown to them (country and timezone)."""

from __future__ import annotations

from sqlmodel import Session

from portail_famille.models import Organisation
from portail_famille.services.access import guardian_links


def guardian_place(session: Session, user_id: int) -> tuple[str, str]:
    """(country, timezone) of the organisation of the guardian's first child; France by default."""
    for _guardian, _link, child in guardian_links(session, user_id, "view"):
        organisation = session.get(Organisation, child.organisation_id)
        if organisation is not None:
            return organisation.country, organisation.timezone
    return "FR", "Europe/Paris"
