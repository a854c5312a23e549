"""Helpers of the account tests: find a demo account, read the code a mail carries."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlmodel import Session, select

from portail_famille.models import UserAccount

NewAccount = Callable[[str], UserAccount]


def account(session: Session, email: str) -> UserAccount:
    return session.exec(select(UserAccount).where(UserAccount.email == email)).one()


def code_in(text: str) -> str:
    """The 6-digit code a mail carries."""
    found = re.search(r"\b(\d{6})\b", text)
    assert found, f"no code in {text!r}"
    return found.group(1)
