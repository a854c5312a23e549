"""The family's planning rules: cut-offs, payment policy, absences, weekly template, history,
and nothing for a guardian without the booking right, another family or another organisation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session, select

from portail_famille.models import (
    Booking,
    BookingChange,
    BookingPolicy,
    ChangeAction,
    ChangeChannel,
    CutoffKind,
    Guardian,
    Invoice,
    PlanningSettings,
    UserAccount,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.bookings import BookingError
from portail_famille.services.demo import ADMIN_EMAIL, COMMUNE_AGENT_EMAIL
from portail_famille.services.planning_family import (
    absence_for,
    activities_for,
    history_for,
    month_for,
    repeat_week,
    save_for,
)
from portail_famille.services.planning_late import request_late_booking
from portail_famille.services.planning_staff import daily_list, set_attendance, staff_change
from tests.planning_fixtures import DAY, NOW, commune, family_with_child, small_activity

pytestmark = pytest.mark.db


def _user(session: Session, email: str) -> int:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).one().id or 0


def test_a_day_past_its_cut_off_is_refused_and_nothing_is_saved(session: Session) -> None:
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Tard")
    # Friday 30 April 2027 12:00 Paris (10:00 UTC) closes the week of 3 May.
    after = datetime(2027, 4, 30, 10, 0, tzinfo=UTC)
    ids = dict(user_id=user.id or 0, child_id=child.id or 0, activity_id=activity.id or 0)
    with pytest.raises(BookingError) as refused:
        save_for(session, **ids, add=[DAY, DAY + timedelta(days=7)], remove=[], now=after)
    assert refused.value.key == "planning.error.closed" and refused.value.days == [DAY]
    assert session.exec(select(Booking).where(Booking.child_id == child.id)).all() == []
    just_before = after - timedelta(seconds=1)
    outcomes = save_for(session, **ids, add=[DAY], remove=[], now=just_before)
    assert [o.action for o in outcomes] == [ChangeAction.BOOKED]


def test_a_closed_day_can_still_take_an_absence(session: Session) -> None:
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Absente")
    ids = dict(user_id=user.id or 0, child_id=child.id or 0, activity_id=activity.id or 0)
    save_for(session, **ids, add=[DAY], remove=[], now=NOW)
    later = datetime(2027, 5, 2, 20, 0, tzinfo=UTC)
    with pytest.raises(BookingError):
        save_for(session, **ids, add=[], remove=[DAY], now=later)
    absence_for(session, **ids, day=DAY, now=later)
    booking = session.exec(select(Booking).where(Booking.child_id == child.id)).one()
    assert booking.absence_declared
    with pytest.raises(BookingError):
        absence_for(session, **ids, day=DAY + timedelta(days=1), now=later)  # not booked


def test_the_unpaid_balance_rule_stops_bookings_and_says_why(session: Session) -> None:
    org = commune(session)
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Dette")
    settings = session.exec(
        select(PlanningSettings).where(PlanningSettings.organisation_id == org.id)
    ).one()
    settings.booking_policy, settings.balance_threshold_cents = BookingPolicy.BALANCE_LIMIT, 5000
    session.add(settings)
    guardian = session.exec(select(Guardian).where(Guardian.user_id == user.id)).one()
    session.add(
        Invoice(
            organisation_id=org.id or 0,
            billing_service_id=activity.billing_service_id or 0,
            family_id=guardian.family_id,
            payer_guardian_id=guardian.id or 0,
            number="2026-999999",
            reference="ref-dette",
            origin_key="test:dette",
            label="Cantine",
            issued_on=date(2026, 10, 1),
            due_on=date(2026, 10, 31),
            currency="EUR",
            total_cents=7500,
        )
    )
    session.flush()
    ids = dict(user_id=user.id or 0, child_id=child.id or 0, activity_id=activity.id or 0)
    with pytest.raises(BookingError) as refused:
        save_for(session, **ids, add=[DAY], remove=[], now=NOW)
    assert refused.value.key == "planning.policy.balance"
    assert refused.value.refusal is not None
    assert (refused.value.refusal.balance_cents, refused.value.refusal.threshold_cents) == (
        7500,
        5000,
    )
    settings.booking_policy = BookingPolicy.PREPAID
    session.add(settings)
    with pytest.raises(BookingError) as prepaid:
        save_for(session, **ids, add=[DAY], remove=[], now=NOW)
    assert prepaid.value.key == "planning.policy.prepaid"
    assert prepaid.value.refusal and prepaid.value.refusal.needed_cents == 7500 + 300


def test_a_weekly_template_books_the_open_days_of_the_period(session: Session) -> None:
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Semaine")
    outcomes = repeat_week(
        session,
        user_id=user.id or 0,
        child_id=child.id or 0,
        activity_id=activity.id or 0,
        weekdays={1, 4},
        first=date(2027, 5, 3),
        last=date(2027, 5, 30),
        now=NOW,
    )
    days = sorted(o.day for o in outcomes)
    assert days == [date(2027, 5, d) for d in (3, 6, 10, 13, 17, 20, 24, 27)]
    with pytest.raises(BookingError):
        repeat_week(
            session,
            user_id=user.id or 0,
            child_id=child.id or 0,
            activity_id=activity.id or 0,
            weekdays=set(),
            first=date(2027, 5, 3),
            last=date(2027, 5, 30),
            now=NOW,
        )


def test_history_says_web_or_town_hall_and_hides_last_year_after_october(
    session: Session,
) -> None:
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Histoire")
    staff = _user(session, COMMUNE_AGENT_EMAIL)
    ids = dict(user_id=user.id or 0, child_id=child.id or 0, activity_id=activity.id or 0)
    save_for(session, **ids, add=[DAY], remove=[], now=NOW)
    staff_change(
        session,
        user_id=staff,
        activity_id=activity.id or 0,
        child_id=child.id or 0,
        day=DAY + timedelta(days=1),
        book=True,
        now=NOW,
    )
    session.add(
        BookingChange(
            activity_id=activity.id or 0,
            child_id=child.id or 0,
            day=date(2026, 6, 15),  # last school year
            action=ChangeAction.BOOKED,
            channel=ChangeChannel.WEB,
            at=datetime(2026, 6, 1, tzinfo=UTC),
        )
    )
    session.flush()
    september = datetime(2026, 9, 20, 10, tzinfo=UTC)
    rows, _country, _tz = history_for(
        session, user_id=ids["user_id"], child_id=ids["child_id"], now=september
    )
    assert {r.channel for r in rows} == {ChangeChannel.WEB, ChangeChannel.STAFF}
    assert date(2026, 6, 15) in {r.day for r in rows}
    rows, _country, _tz = history_for(
        session, user_id=ids["user_id"], child_id=ids["child_id"], now=NOW
    )
    assert date(2026, 6, 15) not in {r.day for r in rows}


def test_nobody_else_gets_anything(session: Session) -> None:
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Proprietaire")
    no_book, _other_child = family_with_child(session, activity, "Lecteur", can_book=False)
    stranger, _stranger_child = family_with_child(session, activity, "Voisin")
    # The reader's link to the first child has can_book off.
    from portail_famille.models import GuardianChildLink, Relationship

    reader = session.exec(select(Guardian).where(Guardian.user_id == no_book.id)).one()
    session.add(
        GuardianChildLink(
            guardian_id=reader.id or 0,
            child_id=child.id or 0,
            relationship=Relationship.OTHER,
            can_book=False,
            claimed_at=NOW,
        )
    )
    session.flush()
    ids = dict(child_id=child.id or 0, activity_id=activity.id or 0)
    for outsider in (no_book.id or 0, stranger.id or 0):
        with pytest.raises(Forbidden):
            activities_for(session, user_id=outsider, child_id=ids["child_id"])
        with pytest.raises(Forbidden):
            month_for(session, user_id=outsider, **ids, month=DAY, now=NOW)
        with pytest.raises(Forbidden):
            history_for(session, user_id=outsider, child_id=ids["child_id"], now=NOW)
        with pytest.raises(Forbidden):
            save_for(session, user_id=outsider, **ids, add=[DAY], remove=[], now=NOW)
        with pytest.raises(Forbidden):
            absence_for(session, user_id=outsider, **ids, day=DAY, now=NOW)
        with pytest.raises(Forbidden):
            repeat_week(
                session, user_id=outsider, **ids, weekdays={1}, first=DAY, last=DAY, now=NOW
            )
        with pytest.raises(Forbidden):
            request_late_booking(
                session,
                user_id=outsider,
                child_id=ids["child_id"],
                activity_id=ids["activity_id"],
                day=DAY,
            )
    save_for(session, user_id=user.id or 0, **ids, add=[DAY], remove=[], now=NOW)
    booking = session.exec(select(Booking).where(Booking.child_id == child.id)).one()
    # Staff of another organisation (the Quebec admin) reach nothing of the commune's planning.
    admin = _user(session, ADMIN_EMAIL)
    with pytest.raises(Forbidden):
        daily_list(session, user_id=admin, activity_id=ids["activity_id"], day=DAY)
    with pytest.raises(Forbidden):
        set_attendance(session, user_id=admin, booking_id=booking.id or 0, value="present")
    with pytest.raises(Forbidden):
        staff_change(session, user_id=admin, **ids, day=DAY, book=False, now=NOW)
    # A parent is not staff.
    with pytest.raises(Forbidden):
        daily_list(session, user_id=user.id or 0, activity_id=ids["activity_id"], day=DAY)


def test_staff_see_the_day_list_record_presence_and_change_bookings(session: Session) -> None:
    activity = small_activity(session, 10)
    user, child = family_with_child(session, activity, "Liste")
    staff = _user(session, COMMUNE_AGENT_EMAIL)
    save_for(
        session,
        user_id=user.id or 0,
        child_id=child.id or 0,
        activity_id=activity.id or 0,
        add=[DAY],
        remove=[],
        now=NOW,
    )
    listing = daily_list(session, user_id=staff, activity_id=activity.id or 0, day=DAY)
    assert [r.child for r in listing.rows] == ["LISTE EnfantListe"]
    set_attendance(session, user_id=staff, booking_id=listing.rows[0].booking_id, value="justified")
    booking = session.exec(select(Booking).where(Booking.child_id == child.id)).one()
    assert booking.absence_justified and booking.attendance == "absent"
    # After the cut-off, staff still cancel; the family sees it "par la mairie".
    late = datetime(2027, 5, 2, tzinfo=UTC)
    staff_change(
        session,
        user_id=staff,
        activity_id=activity.id or 0,
        child_id=child.id or 0,
        day=DAY,
        book=False,
        now=late,
    )
    last = session.exec(
        select(BookingChange)
        .where(BookingChange.child_id == child.id)
        .order_by(BookingChange.id.desc())  # type: ignore[union-attr]
    ).first()
    assert last is not None and (last.action, last.channel) == (
        ChangeAction.CANCELLED,
        ChangeChannel.STAFF,
    )


def test_a_cut_off_rule_of_days_before_is_honoured(session: Session) -> None:
    activity = small_activity(session, 10)
    activity.cutoff_kind, activity.cutoff_days, activity.cutoff_time = (
        CutoffKind.DAYS_BEFORE,
        2,
        time(18, 0),
    )
    session.add(activity)
    user, child = family_with_child(session, activity, "Deux")
    ids = dict(user_id=user.id or 0, child_id=child.id or 0, activity_id=activity.id or 0)
    # Monday 3 May 2027 closes Saturday 1 May at 18:00 Paris = 16:00 UTC.
    month = month_for(session, **ids, month=DAY, now=NOW)
    view = next(v for v in month.days if v.day == DAY)
    assert view.deadline == datetime(2027, 5, 1, 16, 0, tzinfo=UTC)
    with pytest.raises(BookingError):
        save_for(session, **ids, add=[DAY], remove=[], now=datetime(2027, 5, 1, 16, 0, tzinfo=UTC))
