"""Per-organisation settings: the dates families live by (the re-enrolment period, the yearly
records check) and the identity providers the organisation's staff may sign in with."""

from __future__ import annotations

from datetime import date

from sqlmodel import JSON, Column, Field, SQLModel


class OrganisationSettings(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", unique=True)
    # Families may ask to re-enrol a child only between these days (both included).
    reenrolment_opens_on: date | None = None
    reenrolment_closes_on: date | None = None
    # The day by which families confirm their records and consents, each year.
    records_confirmation_due_on: date | None = None
    # Names of the OpenID Connect providers that may open the console for this organisation's
    # staff. None listed (the default): staff sign in with their password only.
    staff_oidc_providers: list[str] = Field(default_factory=list, sa_column=Column(JSON))
