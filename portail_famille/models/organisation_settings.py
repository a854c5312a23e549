"""Per-organisation dates families live by: the re-enrolment period and the yearly records check."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field, SQLModel


class OrganisationSettings(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", unique=True)
    # Families may ask to re-enrol a child only between these days (both included).
    reenrolment_opens_on: date | None = None
    reenrolment_closes_on: date | None = None
    # The day by which families confirm their records and consents, each year.
    records_confirmation_due_on: date | None = None
