"""Mail the portal sent, or would have sent: with no SMTP server configured it stays here."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class OutboxMail(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = timestamp_field(index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    recipient: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body: str  # sealed (services/sealing.py) when it carries a code someone could use
    sealed: bool = Field(default=False)
    sent_at: datetime | None = timestamp_field(default=None, default_factory=None)
