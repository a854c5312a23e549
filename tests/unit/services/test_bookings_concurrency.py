"""Families racing for the last places: never over capacity, the waiting list in arrival order,
and a freed place given to the first family waiting, which is told. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from portail_famille.models import ActivityDay, Booking, ChangeAction, WaitingEntry
from portail_famille.services.bookings import apply_changes, guardian_actor
from tests.planning_fixtures import DAY, NOW, family_with_child, small_activity
from tests.smtp import Mailbox

pytestmark = pytest.mark.db

FAMILIES = 12
CAPACITY = 4


def _setup(engine: Engine) -> tuple[int, list[tuple[int, int]]]:
    with Session(engine, expire_on_commit=False) as session:
        activity = small_activity(session, CAPACITY)
        people = [family_with_child(session, activity, f"Course{n:02d}") for n in range(FAMILIES)]
        session.commit()
        return activity.id or 0, [(u.id or 0, c.id or 0) for u, c in people]


def _book(engine: Engine, activity_id: int, user_id: int, child_id: int, barrier, errors):
    try:
        barrier.wait()
        with Session(engine, expire_on_commit=False) as session:
            actor = guardian_actor(session, user_id, child_id)
            apply_changes(session, actor=actor, activity_id=activity_id, add=[DAY], now=NOW)
            session.commit()
    except Exception as error:  # reported to the test below
        errors.append(error)


def test_parallel_bookings_of_the_last_places_never_exceed_capacity(
    engine: Engine, mailbox: Mailbox
) -> None:
    activity_id, people = _setup(engine)
    barrier = threading.Barrier(FAMILIES)
    errors: list[Exception] = []
    threads = [
        threading.Thread(target=_book, args=(engine, activity_id, u, c, barrier, errors))
        for u, c in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as session:
        booked = session.exec(select(Booking).where(Booking.activity_id == activity_id)).all()
        counter = session.exec(
            select(ActivityDay).where(ActivityDay.activity_id == activity_id)
        ).one()
        waiting = session.exec(
            select(WaitingEntry)
            .where(WaitingEntry.activity_id == activity_id)
            .order_by(col(WaitingEntry.id))
        ).all()
        assert len(booked) == CAPACITY == counter.booked
        assert len(waiting) == FAMILIES - CAPACITY
        assert {b.child_id for b in booked}.isdisjoint({w.child_id for w in waiting})
        # The list is in the order the families arrived (commit order, then id order).
        assert [w.id for w in waiting] == sorted(w.id or 0 for w in waiting)
        queue = [w.child_id for w in waiting]

    # Each cancellation gives the place to the first family still waiting, in order.
    child_to_user = {c: u for u, c in people}
    holders = [b.child_id for b in booked]
    for turn in range(3):
        with Session(engine, expire_on_commit=False) as session:
            leaver = holders[turn]
            actor = guardian_actor(session, child_to_user[leaver], leaver)
            apply_changes(session, actor=actor, activity_id=activity_id, remove=[DAY], now=NOW)
            session.commit()
        with Session(engine) as session:
            promoted = session.exec(
                select(Booking).where(
                    Booking.activity_id == activity_id, Booking.child_id == queue[turn]
                )
            ).first()
            assert promoted is not None, f"turn {turn}: first waiting family not promoted"
            count = session.exec(
                select(func.count()).where(col(Booking.activity_id) == activity_id)
            ).one()
            assert count == CAPACITY
            assert (
                session.exec(
                    select(ActivityDay.booked).where(ActivityDay.activity_id == activity_id)
                ).one()
                == CAPACITY
            )
            first_email = f"course{_index(people, queue[turn]):02d}@example.org"
            assert "libérée" in mailbox.text_of_last_to(first_email)
    with Session(engine) as session:
        left = session.exec(
            select(WaitingEntry.child_id)
            .where(WaitingEntry.activity_id == activity_id)
            .order_by(col(WaitingEntry.id))
        ).all()
        assert list(left) == queue[3:]
        from portail_famille.models import BookingChange

        promotions = session.exec(
            select(BookingChange).where(
                BookingChange.activity_id == activity_id,
                BookingChange.action == ChangeAction.PROMOTED,
            )
        ).all()
        assert [p.child_id for p in promotions] == queue[:3]


def _index(people: list[tuple[int, int]], child_id: int) -> int:
    return [c for _u, c in people].index(child_id)
