"""What billing a month would issue, read without writing anything: per family, régie and payer,
the month's first invoice, a supplementary invoice for days booked since it, or a credit note for
billed days since cancelled (or no longer billable, as a justified absence).

The difference is taken between the days billable now and the days already billed (BilledDay):
issuing exactly this preview (services/planning_invoicing.bill_month) bills each day once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import select as columns_of
from sqlmodel import Session, col, select

from portail_famille.domain.planning_days import unit_price
from portail_famille.models import (
    AbsenceBilling,
    Activity,
    ActivityRate,
    Attendance,
    BilledDay,
    Booking,
    Child,
    Family,
    FamilyRecord,
    Guardian,
    Invoice,
)
from portail_famille.services.planning_catalog import organisation, settings_for


class DocumentKind(StrEnum):
    INVOICE = "invoice"  # the month's first invoice for this family, régie and payer
    SUPPLEMENT = "supplement"  # days booked (or become billable) after it
    CREDIT = "credit"  # billed days since cancelled or no longer billable


# (activity, child, day): a booked day, billed at most once at a time.
DayKey = tuple[int, int, date]
# (family, régie, payer): who an invoice is for.
Group = tuple[int, int, int]


@dataclass(frozen=True)
class PlannedLine:
    child_id: int
    activity_id: int
    label: str
    unit_cents: int  # negative on a credit note
    days: tuple[date, ...]
    billed_ids: tuple[int, ...] = ()  # a credit line: the BilledDay rows it undoes

    @property
    def quantity(self) -> int:
        return len(self.days)

    @property
    def amount_cents(self) -> int:
        return self.unit_cents * self.quantity


@dataclass(frozen=True)
class PlannedDocument:
    kind: DocumentKind
    family_id: int
    billing_service_id: int
    payer_guardian_id: int
    family_name: str
    payer_name: str
    lines: tuple[PlannedLine, ...]
    # Free days (a zero rate) billed with this invoice without a printed line of their own.
    free_days: tuple[PlannedLine, ...] = ()

    @property
    def group(self) -> Group:
        return (self.family_id, self.billing_service_id, self.payer_guardian_id)

    @property
    def total_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines)


@dataclass(frozen=True)
class InvoicingPreview:
    organisation_id: int
    month: date  # its first day
    currency: str
    documents: tuple[PlannedDocument, ...]
    already_billed: int  # groups billed before with nothing new
    # Invoices issued before days were tracked: their days, taken as billed by them.
    adopted: dict[int, tuple[BillableDay, ...]] = field(default_factory=dict)
    # Free days billed, since cancelled: nothing to give back, they just stop standing billed.
    released: tuple[int, ...] = ()

    @property
    def billed_cents(self) -> int:
        return sum(d.total_cents for d in self.documents if d.kind != DocumentKind.CREDIT)

    @property
    def credited_cents(self) -> int:
        return -sum(d.total_cents for d in self.documents if d.kind == DocumentKind.CREDIT)

    @property
    def total_cents(self) -> int:
        return self.billed_cents - self.credited_cents

    @property
    def fingerprint(self) -> str:
        """Changes whenever what would be issued changes: the console issues only what it showed."""
        material = repr(
            [
                (
                    d.kind,
                    d.group,
                    [(ln.child_id, ln.activity_id, ln.unit_cents, ln.days) for ln in d.lines],
                )
                for d in self.documents
            ]
        )
        return hashlib.sha256(material.encode()).hexdigest()[:32]


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def origin_key(month: date, family_id: int, service_id: int, payer_id: int) -> str:
    return f"planning:{month:%Y-%m}:{family_id}:{service_id}:{payer_id}"


def billable(booking: Booking, rule: AbsenceBilling) -> bool:
    """A justified absence is never billed; an unjustified one only under the UNJUSTIFIED rule."""
    absent = booking.absence_declared or booking.attendance == Attendance.ABSENT
    if not absent:
        return True
    if booking.absence_justified:
        return False
    return rule == AbsenceBilling.UNJUSTIFIED


@dataclass(frozen=True)
class BillableDay:
    """A day billable now (its price now), or a day standing billed (its price then)."""

    key: DayKey
    group: Group
    unit_cents: int
    billed_id: int | None = None
    booked_at: datetime | None = None


def preview_month(session: Session, *, organisation_id: int, month: date) -> InvoicingPreview:
    """What `bill_month` would issue now for the month; reads only."""
    first, last = month_bounds(month)
    org = organisation(session, organisation_id)
    activities = {
        a.id: a
        for a in session.exec(
            select(Activity).where(
                Activity.organisation_id == organisation_id,
                col(Activity.billing_service_id).is_not(None),
            )
        ).all()
    }
    now = _billable_now(session, organisation_id, activities, first, last)
    billed = _standing_billed(session, organisation_id, first, last)
    issued = dict(
        session.exec(
            select(Invoice.origin_key, Invoice.id).where(
                Invoice.organisation_id == organisation_id,
                col(Invoice.origin_key).startswith(f"planning:{first:%Y-%m}:"),
            )
        ).all()
    )
    adopted = _legacy(session, now, billed, issued, first)
    for days in adopted.values():
        billed.update((day.key, day) for day in days)
    new: dict[Group, list[BillableDay]] = defaultdict(list)
    gone: dict[Group, list[BillableDay]] = defaultdict(list)
    for key, day in now.items():
        was = billed.get(key)
        if was is None or was.group != day.group:
            new[day.group].append(day)
    for key, was in billed.items():
        still = now.get(key)
        if still is None or still.group != was.group:
            gone[was.group].append(was)
    names = _Names(session, {*now.values(), *billed.values()}, activities)
    documents: list[PlannedDocument] = []
    released: list[int] = []
    for group in sorted(gone):
        document = _document(DocumentKind.CREDIT, group, gone[group], names)
        if document is not None:
            documents.append(document)
        else:
            released.extend(d.billed_id for d in gone[group] if d.billed_id)
    for group in sorted(new):
        first_invoice = origin_key(first, *group) not in issued
        kind = DocumentKind.INVOICE if first_invoice else DocumentKind.SUPPLEMENT
        document = _document(kind, group, new[group], names)
        if document is not None:
            documents.append(document)
    touched = {d.group for d in documents}
    already = sum(
        1 for g in {d.group for d in (*now.values(), *billed.values())} if g not in touched
    )
    return InvoicingPreview(
        organisation_id, first, org.currency, tuple(documents), already, adopted, tuple(released)
    )


def _billable_now(
    session: Session, organisation_id: int, activities: dict, first: date, last: date
) -> dict[DayKey, BillableDay]:
    rule = settings_for(session, organisation_id).absence_billing
    rates: dict[int, list[tuple[int, int | None, int]]] = defaultdict(list)
    for rate in session.exec(
        select(ActivityRate).where(col(ActivityRate.activity_id).in_(list(activities)))
    ).all():
        rates[rate.activity_id].append((rate.quotient_min, rate.quotient_max, rate.unit_cents))
    bookings = [
        b
        for b in session.exec(
            select(Booking).where(
                col(Booking.activity_id).in_(list(activities)),
                col(Booking.day) >= first,
                col(Booking.day) <= last,
            )
        ).all()
        if billable(b, rule)
    ]
    quotients = dict(
        session.exec(
            select(FamilyRecord.family_id, FamilyRecord.family_quotient).where(
                col(FamilyRecord.family_id).in_({b.family_id for b in bookings})
            )
        ).all()
    )
    out: dict[DayKey, BillableDay] = {}
    for b in bookings:
        service = activities[b.activity_id].billing_service_id or 0
        key = (b.activity_id, b.child_id, b.day)
        price = unit_price(rates[b.activity_id], quotients.get(b.family_id))
        group = (b.family_id, service, b.payer_guardian_id)
        out[key] = BillableDay(key, group, price, booked_at=b.created_at)
    return out


def _standing_billed(
    session: Session, organisation_id: int, first: date, last: date
) -> dict[DayKey, BillableDay]:
    # Columns, not objects: a month of a large commune is tens of thousands of days.
    columns = (
        BilledDay.id,
        BilledDay.activity_id,
        BilledDay.child_id,
        BilledDay.day,
        BilledDay.family_id,
        BilledDay.billing_service_id,
        BilledDay.payer_guardian_id,
        BilledDay.unit_cents,
    )
    rows = session.execute(
        columns_of(*(col(c) for c in columns)).where(
            col(BilledDay.organisation_id) == organisation_id,
            col(BilledDay.day) >= first,
            col(BilledDay.day) <= last,
            col(BilledDay.open_key).is_not(None),  # standing: not credited nor released
        )
    ).all()
    return {
        (activity, child, day): BillableDay(
            (activity, child, day), (family, service, payer), unit, billed_id=billed_id
        )
        for billed_id, activity, child, day, family, service, payer, unit in rows
    }


def _legacy(
    session: Session,
    now: dict[DayKey, BillableDay],
    billed: dict[DayKey, BillableDay],
    issued: dict[str, int | None],
    first: date,
) -> dict[int, tuple[BillableDay, ...]]:
    """Month invoices issued before days were tracked (no BilledDay points to them): the days of
    their group booked before they were issued were billed by them (that run billed every day
    booked), so an upgrade never bills those twice, and bills the days booked since."""
    base_ids = {
        invoice_id
        for origin, invoice_id in issued.items()
        if invoice_id is not None and origin.count(":") == 4
    }
    if not base_ids:
        return {}
    tracked = set(
        session.exec(
            select(BilledDay.invoice_id).where(col(BilledDay.invoice_id).in_(base_ids))
        ).all()
    )
    issued_at = dict(
        session.exec(
            select(Invoice.id, Invoice.created_at).where(col(Invoice.id).in_(base_ids - tracked))
        ).all()
    )
    out: dict[int, list[BillableDay]] = defaultdict(list)
    for key, day in sorted(now.items()):
        invoice_id = issued.get(origin_key(first, *day.group))
        when = issued_at.get(invoice_id or 0)
        if when is None or key in billed or day.booked_at is None:
            continue
        if day.booked_at <= when:
            out[invoice_id or 0].append(day)
    return {invoice_id: tuple(days) for invoice_id, days in out.items()}


class _Names:
    """Family, payer, child and activity names for the preview and the lines' labels."""

    def __init__(self, session: Session, days: set[BillableDay], activities: dict) -> None:
        families = {d.group[0] for d in days}
        payers = {d.group[2] for d in days}
        children = {d.key[1] for d in days}
        self.activities = {i: a.name for i, a in activities.items()}
        self.families = dict(
            session.exec(select(Family.id, Family.name).where(col(Family.id).in_(families))).all()
        )
        self.payers = {
            g.id: f"{g.first_name} {g.last_name}"
            for g in session.exec(select(Guardian).where(col(Guardian.id).in_(payers))).all()
        }
        self.children = dict(
            session.exec(
                select(Child.id, Child.first_name).where(col(Child.id).in_(children))
            ).all()
        )

    def label(self, activity_id: int, child_id: int) -> str:
        return f"{self.activities.get(activity_id, '')} — {self.children.get(child_id, '')}"[:200]


def _document(
    kind: DocumentKind, group: Group, days: list[BillableDay], names: _Names
) -> PlannedDocument | None:
    """One document's lines, a line per child, activity and price; None when there is nothing
    to ask or give back (only free days), except a month's first invoice, issued even at zero."""
    by_line: dict[tuple[int, int, int], list[BillableDay]] = defaultdict(list)
    for day in days:
        by_line[(day.key[1], day.key[0], day.unit_cents)].append(day)
    sign = -1 if kind == DocumentKind.CREDIT else 1
    lines = [
        PlannedLine(
            child_id=child_id,
            activity_id=activity_id,
            label=names.label(activity_id, child_id),
            unit_cents=sign * unit,
            days=tuple(sorted(d.key[2] for d in group_days)),
            billed_ids=tuple(sorted(d.billed_id or 0 for d in group_days if d.billed_id)),
        )
        for (child_id, activity_id, unit), group_days in sorted(by_line.items())
    ]
    priced = [line for line in lines if line.unit_cents != 0]
    free = [line for line in lines if line.unit_cents == 0]
    if not priced and kind != DocumentKind.INVOICE:
        return None
    family_id, service_id, payer_id = group
    return PlannedDocument(
        kind=kind,
        family_id=family_id,
        billing_service_id=service_id,
        payer_guardian_id=payer_id,
        family_name=names.families.get(family_id, ""),
        payer_name=names.payers.get(payer_id, ""),
        lines=tuple(priced or free),
        free_days=tuple(free) if priced else (),
    )
