"""Opening an account: the e-mail staff registered, a code sent to it, then a password."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from portail_famille.models import UserAccount
from portail_famille.services.signup import complete_sign_up, request_sign_up
from portail_famille.state.code_flow import EmailCodeFlow


class SignUpState(EmailCodeFlow, rx.State):
    _throttle_kind: str = "signup_client"

    def _ask(self, session: Session, email: str, language: str) -> None:
        request_sign_up(session, email, language)

    def _finish(
        self, session: Session, email: str, code: str, password: str, language: str
    ) -> UserAccount:
        return complete_sign_up(session, email, code, password, language)
