"""Who saw or changed what, and when."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import JSON, Column, Field, SQLModel

from portail_famille.models.base import timestamp_field


class AuditEntry(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = timestamp_field(index=True)
    actor_user_id: int | None = Field(default=None, foreign_key="useraccount.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    action: str = Field(max_length=64)  # "auth.sign_in", "child.view", ...
    object_type: str | None = Field(default=None, max_length=32)
    object_id: int | None = None
    # Whose record the entry is about, for the guardian's "who viewed" list and the admin's
    # search: indexed copies, not foreign keys, so the log outlives what it speaks of.
    child_id: int | None = Field(default=None, index=True)
    family_id: int | None = Field(default=None, index=True)
    detail: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON))
