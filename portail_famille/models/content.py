"""News that organisations publish (menus, outings), readable before sign-in when public."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class NewsItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    title: str = Field(max_length=200)
    body: str = Field(max_length=5000)
    language: str = Field(default="fr", max_length=8)
    public: bool = True
    # Staff withdraw a news item without deleting it (unpublish).
    published: bool = True
    published_at: datetime = timestamp_field(index=True)
