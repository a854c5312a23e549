"""The re-enrolment period a family sees for one of its children (its organisation's settings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from portail_famille.models import Organisation, OrganisationSettings
from portail_famille.services.access import child_for_guardian
from portail_famille.services.local_time import organisation_today


@dataclass(frozen=True)
class Period:
    opens_on: date | None
    closes_on: date | None
    country: str
    today: date | None = None  # the organisation's day now, where it is

    def is_open(self, today: date | None = None) -> bool:
        today = today or self.today
        if today is None:
            return False
        if self.opens_on is None or self.closes_on is None:
            return False
        return self.opens_on <= today <= self.closes_on


def reenrolment_period(session: Session, *, user_id: int, child_id: int) -> Period:
    """The child's organisation's period (either day None: no period set); Forbidden if not."""
    child, _link = child_for_guardian(session, user_id, child_id, "view")
    organisation = session.get(Organisation, child.organisation_id)
    settings = session.exec(
        select(OrganisationSettings).where(
            OrganisationSettings.organisation_id == child.organisation_id
        )
    ).first()
    return Period(
        opens_on=settings.reenrolment_opens_on if settings else None,
        closes_on=settings.reenrolment_closes_on if settings else None,
        country=organisation.country if organisation else "FR",
        today=organisation_today(session, child.organisation_id),
    )
