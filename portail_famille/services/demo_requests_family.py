"""Demo data of the family's requests: both demo organisations ask for the yearly records and
consents confirmation, so the parents' home shows it as due."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from portail_famille.models import Organisation, OrganisationSettings

CONFIRMATION_DUE_ON = {"css-mille-lacs": date(2026, 12, 15), "saint-aubin": date(2027, 1, 31)}


def load_requests_family_demo(session: Session) -> None:
    for slug, due_on in CONFIRMATION_DUE_ON.items():
        _ask_confirmation(session, slug, due_on)


def _ask_confirmation(session: Session, slug: str, due_on: date) -> None:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).one()
    assert organisation.id is not None
    settings = session.exec(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation.id)
    ).first() or OrganisationSettings(organisation_id=organisation.id)
    if settings.records_confirmation_due_on is None:
        settings.records_confirmation_due_on = due_on
    session.add(settings)
    session.flush()
