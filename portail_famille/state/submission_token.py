"""A fresh submission nonce per rendering of a form: a double tap sends the same nonce twice,
and the server (services/submissions.submit_once) makes one record for it.

The nonce is in the page on purpose and is no secret: it grants nothing, and a claim made with
it is only ever answered to the account that made it."""

from __future__ import annotations

import secrets
from typing import Any

from portail_famille.domain.submissions import TOKEN_FIELD, clean_token


def fresh_token() -> str:
    return secrets.token_urlsafe(24)


def token_of(form: Any) -> str:
    """The token a submitted form carried ("" if none, or not one of ours)."""
    return clean_token(form.get(TOKEN_FIELD, "")) if isinstance(form, dict) else ""
