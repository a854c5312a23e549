"""Children's absences: declared by the family ahead, or recorded by the school."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import String, event
from sqlmodel import Field, SQLModel, UniqueConstraint

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


def time_key(kind: AbsenceKind, at_time: time | None) -> str:
    """The absence's time as the unique key holds it: "" for a full day, else "HH:MM"."""
    return "" if kind == AbsenceKind.FULL_DAY or at_time is None else at_time.strftime("%H:%M")


class Absence(SQLModel, table=True):
    # The same absence (child, day, kind, time) exists once, whoever records it: a family's
    # declaration and the school's record of it, or a double submit, make one row.
    __table_args__ = (
        UniqueConstraint("child_id", "starts_on", "kind", "at_key", name="uq_absence_same"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    starts_on: date = Field(index=True)
    ends_on: date  # inclusive
    kind: AbsenceKind = Field(sa_type=String(32))
    at_time: time | None = None
    at_key: str = Field(default="", max_length=5)  # time_key(kind, at_time), never NULL
    source: AbsenceSource = Field(sa_type=String(16))
    reason_id: int | None = Field(default=None, foreign_key="absencereason.id")
    reason_text: str = Field(default="", max_length=500)  # "other", or more detail
    justified: bool = False
    created_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    created_at: datetime = timestamp_field()
    justified_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
    justified_at: datetime | None = timestamp_field(default=None, default_factory=None)


@event.listens_for(Absence, "before_insert")
@event.listens_for(Absence, "before_update")
def _keep_time_key(_mapper: object, _connection: object, absence: Absence) -> None:
    # Computed here, not by each caller, so no code path can store a row the key misjudges.
    absence.at_key = time_key(AbsenceKind(absence.kind), absence.at_time)
