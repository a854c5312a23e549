"""Message threads between one guardian's account and a school or an organisation's service."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from portail_famille.models.base import timestamp_field


class MessageThread(SQLModel, table=True):
    """A conversation: a guardian's account and a school (or the whole service)."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    # None: the organisation's service (service enfance, centre de services), not one school.
    school_id: int | None = Field(default=None, foreign_key="school.id", index=True)
    guardian_user_id: int = Field(foreign_key="useraccount.id", index=True)
    child_id: int | None = Field(default=None, foreign_key="child.id")
    subject: str = Field(max_length=200)
    created_at: datetime = timestamp_field()
    last_message_at: datetime = timestamp_field(index=True)


class ThreadMessage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    thread_id: int = Field(foreign_key="messagethread.id", index=True)
    author_user_id: int = Field(foreign_key="useraccount.id")
    from_staff: bool
    body: str = Field(max_length=5000)
    created_at: datetime = timestamp_field()
    # When the other side first opened it: unread counts are messages without it.
    read_at: datetime | None = timestamp_field(default=None, default_factory=None)


class MessageAttachment(SQLModel, table=True):
    """A file sent with a message; the bytes live under the data folder, named by `storage_key`."""

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="threadmessage.id", index=True)
    storage_key: str = Field(max_length=64, unique=True)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=64)
    size: int
