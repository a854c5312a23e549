"""The hidden field that carries a form's submission token (services/submissions.py)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from portail_famille.domain.submissions import TOKEN_FIELD


def submission_token(token: Any) -> rx.Component:
    """Sent with every submit of the form; the server makes one record per token."""
    return rx.el.input(type="hidden", name=TOKEN_FIELD, value=token, read_only=True)
