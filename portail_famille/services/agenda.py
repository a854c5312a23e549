"""A child's agenda between two days: timetable periods, the school calendar, work due."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time

from sqlmodel import Session, col, or_, select

from portail_famille.models import CalendarEvent, CalendarEventKind, TimetablePeriod, WorkDue
from portail_famille.services.access import child_for_guardian
from portail_famille.services.placement import Placement, current_placement


@dataclass(frozen=True)
class Period:
    starts_at: time
    ends_at: time
    subject: str
    teacher_name: str
    room: str


@dataclass
class ChildAgenda:
    """Everything on a child's agenda from `first_day` to `last_day`, both included."""

    first_day: date
    last_day: date
    timezone: str = "UTC"
    country: str = "CA"
    periods_by_weekday: dict[int, list[Period]] = field(default_factory=dict)
    events: list[CalendarEvent] = field(default_factory=list)
    work: list[WorkDue] = field(default_factory=list)


def calendar_events(
    session: Session, placement: Placement, first_day: date, last_day: date
) -> list[CalendarEvent]:
    """The calendar days of the child's school and of its whole organisation in the range."""
    return list(
        session.exec(
            select(CalendarEvent)
            .where(
                CalendarEvent.organisation_id == placement.school.organisation_id,
                or_(
                    col(CalendarEvent.school_id).is_(None),
                    CalendarEvent.school_id == placement.school_id,
                ),
                col(CalendarEvent.starts_on) <= last_day,
                col(CalendarEvent.ends_on) >= first_day,
            )
            .order_by(col(CalendarEvent.starts_on), col(CalendarEvent.id))
        ).all()
    )


def work_due(
    session: Session, placement: Placement, first_day: date, last_day: date
) -> list[WorkDue]:
    group = placement.enrolment.group_name
    if not group:
        return []
    return list(
        session.exec(
            select(WorkDue)
            .where(
                WorkDue.school_id == placement.school_id,
                WorkDue.group_name == group,
                col(WorkDue.due_on) >= first_day,
                col(WorkDue.due_on) <= last_day,
            )
            .order_by(col(WorkDue.due_on), col(WorkDue.subject), col(WorkDue.id))
        ).all()
    )


def _timetable(session: Session, placement: Placement) -> dict[int, list[Period]]:
    group = placement.enrolment.group_name
    if not group:
        return {}
    rows = session.exec(
        select(TimetablePeriod)
        .where(
            TimetablePeriod.school_id == placement.school_id,
            TimetablePeriod.school_year_id == placement.year.id,
            TimetablePeriod.group_name == group,
        )
        .order_by(col(TimetablePeriod.weekday), col(TimetablePeriod.starts_at))
    ).all()
    by_day: dict[int, list[Period]] = defaultdict(list)
    for row in rows:
        by_day[row.weekday].append(
            Period(row.starts_at, row.ends_at, row.subject, row.teacher_name, row.room)
        )
    return dict(by_day)


def child_agenda(
    session: Session, user_id: int, child_id: int, first_day: date, last_day: date
) -> ChildAgenda:
    """The agenda of a child the account may view (Forbidden otherwise); empty when not enrolled."""
    child_for_guardian(session, user_id, child_id, "view")
    agenda = ChildAgenda(first_day=first_day, last_day=last_day)
    placement = current_placement(session, child_id)
    if placement is None or not placement.enrolment.active:
        return agenda
    agenda.timezone = placement.organisation.timezone
    agenda.country = placement.organisation.country
    agenda.periods_by_weekday = _timetable(session, placement)
    agenda.events = calendar_events(session, placement, first_day, last_day)
    agenda.work = work_due(session, placement, first_day, last_day)
    return agenda


def periods_on(agenda: ChildAgenda, day: date) -> list[Period]:
    """The day's periods, none when the calendar closes the school (holiday, pedagogical day)."""
    for event in agenda.events:
        closed = event.kind in (CalendarEventKind.HOLIDAY, CalendarEventKind.PEDAGOGICAL_DAY)
        if closed and event.starts_on <= day <= event.ends_on:
            return []
    return agenda.periods_by_weekday.get(day.weekday(), [])
