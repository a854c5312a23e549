"""Telling a family that a place freed on a full day is now theirs: a message in the portal and
an e-mail, in each guardian's language."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.models import Activity, Child, StaffMembership, UserAccount
from portail_famille.services.mail import send_message
from portail_famille.services.messaging import notify_child_guardians
from portail_famille.services.planning_catalog import organisation


def service_author(session: Session, organisation_id: int, fallback: int) -> int:
    """Messages from the service carry one of its staff as author (shown as the service)."""
    staff = session.exec(
        select(StaffMembership.user_id)
        .where(StaffMembership.organisation_id == organisation_id)
        .order_by(col(StaffMembership.id))
    ).first()
    return staff or fallback


def tell_promoted(
    session: Session, activity: Activity, child_id: int, day: date, *, author_user_id: int
) -> None:
    child = session.get(Child, child_id)
    assert child is not None
    org = organisation(session, activity.organisation_id)

    def params(language: str) -> dict[str, str]:
        when = format_day(day, locale_for(language, org.country), "full")
        return {"child": child.first_name, "activity": activity.name, "day": when}

    def text_for(language: str) -> tuple[str, str]:
        p = params(language)
        return (
            translate(language, "planning.promoted.subject", **p),
            translate(language, "planning.promoted.body", **p),
        )

    notify_child_guardians(
        session,
        author_id=service_author(session, org.id or 0, author_user_id),
        organisation_id=org.id or 0,
        school_id=activity.school_id,
        child_id=child_id,
        text_for=text_for,
    )
    for account in _accounts(session, child_id):
        send_message(
            session,
            recipient=account.email,
            template="planning_promoted",
            language=account.locale,
            organisation_id=org.id,
            **params(account.locale),
        )


def _accounts(session: Session, child_id: int) -> list[UserAccount]:
    from portail_famille.models import Guardian, GuardianChildLink

    return list(
        session.exec(
            select(UserAccount)
            .join(Guardian, col(Guardian.user_id) == UserAccount.id)
            .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
            .where(
                GuardianChildLink.child_id == child_id,
                col(GuardianChildLink.can_view).is_(True),
                col(GuardianChildLink.claimed_at).is_not(None),
            )
            .distinct()
        ).all()
    )
