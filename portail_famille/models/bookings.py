"""Booked days, their history, the per-day place counter and the waiting list."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class ActivityDay(SQLModel, table=True):
    """Places taken on one day of an activity.

    Booking increments `booked` with `UPDATE ... WHERE booked < capacity` in the booking's own
    transaction: the database, not the application, guarantees capacity under concurrency.
    """

    __table_args__ = (UniqueConstraint("activity_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    day: date
    booked: int = 0


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"


class Booking(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("activity_id", "child_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    day: date = Field(index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    # Who pays this day: in shared custody, the paying guardian of the household that booked.
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    attendance: Attendance | None = Field(default=None, sa_type=String(16))
    absence_declared: bool = False  # the family said ahead the child would not come
    absence_justified: bool = False
    created_at: datetime = timestamp_field()


class ChangeAction(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    ABSENCE = "absence"
    WAITING = "waiting"
    PROMOTED = "promoted"  # a freed place given to the first family waiting


class ChangeChannel(StrEnum):
    WEB = "web"  # "par le web"
    STAFF = "staff"  # "par la mairie"


class BookingChange(SQLModel, table=True):
    """One line of "mes dernières modifications"."""

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    day: date
    action: ChangeAction = Field(sa_type=String(16))
    channel: ChangeChannel = Field(sa_type=String(16))
    by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    at: datetime = timestamp_field(index=True)


class WaitingEntry(SQLModel, table=True):
    """A family waiting for a place on a full day; the lowest id gets the next freed place."""

    __table_args__ = (UniqueConstraint("activity_id", "child_id", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    day: date = Field(index=True)
    family_id: int = Field(foreign_key="family.id")
    payer_guardian_id: int = Field(foreign_key="guardian.id")
    requested_by: int = Field(foreign_key="useraccount.id")
    created_at: datetime = timestamp_field()


class BilledDay(SQLModel, table=True):
    """One booked day as billed: by which invoice (and line), at which price, to which payer.

    A later run of the month bills exactly the days not yet here and credits exactly the days
    here whose booking is gone (or no longer billable); `credit_line_id` records the credit.
    `open_key` ("activity:child:day") is set while the day stands billed and cleared when it is
    credited (a free day, with nothing to give back, is just released): its unique constraint
    lets a day stand billed only once, whatever runs at once.
    """

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    day: date = Field(index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    payer_guardian_id: int = Field(foreign_key="guardian.id", index=True)
    billing_service_id: int = Field(foreign_key="billingservice.id")
    unit_cents: int
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    # Empty for a free day (no line printed for it) and for days adopted from an invoice issued
    # before days were tracked, when no line of that child was found.
    line_id: int | None = Field(default=None, foreign_key="invoiceline.id")
    credit_invoice_id: int | None = Field(default=None, foreign_key="invoice.id", index=True)
    credit_line_id: int | None = Field(default=None, foreign_key="invoiceline.id")
    open_key: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = timestamp_field()
