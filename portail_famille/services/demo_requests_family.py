"""Demo data of the family's requests: the Mille-Lacs service centre asks for the yearly records
and consents confirmation, so the parents' home shows it as due."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from portail_famille.models import Organisation, OrganisationSettings

CONFIRMATION_DUE_ON = date(2026, 12, 15)


def load_requests_family_demo(session: Session) -> None:
    organisation = session.exec(
        select(Organisation).where(Organisation.slug == "css-mille-lacs")
    ).one()
    assert organisation.id is not None
    settings = session.exec(
        select(OrganisationSettings).where(
            OrganisationSettings.organisation_id == organisation.id
        )
    ).first() or OrganisationSettings(organisation_id=organisation.id)
    if settings.records_confirmation_due_on is None:
        settings.records_confirmation_due_on = CONFIRMATION_DUE_ON
    session.add(settings)
    session.flush()
