"""Which OpenID Connect providers may open the console for an organisation's staff.

A provider vouching for an e-mail is not a staff credential: each organisation lists the
providers its staff may use, and none by default (password, then the second factor). Families
are not concerned: a provider signs a guardian in whatever this list says.
"""

from __future__ import annotations

from sqlmodel import Session, select

from portail_famille.models import OrganisationSettings, StaffMembership
from portail_famille.services import audit
from portail_famille.services.access import Forbidden
from portail_famille.services.staff_access import admin_organisation_ids


def _row(session: Session, organisation_id: int) -> OrganisationSettings | None:
    return session.exec(
        select(OrganisationSettings).where(OrganisationSettings.organisation_id == organisation_id)
    ).first()


def staff_providers(session: Session, organisation_id: int) -> list[str]:
    """The provider names this organisation's staff may sign in with (empty: none)."""
    row = _row(session, organisation_id)
    return list(row.staff_oidc_providers or []) if row else []


def provider_opens_console(session: Session, user_id: int, provider: str) -> bool:
    """True for an account with no staff role, or whose every organisation lists `provider`.

    Every organisation, not one: a session is not narrowed to one organisation, so a provider
    one of them refuses must not open that one's console through another's choice.
    """
    organisation_ids = set(
        session.exec(
            select(StaffMembership.organisation_id).where(StaffMembership.user_id == user_id)
        ).all()
    )
    return all(provider in staff_providers(session, org) for org in organisation_ids)


def set_staff_providers(
    session: Session,
    *,
    user_id: int | None,
    organisation_id: int,
    providers: list[str],
    configured: list[str],
) -> None:
    """An administrator's choice among the `configured` providers (others are dropped)."""
    if organisation_id not in admin_organisation_ids(session, user_id):
        raise Forbidden
    chosen = sorted({name for name in providers if name in configured})
    row = _row(session, organisation_id) or OrganisationSettings(organisation_id=organisation_id)
    row.staff_oidc_providers = chosen
    session.add(row)
    audit.record(
        session,
        action="organisation.providers_changed",
        actor_user_id=user_id,
        organisation_id=organisation_id,
        object_type="organisation",
        object_id=organisation_id,
        providers=chosen,
    )
