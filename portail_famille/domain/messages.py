"""What a message must hold before it is sent: rules shared by families and staff."""

from __future__ import annotations

MAX_SUBJECT = 200
MAX_BODY = 5000


def message_errors(body: str, subject: str | None = None) -> dict[str, str]:
    """Field name -> catalogue key of what is wrong; empty when the message may be sent.

    `subject` is None for a reply (the thread already has one).
    """
    errors: dict[str, str] = {}
    if subject is not None:
        if not subject.strip():
            errors["subject"] = "messages.subject_required"
        elif len(subject.strip()) > MAX_SUBJECT:
            errors["subject"] = "messages.subject_too_long"
    if not body.strip():
        errors["body"] = "messages.body_required"
    elif len(body.strip()) > MAX_BODY:
        errors["body"] = "messages.body_too_long"
    return errors
