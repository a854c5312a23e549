"""Messages from people without an account, routed to a school's inbox in the console."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class ContactMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    school_id: int = Field(foreign_key="school.id", index=True)
    sender_name: str = Field(max_length=200)
    sender_email: str = Field(max_length=254)
    sender_phone: str = Field(max_length=32)
    child_name: str = Field(max_length=200)
    subject: str = Field(max_length=200)
    body: str = Field(max_length=5000)
    created_at: datetime = timestamp_field(index=True)
    handled_at: datetime | None = timestamp_field(default=None, default_factory=None)
    handled_by_user_id: int | None = Field(default=None, foreign_key="useraccount.id")
