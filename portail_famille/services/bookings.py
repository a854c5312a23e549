"""Booking and cancelling activity days, for a guardian ("par le web") or staff ("par la mairie").

Everything a save changes happens in the caller's one transaction. Capacity is enforced by the
database: a place is taken with `UPDATE activityday SET booked = booked + 1 WHERE booked <
capacity`, so two families racing for the last place cannot both get it, on SQLite or PostgreSQL.
A freed place goes to the first family waiting, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from portail_famille.domain.cutoffs import is_open
from portail_famille.models import (
    Activity,
    ActivityDay,
    ActivityRegistration,
    Booking,
    BookingChange,
    ChangeAction,
    ChangeChannel,
    Child,
    Guardian,
    GuardianChildLink,
    WaitingEntry,
)
from portail_famille.services.access import Forbidden, child_for_guardian
from portail_famille.services.planning_catalog import (
    activity_runs_on,
    cutoff_rule,
    day_price,
    organisation,
)
from portail_famille.services.planning_policy import PolicyRefusal, check_policy


@dataclass(frozen=True)
class Actor:
    """Who changes a child's planning, and for which household and payer."""

    user_id: int
    child_id: int
    organisation_id: int
    family_id: int
    payer_guardian_id: int
    channel: ChangeChannel


@dataclass
class BookingError(Exception):
    key: str  # catalogue key
    days: list[date] = field(default_factory=list)
    refusal: PolicyRefusal | None = None


@dataclass(frozen=True)
class Outcome:
    day: date
    action: ChangeAction  # booked, cancelled, waiting (put on the list) ...
    left_waiting: bool = False


def guardian_actor(session: Session, user_id: int, child_id: int) -> Actor:
    """The signed-in guardian, if their link lets them book for this child; else Forbidden."""
    child, link = child_for_guardian(session, user_id, child_id, "book")
    guardian = session.get(Guardian, link.guardian_id)
    assert guardian is not None and guardian.id is not None
    payer = guardian.id if link.is_payer else _household_payer(session, child_id, guardian)
    return Actor(
        user_id, child_id, child.organisation_id, guardian.family_id, payer, ChangeChannel.WEB
    )


def staff_actor(session: Session, user_id: int, child_id: int) -> Actor:
    """Staff acting for a family: the child must be of an organisation the staff member serves."""
    from portail_famille.services.access import staff_scope

    scope = staff_scope(session, user_id)
    child = session.get(Child, child_id)
    if child is None or child.organisation_id not in scope.organisation_ids:
        raise Forbidden
    row = session.exec(
        select(Guardian, GuardianChildLink)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(GuardianChildLink.child_id == child_id)
        .order_by(col(GuardianChildLink.is_payer).desc(), col(Guardian.id))
    ).first()
    if row is None:
        raise Forbidden
    guardian = row[0]
    assert guardian.id is not None
    return Actor(
        user_id,
        child_id,
        child.organisation_id,
        guardian.family_id,
        guardian.id,
        ChangeChannel.STAFF,
    )


def _household_payer(session: Session, child_id: int, guardian: Guardian) -> int:
    """In the booking guardian's household, the guardian who pays for this child."""
    payer = session.exec(
        select(Guardian.id)
        .join(GuardianChildLink, col(GuardianChildLink.guardian_id) == Guardian.id)
        .where(
            Guardian.family_id == guardian.family_id,
            GuardianChildLink.child_id == child_id,
            col(GuardianChildLink.is_payer).is_(True),
        )
        .order_by(col(Guardian.id))
    ).first()
    return payer or guardian.id or 0


def bookable_activity(session: Session, actor: Actor, activity_id: int) -> Activity:
    """The activity, if the child is registered for it in the actor's organisation."""
    activity = session.get(Activity, activity_id)
    enrolled = session.exec(
        select(ActivityRegistration).where(
            ActivityRegistration.activity_id == activity_id,
            ActivityRegistration.child_id == actor.child_id,
        )
    ).first()
    if (
        activity is None
        or not activity.active
        or activity.organisation_id != actor.organisation_id
        or enrolled is None
    ):
        raise Forbidden
    return activity


def _write_lock(session: Session) -> None:
    """SQLite: take the write lock now (BEGIN IMMEDIATE) so concurrent savers queue behind the
    busy timeout instead of failing; PostgreSQL locks the counter row in the UPDATE itself."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    raw = connection.connection.driver_connection
    if raw is not None and not raw.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _ensure_day(session: Session, activity_id: int, day: date) -> None:
    dialect = session.connection().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(ActivityDay)
        .values(activity_id=activity_id, day=day, booked=0)
        .on_conflict_do_nothing(index_elements=["activity_id", "day"])
    )
    session.execute(statement)


def take_place(session: Session, activity: Activity, day: date) -> bool:
    """One place of `day`, if any is left (the conditional UPDATE is the guarantee)."""
    _ensure_day(session, activity.id or 0, day)
    statement = update(ActivityDay).where(
        col(ActivityDay.activity_id) == activity.id, col(ActivityDay.day) == day
    )
    if activity.capacity is not None:
        statement = statement.where(col(ActivityDay.booked) < activity.capacity)
    result = session.execute(statement.values(booked=col(ActivityDay.booked) + 1))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _free_place(session: Session, activity: Activity, day: date) -> None:
    session.execute(
        update(ActivityDay)
        .where(
            col(ActivityDay.activity_id) == activity.id,
            col(ActivityDay.day) == day,
            col(ActivityDay.booked) > 0,
        )
        .values(booked=col(ActivityDay.booked) - 1)
    )


def _log(session: Session, actor: Actor, activity_id: int, day: date, action: ChangeAction):
    session.add(
        BookingChange(
            activity_id=activity_id,
            child_id=actor.child_id,
            day=day,
            action=action,
            channel=actor.channel,
            by_user_id=actor.user_id,
        )
    )


def _booking(session: Session, activity_id: int, child_id: int, day: date) -> Booking | None:
    return session.exec(
        select(Booking).where(
            Booking.activity_id == activity_id, Booking.child_id == child_id, Booking.day == day
        )
    ).first()


def _waiting(session: Session, activity_id: int, child_id: int, day: date) -> WaitingEntry | None:
    return session.exec(
        select(WaitingEntry).where(
            WaitingEntry.activity_id == activity_id,
            WaitingEntry.child_id == child_id,
            WaitingEntry.day == day,
        )
    ).first()


def closed_days(activity: Activity, timezone: str, days: Iterable[date], now: datetime) -> list:
    rule = cutoff_rule(activity)
    return sorted(d for d in days if not is_open(rule, d, timezone, now))


def apply_changes(
    session: Session,
    *,
    actor: Actor,
    activity_id: int,
    add: Iterable[date] = (),
    remove: Iterable[date] = (),
    now: datetime,
) -> list[Outcome]:
    """Books `add` and cancels `remove` for the actor's child, all or nothing.

    A family may change a day only before its cut-off and within its organisation's payment rule;
    staff may change any running day. A full day puts the child on its waiting list."""
    activity = bookable_activity(session, actor, activity_id)
    add_days, remove_days = sorted(set(add)), sorted(set(remove) - set(add))
    not_running = [d for d in add_days if not activity_runs_on(session, activity, d)]
    if not_running:
        raise BookingError("planning.error.not_running", not_running)
    org = organisation(session, activity.organisation_id)
    if actor.channel == ChangeChannel.WEB:
        closed = closed_days(activity, org.timezone, [*add_days, *remove_days], now)
        if closed:
            raise BookingError("planning.error.closed", closed)
        new_days = [
            d for d in add_days if _booking(session, activity_id, actor.child_id, d) is None
        ]
        cost = day_price(session, activity_id, actor.family_id) * len(new_days)
        refusal = check_policy(
            session,
            organisation_id=org.id or 0,
            family_id=actor.family_id,
            added_cost_cents=cost,
        )
        if refusal is not None:
            raise BookingError(refusal.key, refusal=refusal)
    _write_lock(session)
    outcomes: list[Outcome] = []
    for day in add_days:
        outcome = _book_one(session, actor, activity, day)
        if outcome is not None:
            outcomes.append(outcome)
    for day in remove_days:
        outcome = _cancel_one(session, actor, activity, day)
        if outcome is not None:
            outcomes.append(outcome)
    session.flush()
    return outcomes


def _book_one(session: Session, actor: Actor, activity: Activity, day: date) -> Outcome | None:
    activity_id = activity.id or 0
    if _booking(session, activity_id, actor.child_id, day) is not None:
        return None
    if _waiting(session, activity_id, actor.child_id, day) is not None:
        return None
    if not take_place(session, activity, day):
        session.add(
            WaitingEntry(
                activity_id=activity_id,
                child_id=actor.child_id,
                day=day,
                family_id=actor.family_id,
                payer_guardian_id=actor.payer_guardian_id,
                requested_by=actor.user_id,
            )
        )
        _log(session, actor, activity_id, day, ChangeAction.WAITING)
        return Outcome(day, ChangeAction.WAITING)
    session.add(
        Booking(
            activity_id=activity_id,
            child_id=actor.child_id,
            day=day,
            family_id=actor.family_id,
            payer_guardian_id=actor.payer_guardian_id,
        )
    )
    _log(session, actor, activity_id, day, ChangeAction.BOOKED)
    return Outcome(day, ChangeAction.BOOKED)


def _cancel_one(session: Session, actor: Actor, activity: Activity, day: date) -> Outcome | None:
    activity_id = activity.id or 0
    waiting = _waiting(session, activity_id, actor.child_id, day)
    if waiting is not None:
        session.delete(waiting)
        _log(session, actor, activity_id, day, ChangeAction.CANCELLED)
        return Outcome(day, ChangeAction.CANCELLED, left_waiting=True)
    booking = _booking(session, activity_id, actor.child_id, day)
    if booking is None:
        return None
    session.delete(booking)
    session.flush()
    _free_place(session, activity, day)
    _log(session, actor, activity_id, day, ChangeAction.CANCELLED)
    promote_first_waiting(session, activity, day, actor.user_id)
    return Outcome(day, ChangeAction.CANCELLED)


def promote_first_waiting(session: Session, activity: Activity, day: date, by_user_id: int):
    """Gives a freed place to the first family waiting (lowest entry id) and tells them."""
    from portail_famille.services.planning_notify import tell_promoted

    entry = session.exec(
        select(WaitingEntry)
        .where(WaitingEntry.activity_id == activity.id, WaitingEntry.day == day)
        .order_by(col(WaitingEntry.id))
    ).first()
    if entry is None or not take_place(session, activity, day):
        return None
    session.delete(entry)
    session.add(
        Booking(
            activity_id=activity.id or 0,
            child_id=entry.child_id,
            day=day,
            family_id=entry.family_id,
            payer_guardian_id=entry.payer_guardian_id,
        )
    )
    session.add(
        BookingChange(
            activity_id=activity.id or 0,
            child_id=entry.child_id,
            day=day,
            action=ChangeAction.PROMOTED,
            channel=ChangeChannel.STAFF,
            by_user_id=by_user_id,
        )
    )
    session.flush()
    tell_promoted(session, activity, entry.child_id, day, author_user_id=by_user_id)
    return entry.child_id


def declare_absence(session: Session, *, actor: Actor, activity_id: int, day: date) -> None:
    """The family says the child will not come on a booked day (even after the cut-off)."""
    activity = bookable_activity(session, actor, activity_id)
    booking = _booking(session, activity.id or 0, actor.child_id, day)
    if booking is None:
        raise BookingError("planning.error.not_booked", [day])
    if booking.absence_declared:
        return
    booking.absence_declared = True
    session.add(booking)
    _log(session, actor, activity_id, day, ChangeAction.ABSENCE)
