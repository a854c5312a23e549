"""Monthly invoicing of a known month: known amounts per family, régie and payer, absences by the
organisation's rule, shared custody billed per payer, and billing twice bills once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from portail_famille.models import (
    AbsenceBilling,
    Booking,
    FamilyRecord,
    Guardian,
    GuardianChildLink,
    Invoice,
    InvoiceLine,
    MessageThread,
    PlanningSettings,
    Relationship,
    UserAccount,
)
from portail_famille.services.access import Forbidden
from portail_famille.services.bookings import apply_changes, guardian_actor
from portail_famille.services.planning_invoicing import (
    bill_month,
    bill_month_as_staff,
    preview_month_as_staff,
)
from tests.planning_fixtures import NOW, commune, family_with_child, small_activity
from tests.smtp import Mailbox

pytestmark = pytest.mark.db

MAY = date(2027, 5, 1)
RATES = ((0, 700, 150), (701, 1200, 210), (1201, None, 260))
MONDAYS = [date(2027, 5, 3) + timedelta(days=7 * n) for n in range(4)]


def _book(session: Session, user: UserAccount, child_id: int, activity_id: int, days) -> None:
    actor = guardian_actor(session, user.id or 0, child_id)
    apply_changes(session, actor=actor, activity_id=activity_id, add=days, now=NOW)


def _quotient(session: Session, user: UserAccount, quotient: int) -> int:
    guardian = session.exec(select(Guardian).where(Guardian.user_id == user.id)).one()
    session.add(FamilyRecord(family_id=guardian.family_id, family_quotient=quotient))
    return guardian.family_id


def _month(session: Session):
    activity = small_activity(session, 30, RATES)
    assert activity.id is not None
    low, low_child = family_with_child(session, activity, "Basse")
    mid, mid_child = family_with_child(session, activity, "Moyenne")
    none, none_child = family_with_child(session, activity, "Inconnue")
    _quotient(session, low, 500)
    _quotient(session, mid, 1000)
    _book(session, low, low_child.id or 0, activity.id, [*MONDAYS, date(2027, 5, 4)])
    _book(session, mid, mid_child.id or 0, activity.id, MONDAYS[:3])
    _book(session, none, none_child.id or 0, activity.id, MONDAYS[:2])
    # Outside the month: never on May's invoice.
    _book(session, none, none_child.id or 0, activity.id, [date(2027, 6, 7)])
    low_bookings = session.exec(
        select(Booking).where(Booking.child_id == low_child.id).order_by(col(Booking.day))
    ).all()
    low_bookings[0].absence_declared, low_bookings[0].absence_justified = True, True
    low_bookings[1].absence_declared = True  # not justified
    session.add_all(low_bookings)
    # Shared custody: the "Moyenne" child's other household books one day and pays it.
    other, other_child = family_with_child(session, activity, "Autre")
    other_guardian = session.exec(select(Guardian).where(Guardian.user_id == other.id)).one()
    session.add(
        GuardianChildLink(
            guardian_id=other_guardian.id or 0,
            child_id=mid_child.id or 0,
            relationship=Relationship.FATHER,
            shared_custody=True,
            claimed_at=NOW,
        )
    )
    session.flush()
    _book(session, other, mid_child.id or 0, activity.id, [MONDAYS[3]])
    del other_child
    return activity, {"low": low, "mid": mid, "none": none, "other": other}


def _totals(session: Session, users: dict[str, UserAccount]) -> dict[str, int]:
    out = {}
    for name, user in users.items():
        guardian = session.exec(select(Guardian).where(Guardian.user_id == user.id)).one()
        invoices = session.exec(
            select(Invoice).where(
                Invoice.payer_guardian_id == guardian.id, Invoice.period_start == MAY
            )
        ).all()
        out[name] = sum(i.total_cents for i in invoices)
    return out


def test_a_known_month_gives_known_amounts_and_billing_twice_bills_once(session: Session) -> None:
    org = commune(session)
    _activity, users = _month(session)
    report = bill_month(
        session, organisation_id=org.id or 0, month=MAY, issued_on=date(2027, 6, 1), notify=False
    )
    assert report.created == 4
    # Low quotient: 5 days, one justified absence not billed, the unjustified one billed: 4 x 1.50.
    # Middle: 3 x 2.10. Unknown quotient: the full rate, 2 x 2.60.
    # The other household pays at its own (unknown) quotient: 1 x 2.60.
    assert _totals(session, users) == {"low": 600, "mid": 630, "none": 520, "other": 260}
    assert report.total_cents == 600 + 630 + 520 + 260
    line = session.exec(
        select(InvoiceLine)
        .join(Invoice, col(Invoice.id) == InvoiceLine.invoice_id)
        .where(Invoice.total_cents == 630)
    ).one()
    assert (line.quantity, line.unit_cents) == (3, 210)

    again = bill_month(
        session, organisation_id=org.id or 0, month=MAY, issued_on=date(2027, 6, 2), notify=False
    )
    assert (again.created, again.already_billed, again.total_cents) == (0, 4, 0)
    assert _totals(session, users) == {"low": 600, "mid": 630, "none": 520, "other": 260}


def test_under_the_no_absence_billed_rule_no_absence_is_billed(session: Session) -> None:
    org = commune(session)
    settings = session.exec(
        select(PlanningSettings).where(PlanningSettings.organisation_id == org.id)
    ).one()
    settings.absence_billing = AbsenceBilling.NONE
    session.add(settings)
    _activity, users = _month(session)
    bill_month(
        session, organisation_id=org.id or 0, month=MAY, issued_on=date(2027, 6, 1), notify=False
    )
    assert _totals(session, users)["low"] == 450


def test_only_organisation_wide_staff_of_that_organisation_may_bill(session: Session) -> None:
    org = commune(session)
    secretary = session.exec(
        select(UserAccount).where(UserAccount.email.startswith("secretariat.erables"))
    ).one()
    claire = session.exec(
        select(UserAccount).where(UserAccount.email == "claire.martin@example.org")
    ).one()
    for user in (secretary, claire):
        with pytest.raises(Forbidden):
            bill_month_as_staff(
                session,
                user_id=user.id or 0,
                organisation_id=org.id or 0,
                month=MAY,
                confirmed=True,
                now=datetime(2027, 6, 1, 9, 0, tzinfo=UTC),
            )
        # The preview shows families' names and amounts: the same staff only.
        with pytest.raises(Forbidden):
            preview_month_as_staff(
                session, user_id=user.id or 0, organisation_id=org.id or 0, month=MAY
            )


def test_each_payer_is_told_by_message_and_e_mail(session: Session, mailbox: Mailbox) -> None:
    org = commune(session)
    _activity, users = _month(session)
    bill_month(session, organisation_id=org.id or 0, month=MAY, issued_on=date(2027, 6, 1))
    text = mailbox.text_of_last_to("basse@example.org")
    assert "mai 2027" in text and "6,00\xa0€" in text
    # Told once: marked told, so the finances' catch-up run never tells these invoices again.
    billed = session.exec(
        select(Invoice).where(col(Invoice.origin_key).startswith("planning:"))
    ).all()
    assert billed and all(invoice.notified_at is not None for invoice in billed)
    thread = session.exec(
        select(MessageThread).where(MessageThread.guardian_user_id == users["low"].id)
    ).one()
    assert "mai 2027" in thread.subject
