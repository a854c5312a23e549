"""Municipal activities families book days of (accueil du matin, cantine, centre de loisirs).

Staff set each activity: the days of the week it runs, its capacity, its rates by family-quotient
bracket, its cut-off rule, the periods it is open or closed, and the régie that bills it.
"""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel


class ActivityKind(StrEnum):
    MORNING_CARE = "morning_care"
    LUNCH = "lunch"
    EVENING_CARE = "evening_care"
    HOLIDAY_CENTRE = "holiday_centre"
    DAYCARE = "daycare"


class CutoffKind(StrEnum):
    # "Friday 12:00 for the next week" (seed 004): one deadline for the whole week.
    WEEKLY = "weekly"
    # "2 days before at 18:00": one deadline per day.
    DAYS_BEFORE = "days_before"


class Activity(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    name: str = Field(max_length=200)
    kind: ActivityKind = Field(sa_type=String(32))
    capacity: int | None = None  # places per day; None: no limit
    # ISO weekdays it runs, Monday = 1: "1,2,4,5" for a French school week without Wednesday.
    weekdays: str = Field(default="1,2,4,5", max_length=16)
    cutoff_kind: CutoffKind = Field(default=CutoffKind.WEEKLY, sa_type=String(16))
    cutoff_weekday: int = 5  # ISO weekday of the weekly deadline (Friday)
    cutoff_days: int = 2  # days before, for DAYS_BEFORE
    cutoff_time: time = Field(default=time(12, 0))
    billing_service_id: int | None = Field(default=None, foreign_key="billingservice.id")
    school_year_id: int | None = Field(default=None, foreign_key="schoolyear.id")
    active: bool = True


class ActivityRate(SQLModel, table=True):
    """The price of one day for families whose quotient is in [quotient_min, quotient_max]."""

    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    quotient_min: int = 0
    quotient_max: int | None = None  # None: no upper bound (and families without a quotient)
    unit_cents: int


class PeriodKind(StrEnum):
    OPEN = "open"  # the school year, or a holiday centre's holidays
    CLOSED = "closed"  # holidays for périscolaire, a closed bank-holiday bridge


class ActivityPeriod(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    kind: PeriodKind = Field(sa_type=String(16))
    label: str = Field(default="", max_length=100)
    starts_on: date
    ends_on: date


class BookingPolicy(StrEnum):
    FREE = "free"
    PREPAID = "prepaid"  # the family's credit must cover the days booked
    BALANCE_LIMIT = "balance_limit"  # no new booking while unpaid balance > threshold


class AbsenceBilling(StrEnum):
    UNJUSTIFIED = "unjustified"  # an unjustified absence is billed, a justified one is not
    NONE = "none"  # no absence is billed


class PlanningSettings(SQLModel, table=True):
    """An organisation's planning rules (one row; defaults when missing)."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", unique=True)
    booking_policy: BookingPolicy = Field(default=BookingPolicy.FREE, sa_type=String(16))
    balance_threshold_cents: int = 0
    absence_billing: AbsenceBilling = Field(default=AbsenceBilling.UNJUSTIFIED, sa_type=String(16))
    # Seed 004: "from October, last school year's movements are no longer shown".
    history_hidden_month: int = 10
    history_hidden_day: int = 1
