"""The submission token's contract between the form and the server."""

from __future__ import annotations

import re

TOKEN_FIELD = "form_nonce"  # noqa: S105  (a field name, not a secret)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def clean_token(raw: object) -> str:
    """The form's token as sent, or "" when it is missing or not one of ours."""
    token = raw if isinstance(raw, str) else ""
    return token if _TOKEN.fullmatch(token) else ""
