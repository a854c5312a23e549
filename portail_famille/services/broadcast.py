"""Staff write to many families at once: a school, a class group, or an activity's school.

One thread per guardian account reached (each family answers privately), one e-mail each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session, col, select

from portail_famille.models import (
    Activity,
    Child,
    Enrolment,
    Guardian,
    GuardianChildLink,
    MessageThread,
    School,
    SchoolYear,
    UserAccount,
)
from portail_famille.services import audit
from portail_famille.services.access import StaffScope, staff_scope
from portail_famille.services.mail import send_message
from portail_famille.services.messaging import add_message

TargetKind = Literal["school", "group", "activity"]


@dataclass(frozen=True)
class BroadcastTarget:
    """One choice offered to staff; the page only ever sends its position in the list."""

    kind: TargetKind
    label: str
    organisation_id: int
    school_id: int | None
    group_name: str | None = None


def broadcast_targets(session: Session, user_id: int) -> list[BroadcastTarget]:
    """Schools, class groups and activities the staff member may write to."""
    scope = staff_scope(session, user_id)
    schools = [
        s
        for s in session.exec(
            select(School)
            .where(col(School.organisation_id).in_(scope.organisation_ids))
            .order_by(col(School.name))
        ).all()
        if scope.allows_school(s.organisation_id, s.id or 0)
    ]
    targets = [BroadcastTarget("school", s.name, s.organisation_id, s.id) for s in schools]
    for school in schools:
        groups = session.exec(
            select(Enrolment.group_name)
            .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
            .where(
                Enrolment.school_id == school.id,
                col(SchoolYear.is_current).is_(True),
                col(Enrolment.group_name).is_not(None),
            )
            .distinct()
            .order_by(col(Enrolment.group_name))
        ).all()
        targets += [
            BroadcastTarget("group", f"{school.name} · {g}", school.organisation_id, school.id, g)
            for g in groups
            if g
        ]
    for activity in session.exec(
        select(Activity)
        .where(col(Activity.organisation_id).in_(scope.organisation_ids))
        .order_by(col(Activity.name))
    ).all():
        if _reaches(scope, activity.organisation_id, activity.school_id):
            targets.append(
                BroadcastTarget(
                    "activity", activity.name, activity.organisation_id, activity.school_id
                )
            )
    return targets


def _reaches(scope: StaffScope, organisation_id: int, school_id: int | None) -> bool:
    if school_id is not None:
        return scope.allows_school(organisation_id, school_id)
    return scope.schools_by_organisation.get(organisation_id, frozenset()) is None


def reached_accounts(session: Session, target: BroadcastTarget) -> list[tuple[UserAccount, int]]:
    """(guardian account, one of their children reached) for the target's active children."""
    statement = (
        select(UserAccount, Child.id)
        .join(Guardian, col(Guardian.user_id) == UserAccount.id)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .join(Child, col(Child.id) == GuardianChildLink.child_id)
        .join(Enrolment, col(Enrolment.child_id) == Child.id)
        .join(SchoolYear, col(SchoolYear.id) == Enrolment.school_year_id)
        .where(
            Child.organisation_id == target.organisation_id,
            col(SchoolYear.is_current).is_(True),
            col(Enrolment.active).is_(True),
            col(GuardianChildLink.claimed_at).is_not(None),
            col(GuardianChildLink.can_view).is_(True),
        )
        .order_by(col(UserAccount.id), col(Child.birth_date))
    )
    if target.school_id is not None:
        statement = statement.where(Enrolment.school_id == target.school_id)
    if target.group_name is not None:
        statement = statement.where(Enrolment.group_name == target.group_name)
    reached: dict[int, tuple[UserAccount, int]] = {}
    for account, child_id in session.exec(statement).all():
        if account.id is not None and child_id is not None:
            reached.setdefault(account.id, (account, child_id))
    return list(reached.values())


def broadcast(session: Session, *, user_id: int, target: int, subject: str, body: str) -> int:
    """Sends to the `target`-th of broadcast_targets; how many accounts it reached."""
    targets = broadcast_targets(session, user_id)
    if not 0 <= target < len(targets):
        raise ValueError("target")
    chosen = targets[target]
    # A group or an activity answers from its school; an activity of the whole commune, the service.
    accounts = reached_accounts(session, chosen)
    for account, child_id in accounts:
        thread = MessageThread(
            organisation_id=chosen.organisation_id,
            school_id=chosen.school_id,
            guardian_user_id=account.id or 0,
            child_id=child_id,
            subject=subject.strip(),
        )
        session.add(thread)
        session.flush()
        add_message(session, thread, user_id, True, body, ())
        send_message(
            session,
            recipient=account.email,
            template="message_received",
            language=account.locale,
            organisation_id=chosen.organisation_id,
            subject=thread.subject,
        )
    audit.record(
        session,
        action="message.broadcast",
        actor_user_id=user_id,
        organisation_id=chosen.organisation_id,
        kind=chosen.kind,
        label=chosen.label,
        reached=len(accounts),
    )
    return len(accounts)
