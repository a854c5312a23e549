"""Monthly invoicing of bookings: one invoice per family, régie and payer, at each child's
quotient rate, under the organisation's absence rule (a justified absence is never billed).

Invoices go through services/invoices.create_invoice with an origin key per month, family,
service and payer: running the month twice bills it once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from portail_famille.domain.invoices import NewLine
from portail_famille.domain.planning_days import unit_price
from portail_famille.i18n.catalog import translate
from portail_famille.i18n.formatting import format_day, locale_for
from portail_famille.models import (
    AbsenceBilling,
    Activity,
    ActivityRate,
    Attendance,
    Booking,
    Child,
    FamilyRecord,
    Guardian,
    Invoice,
    UserAccount,
)
from portail_famille.models.base import utcnow
from portail_famille.services.access import Forbidden, staff_scope
from portail_famille.services.invoices import create_invoice
from portail_famille.services.mail import send_message
from portail_famille.services.planning_catalog import organisation, settings_for


@dataclass(frozen=True)
class InvoicingReport:
    created: int
    already_billed: int
    total_cents: int  # of the invoices created by this run


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def billable(booking: Booking, rule: AbsenceBilling) -> bool:
    """A justified absence is never billed; an unjustified one only under the UNJUSTIFIED rule."""
    absent = booking.absence_declared or booking.attendance == Attendance.ABSENT
    if not absent:
        return True
    if booking.absence_justified:
        return False
    return rule == AbsenceBilling.UNJUSTIFIED


def origin_key(month: date, family_id: int, service_id: int, payer_id: int) -> str:
    return f"planning:{month:%Y-%m}:{family_id}:{service_id}:{payer_id}"


def bill_month(
    session: Session,
    *,
    organisation_id: int,
    month: date,
    issued_on: date,
    due_days: int = 30,
    notify: bool = True,
) -> InvoicingReport:
    """Bills every booking of `month` for the organisation's activities that have a régie."""
    first, last = month_bounds(month)
    rule = settings_for(session, organisation_id).absence_billing
    activities = {
        a.id: a
        for a in session.exec(
            select(Activity).where(
                Activity.organisation_id == organisation_id,
                col(Activity.billing_service_id).is_not(None),
            )
        ).all()
    }
    rates: dict[int, list[tuple[int, int | None, int]]] = defaultdict(list)
    for rate in session.exec(
        select(ActivityRate).where(col(ActivityRate.activity_id).in_(list(activities)))
    ).all():
        rates[rate.activity_id].append((rate.quotient_min, rate.quotient_max, rate.unit_cents))
    bookings = session.exec(
        select(Booking)
        .where(
            col(Booking.activity_id).in_(list(activities)),
            col(Booking.day) >= first,
            col(Booking.day) <= last,
        )
        .order_by(col(Booking.family_id), col(Booking.child_id), col(Booking.day))
    ).all()
    # (family, service, payer) -> (child, activity) -> days billed
    groups: dict[tuple[int, int, int], dict[tuple[int, int], int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for booking in bookings:
        if not billable(booking, rule):
            continue
        activity = activities[booking.activity_id]
        key = (booking.family_id, activity.billing_service_id or 0, booking.payer_guardian_id)
        groups[key][(booking.child_id, booking.activity_id)] += 1
    quotients = dict(
        session.exec(
            select(FamilyRecord.family_id, FamilyRecord.family_quotient).where(
                col(FamilyRecord.family_id).in_({k[0] for k in groups})
            )
        ).all()
    )
    child_ids = {c for lines in groups.values() for c, _a in lines}
    names = dict(
        session.exec(select(Child.id, Child.first_name).where(col(Child.id).in_(child_ids))).all()
    )
    org = organisation(session, organisation_id)
    # One query for the month's invoices already issued, instead of one per family.
    issued = set(
        session.exec(
            select(Invoice.origin_key).where(
                Invoice.organisation_id == organisation_id,
                col(Invoice.origin_key).startswith(f"planning:{first:%Y-%m}:"),
            )
        ).all()
    )
    created = existing = total = 0
    for (family_id, service_id, payer_id), lines in sorted(groups.items()):
        origin = origin_key(first, family_id, service_id, payer_id)
        if origin in issued:
            existing += 1
            continue
        quotient = quotients.get(family_id)
        new_lines = [
            NewLine(
                label=f"{activities[activity_id].name} — {names.get(child_id, '')}"[:200],
                unit_cents=unit_price(rates[activity_id], quotient),
                quantity=days,
                child_id=child_id,
            )
            for (child_id, activity_id), days in sorted(lines.items())
        ]
        new_lines = [line for line in new_lines if line.unit_cents > 0] or new_lines
        period = format_day(first, locale_for("fr", org.country), "MMMM y")
        invoice = create_invoice(
            session,
            organisation_id=organisation_id,
            billing_service_id=service_id,
            family_id=family_id,
            payer_guardian_id=payer_id,
            label=translate("fr", "planning.invoice.label", month=period)[:200],
            lines=new_lines,
            issued_on=issued_on,
            due_on=issued_on + timedelta(days=due_days),
            origin_key=origin,
            period_start=first,
            period_end=last,
        )
        created += 1
        total += invoice.total_cents
        if notify:
            _tell_payer(session, invoice, org.country, first)
    session.flush()
    return InvoicingReport(created, existing, total)


def _tell_payer(session: Session, invoice: Invoice, country: str, month: date) -> None:
    """A message in the portal and an e-mail to the paying guardian (and the up to 3 extra
    addresses of their account), in their language; the invoice is then marked as told so
    the finances' catch-up run (notify_unnotified_invoices) never tells it twice."""
    from portail_famille.domain.money import Money
    from portail_famille.i18n.formatting import format_money
    from portail_famille.models import MessageThread
    from portail_famille.services.finance_mail import reader
    from portail_famille.services.messaging import add_message
    from portail_famille.services.planning_notify import service_author

    payer = session.get(Guardian, invoice.payer_guardian_id)
    account = session.get(UserAccount, payer.user_id) if payer and payer.user_id else None
    who = reader(session, payer) if payer is not None else None
    if payer is None or account is None or account.id is None or who is None:
        return
    locale = locale_for(account.locale, country)
    params = {
        "month": format_day(month, locale, "LLLL y"),
        "amount": format_money(Money(invoice.total_cents, invoice.currency), locale),
    }
    thread = MessageThread(
        organisation_id=payer.organisation_id,
        guardian_user_id=account.id,
        subject=translate(account.locale, "planning.invoice_message.subject", **params)[:200],
    )
    session.add(thread)
    session.flush()
    body = translate(account.locale, "planning.invoice_message.body", **params)
    add_message(
        session, thread, service_author(session, payer.organisation_id, account.id), True, body, ()
    )
    for address in (who.address, *who.extra):
        send_message(
            session,
            recipient=address,
            template="planning_invoice",
            language=account.locale,
            organisation_id=payer.organisation_id,
            **params,
        )
    invoice.notified_at = utcnow()
    session.add(invoice)


def bill_month_as_staff(
    session: Session, *, user_id: int, organisation_id: int, month: date, issued_on: date
) -> InvoicingReport:
    """Staff run: only someone serving the whole organisation (not one school) may bill it."""
    scope = staff_scope(session, user_id)
    if scope.schools_by_organisation.get(organisation_id, frozenset()) is not None:
        raise Forbidden
    return bill_month(session, organisation_id=organisation_id, month=month, issued_on=issued_on)
