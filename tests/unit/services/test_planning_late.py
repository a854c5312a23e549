"""A late booking goes through the requests workflow: staff accept it (the day is booked "par la
mairie") or, when the place is gone, the decision fails cleanly and nothing is applied."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from portail_famille.models import (
    ActivityDay,
    Booking,
    BookingChange,
    ChangeChannel,
    ChangeRequest,
    CutoffKind,
    RequestStatus,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services.demo import COMMUNE_AGENT_EMAIL
from portail_famille.services.planning_late import request_late_booking
from portail_famille.services.request_decisions import DecisionFailed, decide
from portail_famille.services.request_registry import RequestInvalid
from tests.planning_fixtures import family_with_child, small_activity

pytestmark = pytest.mark.db


def _setup(engine: Engine, capacity: int):
    with Session(engine, expire_on_commit=False) as session:
        activity = small_activity(session, capacity)
        # Every day, closing three days before: tomorrow is always past its cut-off.
        activity.weekdays, activity.cutoff_kind, activity.cutoff_days = (
            "1,2,3,4,5,6,7",
            CutoffKind.DAYS_BEFORE,
            3,
        )
        session.add(activity)
        user, child = family_with_child(session, activity, "Retard")
        other, other_child = family_with_child(session, activity, "Premier")
        staff = session.exec(
            select(UserAccount).where(UserAccount.email == COMMUNE_AGENT_EMAIL)
        ).one()
        session.commit()
        return activity, user, child, other, other_child, staff


def _tomorrow():
    from zoneinfo import ZoneInfo

    return utcnow().astimezone(ZoneInfo("Europe/Paris")).date() + timedelta(days=1)


def test_staff_accept_a_late_booking_and_the_day_is_booked_by_the_town_hall(engine: Engine):
    activity, user, child, _o, _oc, staff = _setup(engine, 5)
    day = _tomorrow()
    with Session(engine, expire_on_commit=False) as session:
        # A day still open is booked directly, not asked for.
        with pytest.raises(RequestInvalid):
            request_late_booking(
                session,
                user_id=user.id or 0,
                child_id=child.id or 0,
                activity_id=activity.id or 0,
                day=day + timedelta(days=30),
            )
        request = request_late_booking(
            session,
            user_id=user.id or 0,
            child_id=child.id or 0,
            activity_id=activity.id or 0,
            day=day,
            comment="Rendez-vous médical déplacé",
        )
        session.commit()
        request_id = request.id or 0
    with Session(engine, expire_on_commit=False) as session:
        decide(
            session,
            user_id=staff.id or 0,
            request_id=request_id,
            accepted_fields={"activity", "day", "comment"},
            expected_version=0,
        )
        session.commit()
    with Session(engine) as session:
        booking = session.exec(select(Booking).where(Booking.child_id == child.id)).one()
        assert booking.day == day
        change = session.exec(select(BookingChange).where(BookingChange.child_id == child.id)).one()
        assert change.channel == ChangeChannel.STAFF
        counter = session.exec(
            select(ActivityDay).where(ActivityDay.activity_id == activity.id)
        ).one()
        assert counter.booked == 1


def test_a_late_booking_for_a_day_now_full_is_refused_cleanly(engine: Engine) -> None:
    activity, user, child, other, other_child, staff = _setup(engine, 1)
    day = _tomorrow()
    with Session(engine, expire_on_commit=False) as session:
        request = request_late_booking(
            session,
            user_id=user.id or 0,
            child_id=child.id or 0,
            activity_id=activity.id or 0,
            day=day,
        )
        session.commit()
        request_id = request.id or 0
    with Session(engine, expire_on_commit=False) as session:  # the last place goes meanwhile
        from portail_famille.services.bookings import staff_actor, take_place

        del other
        actor = staff_actor(session, staff.id or 0, other_child.id or 0)
        assert take_place(session, activity, day)
        session.add(
            Booking(
                activity_id=activity.id or 0,
                child_id=other_child.id or 0,
                day=day,
                family_id=actor.family_id,
                payer_guardian_id=actor.payer_guardian_id,
            )
        )
        session.commit()
    with Session(engine, expire_on_commit=False) as session:
        with pytest.raises(DecisionFailed) as failed:
            decide(
                session,
                user_id=staff.id or 0,
                request_id=request_id,
                accepted_fields={"activity", "day"},
                expected_version=0,
            )
        assert str(failed.value) == "planning.late.full" or "planning.late.full" in repr(
            failed.value.args
        )
    with Session(engine) as session:
        assert session.exec(select(Booking).where(Booking.child_id == child.id)).all() == []
        request_row = session.get(ChangeRequest, request_id)
        assert request_row is not None and request_row.status == RequestStatus.PENDING
