"""A forgotten password: a code to the account's address, then a new password."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from portail_famille.models import UserAccount
from portail_famille.services.account_settings import request_password_reset, reset_password
from portail_famille.state.code_flow import EmailCodeFlow


class PasswordResetState(EmailCodeFlow, rx.State):
    _throttle_kind: str = "reset_client"

    def _ask(self, session: Session, email: str, language: str) -> None:
        request_password_reset(session, email, language)

    def _finish(
        self, session: Session, email: str, code: str, password: str, language: str
    ) -> UserAccount:
        return reset_password(session, email, code, password)
