"""Who may touch what. Every handler and route that reads or changes data goes through here.

One helper per kind of object: a guardian reaches a child only through a link that grants the right
asked for; a staff member reaches only their organisations, and a school-bound secretary only her
school.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, select

from portail_famille.models import (
    AccountStatus,
    Child,
    Guardian,
    GuardianChildLink,
    StaffMembership,
    UserAccount,
)

Right = Literal["view", "book", "pay"]


class Forbidden(Exception):
    """The signed-in user may not touch this object (or it does not exist: we never say which)."""


def active_user(session: Session, user_id: int | None) -> UserAccount:
    user = session.get(UserAccount, user_id) if user_id is not None else None
    if user is None or user.status != AccountStatus.ACTIVE:
        raise Forbidden
    return user


def guardian_links(
    session: Session, user_id: int, right: Right = "view"
) -> list[tuple[Guardian, GuardianChildLink, Child]]:
    """Every child this account reaches through one of its guardian records, with that right."""
    rows = session.exec(
        select(Guardian, GuardianChildLink, Child)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .join(Child, col(Child.id) == GuardianChildLink.child_id)
        .where(Guardian.user_id == user_id, col(GuardianChildLink.claimed_at).is_not(None))
        .order_by(col(Child.birth_date), col(Child.id))
    ).all()
    return [row for row in rows if _grants(row[1], right)]


def _grants(link: GuardianChildLink, right: Right) -> bool:
    return {"view": link.can_view, "book": link.can_book, "pay": link.can_pay}[right]


def child_for_guardian(
    session: Session, user_id: int, child_id: int, right: Right = "view"
) -> tuple[Child, GuardianChildLink]:
    """The child and the link that grants `right`, or Forbidden."""
    active_user(session, user_id)
    for _guardian, link, child in guardian_links(session, user_id, right):
        if child.id == child_id:
            return child, link
    raise Forbidden


def guardian_pays_for(
    session: Session, user_id: int, *, payer_guardian_id: int, family_id: int, billed: set[int]
) -> bool:
    """Invoices and receipts reveal what is paid for a child: the account needs the pay right on
    every child billed, through the payer's own guardian record or one in the same family (a
    bill with no child on it is for its payer only). Being the payer alone is not enough."""
    active_user(session, user_id)
    pays_for: dict[int, tuple[Guardian, set[int]]] = {}
    for guardian, link, _child in guardian_links(session, user_id, "pay"):
        assert guardian.id is not None
        pays_for.setdefault(guardian.id, (guardian, set()))[1].add(link.child_id)
    return any(
        billed <= children
        and (guardian_id == payer_guardian_id or (bool(billed) and guardian.family_id == family_id))
        for guardian_id, (guardian, children) in pays_for.items()
    )


@dataclass(frozen=True)
class StaffScope:
    """Organisation id -> the school ids a staff member may see there (None: every school)."""

    schools_by_organisation: Mapping[int, frozenset[int] | None]

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(self.schools_by_organisation)

    def allows_school(self, organisation_id: int, school_id: int) -> bool:
        if organisation_id not in self.schools_by_organisation:
            return False
        schools = self.schools_by_organisation[organisation_id]
        return schools is None or school_id in schools


def staff_scope(session: Session, user_id: int) -> StaffScope:
    """What a staff account may see; Forbidden for an account that is not staff anywhere."""
    active_user(session, user_id)
    memberships = session.exec(
        select(StaffMembership).where(StaffMembership.user_id == user_id)
    ).all()
    if not memberships:
        raise Forbidden
    scope: dict[int, frozenset[int] | None] = {}
    for membership in memberships:
        org = membership.organisation_id
        if membership.school_id is None:
            scope[org] = None  # one organisation-wide role opens every school of it
        elif org not in scope or scope[org] is not None:
            scope[org] = (scope.get(org) or frozenset()) | {membership.school_id}
    return StaffScope(scope)
