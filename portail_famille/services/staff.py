"""Staff accounts as an administrator manages them: the list, roles, disabling and enabling.

Every function takes the acting account and re-checks its admin rights on the server: whatever
ids a page sends, an admin touches only the organisations they administer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from portail_famille.models import (
    AccountStatus,
    Organisation,
    School,
    StaffMembership,
    StaffRole,
    UserAccount,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden
from portail_famille.services.sessions import close_all_sessions
from portail_famille.services.staff_access import admin_organisation_ids


class StaffError(ValueError):
    """An admin action that cannot be done; `code` is a message-catalogue key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class RoleRow:
    membership_id: int
    role: StaffRole
    organisation: str
    school: str  # "" for an organisation-wide role


@dataclass(frozen=True)
class StaffRow:
    user_id: int
    name: str
    email: str
    active: bool
    roles: list[RoleRow]


def check_role_target(
    session: Session,
    admin_orgs: frozenset[int],
    role: str,
    organisation_id: int | None,
    school_id: int | None,
) -> StaffRole:
    """The role, if `organisation_id` is administered and `school_id` (if any) belongs to it."""
    if organisation_id is None or organisation_id not in admin_orgs:
        raise Forbidden
    try:
        staff_role = StaffRole(role)
    except ValueError:
        raise StaffError("staff.error.role") from None
    if school_id is not None:
        school = session.get(School, school_id)
        if school is None or school.organisation_id != organisation_id:
            raise Forbidden
        if staff_role == StaffRole.ADMIN:
            raise StaffError("staff.error.admin_school")
    return staff_role


def list_staff(session: Session, actor_id: int) -> list[StaffRow]:
    """Staff of the organisations the actor administers, with only those organisations' roles."""
    orgs = admin_organisation_ids(session, actor_id)
    rows = session.exec(
        select(StaffMembership, UserAccount, Organisation)
        .join(UserAccount, col(UserAccount.id) == StaffMembership.user_id)
        .join(Organisation, col(Organisation.id) == StaffMembership.organisation_id)
        .where(col(StaffMembership.organisation_id).in_(orgs))
        .order_by(col(UserAccount.display_name), col(UserAccount.id), col(StaffMembership.id))
    ).all()
    school_names = {
        school.id: school.name
        for school in session.exec(
            select(School).where(col(School.organisation_id).in_(orgs))
        ).all()
    }
    by_user: dict[int, StaffRow] = {}
    for membership, user, organisation in rows:
        assert user.id is not None and membership.id is not None
        row = by_user.setdefault(
            user.id,
            StaffRow(
                user.id, user.display_name, user.email, user.status == AccountStatus.ACTIVE, []
            ),
        )
        school = school_names.get(membership.school_id, "") if membership.school_id else ""
        row.roles.append(
            RoleRow(membership.id, StaffRole(membership.role), organisation.name, school)
        )
    return list(by_user.values())


def _managed_account(session: Session, actor_id: int, user_id: int) -> UserAccount:
    """An account every staff role of which lies in organisations the actor administers."""
    orgs = admin_organisation_ids(session, actor_id)
    memberships = session.exec(
        select(StaffMembership.organisation_id).where(StaffMembership.user_id == user_id)
    ).all()
    user = session.get(UserAccount, user_id)
    # Someone who is also staff elsewhere is not this admin's alone to switch off.
    if user is None or not memberships or not set(memberships) <= orgs:
        raise Forbidden
    return user


def add_role(
    session: Session,
    actor_id: int,
    user_id: int,
    *,
    role: str,
    organisation_id: int | None,
    school_id: int | None,
) -> StaffMembership:
    """Gives an existing staff member of the actor's organisations one more role."""
    orgs = admin_organisation_ids(session, actor_id)
    staff_role = check_role_target(session, orgs, role, organisation_id, school_id)
    known = session.exec(
        select(StaffMembership.id).where(
            StaffMembership.user_id == user_id, col(StaffMembership.organisation_id).in_(orgs)
        )
    ).first()
    if known is None:
        raise Forbidden
    assert organisation_id is not None
    membership = grant_role(session, user_id, staff_role, organisation_id, school_id)
    audit.record(
        session,
        action="staff.role_added",
        actor_user_id=actor_id,
        organisation_id=organisation_id,
        object_type="user",
        object_id=user_id,
        role=staff_role.value,
        school_id=school_id,
    )
    return membership


def grant_role(
    session: Session, user_id: int, role: StaffRole, organisation_id: int, school_id: int | None
) -> StaffMembership:
    """The membership, created unless the account already holds exactly that role."""
    existing = session.exec(
        select(StaffMembership).where(
            StaffMembership.user_id == user_id,
            StaffMembership.organisation_id == organisation_id,
            StaffMembership.role == role,
            col(StaffMembership.school_id).is_(None)
            if school_id is None
            else StaffMembership.school_id == school_id,
        )
    ).first()
    if existing is not None:
        return existing
    membership = StaffMembership(
        user_id=user_id, organisation_id=organisation_id, school_id=school_id, role=role
    )
    session.add(membership)
    session.flush()
    return membership


def _active_admins(session: Session, organisation_id: int) -> set[int]:
    """Active accounts holding the organisation-wide admin role of this organisation."""
    return set(
        session.exec(
            select(StaffMembership.user_id)
            .join(UserAccount, col(UserAccount.id) == StaffMembership.user_id)
            .where(
                StaffMembership.organisation_id == organisation_id,
                StaffMembership.role == StaffRole.ADMIN,
                col(StaffMembership.school_id).is_(None),
                UserAccount.status == AccountStatus.ACTIVE,
            )
        ).all()
    )


def _keep_an_admin(session: Session, organisation_id: int, losing: int) -> None:
    """An organisation never loses its last active administrator (nobody could manage it)."""
    if _active_admins(session, organisation_id) <= {losing}:
        raise StaffError("staff.error.last_admin")


def remove_role(session: Session, actor_id: int, membership_id: int) -> None:
    """Takes one role away; never the organisation's last active admin role."""
    orgs = admin_organisation_ids(session, actor_id)
    membership = session.get(StaffMembership, membership_id)
    if membership is None or membership.organisation_id not in orgs:
        raise Forbidden
    if membership.role == StaffRole.ADMIN and membership.school_id is None:
        # An admin may step down, provided another active admin remains.
        _keep_an_admin(session, membership.organisation_id, membership.user_id)
    session.delete(membership)
    audit.record(
        session,
        action="staff.role_removed",
        actor_user_id=actor_id,
        organisation_id=membership.organisation_id,
        object_type="user",
        object_id=membership.user_id,
        role=membership.role,
        school_id=membership.school_id,
    )


def set_account_active(session: Session, actor_id: int, user_id: int, *, active: bool) -> None:
    """Disables (ending every session of) or enables a staff account; never the actor's own."""
    user = _managed_account(session, actor_id, user_id)
    if user_id == actor_id:
        raise StaffError("staff.error.self")
    if not active:
        for organisation_id in admin_organisation_ids(session, actor_id):
            _keep_an_admin(session, organisation_id, user_id)
    user.status = AccountStatus.ACTIVE if active else AccountStatus.DISABLED
    session.add(user)
    if not active:
        close_all_sessions(session, user_id)
    audit.record(
        session,
        action="staff.enabled" if active else "staff.disabled",
        actor_user_id=actor_id,
        object_type="user",
        object_id=user_id,
    )


def change_role(
    session: Session,
    actor_id: int,
    membership_id: int,
    *,
    role: str,
    school_id: int | None,
) -> StaffMembership:
    """Changes one role's kind and school binding (None: every school of the organisation)."""
    orgs = admin_organisation_ids(session, actor_id)
    membership = session.get(StaffMembership, membership_id)
    if membership is None or membership.organisation_id not in orgs:
        raise Forbidden
    new_role = check_role_target(session, orgs, role, membership.organisation_id, school_id)
    was_admin = membership.role == StaffRole.ADMIN and membership.school_id is None
    if was_admin and (new_role != StaffRole.ADMIN or school_id is not None):
        _keep_an_admin(session, membership.organisation_id, membership.user_id)
    duplicate = session.exec(
        select(StaffMembership.id).where(
            StaffMembership.user_id == membership.user_id,
            StaffMembership.organisation_id == membership.organisation_id,
            StaffMembership.role == new_role,
            col(StaffMembership.school_id).is_(None)
            if school_id is None
            else StaffMembership.school_id == school_id,
            StaffMembership.id != membership.id,
        )
    ).first()
    if duplicate is not None:
        raise StaffError("staff.error.duplicate_role")
    before = (membership.role, membership.school_id)
    membership.role, membership.school_id = new_role, school_id
    session.add(membership)
    audit.record(
        session,
        action="staff.role_changed",
        actor_user_id=actor_id,
        organisation_id=membership.organisation_id,
        object_type="user",
        object_id=membership.user_id,
        role_before=str(before[0]),
        school_before=before[1],
        role=new_role.value,
        school_id=school_id,
    )
    return membership
