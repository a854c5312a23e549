"""A fresh submission token per rendering of a form: a double tap sends the same token twice,
and the server (services/submissions.submit_once) makes one record for it."""

from __future__ import annotations

import secrets
from typing import Any

from portail_famille.domain.submissions import TOKEN_FIELD, clean_token


def fresh_token() -> str:
    return secrets.token_urlsafe(24)


def token_of(form: Any) -> str:
    """The token a submitted form carried ("" if none, or not one of ours)."""
    return clean_token(form.get(TOKEN_FIELD, "")) if isinstance(form, dict) else ""
