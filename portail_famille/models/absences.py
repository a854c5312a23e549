"""Children's absences: declared by the family ahead, or recorded by the school."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class AbsenceReason(SQLModel, table=True):
    """One entry of an organisation's list of reasons, in both languages of the portal."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    label_fr: str = Field(max_length=120)
    label_en: str = Field(max_length=120)
    position: int = 0


class AbsenceKind(StrEnum):
    FULL_DAY = "full_day"
    LATE_ARRIVAL = "late_arrival"  # arrives at `at_time`
    EARLY_DEPARTURE = "early_departure"  # leaves at `at_time`


class AbsenceSource(StrEnum):
    FAMILY = "family"
    SCHOOL = "school"


class Absence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    starts_on: date = Field(index=True)
    ends_on: date  # inclusive
    kind: AbsenceKind = Field(sa_type=String(32))
    at_time: time | None = None
    source: AbsenceSource = Field(sa_type=String(16))
    reason_id: int | None = Field(default=None, foreign_key="absencereason.id")
    reason_text: str = Field(default="", max_length=500)  # "other", or more detail
    justified: bool = False
    created_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    created_at: datetime = timestamp_field()
    justified_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    justified_at: datetime | None = timestamp_field(default=None, default_factory=None)
