"""Staff side of planning: activities in reach, the day's list per activity, presence and
absence, and changing a family's bookings ("par la mairie")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from portail_famille.models import (
    Activity,
    ActivityRegistration,
    Attendance,
    Booking,
    Child,
    Family,
    School,
    WaitingEntry,
)
from portail_famille.services import audit
from portail_famille.services.access import Forbidden, StaffScope, staff_scope
from portail_famille.services.bookings import Outcome, apply_changes, staff_actor
from portail_famille.services.pdf import page, render_pdf, table


def _reaches(scope: StaffScope, activity: Activity) -> bool:
    schools = scope.schools_by_organisation.get(activity.organisation_id, frozenset())
    if activity.organisation_id not in scope.organisation_ids:
        return False
    if activity.school_id is None:
        return schools is None  # a commune-wide activity: organisation-wide staff only
    return scope.allows_school(activity.organisation_id, activity.school_id)


def staff_activities(session: Session, user_id: int) -> list[Activity]:
    scope = staff_scope(session, user_id)
    rows = session.exec(
        select(Activity)
        .where(col(Activity.organisation_id).in_(scope.organisation_ids))
        .order_by(col(Activity.name), col(Activity.id))
    ).all()
    return [a for a in rows if _reaches(scope, a)]


def staff_activity(session: Session, user_id: int, activity_id: int) -> Activity:
    scope = staff_scope(session, user_id)
    activity = session.get(Activity, activity_id)
    if activity is None or not _reaches(scope, activity):
        raise Forbidden
    return activity


@dataclass(frozen=True)
class DailyRow:
    booking_id: int
    child_id: int
    child: str
    family: str
    attendance: str  # "", present, absent
    absence_declared: bool
    justified: bool


@dataclass(frozen=True)
class DailyList:
    activity: str
    school: str
    day: date
    rows: list[DailyRow]
    waiting: list[str]  # children waiting, in order
    capacity: int | None


def daily_list(session: Session, *, user_id: int, activity_id: int, day: date) -> DailyList:
    activity = staff_activity(session, user_id, activity_id)
    school = session.get(School, activity.school_id) if activity.school_id else None
    rows = session.exec(
        select(Booking, Child, Family)
        .join(Child, col(Child.id) == Booking.child_id)
        .join(Family, col(Family.id) == Booking.family_id)
        .where(Booking.activity_id == activity_id, Booking.day == day)
        .order_by(col(Child.last_name), col(Child.first_name))
    ).all()
    waiting = session.exec(
        select(Child)
        .join(WaitingEntry, col(WaitingEntry.child_id) == Child.id)
        .where(WaitingEntry.activity_id == activity_id, WaitingEntry.day == day)
        .order_by(col(WaitingEntry.id))
    ).all()
    audit.record(
        session,
        action="planning.daily_list",
        actor_user_id=user_id,
        organisation_id=activity.organisation_id,
        object_type="activity",
        object_id=activity_id,
        day=day.isoformat(),
    )
    return DailyList(
        activity=activity.name,
        school=school.name if school else "",
        day=day,
        rows=[
            DailyRow(
                booking_id=b.id or 0,
                child_id=c.id or 0,
                child=f"{c.last_name.upper()} {c.first_name}",
                family=f.name,
                attendance=str(b.attendance or ""),
                absence_declared=b.absence_declared,
                justified=b.absence_justified,
            )
            for b, c, f in rows
        ],
        waiting=[f"{c.last_name.upper()} {c.first_name}" for c in waiting],
        capacity=activity.capacity,
    )


def registered_children(session: Session, *, user_id: int, activity_id: int) -> list[Child]:
    staff_activity(session, user_id, activity_id)
    return list(
        session.exec(
            select(Child)
            .join(ActivityRegistration, col(ActivityRegistration.child_id) == Child.id)
            .where(ActivityRegistration.activity_id == activity_id)
            .order_by(col(Child.last_name), col(Child.first_name))
        ).all()
    )


def set_attendance(session: Session, *, user_id: int, booking_id: int, value: str) -> None:
    """present | absent | justified (absent with a justification) | clear."""
    booking = session.get(Booking, booking_id)
    if booking is None or value not in ("present", "absent", "justified", "clear"):
        raise Forbidden
    activity = staff_activity(session, user_id, booking.activity_id)
    booking.attendance = {
        "present": Attendance.PRESENT,
        "absent": Attendance.ABSENT,
        "justified": Attendance.ABSENT,
        "clear": None,
    }[value]
    booking.absence_justified = value == "justified"
    session.add(booking)
    audit.record(
        session,
        action="planning.attendance",
        actor_user_id=user_id,
        organisation_id=activity.organisation_id,
        object_type="booking",
        object_id=booking_id,
        child_id=booking.child_id,
        value=value,
    )


def staff_change(
    session: Session,
    *,
    user_id: int,
    activity_id: int,
    child_id: int,
    day: date,
    book: bool,
    now: datetime,
) -> list[Outcome]:
    """Staff book or cancel a day for a family: shown to it as "par la mairie"."""
    activity = staff_activity(session, user_id, activity_id)
    actor = staff_actor(session, user_id, child_id)
    if actor.organisation_id != activity.organisation_id:
        raise Forbidden
    outcomes = apply_changes(
        session,
        actor=actor,
        activity_id=activity_id,
        add=[day] if book else [],
        remove=[] if book else [day],
        now=now,
    )
    audit.record(
        session,
        action="planning.staff_change",
        actor_user_id=user_id,
        organisation_id=activity.organisation_id,
        object_type="activity",
        object_id=activity_id,
        child_id=child_id,
        day=day.isoformat(),
        book=book,
    )
    return outcomes


def daily_pdf(listing: DailyList, headings: dict[str, str], language: str) -> bytes:
    """The printable day list: one row per child, a column to tick on paper."""
    rows = [
        [
            row.child,
            row.family,
            headings["absent_declared"] if row.absence_declared else "",
            headings.get(row.attendance, ""),
            "",
        ]
        for row in listing.rows
    ]
    body = (
        f"<h1>{_esc(listing.activity)}</h1>"
        f"<p class='muted'>{_esc(listing.school)} — {_esc(headings['day'])}</p>"
        + table(
            [
                headings["child"],
                headings["family"],
                headings["declared"],
                headings["attendance"],
                headings["signature"],
            ],
            rows,
        )
        + (
            f"<h2>{_esc(headings['waiting'])}</h2>"
            + "".join(f"<p>{_esc(name)}</p>" for name in listing.waiting)
            if listing.waiting
            else ""
        )
    )
    return render_pdf(page(listing.activity, language, body))


def _esc(text: str) -> str:
    from html import escape

    return escape(text)
