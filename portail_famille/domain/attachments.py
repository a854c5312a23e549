"""What a message attachment may be: a PDF, JPEG or PNG by its content, at most 5 MB."""

from __future__ import annotations

import re
import unicodedata

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 5

# The first bytes of each accepted format; a file's name or claimed type proves nothing.
_SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


class AttachmentRefused(ValueError):
    """The file is not accepted; `key` is the catalogue key of the reason shown to the user."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def sniff(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF, PNG or JPEG judged by its bytes, else None."""
    for signature, content_type, extension in _SIGNATURES:
        if data.startswith(signature):
            return content_type, extension
    return None


def safe_filename(name: str, extension: str) -> str:
    """A plain file name ending in the extension of what the bytes really are."""
    stem = unicodedata.normalize("NFC", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._")[:80] or "piece-jointe"
    return f"{stem}.{extension}"


def check_attachment(name: str, data: bytes) -> tuple[str, str]:
    """(content type, safe file name), or AttachmentRefused with the reason's key."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused("messages.attachment_too_large")
    if not data:
        raise AttachmentRefused("messages.attachment_empty")
    found = sniff(data)
    if found is None:
        raise AttachmentRefused("messages.attachment_type")
    content_type, extension = found
    return content_type, safe_filename(name, extension)
