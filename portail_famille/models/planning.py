"""Municipal activities families book days of (accueil du matin, cantine, centre de loisirs)."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel


class ActivityKind(StrEnum):
    MORNING_CARE = "morning_care"
    LUNCH = "lunch"
    EVENING_CARE = "evening_care"
    HOLIDAY_CENTRE = "holiday_centre"
    DAYCARE = "daycare"


class Activity(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    name: str = Field(max_length=200)
    kind: ActivityKind = Field(sa_type=String(32))
    capacity: int | None = None
