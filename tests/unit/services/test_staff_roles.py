"""An admin changes roles and school bindings; no organisation ever loses its last admin."""

import pytest
from sqlmodel import Session, select

from portail_famille.models import StaffMembership, StaffRole, UserAccount
from portail_famille.services.access import Forbidden
from portail_famille.services.demo import ADMIN_EMAIL, SECRETARY_EMAIL
from portail_famille.services.staff import StaffError, change_role, remove_role, set_account_active
from tests.unit.services.staff_fixtures import commune_admin, organisation_id, school_id, user_id

pytestmark = pytest.mark.db


def _membership(session: Session, email: str) -> StaffMembership:
    row = session.exec(
        select(StaffMembership).where(StaffMembership.user_id == user_id(session, email))
    ).first()
    assert row is not None and row.id is not None
    return row


def _second_admin(session: Session) -> int:
    user = UserAccount(email="adjoint@mille-lacs.example.org", display_name="Adjoint")
    session.add(user)
    session.flush()
    assert user.id is not None
    session.add(
        StaffMembership(
            user_id=user.id,
            organisation_id=organisation_id(session, "css-mille-lacs"),
            role=StaffRole.ADMIN,
        )
    )
    session.flush()
    return user.id


def test_the_last_admin_cannot_step_down(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    own = _membership(session, ADMIN_EMAIL)
    assert own.id is not None
    with pytest.raises(StaffError) as refused:
        remove_role(session, admin, own.id)
    assert refused.value.code == "staff.error.last_admin"
    with pytest.raises(StaffError) as refused:
        change_role(session, admin, own.id, role="secretary", school_id=None)
    assert refused.value.code == "staff.error.last_admin"
    assert session.get(StaffMembership, own.id) is not None


def test_with_a_second_admin_one_may_step_down_but_not_both(session: Session) -> None:
    admin, deputy = user_id(session, ADMIN_EMAIL), _second_admin(session)
    own = _membership(session, ADMIN_EMAIL)
    assert own.id is not None
    change_role(session, admin, own.id, role="secretary", school_id=None)
    session.flush()
    deputys = session.exec(select(StaffMembership).where(StaffMembership.user_id == deputy)).one()
    assert deputys.id is not None
    with pytest.raises(StaffError) as refused:
        remove_role(session, deputy, deputys.id)
    assert refused.value.code == "staff.error.last_admin"


def test_disabling_the_only_other_admin_is_refused_when_it_would_leave_none(
    session: Session,
) -> None:
    admin, deputy = user_id(session, ADMIN_EMAIL), _second_admin(session)
    set_account_active(session, deputy, admin, active=False)  # deputy remains: allowed
    session.flush()
    with pytest.raises(StaffError):
        set_account_active(session, deputy, deputy, active=False)  # never oneself


def test_a_secretary_is_bound_to_another_school(session: Session) -> None:
    admin = user_id(session, ADMIN_EMAIL)
    secretary = _membership(session, SECRETARY_EMAIL)
    assert secretary.id is not None
    change_role(session, admin, secretary.id, role="secretary", school_id=school_id(session, "002"))
    assert secretary.school_id == school_id(session, "002")
    change_role(session, admin, secretary.id, role="secretary", school_id=None)
    assert secretary.school_id is None
    with pytest.raises(StaffError):
        change_role(session, admin, secretary.id, role="admin", school_id=school_id(session, "001"))


@pytest.mark.parametrize(
    "email", [SECRETARY_EMAIL, "enfance@saint-aubin.example.org", "marie.tremblay@example.org"]
)
def test_non_admins_and_other_admins_change_nothing(session: Session, email: str) -> None:
    secretary = _membership(session, SECRETARY_EMAIL)
    assert secretary.id is not None
    for actor in (user_id(session, email), commune_admin(session)):
        with pytest.raises(Forbidden):
            change_role(session, actor, secretary.id, role="admin", school_id=None)
    assert secretary.role == StaffRole.SECRETARY
    # A school of another organisation cannot be bound to the centre's role either.
    with pytest.raises(Forbidden):
        change_role(
            session,
            user_id(session, ADMIN_EMAIL),
            secretary.id,
            role="secretary",
            school_id=school_id(session, "M01"),
        )
