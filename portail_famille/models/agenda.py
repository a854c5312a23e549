"""What the agenda shows: timetables, the school calendar, work due, and guardians' iCal feeds."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class TimetablePeriod(SQLModel, table=True):
    """One weekly period of a secondary school group, as the school's system exports it."""

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    school_year_id: int = Field(foreign_key="schoolyear.id", index=True)
    group_name: str = Field(max_length=32)
    weekday: int  # 0 = Monday, as date.weekday()
    starts_at: time
    ends_at: time
    subject: str = Field(max_length=120)
    teacher_name: str = Field(max_length=120)
    room: str = Field(max_length=32)


class CalendarEventKind(StrEnum):
    PEDAGOGICAL_DAY = "pedagogical_day"
    HOLIDAY = "holiday"
    EVENT = "event"


class CalendarEvent(SQLModel, table=True):
    """A day or a range in the school calendar: for one school, or (school_id None) all of them."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    kind: CalendarEventKind = Field(sa_type=String(32))
    title: str = Field(max_length=200)
    starts_on: date = Field(index=True)
    ends_on: date  # inclusive


class WorkDue(SQLModel, table=True):
    """Homework or an assignment a teacher set for a group, due on a day."""

    id: int | None = Field(default=None, primary_key=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    group_name: str = Field(max_length=32)
    subject: str = Field(max_length=120)
    title: str = Field(max_length=200)
    details: str = Field(default="", max_length=2000)
    due_on: date = Field(index=True)


class CalendarFeed(SQLModel, table=True):
    """A guardian's private iCalendar address. Only the token's SHA-256 is kept."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="useraccount.id", index=True)
    token_hash: str = Field(unique=True, max_length=64)
    created_at: datetime = timestamp_field()
    revoked_at: datetime | None = timestamp_field(default=None, default_factory=None)
