"""Which identity providers may open the console for an organisation's staff."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import AuditEntry, StaffMembership, StaffRole, UserAccount
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    PARENT_EMAIL,
    SECRETARY_EMAIL,
)
from portail_famille.services.staff_providers import (
    provider_opens_console,
    set_staff_providers,
    staff_providers,
)

pytestmark = pytest.mark.db


def _user(session: Session, email: str) -> UserAccount:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).one()


def _organisation_of(session: Session, email: str) -> int:
    user = _user(session, email)
    return (
        session.exec(
            select(StaffMembership.organisation_id).where(StaffMembership.user_id == user.id)
        ).first()
        or 0
    )


def test_none_by_default_and_only_configured_names_are_kept(session: Session) -> None:
    admin, css = _user(session, ADMIN_EMAIL), _organisation_of(session, ADMIN_EMAIL)
    secretary = _user(session, SECRETARY_EMAIL)
    assert secretary.id is not None
    assert staff_providers(session, css) == []
    assert not provider_opens_console(session, secretary.id, "google")
    set_staff_providers(
        session,
        user_id=admin.id,
        organisation_id=css,
        providers=["google", "invented", "google"],
        configured=["google", "microsoft"],
    )
    assert staff_providers(session, css) == ["google"]
    assert provider_opens_console(session, secretary.id, "google")
    assert not provider_opens_console(session, secretary.id, "microsoft")
    entry = session.exec(
        select(AuditEntry).where(AuditEntry.action == "organisation.providers_changed")
    ).one()
    assert entry.detail == {"providers": ["google"]} and entry.organisation_id == css


def test_only_the_organisation_s_admins_choose(session: Session) -> None:
    css = _organisation_of(session, ADMIN_EMAIL)
    commune = _organisation_of(session, COMMUNE_AGENT_EMAIL)
    admin = _user(session, ADMIN_EMAIL)
    for who, organisation in ((SECRETARY_EMAIL, css), (ADMIN_EMAIL, commune)):
        with pytest.raises(Forbidden):
            set_staff_providers(
                session,
                user_id=_user(session, who).id if who != ADMIN_EMAIL else admin.id,
                organisation_id=organisation,
                providers=["google"],
                configured=["google"],
            )
    assert staff_providers(session, commune) == []


def test_staff_of_two_organisations_need_both_to_list_it(session: Session) -> None:
    admin = _user(session, ADMIN_EMAIL)
    css = _organisation_of(session, ADMIN_EMAIL)
    commune = _organisation_of(session, COMMUNE_AGENT_EMAIL)
    assert admin.id is not None
    session.add(StaffMembership(user_id=admin.id, organisation_id=commune, role=StaffRole.ADMIN))
    session.flush()
    set_staff_providers(
        session, user_id=admin.id, organisation_id=css, providers=["google"], configured=["google"]
    )
    assert not provider_opens_console(session, admin.id, "google")
    set_staff_providers(
        session,
        user_id=admin.id,
        organisation_id=commune,
        providers=["google"],
        configured=["google"],
    )
    assert provider_opens_console(session, admin.id, "google")


def test_families_are_not_concerned(session: Session) -> None:
    parent = _user(session, PARENT_EMAIL)
    assert parent.id is not None
    assert provider_opens_console(session, parent.id, "google")
