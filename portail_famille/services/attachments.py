"""Attachment files under the data folder: written only once checked, read only by participants."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from portail_famille.config import get_settings
from portail_famille.domain.attachments import check_attachment


@dataclass(frozen=True)
class StoredFile:
    """A checked file waiting to join a message: its key, safe name, real type and size."""

    storage_key: str
    filename: str
    content_type: str
    size: int


def attachments_dir() -> Path:
    return Path(get_settings().data_dir) / "attachments"


def store_file(name: str, data: bytes) -> StoredFile:
    """Checks the bytes (AttachmentRefused otherwise, nothing written) and writes them."""
    content_type, filename = check_attachment(name, data)
    folder = attachments_dir()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(24)
    (folder / key).write_bytes(data)
    return StoredFile(key, filename, content_type, len(data))


def read_file(storage_key: str) -> bytes | None:
    """The stored bytes, or None when the key is not one we could have made."""
    if not storage_key.replace("-", "").replace("_", "").isalnum():
        return None
    path = attachments_dir() / storage_key
    return path.read_bytes() if path.is_file() else None


def discard_file(storage_key: str) -> None:
    """Removes a file that never joined a message (the user removed it, or sending failed)."""
    if storage_key.replace("-", "").replace("_", "").isalnum():
        (attachments_dir() / storage_key).unlink(missing_ok=True)
