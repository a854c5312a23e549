"""What the family's planning page shows: a month of one activity for one child, and the history
of changes ("mes dernières modifications")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from portail_famille.domain.cutoffs import deadline
from portail_famille.domain.planning_days import history_visible
from portail_famille.models import (
    Activity,
    ActivityDay,
    Booking,
    BookingChange,
    ChangeAction,
    ChangeChannel,
    WaitingEntry,
)
from portail_famille.services.planning_catalog import (
    cutoff_rule,
    organisation,
    running_days,
    settings_for,
)
from portail_famille.services.planning_invoicing import month_bounds
from portail_famille.services.school_years import current_school_year


@dataclass(frozen=True)
class DayView:
    day: date
    runs: bool
    booked: bool
    waiting: bool
    full: bool  # no place left (a family may join the waiting list)
    open: bool  # before its cut-off
    deadline: datetime  # aware UTC
    absence_declared: bool


@dataclass(frozen=True)
class MonthView:
    activity: Activity
    timezone: str
    country: str
    first: date
    days: list[DayView]  # every day of the month, running or not


def month_view(
    session: Session, activity: Activity, child_id: int, month: date, now: datetime
) -> MonthView:
    first, last = month_bounds(month)
    org = organisation(session, activity.organisation_id)
    rule = cutoff_rule(activity)
    running = set(running_days(session, activity, first, last))
    in_month = (col(Booking.day) >= first, col(Booking.day) <= last)
    booked = {
        b.day: b
        for b in session.exec(
            select(Booking).where(
                Booking.activity_id == activity.id, Booking.child_id == child_id, *in_month
            )
        ).all()
    }
    waiting = set(
        session.exec(
            select(col(WaitingEntry.day)).where(
                WaitingEntry.activity_id == activity.id,
                WaitingEntry.child_id == child_id,
                col(WaitingEntry.day) >= first,
                col(WaitingEntry.day) <= last,
            )
        ).all()
    )
    taken: dict[date, int] = dict(
        session.exec(
            select(col(ActivityDay.day), col(ActivityDay.booked)).where(
                ActivityDay.activity_id == activity.id,
                col(ActivityDay.day) >= first,
                col(ActivityDay.day) <= last,
            )
        ).all()
    )
    days = []
    day = first
    while day <= last:
        closes = deadline(rule, day, org.timezone)
        full = activity.capacity is not None and taken.get(day, 0) >= activity.capacity
        booking = booked.get(day)
        days.append(
            DayView(
                day=day,
                runs=day in running,
                booked=booking is not None,
                waiting=day in waiting,
                full=full,
                open=now < closes,
                deadline=closes,
                absence_declared=bool(booking and booking.absence_declared),
            )
        )
        day += timedelta(days=1)
    return MonthView(activity, org.timezone, org.country, first, days)


@dataclass(frozen=True)
class HistoryLine:
    activity: str
    day: date
    action: ChangeAction
    channel: ChangeChannel
    at: datetime


def history(
    session: Session, *, organisation_id: int, child_id: int, today: date, limit: int = 50
) -> list[HistoryLine]:
    """The child's latest changes, newest first, without last year's once the configured date of
    this school year has passed (seed 004)."""
    settings = settings_for(session, organisation_id)
    year = current_school_year(session, organisation_id)
    starts = year.starts_on if year else None
    rows = session.exec(
        select(BookingChange, Activity.name)
        .join(Activity, col(Activity.id) == BookingChange.activity_id)
        .where(BookingChange.child_id == child_id, Activity.organisation_id == organisation_id)
        .order_by(col(BookingChange.at).desc(), col(BookingChange.id).desc())
        .limit(limit * 4)
    ).all()
    lines = [
        HistoryLine(name, change.day, change.action, change.channel, change.at)
        for change, name in rows
        if history_visible(
            change.day, today, starts, settings.history_hidden_month, settings.history_hidden_day
        )
    ]
    return lines[:limit]
