"""An admin manages staff of their own organisations only; disabling ends every session."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import (
    AuditEntry,
    AuthSession,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.services import sessions
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.accounts import authenticate
from portail_famille.services.demo import (
    ADMIN_EMAIL,
    COMMUNE_AGENT_EMAIL,
    DEMO_PASSWORD,
    SECRETARY_EMAIL,
)
from portail_famille.services.staff import (
    StaffError,
    add_role,
    list_staff,
    remove_role,
    set_account_active,
)
from portail_famille.services.staff_access import admin_organisation_ids
from tests.unit.services.staff_fixtures import commune_admin, organisation_id, school_id, user_id

pytestmark = pytest.mark.db


def _membership(session: Session, email: str) -> int:
    row = session.exec(
        select(StaffMembership).where(StaffMembership.user_id == user_id(session, email))
    ).first()
    assert row is not None and row.id is not None
    return row.id


def test_the_admin_lists_the_centres_staff_and_nobody_of_the_commune(session: Session) -> None:
    emails = {row.email for row in list_staff(session, user_id(session, ADMIN_EMAIL))}
    assert {ADMIN_EMAIL, SECRETARY_EMAIL, "secretariat.boise@example.org"} <= emails
    assert COMMUNE_AGENT_EMAIL not in emails
    session.expire_all()  # read the roles back from the database, as a page load does
    roles = {
        r.role for row in list_staff(session, user_id(session, ADMIN_EMAIL)) for r in row.roles
    }
    assert roles == {StaffRole.ADMIN, StaffRole.SECRETARY} and all(r.value for r in roles)
    mayor_sees = {row.email for row in list_staff(session, commune_admin(session))}
    assert COMMUNE_AGENT_EMAIL in mayor_sees and SECRETARY_EMAIL not in mayor_sees


def test_a_commune_admin_cannot_touch_the_centres_staff(session: Session) -> None:
    mayor = commune_admin(session)
    secretary = user_id(session, SECRETARY_EMAIL)
    with pytest.raises(Forbidden):
        set_account_active(session, mayor, secretary, active=False)
    with pytest.raises(Forbidden):
        remove_role(session, mayor, _membership(session, SECRETARY_EMAIL))
    with pytest.raises(Forbidden):
        add_role(
            session,
            mayor,
            secretary,
            role="secretary",
            organisation_id=organisation_id(session, "css-mille-lacs"),
            school_id=None,
        )
    account = session.get(UserAccount, secretary)
    assert account is not None and account.status == "active"


@pytest.mark.parametrize(
    "email", [SECRETARY_EMAIL, COMMUNE_AGENT_EMAIL, "claire.martin@example.org"]
)
def test_staff_who_are_not_admins_cannot_administer(session: Session, email: str) -> None:
    actor = user_id(session, email)
    target = user_id(session, "secretariat.boise@example.org")
    with pytest.raises(Forbidden):
        admin_organisation_ids(session, actor)
    with pytest.raises(Forbidden):
        list_staff(session, actor)
    with pytest.raises(Forbidden):
        set_account_active(session, actor, target, active=False)
    with pytest.raises(Forbidden):
        remove_role(session, actor, _membership(session, "secretariat.boise@example.org"))


def test_disabling_ends_every_session_and_sign_in(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    secretary = session.exec(select(UserAccount).where(UserAccount.email == SECRETARY_EMAIL)).one()
    assert secretary.id is not None
    token = sessions.open_session(session, secretary, remember=False).token
    set_account_active(session, admin, secretary.id, active=False)
    session.flush()
    assert sessions.user_for_token(session, token) is None
    assert not session.exec(select(AuthSession).where(AuthSession.user_id == secretary.id)).all()
    assert authenticate(session, SECRETARY_EMAIL, DEMO_PASSWORD) is None
    assert session.exec(
        select(AuditEntry).where(
            AuditEntry.action == "staff.disabled", AuditEntry.object_id == secretary.id
        )
    ).first()
    set_account_active(session, admin, secretary.id, active=True)
    assert authenticate(session, SECRETARY_EMAIL, DEMO_PASSWORD) is not None


def test_an_admin_cannot_disable_themself_nor_drop_their_admin_role(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    with pytest.raises(StaffError):
        set_account_active(session, admin, admin, active=False)
    with pytest.raises(StaffError):
        remove_role(session, admin, _membership(session, ADMIN_EMAIL))


def test_roles_are_added_within_the_organisation_and_its_schools(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    secretary = user_id(session, SECRETARY_EMAIL)
    css = organisation_id(session, "css-mille-lacs")
    boise = school_id(session, "002")
    add_role(session, admin, secretary, role="secretary", organisation_id=css, school_id=boise)
    assert staff_scope(session, secretary).allows_school(css, boise)
    with pytest.raises(Forbidden):  # a commune school under the centre
        add_role(
            session,
            admin,
            secretary,
            role="secretary",
            organisation_id=css,
            school_id=school_id(session, "E01"),
        )
    with pytest.raises(Forbidden):  # someone who is not the centre's staff: invite them instead
        add_role(
            session,
            admin,
            user_id(session, "claire.martin@example.org"),
            role="secretary",
            organisation_id=css,
            school_id=None,
        )


def test_removing_a_role_narrows_the_scope(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    boise_secretary = user_id(session, "secretariat.boise@example.org")
    remove_role(session, admin, _membership(session, "secretariat.boise@example.org"))
    session.flush()
    with pytest.raises(Forbidden):
        staff_scope(session, boise_secretary)


def test_staff_of_two_organisations_is_not_one_admins_to_disable(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    agent = user_id(session, COMMUNE_AGENT_EMAIL)
    session.add(
        StaffMembership(
            user_id=agent,
            organisation_id=organisation_id(session, "css-mille-lacs"),
            role=StaffRole.SECRETARY,
        )
    )
    session.flush()
    with pytest.raises(Forbidden):
        set_account_active(session, admin, agent, active=False)
