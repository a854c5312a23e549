"""Display rows of threads and messages, shared by the family's and the staff's message pages."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from portail_famille.api.attachments import attachment_url
from portail_famille.domain.attachments import (
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    AttachmentRefused,
)
from portail_famille.i18n import LANGUAGES
from portail_famille.i18n.formatting import format_moment, locale_for
from portail_famille.services.attachments import StoredFile, discard_file, store_file
from portail_famille.services.messaging import MessageDetail, ThreadSummary


@dataclass
class ThreadRow:
    subject: str
    counterpart: str
    child_name: str
    last: dict[str, str]  # the date in each language
    unread: int


@dataclass
class AttachmentRow:
    name: str
    href: str  # an opaque address; the route checks the reader again


@dataclass
class MessageRow:
    author: str
    from_staff: bool
    body: str
    sent: dict[str, str]
    attachments: list[AttachmentRow]


def _moments(value, timezone: str, country: str) -> dict[str, str]:
    return {
        language: format_moment(value, timezone, locale_for(language, country))
        for language in LANGUAGES
    }


def thread_rows(rows: list[ThreadSummary]) -> list[ThreadRow]:
    return [
        ThreadRow(
            subject=row.subject,
            counterpart=row.counterpart,
            child_name=row.child_name,
            last=_moments(row.last_message_at, row.timezone, row.country),
            unread=row.unread,
        )
        for row in rows
    ]


def message_rows(details: list[MessageDetail], timezone: str, country: str) -> list[MessageRow]:
    return [
        MessageRow(
            author=detail.author,
            from_staff=detail.from_staff,
            body=detail.body,
            sent=_moments(detail.created_at, timezone, country),
            attachments=[
                AttachmentRow(a.filename, attachment_url(a.storage_key)) for a in detail.attachments
            ],
        )
        for detail in details
    ]


async def take_uploads(
    files: list[rx.UploadFile], pending: list[StoredFile]
) -> tuple[list[StoredFile], str]:
    """Checks and keeps each file: (files now pending, key of a refusal or "")."""
    error = ""
    kept = list(pending)
    for upload in files[:MAX_ATTACHMENTS]:
        if len(kept) >= MAX_ATTACHMENTS:
            error = "messages.attachment_count"
            break
        data = await upload.read(MAX_ATTACHMENT_BYTES + 1)  # one more: store_file refuses it
        try:
            kept.append(store_file(upload.name or "", data))
        except AttachmentRefused as refused:
            error = refused.key
    return kept, error


def drop_pending(pending: list[StoredFile]) -> None:
    for stored in pending:
        discard_file(stored.storage_key)


ATTACHMENT_ERRORS = [
    "messages.attachment_too_large",
    "messages.attachment_empty",
    "messages.attachment_type",
    "messages.attachment_count",
]
