"""The yearly confirmation of a household's records and consents (what the home page says is due).

An organisation asks for it by setting `records_confirmation_due_on`; the campaign is that
day's year.
A guardian of the household confirms the records, and gives the consents, once per campaign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from portail_famille.models import (
    Family,
    Organisation,
    OrganisationSettings,
    RecordsConfirmation,
)
from portail_famille.models.base import utcnow
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, active_user, guardian_links


@dataclass(frozen=True)
class ConfirmationDue:
    """One household's campaign: what is still to do, and by when."""

    family_id: int
    family_name: str
    due_on: date
    country: str
    records_confirmed: bool
    consents_given: bool

    @property
    def complete(self) -> bool:
        return self.records_confirmed and self.consents_given


def _families(session: Session, user_id: int) -> dict[int, Family]:
    """The households this account is a guardian of, through a child link it claimed."""
    families: dict[int, Family] = {}
    for guardian, _link, _child in guardian_links(session, user_id, "view"):
        family = session.get(Family, guardian.family_id)
        if family is not None and family.id is not None:
            families[family.id] = family
    return families


def _campaign(session: Session, family: Family) -> date | None:
    settings = session.exec(
        select(OrganisationSettings).where(
            OrganisationSettings.organisation_id == family.organisation_id
        )
    ).first()
    return settings.records_confirmation_due_on if settings else None


def _row(session: Session, family_id: int, year: int) -> RecordsConfirmation | None:
    return session.exec(
        select(RecordsConfirmation).where(
            RecordsConfirmation.family_id == family_id, RecordsConfirmation.year == year
        )
    ).first()


def confirmations_for_guardian(session: Session, *, user_id: int) -> list[ConfirmationDue]:
    """Each of the guardian's households whose organisation asks for a confirmation this year."""
    found = []
    for family_id, family in sorted(_families(session, user_id).items()):
        due_on = _campaign(session, family)
        if due_on is None:
            continue
        row = _row(session, family_id, due_on.year)
        organisation = session.get(Organisation, family.organisation_id)
        found.append(
            ConfirmationDue(
                family_id=family_id,
                family_name=family.name,
                due_on=due_on,
                country=organisation.country if organisation else "FR",
                records_confirmed=bool(row and row.records_confirmed_at),
                consents_given=bool(row and row.consents_given_at),
            )
        )
    return found


def confirm(
    session: Session,
    *,
    user_id: int,
    family_id: int,
    records: bool,
    consents: bool,
    now: datetime | None = None,
) -> RecordsConfirmation:
    """Records what the guardian confirmed for the household's current campaign; Forbidden if the
    account is not one of its guardians or the organisation asks nothing."""
    active_user(session, user_id)
    family = _families(session, user_id).get(family_id)
    due_on = _campaign(session, family) if family is not None else None
    if family is None or due_on is None:
        raise Forbidden
    moment = now or utcnow()
    row = _row(session, family_id, due_on.year) or RecordsConfirmation(
        organisation_id=family.organisation_id, family_id=family_id, year=due_on.year
    )
    if records and row.records_confirmed_at is None:
        row.records_confirmed_at, row.records_confirmed_by = moment, user_id
    if consents and row.consents_given_at is None:
        row.consents_given_at, row.consents_given_by = moment, user_id
    session.add(row)
    session.flush()
    audit.record(
        session,
        action="records.confirmed",
        actor_user_id=user_id,
        organisation_id=family.organisation_id,
        object_type="family",
        object_id=family_id,
        year=due_on.year,
        records=records,
        consents=consents,
    )
    return row
