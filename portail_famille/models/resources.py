"""Resources and links an organisation offers its families (guides, forms, useful sites)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class Resource(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    title: str = Field(max_length=200)
    url: str | None = Field(default=None, max_length=500)
    body: str | None = Field(default=None, max_length=5000)
    published: bool = True
    created_at: datetime = timestamp_field()
