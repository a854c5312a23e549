"""A child registered in an activity (accueil, cantine, centre de loisirs) by a request."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from portail_famille.models.base import timestamp_field


class ActivityRegistration(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("child_id", "activity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    child_id: int = Field(foreign_key="child.id", index=True)
    activity_id: int = Field(foreign_key="activity.id", index=True)
    registered_at: datetime = timestamp_field()
    # The accepted request that made it, so the family's history can point to it.
    request_id: int | None = Field(default=None, foreign_key="changerequest.id")
