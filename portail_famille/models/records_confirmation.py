"""A household's yearly confirmation of its records and consents, asked by its organisation.

The organisation sets the day it is due (organisationsettings.records_confirmation_due_on); one row
per household and campaign year says when a guardian confirmed the records and gave the consents.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class RecordsConfirmation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("family_id", "year", name="uq_records_confirmation_year"),)

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    family_id: int = Field(foreign_key="family.id", index=True)
    year: int  # the campaign: the year of the due day
    records_confirmed_by: int | None = Field(default=None, foreign_key="useraccount.id")
    records_confirmed_at: datetime | None = timestamp_field(default=None, default_factory=None)
    consents_given_by: int | None = Field(default=None, foreign_key="useraccount.id")
    consents_given_at: datetime | None = timestamp_field(default=None, default_factory=None)
