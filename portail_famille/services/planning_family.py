"""The family's planning use cases, each re-checking that the signed-in guardian may book for
the child (link with can_book, claimed) before reading or changing anything."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from portail_famille.models import Activity
from portail_famille.services.access import Forbidden
from portail_famille.services.bookings import (
    BookingError,
    Outcome,
    apply_changes,
    bookable_activity,
    closed_days,
    declare_absence,
    guardian_actor,
)
from portail_famille.services.planning_catalog import child_activities, organisation, running_days
from portail_famille.services.planning_views import HistoryLine, MonthView, history, month_view

MAX_TEMPLATE_DAYS = 370


def activities_for(session: Session, *, user_id: int, child_id: int) -> list[Activity]:
    guardian_actor(session, user_id, child_id)
    return child_activities(session, child_id)


def month_for(
    session: Session, *, user_id: int, child_id: int, activity_id: int, month: date, now: datetime
) -> MonthView:
    actor = guardian_actor(session, user_id, child_id)
    activity = bookable_activity(session, actor, activity_id)
    return month_view(session, activity, child_id, month, now)


def history_for(
    session: Session, *, user_id: int, child_id: int, now: datetime
) -> tuple[list[HistoryLine], str, str]:
    """(lines, country, timezone) of the child's latest changes."""
    actor = guardian_actor(session, user_id, child_id)
    org = organisation(session, actor.organisation_id)
    today = now.astimezone(ZoneInfo(org.timezone)).date()
    rows = history(session, organisation_id=org.id or 0, child_id=child_id, today=today)
    return rows, org.country, org.timezone


def save_for(
    session: Session,
    *,
    user_id: int,
    child_id: int,
    activity_id: int,
    add: list[date],
    remove: list[date],
    now: datetime,
) -> list[Outcome]:
    actor = guardian_actor(session, user_id, child_id)
    return apply_changes(
        session, actor=actor, activity_id=activity_id, add=add, remove=remove, now=now
    )


def absence_for(
    session: Session, *, user_id: int, child_id: int, activity_id: int, day: date, now: datetime
) -> None:
    actor = guardian_actor(session, user_id, child_id)
    org = organisation(session, actor.organisation_id)
    if day < now.astimezone(ZoneInfo(org.timezone)).date():
        raise BookingError("planning.error.past", [day])
    declare_absence(session, actor=actor, activity_id=activity_id, day=day)


def repeat_week(
    session: Session,
    *,
    user_id: int,
    child_id: int,
    activity_id: int,
    weekdays: set[int],
    first: date,
    last: date,
    now: datetime,
) -> list[Outcome]:
    """A week's pattern (these weekdays) booked on every open day from `first` to `last`."""
    if last < first or (last - first) > timedelta(days=MAX_TEMPLATE_DAYS) or not weekdays:
        raise BookingError("planning.error.template")
    actor = guardian_actor(session, user_id, child_id)
    activity = bookable_activity(session, actor, activity_id)
    org = organisation(session, activity.organisation_id)
    days = [d for d in running_days(session, activity, first, last) if d.isoweekday() in weekdays]
    closed = set(closed_days(activity, org.timezone, days, now))
    wanted = [d for d in days if d not in closed]
    if not wanted:
        raise BookingError("planning.error.template_empty")
    return apply_changes(session, actor=actor, activity_id=activity_id, add=wanted, now=now)


__all__ = ["BookingError", "Forbidden"]
