"""Demo data of the family's requests: both demo organisations ask for the yearly records and
consents confirmation, so the parents' home shows it as due; Mille-Lacs has a re-enrolment period."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from portail_famille.models import Organisation, OrganisationSettings

REENROLMENT = (date(2026, 11, 16), date(2027, 2, 26))
CONFIRMATION_DUE_ON = {"css-mille-lacs": date(2026, 12, 15), "saint-aubin": date(2027, 1, 31)}


def load_requests_family_demo(session: Session) -> None:
    for slug, due_on in CONFIRMATION_DUE_ON.items():
        settings = _settings(session, slug)
        if settings.records_confirmation_due_on is None:
            settings.records_confirmation_due_on = due_on
        if slug == "css-mille-lacs" and settings.reenrolment_opens_on is None:
            settings.reenrolment_opens_on, settings.reenrolment_closes_on = REENROLMENT
        session.add(settings)
    session.flush()


def _settings(session: Session, slug: str) -> OrganisationSettings:
    organisation = session.exec(select(Organisation).where(Organisation.slug == slug)).one()
    assert organisation.id is not None
    settings = session.exec(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation.id)
    ).first() or OrganisationSettings(organisation_id=organisation.id)
    return settings
